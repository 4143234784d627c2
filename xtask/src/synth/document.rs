//! The synthetic OpenAPI document of `cargo xtask synth`, of any size, for
//! measuring and testing the generator at the scale of real APIs (a
//! hundred operations and four hundred schemas, or more).
//!
//! The document is made of numbered resources (`Widget0`, `Widget1`, ...),
//! each with the operations of a REST collection and the schemas they use,
//! written with the constructs the generator supports: objects with
//! required, optional and nullable fields, string enums (named and
//! inline), arrays, maps, every supported format, `allOf` wrappers that
//! add a description, `allOf` objects merged into one, unions (`anyOf` of a
//! number and a string-pattern type, and of an enum and a plain string),
//! `const`-like one-value enums, unknown formats, path, query and header
//! parameters, list operations whose pages link to each other, required
//! and optional JSON bodies, `201` and `204` responses, per-status and
//! `5XX` error bodies, and HTTP Basic and Bearer security. The output depends
//! only on the sizes asked for: the same sizes give the same bytes.

use serde_json::{Map, Value, json};

/// How big a document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// The number of operations.
    pub operations: usize,
    /// The number of component schemas; at least [`Size::min_schemas`].
    pub schemas: usize,
}

impl Default for Size {
    /// 100 operations and 400 schemas: about the size of one published
    /// API document of a large provider.
    fn default() -> Self {
        Size {
            operations: 100,
            schemas: 400,
        }
    }
}

/// The synthetic document checked in as a fixture
/// ([`FIXTURE_FILE`]), whose snapshot the snapshot tests compile and run:
/// every construct of the document at a size whose client compiles in a
/// few seconds. The default size is generated (not compiled) by the tests.
pub const FIXTURE: Size = Size {
    operations: 10,
    schemas: 40,
};

/// Where [`FIXTURE`] is kept, relative to the workspace root; written by
/// `cargo xtask synth --operations 10 --schemas 40 -o
/// codegen/tests/fixtures/synthetic.json`.
pub const FIXTURE_FILE: &str = "codegen/tests/fixtures/synthetic.json";

/// The operations of one resource, in turn.
const KINDS: usize = 5;
/// The schemas every resource has: the entity, its id, its state enum, its
/// create and update requests and its page.
const CORE_SCHEMAS: usize = 6;
/// The schemas every document has besides the resources' (error bodies).
const SHARED_SCHEMAS: usize = 3;

impl Size {
    /// The number of resources the operations are spread over.
    pub fn resources(self) -> usize {
        self.operations.div_ceil(KINDS).max(1)
    }

    /// The fewest schemas a document with this many operations can have.
    pub fn min_schemas(self) -> usize {
        self.resources() * CORE_SCHEMAS + SHARED_SCHEMAS
    }
}

/// The name of the entity schema of resource `r`; the keys of its other
/// schemas add `_` and a word (`Widget0_State`, Rust `Widget0State`).
pub fn entity(r: usize) -> String {
    format!("Widget{r}")
}

/// The document, as pretty-printed JSON text with a final newline; `Err`
/// when `size.schemas` is below [`Size::min_schemas`].
pub fn document(size: Size) -> Result<String, String> {
    if size.schemas < size.min_schemas() {
        return Err(format!(
            "{} operations need at least {} schemas ({} resources of {CORE_SCHEMAS}, and \
             {SHARED_SCHEMAS} shared ones); {} were asked for",
            size.operations,
            size.min_schemas(),
            size.resources(),
            size.schemas
        ));
    }
    let resources = size.resources();
    // Parts (nested objects) spread over the resources, in turn.
    let parts = size.schemas - size.min_schemas();
    let parts_of = |r: usize| parts / resources + usize::from(r < parts % resources);

    let mut schemas = Map::new();
    schemas.insert(
        "Problem".to_owned(),
        json!({
            "type": "object",
            "description": "An error, as the API reports it.",
            "required": ["error"],
            "properties": {
                "error": {"type": "string", "description": "What went wrong."},
                "code": {"type": "integer", "format": "int32"}
            }
        }),
    );
    schemas.insert(
        "Invalid".to_owned(),
        json!({
            "type": "object",
            "description": "The request was refused: why, attribute by attribute.",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["message"],
                        "properties": {
                            "attribute": {"type": "string", "nullable": true},
                            "message": {"type": "string"}
                        }
                    }
                }
            }
        }),
    );
    schemas.insert(
        "Variable".to_owned(),
        json!({
            "type": "string",
            "pattern": "^%\\{[a-z_.]+\\}$",
            "description": "A variable that stands for a value until it is used, such as `%{call.volume}`."
        }),
    );
    let mut paths = Map::new();
    for r in 0..resources {
        resource_schemas(r, parts_of(r), &mut schemas);
    }
    for index in 0..size.operations {
        let (r, kind) = (index / KINDS, index % KINDS);
        operation(r, kind, &mut paths);
    }
    let document = json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Synthetic API",
            "version": "1.0.0",
            "description": format!(
                "A synthetic document of {} operations and {} schemas, written by \
                 `cargo xtask synth`.",
                size.operations, size.schemas
            )
        },
        "servers": [{
            "url": "https://{tenant}.api.example.test",
            "variables": {"tenant": {"default": "tenant"}}
        }],
        "security": [{"basic": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic"},
                "bearer": {"type": "http", "scheme": "bearer"}
            }
        }
    });
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// The schemas of resource `r`, with `parts` nested part objects.
fn resource_schemas(r: usize, parts: usize, schemas: &mut Map<String, Value>) {
    let name = entity(r);
    let part = |j: usize| format!("{name}_Part{j}");
    schemas.insert(
        format!("{name}_Id"),
        json!({"type": "string", "format": "uuid", "description": format!("The id of a {name}.")}),
    );
    schemas.insert(
        format!("{name}_State"),
        json!({
            "type": "string",
            "enum": ["active", "paused", "retired-soon", "AES_256_CM"],
            "description": "Where it stands.\n\n- `active`: in use\n- `paused`: kept, not used"
        }),
    );
    let mut properties = json!({
        "id": reference(&format!("{name}_Id")),
        "name": {"type": "string", "description": "A name people read.", "maxLength": 64},
        "state": reference(&format!("{name}_State")),
        "created_at": {"type": "string", "format": "date-time"},
        "size": {"type": "integer", "format": "int32", "minimum": 0},
        "ratio": {"type": "number", "format": "double"},
        "enabled": {"type": "boolean", "default": true},
        "tags": {"type": "array", "items": {"type": "string"}},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "note": {"type": "string", "nullable": true},
        "kind": {"type": "string", "enum": ["alpha", "beta", "gamma-delta"]},
        "valid_from": {"type": "string", "format": "date"},
        "volume": {
            "description": "How loud, or a variable.",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 100, "default": 50},
                reference("Variable")
            ]
        },
        "mode": {
            "description": "A state, or a mode this document does not list.",
            "anyOf": [reference(&format!("{name}_State")), {"type": "string"}]
        },
        "token": {"type": "string", "format": "jwt"},
        "fixed": {"type": "string", "enum": ["v1"]}
    });
    if parts > 0 {
        properties["main_part"] = json!({
            "description": "The part this one is built around.",
            "nullable": true,
            "allOf": [reference(&part(0))]
        });
        properties["parts"] = json!({"type": "array", "items": reference(&part(0))});
    }
    schemas.insert(
        name.clone(),
        json!({
            "type": "object",
            "description": format!("A {name}, as the API returns it."),
            "required": ["id", "name", "state", "created_at"],
            "properties": properties
        }),
    );
    schemas.insert(
        format!("{name}_Create"),
        json!({
            "type": "object",
            "description": format!("A new {name}."),
            "allOf": [
                {
                    "type": "object",
                    "required": ["name", "size"],
                    "properties": {
                        "name": {"type": "string"},
                        "size": {"type": "integer", "format": "int32"}
                    }
                },
                {
                    "type": "object",
                    "properties": {
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "state": reference(&format!("{name}_State"))
                    }
                }
            ]
        }),
    );
    schemas.insert(
        format!("{name}_Update"),
        json!({
            "type": "object",
            "description": format!("Changes to a {name}; fields left out stay as they are."),
            "properties": {
                "name": {"type": "string"},
                "note": {"type": "string", "nullable": true},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "state": reference(&format!("{name}_State"))
            }
        }),
    );
    schemas.insert(
        format!("{name}_Page"),
        json!({
            "type": "object",
            "description": format!("One page of {name}s."),
            "required": ["data", "links"],
            "properties": {
                "data": {"type": "array", "items": reference(&name)},
                "links": {
                    "type": "object",
                    "properties": {
                        "next": {"type": "string", "nullable": true, "format": "uri"}
                    }
                }
            }
        }),
    );
    for j in 0..parts {
        let mut properties = json!({
            "label": {"type": "string"},
            "value": {"type": "integer", "format": "int64"},
            "weight": {"type": "number"},
            "flag": {"type": "boolean", "nullable": true},
            "seen_at": {"type": "string", "format": "date-time"},
            "extra": {"type": "object", "additionalProperties": {"type": "integer"}}
        });
        if j + 1 < parts {
            properties["next"] = reference(&part(j + 1));
            properties["more"] = json!({"type": "array", "items": reference(&part(j + 1))});
        }
        schemas.insert(
            part(j),
            json!({
                "type": "object",
                "description": format!("Part {j} of a {name}."),
                "required": ["label"],
                "properties": properties
            }),
        );
    }
}

fn json_content(schema: Value) -> Value {
    json!({"application/json": {"schema": schema}})
}

/// Operation `kind` (list, create, get, update, delete) of resource `r`.
fn operation(r: usize, kind: usize, paths: &mut Map<String, Value>) {
    let name = entity(r);
    let collection = format!("/widgets{r}");
    let member = format!("/widgets{r}/{{id}}");
    let problem = |description: &str| json!({"description": description, "content": json_content(reference("Problem"))});
    let id = json!({
        "name": "id",
        "in": "path",
        "required": true,
        "description": format!("The {name} to act on."),
        "schema": reference(&format!("{name}_Id"))
    });
    let (path, method, body) = match kind {
        0 => (
            collection,
            "get",
            json!({
                "operationId": format!("list{name}s"),
                "summary": format!("List {name}s"),
                "parameters": [
                    {"name": "page_size", "in": "query", "schema": {"type": "integer", "format": "int32", "minimum": 1}},
                    {"name": "page_token", "in": "query", "schema": {"type": "string"}},
                    {"name": "state", "in": "query", "schema": reference(&format!("{name}_State"))},
                    {"name": "tag", "in": "query", "explode": false, "schema": {"type": "array", "items": {"type": "string"}}},
                    {"name": "X-Request-Tag", "in": "header", "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "A page.", "content": json_content(reference(&format!("{name}_Page")))},
                    "401": problem("Not signed in.")
                }
            }),
        ),
        1 => (
            collection,
            "post",
            json!({
                "operationId": format!("create{name}"),
                "summary": format!("Create a {name}"),
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": json_content(reference(&format!("{name}_Create")))},
                "responses": {
                    "201": {"description": "Created.", "content": json_content(reference(&name))},
                    "422": {"description": "Refused.", "content": json_content(reference("Invalid"))},
                    "500": problem("It broke.")
                }
            }),
        ),
        2 => (
            member,
            "get",
            json!({
                "operationId": format!("get{name}"),
                "summary": format!("Get a {name}"),
                "parameters": [id],
                "responses": {
                    "200": {"description": "Found.", "content": json_content(reference(&name))},
                    "404": problem("No such one.")
                }
            }),
        ),
        3 => (
            member,
            "put",
            json!({
                "operationId": format!("update{name}"),
                "summary": format!("Update a {name}"),
                "parameters": [id],
                "requestBody": {"content": json_content(reference(&format!("{name}_Update")))},
                "responses": {
                    "200": {"description": "Updated.", "content": json_content(reference(&name))},
                    "404": problem("No such one."),
                    "422": {"description": "Refused.", "content": json_content(reference("Invalid"))}
                }
            }),
        ),
        _ => (
            format!("/widgets{r}/{{id}}/states/{{state}}"),
            "delete",
            json!({
                "operationId": format!("leave{name}State"),
                "summary": format!("Take a {name} out of a state"),
                "parameters": [
                    id,
                    {"name": "state", "in": "path", "required": true, "schema": reference(&format!("{name}_State"))}
                ],
                "responses": {
                    "204": {"description": "Done."},
                    "404": {"description": "No such one."},
                    "5XX": problem("It broke.")
                }
            }),
        ),
    };
    let item = paths
        .entry(path)
        .or_insert_with(|| Value::Object(Map::new()));
    item[method] = body;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_exact_and_the_output_is_deterministic() {
        let size = Size {
            operations: 12,
            schemas: 30,
        };
        let text = document(size).unwrap();
        assert_eq!(text, document(size).unwrap());
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["components"]["schemas"].as_object().unwrap().len(),
            30
        );
        let operations: usize = value["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(operations, 12);
    }

    #[test]
    fn the_fixture_is_the_synthetic_document_of_its_size() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(FIXTURE_FILE);
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == document(FIXTURE).unwrap(),
            "{FIXTURE_FILE} is not the synthetic document of {} operations and {} schemas; \
             write it again with `cargo xtask synth --operations {} --schemas {} -o {FIXTURE_FILE}` \
             and then `cargo xtask codegen`",
            FIXTURE.operations,
            FIXTURE.schemas,
            FIXTURE.operations,
            FIXTURE.schemas,
        );
    }

    /// The default size (100 operations, 400 schemas) lowers completely:
    /// every operation becomes a method and every component schema a type
    /// of its own (inline enums and objects add more).
    #[test]
    fn every_operation_and_schema_of_the_default_size_becomes_rust() {
        let size = Size::default();
        let text = document(size).unwrap();
        let api = codegen::lower_text(&text).expect("the synthetic document lowers");
        assert_eq!(api.operations.len(), size.operations);
        let component_types = api
            .types
            .iter()
            .filter(|t| {
                let tokens: Vec<String> = api.locations[t.name()].tokens().collect();
                tokens.len() == 3 && tokens[..2] == ["components", "schemas"]
            })
            .count();
        assert_eq!(component_types, size.schemas, "a schema was not generated");
        codegen::generate("synthetic.json", &text).expect("the synthetic document generates");
    }

    #[test]
    fn too_few_schemas_for_the_operations_is_refused() {
        let size = Size {
            operations: 10,
            schemas: 14,
        };
        assert_eq!(size.min_schemas(), 15);
        assert_eq!(
            document(size).unwrap_err(),
            "10 operations need at least 15 schemas (2 resources of 6, and 3 shared ones); \
             14 were asked for"
        );
    }
}
