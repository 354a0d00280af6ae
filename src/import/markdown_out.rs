//! What converters write: front matter from metadata and text escaped so that Markdown shows
//! exactly that text.

/// `text` as inline Markdown that renders as exactly that text: markup characters are
/// backslash-escaped, a line break becomes a space, and nothing at the start can open a block
/// (heading, quote, list, rule, indented code).
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_inline_into(&mut out, text, true);
    out
}

/// [`escape_inline`] appended to `out`; `at_start` says whether the text starts where a block
/// could open (false for text that continues a line). The text between markup characters is
/// copied a run at a time (every character escaped is ASCII: a run never splits a character).
pub fn escape_inline_into(out: &mut String, text: &str, at_start: bool) {
    let text = text.trim_start_matches([' ', '\t']);
    let bytes = text.as_bytes();
    let mut run = 0;
    match bytes.first().filter(|_| at_start) {
        Some(b'#' | b'-' | b'+' | b'=') => out.push('\\'),
        Some(b'0'..=b'9') => {
            // `1. ` or `1) ` at the start would open an ordered list.
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) {
                out.push_str(&text[..digits]);
                out.push('\\');
                run = digits;
            }
        }
        _ => {}
    }
    for (i, &b) in bytes.iter().enumerate().skip(run) {
        let next = bytes.get(i + 1).copied();
        let escape = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' => true,
            b'&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == b'#'),
            b'!' => next == Some(b'['),
            b'\n' | b'\r' => {
                out.push_str(&text[run..i]);
                out.push(' ');
                run = i + 1;
                continue;
            }
            _ => false,
        };
        if escape {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::frontmatter::FrontMatter;
    use crate::document::{Origin, Paper};

    fn rendered(markdown: &str) -> String {
        let paper = Paper::parse(markdown, Origin::Embedded("t.md"), "t");
        paper
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn escaped_text_renders_as_itself() {
        for text in [
            "# not a heading",
            "> not a quote",
            "- not a list",
            "+ nor this",
            "1. not ordered",
            "12) nor this",
            "=== not a setext underline",
            "*stars* and _under_scores_ and `ticks`",
            "[a link](http://x) ![img](y) <b>tag</b> <http://auto>",
            "AT&T &amp; &#169; a|b ~~strike~~ back\\slash",
            "2023. A year at the start",
            "    indented",
            "price: $5 * 3 = $15",
            "[^1] not a footnote",
        ] {
            assert_eq!(rendered(&escape_inline(text)), text.trim_start(), "{text}");
        }
        assert_eq!(rendered(&escape_inline("two\nlines")), "two lines");
    }

    /// The escaping rules one character at a time, as first written: the run-copying version
    /// must give the same bytes.
    fn escape_by_char(text: &str) -> String {
        let mut out = String::new();
        let trimmed = text.trim_start_matches([' ', '\t']);
        let mut chars = trimmed.char_indices().peekable();
        let mut at_start = true;
        while let Some((i, c)) = chars.next() {
            let c = if matches!(c, '\n' | '\r') { ' ' } else { c };
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
                '&' => chars
                    .peek()
                    .is_some_and(|&(_, n)| n.is_ascii_alphanumeric() || n == '#'),
                '#' | '-' | '+' | '=' if at_start => true,
                '!' => chars.peek().is_some_and(|&(_, n)| n == '['),
                _ => false,
            };
            if at_start && c.is_ascii_digit() {
                let digits = trimmed[i..].bytes().take_while(u8::is_ascii_digit).count();
                let after = trimmed.as_bytes().get(i + digits);
                if digits <= 9 && matches!(after, Some(b'.' | b')')) {
                    out.push_str(&trimmed[i..i + digits]);
                    out.push('\\');
                    for _ in 1..digits {
                        chars.next();
                    }
                    at_start = false;
                    continue;
                }
            }
            if escape {
                out.push('\\');
            }
            out.push(c);
            at_start = false;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn run_copying_escapes_like_the_character_rules(
            text in "[ \t\n\r0-9a-z.)#+=&!\\[\\]`*_<>|~\\\\é한-]{0,40}"
        ) {
            proptest::prop_assert_eq!(escape_inline(&text), escape_by_char(&text));
        }
    }

    #[test]
    fn front_matter_round_trips_through_the_parser() {
        let front = FrontMatter {
            id: Some("pdf-0123456789ab".into()),
            title: Some("A \"quoted\" title: with \\ colon".into()),
            author: Some("Kim, Jina\nand Lee".into()),
            published: Some("2023-04-24".into()),
            accessed: Some("2026-12-01".into()),
            ..FrontMatter::default()
        };
        let md = format!("{}Body text.\n", front.to_yaml());
        let paper = Paper::parse(&md, Origin::Embedded("t.md"), "t");
        assert!(paper.warnings.is_empty(), "{:?}", paper.warnings);
        assert_eq!(paper.id, "pdf-0123456789ab");
        assert_eq!(paper.meta.title, "A \"quoted\" title: with \\ colon");
        assert_eq!(paper.meta.author.as_deref(), Some("Kim, Jina and Lee"));
        assert_eq!(paper.meta.published.as_deref(), Some("2023-04-24"));
        assert_eq!(paper.meta.publisher, None);
        assert_eq!(paper.meta.accessed.as_deref(), Some("2026-12-01"));
        assert_eq!(rendered(&md), "Body text.");
    }
}
