//! Compositions: objects (their own properties and the `allOf` schemas they merge) as structs, and `anyOf`/`oneOf` unions as enums.
//!
//! Union members are tried when decoding in the order of their rank
//! ([`members`]): booleans, integers, numbers, strings with a format (UUID,
//! date, date-time), string enums, other strings, arrays, maps, objects and
//! unions, then free-form values; members of one kind keep the document's
//! order. The first member that accepts the value is the one kept. A `oneOf`
//! with a `discriminator` is decided by the discriminator property instead.
//!
//! [`structure`] builds a struct from what [`merge`] collects of an object and
//! its `allOf` members; [`union`] turns `anyOf`/`oneOf` into an open enum, one
//! type or a union, with [`discriminator`] for the tags of a tagged one.

mod discriminator;
mod members;
mod merge;
mod structure;
mod union;

use openapiv3::{SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::refs::SchemaRef;

/// How deep names and ranks follow `allOf` wrappers (a cycle of them stops here).
const MAX_DEPTH: usize = 32;

/// A string without listed values whose format has no Rust type of its own.
fn is_plain_string(schema: SchemaRef<'_>) -> bool {
    matches!(schema.item().map(|s| &s.schema_kind), Some(SchemaKind::Type(Type::String(string)))
        if string.enumeration.is_empty()
            && !matches!(&string.format,
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime | StringFormat::Date))
            && !matches!(&string.format, VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid"))
}
