//! Reading an overlay document: its fields, its `info` and each action,
//! every problem located in the overlay document.

use super::*;

/// The action a problem is about, if any: its target and description.
#[derive(Debug, Default)]
pub(super) struct Context {
    target: Option<String>,
    description: Option<String>,
}

impl Context {
    pub(super) fn error(&self, pointer: Pointer, message: impl Into<String>) -> Error {
        Error::Overlay {
            pointer,
            target: self.target.clone(),
            description: self.description.clone(),
            message: message.into(),
        }
    }
}

pub(super) fn parse_info(
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

pub(super) fn parse_action(
    pointer: Pointer,
    value: &Value,
    errors: &mut Vec<Error>,
) -> Option<Action> {
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
pub(super) fn unknown_fields(
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
pub(super) fn string_field<'a>(
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
pub(super) fn hint(target: &str) -> &'static str {
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
pub(super) fn supported(version: &str) -> bool {
    version
        .strip_prefix("1.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|byte| byte.is_ascii_digit()))
}

/// The first non-blank line of `text`, trimmed.
pub(super) fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|line| !line.is_empty())
}

/// What kind of JSON value `value` is, for messages.
pub(super) fn kind(value: &Value) -> &'static str {
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
    use super::*;

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
}
