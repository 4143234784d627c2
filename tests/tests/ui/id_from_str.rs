//! The endpoint ID is a `Uuid`, not any string: a malformed ID is caught
//! when it is parsed, before a request is built.

use signalwire_rest::{Client, SipEndpointUpdateRequest};

async fn update(client: &Client) {
    let request = SipEndpointUpdateRequest::new().username("alice");
    let _ = client
        .update_sip_credential("6cbd8a4e-4b3c-4f7d-9a2b-1c2d3e4f5a6b", &request)
        .await;
}

fn main() {
    let _ = update;
}
