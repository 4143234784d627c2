//! The security schemes an operation may use: those the runtime cannot
//! apply (anything but HTTP Basic and Bearer, or several at once) are
//! reported.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, SecurityScheme};

use super::Lowerer;
use crate::error::Pointer;

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
}
