//! [`Client`]: what it holds, and its public methods, which are all the
//! methods it has: generated operations are methods of `Client` too, so a
//! method of the runtime would take a name away from them. The runtime's
//! own helpers are functions of other modules (`send`, `config`).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;

use super::config::{ClientBuilder, bearer_authorization, check_bearer_token, from_env};
use super::defaults;
use super::error::ConfigError;
use super::retry::RetryPolicy;

/// The `User-Agent` the client sends: `signalwire-rest/<version>`.
pub const USER_AGENT: &str = concat!("signalwire-rest/", env!("CARGO_PKG_VERSION"));

/// The client of SignalWire's REST API.
///
/// Every operation of the API is an `async` method of `Client`, named
/// after the document's `operationId`. The crate's front page lists the
/// API areas, each with an index of its operations; to find the method of
/// an HTTP path, search these docs for the path. A client
/// holds its configuration and a connection pool behind [`Arc`]s: clone it
/// freely (clones share the pool) instead of building a new one per
/// request.
///
/// Requests are authenticated with HTTP Basic auth: the project ID as the
/// username and the API token as the password. The client keeps the token
/// only inside that header, encoded once when the client is built and
/// marked sensitive; `Debug` never shows it.
/// Operations whose API description asks for HTTP Bearer send the
/// client's bearer token instead ([`ClientBuilder::bearer_token`],
/// [`Client::with_bearer_token`]), and those that declare no security send
/// no credentials; each operation's docs say so when it is not Basic.
///
/// Build one with [`Client::from_env`], [`Client::new`],
/// [`Client::from_base_url`] or [`Client::builder`]. The `with_*` methods
/// return a client with one setting changed for the calls made through it,
/// sharing the credentials and (except
/// [`with_connect_timeout`](Client::with_connect_timeout)) the connection
/// pool:
///
/// ```no_run
/// # async fn run(client: signalwire_rest::Client, id: signalwire_rest::uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use signalwire_rest::{RetryPolicy, SipEndpointUpdateRequest};
///
/// // The Fabric SIP endpoint resource (`PUT /api/fabric/resources/sip_endpoints/{id}`).
/// let request = SipEndpointUpdateRequest::new().username("alice");
/// let endpoint = client
///     .with_timeout(Duration::from_secs(5))
///     .with_retry(RetryPolicy::none())
///     .update_sip_credential(id, &request)
///     .await?;
/// # let _ = endpoint; Ok(()) }
/// ```
///
/// # Tracing
///
/// The client reports what it does through
/// [`tracing`](https://docs.rs/tracing): every call runs in an `INFO` span
/// `signalwire_rest.request` with the fields `method` and
/// `path_template` (such as `/api/fabric/resources/sip_endpoints/{id}`,
/// never the IDs); inside it, `DEBUG` events for each attempt (`attempt`,
/// and `status` or `error`, `elapsed_ms`), a `WARN` event `retrying`
/// (`attempt`, `status` or `error`, `delay_ms`) before each retry, and a
/// `DEBUG` event `giving up` when the retries run out. The token, the
/// `Authorization` header and request or response bodies are never
/// recorded. Install any subscriber, for example
/// `tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).init()`.
#[derive(Clone)]
pub struct Client {
    /// Base URL and credentials, shared by every client derived from this one.
    pub(super) auth: Arc<Auth>,
    /// The HTTP client (itself a handle to a shared pool).
    pub(super) transport: Transport,
    /// The settings the `with_*` methods change.
    pub(super) options: Arc<Options>,
}

pub(super) struct Auth {
    /// Absolute `http`/`https` URL without trailing `/`, query or fragment.
    pub(super) base_url: String,
    pub(super) project_id: String,
    /// `Basic base64(project_id:api_token)`, marked sensitive; the token
    /// itself is not kept.
    pub(super) authorization: HeaderValue,
    /// `Bearer <token>` for the operations that authenticate with HTTP
    /// Bearer, marked sensitive.
    pub(super) bearer: Option<HeaderValue>,
}

/// The reqwest client, and how it was made.
#[derive(Clone)]
pub(super) struct Transport {
    pub(super) http: reqwest::Client,
    /// The connect timeout it was built with; `None` when the caller
    /// supplied it (its settings are unknown and cannot be changed).
    pub(super) connect_timeout: Option<Duration>,
}

impl Transport {
    /// A reqwest client made by this crate.
    pub(super) fn build(connect_timeout: Duration) -> Result<Self, ConfigError> {
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
    pub(super) fn supplied(http: reqwest::Client) -> Self {
        Self {
            http,
            connect_timeout: None,
        }
    }
}

/// The settings that apply per call.
#[derive(Clone)]
pub(super) struct Options {
    pub(super) timeout: Duration,
    pub(super) retry: RetryPolicy,
    pub(super) max_response_bytes: usize,
    /// Extra headers, one value per name; never `Authorization`.
    pub(super) headers: HeaderMap,
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
pub(super) fn check_extra_header(name: &HeaderName) -> Result<(), ConfigError> {
    if name == AUTHORIZATION {
        Err(ConfigError::AuthorizationHeader)
    } else {
        Ok(())
    }
}

/// `client` with other options, sharing its credentials and pool.
fn with_options(client: &Client, change: impl FnOnce(&mut Options)) -> Client {
    let mut options = Options::clone(&client.options);
    change(&mut options);
    Client {
        auth: Arc::clone(&client.auth),
        transport: client.transport.clone(),
        options: Arc::new(options),
    }
}

/// Defines the inherent methods of [`Client`] and records their names in
/// [`CLIENT_METHODS`], which the client crate's `lib.rs` compares, when it
/// compiles, with the list the generator keeps operations off
/// (`RUNTIME_CLIENT_METHODS` of the generated `api` module). Every inherent method of `Client` in the
/// runtime goes through here, in this one block; a helper that is not part
/// of the public surface is a function of its own instead.
macro_rules! public_methods {
    (impl Client {
        $(
            $(#[$attr:meta])*
            pub fn $name:ident ($($params:tt)*) $(-> $ret:ty)? $body:block
        )*
    }) => {
        impl Client {
            $(
                $(#[$attr])*
                pub fn $name($($params)*) $(-> $ret)? $body
            )*
        }

        /// The names of the inherent methods of [`Client`].
        #[allow(dead_code)] // read by the client crate's lib.rs only
        pub(crate) const CLIENT_METHODS: &[&str] = &[$(stringify!($name)),*];
    };
}

public_methods! {
impl Client {
    /// Builds a client for a space.
    ///
    /// `space` is a host such as `example.signalwire.com` (anything with a
    /// `.`), used as `https://<host>` followed by the path of the API's
    /// server URL if it has one, or a bare space name such as `example`,
    /// which becomes `https://example.signalwire.com`.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] if a value is empty or invalid.
    pub fn new(
        project_id: impl Into<String>,
        api_token: impl Into<String>,
        space: &str,
    ) -> Result<Client, ConfigError> {
        Client::builder()
            .project_id(project_id)
            .api_token(api_token)
            .space(space)
            .build()
    }

    /// Builds a client for a full base URL such as `http://127.0.0.1:4010`
    /// (a mock server) or `https://example.signalwire.com`. Operation paths
    /// are appended to it, keeping any path it has.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] if a value is empty or the URL is not an absolute
    /// `http`/`https` URL without credentials, query or fragment.
    pub fn from_base_url(
        project_id: impl Into<String>,
        api_token: impl Into<String>,
        base_url: &str,
    ) -> Result<Client, ConfigError> {
        Client::builder()
            .project_id(project_id)
            .api_token(api_token)
            .base_url(base_url)
            .build()
    }

    /// Builds a client from the environment variables
    /// [`SIGNALWIRE_PROJECT_ID`](crate::ENV_PROJECT_ID),
    /// [`SIGNALWIRE_API_TOKEN`](crate::ENV_API_TOKEN) and either
    /// [`SIGNALWIRE_BASE_URL`](crate::ENV_BASE_URL) or
    /// [`SIGNALWIRE_SPACE`](crate::ENV_SPACE) (the base URL wins when both
    /// are set).
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] naming the variable that is missing, empty, not
    /// Unicode or invalid.
    pub fn from_env() -> Result<Client, ConfigError> {
        from_env(|name| std::env::var(name))
    }

    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL that operation paths are appended to, without trailing `/`,
    /// e.g. `https://example.signalwire.com`.
    pub fn base_url(&self) -> &str {
        &self.auth.base_url
    }

    /// A client whose calls time out after `timeout` per attempt (from
    /// sending the request to the end of the response body); each retry
    /// gets the full time again. Shares the pool and credentials.
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        with_options(self, |options| options.timeout = timeout)
    }

    /// A client whose calls retry as `retry` says
    /// ([`RetryPolicy::none`] turns retries off). Shares the pool and
    /// credentials.
    #[must_use]
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        with_options(self, |options| options.retry = retry)
    }

    /// A client whose calls refuse a response body larger than
    /// `max_response_bytes` with [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
    /// Shares the pool and credentials.
    #[must_use]
    pub fn with_max_response_bytes(&self, max_response_bytes: usize) -> Client {
        with_options(self, |options| options.max_response_bytes = max_response_bytes)
    }

    /// A client whose calls also send the header `name: value`, replacing a
    /// default header of the same name (and the crate's own `User-Agent`,
    /// `Accept` or `Content-Type` if you name one of those). Shares the
    /// pool and credentials.
    ///
    /// ```
    /// use signalwire_rest::Client;
    /// use signalwire_rest::header::{HeaderName, HeaderValue};
    ///
    /// let client = Client::new("project", "token", "example")?;
    /// let traced = client.with_header(
    ///     HeaderName::from_static("x-request-id"),
    ///     HeaderValue::from_static("3f2a9c"),
    /// )?;
    /// # let _ = traced;
    /// # Ok::<(), signalwire_rest::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::AuthorizationHeader`] for `Authorization`: the
    /// credentials come from the configuration.
    pub fn with_header(&self, name: HeaderName, value: HeaderValue) -> Result<Client, ConfigError> {
        check_extra_header(&name)?;
        Ok(with_options(self, |options| {
            options.headers.insert(name, value);
        }))
    }

    /// A client that sends `bearer_token` for the operations that
    /// authenticate with HTTP Bearer (such as a subscriber's token),
    /// replacing any it had. Shares the pool, the project credentials and
    /// every setting. The token is kept in a
    /// [`secrecy::SecretString`](https://docs.rs/secrecy/0.10/secrecy/type.SecretString.html)
    /// and never shown by `Debug` or in errors.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Empty`] for an empty token,
    /// [`ConfigError::InvalidBearerToken`] for one that cannot be sent in a
    /// header.
    pub fn with_bearer_token(&self, bearer_token: impl Into<String>) -> Result<Client, ConfigError> {
        let bearer_token = SecretString::from(bearer_token.into());
        check_bearer_token(&bearer_token)?;
        Ok(Client {
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

    /// A client whose connections time out after `connect_timeout`.
    ///
    /// reqwest sets the connect timeout per connection pool, not per
    /// request, so this builds a new HTTP client with the same settings:
    /// the returned client has a pool of its own (keep it and reuse it
    /// rather than calling this per request). It shares the credentials and
    /// every other setting.
    ///
    /// # Errors
    ///
    /// [`ConfigError::ConnectTimeoutWithCustomHttpClient`] when the client
    /// sends through a [`reqwest::Client`](https://docs.rs/reqwest/0.13/reqwest/struct.Client.html) (reqwest 0.13) given to
    /// [`ClientBuilder::http_client`], whose settings cannot be copied;
    /// [`ConfigError::HttpClient`] if the new HTTP client cannot be made.
    pub fn with_connect_timeout(&self, connect_timeout: Duration) -> Result<Client, ConfigError> {
        if self.transport.connect_timeout.is_none() {
            return Err(ConfigError::ConnectTimeoutWithCustomHttpClient);
        }
        Ok(Client {
            auth: Arc::clone(&self.auth),
            transport: Transport::build(connect_timeout)?,
            options: Arc::clone(&self.options),
        })
    }
}
}

impl fmt::Debug for Client {
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
pub(super) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The names of extra headers, without their values (which may be
/// secrets of their own), in `Debug` output.
pub(super) struct HeaderNames<'a>(pub(super) &'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_and_overrides_share_the_credentials() {
        let client = Client::new("p", "t", "example").unwrap();
        let clone = client.clone();
        assert!(Arc::ptr_eq(&client.auth, &clone.auth));
        assert!(Arc::ptr_eq(&client.options, &clone.options));
        let faster = client.with_timeout(Duration::from_secs(1));
        assert!(Arc::ptr_eq(&client.auth, &faster.auth));
        assert_eq!(faster.options.timeout, Duration::from_secs(1));
        assert_eq!(client.options.timeout, defaults::TIMEOUT);
        let reconnecting = client.with_connect_timeout(Duration::from_secs(2)).unwrap();
        assert!(Arc::ptr_eq(&client.auth, &reconnecting.auth));
        assert_eq!(
            reconnecting.transport.connect_timeout,
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
        assert_eq!(changed.options.retry, RetryPolicy::none());
        assert_eq!(changed.options.max_response_bytes, 5);
        assert_eq!(changed.options.timeout, defaults::TIMEOUT);
        assert_eq!(changed.options.headers["x-a"], "1");
        assert_eq!(client.options.retry, RetryPolicy::default());
        assert!(client.options.headers.is_empty());
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
