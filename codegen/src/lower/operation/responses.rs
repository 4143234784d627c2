//! Responses of an operation: the one 2XX success, and the `<Operation>Error` enum of the other declared statuses with their bodies.

use openapiv3::{ReferenceOr, Response, StatusCode};

use crate::error::Pointer;
use crate::ir::{BodyFormat, ErrorEnum, ErrorVariant, StatusMatch, Success, Ty};
use crate::lower::Lowerer;
use crate::lower::docs::{doc_lines, non_empty};
use crate::lower::names::case::{snake_name, status_variant};

/// What the responses of an operation lower to.
pub(super) struct Responses {
    pub(super) success: Success,
    pub(super) errors: ErrorEnum,
}

impl<'a> Lowerer<'a> {
    /// The success and the error enum of an operation's responses; `None`
    /// if any response could not be lowered (each problem is reported).
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
        for (key, code, response) in declared_responses(operation) {
            let at = responses_pointer.push(&key);
            let Some(status) = self.status_match(code, &at) else {
                failed = true;
                continue;
            };
            let success = match status {
                StatusMatch::Code(code) => (200..300).contains(&code).then_some(code),
                _ => None,
            };
            let Some(response) =
                self.resolve(response, "responses", |c, key| c.responses.get(key), &at)
            else {
                failed = true;
                // It still counts, so that a second 2XX response is reported.
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
            let variant = variant_name(status);
            let context = if success.is_some() {
                format!("{pascal}Response")
            } else {
                format!("{pascal}{variant}Body")
            };
            let (ty, format) = match self.response_body(response, &context, &at) {
                Some(body) => body,
                None => {
                    failed = true;
                    (None, BodyFormat::Json)
                }
            };
            match success {
                Some(status) => successes.push((at, Success { status, ty, format })),
                None => {
                    self.record(format!("{pascal}Error::{variant}"), &at);
                    variants.push(error_variant(variant, status, ty, format, response));
                }
            }
        }
        let success = self.one_success(successes, &responses_pointer)?;
        if failed {
            return None;
        }
        let errors = self.error_enum(pascal, variants, &responses_pointer)?;
        Some(Responses { success, errors })
    }

    /// What the status key of a response answers (`None` is `default`); the
    /// range `2XX` is refused (reported): the success needs one status.
    fn status_match(&mut self, code: Option<&StatusCode>, at: &Pointer) -> Option<StatusMatch> {
        Some(match code {
            Some(StatusCode::Code(status)) => StatusMatch::Code(*status),
            Some(StatusCode::Range(2)) => {
                return self.unsupported(
                    at,
                    "the status range `2XX` for the success (declare the status)",
                );
            }
            Some(StatusCode::Range(class)) => StatusMatch::Range(*class),
            None => StatusMatch::Default,
        })
    }

    /// The type and format of a response's body: no type without content,
    /// `String` for text, the schema's type for JSON (an inline schema
    /// named `context`); `None` if it could not be lowered (reported).
    fn response_body(
        &mut self,
        response: &'a Response,
        context: &str,
        at: &Pointer,
    ) -> Option<(Option<Ty>, BodyFormat)> {
        if response.content.is_empty() {
            return Some((None, BodyFormat::Json));
        }
        match self.response_media(&response.content, at)? {
            (_, _, BodyFormat::Text) => Some((Some(Ty::String), BodyFormat::Text)),
            (media_pointer, media, BodyFormat::Json) => {
                let ty = match &media.schema {
                    Some(schema) => {
                        self.ty(schema.into(), &media_pointer.push("schema"), context)?
                            .ty
                    }
                    None => Ty::Json,
                };
                Some((Some(ty), BodyFormat::Json))
            }
        }
    }

    /// The one 2XX response; none, or more than one, is refused (reported).
    fn one_success(
        &mut self,
        mut successes: Vec<(Pointer, Success)>,
        pointer: &Pointer,
    ) -> Option<Success> {
        match successes.len() {
            0 => self.unsupported(pointer, "an operation without a 2XX response"),
            1 => successes.pop().map(|(_, s)| s),
            _ => {
                let (at, _) = &successes[1];
                self.unsupported(at, "more than one 2XX response")
            }
        }
    }

    /// The enum `<Operation>Error` of the error responses, by status.
    fn error_enum(
        &mut self,
        pascal: &str,
        mut variants: Vec<ErrorVariant>,
        pointer: &Pointer,
    ) -> Option<ErrorEnum> {
        variants.sort_by_key(|v| v.status);
        let name = format!("{pascal}Error");
        if !self.claim_type_name(&name, pointer) {
            return None;
        }
        let docs = vec![format!(
            "The error responses `{}` declares, by status, with their decoded bodies.",
            snake_name(pascal)
        )];
        Some(ErrorEnum {
            name,
            docs,
            variants,
        })
    }
}

/// The responses of an operation with their keys: those by status, in
/// document order, then `default` (without a status code).
fn declared_responses(
    operation: &openapiv3::Operation,
) -> impl Iterator<Item = (String, Option<&StatusCode>, &ReferenceOr<Response>)> {
    operation
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
        )
}

/// The variant of `<Operation>Error` for `status`: `NotFound`, `ClientError`, `Other`.
fn variant_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => status_variant(code),
        StatusMatch::Range(class) => range_variant(class),
        StatusMatch::Default => "Other".to_owned(),
    }
}

/// The error variant `name` for an error response, documented by its
/// description, with its body's type and format.
fn error_variant(
    name: String,
    status: StatusMatch,
    ty: Option<Ty>,
    format: BodyFormat,
    response: &Response,
) -> ErrorVariant {
    let docs = non_empty(doc_lines(&response.description), || {
        format!("Status {status}.")
    });
    let summary = response
        .description
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    ErrorVariant {
        name,
        status,
        ty,
        format,
        docs,
        summary: summary.trim_end_matches('.').to_owned(),
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
