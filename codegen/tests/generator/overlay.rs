//! Overlays (`codegen::overlay`): what applying one does to a document, and
//! the exact errors of an overlay that does not fit it.

use codegen::overlay::{ActionKind, Overlay};
use serde_json::{Value, json};

/// An overlay document of these actions (YAML, indented as list items).
fn overlay(actions: &str) -> String {
    format!("overlay: 1.0.0\ninfo: {{title: Fixes, version: 1.0.0}}\nactions:\n{actions}")
}

fn parse(actions: &str) -> Overlay {
    Overlay::parse(&overlay(actions)).unwrap_or_else(|errors| panic!("{errors}"))
}

/// The errors of parsing the overlay, one line each.
fn parse_errors(text: &str) -> Vec<String> {
    match Overlay::parse(text) {
        Ok(_) => panic!("the overlay parsed"),
        Err(errors) => errors.as_slice().iter().map(ToString::to_string).collect(),
    }
}

/// Applies the actions to the document: the result and the pointers each
/// action touched.
fn apply(actions: &str, document: Value) -> (Value, Vec<Vec<String>>) {
    let mut document = document;
    let applied = parse(actions)
        .apply(&mut document)
        .unwrap_or_else(|errors| panic!("{errors}"));
    let touched = applied
        .touched()
        .iter()
        .map(|pointers| pointers.iter().map(|p| p.as_str().to_owned()).collect())
        .collect();
    (document, touched)
}

/// The errors of applying the actions, one line each, after checking that
/// the document was left as it was.
fn apply_errors(actions: &str, document: Value) -> Vec<String> {
    let mut changed = document.clone();
    let errors = parse(actions)
        .apply(&mut changed)
        .expect_err("the overlay applied");
    assert_eq!(changed, document, "a failed overlay changed the document");
    errors.as_slice().iter().map(ToString::to_string).collect()
}

/// Keys of an object, in order.
fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn petstore() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "listPets",
                    "parameters": [
                        {"name": "limit", "in": "query"},
                        {"name": "offset", "in": "query"},
                        {"name": "debug", "in": "query"},
                        {"name": "trace", "in": "query"}
                    ],
                    "responses": {"200": {"description": "ok"}}
                },
                "post": {
                    "operationId": "createPet",
                    "responses": {"201": {"description": "created"}}
                }
            },
            "/pets/{id}": {
                "get": {
                    "operationId": "getPet",
                    "responses": {"200": {"description": "ok"}}
                }
            }
        }
    })
}

// ----- what an action does -----

#[test]
fn merge_into_an_object_keeps_the_key_order_and_adds_new_keys_last() {
    let (document, touched) = apply(
        "  - target: $.info\n    description: Our own title.\n    \
         update: {description: Added, title: Pet Store, x-note: n}\n",
        petstore(),
    );
    assert_eq!(
        keys(&document["info"]),
        ["title", "version", "description", "x-note"]
    );
    assert_eq!(
        document["info"],
        json!({"title": "Pet Store", "version": "1", "description": "Added", "x-note": "n"})
    );
    assert_eq!(keys(&document), ["openapi", "info", "paths"]);
    assert_eq!(touched, [["#/info"]]);
}

#[test]
fn nested_objects_are_merged_and_other_values_replaced() {
    let (document, touched) = apply(
        "  - target: $.paths['/pets'].get\n    description: Name and document the 200.\n    \
         update:\n      responses:\n        '200': {content: {application/json: {}}}\n        \
         default: {description: error}\n      parameters: []\n",
        petstore(),
    );
    let get = &document["paths"]["/pets"]["get"];
    assert_eq!(keys(get), ["operationId", "parameters", "responses"]);
    assert_eq!(get["parameters"], json!([]));
    assert_eq!(
        get["responses"],
        json!({
            "200": {"description": "ok", "content": {"application/json": {}}},
            "default": {"description": "error"}
        })
    );
    assert_eq!(keys(&get["responses"]["200"]), ["description", "content"]);
    assert_eq!(touched, [["#/paths/~1pets/get"]]);
}

#[test]
fn update_of_an_array_appends_one_element() {
    let (document, touched) = apply(
        "  - target: $.paths['/pets'].get.parameters\n    description: Upstream lacks `sort`.\n    \
         update: {name: sort, in: query}\n  \
         - target: $.paths['/pets'].get.parameters\n    description: A nested list stays one element.\n    \
         update: [1, 2]\n",
        petstore(),
    );
    let parameters = document["paths"]["/pets"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert_eq!(parameters.len(), 6);
    assert_eq!(parameters[4], json!({"name": "sort", "in": "query"}));
    assert_eq!(parameters[5], json!([1, 2]));
    assert_eq!(
        touched,
        [
            ["#/paths/~1pets/get/parameters"],
            ["#/paths/~1pets/get/parameters"]
        ]
    );
}

#[test]
fn remove_an_object_key_keeps_the_order_of_the_others() {
    let (document, touched) = apply(
        "  - target: $.paths['/pets'].get.operationId\n    description: Drop it.\n    remove: true\n",
        petstore(),
    );
    assert_eq!(
        keys(&document["paths"]["/pets"]["get"]),
        ["parameters", "responses"]
    );
    assert_eq!(touched, [["#/paths/~1pets/get/operationId"]]);
}

#[test]
fn remove_several_elements_of_one_array() {
    let (document, touched) = apply(
        "  - target: $.paths['/pets'].get.parameters[?@.name == 'offset' || @.name == 'trace']\n    \
         description: Internal parameters.\n    remove: true\n",
        petstore(),
    );
    assert_eq!(
        document["paths"]["/pets"]["get"]["parameters"],
        json!([{"name": "limit", "in": "query"}, {"name": "debug", "in": "query"}])
    );
    assert_eq!(
        touched,
        [[
            "#/paths/~1pets/get/parameters/1",
            "#/paths/~1pets/get/parameters/3"
        ]]
    );
}

#[test]
fn filter_expressions_select_operations() {
    let (document, touched) = apply(
        "  - target: \"$.paths[*][?@.operationId == 'getPet']\"\n    description: Tag it.\n    \
         update: {tags: [pets]}\n  \
         - target: \"$.paths[*][?@.operationId == 'createPet']\"\n    description: Not offered.\n    \
         remove: true\n",
        petstore(),
    );
    assert_eq!(
        document["paths"]["/pets/{id}"]["get"]["tags"],
        json!(["pets"])
    );
    assert_eq!(keys(&document["paths"]["/pets"]), ["get"]);
    assert_eq!(
        touched,
        [["#/paths/~1pets~1{id}/get"], ["#/paths/~1pets/post"]]
    );
}

#[test]
fn actions_run_in_order_on_the_result_of_the_ones_before() {
    let (document, touched) = apply(
        "  - target: $.info\n    description: Add a summary.\n    update: {summary: s}\n  \
         - target: $.info.summary\n    description: And take it away again.\n    remove: true\n",
        petstore(),
    );
    assert_eq!(document, petstore());
    assert_eq!(touched, [["#/info"], ["#/info/summary"]]);
}

#[test]
fn a_match_already_up_to_date_is_left_and_not_reported() {
    let (document, touched) = apply(
        "  - target: $.paths.*.get.responses['200']\n    description: Say what ok means.\n    \
         update: {description: ok}\n  \
         - target: $.paths.*.get\n    description: Everything is a pet.\n    \
         update: {tags: [pets]}\n",
        json!({"paths": {
            "/a": {"get": {"responses": {"200": {"description": "ok"}}}},
            "/b": {"get": {"responses": {"200": {"description": "fine"}}}, "tags": []}
        }}),
    );
    assert_eq!(
        document["paths"]["/b"]["get"]["responses"]["200"]["description"],
        "ok"
    );
    assert_eq!(
        touched,
        [
            vec!["#/paths/~1b/get/responses/200"],
            vec!["#/paths/~1a/get", "#/paths/~1b/get"]
        ]
    );
}

#[test]
fn applying_is_deterministic() {
    let actions = "  - target: $..parameters[?@.in == 'query']\n    description: Mark them.\n    \
                   update: {x-query: true}\n  \
                   - target: $.paths.*.*.responses\n    description: Errors.\n    \
                   update: {default: {description: error}}\n";
    let first = apply(actions, petstore());
    for _ in 0..5 {
        let again = apply(actions, petstore());
        assert_eq!(again, first);
        assert_eq!(
            serde_json::to_string(&again.0).unwrap(),
            serde_json::to_string(&first.0).unwrap()
        );
    }
}

#[test]
fn the_parsed_overlay_is_readable() {
    let overlay = Overlay::parse(
        "overlay: 1.0.2\ninfo: {title: Fixes, version: '3', x-owner: me}\n\
         extends: https://example.com/api.yaml\nx-tool: any\nactions:\n  \
         - target: $.info\n    description: |\n      Why, first line.\n      More.\n    \
         update: {x-a: 1}\n    x-ticket: 12\n  \
         - target: $.info['x-a']\n    description: Why not.\n    remove: true\n",
    )
    .unwrap();
    assert_eq!(overlay.version(), "1.0.2");
    assert_eq!(overlay.info().title(), "Fixes");
    assert_eq!(overlay.info().version(), "3");
    assert_eq!(overlay.extends(), Some("https://example.com/api.yaml"));
    let actions = overlay.actions();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].pointer().as_str(), "#/actions/0");
    assert_eq!(actions[0].target(), "$.info");
    assert_eq!(actions[0].description(), "Why, first line.\nMore.\n");
    assert_eq!(actions[0].kind(), &ActionKind::Update(json!({"x-a": 1})));
    assert_eq!(actions[1].kind(), &ActionKind::Remove);
}

#[test]
fn json_overlays_are_read_too() {
    let overlay = Overlay::parse(
        r#"{"overlay": "1.0.0", "info": {"title": "t", "version": "v"},
            "actions": [{"target": "$.info", "description": "d", "update": {"x": 1}}]}"#,
    )
    .unwrap();
    let mut document = json!({"info": {}});
    overlay.apply(&mut document).unwrap();
    assert_eq!(document, json!({"info": {"x": 1}}));
}

// ----- loud failures when applying -----

#[test]
fn a_target_that_matches_nothing() {
    assert_eq!(
        apply_errors(
            "  - target: $.paths['/cats'].get\n    description: |\n      Cats need an id.\n      \
             See #4.\n    update: {operationId: listCats}\n",
            petstore(),
        ),
        [
            "overlay #/actions/0 (\"Cats need an id.\", target `$.paths['/cats'].get`): \
             matches nothing in the document"
        ]
    );
}

#[test]
fn an_update_the_document_already_has_is_stale() {
    assert_eq!(
        apply_errors(
            "  - target: $.paths.*.get\n    description: Upstream lacked the id.\n    \
             update: {responses: {'200': {description: ok}}}\n",
            petstore(),
        ),
        [
            "overlay #/actions/0 (\"Upstream lacked the id.\", target `$.paths.*.get`): \
             stale: the document already has this; remove the action"
        ]
    );
    assert_eq!(
        apply_errors(
            "  - target: $.paths['/pets'].get.parameters\n    description: Add limit.\n    \
             update: {name: limit, in: query}\n",
            petstore(),
        ),
        [
            "overlay #/actions/0 (\"Add limit.\", target `$.paths['/pets'].get.parameters`): \
             stale: the document already has this; remove the action"
        ]
    );
}

#[test]
fn updates_that_do_not_fit_the_node() {
    assert_eq!(
        apply_errors(
            "  - target: $.info.title\n    description: Rename.\n    update: Cats\n  \
             - target: $.info\n    description: Rename.\n    update: Cats\n",
            petstore(),
        ),
        [
            "overlay #/actions/0 (\"Rename.\", target `$.info.title`): cannot update \
             `#/info/title`, a string: only an object (merged into) or an array (appended to) \
             can be updated",
            "overlay #/actions/1 (\"Rename.\", target `$.info`): cannot update `#/info`, an \
             object, with a string: an object is updated by merging an object into it"
        ]
    );
}

#[test]
fn removing_the_root() {
    assert_eq!(
        apply_errors(
            "  - target: $\n    description: All of it.\n    remove: true\n",
            petstore()
        ),
        [
            "overlay #/actions/0 (\"All of it.\", target `$`): cannot remove the document root \
             (the target matches `$`)"
        ]
    );
}

#[test]
fn every_failed_action_is_reported_and_the_document_is_unchanged() {
    let errors = apply_errors(
        "  - target: $.info\n    description: Fine on its own.\n    update: {summary: s}\n  \
         - target: $.servers\n    description: Point at staging.\n    update: {url: x}\n  \
         - target: $.paths['/pets'].get.parameters[0]\n    description: Drop limit.\n    \
         remove: true\n  \
         - target: $.info.version\n    description: Pin it.\n    update: {a: 1}\n",
        petstore(),
    );
    assert_eq!(
        errors,
        [
            "overlay #/actions/1 (\"Point at staging.\", target `$.servers`): matches nothing \
             in the document",
            "overlay #/actions/3 (\"Pin it.\", target `$.info.version`): cannot update \
             `#/info/version`, a string: only an object (merged into) or an array (appended \
             to) can be updated"
        ]
    );
}

#[test]
fn the_errors_are_located_in_the_overlay() {
    let mut document = petstore();
    let errors = parse("  - target: $.nothing\n    description: d\n    remove: true\n")
        .apply(&mut document)
        .unwrap_err();
    assert_eq!(errors.as_slice()[0].pointer().as_str(), "#/actions/0");
}

// ----- overlays that are not right -----

#[test]
fn a_bad_jsonpath() {
    assert_eq!(
        parse_errors(&overlay(
            "  - target: $.paths[?@.x ==]\n    description: Broken.\n    remove: true\n"
        )),
        [
            "overlay #/actions/0/target (\"Broken.\", target `$.paths[?@.x ==]`): `target` is \
             not a valid JSONPath: at position 13, in long-hand segment, expected closing ']'"
        ]
    );
}

#[test]
fn a_missing_or_blank_description() {
    assert_eq!(
        parse_errors(&overlay(
            "  - target: $.info\n    update: {x: 1}\n  \
             - target: $.info\n    description: \"  \"\n    update: {x: 1}\n"
        )),
        [
            "overlay #/actions/0 (target `$.info`): missing `description`: every action must \
             say why it changes the document",
            "overlay #/actions/1/description (target `$.info`): `description` is blank: every action must \
             say why it changes the document"
        ]
    );
}

#[test]
fn both_update_and_remove_or_neither() {
    assert_eq!(
        parse_errors(&overlay(
            "  - target: $.info\n    description: Both.\n    update: {x: 1}\n    remove: true\n  \
             - target: $.info\n    description: Neither.\n  \
             - target: $.info\n    description: Off.\n    remove: false\n  \
             - target: $.info\n    description: Yes.\n    remove: 'yes'\n"
        )),
        [
            "overlay #/actions/0 (\"Both.\", target `$.info`): both `update` and `remove: \
             true`: an action does one of the two",
            "overlay #/actions/1 (\"Neither.\", target `$.info`): neither `update` nor \
             `remove: true`: an action does one of the two",
            "overlay #/actions/2 (\"Off.\", target `$.info`): `remove: false` and no \
             `update`: the action does nothing",
            "overlay #/actions/3/remove (\"Yes.\", target `$.info`): `remove` must be a \
             boolean, not a string"
        ]
    );
}

#[test]
fn remove_false_with_an_update_is_an_update() {
    let overlay =
        parse("  - target: $.info\n    description: d\n    update: {x: 1}\n    remove: false\n");
    assert_eq!(
        overlay.actions()[0].kind(),
        &ActionKind::Update(json!({"x": 1}))
    );
}

#[test]
fn a_wrong_overlay_version() {
    assert_eq!(
        parse_errors(
            "overlay: 1.1.0\ninfo: {title: t, version: v}\nactions:\n  \
             - {target: $, description: d, update: {}}\n"
        ),
        ["overlay #/overlay: Overlay Specification version `1.1.0` is not supported (1.0.x is)"]
    );
    assert_eq!(
        parse_errors(
            "overlay: 1.0\ninfo: {title: t, version: v}\nactions:\n  \
             - {target: $, description: d, update: {}}\n"
        ),
        ["overlay #/overlay: `overlay` must be a string, not a number"]
    );
}

#[test]
fn unknown_fields_and_missing_parts() {
    assert_eq!(
        parse_errors(
            "overlay: 1.0.0\nversion: 2\ninfo: {title: t, owner: me}\nactions:\n  \
             - {target: $, description: d, update: {}, updates: {}, x-ok: 1}\n  - just text\n"
        ),
        [
            "overlay #/version: unknown field `version` (an overlay has `overlay`, `info`, \
             `extends` and `actions`, and `x-` extensions)",
            "overlay #/info/owner: unknown field `owner` (`info` has `title` and `version`, \
             and `x-` extensions)",
            "overlay #/info: missing `version`",
            "overlay #/actions/0/updates (\"d\", target `$`): unknown field `updates` (an \
             action has `target`, `description`, `update` and `remove`, and `x-` extensions)",
            "overlay #/actions/1: an action must be an object, not a string"
        ]
    );
    assert_eq!(
        parse_errors("info: {title: t, version: v}\nactions: []\n"),
        [
            "overlay #: missing `overlay` (the Overlay Specification version, `1.0.0`)",
            "overlay #/actions: `actions` is empty: an overlay lists at least one action"
        ]
    );
    assert_eq!(
        parse_errors("- a list\n"),
        [
            "overlay #: an overlay document is an object with `overlay`, `info` and \
             `actions`, not an array"
        ]
    );
}

#[test]
fn a_key_listed_twice_is_refused() {
    let errors = parse_errors(&overlay(
        "  - target: $.info\n    description: d\n    description: e\n    remove: true\n",
    ));
    assert_eq!(
        errors,
        [
            "overlay #: not valid YAML or JSON: actions[0]: the key `description` appears twice \
             in one mapping at line 4 column 5"
        ]
    );
}

#[test]
fn a_jsonpath_outside_rfc_9535() {
    // RFC 9535 shorthand names have no `-`: `x-` extensions need brackets.
    assert_eq!(
        parse_errors(&overlay(
            "  - target: $.info.x-logo\n    description: No logo.\n    remove: true\n"
        )),
        [
            "overlay #/actions/0/target (\"No logo.\", target `$.info.x-logo`): `target` is \
             not a valid JSONPath: at position 8, parser error (a name with a `-` needs \
             brackets: `$.info['x-logo']`, not `$.info.x-logo`)"
        ]
    );
}
