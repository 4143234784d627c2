//! The checked-in client and the generator's fixture snapshots match what
//! their documents generate: `cargo test` catches a document (or the
//! client's overlay) edited without `cargo xtask codegen`. Also the
//! properties of the one sync routine, of generating the client (its
//! overlay applied first, its manifest's features, nothing written when
//! either fails), and of generating the fixtures (deterministic; 3.1 as
//! 3.0).

use std::fs;
use std::path::{Path, PathBuf};

use xtask::{
    CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, CLIENT_SWEEP, FIXTURES, Mode, Plan, SNAPSHOTS,
    SWEEP_FILE, Target, applied, codegen, plan, sync, targets, workspace_root,
};

use crate::support::{edit_in, files};

fn root() -> PathBuf {
    workspace_root().expect("the workspace root")
}

#[test]
fn checked_in_client_and_snapshots_match_their_documents() {
    if let Err(error) = codegen(&root(), Mode::Check) {
        panic!("{error:#}");
    }
}

/// A scratch checkout folder with `src/api/` made, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("xtask-sync-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("out/src/api")).unwrap();
        Scratch(dir)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn plan_of(files: &[(&str, &str)]) -> Plan {
    Plan {
        outputs: vec![(
            "out".to_owned(),
            files
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        )],
        orphans: Vec::new(),
    }
}

#[test]
fn check_lists_stale_missing_and_extra_files_and_changes_nothing() {
    let dir = Scratch::new("check");
    fs::write(dir.path("out/src/api/mod.rs"), "old").unwrap();
    fs::write(dir.path("out/src/api/leftover.rs"), "x").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "new"), ("src/api/types.rs", "t")]);
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         stale: out/src/api/mod.rs\n  \
         missing: out/src/api/types.rs\n  \
         extra: out/src/api/leftover.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );
    assert_eq!(
        fs::read_to_string(dir.path("out/src/api/mod.rs")).unwrap(),
        "old"
    );
    assert!(!dir.path("out/src/api/types.rs").exists());
}

#[test]
fn write_brings_the_folder_in_line_and_a_second_run_changes_nothing() {
    let dir = Scratch::new("write");
    fs::write(dir.path("out/src/api/mod.rs"), "old").unwrap();
    fs::write(dir.path("out/src/api/leftover.rs"), "x").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "new\n"), ("src/api/types.rs", "t\n")]);
    let changed = sync(&dir.0, &wanted, Mode::Write).unwrap();
    assert_eq!(
        changed,
        [
            "out/src/api/mod.rs",
            "out/src/api/types.rs",
            "out/src/api/leftover.rs (removed)"
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.path("out/src/api/mod.rs")).unwrap(),
        "new\n"
    );
    assert!(!dir.path("out/src/api/leftover.rs").exists());
    assert!(sync(&dir.0, &wanted, Mode::Write).unwrap().is_empty());
    assert!(sync(&dir.0, &wanted, Mode::Check).unwrap().is_empty());
}

#[test]
fn top_level_files_of_a_snapshot_folder_are_owned_too() {
    let dir = Scratch::new("top");
    fs::write(dir.path("out/mod.rs"), "m\n").unwrap();
    fs::write(dir.path("out/gone.rs"), "g\n").unwrap();
    // As a snapshot folder holds them: the modules of `src/api/` at its top.
    let wanted = plan_of(&[("mod.rs", "m\n")]);
    let message = match sync(&dir.0, &wanted, Mode::Check) {
        Err(error) => format!("{error:#}"),
        Ok(_) => panic!(
            "out/gone.rs, a module the generator no longer writes at the top of a snapshot \
             folder, is not reported as extra"
        ),
    };
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         extra: out/gone.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );
}

#[test]
fn hand_written_files_beside_the_client_manifest_are_not_extra() {
    // The client crate's root holds its generated `Cargo.toml` beside
    // hand-written files; `src/api/` is the generator's own.
    let dir = Scratch::new("client");
    for (relative, contents) in [
        ("generated/Cargo.toml", "manifest\n"),
        ("generated/README.md", "readme\n"),
        ("generated/src/lib.rs", "lib\n"),
        ("generated/src/api/mod.rs", "api\n"),
        ("generated/src/api/gone.rs", "gone\n"),
    ] {
        let path = dir.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    let wanted = Plan {
        outputs: vec![(
            CLIENT_CRATE.to_owned(),
            [("Cargo.toml", "manifest\n"), ("src/api/mod.rs", "api\n")]
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        )],
        orphans: Vec::new(),
    };
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         extra: generated/src/api/gone.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );
}

#[test]
fn orphan_snapshot_folders_are_listed_and_removed() {
    let dir = Scratch::new("orphan");
    fs::create_dir_all(dir.path("old-fixture")).unwrap();
    fs::write(dir.path("old-fixture/mod.rs"), "x").unwrap();
    let mut wanted = plan_of(&[]);
    wanted.orphans.push("old-fixture".to_owned());
    let message = format!("{:#}", sync(&dir.0, &wanted, Mode::Check).unwrap_err());
    assert!(
        message.contains("\n  extra: old-fixture (no fixture generates it)\n"),
        "{message}"
    );
    assert!(dir.path("old-fixture/mod.rs").exists());
    let changed = sync(&dir.0, &wanted, Mode::Write).unwrap();
    assert_eq!(changed, ["old-fixture (removed: no fixture generates it)"]);
    assert!(!dir.path("old-fixture").exists());
}

#[test]
fn crlf_checkouts_are_not_stale() {
    let dir = Scratch::new("crlf");
    fs::write(dir.path("out/src/api/mod.rs"), "a\r\nb\r\n").unwrap();
    let wanted = plan_of(&[("src/api/mod.rs", "a\nb\n")]);
    assert!(sync(&dir.0, &wanted, Mode::Check).unwrap().is_empty());
}

#[test]
fn a_new_enum_value_in_the_spec_makes_the_check_fail_until_regenerated() {
    let root = root();
    let target = Target::client();
    let spec = fs::read_to_string(root.join(CLIENT_SPEC)).unwrap();
    let overlay = fs::read_to_string(root.join(CLIENT_OVERLAY)).unwrap();
    let edited = edit_in(
        &spec,
        "    Codecs:\n",
        "        - H264\n",
        "        - H264\n        - AMR-WB\n",
    );
    let document = applied(CLIENT_SPEC, &edited, CLIENT_OVERLAY, &overlay).unwrap();
    let (dir, output) = target.outputs_from(&root, &document).unwrap().remove(0);
    assert_eq!(dir, target.dir);
    let edited_plan = Plan {
        outputs: vec![(target.dir.clone(), output.clone())],
        orphans: Vec::new(),
    };

    // Only the module of the area that uses the enum (and not the shared
    // types, the other areas or the manifest).
    let message = format!("{:#}", sync(&root, &edited_plan, Mode::Check).unwrap_err());
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         stale: generated/src/api/fabric.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );

    let fabric = &output["src/api/fabric.rs"];
    assert!(
        fabric.contains("        AmrWb = \"AMR-WB\",\n"),
        "the new value is not a variant of the regenerated module"
    );
}

/// A small client document at [`CLIENT_SPEC`]: one operation of one area.
const SMALL_SPEC: &str = r##"openapi: 3.1.0
info:
  title: Small
  version: 1.0.0
paths:
  /api/fabric/things/{id}:
    put:
      operationId: update_thing
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ThingRequest'
      responses:
        '204':
          description: Updated.
components:
  schemas:
    ThingRequest:
      type: object
      properties:
        name:
          type: string
"##;

/// Its overlay, at [`CLIENT_OVERLAY`].
const SMALL_OVERLAY: &str = r##"overlay: 1.0.0
info:
  title: Small deviations
  version: 1.0.0
actions:
  - target: $.components.schemas.ThingRequest.properties
    description: |-
      ThingRequest: the API takes a note
      The document does not list it.
    update:
      note:
        type: string
"##;

/// The client crate's manifest before `cargo xtask codegen` fills its
/// `[features]` table.
const SMALL_MANIFEST: &str = "[package]\nname = \"small\"\n\n[features]\nold = []\n\
     # The runtime's own features, written by hand:\ntls = []\n\n[dependencies]\nserde = \"1\"\n";

/// A scratch checkout with the small client documents, no fixtures and a
/// client crate holding its manifest and a hand-written `src/lib.rs`.
fn small_checkout(name: &str, spec: &str, overlay: &str) -> Scratch {
    let dir = Scratch::new(name);
    for (relative, contents) in [
        (CLIENT_SPEC, spec),
        (CLIENT_OVERLAY, overlay),
        ("generated/Cargo.toml", SMALL_MANIFEST),
        ("generated/src/lib.rs", "pub mod api;\n"),
    ] {
        let path = dir.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    fs::create_dir_all(dir.path(FIXTURES)).unwrap();
    dir
}

#[test]
fn the_client_manifest_gets_one_feature_per_area_and_keeps_the_runtimes_own() {
    let dir = small_checkout("features", SMALL_SPEC, SMALL_OVERLAY);
    let message = format!("{:#}", codegen(&dir.0, Mode::Check).unwrap_err());
    assert_eq!(
        message,
        "the generated code does not match its documents (spec/ and the codegen fixtures):\n  \
         stale: generated/Cargo.toml\n  \
         missing: generated/src/api/areas.md\n  \
         missing: generated/src/api/fabric.rs\n  \
         missing: generated/src/api/mod.rs\n  \
         missing: generated/src/api/types.rs\n  \
         missing: tests/tests/contract_sweep/operations.rs\n\
         run `cargo xtask codegen` to regenerate it"
    );
    let summary = codegen(&dir.0, Mode::Write).unwrap();
    assert_eq!(
        summary,
        "6 file(s) of 1 target(s) from spec/signalwire-rest.openapi.yaml with \
         spec/signalwire-rest.overlay.yaml, and codegen/tests/fixtures/\n  \
         updated: generated/Cargo.toml\n  \
         updated: generated/src/api/areas.md\n  \
         updated: generated/src/api/fabric.rs\n  \
         updated: generated/src/api/mod.rs\n  \
         updated: generated/src/api/types.rs\n  \
         updated: tests/tests/contract_sweep/operations.rs"
    );
    assert_eq!(
        fs::read_to_string(dir.path("generated/Cargo.toml")).unwrap(),
        "[package]\nname = \"small\"\n\n\
         [features]\n\
         # Written by `cargo xtask codegen`: one feature per API area of the spec (see the\n\
         # README), each compiling that area's module; all on by default.\n\
         default = [\"fabric\"]\n\
         fabric = []\n\
         # The runtime's own features, written by hand:\n\
         tls = []\n\
         \n\
         [dependencies]\nserde = \"1\"\n"
    );
    // The overlay was applied: its field is in the area's module.
    let fabric = fs::read_to_string(dir.path("generated/src/api/fabric.rs")).unwrap();
    assert!(
        fabric.contains("    pub note: Option<String>,\n"),
        "{fabric}"
    );
    assert_eq!(
        fs::read_to_string(dir.path("generated/src/lib.rs")).unwrap(),
        "pub mod api;\n"
    );
    assert!(
        codegen(&dir.0, Mode::Check)
            .unwrap()
            .ends_with(", up to date")
    );
}

#[test]
fn a_spec_that_fails_to_generate_leaves_every_file_untouched() {
    let broken = SMALL_SPEC.replace(
        "$ref: '#/components/schemas/ThingRequest'",
        "not: {type: integer}",
    );
    assert_ne!(broken, SMALL_SPEC);
    let dir = small_checkout("bad-spec", &broken, SMALL_OVERLAY);
    fs::create_dir_all(dir.path("generated/src/api")).unwrap();
    fs::write(dir.path("generated/src/api/mod.rs"), "sentinel").unwrap();
    let before = files(&dir.0);

    let message = format!("{:#}", codegen(&dir.0, Mode::Write).unwrap_err());
    assert_eq!(
        message,
        "spec/signalwire-rest.openapi.yaml: 1 problem in the OpenAPI document\n  \
         #/paths/~1api~1fabric~1things~1{id}/put/requestBody/content/application~1json/schema: \
         unsupported: `not`"
    );
    assert!(files(&dir.0) == before, "a file changed");
}

#[test]
fn an_overlay_that_does_not_apply_leaves_every_file_untouched() {
    // The document no longer has the schema the overlay changes.
    let moved = SMALL_SPEC.replace("ThingRequest", "ThingBody");
    let dir = small_checkout("bad-overlay", &moved, SMALL_OVERLAY);
    fs::create_dir_all(dir.path("generated/src/api")).unwrap();
    fs::write(dir.path("generated/src/api/mod.rs"), "sentinel").unwrap();
    let before = files(&dir.0);

    let message = format!("{:#}", codegen(&dir.0, Mode::Write).unwrap_err());
    assert_eq!(
        message,
        "spec/signalwire-rest.overlay.yaml (applied to spec/signalwire-rest.openapi.yaml): 1 \
         problem in the OpenAPI document\n  \
         overlay #/actions/0 (\"ThingRequest: the API takes a note\", target \
         `$.components.schemas.ThingRequest.properties`): matches nothing in the document"
    );
    assert!(files(&dir.0) == before, "a file changed");
}

#[test]
fn every_fixture_has_a_snapshot_folder_and_a_compile_case() {
    let root = root();
    let fixtures: Vec<Target> = targets(&root)
        .unwrap()
        .into_iter()
        .filter(|t| t.dir.starts_with(SNAPSHOTS))
        .collect();
    assert!(fixtures.len() >= 7, "found only {fixtures:?}");
    const CASES_MANIFEST: &str = "codegen/tests/snapshots/Cargo.toml";
    let manifest = fs::read_to_string(root.join(CASES_MANIFEST)).unwrap();
    for fixture in fixtures {
        let name = Path::new(&fixture.dir)
            .file_name()
            .unwrap()
            .to_string_lossy();
        let case = format!("codegen/tests/snapshots/{name}.rs");
        let text = fs::read_to_string(root.join(&case))
            .unwrap_or_else(|error| panic!("{case} is missing ({error}); add one like the others"));
        let includes = format!("#[path = \"{name}/mod.rs\"]");
        assert!(
            text.contains(&includes),
            "{case} does not include its snapshot with {includes}"
        );
        let client = "runtime::client!(api::SERVER_URL, api::SERVER_VARIABLES);";
        assert!(
            text.contains(client),
            "{case} does not define the client crate's items with {client}"
        );
        // The package lists its cases (its `autotests` is off, since the
        // cases sit at its root beside `support/`).
        let target = format!("[[test]]\nname = \"{name}\"\npath = \"{name}.rs\"\n");
        assert!(
            manifest.contains(&target),
            "{CASES_MANIFEST} does not list {case}; add:\n{target}"
        );
    }
}

#[test]
fn the_contract_sweep_has_one_test_per_operation_of_the_document() {
    let root = root();
    let outputs = Target::client().outputs(&root).unwrap();
    let dirs: Vec<&str> = outputs.iter().map(|(dir, _)| dir.as_str()).collect();
    assert_eq!(dirs, [CLIENT_CRATE, CLIENT_SWEEP]);
    let sweep = &outputs[1].1;
    assert_eq!(sweep.keys().collect::<Vec<_>>(), [SWEEP_FILE]);
    let document: serde_json::Value =
        serde_json::from_str(&Target::client().document(&root).unwrap()).unwrap();
    let methods = [
        "get", "put", "post", "delete", "patch", "head", "options", "trace",
    ];
    let mut operations = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        for method in methods.iter().filter(|method| item.get(**method).is_some()) {
            operations.push(format!(
                "Sample::of(\"{}\",\"{template}\")",
                method.to_uppercase()
            ));
        }
    }
    // Without the line breaks of long calls.
    let text: String = sweep[SWEEP_FILE]
        .split_whitespace()
        .collect::<String>()
        .replace(",)", ")");
    assert_eq!(text.matches("#[tokio::test]").count(), operations.len());
    for operation in &operations {
        assert_eq!(text.matches(operation.as_str()).count(), 1, "{operation}");
    }
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let root = root();
    let first = plan(&root).unwrap();
    let second = plan(&root).unwrap();
    assert_eq!(first.outputs.len(), second.outputs.len());
    for ((dir, a), (_, b)) in first.outputs.iter().zip(&second.outputs) {
        assert!(a == b, "{dir} was generated differently on a second run");
    }
}

#[test]
fn openapi_3_1_generates_the_same_code_as_its_3_0_spelling() {
    let root = root();
    let read = |file: &str| fs::read_to_string(root.join(FIXTURES).join(file)).unwrap();
    let (v3_0, v3_1) = (read("nullable_3_0.yaml"), read("nullable_3_1.yaml"));
    assert!(v3_0.contains("openapi: 3.0.3"));
    assert!(v3_1.contains("openapi: 3.1.0"));
    // The same source name, so that the headers match too.
    let source = "spec/loans.yaml";
    let from_3_0 = codegen::generate(source, &v3_0).expect("the 3.0 fixture generates");
    let from_3_1 = codegen::generate(source, &v3_1).expect("the 3.1 fixture generates");
    assert_eq!(
        from_3_0.keys().collect::<Vec<_>>(),
        from_3_1.keys().collect::<Vec<_>>()
    );
    for (path, expected) in &from_3_0 {
        assert!(
            from_3_1[path] == *expected,
            "{path} differs between nullable_3_0.yaml and nullable_3_1.yaml"
        );
    }
}
