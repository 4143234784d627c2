//! The `responses` snapshot compiles with the client runtime, and its
//! client, run against a loopback server, decodes a `201`, a `204` without
//! a body, a `text/plain` body, and error statuses, `4XX`/`5XX` ranges and
//! `default` into the variants of the error enum, each keeping the status
//! it came with.

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
#[path = "responses/mod.rs"]
mod api;
#[path = "loopback.rs"]
mod loopback;

use api::{CreateNoteError, DeleteNoteError, Note, NoteTextError, Problem};
use loopback::{Reply, next, serve};

/// The declared error of `result`, with the status of the `Error` and of the variant.
fn api_error<T: std::fmt::Debug, E: std::fmt::Debug>(
    result: Result<T, runtime::Error<E>>,
) -> (u16, E) {
    match result {
        Err(runtime::Error::Api(api)) => (api.status(), api.into_body()),
        other => panic!("not an API error: {other:?}"),
    }
}

fn main() {
    // The reply is chosen by the request's path.
    let (base_url, received) = serve(|request| match request.target.as_str() {
        "/notes" => Reply::json(201, r#"{"title": "Groceries"}"#),
        "/notes/n1" => Reply::empty(204),
        "/notes/x404" => Reply::json(404, r#"{"detail": "no such note"}"#),
        "/notes/x502" => Reply::json(502, r#"{"detail": "bad gateway"}"#),
        "/notes/n1/text" => Reply::text(200, "milk\neggs"),
        _ => Reply::empty(400),
    });
    let (client, tokio) = loopback::client(&base_url);

    let note = tokio
        .block_on(client.create_note(&Note::new("Groceries")))
        .expect("a 201");
    assert_eq!(note, Note::new("Groceries"));
    let request = next(&received);
    assert_eq!(
        (request.method.as_str(), request.body.as_slice()),
        ("POST", &br#"{"title":"Groceries"}"#[..])
    );

    // `delete_note` returns `()` on 204.
    let deleted: () = tokio.block_on(client.delete_note("n1")).expect("a 204");
    assert_eq!(deleted, ());
    assert_eq!(next(&received).method, "DELETE");

    // A declared status, a `default` that keeps the real status.
    let (status, error) = api_error(tokio.block_on(client.delete_note("x404")));
    next(&received);
    assert_eq!((status, error.status()), (404, 404));
    assert_eq!(
        error,
        DeleteNoteError::NotFound(Problem::new("no such note"))
    );
    let (status, error) = api_error(tokio.block_on(client.delete_note("x502")));
    next(&received);
    assert_eq!((status, error.status()), (502, 502));
    assert_eq!(
        error,
        DeleteNoteError::Other {
            status: 502,
            body: Problem::new("bad gateway")
        }
    );
    assert_eq!(error.to_string(), "Anything else went wrong");

    // Ranges: an exact status wins over its range; each keeps its status.
    // `create_note` posts to `<base>/notes`: a base URL per case, answered
    // by its first path segment.
    let (prefix_url, prefix_received) =
        serve(
            |request| match request.target.split('/').nth(1).unwrap_or_default() {
                "x409" => Reply::empty(409),
                "x418" => Reply::json(418, r#"{"detail": "teapot"}"#),
                _ => Reply::text(503, "down for maintenance"),
            },
        );
    let at = |case: &str| {
        Client::from_base_url("project", "token", &format!("{prefix_url}/{case}"))
            .unwrap()
            .with_retry(runtime::RetryPolicy::none())
    };
    let note = Note::new("x");
    let (status, error) = api_error(tokio.block_on(at("x409").create_note(&note)));
    assert_eq!((status, error.clone()), (409, CreateNoteError::Conflict));
    assert_eq!(error.status(), 409);
    let (status, error) = api_error(tokio.block_on(at("x418").create_note(&note)));
    assert_eq!(status, 418);
    assert_eq!(
        error,
        CreateNoteError::ClientError {
            status: 418,
            body: Problem::new("teapot")
        }
    );
    assert_eq!(error.status(), 418);
    let (status, error) = api_error(tokio.block_on(at("x503").create_note(&note)));
    assert_eq!(status, 503);
    assert_eq!(
        error,
        CreateNoteError::ServerError {
            status: 503,
            body: "down for maintenance".to_owned()
        }
    );
    assert_eq!(error.status(), 503);
    assert_eq!(error.to_string(), "The service failed");
    for _ in 0..3 {
        next(&prefix_received);
    }

    // A text/plain success is a `String`, asked for with `Accept: text/plain`.
    let text = tokio.block_on(client.note_text("n1")).expect("a 200");
    assert_eq!(text, "milk\neggs");
    assert_eq!(next(&received).header("accept"), Some("text/plain"));
    // `default` without a body.
    let (status, error) = api_error(tokio.block_on(client.note_text("n2")));
    assert_eq!((status, error), (400, NoteTextError::Other { status: 400 }));
}
