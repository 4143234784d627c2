//! The client's integration tests, one binary (one link, one process):
//! wire behaviour against wiremock (each operation shape, retries,
//! transport), the example programs run as a user runs them, and what the
//! types forbid (compile-fail). `example_support` runs the examples.
//!
//! Binaries of their own: `contract` and `contract_sweep` (they need
//! Prism, and run in `cargo xtask test`'s contract step), `observability`
//! and `secrets` (they install a `tracing` subscriber and a panic hook).

mod compile_fail;
mod example_cli;
mod example_cli_resource;
mod example_support;
mod mock;
mod rest_api;
mod retries;
mod sip_endpoints;
mod transport;
mod update_sip_endpoint;
