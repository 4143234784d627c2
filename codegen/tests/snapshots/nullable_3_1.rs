//! The `nullable_3_1` snapshot (the 3.1 spelling of `nullable_3_0`)
//! compiles with the client runtime; absent, `null` and a value stay apart
//! in requests and responses.

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
#[path = "nullable_3_1/mod.rs"]
mod api;

use api::{Loan, LoanKind, LoanStatus, LoanUpdate, Reader};

fn main() {
    let update = LoanUpdate::new().clear_note().reader(Reader::new("C-1024"));
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        serde_json::json!({"note": null, "reader": {"card": "C-1024"}})
    );

    let loan: Loan = serde_json::from_value(serde_json::json!({
        "id": "5b0e9f1c-3a55-4b8e-9d0f-6f4d2f4b8a11",
        "kind": "loan",
        "returned_at": null,
        "reader": null,
        "renewals": 2,
        "status": null,
        "fines": {"late": 0.5, "lost": null},
    }))
    .unwrap();
    assert_eq!(loan.kind, LoanKind::Loan);
    assert_eq!(loan.returned_at, None);
    assert_eq!(loan.reader, None);
    assert_eq!(loan.renewals, Some(2));
    assert!(loan.status.is_null() && loan.tags.is_absent());
    assert_eq!(loan.fines.unwrap()["lost"], None);
    assert_eq!(LoanStatus::Closed.as_str(), "closed");

    let client = Client::new("project", "token", "east").unwrap();
    assert_eq!(client.base_url(), "https://east.library.example.test");
    let _unpolled = client.update_loan(uuid::Uuid::nil(), &update);
}
