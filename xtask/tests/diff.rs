//! `cargo xtask diff`: each kind of spec change on a small fixture pair,
//! with its classification, Rust item, JSON pointer and exit status; real
//! edits of the project's spec; revisions of a temporary git repository;
//! and the binary itself.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::{Change, Classification};
use codegen::ir::TypeDef;
use xtask::diff::{Report, Snapshot, Version, run};
use xtask::{CLIENT_SPEC, workspace_root};

/// The old side of every fixture pair: one struct per role, an enum, two
/// operations, an error status.
const BASE: &str = r##"openapi: 3.0.3
info:
  title: Fixture
  version: 1.0.0
paths:
  /things:
    get:
      operationId: list_things
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Thing'
  /things/{id}:
    put:
      operationId: update_thing
      parameters:
        - name: id
          in: path
          required: true
          description: The thing's ID.
          schema:
            type: string
      requestBody:
        required: false
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ThingRequest'
      responses:
        '200':
          description: The updated thing.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
        '404':
          description: No such thing.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Problem'
components:
  schemas:
    ThingRequest:
      type: object
      description: What to change.
      properties:
        name:
          type: string
          description: The new name.
    Thing:
      type: object
      description: A thing.
      required:
        - id
        - name
      properties:
        id:
          type: string
          description: The ID.
        name:
          type: string
          description: The name.
        size:
          type: integer
          description: The size.
        color:
          $ref: '#/components/schemas/Color'
    Color:
      type: string
      description: A color.
      enum:
        - red
        - green
    Problem:
      type: object
      description: What went wrong.
      required:
        - error
      properties:
        error:
          type: string
          description: The message.
"##;

const PUT: &str = "#/paths/~1things~1{id}/put";

fn version() -> Version {
    Version::parse("0.1.0").unwrap()
}

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` is not in the text once"
    );
    text.replacen(from, to, 1)
}

fn compare(old: &str, new: &str) -> Report {
    match Report::new(
        Snapshot::text("old", old, Some(version())),
        Snapshot::text("new", new, Some(version())),
    ) {
        Ok(report) => report,
        Err(error) => panic!("{error:#}"),
    }
}

/// The one change of `report` on `item`.
fn change<'r>(report: &'r Report, item: &str) -> &'r Change {
    let found: Vec<&Change> = report.changes.iter().filter(|c| c.item == item).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one change of `{item}` in\n{}",
        report.markdown()
    );
    found[0]
}

/// Asserts the change of `item`: its rule, classification and pointer, and
/// that the report's exit status and Markdown follow.
fn assert_change(
    report: &Report,
    item: &str,
    rule: &str,
    classification: Classification,
    pointer: &str,
) {
    let change = change(report, item);
    assert_eq!(change.rule.id(), rule, "{}", report.markdown());
    assert_eq!(change.classification(), classification);
    assert_eq!(change.pointer.as_str(), pointer);
    let markdown = report.markdown();
    let bullet = format!("- `{item}`: ");
    let line = markdown
        .lines()
        .find(|line| line.starts_with(&bullet))
        .unwrap_or_else(|| panic!("no bullet for `{item}` in\n{markdown}"));
    assert!(line.contains(&format!("`{pointer}`")), "{line}");
    assert!(line.contains(&format!("Rule `{rule}`")), "{line}");
    let heading = match classification {
        Classification::Breaking => "### Breaking",
        Classification::Compatible => "### Compatible",
        Classification::DocsOnly => "### Docs only",
    };
    let start = markdown
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading} in\n{markdown}"));
    let section = &markdown[start + heading.len() + 2..];
    let section = &section[..section.find("\n### ").unwrap_or(section.len())];
    assert!(section.contains(&bullet), "`{item}` is not under {heading}");
}

fn assert_exit(report: &Report, status: u8, bump: &str) {
    assert_eq!(report.exit_code(), status, "{}", report.markdown());
    assert!(
        report.markdown().lines().next().unwrap().contains(bump),
        "{}",
        report.markdown()
    );
}

#[test]
fn identical_documents_change_nothing() {
    let report = compare(BASE, BASE);
    assert!(report.changes.is_empty());
    assert_eq!(report.classification(), None);
    assert_exit(&report, 0, "stays at 0.1.0");
}

#[test]
fn an_added_enum_value_is_compatible() {
    let new = edit(
        BASE,
        "        - green\n",
        "        - green\n        - blue\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Color::Blue",
        "enum-value-added",
        Classification::Compatible,
        "#/components/schemas/Color/enum/2",
    );
    assert_exit(&report, 0, "patch, 0.1.0 -> 0.1.1");
}

#[test]
fn a_removed_enum_value_breaks() {
    let new = edit(BASE, "        - green\n", "");
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Color::Green",
        "enum-value-removed",
        Classification::Breaking,
        "#/components/schemas/Color/enum/1",
    );
    assert!(report.markdown().contains("(old document)"));
    assert_exit(&report, 1, "minor, 0.1.0 -> 0.2.0");
}

#[test]
fn an_added_optional_request_field_is_compatible() {
    let new = edit(
        BASE,
        "          description: The new name.\n",
        "          description: The new name.\n        note:\n          type: string\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "ThingRequest::note",
        "optional-field-added",
        Classification::Compatible,
        "#/components/schemas/ThingRequest/properties/note",
    );
    assert_eq!(
        change(&report, "ThingRequest::note").new.as_deref(),
        Some("Option<String>")
    );
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn an_added_required_request_field_breaks() {
    let new = edit(
        BASE,
        "      description: What to change.\n      properties:\n",
        "      description: What to change.\n      required:\n        - note\n      properties:\n        note:\n          type: string\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "ThingRequest::note",
        "required-field-added",
        Classification::Breaking,
        "#/components/schemas/ThingRequest/properties/note",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_removed_response_field_breaks() {
    let new = edit(
        BASE,
        "        size:\n          type: integer\n          description: The size.\n",
        "",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::size",
        "field-removed",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/size",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_changed_field_type_breaks() {
    let new = edit(
        BASE,
        "          type: integer\n          description: The size.\n",
        "          type: string\n          description: The size.\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::size",
        "type-changed",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/size",
    );
    let size = change(&report, "Thing::size");
    assert_eq!(size.old.as_deref(), Some("Option<i64>"));
    assert_eq!(size.new.as_deref(), Some("Option<String>"));
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn an_optional_response_field_that_becomes_required_breaks() {
    let new = edit(
        BASE,
        "        - id\n        - name\n",
        "        - id\n        - name\n        - size\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::size",
        "field-now-required",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/size",
    );
    let size = change(&report, "Thing::size");
    assert_eq!(
        (size.old.as_deref(), size.new.as_deref()),
        (Some("Option<i64>"), Some("i64"))
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_required_response_field_that_becomes_optional_breaks() {
    let new = edit(BASE, "        - id\n        - name\n", "        - id\n");
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::name",
        "field-now-optional",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/name",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_field_that_becomes_nullable_breaks() {
    let new = edit(
        BASE,
        "          type: string\n          description: The name.\n",
        "          type: string\n          nullable: true\n          description: The name.\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::name",
        "nullability-changed",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/name",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_removed_operation_breaks() {
    let list = BASE
        .split("  /things/{id}:\n")
        .next()
        .and_then(|head| head.split("paths:\n").nth(1))
        .unwrap();
    let new = edit(BASE, list, "");
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Client::list_things",
        "operation-removed",
        Classification::Breaking,
        "#/paths/~1things/get",
    );
    assert_change(
        &report,
        "ListThingsError",
        "type-removed",
        Classification::Breaking,
        "#/paths/~1things/get/responses",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn an_added_operation_is_compatible() {
    let new = edit(
        BASE,
        "components:\n",
        "    delete:\n      operationId: delete_thing\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '204':\n          description: Deleted.\ncomponents:\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Client::delete_thing",
        "operation-added",
        Classification::Compatible,
        "#/paths/~1things~1{id}/delete",
    );
    assert_eq!(report.classification(), Some(Classification::Compatible));
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn a_removed_error_status_breaks() {
    let new = edit(
        BASE,
        "        '404':\n          description: No such thing.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Problem'\n",
        "",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "UpdateThingError::NotFound",
        "error-status-removed",
        Classification::Breaking,
        &format!("{PUT}/responses/404"),
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn an_added_error_status_is_compatible() {
    let new = edit(
        BASE,
        "        '404':\n",
        "        '409':\n          description: Conflict.\n        '404':\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "UpdateThingError::Conflict",
        "error-status-added",
        Classification::Compatible,
        &format!("{PUT}/responses/409"),
    );
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn a_request_body_that_becomes_required_breaks() {
    let new = edit(
        BASE,
        "        required: false\n",
        "        required: true\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Client::update_thing(body)",
        "parameter-now-required",
        Classification::Breaking,
        &format!("{PUT}/requestBody"),
    );
    let body = change(&report, "Client::update_thing(body)");
    assert_eq!(body.old.as_deref(), Some("body: Option<&ThingRequest>"));
    assert_eq!(body.new.as_deref(), Some("body: &ThingRequest"));
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn an_added_path_parameter_breaks() {
    let new = edit(
        BASE,
        "  /things/{id}:\n    put:\n      operationId: update_thing\n      parameters:\n",
        "  /things/{id}/{part}:\n    put:\n      operationId: update_thing\n      parameters:\n        - name: part\n          in: path\n          required: true\n          schema:\n            type: string\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Client::update_thing(id)",
        "parameter-added",
        Classification::Breaking,
        "#/paths/~1things~1{id}~1{part}/put/parameters/1",
    );
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
}

#[test]
fn a_docs_change_is_docs_only() {
    let new = edit(
        BASE,
        "          description: The name.\n",
        "          description: The name, as people say it.\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::name",
        "docs-changed",
        Classification::DocsOnly,
        "#/components/schemas/Thing/properties/name",
    );
    assert_eq!(report.changes.len(), 1);
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn a_parameter_docs_change_is_reported_at_the_parameter_only() {
    let new = edit(BASE, "The thing's ID.", "The ID of the thing.");
    let report = compare(BASE, &new);
    assert_eq!(report.changes.len(), 1, "{}", report.markdown());
    assert_change(
        &report,
        "Client::update_thing(id)",
        "docs-changed",
        Classification::DocsOnly,
        &format!("{PUT}/parameters/0"),
    );
}

#[test]
fn a_document_the_generator_cannot_lower_is_reported_with_its_places() {
    let new = edit(
        BASE,
        "        color:\n          $ref: '#/components/schemas/Color'\n",
        "        color:\n          not:\n            type: string\n",
    );
    let error = Report::new(
        Snapshot::text("old", BASE, Some(version())),
        Snapshot::text("new", &new, Some(version())),
    )
    .expect_err("the new document does not lower");
    let message = format!("{error:#}");
    assert!(
        message.contains("#/components/schemas/Thing/properties/color: unsupported: `not`"),
        "{message}"
    );
}

#[test]
fn the_json_report_has_its_documented_fields() {
    let new = edit(BASE, "        - green\n", "");
    let json = compare(BASE, &new).json();
    assert_eq!(json["classification"], "breaking");
    assert_eq!(json["bump"]["level"], "minor");
    assert_eq!(json["bump"]["from"], "0.1.0");
    assert_eq!(json["bump"]["to"], "0.2.0");
    assert_eq!(json["counts"]["breaking"], 1);
    let change = &json["changes"][0];
    for (field, value) in [
        ("classification", "breaking"),
        ("kind", "removed"),
        ("subject", "enum-value"),
        ("item", "Color::Green"),
        ("pointer", "#/components/schemas/Color/enum/1"),
        ("document", "old"),
        ("old", "green"),
        ("rule", "enum-value-removed"),
    ] {
        assert_eq!(change[field], value, "{field}");
    }
    assert!(change["new"].is_null());
    assert!(change["explanation"].is_string());
}

// The project's own spec.

fn root() -> PathBuf {
    workspace_root().expect("the workspace root")
}

fn real_spec() -> String {
    fs::read_to_string(root().join(CLIENT_SPEC)).unwrap()
}

/// The Rust name of the enum listing `wire`, and of its variant for it.
fn enum_item(text: &str, wire: &str) -> (String, usize) {
    let api = codegen::lower_text(text).unwrap();
    api.types
        .iter()
        .find_map(|def| match def {
            TypeDef::Enum(e) => e
                .variants
                .iter()
                .position(|v| v.wire == wire)
                .map(|index| (format!("{}::{}", e.name, e.variants[index].name), index)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no enum lists `{wire}`"))
}

/// The Rust item of the field whose JSON name is `wire` in the struct that
/// also has a field `beside` (to tell structs apart).
fn field_item(text: &str, wire: &str, beside: &str) -> String {
    let api = codegen::lower_text(text).unwrap();
    api.types
        .iter()
        .find_map(|def| match def {
            TypeDef::Struct(s) if s.fields.iter().any(|f| f.wire == beside) => s
                .fields
                .iter()
                .find(|f| f.wire == wire)
                .map(|f| format!("{}::{}", s.name, f.name)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct has `{wire}` beside `{beside}`"))
}

#[test]
fn a_value_added_to_an_enum_of_the_real_spec_is_compatible() {
    let old = real_spec();
    let new = edit(
        &old,
        "        - H264\n",
        "        - H264\n        - OPUS@48000H@20I\n",
    );
    let (item, index) = enum_item(&new, "OPUS@48000H@20I");
    let report = compare(&old, &new);
    let change = change(&report, &item);
    assert_eq!(change.rule.id(), "enum-value-added");
    assert_eq!(change.classification(), Classification::Compatible);
    assert!(
        change.pointer.as_str().starts_with("#/components/schemas/")
            && change.pointer.as_str().ends_with(&format!("/enum/{index}")),
        "{}",
        change.pointer
    );
    assert_eq!(report.classification(), Some(Classification::Compatible));
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn an_optional_field_added_to_the_real_request_is_compatible() {
    let old = real_spec();
    let anchor = "        calling_handler_resource_id:\n          type: string\n          format: uuid\n          nullable: true\n          description: |-\n            If `call_handler` is set to `resource`, the ID of that resource;\n            `null` otherwise. Send `null` to clear it.";
    let new = edit(
        &old,
        anchor,
        &format!(
            "        ring_timeout:\n          type: integer\n          description: Seconds to ring.\n{anchor}"
        ),
    );
    let item = field_item(&new, "ring_timeout", "caller_id");
    let report = compare(&old, &new);
    assert_eq!(change(&report, &item).rule.id(), "optional-field-added");
    assert_exit(&report, 0, "0.1.0 -> 0.1.1");
}

#[test]
fn removing_from_or_retyping_the_real_spec_breaks_and_names_the_item() {
    let old = real_spec();
    let (value, _) = enum_item(&old, "G729");
    let removed_value = edit(&old, "        - G729\n", "");
    let report = compare(&old, &removed_value);
    assert_eq!(change(&report, &value).rule.id(), "enum-value-removed");
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");

    let display_name = field_item(&old, "display_name", "project_id");
    let field = "        display_name:\n          type: string\n          description: Display name of the SIP endpoint Fabric resource.\n          example: Alice's desk phone\n";
    let removed_field = edit(
        &edit(&old, field, ""),
        "        - project_id\n        - display_name\n",
        "        - project_id\n",
    );
    let report = compare(&old, &removed_field);
    let change_ = change(&report, &display_name);
    assert_eq!(change_.rule.id(), "field-removed");
    assert!(
        change_
            .pointer
            .as_str()
            .ends_with("/properties/display_name")
    );
    assert_eq!(report.exit_code(), 1);

    let retyped = edit(&old, field, &field.replace("type: string", "type: integer"));
    let report = compare(&old, &retyped);
    let change_ = change(&report, &display_name);
    assert_eq!(change_.rule.id(), "type-changed");
    assert_eq!(
        (change_.old.as_deref(), change_.new.as_deref()),
        (Some("String"), Some("i64"))
    );
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn a_list_that_stops_linking_its_pages_loses_its_stream() {
    let old = real_spec();
    let next = "        next:\n          type: string\n          format: uri\n";
    let new = edit(&old, next, "        next:\n          type: integer\n");
    let report = compare(&old, &new);
    for stream in [
        "Client::list_sip_endpoints_stream",
        "Client::list_sip_endpoint_addresses_stream",
    ] {
        assert_eq!(change(&report, stream).rule.id(), "operation-removed");
    }
    assert_exit(&report, 1, "0.1.0 -> 0.2.0");
    // And back: the streams are new methods.
    let report = compare(&new, &old);
    assert_eq!(
        change(&report, "Client::list_sip_endpoints_stream")
            .rule
            .id(),
        "operation-added"
    );
}

// Revisions of a git repository.

/// A scratch git repository, removed when dropped.
struct Repo(PathBuf);

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = std::env::temp_dir().join(format!("xtask-diff-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let repo = Repo(dir);
        repo.git(&["init", "--quiet"]);
        repo
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=xtask test",
                "-c",
                "user.email=xtask@example.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&self.0)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A repository whose three commits hold: the crate manifest only; the real
/// spec; the spec with a codec added.
fn repository(name: &str) -> Repo {
    let repo = Repo::new(name);
    let manifest = fs::read_to_string(root().join("generated/Cargo.toml")).unwrap();
    repo.write("generated/Cargo.toml", &manifest);
    repo.commit("crate");
    repo.write(CLIENT_SPEC, &real_spec());
    repo.commit("spec");
    repo.write(
        CLIENT_SPEC,
        &edit(
            &real_spec(),
            "        - H264\n",
            "        - H264\n        - AMR-WB\n",
        ),
    );
    repo.commit("add a codec");
    repo
}

#[test]
fn two_revisions_are_compared() {
    let repo = repository("range");
    let (report, status) = run(repo.path(), &["HEAD~1..HEAD"]).unwrap();
    assert_eq!(status, 0, "{report}");
    assert!(report.starts_with("**Compatible.**"), "{report}");
    assert!(report.contains("`HEAD~1` ("), "{report}");
    assert!(report.contains("0.1.0 -> 0.1.1"), "{report}");
    assert!(report.contains("\n### Compatible\n"), "{report}");

    let (json, status) = run(repo.path(), &["HEAD~1..HEAD", "--format", "json"]).unwrap();
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["old"]["revision"], "HEAD~1");
    assert_eq!(json["new"]["revision"], "HEAD");
    assert_eq!(json["crate"], "signalwire-fabric");
    assert_eq!(json["changes"][0]["new"], "AMR-WB");
}

#[test]
fn a_revision_is_compared_with_the_working_tree() {
    let repo = repository("worktree");
    let (report, status) = run(repo.path(), &[]).unwrap();
    assert_eq!(status, 0);
    assert!(report.starts_with("**No change.**"), "{report}");

    repo.write(CLIENT_SPEC, &edit(&real_spec(), "        - G729\n", ""));
    let (report, status) = run(repo.path(), &[]).unwrap();
    assert_eq!(status, 1, "{report}");
    assert!(report.contains("to the working tree"), "{report}");
    assert!(report.contains("\n### Breaking\n"), "{report}");
    assert!(report.contains("enum value removed: `G729`"), "{report}");
    assert!(report.contains("enum value removed: `AMR-WB`"), "{report}");
    // HEAD~1 did not have the added codec yet.
    let (report, _) = run(repo.path(), &["HEAD~1"]).unwrap();
    assert!(report.contains("enum value removed: `G729`"), "{report}");
    assert!(!report.contains("AMR-WB"), "{report}");
}

#[test]
fn errors_name_the_revision_or_the_document() {
    let repo = repository("errors");
    let error = run(repo.path(), &["no-such-revision"]).unwrap_err();
    assert!(
        format!("{error:#}").contains("the revision `no-such-revision` does not exist"),
        "{error:#}"
    );
    let error = run(repo.path(), &["HEAD~2..HEAD"]).unwrap_err();
    assert!(
        format!("{error:#}").contains(&format!(
            "{CLIENT_SPEC} does not exist at revision `HEAD~2`"
        )),
        "{error:#}"
    );
    repo.write(
        CLIENT_SPEC,
        &edit(
            &real_spec(),
            "paths:\n",
            "paths:\n  /api/{fabric}/x:\n    get: {}\n",
        ),
    );
    let error = run(repo.path(), &[]).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.starts_with(CLIENT_SPEC), "{message}");
    assert!(
        message.contains("#/paths/~1api~1{fabric}~1x/get"),
        "{message}"
    );
}

// The binary.

fn xtask(checkout: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(checkout)
        .env("CARGO_MANIFEST_DIR", checkout.join("xtask"))
        .output()
        .expect("xtask runs")
}

#[test]
fn the_binary_exits_0_1_or_2() {
    // This checkout against its HEAD: whatever the working tree holds, a report.
    let here = xtask(&root(), &["diff"]);
    let stdout = String::from_utf8_lossy(&here.stdout);
    assert!(
        matches!(here.status.code(), Some(0 | 1)),
        "{stdout}{}",
        String::from_utf8_lossy(&here.stderr)
    );
    assert!(stdout.starts_with("**"), "{stdout}");

    let repo = repository("binary");
    repo.write(CLIENT_SPEC, &edit(&real_spec(), "        - G729\n", ""));
    let breaking = xtask(repo.path(), &["diff"]);
    assert_eq!(breaking.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&breaking.stdout).starts_with("**Breaking.**"));

    let missing = xtask(repo.path(), &["diff", "v9.9.9"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("`v9.9.9` does not exist"), "{stderr}");
    assert!(missing.stdout.is_empty());
}
