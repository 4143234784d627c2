//! Any text given as an OpenAPI document: loading, lowering and emitting
//! it either generate the client's files or return located errors. A
//! panic, a hang (libFuzzer's `-timeout`) or an exhausted stack is a
//! finding; each becomes a case of `codegen/tests/generator/bad_input.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The generator reads text; bytes that are not UTF-8 never reach it.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(api) = codegen::lower_text(text) {
        // Errors of the last stage (rendering) are results too.
        let _ = codegen::generate_api("fuzz.yaml", &api);
    }
});
