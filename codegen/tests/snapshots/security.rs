//! The `security` snapshot compiles with the client runtime, and its
//! client, run against a loopback server, sends HTTP Basic, the bearer
//! token or no credentials as each operation declares, refuses a Bearer
//! operation without a token before sending anything, and puts operation
//! paths after the server URL's base path. Operation names: the method and
//! path when there is no operationId, and the rule for two operationIds
//! that map to one name.

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
#[path = "security/mod.rs"]
mod api;
#[path = "loopback.rs"]
mod loopback;

use loopback::{Reply, next, serve};

fn main() {
    // The space goes into the server URL; a host keeps its base path.
    let client = Client::new("project", "token", "acme").unwrap();
    assert_eq!(client.base_url(), "https://acme.example.test/api/fabric");
    let client = Client::new("project", "token", "acme.example.test").unwrap();
    assert_eq!(client.base_url(), "https://acme.example.test/api/fabric");

    let (base_url, received) = serve(|request| match request.target.as_str() {
        "/api/fabric/subscriber/info" => Reply::json(200, r#"{"name": "Ann"}"#),
        "/api/fabric/health" | "/api/fabric/either" => Reply::empty(204),
        _ => Reply::json(200, r#"{"token": "t"}"#),
    });
    let (client, tokio) = loopback::client(&format!("{base_url}/api/fabric/"));
    // "project:token"
    let basic = "Basic cHJvamVjdDp0b2tlbg==";

    // `create_token` (POST /guests/tokens) and `createToken` (POST
    // /subscribers/tokens) map to one name: the first by path keeps it.
    tokio.block_on(client.create_token()).expect("a 200");
    let request = next(&received);
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/api/fabric/guests/tokens")
    );
    assert_eq!(request.header("authorization"), Some(basic));
    tokio
        .block_on(client.post_subscribers_tokens())
        .expect("a 200");
    assert_eq!(next(&received).target, "/api/fabric/subscribers/tokens");

    // Bearer: refused without a token, nothing sent.
    let error = tokio
        .block_on(client.subscriber_info())
        .expect_err("no bearer token");
    assert!(
        matches!(
            error,
            runtime::Error::MissingBearerToken {
                path_template: "/subscriber/info"
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.attempts(), 0);
    assert!(
        received.try_recv().is_err(),
        "a request without its token was sent"
    );
    let subscriber = client.with_bearer_token("eyJ.subscriber").unwrap();
    let info = tokio.block_on(subscriber.subscriber_info()).expect("a 200");
    assert_eq!(info.name, "Ann");
    assert_eq!(
        next(&received).header("authorization"),
        Some("Bearer eyJ.subscriber")
    );
    // The builder takes one too; other operations keep sending Basic.
    let built = Client::builder()
        .project_id("project")
        .api_token("token")
        .bearer_token("eyJ.built")
        .base_url(format!("{base_url}/api/fabric"))
        .build()
        .unwrap();
    tokio.block_on(built.subscriber_info()).expect("a 200");
    assert_eq!(
        next(&received).header("authorization"),
        Some("Bearer eyJ.built")
    );
    tokio.block_on(built.either()).expect("a 204");
    assert_eq!(next(&received).header("authorization"), Some(basic));
    assert!(!format!("{built:?}").contains("eyJ"), "{built:?}");

    // `security: []`: no credentials; no operationId: named from method and path.
    tokio.block_on(subscriber.get_health()).expect("a 204");
    let request = next(&received);
    assert_eq!(request.target, "/api/fabric/health");
    assert_eq!(request.header("authorization"), None);

    // A bearer token that cannot be sent is refused when it is given.
    assert!(matches!(
        client.with_bearer_token("two\nlines"),
        Err(runtime::ConfigError::InvalidBearerToken { .. })
    ));
    assert!(matches!(
        client.with_bearer_token(" "),
        Err(runtime::ConfigError::Empty {
            setting: "bearer token"
        })
    ));
}
