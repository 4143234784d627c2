//! What generated operations hand to [`send`](super::send) and get back
//! from it, and how they encode path parameters and bodies.

use std::borrow::Cow;

use bytes::{Bytes, BytesMut};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, AttemptError, Error};
use super::params::RequestExtras;

/// One request of a generated operation.
pub struct OperationRequest {
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path as the API description writes it, e.g.
    /// `/api/fabric/resources/sip_endpoints/{id}`: the name of the
    /// operation in logs, never parsed.
    pub path_template: &'static str,
    /// The path with every parameter replaced by its
    /// [`path_segment`]-encoded value.
    pub path: String,
    /// The request body, from [`encode_json`] or
    /// [`encode_form`](super::form::encode_form).
    pub body: Option<RequestBody>,
    /// The header parameters, credentials and `Accept` of the operation.
    pub extras: RequestExtras,
}

/// An encoded request body and the `Content-Type` it is sent with.
#[derive(Debug)]
pub struct RequestBody {
    /// The `Content-Type` header's value.
    pub(super) content_type: &'static str,
    /// The encoded body.
    pub(super) bytes: Vec<u8>,
}

impl RequestBody {
    /// A JSON body.
    fn json(bytes: Vec<u8>) -> Self {
        Self {
            content_type: "application/json",
            bytes,
        }
    }

    /// An `application/x-www-form-urlencoded` body.
    #[allow(dead_code)] // used by generated code only when a spec declares a form body
    pub(super) fn form(bytes: Vec<u8>) -> Self {
        Self {
            content_type: "application/x-www-form-urlencoded",
            bytes,
        }
    }
}

/// A response read in full, before the generated operation interprets it.
pub struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    /// The number of attempts made, this one included.
    attempts: u32,
}

impl RawResponse {
    /// Reads the whole body of `response`, refusing one larger than
    /// `limit` bytes: at once when `Content-Length` announces it, otherwise
    /// as soon as the chunks received exceed it.
    pub(super) async fn read(
        mut response: reqwest::Response,
        limit: usize,
    ) -> Result<Self, AttemptError> {
        let status = response.status().as_u16();
        let too_large = AttemptError::BodyTooLarge { status, limit };
        let announced = response.content_length();
        if announced.is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX)) {
            return Err(too_large);
        }
        let headers = std::mem::take(response.headers_mut());
        let capacity = announced.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
        let mut body = BytesMut::with_capacity(capacity.min(limit));
        while let Some(chunk) = response.chunk().await.map_err(AttemptError::from_reqwest)? {
            if chunk.len() > limit - body.len() {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Self {
            status,
            headers,
            body: body.freeze(),
            attempts: 1,
        })
    }

    /// The response headers.
    pub(super) fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Records that this response answered attempt number `attempts`.
    pub(super) fn after_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body parsed as a declared success type.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] (with the status and raw body) if it does not parse.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            body: self.body,
            source,
            attempts: self.attempts,
        })
    }

    /// The body of a declared `text/plain` success response, as text (a
    /// byte sequence that is not UTF-8 is replaced by `U+FFFD`).
    #[allow(dead_code)] // used by generated code only when a spec declares a text response
    pub fn text<E>(self) -> Result<String, Error<E>> {
        Ok(String::from_utf8_lossy(&self.body).into_owned())
    }

    /// A declared error status with a `text/plain` body: the text wrapped
    /// into the operation's error enum by `wrap`.
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`].
    #[allow(dead_code)] // used by generated code only when a spec declares a text error
    pub fn api_error_text<T, E>(self, wrap: impl FnOnce(String) -> E) -> Result<T, Error<E>> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Err(Error::Api(ApiError::new(
            self.status,
            wrap(text),
            self.body,
            self.attempts,
        )))
    }

    /// A declared success response without a body; any body is ignored.
    #[allow(dead_code)] // used by generated code only when a spec declares a bodiless success
    pub fn empty<E>(self) -> Result<(), Error<E>> {
        Ok(())
    }

    /// A declared error status: the body parsed as `B` and wrapped into the
    /// operation's error enum by `wrap` (a variant such as
    /// `UpdateSipEndpointError::NotFound`).
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`], or [`Error::Decode`] if the body is not a `B`.
    pub fn api_error<B: DeserializeOwned, T, E>(
        self,
        wrap: impl FnOnce(B) -> E,
    ) -> Result<T, Error<E>> {
        Err(match serde_json::from_slice(&self.body) {
            Ok(body) => Error::Api(ApiError::new(
                self.status,
                wrap(body),
                self.body,
                self.attempts,
            )),
            Err(source) => Error::Decode {
                status: self.status,
                body: self.body,
                source,
                attempts: self.attempts,
            },
        })
    }

    /// A declared error status whose response has no body: the body, if the
    /// server sent one anyway, is kept raw.
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`].
    #[allow(dead_code)] // used by generated code only when a spec declares such a status
    pub fn api_error_without_body<T, E>(self, error: E) -> Result<T, Error<E>> {
        Err(Error::Api(ApiError::new(
            self.status,
            error,
            self.body,
            self.attempts,
        )))
    }

    /// A status the API description does not declare for the operation.
    ///
    /// # Errors
    ///
    /// Always: [`Error::UnexpectedStatus`].
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus {
            status: self.status,
            body: self.body,
            attempts: self.attempts,
        })
    }
}

/// Serialises a request body as JSON.
///
/// # Errors
///
/// [`Error::Encode`] if `value` cannot be serialised (e.g. a map with
/// non-string keys).
pub fn encode_json<T: Serialize + ?Sized, E>(value: &T) -> Result<RequestBody, Error<E>> {
    serde_json::to_vec(value)
        .map(RequestBody::json)
        .map_err(Error::Encode)
}

/// Everything except the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`).
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes the value of the path parameter `name` of the
/// operation `path_template` (named for the error only): everything but
/// the unreserved characters is encoded, so `/`, `?`, `#` or `%` in a value
/// can never change the structure of the URL.
///
/// # Errors
///
/// [`Error::InvalidPathParameter`] for an empty value, `.` or `..`: URL
/// parsing would drop or resolve such a segment, so the request would
/// reach another resource than the operation's.
pub fn path_segment<E>(
    path_template: &'static str,
    name: &'static str,
    value: &str,
) -> Result<String, Error<E>> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::InvalidPathParameter {
            path_template,
            name,
        });
    }
    // `Cow::Borrowed` when nothing needs encoding (a UUID): one copy, no
    // formatting machinery.
    Ok(Cow::from(utf8_percent_encode(value, SEGMENT)).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(value: &str) -> Result<String, String> {
        path_segment::<std::convert::Infallible>("/things/{id}", "id", value)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn path_segment_keeps_unreserved_characters() {
        assert_eq!(segment("AZaz09-._~").unwrap(), "AZaz09-._~");
        assert_eq!(
            segment("a6f0bd5c-1234-4abc-8def-0123456789ab").unwrap(),
            "a6f0bd5c-1234-4abc-8def-0123456789ab"
        );
        assert_eq!(segment("...").unwrap(), "...");
    }

    #[test]
    fn path_segment_encodes_everything_that_could_change_the_url() {
        for (value, encoded) in [
            ("../admin", "..%2Fadmin"),
            ("a/b?c=d#e", "a%2Fb%3Fc%3Dd%23e"),
            ("50%", "50%25"),
            ("a b+c", "a%20b%2Bc"),
            ("é", "%C3%A9"),
            ("@:;", "%40%3A%3B"),
            ("%2e%2E", "%252e%252E"),
        ] {
            assert_eq!(segment(value).unwrap(), encoded, "{value}");
        }
    }

    #[test]
    fn path_segment_refuses_empty_and_dot_values() {
        for value in ["", ".", ".."] {
            assert_eq!(
                segment(value).unwrap_err(),
                "path parameter `id` of /things/{id} must not be empty, `.` or `..`",
                "{value:?}"
            );
        }
    }
}
