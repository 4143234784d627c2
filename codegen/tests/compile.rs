//! The snapshots compile: each `tests/compile/<fixture>.rs` is a binary that
//! includes the hand-written client runtime (`generated/src/runtime`) and
//! the fixture's snapshot (`tests/snapshots/<fixture>`, written by `cargo
//! xtask codegen`) as the modules `runtime` and `api`, the layout of the
//! client crate, denies warnings, and runs a few checks of the generated
//! items. That every fixture has such a case is checked by xtask's sync
//! tests, which own the list of fixtures.

#[test]
fn snapshots_compile_with_the_runtime() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/compile/*.rs");
}
