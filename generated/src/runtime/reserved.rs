//! The names the hand-written runtime takes in the client crate, which
//! generated items must not take too. The generator reads this very file
//! (`codegen/src/lower.rs` includes it with `#[path]`), so the list is kept
//! beside the code it describes, in one place.

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
    "attempt",
    "base_url",
    "builder",
    "execute",
    "from_base_url",
    "from_env",
    "from_lookup",
    "from_parts",
    "new",
    "send_with_retries",
    "url",
    "with_connect_timeout",
    "with_header",
    "with_max_response_bytes",
    "with_options",
    "with_retry",
    "with_timeout",
];
