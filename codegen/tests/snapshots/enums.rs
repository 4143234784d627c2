//! The `enums` snapshot compiles with the client runtime, and its enums
//! parse, print and (de)serialise every listed value exactly as written,
//! keep unlisted values in the catch-all variant, and default as the
//! fixture says.

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
#[path = "enums/mod.rs"]
mod api;

use api::{
    Availability, CoverResolution, Edition, EditionBinding, EditionCondition, EditionLabelsItem,
    Encryption, Spelling,
};

fn main() {
    // Listed values land in their own variants, whatever their spelling.
    assert_eq!("block-pstn".parse(), Ok(Availability::BlockPstn));
    assert_eq!(Availability::from("Unknown"), Availability::Unknown);
    assert!(Availability::Unknown.is_known());
    assert_eq!(
        Encryption::from("AES_256_CM_HMAC_SHA1_80"),
        Encryption::Aes256CmHmacSha1_80
    );
    assert_eq!(CoverResolution::V1080p.as_str(), "1080p");
    assert_eq!(CoverResolution::V720p.to_string(), "720p");

    // An unlisted value is kept in the catch-all, whose name avoids the
    // listed value `Unknown`.
    let later = Availability::from("discontinued");
    assert!(matches!(&later, Availability::Unlisted(value) if value.as_str() == "discontinued"));
    assert!(!later.is_known());
    assert_eq!(serde_json::to_string(&later).unwrap(), "\"discontinued\"");

    // Values whose names collide keep their document order and their own wire text.
    let spellings: Vec<&str> = Spelling::KNOWN.iter().map(Spelling::as_str).collect();
    assert_eq!(
        spellings,
        [
            "paper-back",
            "paper_back",
            "PaperBack",
            "Unknown",
            "Unlisted",
            "Other",
            "self",
            "type",
            "+",
            ""
        ]
    );
    assert_eq!(Spelling::from("PaperBack"), Spelling::PaperBack3);
    assert_eq!(Spelling::from(""), Spelling::Empty);
    assert_eq!(Spelling::from("+"), Spelling::U002B);
    assert_eq!(Spelling::from("self"), Spelling::Self_);
    assert!(matches!(Spelling::from("Unknown2"), Spelling::Unknown2(_)));

    // Defaults from the document.
    assert_eq!(Availability::default(), Availability::PreOrder);
    assert_eq!(Encryption::default(), Encryption::None);

    // Inline enums, arrays of them, and a nullable one in a struct.
    let edition = Edition::new(EditionBinding::Hardcover)
        .labels([EditionLabelsItem::Signed, EditionLabelsItem::New])
        .clear_condition();
    assert_eq!(
        serde_json::to_value(&edition).unwrap(),
        serde_json::json!({"binding": "hardcover", "labels": ["signed", "new"], "condition": null})
    );
    let received: Edition = serde_json::from_value(serde_json::json!({
        "binding": "spiral",
        "condition": "good",
        "availability": "Unknown",
    }))
    .unwrap();
    assert_eq!(received.binding.as_str(), "spiral");
    assert!(!received.binding.is_known());
    assert_eq!(
        received.condition.as_option(),
        Some(&EditionCondition::Good)
    );
    assert_eq!(received.availability, Some(Availability::Unknown));
}
