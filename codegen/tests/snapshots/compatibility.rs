//! The `compatibility` snapshot compiles with the client runtime, and its
//! client, run against a loopback server, sends form bodies
//! (`application/x-www-form-urlencoded`: fields in order, arrays as
//! repeated keys, unset fields left out, a field that the document allows
//! as one value or an array of it as a list, sent as repeated keys) and
//! query filters whose names end in `<`, `>`, `<=` or `>=` under their
//! exact wire names.

#![deny(warnings)]
// A binary uses only part of the runtime and of the generated items, and
// the re-exports of a library's `pub use` are unused imports in a binary.
#![allow(dead_code, unused_imports)]

// The client runtime, which generated code names `crate::runtime`, and
// what its `client!` defines in a client crate (`Client`, `ClientBuilder`,
// `mock`) for the snapshot's server.
use signalwire_rest_runtime as runtime;
runtime::client!(api::SERVER_URL, api::SERVER_VARIABLES);
// Clippy leaves these two lints out for exported items (its
// `avoid-breaking-exported-api`), as the client crate's are; in a test
// binary nothing is exported.
#[allow(clippy::wrong_self_convention, clippy::enum_variant_names)]
#[rustfmt::skip]
#[path = "compatibility/mod.rs"]
mod api;
#[path = "loopback.rs"]
mod loopback;

use api::{
    CallStatus, CreateCallRequest, CreateCallRequestRequired,
    CreateCallRequestStatusCallbackEventItem as Event, CreateMessageRequest,
    CreateMessageRequestRequired, HttpMethod, ListCallsParams, UpdateCallRequest,
    UpdateCallRequestStatus,
};
use loopback::{Reply, next, serve};

const CALL: &str = r#"{"sid": "CA1", "account_sid": "6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b",
    "to": "+15550100", "from": "+15550199", "status": "queued"}"#;
const MESSAGE: &str =
    r#"{"sid": "SM1", "to": "+15550100", "from": "+15550199", "status": "queued"}"#;

fn main() {
    let (base_url, received) = serve(|request| match request.method.as_str() {
        "GET" => Reply::json(200, r#"{"calls": [], "page": 0, "page_size": 50}"#),
        "POST" if request.target.ends_with("/Calls") => Reply::json(201, CALL),
        "POST" if request.target.ends_with("/Messages") => Reply::json(201, MESSAGE),
        _ => Reply::json(200, CALL),
    });
    let (client, tokio) = loopback::client(&base_url);
    let account = uuid::Uuid::parse_str("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b").unwrap();
    let prefix = "/Accounts/6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b/Calls";

    // Required fields, an enum, a repeated array and a number; `Record`
    // and the nullable `MachineDetectionTimeout` are not set, so not sent.
    let request = CreateCallRequest::new(CreateCallRequestRequired {
        to: "+1 555 0100".to_owned(),
        from: "sip:alice@example.com".to_owned(),
        url: "https://example.com/call?x=1&y=2".to_owned(),
    })
    .method(HttpMethod::Post)
    .status_callback_event([Event::Initiated, Event::from("answered")])
    .timeout(30);
    let call = tokio
        .block_on(client.create_call(account, &request))
        .expect("a 201");
    assert_eq!(call.status, CallStatus::Queued);
    let sent = next(&received);
    assert_eq!(
        (sent.method.as_str(), sent.target.as_str()),
        ("POST", prefix)
    );
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        "To=%2B1+555+0100&From=sip%3Aalice%40example.com\
         &Url=https%3A%2F%2Fexample.com%2Fcall%3Fx%3D1%26y%3D2&Method=POST\
         &StatusCallbackEvent=initiated&StatusCallbackEvent=answered&Timeout=30"
    );

    // A nullable field set to `null` has no form spelling: it is left out.
    let request = request.clear_machine_detection_timeout().record(false);
    tokio
        .block_on(client.create_call(account, &request))
        .expect("a 201");
    let body = String::from_utf8(next(&received).body).unwrap();
    assert!(body.ends_with("&Timeout=30&Record=false"), "{body}");

    // An inline form body of an operation with two path parameters.
    let update = UpdateCallRequest::new().status(UpdateCallRequestStatus::Completed);
    tokio
        .block_on(client.update_call(account, "CA1", &update))
        .expect("a 200");
    let sent = next(&received);
    assert_eq!(sent.target, format!("{prefix}/CA1"));
    assert_eq!(sent.body, b"Status=completed");

    // `MediaUrl` is one URL or an array of them in the document, and a
    // list here: each item is a pair of its own, one URL is a list of one,
    // and an unset list sends nothing.
    let messages = "/Accounts/6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b/Messages";
    let message = CreateMessageRequest::new(CreateMessageRequestRequired {
        to: "+15550100".to_owned(),
        from: "+15550199".to_owned(),
    })
    .body("two pictures");
    let send = |request: &CreateMessageRequest| {
        let sent = tokio
            .block_on(client.create_message(account, request))
            .expect("a 201");
        assert_eq!(sent.sid, "SM1");
        let sent = next(&received);
        assert_eq!(sent.target, messages);
        String::from_utf8(sent.body).unwrap()
    };
    let two = message.clone().media_url([
        "https://example.com/a.png".to_owned(),
        "https://example.com/b c.png".to_owned(),
    ]);
    assert_eq!(
        send(&two),
        "To=%2B15550100&From=%2B15550199&Body=two+pictures\
         &MediaUrl=https%3A%2F%2Fexample.com%2Fa.png&MediaUrl=https%3A%2F%2Fexample.com%2Fb+c.png"
    );
    let one = message
        .clone()
        .media_url(["https://example.com/a.png".to_owned()]);
    assert_eq!(
        send(&one),
        "To=%2B15550100&From=%2B15550199&Body=two+pictures\
         &MediaUrl=https%3A%2F%2Fexample.com%2Fa.png"
    );
    assert_eq!(
        send(&message),
        "To=%2B15550100&From=%2B15550199&Body=two+pictures"
    );
    // Read from JSON, the field takes either spelling the document allows.
    let read = |media: serde_json::Value| -> CreateMessageRequest {
        serde_json::from_value(serde_json::json!({
            "To": "+15550100", "From": "+15550199", "Body": "two pictures", "MediaUrl": media,
        }))
        .unwrap()
    };
    assert_eq!(read(serde_json::json!("https://example.com/a.png")), one);
    assert_eq!(
        read(serde_json::json!([
            "https://example.com/a.png",
            "https://example.com/b c.png"
        ])),
        two
    );

    // Filters named apart by their trailing comparison, and two spellings
    // of one parameter numbered, each sent under its own wire name.
    let date = |day| chrono::NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    let params = ListCallsParams::new()
        .start_time_before(date(2))
        .start_time_after(date(3))
        .end_time_on_or_before(date(4))
        .end_time_on_or_after(date(5))
        .page_size(10)
        .page_size2(20);
    tokio
        .block_on(client.list_calls(account, &params))
        .expect("a 200");
    assert_eq!(
        next(&received).target,
        format!(
            "{prefix}?StartTime%3C=2026-01-02&StartTime%3E=2026-01-03&EndTime%3C%3D=2026-01-04\
             &EndTime%3E%3D=2026-01-05&Page-Size=10&PageSize=20"
        )
    );
}
