//! One paragraph's inline Markdown as it is built: HTML white space collapsed, text escaped so it
//! renders literally, emphasis moved inside its spaces, line starts that would open a block
//! (`# `, `- `, `1. `, `=`) escaped when the paragraph is finished.

use crate::import::markdown_out::escape_inline_into;

/// HTML's white space, which collapses (a no-break space does not).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Appends `text` to `out` escaped ([`crate::import::escape_inline`]), with HTML white space collapsed to one
/// space; `no_space` says whether `out` already ends in collapsible space (or is at the start of
/// a paragraph, where leading space is dropped) and is kept up to date.
pub fn push_text(out: &mut String, text: &str, no_space: &mut bool) {
    if text.starts_with(is_html_space) && !*no_space {
        out.push(' ');
        *no_space = true;
    }
    let mut words = text.split(is_html_space).filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return;
    };
    // The words joined by one space, escaped as one text: only the first can open a block.
    escape_inline_into(out, first, true);
    for word in words {
        out.push(' ');
        escape_inline_into(out, word, false);
    }
    *no_space = false;
    if text.ends_with(is_html_space) {
        out.push(' ');
        *no_space = true;
    }
}

/// Wraps the inline Markdown `inner` in `mark` (`*`, `**`, `~~`), keeping leading and trailing
/// spaces outside the marks, where CommonMark needs them.
pub fn wrap(inner: &str, mark: &str) -> String {
    let body = inner.trim_matches(' ');
    if body.is_empty() {
        return inner.to_owned();
    }
    let lead = if inner.starts_with(' ') { " " } else { "" };
    let trail = if inner.ends_with(' ') { " " } else { "" };
    format!("{lead}{mark}{body}{mark}{trail}")
}

/// A code span for `text`: white space collapsed, delimited by one more backtick than the longest
/// run inside, padded with a space when the text starts or ends with a backtick.
pub fn code_span(text: &str) -> String {
    let text = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return String::new();
    }
    let fence = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The length of the longest run of `c` in `text`.
pub fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for x in text.chars() {
        cur = if x == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// Escapes what would open a block at the start of each line of a paragraph: an ATX heading
/// (`#` is always escaped already), a list item (`-`, `+`, `1.`, `1)`), a setext underline
/// (`=`, `-`) or a rule.
pub fn escape_line_starts(para: &str) -> String {
    if !para.contains('\n') && !starts_block(para) {
        return para.to_owned();
    }
    let mut out = String::with_capacity(para.len() + 4);
    for (i, line) in para.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let (lead, rest) = line.split_at(indent);
        out.push_str(lead);
        if starts_block(rest) {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            out.push_str(&rest[..digits]);
            out.push('\\');
            out.push_str(&rest[digits..]);
        } else {
            out.push_str(rest);
        }
    }
    out
}

fn starts_block(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'+' | b'=') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9 && matches!(b.get(digits), Some(b'.' | b')'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::escape_inline;

    #[test]
    fn text_collapses_white_space_and_is_escaped() {
        let mut out = String::new();
        let mut no_space = true;
        push_text(&mut out, "  a*b  \n c ", &mut no_space);
        push_text(&mut out, " [d]", &mut no_space);
        assert_eq!(out, r"a\*b c \[d\]");
        assert!(!no_space);
    }

    #[test]
    fn line_starts_that_open_blocks() {
        assert_eq!(escape_line_starts("- not a list"), "\\- not a list");
        assert_eq!(escape_line_starts("2023. A year"), "2023\\. A year");
        assert_eq!(
            escape_line_starts("one\\\n= two\\\n+ three\\\n7) four"),
            "one\\\n\\= two\\\n\\+ three\\\n7\\) four"
        );
        assert_eq!(escape_line_starts("2023 was"), "2023 was");
    }

    #[test]
    fn emphasis_keeps_spaces_outside() {
        assert_eq!(wrap(" bold ", "**"), " **bold** ");
        assert_eq!(wrap("   ", "*"), "   ");
    }

    #[test]
    fn code_spans_fence_around_backticks() {
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("  "), "");
    }

    proptest::proptest! {
        /// Escaping word by word gives the bytes of escaping the collapsed text as one.
        #[test]
        fn pushed_text_is_the_collapsed_text_escaped(
            text in "[ \t\n\r0-9a-z.)#+=&!\\[\\]`*_<>|~\\\\é-]{0,40}",
            no_space in proptest::bool::ANY,
        ) {
            let mut out = String::from("x");
            let mut flag = no_space;
            push_text(&mut out, &text, &mut flag);
            let words: Vec<&str> = text.split(is_html_space).filter(|w| !w.is_empty()).collect();
            let lead = if text.starts_with(is_html_space) && !no_space { " " } else { "" };
            let trail = if !words.is_empty() && text.ends_with(is_html_space) { " " } else { "" };
            let expected = format!("x{lead}{}{trail}", escape_inline(&words.join(" ")));
            proptest::prop_assert_eq!(out, expected);
        }
    }
}
