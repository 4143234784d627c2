//! [`Client`] and the sending of one operation request.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use secrecy::{ExposeSecret as _, SecretString};

use super::config::ClientBuilder;
use super::error::Error;
use super::request::{OperationRequest, RawResponse, check_path};

/// The client of the SignalWire Fabric REST API.
///
/// Every operation of the API is an `async` method of `Client`. A client
/// holds its configuration and a connection pool behind an [`Arc`]: clone
/// it freely (clones share the pool) instead of building a new one per
/// request.
///
/// Requests are authenticated with HTTP Basic auth: the project ID as the
/// username and the API token as the password. The token is kept in a
/// [`SecretString`] and is never shown by `Debug`.
///
/// Build one with [`Client::from_env`], [`Client::new`],
/// [`Client::from_base_url`] or [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Absolute `http`/`https` URL without trailing `/`, query or fragment.
    base_url: String,
    project_id: String,
    api_token: SecretString,
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The URL that operation paths are appended to, without trailing `/`,
    /// e.g. `https://example.signalwire.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Assembles a client from settings that [`ClientBuilder::build`] has
    /// checked.
    pub(super) fn from_parts(
        http: reqwest::Client,
        base_url: String,
        project_id: String,
        api_token: SecretString,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                http,
                base_url,
                project_id,
                api_token,
            }),
        }
    }

    /// Sends one operation request and reads the whole response.
    ///
    /// The generated operation then maps the status to its result with
    /// [`RawResponse::json`], [`RawResponse::empty`],
    /// [`RawResponse::api_error`] or [`RawResponse::unexpected`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPathParameter`] before sending, [`Error::Timeout`] or
    /// [`Error::Transport`] when no complete response was received.
    pub(crate) async fn execute<E>(
        &self,
        request: OperationRequest,
    ) -> Result<RawResponse, Error<E>> {
        check_path(request.path_template, &request.path)?;
        let url = self.url(&request.path);
        // `Bytes` so that every attempt shares the body without copying it.
        let body = request.body.map(Bytes::from);
        self.attempt(&request.method, &url, body.as_ref()).await
    }

    /// One attempt: send the request and read the whole body. Retries,
    /// per-attempt timeouts and a body size cap belong around or inside
    /// this function.
    async fn attempt<E>(
        &self,
        method: &reqwest::Method,
        url: &str,
        body: Option<&Bytes>,
    ) -> Result<RawResponse, Error<E>> {
        let inner = &*self.inner;
        let mut request = inner
            .http
            .request(method.clone(), url)
            .basic_auth(&inner.project_id, Some(inner.api_token.expose_secret()))
            .header(ACCEPT, "application/json");
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = request.send().await.map_err(Error::from_reqwest)?;
        RawResponse::read(response).await
    }

    /// The base URL followed by `path` (which should start with `/`).
    fn url(&self, path: &str) -> String {
        let separator = if path.starts_with('/') { "" } else { "/" };
        format!("{}{separator}{path}", self.inner.base_url)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("project_id", &self.inner.project_id)
            .field("api_token", &Redacted)
            .finish_non_exhaustive()
    }
}

/// Stands for a secret in `Debug` output.
pub(super) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_joins_base_and_path_with_one_slash() {
        let client = Client::from_base_url("p", "t", "http://127.0.0.1:4010/prefix/").unwrap();
        assert_eq!(
            client.url("/api/fabric/x"),
            "http://127.0.0.1:4010/prefix/api/fabric/x"
        );
        assert_eq!(client.url("api/x"), "http://127.0.0.1:4010/prefix/api/x");
        let client = Client::from_base_url("p", "t", "https://example.signalwire.com").unwrap();
        assert_eq!(client.url("/a/b"), "https://example.signalwire.com/a/b");
    }

    #[test]
    fn clones_share_the_configuration() {
        let client = Client::new("p", "t", "example").unwrap();
        let clone = client.clone();
        assert!(Arc::ptr_eq(&client.inner, &clone.inner));
    }
}
