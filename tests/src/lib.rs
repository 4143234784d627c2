//! Shared fixtures of the integration tests in `tests/`: the credentials
//! and endpoint the tests use, the `Authorization` header they expect, and
//! a complete `200` response of "Update SIP Endpoint".
//!
//! The expected values are written out here by hand (not derived from the
//! client), so that a test comparing against them checks the client.

use serde_json::{Value, json};

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

/// The `Authorization` header expected for [`PROJECT_ID`] and [`API_TOKEN`]:
/// `Basic base64("project-123:token-abc")`.
pub fn expected_authorization() -> String {
    format!(
        "Basic {}",
        base64(format!("{PROJECT_ID}:{API_TOKEN}").as_bytes())
    )
}

/// Standard base64 (RFC 4648, section 4) with `=` padding.
pub fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let byte = |index: usize| u32::from(chunk.get(index).copied().unwrap_or(0));
        let bits = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        // A chunk of n bytes gives n + 1 characters, padded to 4 with `=`.
        for position in 0..4 {
            if position <= chunk.len() {
                let sextet = (bits >> (18 - 6 * position)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
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
    fn base64_matches_the_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected, "base64({input:?})");
        }
        // High bits and the last two characters of the alphabet.
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn expected_authorization_encodes_project_id_and_token() {
        assert_eq!(
            expected_authorization(),
            "Basic cHJvamVjdC0xMjM6dG9rZW4tYWJj"
        );
    }
}
