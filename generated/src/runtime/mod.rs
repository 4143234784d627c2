//! The hand-written runtime that the generated operations call into:
//! configuration, authentication, transport (timeouts, retries, the
//! response size limit, tracing), errors, and the value types
//! shared by generated types ([`Nullable`], [`UnknownValue`]).
//!
//! Generated code reaches it only through the `pub(crate)` items
//! re-exported at the end of this file: [`OperationRequest`] (with
//! [`RequestExtras`]) built with [`path_segment`],
//! [`encode_json`] (or [`encode_form`]), [`Query`], [`header_param`], [`date_time_text`],
//! [`one_or_many`] (a list field that may come as one value), [`open_enum!`]
//! (the shared impls of every string enum), [`wire_struct!`] (the
//! `Serialize` and `Deserialize` of every struct), then [`send`] (or
//! [`pages`] for every page of a list) and the methods of [`RawResponse`];
//! and, behind the feature `mock`, the module `mock` (the typed mock, whose
//! `Expect::new` the generated expectations call).
//! Nothing here depends on the API description, except that a bare space
//! name is put into the server URL that the generated code declares
//! (`crate::api::SERVER_URL`).

mod client;
mod config;
pub mod defaults;
mod error;
#[allow(dead_code)] // used by generated code only when a spec declares a form body
mod form;
#[cfg(feature = "mock")]
pub mod mock;
mod nullable;
#[allow(dead_code)] // used by generated code only when a spec has a list that may be one value
mod one_or_many;
mod open_enum;
mod pages;
mod params;
mod request;
mod retry;
mod send;
mod tls;
mod unknown_value;
#[allow(dead_code)] // used by generated code only when a spec has an object
pub(crate) mod wire_struct;

pub use client::{Client, USER_AGENT};
pub use config::{ClientBuilder, ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE};
pub use error::{ApiError, ConfigError, Error};
pub use nullable::Nullable;
pub use retry::RetryPolicy;
pub use unknown_value::UnknownValue;

/// Checked against the names the generator keeps operations off when the
/// client crate compiles.
#[allow(unused_imports)] // a crate that includes the runtime without lib.rs does not
pub(crate) use client::CLIENT_METHODS;

#[allow(unused_imports)] // used only when a spec has a form body
pub(crate) use form::encode_form;
#[allow(unused_imports)] // used only when a spec has a list that may be one value
pub(crate) use one_or_many::one_or_many;
#[allow(unused_imports)] // used only when a spec has a string enum
pub(crate) use open_enum::open_enum;
#[allow(unused_imports)] // used only when a spec has a paginated list operation
pub(crate) use pages::pages;
#[allow(unused_imports)] // each is used only when a spec needs it
pub(crate) use params::{AuthScheme, Query, RequestExtras, date_time_text, header_param};
pub(crate) use request::{OperationRequest, RawResponse, encode_json, path_segment};
pub(crate) use send::send;
#[allow(unused_imports)] // used only when a spec has an object
pub(crate) use wire_struct::wire_struct;

#[cfg(test)]
mod wire_tests;
