//! The `update_sip_credential` example program of `signalwire-rest`, run
//! as a user runs it: built once, then started against a local HTTP server
//! (wiremock) through `SIGNALWIRE_BASE_URL`. These tests check what is sent,
//! what is printed, and the exit code.

use crate::example_support;

use std::ffi::OsStr;
use std::net::TcpListener;

use example_support::{Run, env_for, requests_seen, trimmed_lines};
use integration_tests::{
    API_TOKEN, ENDPOINT_ID, ENDPOINT_PATH, PROJECT_ID, expected_authorization, full_response,
};
use serde_json::{Value, json};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const EXAMPLE: &str = "update_sip_credential";

/// Runs the example with `args` and exactly the `SIGNALWIRE_*` variables
/// in `env` (see [`example_support::run`]).
fn run<S: AsRef<OsStr>>(args: &[&str], env: &[(&str, S)]) -> Run {
    example_support::run(EXAMPLE, args, env)
}

/// A server that answers `response` to exactly one request with the
/// method, path and headers of the operation.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(ENDPOINT_PATH))
        .and(header("authorization", expected_authorization().as_str()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// Runs the example with `args` against a server answering a valid `200`;
/// returns the run and the JSON body the server received.
async fn body_sent_for(args: &[&str]) -> (Run, Value) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(full_response())).await;
    let run = run(args, &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    let received = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(received.len(), 1, "one request is sent: {run:?}");
    let body = received[0].body_json::<Value>().expect("the body is JSON");
    (run, body)
}

#[tokio::test]
async fn sends_only_the_flags_given() {
    let (_, body) = body_sent_for(&[
        ENDPOINT_ID,
        "--username",
        "alice",
        "--caller-id=+15551234567",
        "--codecs",
        "PCMU,OPUS@48000H@20I",
    ])
    .await;
    assert_eq!(
        body,
        json!({
            "username": "alice",
            "caller_id": "+15551234567",
            "codecs": ["PCMU", "OPUS@48000H@20I"]
        })
    );
}

#[tokio::test]
async fn sends_every_flag_in_both_spellings() {
    let (_, body) = body_sent_for(&[
        "--send-as=alice-desk",
        ENDPOINT_ID,
        "--username",
        "alice",
        "--caller-id",
        "+15551234567",
        "--ciphers=AEAD_AES_256_GCM_8,AES_999",
        "--codecs",
        "G722,VP8",
        "--encryption",
        "optional",
        "--call-handler=resource",
        "--calling-handler-resource-id",
        "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b",
    ])
    .await;
    assert_eq!(
        body,
        json!({
            "username": "alice",
            "caller_id": "+15551234567",
            "send_as": "alice-desk",
            "ciphers": ["AEAD_AES_256_GCM_8", "AES_999"],
            "codecs": ["G722", "VP8"],
            "encryption": "optional",
            "call_handler": "resource",
            "calling_handler_resource_id": "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"
        })
    );
}

#[tokio::test]
async fn empty_lists_are_sent_as_empty_arrays() {
    let (_, body) = body_sent_for(&[ENDPOINT_ID, "--codecs", "", "--ciphers="]).await;
    assert_eq!(body, json!({"codecs": [], "ciphers": []}));
}

#[tokio::test]
async fn null_resource_id_is_sent_as_null() {
    let (_, body) = body_sent_for(&[ENDPOINT_ID, "--calling-handler-resource-id", "null"]).await;
    assert_eq!(body, json!({"calling_handler_resource_id": null}));
    assert!(body.as_object().unwrap()["calling_handler_resource_id"].is_null());
}

#[tokio::test]
async fn success_prints_the_response_as_pretty_json_and_exits_0() {
    let (run, _) = body_sent_for(&[ENDPOINT_ID, "--username", "alice"]).await;
    let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(printed, full_response());
    assert!(
        run.stdout.starts_with("{\n  \""),
        "not pretty: {}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[tokio::test]
async fn validation_errors_are_listed_with_their_attributes_and_exit_1() {
    let body = json!({"errors": [
        {"type": "validation_error", "code": "invalid_parameter_value",
         "message": "Encryption must be one of required, optional, default.",
         "attribute": "encryption",
         "url": "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"},
        {"type": "validation_error", "code": "missing_required_parameter",
         "message": "The request body is empty.",
         "url": "https://developer.signalwire.com/rest/overview/error-codes#missing_required_parameter"},
        {"type": "validation_error", "code": "conflict",
         "message": "The resource is in use.", "attribute": null,
         "url": "https://developer.signalwire.com/rest/overview/error-codes#conflict"}
    ]});
    let server = server_answering(ResponseTemplate::new(422).set_body_json(body)).await;
    let run = run(
        &[ENDPOINT_ID, "--encryption", "mandatory"],
        &env_for(&server.uri()),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    // A 422 is not retried.
    assert_eq!(requests_seen(&server).await, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("422"), "{}", run.stderr);
    let lines = trimmed_lines(&run.stderr);
    for expected in [
        "encryption: Encryption must be one of required, optional, default.",
        "-: The request body is empty.",
        "-: The resource is in use.",
    ] {
        assert!(
            lines.iter().any(|line| line.starts_with(expected)),
            "no line starts with {expected:?}:\n{}",
            run.stderr
        );
    }
}

#[tokio::test]
async fn not_found_names_the_status_and_exits_1() {
    let server =
        server_answering(ResponseTemplate::new(404).set_body_json(json!({"error": "Not Found"})))
            .await;
    let run = run(
        &[ENDPOINT_ID, "--username", "alice"],
        &env_for(&server.uri()),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("404"), "{}", run.stderr);
    assert!(run.stderr.contains("Not Found"), "{}", run.stderr);
}

#[tokio::test]
async fn a_refused_connection_exits_1() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        listener.local_addr().expect("local address").port()
    };
    let run = run(
        &[ENDPOINT_ID, "--username", "alice"],
        &env_for(&format!("http://127.0.0.1:{port}")),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[tokio::test]
async fn usage_errors_exit_2_with_the_usage_and_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .expect(0)
        .mount(&server)
        .await;
    let env = env_for(&server.uri());
    let cases: &[(&[&str], &str)] = &[
        (&[], "ID"),
        (&["--username", "alice"], "ID"),
        (&["not-a-uuid"], "not-a-uuid"),
        (&[ENDPOINT_ID, ENDPOINT_ID], ENDPOINT_ID),
        (&[ENDPOINT_ID, "--colour", "red"], "--colour"),
        (&[ENDPOINT_ID, "--colour=red"], "--colour"),
        (&[ENDPOINT_ID, "-x"], "-x"),
        (&[ENDPOINT_ID, "--username"], "--username"),
        (&[ENDPOINT_ID, "--username", "--send-as", "x"], "--username"),
        (
            &[ENDPOINT_ID, "--username", "a", "--username=b"],
            "--username",
        ),
        (
            &[ENDPOINT_ID, "--codecs", "PCMU", "--codecs", "PCMA"],
            "--codecs",
        ),
        (&[ENDPOINT_ID, "--codecs", "PCMU,,OPUS"], "--codecs"),
        (&[ENDPOINT_ID, "--encryption="], "--encryption"),
        (
            &[ENDPOINT_ID, "--calling-handler-resource-id", "nope"],
            "nope",
        ),
        (
            &[ENDPOINT_ID, "--calling-handler-resource-id", "NULL-ish"],
            "NULL-ish",
        ),
    ];
    for &(args, named) in cases {
        let run = run(args, &env);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("usage:"), "{args:?}: {}", run.stderr);
        let first_line = run.stderr.lines().next().unwrap_or_default();
        assert!(
            first_line.starts_with("error: ") && first_line.contains(named),
            "{args:?}: the first line should name {named:?}: {first_line}"
        );
    }
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "requests were sent: {received:?}");
}

#[test]
fn help_prints_the_usage_on_stdout_and_exits_0() {
    for flag in ["--help", "-h"] {
        let run = run::<&str>(&[flag], &[]);
        assert_eq!(run.code, Some(0), "{run:?}");
        assert!(run.stdout.starts_with("usage:"), "{}", run.stdout);
        assert!(run.stdout.contains("--calling-handler-resource-id"));
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn missing_configuration_exits_1_naming_the_variable() {
    let args = [ENDPOINT_ID, "--username", "alice"];
    /// Variables set, and the names the message must contain.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: [Case<'_>; 4] = [
        (&[], &["SIGNALWIRE_PROJECT_ID"]),
        (
            &[("SIGNALWIRE_PROJECT_ID", PROJECT_ID)],
            &["SIGNALWIRE_API_TOKEN"],
        ),
        (
            &[
                ("SIGNALWIRE_PROJECT_ID", PROJECT_ID),
                ("SIGNALWIRE_API_TOKEN", API_TOKEN),
            ],
            &["SIGNALWIRE_SPACE", "SIGNALWIRE_BASE_URL"],
        ),
        (
            &[
                ("SIGNALWIRE_PROJECT_ID", PROJECT_ID),
                ("SIGNALWIRE_API_TOKEN", API_TOKEN),
                ("SIGNALWIRE_BASE_URL", "not a url"),
            ],
            &["SIGNALWIRE_BASE_URL"],
        ),
    ];
    for (env, named) in cases {
        let run = run(&args, env);
        assert_eq!(run.code, Some(1), "{env:?}: {run:?}");
        assert_eq!(run.stdout, "");
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        assert!(!run.stderr.contains("usage:"), "{}", run.stderr);
        for name in named {
            assert!(run.stderr.contains(name), "{env:?}: {}", run.stderr);
        }
    }
}

#[tokio::test]
async fn retried_503s_end_in_success() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(ENDPOINT_PATH))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(ENDPOINT_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .mount(&server)
        .await;

    let run = run(
        &[ENDPOINT_ID, "--username", "alice"],
        &env_for(&server.uri()),
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(requests_seen(&server).await, 3);
    let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(printed, full_response());
}

#[tokio::test]
async fn a_server_error_that_persists_names_the_attempts_and_exits_1() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({"error": "Internal Server Error"})),
        )
        .mount(&server)
        .await;

    let run = run(
        &[ENDPOINT_ID, "--username", "alice"],
        &env_for(&server.uri()),
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(requests_seen(&server).await, 3);
    assert!(
        run.stderr.starts_with("error: the API answered 500"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("gave up after 3 attempts"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn a_plain_http_base_url_that_is_not_loopback_is_refused_before_any_request() {
    // Connecting to 0.0.0.0 reaches this machine, but it is not a loopback
    // address: the example must refuse it without sending anything.
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .mount(&server)
        .await;
    let base_url = format!("http://0.0.0.0:{}", server.address().port());

    let run = run(&[ENDPOINT_ID, "--username", "alice"], &env_for(&base_url));

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(requests_seen(&server).await, 0);
    let first_line = run.stderr.lines().next().unwrap_or_default();
    for expected in [
        "SIGNALWIRE_BASE_URL",
        "insecure",
        &base_url,
        "in clear",
        "https",
    ] {
        assert!(first_line.contains(expected), "{expected}: {}", run.stderr);
    }
}
