//! What OpenAPI leaves implicit, written out so that lowering sees one shape: the children of a `discriminator` parent, and the `type` of union members.

use serde_json::{Map, Value};

/// The extension that marks a `oneOf` written out by
/// [`discriminator_children`] (it is not in the document, so lowering
/// places each member at the child schema it names, not inside the
/// parent).
pub const IMPLICIT_UNION: &str = "x-codegen-implicit-union";

/// A component schema with a `discriminator` and no `oneOf`/`anyOf` stands,
/// where it is used, for any of the schemas that merge it through `allOf`
/// (OpenAPI's implicit form of a tagged union). Each such parent gets the
/// explicit `oneOf` of those children, in document order; the children
/// keep merging it, and its `mapping` (or, for an unmapped child, the
/// child's schema name) still gives the tags.
pub(super) fn discriminator_children(document: &mut Value) {
    let Some(Value::Object(schemas)) = document
        .pointer_mut("/components/schemas")
        .map(|schemas| &mut *schemas)
    else {
        return;
    };
    let parents: Vec<String> = schemas
        .iter()
        .filter(|(_, schema)| {
            schema.get("discriminator").is_some()
                && schema.get("oneOf").is_none()
                && schema.get("anyOf").is_none()
        })
        .map(|(key, _)| key.clone())
        .collect();
    for parent in parents {
        let reference = schema_reference(&parent);
        let children: Vec<Value> = schemas
            .iter()
            .filter(|(key, schema)| **key != parent && merges(schema, &reference))
            .map(|(key, _)| {
                Value::from_iter([("$ref".to_owned(), Value::from(schema_reference(key)))])
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        if let Some(Value::Object(schema)) = schemas.get_mut(&parent) {
            schema.insert("oneOf".to_owned(), Value::Array(children));
            schema.insert(IMPLICIT_UNION.to_owned(), Value::Bool(true));
        }
    }
}

/// The `$ref` of the component schema `key` (escaped as a JSON pointer).
fn schema_reference(key: &str) -> String {
    format!(
        "#/components/schemas/{}",
        key.replace('~', "~0").replace('/', "~1")
    )
}

/// Whether `schema` lists `reference` among its `allOf` members.
fn merges(schema: &Value, reference: &str) -> bool {
    schema
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|members| {
            members
                .iter()
                .any(|member| member.get("$ref").and_then(Value::as_str) == Some(reference))
        })
}

/// A `oneOf`/`anyOf` member that declares no `type`, and is neither a
/// `$ref` nor a composition of its own, takes the scalar `type` (string,
/// number, integer, boolean) of the schema that holds the union
/// (`{type: string, anyOf: [{enum: [a, b]}, {pattern: ...}]}` is a union
/// of strings): JSON Schema applies both to the same value. The members of
/// an object's union are left alone: there, a member such as
/// `{required: [phone]}` only constrains the object.
pub(super) fn inherit_member_type(schema: &mut Map<String, Value>) {
    let Some(Value::String(typ)) = schema.get("type").cloned() else {
        return;
    };
    if !matches!(typ.as_str(), "string" | "number" | "integer" | "boolean") {
        return;
    }
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get_mut(keyword) else {
            continue;
        };
        for member in members.iter_mut().filter_map(Value::as_object_mut) {
            let composed = ["$ref", "type", "allOf", "oneOf", "anyOf", "not"]
                .iter()
                .any(|key| member.contains_key(*key));
            if !composed {
                member.insert("type".to_owned(), Value::String(typ.clone()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::walk::for_each_schema;
    use super::*;

    #[test]
    fn a_discriminator_parent_gets_the_one_of_of_its_children() {
        let mut document = json!({"components": {"schemas": {
            "Detect": {"type": "object", "discriminator": {"propertyName": "type"}},
            "Digit": {"allOf": [{"$ref": "#/components/schemas/Detect"}]},
            "Other": {"type": "object"},
            "a/b": {"allOf": [{"$ref": "#/components/schemas/Detect"}, {"type": "object"}]},
            "Tagged": {"discriminator": {"propertyName": "t"}, "oneOf": [{"$ref": "#/components/schemas/Other"}]},
            "Lonely": {"discriminator": {"propertyName": "t"}},
        }}});
        discriminator_children(&mut document);
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["Detect"]["oneOf"],
            json!([{"$ref": "#/components/schemas/Digit"}, {"$ref": "#/components/schemas/a~1b"}])
        );
        assert_eq!(schemas["Detect"][IMPLICIT_UNION], json!(true));
        // An explicit union, or a parent without children, is left as it is.
        assert_eq!(
            schemas["Tagged"]["oneOf"],
            json!([{"$ref": "#/components/schemas/Other"}])
        );
        assert!(schemas["Tagged"].get(IMPLICIT_UNION).is_none());
        assert!(schemas["Lonely"].get("oneOf").is_none());
    }

    #[test]
    fn union_members_without_a_type_take_the_holders() {
        let mut document = json!({"components": {"schemas": {"Variable": {
            "type": "string",
            "anyOf": [
                {"enum": ["a", "b"]},
                {"pattern": "^%"},
                {"$ref": "#/components/schemas/X"},
                {"type": "integer"},
            ],
        }}}});
        for_each_schema(&mut document, &mut inherit_member_type);
        assert_eq!(
            document["components"]["schemas"]["Variable"]["anyOf"],
            json!([
                {"enum": ["a", "b"], "type": "string"},
                {"pattern": "^%", "type": "string"},
                {"$ref": "#/components/schemas/X"},
                {"type": "integer"},
            ])
        );
    }
}
