//! How raw response bodies and statuses appear in messages: a short
//! single-line excerpt for `Display`, a longer one for `Debug`, and the
//! status with its reason phrase.

use std::fmt;

/// The longest excerpt of a raw body shown by `Display`, in characters.
pub(super) const DISPLAY_EXCERPT_CHARS: usize = 200;
/// The longest excerpt of a raw body shown by `Debug`, in characters.
const DEBUG_EXCERPT_CHARS: usize = 1000;

/// `422 Unprocessable Entity`, or just `599` for a code without a name.
pub(super) struct StatusText(pub(super) u16);

impl fmt::Display for StatusText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.0)
            .ok()
            .and_then(|status| status.canonical_reason());
        match reason {
            Some(reason) => write!(f, "{} {reason}", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Appends `: <excerpt>` (or `(empty body)`) for a raw body to a message.
pub(super) fn write_excerpt(f: &mut fmt::Formatter<'_>, body: &[u8]) -> fmt::Result {
    if body.is_empty() {
        f.write_str(" (empty body)")
    } else {
        f.write_str(": ")?;
        write_lossy(f, body, DISPLAY_EXCERPT_CHARS)
    }
}

/// Writes at most `max_chars` characters of `body` as lossy UTF-8, with
/// control characters (line breaks included) replaced by spaces, and `…`
/// when the body was cut.
fn write_lossy(f: &mut fmt::Formatter<'_>, body: &[u8], max_chars: usize) -> fmt::Result {
    use fmt::Write as _;
    // A character takes at most 4 bytes, so this prefix holds enough of them.
    let prefix = &body[..body.len().min(max_chars.saturating_mul(4))];
    let text = String::from_utf8_lossy(prefix);
    let mut chars = text.chars();
    for c in chars.by_ref().take(max_chars) {
        f.write_char(if c.is_control() { ' ' } else { c })?;
    }
    if chars.next().is_some() || prefix.len() < body.len() {
        f.write_char('…')?;
    }
    Ok(())
}

/// A raw body in `Debug` output: quoted lossy UTF-8, cut when long.
pub(super) struct BodyExcerpt<'a>(pub(super) &'a [u8]);

impl fmt::Debug for BodyExcerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let excerpt = LossyText(self.0, DEBUG_EXCERPT_CHARS).to_string();
        write!(f, "{excerpt:?} ({} bytes)", self.0.len())
    }
}

/// Lossy UTF-8 text of at most the given number of characters.
struct LossyText<'a>(&'a [u8], usize);

impl fmt::Display for LossyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lossy(f, self.0, self.1)
    }
}
