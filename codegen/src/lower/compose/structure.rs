//! Structs: the fields of an object merged from its properties and `allOf` members, its `additionalProperties` and the union beside them.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, Schema};

use super::members::OBJECTS;
use super::merge::{Merged, Property};
use crate::error::Pointer;
use crate::ir::{Docs, Field, Presence, Struct, Ty};
use crate::lower::Lowerer;
use crate::lower::docs::{constraint_docs, non_empty, schema_docs};
use crate::lower::names::case::{inline_name, snake_name, type_name};
use crate::lower::names::{name_methods, unique};
use crate::lower::refs::SchemaRef;
use crate::lower::schema::TypeUse;
use crate::lower::shape::{parts, union_members};

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
        self.check_required(&merged);
        let mut fields: Vec<Field> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for property in &merged.properties {
            fields.extend(self.property_field(name, property, &merged.required, &mut taken));
        }
        if let Some((additional, at)) = merged.additional
            && !merged.properties.is_empty()
        {
            fields.extend(self.additional_field(name, additional, &at, &mut taken));
        }
        if let Some((holder, at)) = merged.union {
            fields.extend(self.union_field(name, holder, &at, &mut taken));
        }
        name_methods(&mut fields);
        let required = self.required_arguments(name, &fields, pointer)?;
        Some(Struct {
            name: name.to_owned(),
            // Said from its uses when empty (`lower::uses`).
            docs: schema_docs(&schema.schema_data),
            fields,
            required,
        })
    }

    /// Reports each `required` name that no merged property has, unless a
    /// union beside the properties may have it.
    fn check_required(&mut self, merged: &Merged<'a>) {
        if merged.union.is_some() {
            return;
        }
        for (required, at) in &merged.required {
            if !merged.properties.iter().any(|p| p.key == *required) {
                self.diagnostics.invalid(
                    &at.push("required"),
                    format!("`{required}` is required but is not a property"),
                );
            }
        }
    }

    /// The field of the struct `name` for `property`, named apart from the
    /// field names `taken`; `None` if its schema does not lower (reported).
    fn property_field(
        &mut self,
        name: &str,
        property: &Property<'a>,
        required: &[(&str, Pointer)],
        taken: &mut BTreeSet<String>,
    ) -> Option<Field> {
        let key = property.key;
        let field_name = unique(taken, &snake_name(key));
        self.record(format!("{name}::{field_name}"), &property.pointer);
        let context = inline_name(name, key, property.schema.is_inline_array());
        let used = self.ty(property.schema, &property.pointer, &context)?;
        let required = required.iter().any(|(r, _)| *r == key);
        let docs = self.field_docs(key, &field_name, property.schema, property.described_by);
        Some(Field {
            name: field_name,
            wire: key.to_owned(),
            docs,
            ty: used.ty,
            presence: presence(required, used.nullable),
            setter: String::new(),
            clearer: None,
            flatten: false,
            one_or_many: false,
        })
    }

    /// The docs of the field `field_name` for the property `key`: its
    /// description, its constraints, and why its Rust name differs when the
    /// property's name is a Rust keyword.
    fn field_docs(
        &self,
        key: &str,
        field_name: &str,
        schema: SchemaRef<'a>,
        described_by: Option<SchemaRef<'a>>,
    ) -> Docs {
        let own = self.property_docs(schema);
        let described = match described_by {
            Some(wider) if own.is_empty() => self.property_docs(wider),
            _ => own,
        };
        let mut docs = non_empty(described, || format!("The `{key}` property."));
        let constraints = constraint_docs(schema);
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
        docs
    }

    /// The flattened map of the properties the document does not name, from
    /// the `additionalProperties` of the schema at `at`; `None` if they are
    /// not allowed or their schema does not lower.
    fn additional_field(
        &mut self,
        name: &str,
        additional: &'a AdditionalProperties,
        at: &Pointer,
        taken: &mut BTreeSet<String>,
    ) -> Option<Field> {
        let at = at.push("additionalProperties");
        let value = match additional {
            AdditionalProperties::Any(true) => Some(Ty::Json),
            AdditionalProperties::Any(false) => None,
            AdditionalProperties::Schema(value) => self
                .ty(value.as_ref().into(), &at, &format!("{name}Value"))
                .map(TypeUse::or_null),
        }?;
        let field_name = unique(taken, "additional_properties");
        self.record(format!("{name}::{field_name}"), &at);
        Some(Field {
            name: field_name,
            wire: String::new(),
            docs: vec!["The properties the API document does not name, by name.".to_owned()],
            ty: Ty::Map(Box::new(value)),
            presence: Presence::Optional,
            setter: String::new(),
            clearer: None,
            flatten: true,
            one_or_many: false,
        })
    }

    /// The flattened field for the union of `holder` (at `at`) that the
    /// struct `name` shares: a union of objects, whose properties sit beside
    /// the struct's own. A union of other members is reported; `None` then,
    /// or when the union does not lower or comes to one type.
    fn union_field(
        &mut self,
        name: &str,
        holder: &'a Schema,
        at: &Pointer,
        taken: &mut BTreeSet<String>,
    ) -> Option<Field> {
        let holder_parts = parts(holder);
        let keyword = holder_parts.union_keyword();
        let all = holder_parts.union_list();
        let objects = union_members(&holder_parts)
            .iter()
            .all(|(index, _)| self.rank((&all[*index]).into(), 0) == OBJECTS);
        if !objects {
            return self.unsupported(
                &at.push(keyword),
                format!("`{keyword}` beside properties whose members are not all objects"),
            );
        }
        let context = format!("{name}{}", type_name(keyword));
        let docs = vec![format!(
            "The shapes `{name}` may take beyond the fields it always has (its `{keyword}`)."
        )];
        let used = self.union(holder, at, &context, false, Some(docs))?;
        if !matches!(&used.ty, Ty::Named(_)) {
            return None;
        }
        let field_name = unique(taken, &snake_name(keyword));
        self.record(format!("{name}::{field_name}"), &at.push(keyword));
        Some(Field {
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
            one_or_many: false,
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
        let required_count = fields.iter().filter(|f| f.presence.is_required()).count();
        if required_count >= 2 {
            Some(Some(
                self.claim_schema_name(&format!("{name}Required"), pointer)?,
            ))
        } else {
            Some(None)
        }
    }
}

/// Whether a field must be given and may be `null`.
fn presence(required: bool, nullable: bool) -> Presence {
    match (required, nullable) {
        (true, false) => Presence::Required,
        (false, false) => Presence::Optional,
        (true, true) => Presence::RequiredNullable,
        (false, true) => Presence::OptionalNullable,
    }
}
