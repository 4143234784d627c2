//! What the client enforces around each request: the response size cap,
//! https for anything but loopback, its `User-Agent`, extra headers, and
//! the connect timeout override.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use integration_tests::{
    API_TOKEN, ENDPOINT_PATH, PROJECT_ID, client_for, full_response, server_answering, update,
};
use signalwire_rest::header::{self, HeaderName, HeaderValue};
use signalwire_rest::{Client, ConfigError, Error, RetryPolicy, USER_AGENT, VERSION, defaults};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// Every value of the header `name` of `request`.
fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().expect("ASCII").to_owned())
        .collect()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(full_response())
}

// ---------------------------------------------------------------------------
// The response size cap
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_body_over_the_limit_with_content_length_is_body_too_large() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(vec![b'x'; 2048], "application/json"),
    )
    .await;
    let client = client_for(&server.uri()).with_max_response_bytes(1024);

    let error = update(&client).await.expect_err("the body is too large");

    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: 200,
                limit: 1024,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.status(), Some(200));
    assert_eq!(error.raw_body(), None);
    assert_eq!(
        error.to_string(),
        "the body of the 200 response is larger than the limit of 1024 bytes"
    );
    // Not worth retrying: one request.
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(vec![b' '; 1024], "application/json"),
    )
    .await;
    let client = client_for(&server.uri()).with_max_response_bytes(1024);

    let error = update(&client).await.expect_err("blank is not JSON");

    let Error::Decode { status, body, .. } = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(*status, 200);
    assert_eq!(body.len(), 1024);
}

#[tokio::test]
async fn the_limit_applies_to_error_responses_too() {
    let server =
        server_answering(ResponseTemplate::new(503).set_body_raw(vec![b'x'; 5000], "text/html"))
            .await;
    let client = client_for(&server.uri()).with_max_response_bytes(1000);

    let error = update(&client).await.expect_err("the body is too large");

    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: 503,
                limit: 1000,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn the_default_limit_is_ten_mebibytes() {
    assert_eq!(defaults::MAX_RESPONSE_BYTES, 10 * 1024 * 1024);
    let too_large = defaults::MAX_RESPONSE_BYTES + 1;
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(vec![b' '; too_large], "application/json"),
    )
    .await;

    let error = update(&client_for(&server.uri()))
        .await
        .expect_err("the body is too large");

    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: 200,
                limit: 10_485_760,
                ..
            }
        ),
        "{error:?}"
    );
}

/// A one-connection HTTP/1.1 server on a thread: reads the request (head
/// and `Content-Length` body), then lets `respond` write the response.
/// Joining gives what `respond` returned.
fn raw_server<T: Send + 'static>(
    respond: impl FnOnce(&mut TcpStream) -> T + Send + 'static,
) -> (String, JoinHandle<T>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let base_url = format!("http://{}", listener.local_addr().expect("local address"));
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
        let mut content_length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("a request line");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                content_length = value.trim().parse().expect("a length");
            }
        }
        let mut body = vec![0; content_length];
        reader.read_exact(&mut body).expect("the request body");
        respond(&mut stream)
    });
    (base_url, handle)
}

/// Waits for a server thread without blocking the runtime, whose tasks
/// hold the client's side of the connection.
async fn join<T: Send + 'static>(server: JoinHandle<T>) -> T {
    tokio::task::spawn_blocking(move || server.join().expect("the server thread"))
        .await
        .expect("the joining task")
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused_while_streaming() {
    // An endless chunked body without Content-Length: the client must stop
    // reading once it has more than the limit, not wait for the end.
    let (base_url, server) = raw_server(|stream| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                    transfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return 0;
        }
        let chunk = format!("400\r\n{}\r\n", " ".repeat(1024));
        let mut written = 0_usize;
        // At most 100 MiB; the client hangs up long before.
        for _ in 0..100 * 1024 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                break;
            }
            written += 1024;
        }
        written
    });
    let client = client_for(&base_url)
        .with_retry(RetryPolicy::none())
        .with_max_response_bytes(1024)
        .with_timeout(Duration::from_secs(10));

    let error = update(&client).await.expect_err("the body is too large");

    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: 200,
                limit: 1024,
                ..
            }
        ),
        "{error:?}"
    );
    drop(client);
    let written = join(server).await;
    assert!(
        written < 100 * 1024 * 1024,
        "the server could write the whole body: {written} bytes"
    );
}

#[tokio::test]
async fn an_announced_content_length_over_the_limit_is_refused_before_reading() {
    // The head announces 10 MB and the body never comes: a client that
    // read the body first would time out instead.
    let (base_url, server) = raw_server(|stream| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                    content-length: 10000000\r\n\r\n{";
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.flush();
        // Wait until the client hangs up.
        let _ = stream.read(&mut [0; 16]);
    });
    let client = client_for(&base_url)
        .with_retry(RetryPolicy::none())
        .with_max_response_bytes(1024)
        .with_timeout(Duration::from_secs(5));

    let started = Instant::now();
    let error = update(&client).await.expect_err("the body is too large");

    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: 200,
                limit: 1024,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(client);
    join(server).await;
}

// ---------------------------------------------------------------------------
// https
// ---------------------------------------------------------------------------

#[tokio::test]
async fn plain_http_to_a_host_that_is_not_loopback_is_refused_before_any_request() {
    let error = Client::from_base_url(PROJECT_ID, API_TOKEN, "http://example.com")
        .expect_err("plain http is refused");
    assert!(
        matches!(&error, ConfigError::InsecureBaseUrl { url } if url == "http://example.com"),
        "{error:?}"
    );
    let message = error.to_string();
    for expected in ["http://example.com", "https", "allow_insecure_http(true)"] {
        assert!(message.contains(expected), "{expected}: {message}");
    }

    // 0.0.0.0 is not a loopback address, but connecting to it reaches this
    // machine: the refused client would have reached the server.
    let server = server_answering(ok()).await;
    let port = server.address().port();
    let url = format!("http://0.0.0.0:{port}");
    let error = Client::from_base_url(PROJECT_ID, API_TOKEN, &url).expect_err("refused");
    assert!(
        matches!(error, ConfigError::InsecureBaseUrl { .. }),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());

    let allowed = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(&url)
        .allow_insecure_http(true)
        .build()
        .expect("allowed explicitly");
    update(&allowed).await.expect("the request goes through");
    assert_eq!(received(&server).await.len(), 1);
}

#[test]
fn allow_insecure_http_allows_any_host() {
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url("http://example.com")
        .allow_insecure_http(true)
        .build()
        .expect("allowed explicitly");
    assert_eq!(client.base_url(), "http://example.com");
}

#[tokio::test]
async fn plain_http_to_loopback_hosts_is_allowed() {
    let server = server_answering(ok()).await;
    let port = server.address().port();
    for url in [
        format!("http://127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    ] {
        update(&client_for(&url)).await.expect(&url);
    }
    assert_eq!(received(&server).await.len(), 2);

    let ipv6 = TcpListener::bind("[::1]:0").expect("IPv6 loopback");
    let server = MockServer::builder().listener(ipv6).start().await;
    Mock::given(any()).respond_with(ok()).mount(&server).await;
    let url = format!("http://[::1]:{}", server.address().port());
    update(&client_for(&url)).await.expect(&url);
    assert_eq!(received(&server).await.len(), 1);
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

#[tokio::test]
async fn the_user_agent_names_the_crate_and_its_version() {
    let server = server_answering(ok()).await;

    update(&client_for(&server.uri())).await.expect("success");

    let expected = format!("signalwire-rest/{VERSION}");
    assert_eq!(USER_AGENT, expected);
    let requests = received(&server).await;
    assert_eq!(header_values(&requests[0], "user-agent"), [expected]);
}

#[tokio::test]
async fn default_and_per_call_headers_are_sent() {
    let server = server_answering(ok()).await;
    let request_id = HeaderName::from_static("x-request-id");
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(server.uri())
        .default_header(
            header::HeaderName::from_static("prefer"),
            HeaderValue::from_static("code=200"),
        )
        .default_header(request_id.clone(), HeaderValue::from_static("default-id"))
        .build()
        .expect("a valid configuration");

    update(&client).await.expect("success");
    let per_call = client
        .with_header(request_id.clone(), HeaderValue::from_static("call-42"))
        .expect("not Authorization");
    update(&per_call).await.expect("success");
    let with_agent = client
        .with_header(header::USER_AGENT, HeaderValue::from_static("my-app/2.0"))
        .expect("not Authorization");
    update(&with_agent).await.expect("success");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_eq!(header_values(&requests[0], "prefer"), ["code=200"]);
    assert_eq!(header_values(&requests[0], "x-request-id"), ["default-id"]);
    // The per-call value replaces the default of the same name.
    assert_eq!(header_values(&requests[1], "prefer"), ["code=200"]);
    assert_eq!(header_values(&requests[1], "x-request-id"), ["call-42"]);
    assert_eq!(header_values(&requests[2], "user-agent"), ["my-app/2.0"]);
    // The credentials are still the configured ones.
    for request in &requests {
        assert_eq!(
            header_values(request, "authorization"),
            [integration_tests::expected_authorization()]
        );
    }
}

#[tokio::test]
async fn authorization_cannot_be_set_as_an_extra_header() {
    let server = server_answering(ok()).await;
    let value = HeaderValue::from_static("Bearer other-token");

    let error = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(server.uri())
        .default_header(header::AUTHORIZATION, value.clone())
        .build()
        .expect_err("Authorization is refused");
    assert!(
        matches!(error, ConfigError::AuthorizationHeader),
        "{error:?}"
    );
    assert!(!error.to_string().contains("other-token"), "{error}");

    let client = client_for(&server.uri());
    let error = client
        .with_header(HeaderName::from_static("authorization"), value)
        .expect_err("Authorization is refused");
    assert!(
        matches!(error, ConfigError::AuthorizationHeader),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());
}

// ---------------------------------------------------------------------------
// Connect timeout
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_connect_timeout_override_makes_a_working_client() {
    let server = server_answering(ok()).await;
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .base_url(server.uri())
        .connect_timeout(Duration::from_secs(2))
        .build()
        .expect("a valid configuration");

    let other = client
        .with_connect_timeout(Duration::from_millis(500))
        .expect("the client made its own reqwest client");
    update(&other).await.expect("success");
    assert_eq!(received(&server).await[0].url.path(), ENDPOINT_PATH);
}

#[test]
fn a_connect_timeout_cannot_change_a_caller_supplied_client() {
    // A reqwest client of the caller's own needs a TLS provider first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = Client::builder()
        .project_id(PROJECT_ID)
        .api_token(API_TOKEN)
        .space("example")
        .http_client(signalwire_rest::reqwest::Client::new())
        .build()
        .expect("a valid configuration");
    let error = client
        .with_connect_timeout(Duration::from_secs(1))
        .expect_err("refused");
    assert!(
        matches!(error, ConfigError::ConnectTimeoutWithCustomHttpClient),
        "{error:?}"
    );
}
