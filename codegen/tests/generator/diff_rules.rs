//! Each rule of the differ on the smallest edit of a document that needs it:
//! the diff of the two lowered documents holds exactly the changes listed,
//! so a rule that stops firing, or fires as another, fails here. (The rules
//! also asserted through `cargo xtask diff` are in `xtask/tests/tasks/diff.rs`.)

use codegen::diff::{Change, Classification, diff};

use Classification::{Breaking, Compatible, DocsOnly};

/// The old side of every pair: a server, a struct with an optional nullable
/// field, an enum with a default, and one operation with a path parameter,
/// a body and an error status.
const BASE: &str = r##"openapi: 3.0.3
info:
  title: Fixture
  version: 1.0.0
servers:
  - url: https://api.example.com
paths:
  /things/{id}:
    put:
      operationId: update_thing
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Thing'
      responses:
        '200':
          description: The updated thing.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
        '404':
          description: No such thing.
components:
  schemas:
    Thing:
      type: object
      description: A thing.
      required:
        - id
      properties:
        id:
          type: string
          description: The ID.
        note:
          type: string
          nullable: true
          description: A note.
        color:
          $ref: '#/components/schemas/Color'
    Color:
      type: string
      description: A color.
      default: red
      enum:
        - red
        - green
"##;

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` is not in the text once"
    );
    text.replacen(from, to, 1)
}

fn changes(old: &str, new: &str) -> Vec<Change> {
    let lower = |text: &str| match codegen::lower_text(text) {
        Ok(api) => api,
        Err(errors) => panic!("{errors}"),
    };
    diff(&lower(old), &lower(new))
}

/// Asserts that the diff from `old` to `new` is exactly `expected`: each
/// change as its rule id, classification and Rust item, in the diff's order.
fn assert_diff(old: &str, new: &str, expected: &[(&str, Classification, &str)]) {
    let changes = changes(old, new);
    let found: Vec<(&str, Classification, &str)> = changes
        .iter()
        .map(|c| (c.rule.id(), c.classification(), c.item.as_str()))
        .collect();
    assert_eq!(found, expected, "{changes:#?}");
}

#[test]
fn a_new_server_url_is_compatible() {
    let new = edit(BASE, "https://api.example.com", "https://api2.example.com");
    assert_diff(BASE, &new, &[("server-changed", Compatible, "Client::new")]);
}

#[test]
fn another_http_method_or_path_is_compatible() {
    let new = edit(BASE, "    put:\n", "    patch:\n");
    assert_diff(
        BASE,
        &new,
        &[
            ("request-changed", Compatible, "Client::update_thing"),
            // The method's docs show its request.
            ("docs-changed", DocsOnly, "Client::update_thing"),
        ],
    );
}

#[test]
fn another_success_status_is_compatible() {
    let new = edit(BASE, "        '200':\n", "        '201':\n");
    assert_diff(
        BASE,
        &new,
        &[(
            "success-status-changed",
            Compatible,
            "Client::update_thing -> Ok",
        )],
    );
}

#[test]
fn a_renamed_path_parameter_is_compatible() {
    let new = edit(
        &edit(BASE, "  /things/{id}:\n", "  /things/{thing_id}:\n"),
        "        - name: id\n",
        "        - name: thing_id\n",
    );
    assert_diff(
        BASE,
        &new,
        &[
            ("request-changed", Compatible, "Client::update_thing"),
            (
                "parameter-renamed",
                Compatible,
                "Client::update_thing(thing_id)",
            ),
            ("docs-changed", DocsOnly, "Client::update_thing"),
            ("docs-changed", DocsOnly, "Client::update_thing(thing_id)"),
        ],
    );
}

#[test]
fn a_removed_path_parameter_breaks() {
    let new = edit(
        &edit(BASE, "  /things/{id}:\n", "  /things:\n"),
        "      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n",
        "",
    );
    assert_diff(
        BASE,
        &new,
        &[
            ("parameter-removed", Breaking, "Client::update_thing(id)"),
            ("request-changed", Compatible, "Client::update_thing"),
            ("docs-changed", DocsOnly, "Client::update_thing"),
        ],
    );
}

#[test]
fn a_request_body_that_becomes_optional_breaks() {
    let new = edit(
        BASE,
        "      requestBody:\n        required: true\n",
        "      requestBody:\n        required: false\n",
    );
    assert_diff(
        BASE,
        &new,
        &[(
            "parameter-now-optional",
            Breaking,
            "Client::update_thing(body)",
        )],
    );
}

#[test]
fn a_new_schema_is_a_new_type() {
    let new = format!("{BASE}    Shade:\n      type: string\n      description: A shade.\n");
    assert_diff(BASE, &new, &[("type-added", Compatible, "Shade")]);
}

#[test]
fn a_property_renamed_on_the_wire_only_breaks() {
    let new = edit(BASE, "        note:\n", "        Note:\n");
    assert_diff(
        BASE,
        &new,
        &[("wire-name-changed", Breaking, "Thing::note")],
    );
}

#[test]
fn an_enum_value_renamed_on_the_wire_only_breaks() {
    let new = edit(BASE, "        - green\n", "        - GREEN\n");
    assert_diff(
        BASE,
        &new,
        &[
            // The variant's docs show the value as sent, but the runtime's
            // `open_enum!` writes that line: the change is this one, once.
            ("wire-name-changed", Breaking, "Color::Green"),
        ],
    );
}

#[test]
fn a_renamed_clearer_breaks() {
    // A new field takes the name of the clearer of `note`.
    let new = edit(
        BASE,
        "        color:\n",
        "        clear_note:\n          type: boolean\n          description: Whether to clear.\n        color:\n",
    );
    assert_diff(
        BASE,
        &new,
        &[
            ("method-renamed", Breaking, "Thing::note"),
            ("optional-field-added", Compatible, "Thing::clear_note"),
        ],
    );
}

#[test]
fn a_renamed_catch_all_variant_breaks() {
    // A listed value takes the catch-all's name.
    let new = edit(
        BASE,
        "        - green\n",
        "        - green\n        - unknown\n",
    );
    assert_diff(
        BASE,
        &new,
        &[
            ("catch-all-renamed", Breaking, "Color::Unlisted"),
            // The enum's docs name its catch-all, in the line the runtime's
            // `open_enum!` writes: not a change of the document's docs.
            ("enum-value-added", Compatible, "Color::Unknown"),
        ],
    );
}

#[test]
fn an_added_default_is_compatible() {
    let old = edit(BASE, "      default: red\n", "");
    assert_diff(
        &old,
        BASE,
        &[("default-added", Compatible, "Color::default")],
    );
}

#[test]
fn a_removed_default_breaks() {
    let new = edit(BASE, "      default: red\n", "");
    assert_diff(
        BASE,
        &new,
        &[("default-removed", Breaking, "Color::default")],
    );
}

#[test]
fn a_changed_default_breaks() {
    let new = edit(BASE, "      default: red\n", "      default: green\n");
    assert_diff(
        BASE,
        &new,
        &[("default-changed", Breaking, "Color::default")],
    );
}

#[test]
fn required_fields_that_change_order_do_not_reorder_a_constructor_that_names_them() {
    // With two required fields `new` takes a `ThingRequired` whose fields
    // are named where they are given: their order is free. (The rule
    // `constructor-reordered`, for a `new` that takes them by position, is
    // tested on the IR in `diff::types`.)
    let old = edit(BASE, "        - id\n", "        - id\n        - note\n");
    let new = edit(
        &edit(
            &old,
            "        note:\n          type: string\n          nullable: true\n          description: A note.\n",
            "",
        ),
        "        id:\n",
        "        note:\n          type: string\n          nullable: true\n          description: A note.\n        id:\n",
    );
    assert_diff(&old, &new, &[]);
}
