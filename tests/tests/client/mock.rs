//! The typed mock (`signalwire_rest::mock`, feature `mock`) as a user's
//! test meets it: a retry seen as two requests, a list streamed over three
//! pages, a declared error answered by its variant, and the report of a
//! request that meets no expectation.

use std::panic::{AssertUnwindSafe, catch_unwind};

use futures_util::StreamExt as _;
use integration_tests::{ENDPOINT_ID, full_response};
use serde_json::json;
use signalwire_rest::mock::MockApi;
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    Error, FabricSipEndpointListResponse, ListSipCredentialsError, ListSipCredentialsParams,
    ResourceResponseSipEndpoint, SipEndpointUpdateRequest, StatusCode404, StatusCode404Error,
    UpdateSipCredentialError,
};

fn id() -> Uuid {
    Uuid::parse_str(ENDPOINT_ID).expect("a valid UUID literal")
}

fn endpoint() -> ResourceResponseSipEndpoint {
    serde_json::from_value(full_response()).expect("the full response decodes")
}

/// A page of the endpoints named `usernames`, without links to others
/// (the mock sets them).
fn page(usernames: &[&str]) -> FabricSipEndpointListResponse {
    let data: Vec<_> = usernames
        .iter()
        .map(|username| {
            let mut endpoint = full_response();
            endpoint["sip_endpoint"]["username"] = json!(username);
            endpoint
        })
        .collect();
    serde_json::from_value(json!({"data": data, "links": {"self": "s", "first": "f"}}))
        .expect("a page decodes")
}

/// The message `verify` panics with.
fn failure(mock: &MockApi) -> String {
    let payload = catch_unwind(AssertUnwindSafe(|| mock.verify())).expect_err("verify fails");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(_) => panic!("verify panics with a message"),
    }
}

#[tokio::test]
async fn a_503_then_the_endpoint_is_one_retry() {
    let mock = MockApi::start().await;
    let request = SipEndpointUpdateRequest::new().username("alice");
    mock.on()
        .update_sip_credential(id(), &request)
        .reply_status(503)
        .retry_after(0)
        .reply(endpoint());

    let updated = mock.client().update_sip_credential(id(), &request).await;

    assert_eq!(updated.expect("the retry succeeds"), endpoint());
    mock.verify();
}

#[tokio::test]
async fn a_three_page_list_is_streamed() {
    let mock = MockApi::start().await;
    let params = ListSipCredentialsParams::new().page_size(2);
    mock.on().list_sip_credentials(&params).pages([
        page(&["a", "b"]),
        page(&["c", "d"]),
        page(&["e"]),
    ]);

    let client = mock.client();
    let usernames: Vec<String> = client
        .list_sip_credentials_stream(&params)
        .map(|endpoint| endpoint.expect("every page decodes").sip_endpoint.username)
        .collect()
        .await;

    assert_eq!(usernames, ["a", "b", "c", "d", "e"]);
    mock.verify();
}

#[tokio::test]
async fn a_stream_ends_with_the_error_of_its_last_link() {
    let mock = MockApi::start().await;
    let params = ListSipCredentialsParams::new();
    mock.on().list_sip_credentials(&params).pages_then_error(
        [page(&["a", "b"]), page(&["c"])],
        ListSipCredentialsError::NotFound(StatusCode404::new(StatusCode404Error::NotFound)),
    );

    let client = mock.client();
    let items: Vec<_> = client.list_sip_credentials_stream(&params).collect().await;

    let usernames: Vec<&str> = items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|endpoint| endpoint.sip_endpoint.username.as_str())
        .collect();
    assert_eq!(usernames, ["a", "b", "c"]);
    assert_eq!(items.len(), 4, "the items, then the error");
    match items.last() {
        Some(Err(Error::Api(api))) => assert_eq!(api.status(), 404),
        other => panic!("the stream ends with the declared 404: {other:?}"),
    }
    mock.verify();
}

#[tokio::test]
async fn a_page_not_read_is_reported() {
    let mock = MockApi::start().await;
    let params = ListSipCredentialsParams::new();
    mock.on()
        .list_sip_credentials(&params)
        .pages([page(&["a"]), page(&["b"]), page(&["c"])]);

    let first = mock.client().list_sip_credentials(&params).await;

    assert!(first.is_ok(), "{first:?}");
    let report = failure(&mock);
    assert!(
        report.contains("- `list_sip_credentials`: page 2 of 3 was fetched 0 time(s), expected once\n  - `list_sip_credentials`: page 3 of 3 was fetched 0 time(s), expected once\n"),
        "{report}"
    );
}

#[tokio::test]
async fn a_declared_error_is_answered_with_its_status_and_body() {
    let mock = MockApi::start().await;
    let request = SipEndpointUpdateRequest::new().username("alice");
    let not_found = StatusCode404::new(StatusCode404Error::NotFound);
    mock.on()
        .update_sip_credential(id(), &request)
        .reply_error(UpdateSipCredentialError::NotFound(not_found.clone()));

    let error = mock.client().update_sip_credential(id(), &request).await;

    match error {
        Err(Error::Api(api)) => {
            assert_eq!(api.status(), 404);
            assert_eq!(api.attempts(), 1, "a 404 is not retried");
            assert_eq!(api.body(), &UpdateSipCredentialError::NotFound(not_found));
        }
        other => panic!("expected the declared 404, got {other:?}"),
    }
    mock.verify();
}

#[tokio::test]
async fn a_body_that_differs_in_one_field_is_reported_by_that_field() {
    let mock = MockApi::start().await;
    mock.on()
        .update_sip_credential(id(), &SipEndpointUpdateRequest::new().username("alice"))
        .reply(endpoint());

    let sent = SipEndpointUpdateRequest::new().username("bob");
    let answer = mock.client().update_sip_credential(id(), &sent).await;

    assert!(
        matches!(&answer, Err(Error::UnexpectedStatus { status: 501, .. })),
        "a request that meets no expectation is answered 501: {answer:?}"
    );
    let path = format!("/api/fabric/resources/sip_endpoints/{ENDPOINT_ID}");
    assert_eq!(
        failure(&mock),
        format!(
            "signalwire-rest mock: the expectations were not met\n\
             \n\
             expectations not met:\n  \
             - `update_sip_credential` (PUT {path}): expected 1 request(s), received 0\n\
             \n\
             requests that met no expectation:\n  \
             - PUT {path} met no expectation: `update_sip_credential` differs: body at \
             /username: expected \"alice\", received \"bob\"\n\
             \n\
             received, in order:\n  \
             - 1. PUT {path} -> met no expectation, answered 501\n"
        )
    );
}

#[tokio::test]
async fn a_request_no_expectation_names_says_so_and_an_unused_one_is_reported() {
    let mock = MockApi::start().await;
    mock.on()
        .get_sip_credential(id())
        .reply(endpoint())
        .times(2);

    let _ = mock.client().get_sip_credential(id()).await;
    let _ = mock
        .client()
        .delete_sip_credential(id())
        .await
        .expect_err("nothing expects a delete");

    let report = failure(&mock);
    let path = format!("/api/fabric/resources/sip_endpoints/{ENDPOINT_ID}");
    assert!(
        report.contains(&format!(
            "- `get_sip_credential` (GET {path}): expected 2 request(s), received 1"
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "- DELETE {path} met no expectation: none has this method and path; expected: \
             `get_sip_credential` (GET {path})"
        )),
        "{report}"
    );
}
