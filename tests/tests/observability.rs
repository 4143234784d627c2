//! What the client reports through `tracing`, read back from the text a
//! `fmt` subscriber writes: a span per call with the method and path
//! template, an event per attempt with its status (or error) and elapsed
//! time, a warning before each retry; never the body.

use integration_tests::{
    API_TOKEN, LogBuffer, client_for, fast_retries, full_response, unused_base_url, update,
};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::util::SubscriberInitExt as _;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SPAN: &str = r#"signalwire_rest.request{method=PUT path_template="/api/fabric/resources/sip_endpoints/{id}"}"#;

/// Runs `call` with a `DEBUG` subscriber for this thread (the tests run on
/// a current-thread runtime) and returns this crate's log lines.
async fn logged<F: Future<Output = ()>>(call: impl FnOnce() -> F) -> Vec<String> {
    let buffer = LogBuffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::DEBUG)
        .with_writer(move || writer.clone())
        .finish();
    {
        let _guard = subscriber.set_default();
        call().await;
    }
    buffer
        .text()
        .lines()
        .filter(|line| line.contains("signalwire_rest::"))
        .map(str::to_owned)
        .collect()
}

/// The one line with `message`, for `attempt`.
fn line<'a>(lines: &'a [String], message: &str, attempt: u32) -> &'a str {
    let found: Vec<&String> = lines
        .iter()
        .filter(|line| {
            line.contains(&format!(": {message} attempt={attempt} "))
                || line.ends_with(&format!(": {message} attempt={attempt}"))
        })
        .collect();
    assert_eq!(found.len(), 1, "{message} attempt={attempt} in {lines:#?}");
    found[0]
}

#[tokio::test]
async fn each_attempt_and_retry_is_logged_with_method_path_status_and_attempt() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_string("body-of-the-503"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .mount(&server)
        .await;
    let client = client_for(&server.uri()).with_retry(fast_retries());

    let lines = logged(|| async {
        update(&client).await.expect("the third attempt succeeds");
    })
    .await;

    for attempt in 1..=3 {
        let sending = line(&lines, "sending", attempt);
        assert!(sending.contains(" DEBUG "), "{sending}");
        assert!(sending.contains(SPAN), "{sending}");
        assert!(sending.contains("timeout_ms=30000"), "{sending}");
    }
    for (attempt, status) in [(1, 503), (2, 503), (3, 200)] {
        let response = line(&lines, "response", attempt);
        assert!(response.contains(" DEBUG "), "{response}");
        assert!(response.contains(SPAN), "{response}");
        assert!(
            response.contains(&format!(" status={status} elapsed_ms=")),
            "{response}"
        );
    }
    for attempt in 1..=2 {
        let retrying = line(&lines, "retrying", attempt);
        assert!(retrying.contains(" WARN "), "{retrying}");
        assert!(retrying.contains(SPAN), "{retrying}");
        assert!(retrying.contains(" status=503 delay_ms="), "{retrying}");
    }
    assert!(
        lines
            .iter()
            .all(|line| !line.contains("retrying attempt=3"))
    );
    assert!(lines.iter().all(|line| !line.contains("giving up")));
    for line in &lines {
        assert!(
            !line.contains("alice"),
            "the request body is logged: {line}"
        );
        assert!(!line.contains("body-of-the-503"), "{line}");
        assert!(!line.contains(API_TOKEN), "{line}");
    }
}

#[tokio::test]
async fn transport_errors_and_giving_up_are_logged() {
    let client = client_for(&unused_base_url()).with_retry(fast_retries().max_attempts(2));

    let lines = logged(|| async {
        update(&client).await.expect_err("nothing listens");
    })
    .await;

    for attempt in 1..=2 {
        let failed = line(&lines, "no response", attempt);
        assert!(failed.contains(SPAN), "{failed}");
        assert!(failed.contains(" error=transport error: "), "{failed}");
        assert!(failed.contains(" elapsed_ms="), "{failed}");
    }
    let retrying = line(&lines, "retrying", 1);
    assert!(retrying.contains(" WARN "), "{retrying}");
    assert!(retrying.contains(" error=transport error: "), "{retrying}");
    let giving_up = line(&lines, "giving up", 2);
    assert!(
        giving_up.contains(r#"reason="no attempts left""#),
        "{giving_up}"
    );
}
