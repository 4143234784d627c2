//! Renames: an operation or a type that the new document has under another
//! name, found before the two IRs are compared, so that a rename is one
//! change rather than a removal and an addition (and the rest of the
//! comparison sees the item under its new name).
//!
//! The matching rules:
//!
//! - an operation removed and an operation added with the same HTTP method
//!   and path, each the only one of its side with that request, are one
//!   operation renamed (its error enum and page stream follow its name);
//! - a type removed and a type added of the same shape, each the only one
//!   of its side with that shape, are one type renamed. The shape is the
//!   type without its name and docs: the same kind, fields (Rust and JSON
//!   names, types, presence, setters), enum values or union members, with
//!   the types it names read through the renames already found, so that a
//!   renamed type that holds another renamed type is found too (the
//!   pairing repeats until it finds no more).
//!
//! Fields are paired by their JSON name where the types are compared
//! (`codegen/src/diff/types.rs`), so a field whose Rust name changes is
//! renamed there.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, ChangeKind, Rule, Side, Subject, locate, owner};
use crate::ir::{Api, Operation, Ty, TypeDef};

/// The renames from one IR to the other: old name -> new name.
#[derive(Debug, Default)]
pub(super) struct Renames {
    /// `Client` methods (operation ids), old -> new.
    pub(super) operations: BTreeMap<String, String>,
    /// Type names, old -> new.
    pub(super) types: BTreeMap<String, String>,
}

impl Renames {
    /// The renames from `old` to `new` (see the module docs for the rules).
    pub(super) fn find(old: &Api, new: &Api) -> Renames {
        Renames {
            operations: operation_renames(old, new),
            types: type_renames(old, new),
        }
    }

    /// `old` with every rename applied: the names of renamed operations
    /// (and their error enums and page streams, also where their generated
    /// docs name them) and types, every reference to a renamed type, and
    /// the places recorded for them.
    pub(super) fn apply(&self, old: &Api, new: &Api) -> Api {
        let mut renamed = old.clone();
        let new_ops: BTreeMap<&str, &Operation> = new
            .operations
            .iter()
            .map(|op| (op.method_name.as_str(), op))
            .collect();
        let mut items: BTreeMap<String, String> = BTreeMap::new();
        for op in &mut renamed.operations {
            if let Some(to) = self
                .operations
                .get(&op.method_name)
                .and_then(|to| new_ops.get(to.as_str()))
            {
                items.insert(
                    format!("Client::{}", op.method_name),
                    format!("Client::{}", to.method_name),
                );
                items.insert(op.errors.name.clone(), to.errors.name.clone());
                // The names the generated docs hold, longest first, so that
                // a name is not replaced inside a longer one.
                let mut names = vec![
                    (op.method_name.clone(), to.method_name.clone()),
                    (op.errors.name.clone(), to.errors.name.clone()),
                ];
                if let (Some(mine), Some(theirs)) = (&mut op.pagination, &to.pagination) {
                    items.insert(
                        format!("Client::{}", mine.method_name),
                        format!("Client::{}", theirs.method_name),
                    );
                    names.push((mine.method_name.clone(), theirs.method_name.clone()));
                    mine.method_name = theirs.method_name.clone();
                }
                names.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
                let docs = std::iter::once(&mut op.docs)
                    .chain(std::iter::once(&mut op.errors.docs))
                    .chain(op.errors.variants.iter_mut().map(|v| &mut v.docs));
                for lines in docs {
                    for line in lines.iter_mut() {
                        for (from, to) in &names {
                            if line.contains(from.as_str()) {
                                *line = line.replace(from.as_str(), to);
                            }
                        }
                    }
                }
                op.method_name = to.method_name.clone();
                op.errors.name = to.errors.name.clone();
            }
            if let Some(query) = &mut op.query
                && let Some(to) = self.types.get(&query.ty)
            {
                query.ty.clone_from(to);
            }
            for ty in op.types_mut() {
                rename_ty(ty, &self.types);
            }
        }
        renamed
            .operations
            .sort_by(|a, b| a.method_name.cmp(&b.method_name));
        let new_types: BTreeMap<&str, &TypeDef> =
            new.types.iter().map(|def| (def.name(), def)).collect();
        for def in &mut renamed.types {
            if let Some(to) = self.types.get(def.name()) {
                items.insert(def.name().to_owned(), to.clone());
                if let (TypeDef::Struct(mine), Some(TypeDef::Struct(theirs))) =
                    (&mut *def, new_types.get(to.as_str()))
                {
                    mine.required.clone_from(&theirs.required);
                }
                def.name_mut().clone_from(to);
            }
            for ty in def.held_types_mut() {
                rename_ty(ty, &self.types);
            }
        }
        renamed.types.sort_by(|a, b| a.name().cmp(b.name()));
        renamed.locations = old
            .locations
            .iter()
            .map(|(item, pointer)| (renamed_item(item, &items), pointer.clone()))
            .collect();
        renamed
    }
}

impl Renames {
    /// One change per rename, on the new side: each renamed operation, its
    /// error enum and page stream when their names change with it, and
    /// each renamed type.
    pub(super) fn changes(&self, old: &Api, new: &Api) -> Vec<Change> {
        let find = |api: &'_ Api, name: &str| -> Option<Operation> {
            api.operations
                .iter()
                .find(|op| op.method_name == name)
                .cloned()
        };
        let mut changes = Vec::new();
        let mut push = |subject: Subject, item: String, from: &str, to: &str, rule: Rule| {
            changes.push(Change {
                kind: ChangeKind::Changed,
                subject,
                pointer: locate(new, &item),
                item,
                side: Side::New,
                old: Some(from.to_owned()),
                new: Some(to.to_owned()),
                rule,
            });
        };
        for (from, to) in &self.operations {
            let (Some(before), Some(after)) = (find(old, from), find(new, to)) else {
                continue;
            };
            push(
                Subject::Operation,
                format!("Client::{to}"),
                from,
                to,
                Rule::OperationRenamed,
            );
            if before.errors.name != after.errors.name {
                push(
                    Subject::Type,
                    after.errors.name.clone(),
                    &before.errors.name,
                    &after.errors.name,
                    Rule::TypeRenamed,
                );
            }
            if let (Some(mine), Some(theirs)) = (&before.pagination, &after.pagination)
                && mine.method_name != theirs.method_name
            {
                push(
                    Subject::Operation,
                    format!("Client::{}", theirs.method_name),
                    &mine.method_name,
                    &theirs.method_name,
                    Rule::OperationRenamed,
                );
            }
        }
        for (from, to) in &self.types {
            push(Subject::Type, to.clone(), from, to, Rule::TypeRenamed);
        }
        changes
    }
}

/// `item` (`Thing`, `Thing::field`, `Client::op(id)`) with its leading
/// name renamed as `items` says.
fn renamed_item(item: &str, items: &BTreeMap<String, String>) -> String {
    let head = owner(item);
    match items.get(head) {
        Some(to) => format!("{to}{}", &item[head.len()..]),
        None => item.to_owned(),
    }
}

/// The request of an operation: its HTTP method and path.
fn request(op: &Operation) -> (&str, &str) {
    (op.method.as_str(), op.path_template.as_str())
}

/// The names one side has and the other lacks, for one request or shape:
/// (removed, added).
type Sides<'a> = (Vec<&'a str>, Vec<&'a str>);

fn operation_renames(old: &Api, new: &Api) -> BTreeMap<String, String> {
    let old_names: BTreeSet<&str> = old
        .operations
        .iter()
        .map(|op| op.method_name.as_str())
        .collect();
    let new_names: BTreeSet<&str> = new
        .operations
        .iter()
        .map(|op| op.method_name.as_str())
        .collect();
    // The removed and the added operations by request, each side's list.
    let mut by_request: BTreeMap<(&str, &str), Sides> = BTreeMap::new();
    for op in &old.operations {
        if !new_names.contains(op.method_name.as_str()) {
            by_request
                .entry(request(op))
                .or_default()
                .0
                .push(&op.method_name);
        }
    }
    for op in &new.operations {
        if !old_names.contains(op.method_name.as_str()) {
            by_request
                .entry(request(op))
                .or_default()
                .1
                .push(&op.method_name);
        }
    }
    by_request
        .into_values()
        .filter_map(|sides| match sides {
            (removed, added) if removed.len() == 1 && added.len() == 1 => {
                Some((removed[0].to_owned(), added[0].to_owned()))
            }
            _ => None,
        })
        .collect()
}

fn type_renames(old: &Api, new: &Api) -> BTreeMap<String, String> {
    let old_names: BTreeSet<&str> = old.types.iter().map(TypeDef::name).collect();
    let new_names: BTreeSet<&str> = new.types.iter().map(TypeDef::name).collect();
    let removed: Vec<&TypeDef> = old
        .types
        .iter()
        .filter(|def| !new_names.contains(def.name()))
        .collect();
    let added: Vec<&TypeDef> = new
        .types
        .iter()
        .filter(|def| !old_names.contains(def.name()))
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let none = BTreeMap::new();
    let added_shapes: Vec<String> = added.iter().map(|def| shape(def, &none)).collect();
    loop {
        let paired_new: BTreeSet<&str> = renames.values().map(String::as_str).collect();
        // Shapes of what is still unpaired, by shape.
        let mut candidates: BTreeMap<String, Sides> = BTreeMap::new();
        for def in removed
            .iter()
            .filter(|def| !renames.contains_key(def.name()))
        {
            candidates
                .entry(shape(def, &renames))
                .or_default()
                .0
                .push(def.name());
        }
        for (def, shape) in added.iter().zip(&added_shapes) {
            if !paired_new.contains(def.name()) {
                candidates
                    .entry(shape.clone())
                    .or_default()
                    .1
                    .push(def.name());
            }
        }
        let found: Vec<(String, String)> = candidates
            .into_values()
            .filter_map(|(from, to)| match (from.as_slice(), to.as_slice()) {
                ([from], [to]) => Some(((*from).to_owned(), (*to).to_owned())),
                _ => None,
            })
            .collect();
        if found.is_empty() {
            return renames;
        }
        renames.extend(found);
    }
}

/// The shape of `def` (see the module docs), with the type names it holds
/// read through `renames`: its `Debug` text without name and docs.
fn shape(def: &TypeDef, renames: &BTreeMap<String, String>) -> String {
    def.shape(false, |name| {
        if let Some(to) = renames.get(name.as_str()) {
            name.clone_from(to);
        }
    })
}

/// `ty` with every named type renamed as `renames` says.
fn rename_ty(ty: &mut Ty, renames: &BTreeMap<String, String>) {
    let mut names = Vec::new();
    ty.named_types_mut(&mut names);
    for name in names {
        if let Some(to) = renames.get(name.as_str()) {
            name.clone_from(to);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::renamed_item;

    #[test]
    fn the_leading_name_of_an_item_is_renamed() {
        let items = BTreeMap::from([
            ("Thing".to_owned(), "Widget".to_owned()),
            ("Client::list".to_owned(), "Client::list_all".to_owned()),
        ]);
        assert_eq!(renamed_item("Thing", &items), "Widget");
        assert_eq!(renamed_item("Thing::size", &items), "Widget::size");
        assert_eq!(renamed_item("Client::list", &items), "Client::list_all");
        assert_eq!(
            renamed_item("Client::list(id)", &items),
            "Client::list_all(id)"
        );
        assert_eq!(
            renamed_item("Client::list -> Ok", &items),
            "Client::list_all -> Ok"
        );
        assert_eq!(renamed_item("Client::listing", &items), "Client::listing");
        assert_eq!(renamed_item("Other::x", &items), "Other::x");
    }
}
