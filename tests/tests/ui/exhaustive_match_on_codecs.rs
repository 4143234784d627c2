//! `Codec` is `#[non_exhaustive]`: a match must have a wildcard arm, so a
//! codec added to a later version of the crate does not break callers, even
//! when every current variant (and `Unknown`) is listed.

use signalwire_fabric::Codec;

fn describe(codec: &Codec) -> &'static str {
    match codec {
        Codec::Pcmu | Codec::Pcma | Codec::G722 | Codec::G729 => "audio",
        Codec::Opus => "audio",
        Codec::Vp8 | Codec::H264 => "video",
        Codec::Unknown(_) => "unknown",
    }
}

fn main() {
    let _ = describe(&Codec::Opus);
}
