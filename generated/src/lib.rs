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
//! - [`Client::builder`] does all of the above and also accepts your own
//!   [`reqwest::Client`] (proxy, TLS roots, timeouts, ...).
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
//! - [`Error::Encode`] and [`Error::InvalidPathParameter`]: the request was
//!   not sent.
//!
//! [`Error::status`], [`Error::raw_body`], [`Error::api_error`] and
//! [`Error::is_timeout`] answer the common questions without a `match`.
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
pub use runtime::{
    ApiError, Client, ClientBuilder, ConfigError, ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID,
    ENV_SPACE, Error, Nullable, UnknownValue,
};
/// The `uuid` crate, whose [`Uuid`](uuid::Uuid) the API's IDs are.
pub use uuid;
