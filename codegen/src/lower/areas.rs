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
//! - a type belongs to an area when only that area's operations use it
//!   (directly or through other types); a type that operations of several
//!   areas, operations of no area, or no operation at all use is shared.
//!
//! Shared types never use a type of an area (whatever uses a shared type
//! uses what it holds), so an area can be compiled out alone.

use std::collections::{BTreeMap, BTreeSet};

use super::names::RUNTIME_MODULES;
use super::names::case::snake_name;
use crate::ir::{Area, Operation, TypeDef};

/// The areas of `operations`, with the types only each one uses; empty when
/// no operation's path names an area.
pub(super) fn areas(operations: &[Operation], types: &[TypeDef]) -> Vec<Area> {
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
        return Vec::new();
    }

    // Who uses each type: the areas whose operations reach it, or `None`
    // for a user outside every area (an operation of no area, or the type
    // being used by no operation at all).
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
    for name in reachable(unused, &by_name) {
        users.entry(name).or_default().insert(None);
    }
    for (name, users) in users {
        if let [Some(area)] = users.into_iter().collect::<Vec<_>>().as_slice()
            && let Some(area) = areas.get_mut(area)
        {
            area.types.push(name.to_owned());
        }
    }
    for area in areas.values_mut() {
        area.prefixes.sort();
        area.operations.sort();
        area.types.sort();
    }
    areas.into_values().collect()
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
