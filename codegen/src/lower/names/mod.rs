//! Names: claiming type names (against each other and the runtime's), unique method and variant names; [`case`] turns a name of the document into Rust's case conventions.

pub(super) mod case;

use std::collections::BTreeSet;

use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{Field, Presence};

pub(super) use crate::reserved::CLIENT_METHODS as RUNTIME_METHODS;
pub(super) use crate::reserved::MODULE_NAMES as RUNTIME_MODULES;
use crate::reserved::PRELUDE_NAMES;
use crate::reserved::TYPE_NAMES as RUNTIME_NAMES;

impl Lowerer<'_> {
    /// Whether no type has `name` yet and neither the runtime nor the
    /// prelude reserves it.
    pub(super) fn type_name_is_free(&self, name: &str) -> bool {
        !self.type_names.contains_key(name)
            && !RUNTIME_NAMES.contains(&name)
            && !PRELUDE_NAMES.contains(&name)
    }

    /// Takes `name` for the type defined at `pointer`; false (and an error) if
    /// it is taken or reserved.
    pub(super) fn claim_type_name(&mut self, name: &str, pointer: &Pointer) -> bool {
        if RUNTIME_NAMES.contains(&name) {
            self.diagnostics.unsupported(
                pointer,
                format!(
                    "the Rust name `{name}` is reserved by the client runtime; rename the schema"
                ),
            );
            return false;
        }
        if PRELUDE_NAMES.contains(&name) {
            self.diagnostics.unsupported(
                pointer,
                format!(
                    "the Rust name `{name}` is a name of Rust's prelude, which generated code \
                     writes bare; rename the schema"
                ),
            );
            return false;
        }
        if let Some(first) = self.type_names.get(name) {
            self.diagnostics.push(Error::NameCollision {
                pointer: pointer.clone(),
                name: name.to_owned(),
                first: first.clone(),
            });
            return false;
        }
        self.type_names.insert(name.to_owned(), pointer.clone());
        self.record(name, pointer);
        true
    }

    /// Takes `wanted` for the schema type defined at `pointer`, or, if another
    /// type has it, the first of `wanted2`, `wanted3`, ... that is free: names
    /// are given in the order lowering meets the schemas (component schemas
    /// in document order, then the inline types inside them, then those of
    /// operations), so the same document always gives the same names. `None`
    /// (and an error) if `wanted` is reserved by the runtime. A name of the
    /// prelude ([`PRELUDE_NAMES`]) is numbered from the start.
    pub(super) fn claim_schema_name(&mut self, wanted: &str, pointer: &Pointer) -> Option<String> {
        if RUNTIME_NAMES.contains(&wanted) {
            // Reported by `claim_type_name`.
            self.claim_type_name(wanted, pointer);
            return None;
        }
        let mut name = wanted.to_owned();
        // A prelude name is taken from the start: generated code writes it
        // bare.
        if self.type_names.contains_key(&name) || PRELUDE_NAMES.contains(&wanted) {
            let mut next = self.next_number.get(wanted).copied().unwrap_or(2);
            loop {
                name = format!("{wanted}{next}");
                next += 1;
                if self.type_name_is_free(&name) {
                    break;
                }
            }
            self.next_number.insert(wanted.to_owned(), next);
        }
        self.claim_type_name(&name, pointer).then_some(name)
    }
}

/// Names the setters and clearers of a struct's fields.
///
/// Names are given in rounds so that they do not depend on the order of the
/// properties: first every setter that can have its field's own name, then
/// the others (`set_<field>`), then the clearers of optional nullable fields
/// (`clear_<field>`). Fields the constructor takes have no setter.
pub(super) fn name_methods(fields: &mut [Field]) {
    let mut methods: BTreeSet<String> = BTreeSet::from(["new".to_owned()]);
    let has_setter = |field: &Field| !field.presence.is_required();
    for field in fields.iter_mut().filter(|f| has_setter(f)) {
        if methods.insert(field.name.clone()) {
            field.setter = field.name.clone();
        }
    }
    for field in fields.iter_mut() {
        if field.setter.is_empty() {
            field.setter = if has_setter(field) {
                free_method_name(&mut methods, &field.name)
            } else {
                field.name.clone()
            };
        }
    }
    for field in fields
        .iter_mut()
        .filter(|f| f.presence == Presence::OptionalNullable)
    {
        // `clear_type`, not `clear_type_`: the prefix already keeps it off the keyword.
        let bare = field.name.trim_end_matches('_');
        field.clearer = Some(free_method_name(&mut methods, &format!("clear_{bare}")));
    }
}

/// `base`, or `base2`, `base3`, ... whichever is free; the result is taken.
pub(super) fn unique(taken: &mut BTreeSet<String>, base: &str) -> String {
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A method name for a struct: `wanted`, or `set_wanted` if taken, made unique.
fn free_method_name(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    if !taken.contains(wanted) {
        taken.insert(wanted.to_owned());
        return wanted.to_owned();
    }
    unique(taken, &format!("set_{}", wanted.trim_end_matches('_')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setter_names_avoid_the_constructor() {
        let mut taken = BTreeSet::from(["new".to_owned()]);
        assert_eq!(free_method_name(&mut taken, "new"), "set_new");
        assert_eq!(free_method_name(&mut taken, "name"), "name");
    }

    #[test]
    fn unique_names_count_up_from_two() {
        let mut taken = BTreeSet::from(["A".to_owned()]);
        assert_eq!(unique(&mut taken, "A"), "A2");
        assert_eq!(unique(&mut taken, "A"), "A3");
        assert_eq!(unique(&mut taken, "B"), "B");
    }
}
