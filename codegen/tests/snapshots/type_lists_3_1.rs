//! The `type_lists_3_1` snapshot compiles with the client runtime: a 3.1
//! type list of several types is a union, with `null` a nullable one.

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
#[path = "type_lists_3_1/mod.rs"]
mod api;

use api::{Setting, SettingFallback, SettingKey, SettingRequired, SettingValue};
use serde_json::json;

fn main() {
    let setting: Setting = serde_json::from_value(json!({
        "key": "timeout",
        "value": "5m",
        "fallback": null,
        "note": "set by ops",
        "cleared": null,
    }))
    .unwrap();
    assert_eq!(setting.key, SettingKey::Timeout);
    assert_eq!(setting.value, SettingValue::String("5m".to_owned()));
    assert!(setting.fallback.is_null());
    assert_eq!(
        setting.note.as_option().map(String::as_str),
        Some("set by ops")
    );
    assert!(setting.cleared.is_null());

    let seconds: SettingValue = serde_json::from_value(json!(30)).unwrap();
    assert_eq!(seconds, SettingValue::Integer(30));
    // Booleans before numbers; an integer is a number.
    let fallback: SettingFallback = serde_json::from_value(json!(true)).unwrap();
    assert_eq!(fallback, SettingFallback::Boolean(true));
    let fallback: SettingFallback = serde_json::from_value(json!(2)).unwrap();
    assert_eq!(fallback, SettingFallback::Number(2.0));

    let built = Setting::new(SettingRequired {
        key: SettingKey::Timeout,
        value: SettingValue::Integer(10),
    })
    .fallback(SettingFallback::Number(1.5))
    .clear_note();
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"key": "timeout", "value": 10, "fallback": 1.5, "note": null})
    );
}
