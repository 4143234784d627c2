//! Compositions: objects (their own properties and the `allOf` schemas they merge) as structs, and `anyOf`/`oneOf` unions as enums.
//!
//! Union members are tried when decoding in the order of [`rank`]: booleans,
//! integers, numbers, strings with a format (UUID, date, date-time), string
//! enums, other strings, arrays, maps, objects and unions, then free-form
//! values; members of one kind keep the document's order. The first member
//! that accepts the value is the one kept. A `oneOf` with a `discriminator`
//! is decided by the discriminator property instead.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::docs::{constraint_docs, non_empty, schema_docs};
use super::names::{name_methods, unique};
use super::refs::SchemaRef;
use super::schema::{
    Kind, Listed, TypeUse, is_null, kind, listed, parts, string_enum, union_members,
};
use crate::error::Pointer;
use crate::ir::rust_type;
use crate::ir::{Docs, Field, Presence, Struct, Ty, TypeDef, Union, UnionVariant};
use crate::naming::{snake_name, type_name};

/// The object an `allOf` (or a schema with properties) describes, with every member merged.
#[derive(Default)]
struct Merged<'a> {
    /// Properties in the order they are met, the first place of each kept.
    properties: Vec<Property<'a>>,
    /// Required property names, with the schema that lists them.
    required: Vec<(&'a str, Pointer)>,
    /// The first `additionalProperties` met, with its schema.
    additional: Option<(&'a AdditionalProperties, Pointer)>,
    /// The schema holding the one `anyOf`/`oneOf` the object shares, with its place.
    union: Option<(&'a Schema, Pointer)>,
    /// How many `$ref`s deep the merge is: a union of a schema merged
    /// through a `$ref` lists that schema's kinds (often the very schemas
    /// that merge it, as with a `discriminator`), and is not merged.
    referenced: usize,
}

struct Property<'a> {
    key: &'a str,
    schema: SchemaRef<'a>,
    pointer: Pointer,
}

/// A member of a union of strings: its listed values (`None` for any string).
struct StringMember<'a> {
    listed: Option<Vec<Listed<'a>>>,
    /// The `$ref` of a member that is a component.
    reference: Option<&'a str>,
    pointer: Pointer,
}

/// The [`Lowerer::rank`] of objects and unions.
const OBJECTS: u8 = 8;

/// How deep names and ranks follow `allOf` wrappers (a cycle of them stops here).
const MAX_DEPTH: usize = 32;

impl<'a> Lowerer<'a> {
    /// A struct named `name` from `schema`: its properties and those of every
    /// `allOf` member, merged; a union beside them becomes a flattened field.
    pub(super) fn structure(
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
    pub(super) fn required_arguments(
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

    /// Adds the object part of `schema` and of its `allOf` members to `into`.
    /// `through` holds the places of the schemas being merged, outermost
    /// first, so that an `allOf` that comes back to one of them is reported.
    fn merge(
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
        self.diagnostics.invalid(
            &pointer,
            format!(
                "the property `{key}` is declared differently at {}, and the `allOf` merges both",
                existing.pointer
            ),
        );
    }

    /// The Rust type of a union (`anyOf`/`oneOf`) named `context` (already
    /// claimed if `claimed`, else claimed here if a type is needed): an open
    /// enum for strings of which some are listed, the one type left when the
    /// members come to one, or a [`Union`]. `docs` replaces the schema's own.
    pub(super) fn union(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        context: &str,
        claimed: bool,
        docs: Option<Docs>,
    ) -> Option<TypeUse> {
        let found = parts(schema);
        if !found.one_of.is_empty() && !found.any_of.is_empty() {
            return self.unsupported(pointer, "a schema with both `oneOf` and `anyOf`");
        }
        let all = if found.one_of.is_empty() {
            found.any_of
        } else {
            found.one_of
        };
        let mut nullable = all.iter().any(is_null);
        let members: Vec<(Pointer, SchemaRef<'a>)> = union_members(&found)
            .into_iter()
            .map(|(index, keyword)| {
                (
                    pointer.push(keyword).push(&index.to_string()),
                    (&all[index]).into(),
                )
            })
            .collect();
        let discriminator = schema.schema_data.discriminator.as_ref();

        // Strings, some of them listed: one open enum.
        let strings: Option<Vec<StringMember<'a>>> = members
            .iter()
            .map(|(at, member)| self.string_member(*member, at))
            .collect();
        if discriminator.is_none()
            && let Some(strings) = strings
            && strings.iter().any(|s| s.listed.is_some())
        {
            let enums: Vec<&StringMember<'a>> =
                strings.iter().filter(|s| s.listed.is_some()).collect();
            if let [only] = enums.as_slice()
                && let Some(reference) = only.reference
            {
                let target = self.resolve_schema(reference, &only.pointer)?;
                return Some(TypeUse {
                    ty: Ty::Named(target.name),
                    nullable,
                });
            }
            let mut values: Vec<Listed<'a>> = Vec::new();
            for member in strings {
                for value in member.listed.unwrap_or_default() {
                    if !values.iter().any(|v| v.value == value.value) {
                        values.push(value);
                    }
                }
            }
            let name = self.union_name(context, claimed, pointer)?;
            let mut definition = self.enumeration(&name, &schema.schema_data, values, pointer);
            if let Some(docs) = docs {
                let own = definition.docs.len() - 2;
                definition.docs.splice(..own, docs);
            }
            self.types.push(TypeDef::Enum(definition));
            return Some(TypeUse {
                ty: Ty::Named(name),
                nullable,
            });
        }

        let mut variants: Vec<(u8, Pointer, UnionVariant)> = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut failed = false;
        for (at, member) in &members {
            let base = self.member_name(*member, 0);
            let Some(used) = self.ty(*member, at, &format!("{context}{base}")) else {
                failed = true;
                continue;
            };
            nullable |= used.nullable;
            if variants.iter().any(|(_, _, v)| v.ty == used.ty) {
                continue;
            }
            let mut tags = Vec::new();
            if let Some(discriminator) = discriminator {
                let SchemaRef::Ref(reference) = member else {
                    self.diagnostics.unsupported(
                        at,
                        "a member of a union with a `discriminator` that is not a `$ref`",
                    );
                    failed = true;
                    continue;
                };
                let key = reference.rsplit('/').next().unwrap_or(reference);
                tags = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| *target == reference || *target == key)
                    .map(|(tag, _)| tag.clone())
                    .collect();
                if tags.is_empty() {
                    tags.push(key.to_owned());
                }
            }
            let docs = non_empty(self.property_docs(*member), || {
                format!("The value, as `{}`.", rust_type(&used.ty))
            });
            variants.push((
                self.rank(*member, 0),
                at.clone(),
                UnionVariant {
                    name: unique(&mut taken, &base),
                    ty: used.ty,
                    docs,
                    tags,
                },
            ));
        }
        if failed {
            return None;
        }
        if variants.len() <= 1 && discriminator.is_none() {
            let ty = variants.pop().map_or(Ty::Json, |(_, _, v)| v.ty);
            return Some(TypeUse { ty, nullable });
        }
        if discriminator.is_none() {
            // Stable: members of one kind keep the document's order.
            variants.sort_by_key(|(rank, _, _)| *rank);
        }
        let name = self.union_name(context, claimed, pointer)?;
        for (_, at, variant) in &variants {
            self.record(format!("{name}::{}", variant.name), at);
        }
        let variants: Vec<UnionVariant> = variants.into_iter().map(|(_, _, v)| v).collect();
        let tag = discriminator.map(|d| {
            let unknown = ["Unknown", "Unlisted", "Other"]
                .into_iter()
                .find(|candidate| !taken.contains(*candidate))
                .map(str::to_owned)
                .unwrap_or_else(|| unique(&mut taken, "Unknown"));
            self.record(format!("{name}::{unknown}"), &pointer.push("discriminator"));
            crate::ir::Tag {
                property: d.property_name.clone(),
                unknown,
            }
        });
        let mut union_docs = docs.unwrap_or_else(|| {
            non_empty(schema_docs(&schema.schema_data), || {
                format!("The `{name}` value: one of several shapes.")
            })
        });
        let constraints = constraint_docs(SchemaRef::Item(schema));
        if !constraints.is_empty() {
            union_docs.push(String::new());
            union_docs.extend(constraints);
        }
        union_docs.push(String::new());
        union_docs.push(match &tag {
            None => format!(
                "Decoded as the first of {} that accepts the value (booleans, integers, \
                 numbers, formatted strings, string enums, strings, arrays, maps, objects, \
                 then any value); sent as the value itself.",
                variants
                    .iter()
                    .map(|v| format!("[`{name}::{}`]", v.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(tag) => format!(
                "Decoded by its `{}` property; a value the API document does not list is kept \
                 in [`{name}::{}`]. Sent as the value itself, with that property.",
                tag.property, tag.unknown
            ),
        });
        self.types.push(TypeDef::Union(Union {
            name: name.clone(),
            docs: union_docs,
            variants,
            tag,
        }));
        Some(TypeUse {
            ty: Ty::Named(name),
            nullable,
        })
    }

    /// Whether every member of the schema's union has every property of the
    /// schema itself (the members extend it, as the children of a
    /// `discriminator` parent do through `allOf`): then the schema is that
    /// union alone, since shared fields beside it would be sent twice.
    pub(super) fn union_covers_object(&self, schema: &'a Schema) -> bool {
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
        let all = if found.one_of.is_empty() {
            found.any_of
        } else {
            found.one_of
        };
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

    fn union_name(&mut self, context: &str, claimed: bool, pointer: &Pointer) -> Option<String> {
        if claimed {
            Some(context.to_owned())
        } else {
            self.claim_schema_name(context, pointer)
        }
    }

    /// A member of a union of strings: its listed values, or `None` if the
    /// member is not a string (or is a string with a format of its own type).
    fn string_member(&self, member: SchemaRef<'a>, at: &Pointer) -> Option<StringMember<'a>> {
        let (schema, reference, pointer) = match member {
            SchemaRef::Ref(reference) => (
                self.referenced_schema(reference)?,
                Some(reference),
                Pointer::from_ref(reference)?,
            ),
            SchemaRef::Item(schema) => (schema, None, at.clone()),
        };
        if string_enum(schema).is_some() {
            return Some(StringMember {
                listed: Some(listed(schema, &pointer)),
                reference,
                pointer,
            });
        }
        is_plain_string(SchemaRef::Item(schema)).then_some(StringMember {
            listed: None,
            reference,
            pointer,
        })
    }

    /// The variant name of a union member: the referenced type's name, the
    /// member's title, or its kind (`Integer`, `String`, `Array`, `Object`, ...).
    fn member_name(&self, member: SchemaRef<'a>, depth: usize) -> String {
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
    fn rank(&self, member: SchemaRef<'a>, depth: usize) -> u8 {
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

/// A string without listed values whose format has no Rust type of its own.
fn is_plain_string(schema: SchemaRef<'_>) -> bool {
    matches!(schema.item().map(|s| &s.schema_kind), Some(SchemaKind::Type(Type::String(string)))
        if string.enumeration.is_empty()
            && !matches!(&string.format,
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime | StringFormat::Date))
            && !matches!(&string.format, VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid"))
}
