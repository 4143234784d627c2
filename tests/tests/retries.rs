//! Retries of the generated `update_sip_endpoint` (a `PUT`, so idempotent)
//! against local servers: which answers are retried, how often, how long
//! the client waits, and what the caller gets when it gives up.
//!
//! Backoffs are set to a few milliseconds so that the suite stays fast;
//! the tests that honour `Retry-After` wait the second it asks for.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use integration_tests::{
    API_TOKEN, ENDPOINT_ID, ENDPOINT_PATH, PROJECT_ID, expected_authorization, full_response,
};
use signalwire_fabric::chrono::{DateTime, Utc};
use signalwire_fabric::uuid::Uuid;
use signalwire_fabric::{
    Client, Error, RetryPolicy, SipEndpointResponse, UpdateSipEndpointError,
    UpdateSipEndpointRequest,
};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

type UpdateResult = Result<SipEndpointResponse, Error<UpdateSipEndpointError>>;

/// The default 3 attempts and 60 s deadline, with waits of at most a few
/// milliseconds.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(2))
        .max_backoff(Duration::from_millis(10))
}

fn client_for(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::from_base_url(PROJECT_ID, API_TOKEN, &server.uri())
        .expect("a valid configuration")
        .with_retry(retry)
}

async fn update(client: &Client) -> UpdateResult {
    let id = Uuid::parse_str(ENDPOINT_ID).expect("a valid UUID");
    client
        .update_sip_endpoint(id, &UpdateSipEndpointRequest::new().username("alice"))
        .await
}

/// Answers the operation's request with `response`, the first `times`
/// times (every time for `None`). Mocks mounted first answer first.
async fn answer(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(method("PUT"))
        .and(path(ENDPOINT_PATH))
        .and(header("authorization", expected_authorization().as_str()))
        .respond_with(response);
    let mock = match times {
        Some(times) => mock.up_to_n_times(times),
        None => mock,
    };
    mock.mount(server).await;
}

async fn requests_seen(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(full_response())
}

/// Every request carries the same body; the retries send it again as is.
async fn assert_same_body_each_time(server: &MockServer) {
    let requests = server.received_requests().await.expect("recording is on");
    for request in &requests {
        assert_eq!(request.body, br#"{"username":"alice"}"#);
    }
}

#[tokio::test]
async fn two_503s_then_200_succeeds_after_three_requests() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(503), Some(2)).await;
    answer(&server, ok(), None).await;

    let endpoint = update(&client_for(&server, fast_retries()))
        .await
        .expect("the third attempt succeeds");

    assert_eq!(endpoint.sip_endpoint.username, "alice");
    assert_eq!(requests_seen(&server).await, 3);
    assert_same_body_each_time(&server).await;
}

#[tokio::test]
async fn every_retryable_status_is_retried() {
    for status in [408, 429, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        answer(&server, ResponseTemplate::new(status), Some(1)).await;
        answer(&server, ok(), None).await;

        let result = update(&client_for(&server, fast_retries())).await;

        assert!(result.is_ok(), "{status}: {result:?}");
        assert_eq!(requests_seen(&server).await, 2, "{status}");
    }
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_for() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        Some(1),
    )
    .await;
    answer(&server, ok(), None).await;

    let started = Instant::now();
    let result = update(&client_for(&server, fast_retries())).await;
    let elapsed = started.elapsed();

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(requests_seen(&server).await, 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "retried after {elapsed:?}"
    );
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    // Two seconds after the start of the current second: at least one
    // second from now, whatever the fraction of the current second.
    let now = Utc::now().timestamp();
    let date = DateTime::from_timestamp(now + 2, 0).expect("a valid timestamp");
    let http_date = date.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", http_date.as_str()),
        Some(1),
    )
    .await;
    answer(&server, ok(), None).await;

    let started = Instant::now();
    let result = update(&client_for(&server, fast_retries())).await;
    let elapsed = started.elapsed();

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(requests_seen(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(990),
        "retried after {elapsed:?} for Retry-After: {http_date}"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "retried after {elapsed:?}"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_gives_up_at_once() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "30"),
        None,
    )
    .await;
    let policy = fast_retries().deadline(Some(Duration::from_secs(5)));

    let started = Instant::now();
    let error = update(&client_for(&server, policy))
        .await
        .expect_err("the server is unavailable");

    assert!(started.elapsed() < Duration::from_secs(2), "it waited");
    assert_eq!(requests_seen(&server).await, 1);
    // One attempt only: the plain error of that attempt.
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 503, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_422_is_not_retried() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"errors": [{
        "type": "validation_error", "code": "invalid_parameter_value",
        "message": "Username is taken.", "attribute": "username",
        "url": "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"
    }]});
    answer(
        &server,
        ResponseTemplate::new(422).set_body_json(body),
        None,
    )
    .await;

    let error = update(&client_for(&server, fast_retries()))
        .await
        .expect_err("422 is an error");

    assert_eq!(requests_seen(&server).await, 1);
    let Error::Api(api) = &error else {
        panic!("expected Error::Api, got {error:?}");
    };
    assert!(
        matches!(api.body(), UpdateSipEndpointError::UnprocessableEntity(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 409, 501] {
        let server = MockServer::start().await;
        let body = serde_json::json!({"error": "no"});
        answer(
            &server,
            ResponseTemplate::new(status).set_body_json(body),
            None,
        )
        .await;

        let error = update(&client_for(&server, fast_retries()))
            .await
            .expect_err("an error status is an error");

        assert_eq!(requests_seen(&server).await, 1, "{status}");
        assert_eq!(error.status(), Some(status), "{error:?}");
        match status {
            401 | 404 => assert!(matches!(error, Error::Api(_)), "{error:?}"),
            _ => assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}"),
        }
    }
}

#[tokio::test]
async fn a_server_that_stays_unavailable_exhausts_three_attempts() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(503).set_body_string("down for maintenance"),
        None,
    )
    .await;

    let error = update(&client_for(&server, fast_retries()))
        .await
        .expect_err("the server is unavailable");

    assert_eq!(requests_seen(&server).await, 3);
    let Error::RetriesExhausted { attempts, last } = &error else {
        panic!("expected Error::RetriesExhausted, got {error:?}");
    };
    assert_eq!(*attempts, 3);
    assert!(
        matches!(&**last, Error::UnexpectedStatus { status: 503, body } if &body[..] == b"down for maintenance"),
        "{last:?}"
    );
    assert_eq!(
        error.to_string(),
        "gave up after 3 attempts: unexpected status 503 Service Unavailable: down for maintenance"
    );
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.raw_body(), Some(&b"down for maintenance"[..]));
    assert!(error.api_error().is_none());
    assert!(!error.is_timeout());
}

#[tokio::test]
async fn the_default_policy_makes_three_attempts() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(502), None).await;
    let client =
        Client::from_base_url(PROJECT_ID, API_TOKEN, &server.uri()).expect("a valid config");

    let error = update(&client).await.expect_err("bad gateway");

    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(requests_seen(&server).await, 3);
}

#[tokio::test]
async fn a_500_is_retried_and_the_last_declared_error_is_kept() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"error": "Internal Server Error"});
    answer(
        &server,
        ResponseTemplate::new(500).set_body_json(body),
        None,
    )
    .await;

    let error = update(&client_for(&server, fast_retries()))
        .await
        .expect_err("500 is an error");

    assert_eq!(requests_seen(&server).await, 3);
    assert!(
        matches!(&error, Error::RetriesExhausted { attempts: 3, last } if matches!(**last, Error::Api(_))),
        "{error:?}"
    );
    let api = error.api_error().expect("the last error is an API error");
    assert_eq!(api.status(), 500);
    assert!(
        matches!(api.body(), UpdateSipEndpointError::InternalServerError(body) if body.error == "Internal Server Error"),
        "{api:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("gave up after 3 attempts: api error: 500 Internal Server Error"),
        "{error}"
    );
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(503), None).await;

    let error = update(&client_for(&server, RetryPolicy::none()))
        .await
        .expect_err("the server is unavailable");

    assert_eq!(requests_seen(&server).await, 1);
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 503, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn max_attempts_sets_the_number_of_requests() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(504), None).await;

    let error = update(&client_for(&server, fast_retries().max_attempts(5)))
        .await
        .expect_err("gateway timeout");

    assert_eq!(requests_seen(&server).await, 5);
    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 5, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_reported_with_the_attempts() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        listener.local_addr().expect("local address").port()
    };
    let client = Client::from_base_url(PROJECT_ID, API_TOKEN, &format!("http://127.0.0.1:{port}"))
        .expect("a valid configuration")
        .with_retry(fast_retries());

    let error = update(&client).await.expect_err("nothing listens");

    let Error::RetriesExhausted { attempts, last } = &error else {
        panic!("expected Error::RetriesExhausted, got {error:?}");
    };
    assert_eq!(*attempts, 3);
    assert!(
        matches!(&**last, Error::Transport(source) if source.is_connect()),
        "{last:?}"
    );
    assert_eq!(error.status(), None);
    assert!(
        error
            .to_string()
            .starts_with("gave up after 3 attempts: transport error: "),
        "{error}"
    );
    // The source chain continues below the last error.
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), Some(1)).await;
    answer(&server, ok(), None).await;
    let client = client_for(&server, fast_retries()).with_timeout(Duration::from_millis(200));

    let started = Instant::now();
    let result = update(&client).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(requests_seen(&server).await, 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn every_attempt_timing_out_is_reported_as_a_timeout() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), None).await;
    let client = client_for(&server, fast_retries().max_attempts(2))
        .with_timeout(Duration::from_millis(150));

    let started = Instant::now();
    let error = update(&client).await.expect_err("too slow");
    let elapsed = started.elapsed();

    assert!(
        matches!(&error, Error::RetriesExhausted { attempts: 2, last } if matches!(**last, Error::Timeout)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(requests_seen(&server).await, 2);
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(
        error.to_string(),
        "gave up after 2 attempts: the request timed out"
    );
}

#[tokio::test]
async fn a_single_attempt_timing_out_is_a_plain_timeout() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), None).await;
    let client = client_for(&server, RetryPolicy::none()).with_timeout(Duration::from_millis(150));

    let started = Instant::now();
    let error = update(&client).await.expect_err("too slow");

    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(requests_seen(&server).await, 1);
}

#[tokio::test]
async fn the_deadline_stops_retries_early() {
    // Each answer takes 150 ms; the deadline of 400 ms leaves room for two
    // of them and cuts the third attempt short, long before 10 attempts.
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(503).set_delay(Duration::from_millis(150)),
        None,
    )
    .await;
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(1))
        .deadline(Some(Duration::from_millis(400)));

    let started = Instant::now();
    let error = update(&client_for(&server, policy))
        .await
        .expect_err("the server is unavailable");
    let elapsed = started.elapsed();

    assert!(elapsed < Duration::from_millis(900), "{elapsed:?}");
    let seen = requests_seen(&server).await;
    assert!((2..=3).contains(&seen), "{seen} requests");
    let Error::RetriesExhausted { attempts, last } = &error else {
        panic!("expected Error::RetriesExhausted, got {error:?}");
    };
    assert_eq!(*attempts as usize, seen);
    // The third attempt, if started, was cut off by the deadline.
    assert!(
        matches!(
            **last,
            Error::Timeout | Error::UnexpectedStatus { status: 503, .. }
        ),
        "{last:?}"
    );
}

#[tokio::test]
async fn the_deadline_bounds_waits_for_retry_after() {
    // Retry-After: 1 on every answer; with a deadline of 1.5 s the second
    // attempt runs at about 1 s, and a third would start after it.
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "1"),
        None,
    )
    .await;
    let policy = fast_retries()
        .max_attempts(10)
        .deadline(Some(Duration::from_millis(1500)));

    let started = Instant::now();
    let error = update(&client_for(&server, policy))
        .await
        .expect_err("the server is unavailable");
    let elapsed = started.elapsed();

    assert_eq!(requests_seen(&server).await, 2);
    assert!(
        matches!(error, Error::RetriesExhausted { attempts: 2, .. }),
        "{error:?}"
    );
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
}
