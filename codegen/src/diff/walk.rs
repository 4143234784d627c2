//! The walk over two IRs: the [`Differ`] that records each change with its place.
//!
//! It compares the whole API here (module docs, server, which types and
//! operations exist) and hands each type and operation both sides have to
//! [`super::types`] and [`super::operations`].

use std::collections::{BTreeMap, BTreeSet};

use super::types::kind_of;
use super::{Change, ChangeKind, Rule, Side, Subject, locate};
use crate::ir::{Api, Operation};

/// Every change from `old` to `new`, in the order the walk finds them.
pub(super) fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    differ.api();
    differ.changes
}

fn text(docs: &[String]) -> String {
    docs.join("\n")
}

/// The values of two maps by key, in key order, as pairs of what each side has.
pub(super) fn pair_up<'k, T>(
    old: impl IntoIterator<Item = (&'k str, T)>,
    new: impl IntoIterator<Item = (&'k str, T)>,
) -> Vec<(&'k str, Option<T>, Option<T>)> {
    let mut old: BTreeMap<&str, T> = old.into_iter().collect();
    let mut new: BTreeMap<&str, T> = new.into_iter().collect();
    let keys: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    keys.into_iter()
        .map(|key| (key, old.remove(key), new.remove(key)))
        .collect()
}

/// The two documents being compared and the changes found so far.
pub(super) struct Differ<'a> {
    old: &'a Api,
    new: &'a Api,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn push(
        &mut self,
        kind: ChangeKind,
        subject: Subject,
        item: impl Into<String>,
        (old, new): (Option<String>, Option<String>),
        rule: Rule,
    ) {
        let item = item.into();
        let side = match kind {
            ChangeKind::Removed => Side::Old,
            ChangeKind::Added | ChangeKind::Changed => Side::New,
        };
        let pointer = match side {
            Side::Old => locate(self.old, &item),
            Side::New => locate(self.new, &item),
        };
        self.changes.push(Change {
            kind,
            subject,
            item,
            pointer,
            side,
            old,
            new,
            rule,
        });
    }

    pub(super) fn added(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        new: String,
        rule: Rule,
    ) {
        self.push(ChangeKind::Added, subject, item, (None, Some(new)), rule);
    }

    pub(super) fn removed(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: String,
        rule: Rule,
    ) {
        self.push(ChangeKind::Removed, subject, item, (Some(old), None), rule);
    }

    pub(super) fn changed(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: String,
        new: String,
        rule: Rule,
    ) {
        self.push(
            ChangeKind::Changed,
            subject,
            item,
            (Some(old), Some(new)),
            rule,
        );
    }

    pub(super) fn docs(
        &mut self,
        subject: Subject,
        item: impl Into<String>,
        old: &[String],
        new: &[String],
    ) {
        if old != new {
            self.changed(subject, item, text(old), text(new), Rule::DocsChanged);
        }
    }

    fn api(&mut self) {
        let (old, new) = (self.old, self.new);
        self.docs(Subject::ModuleDocs, "crate", &old.docs, &new.docs);
        let server = |api: &Api| {
            api.server.as_ref().map(|server| {
                let defaults: Vec<String> = server
                    .variables
                    .iter()
                    .map(|v| format!("{}={}", v.name, v.default))
                    .collect();
                if defaults.is_empty() {
                    server.url.clone()
                } else {
                    format!("{} ({})", server.url, defaults.join(", "))
                }
            })
        };
        if server(old) != server(new) {
            let none = || "no server".to_owned();
            self.changed(
                Subject::Server,
                "Client::new",
                server(old).unwrap_or_else(none),
                server(new).unwrap_or_else(none),
                Rule::ServerChanged,
            );
        }
        let types = pair_up(
            old.types.iter().map(|t| (t.name(), t)),
            new.types.iter().map(|t| (t.name(), t)),
        );
        for (name, before, after) in types {
            match (before, after) {
                (Some(before), None) => {
                    self.removed(Subject::Type, name, kind_of(before), Rule::TypeRemoved)
                }
                (None, Some(after)) => {
                    self.added(Subject::Type, name, kind_of(after), Rule::TypeAdded)
                }
                (Some(before), Some(after)) => self.type_def(name, before, after),
                (None, None) => {}
            }
        }
        let operations = pair_up(
            old.operations.iter().map(|o| (o.method_name.as_str(), o)),
            new.operations.iter().map(|o| (o.method_name.as_str(), o)),
        );
        for (name, before, after) in operations {
            let item = format!("Client::{name}");
            let request = |op: &Operation| format!("{} {}", op.method.as_str(), op.path_template);
            match (before, after) {
                (Some(before), None) => {
                    self.removed(
                        Subject::Operation,
                        item,
                        request(before),
                        Rule::OperationRemoved,
                    );
                    let name = before.errors.name.as_str();
                    self.removed(Subject::Type, name, "enum".to_owned(), Rule::TypeRemoved);
                }
                (None, Some(after)) => {
                    self.added(
                        Subject::Operation,
                        item,
                        request(after),
                        Rule::OperationAdded,
                    );
                    let name = after.errors.name.as_str();
                    self.added(Subject::Type, name, "enum".to_owned(), Rule::TypeAdded);
                }
                (Some(before), Some(after)) => self.operation(&item, before, after),
                (None, None) => {}
            }
        }
    }
}
