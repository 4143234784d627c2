//! Stage 1, load: document text -> `openapiv3::OpenAPI`. The only stage that sees YAML; OpenAPI 3.1 is brought to the 3.0 shape here.

use serde_json::{Map, Value};

use crate::error::{Error, Errors, Pointer};

/// Parses YAML or JSON text into an OpenAPI 3.0 model, rewriting the 3.1
/// constructs later stages do not know.
pub fn load(text: &str) -> Result<openapiv3::OpenAPI, Errors> {
    let Strict(mut value) = yaml_serde::from_str(text).map_err(|error| Error::Syntax {
        pointer: Pointer::root(),
        message: error.to_string(),
    })?;
    let version = match value.get("openapi") {
        Some(Value::String(version)) => version.clone(),
        Some(_) => return Err(invalid(Pointer::root().push("openapi"), "must be a string").into()),
        None => {
            return Err(invalid(
                Pointer::root(),
                "missing the `openapi` version field (Swagger 2.0 documents are not supported)",
            )
            .into());
        }
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

/// The keys of `paths` and of its path items that the model would drop
/// without a word: a path that does not start with `/`, and a key of a path
/// item that OpenAPI does not define (`gett`), each a lost operation.
fn unread_paths(document: &Value) -> Vec<Error> {
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

/// A JSON value read from YAML or JSON text in which no object lists a
/// key twice: a parser that kept the last of two `Thing` schemas would
/// silently drop the first.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML or JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        // As `serde_json::Value` reads them: no JSON number for NaN or infinity.
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(deserializer).map(|Strict(value)| value)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{key}` appears twice in one mapping"
                )));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn model_error(error: serde_path_to_error::Error<serde_json::Error>, base: &Pointer) -> Error {
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

fn diagnose(document: &Value, errors: &mut Vec<Error>) {
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

fn invalid(pointer: Pointer, message: &str) -> Error {
    Error::Invalid {
        pointer,
        message: message.to_owned(),
    }
}

/// Rewrites an OpenAPI 3.1 document in place into the 3.0 shape: `type`
/// lists and `anyOf`/`oneOf` unions with `null` become `nullable` (a list of
/// several other types an `anyOf` of one member per type),
/// `examples` lists become `example`, `const` becomes a one-value `enum`.
fn downgrade_3_1(document: &mut Value) {
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

/// Calls `visit` on every schema object of the document: component schemas
/// and those of parameters, headers, request bodies and responses, and,
/// depth first, every schema nested in them.
fn for_each_schema(document: &mut Value, visit: &mut dyn FnMut(&mut Map<String, Value>)) {
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
fn const_to_enum(schema: &mut Map<String, Value>) {
    if let Some(constant) = schema.remove("const") {
        if constant.is_string() && !schema.contains_key("type") {
            schema.insert("type".to_owned(), Value::String("string".to_owned()));
        }
        schema.insert("enum".to_owned(), Value::Array(vec![constant]));
    }
}

fn downgrade_schema(schema: &mut Map<String, Value>) {
    // `type: [X, "null"]` -> `type: X, nullable: true`; `type: [X, Y]` -> `anyOf`
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
    // `anyOf`/`oneOf: [X, {type: null}]` -> X (inline) or `allOf: [X]`, nullable
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
