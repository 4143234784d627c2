//! The names the client runtime takes in the client crate, which
//! generated items must not take too: the types the crate has from the
//! runtime (re-exported, or defined by the runtime's `client!`), the
//! methods of `Client` (generated operations are methods of
//! `Client` as well) and the modules of the crate's root. Only the public
//! surface is listed: the runtime's helpers are not methods of `Client`, so
//! they reserve nothing.
//!
//! This is the one list. Lowering keeps generated names off it, and every
//! generated `api/mod.rs` carries the first two as `RUNTIME_TYPE_NAMES`
//! and `RUNTIME_CLIENT_METHODS`: the client crate's `lib.rs` does not
//! compile unless they are exactly the types it has from the runtime and
//! the methods the runtime's `client!` defines on `Client`, so a change to the
//! runtime's surface that is not made here too fails the build, naming this
//! file.

/// Types the client crate has from the runtime beside the generated ones.
pub const TYPE_NAMES: &[&str] = &[
    "ApiError",
    "Client",
    "ClientBuilder",
    "ConfigError",
    "Error",
    "Nullable",
    "RetryPolicy",
    "UnknownValue",
];

/// Names of Rust's standard prelude that generated code writes bare
/// (`Option<String>`, `Default::default()`, `impl Into<String>`): a schema
/// that wants one of them gets the next free numbered name (`String2`), so
/// that no generated type shadows the prelude where it is written bare.
pub const PRELUDE_NAMES: &[&str] = &[
    "Box",
    "Default",
    "From",
    "Into",
    "IntoIterator",
    "Iterator",
    "Option",
    "Result",
    "String",
    "ToOwned",
    "ToString",
    "Vec",
];

/// Methods that the runtime's `client!` defines on `Client`: an operation method of the same name
/// would be a second definition of it.
pub const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "builder",
    "from_base_url",
    "from_env",
    "new",
    "with_connect_timeout",
    "with_bearer_token",
    "with_header",
    "with_max_response_bytes",
    "with_retry",
    "with_timeout",
];

/// Modules of the client crate's root beside the generated ones: an API
/// area of the same name would be hidden by it.
pub const MODULE_NAMES: &[&str] = &[
    "api",
    "chrono",
    "defaults",
    "futures_core",
    "header",
    "mock",
    "reqwest",
    "runtime",
    "uuid",
];
