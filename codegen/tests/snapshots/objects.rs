//! The `objects` snapshot compiles with the client runtime, and its structs
//! serialise as the fixture says: renamed keywords, explicit `null` only
//! where asked, absent optional fields left out.

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
#[path = "objects/mod.rs"]
mod api;

use std::collections::BTreeMap;

use api::{
    Author, AuthorRequired, Book, BookDimensions, BookDimensionsRequired, BookEditionsItem, BookId,
    BookRequired, Metadata,
};

fn main() {
    let id: BookId = uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    let book = Book::new(BookRequired {
        id,
        title: "Dune".to_owned(),
        subtitle: None,
        page_count: 412,
        price: 9.5,
        type_: "novel".to_owned(),
        self_: "https://bookshop.example.test/books/1".to_owned(),
    })
    .copies_sold(20_000_000_000)
    .clear_discount()
    .dimensions(
        BookDimensions::new(BookDimensionsRequired {
            width_mm: 140,
            height_mm: 210,
        })
        .depth_mm(30),
    )
    .editions([BookEditionsItem::new().year(1965)])
    .co_author_ids([id])
    .ratings(BTreeMap::from([("fr".to_owned(), 4.5)]))
    .metadata(Metadata::from([("shelf".to_owned(), "A3".to_owned())]))
    .author(Author::new(AuthorRequired {
        name: "Frank Herbert".to_owned(),
        born_on: None,
    }))
    .n_2nd_hand(true)
    .camel_case_name("x");
    let json = serde_json::to_value(&book).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "01234567-89ab-cdef-0123-456789abcdef",
            "page_count": 412,
            "self": "https://bookshop.example.test/books/1",
            "subtitle": null,
            "title": "Dune",
            "type": "novel",
            "price": 9.5,
            "copies_sold": 20_000_000_000_i64,
            "discount": null,
            "dimensions": {"width_mm": 140, "height_mm": 210, "depth_mm": 30},
            "editions": [{"year": 1965}],
            "co_author_ids": ["01234567-89ab-cdef-0123-456789abcdef"],
            "ratings": {"fr": 4.5},
            "metadata": {"shelf": "A3"},
            "author": {"name": "Frank Herbert", "born_on": null},
            "2nd_hand": true,
            "camelCaseName": "x",
        })
    );
    let back: Book = serde_json::from_value(json).unwrap();
    assert_eq!(back, book);
    assert!(back.discount.is_null() && back.crate_.is_absent());

    // A response with dates and free-form values.
    let received: Book = serde_json::from_value(serde_json::json!({
        "id": "01234567-89ab-cdef-0123-456789abcdef",
        "title": "Dune",
        "subtitle": "A novel",
        "page_count": 412,
        "price": 9.5,
        "type": "novel",
        "self": "https://bookshop.example.test/books/1",
        "published_on": "1965-08-01",
        "updated_at": "2024-05-06T07:08:09Z",
        "extra": {"signed": true},
        "anything": [1, "two"],
        "crate": "box 7",
        "nested_lists": [["a"], []],
        "shelf_counts": {"A3": {"copies": 2}},
    }))
    .unwrap();
    assert_eq!(received.subtitle.as_deref(), Some("A novel"));
    assert_eq!(received.published_on.unwrap().to_string(), "1965-08-01");
    assert_eq!(received.updated_at.unwrap().timestamp(), 1_714_979_289);
    assert_eq!(
        received.crate_.as_option().map(String::as_str),
        Some("box 7")
    );
    assert_eq!(received.shelf_counts.unwrap()["A3"].copies, Some(2));

    // The server template of the fixture, with the space in its first variable.
    let client = Client::new("project", "token", "downtown").unwrap();
    assert_eq!(
        client.base_url(),
        "https://downtown.bookshop.example.test/v2"
    );
}
