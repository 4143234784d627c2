//! [`Core`]: what a client holds (base URL, credentials, the HTTP client
//! and the per-call settings), and the changes its `with_*` methods make.
//! The client crate's `Client` is a [`client!`](crate::client) wrapper
//! around it: generated operations are inherent methods of `Client`, so
//! `Client` is defined in the client crate, and every public method it has
//! is a call into this module.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;

use super::config::{bearer_authorization, check_bearer_token};
use super::defaults;
use super::error::ConfigError;
use super::retry::RetryPolicy;

/// The `User-Agent` the client sends: `signalwire-rest/<version>`.
pub const USER_AGENT: &str = concat!("signalwire-rest/", env!("CARGO_PKG_VERSION"));

/// What a client holds: the client crate's `Client` is this, behind the
/// methods [`client!`](crate::client) gives it. Clones share everything
/// behind [`Arc`]s and the HTTP client's pool.
#[doc(hidden)]
#[derive(Clone)]
pub struct Core {
    /// Base URL and credentials, shared by every client derived from this one.
    pub(crate) auth: Arc<Auth>,
    /// The HTTP client (itself a handle to a shared pool).
    pub(crate) transport: Transport,
    /// The settings the `with_*` methods change.
    pub(crate) options: Arc<Options>,
}

pub(crate) struct Auth {
    /// Absolute `http`/`https` URL without trailing `/`, query or fragment.
    pub(crate) base_url: String,
    pub(crate) project_id: String,
    /// `Basic base64(project_id:api_token)`, marked sensitive; the token
    /// itself is not kept.
    pub(crate) authorization: HeaderValue,
    /// `Bearer <token>` for the operations that authenticate with HTTP
    /// Bearer, marked sensitive.
    pub(crate) bearer: Option<HeaderValue>,
}

/// The reqwest client, and how it was made.
#[derive(Clone)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    /// The connect timeout it was built with; `None` when the caller
    /// supplied it (its settings are unknown and cannot be changed).
    pub(crate) connect_timeout: Option<Duration>,
}

impl Transport {
    /// A reqwest client made by this crate.
    pub(crate) fn build(connect_timeout: Duration) -> Result<Self, ConfigError> {
        super::tls::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(ConfigError::HttpClient)?;
        Ok(Self {
            http,
            connect_timeout: Some(connect_timeout),
        })
    }

    /// The caller's own reqwest client.
    pub(crate) fn supplied(http: reqwest::Client) -> Self {
        Self {
            http,
            connect_timeout: None,
        }
    }
}

/// The settings that apply per call.
#[derive(Clone)]
pub(crate) struct Options {
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
    /// Extra headers, one value per name; never `Authorization`.
    pub(crate) headers: HeaderMap,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            timeout: defaults::TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: defaults::MAX_RESPONSE_BYTES,
            headers: HeaderMap::new(),
        }
    }
}

/// Refuses `Authorization` as an extra header: credentials come from the
/// configuration only.
pub(crate) fn check_extra_header(name: &HeaderName) -> Result<(), ConfigError> {
    if name == AUTHORIZATION {
        Err(ConfigError::AuthorizationHeader)
    } else {
        Ok(())
    }
}

/// The changes of the `with_*` methods of `Client`, and what they read.
#[doc(hidden)]
impl Core {
    /// The URL that operation paths are appended to, without trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.auth.base_url
    }

    /// This client with other options, sharing its credentials and pool.
    fn with_options(&self, change: impl FnOnce(&mut Options)) -> Core {
        let mut options = Options::clone(&self.options);
        change(&mut options);
        Core {
            auth: Arc::clone(&self.auth),
            transport: self.transport.clone(),
            options: Arc::new(options),
        }
    }

    /// `Client::with_timeout`.
    pub fn with_timeout(&self, timeout: Duration) -> Core {
        self.with_options(|options| options.timeout = timeout)
    }

    /// `Client::with_retry`.
    pub fn with_retry(&self, retry: RetryPolicy) -> Core {
        self.with_options(|options| options.retry = retry)
    }

    /// `Client::with_max_response_bytes`.
    pub fn with_max_response_bytes(&self, max_response_bytes: usize) -> Core {
        self.with_options(|options| options.max_response_bytes = max_response_bytes)
    }

    /// `Client::with_header`.
    pub fn with_header(&self, name: HeaderName, value: HeaderValue) -> Result<Core, ConfigError> {
        check_extra_header(&name)?;
        Ok(self.with_options(|options| {
            options.headers.insert(name, value);
        }))
    }

    /// `Client::with_bearer_token`.
    pub fn with_bearer_token(&self, bearer_token: String) -> Result<Core, ConfigError> {
        let bearer_token = SecretString::from(bearer_token);
        check_bearer_token(&bearer_token)?;
        Ok(Core {
            auth: Arc::new(Auth {
                base_url: self.auth.base_url.clone(),
                project_id: self.auth.project_id.clone(),
                authorization: self.auth.authorization.clone(),
                bearer: Some(bearer_authorization(&bearer_token)),
            }),
            transport: self.transport.clone(),
            options: Arc::clone(&self.options),
        })
    }

    /// `Client::with_connect_timeout`.
    pub fn with_connect_timeout(&self, connect_timeout: Duration) -> Result<Core, ConfigError> {
        if self.transport.connect_timeout.is_none() {
            return Err(ConfigError::ConnectTimeoutWithCustomHttpClient);
        }
        Ok(Core {
            auth: Arc::clone(&self.auth),
            transport: Transport::build(connect_timeout)?,
            options: Arc::clone(&self.options),
        })
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let options = &*self.options;
        f.debug_struct("Client")
            .field("base_url", &self.auth.base_url)
            .field("project_id", &self.auth.project_id)
            .field("api_token", &Redacted)
            .field("bearer_token", &self.auth.bearer.as_ref().map(|_| Redacted))
            .field("timeout", &options.timeout)
            // `None`: set on the caller's own reqwest::Client.
            .field("connect_timeout", &self.transport.connect_timeout)
            .field("retry", &options.retry)
            .field("max_response_bytes", &options.max_response_bytes)
            .field("headers", &HeaderNames(&options.headers))
            .finish_non_exhaustive()
    }
}

/// Stands for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The names of extra headers, without their values (which may be
/// secrets of their own), in `Debug` output.
pub(crate) struct HeaderNames<'a>(pub(crate) &'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_api::Client;

    #[test]
    fn clones_and_overrides_share_the_credentials() {
        let client = Client::new("p", "t", "example").unwrap();
        let clone = client.clone();
        assert!(Arc::ptr_eq(&client.core.auth, &clone.core.auth));
        assert!(Arc::ptr_eq(&client.core.options, &clone.core.options));
        let faster = client.with_timeout(Duration::from_secs(1));
        assert!(Arc::ptr_eq(&client.core.auth, &faster.core.auth));
        assert_eq!(faster.core.options.timeout, Duration::from_secs(1));
        assert_eq!(client.core.options.timeout, defaults::TIMEOUT);
        let reconnecting = client.with_connect_timeout(Duration::from_secs(2)).unwrap();
        assert!(Arc::ptr_eq(&client.core.auth, &reconnecting.core.auth));
        assert_eq!(
            reconnecting.core.transport.connect_timeout,
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn overrides_change_only_their_setting() {
        let client = Client::new("p", "t", "example").unwrap();
        let changed = client
            .with_retry(RetryPolicy::none())
            .with_max_response_bytes(5)
            .with_header(
                HeaderName::from_static("x-a"),
                HeaderValue::from_static("1"),
            )
            .unwrap();
        assert_eq!(changed.core.options.retry, RetryPolicy::none());
        assert_eq!(changed.core.options.max_response_bytes, 5);
        assert_eq!(changed.core.options.timeout, defaults::TIMEOUT);
        assert_eq!(changed.core.options.headers["x-a"], "1");
        assert_eq!(client.core.options.retry, RetryPolicy::default());
        assert!(client.core.options.headers.is_empty());
    }

    #[test]
    fn authorization_is_refused_as_an_extra_header() {
        let client = Client::new("p", "t", "example").unwrap();
        let error = client
            .with_header(AUTHORIZATION, HeaderValue::from_static("Bearer hunter2"))
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::AuthorizationHeader),
            "{error:?}"
        );
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn user_agent_names_the_crate_and_version() {
        assert_eq!(
            USER_AGENT,
            format!("signalwire-rest/{}", env!("CARGO_PKG_VERSION"))
        );
        assert!(HeaderValue::from_str(USER_AGENT).is_ok());
    }
}
