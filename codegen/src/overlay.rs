//! Overlays: changes to an OpenAPI document written down apart from it, as
//! the OpenAPI Initiative's [Overlay Specification 1.0.0] defines them.
//!
//! An overlay is a YAML or JSON document listing actions; each action selects
//! nodes of the OpenAPI document with an [RFC 9535] JSONPath `target` and
//! either merges an `update` into them or removes them (`remove: true`):
//!
//! ```yaml
//! overlay: 1.0.0
//! info: {title: Fixes to the upstream document, version: 1.0.0}
//! actions:
//!   - target: $.paths['/things'].get
//!     description: Upstream forgot the operationId; asked for it in #12.
//!     update: {operationId: listThings}
//! ```
//!
//! [`Overlay::parse`] reads and checks such a document, [`Overlay::apply`]
//! applies it to the OpenAPI document as a [`serde_json::Value`] (before it
//! is read into the model). JSONPath is [`serde_json_path`]'s: a target's
//! matches are its located query results, their normalized paths turned into
//! JSON pointers.
//!
//! # The overlay document
//!
//! `overlay` (required) is the Overlay Specification version, a string:
//! `1.0.0`, or any other `1.0.x`. `info` (required) has `title` and `version`
//! (strings). `extends` (an URI string) is recorded, not followed. `actions`
//! (required) is a non-empty list. Each action has `target` (a JSONPath),
//! `description` and either `update` (any value) or `remove: true`.
//! A target is plain RFC 9535: a name with a `-` (every `x-` extension)
//! needs brackets, `$.info['x-logo']`, as `$.info.x-logo` is not JSONPath.
//! Specification extensions (`x-...`) are allowed everywhere and ignored; any
//! other field is an error. YAML is read as the loader reads OpenAPI
//! documents: a mapping that lists a key twice is an error.
//!
//! # What an action does
//!
//! Actions run in order, each on the result of the one before; a target is
//! evaluated before its action changes anything, and a node it matches twice
//! (`$.tags[0,0]`) is changed once.
//!
//! - `update` on an **object** merges: each key of the update (which must be
//!   an object) replaces the value of that key, or is added after the
//!   existing keys; where both values are objects they are merged the same
//!   way, recursively. Existing keys keep their position. Any other value,
//!   arrays and `null` included, replaces the old one (`null` is a value, not
//!   a deletion: use `remove` to delete).
//! - `update` on an **array** appends the update value as one new element,
//!   as the 1.0.0 text says ("an entry to append to the array"): an update
//!   that is itself an array becomes one nested array element, it is not
//!   spliced in. To add several elements, write one action per element.
//!   An array that already holds an element equal to the update is left as
//!   it is: appending would only duplicate it (a parameter, an enum value),
//!   and it counts as "already there" for the stale check below. This is
//!   the one place where this engine does less than the literal text.
//! - `update` on a string, number, boolean or `null` is an error.
//! - `remove: true` removes each matched node from the object or array that
//!   holds it. The other keys of an object keep their order; several elements
//!   of one array are removed from the highest index down, so every match is
//!   removed and nothing else; a match inside another removed match goes
//!   with it. Removing the document root is an error.
//!
//! # Loud failures
//!
//! The project keeps its deviations from the upstream document on purpose,
//! so an overlay that no longer fits the document fails instead of quietly
//! doing nothing. Beyond what the specification requires:
//!
//! - every action needs a non-blank `description` saying why;
//! - an action with both `update` and `remove: true`, or neither, is an error
//!   (the specification would ignore the update);
//! - a target that matches nothing is an error;
//! - an update that changes none of the nodes it matches is an error: the
//!   document already says that, upstream fixed it, the action is stale;
//! - a target that is not a valid JSONPath is an error with the parser's
//!   message (found by [`Overlay::parse`]).
//!
//! Every problem is an [`Error::Overlay`] that names the action by its JSON
//! pointer in the overlay document, the first line of its description and
//! its target:
//!
//! ```text
//! overlay #/actions/3 ("Upstream forgot the operationId.", target `$.paths['/a'].get`): matches nothing in the document
//! ```
//!
//! Both parsing and applying report every problem at once, not only the
//! first. When an action fails, the following ones still run (on the
//! document without the failed action's changes) so that their problems are
//! reported too; a later problem can then be a consequence of an earlier
//! one. On any problem the document is left exactly as it was.
//!
//! [Overlay Specification 1.0.0]: https://spec.openapis.org/overlay/v1.0.0.html
//! [RFC 9535]: https://www.rfc-editor.org/rfc/rfc9535.html

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use serde_json_path::{JsonPath, NormalizedPath, PathElement};

use crate::error::{Error, Errors, Pointer};

/// The fields of an overlay document, of its `info`, and of an action.
const OVERLAY_FIELDS: &[&str] = &["overlay", "info", "extends", "actions"];
const INFO_FIELDS: &[&str] = &["title", "version"];
const ACTION_FIELDS: &[&str] = &["target", "description", "update", "remove"];

/// Why every action needs a description.
const SAY_WHY: &str = "every action must say why it changes the document";

/// The message of an update that changes nothing.
const STALE: &str = "stale: the document already has this; remove the action";

/// How many unfit nodes an error lists before it only counts the rest.
const LISTED: usize = 3;

/// A parsed and checked overlay document.
#[derive(Debug, Clone)]
pub struct Overlay {
    version: String,
    info: Info,
    extends: Option<String>,
    actions: Vec<Action>,
}

/// The `info` of an overlay document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    title: String,
    version: String,
}

/// One action of an overlay.
#[derive(Debug, Clone)]
pub struct Action {
    pointer: Pointer,
    target: String,
    path: JsonPath,
    description: String,
    kind: ActionKind,
}

/// What an action does to the nodes its target matches.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionKind {
    /// Merge this value into each matched object, or append it to each
    /// matched array.
    Update(Value),
    /// Remove each matched node from the object or array that holds it.
    Remove,
}

/// What applying an overlay changed, for reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    touched: Vec<Vec<Pointer>>,
}

impl Overlay {
    /// Reads and checks the text (YAML or JSON) of an overlay document,
    /// JSONPath targets included. On failure, every problem found.
    pub fn parse(text: &str) -> Result<Overlay, Errors> {
        let root = Pointer::root();
        let none = Context::default();
        let value = crate::load::strict_value(text).map_err(|error| {
            none.error(root.clone(), format!("not valid YAML or JSON: {error}"))
        })?;
        let Value::Object(object) = &value else {
            return Err(none
                .error(
                    root,
                    format!(
                        "an overlay document is an object with `overlay`, `info` and `actions`, \
                         not {}",
                        kind(&value)
                    ),
                )
                .into());
        };
        let mut errors = Vec::new();
        unknown_fields(
            object,
            &root,
            OVERLAY_FIELDS,
            "an overlay",
            &none,
            &mut errors,
        );
        let version = string_field(
            object,
            &root,
            "overlay",
            Some(" (the Overlay Specification version, `1.0.0`)"),
            &none,
            &mut errors,
        );
        if let Some(version) = version
            && !supported(version)
        {
            errors.push(none.error(
                root.push("overlay"),
                format!("Overlay Specification version `{version}` is not supported (1.0.x is)"),
            ));
        }
        let info = parse_info(object, &root, &mut errors);
        let extends = string_field(object, &root, "extends", None, &none, &mut errors);
        let mut actions = Vec::new();
        let at = root.push("actions");
        match object.get("actions") {
            None => {
                errors.push(none.error(root.clone(), "missing `actions` (the list of changes)"))
            }
            Some(Value::Array(items)) if items.is_empty() => errors.push(none.error(
                at,
                "`actions` is empty: an overlay lists at least one action",
            )),
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let action = parse_action(at.push(&index.to_string()), item, &mut errors);
                    actions.extend(action);
                }
            }
            Some(other) => errors
                .push(none.error(at, format!("`actions` must be a list, not {}", kind(other)))),
        }
        match (version, info) {
            (Some(version), Some(info)) if errors.is_empty() => Ok(Overlay {
                version: version.to_owned(),
                info,
                extends: extends.map(str::to_owned),
                actions,
            }),
            _ => Err(Errors::from_vec(errors)),
        }
    }

    /// The Overlay Specification version the document declares (`1.0.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The overlay's `info`.
    pub fn info(&self) -> &Info {
        &self.info
    }

    /// The `extends` URI, as written; not followed.
    pub fn extends(&self) -> Option<&str> {
        self.extends.as_deref()
    }

    /// The actions, in the order they are applied.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Applies the actions in order to `document`. On success the document
    /// is changed and the result says where; on failure, every action that
    /// failed, and the document is left exactly as it was.
    pub fn apply(&self, document: &mut Value) -> Result<Applied, Errors> {
        let mut changed = document.clone();
        let mut errors = Vec::new();
        let mut touched = Vec::with_capacity(self.actions.len());
        for action in &self.actions {
            match action.run(&mut changed) {
                Ok(pointers) => touched.push(pointers),
                Err(message) => {
                    errors.push(action.error(message));
                    touched.push(Vec::new());
                }
            }
        }
        if errors.is_empty() {
            *document = changed;
            Ok(Applied { touched })
        } else {
            Err(Errors::from_vec(errors))
        }
    }
}

impl Info {
    /// The overlay's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The overlay's own version (not the specification's).
    pub fn version(&self) -> &str {
        &self.version
    }
}

impl Action {
    /// Where the action is in the overlay document (`#/actions/3`).
    pub fn pointer(&self) -> &Pointer {
        &self.pointer
    }

    /// The JSONPath `target`, as written.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The `description`, as written: why the document is changed.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// What the action does.
    pub fn kind(&self) -> &ActionKind {
        &self.kind
    }

    /// This action's problem `message`, naming the action.
    fn error(&self, message: String) -> Error {
        Error::Overlay {
            pointer: self.pointer.clone(),
            target: Some(self.target.clone()),
            description: first_line(&self.description).map(str::to_owned),
            message,
        }
    }

    /// Applies the action to `document`: the pointers of the nodes it
    /// changed, or what went wrong. On failure the document may be partly
    /// changed (only when the action's matches overlap).
    fn run(&self, document: &mut Value) -> Result<Vec<Pointer>, String> {
        let mut seen = BTreeSet::new();
        let mut places = Vec::new();
        for location in self.path.query_located(document).locations() {
            let place = steps(location);
            if seen.insert(place.clone()) {
                places.push(place);
            }
        }
        if places.is_empty() {
            return Err("matches nothing in the document".to_owned());
        }
        match &self.kind {
            ActionKind::Update(update) => update_all(document, &places, update),
            ActionKind::Remove => remove_all(document, &places),
        }
    }
}

impl Applied {
    /// For each action, in the order of [`Overlay::actions`], the nodes it
    /// changed: each object merged into or array appended to (not the keys
    /// inside), each node removed. Pointers are into the document as that
    /// action found it, after the actions before it.
    pub fn touched(&self) -> &[Vec<Pointer>] {
        &self.touched
    }
}

/// One step of a node's location: a key of an object or an index of an array.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

/// The steps of a normalized path.
fn steps(location: &NormalizedPath<'_>) -> Vec<Step> {
    location
        .iter()
        .map(|element| match element {
            PathElement::Name(name) => Step::Key((*name).to_owned()),
            PathElement::Index(index) => Step::Index(*index),
        })
        .collect()
}

/// The JSON pointer of a location.
fn pointer(place: &[Step]) -> Pointer {
    place
        .iter()
        .fold(Pointer::root(), |pointer, step| match step {
            Step::Key(key) => pointer.push(key),
            Step::Index(index) => pointer.push(&index.to_string()),
        })
}

fn get<'a>(mut node: &'a Value, place: &[Step]) -> Option<&'a Value> {
    for step in place {
        node = match (node, step) {
            (Value::Object(object), Step::Key(key)) => object.get(key)?,
            (Value::Array(items), Step::Index(index)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

fn get_mut<'a>(mut node: &'a mut Value, place: &[Step]) -> Option<&'a mut Value> {
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
fn update_all(
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
fn unfit(node: Option<&Value>, place: &[Step], update: &Value) -> Option<String> {
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
fn list(problems: Vec<String>) -> String {
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
fn merge(object: &mut Map<String, Value>, update: &Map<String, Value>) -> bool {
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
fn remove_all(document: &mut Value, places: &[Vec<Step>]) -> Result<Vec<Pointer>, String> {
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

/// The action a problem is about, if any: its target and description.
#[derive(Debug, Default)]
struct Context {
    target: Option<String>,
    description: Option<String>,
}

impl Context {
    fn error(&self, pointer: Pointer, message: impl Into<String>) -> Error {
        Error::Overlay {
            pointer,
            target: self.target.clone(),
            description: self.description.clone(),
            message: message.into(),
        }
    }
}

fn parse_info(
    object: &Map<String, Value>,
    root: &Pointer,
    errors: &mut Vec<Error>,
) -> Option<Info> {
    let none = Context::default();
    let at = root.push("info");
    let info = match object.get("info") {
        None => {
            errors.push(none.error(root.clone(), "missing `info` (with `title` and `version`)"));
            return None;
        }
        Some(Value::Object(info)) => info,
        Some(other) => {
            errors.push(none.error(
                at,
                format!(
                    "`info` must be an object with `title` and `version`, not {}",
                    kind(other)
                ),
            ));
            return None;
        }
    };
    unknown_fields(info, &at, INFO_FIELDS, "`info`", &none, errors);
    let title = string_field(info, &at, "title", Some(""), &none, errors);
    let version = string_field(info, &at, "version", Some(""), &none, errors);
    Some(Info {
        title: title?.to_owned(),
        version: version?.to_owned(),
    })
}

fn parse_action(pointer: Pointer, value: &Value, errors: &mut Vec<Error>) -> Option<Action> {
    let Value::Object(object) = value else {
        errors.push(Context::default().error(
            pointer,
            format!("an action must be an object, not {}", kind(value)),
        ));
        return None;
    };
    let context = Context {
        target: object
            .get("target")
            .and_then(Value::as_str)
            .map(str::to_owned),
        description: object
            .get("description")
            .and_then(Value::as_str)
            .and_then(first_line)
            .map(str::to_owned),
    };
    let before = errors.len();
    unknown_fields(
        object,
        &pointer,
        ACTION_FIELDS,
        "an action",
        &context,
        errors,
    );
    let target = string_field(
        object,
        &pointer,
        "target",
        Some(" (the JSONPath of the nodes to change)"),
        &context,
        errors,
    );
    let path = target.and_then(|target| match JsonPath::parse(target) {
        Ok(path) => Some(path),
        Err(error) => {
            errors.push(context.error(
                pointer.push("target"),
                format!("`target` is not a valid JSONPath: {error}{}", hint(target)),
            ));
            None
        }
    });
    let description = string_field(
        object,
        &pointer,
        "description",
        Some(&format!(": {SAY_WHY}")),
        &context,
        errors,
    );
    if description.is_some_and(|description| first_line(description).is_none()) {
        errors.push(context.error(
            pointer.push("description"),
            format!("`description` is blank: {SAY_WHY}"),
        ));
    }
    let remove = match object.get("remove") {
        None => Ok(None),
        Some(Value::Bool(remove)) => Ok(Some(*remove)),
        Some(other) => {
            errors.push(context.error(
                pointer.push("remove"),
                format!("`remove` must be a boolean, not {}", kind(other)),
            ));
            Err(())
        }
    };
    let kind = match (object.get("update"), remove) {
        (_, Err(())) => None,
        (Some(_), Ok(Some(true))) => {
            errors.push(context.error(
                pointer.clone(),
                "both `update` and `remove: true`: an action does one of the two",
            ));
            None
        }
        (Some(update), Ok(_)) => Some(ActionKind::Update(update.clone())),
        (None, Ok(Some(true))) => Some(ActionKind::Remove),
        (None, Ok(Some(false))) => {
            errors.push(context.error(
                pointer.clone(),
                "`remove: false` and no `update`: the action does nothing",
            ));
            None
        }
        (None, Ok(None)) => {
            errors.push(context.error(
                pointer.clone(),
                "neither `update` nor `remove: true`: an action does one of the two",
            ));
            None
        }
    };
    match (target, path, description, kind) {
        (Some(target), Some(path), Some(description), Some(kind)) if errors.len() == before => {
            Some(Action {
                pointer,
                target: target.to_owned(),
                path,
                description: description.to_owned(),
                kind,
            })
        }
        _ => None,
    }
}

/// Reports every field of `object` that is neither in `known` nor an `x-`
/// extension.
fn unknown_fields(
    object: &Map<String, Value>,
    pointer: &Pointer,
    known: &[&str],
    what: &str,
    context: &Context,
    errors: &mut Vec<Error>,
) {
    let names: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
    let names = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    for key in object.keys() {
        if !known.contains(&key.as_str()) && !key.starts_with("x-") {
            errors.push(context.error(
                pointer.push(key),
                format!("unknown field `{key}` ({what} has {names}, and `x-` extensions)"),
            ));
        }
    }
}

/// The string field `key` of `object`. A missing field is reported if
/// `required` is set (it is appended to the message), a field that is not a
/// string always is.
fn string_field<'a>(
    object: &'a Map<String, Value>,
    pointer: &Pointer,
    key: &str,
    required: Option<&str>,
    context: &Context,
    errors: &mut Vec<Error>,
) -> Option<&'a str> {
    match object.get(key) {
        Some(Value::String(value)) => Some(value),
        Some(other) => {
            errors.push(context.error(
                pointer.push(key),
                format!("`{key}` must be a string, not {}", kind(other)),
            ));
            None
        }
        None => {
            if let Some(why) = required {
                errors.push(context.error(pointer.clone(), format!("missing `{key}`{why}")));
            }
            None
        }
    }
}

/// A hint for a target the parser refused, where there is a likely cause:
/// RFC 9535 shorthand names (`.name`) cannot hold a `-`, as `x-` extension
/// names do.
fn hint(target: &str) -> &'static str {
    let dashed_shorthand = target.split('.').skip(1).any(|rest| {
        rest.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
            .any(|c| c == '-')
    });
    if dashed_shorthand {
        " (a name with a `-` needs brackets: `$.info['x-logo']`, not `$.info.x-logo`)"
    } else {
        ""
    }
}

/// Whether this engine implements Overlay Specification `version`: 1.0.x.
fn supported(version: &str) -> bool {
    version
        .strip_prefix("1.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|byte| byte.is_ascii_digit()))
}

/// The first non-blank line of `text`, trimmed.
fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|line| !line.is_empty())
}

/// What kind of JSON value `value` is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
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
    fn versions() {
        for version in ["1.0.0", "1.0.1", "1.0.12"] {
            assert!(supported(version), "{version}");
        }
        for version in [
            "1.0",
            "1.0.",
            "1.1.0",
            "2.0.0",
            "1.0.0-rc1",
            " 1.0.0",
            "v1.0.0",
        ] {
            assert!(!supported(version), "{version}");
        }
    }

    #[test]
    fn first_line_skips_blank_lines_and_trims() {
        assert_eq!(first_line("\n  \n  Why.  \nMore."), Some("Why."));
        assert_eq!(first_line(" \n\t\n"), None);
        assert_eq!(first_line(""), None);
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
