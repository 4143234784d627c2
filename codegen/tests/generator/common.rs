//! Helpers shared by the bad-document tests (`errors`, `bad_input`,
//! `sweep`): the exact error text and pointers `generate` gives, and a
//! run that turns a panic into a test failure naming the input.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The full error text `generate` gives for `text`.
#[track_caller]
pub fn errors(text: &str) -> String {
    match codegen::generate("spec/bookshop.yaml", text) {
        Ok(_) => panic!("the document generated without errors:\n{text}"),
        Err(errors) => errors.to_string(),
    }
}

/// The pointer of each error `generate` gives for `text`.
#[track_caller]
pub fn pointers(text: &str) -> Vec<String> {
    match codegen::generate("spec/bookshop.yaml", text) {
        Ok(_) => panic!("the document generated without errors:\n{text}"),
        Err(errors) => errors
            .as_slice()
            .iter()
            .map(|error| error.pointer().to_string())
            .collect(),
    }
}

/// The start of every test document: an OpenAPI 3.0 header.
pub const HEAD: &str = "openapi: 3.0.3\ninfo: {title: Bookshop, version: '1'}\n";

/// A document of `HEAD` and `rest`.
pub fn document(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

/// Whether `generate` panics on `text` (rather than giving files or errors).
pub fn panics(text: &str) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        let _ = codegen::generate("spec/odd.yaml", text);
    }))
    .is_err()
}

/// Runs `generate` on `text`; a panic fails the test and names the input.
pub fn returns(what: &str, text: &str) {
    assert!(!panics(text), "`generate` panicked on {what}:\n{text}");
}
