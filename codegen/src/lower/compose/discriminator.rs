//! Tagged unions: a `oneOf` with a `discriminator`, whose variant the value of one property decides.

use std::collections::BTreeSet;

use openapiv3::Discriminator;

use crate::error::Pointer;
use crate::ir::Tag;
use crate::lower::Lowerer;
use crate::lower::enums::unknown_variant_name;
use crate::lower::refs::SchemaRef;

impl<'a> Lowerer<'a> {
    /// The values of the discriminator property that select `member` (at
    /// `at`): those the `mapping` gives its `$ref` or component name, else
    /// that name. `None` for a member that is not a `$ref` (reported).
    pub(super) fn discriminator_tags(
        &mut self,
        discriminator: &Discriminator,
        member: SchemaRef<'a>,
        at: &Pointer,
    ) -> Option<Vec<String>> {
        let SchemaRef::Ref(reference) = member else {
            return self.unsupported(
                at,
                "a member of a union with a `discriminator` that is not a `$ref`",
            );
        };
        let key = reference.rsplit('/').next().unwrap_or(reference);
        let mut tags: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| *target == reference || *target == key)
            .map(|(tag, _)| tag.clone())
            .collect();
        if tags.is_empty() {
            tags.push(key.to_owned());
        }
        Some(tags)
    }

    /// The tag of the union `name` (at `pointer`): its discriminator property
    /// and the variant that keeps a value the API document does not list,
    /// named apart from the variant names `taken`.
    pub(super) fn tag(
        &mut self,
        discriminator: &Discriminator,
        name: &str,
        taken: &mut BTreeSet<String>,
        pointer: &Pointer,
    ) -> Tag {
        let unknown = unknown_variant_name(taken);
        self.record(format!("{name}::{unknown}"), &pointer.push("discriminator"));
        Tag {
            property: discriminator.property_name.clone(),
            unknown,
        }
    }
}

/// How the union `name` with a `discriminator` is decoded and sent.
pub(super) fn tagged_decoding(name: &str, tag: &Tag) -> String {
    format!(
        "Decoded by its `{}` property; a value the API document does not list is kept \
         in [`{name}::{}`]. Sent as the value itself, with that property.",
        tag.property, tag.unknown
    )
}
