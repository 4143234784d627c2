//! Walking a document's schemas: every schema object, wherever OpenAPI allows one, visited depth first.

use serde_json::{Map, Value};

/// Calls `visit` on every schema object of the document: component schemas
/// and those of parameters, headers, request bodies and responses, and,
/// depth first, every schema nested in them.
pub(super) fn for_each_schema(
    document: &mut Value,
    visit: &mut dyn FnMut(&mut Map<String, Value>),
) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for section in ["schemas"] {
            if let Some(Value::Object(schemas)) = components.get_mut(section) {
                for schema in schemas.values_mut() {
                    walk_schema(schema, visit);
                }
            }
        }
        for section in ["parameters", "headers"] {
            if let Some(Value::Object(items)) = components.get_mut(section) {
                for item in items.values_mut() {
                    walk_holder(item, visit);
                }
            }
        }
        for section in ["requestBodies", "responses"] {
            if let Some(Value::Object(items)) = components.get_mut(section) {
                for item in items.values_mut() {
                    walk_body(item, visit);
                }
            }
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            if let Some(Value::Array(parameters)) = item.get_mut("parameters") {
                parameters.iter_mut().for_each(|p| walk_holder(p, visit));
            }
            for operation in item.values_mut() {
                let Some(operation) = operation.as_object_mut() else {
                    continue;
                };
                if let Some(Value::Array(parameters)) = operation.get_mut("parameters") {
                    parameters.iter_mut().for_each(|p| walk_holder(p, visit));
                }
                if let Some(body) = operation.get_mut("requestBody") {
                    walk_body(body, visit);
                }
                if let Some(Value::Object(responses)) = operation.get_mut("responses") {
                    responses.values_mut().for_each(|r| walk_body(r, visit));
                }
            }
        }
    }
}

/// A parameter or header: a `schema`, or `content` with schemas.
fn walk_holder(holder: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    if let Some(schema) = holder.get_mut("schema") {
        walk_schema(schema, visit);
    }
    walk_body(holder, visit);
}

/// A request body or response: `content` media types with schemas, and headers.
fn walk_body(body: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    if let Some(Value::Object(content)) = body.get_mut("content") {
        for media in content.values_mut() {
            if let Some(schema) = media.get_mut("schema") {
                walk_schema(schema, visit);
            }
        }
    }
    if let Some(Value::Object(headers)) = body.get_mut("headers") {
        headers.values_mut().for_each(|h| walk_holder(h, visit));
    }
}

fn walk_schema(schema: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    visit(object);
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = object.get_mut(key) {
            walk_schema(child, visit);
        }
    }
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.values_mut().for_each(|p| walk_schema(p, visit));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            members.iter_mut().for_each(|m| walk_schema(m, visit));
        }
    }
}
