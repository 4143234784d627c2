//! String enums: the values a schema lists, the open enum they become, and the problems of an `enum` list.

use std::collections::BTreeSet;

use openapiv3::{Schema, SchemaData, SchemaKind, Type};

use super::Lowerer;
use super::docs::{schema_docs, value_meanings, variant_docs, without_value_list};
use super::names::unique;
use crate::error::Pointer;
use crate::ir::{Docs, Enum, TypeDef, Variant};
use crate::lower::names::case::variant_name;

/// One listed value of a string enum and the place it is listed.
pub(super) struct Listed<'a> {
    pub(super) value: &'a str,
    pub(super) pointer: Pointer,
}

impl<'a> Lowerer<'a> {
    /// An open enum of the `values` listed at their places; `unknown_at` is
    /// where the catch-all variant is recorded. A value listed twice is reported.
    /// `docs`, if given, replaces the docs of the schema (`data`).
    pub(super) fn enumeration(
        &mut self,
        name: &str,
        data: &SchemaData,
        values: Vec<Listed<'a>>,
        unknown_at: &Pointer,
        docs: Option<Docs>,
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
        let unknown = unknown_variant_name(&mut taken);
        self.record(format!("{name}::{unknown}"), unknown_at);
        let default = data
            .default
            .as_ref()
            .and_then(|d| d.as_str())
            .and_then(|d| variants.iter().position(|v| v.wire == d));
        // The note on values the client does not know is the runtime's
        // `open_enum!` to add, after these.
        let docs = docs.unwrap_or_else(|| {
            // The variants carry the meanings the description lists; the type's
            // docs keep the prose around the list, so each meaning shows once.
            match &data.description {
                Some(description) if !meanings.is_empty() => without_value_list(description),
                // Said from its uses when empty (`lower::uses`).
                _ => schema_docs(data),
            }
        });
        Enum {
            name: name.to_owned(),
            docs,
            variants,
            unknown,
            default,
        }
    }

    /// Whether the `enum` of the schema at `pointer`, one the model could not
    /// read as a typed schema, fits its `type`; `None` once its problem is reported.
    pub(super) fn check_enum_list(
        &mut self,
        pointer: &Pointer,
        typ: Option<&str>,
        values: &[serde_json::Value],
    ) -> Option<()> {
        let Some(problem) = enum_problem(typ, values) else {
            return Some(());
        };
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

/// The name of the variant that keeps a value the API document does not
/// list (of an open enum, or of a union by its `discriminator`), given the
/// variant names `taken` so far.
pub(super) fn unknown_variant_name(taken: &mut BTreeSet<String>) -> String {
    ["Unknown", "Unlisted", "Other"]
        .into_iter()
        .find(|candidate| !taken.contains(*candidate))
        .map(str::to_owned)
        .unwrap_or_else(|| unique(taken, "Unknown"))
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
