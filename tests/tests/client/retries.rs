//! Retries of the generated `update_sip_credential` (a `PUT`, so idempotent)
//! against local servers: which answers are retried, how often, and what
//! the caller gets when the client gives up: the error of the last
//! attempt, matched as if there had been one, with the number of attempts
//! inside it.
//!
//! Backoffs are a few milliseconds so that the suite stays fast. How long
//! the client waits (backoff, `Retry-After`, deadline) is decided by a pure
//! function tested with synthetic times in the runtime (`retry.rs`); one
//! test here waits a real `Retry-After`, with a loose bound.

use std::time::{Duration, Instant};

use integration_tests::{
    ENDPOINT_PATH, client_for, expected_authorization, fast_retries, full_response,
    unused_base_url, update,
};
use signalwire_rest::{Client, Error, RetryPolicy, StatusCode500Error, UpdateSipCredentialError};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server` that retries as `retry` says.
fn retrying(server: &MockServer, retry: RetryPolicy) -> Client {
    client_for(&server.uri()).with_retry(retry)
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

    let endpoint = update(&retrying(&server, fast_retries()))
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

        let result = update(&retrying(&server, fast_retries())).await;

        assert!(result.is_ok(), "{status}: {result:?}");
        assert_eq!(requests_seen(&server).await, 2, "{status}");
    }
}

/// The one test that waits a real `Retry-After`: at least the second it
/// asks for, and (loosely) not the 60 s of the deadline.
#[tokio::test]
async fn retry_after_is_waited_for() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        Some(1),
    )
    .await;
    answer(&server, ok(), None).await;

    let started = Instant::now();
    let result = update(&retrying(&server, fast_retries())).await;
    let elapsed = started.elapsed();

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(requests_seen(&server).await, 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(30),
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

    let error = update(&retrying(&server, policy))
        .await
        .expect_err("the server is unavailable");

    // Had it waited, the call would have hit the 5 s deadline instead.
    assert_eq!(requests_seen(&server).await, 1);
    assert!(
        matches!(
            error,
            Error::UnexpectedStatus {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_422_is_matched_as_it_comes_after_one_attempt() {
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

    let error = update(&retrying(&server, fast_retries()))
        .await
        .expect_err("422 is an error");

    assert_eq!(requests_seen(&server).await, 1);
    match &error {
        Error::Api(api) => match api.body() {
            UpdateSipCredentialError::UnprocessableEntity(body) => {
                assert_eq!(body.errors[0].message, "Username is taken.");
            }
            other => panic!("expected UnprocessableEntity, got {other:?}"),
        },
        other => panic!("expected Error::Api, got {other:?}"),
    }
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_500_on_every_attempt_is_matched_like_a_single_one_and_counts_three_attempts() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"error": "Internal Server Error"});
    answer(
        &server,
        ResponseTemplate::new(500).set_body_json(body),
        None,
    )
    .await;

    let error = update(&retrying(&server, fast_retries()))
        .await
        .expect_err("500 is an error");

    assert_eq!(requests_seen(&server).await, 3);
    // The match of the documentation, as for a single attempt.
    match &error {
        Error::Api(api) => match api.body() {
            UpdateSipCredentialError::InternalServerError(body) => {
                assert_eq!(body.error, StatusCode500Error::InternalServerError);
                assert_eq!(body.error.as_str(), "Internal Server Error");
                assert_eq!(api.status(), 500);
                assert_eq!(api.attempts(), 3);
            }
            other => panic!("expected InternalServerError, got {other:?}"),
        },
        other => panic!("expected Error::Api, got {other:?}"),
    }
    assert_eq!(error.attempts(), 3);
    assert!(
        error
            .to_string()
            .starts_with("after 3 attempts: api error: 500 Internal Server Error"),
        "{error}"
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

        let error = update(&retrying(&server, fast_retries()))
            .await
            .expect_err("an error status is an error");

        assert_eq!(requests_seen(&server).await, 1, "{status}");
        assert_eq!(error.status(), Some(status), "{error:?}");
        assert_eq!(error.attempts(), 1, "{status}");
        match status {
            401 | 404 => assert!(matches!(error, Error::Api(_)), "{error:?}"),
            _ => assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}"),
        }
    }
}

#[tokio::test]
async fn an_error_status_after_a_retry_is_returned_with_both_attempts() {
    // 503, then a 404 that is not worth retrying: the 404 is the answer.
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(503), Some(1)).await;
    answer(
        &server,
        ResponseTemplate::new(404).set_body_json(serde_json::json!({"error": "gone"})),
        None,
    )
    .await;

    let error = update(&retrying(&server, fast_retries()))
        .await
        .expect_err("404 is an error");

    assert!(
        matches!(&error, Error::Api(api) if matches!(api.body(), UpdateSipCredentialError::NotFound(_))),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 2);
    assert_eq!(requests_seen(&server).await, 2);
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

    let error = update(&retrying(&server, fast_retries()))
        .await
        .expect_err("the server is unavailable");

    assert_eq!(requests_seen(&server).await, 3);
    assert!(
        matches!(&error, Error::UnexpectedStatus { status: 503, body, attempts: 3 } if &body[..] == b"down for maintenance"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "after 3 attempts: unexpected status 503 Service Unavailable: down for maintenance"
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

    let error = update(&client_for(&server.uri()))
        .await
        .expect_err("bad gateway");

    assert!(
        matches!(
            error,
            Error::UnexpectedStatus {
                status: 502,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(requests_seen(&server).await, 3);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(503), None).await;

    let error = update(&retrying(&server, RetryPolicy::none()))
        .await
        .expect_err("the server is unavailable");

    assert_eq!(requests_seen(&server).await, 1);
    assert!(
        matches!(
            error,
            Error::UnexpectedStatus {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn max_attempts_sets_the_number_of_requests() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(504), None).await;

    let error = update(&retrying(&server, fast_retries().max_attempts(5)))
        .await
        .expect_err("gateway timeout");

    assert_eq!(requests_seen(&server).await, 5);
    assert_eq!(error.attempts(), 5, "{error:?}");
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_reported_with_the_attempts() {
    let client = client_for(&unused_base_url()).with_retry(fast_retries());

    let error = update(&client).await.expect_err("nothing listens");

    assert!(
        matches!(&error, Error::Transport { source, attempts: 3 } if source.is_connect()),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
    assert!(
        error
            .to_string()
            .starts_with("after 3 attempts: transport error: "),
        "{error}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), Some(1)).await;
    answer(&server, ok(), None).await;
    let client = retrying(&server, fast_retries()).with_timeout(Duration::from_millis(200));

    let started = Instant::now();
    let result = update(&client).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(requests_seen(&server).await, 2);
    // Well before the slow answer would have come.
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn every_attempt_timing_out_is_reported_as_a_timeout() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), None).await;
    let client =
        retrying(&server, fast_retries().max_attempts(2)).with_timeout(Duration::from_millis(150));

    let started = Instant::now();
    let error = update(&client).await.expect_err("too slow");
    let elapsed = started.elapsed();

    assert!(matches!(error, Error::Timeout { attempts: 2 }), "{error:?}");
    assert!(error.is_timeout());
    assert_eq!(requests_seen(&server).await, 2);
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(error.to_string(), "after 2 attempts: the request timed out");
}

#[tokio::test]
async fn a_single_attempt_timing_out_is_a_timeout_of_one_attempt() {
    let server = MockServer::start().await;
    answer(&server, ok().set_delay(Duration::from_secs(2)), None).await;
    let client = retrying(&server, RetryPolicy::none()).with_timeout(Duration::from_millis(150));

    let error = update(&client).await.expect_err("too slow");

    assert!(matches!(error, Error::Timeout { attempts: 1 }), "{error:?}");
    assert_eq!(error.to_string(), "the request timed out");
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

    let error = update(&retrying(&server, policy))
        .await
        .expect_err("the server is unavailable");

    let seen = requests_seen(&server).await;
    assert!((2..=3).contains(&seen), "{seen} requests");
    assert_eq!(error.attempts() as usize, seen, "{error:?}");
    // The third attempt, if started, was cut off by the deadline.
    assert!(
        matches!(
            error,
            Error::Timeout { .. } | Error::UnexpectedStatus { status: 503, .. }
        ),
        "{error:?}"
    );
}
