//! [`Client`], its per-call overrides, and the sending of one operation
//! request: attempts, timeouts, retries, the body size cap and tracing.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret as _, SecretString};
use tracing::Instrument as _;

use super::config::ClientBuilder;
use super::error::{AttemptError, ConfigError, Error};
use super::request::{OperationRequest, RawResponse, check_path};
use super::retry::{self, RetryPolicy};

/// The `User-Agent` the client sends: `signalwire-fabric/<version>`.
pub const USER_AGENT: &str = concat!("signalwire-fabric/", env!("CARGO_PKG_VERSION"));

/// The default per-attempt request timeout.
pub(super) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default connect timeout.
pub(super) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default cap on a response body: 10 MiB.
pub(super) const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 * 1024 * 1024;

/// The client of the SignalWire Fabric REST API.
///
/// Every operation of the API is an `async` method of `Client`. A client
/// holds its configuration and a connection pool behind [`Arc`]s: clone it
/// freely (clones share the pool) instead of building a new one per
/// request.
///
/// Requests are authenticated with HTTP Basic auth: the project ID as the
/// username and the API token as the password. The token is kept in a
/// [`SecretString`] and is never shown by `Debug`.
///
/// Build one with [`Client::from_env`], [`Client::new`],
/// [`Client::from_base_url`] or [`Client::builder`]. The `with_*` methods
/// return a client with one setting changed for the calls made through it,
/// sharing the credentials and (except
/// [`with_connect_timeout`](Client::with_connect_timeout)) the connection
/// pool:
///
/// ```no_run
/// # async fn run(client: signalwire_fabric::Client, id: signalwire_fabric::uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use signalwire_fabric::{RetryPolicy, UpdateSipEndpointRequest};
///
/// let request = UpdateSipEndpointRequest::new().username("alice");
/// let endpoint = client
///     .with_timeout(Duration::from_secs(5))
///     .with_retry(RetryPolicy::none())
///     .update_sip_endpoint(id, &request)
///     .await?;
/// # let _ = endpoint; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    /// Base URL and credentials, shared by every client derived from this one.
    auth: Arc<Auth>,
    /// The HTTP client (itself a handle to a shared pool).
    transport: Transport,
    /// The settings the `with_*` methods change.
    options: Arc<Options>,
}

struct Auth {
    /// Absolute `http`/`https` URL without trailing `/`, query or fragment.
    base_url: String,
    project_id: String,
    api_token: SecretString,
}

/// The reqwest client, and how it was made.
#[derive(Clone)]
pub(super) struct Transport {
    http: reqwest::Client,
    /// The connect timeout it was built with; `None` when the caller
    /// supplied it (its settings are unknown and cannot be changed).
    connect_timeout: Option<Duration>,
}

impl Transport {
    /// A reqwest client made by this crate.
    pub(super) fn build(connect_timeout: Duration) -> Result<Self, ConfigError> {
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
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
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

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL that operation paths are appended to, without trailing `/`,
    /// e.g. `https://example.signalwire.com`.
    pub fn base_url(&self) -> &str {
        &self.auth.base_url
    }

    /// Assembles a client from settings that [`ClientBuilder::build`] has
    /// checked.
    pub(super) fn from_parts(
        transport: Transport,
        base_url: String,
        project_id: String,
        api_token: SecretString,
        options: Options,
    ) -> Self {
        Self {
            auth: Arc::new(Auth {
                base_url,
                project_id,
                api_token,
            }),
            transport,
            options: Arc::new(options),
        }
    }

    /// This client with other options.
    fn with_options(&self, change: impl FnOnce(&mut Options)) -> Self {
        let mut options = Options::clone(&self.options);
        change(&mut options);
        Self {
            auth: Arc::clone(&self.auth),
            transport: self.transport.clone(),
            options: Arc::new(options),
        }
    }

    /// A client whose calls time out after `timeout` per attempt (from
    /// sending the request to the end of the response body); each retry
    /// gets the full time again. Shares the pool and credentials.
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        self.with_options(|options| options.timeout = timeout)
    }

    /// A client whose calls retry as `retry` says
    /// ([`RetryPolicy::none`] turns retries off). Shares the pool and
    /// credentials.
    #[must_use]
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        self.with_options(|options| options.retry = retry)
    }

    /// A client whose calls refuse a response body larger than
    /// `max_response_bytes` with [`Error::BodyTooLarge`]. Shares the pool
    /// and credentials.
    #[must_use]
    pub fn with_max_response_bytes(&self, max_response_bytes: usize) -> Client {
        self.with_options(|options| options.max_response_bytes = max_response_bytes)
    }

    /// A client whose calls also send the header `name: value`, replacing a
    /// default header of the same name (and the crate's own `User-Agent`,
    /// `Accept` or `Content-Type` if you name one of those). Shares the
    /// pool and credentials.
    ///
    /// ```
    /// use signalwire_fabric::Client;
    /// use signalwire_fabric::header::{HeaderName, HeaderValue};
    ///
    /// let client = Client::new("project", "token", "example")?;
    /// let traced = client.with_header(
    ///     HeaderName::from_static("x-request-id"),
    ///     HeaderValue::from_static("3f2a9c"),
    /// )?;
    /// # let _ = traced;
    /// # Ok::<(), signalwire_fabric::ConfigError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ConfigError::AuthorizationHeader`] for `Authorization`: the
    /// credentials come from the configuration.
    pub fn with_header(&self, name: HeaderName, value: HeaderValue) -> Result<Client, ConfigError> {
        check_extra_header(&name)?;
        Ok(self.with_options(|options| {
            options.headers.insert(name, value);
        }))
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
    /// sends through a [`reqwest::Client`] given to
    /// [`ClientBuilder::http_client`], whose settings cannot be copied;
    /// [`ConfigError::HttpClient`] if the new HTTP client cannot be made.
    pub fn with_connect_timeout(&self, connect_timeout: Duration) -> Result<Client, ConfigError> {
        if self.transport.connect_timeout.is_none() {
            return Err(ConfigError::ConnectTimeoutWithCustomHttpClient);
        }
        Ok(Self {
            auth: Arc::clone(&self.auth),
            transport: Transport::build(connect_timeout)?,
            options: Arc::clone(&self.options),
        })
    }

    /// Sends one operation request, retrying as the [`RetryPolicy`] allows,
    /// and reads the whole response.
    ///
    /// The generated operation then maps the status to its result with
    /// [`RawResponse::json`], [`RawResponse::empty`],
    /// [`RawResponse::api_error`] or [`RawResponse::unexpected`]; when the
    /// retries ran out on a retryable status, those wrap their error into
    /// [`Error::RetriesExhausted`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPathParameter`] before sending; [`Error::Timeout`],
    /// [`Error::Transport`] or [`Error::BodyTooLarge`] when no complete
    /// response was received (inside [`Error::RetriesExhausted`] when
    /// several attempts were made).
    pub(crate) async fn execute<E>(
        &self,
        request: OperationRequest,
    ) -> Result<RawResponse, Error<E>> {
        check_path(request.path_template, &request.path)?;
        let span = tracing::info_span!(
            "signalwire_fabric.request",
            method = %request.method,
            path_template = request.path_template,
        );
        self.send_with_retries(request).instrument(span).await
    }

    async fn send_with_retries<E>(
        &self,
        request: OperationRequest,
    ) -> Result<RawResponse, Error<E>> {
        let options = &*self.options;
        let policy = &options.retry;
        let url = self.url(&request.path);
        // `Bytes` so that every attempt shares the body without copying it.
        let body = request.body.map(Bytes::from);
        let max_attempts = if retry::is_idempotent(&request.method) {
            policy.attempts()
        } else {
            1
        };
        let started = Instant::now();
        let deadline = policy
            .overall_deadline()
            .and_then(|deadline| started.checked_add(deadline));

        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let attempt_started = Instant::now();
            // The deadline also cuts an attempt short.
            let timeout = deadline.map_or(options.timeout, |deadline| {
                options
                    .timeout
                    .min(deadline.saturating_duration_since(attempt_started))
            });
            tracing::debug!(attempt, timeout_ms = millis(timeout), "sending");
            let outcome = tokio::time::timeout(
                timeout,
                self.attempt(&request.method, &url, body.as_ref(), &options.headers),
            )
            .await
            .unwrap_or(Err(AttemptError::Timeout));
            let elapsed_ms = millis(attempt_started.elapsed());

            let (retryable, retry_after) = match &outcome {
                Ok(response) => {
                    let status = response.status();
                    tracing::debug!(attempt, status, elapsed_ms, "response");
                    let retryable = retry::is_retryable_status(status);
                    let retry_after = retryable
                        .then(|| retry::retry_after(response.headers(), SystemTime::now()))
                        .flatten();
                    (retryable, retry_after)
                }
                Err(error) => {
                    tracing::debug!(attempt, %error, elapsed_ms, "no response");
                    (error.is_retryable(), None)
                }
            };
            if !retryable {
                return outcome.map_err(Error::from);
            }

            let delay = policy.delay(attempt - 1, retry_after);
            let give_up = if attempt >= max_attempts {
                Some("no attempts left")
            } else if deadline.is_some_and(|deadline| {
                Instant::now()
                    .checked_add(delay)
                    .is_none_or(|next| next >= deadline)
            }) {
                Some("the next attempt would start after the deadline")
            } else {
                None
            };
            if let Some(reason) = give_up {
                tracing::debug!(attempt, reason, "giving up");
                return exhausted(outcome, attempt);
            }
            match &outcome {
                Ok(response) => tracing::warn!(
                    attempt,
                    status = response.status(),
                    delay_ms = millis(delay),
                    "retrying"
                ),
                Err(error) => {
                    tracing::warn!(attempt, %error, delay_ms = millis(delay), "retrying");
                }
            }
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: send the request and read the whole body (up to the
    /// size limit).
    async fn attempt(
        &self,
        method: &reqwest::Method,
        url: &str,
        body: Option<&Bytes>,
        extra_headers: &HeaderMap,
    ) -> Result<RawResponse, AttemptError> {
        let auth = &*self.auth;
        let mut headers = HeaderMap::with_capacity(4 + extra_headers.len());
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for (name, value) in extra_headers {
            headers.insert(name, value.clone());
        }
        let mut request = self
            .transport
            .http
            .request(method.clone(), url)
            .headers(headers)
            // Marks the header value as sensitive.
            .basic_auth(&auth.project_id, Some(auth.api_token.expose_secret()));
        if let Some(body) = body {
            request = request.body(body.clone());
        }
        let response = request.send().await.map_err(AttemptError::from_reqwest)?;
        RawResponse::read(response, self.options.max_response_bytes).await
    }

    /// The base URL followed by `path` (which should start with `/`).
    fn url(&self, path: &str) -> String {
        let separator = if path.starts_with('/') { "" } else { "/" };
        format!("{}{separator}{path}", self.auth.base_url)
    }
}

/// The outcome of the last of `attempts` attempts after which the retries
/// ran out: a response is marked so that the error made from it is
/// wrapped, an error is wrapped here (when more than one attempt was made).
fn exhausted<E>(
    outcome: Result<RawResponse, AttemptError>,
    attempts: u32,
) -> Result<RawResponse, Error<E>> {
    match outcome {
        Ok(response) if attempts > 1 => Ok(response.exhausted_after(attempts)),
        Ok(response) => Ok(response),
        Err(error) if attempts > 1 => Err(Error::RetriesExhausted {
            attempts,
            last: Box::new(error.into()),
        }),
        Err(error) => Err(error.into()),
    }
}

/// Whole milliseconds, for log fields.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let options = &*self.options;
        f.debug_struct("Client")
            .field("base_url", &self.auth.base_url)
            .field("project_id", &self.auth.project_id)
            .field("api_token", &Redacted)
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
    fn url_joins_base_and_path_with_one_slash() {
        let client = Client::from_base_url("p", "t", "http://127.0.0.1:4010/prefix/").unwrap();
        assert_eq!(
            client.url("/api/fabric/x"),
            "http://127.0.0.1:4010/prefix/api/fabric/x"
        );
        assert_eq!(client.url("api/x"), "http://127.0.0.1:4010/prefix/api/x");
        let client = Client::from_base_url("p", "t", "https://example.signalwire.com").unwrap();
        assert_eq!(client.url("/a/b"), "https://example.signalwire.com/a/b");
    }

    #[test]
    fn clones_and_overrides_share_the_credentials() {
        let client = Client::new("p", "t", "example").unwrap();
        let clone = client.clone();
        assert!(Arc::ptr_eq(&client.auth, &clone.auth));
        assert!(Arc::ptr_eq(&client.options, &clone.options));
        let faster = client.with_timeout(Duration::from_secs(1));
        assert!(Arc::ptr_eq(&client.auth, &faster.auth));
        assert_eq!(faster.options.timeout, Duration::from_secs(1));
        assert_eq!(client.options.timeout, DEFAULT_TIMEOUT);
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
        assert_eq!(changed.options.timeout, DEFAULT_TIMEOUT);
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
            format!("signalwire-fabric/{}", env!("CARGO_PKG_VERSION"))
        );
        assert!(HeaderValue::from_str(USER_AGENT).is_ok());
    }
}
