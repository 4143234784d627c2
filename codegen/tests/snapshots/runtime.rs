//! The unit tests of the hand-written client runtime
//! (`generated/src/runtime`, its `#[cfg(test)]` modules), run here rather
//! than inside the client crate: there they would compile the whole
//! generated client a second time (its test build), here they compile
//! with the runtime alone. The client crate's library is built with
//! `test = false` for that reason.
//!
//! `api` stands in for the generated module the runtime reads: the server
//! template of SignalWire's REST API and its variable, as the client crate
//! has them (`generated/src/api/mod.rs`).

#![deny(warnings)]
// The runtime's items are used by its tests here, not by an API.
#![allow(dead_code, unused_imports)]

// rustfmt must not follow this path: the runtime is formatted where it lives.
#[rustfmt::skip]
#[path = "../../../generated/src/runtime/mod.rs"]
mod runtime;

mod api {
    /// The server template of SignalWire's REST API.
    pub(crate) const SERVER_URL: &str = "https://{space_name}.signalwire.com";
    /// Its variable and the default the document gives.
    pub(crate) const SERVER_VARIABLES: &[(&str, &str)] = &[("space_name", "{Your_Space_Name}")];
}

/// The stand-in says what the client crate says.
#[test]
fn the_stand_in_server_is_the_client_crates() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../generated/src/api/mod.rs"
    );
    let generated = std::fs::read_to_string(path).expect("the client's generated api/mod.rs");
    let url = format!("SERVER_URL: &str = {:?};", api::SERVER_URL);
    assert!(generated.contains(&url), "{path} does not have {url}");
    for (name, default) in api::SERVER_VARIABLES {
        let variable = format!("({name:?}, {default:?})");
        assert!(
            generated.contains(&variable),
            "{path} does not have {variable}"
        );
    }
}
