//! Locating problems: the keys of `paths` the model would drop unread, and, when the model refuses the document, the innermost parts that fail, each with its JSON pointer.

use serde_json::Value;

use super::invalid;
use crate::error::{Error, Pointer};

/// The keys of `paths` and of its path items that the model would drop
/// without a word: a path that does not start with `/`, and a key of a path
/// item that OpenAPI does not define (`gett`), each a lost operation.
pub(super) fn unread_paths(document: &Value) -> Vec<Error> {
    const PATH_ITEM_KEYS: &[&str] = &[
        "$ref",
        "summary",
        "description",
        "get",
        "put",
        "post",
        "delete",
        "options",
        "head",
        "patch",
        "trace",
        "servers",
        "parameters",
    ];
    let mut errors = Vec::new();
    let paths = Pointer::root().push("paths");
    for (path, item) in entries(document.get("paths")) {
        if path.starts_with("x-") {
            continue;
        }
        if !path.starts_with('/') {
            errors.push(invalid(paths.push(path), "a path must start with `/`"));
            continue;
        }
        for (key, _) in entries(Some(item)) {
            if !key.starts_with("x-") && !PATH_ITEM_KEYS.contains(&key.as_str()) {
                errors.push(invalid(
                    paths.push(path).push(key),
                    &format!("`{key}` is not a field of a path item (a misspelt method?)"),
                ));
            }
        }
    }
    errors
}

pub(super) fn model_error(
    error: serde_path_to_error::Error<serde_json::Error>,
    base: &Pointer,
) -> Error {
    let pointer = error
        .path()
        .iter()
        .fold(base.clone(), |pointer, segment| match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push(&index.to_string()),
            serde_path_to_error::Segment::Map { key } => pointer.push(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.push(variant),
            serde_path_to_error::Segment::Unknown => pointer,
        });
    invalid(pointer, &error.into_inner().to_string())
}

/// The parts of the document checked one by one, so that an error names the
/// innermost part that fails.
#[derive(Clone, Copy)]
enum Part {
    Operation,
    Parameter,
    Body,
    Schema,
    SecurityScheme,
}

pub(super) fn diagnose(document: &Value, errors: &mut Vec<Error>) {
    let root = Pointer::root();
    for (path, item) in entries(document.get("paths")) {
        let item_pointer = root.push("paths").push(path);
        for (key, value) in entries(Some(item)) {
            let part = match key.as_str() {
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    Part::Operation
                }
                _ => continue,
            };
            check(value, &item_pointer.push(key), part, errors);
        }
        for (index, parameter) in elements(item.get("parameters")) {
            check(
                parameter,
                &item_pointer.push("parameters").push(&index.to_string()),
                Part::Parameter,
                errors,
            );
        }
    }
    let components = root.push("components");
    for (section, part) in [
        ("schemas", Part::Schema),
        ("parameters", Part::Parameter),
        ("requestBodies", Part::Body),
        ("responses", Part::Body),
        ("securitySchemes", Part::SecurityScheme),
    ] {
        for (key, value) in entries(document.get("components").and_then(|c| c.get(section))) {
            check(value, &components.push(section).push(key), part, errors);
        }
    }
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

fn elements(value: Option<&Value>) -> impl Iterator<Item = (usize, &Value)> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// Records an error for `value` as `part` unless a part inside it accounts for the failure.
fn check(value: &Value, pointer: &Pointer, part: Part, errors: &mut Vec<Error>) {
    use openapiv3::{
        Operation, Parameter, ReferenceOr, RequestBody, Response, Schema, SecurityScheme,
    };
    fn attempt<T: serde::de::DeserializeOwned>(
        value: &Value,
        pointer: &Pointer,
    ) -> Result<(), Error> {
        serde_path_to_error::deserialize::<_, T>(value)
            .map(drop)
            .map_err(|error| model_error(error, pointer))
    }
    let result = match part {
        Part::Operation => attempt::<Operation>(value, pointer),
        Part::Parameter => attempt::<ReferenceOr<Parameter>>(value, pointer),
        Part::Body => attempt::<ReferenceOr<RequestBody>>(value, pointer)
            .or_else(|_| attempt::<ReferenceOr<Response>>(value, pointer)),
        Part::Schema => attempt::<ReferenceOr<Schema>>(value, pointer),
        Part::SecurityScheme => attempt::<ReferenceOr<SecurityScheme>>(value, pointer),
    };
    let Err(own) = result else { return };
    let before = errors.len();
    match part {
        Part::Operation => {
            for (index, parameter) in elements(value.get("parameters")) {
                check(
                    parameter,
                    &pointer.push("parameters").push(&index.to_string()),
                    Part::Parameter,
                    errors,
                );
            }
            if let Some(body) = value.get("requestBody") {
                check(body, &pointer.push("requestBody"), Part::Body, errors);
            }
            for (status, response) in entries(value.get("responses")) {
                check(
                    response,
                    &pointer.push("responses").push(status),
                    Part::Body,
                    errors,
                );
            }
        }
        Part::Parameter => {
            if let Some(schema) = value.get("schema") {
                check(schema, &pointer.push("schema"), Part::Schema, errors);
            }
        }
        Part::Body => {
            for (media_type, media) in entries(value.get("content")) {
                if let Some(schema) = media.get("schema") {
                    let at = pointer.push("content").push(media_type).push("schema");
                    check(schema, &at, Part::Schema, errors);
                }
            }
        }
        Part::Schema => {
            for key in ["items", "not"] {
                if let Some(child) = value.get(key) {
                    check(child, &pointer.push(key), Part::Schema, errors);
                }
            }
            if let Some(child @ Value::Object(_)) = value.get("additionalProperties") {
                check(
                    child,
                    &pointer.push("additionalProperties"),
                    Part::Schema,
                    errors,
                );
            }
            for (name, property) in entries(value.get("properties")) {
                check(
                    property,
                    &pointer.push("properties").push(name),
                    Part::Schema,
                    errors,
                );
            }
            for key in ["allOf", "anyOf", "oneOf"] {
                for (index, member) in elements(value.get(key)) {
                    check(
                        member,
                        &pointer.push(key).push(&index.to_string()),
                        Part::Schema,
                        errors,
                    );
                }
            }
        }
        Part::SecurityScheme => {}
    }
    if errors.len() == before {
        errors.push(own);
    }
}
