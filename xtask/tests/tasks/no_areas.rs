//! Documents of other shapes than SignalWire's, put in place of `spec/`
//! with an overlay that changes only their `info`, give client crates that
//! compile without a warning, with and without the typed mock: the
//! hand-written parts of the crate (its root, its manifest, the runtime)
//! and the generated module tree assume nothing the generator may not
//! write. The shapes: a document whose operations fall into no API area,
//! like the Fabric documents SignalWire published until March 2026 (server
//! URL `https://{space_name}.signalwire.com/api/fabric/`, paths such as
//! `/addresses`: `codegen/tests/documents/fabric-without-areas.yaml`), and
//! one whose operations are all of one area and whose types only that
//! area uses, so that no type is shared
//! (`codegen/tests/documents/one-area.yaml`).
//!
//! The copy of the checkout shares the tests' target directory, so only
//! the small client itself is checked here.

use std::fs;
use std::process::Command;

use serde_json::Value;
use xtask::diff::package_version;
use xtask::{CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, cargo, target_dir, workspace_root};

use crate::support::{copy_checkout, xtask};

/// An overlay that marks the document as this test's and changes nothing else.
const OVERLAY: &str = "overlay: 1.0.0
info:
  title: No deviations
  version: '1'
extends: signalwire-rest.openapi.yaml
actions:
  - target: $.info
    description: Marks the document as one of the test's.
    update:
      x-test: no-areas
";

#[test]
fn a_document_without_areas_gives_a_crate_that_compiles_without_warnings() {
    compiles_without_warnings(
        "codegen/tests/documents/fabric-without-areas.yaml",
        "no-areas",
        "\n\nThis API has no areas: ",
    );
}

#[test]
fn a_document_of_one_area_gives_a_crate_that_compiles_without_warnings() {
    compiles_without_warnings(
        "codegen/tests/documents/one-area.yaml",
        "one-area",
        "[`widgets`](crate::widgets)",
    );
}

/// Generates the client of `document` (relative to the workspace root) in
/// a copy of the checkout named after `label`, checks that its
/// `areas.md` contains `areas`, and checks the crate, with and without the
/// typed mock, for errors and warnings.
fn compiles_without_warnings(document: &str, label: &str, areas: &str) {
    let root = workspace_root().unwrap();
    let scratch = std::env::temp_dir().join(format!("xtask-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&scratch);
    copy_checkout(&root, &scratch);
    fs::copy(root.join(document), scratch.join(CLIENT_SPEC)).unwrap();
    fs::write(scratch.join(CLIENT_OVERLAY), OVERLAY).unwrap();
    // A version of its own makes the copy's client another package to
    // Cargo, so that its build never takes the place of the real client's
    // in the shared target directory.
    let manifest = scratch.join(CLIENT_CRATE).join("Cargo.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    let version = package_version(&text).expect("the client's manifest has a version");
    let line = format!("version = \"{version}\"\n");
    assert!(
        text.contains(&line),
        "{} has no line {line:?}",
        manifest.display()
    );
    fs::write(
        &manifest,
        text.replacen(&line, &format!("version = \"{version}-{label}\"\n"), 1),
    )
    .unwrap();
    let shared = target_dir(&root).unwrap();

    let generated = xtask(&scratch, &shared, &["codegen"]);
    assert!(generated.status.success(), "cargo xtask codegen failed");
    let said = fs::read_to_string(scratch.join(CLIENT_CRATE).join("src/api/areas.md")).unwrap();
    assert!(said.contains(areas), "areas.md says:\n{said}");

    // As a program builds it, and with the typed mock, whose generated part
    // is as much the document's as the client's.
    for features in [None, Some("mock")] {
        let mut command = Command::new(cargo());
        command.args(["check", "--package", "signalwire-rest", "--lib"]);
        if let Some(features) = features {
            command.args(["--features", features]);
        }
        let checked = command
            // Diagnostics as JSON messages on stdout (`json-render-diagnostics`
            // would render them on stderr instead, out of the check below).
            .arg("--message-format=json")
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", &shared)
            .output()
            .expect("cargo runs");
        let with = features.map_or(String::new(), |features| format!(" (features: {features})"));
        let stderr = String::from_utf8_lossy(&checked.stderr);
        assert!(
            checked.status.success(),
            "the client of {document} does not compile{with}:\n{stderr}"
        );
        // What rustc said about the client crate itself (its dependencies'
        // warnings are not ours).
        let said: Vec<String> = String::from_utf8_lossy(&checked.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|message| {
                message["reason"] == "compiler-message"
                    && message["target"]["name"] == "signalwire_rest"
            })
            .map(|message| {
                message["message"]["rendered"]
                    .as_str()
                    .unwrap_or("?")
                    .to_owned()
            })
            .collect();
        assert!(
            said.is_empty(),
            "the client of {document} compiles with warnings{with}:\n{}",
            said.join("\n")
        );
    }
    fs::remove_dir_all(&scratch).unwrap();
}
