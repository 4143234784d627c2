//! What the types of the generated client must forbid, checked with
//! trybuild: each file in `tests/ui/` must fail to compile with the error in
//! the `.stderr` file beside it.
//!
//! The expected messages come from rustc and may change with its version;
//! after reviewing a change, refresh them with
//! `TRYBUILD=overwrite cargo test -p integration-tests --test compile_fail`.

#[test]
fn forbidden_uses_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
