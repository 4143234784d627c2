//! The snapshots compile: each `tests/compile/<fixture>.rs` is a binary that
//! includes the hand-written client runtime (`generated/src/runtime`) and
//! the fixture's snapshot (`tests/snapshots/<fixture>`, written by `cargo
//! xtask codegen`) as the modules `runtime` and `api`, the layout of the
//! client crate, denies warnings, and runs a few checks of the generated
//! items. That every fixture has such a case is checked by xtask's sync
//! tests, which own the list of fixtures.
//!
//! The synthetic document of `cargo xtask synth` (100 operations, 400
//! schemas) is generated and compiled the same way, in the same trybuild
//! project, so that the dependencies are built once for all cases.
//! SignalWire's REST API document is generated here verbatim; with the
//! overlay applied it is the client crate, which the workspace compiles.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

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

/// The snapshots compile together with the runtime, so codegen's
/// dependencies must give them every crate (and feature) the client crate
/// depends on; its dev-dependencies hold nothing else but the test tools.
#[test]
fn dev_dependencies_provide_what_the_runtime_depends_on() {
    const TEST_TOOLS: &[&str] = &["toml", "trybuild"];
    let client = manifest("../generated/Cargo.toml");
    let codegen = manifest("Cargo.toml");
    let normal = dependencies(&codegen, "dependencies");
    let dev = dependencies(&codegen, "dev-dependencies");
    let runtime = dependencies(&client, "dependencies");
    let mut problems = Vec::new();
    for (name, spec) in &runtime {
        let provided = normal.iter().chain(&dev).find(|(other, _)| other == name);
        match provided {
            None => problems.push(format!(
                "`{name}` is missing: add `{name}.workspace = true` to [dev-dependencies] in \
                 codegen/Cargo.toml (generated/Cargo.toml's [dependencies] has it)"
            )),
            Some((_, provided)) => {
                let missing: Vec<&str> = features(spec)
                    .difference(&features(provided))
                    .copied()
                    .collect();
                if !missing.is_empty() {
                    problems.push(format!(
                        "`{name}` lacks the features {missing:?} in codegen/Cargo.toml: add them \
                         where codegen lists `{name}` (generated/Cargo.toml's [dependencies] \
                         asks for them)"
                    ));
                }
            }
        }
    }
    for (name, _) in &dev {
        let needed = runtime.iter().any(|(other, _)| other == name) || TEST_TOOLS.contains(name);
        if !needed {
            problems.push(format!(
                "`{name}` is extra: remove it from [dev-dependencies] in codegen/Cargo.toml \
                 (generated/Cargo.toml's [dependencies] does not have it)"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "codegen/Cargo.toml's dev-dependencies are out of step with the client runtime:\n  {}",
        problems.join("\n  ")
    );
}

/// The synthetic document, written by the same code as `cargo xtask synth`.
#[allow(dead_code)]
#[path = "../../xtask/src/synth/document.rs"]
mod synth;

/// Generates the synthetic document of the default size into a scratch
/// folder of the target directory, checks that every operation and schema
/// became Rust, and writes a trybuild case that compiles the result with
/// the runtime and decodes a value; returns the case's path.
fn synthetic_case() -> PathBuf {
    let size = synth::Size::default();
    let text = synth::document(size).expect("the synthetic document");
    let api = codegen::lower_text(&text).expect("the synthetic document lowers");
    assert_eq!(api.operations.len(), size.operations);
    // Every component schema became a type of its own (inline enums and
    // objects add more).
    let component_types = api
        .types
        .iter()
        .filter(|t| {
            let tokens: Vec<String> = api.locations[t.name()].tokens().collect();
            tokens.len() == 3 && tokens[..2] == ["components", "schemas"]
        })
        .count();
    assert_eq!(component_types, size.schemas, "a schema was not generated");
    let output =
        codegen::generate("synthetic.json", &text).expect("the synthetic document generates");
    let entity = synth::entity(0);
    let body = format!(
        r#"fn main() {{
    let widget: api::{entity} = serde_json::from_value(serde_json::json!({{
        "id": "6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b",
        "name": "first",
        "state": "retired-soon",
        "created_at": "2024-01-02T03:04:05Z",
        "kind": "gamma-delta",
        "main_part": null,
        "parts": [{{"label": "a", "next": {{"label": "b"}}}}],
    }}))
    .unwrap();
    assert_eq!(widget.name, "first");
    assert_eq!(widget.state, api::{entity}State::RetiredSoon);
    assert_eq!(widget.parts.as_ref().map(Vec::len), Some(1));
    let _method = runtime::Client::get_{method};
}}
"#,
        method = entity.to_lowercase(),
    );
    write_case(
        "synthetic",
        &output,
        "The synthetic document's client compiles with the runtime and decodes.",
        &body,
    )
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
    let output = codegen::generate(SPEC, &text).unwrap_or_else(|errors| panic!("{errors}"));
    let methods: usize = output
        .values()
        .map(|module| module.matches("pub async fn ").count())
        .sum();
    assert_eq!(methods, 253, "every operation of the document is a method");
    assert_eq!(
        codegen::areas(&output),
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

/// Writes a generated client's `src/api/` modules into the scratch folder
/// `name` of the target directory, and beside them a trybuild case that
/// includes the runtime and those modules (warnings denied), documented by
/// `doc`, followed by `body`; returns the case's path.
fn write_case(name: &str, output: &codegen::Output, doc: &str, body: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(dir.join("api")).expect("a scratch folder");
    for (path, contents) in output {
        let file = path.strip_prefix("src/api/").expect("a module of src/api/");
        write_if_changed(&dir.join("api").join(file), contents);
    }
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src/runtime/mod.rs");
    let api = dir.join("api/mod.rs");
    let case = format!(
        "//! {doc}\n#![deny(warnings)]\n#![allow(dead_code, unused_imports)]\n\n\
         #[path = {runtime:?}]\nmod runtime;\n#[path = {api:?}]\nmod api;\n\n{body}"
    );
    let path = dir.join(format!("{name}.rs"));
    write_if_changed(&path, &case);
    path
}

/// Writes `contents` to `path` unless it holds them already, so that an
/// unchanged synthetic client is not compiled again on the next run.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    fs::write(path, contents)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
}

#[test]
fn snapshots_compile_with_the_runtime() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/compile/*.rs");
    cases.pass(synthetic_case());
}
