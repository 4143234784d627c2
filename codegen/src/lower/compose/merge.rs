//! `allOf` merging: the properties, `required` names, `additionalProperties` and union of an object and every schema it merges.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, Schema, SchemaKind, Type};

use super::{MAX_DEPTH, is_plain_string};
use crate::error::Pointer;
use crate::lower::Lowerer;
use crate::lower::enums::string_enum;
use crate::lower::refs::SchemaRef;
use crate::lower::shape::{Kind, kind, parts, union_members};

/// The object an `allOf` (or a schema with properties) describes, with every member merged.
#[derive(Default)]
pub(super) struct Merged<'a> {
    /// Properties in the order they are met, the first place of each kept.
    pub(super) properties: Vec<Property<'a>>,
    /// Required property names, with the schema that lists them.
    pub(super) required: Vec<(&'a str, Pointer)>,
    /// The first `additionalProperties` met, with its schema.
    pub(super) additional: Option<(&'a AdditionalProperties, Pointer)>,
    /// The schema holding the one `anyOf`/`oneOf` the object shares, with its place.
    pub(super) union: Option<(&'a Schema, Pointer)>,
    /// How many `$ref`s deep the merge is: a union of a schema merged
    /// through a `$ref` lists that schema's kinds (often the very schemas
    /// that merge it, as with a `discriminator`), and is not merged.
    referenced: usize,
}

/// A property of a merged object, with the place it is declared.
pub(super) struct Property<'a> {
    pub(super) key: &'a str,
    pub(super) schema: SchemaRef<'a>,
    pub(super) pointer: Pointer,
    /// The wider declaration an enum narrowing replaced or was merged with,
    /// whose description the field takes when `schema` has none.
    pub(super) described_by: Option<SchemaRef<'a>>,
}

impl<'a> Lowerer<'a> {
    /// Adds the object part of `schema` and of its `allOf` members to `into`.
    /// `through` holds the places of the schemas being merged, outermost
    /// first, so that an `allOf` that comes back to one of them is reported.
    pub(super) fn merge(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        into: &mut Merged<'a>,
        through: &mut Vec<Pointer>,
    ) {
        let referenced = matches!(schema, SchemaRef::Ref(_));
        let (schema, pointer) = match schema {
            SchemaRef::Item(schema) => (schema, pointer.clone()),
            SchemaRef::Ref(reference) => {
                let Some(target) = self.resolve_schema(reference, pointer) else {
                    return;
                };
                let (Some(schema), Some(at)) = (target.schema, Pointer::from_ref(reference)) else {
                    self.diagnostics
                        .unsupported(pointer, "an `allOf` member that is a `$ref` to a `$ref`");
                    return;
                };
                if through.contains(&at) {
                    self.diagnostics.unsupported(
                        pointer,
                        format!("an `allOf` that includes itself through `{reference}`"),
                    );
                    return;
                }
                (schema, at)
            }
        };
        into.referenced += usize::from(referenced);
        through.push(pointer.clone());
        self.merge_parts(schema, &pointer, into, through);
        through.pop();
        into.referenced -= usize::from(referenced);
    }

    fn merge_parts(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        into: &mut Merged<'a>,
        through: &mut Vec<Pointer>,
    ) {
        let pointer = pointer.clone();
        let found = parts(schema);
        let is_object = found.object.is_some()
            || !found.all_of.is_empty()
            || !found.one_of.is_empty()
            || !found.any_of.is_empty()
            || matches!(&schema.schema_kind, SchemaKind::Type(Type::Object(_)))
            || matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.is_none());
        if !is_object {
            self.diagnostics.unsupported(
                &pointer,
                "an `allOf` member that is not an object (only objects are merged)",
            );
            return;
        }
        if let Some(object) = &found.object {
            for (key, property) in &object.properties {
                let at = pointer.push("properties").push(key);
                self.add_property(into, key, *property, at);
            }
            into.required.extend(
                object
                    .required
                    .iter()
                    .map(|r| (r.as_str(), pointer.clone())),
            );
            if into.additional.is_none()
                && let Some(additional) = object.additional
            {
                into.additional = Some((additional, pointer.clone()));
            }
        }
        for (index, member) in found.all_of.iter().enumerate() {
            let at = pointer.push("allOf").push(&index.to_string());
            self.merge(member.into(), &at, into, through);
        }
        if into.referenced == 0 && !union_members(&found).is_empty() {
            if into.union.is_some() {
                self.diagnostics.unsupported(
                    &pointer,
                    "a second `oneOf`/`anyOf` in the schemas one `allOf` merges",
                );
            } else {
                into.union = Some((schema, pointer));
            }
        }
    }

    /// Adds a property to a merged object; the same property declared with
    /// another schema is reported, unless one narrows a string to an enum.
    fn add_property(
        &mut self,
        into: &mut Merged<'a>,
        key: &'a str,
        schema: SchemaRef<'a>,
        pointer: Pointer,
    ) {
        let Some(existing) = into.properties.iter_mut().find(|p| p.key == key) else {
            into.properties.push(Property {
                key,
                schema,
                pointer,
                described_by: None,
            });
            return;
        };
        let (old, new) = (peel(existing.schema), peel(schema));
        let same = match (old, new) {
            (SchemaRef::Ref(a), SchemaRef::Ref(b)) => a == b,
            (SchemaRef::Item(a), SchemaRef::Item(b)) => a.schema_kind == b.schema_kind,
            _ => false,
        };
        if same || (is_string_enum(old) && is_plain_string(new)) {
            return;
        }
        if is_plain_string(old) && is_string_enum(new) {
            // The enum's values are listed at the narrowing place.
            existing.schema = schema;
            existing.pointer = pointer;
            return;
        }
        // An enum narrowed to some of its values (a `discriminator` child
        // pinning its parent's `type` to its own tag) is the narrower one.
        if let (Some(old_values), Some(new_values)) = (self.enum_values(old), self.enum_values(new))
        {
            if new_values.is_subset(&old_values) {
                existing.described_by = Some(existing.schema);
                existing.schema = schema;
                existing.pointer = pointer;
                return;
            }
            if old_values.is_subset(&new_values) {
                existing.described_by = Some(schema);
                return;
            }
        }
        self.diagnostics.invalid(
            &pointer,
            format!(
                "the property `{key}` is declared differently at {}, and the `allOf` merges both",
                existing.pointer
            ),
        );
    }

    /// Whether every member of the schema's union has every property of the
    /// schema itself (the members extend it, as the children of a
    /// `discriminator` parent do through `allOf`): then the schema is that
    /// union alone, since shared fields beside it would be sent twice.
    pub(in crate::lower) fn union_covers_object(&self, schema: &'a Schema) -> bool {
        let found = parts(schema);
        let members = union_members(&found);
        if members.is_empty()
            || found
                .object
                .as_ref()
                .is_some_and(|o| o.additional.is_some())
        {
            return false;
        }
        let all = found.union_list();
        let mut own = BTreeSet::new();
        self.property_keys(SchemaRef::Item(schema), 0, &mut own);
        members.iter().all(|(index, _)| {
            let mut keys = BTreeSet::new();
            self.property_keys((&all[*index]).into(), 0, &mut keys);
            own.is_subset(&keys)
        })
    }

    /// The property names of a schema and of its `allOf` members; nothing is reported.
    fn property_keys(&self, schema: SchemaRef<'a>, depth: usize, out: &mut BTreeSet<&'a str>) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = match schema {
            SchemaRef::Ref(reference) => match self.referenced_schema(reference) {
                Some(schema) => schema,
                None => return,
            },
            SchemaRef::Item(schema) => schema,
        };
        let found = parts(schema);
        if let Some(object) = &found.object {
            out.extend(object.properties.iter().map(|(key, _)| key.as_str()));
        }
        for member in found.all_of {
            self.property_keys(member.into(), depth + 1, out);
        }
    }
}

impl<'a> Lowerer<'a> {
    /// The values of a string enum, inline or behind `$ref`s and `allOf`
    /// wrappers of one member (a bounded number of them).
    fn enum_values(&self, mut schema: SchemaRef<'a>) -> Option<BTreeSet<&'a str>> {
        for _ in 0..MAX_DEPTH {
            match peel(schema) {
                SchemaRef::Ref(reference) => {
                    schema = SchemaRef::Item(self.referenced_schema(reference)?);
                }
                SchemaRef::Item(item) => return string_enum(item).map(BTreeSet::from_iter),
            }
        }
        None
    }
}

/// The schema an `allOf` of one member stands for; any other as it is.
fn peel(schema: SchemaRef<'_>) -> SchemaRef<'_> {
    match schema {
        SchemaRef::Item(item) => match kind(item) {
            Kind::PassThrough(member) => member.into(),
            _ => schema,
        },
        SchemaRef::Ref(_) => schema,
    }
}

fn is_string_enum(schema: SchemaRef<'_>) -> bool {
    schema.item().is_some_and(|s| string_enum(s).is_some())
}
