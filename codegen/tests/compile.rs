//! The snapshots compile: each `tests/compile/<fixture>.rs` is a binary that
//! includes the hand-written client runtime (`generated/src/runtime`) and
//! the fixture's snapshot (`tests/snapshots/<fixture>`, written by `cargo
//! xtask codegen`) as the modules `runtime` and `api`, the layout of the
//! client crate, denies warnings, and runs a few checks of the generated
//! items. That every fixture has such a case is checked by xtask's sync
//! tests, which own the list of fixtures.

use std::collections::BTreeSet;
use std::fs;

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

#[test]
fn snapshots_compile_with_the_runtime() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/compile/*.rs");
}
