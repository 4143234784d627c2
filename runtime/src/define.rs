//! [`client!`](crate::client): the items of the client crate that
//! generated code adds methods to, so that are defined in that crate:
//! `Client`, `ClientBuilder`, and the typed mock's `MockApi` and
//! `Expectations`. Each is a thin wrapper of the runtime's state ([`Core`],
//! [`Settings`], `mock::Core`), and each of its methods is one call into
//! the runtime; what they do is written and tested there.
//!
//! The docs of those items are written here and render in the client
//! crate: their links resolve where the macro is invoked, the client
//! crate's root, which re-exports the runtime's public items.

#[cfg(doc)]
use crate::{Core, Settings};

/// Defines the client crate's `Client`, `ClientBuilder` and (behind its
/// cargo feature `mock`) its module `mock`, for the API whose server URL
/// template and variables are given (the generated `SERVER_URL` and
/// `SERVER_VARIABLES`):
///
/// ```ignore
/// signalwire_rest_runtime::client!(crate::api::SERVER_URL, crate::api::SERVER_VARIABLES);
/// ```
///
/// It also defines `CLIENT_METHODS`, the names of the inherent methods of
/// `Client` it defines, which the client crate checks against the names
/// the generator keeps operations off.
#[doc(hidden)]
#[macro_export]
macro_rules! client {
    ($server_url:expr, $server_variables:expr $(,)?) => {
        /// The client of SignalWire's REST API.
        ///
        /// Every operation of the API is an `async` method of `Client`, named
        /// after the document's `operationId`. The crate's front page lists the
        /// API areas, each with an index of its operations; to find the method of
        /// an HTTP path, search these docs for the path. A client
        /// holds its configuration and a connection pool behind [`Arc`](std::sync::Arc)s: clone it
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
            /// What the client holds; generated operations send through it.
            pub(crate) core: $crate::Core,
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.core, f)
            }
        }

        $crate::client_methods! {
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
            ) -> Result<Client, $crate::ConfigError> {
                Client::builder().project_id(project_id).api_token(api_token).space(space).build()
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
            ) -> Result<Client, $crate::ConfigError> {
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
            pub fn from_env() -> Result<Client, $crate::ConfigError> {
                $crate::from_env(ClientBuilder::SERVER, |name| ::std::env::var(name))
                    .map(|core| Client { core })
            }

            /// Starts a [`ClientBuilder`].
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The URL that operation paths are appended to, without trailing `/`,
            /// e.g. `https://example.signalwire.com`.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// A client whose calls time out after `timeout` per attempt (from
            /// sending the request to the end of the response body); each retry
            /// gets the full time again. Shares the pool and credentials.
            #[must_use]
            pub fn with_timeout(&self, timeout: ::std::time::Duration) -> Client {
                Client { core: self.core.with_timeout(timeout) }
            }

            /// A client whose calls retry as `retry` says
            /// ([`RetryPolicy::none`] turns retries off). Shares the pool and
            /// credentials.
            #[must_use]
            pub fn with_retry(&self, retry: $crate::RetryPolicy) -> Client {
                Client { core: self.core.with_retry(retry) }
            }

            /// A client whose calls refuse a response body larger than
            /// `max_response_bytes` with [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
            /// Shares the pool and credentials.
            #[must_use]
            pub fn with_max_response_bytes(&self, max_response_bytes: usize) -> Client {
                Client { core: self.core.with_max_response_bytes(max_response_bytes) }
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
            pub fn with_header(
                &self,
                name: $crate::reqwest::header::HeaderName,
                value: $crate::reqwest::header::HeaderValue,
            ) -> Result<Client, $crate::ConfigError> {
                self.core.with_header(name, value).map(|core| Client { core })
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
            pub fn with_bearer_token(
                &self,
                bearer_token: impl Into<String>,
            ) -> Result<Client, $crate::ConfigError> {
                self.core.with_bearer_token(bearer_token.into()).map(|core| Client { core })
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
            pub fn with_connect_timeout(
                &self,
                connect_timeout: ::std::time::Duration,
            ) -> Result<Client, $crate::ConfigError> {
                self.core.with_connect_timeout(connect_timeout).map(|core| Client { core })
            }

        }
        }

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
        #[must_use]
        pub struct ClientBuilder {
            settings: $crate::Settings,
        }

        impl ClientBuilder {
            /// The server of the API's document, which a space is put into.
            const SERVER: $crate::Server = $crate::Server {
                url: $server_url,
                variables: $server_variables,
            };
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                ClientBuilder {
                    settings: $crate::Settings::new(ClientBuilder::SERVER),
                }
            }
        }

        impl ::std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.settings, f)
            }
        }

        impl ClientBuilder {
            /// Sets the project ID, sent as the username of HTTP Basic auth.
            pub fn project_id(self, project_id: impl Into<String>) -> Self {
                ClientBuilder {
                    settings: self.settings.project_id(project_id.into()),
                }
            }

            /// Sets the API token, sent as the password of HTTP Basic auth. It is
            /// kept in a [`secrecy::SecretString`](https://docs.rs/secrecy/0.10/secrecy/type.SecretString.html) and never shown by `Debug` or in
            /// errors.
            pub fn api_token(self, api_token: impl Into<String>) -> Self {
                ClientBuilder {
                    settings: self.settings.api_token(api_token.into()),
                }
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
            pub fn bearer_token(self, bearer_token: impl Into<String>) -> Self {
                ClientBuilder {
                    settings: self.settings.bearer_token(bearer_token.into()),
                }
            }

            /// Sets the space: a host such as `example.signalwire.com` (anything
            /// containing a `.`), used as `https://<host>` followed by the path of
            /// the API's server URL if it has one, or a bare space name such as
            /// `example`, put into the API's server URL template
            /// (`https://example.signalwire.com`).
            pub fn space(self, space: impl Into<String>) -> Self {
                ClientBuilder {
                    settings: self.settings.space(space.into()),
                }
            }

            /// Sets a full base URL such as `http://127.0.0.1:4010` or
            /// `https://gateway.example.com/signalwire`; operation paths are
            /// appended to it, keeping its path. Overrides [`space`](Self::space).
            pub fn base_url(self, base_url: impl Into<String>) -> Self {
                ClientBuilder {
                    settings: self.settings.base_url(base_url.into()),
                }
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
            pub fn http_client(self, http_client: $crate::reqwest::Client) -> Self {
                ClientBuilder {
                    settings: self.settings.http_client(http_client),
                }
            }

            /// Sets the timeout of each attempt, from sending the request to the
            /// end of the response body (default [`defaults::TIMEOUT`]). A timed-out attempt is
            /// retried as the [`RetryPolicy`] allows.
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                ClientBuilder {
                    settings: self.settings.timeout(timeout),
                }
            }

            /// Sets the timeout of establishing a connection, TLS included (default
            /// [`defaults::CONNECT_TIMEOUT`]). Cannot be combined with [`http_client`](Self::http_client):
            /// set it on that client instead.
            pub fn connect_timeout(self, connect_timeout: ::std::time::Duration) -> Self {
                ClientBuilder {
                    settings: self.settings.connect_timeout(connect_timeout),
                }
            }

            /// Sets when and how often failed requests are retried (default
            /// [`RetryPolicy::default`]; [`RetryPolicy::none`] turns retries off).
            pub fn retry(self, retry: $crate::RetryPolicy) -> Self {
                ClientBuilder {
                    settings: self.settings.retry(retry),
                }
            }

            /// Sets the largest response body accepted, in bytes (default
            /// [`defaults::MAX_RESPONSE_BYTES`]). A larger body fails the call at
            /// once when its `Content-Length` announces it, otherwise as soon as
            /// the bytes received exceed the limit, so that a runaway response
            /// cannot exhaust memory: with
            /// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
            pub fn max_response_bytes(self, max_response_bytes: usize) -> Self {
                ClientBuilder {
                    settings: self.settings.max_response_bytes(max_response_bytes),
                }
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
            pub fn allow_insecure_http(self, allow: bool) -> Self {
                ClientBuilder {
                    settings: self.settings.allow_insecure_http(allow),
                }
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
            pub fn default_header(
                self,
                name: $crate::reqwest::header::HeaderName,
                value: $crate::reqwest::header::HeaderValue,
            ) -> Self {
                ClientBuilder {
                    settings: self.settings.default_header(name, value),
                }
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
            pub fn build(self) -> Result<Client, $crate::ConfigError> {
                self.settings.build().map(|core| Client { core })
            }
        }

        #[cfg(feature = "mock")]
        pub mod mock {
            //! A mock of SignalWire's REST API for the tests of code that uses this
            //! client (cargo feature `mock`, off by default): a server on a loopback
            //! port that expects the operations you name, with the arguments you give,
            //! and answers with the values you give, typed as the operations are.
            //!
            //! - [`MockApi::start`] starts one; [`MockApi::client`] is a client of it.
            //! - [`MockApi::on`] gives one method per operation, named and typed as
            //!   the operation's method on [`Client`]: `mock.on().update_sip_credential(id,
            //!   &request)` expects the request that `client.update_sip_credential(id,
            //!   &request)` sends (the same method, path, query and header parameters,
            //!   and the body compared as JSON), and returns an [`Expect`] that says
            //!   what to answer: the operation's success value ([`Expect::reply`]), one
            //!   of its declared errors ([`Expect::reply_error`], with the status of
            //!   its variant), any status ([`Expect::reply_status`]), each with a
            //!   `Retry-After` ([`Expect::retry_after`]); several replies answer
            //!   successive requests in order; a list's pages link to each other
            //!   ([`Expect::pages`]), so its `_stream` method reads them all, and may
            //!   end in an error ([`Expect::pages_then_error`]).
            //! - [`MockApi::verify`] (also run when the mock is dropped) fails the test
            //!   unless every expectation got exactly its requests and every request
            //!   met an expectation, and lists what was received: a request that
            //!   matches no expectation is answered `501` and reported with its
            //!   differences from the closest expectation (`body at /username:
            //!   expected "alice", received "bob"`).
            //!
            //! # Example
            //!
            //! A `503` and then the endpoint: the client retries once (the mock's
            //! client waits no backoff, and `Retry-After: 0` asks for none).
            //!
            //! ```
            //! use signalwire_rest::mock::MockApi;
            //! use signalwire_rest::{ResourceResponseSipEndpoint, SipEndpointUpdateRequest, uuid::Uuid};
            //!
            //! # async fn run(endpoint: ResourceResponseSipEndpoint) {
            //! let mock = MockApi::start().await;
            //! let id = Uuid::nil();
            //! let request = SipEndpointUpdateRequest::new().username("alice");
            //! mock.on()
            //!     .update_sip_credential(id, &request)
            //!     .reply_status(503)
            //!     .retry_after(0)
            //!     .reply(endpoint.clone());
            //!
            //! let updated = mock.client().update_sip_credential(id, &request).await.unwrap();
            //! assert_eq!(updated, endpoint);
            //! mock.verify();
            //! # }
            //! ```
            //!
            //! Expectations are tried in the order they were set; one that has had all
            //! its requests no longer matches, so two expectations of the same request
            //! answer in turn.

            pub use $crate::mock::{ErrorReply, Expect};

            use super::{Client, ClientBuilder};

            /// A mock of the API on a loopback port: see [the module](self).
            ///
            /// Dropping it verifies it as [`MockApi::verify`] does (unless the thread
            /// is already panicking).
            pub struct MockApi {
                core: $crate::mock::Core,
            }

            impl ::std::fmt::Debug for MockApi {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Debug::fmt(&self.core, f)
                }
            }

            impl MockApi {
                /// Starts a mock with no expectations on a free loopback port.
                pub async fn start() -> MockApi {
                    MockApi {
                        core: $crate::mock::Core::start().await,
                    }
                }

                /// The mock's base URL, `http://127.0.0.1:<port>`.
                pub fn uri(&self) -> String {
                    self.core.uri()
                }

                /// A client of the mock: [`MockApi::client_builder`], built.
                pub fn client(&self) -> Client {
                    self.client_builder().build().unwrap_or_else(|error| {
                        panic!("a client of the mock at {}: {error}", self.uri())
                    })
                }

                /// A builder of a client of the mock, for other settings: its base URL,
                /// credentials (`mock-project`, `mock-token` and the bearer token
                /// `mock-bearer-token`; the mock does not check them), and the default
                /// [`RetryPolicy`](crate::RetryPolicy) without backoff, so that a test
                /// of retries does not wait (a reply's `Retry-After` is still honoured).
                pub fn client_builder(&self) -> ClientBuilder {
                    Client::builder()
                        .base_url(self.uri())
                        .project_id("mock-project")
                        .api_token("mock-token")
                        .bearer_token("mock-bearer-token")
                        .retry($crate::mock::Core::retry())
                }

                /// The operations to expect, one method each, named and typed as the
                /// operations' methods on [`Client`] are.
                pub fn on(&self) -> Expectations<'_> {
                    Expectations { core: &self.core }
                }

                /// Fails (panics) unless every expectation got exactly its requests (and
                /// every page of [`Expect::pages`] was fetched once) and every request
                /// met an expectation; the message lists the expectations not met, the
                /// requests that met none with their differences from the closest
                /// expectation, and every request received, in order.
                pub fn verify(&self) {
                    self.core.verify()
                }
            }

            /// The operations a [`MockApi`] can expect: one method per operation of
            /// the client, with the same name and arguments, each returning the
            /// [`Expect`] of that request (see [`MockApi::on`]).
            #[derive(Debug, Clone, Copy)]
            pub struct Expectations<'a> {
                /// The mock; generated methods add their expectations to it.
                pub(crate) core: &'a $crate::mock::Core,
            }
        }
    };
}

/// Defines the inherent methods of `Client` given to it (in
/// [`client!`](crate::client)) and records their names in
/// `CLIENT_METHODS`, which the client crate's `lib.rs` compares, when it
/// compiles, with the list the generator keeps operations off
/// (`RUNTIME_CLIENT_METHODS` of the generated `api` module). Every
/// inherent method of `Client` that the runtime defines goes through here.
#[doc(hidden)]
#[macro_export]
macro_rules! client_methods {
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

        /// The names of the inherent methods of `Client`.
        #[allow(dead_code)] // read by the client crate's lib.rs only
        pub(crate) const CLIENT_METHODS: &[&str] = &[$(::std::stringify!($name)),*];
    };
}
