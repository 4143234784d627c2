//! The `synthetic` snapshot (the document of `cargo xtask synth` at the
//! size kept in `codegen/tests/fixtures/synthetic.json`: every construct of that
//! document at once) compiles with the client runtime, and decodes an
//! entity with an open enum, a nullable reference and a recursive part.

#![deny(warnings)]
// A binary uses only part of the runtime and of the generated items, and
// the re-exports of a library's `pub use` are unused imports in a binary.
#![allow(dead_code, unused_imports)]

// The client runtime, which generated code names `crate::runtime`, and
// what its `client!` defines in a client crate (`Client`, `ClientBuilder`,
// `mock`) for the snapshot's server.
use signalwire_rest_runtime as runtime;
runtime::client!(api::SERVER_URL, api::SERVER_VARIABLES);
// Clippy leaves these two lints out for exported items (its
// `avoid-breaking-exported-api`), as the client crate's are; in a test
// binary nothing is exported.
#[allow(clippy::wrong_self_convention, clippy::enum_variant_names)]
#[rustfmt::skip]
#[path = "synthetic/mod.rs"]
mod api;

fn main() {
    let widget: api::Widget0 = serde_json::from_value(serde_json::json!({
        "id": "6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b",
        "name": "first",
        "state": "retired-soon",
        "created_at": "2024-01-02T03:04:05Z",
        "kind": "gamma-delta",
        "main_part": null,
        "parts": [{"label": "a", "next": {"label": "b"}}],
    }))
    .expect("a Widget0 decodes");
    assert_eq!(widget.name, "first");
    assert_eq!(widget.state, api::Widget0State::RetiredSoon);
    assert_eq!(widget.parts.as_ref().map(Vec::len), Some(1));
    let _method = Client::get_widget0;
}
