//! The settings a client starts with, each written once here; the builder,
//! [`RetryPolicy::default`](crate::RetryPolicy::default) and the docs
//! refer to these constants.

use std::time::Duration;

/// Time for one attempt, from sending the request to the end of the
/// response body: 30 s. Set with
/// `ClientBuilder::timeout` or
/// `Client::with_timeout`.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Time to establish a connection, TLS included: 10 s. Set with
/// `ClientBuilder::connect_timeout`
/// or `Client::with_connect_timeout`.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest response body accepted: 10 MiB. Set with
/// `ClientBuilder::max_response_bytes`
/// or `Client::with_max_response_bytes`.
pub const MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;

/// Attempts in all, the first one included: 3. See
/// [`RetryPolicy::max_attempts`](crate::RetryPolicy::max_attempts).
pub const MAX_ATTEMPTS: u32 = 3;

/// Upper bound of the wait before the first retry: 200 ms. See
/// [`RetryPolicy::initial_backoff`](crate::RetryPolicy::initial_backoff).
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(200);

/// Largest upper bound of a wait computed by backoff: 5 s. See
/// [`RetryPolicy::max_backoff`](crate::RetryPolicy::max_backoff).
pub const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Time from the start of the first attempt after which no attempt runs:
/// 60 s. See [`RetryPolicy::deadline`](crate::RetryPolicy::deadline).
pub const DEADLINE: Duration = Duration::from_secs(60);
