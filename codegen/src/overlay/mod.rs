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

mod apply;
mod parse;

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use serde_json_path::{JsonPath, NormalizedPath, PathElement};

use self::apply::*;
use self::parse::*;
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
