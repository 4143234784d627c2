//! The `compositions` snapshot compiles with the client runtime: `allOf`
//! members merged into one struct, a wrapper's description on the field,
//! the fields an object shares with its `oneOf` beside the flattened union,
//! a flattened map of the other properties, and boxed recursive types.

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
#[path = "compositions/mod.rs"]
mod api;

use std::collections::BTreeMap;

use api::{
    Address, AddressOneOf, AddressRequired, Bike, Booking, Car, CarRequired, Contact, Detect,
    DetectFax, DetectFaxType, DetectKind, DetectMachine, DetectMachineType, EmailAddress,
    Expression, Folder, Labels, PhoneAddress, Room, RoomKind, RoomRequired, Sum, SumRequired,
    Vehicle,
};
use serde_json::json;

fn main() {
    // Three `allOf` members, one struct; `kind` narrowed to an enum.
    let room: Room = serde_json::from_value(json!({
        "name": "Blue",
        "created_at": "2026-01-02T03:04:05Z",
        "size": 12,
        "kind": "video",
    }))
    .unwrap();
    assert_eq!(room.name, "Blue");
    assert_eq!(room.size, 12);
    assert_eq!(room.kind, Some(RoomKind::Video));
    assert_eq!(room.created_at.timestamp(), 1_767_323_045);
    // `name` is required because the third member says so.
    assert!(
        serde_json::from_value::<Room>(json!({"created_at": "2026-01-02T03:04:05Z", "size": 1}))
            .is_err()
    );
    let built = Room::new(RoomRequired {
        name: "Blue".to_owned(),
        created_at: room.created_at,
        size: 12,
    })
    .kind(RoomKind::Video);
    assert_eq!(built, room);

    // A single-`$ref` wrapper is the referenced type.
    let booking = Booking::new(built.clone()).backup(built);
    let json = serde_json::to_value(&booking).unwrap();
    assert_eq!(json["room"]["name"], "Blue");
    assert_eq!(json["backup"]["size"], 12);

    // The shared fields and the `oneOf` member in one object.
    let address: Address =
        serde_json::from_value(json!({"id": "a1", "email": "x@example.test"})).unwrap();
    assert_eq!(address.id, "a1");
    assert_eq!(
        address.one_of,
        AddressOneOf::from(EmailAddress::new("x@example.test"))
    );
    let phone = Address::new(AddressRequired {
        id: "a2".to_owned(),
        one_of: PhoneAddress::new("+15550100").into(),
    });
    assert_eq!(
        serde_json::to_value(&phone).unwrap(),
        json!({"id": "a2", "number": "+15550100"})
    );

    // Properties the document does not name land in the map, and go back.
    let labels: Labels =
        serde_json::from_value(json!({"color": "red", "width": 3, "height": 4})).unwrap();
    assert_eq!(labels.color.as_deref(), Some("red"));
    assert_eq!(
        labels.additional_properties,
        BTreeMap::from([("height".to_owned(), 4), ("width".to_owned(), 3)])
    );
    let sent = Labels::new().additional_properties([("depth".to_owned(), 5)]);
    assert_eq!(serde_json::to_value(&sent).unwrap(), json!({"depth": 5}));

    // `anyOf` members that only require properties add no type.
    let contact: Contact = serde_json::from_value(json!({"email": "x@example.test"})).unwrap();
    assert_eq!(contact, Contact::new().email("x@example.test"));

    // A `discriminator` parent whose children merge it: the parent is the
    // union of its children, each with the parent's fields, sent once.
    let vehicle: Vehicle = serde_json::from_value(json!({"kind": "Car", "doors": 4})).unwrap();
    let car = Car::new(CarRequired {
        kind: "Car".to_owned(),
        doors: 4,
    });
    assert_eq!(vehicle, Vehicle::from(car.clone()));
    assert_eq!(
        serde_json::to_value(Vehicle::from(car)).unwrap(),
        json!({"kind": "Car", "doors": 4})
    );
    let bike: Vehicle = serde_json::from_value(json!({"kind": "Bike", "gears": 21})).unwrap();
    assert_eq!(bike, Vehicle::from(Bike::new("Bike").gears(21)));

    // A `discriminator` parent without a `oneOf` is the union of the
    // schemas that merge it: by its `mapping` (`fax`), else by schema name.
    // Each child's `type` is its own narrowed enum, not the parent's.
    let fax: Detect = serde_json::from_value(json!({"type": "fax", "tone": "CNG"})).unwrap();
    assert_eq!(
        fax,
        Detect::from(DetectFax::new(DetectFaxType::Fax).tone("CNG"))
    );
    let machine: Detect = serde_json::from_value(json!({"type": "DetectMachine"})).unwrap();
    assert!(
        matches!(&machine, Detect::DetectMachine(m) if m.type_ == DetectMachineType::from("DetectMachine"))
    );
    let unmapped: Detect = serde_json::from_value(json!({"type": "machine"})).unwrap();
    assert_eq!(unmapped, Detect::Unknown(json!({"type": "machine"})));
    assert_eq!(
        serde_json::to_value(Detect::from(
            DetectMachine::new(DetectMachineType::Machine).timeout(2.5)
        ))
        .unwrap(),
        json!({"type": "machine", "timeout": 2.5})
    );
    assert_eq!(DetectKind::KNOWN.len(), 3);

    // Types that hold themselves are boxed.
    let nested = Folder::new("child").parent(Folder::new("root"));
    let json = serde_json::to_value(&nested).unwrap();
    assert_eq!(json, json!({"name": "child", "parent": {"name": "root"}}));
    let back: Folder = serde_json::from_value(json).unwrap();
    assert_eq!(
        back.parent.as_deref().map(|p| p.name.as_str()),
        Some("root")
    );

    let sum: Expression =
        serde_json::from_value(json!({"left": 1, "right": {"left": 2, "right": 3}})).unwrap();
    let Expression::Sum(outer) = &sum else {
        panic!("an object is a sum: {sum:?}")
    };
    assert_eq!(*outer.left, Expression::Integer(1));
    assert!(
        matches!(&*outer.right, Expression::Sum(inner) if *inner.right == Expression::Integer(3))
    );
    let built = Expression::Sum(Box::new(Sum::new(SumRequired {
        left: Box::new(Expression::Integer(1)),
        right: Box::new(Expression::Integer(2)),
    })));
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"left": 1, "right": 2})
    );
}
