//! Schemas: component and inline schemas turned into Rust types (structs, enums, aliases) and the types fields use.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::docs::{non_empty, schema_docs, value_meanings, variant_docs};
use super::names::{name_methods, unique};
use super::refs::SchemaRef;
use crate::error::{Error, Pointer};
use crate::ir::{Alias, Enum, Field, Presence, Struct, Ty, TypeDef, Variant};
use crate::naming::{snake_name, type_name, variant_name};

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
    fn or_null(self) -> Ty {
        if self.nullable && self.ty != Ty::Json {
            Ty::Option(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// The object part of a schema, whichever way the model stored it.
struct ObjectShape<'a> {
    properties: Vec<(&'a String, SchemaRef<'a>)>,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
}

impl<'a> Lowerer<'a> {
    /// Names every component schema, then defines its type.
    pub(super) fn component_schemas(&mut self) {
        let Some(components) = &self.document.components else {
            return;
        };
        let base = Pointer::root().push("components").push("schemas");
        for key in components.schemas.keys() {
            let name = type_name(key);
            if self.claim_type_name(&name, &base.push(key)) {
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
    fn define(&mut self, name: &str, schema: SchemaRef<'a>, pointer: &Pointer) {
        let item = match schema {
            SchemaRef::Ref(_) => None,
            SchemaRef::Item(item) => Some(item),
        };
        if let Some(item) = item {
            if let Some(values) = string_enum(item) {
                let definition = self.enumeration(name, &item.schema_data, values, pointer);
                self.types.push(TypeDef::Enum(definition));
                return;
            }
            if let Some(shape) = object_shape(item)
                && !shape.properties.is_empty()
            {
                let definition = self.structure(name, &item.schema_data, &shape, pointer);
                self.types.push(TypeDef::Struct(definition));
                return;
            }
        }
        let docs = item
            .map(|i| schema_docs(&i.schema_data))
            .unwrap_or_default();
        if let Some(used) = self.ty(schema, pointer, name) {
            let docs = non_empty(docs, || format!("`{name}` as the API document names it."));
            self.types.push(TypeDef::Alias(Alias {
                name: name.to_owned(),
                docs,
                ty: used.ty,
            }));
        }
    }

    /// Names and defines an inline object or enum schema.
    fn define_inline(&mut self, name: &str, schema: &'a Schema, pointer: &Pointer) -> Option<Ty> {
        if !self.claim_type_name(name, pointer) {
            return None;
        }
        self.define(name, SchemaRef::Item(schema), pointer);
        Some(Ty::Named(name.to_owned()))
    }

    /// The Rust type of a schema used in place, and whether it is nullable.
    /// `context` names an inline object or enum that needs a type of its own.
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
        if string_enum(schema).is_some() {
            let ty = self.define_inline(context, schema, pointer)?;
            return Some(TypeUse { ty, nullable });
        }
        if let Some(shape) = object_shape(schema) {
            if !shape.properties.is_empty() {
                let ty = self.define_inline(context, schema, pointer)?;
                return Some(TypeUse { ty, nullable });
            }
            let ty = match shape.additional {
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
            SchemaKind::Type(Type::Number(_)) => Ty::F64,
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
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let inner = self.ty(
                    (&all_of[0]).into(),
                    &pointer.push("allOf").push("0"),
                    context,
                )?;
                return Some(TypeUse {
                    ty: inner.ty,
                    nullable: nullable || inner.nullable,
                });
            }
            SchemaKind::AllOf { .. } => {
                return self.unsupported(pointer, "`allOf` with more than one schema");
            }
            SchemaKind::OneOf { .. } => return self.unsupported(pointer, "`oneOf`"),
            SchemaKind::AnyOf { .. } => {
                return self.unsupported(pointer, "`anyOf` other than a union with `null`");
            }
            SchemaKind::Not { .. } => return self.unsupported(pointer, "`not`"),
            SchemaKind::Any(any) => {
                if any.all_of.len() == 1 && any.one_of.is_empty() && any.any_of.is_empty() {
                    let inner = self.ty(
                        (&any.all_of[0]).into(),
                        &pointer.push("allOf").push("0"),
                        context,
                    )?;
                    return Some(TypeUse {
                        ty: inner.ty,
                        nullable: nullable || inner.nullable,
                    });
                }
                if !any.all_of.is_empty() || !any.one_of.is_empty() || !any.any_of.is_empty() {
                    return self
                        .unsupported(pointer, "a schema that mixes `allOf`, `oneOf` or `anyOf`");
                }
                if let Some(problem) = enum_problem(any.typ.as_deref(), &any.enumeration) {
                    return self.report(pointer, problem);
                }
                match any.typ.as_deref() {
                    None => Ty::Json,
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

    fn structure(
        &mut self,
        name: &str,
        data: &SchemaData,
        shape: &ObjectShape<'a>,
        pointer: &Pointer,
    ) -> Struct {
        for required in shape.required {
            if !shape.properties.iter().any(|(key, _)| *key == required) {
                self.diagnostics.invalid(
                    &pointer.push("required"),
                    format!("`{required}` is required but is not a property"),
                );
            }
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut field_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (key, schema) in &shape.properties {
            let field_pointer = pointer.push("properties").push(key);
            let field_name = snake_name(key);
            if let Some(first) = field_names.get(&field_name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: field_pointer.clone(),
                    name: field_name,
                    first: first.clone(),
                });
                continue;
            }
            field_names.insert(field_name.clone(), field_pointer.clone());
            self.record(format!("{name}::{field_name}"), &field_pointer);
            let context = format!("{name}{}", type_name(key));
            let Some(used) = self.ty(*schema, &field_pointer, &context) else {
                continue;
            };
            let required = shape.required.contains(key);
            let presence = match (required, used.nullable) {
                (true, false) => Presence::Required,
                (false, false) => Presence::Optional,
                (true, true) => Presence::RequiredNullable,
                (false, true) => Presence::OptionalNullable,
            };
            let docs = non_empty(self.property_docs(*schema), || {
                format!("The `{key}` property.")
            });
            fields.push(Field {
                name: field_name,
                wire: (*key).clone(),
                docs,
                ty: used.ty,
                presence,
                setter: String::new(),
                clearer: None,
            });
        }
        name_methods(&mut fields);
        Struct {
            name: name.to_owned(),
            docs: non_empty(schema_docs(data), || format!("The `{name}` object.")),
            fields,
        }
    }

    fn enumeration(
        &mut self,
        name: &str,
        data: &SchemaData,
        values: Vec<&'a str>,
        pointer: &Pointer,
    ) -> Enum {
        let meanings = value_meanings(data.description.as_deref().unwrap_or_default());
        let mut variants: Vec<Variant> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for (index, value) in values.iter().enumerate() {
            if variants.iter().any(|v| v.wire == *value) {
                self.diagnostics.invalid(
                    &pointer.push("enum").push(&index.to_string()),
                    format!("the value `{value}` is listed twice"),
                );
                continue;
            }
            let variant = unique(&mut taken, &variant_name(value));
            self.record(
                format!("{name}::{variant}"),
                &pointer.push("enum").push(&index.to_string()),
            );
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
        self.record(format!("{name}::{unknown}"), &pointer.push("enum"));
        let default = data
            .default
            .as_ref()
            .and_then(|d| d.as_str())
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        let mut docs = non_empty(schema_docs(data), || format!("The `{name}` values."));
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

fn is_nullable(schema: &Schema) -> bool {
    schema.schema_data.nullable
        || matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_none))
}

/// The listed values of a string enum schema.
fn string_enum(schema: &Schema) -> Option<Vec<&str>> {
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

fn object_shape(schema: &Schema) -> Option<ObjectShape<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(ObjectShape {
            properties: object
                .properties
                .iter()
                .map(|(k, v)| (k, v.into()))
                .collect(),
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        }),
        SchemaKind::Any(any)
            if any.typ.is_none()
                && !any.properties.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty() =>
        {
            Some(ObjectShape {
                properties: any.properties.iter().map(|(k, v)| (k, v.into())).collect(),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            })
        }
        _ => None,
    }
}
