//! Responses of an operation: the one 2XX success, and the `<Operation>Error` enum of the other declared statuses with their bodies.

use openapiv3::StatusCode;

use crate::error::Pointer;
use crate::ir::{BodyFormat, ErrorEnum, ErrorVariant, StatusMatch, Success, Ty};
use crate::lower::Lowerer;
use crate::lower::docs::{doc_lines, non_empty};
use crate::naming::{snake_name, status_variant};

/// What the responses of an operation lower to.
pub(super) struct Responses {
    pub(super) success: Success,
    pub(super) errors: ErrorEnum,
}

impl<'a> Lowerer<'a> {
    pub(super) fn responses(
        &mut self,
        pascal: &str,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Option<Responses> {
        let responses_pointer = pointer.push("responses");
        let mut successes = Vec::new();
        let mut variants = Vec::new();
        // Whether a response failed (and was reported); the others are still
        // checked, so that every problem is reported.
        let mut failed = false;
        let declared = operation
            .responses
            .responses
            .iter()
            .map(|(code, response)| (code.to_string(), Some(code), response))
            .chain(
                operation
                    .responses
                    .default
                    .iter()
                    .map(|response| ("default".to_owned(), None, response)),
            );
        for (key, code, response) in declared {
            let at = responses_pointer.push(&key);
            let status = match code {
                Some(StatusCode::Code(status)) => StatusMatch::Code(*status),
                Some(StatusCode::Range(2)) => {
                    self.diagnostics.unsupported(
                        &at,
                        "the status range `2XX` for the success (declare the status)",
                    );
                    failed = true;
                    continue;
                }
                Some(StatusCode::Range(class)) => StatusMatch::Range(*class),
                None => StatusMatch::Default,
            };
            let success = match status {
                StatusMatch::Code(code) => (200..300).contains(&code).then_some(code),
                _ => None,
            };
            let Some(response) =
                self.resolve(response, "responses", |c, key| c.responses.get(key), &at)
            else {
                failed = true;
                if let Some(status) = success {
                    successes.push((
                        at,
                        Success {
                            status,
                            ty: None,
                            format: BodyFormat::Json,
                        },
                    ));
                }
                continue;
            };
            let variant = match status {
                StatusMatch::Code(code) => status_variant(code),
                StatusMatch::Range(class) => range_variant(class),
                StatusMatch::Default => "Other".to_owned(),
            };
            let (ty, format) = if response.content.is_empty() {
                (None, BodyFormat::Json)
            } else {
                let context = if success.is_some() {
                    format!("{pascal}Response")
                } else {
                    format!("{pascal}{variant}Body")
                };
                match self.response_media(&response.content, &at) {
                    Some((_, _, BodyFormat::Text)) => (Some(Ty::String), BodyFormat::Text),
                    Some((media_pointer, media, BodyFormat::Json)) => {
                        let lowered = match &media.schema {
                            Some(schema) => self
                                .ty(schema.into(), &media_pointer.push("schema"), &context)
                                .map(|used| used.ty),
                            None => Some(Ty::Json),
                        };
                        failed |= lowered.is_none();
                        (lowered, BodyFormat::Json)
                    }
                    None => {
                        failed = true;
                        (None, BodyFormat::Json)
                    }
                }
            };
            if let Some(status) = success {
                successes.push((at, Success { status, ty, format }));
            } else {
                let docs = non_empty(doc_lines(&response.description), || {
                    format!("Status {status}.")
                });
                let summary = response
                    .description
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.record(format!("{pascal}Error::{variant}"), &at);
                variants.push(ErrorVariant {
                    name: variant,
                    status,
                    ty,
                    format,
                    docs,
                    summary: summary.trim_end_matches('.').to_owned(),
                });
            }
        }
        let success = match successes.len() {
            0 => {
                return self.unsupported(&responses_pointer, "an operation without a 2XX response");
            }
            1 => successes.pop().map(|(_, s)| s)?,
            _ => {
                let (at, _) = &successes[1];
                return self.unsupported(at, "more than one 2XX response");
            }
        };
        if failed {
            return None;
        }
        variants.sort_by_key(|v| v.status);
        let name = format!("{pascal}Error");
        if !self.claim_type_name(&name, &responses_pointer) {
            return None;
        }
        let docs = vec![format!(
            "The error responses `{}` declares, by status, with their decoded bodies.",
            snake_name(pascal)
        )];
        Some(Responses {
            success,
            errors: ErrorEnum {
                name,
                docs,
                variants,
            },
        })
    }
}

/// The variant name of an error status range: `4XX` -> `ClientError`.
fn range_variant(class: u16) -> String {
    match class {
        1 => "Informational".to_owned(),
        3 => "Redirection".to_owned(),
        4 => "ClientError".to_owned(),
        5 => "ServerError".to_owned(),
        other => format!("Status{other}xx"),
    }
}
