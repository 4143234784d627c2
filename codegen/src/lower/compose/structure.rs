//! Structs: the fields of an object merged from its properties and `allOf` members, its `additionalProperties` and the union beside them.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, Schema};

use super::members::OBJECTS;
use super::merge::Merged;
use crate::error::Pointer;
use crate::ir::{Field, Presence, Struct, Ty};
use crate::lower::Lowerer;
use crate::lower::docs::{constraint_docs, non_empty, schema_docs};
use crate::lower::names::{name_methods, unique};
use crate::lower::refs::SchemaRef;
use crate::lower::schema::TypeUse;
use crate::lower::shape::{parts, union_members};
use crate::naming::{snake_name, type_name};

impl<'a> Lowerer<'a> {
    /// A struct named `name` from `schema`: its properties and those of every
    /// `allOf` member, merged; a union beside them becomes a flattened field.
    pub(in crate::lower) fn structure(
        &mut self,
        name: &str,
        schema: &'a Schema,
        pointer: &Pointer,
    ) -> Option<Struct> {
        let mut merged = Merged::default();
        self.merge(
            SchemaRef::Item(schema),
            pointer,
            &mut merged,
            &mut Vec::new(),
        );
        for (required, at) in &merged.required {
            if !merged.properties.iter().any(|p| p.key == *required) && merged.union.is_none() {
                self.diagnostics.invalid(
                    &at.push("required"),
                    format!("`{required}` is required but is not a property"),
                );
            }
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for property in &merged.properties {
            let key = property.key;
            let field_name = unique(&mut taken, &snake_name(key));
            self.record(format!("{name}::{field_name}"), &property.pointer);
            let context = format!("{name}{}", type_name(key));
            let Some(used) = self.ty(property.schema, &property.pointer, &context) else {
                continue;
            };
            let required = merged.required.iter().any(|(r, _)| *r == key);
            let presence = match (required, used.nullable) {
                (true, false) => Presence::Required,
                (false, false) => Presence::Optional,
                (true, true) => Presence::RequiredNullable,
                (false, true) => Presence::OptionalNullable,
            };
            let mut docs = non_empty(self.property_docs(property.schema), || {
                format!("The `{key}` property.")
            });
            let constraints = constraint_docs(property.schema);
            if !constraints.is_empty() {
                docs.push(String::new());
                docs.extend(constraints);
            }
            if field_name != key && field_name.trim_end_matches('_') == key {
                // `resp.type` does not compile; say what the field is called in
                // JSON and why its Rust name differs.
                docs.push(String::new());
                docs.push(format!(
                    "In JSON: `{key}`, a Rust keyword, hence the trailing `_` in Rust."
                ));
            }
            fields.push(Field {
                name: field_name,
                wire: key.to_owned(),
                docs,
                ty: used.ty,
                presence,
                setter: String::new(),
                clearer: None,
                flatten: false,
            });
        }
        if let Some((additional, at)) = merged.additional
            && !merged.properties.is_empty()
        {
            let at = at.push("additionalProperties");
            let value = match additional {
                AdditionalProperties::Any(true) => Some(Ty::Json),
                AdditionalProperties::Any(false) => None,
                AdditionalProperties::Schema(value) => self
                    .ty(value.as_ref().into(), &at, &format!("{name}Value"))
                    .map(TypeUse::or_null),
            };
            if let Some(value) = value {
                let field_name = unique(&mut taken, "additional_properties");
                self.record(format!("{name}::{field_name}"), &at);
                fields.push(Field {
                    name: field_name,
                    wire: String::new(),
                    docs: vec![
                        "The properties the API document does not name, by name.".to_owned(),
                    ],
                    ty: Ty::Map(Box::new(value)),
                    presence: Presence::Optional,
                    setter: String::new(),
                    clearer: None,
                    flatten: true,
                });
            }
        }
        if let Some((holder, at)) = merged.union {
            let keyword = if parts(holder).one_of.is_empty() {
                "anyOf"
            } else {
                "oneOf"
            };
            let context = format!("{name}{}", type_name(keyword));
            let docs = vec![format!(
                "The shapes `{name}` may take beyond the fields it always has (its `{keyword}`)."
            )];
            let holder_parts = parts(holder);
            let all = if holder_parts.one_of.is_empty() {
                holder_parts.any_of
            } else {
                holder_parts.one_of
            };
            let objects = union_members(&holder_parts)
                .iter()
                .all(|(index, _)| self.rank((&all[*index]).into(), 0) == OBJECTS);
            if objects && let Some(used) = self.union(holder, &at, &context, false, Some(docs)) {
                if matches!(&used.ty, Ty::Named(_)) {
                    let field_name = unique(&mut taken, &snake_name(keyword));
                    self.record(format!("{name}::{field_name}"), &at.push(keyword));
                    fields.push(Field {
                        name: field_name,
                        wire: String::new(),
                        docs: vec![format!(
                            "Which of the shapes of its `{keyword}` the value has; its \
                             properties sit in the same object as the other fields."
                        )],
                        ty: used.ty,
                        presence: Presence::Required,
                        setter: String::new(),
                        clearer: None,
                        flatten: true,
                    });
                }
            } else if !objects {
                self.diagnostics.unsupported(
                    &at.push(keyword),
                    format!("`{keyword}` beside properties whose members are not all objects"),
                );
            }
        }
        name_methods(&mut fields);
        let required = self.required_arguments(name, &fields, pointer)?;
        Some(Struct {
            name: name.to_owned(),
            docs: non_empty(schema_docs(&schema.schema_data), || {
                format!("The `{name}` object.")
            }),
            fields,
            required,
        })
    }

    /// The name of the struct `new` takes for the required fields of the
    /// struct `name`: one when there are two or more, so that each value is
    /// named at the call site; `None` inside when one or none is required.
    /// The outer `None` means the name could not be claimed (reported).
    pub(in crate::lower) fn required_arguments(
        &mut self,
        name: &str,
        fields: &[Field],
        pointer: &Pointer,
    ) -> Option<Option<String>> {
        let required_count = fields
            .iter()
            .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
            .count();
        if required_count >= 2 {
            Some(Some(
                self.claim_schema_name(&format!("{name}Required"), pointer)?,
            ))
        } else {
            Some(None)
        }
    }
}
