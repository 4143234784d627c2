//! Any overlay applied to any document: the input is the document's text,
//! a line `---overlay---`, then the overlay's text (inputs without the line
//! are a document with an empty overlay). Applying it gives the new
//! document or errors that name the action; never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// What separates the document from the overlay in an input.
const SEPARATOR: &str = "\n---overlay---\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (document, overlay) = text.split_once(SEPARATOR).unwrap_or((text, ""));
    let _ = codegen::apply_overlay(document, overlay);
});
