//! A typed async client for SignalWire's [Fabric REST API].
//!
//! The operations, request and response types and per-status error types
//! are generated from the API's OpenAPI document (`cargo xtask codegen`);
//! configuration, authentication, transport and errors are a small
//! hand-written runtime. Every operation is an `async` method of
//! [`Client`] and returns `Result<_, Error<OperationError>>`; the SIP
//! endpoint resource is covered whole: list, create, get, update, delete,
//! and the endpoint's addresses. The two list operations also stream the
//! items of every page.
//!
//! [Fabric REST API]: https://developer.signalwire.com/rest/signalwire-rest/endpoints/fabric
//!
//! # Example
//!
//! Update a SIP endpoint: set its username and codecs, clear the resource
//! it hands calls to, and leave every other field unchanged. A `422` lists
//! what was wrong; a `500` is retried and, if it persists, matched the same
//! way, with the number of attempts inside the error.
//!
//! ```no_run
//! use signalwire_fabric::{Client, Codec, Error, UpdateSipEndpointError, UpdateSipEndpointRequest};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     // SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE (or SIGNALWIRE_BASE_URL)
//!     let client = Client::from_env()?;
//!     let id = signalwire_fabric::uuid::Uuid::parse_str("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b")?;
//!     let request = UpdateSipEndpointRequest::new()
//!         .username("alice")
//!         .codecs([Codec::Pcmu, Codec::Opus])
//!         .clear_calling_handler_resource_id(); // sends `null`; untouched fields are not sent
//!
//!     match client.update_sip_endpoint(id, &request).await {
//!         Ok(endpoint) => println!("updated {}", endpoint.display_name),
//!         Err(Error::Api(api)) => match api.body() {
//!             UpdateSipEndpointError::UnprocessableEntity(body) => {
//!                 for item in &body.errors {
//!                     let field = item.attribute.as_option().map_or("(request)", String::as_str);
//!                     eprintln!("{field}: {}", item.message);
//!                 }
//!             }
//!             UpdateSipEndpointError::InternalServerError(body) => {
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
//! # Every page of a list
//!
//! A list operation returns one page ([`Client::list_sip_endpoints`]); its
//! `_stream` twin ([`Client::list_sip_endpoints_stream`],
//! [`Client::list_sip_endpoint_addresses_stream`]) yields the items of
//! every page, following each page's `links.next` on the same client, and
//! ends with the error if one occurs. It is a
//! [`futures_core::Stream`](https://docs.rs/futures-core/0.3/futures_core/stream/trait.Stream.html);
//! read it with `StreamExt` of the `futures` (or `futures-util`) crate:
//!
//! ```no_run
//! use futures_util::StreamExt as _;
//! use signalwire_fabric::{Client, ListSipEndpointsParams};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env()?;
//! let mut endpoints = std::pin::pin!(
//!     client.list_sip_endpoints_stream(&ListSipEndpointsParams::new().page_size(100))
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
//!   [`update_sip_endpoint`](Client::update_sip_endpoint)) and the streams
//!   of the list operations (`list_*_stream`, such as
//!   [`list_sip_endpoints_stream`](Client::list_sip_endpoints_stream)),
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
//! - Request and response types, one struct of query parameters per
//!   operation that has any (such as [`ListSipEndpointsParams`]), and one
//!   error enum per operation (such as [`UpdateSipEndpointError`]),
//!   generated from the API document.
//! - [`Nullable`]: a field that can be left unchanged, cleared (`null`) or
//!   set; [`UnknownValue`]: an enum value this version does not list yet.
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

#[rustfmt::skip]
mod api;
/// The README's examples are compiled as doc tests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
mod runtime;

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
pub use runtime::defaults;
pub use runtime::{ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE, USER_AGENT};
#[doc(no_inline)]
pub use uuid;

/// Re-exports the runtime's types and records their names in
/// `EXPORTED_TYPES`, which a test compares with the names the generator
/// keeps generated types off (`runtime/reserved.rs`). Every type exported
/// from the runtime goes through here.
macro_rules! export_runtime_types {
    ($($name:ident),* $(,)?) => {
        pub use runtime::{$($name),*};

        /// The names of the types re-exported above.
        #[cfg(test)]
        const EXPORTED_TYPES: &[&str] = &[$(stringify!($name)),*];
    };
}

export_runtime_types!(
    ApiError,
    Client,
    ClientBuilder,
    ConfigError,
    Error,
    Nullable,
    RetryPolicy,
    UnknownValue,
);

/// The version of this crate, as in its `Cargo.toml`; the `User-Agent`
/// ([`USER_AGENT`]) names it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    #[test]
    fn reserved_type_names_are_exactly_the_exported_runtime_types() {
        let reserved = crate::runtime::TYPE_NAMES;
        let missing: Vec<&&str> = super::EXPORTED_TYPES
            .iter()
            .filter(|name| !reserved.contains(name))
            .collect();
        let extra: Vec<&&str> = reserved
            .iter()
            .filter(|name| !super::EXPORTED_TYPES.contains(name))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "TYPE_NAMES in generated/src/runtime/reserved.rs must list exactly the types \
             lib.rs exports from the runtime (the generator keeps generated types off those \
             names): add {missing:?}, remove {extra:?}"
        );
    }
}
