//! The hand-written runtime that the generated operations call into:
//! configuration, authentication, transport (timeouts, retries, the
//! response size limit, tracing), errors, and the value types
//! shared by generated types ([`Nullable`], [`UnknownValue`]).
//!
//! Nothing here depends on the API description, except that a bare space
//! name is put into the server URL template that the generated code
//! provides (`crate::api::SERVER_URL`).

mod client;
mod config;
mod error;
mod nullable;
mod request;
mod reserved;
mod retry;
mod unknown_value;

pub use client::{Client, USER_AGENT};
pub use config::{ClientBuilder, ENV_API_TOKEN, ENV_BASE_URL, ENV_PROJECT_ID, ENV_SPACE};
pub use error::{ApiError, ConfigError, Error};
pub use nullable::Nullable;
pub use retry::RetryPolicy;
pub use unknown_value::UnknownValue;

pub(crate) use request::{OperationRequest, encode_json, path_segment};

#[cfg(test)]
mod wire_tests;
