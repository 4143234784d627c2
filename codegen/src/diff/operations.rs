//! The comparison of operations: each `Client` method's request, arguments, success type, error enum and stream.

use std::collections::{BTreeMap, BTreeSet};

use super::differ::Differ;
use super::{Rule, Subject};
use crate::ir::{Body, ErrorEnum, Operation, StatusMatch, Ty, rust_type};
use crate::lower::parameter_line;

fn body_argument(body: &Body) -> String {
    let ty = rust_type(&body.ty);
    if body.required {
        format!("{}: &{ty}", body.name)
    } else {
        format!("{}: Option<&{ty}>", body.name)
    }
}

impl Differ<'_> {
    pub(super) fn operation(&mut self, item: &str, before: &Operation, after: &Operation) {
        if (before.method, &before.path_template) != (after.method, &after.path_template) {
            self.changed(
                Subject::Operation,
                item,
                format!("{} {}", before.method.as_str(), before.path_template),
                format!("{} {}", after.method.as_str(), after.path_template),
                Rule::RequestChanged,
            );
        }
        // The method's own docs, without the lines of its parameters (each
        // reported at the parameter).
        let own_docs = |op: &Operation| -> Vec<String> {
            let lines: BTreeSet<String> = before
                .params
                .iter()
                .chain(&after.params)
                .map(parameter_line)
                .collect();
            op.docs
                .iter()
                .filter(|line| !lines.contains(*line))
                .cloned()
                .collect()
        };
        self.docs(
            Subject::Operation,
            item,
            &own_docs(before),
            &own_docs(after),
        );
        self.parameters(item, before, after);
        self.response(item, before, after);
        self.errors(item, &before.errors, &after.errors);
        self.stream(before, after);
    }

    /// The streaming method of a paginated list operation comes and goes
    /// with the shape of its success body.
    fn stream(&mut self, before: &Operation, after: &Operation) {
        let request =
            |op: &Operation| format!("{} {} (every page)", op.method.as_str(), op.path_template);
        match (&before.pagination, &after.pagination) {
            (Some(old), None) => self.removed(
                Subject::Operation,
                format!("Client::{}", old.method_name),
                request(before),
                Rule::OperationRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::Operation,
                format!("Client::{}", new.method_name),
                request(after),
                Rule::OperationAdded,
            ),
            (Some(old), Some(new)) if old.item != new.item => self.changed(
                Subject::Operation,
                format!("Client::{} -> Ok", new.method_name),
                rust_type(&old.item),
                rust_type(&new.item),
                Rule::TypeChanged,
            ),
            _ => {}
        }
    }

    /// Path parameters are compared by position, as callers pass them; the
    /// body argument comes after them.
    fn parameters(&mut self, item: &str, before: &Operation, after: &Operation) {
        let count = before.params.len().max(after.params.len());
        for index in 0..count {
            match (before.params.get(index), after.params.get(index)) {
                (Some(old), None) => self.removed(
                    Subject::Parameter,
                    format!("{item}({})", old.name),
                    format!("{}: {}", old.name, rust_type(&old.ty)),
                    Rule::ParameterRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::Parameter,
                    format!("{item}({})", new.name),
                    format!("{}: {}", new.name, rust_type(&new.ty)),
                    Rule::ParameterAdded,
                ),
                (Some(old), Some(new)) => {
                    let at = format!("{item}({})", new.name);
                    if old.ty != new.ty {
                        self.changed(
                            Subject::Parameter,
                            at.as_str(),
                            rust_type(&old.ty),
                            rust_type(&new.ty),
                            Rule::TypeChanged,
                        );
                    }
                    if old.name != new.name {
                        self.changed(
                            Subject::Parameter,
                            at.as_str(),
                            old.name.clone(),
                            new.name.clone(),
                            Rule::ParameterRenamed,
                        );
                    }
                    self.docs(Subject::Parameter, at, &old.docs, &new.docs);
                }
                (None, None) => {}
            }
        }
        // The query and header parameters are one argument; its fields are
        // compared as those of any struct.
        match (&before.query, &after.query) {
            (Some(old), None) => self.removed(
                Subject::Parameter,
                format!("{item}({})", old.name),
                format!("{}: &{}", old.name, old.ty),
                Rule::ParameterRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::Parameter,
                format!("{item}({})", new.name),
                format!("{}: &{}", new.name, new.ty),
                Rule::ParameterAdded,
            ),
            _ => {}
        }
        match (&before.body, &after.body) {
            (Some(old), None) => self.removed(
                Subject::RequestBody,
                format!("{item}({})", old.name),
                body_argument(old),
                Rule::ParameterRemoved,
            ),
            (None, Some(new)) => self.added(
                Subject::RequestBody,
                format!("{item}({})", new.name),
                body_argument(new),
                Rule::ParameterAdded,
            ),
            (Some(old), Some(new)) => {
                let at = format!("{item}({})", new.name);
                let rule = if old.ty != new.ty {
                    Some(Rule::TypeChanged)
                } else if old.required != new.required {
                    Some(if new.required {
                        Rule::ParameterNowRequired
                    } else {
                        Rule::ParameterNowOptional
                    })
                } else if old.name != new.name {
                    Some(Rule::ParameterRenamed)
                } else {
                    None
                };
                if let Some(rule) = rule {
                    self.changed(
                        Subject::RequestBody,
                        at,
                        body_argument(old),
                        body_argument(new),
                        rule,
                    );
                }
            }
            (None, None) => {}
        }
    }

    fn response(&mut self, item: &str, before: &Operation, after: &Operation) {
        let item = format!("{item} -> Ok");
        let ty = |op: &Operation| op.success.ty.as_ref().map_or("()".to_owned(), rust_type);
        if before.success.ty != after.success.ty {
            self.changed(
                Subject::Response,
                item.as_str(),
                ty(before),
                ty(after),
                Rule::TypeChanged,
            );
        }
        if before.success.status != after.success.status {
            self.changed(
                Subject::Response,
                item,
                before.success.status.to_string(),
                after.success.status.to_string(),
                Rule::SuccessStatusChanged,
            );
        }
    }

    fn errors(&mut self, item: &str, before: &ErrorEnum, after: &ErrorEnum) {
        if before.name != after.name {
            // The method's error type is renamed with it (an operationId
            // that gives the same method name but another type name).
            self.changed(
                Subject::Type,
                format!("{item} -> Err"),
                before.name.clone(),
                after.name.clone(),
                Rule::TypeChanged,
            );
        }
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        let mut old: BTreeMap<StatusMatch, _> =
            before.variants.iter().map(|v| (v.status, v)).collect();
        let mut new: BTreeMap<StatusMatch, _> =
            after.variants.iter().map(|v| (v.status, v)).collect();
        let statuses: BTreeSet<StatusMatch> = old.keys().chain(new.keys()).copied().collect();
        let payload = |ty: &Option<Ty>| ty.as_ref().map_or("no body".to_owned(), rust_type);
        for status in statuses {
            match (old.remove(&status), new.remove(&status)) {
                (Some(old), None) => self.removed(
                    Subject::ErrorStatus,
                    format!("{}::{}", before.name, old.name),
                    status.to_string(),
                    Rule::ErrorStatusRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::ErrorStatus,
                    format!("{name}::{}", new.name),
                    status.to_string(),
                    Rule::ErrorStatusAdded,
                ),
                (Some(old), Some(new)) => {
                    let at = format!("{name}::{}", new.name);
                    if old.ty != new.ty {
                        self.changed(
                            Subject::ErrorStatus,
                            at.as_str(),
                            payload(&old.ty),
                            payload(&new.ty),
                            Rule::TypeChanged,
                        );
                    }
                    let docs = |v: &crate::ir::ErrorVariant| {
                        let mut lines = v.docs.clone();
                        lines.push(format!("Display: {}", v.summary));
                        lines
                    };
                    self.docs(Subject::ErrorStatus, at, &docs(old), &docs(new));
                }
                (None, None) => {}
            }
        }
    }
}
