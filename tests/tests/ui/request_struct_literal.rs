//! The request struct is `#[non_exhaustive]`: it can only be built with
//! `new()` and its setters, so adding a field to the API does not break
//! callers.

use signalwire_rest::SipEndpointUpdateRequest;

fn main() {
    let _request = SipEndpointUpdateRequest {
        username: Some("alice".to_owned()),
        ..Default::default()
    };
}
