//! The walk over two IRs, from the top.
//!
//! It compares the whole API here (module docs, server, which types and
//! operations exist) and hands each type and operation both sides have to
//! [`super::types`] and [`super::operations`].

use super::differ::{Differ, pair_up};
use super::types::kind_of;
use super::{Change, Rule, Subject};
use crate::ir::{Api, Operation};

/// Every change from `old` to `new`, in the order the walk finds them.
pub(super) fn changes(old: &Api, new: &Api) -> Vec<Change> {
    let mut differ = Differ::new(old, new);
    differ.api();
    differ.into_changes()
}

impl Differ<'_> {
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
