//! [`AttemptError`]: why one attempt got no usable response, before the
//! operation's error type is known; and the texts it shares with [`Error`].

use std::fmt;

use super::Error;

/// Why one attempt got no usable response: the part of [`Error`] that does
/// not depend on the operation.
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

    /// The operation's error for this failure, after `attempts` attempts.
    pub(crate) fn into_error<E>(self, attempts: u32) -> Error<E> {
        match self {
            Self::Transport(source) => Error::Transport { source, attempts },
            Self::Timeout => Error::Timeout { attempts },
            Self::BodyTooLarge { status, limit } => Error::BodyTooLarge {
                status,
                limit,
                attempts,
            },
        }
    }
}

impl fmt::Display for AttemptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(source) => write_transport(f, source),
            Self::Timeout => f.write_str(TIMEOUT),
            Self::BodyTooLarge { status, limit } => write_body_too_large(f, *status, *limit),
        }
    }
}

/// The text of a timeout.
pub(super) const TIMEOUT: &str = "the request timed out";

/// The text of a transport error.
pub(super) fn write_transport(f: &mut fmt::Formatter<'_>, source: &reqwest::Error) -> fmt::Result {
    write!(f, "transport error: {source}")
}

/// The text of a body over the limit.
pub(super) fn write_body_too_large(
    f: &mut fmt::Formatter<'_>,
    status: u16,
    limit: usize,
) -> fmt::Result {
    write!(
        f,
        "the body of the {status} response is larger than the limit of {limit} bytes"
    )
}
