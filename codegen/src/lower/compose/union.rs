//! Unions: `anyOf`/`oneOf` as an open enum of strings, the one type their members come to, or a union of variants (tagged by a `discriminator` or tried in order).

use std::collections::BTreeSet;

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::discriminator::tagged_decoding;
use super::is_plain_string;
use crate::error::Pointer;
use crate::ir::rust_type;
use crate::ir::{Docs, Tag, Ty, TypeDef, Union, UnionVariant};
use crate::lower::Lowerer;
use crate::lower::docs::{constraint_docs, non_empty, schema_docs};
use crate::lower::enums::{Listed, listed, string_enum};
use crate::lower::names::unique;
use crate::lower::refs::SchemaRef;
use crate::lower::schema::TypeUse;
use crate::lower::shape::{Parts, is_null, parts, union_members};

/// A member of a union of strings: its listed values (`None` for any string).
struct StringMember<'a> {
    listed: Option<Vec<Listed<'a>>>,
    /// The `$ref` of a member that is a component.
    reference: Option<&'a str>,
    pointer: Pointer,
}

/// A variant of a union being built, with what orders and locates it.
struct Ranked {
    /// Where the member comes in the decoding order ([`Lowerer::rank`]).
    rank: u8,
    /// The member's place, recorded for the variant.
    pointer: Pointer,
    variant: UnionVariant,
}

/// The variants a union's members lower to, one for each distinct type.
struct Variants {
    /// In the document's order.
    ranked: Vec<Ranked>,
    /// The variant names given out.
    taken: BTreeSet<String>,
    /// Whether some member allows `null`.
    nullable: bool,
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
        let nullable = found.union_list().iter().any(is_null);
        let members = member_places(schema, &found, pointer);
        let discriminator = schema.schema_data.discriminator.as_ref();

        if discriminator.is_none()
            && let Some(strings) = self.listed_strings(&members)
        {
            let ty = match only_listed_reference(&strings) {
                Some((reference, at)) => Ty::Named(self.resolve_schema(reference, at)?.name),
                None => {
                    let name = self.union_name(context, claimed, pointer)?;
                    let values = distinct_values(strings);
                    let definition =
                        self.enumeration(&name, &schema.schema_data, values, pointer, docs);
                    self.types.push(TypeDef::Enum(definition));
                    Ty::Named(name)
                }
            };
            return Some(TypeUse { ty, nullable });
        }

        let mut variants = self.union_variants(&members, discriminator, context)?;
        let nullable = nullable || variants.nullable;
        if variants.ranked.len() <= 1 && discriminator.is_none() {
            let ty = variants
                .ranked
                .pop()
                .map_or(Ty::Json, |member| member.variant.ty);
            return Some(TypeUse { ty, nullable });
        }
        if discriminator.is_none() {
            // Stable: members of one kind keep the document's order.
            variants.ranked.sort_by_key(|member| member.rank);
        }
        let name = self.union_name(context, claimed, pointer)?;
        for member in &variants.ranked {
            self.record(format!("{name}::{}", member.variant.name), &member.pointer);
        }
        let tag = discriminator.map(|d| self.tag(d, &name, &mut variants.taken, pointer));
        let list: Vec<UnionVariant> = variants
            .ranked
            .into_iter()
            .map(|member| member.variant)
            .collect();
        self.types.push(TypeDef::Union(Union {
            name: name.clone(),
            docs: union_docs(schema, docs, &name, &list, tag.as_ref()),
            variants: list,
            tag,
        }));
        Some(TypeUse {
            ty: Ty::Named(name),
            nullable,
        })
    }

    /// The variant of each member whose type no earlier member has, in the
    /// document's order; `None` if a member does not lower (every member is
    /// tried, so that each problem is reported).
    fn union_variants(
        &mut self,
        members: &[(Pointer, SchemaRef<'a>)],
        discriminator: Option<&Discriminator>,
        context: &str,
    ) -> Option<Variants> {
        let mut variants = Variants {
            ranked: Vec::new(),
            taken: BTreeSet::new(),
            nullable: false,
        };
        let mut failed = false;
        for (at, member) in members {
            let base = self.member_name(*member, 0);
            let Some(used) = self.ty(*member, at, &format!("{context}{base}")) else {
                failed = true;
                continue;
            };
            variants.nullable |= used.nullable;
            if variants
                .ranked
                .iter()
                .any(|known| known.variant.ty == used.ty)
            {
                continue;
            }
            let tags = match discriminator {
                None => Vec::new(),
                Some(discriminator) => match self.discriminator_tags(discriminator, *member, at) {
                    Some(tags) => tags,
                    None => {
                        failed = true;
                        continue;
                    }
                },
            };
            let docs = non_empty(self.property_docs(*member), || {
                format!("The value, as `{}`.", rust_type(&used.ty))
            });
            variants.ranked.push(Ranked {
                rank: self.rank(*member, 0),
                pointer: at.clone(),
                variant: UnionVariant {
                    name: unique(&mut variants.taken, &base),
                    ty: used.ty,
                    docs,
                    tags,
                },
            });
        }
        (!failed).then_some(variants)
    }

    fn union_name(&mut self, context: &str, claimed: bool, pointer: &Pointer) -> Option<String> {
        if claimed {
            Some(context.to_owned())
        } else {
            self.claim_schema_name(context, pointer)
        }
    }

    /// The members as strings, when every member is a string and some list
    /// their values (the union is then one open enum).
    fn listed_strings(
        &self,
        members: &[(Pointer, SchemaRef<'a>)],
    ) -> Option<Vec<StringMember<'a>>> {
        let strings: Vec<StringMember<'a>> = members
            .iter()
            .map(|(at, member)| self.string_member(*member, at))
            .collect::<Option<_>>()?;
        strings
            .iter()
            .any(|s| s.listed.is_some())
            .then_some(strings)
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

/// The members of a union that describe a value, each with its place: its
/// index in the keyword's list, or, for the union the loader wrote out for
/// a `discriminator` parent, the child schema the member names (the
/// document has no list there).
fn member_places<'a>(
    schema: &Schema,
    found: &Parts<'a>,
    pointer: &Pointer,
) -> Vec<(Pointer, SchemaRef<'a>)> {
    let implicit = schema
        .schema_data
        .extensions
        .contains_key(crate::load::IMPLICIT_UNION);
    let all = found.union_list();
    union_members(found)
        .into_iter()
        .map(|(index, keyword)| {
            let member = &all[index];
            let place = match member {
                ReferenceOr::Reference { reference } if implicit => Pointer::from_ref(reference),
                _ => None,
            };
            let place = place.unwrap_or_else(|| pointer.push(keyword).push(&index.to_string()));
            (place, member.into())
        })
        .collect()
}

/// The one member that lists values, when it is a component: the union of
/// it and plain strings is that enum, which keeps unknown values already.
fn only_listed_reference<'s, 'a>(
    strings: &'s [StringMember<'a>],
) -> Option<(&'a str, &'s Pointer)> {
    let enums: Vec<&StringMember<'a>> = strings.iter().filter(|s| s.listed.is_some()).collect();
    match enums.as_slice() {
        [only] => Some((only.reference?, &only.pointer)),
        _ => None,
    }
}

/// The values the members list, each once, in the order they are met.
fn distinct_values(strings: Vec<StringMember<'_>>) -> Vec<Listed<'_>> {
    let mut values: Vec<Listed<'_>> = Vec::new();
    for member in strings {
        for value in member.listed.unwrap_or_default() {
            if !values.iter().any(|v| v.value == value.value) {
                values.push(value);
            }
        }
    }
    values
}

/// The docs of the union `name`: `docs` (else the schema's own), the
/// schema's constraints, and how a value is decoded.
fn union_docs(
    schema: &Schema,
    docs: Option<Docs>,
    name: &str,
    variants: &[UnionVariant],
    tag: Option<&Tag>,
) -> Docs {
    // Said from its uses when empty (`lower::uses`).
    let mut docs = docs.unwrap_or_else(|| schema_docs(&schema.schema_data));
    let constraints = constraint_docs(SchemaRef::Item(schema));
    if !constraints.is_empty() {
        docs.push(String::new());
        docs.extend(constraints);
    }
    docs.push(String::new());
    docs.push(match tag {
        None => untagged_decoding(name, variants),
        Some(tag) => tagged_decoding(name, tag),
    });
    docs
}

/// How a union without a `discriminator` is decoded and sent.
fn untagged_decoding(name: &str, variants: &[UnionVariant]) -> String {
    format!(
        "Decoded as the first of {} that accepts the value (booleans, integers, \
         numbers, formatted strings, string enums, strings, arrays, maps, objects, \
         then any value); sent as the value itself.",
        variants
            .iter()
            .map(|v| format!("[`{name}::{}`]", v.name))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
