//! Shapes: what a schema is, read from the schema alone (its composition keywords, object part and the kind of Rust item it becomes); nothing is lowered or reported.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::enums::string_enum;
use super::refs::SchemaRef;

/// What Rust item a schema becomes, read from the schema alone.
pub(super) enum Kind<'a> {
    /// A string enum.
    Enum,
    /// A struct: properties, `allOf` objects merged, or both with a union.
    Struct,
    /// An `anyOf`/`oneOf` of distinct members.
    Union,
    /// An `allOf` of one schema: that schema (with this one's docs).
    PassThrough(&'a ReferenceOr<Schema>),
    /// A primitive, array, map or free-form value.
    Other,
}

/// The composition keywords and the object part of a schema, whichever way the model stored them.
pub(super) struct Parts<'a> {
    pub(super) all_of: &'a [ReferenceOr<Schema>],
    /// The union members and their keyword (`oneOf` or `anyOf`).
    pub(super) one_of: &'a [ReferenceOr<Schema>],
    pub(super) any_of: &'a [ReferenceOr<Schema>],
    /// Properties, `required` and `additionalProperties`, when the schema is an object.
    pub(super) object: Option<ObjectPart<'a>>,
}

impl<'a> Parts<'a> {
    /// The members of the schema's union, whichever keyword lists them
    /// (`oneOf` when both do).
    pub(super) fn union_list(&self) -> &'a [ReferenceOr<Schema>] {
        if self.one_of.is_empty() {
            self.any_of
        } else {
            self.one_of
        }
    }

    /// The keyword of the schema's union (`oneOf` when both are used).
    pub(super) fn union_keyword(&self) -> &'static str {
        if self.one_of.is_empty() {
            "anyOf"
        } else {
            "oneOf"
        }
    }
}

/// The object keywords of a schema.
pub(super) struct ObjectPart<'a> {
    pub(super) properties: Vec<(&'a String, SchemaRef<'a>)>,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
}

impl ObjectPart<'_> {
    /// Whether the object names properties (otherwise it is a map or free-form).
    fn has_properties(&self) -> bool {
        !self.properties.is_empty()
    }
}

pub(super) fn parts(schema: &Schema) -> Parts<'_> {
    let empty: &[ReferenceOr<Schema>] = &[];
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Parts {
            all_of: empty,
            one_of: empty,
            any_of: empty,
            object: Some(ObjectPart {
                properties: object
                    .properties
                    .iter()
                    .map(|(k, v)| (k, v.into()))
                    .collect(),
                required: &object.required,
                additional: object.additional_properties.as_ref(),
            }),
        },
        SchemaKind::AllOf { all_of } => Parts {
            all_of,
            one_of: empty,
            any_of: empty,
            object: None,
        },
        SchemaKind::OneOf { one_of } => Parts {
            all_of: empty,
            one_of,
            any_of: empty,
            object: None,
        },
        SchemaKind::AnyOf { any_of } => Parts {
            all_of: empty,
            one_of: empty,
            any_of,
            object: None,
        },
        SchemaKind::Any(any) => Parts {
            all_of: &any.all_of,
            one_of: &any.one_of,
            any_of: &any.any_of,
            object: (matches!(any.typ.as_deref(), None | Some("object"))
                && (!any.properties.is_empty()
                    || !any.required.is_empty()
                    || any.additional_properties.is_some()))
            .then(|| ObjectPart {
                properties: any.properties.iter().map(|(k, v)| (k, v.into())).collect(),
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            }),
        },
        _ => Parts {
            all_of: empty,
            one_of: empty,
            any_of: empty,
            object: None,
        },
    }
}

/// A schema that only constrains values another member describes (`required`,
/// `not`, property counts) and so adds nothing to a Rust type.
pub(super) fn is_constraint_only(member: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = member else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Not { .. } => true,
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.additional_properties.is_none()
                && any.format.is_none()
                && (!any.required.is_empty()
                    || any.not.is_some()
                    || any.min_properties.is_some()
                    || any.max_properties.is_some())
        }
        _ => false,
    }
}

/// A schema that allows only `null` (`type: null`, whatever it documents beside).
pub(super) fn is_null(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema)
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.as_deref() == Some("null")))
}

/// The members of a schema's union (`oneOf` or `anyOf`) that describe a value,
/// with their index and keyword.
pub(super) fn union_members(parts: &Parts<'_>) -> Vec<(usize, &'static str)> {
    let keyword = parts.union_keyword();
    parts
        .union_list()
        .iter()
        .enumerate()
        .filter(|(_, m)| !is_constraint_only(m) && !is_null(m))
        .map(|(index, _)| (index, keyword))
        .collect()
}

/// What a schema becomes, decided by the schema alone (no lowering, no errors).
pub(super) fn kind(schema: &Schema) -> Kind<'_> {
    if string_enum(schema).is_some() {
        return Kind::Enum;
    }
    let parts = parts(schema);
    let unions = !union_members(&parts).is_empty();
    let all: Vec<&ReferenceOr<Schema>> = parts
        .all_of
        .iter()
        .filter(|m| !is_constraint_only(m))
        .collect();
    let own = parts
        .object
        .as_ref()
        .is_some_and(ObjectPart::has_properties);
    if unions && (!all.is_empty() || own) {
        Kind::Struct
    } else if unions {
        Kind::Union
    } else if all.len() >= 2 || (all.len() == 1 && own) {
        Kind::Struct
    } else if let [only] = all.as_slice() {
        Kind::PassThrough(only)
    } else if own {
        Kind::Struct
    } else {
        Kind::Other
    }
}
