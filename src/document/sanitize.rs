//! Neutralises control characters so no text from a document can drive the terminal.

/// Returns `text` with every C0/C1 control character made visible or dropped.
///
/// ESC and other C0 controls become caret notation (`^[`), DEL becomes `^?`, C1 controls become
/// `<U+009B>`-style tags, and bidirectional overrides and isolates are dropped. A tab becomes a
/// space, and a newline or carriage return becomes a space unless `keep_newlines` is set (code
/// blocks), in which case `\n` is kept and `\r` dropped.
pub fn clean(text: &str, keep_newlines: bool) -> String {
    if !needs_cleaning(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_clean(&mut out, c, keep_newlines);
    }
    out
}

/// Whether `text` holds any character [`clean`] would change.
pub fn needs_cleaning(text: &str) -> bool {
    text.chars().any(|c| is_control(c) || is_bidi_control(c))
}

fn push_clean(out: &mut String, c: char, keep_newlines: bool) {
    match c {
        '\n' if keep_newlines => out.push('\n'),
        '\r' if keep_newlines => {}
        '\t' | '\n' | '\r' => out.push(' '),
        '\u{7f}' => out.push_str("^?"),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        c if is_control(c) => {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
        c if is_bidi_control(c) => {}
        c => out.push(c),
    }
}

fn is_control(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || (0x7f..=0x9f).contains(&u)
}

/// Bidirectional embeddings, overrides and isolates, which reorder what follows them on screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let hostile = "title\u{1b}]0;pwned\u{7}\u{1b}[2Jclear";
        let shown = clean(hostile, false);
        assert!(!shown.contains('\u{1b}'));
        assert!(!shown.contains('\u{7}'));
        assert_eq!(shown, "title^[]0;pwned^G^[[2Jclear");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_never_pass() {
        let shown = clean("a\u{9b}31mb\u{202e}c\u{2066}d", false);
        assert_eq!(shown, "a<U+009B>31mbcd");
        assert!(shown.chars().all(|c| !is_control(c) && !is_bidi_control(c)));
    }

    #[test]
    fn code_keeps_newlines_but_not_carriage_returns() {
        assert_eq!(clean("a\r\nb\tc", true), "a\nb c");
        assert_eq!(clean("a\nb", false), "a b");
    }

    #[test]
    fn clean_text_is_returned_as_is() {
        let text = "북한의 사이버 공격 — “AppleJeus” $316.4 million";
        assert!(!needs_cleaning(text));
        assert_eq!(clean(text, false), text);
    }
}
