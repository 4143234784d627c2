//! What several of xtask's integration tests share.

/// `text` with the first `from` after `section` (which must occur exactly
/// once) replaced by `to`: an edit inside one part of a big document,
/// whose parts share many lines.
#[track_caller]
pub fn edit_in(text: &str, section: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(section).count(),
        1,
        "`{section}` is not in the text once; update this test"
    );
    let start = text.find(section).unwrap() + section.len();
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("`{from}` is not after `{section}`; update this test"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}
