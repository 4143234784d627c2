//! Shared fixtures and helpers of the integration tests in `tests/`: the
//! credentials and endpoint the tests use, the `Authorization` header they
//! expect, a complete `200` response of "Update SIP Endpoint", and the
//! clients, servers and calls most tests start from.
//!
//! The expected values are written out here by hand (not derived from the
//! client), so that a test comparing against them checks the client.

use std::io;
use std::net::TcpListener;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::{Value, json};
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    Client, Error, ResourceResponseSipEndpoint, RetryPolicy, SipEndpointUpdateRequest,
    UpdateSipCredentialError,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The project ID the tests configure (the username of HTTP Basic auth).
pub const PROJECT_ID: &str = "project-123";

/// The API token the tests configure. No output of the client may ever
/// contain it.
pub const API_TOKEN: &str = "token-abc";

/// The ID of the SIP endpoint the tests update.
pub const ENDPOINT_ID: &str = "6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b";

/// The path the tests expect the update to be sent to, written out in full.
pub const ENDPOINT_PATH: &str =
    "/api/fabric/resources/sip_endpoints/6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b";

/// `base64("project-123:token-abc")`, the credentials of [`PROJECT_ID`] and
/// [`API_TOKEN`] as HTTP Basic auth encodes them (computed once with
/// `printf 'project-123:token-abc' | base64`).
pub const ENCODED_CREDENTIALS: &str = "cHJvamVjdC0xMjM6dG9rZW4tYWJj";

/// The `Authorization` header expected for [`PROJECT_ID`] and [`API_TOKEN`].
pub fn expected_authorization() -> String {
    format!("Basic {ENCODED_CREDENTIALS}")
}

/// What `update_sip_credential` returns.
pub type UpdateResult = Result<ResourceResponseSipEndpoint, Error<UpdateSipCredentialError>>;

/// A client of `base_url` with the test credentials and the default
/// settings.
pub fn client_for(base_url: &str) -> Client {
    Client::from_base_url(PROJECT_ID, API_TOKEN, base_url).expect("a valid configuration")
}

/// The default number of attempts and deadline, with waits of at most a
/// few milliseconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

/// A server that answers every request with `response`.
pub async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A base URL on which nothing listens: a loopback port that was free a
/// moment ago.
pub fn unused_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().expect("local address").port();
    format!("http://127.0.0.1:{port}")
}

/// Sets the username of [`ENDPOINT_ID`] to `alice`.
pub async fn update(client: &Client) -> UpdateResult {
    let id = Uuid::parse_str(ENDPOINT_ID).expect("a valid UUID");
    client
        .update_sip_credential(id, &SipEndpointUpdateRequest::new().username("alice"))
        .await
}

/// A log sink for a `tracing_subscriber` writer: everything written, kept
/// in memory and shared by its clones.
#[derive(Clone, Default)]
pub struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl LogBuffer {
    /// Everything written so far, as (lossy) text.
    pub fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A complete `200` response of "Update SIP Endpoint", with every field
/// set and only values the API document lists. Its date-times are written
/// the way the client writes them back (UTC, `Z`), so that serialising the
/// decoded response gives this value again.
pub fn full_response() -> Value {
    json!({
        "id": "2537c89f-b1a3-4e5d-a7b5-9a3b2f6a0d1c",
        "project_id": "7b1f0e4a-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "display_name": "Alice's desk phone",
        "type": "sip_endpoint",
        "created_at": "2024-05-06T12:20:00Z",
        "updated_at": "2024-05-07T08:15:30Z",
        "sip_endpoint": {
            "id": "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b",
            "username": "alice",
            "caller_id": "+15551234567",
            "send_as": "alice-desk",
            "ciphers": ["AEAD_AES_256_GCM_8", "AES_CM_128_HMAC_SHA1_80"],
            "codecs": ["PCMU", "PCMA", "OPUS"],
            "encryption": "required",
            "call_handler": "block-pstn",
            "calling_handler_resource_id": null
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_authorization_encodes_project_id_and_token() {
        // RFC 4648 base64 of "project-123:token-abc", checked by hand:
        // "pro" -> cHJv, "jec" -> amVj, "t-1" -> dC0x, "23:" -> MjM6,
        // "tok" -> dG9r, "en-" -> ZW4t, "abc" -> YWJj.
        assert_eq!(PROJECT_ID, "project-123");
        assert_eq!(API_TOKEN, "token-abc");
        assert_eq!(
            expected_authorization(),
            "Basic cHJvamVjdC0xMjM6dG9rZW4tYWJj"
        );
    }
}
