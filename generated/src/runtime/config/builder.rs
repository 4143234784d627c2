//! [`ClientBuilder`]: every setting of a client, checked when it is built.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::SecretString;

use super::base_url::{parse_base_url, space_base_url};
use super::credentials::{
    basic_authorization, bearer_authorization, check_api_token, check_bearer_token,
    check_project_id,
};
use super::plain_http::check_transport_security;
use crate::runtime::client::{Auth, HeaderNames, Options, Redacted, Transport, check_extra_header};
use crate::runtime::{Client, ConfigError, RetryPolicy, defaults};

/// Builds a [`Client`] step by step.
///
/// The project ID, the API token and either a space or a base URL are
/// required; when both a space and a base URL are given, the base URL wins.
///
/// ```
/// use signalwire_rest::Client;
///
/// let client = Client::builder()
///     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
///     .api_token("PTxxxxxxxx")
///     .space("example")
///     .build()?;
/// assert_eq!(client.base_url(), "https://example.signalwire.com");
/// # Ok::<(), signalwire_rest::ConfigError>(())
/// ```
///
/// Timeouts, retries and the response size limit start at the values in
/// [`defaults`](crate::defaults) (and no extra headers); they can also be
/// changed per call with the `with_*` methods of [`Client`].
///
/// ```
/// use std::time::Duration;
/// use signalwire_rest::header::{HeaderName, HeaderValue};
/// use signalwire_rest::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .project_id("a6f0bd5c-0000-4000-8000-000000000000")
///     .api_token("PTxxxxxxxx")
///     .space("example")
///     .timeout(Duration::from_secs(10))
///     .connect_timeout(Duration::from_secs(3))
///     .retry(RetryPolicy::default().max_attempts(5))
///     .max_response_bytes(1024 * 1024)
///     .default_header(HeaderName::from_static("x-team"), HeaderValue::from_static("voice"))
///     .build()?;
/// # let _ = client;
/// # Ok::<(), signalwire_rest::ConfigError>(())
/// ```
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    project_id: Option<String>,
    api_token: Option<SecretString>,
    bearer_token: Option<SecretString>,
    space: Option<String>,
    base_url: Option<String>,
    http_client: Option<reqwest::Client>,
    connect_timeout: Option<Duration>,
    allow_insecure_http: bool,
    options: Options,
    /// Set when `Authorization` was given as a default header; refused by
    /// [`ClientBuilder::build`].
    authorization_header: bool,
}

impl ClientBuilder {
    /// Sets the project ID, sent as the username of HTTP Basic auth.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Sets the API token, sent as the password of HTTP Basic auth. It is
    /// kept in a [`secrecy::SecretString`](https://docs.rs/secrecy/0.10/secrecy/type.SecretString.html) and never shown by `Debug` or in
    /// errors.
    pub fn api_token(mut self, api_token: impl Into<String>) -> Self {
        self.api_token = Some(SecretString::from(api_token.into()));
        self
    }

    /// Sets the bearer token that operations which authenticate with HTTP
    /// Bearer send (`Authorization: Bearer <token>`), such as a
    /// subscriber's token; their docs say so. Every other operation keeps
    /// sending HTTP Basic. It is kept in a
    /// [`secrecy::SecretString`](https://docs.rs/secrecy/0.10/secrecy/type.SecretString.html)
    /// and never shown by `Debug` or in errors. Without one, a Bearer
    /// operation fails with
    /// [`Error::MissingBearerToken`](crate::Error::MissingBearerToken) and
    /// sends nothing.
    pub fn bearer_token(mut self, bearer_token: impl Into<String>) -> Self {
        self.bearer_token = Some(SecretString::from(bearer_token.into()));
        self
    }

    /// Sets the space: a host such as `example.signalwire.com` (anything
    /// containing a `.`), used as `https://<host>` followed by the path of
    /// the API's server URL if it has one, or a bare space name such as
    /// `example`, put into the API's server URL template
    /// (`https://example.signalwire.com`).
    pub fn space(mut self, space: impl Into<String>) -> Self {
        self.space = Some(space.into());
        self
    }

    /// Sets a full base URL such as `http://127.0.0.1:4010` or
    /// `https://gateway.example.com/signalwire`; operation paths are
    /// appended to it, keeping its path. Overrides [`space`](Self::space).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sends requests with the caller's own [`reqwest::Client`](https://docs.rs/reqwest/0.13/reqwest/struct.Client.html)
    /// (reqwest 0.13, re-exported as `signalwire_rest::reqwest`) instead of a default one:
    /// for a proxy, custom TLS roots, connection pool settings, ... Set its
    /// connect timeout on it: this cannot be combined with
    /// [`connect_timeout`](Self::connect_timeout).
    ///
    /// reqwest's TLS (rustls) needs a crypto provider to build a client.
    /// This crate installs `ring` process-wide (unless the application
    /// installed one) when it builds a client of its own; before that, a
    /// reqwest client of yours needs one installed, such as
    /// `rustls::crypto::ring::default_provider().install_default()`
    /// (rustls 0.23 with its `ring` feature), or this crate's feature
    /// `aws-lc-rs`, with which reqwest brings its own default.
    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    /// Sets the timeout of each attempt, from sending the request to the
    /// end of the response body (default [`defaults::TIMEOUT`]). A timed-out attempt is
    /// retried as the [`RetryPolicy`] allows.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    /// Sets the timeout of establishing a connection, TLS included (default
    /// [`defaults::CONNECT_TIMEOUT`]). Cannot be combined with [`http_client`](Self::http_client):
    /// set it on that client instead.
    pub fn connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = Some(connect_timeout);
        self
    }

    /// Sets when and how often failed requests are retried (default
    /// [`RetryPolicy::default`]; [`RetryPolicy::none`] turns retries off).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.options.retry = retry;
        self
    }

    /// Sets the largest response body accepted, in bytes (default
    /// [`defaults::MAX_RESPONSE_BYTES`]). A larger body fails the call at
    /// once when its `Content-Length` announces it, otherwise as soon as
    /// the bytes received exceed the limit, so that a runaway response
    /// cannot exhaust memory: with
    /// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
    pub fn max_response_bytes(mut self, max_response_bytes: usize) -> Self {
        self.options.max_response_bytes = max_response_bytes;
        self
    }

    /// Allows a base URL with plain `http` for any host (default: only for
    /// loopback hosts, `127.0.0.0/8`, `::1` and `localhost`, where the
    /// credentials do not leave the machine). Over plain http the
    /// credentials travel in clear: use it only for a server you trust on a
    /// network you trust, such as a mock server in a container. Otherwise
    /// [`build`](Self::build) fails with [`ConfigError::InsecureBaseUrl`]
    /// before any request is made. There is deliberately no environment
    /// variable for this: a stray variable must not be able to send a
    /// production token in clear.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Adds a header sent with every request, such as a request ID or a
    /// mock server's `Prefer`. Every request already carries
    /// `Authorization` (HTTP Basic), `Accept: application/json`,
    /// `Content-Type: application/json` when it has a body, and
    /// `User-Agent` ([`USER_AGENT`](crate::USER_AGENT)). One value per name (a second call with the
    /// same name replaces the first). It replaces the crate's own
    /// `User-Agent`, `Accept` or `Content-Type` if you name one of those,
    /// and a header of the same name given per call
    /// ([`Client::with_header`]) replaces it.
    ///
    /// `Authorization` is refused: [`build`](Self::build) then fails with
    /// [`ConfigError::AuthorizationHeader`].
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        if check_extra_header(&name).is_err() {
            self.authorization_header = true;
        } else {
            self.options.headers.insert(name, value);
        }
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] naming the first setting that is missing, empty or
    /// invalid; [`ConfigError::InsecureBaseUrl`] for a plain `http` base URL
    /// that is neither loopback nor explicitly allowed;
    /// [`ConfigError::AuthorizationHeader`] and
    /// [`ConfigError::ConnectTimeoutWithCustomHttpClient`] for settings that
    /// cannot go together.
    pub fn build(self) -> Result<Client, ConfigError> {
        let project_id = self.project_id.ok_or(ConfigError::Missing {
            setting: "project id",
        })?;
        check_project_id(&project_id)?;
        let api_token = self.api_token.ok_or(ConfigError::Missing {
            setting: "api token",
        })?;
        check_api_token(&api_token)?;
        let bearer = match &self.bearer_token {
            Some(bearer_token) => {
                check_bearer_token(bearer_token)?;
                Some(bearer_authorization(bearer_token))
            }
            None => None,
        };
        let base_url = match (self.base_url, self.space) {
            (Some(base_url), _) => parse_base_url(&base_url)?,
            (None, Some(space)) => space_base_url(&space)?,
            (None, None) => return Err(ConfigError::MissingServer),
        };
        if !self.allow_insecure_http {
            check_transport_security(&base_url)?;
        }
        if self.authorization_header {
            return Err(ConfigError::AuthorizationHeader);
        }
        let transport = match (self.http_client, self.connect_timeout) {
            (Some(_), Some(_)) => return Err(ConfigError::ConnectTimeoutWithCustomHttpClient),
            (Some(http_client), None) => Transport::supplied(http_client),
            (None, connect_timeout) => {
                Transport::build(connect_timeout.unwrap_or(defaults::CONNECT_TIMEOUT))?
            }
        };
        Ok(Client {
            auth: Arc::new(Auth {
                authorization: basic_authorization(&project_id, &api_token),
                bearer,
                base_url,
                project_id,
            }),
            transport,
            options: Arc::new(self.options),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("project_id", &self.project_id)
            .field("api_token", &self.api_token.as_ref().map(|_| Redacted))
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| Redacted),
            )
            .field("space", &self.space)
            .field("base_url", &self.base_url)
            .field("http_client", &self.http_client.as_ref().map(|_| ".."))
            .field("timeout", &self.options.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.options.retry)
            .field("max_response_bytes", &self.options.max_response_bytes)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("headers", &HeaderNames(&self.options.headers))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::config::message;

    #[test]
    fn builder_requires_each_setting() {
        assert_eq!(message(Client::builder().build()), "project id is required");
        assert_eq!(
            message(Client::builder().project_id("p").build()),
            "api token is required"
        );
        assert_eq!(
            message(Client::builder().project_id("p").api_token("t").build()),
            "a space (e.g. `example` or `example.signalwire.com`) or a base url is required"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id(" ")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "project id must not be empty"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("a:b")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "invalid project id: must not contain `:`"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("a b")
                    .api_token("t")
                    .space("x")
                    .build()
            ),
            "invalid project id: must not contain whitespace or control characters"
        );
        assert_eq!(
            message(
                Client::builder()
                    .project_id("p")
                    .api_token("")
                    .space("x")
                    .build()
            ),
            "api token must not be empty"
        );
    }

    #[test]
    fn base_url_overrides_space_in_the_builder() {
        let client = Client::builder()
            .project_id("p")
            .api_token("t")
            .space("example")
            .base_url("http://127.0.0.1:4010/prefix/")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:4010/prefix");
    }

    #[test]
    fn simple_constructors() {
        let client = Client::new("p", "t", "example").unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
        let client = Client::new("p", "t", "example.signalwire.com").unwrap();
        assert_eq!(client.base_url(), "https://example.signalwire.com");
        let client = Client::from_base_url("p", "t", "http://localhost:4010").unwrap();
        assert_eq!(client.base_url(), "http://localhost:4010");
        assert!(Client::new("p", "t", "").is_err());
        assert!(Client::from_base_url("p", "t", "localhost:4010").is_err());
    }

    #[test]
    fn authorization_is_refused_as_a_default_header() {
        let error = Client::builder()
            .project_id("p")
            .api_token("t")
            .space("example")
            .default_header(
                reqwest::header::AUTHORIZATION,
                HeaderValue::from_static("Basic c2VjcmV0"),
            )
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::AuthorizationHeader),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "the authorization header cannot be set as an extra header: \
             the credentials come from the project id and api token"
        );
    }

    #[test]
    fn a_connect_timeout_needs_a_client_made_by_the_crate() {
        // A reqwest client of the caller's own needs a TLS provider first.
        crate::runtime::tls::ensure_crypto_provider();
        let builder = || {
            Client::builder()
                .project_id("p")
                .api_token("t")
                .space("example")
        };
        let error = builder()
            .http_client(reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::ConnectTimeoutWithCustomHttpClient),
            "{error:?}"
        );
        let supplied = builder()
            .http_client(reqwest::Client::new())
            .build()
            .unwrap();
        let error = supplied
            .with_connect_timeout(Duration::from_secs(1))
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::ConnectTimeoutWithCustomHttpClient),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("a connect timeout cannot be applied to a caller-supplied"),
            "{error}"
        );
        let own = builder()
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap();
        assert!(own.with_connect_timeout(Duration::from_secs(2)).is_ok());
    }

    #[test]
    fn debug_shows_the_settings_and_header_names_only() {
        let builder = Client::builder()
            .project_id("p")
            .api_token("t0ken-value")
            .space("example")
            .timeout(Duration::from_secs(7))
            .max_response_bytes(1234)
            .default_header(
                HeaderName::from_static("x-api-key"),
                HeaderValue::from_static("other-secret"),
            );
        let debug = format!("{builder:?}");
        for expected in ["7s", "1234", "x-api-key", "max_attempts: 3"] {
            assert!(debug.contains(expected), "{expected}: {debug}");
        }
        let client = builder.build().unwrap();
        let debug = format!("{client:?}");
        for expected in ["7s", "10s", "1234", "x-api-key", "max_attempts: 3"] {
            assert!(debug.contains(expected), "{expected}: {debug}");
        }
        for text in [format!("{client:?}"), format!("{client:#?}")] {
            assert!(!text.contains("other-secret"), "{text}");
            assert!(!text.contains("t0ken-value"), "{text}");
        }
    }

    #[test]
    fn debug_never_shows_the_token() {
        let builder = Client::builder()
            .project_id("project-1")
            .api_token("sup3r-s3cret-t0ken")
            .space("example");
        let debug = format!("{builder:?}");
        assert!(!debug.contains("sup3r-s3cret-t0ken"), "{debug}");
        assert!(debug.contains("project-1"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
        let client = builder.build().unwrap();
        for text in [format!("{client:?}"), format!("{client:#?}")] {
            assert!(!text.contains("sup3r-s3cret-t0ken"), "{text}");
            assert!(text.contains("https://example.signalwire.com"), "{text}");
            assert!(text.contains("[redacted]"), "{text}");
        }
    }
}
