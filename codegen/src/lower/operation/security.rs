//! Security: which credentials (HTTP Basic, Bearer or none) an operation sends.

use openapiv3::ReferenceOr;

use crate::ir::Auth;
use crate::lower::Lowerer;

impl Lowerer<'_> {
    /// The credentials an operation sends: its own `security`, or the
    /// document's. Of the alternatives it lists, HTTP Basic wins, then
    /// Bearer, then none (`{}`); `security: []` sends none; a document
    /// without any `security` sends HTTP Basic, the client's own
    /// credentials. Schemes that cannot be applied are reported by
    /// [`Self::check_security`].
    pub(super) fn auth(&self, operation: &openapiv3::Operation) -> Auth {
        let Some(requirements) = operation
            .security
            .as_ref()
            .or(self.document.security.as_ref())
        else {
            return Auth::Basic;
        };
        let schemes = self
            .document
            .components
            .as_ref()
            .map(|c| &c.security_schemes);
        let scheme_of = |requirement: &openapiv3::SecurityRequirement| -> Option<Auth> {
            if requirement.is_empty() {
                return Some(Auth::None);
            }
            let [name] = requirement.keys().collect::<Vec<_>>()[..] else {
                return None;
            };
            match schemes.and_then(|s| s.get(name)) {
                Some(ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. })) => {
                    if scheme.eq_ignore_ascii_case("basic") {
                        Some(Auth::Basic)
                    } else if scheme.eq_ignore_ascii_case("bearer") {
                        Some(Auth::Bearer)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        };
        let offered: Vec<Auth> = requirements.iter().filter_map(scheme_of).collect();
        [Auth::Basic, Auth::Bearer, Auth::None]
            .into_iter()
            .find(|auth| offered.contains(auth))
            .unwrap_or(Auth::None)
    }
}
