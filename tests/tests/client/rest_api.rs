//! Operations of the REST API whose shape the SIP endpoint tests do not
//! cover, on the wire against a local server: a subscriber (bearer token)
//! operation, an operation without authentication, a list whose response
//! has no page links, a list the overlay turns from an array of envelopes
//! into one envelope, two paths that differ only in their parameter's
//! name, and a discriminator tag the overlay adds.

use futures_util::StreamExt as _;
use integration_tests::{client_for, expected_authorization};
use serde_json::json;
use signalwire_rest::{
    CallingDetectConfig, CallingDetectMachineConfigType, EmbedsTokensRequest, Error,
    GetRoomByNameParams, ListResourceAddressesClientParams, ListSwmlScriptsParams,
    SwmlCallingSwmlMethod, SwmlCallingSwmlObject,
};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The `Authorization` header of the one request `server` received, if any.
async fn authorization_of_only_request(server: &MockServer) -> Option<String> {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests[0]
        .headers
        .get("authorization")
        .map(|value| value.to_str().expect("an ASCII header").to_owned())
}

#[tokio::test]
async fn a_subscriber_operation_sends_the_bearer_token_instead_of_the_project_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/fabric/addresses"))
        .and(query_param("page_size", "10"))
        .and(header("authorization", "Bearer sat-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "links": {
                "self": "https://example.signalwire.com/api/fabric/addresses?page_size=10",
                "first": "https://example.signalwire.com/api/fabric/addresses?page_size=10"
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri())
        .with_bearer_token("sat-123")
        .unwrap();

    let page = client
        .list_resource_addresses_client(&ListResourceAddressesClientParams::new().page_size(10))
        .await
        .unwrap();

    assert!(page.data.is_empty());
    assert_eq!(page.links.next, None);
    assert_eq!(
        authorization_of_only_request(&server).await.as_deref(),
        Some("Bearer sat-123")
    );
}

#[tokio::test]
async fn a_subscriber_operation_without_a_bearer_token_sends_nothing() {
    let server = MockServer::start().await;
    let client = client_for(&server.uri());

    let error = client
        .list_resource_addresses_client(&ListResourceAddressesClientParams::new())
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::MissingBearerToken { .. }),
        "{error:?}"
    );
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.is_empty(), "{requests:?}");
}

#[tokio::test]
async fn an_operation_without_authentication_sends_no_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/fabric/embeds/tokens"))
        .and(body_json(json!({"token": "c2c-embed-token"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"token": "guest-token"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri());

    let response = client
        .create_guest_embed_token(&EmbedsTokensRequest::new("c2c-embed-token"))
        .await
        .unwrap();

    assert_eq!(response.token, "guest-token");
    assert_eq!(authorization_of_only_request(&server).await, None);
}

#[tokio::test]
async fn a_list_without_page_links_is_one_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/messaging/whatsapp/businesses"))
        .and(header("authorization", expected_authorization()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{
                "whatsapp_business_id": "0b6a7b9e-5b8e-4d55-9d1a-0f4bd3c7e001",
                "business_name": "Example Pizza",
                "business_portfolio_id": null,
                "waba_id": "104564",
                "created_at": "2026-03-01T10:00:00Z",
                "updated_at": "2026-03-02T10:00:00Z"
            }]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let list = client_for(&server.uri())
        .list_whatsapp_businesses()
        .await
        .unwrap();

    assert_eq!(list.data.len(), 1);
    assert_eq!(list.data[0].waba_id, "104564");
    assert_eq!(list.data[0].business_name.as_deref(), Some("Example Pizza"));
    assert_eq!(list.data[0].business_portfolio_id, None);
}

#[tokio::test]
async fn a_list_upstream_declares_as_an_array_reads_one_envelope_and_streams_its_pages() {
    let server = MockServer::start().await;
    let second = format!(
        "{}/api/fabric/resources/swml_scripts?page_size=1&page_token=PA2",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/api/fabric/resources/swml_scripts"))
        .and(query_param("page_token", "PA2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "links": {"self": second.clone(), "first": second.clone()}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/fabric/resources/swml_scripts"))
        .and(query_param("page_size", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "links": {"self": "first", "first": "first", "next": second}
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri());

    let page = client
        .list_swml_scripts(&ListSwmlScriptsParams::new().page_size(1))
        .await
        .unwrap();
    assert!(page.data.is_empty());
    assert_eq!(page.links.next.as_deref(), Some(second.as_str()));

    let items: Vec<_> = client
        .list_swml_scripts_stream(&ListSwmlScriptsParams::new().page_size(1))
        .collect()
        .await;
    assert!(items.is_empty(), "{items:?}");
    let requests = server.received_requests().await.expect("recording is on");
    let urls: Vec<String> = requests
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default()))
        .collect();
    assert_eq!(
        urls,
        [
            "/api/fabric/resources/swml_scripts?page_size=1",
            "/api/fabric/resources/swml_scripts?page_size=1",
            "/api/fabric/resources/swml_scripts?page_size=1&page_token=PA2",
        ],
        "one page, then the two pages of the stream, the second from `links.next`"
    );
}

#[tokio::test]
async fn a_room_by_name_and_a_room_by_id_share_a_path_template_and_send_their_own_value() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/video/rooms/team%20standup"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "Not Found"})))
        .expect(1)
        .mount(&server)
        .await;

    let error = client_for(&server.uri())
        .get_room_by_name("team standup", &GetRoomByNameParams::new())
        .await
        .unwrap_err();

    let Error::Api(api) = error else {
        panic!("not an API error: {error:?}");
    };
    assert_eq!(api.status(), 404);
}

#[test]
fn the_machine_detection_tag_the_overlay_maps_decodes() {
    let detect: CallingDetectConfig =
        serde_json::from_value(json!({"type": "machine", "params": {"initial_timeout": 4.5}}))
            .unwrap();
    let CallingDetectConfig::CallingDetectMachineConfig(machine) = &detect else {
        panic!("not the machine configuration: {detect:?}");
    };
    assert_eq!(machine.type_, CallingDetectMachineConfigType::Machine);
    assert_eq!(
        serde_json::to_value(&detect).unwrap()["type"],
        json!("machine")
    );
}

/// The stack of a Tokio worker thread and of a test thread by default.
const DEFAULT_THREAD_STACK: usize = 2 * 1024 * 1024;

#[test]
fn a_swml_document_decodes_on_a_default_sized_thread_stack_in_a_debug_build() {
    // A union of 60 SWML methods whose members were held in place made each
    // value 20,904 bytes and its decoder, which tries each member, overflowed
    // this stack (an abort, not an error) in a debug build.
    let decoded = std::thread::Builder::new()
        .stack_size(DEFAULT_THREAD_STACK)
        .spawn(|| {
            serde_json::from_value::<SwmlCallingSwmlObject>(json!({
                "version": "1.0.0",
                "sections": {"main": [
                    {"answer": {}},
                    {"play": {"url": "https://cdn.signalwire.com/swml/audio.mp3"}},
                    {"hangup": {}}
                ]}
            }))
        })
        .unwrap()
        .join()
        .expect("the decoding thread did not panic");
    let document = decoded.expect("a valid SWML document");
    let main = &document.sections.main;
    assert_eq!(main.len(), 3);
    assert!(
        matches!(main[0], SwmlCallingSwmlMethod::SwmlCallingAnswer(_)),
        "{main:?}"
    );
    assert!(
        std::mem::size_of::<SwmlCallingSwmlMethod>() <= 32,
        "a union of boxed members is small"
    );
}
