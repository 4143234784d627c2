//! Each list takes its own enum: codecs cannot be passed as ciphers.

use signalwire_rest::{Codecs, SipEndpointUpdateRequest};

fn main() {
    let _request = SipEndpointUpdateRequest::new().ciphers([Codecs::Opus]);
}
