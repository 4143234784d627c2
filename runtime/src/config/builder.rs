//! [`Settings`]: every setting of a client, checked when it is built
//! into a [`Core`]; the client crate's `ClientBuilder` is a
//! [`client!`](crate::client) wrapper around it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use secrecy::SecretString;

use super::base_url::{Server, parse_base_url, space_base_url};
use super::credentials::{
    basic_authorization, bearer_authorization, check_api_token, check_bearer_token,
    check_project_id,
};
use super::plain_http::check_transport_security;
use crate::client::{Auth, Core, HeaderNames, Options, Redacted, Transport, check_extra_header};
use crate::{ConfigError, RetryPolicy, defaults};

/// The settings of a client being built (the client crate's
/// `ClientBuilder` documents each), for the API whose server is `server`.
#[doc(hidden)]
#[must_use]
pub struct Settings {
    server: Server,
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
    /// [`Settings::build`].
    authorization_header: bool,
}

#[doc(hidden)]
impl Settings {
    /// No setting yet, for the API whose server is `server`.
    pub fn new(server: Server) -> Settings {
        Settings {
            server,
            project_id: None,
            api_token: None,
            bearer_token: None,
            space: None,
            base_url: None,
            http_client: None,
            connect_timeout: None,
            allow_insecure_http: false,
            options: Options::default(),
            authorization_header: false,
        }
    }

    pub fn project_id(mut self, project_id: String) -> Self {
        self.project_id = Some(project_id);
        self
    }

    pub fn api_token(mut self, api_token: String) -> Self {
        self.api_token = Some(SecretString::from(api_token));
        self
    }

    pub fn bearer_token(mut self, bearer_token: String) -> Self {
        self.bearer_token = Some(SecretString::from(bearer_token));
        self
    }

    pub fn space(mut self, space: String) -> Self {
        self.space = Some(space);
        self
    }

    pub fn base_url(mut self, base_url: String) -> Self {
        self.base_url = Some(base_url);
        self
    }

    pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
        self.http_client = Some(http_client);
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, connect_timeout: Duration) -> Self {
        self.connect_timeout = Some(connect_timeout);
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.options.retry = retry;
        self
    }

    pub fn max_response_bytes(mut self, max_response_bytes: usize) -> Self {
        self.options.max_response_bytes = max_response_bytes;
        self
    }

    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        if check_extra_header(&name).is_err() {
            self.authorization_header = true;
        } else {
            self.options.headers.insert(name, value);
        }
        self
    }

    pub fn build(self) -> Result<Core, ConfigError> {
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
            (None, Some(space)) => space_base_url(&space, self.server)?,
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
        Ok(Core {
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

impl fmt::Debug for Settings {
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
    use crate::config::message;
    use crate::test_api::Client;

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
        crate::tls::ensure_crypto_provider();
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
