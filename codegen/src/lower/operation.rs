//! Operations: methods from paths, their names, parameters (path, query, header), request bodies, responses and credentials.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    HeaderStyle, MediaType, Parameter, QueryStyle, ReferenceOr, RequestBody, StatusCode,
};

use super::Lowerer;
use super::docs::{doc_lines, non_empty, operation_docs};
use super::names::{RUNTIME_METHODS, name_methods, unique};
use crate::error::{Error, Pointer};
use crate::ir::{
    Auth, Body, BodyFormat, ErrorEnum, ErrorVariant, Field, Method, Operation, Param,
    ParamLocation, ParamsStruct, PathParam, PathPart, Presence, StatusMatch, Struct, Success, Ty,
    TypeDef,
};
use crate::naming::{snake_name, status_variant, type_name};
use crate::template::{self, Part};

/// What the responses of an operation lower to.
struct Responses {
    success: Success,
    errors: ErrorEnum,
}

/// The parameters of an operation: the path parameters, the names of
/// those already reported (so the path check does not report them again;
/// `None` when a parameter reference did not resolve, so that any name may
/// be declared), and the query and header parameters.
struct Parameters {
    params: Vec<PathParam>,
    failed: Option<BTreeSet<String>>,
    others: Vec<(Param, Field)>,
}

/// An operation of the document, before it is lowered: where it is and
/// the identifier its names come from.
struct Found<'a> {
    path: &'a str,
    item: &'a openapiv3::PathItem,
    method: Method,
    operation: &'a openapiv3::Operation,
    pointer: Pointer,
    /// The operationId, or `<method> <path>` when there is none.
    identifier: String,
    /// `<method> <path>`.
    fallback: String,
}

impl<'a> Lowerer<'a> {
    /// Every operation of every path, in document order.
    ///
    /// Method names come from the operationId, or from the method and path
    /// when there is none (`get /things/{id}` -> `get_things_id`). When
    /// several operations map to one name, the first of them by path, then
    /// by method (`DELETE` < `GET` < `PATCH` < `POST` < `PUT`), keeps it; each
    /// other one is named from its method and path instead, with `2`, `3`,
    /// ... appended if that name is taken as well. The rule depends only on
    /// the paths and methods, not on where the operations stand in the
    /// document.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        let mut found: Vec<Found<'a>> = Vec::new();
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
                let fallback = format!("{} {path}", method.as_str().to_lowercase());
                found.push(Found {
                    path,
                    item,
                    method,
                    operation,
                    pointer,
                    identifier: operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| fallback.clone()),
                    fallback,
                });
            }
        }
        let names = self.method_names(&found);
        let mut operations = Vec::new();
        for (found, name) in found.iter().zip(names) {
            let Some((method_name, pascal)) = name else {
                continue;
            };
            let pointer = &found.pointer;
            self.record(format!("Client::{method_name}"), pointer);
            if let Some(lowered) = self.operation(
                method_name,
                &pascal,
                found.method,
                found.path,
                found.item,
                found.operation,
                pointer,
            ) {
                operations.push(lowered);
            }
        }
        operations
    }

    /// The method name and the type-name stem of each operation (see
    /// [`Self::operations`] for the rule); `None` for a name the runtime's
    /// `Client` takes (reported).
    fn method_names(&mut self, found: &[Found<'a>]) -> Vec<Option<(String, String)>> {
        let wanted: Vec<String> = found.iter().map(|f| snake_name(&f.identifier)).collect();
        let mut claims: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (index, name) in wanted.iter().enumerate() {
            claims.entry(name).or_default().push(index);
        }
        let mut taken: BTreeSet<String> = wanted.iter().cloned().collect();
        let mut names: Vec<Option<(String, String)>> = found
            .iter()
            .map(|f| Some((snake_name(&f.identifier), type_name(&f.identifier))))
            .collect();
        let mut renamed: Vec<usize> = Vec::new();
        for indices in claims.values() {
            let mut indices = indices.clone();
            indices.sort_by_key(|&i| (found[i].path, found[i].method.as_str()));
            renamed.extend(indices.into_iter().skip(1));
        }
        renamed.sort_by_key(|&i| (found[i].path, found[i].method.as_str()));
        for index in renamed {
            let base = snake_name(&found[index].fallback);
            let name = unique(&mut taken, &base);
            let pascal = if name == base {
                type_name(&found[index].fallback)
            } else {
                type_name(&name)
            };
            names[index] = Some((name, pascal));
        }
        for (index, name) in names.iter_mut().enumerate() {
            let Some((method_name, _)) = name else {
                continue;
            };
            if RUNTIME_METHODS.contains(&method_name.as_str()) {
                self.diagnostics.unsupported(
                    &found[index].pointer.push("operationId"),
                    format!(
                        "the Rust name `{method_name}` is reserved by the client runtime's \
                         `Client`; change the operationId"
                    ),
                );
                *name = None;
            }
        }
        names
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
        let Parameters {
            params,
            failed,
            others,
        } = self.parameters(&method_name, pascal, item, operation, pointer);
        let path_parts = self.path_parts(path, &params, failed.as_ref(), pointer);
        let query = self.params_struct(&method_name, pascal, &params, others, pointer);
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
        let auth = self.auth(operation);
        let docs = operation_docs(
            operation,
            method,
            path,
            &params,
            query.as_ref(),
            auth,
            &errors.name,
        );
        Some(Operation {
            method_name,
            method,
            path_template: path.to_owned(),
            path: path_parts?,
            docs,
            params,
            query,
            body,
            success,
            errors,
            auth,
            pagination: None,
        })
    }

    /// The credentials an operation sends: its own `security`, or the
    /// document's. Of the alternatives it lists, HTTP Basic wins, then
    /// Bearer, then none (`{}`); `security: []` sends none; a document
    /// without any `security` sends HTTP Basic, the client's own
    /// credentials. Schemes that cannot be applied are reported by
    /// [`Self::check_security`].
    fn auth(&self, operation: &openapiv3::Operation) -> Auth {
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

    /// Merges the parameters of the path item and of the operation (the
    /// operation's win on the same name and location) and lowers each.
    fn parameters(
        &mut self,
        method_name: &str,
        pascal: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &Pointer,
    ) -> Parameters {
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
        let mut others = Vec::new();
        let mut failed = BTreeSet::new();
        let mut param_names: BTreeMap<String, Pointer> = BTreeMap::new();
        let mut field_names: BTreeMap<String, Pointer> = BTreeMap::new();
        for (at, parameter) in merged {
            let data = parameter.parameter_data_ref();
            let (location, explode) = match parameter {
                Parameter::Path { .. } => {
                    failed.insert(data.name.clone());
                    (None, false)
                }
                Parameter::Query { style, .. } => {
                    if !matches!(style, QueryStyle::Form) {
                        self.diagnostics.unsupported(
                            &at.push("style"),
                            format!(
                                "the query parameter style `{}` (only `form` is)",
                                query_style(style)
                            ),
                        );
                        continue;
                    }
                    (Some(ParamLocation::Query), data.explode.unwrap_or(true))
                }
                Parameter::Header { style, .. } => {
                    let HeaderStyle::Simple = style;
                    // OpenAPI: such a parameter "SHALL be ignored"; the
                    // client sets these headers itself.
                    if ["accept", "content-type", "authorization"]
                        .contains(&data.name.to_ascii_lowercase().as_str())
                    {
                        continue;
                    }
                    if !is_header_name(&data.name) {
                        self.diagnostics.invalid(
                            &at.push("name"),
                            format!("`{}` is not a valid HTTP header name", data.name),
                        );
                        continue;
                    }
                    (Some(ParamLocation::Header), false)
                }
                Parameter::Cookie { .. } => {
                    self.diagnostics.unsupported(
                        &at,
                        format!(
                            "cookie parameter `{}` (path, query and header parameters are)",
                            data.name
                        ),
                    );
                    continue;
                }
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
            let docs = non_empty(
                data.description
                    .as_deref()
                    .map(doc_lines)
                    .unwrap_or_default(),
                || {
                    let kind = location.map_or("path", |l| match l {
                        ParamLocation::Query => "query",
                        ParamLocation::Header => "header",
                    });
                    format!("The `{}` {kind} parameter.", data.name)
                },
            );
            let name = snake_name(&data.name);
            let Some(location) = location else {
                let ty = self.unaliased(used.ty);
                if !self.is_scalar(&ty) {
                    self.diagnostics.unsupported(
                        &at.push("schema"),
                        "a path parameter that is not a string, number, boolean or string enum",
                    );
                    continue;
                }
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
                continue;
            };
            let value = match self.unaliased(used.ty.clone()) {
                Ty::Array(item) => {
                    let item = self.unaliased(*item);
                    self.is_scalar(&item).then(|| Ty::Array(Box::new(item)))
                }
                scalar => self.is_scalar(&scalar).then_some(scalar),
            };
            let Some(value) = value else {
                self.diagnostics.unsupported(
                    &at.push("schema"),
                    format!(
                        "a {} parameter that is not a string, number, boolean, string enum \
                         or an array of them",
                        match location {
                            ParamLocation::Query => "query",
                            ParamLocation::Header => "header",
                        }
                    ),
                );
                continue;
            };
            if let Some(first) = field_names.get(&name) {
                self.diagnostics.push(Error::NameCollision {
                    pointer: at,
                    name,
                    first: first.clone(),
                });
                continue;
            }
            field_names.insert(name.clone(), at.clone());
            self.record(format!("{pascal}Params::{name}"), &at);
            let mut field_docs = docs;
            field_docs.push(String::new());
            field_docs.push(match location {
                ParamLocation::Query => format!("Sent as the query parameter `{}`.", data.name),
                ParamLocation::Header => format!("Sent as the header `{}`.", data.name),
            });
            let required = data.required;
            others.push((
                Param {
                    field: name.clone(),
                    wire: data.name.clone(),
                    location,
                    ty: value,
                    required,
                    explode,
                },
                Field {
                    name,
                    wire: data.name.clone(),
                    docs: field_docs,
                    ty: used.ty,
                    presence: if required {
                        Presence::Required
                    } else {
                        Presence::Optional
                    },
                    setter: String::new(),
                    clearer: None,
                    flatten: false,
                },
            ));
        }
        Parameters {
            params,
            failed: (!unresolved).then_some(failed),
            others,
        }
    }

    /// Whether a path, query or header parameter can hold a value of `ty`
    /// (aliases resolved): a string, number, boolean, date, UUID or string
    /// enum.
    fn is_scalar(&self, ty: &Ty) -> bool {
        matches!(
            ty,
            Ty::String
                | Ty::Uuid
                | Ty::Bool
                | Ty::I32
                | Ty::I64
                | Ty::F32
                | Ty::F64
                | Ty::Date
                | Ty::DateTime
        ) || matches!(ty, Ty::Named(name) if self.is_enum(name))
    }

    /// The struct `<Operation>Params` of the query and header parameters,
    /// defined as a type of its own (built with `new` and setters like the
    /// body types); `None` when there are none.
    fn params_struct(
        &mut self,
        method_name: &str,
        pascal: &str,
        path_params: &[PathParam],
        others: Vec<(Param, Field)>,
        pointer: &Pointer,
    ) -> Option<ParamsStruct> {
        if others.is_empty() {
            return None;
        }
        let name = format!("{pascal}Params");
        if !self.claim_type_name(&name, &pointer.push("parameters")) {
            return None;
        }
        let (params, mut fields): (Vec<Param>, Vec<Field>) = others.into_iter().unzip();
        name_methods(&mut fields);
        let required = self.required_arguments(&name, &fields, &pointer.push("parameters"))?;
        self.types.push(TypeDef::Struct(Struct {
            name: name.clone(),
            docs: vec![
                format!(
                    "The query and header parameters of \
                     [`Client::{method_name}`](crate::Client::{method_name})."
                ),
                String::new(),
                "Parameters that are not set are left out of the request.".to_owned(),
            ],
            fields,
            required,
        }));
        let argument = if path_params.iter().any(|p| p.name == "params") {
            "parameters"
        } else {
            "params"
        };
        self.record(
            format!("Client::{method_name}({argument})"),
            &pointer.push("parameters"),
        );
        Some(ParamsStruct {
            name: argument.to_owned(),
            ty: name,
            params,
        })
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

    /// The media type of a response body: JSON if the response offers it,
    /// else `text/plain`; an error for a response with neither.
    fn response_media(
        &mut self,
        content: &'a openapiv3::Content,
        pointer: &Pointer,
    ) -> Option<(Pointer, &'a MediaType, BodyFormat)> {
        let text = content.iter().find(|(media_type, _)| is_text(media_type));
        match text {
            Some((media_type, media)) if !content.keys().any(|m| is_json(m)) => Some((
                pointer.push("content").push(media_type),
                media,
                BodyFormat::Text,
            )),
            _ => {
                let found = content.iter().find(|(media_type, _)| is_json(media_type));
                match found {
                    Some((media_type, media)) => Some((
                        pointer.push("content").push(media_type),
                        media,
                        BodyFormat::Json,
                    )),
                    None => {
                        let listed: Vec<&str> = content.keys().map(String::as_str).collect();
                        self.unsupported(
                            &pointer.push("content"),
                            format!(
                                "media type(s) {} (only JSON and text/plain are)",
                                listed.join(", ")
                            ),
                        )
                    }
                }
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

fn query_style(style: &QueryStyle) -> &'static str {
    match style {
        QueryStyle::Form => "form",
        QueryStyle::SpaceDelimited => "spaceDelimited",
        QueryStyle::PipeDelimited => "pipeDelimited",
        QueryStyle::DeepObject => "deepObject",
    }
}

/// Whether `name` is an HTTP field name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
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

fn is_text(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/plain")
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json") || essence.ends_with("+json")
}
