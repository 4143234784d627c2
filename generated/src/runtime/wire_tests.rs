//! [`Client::execute`] and the response helpers against a local HTTP
//! server. The operation below has the shape of a generated one, so these
//! tests do not depend on the generated module.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{Client, Error, Nullable, OperationRequest, RetryPolicy, encode_json, path_segment};

const PROJECT_ID: &str = "project-id";
const API_TOKEN: &str = "s3cret-token";
/// `base64("project-id:s3cret-token")`.
const BASIC_AUTH: &str = "Basic cHJvamVjdC1pZDpzM2NyZXQtdG9rZW4=";

#[derive(Serialize)]
struct Update {
    #[serde(default, skip_serializing_if = "crate::runtime::Nullable::is_absent")]
    name: Nullable<String>,
    #[serde(default, skip_serializing_if = "crate::runtime::Nullable::is_absent")]
    resource_id: Nullable<String>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Thing {
    id: String,
}

#[derive(Debug, PartialEq, Deserialize)]
struct NotFoundBody {
    error: String,
}

#[derive(Debug, PartialEq)]
enum ThingError {
    NotFound(NotFoundBody),
}

impl std::fmt::Display for ThingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound(body) => write!(f, "not found: {}", body.error),
        }
    }
}

impl Client {
    /// Shaped like a generated operation: `PUT /things/{id}`, or `GET`
    /// without a body.
    async fn update_thing(
        &self,
        id: &str,
        body: Option<&Update>,
    ) -> Result<Option<Thing>, Error<ThingError>> {
        let method = if body.is_some() {
            reqwest::Method::PUT
        } else {
            reqwest::Method::GET
        };
        self.thing(method, id, body).await
    }

    /// Like [`update_thing`](Self::update_thing), with any method.
    async fn thing(
        &self,
        method: reqwest::Method,
        id: &str,
        body: Option<&Update>,
    ) -> Result<Option<Thing>, Error<ThingError>> {
        let path = format!("/things/{}", path_segment(id));
        let response = self
            .execute(OperationRequest {
                method,
                path_template: "/things/{id}",
                path,
                body: body.map(encode_json).transpose()?,
            })
            .await?;
        match response.status() {
            200 => response.json().map(Some),
            204 => response.empty().map(|()| None),
            404 => response.api_error(ThingError::NotFound),
            _ => response.unexpected(),
        }
    }
}

fn update() -> Update {
    Update {
        name: Nullable::Value("alice".to_owned()),
        resource_id: Nullable::Null,
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

fn client_for(server: &MockServer, prefix: &str) -> Client {
    Client::from_base_url(PROJECT_ID, API_TOKEN, &format!("{}{prefix}", server.uri())).unwrap()
}

/// The default number of attempts, with waits short enough for tests.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

async fn request_count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

async fn single_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn sends_method_path_auth_headers_and_body() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(json!({"id": "a/b"}))).await;
    let client = client_for(&server, "/prefix/");

    let thing = client
        .update_thing("a/b ?#", Some(&update()))
        .await
        .unwrap();

    assert_eq!(
        thing,
        Some(Thing {
            id: "a/b".to_owned()
        })
    );
    let request = single_request(&server).await;
    assert_eq!(request.method, reqwest::Method::PUT);
    assert_eq!(request.url.path(), "/prefix/things/a%2Fb%20%3F%23");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request, "authorization"), Some(BASIC_AUTH));
    assert_eq!(header(&request, "accept"), Some("application/json"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        r#"{"name":"alice","resource_id":null}"#
    );
}

#[tokio::test]
async fn no_body_means_no_content_type() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = client_for(&server, "");

    let thing = client.update_thing("1", None).await.unwrap();

    assert_eq!(thing, None);
    let request = single_request(&server).await;
    assert_eq!(request.method, reqwest::Method::GET);
    assert_eq!(request.url.path(), "/things/1");
    assert_eq!(header(&request, "content-type"), None);
    assert_eq!(header(&request, "authorization"), Some(BASIC_AUTH));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn declared_error_status_is_an_api_error_with_the_parsed_body() {
    let raw = r#"{"error": "Not Found"}"#;
    let server = server_answering(ResponseTemplate::new(404).set_body_string(raw)).await;
    let client = client_for(&server, "");

    // Operations run on other tasks: their futures and errors are `Send`.
    let error = tokio::spawn(async move { client.update_thing("1", Some(&update())).await })
        .await
        .unwrap()
        .unwrap_err();

    assert_eq!(error.status(), Some(404));
    assert_eq!(error.raw_body(), Some(raw.as_bytes()));
    assert_eq!(
        error.to_string(),
        r#"api error: 404 Not Found: not found: Not Found: {"error": "Not Found"}"#
    );
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert_eq!(api.status(), 404);
    assert_eq!(api.raw_body(), raw.as_bytes());
    assert_eq!(
        api.into_body(),
        ThingError::NotFound(NotFoundBody {
            error: "Not Found".to_owned()
        })
    );
}

#[tokio::test]
async fn declared_error_status_with_an_unexpected_body_is_a_decode_error() {
    let server = server_answering(ResponseTemplate::new(404).set_body_string("<h1>404</h1>")).await;
    let client = client_for(&server, "");

    let error = client.update_thing("1", None).await.unwrap_err();

    let Error::Decode { status, body, .. } = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(*status, 404);
    assert_eq!(&body[..], b"<h1>404</h1>");
}

#[tokio::test]
async fn success_body_that_is_not_json_is_a_decode_error_keeping_status_and_body() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_string("<html>hi</html>")).await;
    let client = client_for(&server, "");

    let error = client.update_thing("1", Some(&update())).await.unwrap_err();

    assert!(
        error
            .to_string()
            .starts_with("could not decode the 200 response: expected value"),
        "{error}"
    );
    assert!(error.to_string().ends_with(": <html>hi</html>"), "{error}");
    assert!(std::error::Error::source(&error).is_some());
    let Error::Decode { status, body, .. } = error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(status, 200);
    assert_eq!(&body[..], b"<html>hi</html>");
}

#[tokio::test]
async fn undeclared_status_is_unexpected_status_with_the_body() {
    let server =
        server_answering(ResponseTemplate::new(503).set_body_string("try again later")).await;
    let client = client_for(&server, "").with_retry(RetryPolicy::none());

    let error = client.update_thing("1", Some(&update())).await.unwrap_err();

    assert_eq!(request_count(&server).await, 1);
    assert_eq!(
        error.to_string(),
        "unexpected status 503 Service Unavailable: try again later"
    );
    let Error::UnexpectedStatus { status, body } = error else {
        panic!("expected Error::UnexpectedStatus, got {error:?}");
    };
    assert_eq!(status, 503);
    assert_eq!(&body[..], b"try again later");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_without_the_token() {
    // A port that was just free: nothing listens on it any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::from_base_url(PROJECT_ID, API_TOKEN, &format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_retry(fast_retries());

    let error = client.update_thing("1", Some(&update())).await.unwrap_err();

    let Error::RetriesExhausted { attempts: 3, last } = &error else {
        panic!("expected three attempts, got {error:?}");
    };
    assert!(matches!(**last, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(!error.is_timeout());
    assert!(
        error
            .to_string()
            .starts_with("gave up after 3 attempts: transport error: "),
        "{error}"
    );
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(!text.contains(API_TOKEN), "{text}");
        assert!(!text.contains("cHJvamVjdC1pZDpzM2NyZXQtdG9rZW4"), "{text}");
    }
}

#[tokio::test]
async fn reqwest_timeout_is_a_timeout_error() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": "1"}))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(server.uri())
        .http_client(http)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();

    let error = client.update_thing("1", None).await.unwrap_err();

    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(error.is_timeout());
}

#[tokio::test]
async fn dot_path_parameters_are_refused_before_sending() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let client = client_for(&server, "");

    for id in ["", ".", ".."] {
        let error = client.update_thing(id, None).await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidPathParameter { name, .. } if name == "id"),
            "{error:?}"
        );
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn unserialisable_body_is_an_encode_error() {
    let mut map = std::collections::HashMap::new();
    map.insert((1, 2), 3);
    let error = encode_json::<_, ThingError>(&map).unwrap_err();
    assert!(matches!(error, Error::Encode(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("could not encode the request body: "),
        "{error}"
    );
}

#[tokio::test]
async fn retryable_statuses_are_retried_for_idempotent_methods_only() {
    for method in [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let server = server_answering(ResponseTemplate::new(503)).await;
        let client = client_for(&server, "").with_retry(fast_retries());
        let error = client.thing(method.clone(), "1", None).await.unwrap_err();
        assert!(
            matches!(&error, Error::RetriesExhausted { attempts: 3, last } if last.status() == Some(503)),
            "{method}: {error:?}"
        );
        assert_eq!(request_count(&server).await, 3, "{method}");
    }
    for method in [reqwest::Method::POST, reqwest::Method::PATCH] {
        let server = server_answering(ResponseTemplate::new(503)).await;
        let client = client_for(&server, "").with_retry(fast_retries());
        let error = client.thing(method.clone(), "1", None).await.unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedStatus { status: 503, .. }),
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
    let client = client_for(&server, "")
        .with_retry(fast_retries())
        .with_timeout(Duration::from_millis(100));
    let error = client
        .thing(reqwest::Method::POST, "1", Some(&update()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn an_error_status_after_retries_is_returned_as_is() {
    // 503, then a 404 that is not worth retrying: the 404 is the answer.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "gone"})))
        .mount(&server)
        .await;
    let client = client_for(&server, "").with_retry(fast_retries());
    let error = client.update_thing("1", None).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api(api) if api.status() == 404),
        "{error:?}"
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn an_absurd_retry_after_gives_up_instead_of_overflowing() {
    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "99999999999999999999999"),
    )
    .await;
    let client = client_for(&server, "").with_retry(fast_retries());
    let error = client.update_thing("1", None).await.unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(request_count(&server).await, 1);
}
