//! The `list_sip_credentials`, `create_sip_credential` and
//! `delete_sip_credential` example programs of `signalwire-rest`, run as a
//! user runs them against a local HTTP server (wiremock) through
//! `SIGNALWIRE_BASE_URL`: what is sent, what is printed, and the exit code.

use crate::example_support;

use example_support::{Run, env_for, requests_seen, trimmed_lines};
use integration_tests::{ENDPOINT_ID, ENDPOINT_PATH, expected_authorization, full_response};
use serde_json::{Value, json};
use signalwire_rest::mock::MockApi;
use signalwire_rest::{FabricSipEndpointListResponse, ListSipCredentialsParams};
use wiremock::matchers::{any, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const COLLECTION: &str = "/api/fabric/resources/sip_endpoints";

/// Runs one of the examples with `args` and the `SIGNALWIRE_*` variables `env`.
type Runner = fn(&[&str], &[(&str, String)]) -> Run;

fn list(args: &[&str], env: &[(&str, String)]) -> Run {
    example_support::run("list_sip_credentials", args, env)
}

fn create(args: &[&str], env: &[(&str, String)]) -> Run {
    example_support::run("create_sip_credential", args, env)
}

fn delete(args: &[&str], env: &[(&str, String)]) -> Run {
    example_support::run("delete_sip_credential", args, env)
}

/// The endpoint of [`full_response`] with an ID ending in `n`.
fn endpoint(n: u32) -> Value {
    let mut endpoint = full_response();
    endpoint["id"] = json!(format!("00000000-0000-4000-8000-{n:012}"));
    endpoint
}

/// A page of the endpoints `ns`, linking to `next`.
fn page(ns: &[u32], next: Option<&str>) -> Value {
    let mut links = json!({"self": "s", "first": "f"});
    if let Some(next) = next {
        links["next"] = json!(next);
    }
    json!({"data": ns.iter().map(|&n| endpoint(n)).collect::<Vec<_>>(), "links": links})
}

/// A server with three pages of endpoints: 1 and 2, 3 and 4, then 5.
async fn three_pages() -> MockServer {
    let server = MockServer::start().await;
    let pages = [
        (
            None,
            page(&[1, 2], Some(&format!("{COLLECTION}?page_token=two"))),
        ),
        (
            Some("two"),
            page(&[3, 4], Some(&format!("{COLLECTION}?page_token=three"))),
        ),
        (Some("three"), page(&[5], None)),
    ];
    for (token, body) in pages {
        let mock = Mock::given(method("GET"))
            .and(path(COLLECTION))
            .and(header("authorization", expected_authorization().as_str()));
        let mock = match token {
            Some(token) => mock.and(query_param("page_token", token)),
            None => mock.and(wiremock::matchers::query_param_is_missing("page_token")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    server
}

/// The `page_token` of each request `server` received, in order.
async fn tokens(server: &MockServer) -> Vec<Option<String>> {
    let received = server.received_requests().await.expect("recording is on");
    received
        .iter()
        .map(|request| {
            request
                .url
                .query_pairs()
                .find(|(name, _)| name == "page_token")
                .map(|(_, value)| value.into_owned())
        })
        .collect()
}

/// Each line of `stdout` decoded as JSON; each must be one compact line.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).expect("each line is JSON");
            // No values in these tests contain `": ` or `, "`.
            assert!(
                !line.contains("\": ") && !line.contains(", \""),
                "not compact: {line}"
            );
            value
        })
        .collect()
}

#[tokio::test]
async fn list_follows_every_page_and_prints_one_line_per_endpoint() {
    let server = three_pages().await;
    let run = list(&[], &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let printed = json_lines(&run.stdout);
    assert_eq!(printed, (1..=5).map(endpoint).collect::<Vec<_>>());
    assert_eq!(
        tokens(&server).await,
        [None, Some("two".to_owned()), Some("three".to_owned())]
    );
}

/// The same run against the client's typed mock (`signalwire_rest::mock`):
/// the pages are the client's own types, linked by the mock, and the mock
/// checks the request (`page_size=2`) and that every page was read once.
#[tokio::test]
async fn list_reads_the_three_pages_of_the_typed_mock() {
    let mock = MockApi::start().await;
    let typed = |ns: &[u32]| -> FabricSipEndpointListResponse {
        serde_json::from_value(page(ns, None)).expect("a page decodes")
    };
    mock.on()
        .list_sip_credentials(&ListSipCredentialsParams::new().page_size(2))
        .pages([typed(&[1, 2]), typed(&[3, 4]), typed(&[5])]);

    let run = list(&["--page-size", "2"], &env_for(&mock.uri()));

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        json_lines(&run.stdout),
        (1..=5).map(endpoint).collect::<Vec<_>>()
    );
    mock.verify();
}

#[tokio::test]
async fn list_limit_stops_early_without_fetching_further_pages() {
    let server = three_pages().await;
    let run = list(&["--limit", "2"], &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(json_lines(&run.stdout), [endpoint(1), endpoint(2)]);
    assert_eq!(tokens(&server).await, [None]);

    let server = three_pages().await;
    let run = list(&["--limit=3"], &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        json_lines(&run.stdout),
        (1..=3).map(endpoint).collect::<Vec<_>>()
    );
    assert_eq!(tokens(&server).await, [None, Some("two".to_owned())]);
}

#[tokio::test]
async fn list_page_size_is_sent_as_page_size() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(COLLECTION))
        .and(query_param("page_size", "7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&[1], None)))
        .expect(1)
        .mount(&server)
        .await;
    let run = list(&["--page-size", "7"], &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(json_lines(&run.stdout), [endpoint(1)]);
}

#[tokio::test]
async fn list_prints_the_pages_before_a_failing_one_then_exits_1() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::query_param_is_missing("page_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(&[1], Some(&format!("{COLLECTION}?page_token=two")))),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page_token", "two"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "Unauthorized"})))
        .mount(&server)
        .await;
    let run = list(&[], &env_for(&server.uri()));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(json_lines(&run.stdout), [endpoint(1)]);
    assert!(
        run.stderr.starts_with("error: the API answered 401"),
        "{}",
        run.stderr
    );
    assert!(
        trimmed_lines(&run.stderr).contains(&"Unauthorized"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn create_sends_exactly_the_flags_and_prints_pretty_json() {
    let server = MockServer::start().await;
    let expected = json!({
        "username": "alice",
        "caller_id": "+15551234567",
        "send_as": "alice-desk",
        "ciphers": ["AEAD_AES_256_GCM_8", "AES_999"],
        "codecs": ["PCMU", "OPUS@48000H@20I"],
        "encryption": "optional",
        "call_handler": "resource",
        "calling_handler_resource_id": "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b"
    });
    Mock::given(method("POST"))
        .and(path(COLLECTION))
        .and(header("authorization", expected_authorization().as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .expect(1)
        .mount(&server)
        .await;
    let run = create(
        &[
            "--username",
            "alice",
            "--caller-id=+15551234567",
            "--send-as",
            "alice-desk",
            "--ciphers=AEAD_AES_256_GCM_8,AES_999",
            "--codecs",
            "PCMU, OPUS@48000H@20I",
            "--encryption",
            "optional",
            "--call-handler=resource",
            "--calling-handler-resource-id",
            "0f0a4c2e-6a8b-4d2f-9b1e-3c5d7e9f1a2b",
        ],
        &env_for(&server.uri()),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(printed, full_response());
    assert!(
        run.stdout.starts_with("{\n  \""),
        "not pretty: {}",
        run.stdout
    );
}

#[tokio::test]
async fn create_sends_only_the_required_fields_when_no_other_flag_is_given() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(COLLECTION))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_response()))
        .expect(1)
        .mount(&server)
        .await;
    let run = create(
        &["--caller-id", "+15551234567", "--username", "bob"],
        &env_for(&server.uri()),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
    let received = server.received_requests().await.expect("recording is on");
    let body = received[0].body_json::<Value>().expect("the body is JSON");
    assert_eq!(
        body,
        json!({"username": "bob", "caller_id": "+15551234567"})
    );
}

#[tokio::test]
async fn create_lists_each_problem_of_a_422_and_exits_1() {
    let server = MockServer::start().await;
    let body = json!({"errors": [
        {"type": "validation_error", "code": "invalid_parameter_value",
         "message": "Username is taken.", "attribute": "username",
         "url": "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"},
        {"type": "validation_error", "code": "conflict",
         "message": "The project is full.", "attribute": null,
         "url": "https://developer.signalwire.com/rest/overview/error-codes#conflict"}
    ]});
    Mock::given(method("POST"))
        .and(path(COLLECTION))
        .respond_with(ResponseTemplate::new(422).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let run = create(
        &["--username", "alice", "--caller-id", "+15551234567"],
        &env_for(&server.uri()),
    );
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: the API answered 422"),
        "{}",
        run.stderr
    );
    let lines = trimmed_lines(&run.stderr);
    for expected in [
        "username: Username is taken. (invalid_parameter_value)",
        "-: The project is full. (conflict)",
    ] {
        assert!(
            lines.contains(&expected),
            "no line {expected:?}:\n{}",
            run.stderr
        );
    }
}

#[tokio::test]
async fn delete_sends_delete_of_the_id_and_prints_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(ENDPOINT_PATH))
        .and(header("authorization", expected_authorization().as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let run = delete(&[ENDPOINT_ID], &env_for(&server.uri()));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[tokio::test]
async fn delete_of_an_unknown_id_names_the_status_and_exits_1() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(ENDPOINT_PATH))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "Not Found"})))
        .expect(1)
        .mount(&server)
        .await;
    let run = delete(&[ENDPOINT_ID], &env_for(&server.uri()));
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: the API answered 404"),
        "{}",
        run.stderr
    );
    assert!(
        trimmed_lines(&run.stderr).contains(&"Not Found"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn usage_errors_exit_2_with_the_usage_and_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let env = env_for(&server.uri());
    let cases: &[(Runner, &[&str], &str)] = &[
        (list, &["--limit", "0"], "--limit"),
        (list, &["--limit", "many"], "many"),
        (list, &["--page-size=-3"], "--page-size"),
        (list, &["--page-size"], "--page-size"),
        (list, &["extra"], "extra"),
        (list, &["--colour", "red"], "--colour"),
        (create, &[], "--username"),
        (create, &["--username", "alice"], "--caller-id"),
        (create, &["--caller-id", "+1"], "--username"),
        (
            create,
            &[
                "--username",
                "a",
                "--caller-id",
                "c",
                "--codecs",
                "PCMU,,OPUS",
            ],
            "--codecs",
        ),
        (
            create,
            &[
                "--username",
                "a",
                "--caller-id",
                "c",
                "--calling-handler-resource-id",
                "null",
            ],
            "null",
        ),
        (
            create,
            &["--username", "a", "--username", "b"],
            "--username",
        ),
        (delete, &[], "ID"),
        (delete, &["not-a-uuid"], "not-a-uuid"),
        (delete, &[ENDPOINT_ID, ENDPOINT_ID], ENDPOINT_ID),
        (delete, &[ENDPOINT_ID, "--force"], "--force"),
    ];
    for &(runner, args, named) in cases {
        let run = runner(args, &env);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("usage:"), "{args:?}: {}", run.stderr);
        let first_line = run.stderr.lines().next().unwrap_or_default();
        assert!(
            first_line.starts_with("error: ") && first_line.contains(named),
            "{args:?}: the first line should name {named:?}: {first_line}"
        );
    }
    assert_eq!(requests_seen(&server).await, 0);
}

#[test]
fn help_prints_each_usage_on_stdout_and_exits_0() {
    let runners: [(Runner, &str); 3] = [(list, "--limit"), (create, "--caller-id"), (delete, "ID")];
    for (runner, named) in runners {
        let run = runner(&["--help"], &[]);
        assert_eq!(run.code, Some(0), "{run:?}");
        assert!(run.stdout.starts_with("usage:"), "{}", run.stdout);
        assert!(run.stdout.contains(named), "{}", run.stdout);
        assert_eq!(run.stderr, "");
    }
}
