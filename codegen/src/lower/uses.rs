//! The docs of a type the document says nothing about: what it is for,
//! from where the API uses it.
//!
//! A type whose schema has no description or title is lowered with no
//! first paragraph (its docs are empty, or start with a blank line before
//! the paragraphs lowering adds, such as an enum's unknown values). Once
//! every operation and type is lowered, [`describe_by_use`] gives it one
//! sentence naming its uses, in this order: the operations (sorted by
//! method) whose request body, answer, error body or path parameter it is,
//! then the fields, union members and aliases (sorted by type) that hold
//! it; the uses of one role are listed together, and past [`LISTED`] uses
//! the rest are counted. A use is a
//! link when the item it names is compiled whenever the type is (see
//! `lower::areas`), and plain code otherwise, so that no feature set makes
//! a broken link. A type nothing uses says so.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Area, Operation, Ty, TypeDef};

/// How many uses a type's sentence names before it counts the rest.
const LISTED: usize = 3;

/// One place that uses a type.
struct Use {
    /// What the place makes of the type, before the item:
    /// `the request body of`, `each item of the field`.
    role: String,
    /// The item's path from the crate root (`Client::get_thing`,
    /// `Thing::parts`), which a link points at.
    item: String,
    /// Whether the item is compiled whenever the type is.
    linked: bool,
}

impl Use {
    /// The item, linked when it may be.
    fn item_text(&self) -> String {
        let item = &self.item;
        if self.linked {
            format!("[`{item}`](crate::{item})")
        } else {
            format!("`{item}`")
        }
    }
}

/// Gives every type the document says nothing about a first paragraph
/// naming its uses (see the module docs). `areas` and `gates` say where
/// each item is compiled.
pub(super) fn describe_by_use(
    types: &mut [TypeDef],
    operations: &[Operation],
    areas: &[Area],
    gates: &BTreeMap<String, Vec<String>>,
) {
    let untold: BTreeSet<String> = types
        .iter()
        .filter(|def| is_untold(def.docs()))
        .map(|def| def.name().to_owned())
        .collect();
    if untold.is_empty() {
        return;
    }
    // The features any one of which compiles an item; `None`: always.
    let area_of: BTreeMap<&str, &str> = areas
        .iter()
        .flat_map(|area| {
            area.types
                .iter()
                .chain(&area.operations)
                .map(|item| (item.as_str(), area.name.as_str()))
        })
        .collect();
    let compiled = |item: &str| -> Option<BTreeSet<&str>> {
        if let Some(area) = area_of.get(item) {
            return Some(BTreeSet::from([*area]));
        }
        gates
            .get(item)
            .map(|features| features.iter().map(String::as_str).collect())
    };
    // Whether `item` is compiled whenever `ty` is.
    let follows = |ty: &str, item: &str| match (compiled(ty), compiled(item)) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(ty), Some(item)) => ty.is_subset(&item),
    };

    let mut uses: BTreeMap<&str, Vec<Use>> = BTreeMap::new();
    let mut note = |ty: &Ty, role: &str, item: String, holder: &str| {
        let (wrapping, name) = innermost(ty);
        if !untold.contains(name) {
            return;
        }
        let name = untold.get(name).map(String::as_str).unwrap_or_default();
        let role = match wrapping {
            Wrapping::Plain => role.to_owned(),
            Wrapping::Item => format!("each item of {role}"),
            Wrapping::Value => format!("each value of {role}"),
        };
        uses.entry(name).or_default().push(Use {
            role,
            linked: follows(name, holder),
            item,
        });
    };
    for op in operations {
        let method = &op.method_name;
        let item = format!("Client::{method}");
        if let Some(body) = &op.body {
            note(&body.ty, "the request body of", item.clone(), method);
        }
        if let Some(ty) = &op.success.ty {
            note(ty, "the answer of", item.clone(), method);
        }
        for variant in &op.errors.variants {
            if let Some(ty) = &variant.ty {
                let error = format!("{}::{}", op.errors.name, variant.name);
                note(ty, "the body of the error", error, method);
            }
        }
        for param in &op.params {
            let role = format!("the path parameter `{}` of", param.name);
            note(&param.ty, &role, item.clone(), method);
        }
    }
    for def in types.iter() {
        let holder = def.name();
        match def {
            TypeDef::Struct(s) => {
                for field in &s.fields {
                    let item = format!("{holder}::{}", field.name);
                    note(&field.ty, "the field", item, holder);
                }
            }
            TypeDef::Union(u) => {
                for variant in &u.variants {
                    let item = format!("{holder}::{}", variant.name);
                    note(&variant.ty, "the member", item, holder);
                }
            }
            TypeDef::Alias(a) => note(&a.ty, "the alias", holder.to_owned(), holder),
            TypeDef::Enum(_) => {}
        }
    }

    for def in types.iter_mut() {
        if !untold.contains(def.name()) {
            continue;
        }
        let sentence = sentence(uses.get(def.name()).map(Vec::as_slice).unwrap_or_default());
        let docs = def.docs_mut();
        match docs.first() {
            None => docs.push(sentence),
            // A blank line before what lowering added.
            Some(_) => docs.insert(0, sentence),
        }
    }
}

/// The first paragraph of a type from its `uses`: the uses of one role
/// together (`the answer of A and B`), the roles in the order they first
/// come; past [`LISTED`] items, the rest counted.
fn sentence(uses: &[Use]) -> String {
    if uses.is_empty() {
        return "A schema of the document that no operation sends or returns, nor any type \
                holds."
            .to_owned();
    }
    // Every use when one more would only be counted.
    let shown = if uses.len() <= LISTED + 1 {
        uses.len()
    } else {
        LISTED
    };
    let mut roles: Vec<(&str, Vec<String>)> = Vec::new();
    for one in &uses[..shown] {
        let item = one.item_text();
        match roles.iter_mut().find(|(role, _)| *role == one.role) {
            Some((_, items)) => items.push(item),
            None => roles.push((&one.role, vec![item])),
        }
    }
    let groups: Vec<String> = roles
        .into_iter()
        .map(|(role, items)| format!("{role} {}", and_list(&items)))
        .collect();
    let mut text = match groups.as_slice() {
        [one] => {
            let mut text = one.clone();
            if let Some(first) = text.get(..1) {
                text.replace_range(..1, &first.to_ascii_uppercase());
            }
            text
        }
        several => format!("Used as {}", several.join("; ")),
    };
    let rest = uses.len() - shown;
    if rest > 0 {
        text.push_str(&format!(", and in {rest} more places"));
    }
    format!("{text}.")
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

/// Whether `docs` has no first paragraph.
fn is_untold(docs: &[String]) -> bool {
    docs.first().is_none_or(|line| line.is_empty())
}

/// How a place holds a named type.
enum Wrapping {
    /// The value itself (perhaps optional or boxed).
    Plain,
    /// Items of a list.
    Item,
    /// Values of a map.
    Value,
}

/// The named type `ty` holds directly, and how; `""` for none.
fn innermost(ty: &Ty) -> (Wrapping, &str) {
    let mut wrapping = Wrapping::Plain;
    let mut ty = ty;
    loop {
        match ty {
            Ty::Named(name) => return (wrapping, name),
            Ty::Option(inner) | Ty::Boxed(inner) => ty = inner,
            Ty::Array(inner) => {
                wrapping = Wrapping::Item;
                ty = inner;
            }
            Ty::Map(inner) => {
                wrapping = Wrapping::Value;
                ty = inner;
            }
            _ => return (wrapping, ""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Use, sentence};

    fn field(holder: &str, linked: bool) -> Use {
        Use {
            role: "the field".to_owned(),
            item: format!("{holder}::codecs"),
            linked,
        }
    }

    #[test]
    fn uses_past_the_listed_ones_are_counted_and_roles_grouped() {
        let answer = Use {
            role: "the answer of".to_owned(),
            item: "Client::get_a".to_owned(),
            linked: true,
        };
        let uses = [
            answer,
            field("A", false),
            field("B", true),
            field("C", true),
        ];
        assert_eq!(
            sentence(&uses),
            "Used as the answer of [`Client::get_a`](crate::Client::get_a); the field \
             `A::codecs`, [`B::codecs`](crate::B::codecs) and \
             [`C::codecs`](crate::C::codecs)."
        );
        let many: Vec<Use> = ["A", "B", "C", "D", "E"]
            .into_iter()
            .map(|holder| field(holder, false))
            .collect();
        assert_eq!(
            sentence(&many),
            "The field `A::codecs`, `B::codecs` and `C::codecs`, and in 2 more places."
        );
    }
}
