//! Twin types: a type identical to another of its module in everything
//! but its name and its own docs becomes an alias of it, so that the client
//! compiles the type once and users keep both names.
//!
//! Documents define the same object again and again inline: the answer
//! of an operation that reads one log is field for field the item of the
//! answer of the one that lists them, and their `direction` enums are one
//! enum twice. Two types are twins when they are in one module under the same
//! features (so that no path changes and the alias compiles wherever its
//! target does) and they are the same kind of type with the same fields,
//! values or members, in order, with the same names, wire names, docs and
//! types, where a type held counts as the type it is an alias of. Of a set
//! of twins, the first by name stays and the others become aliases of it,
//! each with its own docs; a struct's struct of required fields becomes an
//! alias of the other's. Aliases can make more twins (two structs whose
//! fields were twin enums), so the search runs until it finds none.
//!
//! Operations' error enums are not made twins, though many are the same
//! as another of their area's: a program that implements its own trait
//! for each operation's error enum would stop compiling, and the enums are
//! a small part of the compile.

use std::collections::BTreeMap;

use crate::ir::{Alias, Api, Area, Twin, Ty, TypeDef, TypeFeature};

/// Makes each twin in `types` an alias of the first of its set, given
/// where the types are compiled: the areas and type features whose
/// modules hold them, and the features shared types need.
pub(super) fn alias_twins(
    types: &mut [TypeDef],
    areas: &[Area],
    type_features: &[TypeFeature],
    gates: &BTreeMap<String, Vec<String>>,
) {
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for area in areas {
        for name in &area.types {
            modules.insert(name.clone(), area.name.clone());
        }
    }
    for feature in type_features {
        for name in &feature.module {
            modules
                .entry(name.clone())
                .or_insert_with(|| feature.name.clone());
        }
    }
    // Twin -> the type it is an alias of.
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let mut first: BTreeMap<String, &str> = BTreeMap::new();
        let mut found: Vec<(String, String)> = Vec::new();
        for def in types.iter() {
            if matches!(def, TypeDef::Alias(_)) {
                continue;
            }
            let name = def.name();
            let place = (modules.get(name), gates.get(name));
            let key = format!("{place:?} {}", shape(def, &targets));
            match first.get(&key) {
                Some(target) => found.push((name.to_owned(), (*target).to_owned())),
                None => {
                    first.insert(key, name);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for (twin, target) in found {
            let target_required = types.iter().find_map(|def| match def {
                TypeDef::Struct(s) if s.name == target => s.required.clone(),
                _ => None,
            });
            let Some(def) = types.iter_mut().find(|def| def.name() == twin) else {
                continue;
            };
            let required = match def {
                TypeDef::Struct(s) => s.required.clone().zip(target_required),
                _ => None,
            };
            let definition = Box::new(def.clone());
            *def = TypeDef::Alias(Alias {
                name: twin.clone(),
                docs: std::mem::take(def.docs_mut()),
                ty: Ty::Named(target.clone()),
                twin: Some(Twin {
                    required,
                    definition,
                }),
            });
            targets.insert(twin, target);
        }
    }
}

/// What makes `def` the type it is, as text (its members' docs included),
/// with each type it holds named as the type that one is an alias of, at
/// the end of the chain.
fn shape(def: &TypeDef, targets: &BTreeMap<String, String>) -> String {
    def.shape(true, |name| {
        while let Some(target) = targets.get(name.as_str()) {
            name.clone_from(target);
        }
    })
}

/// `api` with each alias of a twin replaced by the type as lowering
/// defined it: what the types are to their users, for the comparison of
/// two documents (a twin that stops being one is a change of its fields,
/// not of its kind).
pub(crate) fn expanded(api: &Api) -> Api {
    let mut expanded = api.clone();
    for def in &mut expanded.types {
        if let TypeDef::Alias(Alias {
            twin: Some(twin), ..
        }) = def
        {
            *def = (*twin.definition).clone();
        }
    }
    expanded
}
