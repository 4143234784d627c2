//! The error types: [`Error`] for every operation and [`ApiError`] for an
//! error status the API declares (here); [`ConfigError`] for building a
//! client (`config`); the internal error of one attempt (`attempt`); how
//! bodies appear in messages (`excerpt`).

mod attempt;
mod config;
mod excerpt;

use std::fmt;

use bytes::Bytes;

pub(crate) use attempt::AttemptError;
pub use config::ConfigError;
use excerpt::{BodyExcerpt, StatusText, write_excerpt};

/// The error of every API operation.
///
/// `E` is the operation's own error enum (generated from the error
/// responses the API description declares for it, e.g.
/// `UpdateSipEndpointError`); it appears only inside [`Error::Api`].
///
/// Retries do not change the shape of the error: after several attempts
/// the error is the one of the last attempt (a retried `500` is still an
/// [`Error::Api`]), and [`Error::attempts`] tells how many were made.
///
/// ```
/// # fn describe<E: std::fmt::Display>(error: &signalwire_rest::Error<E>) -> String {
/// use signalwire_rest::Error;
/// match error {
///     Error::Api(api) => format!("the API said {}: {}", api.status(), api.body()),
///     Error::Timeout { attempts } => format!("timed out {attempts} times"),
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
    /// (connection refused, DNS, TLS, connection reset, ...). `source` is a
    /// [`reqwest::Error`](https://docs.rs/reqwest/0.13/reqwest/struct.Error.html)
    /// (reqwest 0.13, re-exported as `signalwire_rest::reqwest`).
    Transport {
        /// What reqwest reported.
        source: reqwest::Error,
        /// The number of attempts made, the first one included.
        attempts: u32,
    },

    /// The request timed out: the time for one attempt
    /// (`ClientBuilder::timeout`), the
    /// retry deadline, or a timeout set on a caller-supplied
    /// [`reqwest::Client`](https://docs.rs/reqwest/0.13/reqwest/struct.Client.html) (reqwest 0.13) ran out.
    Timeout {
        /// The number of attempts made, the first one included.
        attempts: u32,
    },

    /// The API answered with an error status that it declares for this
    /// operation; the body was parsed into `E`. A declared status that is
    /// retried (such as `500`) still arrives here once the retries run out.
    Api(ApiError<E>),

    /// The API answered with a status that it does not declare for this
    /// operation.
    UnexpectedStatus {
        /// The HTTP status code.
        status: u16,
        /// The raw response body.
        body: Bytes,
        /// The number of attempts made, the first one included.
        attempts: u32,
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
        /// The number of attempts made, the first one included.
        attempts: u32,
    },

    /// The request body could not be serialised (as JSON, or as a form).
    /// Nothing was sent.
    Encode(serde_json::Error),

    /// A path parameter was empty, `.` or `..`, which would address a
    /// different resource than the operation's. Nothing was sent.
    InvalidPathParameter {
        /// The operation's path template, e.g. `/resources/{id}`.
        path_template: &'static str,
        /// The name of the parameter, e.g. `id`.
        name: &'static str,
    },

    /// A header parameter's value cannot be sent in a header (it holds a
    /// control character such as a line break). Nothing was sent.
    InvalidHeaderParameter {
        /// The operation's path template, e.g. `/resources`.
        path_template: &'static str,
        /// The header's name, in lowercase, e.g. `x-trace-id`.
        name: &'static str,
    },

    /// The operation authenticates with HTTP Bearer and the client has no
    /// bearer token (`ClientBuilder::bearer_token`,
    /// `Client::with_bearer_token`).
    /// Nothing was sent.
    MissingBearerToken {
        /// The operation's path template, e.g. `/subscribers/tokens`.
        path_template: &'static str,
    },

    /// A page of a list stream links to its next page on another origin
    /// (scheme, host or port) than the client's base URL. The link was not
    /// followed, so the credentials were not sent there; the stream ends
    /// here, after the items of the page that carried the link.
    ForeignNextLink {
        /// The `next` link as the server gave it.
        link: String,
    },

    /// A page of a list stream links to a page that the stream has already
    /// fetched, which would loop forever. The link was not followed; the
    /// stream ends here, after the items of the page that carried it.
    RepeatedNextLink {
        /// The `next` link as the server gave it.
        link: String,
    },

    /// A page of a list stream has a `next` link that is not a URL. The
    /// stream ends here, after the items of the page that carried it.
    InvalidNextLink {
        /// The `next` link as the server gave it.
        link: String,
        /// Why it is not a URL.
        reason: String,
    },

    /// The response body was larger than the limit
    /// (`ClientBuilder::max_response_bytes`);
    /// reading stopped there. Not retried.
    BodyTooLarge {
        /// The HTTP status code of the response.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
        /// The number of attempts made, the first one included.
        attempts: u32,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the response, if one was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(api) => Some(api.status()),
            Self::UnexpectedStatus { status, .. }
            | Self::Decode { status, .. }
            | Self::BodyTooLarge { status, .. } => Some(*status),
            Self::Transport { .. }
            | Self::Timeout { .. }
            | Self::Encode(_)
            | Self::InvalidPathParameter { .. }
            | Self::InvalidHeaderParameter { .. }
            | Self::MissingBearerToken { .. }
            | Self::ForeignNextLink { .. }
            | Self::RepeatedNextLink { .. }
            | Self::InvalidNextLink { .. } => None,
        }
    }

    /// The raw body of the response, if one was received. `None` for
    /// [`Error::BodyTooLarge`], whose body was not kept.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Self::Api(api) => Some(api.raw_body()),
            Self::UnexpectedStatus { body, .. } | Self::Decode { body, .. } => Some(body),
            Self::Transport { .. }
            | Self::Timeout { .. }
            | Self::Encode(_)
            | Self::InvalidPathParameter { .. }
            | Self::InvalidHeaderParameter { .. }
            | Self::MissingBearerToken { .. }
            | Self::ForeignNextLink { .. }
            | Self::RepeatedNextLink { .. }
            | Self::InvalidNextLink { .. }
            | Self::BodyTooLarge { .. } => None,
        }
    }

    /// The declared API error, if this is [`Error::Api`].
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// The number of attempts made, the first one included: more than one
    /// when the [`RetryPolicy`](crate::RetryPolicy) retried, and `0` when
    /// nothing was sent ([`Error::Encode`], [`Error::InvalidPathParameter`],
    /// [`Error::InvalidHeaderParameter`], [`Error::MissingBearerToken`], and
    /// the link errors of list streams, whose link was not followed).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Api(api) => api.attempts(),
            Self::Transport { attempts, .. }
            | Self::Timeout { attempts }
            | Self::UnexpectedStatus { attempts, .. }
            | Self::Decode { attempts, .. }
            | Self::BodyTooLarge { attempts, .. } => *attempts,
            Self::Encode(_)
            | Self::InvalidPathParameter { .. }
            | Self::InvalidHeaderParameter { .. }
            | Self::MissingBearerToken { .. }
            | Self::ForeignNextLink { .. }
            | Self::RepeatedNextLink { .. }
            | Self::InvalidNextLink { .. } => 0,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attempts = self.attempts();
        if attempts > 1 {
            write!(f, "after {attempts} attempts: ")?;
        }
        match self {
            Self::Transport { source, .. } => attempt::write_transport(f, source),
            Self::Timeout { .. } => f.write_str(attempt::TIMEOUT),
            Self::Api(api) => write!(f, "api error: {api}"),
            Self::UnexpectedStatus { status, body, .. } => {
                write!(f, "unexpected status {}", StatusText(*status))?;
                write_excerpt(f, body)
            }
            Self::Decode {
                status,
                body,
                source,
                ..
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
            Self::InvalidHeaderParameter {
                path_template,
                name,
            } => write!(
                f,
                "header parameter `{name}` of {path_template} must not contain control characters"
            ),
            Self::ForeignNextLink { link } => write!(
                f,
                "the next page is on another origin than the base url; not followed: {link}"
            ),
            Self::RepeatedNextLink { link } => write!(
                f,
                "the next page was already fetched; not followed again: {link}"
            ),
            Self::InvalidNextLink { link, reason } => {
                write!(f, "the next page link `{link}` is not a url: {reason}")
            }
            Self::MissingBearerToken { path_template } => write!(
                f,
                "{path_template} authenticates with a bearer token and the client has none \
                 (set one with `ClientBuilder::bearer_token` or `Client::with_bearer_token`)"
            ),
            Self::BodyTooLarge { status, limit, .. } => {
                attempt::write_body_too_large(f, *status, *limit)
            }
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport { source, attempts } => f
                .debug_struct("Transport")
                .field("source", source)
                .field("attempts", attempts)
                .finish(),
            Self::Timeout { attempts } => f
                .debug_struct("Timeout")
                .field("attempts", attempts)
                .finish(),
            Self::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Self::UnexpectedStatus {
                status,
                body,
                attempts,
            } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("body", &BodyExcerpt(body))
                .field("attempts", attempts)
                .finish(),
            Self::Decode {
                status,
                body,
                source,
                attempts,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("body", &BodyExcerpt(body))
                .field("source", source)
                .field("attempts", attempts)
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
            Self::InvalidHeaderParameter {
                path_template,
                name,
            } => f
                .debug_struct("InvalidHeaderParameter")
                .field("path_template", path_template)
                .field("name", name)
                .finish(),
            Self::ForeignNextLink { link } => f
                .debug_struct("ForeignNextLink")
                .field("link", link)
                .finish(),
            Self::RepeatedNextLink { link } => f
                .debug_struct("RepeatedNextLink")
                .field("link", link)
                .finish(),
            Self::InvalidNextLink { link, reason } => f
                .debug_struct("InvalidNextLink")
                .field("link", link)
                .field("reason", reason)
                .finish(),
            Self::MissingBearerToken { path_template } => f
                .debug_struct("MissingBearerToken")
                .field("path_template", path_template)
                .finish(),
            Self::BodyTooLarge {
                status,
                limit,
                attempts,
            } => f
                .debug_struct("BodyTooLarge")
                .field("status", status)
                .field("limit", limit)
                .field("attempts", attempts)
                .finish(),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::Decode { source, .. } => Some(source),
            Self::Encode(error) => Some(error),
            Self::Timeout { .. }
            | Self::Api(_)
            | Self::UnexpectedStatus { .. }
            | Self::InvalidPathParameter { .. }
            | Self::InvalidHeaderParameter { .. }
            | Self::MissingBearerToken { .. }
            | Self::ForeignNextLink { .. }
            | Self::RepeatedNextLink { .. }
            | Self::InvalidNextLink { .. }
            | Self::BodyTooLarge { .. } => None,
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
    attempts: u32,
}

impl<E> ApiError<E> {
    pub(crate) fn new(status: u16, body: E, raw_body: Bytes, attempts: u32) -> Self {
        Self {
            status,
            body,
            raw_body,
            attempts,
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

    /// The number of attempts made, the first one included; this response
    /// answered the last one.
    pub fn attempts(&self) -> u32 {
        self.attempts
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
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ApiError<E> {}

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
            1,
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
            attempts: 1,
        };
        let text = error.to_string();
        assert!(
            text.starts_with("unexpected status 503 Service Unavailable: line one line two xxx"),
            "{text}"
        );
        assert!(text.ends_with('…'), "{text}");
        assert_eq!(
            text.chars().count(),
            "unexpected status 503 Service Unavailable: ".len()
                + excerpt::DISPLAY_EXCERPT_CHARS
                + 1
        );
    }

    #[test]
    fn unexpected_status_display_of_empty_body_and_unnamed_status() {
        let error: Error<Body> = Error::UnexpectedStatus {
            status: 599,
            body: Bytes::new(),
            attempts: 1,
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
            attempts: 1,
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
            attempts: 1,
        };
        let debug = format!("{error:?}");
        assert!(debug.contains("(5000 bytes)"), "{debug}");
        assert!(debug.len() < 1100, "{}", debug.len());
    }

    #[test]
    fn timeout_has_no_status() {
        let error: Error<Body> = Error::Timeout { attempts: 1 };
        assert!(error.is_timeout());
        assert_eq!(error.status(), None);
        assert_eq!(error.raw_body(), None);
        assert_eq!(error.to_string(), "the request timed out");
    }

    #[test]
    fn several_attempts_keep_the_shape_and_show_the_count() {
        let error: Error<Body> = Error::Api(ApiError::new(
            500,
            Body("broken"),
            Bytes::from_static(b"{}"),
            3,
        ));
        assert_eq!(error.attempts(), 3);
        assert_eq!(error.api_error().map(ApiError::attempts), Some(3));
        assert_eq!(
            error.to_string(),
            "after 3 attempts: api error: 500 Internal Server Error: broken: {}"
        );
        let error: Error<Body> = Error::Timeout { attempts: 2 };
        assert!(error.is_timeout());
        assert_eq!(error.to_string(), "after 2 attempts: the request timed out");
        let error: Error<Body> = Error::InvalidPathParameter {
            path_template: "/things/{id}",
            name: "id",
        };
        assert_eq!(error.attempts(), 0);
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
