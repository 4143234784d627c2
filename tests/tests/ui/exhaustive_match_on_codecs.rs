//! `Codecs` is `#[non_exhaustive]`: a match must have a wildcard arm, so a
//! codec added to a later version of the crate does not break callers, even
//! when every current variant (and `Unknown`) is listed.

use signalwire_rest::Codecs;

fn describe(codec: &Codecs) -> &'static str {
    match codec {
        Codecs::Pcmu | Codecs::Pcma | Codecs::G722 | Codecs::G729 => "audio",
        Codecs::Opus
        | Codecs::Opus48000h20i
        | Codecs::Opus24000h20i
        | Codecs::Opus16000h20i
        | Codecs::Opus8000h20i => "audio",
        Codecs::Vp8 | Codecs::H264 => "video",
        Codecs::Unknown(_) => "unknown",
    }
}

fn main() {
    let _ = describe(&Codecs::Opus);
}
