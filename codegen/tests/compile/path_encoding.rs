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

// rustfmt must not follow these paths: the runtime is formatted where it
// lives, and a snapshot is prettyplease output that must stay byte-identical.
#[rustfmt::skip]
#[path = "../../../generated/src/runtime/mod.rs"]
mod runtime;
#[rustfmt::skip]
#[path = "../snapshots/operations/mod.rs"]
mod api;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

/// Serves `{}` to every request on a loopback port and reports each
/// request target (`/path?query`) on the channel.
fn serve() -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let address = listener.local_addr().expect("the port");
    let (targets, received) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Skip the headers (the request has no body: a GET).
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let target = request_line.split(' ').nth(1).unwrap_or_default().to_owned();
            let _ = targets.send(target);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
            );
        }
    });
    (format!("http://{address}"), received)
}

fn main() {
    let (base_url, received) = serve();
    let client = runtime::Client::from_base_url("project", "token", &base_url)
        .expect("a loopback base URL")
        .with_retry(runtime::RetryPolicy::none());
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");

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
        let target = received
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no request was sent for {shelf:?}: {result:?}"));
        assert_eq!(target, format!("/shelves/{encoded}/sections/fiction"), "for {shelf:?}");
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
