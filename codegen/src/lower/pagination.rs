//! Pagination: list operations whose pages link to each other, recognised by the shape of their success body.

use std::collections::BTreeSet;

use super::Lowerer;
use super::names::RUNTIME_METHODS;
use crate::error::{Error, Pointer};
use crate::ir::{BodyFormat, Method, Operation, Pagination, Struct, Ty, TypeDef};

impl Lowerer<'_> {
    /// Marks each list operation whose pages link to each other, so that
    /// it also gets a method that streams the items of every page.
    ///
    /// The rule looks at the shape of the document only, never at names of
    /// the API: a `GET` operation whose success body is an object (a
    /// struct) with exactly one array property (the items) and a property
    /// `links` that is an object with a string property `next` (the URL of
    /// the next page; absent or `null` on the last page). The streaming
    /// method is named `<operation>_stream`; when that name is taken, the
    /// collision is reported.
    ///
    /// `types` are sorted by name (as [`crate::ir::Api::types`] are), so
    /// that a type is found by binary search: a chain of aliases is followed
    /// in `n log n`, where a scan per link made it quadratic.
    pub(super) fn paginate(&mut self, operations: &mut [Operation], types: &[TypeDef]) {
        debug_assert!(types.is_sorted_by(|a, b| a.name() <= b.name()));
        let taken: BTreeSet<String> = operations.iter().map(|o| o.method_name.clone()).collect();
        for operation in operations.iter_mut() {
            let Some(mut pagination) = pagination(operation, types) else {
                continue;
            };
            let pointer = self
                .locations
                .get(&format!("Client::{}", operation.method_name))
                .cloned()
                .unwrap_or_else(Pointer::root);
            let name = format!("{}_stream", operation.method_name);
            if taken.contains(&name) || RUNTIME_METHODS.contains(&name.as_str()) {
                let first = self
                    .locations
                    .get(&format!("Client::{name}"))
                    .cloned()
                    .unwrap_or_else(Pointer::root);
                self.diagnostics.push(Error::NameCollision {
                    pointer: pointer.push("operationId"),
                    name,
                    first,
                });
                continue;
            }
            self.record(format!("Client::{name}"), &pointer);
            pagination.method_name = name;
            operation.pagination = Some(pagination);
        }
    }
}

/// The pagination of `operation`, if its success body has the shape (its
/// `method_name` still empty).
fn pagination(operation: &Operation, types: &[TypeDef]) -> Option<Pagination> {
    if operation.method != Method::Get || operation.success.format != BodyFormat::Json {
        return None;
    }
    let page = structure(operation.success.ty.as_ref()?, types)?;
    let mut arrays = page
        .fields
        .iter()
        .filter_map(|field| match unaliased(&field.ty, types) {
            Ty::Array(item) => Some((field, *item)),
            _ => None,
        });
    let (items, item) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let links = page.fields.iter().find(|field| field.wire == "links")?;
    let next = structure(&links.ty, types)?
        .fields
        .iter()
        .find(|field| field.wire == "next")?;
    if unaliased(&next.ty, types) != Ty::String {
        return None;
    }
    Some(Pagination {
        method_name: String::new(),
        item,
        items_field: items.name.clone(),
        items_presence: items.presence,
        links_field: links.name.clone(),
        links_presence: links.presence,
        next_field: next.name.clone(),
        next_presence: next.presence,
    })
}

/// The struct `ty` names, through aliases.
fn structure<'t>(ty: &Ty, types: &'t [TypeDef]) -> Option<&'t Struct> {
    let Ty::Named(name) = unaliased(ty, types) else {
        return None;
    };
    match named(&name, types)? {
        TypeDef::Struct(s) => Some(s),
        _ => None,
    }
}

/// The type called `name` in `types` (sorted by name).
fn named<'t>(name: &str, types: &'t [TypeDef]) -> Option<&'t TypeDef> {
    types
        .binary_search_by(|def| def.name().cmp(name))
        .ok()
        .map(|index| &types[index])
}

/// `ty` with aliases replaced by what they stand for.
fn unaliased(ty: &Ty, types: &[TypeDef]) -> Ty {
    let mut ty = ty.clone();
    // Bounded, in case aliases refer to each other in a circle.
    for _ in 0..=types.len() {
        let Ty::Named(name) = &ty else { break };
        let Some(TypeDef::Alias(alias)) = named(name, types) else {
            break;
        };
        ty = alias.ty.clone();
    }
    ty
}
