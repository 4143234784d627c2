//! The runtime's wire behaviour with the runtime alone: requests without a
//! body, and methods that are not idempotent, through an operation written
//! here in the shape of a generated one (these tests run without the
//! generated client, with the `Client` of `test_api` in `lib.rs`). The
//! generated operations themselves are tested on the wire in
//! `tests/tests/client/`.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::test_api::Client;
use super::{Error, OperationRequest, RetryPolicy, encode_json, path_segment, send};

#[derive(Debug, PartialEq, Deserialize)]
struct Thing {
    id: String,
}

/// Shaped like a generated operation: `<method> /things/{id}`.
async fn thing(
    client: &Client,
    method: reqwest::Method,
    body: Option<&serde_json::Value>,
) -> Result<Thing, Error<String>> {
    const PATH_TEMPLATE: &str = "/things/{id}";
    let path = ["/things/", &path_segment(PATH_TEMPLATE, "id", "1")?].concat();
    let body = body.map(encode_json).transpose()?;
    let response = send(
        &client.core,
        OperationRequest {
            method,
            path_template: PATH_TEMPLATE,
            path,
            body,
            extras: Default::default(),
        },
    )
    .await?;
    match response.status() {
        200 => response.json(),
        _ => response.unexpected(),
    }
}

async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A client of `server` with the default number of attempts and waits
/// short enough for tests.
fn client_for(server: &MockServer) -> Client {
    Client::from_base_url("project", "token", &server.uri())
        .unwrap()
        .with_retry(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(5)),
        )
}

async fn request_count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn no_body_means_no_content_type() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(json!({"id": "1"}))).await;

    let found = thing(&client_for(&server), reqwest::Method::GET, None)
        .await
        .unwrap();

    assert_eq!(found.id, "1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, reqwest::Method::GET);
    assert_eq!(requests[0].url.path(), "/things/1");
    assert!(requests[0].headers.get("content-type").is_none());
    assert_eq!(requests[0].headers["accept"], "application/json");
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn retryable_statuses_are_retried_for_idempotent_methods_only() {
    for method in [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let server = server_answering(ResponseTemplate::new(503)).await;
        let error = thing(&client_for(&server), method.clone(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::UnexpectedStatus {
                    status: 503,
                    attempts: 3,
                    ..
                }
            ),
            "{method}: {error:?}"
        );
        assert_eq!(request_count(&server).await, 3, "{method}");
    }
    for method in [reqwest::Method::POST, reqwest::Method::PATCH] {
        let server = server_answering(ResponseTemplate::new(503)).await;
        let error = thing(&client_for(&server), method.clone(), None)
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                Error::UnexpectedStatus {
                    status: 503,
                    attempts: 1,
                    ..
                }
            ),
            "{method}: {error:?}"
        );
        assert_eq!(request_count(&server).await, 1, "{method}");
    }
}

#[tokio::test]
async fn a_post_is_not_sent_again_after_a_timeout() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": "1"}))
            .set_delay(Duration::from_secs(2)),
    )
    .await;
    let client = client_for(&server).with_timeout(Duration::from_millis(100));

    let error = thing(&client, reqwest::Method::POST, Some(&json!({})))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { attempts: 1 }), "{error:?}");
    assert_eq!(request_count(&server).await, 1);
}

#[test]
fn an_unserialisable_body_is_an_encode_error() {
    let mut map = std::collections::HashMap::new();
    map.insert((1, 2), 3);
    let error = encode_json::<_, String>(&map).unwrap_err();
    assert!(matches!(error, Error::Encode(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("could not encode the request body: "),
        "{error}"
    );
}
