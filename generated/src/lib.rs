//! A typed async client for SignalWire's [Fabric REST API].
//!
//! The operations, request and response types and per-status error types
//! are generated from the API's OpenAPI document (`cargo xtask codegen`);
//! configuration, authentication, transport and errors are a small
//! hand-written runtime. Every operation is an `async` method of
//! [`Client`] and returns `Result<_, Error<OperationError>>`.
//!
//! [Fabric REST API]: https://developer.signalwire.com/rest/signalwire-rest/endpoints/fabric
//!
//! # Example
//!
//! Update a SIP endpoint: set its username and codecs, clear the resource
//! it hands calls to, leave every other field unchanged, and show the
//! validation errors the API returns with a `422`.
//!
//! ```no_run
//! use signalwire_fabric::{Client, Codecs, Error, UpdateSipEndpointError, UpdateSipEndpointRequest};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let client = Client::from_env()?;
//!     let id = signalwire_fabric::uuid::Uuid::parse_str("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b")?;
//!     let request = UpdateSipEndpointRequest::new()
//!         .username("alice")
//!         .codecs([Codecs::Pcmu, Codecs::Opus])
//!         .clear_calling_handler_resource_id();
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
//!             other => eprintln!("the API refused with {}: {other}", api.status()),
//!         },
//!         Err(error) => return Err(error.into()),
//!     }
//!     Ok(())
//! }
//! ```
//!
//! # Configuration
//!
//! Requests use HTTP Basic auth with the project ID as the username and the
//! API token as the password. The token is kept in a
//! [`secrecy::SecretString`] and never appears in `Debug` output or error
//! messages.
//!
//! - [`Client::from_env`] reads the environment variables below.
//! - [`Client::new`]`(project_id, api_token, space)` takes a space: a host
//!   such as `example.signalwire.com` (anything with a `.`), or a bare
//!   space name such as `example`, which becomes
//!   `https://example.signalwire.com`.
//! - [`Client::from_base_url`]`(project_id, api_token, base_url)` takes a
//!   full URL such as `http://127.0.0.1:4010` (a mock server); operation
//!   paths are appended to it, keeping any path it has.
//! - [`Client::builder`] does all of the above, sets the timeouts, retries,
//!   limits and headers described below, and also accepts your own
//!   [`reqwest::Client`] (proxy, TLS roots, pool settings, ...).
//!
//! | variable | meaning |
//! |---|---|
//! | [`SIGNALWIRE_PROJECT_ID`](ENV_PROJECT_ID) | project ID (required) |
//! | [`SIGNALWIRE_API_TOKEN`](ENV_API_TOKEN) | API token (required) |
//! | [`SIGNALWIRE_SPACE`](ENV_SPACE) | space host or name |
//! | [`SIGNALWIRE_BASE_URL`](ENV_BASE_URL) | full base URL; overrides the space |
//!
//! One of `SIGNALWIRE_SPACE` and `SIGNALWIRE_BASE_URL` is required. A
//! missing, empty or invalid setting is a [`ConfigError`] whose message
//! names the setting or variable.
//!
//! [`Client`] is cheap to clone; clones share one connection pool.
//!
//! ## Plain http is for loopback only
//!
//! The credentials travel with every request, so the base URL must use
//! `https`. Plain `http` is accepted only for loopback hosts (`127.0.0.1`
//! and the rest of `127.0.0.0/8`, `::1`, `localhost`), where they do not
//! leave the machine, or when you allow it explicitly with
//! [`ClientBuilder::allow_insecure_http`]`(true)` (for example for a mock
//! server in another container). Otherwise building the client fails with
//! [`ConfigError::InsecureBaseUrl`] before any request is made. There is
//! deliberately no environment variable to allow it: a stray variable must
//! not be able to send a production token in clear.
//!
//! # Timeouts
//!
//! Each attempt of a call must complete, from sending the request to the
//! end of the response body, within the request timeout (default 30 s);
//! establishing a connection, TLS included, within the connect timeout
//! (default 10 s). A timed-out attempt is retried like a connection
//! failure; the last one is reported as [`Error::Timeout`] (inside
//! [`Error::RetriesExhausted`] after retries: [`Error::is_timeout`] answers
//! for both). Both are set on
//! the builder and can be changed for some calls: the `with_*` methods of
//! [`Client`] return a client with one setting changed that shares the
//! credentials and the connection pool (except
//! [`with_connect_timeout`](Client::with_connect_timeout), which needs a
//! pool of its own).
//!
//! ```no_run
//! # async fn run(id: signalwire_fabric::uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use signalwire_fabric::{Client, UpdateSipEndpointRequest};
//!
//! let client = Client::builder()
//!     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
//!     .api_token("PTxxxxxxxx")
//!     .space("example")
//!     .timeout(Duration::from_secs(10))
//!     .connect_timeout(Duration::from_secs(3))
//!     .build()?;
//! let request = UpdateSipEndpointRequest::new().username("alice");
//! // This call only: at most 2 s per attempt.
//! let endpoint = client
//!     .with_timeout(Duration::from_secs(2))
//!     .update_sip_endpoint(id, &request)
//!     .await?;
//! # let _ = endpoint; Ok(()) }
//! ```
//!
//! The client waits with `tokio`'s timer: call it inside a Tokio runtime
//! with the time driver enabled (as `#[tokio::main]` does).
//!
//! # Retries
//!
//! Calls with an idempotent method (such as `PUT`, which every operation so
//! far uses) are retried after `408`, `429`, `500`, `502`, `503` and `504`,
//! after connection failures and other transport errors, and after
//! timeouts; never after any other status (`400`, `401`, `403`, `404`,
//! `422`, ...). The default [`RetryPolicy`] makes at most 3 attempts in all,
//! waits between them with exponential backoff and full jitter (a random
//! time up to 200 ms, then up to 400 ms, doubling up to 5 s), waits at least
//! as long as a `Retry-After` header asks (in seconds or as an HTTP date),
//! and gives up when the next attempt would start after a deadline of 60 s
//! from the first one (an attempt still running at the deadline is cut off
//! as a timeout). When the retries run out, the error is
//! [`Error::RetriesExhausted`]`{ attempts, last }`; its [`Error::status`],
//! [`Error::api_error`], ... answer for the last attempt.
//!
//! ```
//! use std::time::Duration;
//! use signalwire_fabric::{Client, RetryPolicy};
//!
//! let client = Client::builder()
//!     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
//!     .api_token("PTxxxxxxxx")
//!     .space("example")
//!     .retry(
//!         RetryPolicy::default()
//!             .max_attempts(5)
//!             .initial_backoff(Duration::from_millis(500))
//!             .deadline(Some(Duration::from_secs(30))),
//!     )
//!     .build()?;
//! // Fail fast for this call: one attempt, no retry.
//! let once = client.with_retry(RetryPolicy::none());
//! # let _ = once;
//! # Ok::<(), signalwire_fabric::ConfigError>(())
//! ```
//!
//! # Limits
//!
//! A response body larger than 10 MiB (or the limit set with
//! [`ClientBuilder::max_response_bytes`] or
//! [`Client::with_max_response_bytes`]) fails the call with
//! [`Error::BodyTooLarge`]: at once when the `Content-Length` announces it,
//! otherwise as soon as the bytes received exceed it, so that a runaway
//! response cannot exhaust memory.
//!
//! # Headers
//!
//! Every request carries `Authorization` (HTTP Basic), `Accept:
//! application/json`, `Content-Type: application/json` when it has a body,
//! and `User-Agent: signalwire-fabric/<version>` ([`USER_AGENT`]). Add your
//! own, such as a request ID, for every request with
//! [`ClientBuilder::default_header`] or for some calls with
//! [`Client::with_header`] (which replaces a default header of the same
//! name). Names and values are the types of the re-exported [`header`]
//! module. `Authorization` is refused with
//! [`ConfigError::AuthorizationHeader`]: the credentials come from the
//! configuration only.
//!
//! ```
//! use signalwire_fabric::Client;
//! use signalwire_fabric::header::{HeaderName, HeaderValue};
//!
//! let client = Client::builder()
//!     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
//!     .api_token("PTxxxxxxxx")
//!     .base_url("http://127.0.0.1:4010") // a mock server such as Prism
//!     .default_header(HeaderName::from_static("prefer"), HeaderValue::from_static("code=200"))
//!     .build()?;
//! let traced = client.with_header(
//!     HeaderName::from_static("x-request-id"),
//!     HeaderValue::from_static("7d1c0e"),
//! )?;
//! # let _ = traced;
//! # Ok::<(), signalwire_fabric::ConfigError>(())
//! ```
//!
//! # Tracing
//!
//! The client reports what it does through [`tracing`](https://docs.rs/tracing):
//! every call runs in an `INFO` span `signalwire_fabric.request` with the
//! fields `method` and `path_template` (such as
//! `/api/fabric/resources/sip_endpoints/{id}`, never the IDs); inside it,
//! `DEBUG` events for each attempt (`attempt`, and `status` or `error`,
//! `elapsed_ms`), a `WARN` event `retrying` (`attempt`, `status` or
//! `error`, `delay_ms`) before each retry, and a `DEBUG` event `giving up`
//! when the retries run out. The token, the `Authorization` header and
//! request or response bodies are never recorded. Install any subscriber,
//! for example `tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).init()`.
//!
//! # Errors
//!
//! Every operation fails with [`Error<E>`](Error), where `E` is the
//! operation's own enum of the error responses the API declares for it
//! (e.g. `UpdateSipEndpointError::NotFound(..)` for a `404`):
//!
//! - [`Error::Api`]: a declared error status, with the body parsed into `E`
//!   ([`ApiError::body`]) and the raw body kept ([`ApiError::raw_body`]);
//! - [`Error::UnexpectedStatus`]: a status the API does not declare for the
//!   operation, with the raw body;
//! - [`Error::Decode`]: a declared status whose body did not parse (for
//!   example a `200` that is not JSON), with the status and raw body;
//! - [`Error::Timeout`] and [`Error::Transport`]: no response was received;
//! - [`Error::BodyTooLarge`]: the response body exceeded the limit;
//! - [`Error::RetriesExhausted`]: several attempts were made and the last
//!   one failed with the error it holds;
//! - [`Error::Encode`] and [`Error::InvalidPathParameter`]: the request was
//!   not sent.
//!
//! [`Error::status`], [`Error::raw_body`], [`Error::api_error`] and
//! [`Error::is_timeout`] answer the common questions without a `match`
//! (for [`Error::RetriesExhausted`], about the last attempt).
//!
//! # Unknown enum values
//!
//! String enums of the API (codecs, ciphers, ...) grow over time. Every
//! generated enum has an `Unknown(`[`UnknownValue`]`)` variant, so that a
//! value this version of the crate does not know (say a new codec
//! `OPUS@48000H@20I`) does not make a whole response fail to parse; it is
//! kept as received and sent back unchanged. An `UnknownValue` cannot be
//! built directly: parse the string (`"OPUS@48000H@20I".parse::<Codecs>()`)
//! so that a known value always lands in its own variant.
//!
//! # Absent, null and value
//!
//! Update requests have partial-update semantics: a field that is not sent
//! is left unchanged. A field that is optional and nullable is a
//! [`Nullable`] with three states:
//!
//! ```
//! use signalwire_fabric::Nullable;
//!
//! let unchanged: Nullable<String> = Nullable::Absent; // not sent
//! let cleared: Nullable<String> = Nullable::Null; // sent as `null`
//! let set = Nullable::Value("alice".to_owned()); // sent as `"alice"`
//! # assert!(unchanged.is_absent() && cleared.is_null() && set.as_option().is_some());
//! ```
//!
//! Request builders have a setter for the value and a `clear_*` method for
//! `null`; fields you do not touch stay absent. Optional fields that are
//! not nullable are plain `Option`s, and arrays are sent even when empty.

#![deny(missing_docs)]

#[rustfmt::skip]
mod api;
/// The README's examples are compiled as doc tests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
mod runtime;

pub use api::*;
/// The `chrono` crate, whose [`DateTime<Utc>`](chrono::DateTime) the API's timestamps are.
pub use chrono;
/// HTTP header names and values for extra headers
/// ([`ClientBuilder::default_header`], [`Client::with_header`]): the
/// `header` module of `reqwest` (and of the `http` crate), re-exported so
/// that you need not depend on either. It also holds constants for the
/// standard names, such as [`header::ACCEPT_LANGUAGE`].
pub use reqwest::header;
pub use runtime::{
    ApiError, Client, ClientBuilder, ConfigError, ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID,
    ENV_SPACE, Error, Nullable, RetryPolicy, USER_AGENT, UnknownValue,
};
/// The version of this crate, as in its `Cargo.toml`; the `User-Agent`
/// ([`USER_AGENT`]) names it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The `uuid` crate, whose [`Uuid`](uuid::Uuid) the API's IDs are.
pub use uuid;
