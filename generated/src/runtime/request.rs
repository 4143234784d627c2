//! What generated operations hand to [`Client::execute`](super::Client)
//! and get back from it.

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, Error};

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
    // Read by the follow-up work (Retry-After, response headers).
    #[allow(dead_code)]
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// Reads the whole body of `response`.
    pub(super) async fn read<E>(response: reqwest::Response) -> Result<Self, Error<E>> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        Ok(Self {
            status,
            headers,
            body,
        })
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
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            status: self.status,
            body: self.body,
            source,
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
        match serde_json::from_slice(&self.body) {
            Ok(body) => Err(Error::Api(ApiError::new(
                self.status,
                wrap(body),
                self.body,
            ))),
            Err(source) => Err(Error::Decode {
                status: self.status,
                body: self.body,
                source,
            }),
        }
    }

    /// A declared error status whose response has no body: the body, if the
    /// server sent one anyway, is kept raw.
    ///
    /// # Errors
    ///
    /// Always: [`Error::Api`].
    #[allow(dead_code)] // used by generated code only when a spec declares such a status
    pub(crate) fn api_error_without_body<T, E>(self, error: E) -> Result<T, Error<E>> {
        Err(Error::Api(ApiError::new(self.status, error, self.body)))
    }

    /// A status the API description does not declare for the operation.
    ///
    /// # Errors
    ///
    /// Always: [`Error::UnexpectedStatus`].
    pub(crate) fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(Error::UnexpectedStatus {
            status: self.status,
            body: self.body,
        })
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
