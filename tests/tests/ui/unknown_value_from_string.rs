//! An `UnknownValue` cannot be made from a string directly, so a listed
//! value such as `PCMU` can never hide in the `Unknown` variant; the only
//! way in is parsing (`"OPUS@48000H@20I".parse::<Codec>()`).

use signalwire_fabric::{Codec, UnknownValue};

fn main() {
    let _private_constructor = Codec::Unknown(UnknownValue::new("PCMU".to_owned()));
    let _private_field = Codec::Unknown(UnknownValue("PCMU".to_owned()));
    let _no_conversion: UnknownValue = "PCMU".into();
}
