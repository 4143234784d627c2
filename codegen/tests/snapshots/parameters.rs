//! The `parameters` snapshot compiles with the client runtime, and its
//! client, run against a loopback server, sends query parameters (encoded,
//! arrays repeated or joined as the document's `explode` says, unset ones
//! left out) and header parameters exactly as declared.

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
#[path = "parameters/mod.rs"]
mod api;
#[path = "loopback.rs"]
mod loopback;

use api::{Genre, ListCopiesParams, SearchBooksParams, SearchBooksXRegion};
use loopback::{Reply, next, serve};

fn main() {
    let (base_url, received) = serve(|_| Reply::json(200, "[\"Dune\"]"));
    let (client, tokio) = loopback::client(&base_url);
    let since = chrono::DateTime::parse_from_rfc3339("2024-05-06T14:20:00+02:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let shelf = uuid::Uuid::parse_str("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b").unwrap();

    // Every parameter set: each in the order of the declaration (the path
    // item's first), the operation's `limit` in place of the path item's.
    let params = SearchBooksParams::new("dune & co")
        .cursor("c/2?")
        .limit(5)
        .available(true)
        .since(since)
        .shelf(shelf)
        .genre([Genre::Fiction, Genre::from("sci-fi")])
        .fields(["title".to_owned(), "author,first".to_owned()])
        .x_request_id("req-1")
        .x_region(SearchBooksXRegion::Eu)
        .x_tags([1, 2]);
    let books = tokio.block_on(client.search_books(&params)).expect("a 200");
    assert_eq!(books, ["Dune"]);
    let request = next(&received);
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/books?cursor=c%2F2%3F&q=dune%20%26%20co&limit=5&available=true\
         &since=2024-05-06T12%3A20%3A00Z&shelf=6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b\
         &genre=fiction&genre=sci-fi&fields=title,author%2Cfirst"
    );
    assert_eq!(request.header("x-request-id"), Some("req-1"));
    assert_eq!(request.header("x-region"), Some("eu"));
    assert_eq!(request.header("x-tags"), Some("1,2"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert!(
        request
            .header("authorization")
            .is_some_and(|v| v.starts_with("Basic "))
    );

    // Only the required parameter: nothing else is sent.
    tokio
        .block_on(client.search_books(&SearchBooksParams::new("x")))
        .expect("a 200");
    let request = next(&received);
    assert_eq!(request.target, "/books?q=x");
    for name in ["x-request-id", "x-region", "x-tags"] {
        assert_eq!(request.header(name), None, "{name}");
    }

    // Empty arrays are left out, as unset ones are.
    let params = SearchBooksParams::new("x").genre([]).fields([]);
    tokio.block_on(client.search_books(&params)).expect("a 200");
    assert_eq!(next(&received).target, "/books?q=x");

    // No query parameter set: no `?`; the required header is sent.
    tokio
        .block_on(client.list_copies("c1", &ListCopiesParams::new("req-2")))
        .expect("a 200");
    let request = next(&received);
    assert_eq!(request.target, "/books/c1/copies");
    assert_eq!(request.header("x-request-id"), Some("req-2"));
    tokio
        .block_on(client.list_copies("c1", &ListCopiesParams::new("req-3").page(2)))
        .expect("a 200");
    assert_eq!(next(&received).target, "/books/c1/copies?page=2");

    // A header value that cannot be sent is refused before anything is.
    let error = tokio
        .block_on(client.list_copies("c1", &ListCopiesParams::new("a\r\nx-evil: 1")))
        .expect_err("a line break in a header");
    assert!(
        matches!(
            error,
            runtime::Error::InvalidHeaderParameter {
                name: "x-request-id",
                path_template: "/books/{id}/copies"
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 0);
    assert!(received.try_recv().is_err(), "a refused request was sent");
}
