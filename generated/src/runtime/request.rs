//! What generated operations hand to [`Client::execute`](super::Client)
//! and get back from it.

use bytes::{Bytes, BytesMut};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, AttemptError, Error};

/// One request of a generated operation.
pub(crate) struct OperationRequest {
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path as the API description writes it, e.g.
    /// `/api/fabric/resources/sip_endpoints/{id}`.
    pub path_template: &'static str,
    /// The path with every parameter replaced by its
    /// [`path_segment`]-encoded value.
    pub path: String,
    /// The JSON request body, from [`encode_json`].
    pub body: Option<Vec<u8>>,
}

/// A response read in full, before the generated operation interprets it.
pub(crate) struct RawResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    /// The number of attempts made when the retries ran out on this
    /// (retryable) response; any error made from it is then wrapped into
    /// [`Error::RetriesExhausted`].
    exhausted_after: Option<u32>,
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
            exhausted_after: None,
        })
    }

    /// The response headers.
    pub(super) fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Marks this response as the last of `attempts` attempts, after which
    /// the retries ran out.
    pub(super) fn exhausted_after(mut self, attempts: u32) -> Self {
        self.exhausted_after = Some(attempts);
        self
    }

    /// `error`, wrapped into [`Error::RetriesExhausted`] if the retries ran
    /// out on this response.
    fn finish<E>(exhausted_after: Option<u32>, error: Error<E>) -> Error<E> {
        match exhausted_after {
            Some(attempts) => Error::RetriesExhausted {
                attempts,
                last: Box::new(error),
            },
            None => error,
        }
    }

    /// The HTTP status code.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// The body parsed as a declared success type.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] (with the status and raw body) if it does not parse.
    pub(crate) fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        serde_json::from_slice(&self.body).map_err(|source| {
            let error = Error::Decode {
                status: self.status,
                body: self.body,
                source,
            };
            Self::finish(self.exhausted_after, error)
        })
    }

    /// A declared success response without a body; any body is ignored.
    #[allow(dead_code)] // used by generated code only when a spec declares a bodiless success
    pub(crate) fn empty<E>(self) -> Result<(), Error<E>> {
        Ok(())
    }

    /// A declared error status: the body parsed as `B` and wrapped into the
    /// operation's error enum by `wrap` (a variant such as
    /// `UpdateSipEndpointError::NotFound`).
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`], or [`Error::Decode`] if the body is not a `B`.
    pub(crate) fn api_error<B: DeserializeOwned, T, E>(
        self,
        wrap: fn(B) -> E,
    ) -> Result<T, Error<E>> {
        let error = match serde_json::from_slice(&self.body) {
            Ok(body) => Error::Api(ApiError::new(self.status, wrap(body), self.body)),
            Err(source) => Error::Decode {
                status: self.status,
                body: self.body,
                source,
            },
        };
        Err(Self::finish(self.exhausted_after, error))
    }

    /// A declared error status whose response has no body: the body, if the
    /// server sent one anyway, is kept raw.
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`].
    #[allow(dead_code)] // used by generated code only when a spec declares such a status
    pub(crate) fn api_error_without_body<T, E>(self, error: E) -> Result<T, Error<E>> {
        let error = Error::Api(ApiError::new(self.status, error, self.body));
        Err(Self::finish(self.exhausted_after, error))
    }

    /// A status the API description does not declare for the operation.
    ///
    /// # Errors
    ///
    /// Always: [`Error::UnexpectedStatus`].
    pub(crate) fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        let error = Error::UnexpectedStatus {
            status: self.status,
            body: self.body,
        };
        Err(Self::finish(self.exhausted_after, error))
    }
}

/// Serialises a request body.
///
/// # Errors
///
/// [`Error::Encode`] if `value` cannot be serialised (e.g. a map with
/// non-string keys).
pub(crate) fn encode_json<T: Serialize + ?Sized, E>(value: &T) -> Result<Vec<u8>, Error<E>> {
    serde_json::to_vec(value).map_err(Error::Encode)
}

/// Everything except the unreserved characters of RFC 3986
/// (`A-Z a-z 0-9 - . _ ~`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for one path segment: everything but the
/// unreserved characters is encoded, so `/`, `?`, `#` or `%` in a value can
/// never change the structure of the URL. (The segments `.` and `..` are
/// refused by [`Client::execute`](super::Client).)
pub(crate) fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Refuses a path in which a parameter produced an empty, `.` or `..`
/// segment: URL parsing would drop or resolve such a segment, so the
/// request would reach another resource than the operation's.
pub(super) fn check_path<E>(path_template: &'static str, path: &str) -> Result<(), Error<E>> {
    for (template_segment, segment) in path_template.split('/').zip(path.split('/')) {
        let Some(open) = template_segment.find('{') else {
            continue;
        };
        if segment.is_empty() || is_dot_segment(segment) {
            let name = &template_segment[open + 1..];
            let name = name.find('}').map_or(name, |close| &name[..close]);
            return Err(Error::InvalidPathParameter {
                path_template,
                name: name.to_owned(),
            });
        }
    }
    Ok(())
}

/// `.` or `..`, also with the dots percent-encoded (as URL parsers see it).
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.replace("%2e", ".").replace("%2E", ".");
    decoded == "." || decoded == ".."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segment_keeps_unreserved_characters() {
        assert_eq!(path_segment("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(
            path_segment("a6f0bd5c-1234-4abc-8def-0123456789ab"),
            "a6f0bd5c-1234-4abc-8def-0123456789ab"
        );
    }

    #[test]
    fn path_segment_encodes_everything_that_could_change_the_url() {
        assert_eq!(path_segment("../admin"), "..%2Fadmin");
        assert_eq!(path_segment("a/b?c=d#e"), "a%2Fb%3Fc%3Dd%23e");
        assert_eq!(path_segment("50%"), "50%25");
        assert_eq!(path_segment("a b+c"), "a%20b%2Bc");
        assert_eq!(path_segment("é"), "%C3%A9");
        assert_eq!(path_segment("@:;"), "%40%3A%3B");
    }

    fn check(template: &'static str, path: &str) -> Result<(), String> {
        check_path::<std::convert::Infallible>(template, path).map_err(|error| match error {
            Error::InvalidPathParameter { name, .. } => name,
            other => panic!("unexpected error {other:?}"),
        })
    }

    #[test]
    fn check_path_refuses_empty_and_dot_parameters() {
        let template = "/things/{id}/parts/{part_id}";
        assert_eq!(check(template, "/things/1/parts/2"), Ok(()));
        assert_eq!(check(template, "/things/.../parts/a.b"), Ok(()));
        assert_eq!(check(template, "/things//parts/2"), Err("id".to_owned()));
        assert_eq!(
            check(template, "/things/1/parts/."),
            Err("part_id".to_owned())
        );
        assert_eq!(check(template, "/things/../parts/2"), Err("id".to_owned()));
        assert_eq!(
            check(template, "/things/%2E%2e/parts/2"),
            Err("id".to_owned())
        );
        assert_eq!(check("/files/{name}.json", "/files/..json"), Ok(()));
    }

    #[test]
    fn invalid_path_parameter_message() {
        let error = check_path::<std::convert::Infallible>("/things/{id}", "/things/..")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "path parameter `id` of /things/{id} must not be empty, `.` or `..`"
        );
    }
}
