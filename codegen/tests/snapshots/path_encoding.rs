//! A client generated from the `operations` fixture (a bookshop, not
//! SignalWire), run against a tiny local server: every string path
//! parameter is percent-encoded by the generated code, so a value holding
//! `../`, `?`, `#`, `/` or `%` stays inside its own path segment and can
//! never reach another resource or turn into a query or a fragment; the dot
//! segments `.` and `..` are refused before anything is sent.

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

#[path = "loopback.rs"]
mod loopback;

use loopback::{Reply, serve};

fn main() {
    let (base_url, received) = serve(|_| Reply::json(200, "{}"));
    let (client, tokio) = loopback::client(&base_url);

    for (shelf, encoded) in [
        ("../admin", "..%2Fadmin"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("x#fragment", "x%23fragment"),
        ("../../etc/passwd?x#y", "..%2F..%2Fetc%2Fpasswd%3Fx%23y"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("caf\u{e9}", "caf%C3%A9"),
    ] {
        // Only the request line matters here, not how the reply decodes.
        let result = tokio.block_on(client.get_section(shelf, api::Section::from("fiction")));
        let request = received
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no request was sent for {shelf:?}: {result:?}"));
        assert_eq!(
            request.target,
            format!("/shelves/{encoded}/sections/fiction"),
            "for {shelf:?}"
        );
    }

    for shelf in ["..", ".", ""] {
        let error = tokio
            .block_on(client.get_section(shelf, api::Section::from("fiction")))
            .expect_err("a dot segment would reach another resource");
        assert!(
            matches!(error, runtime::Error::InvalidPathParameter { name, .. } if name == "shelf"),
            "{shelf:?}: {error:?}"
        );
    }
    assert!(received.try_recv().is_err(), "a refused path was sent");
}
