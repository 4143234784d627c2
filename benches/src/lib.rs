//! What the benchmarks share: a loopback HTTP server that answers
//! "Update SIP Endpoint" with a canned `200`, the hand-written client the
//! generated one is compared with, the request both send, and the check
//! that both put the same request on the wire.
//!
//! Run the benchmarks with `cargo bench -p benchmarks` (see `BENCHMARKS.md`
//! at the repository root); `cargo run --release -p benchmarks --example
//! load` drives many requests for an instruction-counting profiler.

pub mod handwritten;
pub mod server;

use signalwire_rest::uuid::Uuid;

/// The project ID (HTTP Basic username) both clients send.
pub const PROJECT_ID: &str = "project-123";

/// The API token (HTTP Basic password) both clients send.
pub const API_TOKEN: &str = "token-abc";

/// The SIP endpoint both clients update.
pub const ENDPOINT_ID: Uuid = Uuid::from_u128(0x6cbd_8a4e_4b3c_4f7d_9a2b_1c2d_3e4f_5a6b);

/// The `200` body the server answers with: a complete SIP endpoint with
/// only values the API document lists (so the hand-written closed enums
/// decode it too).
pub const RESPONSE_BODY: &[u8] = br#"{"id":"2537c89f-b1a3-4e5d-a7b5-9a3b2f6a0d1c","project_id":"7b1f0e4a-3c2d-4e5f-8a9b-0c1d2e3f4a5b","display_name":"Alice's desk phone","type":"sip_endpoint","created_at":"2024-05-06T12:20:00Z","updated_at":"2024-05-07T08:15:30Z","sip_endpoint":{"id":"0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b","username":"alice","caller_id":"+15551234567","send_as":"alice-desk","ciphers":["AEAD_AES_256_GCM_8","AES_CM_128_HMAC_SHA1_80"],"codecs":["PCMU","PCMA","OPUS"],"encryption":"required","call_handler":"block-pstn","calling_handler_resource_id":null}}"#;

/// The request the generated client sends: every field but one set, and
/// the resource cleared (`null`).
pub fn generated_request() -> signalwire_rest::SipEndpointUpdateRequest {
    use signalwire_rest::{CallHandlerType, Ciphers, Codecs, Encryption};
    signalwire_rest::SipEndpointUpdateRequest::new()
        .username("alice")
        .caller_id("+15551234567")
        .ciphers([Ciphers::AeadAes256Gcm8, Ciphers::AesCm128HmacSha1_80])
        .codecs([Codecs::Pcmu, Codecs::Opus])
        .encryption(Encryption::Required)
        .call_handler(CallHandlerType::BlockPstn)
        .clear_calling_handler_resource_id()
}

/// The generated client of `base_url`, with its default settings (30 s per
/// attempt, 10 s to connect, retries on).
///
/// # Panics
///
/// If `base_url` is not a valid base URL.
pub fn generated_client(base_url: &str) -> signalwire_rest::Client {
    signalwire_rest::Client::from_base_url(PROJECT_ID, API_TOKEN, base_url)
        .expect("a loopback base URL is valid")
}

/// Sends one request from each client to `server` and panics unless both
/// sent the same method, target, headers (names, values and order) and
/// body, and both decoded the answer.
///
/// # Panics
///
/// When the requests differ or a call fails.
pub async fn assert_same_request(
    server: &server::Server,
    generated: &signalwire_rest::Client,
    handwritten: &handwritten::Client,
) {
    let generated_request = generated_request();
    let handwritten_request = handwritten::request();
    server.record_next();
    generated
        .update_sip_credential(ENDPOINT_ID, &generated_request)
        .await
        .expect("the generated client decodes the canned answer");
    let from_generated = server.take_recorded().expect("a request was recorded");
    server.record_next();
    handwritten
        .update_sip_endpoint(ENDPOINT_ID, &handwritten_request)
        .await
        .expect("the hand-written client decodes the canned answer");
    let from_handwritten = server.take_recorded().expect("a request was recorded");
    assert_eq!(
        from_generated, from_handwritten,
        "both clients must send the same request"
    );
}
