//! The `weather` snapshot (from a JSON document without servers) compiles
//! with the client runtime; its types decode a response, and a client
//! needs a base URL since there is no server template for a space name.

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
#[path = "weather/mod.rs"]
mod api;

use api::{Condition, LatestObservationError, Observation};

fn main() {
    let observation: Observation = serde_json::from_value(serde_json::json!({
        "observed_at": "2024-01-02T03:04:05+01:00",
        "temperature_c": -3.5,
        "condition": "rain",
        "wind": {"speed_kmh": 12.0, "from_degrees": null},
    }))
    .unwrap();
    assert_eq!(observation.condition, Condition::Rain);
    assert_eq!(
        observation.observed_at.to_rfc3339(),
        "2024-01-02T02:04:05+00:00"
    );
    let wind = observation.wind.unwrap();
    assert!(wind.from_degrees.is_null());

    assert_eq!(LatestObservationError::NotFound.status(), 404);
    assert_eq!(
        LatestObservationError::NotFound.to_string(),
        "No such station"
    );

    assert!(Client::new("project", "token", "station").is_err());
    let client = Client::from_base_url("project", "token", "http://127.0.0.1:9").unwrap();
    // Building the request future checks the operation's signature; it is never polled.
    let _unpolled = client.latest_observation("KSEA");
}
