//! A typed async client for [SignalWire's REST API]: every operation of
//! SignalWire's own OpenAPI document (Fabric, Relay REST, Video,
//! Messaging, Datasphere, Projects, logs, ...), one `async` method each.
//!
//! The operations, request and response types and per-status error types
//! are generated from that document, kept verbatim in the repository, with
//! an overlay of the places where it is wrong about what the API sends
//! (`spec/README.md`); configuration, authentication, transport and errors
//! are a small hand-written runtime. Every operation is an `async` method
//! of [`Client`] and returns `Result<_, Error<OperationError>>`; list
//! operations whose pages link to each other also stream the items of
//! every page.
//!
//! [SignalWire's REST API]: https://developer.signalwire.com/rest/signalwire-rest/
//!
//! # Example
//!
//! Update a Fabric SIP endpoint (`PUT /api/fabric/resources/sip_endpoints/{id}`):
//! set its username and codecs, clear the resource it hands calls to, and
//! leave every other field unchanged. A `422` lists what was wrong; a
//! `500` is retried and, if it persists, matched the same way, with the
//! number of attempts inside the error.
//!
//! ```no_run
//! use signalwire_rest::{Client, Codecs, Error, SipEndpointUpdateRequest, UpdateSipCredentialError};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE (or SIGNALWIRE_BASE_URL)
//!     let client = Client::from_env()?;
//!     let id = signalwire_rest::uuid::Uuid::parse_str("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b")?;
//!     let request = SipEndpointUpdateRequest::new()
//!         .username("alice")
//!         .codecs([Codecs::Pcmu, Codecs::Opus])
//!         .clear_calling_handler_resource_id(); // sends `null`; untouched fields are not sent
//!
//!     match client.update_sip_credential(id, &request).await {
//!         Ok(endpoint) => println!("updated {}", endpoint.display_name),
//!         Err(Error::Api(api)) => match api.body() {
//!             UpdateSipCredentialError::UnprocessableEntity(body) => {
//!                 for item in &body.errors {
//!                     let field = item.attribute.as_option().map_or("(request)", String::as_str);
//!                     eprintln!("{field}: {}", item.message);
//!                 }
//!             }
//!             UpdateSipCredentialError::InternalServerError(body) => {
//!                 eprintln!("server error after {} attempts: {}", api.attempts(), body.error);
//!             }
//!             other => eprintln!("the API refused with {}: {other}", api.status()),
//!         },
//!         Err(error) => return Err(error.into()),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Areas
//!
//! The API is grouped by area: one module each, holding the area's
//! request, response and error types and an index of its operations (the
//! methods themselves are on [`Client`]), and one cargo feature each, all
//! on by default. A program that calls one area can compile that one
//! alone: `signalwire-rest = { default-features = false, features =
//! ["fabric"] }`. Types that several areas use are at the crate root, or
//! in the module of their namespace (listed below), each compiled only when
//! an area that uses it is on; every item of an area or namespace module is
//! also re-exported at the root. To find the method of an
//! HTTP path, search these docs for the path
//! (`/api/fabric/resources/sip_endpoints/{id}`).
//!
#![doc = include_str!("api/areas.md")]
//!
//! # Every page of a list
//!
//! A list operation returns one page (such as
//! [`Client::list_sip_credentials`]); its `_stream` twin (such as
//! [`Client::list_sip_credentials_stream`]) yields the items of every
//! page, following each page's `links.next` on the same client, and ends
//! with the error if one occurs. It is a
//! [`futures_core::Stream`](https://docs.rs/futures-core/0.3/futures_core/stream/trait.Stream.html);
//! read it with `StreamExt` of the `futures` (or `futures-util`) crate:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use futures_util::StreamExt as _;
//! use signalwire_rest::{Client, ListSipCredentialsParams};
//!
//! let client = Client::from_env()?;
//! let mut endpoints = std::pin::pin!(
//!     client.list_sip_credentials_stream(&ListSipCredentialsParams::new().page_size(100))
//! );
//! while let Some(endpoint) = endpoints.next().await {
//!     let endpoint = endpoint?;
//!     println!("{} {}", endpoint.id, endpoint.sip_endpoint.username);
//! }
//! # Ok(()) }
//! ```
//!
//! # What is where
//!
//! - [`Client`]: the operations (such as
//!   [`update_sip_credential`](Client::update_sip_credential)) and the streams
//!   of the list operations (`list_*_stream`, such as
//!   [`list_sip_credentials_stream`](Client::list_sip_credentials_stream)),
//!   the ways to build a client ([`Client::from_env`], [`Client::new`],
//!   [`Client::from_base_url`]), the per-call settings (`with_*`, and
//!   [`with_bearer_token`](Client::with_bearer_token) for operations that
//!   authenticate with a bearer token), and what it reports through
//!   `tracing`.
//! - [`ClientBuilder`]: every setting: credentials, space or base URL,
//!   timeouts, retries, the response size limit, extra headers, your own
//!   reqwest client, plain `http` for hosts that are not loopback.
//! - [`RetryPolicy`]: what is retried, how long the client waits, and
//!   when it gives up.
//! - [`defaults`]: the timeouts, limits and retry settings a client starts
//!   with.
//! - [`Error`] and [`ApiError`]: what an operation fails with;
//!   [`ConfigError`]: why a client could not be built.
//! - The area modules (see [Areas](#areas)): request and response types,
//!   one struct of query parameters per operation that has any (such as
//!   [`ListSipCredentialsParams`]), and one error enum per operation (such
//!   as [`UpdateSipCredentialError`]), generated from the API document.
//! - [`Nullable`]: a field that can be left unchanged, cleared (`null`) or
//!   set; [`UnknownValue`]: an enum value this version does not list yet.
#![cfg_attr(
    feature = "mock",
    doc = "- [`mock`] (cargo feature `mock`, off by default): a mock of the API for your own \
           tests, whose expectations are typed per operation."
)]
#![cfg_attr(
    not(feature = "mock"),
    doc = "- `mock` (cargo feature `mock`, off by default): a mock of the API for your own \
           tests, whose expectations are typed per operation."
)]
//! - Re-exports: [`header`](https://docs.rs/reqwest/0.13/reqwest/header/index.html)
//!   for extra headers; the crates whose types appear in the API:
//!   [`reqwest`](https://docs.rs/reqwest/0.13/reqwest/) 0.13 (the HTTP
//!   client), [`chrono`] (timestamps), [`uuid`] (IDs) and
//!   [`futures_core`](https://docs.rs/futures-core/0.3/futures_core/) 0.3
//!   (the `Stream` trait of the list streams).
//!
//! The client waits with `tokio`'s timer: call it inside a Tokio runtime
//! with the time driver enabled (as `#[tokio::main]` does).

#![deny(missing_docs)]
// On docs.rs, each item says which cargo feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
// The crate has no unit tests (the runtime's are in its own crate,
// `signalwire-rest-runtime`), and a test build of it (`cargo test
// --all-targets`, `cargo clippy --all-targets`) would compile the whole
// generated client a second time: that build sees an empty crate.
#![cfg(not(test))]

#[rustfmt::skip]
mod api;
/// The examples of `GUIDE.md`, the client's guide, are compiled as doc tests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../GUIDE.md")]
struct ReadmeDoctests;
// The hand-written runtime, which generated code names `crate::runtime`.
use signalwire_rest_runtime as runtime;

// `Client`, `ClientBuilder` and the module `mock`: generated operations
// and expectations are inherent methods of them, so they are defined here,
// each a wrapper of the runtime's state; the runtime writes them.
runtime::client!(api::SERVER_URL, api::SERVER_VARIABLES);

pub use api::*;
#[doc(no_inline)]
pub use chrono;
#[doc(no_inline)]
pub use futures_core;
#[doc(no_inline)]
pub use reqwest;
/// HTTP header names and values for extra headers
/// ([`ClientBuilder::default_header`], [`Client::with_header`]): the
/// `header` module of reqwest 0.13 (and of the `http` crate), re-exported
/// so that you need not depend on either.
#[doc(no_inline)]
pub use reqwest::header;
#[doc(inline)]
pub use runtime::defaults;
#[doc(inline)]
pub use runtime::{ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE, USER_AGENT};
#[doc(no_inline)]
pub use uuid;

/// Re-exports the runtime's types beside those its `client!` defined, and
/// fails the build unless their names are exactly the names the generator
/// keeps generated types off (its `codegen/src/reserved.rs`, as the
/// generated `api` module carries them). Every type the crate root has from
/// the runtime goes through here.
macro_rules! export_runtime_types {
    (defined: $($defined:ident),* ; exported: $($name:ident),* $(,)?) => {
        #[doc(inline)]
        pub use runtime::{$($name),*};

        const _: () = assert!(
            same_names(
                &[$(stringify!($defined),)* $(stringify!($name)),*],
                api::RUNTIME_TYPE_NAMES,
            ),
            "TYPE_NAMES in codegen/src/reserved.rs must list exactly the types lib.rs has from the \
             runtime with export_runtime_types!; change it, then run `cargo xtask codegen`"
        );
    };
}

// The generator keeps operations off the names of `Client`'s own methods.
const _: () = assert!(
    same_names(CLIENT_METHODS, api::RUNTIME_CLIENT_METHODS),
    "CLIENT_METHODS in codegen/src/reserved.rs must list exactly the methods the runtime's \
     client! defines on Client (in its client_methods! block); change it, then run `cargo xtask \
     codegen`"
);

/// Whether `a` and `b` hold the same names (in any order), at compile time.
const fn same_names(a: &[&str], b: &[&str]) -> bool {
    const fn contains(list: &[&str], name: &str) -> bool {
        let mut i = 0;
        while i < list.len() {
            if list[i].len() == name.len() {
                let (x, y) = (list[i].as_bytes(), name.as_bytes());
                let mut j = 0;
                while j < x.len() && x[j] == y[j] {
                    j += 1;
                }
                if j == x.len() {
                    return true;
                }
            }
            i += 1;
        }
        false
    }
    let mut i = 0;
    while i < a.len() {
        if !contains(b, a[i]) {
            return false;
        }
        i += 1;
    }
    let mut i = 0;
    while i < b.len() {
        if !contains(a, b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

export_runtime_types!(
    defined: Client, ClientBuilder;
    exported: ApiError,
    ConfigError,
    Error,
    Nullable,
    RetryPolicy,
    UnknownValue,
);

/// The version of this crate, as in its `Cargo.toml`; the `User-Agent`
/// ([`USER_AGENT`]) names it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
