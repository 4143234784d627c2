//! The snapshots compile: each `tests/snapshots/<fixture>.rs` is a test of
//! the workspace member `tests/snapshots` (package `snapshot-tests`) that
//! has the fixture's snapshot (`tests/snapshots/<fixture>/`, written by
//! `cargo xtask codegen`) as its module `api` and the runtime crate as
//! `runtime`, the layout of the client crate, denies warnings, and checks
//! the generated items. That
//! every fixture has such a case is checked by xtask's sync tests, which
//! own the list of fixtures. Here: that package gives the cases what the
//! runtime needs, and SignalWire's document generates verbatim.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use toml::{Table, Value};

/// A `Cargo.toml` of the workspace, parsed.
fn manifest(relative: &str) -> Table {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    text.parse()
        .unwrap_or_else(|error| panic!("{} is not valid TOML: {error}", path.display()))
}

/// The dependency table `section` of `manifest` (empty if absent).
fn dependencies<'a>(manifest: &'a Table, section: &str) -> Vec<(&'a str, &'a Value)> {
    manifest
        .get(section)
        .and_then(Value::as_table)
        .map(|table| {
            table
                .iter()
                .map(|(name, spec)| (name.as_str(), spec))
                .collect()
        })
        .unwrap_or_default()
}

/// The features a dependency entry asks for.
fn features(spec: &Value) -> BTreeSet<&str> {
    spec.get("features")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The cases are laid out as the client crate is, so the package
/// `snapshot-tests` must depend on exactly what the client crate depends
/// on (with the same features): a dependency the client gains is one the
/// cases lack, and one it loses is dead weight in every test build. What
/// the case programs themselves use is in its [dev-dependencies].
#[test]
fn the_snapshot_cases_depend_on_what_the_client_depends_on() {
    let client = manifest("../generated/Cargo.toml");
    let cases = manifest("tests/snapshots/Cargo.toml");
    let mut problems = Vec::new();
    for section in ["dependencies"] {
        let runtime = dependencies(&client, section);
        let given = dependencies(&cases, section);
        for (name, spec) in &runtime {
            match given.iter().find(|(other, _)| other == name) {
                None => problems.push(format!(
                    "`{name}` is missing: add `{name}.workspace = true` to [{section}] in \
                     codegen/tests/snapshots/Cargo.toml (generated/Cargo.toml's [{section}] has it)"
                )),
                Some((_, provided)) => {
                    let missing: Vec<&str> = features(spec)
                        .difference(&features(provided))
                        .copied()
                        .collect();
                    if !missing.is_empty() {
                        problems.push(format!(
                            "`{name}` lacks the features {missing:?} in [{section}] of \
                             codegen/tests/snapshots/Cargo.toml (generated/Cargo.toml's \
                             [{section}] asks for them)"
                        ));
                    }
                }
            }
        }
        for (name, _) in &given {
            if !runtime.iter().any(|(other, _)| other == name) {
                problems.push(format!(
                    "`{name}` is extra: remove it from [{section}] in \
                     codegen/tests/snapshots/Cargo.toml (generated/Cargo.toml's [{section}] \
                     does not have it)"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "codegen/tests/snapshots/Cargo.toml is out of step with the client crate:\n  {}",
        problems.join("\n  ")
    );
}

/// SignalWire's REST API document generates as published, without the
/// overlay of `spec/`: every operation becomes a method. (The client of the
/// document with the overlay applied is the client crate itself, compiled
/// by the workspace build, so it is not compiled a second time here.)
#[test]
fn the_upstream_document_generates_verbatim() {
    const SPEC: &str = "spec/signalwire-rest.openapi.yaml";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(SPEC);
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let api = codegen::lower_text(&text).unwrap_or_else(|errors| panic!("{errors}"));
    let output = codegen::generate_api(SPEC, &api).unwrap_or_else(|errors| panic!("{errors}"));
    let methods: usize = output
        .values()
        .map(|module| module.matches("pub async fn ").count())
        .sum();
    assert_eq!(methods, 253, "every operation of the document is a method");
    assert_eq!(
        api.areas
            .iter()
            .map(|area| area.name.as_str())
            .collect::<Vec<_>>(),
        [
            "ai",
            "calling",
            "chat",
            "datasphere",
            "fabric",
            "fax",
            "logs",
            "messaging",
            "projects",
            "pubsub",
            "relay",
            "video",
            "voice"
        ]
    );
}
