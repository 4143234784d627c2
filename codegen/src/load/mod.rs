//! Stage 1, load: document text -> `openapiv3::OpenAPI`. The only stage that sees YAML; OpenAPI 3.1 is brought to the 3.0 shape here.
//!
//! The text is read by [`strict`] (which refuses a key listed twice),
//! brought to the 3.0 shape by [`downgrade`] (visiting schemas through
//! [`walk`]), its site-relative links made absolute ([`links`]), given
//! what OpenAPI leaves [`implicit`], and read into the
//! model; [`locate`] finds where in the
//! document the model's problems are.

mod downgrade;
mod implicit;
pub use self::implicit::IMPLICIT_UNION;
mod links;
mod locate;
mod strict;
mod walk;

use serde_json::Value;

use self::downgrade::{const_to_enum, downgrade_3_1};
use self::locate::{diagnose, model_error, unread_paths};
use self::strict::Strict;
use self::walk::for_each_schema;
use crate::error::{Error, Errors, Pointer};

/// The largest document the generator reads, in bytes (64 MiB, some thirty
/// times SignalWire's REST document): generation is linear in the document
/// (BENCHMARKS.md, "The generator's growth"), so this bounds its time too.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The deepest nesting of mappings and sequences the generator reads, the
/// document's root being level 1. Its stages walk schemas recursively, and
/// a document nested some 60 levels deep overflows a 2 MiB thread stack;
/// SignalWire's REST document is 15 levels deep. (The YAML reader itself,
/// `yaml_serde`, refuses text nested over 128 levels.)
pub const MAX_NESTING: usize = 48;

/// Parses YAML or JSON text into an OpenAPI 3.0 model, rewriting the 3.1
/// constructs later stages do not know. A document over
/// [`MAX_DOCUMENT_BYTES`] or nested deeper than [`MAX_NESTING`] is refused
/// with a message that says the limit.
pub fn load(text: &str) -> Result<openapiv3::OpenAPI, Errors> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::Unsupported {
            pointer: Pointer::root(),
            what: format!(
                "a document of {} bytes (the generator reads documents of up to {MAX_DOCUMENT_BYTES} bytes, 64 MiB)",
                text.len()
            ),
        }
        .into());
    }
    let Strict(mut value) = yaml_serde::from_str(text).map_err(|error| {
        let message = error.to_string();
        let message = match message.strip_prefix("recursion limit exceeded") {
            Some(place) => format!(
                "it nests mappings and sequences more than 128 levels deep, the YAML reader's \
                 limit{place} (the generator reads documents nested up to {MAX_NESTING} levels)"
            ),
            None => message,
        };
        Error::Syntax {
            pointer: Pointer::root(),
            message,
        }
    })?;
    if let Some(pointer) = too_deep(&value) {
        return Err(Error::Unsupported {
            pointer,
            what: format!(
                "mappings and sequences nested more than {MAX_NESTING} levels deep (the most the \
                 generator reads; this is the first place past it)"
            ),
        }
        .into());
    }
    let version = match value.get("openapi") {
        Some(Value::String(version)) => version.clone(),
        Some(_) => return Err(invalid(Pointer::root().push("openapi"), "must be a string").into()),
        None => return Err(invalid(Pointer::root(), not_a_document(&value)).into()),
    };
    if version.starts_with("3.1") {
        downgrade_3_1(&mut value);
    } else if version.starts_with("3.0") {
        for_each_schema(&mut value, &mut const_to_enum);
    } else {
        return Err(Error::Unsupported {
            pointer: Pointer::root().push("openapi"),
            what: format!("OpenAPI version {version} (3.0.x and 3.1.x are)"),
        }
        .into());
    }
    links::absolute_links(&mut value)?;
    implicit::discriminator_children(&mut value);
    for_each_schema(&mut value, &mut implicit::inherit_member_type);
    let mut errors = unread_paths(&value);
    match serde_path_to_error::deserialize(&value) {
        Ok(document) if errors.is_empty() => Ok(document),
        Ok(_) => Err(Errors::from_vec(errors)),
        Err(error) => {
            // The model flattens its extensions, which hides where inside a
            // struct deserialization failed: find the deepest failing parts.
            let before = errors.len();
            diagnose(&value, &mut errors);
            if errors.len() == before {
                errors.push(model_error(error, &Pointer::root()));
            }
            Err(Errors::from_vec(errors))
        }
    }
}

/// The first place (depth first) nested deeper than [`MAX_NESTING`], if
/// any; walked with a stack of its own, so that any depth is safe to ask.
/// The path is kept as borrowed steps and written out as a pointer only for
/// the place it reports.
fn too_deep(value: &Value) -> Option<Pointer> {
    enum Step<'v> {
        Key(&'v str),
        Index(usize),
    }
    // The value, its depth (the root is 1), and the step to it.
    let mut stack: Vec<(&Value, usize, Option<Step>)> = vec![(value, 1, None)];
    let mut path: Vec<Step> = Vec::new();
    while let Some((value, depth, step)) = stack.pop() {
        path.truncate(depth.saturating_sub(2));
        path.extend(step);
        if !(value.is_object() || value.is_array()) {
            continue;
        }
        if depth > MAX_NESTING {
            return Some(
                path.iter()
                    .fold(Pointer::root(), |pointer, step| match step {
                        Step::Key(key) => pointer.push(key),
                        Step::Index(index) => pointer.push(&index.to_string()),
                    }),
            );
        }
        match value {
            Value::Object(map) => stack.extend(
                map.iter()
                    .rev()
                    .map(|(key, child)| (child, depth + 1, Some(Step::Key(key)))),
            ),
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(index, child)| (child, depth + 1, Some(Step::Index(index)))),
            ),
            _ => {}
        }
    }
    None
}

/// Reads YAML or JSON text as [`strict`] does for [`load`] (refusing a key
/// listed twice in one mapping), for other documents such as overlays.
pub(crate) fn strict_value(text: &str) -> Result<Value, yaml_serde::Error> {
    yaml_serde::from_str(text).map(|Strict(value)| value)
}

fn invalid(pointer: Pointer, message: &str) -> Error {
    Error::Invalid {
        pointer,
        message: message.to_owned(),
    }
}

/// What a document without an `openapi` field is, in plain words.
fn not_a_document(value: &Value) -> &'static str {
    match value {
        // Empty text, or only comments.
        Value::Null => "the document is empty (an OpenAPI document is a YAML or JSON object)",
        Value::Object(object) if object.contains_key("swagger") => {
            "a Swagger 2.0 document (only OpenAPI 3.0 and 3.1 documents are supported)"
        }
        Value::Object(_) => "missing the `openapi` version field",
        Value::Array(_) => "the document is a list, not an object",
        Value::String(_) => "the document is a single string, not an object",
        Value::Bool(_) | Value::Number(_) => "the document is a single value, not an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_version_names_the_field() {
        let error = load("openapi: 2.0.0\ninfo: {title: t, version: v}\npaths: {}\n").unwrap_err();
        assert_eq!(
            error.as_slice()[0].to_string(),
            "#/openapi: unsupported: OpenAPI version 2.0.0 (3.0.x and 3.1.x are)"
        );
    }

    #[test]
    fn model_errors_carry_the_json_pointer() {
        let error = load(
            "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 5\n",
        )
        .unwrap_err();
        let message = error.as_slice()[0].to_string();
        assert!(
            message.starts_with("#/paths/~1a/get/responses: not a valid OpenAPI document"),
            "{message}"
        );
    }
}
