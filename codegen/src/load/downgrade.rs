//! The OpenAPI 3.1 -> 3.0 downgrade: 3.1's type lists, `null` unions, `examples`, `const` and numeric exclusive bounds rewritten in the 3.0 shape the model reads.

use serde_json::{Map, Value};

use super::walk::for_each_schema;

/// Rewrites an OpenAPI 3.1 document in place into the 3.0 shape: `type`
/// lists and `anyOf`/`oneOf` unions with `null` become `nullable` (a list of
/// several other types an `anyOf` of one member per type),
/// `examples` lists become `example`, `const` becomes a one-value `enum`.
pub(super) fn downgrade_3_1(document: &mut Value) {
    if let Some(object) = document.as_object_mut() {
        object.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
        // 3.1-only top-level fields the 3.0 model has no place for.
        object.remove("webhooks");
        object.remove("jsonSchemaDialect");
        if let Some(Value::Object(license)) =
            object.get_mut("info").and_then(|i| i.get_mut("license"))
        {
            license.remove("identifier");
        }
    }
    for_each_schema(document, &mut downgrade_schema);
}

/// A schema that allows only `null`: `type: null`, whatever it documents beside.
fn is_null_schema(value: &Value) -> bool {
    value.get("type").and_then(Value::as_str) == Some("null")
}

/// The keywords that apply to values of the JSON type `typ` only.
fn type_keywords(typ: &Value) -> &'static [&'static str] {
    match typ.as_str() {
        Some("string") => &["format", "pattern", "minLength", "maxLength"],
        Some("integer" | "number") => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        Some("array") => &["items", "minItems", "maxItems", "uniqueItems"],
        Some("object") => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

/// The `anyOf` member for `typ` of a schema with a list of types: the type
/// with the keywords that apply to it, and the `enum` values of its kind.
fn type_member(schema: &Map<String, Value>, typ: &Value) -> Value {
    let mut member = Map::new();
    member.insert("type".to_owned(), typ.clone());
    for key in type_keywords(typ) {
        if let Some(value) = schema.get(*key) {
            member.insert((*key).to_owned(), value.clone());
        }
    }
    if let Some(Value::Array(values)) = schema.get("enum") {
        let of_type = |value: &Value| match typ.as_str() {
            Some("string") => value.is_string(),
            Some("integer") => value.is_i64() || value.is_u64(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            _ => false,
        };
        let values: Vec<Value> = values.iter().filter(|v| of_type(v)).cloned().collect();
        if !values.is_empty() {
            member.insert("enum".to_owned(), Value::Array(values));
        }
    }
    Value::Object(member)
}

/// `const: v` -> `enum: [v]` (with `type: string` for a string that has no
/// type), in documents of either version: 3.0 has no `const`, and the model
/// would drop it unseen.
pub(super) fn const_to_enum(schema: &mut Map<String, Value>) {
    if let Some(constant) = schema.remove("const") {
        if constant.is_string() && !schema.contains_key("type") {
            schema.insert("type".to_owned(), Value::String("string".to_owned()));
        }
        schema.insert("enum".to_owned(), Value::Array(vec![constant]));
    }
}

/// Rewrites one schema object (not those nested in it) into the 3.0 shape.
fn downgrade_schema(schema: &mut Map<String, Value>) {
    type_list(schema);
    null_union(schema);
    // `examples: [a, ...]` -> `example: a`
    if let Some(Value::Array(examples)) = schema.get("examples") {
        let first = examples.first().cloned();
        schema.remove("examples");
        if let Some(first) = first {
            schema.entry("example").or_insert(first);
        }
    }
    const_to_enum(schema);
    // `enum` lists that contain `null` mark the schema nullable in 3.0.
    if let Some(Value::Array(values)) = schema.get("enum")
        && values.iter().any(Value::is_null)
        && schema.get("nullable").is_none()
    {
        schema.insert("nullable".to_owned(), Value::Bool(true));
    }
    // Numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) are booleans in 3.0.
    for (bound, exclusive) in [
        ("minimum", "exclusiveMinimum"),
        ("maximum", "exclusiveMaximum"),
    ] {
        if let Some(number @ Value::Number(_)) = schema.get(exclusive).cloned() {
            schema.insert(bound.to_owned(), number);
            schema.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

/// `type: [X, "null"]` -> `type: X, nullable: true`; `type: [X, Y]` -> an
/// `anyOf` of one member per type (see [`type_member`]).
fn type_list(schema: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = schema.get("type") {
        let nullable = types.iter().any(|t| t == "null");
        let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        if rest.len() > 1 && !schema.contains_key("anyOf") {
            schema.remove("type");
            let members = rest.iter().map(|typ| type_member(schema, typ)).collect();
            // Keywords of one type went into its member; the rest apply to all.
            for typ in &rest {
                for key in type_keywords(typ) {
                    schema.remove(*key);
                }
            }
            schema.remove("enum");
            schema.insert("anyOf".to_owned(), Value::Array(members));
            if nullable {
                schema.insert("nullable".to_owned(), Value::Bool(true));
            }
        } else if rest.len() <= 1 {
            match rest.into_iter().next() {
                Some(single) => {
                    schema.insert("type".to_owned(), single);
                }
                None => {
                    schema.remove("type");
                }
            }
            if nullable {
                schema.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
    }
}

/// `anyOf`/`oneOf: [X, {type: null}]` -> X (inline) or `allOf: [X]`, nullable;
/// with several members besides `null`, the union without it, nullable.
fn null_union(schema: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(members)) = schema.get(key) else {
            continue;
        };
        if !members.iter().any(is_null_schema) {
            continue;
        }
        let rest: Vec<Value> = members
            .iter()
            .filter(|m| !is_null_schema(m))
            .cloned()
            .collect();
        schema.insert("nullable".to_owned(), Value::Bool(true));
        if rest.len() == 1 {
            schema.remove(key);
            let only = rest.into_iter().next().unwrap_or(Value::Null);
            match only {
                Value::Object(inline) if !inline.contains_key("$ref") => {
                    for (k, v) in inline {
                        schema.entry(k).or_insert(v);
                    }
                }
                reference => {
                    schema.insert("allOf".to_owned(), Value::Array(vec![reference]));
                }
            }
        } else {
            schema.insert(key.to_owned(), Value::Array(rest));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn downgraded(schema: Value) -> Value {
        let mut document = serde_json::json!({
            "openapi": "3.1.0",
            "components": {"schemas": {"S": schema}}
        });
        downgrade_3_1(&mut document);
        document["components"]["schemas"]["S"].clone()
    }

    #[test]
    fn type_list_with_null_becomes_nullable() {
        let s = downgraded(serde_json::json!({"type": ["string", "null"], "format": "uuid"}));
        assert_eq!(
            s,
            serde_json::json!({"type": "string", "format": "uuid", "nullable": true})
        );
    }

    #[test]
    fn any_of_ref_and_null_becomes_nullable_all_of() {
        let s = downgraded(serde_json::json!({
            "anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}],
            "description": "d"
        }));
        assert_eq!(
            s,
            serde_json::json!({"allOf": [{"$ref": "#/components/schemas/T"}], "nullable": true, "description": "d"})
        );
    }

    #[test]
    fn nested_property_examples_and_const_are_rewritten() {
        let s = downgraded(serde_json::json!({
            "type": "object",
            "properties": {"kind": {"const": "x", "examples": ["x"]}}
        }));
        assert_eq!(
            s["properties"]["kind"],
            serde_json::json!({"enum": ["x"], "example": "x", "type": "string"})
        );
    }

    #[test]
    fn a_type_list_of_several_types_becomes_an_any_of_with_their_keywords() {
        let s = downgraded(serde_json::json!({
            "type": ["integer", "string", "null"],
            "minimum": 1,
            "pattern": "^%",
            "enum": [1, 2, "a"],
            "description": "d"
        }));
        assert_eq!(
            s,
            serde_json::json!({
                "anyOf": [
                    {"type": "integer", "minimum": 1, "enum": [1, 2]},
                    {"type": "string", "pattern": "^%", "enum": ["a"]}
                ],
                "description": "d",
                "nullable": true
            })
        );
    }

    #[test]
    fn a_property_named_const_is_not_a_keyword() {
        let s = downgraded(serde_json::json!({
            "type": "object",
            "properties": {"const": {"type": "string"}}
        }));
        assert_eq!(
            s["properties"]["const"],
            serde_json::json!({"type": "string"})
        );
    }
}
