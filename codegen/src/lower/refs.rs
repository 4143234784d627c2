//! References: the one resolver of local `$ref`s (`#/components/<section>/<key>`), for schemas and every other component.

use openapiv3::{Components, ReferenceOr, Schema};

use super::Lowerer;
use crate::error::{Error, Pointer};

/// A schema or a reference to one, whether boxed or not.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    /// A `$ref`, as written.
    Ref(&'a str),
    /// A schema written in place.
    Item(&'a Schema),
}

impl<'a> SchemaRef<'a> {
    /// Whether it is an array written in place, whose items an inline
    /// type names after the array's place (see `names::case::inline_name`).
    pub(super) fn is_inline_array(self) -> bool {
        self.item().is_some_and(|schema| {
            matches!(
                schema.schema_kind,
                openapiv3::SchemaKind::Type(openapiv3::Type::Array(_))
            )
        })
    }

    /// The schema written in place, if it is not a `$ref`.
    pub(super) fn item(self) -> Option<&'a Schema> {
        match self {
            SchemaRef::Ref(_) => None,
            SchemaRef::Item(item) => Some(item),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

/// A component schema a `$ref` resolved to.
pub(super) struct ResolvedSchema<'a> {
    /// The Rust name of the component's type.
    pub(super) name: String,
    /// The component's schema; `None` when the component is itself a `$ref`.
    pub(super) schema: Option<&'a Schema>,
}

/// The key of a local reference to `#/components/<section>/<key>`, with
/// `~1` and `~0` unescaped; `None` for a reference of any other shape.
pub(super) fn component_key(reference: &str, section: &str) -> Option<String> {
    let pointer = Pointer::from_ref(reference)?;
    let tokens: Vec<String> = pointer.tokens().collect();
    match tokens.as_slice() {
        [components, found, key] if components == "components" && found == section => {
            Some(key.clone())
        }
        _ => None,
    }
}

impl<'a> Lowerer<'a> {
    /// The component `#/components/<section>/<key>` a reference points at,
    /// found in the components by `lookup`; nothing is reported.
    fn component<T>(
        &self,
        reference: &str,
        section: &str,
        lookup: impl FnOnce(&'a Components, &str) -> Option<&'a ReferenceOr<T>>,
    ) -> Option<(String, &'a ReferenceOr<T>)> {
        let key = component_key(reference, section)?;
        let found = lookup(self.document.components.as_ref()?, &key)?;
        Some((key, found))
    }

    /// The schema a `#/components/schemas/...` reference points at, if any;
    /// nothing is reported (for docs, which follow references that
    /// [`Self::resolve_schema`] has already checked).
    pub(super) fn referenced_schema(&self, reference: &str) -> Option<&'a Schema> {
        self.component(reference, "schemas", |c, key| c.schemas.get(key))
            .and_then(|(_, target)| target.as_item())
    }

    /// Resolves `#/components/schemas/Key` to its Rust name and its schema;
    /// a reference of another shape, or to nothing, is reported.
    pub(super) fn resolve_schema(
        &mut self,
        reference: &str,
        pointer: &Pointer,
    ) -> Option<ResolvedSchema<'a>> {
        if component_key(reference, "schemas").is_none() {
            return self.unsupported(
                pointer,
                format!("the reference `{reference}` (only `#/components/schemas/...` references to schemas are)"),
            );
        }
        match self.component(reference, "schemas", |c, key| c.schemas.get(key)) {
            Some((key, target)) => {
                // The target exists; if its name was refused, that is already reported.
                let name = self.component_names.get(&key)?.clone();
                Some(ResolvedSchema {
                    name,
                    schema: target.as_item(),
                })
            }
            None => {
                self.diagnostics.push(Error::UnresolvedReference {
                    pointer: pointer.clone(),
                    reference: reference.to_owned(),
                });
                None
            }
        }
    }

    /// `item` itself, or the component its local `$ref` points at in
    /// `#/components/<section>/` (found by `lookup`); an unresolved
    /// reference, or one outside that section, is reported.
    pub(super) fn resolve<T>(
        &mut self,
        item: &'a ReferenceOr<T>,
        section: &str,
        lookup: impl FnOnce(&'a Components, &str) -> Option<&'a ReferenceOr<T>>,
        pointer: &Pointer,
    ) -> Option<&'a T> {
        let reference = match item {
            ReferenceOr::Item(item) => return Some(item),
            ReferenceOr::Reference { reference } => reference,
        };
        if component_key(reference, section).is_none() {
            // Another section, or not a component: reported as such, not
            // as unresolved, since what it points at may well exist.
            return self.unsupported(
                pointer,
                format!("the reference `{reference}` (only `#/components/{section}/...` references are, here)"),
            );
        }
        let found = self
            .component(reference, section, lookup)
            .and_then(|(_, target)| target.as_item());
        if found.is_none() {
            self.diagnostics.push(Error::UnresolvedReference {
                pointer: pointer.clone(),
                reference: reference.clone(),
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_keys_are_unescaped_and_sections_checked() {
        assert_eq!(
            component_key("#/components/schemas/a~1b", "schemas").as_deref(),
            Some("a/b")
        );
        assert_eq!(component_key("#/components/schemas/A", "parameters"), None);
        assert_eq!(
            component_key("#/components/schemas/A/properties/b", "schemas"),
            None
        );
        assert_eq!(
            component_key("other.yaml#/components/schemas/A", "schemas"),
            None
        );
    }
}
