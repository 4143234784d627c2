//! Values built from an OpenAPI document (as JSON): what a request to one
//! of its operations can send, and a value of any of its schemas.
//!
//! The contract sweep builds each operation's request with [`Request`],
//! and `cargo xtask test` gives the schemas it cuts from the document it
//! has Prism serve an example made by [`schema`], so that Prism answers with
//! a value of the schema rather than nothing. The rules, in order:
//!
//! 1. an example of the node: `example`, the first of a schema's
//!    `examples`, or the value of the first named example of a parameter or
//!    media type;
//! 2. a schema's `const`, then its `default`, then its first non-null
//!    `enum` value;
//! 3. `allOf`: the members' values merged (objects), with the schema's own
//!    properties; `oneOf`/`anyOf`: the value of the first member that is not
//!    `type: null`;
//! 4. by type: an object of the required properties and of those that can
//!    only take one value (a union member's tag, such as `script_type:
//!    calling`, even where it is optional); an array of one item (or
//!    `minItems`); a string of the `format` (a UUID, an RFC 3339 date-time,
//!    ...) padded to `minLength`; a number at the `minimum` (else 1);
//!    `true`; `null`; an empty object for a schema that allows anything.
//!
//! Walks stop at [`MAX_DEPTH`], where a value is `null`: deeper than any
//! chain of required properties of SignalWire's document, and the end of a
//! recursive schema. The functions are pure: the same document gives the
//! same values.

use serde_json::{Map, Value, json};

/// How deep a walk goes (nested schemas, or `$ref` hops in one chain).
pub const MAX_DEPTH: usize = 24;

/// `value` with its local `$ref`s followed; `None` for a reference that
/// does not resolve or a chain longer than [`MAX_DEPTH`].
pub fn resolve<'a>(document: &'a Value, mut value: &'a Value) -> Option<&'a Value> {
    for _ in 0..MAX_DEPTH {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Some(value);
        };
        value = document.pointer(reference.strip_prefix('#')?)?;
    }
    None
}

/// The example of a schema, parameter or media type (rule 1).
pub fn example(document: &Value, value: &Value) -> Option<Value> {
    if let Some(example) = value.get("example") {
        return Some(example.clone());
    }
    match value.get("examples")? {
        Value::Array(items) => items.first().cloned(),
        Value::Object(named) => named
            .values()
            .next()
            .and_then(|example| resolve(document, example))
            .and_then(|example| example.get("value").cloned()),
        _ => None,
    }
}

/// A value of `schema` (a schema object or a `$ref` to one).
pub fn schema(document: &Value, schema: &Value) -> Value {
    walk(document, schema, 0)
}

/// What a request to one operation sends, each part built by the rules
/// above: [`Request::path`], [`Request::parameter`], [`Request::body`].
#[derive(Debug)]
pub struct Request<'a> {
    document: &'a Value,
    operation: &'a Value,
    /// The path item's parameters and the operation's, references resolved;
    /// the operation's replace the path item's of the same name and place.
    parameters: Vec<&'a Value>,
}

impl<'a> Request<'a> {
    /// The operation `method` (any case) of the path `template`; what is
    /// missing on failure.
    pub fn of(document: &'a Value, method: &str, template: &str) -> Result<Self, String> {
        let item = document
            .get("paths")
            .and_then(|paths| paths.get(template))
            .and_then(|item| resolve(document, item))
            .ok_or_else(|| format!("the document has no path `{template}`"))?;
        let operation = item
            .get(method.to_ascii_lowercase())
            .ok_or_else(|| format!("the path `{template}` has no `{method}` operation"))?;
        let list = |value: &'a Value| -> Vec<&'a Value> {
            value
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|item| resolve(document, item))
                .collect()
        };
        let own = list(operation);
        let mut parameters: Vec<&Value> = list(item)
            .into_iter()
            .filter(|shared| {
                !own.iter()
                    .any(|param| param["name"] == shared["name"] && param["in"] == shared["in"])
            })
            .collect();
        parameters.extend(own);
        Ok(Request {
            document,
            operation,
            parameters,
        })
    }

    /// The value of the path parameter `name`.
    pub fn path(&self, name: &str) -> Result<Value, String> {
        self.find(|param| param["in"] == "path" && param["name"] == name)
            .ok_or_else(|| format!("no path parameter `{name}`"))
    }

    /// The value of the query, header or cookie parameter `name`.
    pub fn parameter(&self, name: &str) -> Result<Value, String> {
        self.find(|param| param["in"] != "path" && param["name"] == name)
            .ok_or_else(|| format!("no query or header parameter `{name}`"))
    }

    /// The request body: of `application/json`, else of
    /// `application/x-www-form-urlencoded`, else of the first media type.
    pub fn body(&self) -> Result<Value, String> {
        let body = self
            .operation
            .get("requestBody")
            .and_then(|body| resolve(self.document, body))
            .ok_or("the operation has no request body")?;
        let content = body
            .get("content")
            .and_then(Value::as_object)
            .ok_or("the request body has no content")?;
        let media = ["application/json", "application/x-www-form-urlencoded"]
            .iter()
            .find_map(|kind| content.get(*kind))
            .or_else(|| content.values().next())
            .ok_or("the request body has no media type")?;
        Ok(example(self.document, media)
            .unwrap_or_else(|| schema(self.document, media.get("schema").unwrap_or(&Value::Null))))
    }

    fn find(&self, matches: impl Fn(&Value) -> bool) -> Option<Value> {
        let param = self.parameters.iter().find(|param| matches(param))?;
        Some(
            example(self.document, param).unwrap_or_else(|| {
                schema(self.document, param.get("schema").unwrap_or(&Value::Null))
            }),
        )
    }
}

fn walk(document: &Value, schema: &Value, depth: usize) -> Value {
    let Some(schema) = resolve(document, schema) else {
        return Value::Null;
    };
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    if let Some(example) = example(document, schema) {
        return example;
    }
    if let Some(value) = ["const", "default"].iter().find_map(|key| schema.get(*key)) {
        return value.clone();
    }
    if let Some(first) = first_enum_value(schema) {
        return first.clone();
    }
    if let Some(members) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        let mut other = None;
        for member in members {
            match walk(document, member, depth + 1) {
                Value::Object(fields) => merged.extend(fields),
                value => other = Some(value),
            }
        }
        merged.extend(object(document, schema, depth));
        return match other {
            Some(value) if merged.is_empty() => value,
            _ => Value::Object(merged),
        };
    }
    for key in ["oneOf", "anyOf"] {
        let first = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|members| members.iter().find(|member| !is_null(document, member)));
        if let Some(first) = first {
            return walk(document, first, depth + 1);
        }
    }
    let ty = match schema.get("type") {
        Some(Value::String(ty)) => Some(ty.as_str()),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|ty| *ty != "null"),
        _ => None,
    };
    match ty {
        Some("object") => Value::Object(object(document, schema, depth)),
        None if schema.get("properties").is_some() => {
            Value::Object(object(document, schema, depth))
        }
        Some("array") => {
            let count = schema
                .get("minItems")
                .and_then(Value::as_u64)
                .map_or(1, |count| usize::try_from(count.max(1)).unwrap_or(1));
            let item = walk(
                document,
                schema.get("items").unwrap_or(&Value::Null),
                depth + 1,
            );
            Value::Array(vec![item; count])
        }
        Some("string") => string(schema),
        Some("integer") => json!(number(schema).round() as i64),
        Some("number") => json!(number(schema)),
        Some("boolean") => Value::Bool(true),
        Some("null") => Value::Null,
        _ => Value::Object(Map::new()),
    }
}

fn first_enum_value(schema: &Value) -> Option<&Value> {
    schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|values| values.iter().find(|value| !value.is_null()))
}

/// The required properties of an object schema, and those that can only
/// take one value.
fn object(document: &Value, schema: &Value, depth: usize) -> Map<String, Value> {
    let mut object = Map::new();
    let properties = schema.get("properties").and_then(Value::as_object);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (name, property) in properties.into_iter().flatten() {
        let single = resolve(document, property).is_some_and(|property| {
            property.get("const").is_some()
                || property
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.len() == 1)
        });
        if single || required.contains(&name.as_str()) {
            object.insert(name.clone(), walk(document, property, depth + 1));
        }
    }
    for name in required {
        if !object.contains_key(name) {
            object.insert(name.to_owned(), Value::Object(Map::new()));
        }
    }
    object
}

fn is_null(document: &Value, schema: &Value) -> bool {
    resolve(document, schema).is_some_and(|schema| schema.get("type") == Some(&json!("null")))
}

/// A string of the schema's `format`, as long as its `minLength` asks.
fn string(schema: &Value) -> Value {
    let text = match schema.get("format").and_then(Value::as_str) {
        Some("uuid") => "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        Some("date-time") => "2026-01-02T03:04:05Z",
        Some("date") => "2026-01-02",
        Some("time") => "03:04:05",
        Some("email") => "user@example.com",
        Some("uri" | "url") => "https://example.com/",
        Some("ipv4") => "192.0.2.1",
        _ => "sample",
    };
    let min = schema
        .get("minLength")
        .and_then(Value::as_u64)
        .and_then(|min| usize::try_from(min).ok())
        .unwrap_or(0);
    let mut text = text.to_owned();
    while text.chars().count() < min {
        text.push('x');
    }
    Value::String(text)
}

/// A number within the schema's bounds: its minimum, else 1.
fn number(schema: &Value) -> f64 {
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    let value = bound("minimum")
        .or_else(|| bound("exclusiveMinimum").map(|min| min + 1.0))
        .unwrap_or(1.0);
    match bound("maximum") {
        Some(max) if value > max => max,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Request, schema};

    #[test]
    fn objects_get_their_required_properties_and_union_tags() {
        let document = json!({
            "components": {"schemas": {
                "Calling": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string", "examples": ["Desk"]},
                    "kind": {"type": "string", "enum": ["calling"]},
                    "note": {"type": "string"},
                    "id": {"type": "string", "format": "uuid"}
                }},
                "Script": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Calling"}]}
            }}
        });
        assert_eq!(
            schema(&document, &json!({"$ref": "#/components/schemas/Script"})),
            json!({"name": "Desk", "kind": "calling"})
        );
        assert_eq!(
            schema(
                &document,
                &json!({"type": "array", "items": {"type": "integer", "minimum": 5}})
            ),
            json!([5])
        );
        assert_eq!(
            schema(
                &document,
                &json!({"allOf": [{"$ref": "#/components/schemas/Calling"}, {"type": "object", "required": ["at"], "properties": {"at": {"type": "string", "format": "date-time"}}}]})
            ),
            json!({"name": "Desk", "kind": "calling", "at": "2026-01-02T03:04:05Z"})
        );
    }

    #[test]
    fn a_recursive_schema_ends_in_null() {
        let document = json!({"components": {"schemas": {
            "Node": {"type": "object", "required": ["next"], "properties": {"next": {"$ref": "#/components/schemas/Node"}}}
        }}});
        let mut value = schema(&document, &json!({"$ref": "#/components/schemas/Node"}));
        let mut depth = 0;
        while let Some(next) = value.get("next") {
            value = next.clone();
            depth += 1;
        }
        assert_eq!(value, serde_json::Value::Null);
        assert!(depth > 10, "{depth}");
    }

    #[test]
    fn requests_take_the_operations_parameters_over_the_path_items() {
        let document = json!({"paths": {"/rooms/{id}": {
            "parameters": [
                {"name": "id", "in": "path", "schema": {"type": "string"}},
                {"name": "page", "in": "query", "schema": {"type": "integer"}}
            ],
            "put": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string", "format": "uuid"}}],
                "requestBody": {"content": {"application/json": {"examples": {"one": {"value": {"a": 1}}}}}}
            }
        }}});
        let request = Request::of(&document, "PUT", "/rooms/{id}").unwrap();
        assert_eq!(
            request.path("id").unwrap(),
            json!("497f6eca-6276-4993-bfeb-53cbbbba6f08")
        );
        assert_eq!(request.parameter("page").unwrap(), json!(1));
        assert_eq!(request.body().unwrap(), json!({"a": 1}));
        assert_eq!(
            Request::of(&document, "GET", "/rooms/{id}").unwrap_err(),
            "the path `/rooms/{id}` has no `GET` operation"
        );
        assert_eq!(
            request.parameter("size").unwrap_err(),
            "no query or header parameter `size`"
        );
    }
}
