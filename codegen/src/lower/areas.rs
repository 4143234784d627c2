//! API areas: which module (and cargo feature) of the client each
//! operation and type belongs to.
//!
//! The rule, from the document's paths alone:
//!
//! - an operation whose path starts with `/api/<segment>` belongs to the
//!   area `<segment>` (`/api/fabric/resources/sip_endpoints` -> `fabric`,
//!   `/api/relay/rest/phone_numbers` -> `relay`); a segment whose plural is
//!   also a segment joins the plural's area (`/api/project/tokens` and
//!   `/api/projects` -> `projects`). Other paths belong to no area;
//! - the area's name is the segment in `snake_case`, with `_api` appended
//!   when that would take a name the client crate already uses for a
//!   module (`types`, `defaults`, `uuid`, ...);
//! - a type that no operation uses (directly or through other types) is
//!   used by the namespace of its schema: the part of its component name
//!   before the first `.` (`Webhooks.CallStatus` -> `Webhooks`; an inline
//!   schema's is its component's). A namespace named like an area (in
//!   `snake_case`, underscores aside) counts as that area; any other becomes a cargo feature
//!   of its own, off by default ([`TypeFeature`]), named in `snake_case`
//!   (with `_types` appended when that would take `default` or a module
//!   name of the crate). A type of no namespace that no operation uses is
//!   used by no area;
//! - a type belongs to an area when only that area uses it; a type that
//!   several areas or features, operations of no area, or no area at all
//!   use is shared;
//! - a shared type of a namespace that has a feature lives in the module of
//!   the feature's name (`Webhooks.CallStatus` -> `webhooks`), which is
//!   always there: the feature compiles the types no operation uses, and
//!   the others are compiled as any shared type;
//! - a shared type is compiled only where it is needed: under the
//!   features of what uses it, unless an operation of no area or a type
//!   no area uses needs it, or every area does (then always).
//!
//! Shared types never use a type of an area (whatever uses a shared type
//! uses what it holds), and a shared type's features include those of every
//! type that uses it, so any set of features compiles.

use std::collections::{BTreeMap, BTreeSet};

use super::names::RUNTIME_MODULES;
use super::names::case::snake_name;
use crate::error::Pointer;
use crate::ir::{Area, Operation, TypeDef, TypeFeature};

/// What [`areas`] decides; see [`crate::ir::Api`] for each part.
pub(super) struct Grouping {
    pub(super) areas: Vec<Area>,
    pub(super) type_features: Vec<TypeFeature>,
    pub(super) gates: BTreeMap<String, Vec<String>>,
}

/// The areas of `operations`, with the types only each one uses, the
/// features of the types no operation uses, and the features each shared
/// type needs; all empty when no operation's path names an area.
/// `locations` says which schema each type comes from.
pub(super) fn areas(
    operations: &[Operation],
    types: &[TypeDef],
    locations: &BTreeMap<String, Pointer>,
) -> Grouping {
    let segments: BTreeSet<&str> = operations
        .iter()
        .filter_map(|op| segment(&op.path_template))
        .collect();
    let area_of_segment = |segment: &str| -> String {
        let plural = format!("{segment}s");
        let merged = if segments.contains(plural.as_str()) {
            plural
        } else {
            segment.to_owned()
        };
        let mut name = snake_name(&merged);
        if RUNTIME_MODULES.contains(&name.as_str()) || crate::FIXED_MODULES.contains(&name.as_str())
        {
            name.push_str("_api");
        }
        name
    };
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    for op in operations {
        let Some(segment) = segment(&op.path_template) else {
            continue;
        };
        let area = areas
            .entry(area_of_segment(segment))
            .or_insert_with_key(|name| Area {
                name: name.clone(),
                prefixes: Vec::new(),
                operations: Vec::new(),
                types: Vec::new(),
            });
        let prefix = format!("/api/{segment}");
        if !area.prefixes.contains(&prefix) {
            area.prefixes.push(prefix);
        }
        area.operations.push(op.method_name.clone());
    }
    if areas.is_empty() {
        return Grouping {
            areas: Vec::new(),
            type_features: Vec::new(),
            gates: BTreeMap::new(),
        };
    }

    // Who uses each type: the areas whose operations reach it, the features
    // of the namespaces that reach it (for types no operation uses), or
    // `None` for a user outside every area (an operation of no area, or a
    // type of no namespace that no operation uses).
    let by_name: BTreeMap<&str, &TypeDef> = types.iter().map(|def| (def.name(), def)).collect();
    let mut users: BTreeMap<&str, BTreeSet<Option<String>>> = BTreeMap::new();
    for op in operations {
        let user = segment(&op.path_template).map(area_of_segment);
        for name in reachable(op.named_types(), &by_name) {
            users.entry(name).or_default().insert(user.clone());
        }
    }
    let unused: Vec<&str> = by_name
        .keys()
        .copied()
        .filter(|name| !users.contains_key(name))
        .collect();
    // The feature (and module) of a namespace: the area of its name, or a
    // name of its own.
    let area_names: Vec<String> = areas.keys().cloned().collect();
    let feature_of = |namespace: &str| -> String {
        let mut feature = snake_name(namespace);
        let plain = |name: &str| name.replace('_', "");
        if let Some(area) = area_names
            .iter()
            .find(|area| plain(area) == plain(&feature))
        {
            // `PubSub` is the area `pubsub`.
            feature = area.clone();
        } else if feature == "default"
            || RUNTIME_MODULES.contains(&feature.as_str())
            || crate::FIXED_MODULES.contains(&feature.as_str())
        {
            // Cargo's own, or a module the crate has.
            feature.push_str("_types");
        }
        feature
    };
    let mut namespaces: BTreeMap<String, (String, Vec<&str>)> = BTreeMap::new();
    let mut of_no_namespace = Vec::new();
    for name in unused {
        match locations.get(name).and_then(namespace) {
            Some(namespace) => {
                namespaces
                    .entry(feature_of(&namespace))
                    .or_insert_with(|| (namespace, Vec::new()))
                    .1
                    .push(name);
            }
            None => of_no_namespace.push(name),
        }
    }
    for name in reachable(of_no_namespace, &by_name) {
        users.entry(name).or_default().insert(None);
    }
    let mut type_features = Vec::new();
    for (feature, (namespace, roots)) in namespaces {
        let reached = reachable(roots, &by_name);
        if !areas.contains_key(&feature) {
            type_features.push(TypeFeature {
                name: feature.clone(),
                namespace,
                types: reached.len(),
                module: Vec::new(),
            });
        }
        for name in reached {
            users.entry(name).or_default().insert(Some(feature.clone()));
        }
    }
    let mut gates = BTreeMap::new();
    for (name, users) in users {
        let users: Vec<Option<String>> = users.into_iter().collect();
        if let [Some(area)] = users.as_slice()
            && let Some(area) = areas.get_mut(area)
        {
            area.types.push(name.to_owned());
            continue;
        }
        let Some(features) = users.into_iter().collect::<Option<Vec<String>>>() else {
            continue;
        };
        let needed_by_every_area = areas.keys().all(|area| features.contains(area));
        if !needed_by_every_area {
            gates.insert(name.to_owned(), features);
        }
    }
    // A type no one area holds lives in the module of its namespace's
    // feature, if the namespace has one.
    let in_area: BTreeSet<&str> = areas
        .values()
        .flat_map(|area| &area.types)
        .map(String::as_str)
        .collect();
    for name in by_name.keys().filter(|name| !in_area.contains(*name)) {
        let Some(namespace) = locations.get(*name).and_then(namespace) else {
            continue;
        };
        let feature = feature_of(&namespace);
        if let Some(feature) = type_features.iter_mut().find(|f| f.name == feature) {
            // `by_name` is sorted, and so is each module.
            feature.module.push((*name).to_owned());
        }
    }
    for area in areas.values_mut() {
        area.prefixes.sort();
        area.operations.sort();
        area.types.sort();
    }
    Grouping {
        areas: areas.into_values().collect(),
        type_features,
        gates,
    }
}

/// The namespace of the component schema a type comes from: the part of
/// its name before the first `.`, if it has one.
fn namespace(pointer: &Pointer) -> Option<String> {
    let mut tokens = pointer.tokens();
    let (Some(components), Some(schemas), Some(name)) =
        (tokens.next(), tokens.next(), tokens.next())
    else {
        return None;
    };
    let (namespace, _) = name.split_once('.')?;
    (components == "components" && schemas == "schemas" && !namespace.is_empty())
        .then(|| namespace.to_owned())
}

/// The segment after `/api/` of a path, if it has one.
fn segment(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api/")?;
    let segment = rest.split('/').next()?;
    (!segment.is_empty() && !segment.contains('{')).then_some(segment)
}

/// Every type reachable from `roots` (themselves included) through the
/// types they hold.
fn reachable<'t>(roots: Vec<&'t str>, types: &BTreeMap<&str, &'t TypeDef>) -> BTreeSet<&'t str> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        let Some(def) = types.get(name) else {
            continue;
        };
        if !seen.insert(def.name()) {
            continue;
        }
        for ty in def.held_types() {
            ty.named_types(&mut stack);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn the_segment_after_api_names_the_area() {
        assert_eq!(
            segment("/api/fabric/resources/sip_endpoints"),
            Some("fabric")
        );
        assert_eq!(segment("/api/projects"), Some("projects"));
        assert_eq!(segment("/api/{space}/things"), None);
        assert_eq!(segment("/things/{id}"), None);
        assert_eq!(segment("/api"), None);
    }
}
