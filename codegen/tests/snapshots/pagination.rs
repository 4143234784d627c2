//! The `pagination` snapshot compiles with the client runtime: only
//! `list_events` has the shape of a page, so only it has a `_stream`
//! method. Run against a loopback server, the stream follows `links.next`
//! (relative to the base URL here) with the header parameter on every page,
//! and stops at a `null` one.

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
#[path = "pagination/mod.rs"]
mod api;
#[path = "loopback.rs"]
mod loopback;

use futures_util::StreamExt as _;
use loopback::{Reply, next, serve};

fn main() {
    let (base_url, received) = serve(|request| match request.target.as_str() {
        "/prefix/events?limit=2" => Reply::json(
            200,
            r#"{"entries": [{"name": "a"}, {"name": "b"}], "links": {"next": "events?limit=2&after=b"}}"#,
        ),
        "/prefix/events?limit=2&after=b" => Reply::json(
            200,
            r#"{"entries": [{"name": "c"}], "links": {"next": null}}"#,
        ),
        _ => Reply::empty(404),
    });
    let (client, tokio) = loopback::client(&format!("{base_url}/prefix"));

    let params = api::ListEventsParams::new("acme").limit(2);
    let names: Vec<String> = tokio.block_on(
        client
            .list_events_stream(&params)
            .map(|event| event.expect("a decoded event").name)
            .collect(),
    );
    assert_eq!(names, ["a", "b", "c"]);
    for target in ["/prefix/events?limit=2", "/prefix/events?limit=2&after=b"] {
        let request = next(&received);
        assert_eq!(request.target, target);
        assert_eq!(request.header("x-tenant"), Some("acme"));
    }

    // A declared error of a page ends the stream with it.
    let items: Vec<_> = tokio.block_on(
        client
            .list_events_stream(&api::ListEventsParams::new("acme"))
            .collect(),
    );
    assert!(
        matches!(
            items.as_slice(),
            [Err(runtime::Error::Api(api))] if api.status() == 404
        ),
        "{items:?}"
    );

    // The one-page methods of the other operations are there.
    let _unpolled = client.search_events();
    let _unpolled = client.list_pairs();
    let _unpolled = client.list_numbered();
}
