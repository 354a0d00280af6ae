//! Sentence bounds in a paragraph: UAX #29-style sentence breaks, rejoined after abbreviations.

use std::borrow::Cow;
use std::ops::Range;

/// Abbreviations that never end a sentence.
const ALWAYS_JOIN: &[&str] = &[
    "U.S.", "U.N.", "U.K.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.",
    "Sgt.", "Capt.", "Cmdr.", "Adm.", "Sen.", "Rep.", "Gov.", "Pres.", "Rev.", "Hon.", "St.",
    "Mt.", "e.g.", "i.e.", "cf.", "vs.", "v.", "No.", "Nos.", "no.", "Vol.", "vol.", "p.", "pp.",
    "Fig.", "fig.", "Art.", "approx.", "ca.", "Dept.", "Univ.", "al.", "Ph.D.", "Jr.", "Sr.",
];

/// Month abbreviations: they end no sentence when a day number follows ("Oct. 18").
const MONTHS: &[&str] = &[
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// Splits `text` into contiguous segments at sentence boundaries, in the manner of UAX #29
/// (each segment keeps its trailing spaces): after `.`, `!`, `?` (and the CJK full stops),
/// any closing quotes or brackets and the spaces that follow, but not inside numbers ("3.14"),
/// initialisms ("U.S"), or before a lower-case word ("e.g. this"); and after line breaks.
/// Hand-written because the generic segmenter was the slowest step of indexing a library.
fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        let cjk = matches!(c, '。' | '！' | '？');
        if c == '\n' {
            i += 1;
            out.push((start, &text[start..i]));
            start = i;
            continue;
        }
        if !matches!(c, '.' | '!' | '?') && !cjk {
            i += len;
            continue;
        }
        let mut j = i + len;
        while let Some(next) = text[j..].chars().next() {
            if matches!(
                next,
                '.' | '!'
                    | '?'
                    | '"'
                    | '\''
                    | ')'
                    | ']'
                    | '}'
                    | '”'
                    | '’'
                    | '»'
                    | '」'
                    | '』'
                    | '。'
                    | '！'
                    | '？'
            ) {
                j += next.len_utf8();
            } else {
                break;
            }
        }
        // Notes glued to the end of a sentence stay with it: "….(Citation: X)(Citation: Y) Next".
        if !cjk {
            while let Some(open @ (b'(' | b'[')) = bytes.get(j).copied() {
                let close = if open == b'(' { ')' } else { ']' };
                match text[j..].find(close) {
                    Some(k) if !text[j..j + k].contains('\n') => j += k + 1,
                    _ => break,
                }
            }
        }
        let after_close = j;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        let spaced = j > after_close;
        let at_end = j >= bytes.len();
        let next = text[j..].chars().next();
        let breaks = at_end
            || next == Some('\n')
            || (cjk && !spaced)
            || (spaced && !(c == '.' && next.is_some_and(char::is_lowercase)));
        if breaks {
            if next == Some('\n') {
                j += 1;
            }
            out.push((start, &text[start..j]));
            start = j;
        }
        i = j.max(i + len);
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// Byte ranges of the sentences of a paragraph, trimmed of surrounding white space.
/// Single line breaks count as spaces; a blank line always ends a sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let text = unwrap_lines(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, seg) in sentence_bounds(&text) {
        let mut start = start;
        let end = start + seg.len();
        if let Some(last) = out.last_mut()
            && let Some(close) = glued_notes_end(&text, last.end, start)
            && close <= end
        {
            last.end = close;
            start = close;
        }
        let seg = &text[start..end];
        let lead = seg.len() - seg.trim_start().len();
        let trimmed = seg.trim();
        if trimmed.is_empty() {
            continue;
        }
        let range = start + lead..start + lead + trimmed.len();
        if let Some(last) = out.last_mut()
            && !text[last.end..range.start].contains("\n\n")
            && joins(&text[last.clone()], trimmed)
        {
            last.end = range.end;
            continue;
        }
        out.push(range);
    }
    out
}

/// UAX #29 ends "…2017.(Citation: X)(Citation: Y) Next" after the "(": the notes glued to a
/// sentence's end belong to it. Returns where they end, when the previous sentence (ending at
/// `prev_end`) ends in an opening bracket glued to its final punctuation.
fn glued_notes_end(text: &str, prev_end: usize, seg_start: usize) -> Option<usize> {
    let prev = text[..prev_end].trim_end();
    let open = prev.strip_suffix(['(', '['])?;
    if !open.ends_with(['.', '!', '?', '"', '\u{201d}', ')', ']'])
        || prev.len() != text[..seg_start].trim_end().len()
    {
        return None;
    }
    let mut depth = 1usize;
    let mut pos = prev.len();
    for (k, c) in text[prev.len()..].char_indices().take(400) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            pos = prev.len() + k + 1;
            if !text[pos..].starts_with(['(', '[']) {
                return Some(pos);
            }
        }
    }
    (depth == 0).then_some(pos)
}

/// Replaces lone line breaks by spaces (same byte length, so ranges stay valid).
fn unwrap_lines(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let is_nl = |k: usize| b.get(k) == Some(&b'\n');
    let out: String = text
        .char_indices()
        .map(|(k, c)| match c {
            '\r' => ' ',
            '\n' if !(is_nl(k + 1) || (k > 0 && is_nl(k - 1))) => ' ',
            c => c,
        })
        .collect();
    Cow::Owned(out)
}

/// Whether the break between `prev` and `next` falls after an abbreviation and must go.
fn joins(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(char::is_whitespace).next().unwrap_or(prev);
    let last = last.trim_start_matches(['(', '[', '"', '\'', '\u{201c}', '\u{2018}']);
    if !last.ends_with('.') {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    if ALWAYS_JOIN.contains(&last) {
        return true;
    }
    if MONTHS.contains(&last) {
        return first.is_ascii_digit();
    }
    is_initials(last) && first.is_uppercase()
}

/// "J." or "J.R.": single capital letters, each followed by a full stop.
fn is_initials(word: &str) -> bool {
    let b = word.as_bytes();
    b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "On October 18, 2022, U.S. Homeland Security Secretary Alejandro Mayorkas spoke. \
                    The U.N. Security Council met. Mr. Kim and Dr. Lee agreed, e.g. on sanctions, \
                    i.e. on cyber. See report No. 123 vs. 124 etc. for details.";
        assert_eq!(
            split(text),
            [
                "On October 18, 2022, U.S. Homeland Security Secretary Alejandro Mayorkas spoke.",
                "The U.N. Security Council met.",
                "Mr. Kim and Dr. Lee agreed, e.g. on sanctions, i.e. on cyber.",
                "See report No. 123 vs. 124 etc. for details.",
            ]
        );
    }

    #[test]
    fn decimals_initials_and_months() {
        let text =
            "Hackers stole $316.4 million. J. R. Smith wrote it on Oct. 18 in Seoul. It ended.";
        assert_eq!(
            split(text),
            [
                "Hackers stole $316.4 million.",
                "J. R. Smith wrote it on Oct. 18 in Seoul.",
                "It ended."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text =
            "It is called \u{201c}Hidden Cobra.\u{201d} The U.S. agrees. (So do others.) Next.";
        assert_eq!(
            split(text),
            [
                "It is called \u{201c}Hidden Cobra.\u{201d}",
                "The U.S. agrees.",
                "(So do others.)",
                "Next."
            ]
        );
    }

    #[test]
    fn notes_glued_to_a_sentence_stay_with_it() {
        let text = "It is attributed to the RGB.(Citation: US-CERT June 2017)(Citation: Treasury 2019) The group has been active since 2009.";
        assert_eq!(
            split(text),
            [
                "It is attributed to the RGB.(Citation: US-CERT June 2017)(Citation: Treasury 2019)",
                "The group has been active since 2009.",
            ]
        );
    }

    #[test]
    fn etc_can_end_a_sentence() {
        assert_eq!(
            split("Banks, exchanges, etc. The rest."),
            ["Banks, exchanges, etc.", "The rest."]
        );
    }

    #[test]
    fn line_breaks() {
        let text = "One line\nwraps here. Two.\n\nThree";
        assert_eq!(split(text), ["One line\nwraps here.", "Two.", "Three"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences("   \n ").is_empty());
    }
}
