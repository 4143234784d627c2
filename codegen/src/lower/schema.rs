//! Schemas: component and inline schemas turned into Rust types (structs, enums, aliases) and the types fields use.
//!
//! What a schema is, read from the schema alone, is in [`super::shape`];
//! string enums are in [`super::enums`]; unions (`anyOf`/`oneOf`) and merged
//! `allOf` objects are in [`super::compose`].

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::docs::{constraint_docs, non_empty, schema_docs};
use super::enums::listed;
use super::names::case::{short_schema_name, type_name};
use super::refs::SchemaRef;
use super::shape::{Kind, kind, parts};
use crate::error::Pointer;
use crate::ir::{Alias, Ty, TypeDef};

/// The Rust type of a schema used in place, and whether the schema allows `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypeUse {
    /// The type of a value that is not `null`.
    pub(super) ty: Ty,
    /// Whether `null` is allowed too.
    pub(super) nullable: bool,
}

impl TypeUse {
    /// The type of an array item or map value: an `Option` if it may be `null`.
    pub(super) fn or_null(self) -> Ty {
        if self.nullable && self.ty != Ty::Json {
            Ty::Option(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Names every component schema, then defines its type.
    pub(super) fn component_schemas(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        // A short name (`Fax.FaxLog` -> `FaxLog`) is taken only where no
        // component has it as its full name and no earlier one took it, so
        // that shortening one name never renames another.
        let full: BTreeSet<String> = components
            .schemas
            .keys()
            .map(|key| type_name(key))
            .collect();
        for key in components.schemas.keys() {
            let wanted = match short_schema_name(key) {
                Some(short) if !full.contains(&short) && self.type_name_is_free(&short) => short,
                _ => type_name(key),
            };
            if let Some(name) = self.claim_schema_name(&wanted, &base.push(key)) {
                self.component_names.insert(key.clone(), name);
            }
        }
        for (key, schema) in &components.schemas {
            let Some(name) = self.component_names.get(key).cloned() else {
                continue;
            };
            self.define(&name, schema.into(), &base.push(key));
        }
    }

    /// Defines the named type `name` (already claimed) from `schema`.
    pub(super) fn define(&mut self, name: &str, schema: SchemaRef<'a>, pointer: &Pointer) {
        if let SchemaRef::Item(item) = schema {
            match kind(item) {
                Kind::Enum => {
                    let listed = listed(item, pointer);
                    let definition = self.enumeration(
                        name,
                        &item.schema_data,
                        listed,
                        &pointer.push("enum"),
                        None,
                    );
                    self.types.push(TypeDef::Enum(definition));
                    return;
                }
                Kind::Struct if !self.union_covers_object(item) => {
                    if let Some(definition) = self.structure(name, item, pointer) {
                        self.types.push(TypeDef::Struct(definition));
                    }
                    return;
                }
                // A union, or an object whose union members have all its fields.
                Kind::Union | Kind::Struct => {
                    if let Some(used) = self.union(item, pointer, name, true, None)
                        && used.ty != Ty::Named(name.to_owned())
                    {
                        self.alias(name, Some(item), used.ty);
                    }
                    return;
                }
                Kind::PassThrough(_) | Kind::Other => {}
            }
        }
        if let Some(used) = self.ty(schema, pointer, name) {
            self.alias(name, schema.item(), used.ty);
        }
    }

    /// Defines `name` as another name of `ty`.
    fn alias(&mut self, name: &str, schema: Option<&Schema>, ty: Ty) {
        let docs = schema
            .map(|s| schema_docs(&s.schema_data))
            .unwrap_or_default();
        let mut docs = non_empty(docs, || format!("`{name}` as the API document names it."));
        let constraints = schema
            .map(|s| constraint_docs(SchemaRef::Item(s)))
            .unwrap_or_default();
        if !constraints.is_empty() {
            docs.push(String::new());
            docs.extend(constraints);
        }
        self.types.push(TypeDef::Alias(Alias {
            name: name.to_owned(),
            docs,
            ty,
            twin: None,
        }));
    }

    /// Names (`wanted`, numbered if taken) and defines an inline schema.
    fn define_inline(&mut self, wanted: &str, schema: &'a Schema, pointer: &Pointer) -> Option<Ty> {
        let name = self.claim_schema_name(wanted, pointer)?;
        self.define(&name, SchemaRef::Item(schema), pointer);
        Some(Ty::Named(name))
    }

    /// The Rust type of a schema used in place, and whether it is nullable.
    /// `context` names an inline object, enum or union that needs a type of its own.
    pub(super) fn ty(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        context: &str,
    ) -> Option<TypeUse> {
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                let target = self.resolve_schema(reference, pointer)?;
                return Some(TypeUse {
                    ty: Ty::Named(target.name),
                    nullable: target.schema.is_some_and(is_nullable),
                });
            }
            SchemaRef::Item(schema) => schema,
        };
        let nullable = is_nullable(schema);
        match kind(schema) {
            Kind::Enum | Kind::Struct if !self.union_covers_object(schema) => {
                let ty = self.define_inline(context, schema, pointer)?;
                Some(TypeUse { ty, nullable })
            }
            Kind::Enum | Kind::Struct | Kind::Union => {
                let used = self.union(schema, pointer, context, false, None)?;
                Some(TypeUse {
                    ty: used.ty,
                    nullable: nullable || used.nullable,
                })
            }
            Kind::PassThrough(member) => {
                let index = parts(schema)
                    .all_of
                    .iter()
                    .position(|m| std::ptr::eq(m, member))
                    .unwrap_or_default();
                let inner = self.ty(
                    member.into(),
                    &pointer.push("allOf").push(&index.to_string()),
                    context,
                )?;
                Some(TypeUse {
                    ty: inner.ty,
                    nullable: nullable || inner.nullable,
                })
            }
            Kind::Other => self.value_ty(schema, pointer, context, nullable),
        }
    }

    /// The Rust type of a schema that becomes no item of its own: a map, a
    /// primitive, an array or a free-form value (`nullable` if it allows `null`).
    fn value_ty(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        context: &str,
        nullable: bool,
    ) -> Option<TypeUse> {
        if let Some(object) = parts(schema).object {
            let ty = match object.additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.ty(
                        value.as_ref().into(),
                        &pointer.push("additionalProperties"),
                        &format!("{context}Value"),
                    )?;
                    Ty::Map(Box::new(value.or_null()))
                }
                _ => Ty::Json,
            };
            return Some(TypeUse { ty, nullable });
        }
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Ty::Uuid,
                _ => Ty::String,
            },
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => self
                        .ty(
                            items.into(),
                            &pointer.push("items"),
                            &format!("{context}Item"),
                        )?
                        .or_null(),
                    None => Ty::Json,
                };
                Ty::Array(Box::new(item))
            }
            SchemaKind::Type(Type::Object(_)) => Ty::Json,
            SchemaKind::Not { .. } => return self.unsupported(pointer, "`not`"),
            SchemaKind::AllOf { .. } | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                // Members that only constrain: any value.
                Ty::Json
            }
            SchemaKind::Any(any) => {
                self.check_enum_list(pointer, any.typ.as_deref(), &any.enumeration)?;
                match any.typ.as_deref() {
                    None => Ty::Json,
                    // Only `null`: a value that is always absent or `null`.
                    Some("null") => {
                        return Some(TypeUse {
                            ty: Ty::Json,
                            nullable: true,
                        });
                    }
                    Some(other) => {
                        return self.unsupported(
                            pointer,
                            format!("a schema of type `{other}` with these keywords"),
                        );
                    }
                }
            }
        };
        Some(TypeUse { ty, nullable })
    }

    /// The type an alias stands for (`BookId` -> `Uuid`), through chains of
    /// aliases; any other type as it is.
    pub(super) fn unaliased(&self, mut ty: Ty) -> Ty {
        // Bounded, in case aliases refer to each other in a circle.
        for _ in 0..self.types.len() {
            let Ty::Named(name) = &ty else { break };
            let target = self.types.iter().find_map(|t| match t {
                TypeDef::Alias(alias) if alias.name == *name => Some(alias.ty.clone()),
                _ => None,
            });
            match target {
                Some(target) => ty = target,
                None => break,
            }
        }
        ty
    }
}

pub(super) fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
        || matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_none))
}
