//! The path of an operation: its template split into literal text and path parameters, checked against the declared ones.

use std::collections::BTreeSet;

use crate::error::Pointer;
use crate::ir::{PathParam, PathPart};
use crate::lower::Lowerer;
use crate::template::{self, Part};

impl Lowerer<'_> {
    /// Splits the path template, checking that its parameters and the declared ones match.
    pub(super) fn path_parts(
        &mut self,
        path: &str,
        params: &[PathParam],
        failed: Option<&BTreeSet<String>>,
        pointer: &Pointer,
    ) -> Option<Vec<PathPart>> {
        let template = template::parse(path);
        if let Some(problem) = template.malformed() {
            self.diagnostics
                .invalid(pointer, format!("the path template has {problem}"));
            return None;
        }
        let mut parts = Vec::new();
        let mut used = BTreeSet::new();
        let mut ok = true;
        for part in template.parts {
            let name = match part {
                Part::Literal(text) => {
                    parts.push(PathPart::Literal(text.to_owned()));
                    continue;
                }
                Part::Variable(name) => name,
            };
            match params.iter().position(|p| p.wire == name) {
                Some(index) => {
                    used.insert(index);
                    parts.push(PathPart::Param(index));
                }
                None => {
                    if failed.is_some_and(|failed| !failed.contains(name)) {
                        self.diagnostics.invalid(
                            pointer,
                            format!("the path uses `{{{name}}}`, which no path parameter declares"),
                        );
                    }
                    ok = false;
                }
            }
        }
        for (index, param) in params.iter().enumerate() {
            if !used.contains(&index) {
                self.diagnostics.invalid(
                    &pointer.push("parameters"),
                    format!(
                        "path parameter `{}` does not appear in the path",
                        param.wire
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(parts)
    }
}
