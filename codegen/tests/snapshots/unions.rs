//! The `unions` snapshot compiles with the client runtime, and its unions
//! decode each value into the member the documented order picks, encode as
//! the value itself, merge string enums into one open enum, and pick the
//! variant of a `oneOf` by its discriminator.

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
#[path = "unions/mod.rs"]
mod api;

use api::{
    Cat, CatRequired, Circle, Dog, Language, Pet, Play, PlayRepeat, PlaySay, PlayStatus,
    PlayVolume, Shape, Speech, Square, Step, Voice,
};
use serde_json::json;

fn main() {
    // A number, or a variable that stands for one: integers before strings.
    let play: Play = serde_json::from_value(json!({
        "url": "https://example.test/a.mp3",
        "volume": 2.5,
        "repeat": "%{call.repeat}",
        "say": ["hello", "world"],
        "status": "cancelled",
    }))
    .unwrap();
    assert_eq!(play.volume, Some(PlayVolume::Number(2.5)));
    assert_eq!(
        play.repeat,
        Some(PlayRepeat::Variable("%{call.repeat}".to_owned()))
    );
    assert_eq!(
        play.say,
        Some(PlaySay::Array(vec!["hello".to_owned(), "world".to_owned()]))
    );
    assert_eq!(play.status.as_option(), Some(&PlayStatus::Cancelled));
    let repeat: PlayRepeat = serde_json::from_value(json!(3)).unwrap();
    assert_eq!(repeat, PlayRepeat::Integer(3));
    // An integer is a number too, but the number member is the only one here.
    let volume: PlayVolume = serde_json::from_value(json!(-3)).unwrap();
    assert_eq!(volume, PlayVolume::Number(-3.0));
    let say: PlaySay = serde_json::from_value(json!("hi")).unwrap();
    assert_eq!(say, PlaySay::String("hi".to_owned()));

    // Sent as the value itself.
    let sent = Play::new("https://example.test/a.mp3")
        .repeat(PlayRepeat::Integer(2))
        .volume(PlayVolume::Variable("%{v}".to_owned()))
        .clear_status();
    assert_eq!(
        serde_json::to_value(&sent).unwrap(),
        json!({"url": "https://example.test/a.mp3", "volume": "%{v}", "repeat": 2, "status": null})
    );

    // Two enums merged into one open enum, values in document order.
    assert_eq!(
        PlayStatus::KNOWN,
        &[PlayStatus::Done, PlayStatus::Failed, PlayStatus::Cancelled]
    );
    // An enum and any string: the open enum keeps the unlisted ones.
    assert_eq!(Voice::from("echo"), Voice::Echo);
    assert_eq!(Voice::from("nova").as_str(), "nova");
    assert!(!Voice::from("nova").is_known());
    // A `$ref` to an enum and any string: that enum itself.
    let speech: Speech = Language::FrFr;
    assert_eq!(serde_json::to_value(&speech).unwrap(), json!("fr-FR"));

    // Two `$ref`s to objects: the first that accepts the value.
    let step: Step = serde_json::from_value(json!({"reason": "busy"})).unwrap();
    assert!(matches!(&step, Step::Hangup(h) if h.reason == "busy"));
    let step: Step = serde_json::from_value(json!({"url": "u"})).unwrap();
    assert!(matches!(&step, Step::Play(p) if p.url == "u"));

    // `oneOf` with a discriminator and a mapping: each tag picks its member,
    // and the member keeps the tag it was given.
    let kitten: Pet = serde_json::from_value(json!({"pet_type": "kitten", "name": "Tom"})).unwrap();
    assert_eq!(
        kitten,
        Pet::from(Cat::new(CatRequired {
            pet_type: "kitten".to_owned(),
            name: "Tom".to_owned(),
        }))
    );
    assert_eq!(
        serde_json::to_value(&kitten).unwrap(),
        json!({"pet_type": "kitten", "name": "Tom"})
    );
    // A member without the property gets its tag when sent.
    let dog = Pet::from(Dog::new(true));
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"pet_type": "dog", "bark": true})
    );
    let back: Pet = serde_json::from_value(json!({"pet_type": "dog", "bark": false})).unwrap();
    assert_eq!(back, Pet::Dog(Box::new(Dog::new(false))));
    // A tag the document does not list is kept as received.
    let parrot: Pet = serde_json::from_value(json!({"pet_type": "parrot", "words": 3})).unwrap();
    assert_eq!(
        parrot,
        Pet::Unknown(json!({"pet_type": "parrot", "words": 3}))
    );
    assert_eq!(
        serde_json::to_value(&parrot).unwrap(),
        json!({"pet_type": "parrot", "words": 3})
    );
    // A known tag with a body its member refuses is an error, not a guess.
    assert!(serde_json::from_value::<Pet>(json!({"pet_type": "dog"})).is_err());

    // Without a mapping, the tags are the schema names.
    let square: Shape = serde_json::from_value(json!({"kind": "Square", "side": 2.0})).unwrap();
    assert_eq!(square, Shape::from(Square::new(2.0)));
    assert_eq!(
        serde_json::to_value(Shape::from(Circle::new(1.5))).unwrap(),
        json!({"kind": "Circle", "radius": 1.5})
    );
}
