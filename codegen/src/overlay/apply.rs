//! Applying actions: finding the nodes a target matches, merging updates into
//! them, removing them, and saying when an action does not fit.

use super::*;

/// One step of a node's location: a key of an object or an index of an array.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a normalized path.
pub(super) fn steps(location: &NormalizedPath<'_>) -> Vec<Step> {
    location
        .iter()
        .map(|element| match element {
            PathElement::Name(name) => Step::Key((*name).to_owned()),
            PathElement::Index(index) => Step::Index(*index),
        })
        .collect()
}

/// The JSON pointer of a location.
pub(super) fn pointer(place: &[Step]) -> Pointer {
    place
        .iter()
        .fold(Pointer::root(), |pointer, step| match step {
            Step::Key(key) => pointer.push(key),
            Step::Index(index) => pointer.push(&index.to_string()),
        })
}

pub(super) fn get<'a>(mut node: &'a Value, place: &[Step]) -> Option<&'a Value> {
    for step in place {
        node = match (node, step) {
            (Value::Object(object), Step::Key(key)) => object.get(key)?,
            (Value::Array(items), Step::Index(index)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

pub(super) fn get_mut<'a>(mut node: &'a mut Value, place: &[Step]) -> Option<&'a mut Value> {
    for step in place {
        node = match (node, step) {
            (Value::Object(object), Step::Key(key)) => object.get_mut(key)?,
            (Value::Array(items), Step::Index(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Merges or appends `update` at every place; the places it changed.
pub(super) fn update_all(
    document: &mut Value,
    places: &[Vec<Step>],
    update: &Value,
) -> Result<Vec<Pointer>, String> {
    // Every node checked first, so that an unfit one leaves all unchanged.
    let unfit: Vec<String> = places
        .iter()
        .filter_map(|place| unfit(get(document, place), place, update))
        .collect();
    if !unfit.is_empty() {
        return Err(list(unfit));
    }
    let mut changed = Vec::new();
    let mut unfit = Vec::new();
    for place in places {
        // Checked again: an update of one match can replace another inside it.
        match (get_mut(document, place), update) {
            (Some(Value::Object(object)), Value::Object(update)) => {
                if merge(object, update) {
                    changed.push(pointer(place));
                }
            }
            (Some(Value::Array(items)), _) => {
                if !items.contains(update) {
                    items.push(update.clone());
                    changed.push(pointer(place));
                }
            }
            (node, _) => unfit.extend(self::unfit(node.as_deref(), place, update)),
        }
    }
    if !unfit.is_empty() {
        Err(list(unfit))
    } else if changed.is_empty() {
        Err(STALE.to_owned())
    } else {
        Ok(changed)
    }
}

/// Why `update` cannot change `node` (at `place`), if it cannot.
pub(super) fn unfit(node: Option<&Value>, place: &[Step], update: &Value) -> Option<String> {
    let at = pointer(place);
    match (node, update) {
        (Some(Value::Object(_)), Value::Object(_)) | (Some(Value::Array(_)), _) => None,
        (Some(Value::Object(_)), update) => Some(format!(
            "cannot update `{at}`, an object, with {}: an object is updated by merging an \
             object into it",
            kind(update)
        )),
        (Some(node), _) => Some(format!(
            "cannot update `{at}`, {}: only an object (merged into) or an array (appended to) \
             can be updated",
            kind(node)
        )),
        (None, _) => Some(format!(
            "cannot update `{at}`: this action's update of a node around it replaced it"
        )),
    }
}

/// The first few of `problems`, one line.
pub(super) fn list(problems: Vec<String>) -> String {
    let more = problems.len().saturating_sub(LISTED);
    let mut message = problems
        .into_iter()
        .take(LISTED)
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        message.push_str(&format!("; and {more} more"));
    }
    message
}

/// Merges `update` into `object`: whether that changed anything.
pub(super) fn merge(object: &mut Map<String, Value>, update: &Map<String, Value>) -> bool {
    let mut changed = false;
    for (key, value) in update {
        match (object.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(value)) => changed |= merge(inner, value),
            (Some(old), value) => {
                if old != value {
                    *old = value.clone();
                    changed = true;
                }
            }
            (None, value) => {
                object.insert(key.clone(), value.clone());
                changed = true;
            }
        }
    }
    changed
}

/// Removes the node at every place; the places removed, in match order.
pub(super) fn remove_all(
    document: &mut Value,
    places: &[Vec<Step>],
) -> Result<Vec<Pointer>, String> {
    // In this order a node's descendants follow it directly: keep only the
    // outermost matches, the others go with them.
    let mut outermost: Vec<&Vec<Step>> = Vec::new();
    for place in places.iter().collect::<BTreeSet<_>>() {
        if !outermost
            .last()
            .is_some_and(|outer| place.starts_with(outer))
        {
            outermost.push(place);
        }
    }
    if outermost.iter().any(|place| place.is_empty()) {
        return Err("cannot remove the document root (the target matches `$`)".to_owned());
    }
    // Backwards: removing an array element shifts only the elements after
    // it, which sort after it and so are already removed.
    for place in outermost.iter().rev() {
        let Some((last, parent)) = place.split_last() else {
            continue;
        };
        let removed = match (get_mut(document, parent), last) {
            (Some(Value::Object(object)), Step::Key(key)) => object.shift_remove(key).is_some(),
            (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
                items.remove(*index);
                true
            }
            _ => false,
        };
        if !removed {
            return Err(format!(
                "internal error of the overlay engine, please report it: `{}` vanished while \
                 removing",
                pointer(place)
            ));
        }
    }
    let kept: BTreeSet<&Vec<Step>> = outermost.into_iter().collect();
    Ok(places
        .iter()
        .filter(|place| kept.contains(place))
        .map(|place| pointer(place))
        .collect())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    fn place(pointer: &[&str]) -> Vec<Step> {
        pointer
            .iter()
            .map(|token| match token.parse() {
                Ok(index) => Step::Index(index),
                Err(_) => Step::Key((*token).to_owned()),
            })
            .collect()
    }

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(object) => object,
            _ => unreachable!("not an object"),
        }
    }

    #[test]
    fn pointers_escape_and_count() {
        let location = place(&["paths", "/a/{id}", "get", "parameters", "2"]);
        assert_eq!(
            pointer(&location).as_str(),
            "#/paths/~1a~1{id}/get/parameters/2"
        );
        assert_eq!(pointer(&[]).as_str(), "#");
        assert_eq!(pointer(&place(&["a~b"])).as_str(), "#/a~0b");
    }

    #[test]
    fn normalized_paths_become_steps() {
        let document = json!({"a": [{"b/c": 1}]});
        let path = JsonPath::parse("$.a[0]['b/c']").unwrap();
        let located = path.query_located(&document);
        let places: Vec<_> = located.locations().map(steps).collect();
        assert_eq!(
            places,
            [vec![
                Step::Key("a".to_owned()),
                Step::Index(0),
                Step::Key("b/c".to_owned())
            ]]
        );
        assert_eq!(pointer(&places[0]).as_str(), "#/a/0/b~1c");
    }

    #[test]
    fn merge_reports_whether_anything_changed() {
        let mut target = object(json!({"a": 1, "b": {"c": 2, "d": [1]}}));
        assert!(!merge(&mut target, &object(json!({"b": {"c": 2}}))));
        assert!(!merge(&mut target, &object(json!({}))));
        assert!(!merge(&mut target, &object(json!({"b": {"d": [1]}}))));
        assert!(merge(&mut target, &object(json!({"b": {"d": [2]}}))));
        assert_eq!(
            Value::Object(target.clone()),
            json!({"a": 1, "b": {"c": 2, "d": [2]}})
        );
        assert!(merge(&mut target, &object(json!({"a": null}))));
        assert_eq!(target["a"], Value::Null);
    }

    #[test]
    fn removal_order_keeps_every_index_valid() {
        let mut document = json!({"a": [0, 1, 2, 3, 4], "b": {"x": 1, "y": 2, "z": 3}});
        let places = [
            place(&["a", "1"]),
            place(&["a", "3"]),
            place(&["a", "4"]),
            place(&["b", "x"]),
        ];
        let removed = remove_all(&mut document, &places).unwrap();
        assert_eq!(document, json!({"a": [0, 2], "b": {"y": 2, "z": 3}}));
        let removed: Vec<_> = removed.iter().map(Pointer::as_str).collect();
        assert_eq!(removed, ["#/a/1", "#/a/3", "#/a/4", "#/b/x"]);
    }

    #[test]
    fn a_match_inside_a_removed_match_goes_with_it() {
        let mut document = json!({"a": [{"b": 1}, {"b": 2}], "c": 3});
        let places = [place(&["a", "0", "b"]), place(&["a"]), place(&["a", "1"])];
        let removed = remove_all(&mut document, &places).unwrap();
        assert_eq!(document, json!({"c": 3}));
        assert_eq!(removed, [Pointer::root().push("a")]);
    }

    #[test]
    fn the_root_cannot_be_removed() {
        let mut document = json!({"a": 1});
        assert_eq!(
            remove_all(&mut document, &[place(&["a"]), vec![]]).unwrap_err(),
            "cannot remove the document root (the target matches `$`)"
        );
        assert_eq!(document, json!({"a": 1}));
    }

    #[test]
    fn overlapping_updates_are_checked_as_they_go() {
        // `$` and `$.a` both match; merging into `$` first replaces `$.a`.
        let mut document = json!({"a": {"b": 1}});
        let update = json!({"a": 5});
        let error = update_all(&mut document, &[vec![], place(&["a"])], &update).unwrap_err();
        assert_eq!(
            error,
            "cannot update `#/a`, a number: only an object (merged into) or an array \
             (appended to) can be updated"
        );
    }

    #[test]
    fn unfit_nodes_are_listed_up_to_a_few() {
        let mut document = json!({"a": [1, 2, 3, 4, 5]});
        let places: Vec<_> = (0..5)
            .map(|index| vec![Step::Key("a".to_owned()), Step::Index(index)])
            .collect();
        let error = update_all(&mut document, &places, &json!({"x": 1})).unwrap_err();
        assert!(error.ends_with("; and 2 more"), "{error}");
        assert_eq!(error.matches("cannot update").count(), 3, "{error}");
    }
}
