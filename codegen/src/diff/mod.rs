//! Diff: what a change of the document does to the generated crate. Compares the IR of two documents item by item and classifies each change for the crate's users.
//!
//! The comparison speaks in the generated crate's terms: operations are
//! methods of `Client`, schemas are structs, open enums and aliases,
//! properties are fields, error statuses are variants of per-operation
//! error enums. Each [`Change`] names its Rust item, the JSON pointer of its
//! place in the document ([`Api::locations`]), and the [`Rule`] that
//! classifies it as breaking, compatible or docs only. The rules follow what
//! the emitted code does: structs and enums are `#[non_exhaustive]`, string
//! enums have a catch-all variant, error enums are `#[non_exhaustive]`,
//! structs are built with `new(<required fields>)` and chained setters.
//!
//! Pure: no file system, no git, no versions; the caller lowers both
//! documents ([`crate::lower_text`]) and decides what the changes mean
//! for the crate's version.

mod differ;
mod operations;
mod renames;
mod rules;
mod types;
mod walk;

use crate::error::Pointer;
use crate::ir::Api;

pub use rules::{Rule, RuleInfo};

/// What a change means for code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// Code that compiled against the old crate may not compile, or may
    /// silently behave otherwise, against the new one.
    Breaking,
    /// Code that compiled against the old crate compiles and behaves the
    /// same; the crate only grows.
    Compatible,
    /// Only doc comments change.
    DocsOnly,
}

impl Classification {
    /// The stable name used in JSON output: `breaking`, `compatible`, `docs-only`.
    pub fn id(self) -> &'static str {
        match self {
            Classification::Breaking => "breaking",
            Classification::Compatible => "compatible",
            Classification::DocsOnly => "docs-only",
        }
    }
}

/// Whether an item appears, disappears or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Only the new document has it.
    Added,
    /// Only the old document has it.
    Removed,
    /// Both have it, differently.
    Changed,
}

impl ChangeKind {
    /// The stable name used in JSON output: `added`, `removed`, `changed`.
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// What kind of Rust item (or part of one) a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The docs of the generated module (the document's `info`).
    ModuleDocs,
    /// The server URL a space name expands to.
    Server,
    /// A named type: struct, enum or alias.
    Type,
    /// A field of a struct.
    Field,
    /// The constructor `new` of a struct.
    Constructor,
    /// The setter or clearer of a field.
    Setter,
    /// A listed value of an open enum.
    EnumValue,
    /// The catch-all variant of an open enum.
    CatchAll,
    /// The `Default` implementation of an enum.
    Default,
    /// A method of `Client`.
    Operation,
    /// A path parameter of a method.
    Parameter,
    /// The request body argument of a method.
    RequestBody,
    /// The success type of a method.
    Response,
    /// A variant of a method's error enum.
    ErrorStatus,
}

impl Subject {
    /// The stable name used in JSON output (`enum-value`), and, with its
    /// dashes as spaces, in prose (`enum value`).
    pub fn id(self) -> &'static str {
        match self {
            Subject::ModuleDocs => "module-docs",
            Subject::Server => "server",
            Subject::Type => "type",
            Subject::Field => "field",
            Subject::Constructor => "constructor",
            Subject::Setter => "setter",
            Subject::EnumValue => "enum-value",
            Subject::CatchAll => "catch-all-variant",
            Subject::Default => "default",
            Subject::Operation => "operation",
            Subject::Parameter => "parameter",
            Subject::RequestBody => "request-body",
            Subject::Response => "response",
            Subject::ErrorStatus => "error-status",
        }
    }
}

/// Which document a pointer points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The document compared from (the base).
    Old,
    /// The document compared to.
    New,
}

impl Side {
    /// The stable name used in JSON output: `old`, `new`.
    pub fn id(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

/// One change of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What kind of item.
    pub subject: Subject,
    /// The Rust item (`Codecs::G729`, `SipEndpointResponse::display_name`,
    /// `Client::update_sip_endpoint(id)`; see [`Api::locations`]).
    pub item: String,
    /// The place in the document that causes it: in the new document, or,
    /// for what was removed, in the old one.
    pub pointer: Pointer,
    /// Which document [`Change::pointer`] points into.
    pub side: Side,
    /// The item before (a Rust type, a wire value, a doc text), if it had one.
    pub old: Option<String>,
    /// The item after, if it has one.
    pub new: Option<String>,
    /// The rule that classifies the change.
    pub rule: Rule,
}

impl Change {
    /// What the change means for the crate's users (by its rule).
    pub fn classification(&self) -> Classification {
        self.rule.classification()
    }
}

/// Every change from `old` to `new`, sorted by classification (breaking
/// first), then pointer, then item. An operation or type the new document
/// has under another name is one change, renamed (the rules:
/// `codegen/src/diff/renames.rs`), and the rest of the comparison sees it
/// under its new name.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    // A twin type is compared as what it is to its users, not as an alias.
    let (old, new) = (&crate::lower::expanded(old), &crate::lower::expanded(new));
    let renames = renames::Renames::find(old, new);
    let renamed = renames.apply(old, new);
    let mut changes = walk::changes(&renamed, new);
    changes.extend(renames.changes(old, new));
    changes.sort_by(|a, b| {
        (
            a.classification(),
            &a.pointer,
            &a.item,
            a.rule,
            &a.old,
            &a.new,
        )
            .cmp(&(
                b.classification(),
                &b.pointer,
                &b.item,
                b.rule,
                &b.old,
                &b.new,
            ))
    });
    changes.dedup();
    changes
}

/// The most severe classification among `changes`, if there are any.
pub fn overall(changes: &[Change]) -> Option<Classification> {
    changes.iter().map(Change::classification).min()
}

/// The place recorded for `item` in `api`, or for its nearest recorded
/// parent (`A::b(c)` -> `A::b` -> `A`); the document root if none is.
pub fn locate(api: &Api, item: &str) -> Pointer {
    let mut current = item;
    loop {
        if let Some(pointer) = api.locations.get(current) {
            return pointer.clone();
        }
        current = match parent(current) {
            Some(parent) => parent,
            None => return Pointer::root(),
        };
    }
}

/// The item `item` belongs to, itself included: the method of
/// `Client::m(id)` and `Client::m -> Ok` (`Client::m`), the type of
/// `A::b` (`A`).
pub fn owner(item: &str) -> &str {
    let end = match item.strip_prefix("Client::") {
        Some(rest) => "Client::".len() + rest.find(['(', ' ']).unwrap_or(rest.len()),
        None => item.find("::").unwrap_or(item.len()),
    };
    &item[..end]
}

/// `Client::m(id)` -> `Client::m`, `Client::m -> Ok` -> `Client::m`,
/// `A::b` -> `A`, `A` -> none.
fn parent(item: &str) -> Option<&str> {
    if let Some((method, _)) = item.split_once(" -> ") {
        return Some(method);
    }
    if item.ends_with(')')
        && let Some(open) = item.rfind('(')
    {
        return Some(&item[..open]);
    }
    item.rsplit_once("::").map(|(parent, _)| parent)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn items_fall_back_to_their_nearest_recorded_parent() {
        assert_eq!(parent("Client::m(id)"), Some("Client::m"));
        assert_eq!(parent("Client::m -> Ok"), Some("Client::m"));
        assert_eq!(parent("Thing::field"), Some("Thing"));
        assert_eq!(parent("Thing"), None);
        let api = Api {
            docs: Vec::new(),
            server: None,
            types: Vec::new(),
            operations: Vec::new(),
            areas: Vec::new(),
            type_features: Vec::new(),
            gates: BTreeMap::new(),
            locations: BTreeMap::from([("Thing".to_owned(), Pointer::root().push("components"))]),
        };
        assert_eq!(locate(&api, "Thing::new").as_str(), "#/components");
        assert_eq!(locate(&api, "Other::x").as_str(), "#");
    }
}
