//! [`ConfigError`]: why a client could not be configured.

/// Why a `Client` could not be configured.
///
/// Every message names the setting (or environment variable) that was
/// missing or wrong. No message ever contains the API token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting was not given to the
    /// `ClientBuilder`.
    #[error("{setting} is required")]
    Missing {
        /// The setting, e.g. `project id`.
        setting: &'static str,
    },

    /// Neither a space nor a base URL was given to the
    /// `ClientBuilder`.
    #[error("a space (e.g. `example` or `example.signalwire.com`) or a base url is required")]
    MissingServer,

    /// A setting was empty or only whitespace.
    #[error("{setting} must not be empty")]
    Empty {
        /// The setting, e.g. `api token`.
        setting: &'static str,
    },

    /// The project ID cannot be used as the username of HTTP Basic auth.
    #[error("invalid project id: {reason}")]
    InvalidProjectId {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The bearer token cannot be sent in an `Authorization` header.
    #[error("invalid bearer token: {reason}")]
    InvalidBearerToken {
        /// What is wrong with it (never the token itself).
        reason: &'static str,
    },

    /// The space is neither a valid space name nor a valid host.
    #[error("invalid space `{value}`: {reason}")]
    InvalidSpace {
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The base URL is not an absolute `http`/`https` URL that paths can be
    /// appended to.
    #[error("invalid base url `{value}`: {reason}")]
    InvalidBaseUrl {
        /// The value given (any credentials in it replaced by `***`).
        value: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The API description declares no server URL that a space name can
    /// be put into, so only a base URL can say where to send requests.
    #[error("the api declares no server url for a space name; set a base url instead")]
    NoServerTemplate,

    /// A required environment variable is not set.
    #[error("environment variable {name} is not set")]
    MissingEnvVar {
        /// The variable, e.g. `SIGNALWIRE_PROJECT_ID`.
        name: &'static str,
    },

    /// Neither `SIGNALWIRE_SPACE` nor `SIGNALWIRE_BASE_URL` is set.
    #[error("neither environment variable {space} nor {base_url} is set (one of them is required)")]
    MissingServerEnvVar {
        /// `SIGNALWIRE_SPACE`.
        space: &'static str,
        /// `SIGNALWIRE_BASE_URL`.
        base_url: &'static str,
    },

    /// An environment variable is set but empty (or only whitespace).
    #[error("environment variable {name} is empty")]
    EmptyEnvVar {
        /// The variable, e.g. `SIGNALWIRE_API_TOKEN`.
        name: &'static str,
    },

    /// An environment variable is set but its value is not valid Unicode.
    #[error("environment variable {name} is not valid unicode")]
    NotUnicodeEnvVar {
        /// The variable.
        name: &'static str,
    },

    /// An environment variable is set but its value is invalid.
    #[error("environment variable {name} is invalid: {reason}")]
    InvalidEnvVar {
        /// The variable, e.g. `SIGNALWIRE_SPACE`.
        name: &'static str,
        /// What is wrong with its value.
        reason: Box<ConfigError>,
    },

    /// The default HTTP client could not be created (e.g. the TLS backend
    /// failed to initialise). The source is a
    /// [`reqwest::Error`](https://docs.rs/reqwest/0.13/reqwest/struct.Error.html) (reqwest 0.13).
    #[error("could not create the http client: {0}")]
    HttpClient(#[source] reqwest::Error),

    /// The base URL uses plain `http` for a host that is not a loopback
    /// address, so the credentials (HTTP Basic auth) would travel in clear.
    #[error(
        "refusing the insecure base url `{url}`: over http the api token would travel in clear; \
         use https, or allow plain http explicitly with `ClientBuilder::allow_insecure_http(true)` \
         (loopback hosts such as 127.0.0.1, ::1 and localhost are always allowed)"
    )]
    InsecureBaseUrl {
        /// The base URL (it never contains credentials: those are refused
        /// first).
        url: String,
    },

    /// An `Authorization` header was given as an extra header
    /// (`ClientBuilder::default_header`
    /// or `Client::with_header`). Its value is
    /// not repeated.
    #[error(
        "the authorization header cannot be set as an extra header: \
         the credentials come from the project id and api token"
    )]
    AuthorizationHeader,

    /// A connect timeout was asked for a client that sends through a
    /// caller-supplied [`reqwest::Client`](https://docs.rs/reqwest/0.13/reqwest/struct.Client.html) (reqwest 0.13), whose connector
    /// cannot be changed.
    #[error(
        "a connect timeout cannot be applied to a caller-supplied reqwest::Client: \
         set it with `reqwest::ClientBuilder::connect_timeout` on that client"
    )]
    ConnectTimeoutWithCustomHttpClient,
}
