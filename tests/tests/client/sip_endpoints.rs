//! The SIP endpoint resource at the wire level (wiremock): for each
//! operation, the exact request (method, path, query, headers, body) and
//! every declared response decoded; and the list streams, which follow
//! `links.next` page after page on the same client. (`update_sip_credential`
//! has its own file, `update_sip_endpoint.rs`.)

use futures_util::StreamExt as _;
use integration_tests::{
    ENDPOINT_ID, ENDPOINT_PATH, client_for, expected_authorization, fast_retries, full_response,
};
use serde_json::{Value, json};
use signalwire_rest::chrono::{TimeZone as _, Utc};
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    AddressChannel, CallHandlerType, Ciphers, Client, Codecs, CreateSipCredentialError,
    DeleteSipCredentialError, Encryption, Error, FabricAddressCall, FabricAddressCallType,
    GetSipCredentialError, ListSipCredentialAddressesError, ListSipCredentialAddressesParams,
    ListSipCredentialsError, ListSipCredentialsParams, Nullable, ResourceResponseSipEndpoint,
    ResourceSipEndpointCreateStatusCode422, RetryPolicy, SipEndpointCreateRequest,
    SipEndpointCreateRequestRequired, StatusCode401, StatusCode401Error, StatusCode404,
    StatusCode404Error, StatusCode500, StatusCode500Error,
};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const COLLECTION: &str = "/api/fabric/resources/sip_endpoints";

fn id() -> Uuid {
    Uuid::parse_str(ENDPOINT_ID).expect("a valid UUID literal")
}

/// A client of `server` that does not retry.
fn client_once(server: &MockServer) -> Client {
    client_for(&server.uri()).with_retry(RetryPolicy::none())
}

/// The one request `server` received.
async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "exactly one request: {received:?}");
    received.remove(0)
}

/// Checks what every request of the resource carries: the method, the
/// path and query (`path_and_query`, exactly), Basic credentials, JSON
/// accepted, and a JSON body (`Content-Type`) exactly when `body` is one.
fn assert_request(request: &Request, verb: &str, path_and_query: &str, body: Option<Value>) {
    assert_eq!(request.method.as_str(), verb);
    let query = request
        .url
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    assert_eq!(format!("{}{query}", request.url.path()), path_and_query);
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(header("authorization"), Some(expected_authorization()));
    assert_eq!(header("accept").as_deref(), Some("application/json"));
    match body {
        Some(body) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"));
            let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
            assert_eq!(sent, body);
        }
        None => {
            assert_eq!(header("content-type"), None);
            assert!(request.body.is_empty(), "no body is sent");
        }
    }
}

/// A server answering `response` to everything.
async fn answering(response: ResponseTemplate) -> MockServer {
    integration_tests::server_answering(response).await
}

/// `full_response()` with the ID `n` (as the last group of a UUID).
fn endpoint(n: u32) -> Value {
    let mut value = full_response();
    value["id"] = json!(format!("2537c89f-b1a3-4e5d-a7b5-{n:012}"));
    value
}

fn endpoint_id(n: u32) -> Uuid {
    Uuid::parse_str(&format!("2537c89f-b1a3-4e5d-a7b5-{n:012}")).unwrap()
}

fn decoded(value: Value) -> ResourceResponseSipEndpoint {
    serde_json::from_value(value).expect("a valid ResourceResponseSipEndpoint")
}

/// The status and error enum of `result`, which must be `Error::Api`.
fn api_error<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> (u16, E) {
    match result {
        Err(Error::Api(api)) => (api.status(), api.into_body()),
        other => panic!("not an API error: {other:?}"),
    }
}

/// The body of a `401`, `{"error": "Unauthorized"}`, decoded.
fn unauthorized() -> StatusCode401 {
    StatusCode401::new(StatusCode401Error::Unauthorized)
}

/// The body of a `404`, `{"error": "Not Found"}`, decoded.
fn not_found() -> StatusCode404 {
    StatusCode404::new(StatusCode404Error::NotFound)
}

/// The body of a `500`, `{"error": "Internal Server Error"}`, decoded.
fn internal_server_error() -> StatusCode500 {
    StatusCode500::new(StatusCode500Error::InternalServerError)
}

fn validation_errors() -> Value {
    json!({"errors": [{
        "type": "validation_error",
        "code": "invalid_parameter_value",
        "message": "Page size must be at most 1000.",
        "attribute": "page_size",
        "url": "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"
    }]})
}

// ----- list -----

#[tokio::test]
async fn list_sends_its_query_parameters_and_decodes_a_page() {
    let page = json!({
        "data": [endpoint(1), endpoint(2)],
        "links": {
            "self": "https://example.signalwire.com/api/fabric/resources/sip_endpoints?page_size=2",
            "first": "https://example.signalwire.com/api/fabric/resources/sip_endpoints?page_size=2",
            "next": "https://example.signalwire.com/api/fabric/resources/sip_endpoints?page_number=1&page_size=2&page_token=PA1"
        }
    });
    let server = answering(ResponseTemplate::new(200).set_body_json(&page)).await;
    let params = ListSipCredentialsParams::new()
        .page_size(2)
        .page_token("PA 0/1");
    let response = client_once(&server)
        .list_sip_credentials(&params)
        .await
        .expect("a 200");
    assert_request(
        &only_request(&server).await,
        "GET",
        "/api/fabric/resources/sip_endpoints?page_size=2&page_token=PA%200%2F1",
        None,
    );
    assert_eq!(response.data, [decoded(endpoint(1)), decoded(endpoint(2))]);
    assert_eq!(
        response.links.next.as_deref(),
        Some(
            "https://example.signalwire.com/api/fabric/resources/sip_endpoints?page_number=1&page_size=2&page_token=PA1"
        )
    );
    assert_eq!(response.links.prev, None);
}

#[tokio::test]
async fn list_without_parameters_sends_no_query() {
    let page = json!({"data": [], "links": {"self": "s", "first": "f"}});
    let server = answering(ResponseTemplate::new(200).set_body_json(&page)).await;
    let response = client_once(&server)
        .list_sip_credentials(&ListSipCredentialsParams::new())
        .await
        .expect("a 200");
    assert_request(&only_request(&server).await, "GET", COLLECTION, None);
    assert!(response.data.is_empty());
    assert_eq!(response.links.next, None);
}

#[tokio::test]
async fn list_errors_decode_into_their_variants() {
    for (status, body) in [
        (401, json!({"error": "Unauthorized"})),
        (404, json!({"error": "Not Found"})),
        (500, json!({"error": "Internal Server Error"})),
    ] {
        let server = answering(ResponseTemplate::new(status).set_body_json(&body)).await;
        let (got, error) = api_error(
            client_once(&server)
                .list_sip_credentials(&ListSipCredentialsParams::new())
                .await,
        );
        assert_eq!((got, error.status()), (status, status));
        let expected = match status {
            401 => ListSipCredentialsError::Unauthorized(unauthorized()),
            404 => ListSipCredentialsError::NotFound(not_found()),
            _ => ListSipCredentialsError::InternalServerError(internal_server_error()),
        };
        assert_eq!(error, expected);
    }
    // SignalWire's document declares no `422` for the list (the page
    // parameters' limits are not checked by a declared status): one is an
    // undeclared status, with the raw body.
    let body = validation_errors();
    let server = answering(ResponseTemplate::new(422).set_body_json(&body)).await;
    let error = client_once(&server)
        .list_sip_credentials(&ListSipCredentialsParams::new())
        .await
        .expect_err("a 422");
    match &error {
        Error::UnexpectedStatus {
            status: 422,
            body: raw,
            ..
        } => assert_eq!(serde_json::from_slice::<Value>(raw).unwrap(), body),
        other => panic!("expected Error::UnexpectedStatus, got {other:?}"),
    }
}

// ----- create -----

#[tokio::test]
async fn create_sends_the_required_fields_only_when_nothing_else_is_set() {
    let server = answering(ResponseTemplate::new(200).set_body_json(full_response())).await;
    let request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    });
    let created = client_once(&server)
        .create_sip_credential(&request)
        .await
        .expect("a 200");
    assert_request(
        &only_request(&server).await,
        "POST",
        COLLECTION,
        Some(json!({"username": "alice", "caller_id": "+15551234567"})),
    );
    assert_eq!(created, decoded(full_response()));
}

#[tokio::test]
async fn create_sends_every_field_that_is_set() {
    let server = answering(ResponseTemplate::new(200).set_body_json(full_response())).await;
    let resource = Uuid::parse_str("0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b").unwrap();
    let request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    })
    .send_as("alice-desk")
    .ciphers([Ciphers::AeadAes256Gcm8])
    .codecs([])
    .encryption(Encryption::Required)
    .call_handler(CallHandlerType::Resource)
    .calling_handler_resource_id(resource);
    client_once(&server)
        .create_sip_credential(&request)
        .await
        .expect("a 200");
    assert_request(
        &only_request(&server).await,
        "POST",
        COLLECTION,
        Some(json!({
            "username": "alice",
            "caller_id": "+15551234567",
            "send_as": "alice-desk",
            "ciphers": ["AEAD_AES_256_GCM_8"],
            "codecs": [],
            "encryption": "required",
            "call_handler": "resource",
            "calling_handler_resource_id": "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"
        })),
    );
}

#[tokio::test]
async fn create_errors_decode_into_their_variants() {
    let request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    })
    .codecs([Codecs::Pcmu]);
    for (status, body) in [
        (401, json!({"error": "Unauthorized"})),
        (404, json!({"error": "Not Found"})),
        (422, validation_errors()),
        (500, json!({"error": "Internal Server Error"})),
    ] {
        let server = answering(ResponseTemplate::new(status).set_body_json(&body)).await;
        let (got, error) = api_error(client_once(&server).create_sip_credential(&request).await);
        assert_eq!(got, status);
        let expected = match status {
            401 => CreateSipCredentialError::Unauthorized(unauthorized()),
            404 => CreateSipCredentialError::NotFound(not_found()),
            422 => CreateSipCredentialError::UnprocessableEntity(
                serde_json::from_value::<ResourceSipEndpointCreateStatusCode422>(body).unwrap(),
            ),
            _ => CreateSipCredentialError::InternalServerError(internal_server_error()),
        };
        assert_eq!(error, expected);
    }
}

#[tokio::test]
async fn create_is_not_retried() {
    let server = answering(ResponseTemplate::new(500).set_body_json(json!({"error": "x"}))).await;
    let request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    });
    let error = client_for(&server.uri())
        .with_retry(fast_retries())
        .create_sip_credential(&request)
        .await
        .expect_err("a 500");
    assert_eq!(error.attempts(), 1, "POST is not idempotent");
    only_request(&server).await;
}

// ----- get -----

#[tokio::test]
async fn get_sends_the_id_in_the_path_and_decodes_the_endpoint() {
    let server = answering(ResponseTemplate::new(200).set_body_json(full_response())).await;
    let endpoint = client_once(&server)
        .get_sip_credential(id())
        .await
        .expect("a 200");
    assert_request(&only_request(&server).await, "GET", ENDPOINT_PATH, None);
    assert_eq!(endpoint, decoded(full_response()));
}

#[tokio::test]
async fn get_errors_decode_into_their_variants() {
    for (status, text) in [
        (401, "Unauthorized"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ] {
        let server =
            answering(ResponseTemplate::new(status).set_body_json(json!({"error": text}))).await;
        let (got, error) = api_error(client_once(&server).get_sip_credential(id()).await);
        assert_eq!(got, status);
        let expected = match status {
            401 => GetSipCredentialError::Unauthorized(unauthorized()),
            404 => GetSipCredentialError::NotFound(not_found()),
            _ => GetSipCredentialError::InternalServerError(internal_server_error()),
        };
        assert_eq!(error, expected);
    }
}

// ----- delete -----

#[tokio::test]
async fn delete_sends_no_body_and_returns_unit_on_204() {
    let server = answering(ResponseTemplate::new(204)).await;
    let deleted: () = client_once(&server)
        .delete_sip_credential(id())
        .await
        .expect("a 204");
    assert_eq!(deleted, ());
    assert_request(&only_request(&server).await, "DELETE", ENDPOINT_PATH, None);
}

#[tokio::test]
async fn delete_errors_decode_into_their_variants() {
    for (status, text) in [
        (401, "Unauthorized"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ] {
        let server =
            answering(ResponseTemplate::new(status).set_body_json(json!({"error": text}))).await;
        let (got, error) = api_error(client_once(&server).delete_sip_credential(id()).await);
        assert_eq!(got, status);
        let expected = match status {
            401 => DeleteSipCredentialError::Unauthorized(unauthorized()),
            404 => DeleteSipCredentialError::NotFound(not_found()),
            _ => DeleteSipCredentialError::InternalServerError(internal_server_error()),
        };
        assert_eq!(error, expected);
    }
    // A 200 is not what the operation declares.
    let server = answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let error = client_once(&server)
        .delete_sip_credential(id())
        .await
        .expect_err("not a 204");
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 200, .. }),
        "{error:?}"
    );
}

// ----- addresses -----

/// An address of the SIP endpoint as SignalWire's document describes it
/// (`FabricAddressCall`): of `type` `call`, with an audio and a video
/// channel.
fn address(name: &str) -> Value {
    json!({
        "id": "993ed018-9e79-4e50-b97b-984bd5534095",
        "name": name,
        "display_name": "Alice's desk phone",
        "type": "call",
        "cover_url": null,
        "preview_url": "https://example.com/preview.jpg",
        "locked": false,
        "channels": {
            "audio": format!("/private/{name}?channel=audio"),
            "video": format!("/private/{name}?channel=video")
        },
        "created_at": "2024-05-06T12:20:00Z"
    })
}

#[tokio::test]
async fn addresses_are_listed_with_their_query_and_decoded() {
    let page = json!({"data": [address("alice")], "links": {"self": "s", "first": "f"}});
    let server = answering(ResponseTemplate::new(200).set_body_json(&page)).await;
    let params = ListSipCredentialAddressesParams::new().page_size(10);
    let response = client_once(&server)
        .list_sip_credential_addresses(id(), &params)
        .await
        .expect("a 200");
    assert_request(
        &only_request(&server).await,
        "GET",
        &format!("{ENDPOINT_PATH}/addresses?page_size=10"),
        None,
    );
    let [address]: [FabricAddressCall; 1] = response.data.try_into().expect("one address");
    assert_eq!(
        address.id,
        Uuid::parse_str("993ed018-9e79-4e50-b97b-984bd5534095").unwrap()
    );
    assert_eq!(address.name, "alice");
    assert_eq!(address.display_name, "Alice's desk phone");
    assert_eq!(address.type_, FabricAddressCallType::Call);
    assert_eq!(address.cover_url, Nullable::Null);
    assert_eq!(
        address.preview_url,
        Nullable::Value("https://example.com/preview.jpg".to_owned())
    );
    assert!(!address.locked);
    assert_eq!(
        address.created_at,
        Utc.with_ymd_and_hms(2024, 5, 6, 12, 20, 0).unwrap()
    );
    // Both channels given, audio and video, and no messaging channel.
    assert_eq!(
        address.channels,
        AddressChannel::new()
            .audio("/private/alice?channel=audio")
            .video("/private/alice?channel=video")
    );
    assert_eq!(
        serde_json::to_value(&address).expect("serialises"),
        json!({
            "id": "993ed018-9e79-4e50-b97b-984bd5534095",
            "name": "alice",
            "display_name": "Alice's desk phone",
            "type": "call",
            "cover_url": null,
            "preview_url": "https://example.com/preview.jpg",
            "locked": false,
            "channels": {
                "audio": "/private/alice?channel=audio",
                "video": "/private/alice?channel=video"
            },
            "created_at": "2024-05-06T12:20:00Z"
        })
    );
}

#[tokio::test]
async fn address_errors_decode_into_their_variants() {
    for (status, text) in [
        (401, "Unauthorized"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ] {
        let server =
            answering(ResponseTemplate::new(status).set_body_json(json!({"error": text}))).await;
        let (got, error) = api_error(
            client_once(&server)
                .list_sip_credential_addresses(id(), &ListSipCredentialAddressesParams::new())
                .await,
        );
        assert_eq!(got, status);
        let expected = match status {
            401 => ListSipCredentialAddressesError::Unauthorized(unauthorized()),
            404 => ListSipCredentialAddressesError::NotFound(not_found()),
            _ => ListSipCredentialAddressesError::InternalServerError(internal_server_error()),
        };
        assert_eq!(error, expected);
    }
}

// ----- streams -----

/// A page of endpoints `ids`, linking to `next`.
fn page(ids: &[u32], next: Option<&str>) -> Value {
    let mut links = json!({"self": "s", "first": "f"});
    if let Some(next) = next {
        links["next"] = json!(next);
    }
    json!({"data": ids.iter().map(|&n| endpoint(n)).collect::<Vec<_>>(), "links": links})
}

/// Answers the list path with `page` when the query has `page_token=token`
/// (or has no `page_token`, for `None`).
async fn serve_page(server: &MockServer, token: Option<&str>, response: ResponseTemplate) {
    let mock = Mock::given(method("GET")).and(path(COLLECTION));
    let mock = match token {
        Some(token) => mock.and(query_param("page_token", token)),
        None => mock.and(wiremock::matchers::query_param_is_missing("page_token")),
    };
    mock.respond_with(response).mount(server).await;
}

type Item = Result<ResourceResponseSipEndpoint, Error<ListSipCredentialsError>>;

/// Every item of the stream, the error included.
async fn all(client: &Client, params: &ListSipCredentialsParams) -> Vec<Item> {
    client.list_sip_credentials_stream(params).collect().await
}

/// The IDs of the leading `Ok` items, and the error that ended the stream.
fn split(items: Vec<Item>) -> (Vec<Uuid>, Option<Error<ListSipCredentialsError>>) {
    let mut ids = Vec::new();
    let mut items = items.into_iter();
    for item in items.by_ref() {
        match item {
            Ok(endpoint) => ids.push(endpoint.id),
            Err(error) => {
                assert!(items.next().is_none(), "the stream ends after an error");
                return (ids, Some(error));
            }
        }
    }
    (ids, None)
}

/// The `path?query` of every request `server` received, in order.
async fn targets(server: &MockServer) -> Vec<String> {
    let received = server.received_requests().await.expect("recording is on");
    for request in &received {
        let auth = request
            .headers
            .get("authorization")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            auth,
            Some(expected_authorization()),
            "every page is sent the credentials"
        );
    }
    received
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn a_stream_follows_next_links_over_three_pages() {
    let server = MockServer::start().await;
    // An absolute link, then one relative to the base URL.
    let second = format!("{}{COLLECTION}?page_size=2&page_token=two", server.uri());
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[1, 2], Some(&second))),
    )
    .await;
    serve_page(
        &server,
        Some("two"),
        ResponseTemplate::new(200).set_body_json(page(
            &[3, 4],
            Some("api/fabric/resources/sip_endpoints?page_size=2&page_token=three"),
        )),
    )
    .await;
    serve_page(
        &server,
        Some("three"),
        ResponseTemplate::new(200).set_body_json(page(&[5], None)),
    )
    .await;

    let items = all(
        &client_once(&server),
        &ListSipCredentialsParams::new().page_size(2),
    )
    .await;
    let (ids, error) = split(items);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids, (1..=5).map(endpoint_id).collect::<Vec<_>>());
    assert_eq!(
        targets(&server).await,
        [
            format!("{COLLECTION}?page_size=2"),
            format!("{COLLECTION}?page_size=2&page_token=two"),
            format!("{COLLECTION}?page_size=2&page_token=three"),
        ]
    );
}

#[tokio::test]
async fn a_stream_ends_with_the_error_of_a_page_after_the_items_before_it() {
    let server = MockServer::start().await;
    let next = format!("{}{COLLECTION}?page_token=two", server.uri());
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[1, 2], Some(&next))),
    )
    .await;
    serve_page(
        &server,
        Some("two"),
        ResponseTemplate::new(500).set_body_json(json!({"error": "Internal Server Error"})),
    )
    .await;
    // The client's retries apply to every page.
    let client = client_for(&server.uri()).with_retry(fast_retries());
    let (ids, error) = split(all(&client, &ListSipCredentialsParams::new()).await);
    assert_eq!(ids, [endpoint_id(1), endpoint_id(2)]);
    let Some(Error::Api(api)) = error else {
        panic!("expected the 500 of the second page, got {error:?}");
    };
    assert_eq!(api.status(), 500);
    assert_eq!(api.attempts(), 3);
    assert_eq!(
        api.body(),
        &ListSipCredentialsError::InternalServerError(internal_server_error())
    );
    assert_eq!(
        targets(&server).await.len(),
        4,
        "one first page, three attempts at the second"
    );
}

#[tokio::test]
async fn an_empty_first_page_without_next_is_an_empty_stream() {
    let server = MockServer::start().await;
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[], None)),
    )
    .await;
    let items = all(&client_once(&server), &ListSipCredentialsParams::new()).await;
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(targets(&server).await, [format!("{COLLECTION}?")]);
}

#[tokio::test]
async fn an_empty_page_with_next_is_followed() {
    let server = MockServer::start().await;
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(
            &[],
            Some("/api/fabric/resources/sip_endpoints?page_token=two"),
        )),
    )
    .await;
    serve_page(
        &server,
        Some("two"),
        ResponseTemplate::new(200).set_body_json(page(&[7], None)),
    )
    .await;
    let (ids, error) = split(all(&client_once(&server), &ListSipCredentialsParams::new()).await);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids, [endpoint_id(7)]);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_refused_and_nothing_is_sent_there() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let foreign = format!("{}{COLLECTION}?page_token=two", elsewhere.uri());
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[1], Some(&foreign))),
    )
    .await;
    let (ids, error) = split(all(&client_once(&server), &ListSipCredentialsParams::new()).await);
    assert_eq!(ids, [endpoint_id(1)], "the items of the page come first");
    match error {
        Some(Error::ForeignNextLink { link }) => assert_eq!(link, foreign),
        other => panic!("expected ForeignNextLink, got {other:?}"),
    }
    assert!(
        elsewhere.received_requests().await.unwrap().is_empty(),
        "nothing was sent there"
    );
    assert_eq!(targets(&server).await.len(), 1);

    // The same host and port with another scheme is another origin too.
    let server = MockServer::start().await;
    let https = server.uri().replacen("http://", "https://", 1) + COLLECTION + "?page_token=two";
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[1], Some(&https))),
    )
    .await;
    let (_, error) = split(all(&client_once(&server), &ListSipCredentialsParams::new()).await);
    assert!(
        matches!(error, Some(Error::ForeignNextLink { .. })),
        "{error:?}"
    );
    assert_eq!(targets(&server).await.len(), 1);
}

#[tokio::test]
async fn a_next_link_already_fetched_is_refused() {
    let server = MockServer::start().await;
    let first = format!("{}{COLLECTION}?page_size=1", server.uri());
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(
            &[1],
            Some("/api/fabric/resources/sip_endpoints?page_size=1&page_token=two"),
        )),
    )
    .await;
    // The second page links back to the first.
    serve_page(
        &server,
        Some("two"),
        ResponseTemplate::new(200).set_body_json(page(&[2], Some(&first))),
    )
    .await;
    let (ids, error) = split(
        all(
            &client_once(&server),
            &ListSipCredentialsParams::new().page_size(1),
        )
        .await,
    );
    assert_eq!(ids, [endpoint_id(1), endpoint_id(2)]);
    match error {
        Some(Error::RepeatedNextLink { link }) => assert_eq!(link, first),
        other => panic!("expected RepeatedNextLink, got {other:?}"),
    }
    assert_eq!(targets(&server).await.len(), 2, "no page is fetched twice");
}

#[tokio::test]
async fn a_next_link_to_the_page_itself_is_refused() {
    let server = MockServer::start().await;
    let own = format!("{}{COLLECTION}?page_token=same", server.uri());
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_json(page(&[1], Some(&own))),
    )
    .await;
    serve_page(
        &server,
        Some("same"),
        ResponseTemplate::new(200).set_body_json(page(&[2], Some(&own))),
    )
    .await;
    let (ids, error) = split(all(&client_once(&server), &ListSipCredentialsParams::new()).await);
    assert_eq!(ids, [endpoint_id(1), endpoint_id(2)]);
    assert!(
        matches!(error, Some(Error::RepeatedNextLink { .. })),
        "{error:?}"
    );
    assert_eq!(targets(&server).await.len(), 2);
}

#[tokio::test]
async fn a_page_that_does_not_decode_ends_the_stream() {
    let server = MockServer::start().await;
    serve_page(
        &server,
        None,
        ResponseTemplate::new(200).set_body_string("not json"),
    )
    .await;
    let (ids, error) = split(all(&client_once(&server), &ListSipCredentialsParams::new()).await);
    assert!(ids.is_empty());
    assert!(
        matches!(error, Some(Error::Decode { status: 200, .. })),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_addresses_of_an_endpoint_stream_too() {
    let server = MockServer::start().await;
    let addresses = format!("{ENDPOINT_PATH}/addresses");
    Mock::given(method("GET"))
        .and(path(addresses.as_str()))
        .and(wiremock::matchers::query_param_is_missing("page_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [address("alice")],
            "links": {"self": "s", "first": "f", "next": format!("{addresses}?page_token=two")}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(addresses.as_str()))
        .and(query_param("page_token", "two"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [address("alice-2")],
            "links": {"self": "s", "first": "f", "next": null}
        })))
        .mount(&server)
        .await;
    let names: Vec<String> = client_once(&server)
        .list_sip_credential_addresses_stream(id(), &ListSipCredentialAddressesParams::new())
        .map(|item| item.expect("a decoded address").name)
        .collect()
        .await;
    assert_eq!(names, ["alice", "alice-2"]);
}
