//! The hand-written runtime of [`signalwire-rest`](https://docs.rs/signalwire-rest),
//! the typed client of SignalWire's REST API: configuration,
//! authentication, transport (timeouts, retries, the response size limit,
//! tracing), errors, the value types shared by generated types
//! ([`Nullable`], [`UnknownValue`]) and the typed mock (feature `mock`).
//!
//! Use it through `signalwire-rest`, which re-exports every public item
//! here. The items hidden from these docs are for that crate's generated
//! code only, and may change in any release: `signalwire-rest` depends on
//! exactly this crate's version.
//!
//! Generated code reaches the runtime through hidden items: `client!`,
//! which defines `Client`, `ClientBuilder` and the mock's `MockApi` and
//! `Expectations` in the client crate (generated operations are inherent
//! methods of them, so they are defined there), each a wrapper of the
//! state kept here (`Core`, `Settings`, `mock::Core`); `OperationRequest`
//! (with `RequestExtras`) built with `path_segment`, `encode_json` (or
//! `encode_form`), `Query`, `header_param`, `date_time_text`;
//! `one_or_many` (a list field that may come as one value); `open_enum!`
//! (every string enum, from its values); `builder!` (every struct's `new`
//! and setters); `error_enum!` (every operation's
//! error enum, from its statuses); `wire_struct!` (the
//! `Serialize` and `Deserialize` of every struct); then `send` (or `pages`
//! for every page of a list) and the methods of `RawResponse`; and, behind
//! the feature `mock`, the module `mock` (the typed mock, whose
//! `Expect::new` the generated expectations call). Nothing here depends on
//! the API description, except what the client crate gives `client!`: the
//! server URL a bare space name is put into.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod builder;
mod client;
mod config;
pub mod defaults;
mod define;
mod error;
mod error_enum;
mod form;
#[cfg(feature = "mock")]
pub mod mock;
mod nullable;
mod one_or_many;
mod open_enum;
mod pages;
mod params;
mod request;
mod retry;
mod send;
mod tls;
mod unknown_value;
#[doc(hidden)]
pub mod wire_struct;

pub use client::USER_AGENT;
pub use config::{ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE};
pub use error::{ApiError, ConfigError, Error};
pub use nullable::Nullable;
pub use retry::RetryPolicy;
pub use unknown_value::UnknownValue;

// For the client crate's generated code and the items `client!` writes.
#[doc(hidden)]
pub use client::Core;
#[doc(hidden)]
pub use config::{Server, Settings, from_env};
#[doc(hidden)]
pub use form::encode_form;
#[doc(hidden)]
pub use one_or_many::one_or_many;
#[doc(hidden)]
pub use pages::pages;
#[doc(hidden)]
pub use params::{AuthScheme, Query, RequestExtras, date_time_text, header_param};
#[doc(hidden)]
pub use request::{OperationRequest, RawResponse, RequestBody, encode_json, path_segment};
#[doc(hidden)]
pub use reqwest;
#[doc(hidden)]
pub use send::send;
#[doc(hidden)]
pub use unknown_value::{deserialize_open_enum, unknown_value};

/// The client crate's items over a server shaped like SignalWire's, for
/// the runtime's own tests: `Client`, `ClientBuilder` and `mock`.
#[cfg(test)]
#[allow(dead_code, unused_imports)] // the tests use part of it
mod test_api {
    /// A server template shaped like SignalWire's (a space name put into a
    /// host), the tests' own: nothing here depends on the client crate's.
    pub(crate) const SERVER: crate::Server = crate::Server {
        url: "https://{space_name}.signalwire.com",
        variables: &[("space_name", "{Your_Space_Name}")],
    };

    crate::client!(SERVER.url, SERVER.variables);
}

#[cfg(test)]
mod wire_tests;
