//! `cargo xtask diff`: each kind of spec change on a small fixture pair,
//! with its classification, Rust item, JSON pointer and exit status; edits
//! of the project's spec (SignalWire's document with the project's overlay
//! applied), with their exact reports; revisions of a temporary git
//! repository holding the fixture document at the client's spec path, each
//! read with the overlay it has (or as it is, without one); and the binary
//! itself.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::{Change, Classification};
use xtask::diff::{Report, Snapshot, Version, run};
use xtask::{CLIENT_OVERLAY, CLIENT_SPEC, workspace_root};

use crate::support::edit_in;

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

// The project's own spec: SignalWire's document with the overlay applied,
// as the client is generated from it. Lowering it takes a while (in a debug
// build, about a second), so each test compares one edited document
// carrying several edits, and the reports are checked exactly.

fn root() -> PathBuf {
    workspace_root().expect("the workspace root")
}

fn real_spec() -> String {
    fs::read_to_string(root().join(CLIENT_SPEC)).unwrap()
}

fn real_overlay() -> String {
    fs::read_to_string(root().join(CLIENT_OVERLAY)).unwrap()
}

/// The client's side of a comparison: the real overlay applied to `spec`,
/// with the crate's name and version as `generated/Cargo.toml` gives them.
fn client_side(name: &str, spec: &str) -> Snapshot {
    let text = xtask::applied(CLIENT_SPEC, spec, CLIENT_OVERLAY, &real_overlay())
        .unwrap_or_else(|error| panic!("{error:#}"));
    Snapshot {
        crate_name: Some("signalwire-rest".to_owned()),
        ..Snapshot::text(name, &text, Some(version()))
    }
}

fn compare_real(old: (&str, &str), new: (&str, &str)) -> Report {
    Report::new(client_side(old.0, old.1), client_side(new.0, new.1))
        .unwrap_or_else(|error| panic!("{error:#}"))
}

const CODECS: &str = "    Codecs:\n";

/// The real spec with a codec the `Codecs` enum does not list yet, and an
/// optional field in the SIP endpoint update body.
fn with_additions(spec: &str) -> String {
    let spec = edit_in(
        spec,
        CODECS,
        "        - H264\n",
        "        - H264\n        - AMR-WB\n",
    );
    edit_in(
        &spec,
        "    SipEndpointUpdateRequest:\n",
        "      properties:\n",
        "      properties:\n        ring_timeout:\n          type: integer\n          description: Seconds to ring.\n",
    )
}

/// The real spec with a codec removed, a required response field removed,
/// a field retyped, and the `next` link of the page links no longer a
/// string (so the lists that use them stop linking their pages).
fn with_removals(spec: &str) -> String {
    let spec = edit_in(spec, CODECS, "        - G729\n", "");
    let resource = "    ResourceResponseSipEndpoint:\n";
    let spec = edit_in(&spec, resource, "        - display_name\n", "");
    let spec = edit_in(
        &spec,
        resource,
        "        display_name:\n          type: string\n          description: Display name of the Resource\n          examples:\n            - My Resource\n",
        "",
    );
    let spec = edit_in(
        &spec,
        "    FabricSipEndpoint:\n",
        "        username:\n          type: string\n",
        "        username:\n          type: integer\n",
    );
    edit_in(
        &spec,
        "    PaginationLinks:\n",
        "        next:\n          type: string\n",
        "        next:\n          type: integer\n",
    )
}

/// The operations whose every-page stream method needs a string `next`
/// link of `PaginationLinks`: one Fabric list, through the overlay's
/// envelope, and the Relay REST lists.
const STREAMS: [(&str, &str, &str); 17] = [
    (
        "list_sip_credentials_stream",
        "/api/fabric/resources/sip_endpoints",
        "~1api~1fabric~1resources~1sip_endpoints",
    ),
    (
        "list_addresses_stream",
        "/api/relay/rest/addresses",
        "~1api~1relay~1rest~1addresses",
    ),
    (
        "list_domain_applications_stream",
        "/api/relay/rest/domain_applications",
        "~1api~1relay~1rest~1domain_applications",
    ),
    (
        "list_sip_endpoints_stream",
        "/api/relay/rest/endpoints/sip",
        "~1api~1relay~1rest~1endpoints~1sip",
    ),
    (
        "list_number_groups_stream",
        "/api/relay/rest/number_groups",
        "~1api~1relay~1rest~1number_groups",
    ),
    (
        "list_number_group_memberships_stream",
        "/api/relay/rest/number_groups/{NumberGroupId}/number_group_memberships",
        "~1api~1relay~1rest~1number_groups~1{NumberGroupId}~1number_group_memberships",
    ),
    (
        "list_phone_numbers_stream",
        "/api/relay/rest/phone_numbers",
        "~1api~1relay~1rest~1phone_numbers",
    ),
    (
        "search_available_phone_numbers_stream",
        "/api/relay/rest/phone_numbers/search",
        "~1api~1relay~1rest~1phone_numbers~1search",
    ),
    (
        "list_queues_stream",
        "/api/relay/rest/queues",
        "~1api~1relay~1rest~1queues",
    ),
    (
        "list_queue_members_stream",
        "/api/relay/rest/queues/{queue_id}/members",
        "~1api~1relay~1rest~1queues~1{queue_id}~1members",
    ),
    (
        "list_call_recordings_stream",
        "/api/relay/rest/recordings",
        "~1api~1relay~1rest~1recordings",
    ),
    (
        "list_brands_stream",
        "/api/relay/rest/registry/beta/brands",
        "~1api~1relay~1rest~1registry~1beta~1brands",
    ),
    (
        "list_campaigns_stream",
        "/api/relay/rest/registry/beta/brands/{id}/campaigns",
        "~1api~1relay~1rest~1registry~1beta~1brands~1{id}~1campaigns",
    ),
    (
        "list_number_assignments_stream",
        "/api/relay/rest/registry/beta/campaigns/{id}/numbers",
        "~1api~1relay~1rest~1registry~1beta~1campaigns~1{id}~1numbers",
    ),
    (
        "list_orders_stream",
        "/api/relay/rest/registry/beta/campaigns/{id}/orders",
        "~1api~1relay~1rest~1registry~1beta~1campaigns~1{id}~1orders",
    ),
    (
        "list_short_codes_stream",
        "/api/relay/rest/short_codes",
        "~1api~1relay~1rest~1short_codes",
    ),
    (
        "list_verified_caller_ids_stream",
        "/api/relay/rest/verified_caller_ids",
        "~1api~1relay~1rest~1verified_caller_ids",
    ),
];

/// One stream method's bullet: removed (`added` false) or added.
fn stream_bullet((method, path, pointer): (&str, &str, &str), added: bool) -> String {
    let signature = format!("GET {path} (every page)");
    // Longer signatures are "(text)" in a bullet.
    let shown = if signature.len() <= 80 {
        format!("`{signature}`")
    } else {
        "(text)".to_owned()
    };
    if added {
        format!(
            "- `Client::{method}`: operation added: {shown} at `#/paths/{pointer}/get`. Rule \
             `operation-added`: a new method of `Client`; existing code is unaffected."
        )
    } else {
        format!(
            "- `Client::{method}`: operation removed: {shown} at `#/paths/{pointer}/get` (old \
             document). Rule `operation-removed`: the `Client` method is removed; code that \
             calls it no longer compiles."
        )
    }
}

const AMR_WB_ADDED: &str = "- `Codecs::AmrWb`: enum value added: `AMR-WB` at \
    `#/components/schemas/Codecs/enum/11`. Rule `enum-value-added`: the enum is \
    `#[non_exhaustive]` with a catch-all variant, which took this value before; no `match` \
    breaks.";

#[test]
fn a_value_and_an_optional_field_added_to_the_real_spec_are_compatible() {
    let old = real_spec();
    let report = compare_real(("upstream", &old), ("edited", &with_additions(&old)));
    let summary = summary(
        &[("fabric", [0, 2, 0])],
        &[
            ("optional-field-added", "compatible", 1),
            ("enum-value-added", "compatible", 1),
        ],
    );
    assert_eq!(
        report.markdown(),
        format!(
            "**Compatible.** `spec/signalwire-rest.openapi.yaml` from `upstream` to `edited`: 0 \
             breaking, 2 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: patch, 0.1.0 -> 0.1.1.\n\
             \n\
             {summary}### Compatible\n\
             \n\
             {AMR_WB_ADDED}\n\
             - `SipEndpointUpdateRequest::ring_timeout`: field added: `Option<i64>` at \
             `#/components/schemas/SipEndpointUpdateRequest/properties/ring_timeout`. Rule \
             `optional-field-added`: structs are `#[non_exhaustive]` and `new` takes only \
             required fields: the new field starts unset and gets a setter.\n"
        )
    );
    assert_eq!(report.exit_code(), 0);
}

#[test]
fn removing_from_or_retyping_the_real_spec_breaks_and_names_the_items() {
    let old = real_spec();
    let report = compare_real(("upstream", &old), ("edited", &with_removals(&old)));
    let mut expected = vec![
        "**Breaking.** `spec/signalwire-rest.openapi.yaml` from `upstream` to `edited`: 21 \
         breaking, 0 compatible and 0 docs-only changes to the Rust API of `signalwire-rest`; \
         smallest version bump: minor, 0.1.0 -> 0.2.0."
            .to_owned(),
        String::new(),
    ];
    expected.extend(
        summary(
            &[
                ("(shared)", [1, 0, 0]),
                ("fabric", [4, 0, 0]),
                ("relay", [16, 0, 0]),
            ],
            &[
                ("operation-removed", "breaking", 17),
                ("type-changed", "breaking", 2),
                ("field-removed", "breaking", 1),
                ("enum-value-removed", "breaking", 1),
            ],
        )
        .lines()
        .map(str::to_owned),
    );
    expected.extend([
        "### Breaking".to_owned(),
        String::new(),
        "- `Codecs::G729`: enum value removed: `G729` at `#/components/schemas/Codecs/enum/3` \
         (old document). Rule `enum-value-removed`: code that names the variant no longer \
         compiles; the value now decodes to the catch-all variant."
            .to_owned(),
        "- `FabricSipEndpoint::username`: field changed: `String` -> `i64` at \
         `#/components/schemas/FabricSipEndpoint/properties/username`. Rule `type-changed`: the \
         Rust type changes; code that reads, builds or passes the value no longer compiles."
            .to_owned(),
        "- `PaginationLinks::next`: field changed: `Option<String>` -> `Option<i64>` at \
         `#/components/schemas/PaginationLinks/properties/next`. Rule `type-changed`: the Rust \
         type changes; code that reads, builds or passes the value no longer compiles."
            .to_owned(),
        "- `ResourceResponseSipEndpoint::display_name`: field removed: `String` at \
         `#/components/schemas/ResourceResponseSipEndpoint/properties/display_name` (old \
         document). Rule `field-removed`: code that reads or sets the field no longer compiles."
            .to_owned(),
    ]);
    expected.extend(STREAMS.iter().map(|stream| stream_bullet(*stream, false)));
    assert_eq!(
        report.markdown().lines().collect::<Vec<_>>(),
        expected,
        "{}",
        report.markdown()
    );
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn a_list_that_links_its_pages_again_gains_its_stream() {
    // The removals of the test above, undone: the streams are new methods,
    // the codec a new value, the response field a new required field.
    let old = real_spec();
    let report = compare_real(("edited", &with_removals(&old)), ("upstream", &old));
    let summary = summary(
        &[
            ("(shared)", [1, 0, 0]),
            ("fabric", [2, 2, 0]),
            ("relay", [0, 16, 0]),
        ],
        &[
            ("type-changed", "breaking", 2),
            ("required-field-added", "breaking", 1),
            ("operation-added", "compatible", 17),
            ("enum-value-added", "compatible", 1),
        ],
    );
    // The summary, then the entries.
    let markdown = report.markdown();
    let (head, entries) = markdown.split_once('\n').unwrap();
    assert_eq!(
        entries.get(..summary.len() + 1),
        Some(format!("\n{summary}").as_str()),
        "{markdown}"
    );
    let markdown = format!("{head}\n{}", &entries[summary.len()..]);
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(
        lines[0],
        "**Breaking.** `spec/signalwire-rest.openapi.yaml` from `edited` to `upstream`: 3 \
         breaking, 18 compatible and 0 docs-only changes to the Rust API of `signalwire-rest`; \
         smallest version bump: minor, 0.1.0 -> 0.2.0.",
    );
    assert_eq!(
        &lines[1..9],
        [
            "",
            "### Breaking",
            "",
            "- `FabricSipEndpoint::username`: field changed: `i64` -> `String` at \
             `#/components/schemas/FabricSipEndpoint/properties/username`. Rule `type-changed`: \
             the Rust type changes; code that reads, builds or passes the value no longer \
             compiles.",
            "- `PaginationLinks::next`: field changed: `Option<i64>` -> `Option<String>` at \
             `#/components/schemas/PaginationLinks/properties/next`. Rule `type-changed`: the \
             Rust type changes; code that reads, builds or passes the value no longer compiles.",
            "- `ResourceResponseSipEndpoint::display_name`: field added: `String` at \
             `#/components/schemas/ResourceResponseSipEndpoint/properties/display_name`. Rule \
             `required-field-added`: a new required field is a new parameter of the struct's \
             `new` (and a struct without required fields loses `Default`); code that builds \
             the value, such as tests and mocks, no longer compiles.",
            "",
            "### Compatible",
        ]
    );
    let mut compatible = vec![
        "".to_owned(),
        "- `Codecs::G729`: enum value added: `G729` at `#/components/schemas/Codecs/enum/3`. \
         Rule `enum-value-added`: the enum is `#[non_exhaustive]` with a catch-all variant, \
         which took this value before; no `match` breaks."
            .to_owned(),
    ];
    compatible.extend(STREAMS.iter().map(|stream| stream_bullet(*stream, true)));
    assert_eq!(lines[9..], compatible);
    assert_eq!(report.exit_code(), 1);
}

// Revisions of a git repository: the fixture document at
// `spec/signalwire-rest.openapi.yaml`, with and without an overlay.

/// The manifest of the crate at every revision.
const MANIFEST: &str = "[package]\nname = \"signalwire-rest\"\nversion = \"0.1.0\"\n";

/// An overlay of the fixture document: a request field upstream does not
/// list.
const OVERLAY: &str = r##"overlay: 1.0.0
info:
  title: Fixture deviations
  version: 1.0.0
actions:
  - target: $.components.schemas.ThingRequest.properties
    description: |-
      ThingRequest: the API takes a note
      The server accepts `note`; the document does not list it.
    update:
      note:
        type: string
        description: A note.
"##;

/// The same field, as the document itself would list it.
fn with_note(spec: &str) -> String {
    edit(
        spec,
        "          description: The new name.\n",
        "          description: The new name.\n        note:\n          type: string\n          description: A note.\n",
    )
}

fn with_blue(spec: &str) -> String {
    edit(
        spec,
        "        - green\n",
        "        - green\n        - blue\n",
    )
}

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

    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
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
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?} failed");
        String::from_utf8(output.stdout).unwrap()
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

    /// The short hash of `revision`, as reports show it.
    fn short(&self, revision: &str) -> String {
        self.git(&["rev-parse", revision]).trim()[..7].to_owned()
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

/// A repository whose four commits hold: the crate manifest only; the
/// fixture document, without an overlay; the overlay added; a color added
/// to the document. The working tree is the last commit.
fn repository(name: &str) -> Repo {
    let repo = Repo::new(name);
    repo.write("generated/Cargo.toml", MANIFEST);
    repo.commit("crate");
    repo.write(CLIENT_SPEC, BASE);
    repo.commit("spec");
    repo.write(CLIENT_OVERLAY, OVERLAY);
    repo.commit("overlay");
    repo.write(CLIENT_SPEC, &with_blue(BASE));
    repo.commit("add a color");
    repo
}

const BLUE_ADDED: &str = "- `Color::Blue`: enum value added: `blue` at \
    `#/components/schemas/Color/enum/2`. Rule `enum-value-added`: the enum is \
    `#[non_exhaustive]` with a catch-all variant, which took this value before; no `match` \
    breaks.";

#[test]
fn two_revisions_are_compared_each_with_its_own_overlay() {
    let repo = repository("range");
    let (report, status) = run(repo.path(), &["HEAD~1..HEAD"]).unwrap();
    let summary = summary(&[], &[("enum-value-added", "compatible", 1)]);
    assert_eq!(
        report,
        format!(
            "**Compatible.** `spec/signalwire-rest.openapi.yaml` from `HEAD~1` ({}) to `HEAD` \
             ({}): 0 breaking, 1 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: patch, 0.1.0 -> 0.1.1.\n\
             \n\
             {summary}### Compatible\n\
             \n\
             {BLUE_ADDED}\n",
            repo.short("HEAD~1"),
            repo.short("HEAD"),
        )
    );
    assert_eq!(status, 0);

    // HEAD~2 has no overlay: its document is read as it is; HEAD~1 has the
    // overlay's field, and the report names the deviation that adds it.
    let (report, status) = run(repo.path(), &["HEAD~2..HEAD~1"]).unwrap();
    let summary = crate::diff::summary(&[], &[("optional-field-added", "compatible", 1)]);
    assert_eq!(
        report,
        format!(
            "**Compatible.** `spec/signalwire-rest.openapi.yaml` from `HEAD~2` ({}) to `HEAD~1` \
             ({}): 0 breaking, 1 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: patch, 0.1.0 -> 0.1.1.\n\
             \n\
             {summary}### Overlay\n\
             \n\
             - deviation added: `$.components.schemas.ThingRequest.properties`: ThingRequest: \
             the API takes a note\n\
             \n\
             ### Compatible\n\
             \n\
             - `ThingRequest::note`: field added: `Option<String>` at \
             `#/components/schemas/ThingRequest/properties/note`. Rule `optional-field-added`: \
             structs are `#[non_exhaustive]` and `new` takes only required fields: the new \
             field starts unset and gets a setter.\n",
            repo.short("HEAD~2"),
            repo.short("HEAD~1"),
        )
    );
    assert_eq!(status, 0);

    let (json, status) = run(repo.path(), &["HEAD~1..HEAD", "--format", "json"]).unwrap();
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["spec"], CLIENT_SPEC);
    assert_eq!(json["crate"], "signalwire-rest");
    assert_eq!(json["old"]["revision"], "HEAD~1");
    assert_eq!(json["new"]["revision"], "HEAD");
    assert_eq!(
        json["new"]["commit"],
        repo.git(&["rev-parse", "HEAD"]).trim()
    );
    assert_eq!(json["new"]["crate_version"], "0.1.0");
    assert_eq!(json["classification"], "compatible");
    assert_eq!(json["changes"].as_array().unwrap().len(), 1);
    assert_eq!(json["changes"][0]["item"], "Color::Blue");
    assert_eq!(json["changes"][0]["new"], "blue");
}

#[test]
fn a_revision_is_compared_with_the_working_tree() {
    let repo = repository("worktree");
    let (report, status) = run(repo.path(), &[]).unwrap();
    assert_eq!(
        report,
        format!(
            "**No change.** `spec/signalwire-rest.openapi.yaml` from `HEAD` ({}) to the working \
             tree: 0 breaking, 0 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; `signalwire-rest` stays at 0.1.0.\n",
            repo.short("HEAD")
        )
    );
    assert_eq!(status, 0);

    repo.write(CLIENT_SPEC, &edit(BASE, "        - green\n", ""));
    let removed = |value: &str, index: usize| {
        format!(
            "- `Color::{}`: enum value removed: `{value}` at `#/components/schemas/Color/enum/{index}` \
             (old document). Rule `enum-value-removed`: code that names the variant no longer \
             compiles; the value now decodes to the catch-all variant.",
            value[..1].to_uppercase() + &value[1..]
        )
    };
    let (report, status) = run(repo.path(), &[]).unwrap();
    let summary = summary(&[], &[("enum-value-removed", "breaking", 2)]);
    assert_eq!(
        report,
        format!(
            "**Breaking.** `spec/signalwire-rest.openapi.yaml` from `HEAD` ({}) to the working \
             tree: 2 breaking, 0 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: minor, 0.1.0 -> 0.2.0.\n\
             \n\
             {summary}### Breaking\n\
             \n\
             {}\n\
             {}\n",
            repo.short("HEAD"),
            removed("green", 1),
            removed("blue", 2),
        )
    );
    assert_eq!(status, 1);
    // HEAD~1 did not have the added color yet.
    let (report, status) = run(repo.path(), &["HEAD~1"]).unwrap();
    let summary = crate::diff::summary(&[], &[("enum-value-removed", "breaking", 1)]);
    assert_eq!(
        report,
        format!(
            "**Breaking.** `spec/signalwire-rest.openapi.yaml` from `HEAD~1` ({}) to the working \
             tree: 1 breaking, 0 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: minor, 0.1.0 -> 0.2.0.\n\
             \n\
             {summary}### Breaking\n\
             \n\
             {}\n",
            repo.short("HEAD~1"),
            removed("green", 1),
        )
    );
    assert_eq!(status, 1);
}

#[test]
fn errors_name_the_revision_or_the_document() {
    let repo = repository("errors");
    let error = run(repo.path(), &["no-such-revision"]).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "the revision `no-such-revision` does not exist in the repository at {}",
            repo.path().display()
        )
    );
    let error = run(repo.path(), &["HEAD~3..HEAD"]).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "{CLIENT_SPEC} does not exist at revision `HEAD~3` ({})",
            repo.short("HEAD~3")
        )
    );
    repo.write(
        CLIENT_SPEC,
        &edit(
            BASE,
            "paths:\n",
            "paths:\n  /api/{fabric}/x:\n    get: {}\n",
        ),
    );
    let error = run(repo.path(), &[]).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        "spec/signalwire-rest.openapi.yaml: 1 problem in the OpenAPI document\n  \
         #/paths/~1api~1{fabric}~1x/get: not a valid OpenAPI document: missing field `responses`"
    );
}

#[test]
fn an_overlay_that_no_longer_applies_is_an_error_naming_its_action() {
    let repo = repository("overlay");
    // Upstream now lists the field the overlay adds.
    repo.write(CLIENT_SPEC, &with_note(&with_blue(BASE)));
    let stale = "overlay #/actions/0 (\"ThingRequest: the API takes a note\", target \
                 `$.components.schemas.ThingRequest.properties`): stale: the document already \
                 has this; remove the action";
    let error = run(repo.path(), &[]).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "spec/signalwire-rest.overlay.yaml (applied to spec/signalwire-rest.openapi.yaml): \
             1 problem in the OpenAPI document\n  {stale}"
        )
    );
    repo.commit("upstream lists the note");
    let error = run(repo.path(), &["HEAD~1..HEAD"]).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "at revision `HEAD`: spec/signalwire-rest.overlay.yaml (applied to \
             spec/signalwire-rest.openapi.yaml): 1 problem in the OpenAPI document\n  {stale}"
        )
    );
}

/// A repository holding the real spec and overlay: its revision is read
/// with the overlay applied, as the working tree is.
#[test]
fn the_real_spec_at_a_revision_is_read_with_its_overlay() {
    let repo = Repo::new("real");
    repo.write("generated/Cargo.toml", MANIFEST);
    repo.write(CLIENT_SPEC, &real_spec());
    repo.write(CLIENT_OVERLAY, &real_overlay());
    repo.commit("the client's documents");
    repo.write(
        CLIENT_SPEC,
        &edit_in(
            &real_spec(),
            CODECS,
            "        - H264\n",
            "        - H264\n        - AMR-WB\n",
        ),
    );
    // Without the overlay at HEAD, every deviation would be a change too.
    let (report, status) = run(repo.path(), &[]).unwrap();
    let summary = summary(
        &[("fabric", [0, 1, 0])],
        &[("enum-value-added", "compatible", 1)],
    );
    assert_eq!(
        report,
        format!(
            "**Compatible.** `spec/signalwire-rest.openapi.yaml` from `HEAD` ({}) to the working \
             tree: 0 breaking, 1 compatible and 0 docs-only changes to the Rust API of \
             `signalwire-rest`; smallest version bump: patch, 0.1.0 -> 0.1.1.\n\
             \n\
             {summary}### Compatible\n\
             \n\
             {AMR_WB_ADDED}\n",
            repo.short("HEAD")
        )
    );
    assert_eq!(status, 0);
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
    let unchanged = xtask(repo.path(), &["diff"]);
    assert_eq!(unchanged.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&unchanged.stdout),
        run(repo.path(), &[]).unwrap().0
    );

    repo.write(CLIENT_SPEC, &edit(BASE, "        - green\n", ""));
    let breaking = xtask(repo.path(), &["diff"]);
    assert_eq!(breaking.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&breaking.stdout);
    assert_eq!(stdout, run(repo.path(), &[]).unwrap().0);
    assert!(stdout.starts_with("**Breaking.**"), "{stdout}");

    let missing = xtask(repo.path(), &["diff", "v9.9.9"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    // A binary built in another checkout says so first, on a line of its own.
    let stderr: String = stderr
        .lines()
        .filter(|line| !line.starts_with("note: "))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(
        stderr,
        format!(
            "error: the revision `v9.9.9` does not exist in the repository at {}\n",
            repo.path().display()
        )
    );
    assert!(missing.stdout.is_empty());
}

/// Each revision pair of `xtask/tests/history/` (shaped after SignalWire's
/// own history: every operationId renamed; one error item type swapped in
/// every schema that holds it) gives exactly the report kept beside it,
/// `report.md`. `DIFF_HISTORY=overwrite` writes the reports instead, to be
/// read before committing.
#[test]
fn revisions_shaped_after_upstream_history_give_their_reports() {
    let history = root().join("xtask/tests/history");
    let overwrite = std::env::var("DIFF_HISTORY").is_ok_and(|value| value == "overwrite");
    for case in ["error-item-swapped", "operation-ids-renamed"] {
        let read = |name: &str| {
            fs::read_to_string(history.join(case).join(name))
                .unwrap_or_else(|error| panic!("{case}/{name}: {error}"))
        };
        let report = compare(&read("old.yaml"), &read("new.yaml")).markdown();
        if overwrite {
            fs::write(history.join(case).join("report.md"), &report).unwrap();
        }
        assert_eq!(report, read("report.md"), "the report of {case}");
    }
}

/// The summary a report starts with, as [`Report::markdown`] writes it
/// (each table followed by a blank line): the changes by API area (no
/// table when the documents have no areas), then by rule.
pub(crate) fn summary(areas: &[(&str, [usize; 3])], rules: &[(&str, &str, usize)]) -> String {
    let mut out = String::new();
    if !areas.is_empty() {
        out.push_str("| Area | Breaking | Compatible | Docs only |\n|---|---:|---:|---:|\n");
        for (area, [breaking, compatible, docs]) in areas {
            out.push_str(&format!(
                "| `{area}` | {breaking} | {compatible} | {docs} |\n"
            ));
        }
        out.push('\n');
    }
    out.push_str("| Rule | Classification | Changes |\n|---|---|---:|\n");
    for (rule, classification, count) in rules {
        out.push_str(&format!("| `{rule}` | {classification} | {count} |\n"));
    }
    out.push('\n');
    out
}

#[test]
fn a_type_of_the_same_shape_under_a_new_key_is_renamed() {
    // `Problem` becomes `ApiProblem` (its key and the reference to it).
    let new = BASE.replace("Problem", "ApiProblem");
    let report = compare(BASE, &new);
    assert_eq!(report.changes.len(), 1, "{}", report.markdown());
    assert_change(
        &report,
        "ApiProblem",
        "type-renamed",
        Classification::Breaking,
        "#/components/schemas/ApiProblem",
    );
    assert!(
        report
            .markdown()
            .contains("- `ApiProblem`: type renamed: `Problem` -> `ApiProblem` at"),
        "{}",
        report.markdown()
    );
    // With one more field it is another type: removed, and one added.
    let wider = edit(
        &new,
        "          description: The message.\n",
        "          description: The message.\n        code:\n          type: string\n",
    );
    let rules: Vec<&str> = compare(BASE, &wider)
        .changes
        .iter()
        .map(|change| change.rule.id())
        .collect();
    assert!(
        rules.contains(&"type-removed") && rules.contains(&"type-added"),
        "{rules:?}"
    );
}

#[test]
fn a_field_that_keeps_its_json_name_under_a_new_rust_name_is_renamed() {
    // A new property `Name` comes first and takes the Rust name `name`;
    // the property `name` becomes `name2`.
    let new = edit(
        BASE,
        "        name:\n          type: string\n          description: The name.\n",
        "        Name:\n          type: string\n          description: The display name.\n        \
         name:\n          type: string\n          description: The name.\n",
    );
    let report = compare(BASE, &new);
    assert_change(
        &report,
        "Thing::name2",
        "field-renamed",
        Classification::Breaking,
        "#/components/schemas/Thing/properties/name",
    );
    assert_change(
        &report,
        "Thing::name",
        "optional-field-added",
        Classification::Compatible,
        "#/components/schemas/Thing/properties/Name",
    );
}
