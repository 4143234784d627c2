//! Schemas: component and inline schemas turned into Rust types (structs, enums, aliases) and the types fields use.
//!
//! Unions (`anyOf`/`oneOf`) and merged `allOf` objects are in [`super::compose`].

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::docs::{
    constraint_docs, non_empty, schema_docs, value_meanings, variant_docs, without_value_list,
};
use super::names::unique;
use super::refs::SchemaRef;
use crate::error::Pointer;
use crate::ir::{Alias, Enum, Ty, TypeDef, Variant};
use crate::naming::variant_name;

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

/// One listed value of a string enum and the place it is listed.
pub(super) struct Listed<'a> {
    pub(super) value: &'a str,
    pub(super) pointer: Pointer,
}

/// What Rust item a schema becomes, read from the schema alone.
pub(super) enum Kind<'a> {
    /// A string enum.
    Enum,
    /// A struct: properties, `allOf` objects merged, or both with a union.
    Struct,
    /// An `anyOf`/`oneOf` of distinct members.
    Union,
    /// An `allOf` of one schema: that schema (with this one's docs).
    PassThrough(&'a ReferenceOr<Schema>),
    /// A primitive, array, map or free-form value.
    Other,
}

/// The composition keywords and the object part of a schema, whichever way the model stored them.
pub(super) struct Parts<'a> {
    pub(super) all_of: &'a [ReferenceOr<Schema>],
    /// The union members and their keyword (`oneOf` or `anyOf`).
    pub(super) one_of: &'a [ReferenceOr<Schema>],
    pub(super) any_of: &'a [ReferenceOr<Schema>],
    /// Properties, `required` and `additionalProperties`, when the schema is an object.
    pub(super) object: Option<ObjectPart<'a>>,
}

/// The object keywords of a schema.
pub(super) struct ObjectPart<'a> {
    pub(super) properties: Vec<(&'a String, SchemaRef<'a>)>,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
}

impl ObjectPart<'_> {
    /// Whether the object names properties (otherwise it is a map or free-form).
    fn has_properties(&self) -> bool {
        !self.properties.is_empty()
    }
}

pub(super) fn parts(schema: &Schema) -> Parts<'_> {
    let empty: &[ReferenceOr<Schema>] = &[];
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Parts {
            all_of: empty,
            one_of: empty,
            any_of: empty,
            object: Some(ObjectPart {
                properties: object
                    .properties
                    .iter()
                    .map(|(k, v)| (k, v.into()))
                    .collect(),
                required: &object.required,
                additional: object.additional_properties.as_ref(),
            }),
        },
        SchemaKind::AllOf { all_of } => Parts {
            all_of,
            one_of: empty,
            any_of: empty,
            object: None,
        },
        SchemaKind::OneOf { one_of } => Parts {
            all_of: empty,
            one_of,
            any_of: empty,
            object: None,
        },
        SchemaKind::AnyOf { any_of } => Parts {
            all_of: empty,
            one_of: empty,
            any_of,
            object: None,
        },
        SchemaKind::Any(any) => Parts {
            all_of: &any.all_of,
            one_of: &any.one_of,
            any_of: &any.any_of,
            object: (matches!(any.typ.as_deref(), None | Some("object"))
                && (!any.properties.is_empty()
                    || !any.required.is_empty()
                    || any.additional_properties.is_some()))
            .then(|| ObjectPart {
                properties: any.properties.iter().map(|(k, v)| (k, v.into())).collect(),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            }),
        },
        _ => Parts {
            all_of: empty,
            one_of: empty,
            any_of: empty,
            object: None,
        },
    }
}

/// A schema that only constrains values another member describes (`required`,
/// `not`, property counts) and so adds nothing to a Rust type.
pub(super) fn is_constraint_only(member: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = member else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Not { .. } => true,
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.additional_properties.is_none()
                && any.format.is_none()
                && (!any.required.is_empty()
                    || any.not.is_some()
                    || any.min_properties.is_some()
                    || any.max_properties.is_some())
        }
        _ => false,
    }
}

/// A schema that allows only `null` (`type: null`, whatever it documents beside).
pub(super) fn is_null(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema)
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.as_deref() == Some("null")))
}

/// The members of a schema's union (`oneOf` or `anyOf`) that describe a value,
/// with their index and keyword.
pub(super) fn union_members(parts: &Parts<'_>) -> Vec<(usize, &'static str)> {
    let (members, keyword) = if parts.one_of.is_empty() {
        (parts.any_of, "anyOf")
    } else {
        (parts.one_of, "oneOf")
    };
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| !is_constraint_only(m) && !is_null(m))
        .map(|(index, _)| (index, keyword))
        .collect()
}

/// What a schema becomes, decided by the schema alone (no lowering, no errors).
pub(super) fn kind(schema: &Schema) -> Kind<'_> {
    if string_enum(schema).is_some() {
        return Kind::Enum;
    }
    let parts = parts(schema);
    let unions = !union_members(&parts).is_empty();
    let all: Vec<&ReferenceOr<Schema>> = parts
        .all_of
        .iter()
        .filter(|m| !is_constraint_only(m))
        .collect();
    let own = parts
        .object
        .as_ref()
        .is_some_and(ObjectPart::has_properties);
    if unions && (!all.is_empty() || own) {
        Kind::Struct
    } else if unions {
        Kind::Union
    } else if all.len() >= 2 || (all.len() == 1 && own) {
        Kind::Struct
    } else if let [only] = all.as_slice() {
        Kind::PassThrough(only)
    } else if own {
        Kind::Struct
    } else {
        Kind::Other
    }
}

impl<'a> Lowerer<'a> {
    /// Names every component schema, then defines its type.
    pub(super) fn component_schemas(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        for key in components.schemas.keys() {
            let wanted = crate::naming::type_name(key);
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
                    let definition =
                        self.enumeration(name, &item.schema_data, listed, &pointer.push("enum"));
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
                return Some(TypeUse { ty, nullable });
            }
            Kind::Enum | Kind::Struct | Kind::Union => {
                let used = self.union(schema, pointer, context, false, None)?;
                return Some(TypeUse {
                    ty: used.ty,
                    nullable: nullable || used.nullable,
                });
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
                return Some(TypeUse {
                    ty: inner.ty,
                    nullable: nullable || inner.nullable,
                });
            }
            Kind::Other => {}
        }
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
                if let Some(problem) = enum_problem(any.typ.as_deref(), &any.enumeration) {
                    return self.report(pointer, problem);
                }
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

    /// An open enum of the `values` listed at their places; `unknown_at` is
    /// where the catch-all variant is recorded. A value listed twice is reported.
    pub(super) fn enumeration(
        &mut self,
        name: &str,
        data: &SchemaData,
        values: Vec<Listed<'a>>,
        unknown_at: &Pointer,
    ) -> Enum {
        let meanings = value_meanings(data.description.as_deref().unwrap_or_default());
        let mut variants: Vec<Variant> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for Listed { value, pointer } in &values {
            if variants.iter().any(|v| v.wire == *value) {
                self.diagnostics
                    .invalid(pointer, format!("the value `{value}` is listed twice"));
                continue;
            }
            let variant = unique(&mut taken, &variant_name(value));
            self.record(format!("{name}::{variant}"), pointer);
            variants.push(Variant {
                name: variant,
                wire: (*value).to_owned(),
                docs: variant_docs(&meanings, value),
            });
        }
        let unknown = ["Unknown", "Unlisted", "Other"]
            .into_iter()
            .find(|candidate| !taken.contains(*candidate))
            .map(str::to_owned)
            .unwrap_or_else(|| unique(&mut taken, "Unknown"));
        self.record(format!("{name}::{unknown}"), unknown_at);
        let default = data
            .default
            .as_ref()
            .and_then(|d| d.as_str())
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        // The variants carry the meanings the description lists; the type's
        // docs keep the prose around the list, so each meaning shows once.
        let own = match &data.description {
            Some(description) if !meanings.is_empty() => without_value_list(description),
            _ => schema_docs(data),
        };
        let mut docs = non_empty(own, || format!("The `{name}` values."));
        docs.push(String::new());
        docs.push(format!(
            "Values this version of the client does not know yet decode to [`{name}::{unknown}`] \
             and are sent back unchanged, so a new value on the server never breaks a response."
        ));
        Enum {
            name: name.to_owned(),
            docs,
            variants,
            unknown,
            default,
        }
    }

    /// Reports an `enum` problem at `pointer`, the schema; `None`.
    fn report<T>(&mut self, pointer: &Pointer, problem: EnumProblem) -> Option<T> {
        match problem {
            EnumProblem::NotOfType { index, value, typ } => self.diagnostics.invalid(
                &pointer.push("enum").push(&index.to_string()),
                format!("the value `{value}` is not of the schema's type `{typ}`"),
            ),
            EnumProblem::Mixed(kinds) => self.diagnostics.unsupported(
                &pointer.push("enum"),
                format!("an `enum` without a `type` whose values are of several types ({kinds})"),
            ),
        }
        None
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

    /// Whether `name` is a generated string enum.
    pub(super) fn is_enum(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| matches!(t, TypeDef::Enum(e) if e.name == name))
    }
}

/// A problem of the `enum` of a schema the model could not read as a typed
/// schema: a value not of the schema's `type` (the first one), or, without
/// a `type`, values of several JSON types (which no one Rust type holds).
fn enum_problem(typ: Option<&str>, values: &[serde_json::Value]) -> Option<EnumProblem> {
    let kind = |value: &serde_json::Value| match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    };
    match typ {
        Some(typ @ ("string" | "integer" | "number" | "boolean")) => {
            let fits = |value: &serde_json::Value| {
                let found = kind(value);
                found == typ || found == "null" || (typ == "number" && found == "integer")
            };
            let index = values.iter().position(|v| !fits(v))?;
            Some(EnumProblem::NotOfType {
                index,
                value: values[index].to_string(),
                typ: typ.to_owned(),
            })
        }
        Some(_) => None,
        None => {
            // Integers and other numbers both fit an `f64`.
            let mut kinds: Vec<&str> = values
                .iter()
                .map(|v| match kind(v) {
                    "integer" => "number",
                    other => other,
                })
                .filter(|k| *k != "null")
                .collect();
            kinds.sort_unstable();
            kinds.dedup();
            (kinds.len() > 1).then(|| EnumProblem::Mixed(kinds.join(", ")))
        }
    }
}

/// What is wrong with an `enum` list.
enum EnumProblem {
    /// The value at `index` is not of the schema's `type`.
    NotOfType {
        index: usize,
        value: String,
        typ: String,
    },
    /// The values are of these several JSON types.
    Mixed(String),
}

pub(super) fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
        || matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_none))
}

/// The listed values of a string enum schema.
pub(super) fn string_enum(schema: &Schema) -> Option<Vec<&str>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => Some(
            string
                .enumeration
                .iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        ),
        _ => None,
    }
}

/// The values of a string enum schema at `pointer`, each with its place.
pub(super) fn listed<'a>(schema: &'a Schema, pointer: &Pointer) -> Vec<Listed<'a>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string
            .enumeration
            .iter()
            .enumerate()
            .filter_map(|(index, value)| {
                Some(Listed {
                    value: value.as_deref()?,
                    pointer: pointer.push("enum").push(&index.to_string()),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}
