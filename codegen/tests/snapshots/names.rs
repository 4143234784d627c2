//! The `names` snapshot compiles with the client runtime: schemas named like
//! the prelude's items (`Result`, `Option`, `String`, `Vec`, `Default`),
//! which generated code writes bare, are numbered (`Result2`); types named
//! like the standard derives (`Debug`, `Hash`) or `self` do not disturb the
//! generated code; and the methods of a struct whose names would collide
//! got distinct ones.

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
#[path = "names/mod.rs"]
mod api;

fn main() {
    let note = api::Note::new("required")
        .clear_text("set by its own setter")
        .set_clear_text()
        .set_new2("new")
        .set_new("set_new")
        .title("t")
        .clear_title();
    assert_eq!(
        serde_json::to_value(&note).unwrap(),
        serde_json::json!({
            "clear_title": "required",
            "clear_text": "set by its own setter",
            "text": null,
            "new": "new",
            "set_new": "set_new",
            "title": null,
        })
    );

    let id: api::String2 = uuid::Uuid::nil();
    let list: api::Vec2 = vec![id];
    let default = api::Default2::new().list(list).names(["a".to_owned()]);
    let result = api::Result2::new().ok(true).value(api::Option2::Some);
    let _: (api::Debug, api::Hash) = (api::Debug::new(), api::Hash::Sha256);
    let own = api::Self_::new(result);
    assert_eq!(
        serde_json::to_value(&own).unwrap(),
        serde_json::json!({"result": {"ok": true, "value": "some"}})
    );
    assert_eq!(default.list.map(|list| list.len()), Some(1));
}
