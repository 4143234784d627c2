//! The snapshots compile: each `tests/compile/<fixture>.rs` is a binary that
//! includes the hand-written client runtime (`generated/src/runtime`) and
//! the fixture's snapshot (`tests/snapshots/<fixture>`) as the modules
//! `runtime` and `api`, the layout of the client crate, denies warnings, and
//! runs a few checks of the generated items.

mod support;

use std::fs;

use support::{Fixture, crate_dir};

#[test]
fn every_fixture_has_a_compile_case_that_includes_its_snapshot() {
    for fixture in Fixture::all() {
        let case = format!("tests/compile/{}.rs", fixture.name);
        let text = fs::read_to_string(crate_dir().join(&case))
            .unwrap_or_else(|error| panic!("{case} is missing ({error}); add one like the others"));
        let includes = format!("#[path = \"../snapshots/{}/mod.rs\"]", fixture.name);
        assert!(
            text.contains(&includes),
            "{case} does not include its snapshot with {includes}"
        );
        assert!(
            text.contains("#[path = \"../../../generated/src/runtime/mod.rs\"]"),
            "{case} does not include the client runtime"
        );
    }
}

#[test]
fn snapshots_compile_with_the_runtime() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/compile/*.rs");
}
