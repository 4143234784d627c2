//! The contract sweep: every operation of the document the client is
//! generated from, called through its generated method against Prism
//! serving that document as a validating mock.
//!
//! The tests themselves (`contract_sweep/operations.rs`) are generated from the same
//! IR as the client (`cargo xtask codegen`; `--check` keeps them in step),
//! one per operation: they say which method an operation is and how its
//! arguments are passed. This harness gives them their values, read from
//! the applied document (`SWEEP_DOCUMENT`, set by `cargo xtask test`) by
//! `codegen::sample`, whose docs give the rules: each path parameter, each
//! required query or header parameter and the request body from the
//! document's examples, else from its schemas and their required fields.
//! That JSON is decoded into the argument's generated type, so a request
//! the types cannot express fails here, naming the operation.
//!
//! A test fails when Prism refuses the request (`422` for one the spec does
//! not allow, `401` for missing credentials), or when its answer does not
//! decode into the operation's response type; the message shows the values
//! sent. Prism answers with the examples of the document's success
//! response, or, where there are none, with values built from its schemas.
//!
//! `cargo xtask test` starts Prism and runs these with `--ignored`; a plain
//! `cargo test` skips them.

use std::cell::RefCell;
use std::fmt::Debug;
use std::sync::OnceLock;

use codegen::sample::Request;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use signalwire_rest::{Client, Error, RetryPolicy};

use integration_tests::{API_TOKEN, PROJECT_ID};

// Generated (prettyplease's layout, which rustfmt would change).
#[path = "contract_sweep/operations.rs"]
#[rustfmt::skip]
mod operations;

/// The bearer token the sweep's client sends to the operations that
/// authenticate with HTTP Bearer (Prism checks that one is sent).
const BEARER_TOKEN: &str = "subscriber-token-abc";

/// A client of the Prism started by `cargo xtask test`, with Basic and
/// Bearer credentials; retries are off so that each test sees exactly the
/// answer Prism gave.
fn client() -> Client {
    let url = std::env::var("PRISM_URL").unwrap_or_else(|_| {
        panic!("PRISM_URL is not set: run the contract sweep with `cargo xtask test`")
    });
    Client::from_base_url(PROJECT_ID, API_TOKEN, &url)
        .expect("Prism's loopback URL is a valid base URL")
        .with_retry(RetryPolicy::none())
        .with_bearer_token(BEARER_TOKEN)
        .expect("a valid bearer token")
}

/// The applied document, read once.
fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let path = std::env::var("SWEEP_DOCUMENT").unwrap_or_else(|_| {
            panic!("SWEEP_DOCUMENT is not set: run the contract sweep with `cargo xtask test`")
        });
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path} is not JSON: {error}"))
    })
}

/// One operation of the document, and the values its test sends.
struct Sample {
    /// `PUT /api/...`, as the messages name the operation.
    name: String,
    request: Request<'static>,
    /// What was built so far, for the failure message.
    sent: RefCell<Vec<String>>,
}

impl Sample {
    /// The operation `method` (`PUT`) of the path `template`.
    fn of(method: &str, template: &str) -> Sample {
        let name = format!("{method} {template}");
        let request = Request::of(document(), method, template)
            .unwrap_or_else(|problem| panic!("{name}: {problem}"));
        Sample {
            name,
            request,
            sent: RefCell::new(Vec::new()),
        }
    }

    /// The path parameter `wire`.
    fn path<T: DeserializeOwned>(&self, wire: &str) -> T {
        let value = self.request.path(wire);
        self.decode(&format!("path parameter `{wire}`"), value)
    }

    /// The parameters struct with the required query and header parameters
    /// set: `(field, wire)` pairs.
    fn params<T: DeserializeOwned>(&self, pairs: &[(&str, &str)]) -> T {
        let object = pairs
            .iter()
            .map(|(field, wire)| {
                let value = self
                    .request
                    .parameter(wire)
                    .unwrap_or_else(|problem| panic!("{}: {problem}", self.name));
                ((*field).to_owned(), value)
            })
            .collect::<Map<_, _>>();
        self.decode("parameters", Ok(Value::Object(object)))
    }

    /// The request body.
    fn body<T: DeserializeOwned>(&self) -> T {
        self.decode("request body", self.request.body())
    }

    /// `value` as the argument's type; its JSON is kept for the failure message.
    fn decode<T: DeserializeOwned>(&self, what: &str, value: Result<Value, String>) -> T {
        let value = value.unwrap_or_else(|problem| panic!("{}: {problem}", self.name));
        self.sent.borrow_mut().push(format!("{what}: {value}"));
        serde_json::from_value(value.clone()).unwrap_or_else(|error| {
            panic!(
                "{}: the {what} built from the document does not decode into its generated type: {error}\n{what}: {value}",
                self.name
            )
        })
    }
}

/// Fails with what was sent and what came back unless `result` is a
/// decoded answer.
fn check<T, E: Debug>(sample: &Sample, result: Result<T, Error<E>>) {
    let Err(error) = result else { return };
    let answer = match &error {
        Error::Api(api) => format!("HTTP {} {:?}", api.status(), api.body()),
        Error::UnexpectedStatus { status, body, .. } => {
            format!(
                "HTTP {status} (not declared) {}",
                String::from_utf8_lossy(body)
            )
        }
        Error::Decode {
            status,
            body,
            source,
            ..
        } => format!(
            "HTTP {status} that does not decode ({source}): {}",
            String::from_utf8_lossy(body)
        ),
        other => format!("{other:?}"),
    };
    panic!(
        "{}: {answer}\nsent:\n  {}",
        sample.name,
        sample.sent.borrow().join("\n  ")
    );
}
