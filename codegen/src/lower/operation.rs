//! Operations: methods from paths, their path parameters, request bodies and responses.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{MediaType, Parameter, ReferenceOr, RequestBody, StatusCode};

use super::Lowerer;
use super::docs::{doc_lines, non_empty, operation_docs};
use super::names::RUNTIME_METHODS;
use crate::error::{Error, Pointer};
use crate::ir::{
    Body, ErrorEnum, ErrorVariant, Method, Operation, PathParam, PathPart, Success, Ty,
};
use crate::naming::{snake_name, status_variant, type_name};
use crate::template::{self, Part};

/// What the responses of an operation lower to.
struct Responses {
    success: Success,
    errors: ErrorEnum,
}

/// The path parameters of an operation, and the names of those already
/// reported (so the path check does not report them again); `None` when a
/// parameter reference did not resolve, so that any name may be declared.
struct PathParams {
    params: Vec<PathParam>,
    failed: Option<BTreeSet<String>>,
}

impl<'a> Lowerer<'a> {
    /// Every operation of every path, in document order.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        let mut operations = Vec::new();
        let mut method_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (path, item) in &document.paths.paths {
            let item_pointer = Pointer::root().push("paths").push(path);
            let ReferenceOr::Item(item) = item else {
                self.diagnostics
                    .unsupported(&item_pointer, "a `$ref` path item");
                continue;
            };
            for (method, operation) in item.iter() {
                let pointer = item_pointer.push(method);
                let Some(method) = http_method(method) else {
                    self.diagnostics
                        .unsupported(&pointer, format!("the HTTP method `{method}`"));
                    continue;
                };
                let identifier = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| format!("{} {path}", method.as_str().to_lowercase()));
                let method_name = snake_name(&identifier);
                if RUNTIME_METHODS.contains(&method_name.as_str()) {
                    self.diagnostics.unsupported(
                        &pointer.push("operationId"),
                        format!(
                            "the Rust name `{method_name}` is reserved by the client runtime's \
                             `Client`; change the operationId"
                        ),
                    );
                    continue;
                }
                if let Some(first) = method_names.get(&method_name) {
                    self.diagnostics.push(Error::NameCollision {
                        pointer: pointer.push("operationId"),
                        name: method_name,
                        first: first.clone(),
                    });
                    continue;
                }
                method_names.insert(method_name.clone(), pointer.push("operationId"));
                self.record(format!("Client::{method_name}"), &pointer);
                if let Some(lowered) = self.operation(
                    method_name,
                    &type_name(&identifier),
                    method,
                    path,
                    item,
                    operation,
                    &pointer,
                ) {
                    operations.push(lowered);
                }
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        method_name: String,
        pascal: &str,
        method: Method,
        path: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Option<Operation> {
        let PathParams { params, failed } =
            self.path_params(&method_name, pascal, item, operation, pointer);
        let path_parts = self.path_parts(path, &params, failed.as_ref(), pointer);
        let body = operation.request_body.as_ref().and_then(|body| {
            let taken = params.iter().any(|p| p.name == "body");
            self.request_body(pascal, body, taken, &pointer.push("requestBody"))
        });
        if let Some(body) = &body {
            self.record(
                format!("Client::{method_name}({})", body.name),
                &pointer.push("requestBody"),
            );
        }
        let Responses { success, errors } = self.responses(pascal, operation, pointer)?;
        self.record(
            format!("Client::{method_name} -> Ok"),
            &pointer.push("responses").push(&success.status.to_string()),
        );
        let docs = operation_docs(operation, method, path, &params, &errors.name);
        Some(Operation {
            method_name,
            method,
            path_template: path.to_owned(),
            path: path_parts?,
            docs,
            params,
            body,
            success,
            errors,
        })
    }

    fn path_params(
        &mut self,
        method_name: &str,
        pascal: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> PathParams {
        // Operation parameters override path-item parameters of the same name and location.
        let mut merged: Vec<(Pointer, &'a Parameter)> = Vec::new();
        let mut unresolved = false;
        let sources = [
            (pointer.parent_push("parameters"), &item.parameters),
            (pointer.push("parameters"), &operation.parameters),
        ];
        for (base, list) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let at = base.push(&index.to_string());
                let Some(parameter) =
                    self.resolve(parameter, "parameters", |c, key| c.parameters.get(key), &at)
                else {
                    // Its name is unknown: no template name may be reported as undeclared.
                    unresolved = true;
                    continue;
                };
                let key = (
                    parameter_location(parameter),
                    &parameter.parameter_data_ref().name,
                );
                merged
                    .retain(|(_, p)| (parameter_location(p), &p.parameter_data_ref().name) != key);
                merged.push((at, parameter));
            }
        }
        let mut params = Vec::new();
        let mut failed = BTreeSet::new();
        let mut param_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (at, parameter) in merged {
            let data = parameter.parameter_data_ref();
            if matches!(parameter, Parameter::Path { .. }) {
                failed.insert(data.name.clone());
            }
            let Parameter::Path { .. } = parameter else {
                self.diagnostics.unsupported(
                    &at,
                    format!(
                        "{} parameter `{}` (only path parameters are)",
                        parameter_location(parameter),
                        data.name
                    ),
                );
                continue;
            };
            let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.diagnostics
                    .unsupported(&at, "a parameter described by `content`");
                continue;
            };
            let context = format!("{pascal}{}", type_name(&data.name));
            let Some(used) = self.ty(schema.into(), &at.push("schema"), &context) else {
                continue;
            };
            let ty = self.unaliased(used.ty);
            let scalar = matches!(
                ty,
                Ty::String
                    | Ty::Uuid
                    | Ty::Bool
                    | Ty::I32
                    | Ty::I64
                    | Ty::F64
                    | Ty::Date
                    | Ty::DateTime
            ) || matches!(&ty, Ty::Named(name) if self.is_enum(name));
            if !scalar {
                self.diagnostics.unsupported(
                    &at.push("schema"),
                    "a path parameter that is not a string, number, boolean or string enum",
                );
                continue;
            }
            let docs = non_empty(
                data.description
                    .as_deref()
                    .map(doc_lines)
                    .unwrap_or_default(),
                || format!("The `{}` path parameter.", data.name),
            );
            let name = snake_name(&data.name);
            if let Some(first) = param_names.get(&name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: at,
                    name,
                    first: first.clone(),
                });
                continue;
            }
            self.record(format!("Client::{method_name}({name})"), &at);
            param_names.insert(name.clone(), at);
            failed.remove(&data.name);
            params.push(PathParam {
                name,
                wire: data.name.clone(),
                ty,
                docs,
            });
        }
        PathParams {
            params,
            failed: (!unresolved).then_some(failed),
        }
    }

    /// Splits the path template, checking that its parameters and the declared ones match.
    fn path_parts(
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

    fn request_body(
        &mut self,
        pascal: &str,
        body: &'a ReferenceOr<RequestBody>,
        name_taken: bool,
        pointer: &Pointer,
    ) -> Option<Body> {
        let body = self.resolve(
            body,
            "requestBodies",
            |c, key| c.request_bodies.get(key),
            pointer,
        )?;
        let (media_pointer, media) = self.json_media(&body.content, pointer)?;
        let ty = match &media.schema {
            Some(schema) => {
                self.ty(
                    schema.into(),
                    &media_pointer.push("schema"),
                    &format!("{pascal}Request"),
                )?
                .ty
            }
            None => Ty::Json,
        };
        let name = if name_taken { "request_body" } else { "body" };
        Some(Body {
            name: name.to_owned(),
            ty,
            required: body.required,
        })
    }

    /// The JSON media type of a body; an error if the body has content but none is JSON.
    fn json_media(
        &mut self,
        content: &'a openapiv3::Content,
        pointer: &Pointer,
    ) -> Option<(Pointer, &'a MediaType)> {
        let found = content.iter().find(|(media_type, _)| is_json(media_type));
        match found {
            Some((media_type, media)) => Some((pointer.push("content").push(media_type), media)),
            None => {
                let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                self.unsupported(
                    &pointer.push("content"),
                    format!("media type(s) {} (only JSON is)", listed.join(", ")),
                )
            }
        }
    }

    fn responses(
        &mut self,
        pascal: &str,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Option<Responses> {
        let responses_pointer = pointer.push("responses");
        if operation.responses.default.is_some() {
            self.diagnostics.unsupported(
                &responses_pointer.push("default"),
                "a `default` response (declare each status)",
            );
        }
        let mut successes = Vec::new();
        let mut variants = Vec::new();
        // Whether a response failed (and was reported); the others are still
        // checked, so that every problem is reported.
        let mut failed = false;
        for (code, response) in &operation.responses.responses {
            let at = responses_pointer.push(&code.to_string());
            let status = match code {
                StatusCode::Code(status) => *status,
                StatusCode::Range(_) => {
                    self.diagnostics.unsupported(
                        &at,
                        format!("the status range `{code}` (declare each status)"),
                    );
                    continue;
                }
            };
            let Some(response) =
                self.resolve(response, "responses", |c, key| c.responses.get(key), &at)
            else {
                failed = true;
                if (200..300).contains(&status) {
                    successes.push((at, Success { status, ty: None }));
                }
                continue;
            };
            let ty = if response.content.is_empty() {
                None
            } else {
                let variant = status_variant(status);
                let context = if (200..300).contains(&status) {
                    format!("{pascal}Response")
                } else {
                    format!("{pascal}{variant}Body")
                };
                let lowered =
                    self.json_media(&response.content, &at)
                        .and_then(|(media_pointer, media)| match &media.schema {
                            Some(schema) => self
                                .ty(schema.into(), &media_pointer.push("schema"), &context)
                                .map(|used| used.ty),
                            None => Some(Ty::Json),
                        });
                failed |= lowered.is_none();
                lowered
            };
            if (200..300).contains(&status) {
                successes.push((at, Success { status, ty }));
            } else {
                let docs = non_empty(doc_lines(&response.description), || {
                    format!("Status {status}.")
                });
                let summary = response
                    .description
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.record(format!("{pascal}Error::{}", status_variant(status)), &at);
                variants.push(ErrorVariant {
                    name: status_variant(status),
                    status,
                    ty,
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

impl Pointer {
    /// The sibling `token` of this pointer's last token (`.../put` -> `.../parameters`).
    fn parent_push(&self, token: &str) -> Pointer {
        let tokens: Vec<String> = self.tokens().collect();
        let parent = tokens[..tokens.len().saturating_sub(1)]
            .iter()
            .fold(Pointer::root(), |p, t| p.push(t));
        parent.push(token)
    }
}

fn http_method(method: &str) -> Option<Method> {
    Some(match method {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "patch" => Method::Patch,
        "head" => Method::Head,
        "options" => Method::Options,
        "trace" => Method::Trace,
        _ => return None,
    })
}

fn parameter_location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}
