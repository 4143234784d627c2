//! The `operations` snapshot compiles with the client runtime: every
//! operation is a method of `Client` taking its path parameters (by their
//! types) and its body (required: a reference; optional: an `Option`), and
//! each error enum reports its statuses and descriptions.

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
#[path = "operations/mod.rs"]
mod api;

use api::{
    AddBookConflictBody, AddBookError, BookInput, DeleteBookError, ErrorMessage, GetBookError,
    PutCoverResolution, Section, UpdateBookRequest, ValidationErrors, ValidationErrorsItem,
};

fn main() {
    let id = uuid::Uuid::nil();
    let client = Client::from_base_url("project", "token", "http://127.0.0.1:9").unwrap();
    let input = BookInput::new("Dune").tags(["sf".to_owned()]);
    let update = UpdateBookRequest::new().title("Dune").clear_note();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    let cover = "cover".to_owned();

    // Building each request future checks the signatures; none is polled.
    let _unpolled = client.list_shelf_books(7_i64);
    let _unpolled = client.add_book(7_i64, &input);
    let _unpolled = client.get_book(id);
    let _unpolled = client.update_book(id, Some(&update));
    let _unpolled = client.update_book(id, None);
    let _unpolled = client.delete_book(id);
    let _unpolled = client.put_cover(id, PutCoverResolution::Large, &cover);
    let _unpolled = client.get_section("A", Section::NonFiction);
    let _unpolled = client.post_boxes_body_self_on("box", true, on, &input);
    let _unpolled = client.get_author(id);

    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        serde_json::json!({"title": "Dune", "note": null})
    );

    // Error enums: one variant per declared status, with its body type or none.
    let conflict = AddBookError::Conflict(AddBookConflictBody::new(id));
    assert_eq!(conflict.status(), 409);
    assert_eq!(
        conflict.to_string(),
        "Another book with this ISBN is on the shelf"
    );
    let refused =
        AddBookError::UnprocessableEntity(ValidationErrors::new([ValidationErrorsItem::new(
            "too long",
        )
        .field("title")]));
    assert_eq!(refused.status(), 422);
    assert_eq!(AddBookError::TooManyRequests.status(), 429);
    assert_eq!(
        AddBookError::NotFound(ErrorMessage::new("gone")).status(),
        404
    );
    assert_eq!(DeleteBookError::Status418.status(), 418);
    assert_eq!(
        DeleteBookError::Status418.to_string(),
        "The shop refuses to delete books on Tuesdays"
    );
    assert_eq!(
        GetBookError::InternalServerError(ErrorMessage::new("x")).to_string(),
        "The shop is broken"
    );
}
