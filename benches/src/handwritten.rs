//! The request a user would write by hand: reqwest + serde, closed enums,
//! the same 30 s request timeout and 10 s connect timeout as the generated
//! client's defaults, and the same headers. It neither retries nor traces,
//! and keeps only the status of an error.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `Cipher`, closed.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cipher {
    #[serde(rename = "AEAD_AES_256_GCM_8")]
    AeadAes256Gcm8,
    #[serde(rename = "AES_256_CM_HMAC_SHA1_80")]
    Aes256CmHmacSha1_80,
    #[serde(rename = "AES_CM_128_HMAC_SHA1_80")]
    AesCm128HmacSha1_80,
    #[serde(rename = "AES_256_CM_HMAC_SHA1_32")]
    Aes256CmHmacSha1_32,
    #[serde(rename = "AES_CM_128_HMAC_SHA1_32")]
    AesCm128HmacSha1_32,
}

/// `Codec`, closed.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Codec {
    Pcmu,
    Pcma,
    G722,
    G729,
    Opus,
    Vp8,
    H264,
}

/// `Encryption`, closed.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encryption {
    Required,
    Optional,
    Default,
}

/// `CallHandlerType`, closed.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallHandlerType {
    Default,
    Passthrough,
    BlockPstn,
    Resource,
}

/// `FabricResourceType`, closed.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FabricResourceType {
    SipEndpoint,
}

/// The request body; `None` fields are not sent, and
/// `Some(None)` sends `null`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSipEndpointRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ciphers: Option<Vec<Cipher>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codecs: Option<Vec<Codec>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_handler: Option<CallHandlerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calling_handler_resource_id: Option<Option<Uuid>>,
}

/// The SIP endpoint inside a response.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SipEndpoint {
    pub id: Uuid,
    pub username: String,
    pub caller_id: String,
    pub send_as: String,
    pub ciphers: Vec<Cipher>,
    pub codecs: Vec<Codec>,
    pub encryption: Encryption,
    pub call_handler: CallHandlerType,
    pub calling_handler_resource_id: Option<Uuid>,
}

/// The `200` response.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SipEndpointResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub display_name: String,
    #[serde(rename = "type")]
    pub type_: FabricResourceType,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub sip_endpoint: SipEndpoint,
}

/// The same request as [`generated_request`](crate::generated_request).
pub fn request() -> UpdateSipEndpointRequest {
    UpdateSipEndpointRequest {
        username: Some("alice".to_owned()),
        caller_id: Some("+15551234567".to_owned()),
        ciphers: Some(vec![Cipher::AeadAes256Gcm8, Cipher::AesCm128HmacSha1_80]),
        codecs: Some(vec![Codec::Pcmu, Codec::Opus]),
        encryption: Some(Encryption::Required),
        call_handler: Some(CallHandlerType::BlockPstn),
        calling_handler_resource_id: Some(None),
        ..UpdateSipEndpointRequest::default()
    }
}

/// Why a hand-written call failed.
#[derive(Debug)]
pub enum Error {
    /// No response, or no complete one.
    Transport(reqwest::Error),
    /// A status other than `200`.
    Status(u16),
    /// The body of a `200` did not decode (or the request did not encode).
    Json(serde_json::Error),
}

/// The hand-written client.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    project_id: String,
    api_token: String,
}

impl Client {
    /// A client of `base_url` with the benchmark's credentials.
    ///
    /// # Panics
    ///
    /// If reqwest cannot build its client.
    pub fn new(base_url: &str) -> Self {
        // reqwest's TLS needs a crypto provider; ring, as the generated client uses.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("a reqwest client");
        Self {
            http,
            base_url: base_url.to_owned(),
            project_id: crate::PROJECT_ID.to_owned(),
            api_token: crate::API_TOKEN.to_owned(),
        }
    }

    /// `PUT /api/fabric/resources/sip_endpoints/{id}`.
    ///
    /// # Errors
    ///
    /// [`Error`] for a failed call, another status or a body that does not
    /// decode.
    pub async fn update_sip_endpoint(
        &self,
        id: Uuid,
        body: &UpdateSipEndpointRequest,
    ) -> Result<SipEndpointResponse, Error> {
        let url = format!("{}/api/fabric/resources/sip_endpoints/{id}", self.base_url);
        let body = serde_json::to_vec(body).map_err(Error::Json)?;
        let response = self
            .http
            .put(url)
            .timeout(Duration::from_secs(30))
            .header(USER_AGENT, signalwire_rest::USER_AGENT)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/json")
            .basic_auth(&self.project_id, Some(&self.api_token))
            .body(body)
            .send()
            .await
            .map_err(Error::Transport)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        if status != 200 {
            return Err(Error::Status(status));
        }
        serde_json::from_slice(&bytes).map_err(Error::Json)
    }
}
