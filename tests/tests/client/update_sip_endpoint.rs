//! The generated `update_sip_credential` operation against a local HTTP
//! server (wiremock): exactly what goes on the wire, and exactly what a
//! caller gets back for every kind of answer. Retries are off here (each
//! answer is seen as is); `retries.rs` shows them.

use std::fmt;
use std::time::Duration;

use integration_tests::{
    API_TOKEN, ENDPOINT_ID, ENDPOINT_PATH, PROJECT_ID, UpdateResult, client_for,
    expected_authorization, full_response, unused_base_url,
};
use serde_json::{Value, json};
use signalwire_rest::chrono::{DateTime, TimeDelta, TimeZone as _, Utc};
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    CallHandlerType, Ciphers, Client, Codecs, Encryption, Error, Nullable,
    ResourceResponseSipEndpoint, ResourceResponseSipEndpointType,
    ResourceSipEndpointUpdateStatusCode422, RetryPolicy, SipEndpointUpdateRequest, StatusCode401,
    StatusCode401Error, StatusCode404, StatusCode404Error, StatusCode500, StatusCode500Error,
    StatusCodesRestApiErrorItem, StatusCodesRestApiErrorItemRequired, UpdateSipCredentialError,
};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn uuid(text: &str) -> Uuid {
    Uuid::parse_str(text).expect("a valid UUID literal")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .expect("a valid date-time")
}

/// A server that answers `response` to a request with the method, path and
/// headers of the operation, and expects exactly one such request (checked
/// when the server is dropped). Any other request gets wiremock's empty `404`.
async fn server_expecting_one(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(ENDPOINT_PATH))
        .and(header("authorization", expected_authorization().as_str()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// A client of `server` that does not retry.
fn client_once(server: &MockServer) -> Client {
    client_for(&server.uri()).with_retry(RetryPolicy::none())
}

/// Sends `request` to a server that answers `response`, without retries;
/// returns the result and the one request the server received.
async fn exchange(
    request: &SipEndpointUpdateRequest,
    response: ResponseTemplate,
) -> (UpdateResult, Request) {
    let server = server_expecting_one(response).await;
    let result = client_once(&server)
        .update_sip_credential(uuid(ENDPOINT_ID), request)
        .await;
    let mut received = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(received.len(), 1, "exactly one request is sent");
    (result, received.remove(0))
}

/// The JSON body sent for `request` (answered with a valid `200`).
async fn body_sent_for(request: &SipEndpointUpdateRequest) -> Value {
    let (result, received) = exchange(request, ok(full_response())).await;
    if let Err(error) = result {
        panic!("the update failed: {error:?}");
    }
    received
        .body_json::<Value>()
        .expect("the request body is JSON")
}

/// The keys of a JSON object, sorted.
fn keys(body: &Value) -> Vec<&str> {
    let object = body.as_object().expect("the body is a JSON object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// A response with exactly these bytes as its body.
fn raw(status: u16, body: &str, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type)
}

/// Checks that neither `Display` nor `Debug` of `value` shows the token.
fn assert_hides_token(value: &(impl fmt::Display + fmt::Debug)) {
    for text in [
        format!("{value}"),
        format!("{value:?}"),
        format!("{value:#?}"),
    ] {
        assert!(!text.contains(API_TOKEN), "the token is shown: {text}");
    }
}

/// Checks that no output of `error` or of its sources shows the token.
fn assert_error_hides_token(error: &Error<UpdateSipCredentialError>) {
    assert_hides_token(error);
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_hides_token(&cause);
        source = cause.source();
    }
}

// ---------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------

#[tokio::test]
async fn sends_one_put_to_the_endpoint_path_with_basic_auth_and_json_headers() {
    let request = SipEndpointUpdateRequest::new().username("alice");
    let (result, received) = exchange(&request, ok(full_response())).await;
    assert!(result.is_ok(), "{result:?}");

    assert_eq!(received.method.as_str(), "PUT");
    assert_eq!(received.url.path(), ENDPOINT_PATH);
    assert_eq!(received.url.query(), None);
    for (name, expected) in [
        ("authorization", expected_authorization()),
        ("content-type", "application/json".to_owned()),
        ("accept", "application/json".to_owned()),
        (
            "user-agent",
            format!("signalwire-rest/{}", signalwire_rest::VERSION),
        ),
    ] {
        let values: Vec<&str> = received
            .headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().expect("an ASCII header value"))
            .collect();
        assert_eq!(values, [expected.as_str()], "header {name}");
    }
}

#[tokio::test]
async fn one_field_set_sends_only_that_field() {
    let body = body_sent_for(&SipEndpointUpdateRequest::new().username("alice")).await;
    assert_eq!(body, json!({"username": "alice"}));
    assert_eq!(keys(&body), ["username"]);
}

#[tokio::test]
async fn an_empty_request_sends_an_empty_object() {
    let body = body_sent_for(&SipEndpointUpdateRequest::new()).await;
    assert_eq!(body, json!({}));
}

#[tokio::test]
async fn a_cleared_resource_id_is_sent_as_an_explicit_null() {
    let request = SipEndpointUpdateRequest::new().clear_calling_handler_resource_id();
    let body = body_sent_for(&request).await;
    assert_eq!(body, json!({"calling_handler_resource_id": null}));
    assert_eq!(keys(&body), ["calling_handler_resource_id"]);
    assert!(body["calling_handler_resource_id"].is_null());
}

#[tokio::test]
async fn empty_codecs_and_ciphers_are_sent_as_empty_arrays() {
    let request = SipEndpointUpdateRequest::new()
        .codecs(Vec::<Codecs>::new())
        .ciphers(std::iter::empty());
    let body = body_sent_for(&request).await;
    assert_eq!(body, json!({"codecs": [], "ciphers": []}));
    assert_eq!(keys(&body), ["ciphers", "codecs"]);
}

#[tokio::test]
async fn every_field_set_is_sent_with_its_wire_value() {
    // Listed since SignalWire added it (June 2026): `Codecs::Opus48000h20i`.
    let new_codec: Codecs = "OPUS@48000H@20I".parse().expect("parsing never fails");
    assert_eq!(new_codec, Codecs::Opus48000h20i);
    let request = SipEndpointUpdateRequest::new()
        .username("alice")
        .caller_id("+15551234567")
        .send_as("alice-desk")
        .ciphers([Ciphers::AeadAes256Gcm8, Ciphers::Aes256CmHmacSha1_32])
        .codecs([Codecs::Pcmu, Codecs::Opus, new_codec])
        .encryption(Encryption::Optional)
        .call_handler(CallHandlerType::Resource)
        .calling_handler_resource_id(uuid("0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"));
    let body = body_sent_for(&request).await;
    assert_eq!(
        body,
        json!({
            "username": "alice",
            "caller_id": "+15551234567",
            "send_as": "alice-desk",
            "ciphers": ["AEAD_AES_256_GCM_8", "AES_256_CM_HMAC_SHA1_32"],
            "codecs": ["PCMU", "OPUS", "OPUS@48000H@20I"],
            "encryption": "optional",
            "call_handler": "resource",
            "calling_handler_resource_id": "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"
        })
    );
    assert_eq!(
        keys(&body),
        [
            "call_handler",
            "caller_id",
            "calling_handler_resource_id",
            "ciphers",
            "codecs",
            "encryption",
            "send_as",
            "username"
        ]
    );
}

#[tokio::test]
async fn every_listed_enum_value_is_sent_as_its_wire_string() {
    let request = SipEndpointUpdateRequest::new()
        .codecs(Codecs::KNOWN.iter().cloned())
        .ciphers(Ciphers::KNOWN.iter().cloned());
    let body = body_sent_for(&request).await;
    assert_eq!(
        body,
        json!({
            "codecs": [
                "PCMU",
                "PCMA",
                "G722",
                "G729",
                "OPUS",
                "OPUS@48000H@20I",
                "OPUS@24000H@20I",
                "OPUS@16000H@20I",
                "OPUS@8000H@20I",
                "VP8",
                "H264"
            ],
            "ciphers": [
                "AEAD_AES_256_GCM_8",
                "AES_256_CM_HMAC_SHA1_80",
                "AES_CM_128_HMAC_SHA1_80",
                "AES_256_CM_HMAC_SHA1_32",
                "AES_CM_128_HMAC_SHA1_32"
            ]
        })
    );
    for (value, wire) in [
        (Encryption::Required, "required"),
        (Encryption::Optional, "optional"),
        (Encryption::Default, "default"),
    ] {
        let body = body_sent_for(&SipEndpointUpdateRequest::new().encryption(value)).await;
        assert_eq!(body, json!({ "encryption": wire }));
    }
    for (value, wire) in [
        (CallHandlerType::Default, "default"),
        (CallHandlerType::Passthrough, "passthrough"),
        (CallHandlerType::BlockPstn, "block-pstn"),
        (CallHandlerType::Resource, "resource"),
    ] {
        let body = body_sent_for(&SipEndpointUpdateRequest::new().call_handler(value)).await;
        assert_eq!(body, json!({ "call_handler": wire }));
    }
}

// ---------------------------------------------------------------------------
// Decoding a 200
// ---------------------------------------------------------------------------

async fn update_answered_with(response: ResponseTemplate) -> UpdateResult {
    let request = SipEndpointUpdateRequest::new().username("alice");
    exchange(&request, response).await.0
}

#[tokio::test]
async fn decodes_every_field_of_a_200_response() {
    let response = update_answered_with(ok(full_response()))
        .await
        .expect("a 200 response decodes");

    assert_eq!(response.id, uuid("2537c89f-b1a3-4e5d-a7b5-9a3b2f6a0d1c"));
    assert_eq!(
        response.project_id,
        uuid("7b1f0e4a-3c2d-4e5f-8a9b-0c1d2e3f4a5b")
    );
    assert_eq!(response.display_name, "Alice's desk phone");
    assert_eq!(response.type_, ResourceResponseSipEndpointType::SipEndpoint);
    assert_eq!(response.created_at, utc(2024, 5, 6, 12, 20, 0));
    assert_eq!(response.updated_at, utc(2024, 5, 7, 8, 15, 30));

    let endpoint = &response.sip_endpoint;
    assert_eq!(endpoint.id, uuid("0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"));
    assert_eq!(endpoint.username, "alice");
    assert_eq!(endpoint.caller_id, "+15551234567");
    assert_eq!(endpoint.send_as, "alice-desk");
    assert_eq!(
        endpoint.ciphers,
        [Ciphers::AeadAes256Gcm8, Ciphers::AesCm128HmacSha1_80]
    );
    assert_eq!(endpoint.codecs, [Codecs::Pcmu, Codecs::Pcma, Codecs::Opus]);
    assert_eq!(endpoint.encryption, Encryption::Required);
    assert_eq!(endpoint.call_handler, CallHandlerType::BlockPstn);
    assert_eq!(endpoint.calling_handler_resource_id, None);

    // Serialised back, the response is what the server sent.
    assert_eq!(
        serde_json::to_value(&response).expect("serialises"),
        full_response()
    );
}

#[tokio::test]
async fn decodes_a_resource_id_and_date_times_with_offsets_and_fractions() {
    let mut body = full_response();
    body["created_at"] = json!("2024-05-06T14:20:00.125+02:00");
    body["updated_at"] = json!("2024-05-07T08:15:30-05:00");
    body["sip_endpoint"]["call_handler"] = json!("resource");
    body["sip_endpoint"]["calling_handler_resource_id"] =
        json!("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");

    let response = update_answered_with(ok(body)).await.expect("decodes");
    assert_eq!(
        response.created_at,
        utc(2024, 5, 6, 12, 20, 0) + TimeDelta::milliseconds(125)
    );
    assert_eq!(response.updated_at, utc(2024, 5, 7, 13, 15, 30));
    assert_eq!(
        response.sip_endpoint.call_handler,
        CallHandlerType::Resource
    );
    assert_eq!(
        response.sip_endpoint.calling_handler_resource_id,
        Some(uuid("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"))
    );
}

#[tokio::test]
async fn unknown_fields_in_a_200_response_are_ignored() {
    let mut body = full_response();
    body["links"] = json!({"self": "https://example.signalwire.com/x"});
    body["future_flag"] = json!(true);
    body["sip_endpoint"]["future_setting"] = json!({"nested": [1, 2, 3]});

    let response = update_answered_with(ok(body)).await.expect("decodes");
    let expected: ResourceResponseSipEndpoint =
        serde_json::from_value(full_response()).expect("the fixture decodes");
    assert_eq!(response, expected);
    assert_eq!(response.sip_endpoint.username, "alice");
    assert_eq!(
        serde_json::to_value(&response).expect("serialises"),
        full_response()
    );
}

#[tokio::test]
async fn unknown_enum_values_decode_to_unknown_and_serialise_back_unchanged() {
    let mut body = full_response();
    body["type"] = json!("sip_endpoint_v2");
    // A sample rate SignalWire's document does not list.
    body["sip_endpoint"]["codecs"] = json!(["PCMU", "OPUS@96000H@20I"]);
    body["sip_endpoint"]["ciphers"] = json!(["AES_999", "AEAD_AES_256_GCM_8"]);
    body["sip_endpoint"]["encryption"] = json!("mandatory");
    body["sip_endpoint"]["call_handler"] = json!("something-new");

    let response = update_answered_with(ok(body.clone()))
        .await
        .expect("unknown enum values do not fail the response");
    let endpoint = &response.sip_endpoint;

    assert!(
        matches!(&response.type_, ResourceResponseSipEndpointType::Unknown(v) if v.as_str() == "sip_endpoint_v2")
    );
    assert_eq!(response.type_.as_str(), "sip_endpoint_v2");
    assert!(!response.type_.is_known());

    assert_eq!(endpoint.codecs[0], Codecs::Pcmu);
    assert!(endpoint.codecs[0].is_known());
    assert!(matches!(&endpoint.codecs[1], Codecs::Unknown(v) if v.as_str() == "OPUS@96000H@20I"));
    assert_eq!(endpoint.codecs[1].as_str(), "OPUS@96000H@20I");
    assert_eq!(endpoint.codecs[1].to_string(), "OPUS@96000H@20I");
    assert!(!endpoint.codecs[1].is_known());
    assert_eq!(endpoint.codecs[1], "OPUS@96000H@20I".parse().unwrap());

    assert!(matches!(&endpoint.ciphers[0], Ciphers::Unknown(v) if v.as_str() == "AES_999"));
    assert_eq!(endpoint.ciphers[0].as_str(), "AES_999");
    assert_eq!(endpoint.ciphers[1], Ciphers::AeadAes256Gcm8);

    assert!(matches!(&endpoint.encryption, Encryption::Unknown(v) if v.as_str() == "mandatory"));
    assert_eq!(endpoint.encryption.as_str(), "mandatory");

    assert!(
        matches!(&endpoint.call_handler, CallHandlerType::Unknown(v) if v.as_str() == "something-new")
    );
    assert_eq!(endpoint.call_handler.as_str(), "something-new");

    // Sent back, the values are exactly the strings received.
    assert_eq!(serde_json::to_value(&response).expect("serialises"), body);
}

#[test]
fn listed_enum_values_parse_to_their_own_variant_and_others_are_kept_verbatim() {
    let codecs = [
        "PCMU",
        "PCMA",
        "G722",
        "G729",
        "OPUS",
        "OPUS@48000H@20I",
        "OPUS@24000H@20I",
        "OPUS@16000H@20I",
        "OPUS@8000H@20I",
        "VP8",
        "H264",
    ];
    let parsed: Vec<Codecs> = codecs.iter().map(|text| text.parse().unwrap()).collect();
    assert_eq!(parsed, Codecs::KNOWN);
    let ciphers = [
        "AEAD_AES_256_GCM_8",
        "AES_256_CM_HMAC_SHA1_80",
        "AES_CM_128_HMAC_SHA1_80",
        "AES_256_CM_HMAC_SHA1_32",
        "AES_CM_128_HMAC_SHA1_32",
    ];
    let parsed: Vec<Ciphers> = ciphers.iter().map(|text| text.parse().unwrap()).collect();
    assert_eq!(parsed, Ciphers::KNOWN);
    let parsed: Vec<Encryption> = ["required", "optional", "default"]
        .iter()
        .map(|text| text.parse().unwrap())
        .collect();
    assert_eq!(parsed, Encryption::KNOWN);
    let parsed: Vec<CallHandlerType> = ["default", "passthrough", "block-pstn", "resource"]
        .iter()
        .map(|text| text.parse().unwrap())
        .collect();
    assert_eq!(parsed, CallHandlerType::KNOWN);
    assert_eq!(
        "sip_endpoint"
            .parse::<ResourceResponseSipEndpointType>()
            .unwrap(),
        ResourceResponseSipEndpointType::SipEndpoint
    );

    // Matching is exact: another spelling is an unknown value, kept as is.
    let lowercase: Codecs = "pcmu".parse().unwrap();
    assert!(matches!(&lowercase, Codecs::Unknown(v) if v.as_str() == "pcmu"));
    assert_eq!(serde_json::to_value(&lowercase).unwrap(), json!("pcmu"));
}

// ---------------------------------------------------------------------------
// Error responses
// ---------------------------------------------------------------------------

#[tokio::test]
async fn declared_error_statuses_become_api_errors_with_parsed_and_raw_bodies() {
    let cases = [
        (
            401,
            r#"{"error": "Unauthorized"}"#,
            UpdateSipCredentialError::Unauthorized(StatusCode401::new(
                StatusCode401Error::Unauthorized,
            )),
        ),
        (
            404,
            r#"{"error": "Not Found"}"#,
            UpdateSipCredentialError::NotFound(StatusCode404::new(StatusCode404Error::NotFound)),
        ),
        (
            500,
            r#"{"error": "Internal Server Error"}"#,
            UpdateSipCredentialError::InternalServerError(StatusCode500::new(
                StatusCode500Error::InternalServerError,
            )),
        ),
    ];
    for (status, raw_body, expected) in cases {
        let error = update_answered_with(raw(status, raw_body, "application/json"))
            .await
            .expect_err("an error status is an error");
        let Error::Api(api) = &error else {
            panic!("{status}: expected Error::Api, got {error:?}");
        };
        assert_eq!(api.status(), status);
        assert_eq!(api.body(), &expected, "{status}");
        assert_eq!(api.body().status(), status);
        assert_eq!(api.raw_body(), raw_body.as_bytes());
        let message = match api.body() {
            UpdateSipCredentialError::Unauthorized(body) => body.error.as_str(),
            UpdateSipCredentialError::NotFound(body) => body.error.as_str(),
            UpdateSipCredentialError::InternalServerError(body) => body.error.as_str(),
            other => panic!("{status}: unexpected variant {other:?}"),
        };
        assert_eq!(
            Some(message),
            serde_json::from_str::<Value>(raw_body).unwrap()["error"].as_str()
        );

        assert_eq!(error.status(), Some(status));
        assert_eq!(error.raw_body(), Some(raw_body.as_bytes()));
        assert!(error.api_error().is_some());
        assert!(!error.is_timeout());
        assert!(
            error.to_string().contains(&status.to_string()),
            "{status}: {error}"
        );
        assert_error_hides_token(&error);
    }
}

#[tokio::test]
async fn every_item_of_a_422_is_reachable() {
    let raw_body = r#"{"errors": [
        {"type": "validation_error", "code": "invalid_parameter_value",
         "message": "Encryption must be one of required, optional, default.",
         "attribute": "encryption",
         "url": "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"},
        {"type": "validation_error", "code": "missing_required_parameter",
         "message": "The request body is empty.",
         "url": "https://developer.signalwire.com/rest/overview/error-codes#missing_required_parameter"},
        {"type": "validation_error", "code": "conflict",
         "message": "The resource is in use.", "attribute": null,
         "url": "https://developer.signalwire.com/rest/overview/error-codes#conflict"}
    ]}"#;
    let error = update_answered_with(raw(422, raw_body, "application/json"))
        .await
        .expect_err("422 is an error");
    assert_error_hides_token(&error);
    assert_eq!(error.status(), Some(422));
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status(), 422);
    assert_eq!(api.raw_body(), raw_body.as_bytes());
    let UpdateSipCredentialError::UnprocessableEntity(body) = api.body() else {
        panic!("expected UnprocessableEntity, got {:?}", api.body());
    };

    let items = &body.errors;
    assert_eq!(items.len(), 3);
    let seen: Vec<(&str, &str, &str, Nullable<&String>)> = items
        .iter()
        .map(|item| {
            (
                item.type_.as_str(),
                item.code.as_str(),
                item.message.as_str(),
                item.attribute.as_ref(),
            )
        })
        .collect();
    let encryption = "encryption".to_owned();
    assert_eq!(
        seen,
        [
            (
                "validation_error",
                "invalid_parameter_value",
                "Encryption must be one of required, optional, default.",
                Nullable::Value(&encryption)
            ),
            (
                "validation_error",
                "missing_required_parameter",
                "The request body is empty.",
                Nullable::Absent
            ),
            (
                "validation_error",
                "conflict",
                "The resource is in use.",
                Nullable::Null
            ),
        ]
    );
    assert_eq!(
        items[0].url,
        "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"
    );
    assert_eq!(
        items[0].attribute.as_option().map(String::as_str),
        Some("encryption")
    );

    // The whole body, built by hand with the public constructors.
    let expected = ResourceSipEndpointUpdateStatusCode422::new([
        StatusCodesRestApiErrorItem::new(StatusCodesRestApiErrorItemRequired {
            type_: "validation_error".to_owned(),
            code: "invalid_parameter_value".to_owned(),
            message: "Encryption must be one of required, optional, default.".to_owned(),
            url: "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"
                .to_owned(),
        })
        .attribute("encryption"),
        StatusCodesRestApiErrorItem::new(StatusCodesRestApiErrorItemRequired {
            type_: "validation_error".to_owned(),
            code: "missing_required_parameter".to_owned(),
            message: "The request body is empty.".to_owned(),
            url: "https://developer.signalwire.com/rest/overview/error-codes#missing_required_parameter"
                .to_owned(),
        }),
        StatusCodesRestApiErrorItem::new(StatusCodesRestApiErrorItemRequired {
            type_: "validation_error".to_owned(),
            code: "conflict".to_owned(),
            message: "The resource is in use.".to_owned(),
            url: "https://developer.signalwire.com/rest/overview/error-codes#conflict"
                .to_owned(),
        })
        .clear_attribute(),
    ]);
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn a_declared_error_status_with_an_undecodable_body_is_a_decode_error() {
    let raw_body = "<html><body>Not Found</body></html>";
    let error = update_answered_with(raw(404, raw_body, "text/html"))
        .await
        .expect_err("404 is an error");
    assert_error_hides_token(&error);
    match &error {
        Error::Decode {
            status,
            body,
            source,
            ..
        } => {
            assert_eq!(*status, 404);
            assert_eq!(&body[..], raw_body.as_bytes());
            assert!(source.is_syntax(), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_eq!(error.status(), Some(404));
    assert!(error.api_error().is_none());
}

#[tokio::test]
async fn an_undeclared_status_is_unexpected_status_with_the_raw_body() {
    let raw_body = "upstream unavailable, retry later";
    let error = update_answered_with(raw(503, raw_body, "text/plain"))
        .await
        .expect_err("503 is an error");
    assert_error_hides_token(&error);
    match &error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(*status, 503);
            assert_eq!(&body[..], raw_body.as_bytes());
        }
        other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
    }
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.raw_body(), Some(raw_body.as_bytes()));
    assert!(error.api_error().is_none());
    assert!(error.to_string().contains("503"), "{error}");
}

#[tokio::test]
async fn a_200_that_is_not_json_is_a_decode_error_with_the_raw_body() {
    for raw_body in ["<html>maintenance</html>", ""] {
        let error = update_answered_with(raw(200, raw_body, "text/html"))
            .await
            .expect_err("an undecodable 200 is an error");
        assert_error_hides_token(&error);
        match &error {
            Error::Decode {
                status,
                body,
                source,
                ..
            } => {
                assert_eq!(*status, 200);
                assert_eq!(&body[..], raw_body.as_bytes());
                assert!(source.is_syntax() || source.is_eof(), "{source}");
            }
            other => panic!("expected Error::Decode for {raw_body:?}, got {other:?}"),
        }
        assert_eq!(error.status(), Some(200));
        assert_eq!(error.raw_body(), Some(raw_body.as_bytes()));
    }
}

#[tokio::test]
async fn a_200_of_the_wrong_shape_is_a_decode_error_with_the_raw_body() {
    let mut missing_field = full_response();
    missing_field
        .as_object_mut()
        .unwrap()
        .remove("sip_endpoint");
    let mut wrong_type = full_response();
    wrong_type["sip_endpoint"]["codecs"] = json!("PCMU");
    let mut bad_uuid = full_response();
    bad_uuid["id"] = json!("not-a-uuid");
    let mut bad_date = full_response();
    bad_date["created_at"] = json!("yesterday");

    for body in [missing_field, wrong_type, bad_uuid, bad_date, json!([])] {
        let raw_body = body.to_string();
        let error = update_answered_with(raw(200, &raw_body, "application/json"))
            .await
            .expect_err("a 200 of the wrong shape is an error");
        assert_error_hides_token(&error);
        match &error {
            Error::Decode {
                status,
                body,
                source,
                ..
            } => {
                assert_eq!(*status, 200);
                assert_eq!(&body[..], raw_body.as_bytes());
                assert!(source.is_data(), "{source}");
            }
            other => panic!("expected Error::Decode for {raw_body}, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------
// No response
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let client = client_for(&unused_base_url()).with_retry(RetryPolicy::none());
    let error = client
        .update_sip_credential(
            uuid(ENDPOINT_ID),
            &SipEndpointUpdateRequest::new().username("alice"),
        )
        .await
        .expect_err("nothing listens on the port");
    assert_error_hides_token(&error);
    match &error {
        Error::Transport {
            source,
            attempts: 1,
        } => assert!(source.is_connect(), "{source:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(error.status(), None);
    assert_eq!(error.raw_body(), None);
    assert!(!error.is_timeout());
}

#[tokio::test]
async fn a_response_slower_than_the_http_client_timeout_is_a_timeout() {
    let server = server_expecting_one(ok(full_response()).set_delay(Duration::from_secs(3))).await;
    // A reqwest client of the caller's own needs a TLS provider first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = signalwire_rest::reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("an http client");
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(server.uri())
        .http_client(http)
        .retry(RetryPolicy::none())
        .build()
        .expect("a valid configuration");
    let error = client
        .update_sip_credential(uuid(ENDPOINT_ID), &SipEndpointUpdateRequest::new())
        .await
        .expect_err("the response is too slow");
    assert!(matches!(error, Error::Timeout { attempts: 1 }), "{error:?}");
    assert!(error.is_timeout());
    assert_eq!(error.status(), None);
    assert_error_hides_token(&error);
}

// ---------------------------------------------------------------------------
// The token stays secret
// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_client_and_its_builder_do_not_show_the_token() {
    let server = MockServer::start().await;
    let client = client_once(&server);
    let debug = format!("{client:?}");
    assert!(!debug.contains(API_TOKEN), "{debug}");
    assert!(!format!("{client:#?}").contains(API_TOKEN));

    let builder = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN);
    let debug = format!("{builder:?}");
    assert!(!debug.contains(API_TOKEN), "{debug}");
}

#[test]
fn configuration_errors_do_not_show_the_token() {
    let with_credentials = format!("http://{PROJECT_ID}:{API_TOKEN}@127.0.0.1:4010");
    for base_url in ["", "not a url", with_credentials.as_str()] {
        let error = Client::from_base_url(PROJECT_ID, API_TOKEN, base_url)
            .expect_err("an invalid base url is refused");
        assert_hides_token(&error);
    }
}
