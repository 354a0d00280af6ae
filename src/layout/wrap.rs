//! Word wrapping by display width (unicode-width): the one place lines are broken.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// Display width of a character: wide (Hangul, CJK) characters take two columns.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Breaks `text` into lines no wider than `width` columns, returned as byte ranges of `text`.
///
/// Breaks fall at spaces (which are dropped at the break), after wide characters (CJK has no
/// spaces) and, for a word longer than a line, inside the word. `\n` forces a break. Every
/// non-space character lands in exactly one line, in order. A width below 2 is treated as 2 so
/// that a wide character always fits.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for (para_start, para) in split_hard(text) {
        wrap_paragraph(para, para_start, width, &mut lines);
    }
    lines
}

/// Breaks `text` at exactly `width` columns, ignoring word boundaries (code, long URLs).
pub fn wrap_hard(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for (start, para) in split_hard(text) {
        let mut line_start = start;
        let mut used = 0;
        for (i, c) in para.char_indices() {
            let w = char_width(c);
            if used + w > width && start + i > line_start {
                lines.push(line_start..start + i);
                line_start = start + i;
                used = 0;
            }
            used += w;
        }
        lines.push(line_start..start + para.len());
    }
    lines
}

fn split_hard(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |part| {
        let at = start;
        start += part.len() + 1;
        (at, part)
    })
}

fn wrap_paragraph(para: &str, base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let first = lines.len();
    let mut line: Option<(usize, usize)> = None; // (start, end) bytes within para
    let mut used = 0;
    let mut pos = 0;
    let bytes = para.as_bytes();
    while pos < para.len() {
        if bytes[pos] == b' ' {
            pos += 1;
            continue;
        }
        let word_end = word_end(para, pos);
        let word = &para[pos..word_end];
        let word_width = str_width(word);
        let gap = line.map_or(0, |(_, end)| pos - end);
        match line {
            Some((start, _)) if used + gap + word_width <= width => {
                line = Some((start, word_end));
                used += gap + word_width;
            }
            _ if word_width <= width => {
                if let Some((start, end)) = line {
                    lines.push(base + start..base + end);
                }
                line = Some((pos, word_end));
                used = word_width;
            }
            _ => {
                // A word longer than a line: fill the current line, then break inside the word.
                let (mut cur_start, mut room) = match line.take() {
                    Some((start, _)) if width.saturating_sub(used + gap) >= 2 => {
                        (start, width - used - gap)
                    }
                    Some((start, end)) => {
                        lines.push(base + start..base + end);
                        (pos, width)
                    }
                    None => (pos, width),
                };
                let mut piece_width = 0;
                for (i, c) in word.char_indices() {
                    let w = char_width(c);
                    if piece_width + w > room && pos + i > cur_start {
                        lines.push(base + cur_start..base + pos + i);
                        cur_start = pos + i;
                        room = width;
                        piece_width = 0;
                    }
                    piece_width += w;
                }
                line = Some((cur_start, word_end));
                used = piece_width;
            }
        }
        pos = word_end;
    }
    if let Some((start, end)) = line {
        lines.push(base + start..base + end);
    }
    if lines.len() == first {
        lines.push(base..base);
    }
}

/// End of the word starting at `pos`: the next space, or just after a wide character (a break
/// opportunity in CJK text).
fn word_end(para: &str, pos: usize) -> usize {
    for (i, c) in para[pos..].char_indices() {
        if c == ' ' {
            return pos + i;
        }
        if char_width(c) == 2 && is_cjk_breakable(c) {
            return pos + i + c.len_utf8();
        }
    }
    para.len()
}

/// Han, kana and fullwidth forms may break anywhere; Hangul breaks at spaces like Latin text.
fn is_cjk_breakable(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn long_words_break_inside() {
        assert_eq!(lines("a abcdefghij b", 4), ["a ab", "cdef", "ghij", "b"]);
    }

    #[test]
    fn hangul_takes_two_columns() {
        let text = "북한의 사이버 공격은 증가하고 있다";
        for line in lines(text, 8) {
            assert!(str_width(line) <= 8, "{line}");
        }
        assert_eq!(lines(text, 8)[0], "북한의");
    }

    #[test]
    fn han_breaks_without_spaces() {
        let text = "朝鲜网络攻击不断增加";
        let out = lines(text, 6);
        assert_eq!(out, ["朝鲜网", "络攻击", "不断增", "加"]);
    }

    #[test]
    fn hard_breaks_and_empty_text_give_lines() {
        assert_eq!(lines("a\nb", 10), ["a", "b"]);
        assert_eq!(lines("", 10), [""]);
        assert_eq!(wrap_hard("abcdef", 4).len(), 2);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "[a-z]{1,12}",
                "[가-힣]{1,6}",
                "[一-龥]{1,5}",
                Just(" ".to_owned()),
                Just("  ".to_owned()),
                Just("\n".to_owned()),
                "[a-zA-Z0-9.,;:!?'()-]{10,40}",
                Just("e\u{301}".to_owned()),
            ];
            prop::collection::vec(piece, 0..40).prop_map(|p| p.join(""))
        }

        proptest! {
            #[test]
            fn lines_fit_keep_every_character_in_order_and_map_back(text in text(), width in 2usize..60) {
                let ranges = wrap(&text, width);
                let mut rebuilt = String::new();
                let mut last_end = 0;
                for r in &ranges {
                    let line = &text[r.clone()];
                    prop_assert!(str_width(line) <= width, "{:?} wider than {}", line, width);
                    prop_assert!(r.start >= last_end, "lines in source order");
                    last_end = r.end;
                    rebuilt.push_str(line);
                }
                let kept: String = rebuilt.chars().filter(|c| !c.is_whitespace()).collect();
                let source: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                prop_assert_eq!(kept, source);
            }

            #[test]
            fn hard_wrap_fits_and_keeps_everything(text in text(), width in 2usize..60) {
                let ranges = wrap_hard(&text, width);
                let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
                prop_assert_eq!(joined, text.replace('\n', ""));
                for r in ranges {
                    prop_assert!(str_width(&text[r]) <= width);
                }
            }
        }
    }
}
