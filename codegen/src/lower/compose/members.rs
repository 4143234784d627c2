//! Union members: the variant name each member gets and the rank that orders decoding.

use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::MAX_DEPTH;
use crate::lower::Lowerer;
use crate::lower::enums::string_enum;
use crate::lower::names::case::type_name;
use crate::lower::refs::SchemaRef;
use crate::lower::shape::{Kind, kind, parts};

/// The [`Lowerer::rank`] of objects and unions.
pub(super) const OBJECTS: u8 = 8;

impl<'a> Lowerer<'a> {
    /// The variant name of a union member: the referenced type's name, the
    /// member's title, or its kind (`Integer`, `String`, `Array`, `Object`, ...).
    pub(super) fn member_name(&self, member: SchemaRef<'a>, depth: usize) -> String {
        let schema = match member {
            SchemaRef::Ref(reference) => {
                let key = reference.rsplit('/').next().unwrap_or_default();
                let key = key.replace("~1", "/").replace("~0", "~");
                return self
                    .component_names
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| "Value".to_owned());
            }
            SchemaRef::Item(schema) => schema,
        };
        if let Some(title) = &schema.schema_data.title {
            let name = type_name(title);
            if !name.is_empty() {
                return name;
            }
        }
        let name = match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => "Boolean",
            SchemaKind::Type(Type::Integer(_)) => "Integer",
            SchemaKind::Type(Type::Number(_)) => "Number",
            SchemaKind::Type(Type::String(string)) if string.enumeration.is_empty() => {
                match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "DateTime",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "Date",
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => "Uuid",
                    _ => "String",
                }
            }
            SchemaKind::Type(Type::String(_)) => "Enum",
            SchemaKind::Type(Type::Array(_)) => "Array",
            _ => match kind(schema) {
                Kind::Struct => "Object",
                Kind::Union => "Union",
                Kind::PassThrough(member) if depth < MAX_DEPTH => {
                    return self.member_name(member.into(), depth + 1);
                }
                _ if parts(schema).object.is_some() => "Map",
                _ => "Value",
            },
        };
        name.to_owned()
    }

    /// Where a member comes in the order union members are tried (lower first).
    pub(super) fn rank(&self, member: SchemaRef<'a>, depth: usize) -> u8 {
        let schema = match member {
            SchemaRef::Ref(reference) => match self.referenced_schema(reference) {
                Some(schema) => schema,
                None => return 8,
            },
            SchemaRef::Item(schema) => schema,
        };
        if string_enum(schema).is_some() {
            return 4;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Boolean(_)) => 0,
            SchemaKind::Type(Type::Integer(_)) => 1,
            SchemaKind::Type(Type::Number(_)) => 2,
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime | StringFormat::Date) => 3,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => 3,
                _ => 5,
            },
            SchemaKind::Type(Type::Array(_)) => 6,
            _ => match kind(schema) {
                Kind::PassThrough(member) if depth < MAX_DEPTH => {
                    self.rank(member.into(), depth + 1)
                }
                Kind::Struct | Kind::Union | Kind::Enum | Kind::PassThrough(_) => 8,
                Kind::Other if parts(schema).object.is_some() => 7,
                Kind::Other => 9,
            },
        }
    }
}
