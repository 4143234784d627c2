//! An `UnknownValue` cannot be made from a string directly, so a listed
//! value such as `PCMU` can never hide in the `Unknown` variant; the only
//! way in is parsing (`"OPUS@96000H@20I".parse::<Codecs>()`).

use signalwire_rest::{Codecs, UnknownValue};

fn main() {
    let _private_constructor = Codecs::Unknown(UnknownValue::new("PCMU".to_owned()));
    let _private_field = Codecs::Unknown(UnknownValue("PCMU".to_owned()));
    let _no_conversion: UnknownValue = "PCMU".into();
}
