//! Operations: methods from paths and their names; each operation is lowered from its parameters ([`params`]), path template ([`path`]), request body ([`bodies`]), responses ([`responses`]) and credentials ([`security`]).

mod bodies;
mod params;
mod path;
mod responses;
mod security;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::ReferenceOr;

use self::params::Parameters;
use self::responses::Responses;
use super::Lowerer;
use super::docs::operation_docs;
use super::names::{RUNTIME_METHODS, unique};
use crate::error::Pointer;
use crate::ir::{Method, Operation};
use crate::lower::names::case::{snake_name, type_name};

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
