//! The error types: [`ConfigError`] for building a client, [`Error`] for
//! every operation, and [`ApiError`] for an error status the API declares.

use std::fmt;

use bytes::Bytes;

/// Why a [`Client`](crate::Client) could not be configured.
///
/// Every message names the setting (or environment variable) that was
/// missing or wrong. No message ever contains the API token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting was not given to the
    /// [`ClientBuilder`](crate::ClientBuilder).
    #[error("{setting} is required")]
    Missing {
        /// The setting, e.g. `project id`.
        setting: &'static str,
    },

    /// Neither a space nor a base URL was given to the
    /// [`ClientBuilder`](crate::ClientBuilder).
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

    /// The server URL template of the API description cannot be expanded
    /// with a space name. This is a defect of the generated code, not of
    /// the caller's settings; use a base URL instead.
    #[error("cannot expand the server url template `{template}`: {reason}")]
    ServerTemplate {
        /// The template, e.g. `https://{space_name}.signalwire.com`.
        template: &'static str,
        /// What is wrong with it.
        reason: String,
    },

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
    /// failed to initialise).
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
    /// ([`ClientBuilder::default_header`](crate::ClientBuilder::default_header)
    /// or [`Client::with_header`](crate::Client::with_header)). Its value is
    /// not repeated.
    #[error(
        "the authorization header cannot be set as an extra header: \
         the credentials come from the project id and api token"
    )]
    AuthorizationHeader,

    /// A connect timeout was asked for a client that sends through a
    /// caller-supplied [`reqwest::Client`], whose connector cannot be
    /// changed.
    #[error(
        "a connect timeout cannot be applied to a caller-supplied reqwest::Client: \
         set it with `reqwest::ClientBuilder::connect_timeout` on that client"
    )]
    ConnectTimeoutWithCustomHttpClient,
}

/// The error of every API operation.
///
/// `E` is the operation's own error enum (generated from the error
/// responses the API description declares for it, e.g.
/// `UpdateSipEndpointError`); it appears only inside [`Error::Api`].
///
/// ```
/// # fn describe<E: std::fmt::Display>(error: &signalwire_fabric::Error<E>) -> String {
/// use signalwire_fabric::Error;
/// match error {
///     Error::Api(api) => format!("the API said {}: {}", api.status(), api.body()),
///     Error::Timeout => "timed out".to_owned(),
///     other => match other.status() {
///         Some(status) => format!("HTTP {status}: {other}"),
///         None => other.to_string(),
///     },
/// }
/// # }
/// ```
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be sent or the response could not be read
    /// (connection refused, DNS, TLS, connection reset, ...).
    Transport(reqwest::Error),

    /// The request timed out.
    Timeout,

    /// The API answered with an error status that it declares for this
    /// operation; the body was parsed into `E`.
    Api(ApiError<E>),

    /// The API answered with a status that it does not declare for this
    /// operation.
    UnexpectedStatus {
        /// The HTTP status code.
        status: u16,
        /// The raw response body.
        body: Bytes,
    },

    /// The API answered with a declared status, but the body did not match
    /// the declared schema (or was not JSON at all).
    Decode {
        /// The HTTP status code.
        status: u16,
        /// The raw response body.
        body: Bytes,
        /// Why the body did not parse.
        source: serde_json::Error,
    },

    /// The request body could not be serialised to JSON. Nothing was sent.
    Encode(serde_json::Error),

    /// A path parameter was empty, `.` or `..`, which would address a
    /// different resource than the operation's. Nothing was sent.
    InvalidPathParameter {
        /// The operation's path template, e.g. `/resources/{id}`.
        path_template: &'static str,
        /// The name of the parameter, e.g. `id`.
        name: String,
    },

    /// The response body was larger than the limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes));
    /// reading stopped there. Not retried.
    BodyTooLarge {
        /// The HTTP status code of the response.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },

    /// Every attempt the [`RetryPolicy`](crate::RetryPolicy) allowed failed
    /// in a way worth retrying (a retryable status, a transport error or a
    /// timeout), and the attempts or the deadline ran out. Only returned
    /// when more than one attempt was made; [`Error::status`],
    /// [`Error::raw_body`], [`Error::api_error`] and [`Error::is_timeout`]
    /// answer for `last`.
    RetriesExhausted {
        /// The number of attempts made, the first one included.
        attempts: u32,
        /// The error of the last attempt.
        last: Box<Error<E>>,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the response, if one was received (of the last
    /// attempt, for [`Error::RetriesExhausted`]).
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(api) => Some(api.status()),
            Self::UnexpectedStatus { status, .. }
            | Self::Decode { status, .. }
            | Self::BodyTooLarge { status, .. } => Some(*status),
            Self::RetriesExhausted { last, .. } => last.status(),
            Self::Transport(_)
            | Self::Timeout
            | Self::Encode(_)
            | Self::InvalidPathParameter { .. } => None,
        }
    }

    /// The raw body of the response, if one was received (of the last
    /// attempt, for [`Error::RetriesExhausted`]). `None` for
    /// [`Error::BodyTooLarge`], whose body was not kept.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Self::Api(api) => Some(api.raw_body()),
            Self::UnexpectedStatus { body, .. } | Self::Decode { body, .. } => Some(body),
            Self::RetriesExhausted { last, .. } => last.raw_body(),
            Self::Transport(_)
            | Self::Timeout
            | Self::Encode(_)
            | Self::InvalidPathParameter { .. }
            | Self::BodyTooLarge { .. } => None,
        }
    }

    /// The declared API error, if this is [`Error::Api`] (or
    /// [`Error::RetriesExhausted`] whose last error is).
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self {
            Self::Api(api) => Some(api),
            Self::RetriesExhausted { last, .. } => last.api_error(),
            _ => None,
        }
    }

    /// Whether the request timed out (the last attempt, for
    /// [`Error::RetriesExhausted`]).
    pub fn is_timeout(&self) -> bool {
        match self {
            Self::Timeout => true,
            Self::RetriesExhausted { last, .. } => last.is_timeout(),
            _ => false,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "transport error: {error}"),
            Self::Timeout => f.write_str("the request timed out"),
            Self::Api(api) => write!(f, "api error: {api}"),
            Self::UnexpectedStatus { status, body } => {
                write!(f, "unexpected status {}", StatusText(*status))?;
                write_excerpt(f, body)
            }
            Self::Decode {
                status,
                body,
                source,
            } => {
                write!(f, "could not decode the {status} response: {source}")?;
                write_excerpt(f, body)
            }
            Self::Encode(error) => write!(f, "could not encode the request body: {error}"),
            Self::InvalidPathParameter {
                path_template,
                name,
            } => write!(
                f,
                "path parameter `{name}` of {path_template} must not be empty, `.` or `..`"
            ),
            Self::BodyTooLarge { status, limit } => write!(
                f,
                "the body of the {status} response is larger than the limit of {limit} bytes"
            ),
            Self::RetriesExhausted { attempts, last } => {
                write!(f, "gave up after {attempts} attempts: {last}")
            }
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => f.debug_tuple("Transport").field(error).finish(),
            Self::Timeout => f.write_str("Timeout"),
            Self::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Self::UnexpectedStatus { status, body } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("body", &BodyExcerpt(body))
                .finish(),
            Self::Decode {
                status,
                body,
                source,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("body", &BodyExcerpt(body))
                .field("source", source)
                .finish(),
            Self::Encode(error) => f.debug_tuple("Encode").field(error).finish(),
            Self::InvalidPathParameter {
                path_template,
                name,
            } => f
                .debug_struct("InvalidPathParameter")
                .field("path_template", path_template)
                .field("name", name)
                .finish(),
            Self::BodyTooLarge { status, limit } => f
                .debug_struct("BodyTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
            Self::RetriesExhausted { attempts, last } => f
                .debug_struct("RetriesExhausted")
                .field("attempts", attempts)
                .field("last", last)
                .finish(),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::Decode { source, .. } => Some(source),
            Self::Encode(error) => Some(error),
            // `Display` shows the last error, so its source comes next.
            Self::RetriesExhausted { last, .. } => last.source(),
            Self::Timeout
            | Self::Api(_)
            | Self::UnexpectedStatus { .. }
            | Self::InvalidPathParameter { .. }
            | Self::BodyTooLarge { .. } => None,
        }
    }
}

/// Why one attempt got no usable response: the part of [`Error`] that
/// does not depend on the operation.
#[derive(Debug)]
pub(crate) enum AttemptError {
    /// See [`Error::Transport`].
    Transport(reqwest::Error),
    /// See [`Error::Timeout`].
    Timeout,
    /// See [`Error::BodyTooLarge`].
    BodyTooLarge { status: u16, limit: usize },
}

impl AttemptError {
    /// A transport error of reqwest, or [`AttemptError::Timeout`] for a
    /// timeout of a caller-supplied client.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else {
            Self::Transport(error)
        }
    }

    /// Whether another attempt may succeed: timeouts and transport errors
    /// other than a request that could not be built or too many redirects.
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout => true,
            Self::Transport(error) => !error.is_builder() && !error.is_redirect(),
            Self::BodyTooLarge { .. } => false,
        }
    }
}

impl fmt::Display for AttemptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "transport error: {error}"),
            Self::Timeout => f.write_str("the request timed out"),
            Self::BodyTooLarge { status, limit } => write!(
                f,
                "the body of the {status} response is larger than the limit of {limit} bytes"
            ),
        }
    }
}

impl<E> From<AttemptError> for Error<E> {
    fn from(error: AttemptError) -> Self {
        match error {
            AttemptError::Transport(error) => Self::Transport(error),
            AttemptError::Timeout => Self::Timeout,
            AttemptError::BodyTooLarge { status, limit } => Self::BodyTooLarge { status, limit },
        }
    }
}

impl<E> From<ApiError<E>> for Error<E> {
    fn from(error: ApiError<E>) -> Self {
        Self::Api(error)
    }
}

/// An error status that the API declares for the operation, with its body
/// parsed into the operation's error enum `E`.
pub struct ApiError<E> {
    status: u16,
    body: E,
    raw_body: Bytes,
}

impl<E> ApiError<E> {
    pub(crate) fn new(status: u16, body: E, raw_body: Bytes) -> Self {
        Self {
            status,
            body,
            raw_body,
        }
    }

    /// The HTTP status code, e.g. `422`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The parsed body.
    pub fn body(&self) -> &E {
        &self.body
    }

    /// The parsed body, by value.
    pub fn into_body(self) -> E {
        self.body
    }

    /// The raw response body, as received.
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }
}

impl<E: fmt::Display> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The declared meaning, then what the server actually said.
        write!(f, "{}: {}", StatusText(self.status), self.body)?;
        write_excerpt(f, &self.raw_body)
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("body", &self.body)
            .field("raw_body", &BodyExcerpt(&self.raw_body))
            .finish()
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ApiError<E> {}

/// The longest excerpt of a raw body shown by `Display`, in characters.
const DISPLAY_EXCERPT_CHARS: usize = 200;
/// The longest excerpt of a raw body shown by `Debug`, in characters.
const DEBUG_EXCERPT_CHARS: usize = 1000;

/// `422 Unprocessable Entity`, or just `599` for a code without a name.
struct StatusText(u16);

impl fmt::Display for StatusText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.0)
            .ok()
            .and_then(|status| status.canonical_reason());
        match reason {
            Some(reason) => write!(f, "{} {reason}", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Appends `: <excerpt>` (or `(empty body)`) for a raw body to a message.
fn write_excerpt(f: &mut fmt::Formatter<'_>, body: &[u8]) -> fmt::Result {
    if body.is_empty() {
        f.write_str(" (empty body)")
    } else {
        f.write_str(": ")?;
        write_lossy(f, body, DISPLAY_EXCERPT_CHARS)
    }
}

/// Writes at most `max_chars` characters of `body` as lossy UTF-8, with
/// control characters (line breaks included) replaced by spaces, and `…`
/// when the body was cut.
fn write_lossy(f: &mut fmt::Formatter<'_>, body: &[u8], max_chars: usize) -> fmt::Result {
    use fmt::Write as _;
    // A character takes at most 4 bytes, so this prefix holds enough of them.
    let prefix = &body[..body.len().min(max_chars.saturating_mul(4))];
    let text = String::from_utf8_lossy(prefix);
    let mut chars = text.chars();
    for c in chars.by_ref().take(max_chars) {
        f.write_char(if c.is_control() { ' ' } else { c })?;
    }
    if chars.next().is_some() || prefix.len() < body.len() {
        f.write_char('…')?;
    }
    Ok(())
}

/// A raw body in `Debug` output: quoted lossy UTF-8, cut when long.
struct BodyExcerpt<'a>(&'a [u8]);

impl fmt::Debug for BodyExcerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let excerpt = LossyText(self.0, DEBUG_EXCERPT_CHARS).to_string();
        write!(f, "{excerpt:?} ({} bytes)", self.0.len())
    }
}

/// Lossy UTF-8 text of at most the given number of characters.
struct LossyText<'a>(&'a [u8], usize);

impl fmt::Display for LossyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lossy(f, self.0, self.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Body(&'static str);

    impl fmt::Display for Body {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    #[test]
    fn api_error_display_names_status_reason_and_body() {
        let error: Error<Body> = Error::Api(ApiError::new(
            422,
            Body("encryption: invalid value"),
            Bytes::from_static(b"{\"errors\":\n[]}"),
        ));
        assert_eq!(
            error.to_string(),
            "api error: 422 Unprocessable Entity: encryption: invalid value: {\"errors\": []}"
        );
        assert_eq!(error.status(), Some(422));
        assert_eq!(error.raw_body(), Some(&b"{\"errors\":\n[]}"[..]));
        assert_eq!(
            error.api_error().map(|api| api.body().0),
            Some("encryption: invalid value")
        );
        assert!(!error.is_timeout());
    }

    #[test]
    fn unexpected_status_display_shows_a_short_single_line_excerpt() {
        let body = format!("line one\nline two {}", "x".repeat(500));
        let error: Error<Body> = Error::UnexpectedStatus {
            status: 503,
            body: Bytes::from(body),
        };
        let text = error.to_string();
        assert!(
            text.starts_with("unexpected status 503 Service Unavailable: line one line two xxx"),
            "{text}"
        );
        assert!(text.ends_with('…'), "{text}");
        assert_eq!(
            text.chars().count(),
            "unexpected status 503 Service Unavailable: ".len() + DISPLAY_EXCERPT_CHARS + 1
        );
    }

    #[test]
    fn unexpected_status_display_of_empty_body_and_unnamed_status() {
        let error: Error<Body> = Error::UnexpectedStatus {
            status: 599,
            body: Bytes::new(),
        };
        assert_eq!(error.to_string(), "unexpected status 599 (empty body)");
    }

    #[test]
    fn decode_display_and_source() {
        let source = serde_json::from_slice::<serde_json::Value>(b"<html>").unwrap_err();
        let source_text = source.to_string();
        let error: Error<Body> = Error::Decode {
            status: 200,
            body: Bytes::from_static(b"<html>\xff"),
            source,
        };
        assert_eq!(
            error.to_string(),
            format!("could not decode the 200 response: {source_text}: <html>\u{fffd}")
        );
        let source = std::error::Error::source(&error).map(ToString::to_string);
        assert_eq!(source, Some(source_text));
        assert_eq!(error.status(), Some(200));
    }

    #[test]
    fn debug_cuts_long_bodies() {
        let error: Error<Body> = Error::UnexpectedStatus {
            status: 500,
            body: Bytes::from("y".repeat(5000)),
        };
        let debug = format!("{error:?}");
        assert!(debug.contains("(5000 bytes)"), "{debug}");
        assert!(debug.len() < 1100, "{}", debug.len());
    }

    #[test]
    fn timeout_has_no_status() {
        let error: Error<Body> = Error::Timeout;
        assert!(error.is_timeout());
        assert_eq!(error.status(), None);
        assert_eq!(error.raw_body(), None);
        assert_eq!(error.to_string(), "the request timed out");
    }

    #[test]
    fn config_error_messages() {
        let error = ConfigError::InvalidEnvVar {
            name: "SIGNALWIRE_SPACE",
            reason: Box::new(ConfigError::Empty { setting: "space" }),
        };
        assert_eq!(
            error.to_string(),
            "environment variable SIGNALWIRE_SPACE is invalid: space must not be empty"
        );
    }
}
