//! Whole-document checks: security schemes the runtime cannot apply, and types that contain themselves (boxed) or alias themselves (reported).

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, SecurityScheme};

use super::Lowerer;
use crate::error::Pointer;
use crate::ir::{Ty, TypeDef};

impl Lowerer<'_> {
    /// The runtime authenticates with HTTP Basic or an HTTP Bearer token;
    /// any other scheme an operation may use is reported, as is a
    /// requirement that needs several schemes at once.
    pub(super) fn check_security(&mut self) {
        let document = self.document;
        let mut used = BTreeSet::new();
        let requirements = document.security.iter().flatten().chain(
            document
                .paths
                .paths
                .values()
                .filter_map(|item| item.as_item())
                .flat_map(|item| item.iter().map(|(_, op)| op))
                .flat_map(|op| op.security.iter().flatten()),
        );
        let mut combined = BTreeSet::new();
        for requirement in requirements {
            used.extend(requirement.keys().cloned());
            if requirement.len() > 1 {
                combined.insert(requirement.keys().cloned().collect::<Vec<_>>());
            }
        }
        for names in combined {
            let pointer = Pointer::root()
                .push("components")
                .push("securitySchemes")
                .push(&names[0]);
            self.diagnostics.unsupported(
                &pointer,
                format!(
                    "a security requirement that needs several schemes at once ({})",
                    names.join(", ")
                ),
            );
        }
        let schemes = document.components.as_ref().map(|c| &c.security_schemes);
        for name in used {
            let pointer = Pointer::root()
                .push("components")
                .push("securitySchemes")
                .push(&name);
            match schemes.and_then(|s| s.get(&name)) {
                Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                    if scheme.eq_ignore_ascii_case("basic")
                        || scheme.eq_ignore_ascii_case("bearer") => {}
                Some(_) => self.diagnostics.unsupported(
                    &pointer,
                    "a security scheme other than HTTP Basic or HTTP Bearer",
                ),
                None => self.diagnostics.invalid(
                    &pointer,
                    format!("security requirement `{name}` names no declared security scheme"),
                ),
            }
        }
    }

    /// Boxes each field or union variant through which a type holds itself
    /// in place (not behind a `Vec` or a map), so that the type has a size;
    /// reports each alias that expands to itself.
    pub(super) fn box_recursion(&mut self, types: &mut [TypeDef]) {
        let mut boxed: Vec<(usize, usize)> = Vec::new();
        {
            let by_name: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.name(), t)).collect();
            for (index, def) in types.iter().enumerate() {
                let name = def.name();
                if reaches(name, name, &by_name, true) {
                    if let Some(pointer) = self.type_names.get(name).cloned() {
                        self.diagnostics
                            .unsupported(&pointer, "an alias that refers to itself");
                    }
                    continue;
                }
                let held: Vec<&Ty> = match def {
                    TypeDef::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                    TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                    TypeDef::Enum(_) | TypeDef::Alias(_) => Vec::new(),
                };
                for (position, ty) in held.into_iter().enumerate() {
                    let mut next = Vec::new();
                    named(ty, true, &mut next);
                    if next
                        .iter()
                        .any(|n| *n == name || reaches(n, name, &by_name, false))
                    {
                        boxed.push((index, position));
                    }
                }
            }
        }
        for (index, position) in boxed {
            let ty = match &mut types[index] {
                TypeDef::Struct(s) => &mut s.fields[position].ty,
                TypeDef::Union(u) => &mut u.variants[position].ty,
                TypeDef::Enum(_) | TypeDef::Alias(_) => continue,
            };
            let inner = std::mem::replace(ty, Ty::Json);
            *ty = Ty::Boxed(Box::new(inner));
        }
    }
}

/// The named types `ty` holds: in place only (`in_place`), or also behind
/// a `Vec` or a map.
fn named<'t>(ty: &'t Ty, in_place: bool, out: &mut Vec<&'t str>) {
    match ty {
        Ty::Named(name) => out.push(name),
        Ty::Array(inner) | Ty::Map(inner) if !in_place => named(inner, in_place, out),
        Ty::Option(inner) => named(inner, in_place, out),
        _ => {}
    }
}

/// Whether the type `from` leads to the type `to`: through the named types
/// that its value holds in place (not behind a `Vec` or map), or, with
/// `aliases_only`, through every named type its aliases mention.
fn reaches(from: &str, to: &str, types: &BTreeMap<&str, &TypeDef>, aliases_only: bool) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(current) = stack.pop() {
        let mut next = Vec::new();
        match types.get(current) {
            Some(TypeDef::Alias(alias)) => named(&alias.ty, !aliases_only, &mut next),
            Some(TypeDef::Struct(s)) if !aliases_only => {
                for field in &s.fields {
                    named(&field.ty, true, &mut next);
                }
            }
            Some(TypeDef::Union(u)) if !aliases_only => {
                for variant in &u.variants {
                    named(&variant.ty, true, &mut next);
                }
            }
            _ => {}
        }
        for name in next {
            if name == to {
                return true;
            }
            if seen.insert(name) {
                stack.push(name);
            }
        }
    }
    false
}
