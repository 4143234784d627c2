//! The API token never shows: not in `Display` or `Debug` of any error,
//! client or configuration type, not in any log line (everything that
//! `tracing` records at `TRACE`, from this crate and from the HTTP stack
//! below it), and not in any panic message (what `unwrap` on those values
//! prints). Many scenarios run; then every text collected is searched for
//! the token and for the `Authorization` value it is encoded in.
//!
//! This file holds one test, because the subscriber and the panic hook it
//! installs are global to the process.

use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use integration_tests::{
    API_TOKEN, ENCODED_CREDENTIALS, LogBuffer, PROJECT_ID, expected_authorization, fast_retries,
    full_response, server_answering, unused_base_url,
};
use signalwire_rest::header::{self, HeaderName, HeaderValue};
use signalwire_rest::{Client, ConfigError, Error, RetryPolicy, UpdateSipCredentialError};
use wiremock::ResponseTemplate;

/// Collects the texts to search.
#[derive(Default)]
struct Texts(Vec<(String, String)>);

impl Texts {
    /// `Display`, `Debug` and pretty `Debug` of `value`.
    fn shown(&mut self, what: &str, value: &(impl fmt::Display + fmt::Debug)) {
        self.0
            .push((format!("{what} (Display)"), value.to_string()));
        self.debug(what, value);
    }

    /// `Debug` and pretty `Debug` of `value`.
    fn debug(&mut self, what: &str, value: &impl fmt::Debug) {
        self.0
            .push((format!("{what} (Debug)"), format!("{value:?}")));
        self.0
            .push((format!("{what} (Debug)"), format!("{value:#?}")));
    }

    /// An operation error and every error in its source chain.
    fn error(&mut self, what: &str, error: &Error<UpdateSipCredentialError>) {
        self.shown(what, error);
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            self.shown(&format!("{what}: source"), &cause);
            source = cause.source();
        }
    }

    /// A configuration error and its source chain.
    fn config_error(&mut self, what: &str, error: &ConfigError) {
        self.shown(what, error);
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            self.shown(&format!("{what}: source"), &cause);
            source = cause.source();
        }
    }
}

async fn update(client: &Client) -> Result<(), Error<UpdateSipCredentialError>> {
    integration_tests::update(client).await.map(drop)
}

/// A client of `base_url` with fast retries and an extra header.
fn client_for(base_url: &str) -> Client {
    Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(base_url)
        .retry(fast_retries())
        .default_header(
            HeaderName::from_static("x-request-id"),
            HeaderValue::from_static("req-1"),
        )
        .build()
        .expect("a valid configuration")
}

/// `Result::unwrap`, as a caller writes it: panics with `Debug` of the error.
fn unwrap<T, E: fmt::Debug>(result: Result<T, E>) -> T {
    result.unwrap()
}

/// `Result::unwrap_err`: panics with `Debug` of the value.
fn unwrap_err<T: fmt::Debug, E>(result: Result<T, E>) -> E {
    result.unwrap_err()
}

/// Runs `f`, which must panic; the panic hook records the message.
fn expect_panic(f: impl FnOnce()) {
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    assert!(result.is_err(), "expected a panic");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_appears_in_no_error_log_line_or_panic_message() {
    let log = LogBuffer::default();
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_writer(move || writer.clone())
        .init();
    let panics: Arc<Mutex<Vec<String>>> = Arc::default();
    let recorded = Arc::clone(&panics);
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(info.to_string());
        previous_hook(info);
    }));

    let mut texts = Texts::default();
    let mut errors: Vec<Error<UpdateSipCredentialError>> = Vec::new();

    // Success.
    let server = server_answering(ResponseTemplate::new(200).set_body_json(full_response())).await;
    let client = client_for(&server.uri());
    update(&client).await.expect("success");
    texts.debug("client", &client);
    texts.debug(
        "client with overrides",
        &client.with_timeout(Duration::from_secs(1)),
    );

    // Every declared error status, once without and once with retries.
    for status in [401, 404, 422, 500] {
        let body = if status == 422 {
            serde_json::json!({"errors": [{"type": "validation_error", "code": "c",
                "message": "m", "attribute": "username", "url": "https://e.test"}]})
        } else {
            serde_json::json!({"error": "nope"})
        };
        let server = server_answering(ResponseTemplate::new(status).set_body_json(body)).await;
        let client = client_for(&server.uri());
        errors.push(
            update(&client.with_retry(RetryPolicy::none()))
                .await
                .unwrap_err(),
        );
        errors.push(update(&client).await.unwrap_err());
    }

    // Retries exhausted on 503, with Retry-After; an undecodable 200.
    let server = server_answering(
        ResponseTemplate::new(503)
            .insert_header("retry-after", "0")
            .set_body_string("unavailable"),
    )
    .await;
    errors.push(update(&client_for(&server.uri())).await.unwrap_err());
    let server = server_answering(ResponseTemplate::new(200).set_body_string("<html>")).await;
    errors.push(update(&client_for(&server.uri())).await.unwrap_err());

    // A body over the limit; timeouts of every attempt.
    let server = server_answering(ResponseTemplate::new(200).set_body_string("x".repeat(64))).await;
    let client = client_for(&server.uri()).with_max_response_bytes(16);
    errors.push(update(&client).await.unwrap_err());
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_json(full_response())
            .set_delay(Duration::from_secs(2)),
    )
    .await;
    let client = client_for(&server.uri()).with_timeout(Duration::from_millis(50));
    errors.push(update(&client).await.unwrap_err());

    // A refused connection, retried.
    errors.push(update(&client_for(&unused_base_url())).await.unwrap_err());

    assert_eq!(errors.len(), 13);
    for (index, error) in errors.iter().enumerate() {
        texts.error(&format!("error {index}"), error);
    }

    // Configuration errors, some of them with the token in the input. A
    // reqwest client of the caller's own needs a TLS provider first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let builder = || {
        Client::builder()
            .project_id(PROJECT_ID)
            .api_token(API_TOKEN)
    };
    let with_credentials = format!("https://{PROJECT_ID}:{API_TOKEN}@example.com");
    let authorization = HeaderValue::from_str(&expected_authorization()).expect("ASCII");
    let token_header = HeaderValue::from_str(API_TOKEN).expect("ASCII");
    let mut config_errors = vec![
        builder().build().unwrap_err(),
        builder()
            .base_url("http://example.com")
            .build()
            .unwrap_err(),
        builder().base_url(&with_credentials).build().unwrap_err(),
        builder().base_url("").build().unwrap_err(),
        builder()
            .space("example")
            .default_header(header::AUTHORIZATION, authorization.clone())
            .build()
            .unwrap_err(),
        builder()
            .space("example")
            .http_client(signalwire_rest::reqwest::Client::new())
            .connect_timeout(Duration::from_secs(1))
            .build()
            .unwrap_err(),
        Client::builder()
            .project_id(PROJECT_ID)
            .space("example")
            .build()
            .unwrap_err(),
        Client::builder()
            .project_id(format!("{PROJECT_ID}:{API_TOKEN}"))
            .api_token(API_TOKEN)
            .space("example")
            .build()
            .unwrap_err(),
    ];
    let client = builder()
        .space("example")
        .http_client(signalwire_rest::reqwest::Client::new())
        .build()
        .expect("a valid configuration");
    config_errors.push(
        client
            .with_header(HeaderName::from_static("authorization"), authorization)
            .unwrap_err(),
    );
    config_errors.push(
        client
            .with_connect_timeout(Duration::from_secs(1))
            .unwrap_err(),
    );
    for (index, error) in config_errors.iter().enumerate() {
        texts.config_error(&format!("config error {index}"), error);
    }

    // Debug of the builders and clients, also with a header whose value is
    // the token (a caller's mistake that must not leak either).
    let full_builder = builder()
        .space("example")
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .retry(RetryPolicy::none())
        .max_response_bytes(100)
        .default_header(HeaderName::from_static("x-token"), token_header.clone());
    texts.debug("builder", &full_builder);
    let built = full_builder.build().expect("a valid configuration");
    texts.debug("client", &built);
    let overridden = built
        .with_header(HeaderName::from_static("x-other"), token_header)
        .expect("not Authorization");
    texts.debug("client with header", &overridden);

    // Panics: what `unwrap` and `expect_err` print for these values.
    for error in errors {
        expect_panic(|| unwrap(Err::<(), _>(error)));
    }
    for error in config_errors {
        expect_panic(|| unwrap(Err::<(), _>(error)));
    }
    expect_panic(|| {
        unwrap_err(Ok::<_, ()>(overridden));
    });
    expect_panic(|| {
        builder().space("example").build().unwrap_err();
    });
    let panics = panics
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(panics.len(), 13 + 10 + 2, "{panics:#?}");
    for (index, message) in panics.into_iter().enumerate() {
        texts.0.push((format!("panic {index}"), message));
    }

    // The log saw every level down to TRACE, this crate's events among them.
    let log_text = log.text();
    for expected in [
        " TRACE ",
        " DEBUG ",
        " WARN ",
        "retrying",
        "status=503",
        "attempt=3",
        r#"path_template="/api/fabric/resources/sip_endpoints/{id}""#,
    ] {
        assert!(log_text.contains(expected), "{expected:?} not logged");
    }
    texts.0.push(("log".to_owned(), log_text));

    // The search.
    let encoded = ENCODED_CREDENTIALS;
    assert!(texts.0.len() > 100, "only {} texts", texts.0.len());
    for (what, text) in &texts.0 {
        assert!(!text.contains(API_TOKEN), "{what} shows the token:\n{text}");
        assert!(
            !text.contains(encoded),
            "{what} shows the encoded credentials:\n{text}"
        );
    }
}
