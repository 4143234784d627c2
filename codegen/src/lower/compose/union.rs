//! Unions: `anyOf`/`oneOf` as an open enum of strings, the one type their members come to, or a union of variants (tagged by a `discriminator` or tried in order).

use std::collections::BTreeSet;

use openapiv3::Schema;

use super::is_plain_string;
use crate::diff::rust_type;
use crate::error::Pointer;
use crate::ir::{Docs, Ty, TypeDef, Union, UnionVariant};
use crate::lower::Lowerer;
use crate::lower::docs::{constraint_docs, non_empty, schema_docs};
use crate::lower::enums::{Listed, listed, string_enum};
use crate::lower::names::unique;
use crate::lower::refs::SchemaRef;
use crate::lower::schema::TypeUse;
use crate::lower::shape::{is_null, parts, union_members};

/// A member of a union of strings: its listed values (`None` for any string).
struct StringMember<'a> {
    listed: Option<Vec<Listed<'a>>>,
    /// The `$ref` of a member that is a component.
    reference: Option<&'a str>,
    pointer: Pointer,
}

impl<'a> Lowerer<'a> {
    /// The Rust type of a union (`anyOf`/`oneOf`) named `context` (already
    /// claimed if `claimed`, else claimed here if a type is needed): an open
    /// enum for strings of which some are listed, the one type left when the
    /// members come to one, or a [`Union`]. `docs` replaces the schema's own.
    pub(in crate::lower) fn union(
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
            let definition = self.enumeration(&name, &schema.schema_data, values, pointer, docs);
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
}
