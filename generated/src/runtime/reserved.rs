//! The names the hand-written runtime takes in the client crate, which
//! generated items must not take too: the types the crate exports from the
//! runtime, and the methods of `Client` (generated operations are methods
//! of `Client` as well). Only the public surface is listed: the runtime's
//! helpers are not methods of `Client`, so they reserve nothing.
//!
//! The generator reads this very file (`codegen/src/lower/names/mod.rs` includes it
//! with `#[path]`), so it is plain Rust without dependencies. Tests of the
//! runtime keep it exact: `client.rs` compares [`CLIENT_METHODS`] with the
//! methods its `public_methods!` block defines, saying which name to add or
//! remove; and the client crate's `lib.rs` does not compile unless
//! [`TYPE_NAMES`] lists exactly the types its `export_runtime_types!`
//! re-exports.

/// Types the client crate exports from the runtime beside the generated ones.
#[allow(dead_code)]
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

/// Methods of the runtime's `Client`: an operation method of the same name
/// would be a second definition of it.
#[allow(dead_code)]
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
#[allow(dead_code)]
pub const MODULE_NAMES: &[&str] = &[
    "api",
    "chrono",
    "defaults",
    "futures_core",
    "header",
    "reqwest",
    "runtime",
    "uuid",
];
