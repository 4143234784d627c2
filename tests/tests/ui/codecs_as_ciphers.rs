//! Each list takes its own enum: codecs cannot be passed as ciphers.

use signalwire_fabric::{Codec, UpdateSipEndpointRequest};

fn main() {
    let _request = UpdateSipEndpointRequest::new().ciphers([Codec::Opus]);
}
