//! The `formats` snapshot compiles with the client runtime, with each
//! format's Rust type, `const` as a one-value enum and a `null`-only field.

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
#[path = "formats/mod.rs"]
mod api;

use api::{Token, TokenKind, TokenRequired};
use serde_json::json;

fn main() {
    let token: Token = serde_json::from_value(json!({
        "id": "01234567-89ab-cdef-0123-456789abcdef",
        "value": "eyJhbGciOi.x.y",
        "kind": "subscriber",
        "issued_at": "2026-01-02T03:04:05Z",
        "expires_on": "2026-02-01",
        "lifetime_secs": 3600,
        "uses": 5_000_000_000_i64,
        "score": 1.5,
        "weight": 0.25,
        "callback": "https://example.test/cb",
        "revoked": null,
    }))
    .unwrap();
    // Each format has its Rust type: the compiler checks these annotations.
    let _: uuid::Uuid = token.id;
    let _: &String = &token.value;
    let lifetime: Option<i32> = token.lifetime_secs;
    let uses: Option<i64> = token.uses;
    let score: Option<f32> = token.score;
    let weight: Option<f64> = token.weight;
    assert_eq!(
        (lifetime, uses, score, weight),
        (Some(3600), Some(5_000_000_000), Some(1.5), Some(0.25))
    );
    assert_eq!(token.expires_on.unwrap().to_string(), "2026-02-01");
    assert_eq!(token.callback.as_deref(), Some("https://example.test/cb"));
    assert_eq!(token.kind, TokenKind::Subscriber);
    assert!(token.revoked.is_null());

    let built = Token::new(TokenRequired {
        id: token.id,
        value: "v".to_owned(),
        kind: TokenKind::Subscriber,
    });
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"id": "01234567-89ab-cdef-0123-456789abcdef", "value": "v", "kind": "subscriber"})
    );
}
