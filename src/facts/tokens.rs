//! Tokenizer: splits a sentence into words, numbers and punctuation with byte ranges.

use super::lexicon::{Lex, classify};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TokKind {
    Word,
    Num,
    Punct,
}

/// One token of a sentence.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// White space (or the start of the sentence) comes right before it.
    pub spaced: bool,
    /// Part of a URL or e-mail address: never a fact.
    pub skip: bool,
    pub lex: Lex,
}

impl Tok<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_num(&self) -> bool {
        self.kind == TokKind::Num
    }

    pub fn glued(&self) -> bool {
        !self.spaced
    }

    /// A hyphen joining two parts of a word.
    pub fn is_hyphen(&self) -> bool {
        self.kind == TokKind::Punct && matches!(self.text, "-" | "\u{2010}" | "\u{2011}")
    }

    /// A hyphen or an en dash, as between the ends of a range.
    pub fn is_dash(&self) -> bool {
        self.is_hyphen() || self.text == "\u{2013}"
    }

    pub fn is_capitalized(&self) -> bool {
        self.is_word() && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Number of ASCII digits in a number token (before any decimal point).
    pub fn int_digits(&self) -> usize {
        self.text
            .bytes()
            .take_while(|b| *b != b'.')
            .filter(u8::is_ascii_digit)
            .count()
    }

    /// The plain integer value of a number token without separators or decimals.
    pub fn plain_int(&self) -> Option<u32> {
        if self.kind != TokKind::Num || !self.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.text.parse().ok()
    }
}

/// Splits `s` into tokens. Numbers keep thousands separators ("2,400") and one decimal point.
pub(super) fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let bytes = s.as_bytes();
    let mut toks: Vec<Tok<'_>> = Vec::with_capacity(s.len() / 5 + 1);
    let mut spaced = true;
    let mut chunk_first = 0usize;
    let mut chunk_start = 0usize;
    let mut i = 0usize;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() {
            if !spaced {
                mark_links(&mut toks[chunk_first..], &s[chunk_start..i]);
            }
            spaced = true;
            i += len;
            continue;
        }
        if spaced {
            chunk_first = toks.len();
            chunk_start = i;
        }
        let start = i;
        let leading_dot = c == '.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (spaced
                || toks
                    .last()
                    .is_some_and(|p| matches!(p.text, "$" | "-" | "\u{2212}" | "(" | "+")));
        let kind = if c.is_ascii_digit() || leading_dot {
            i = scan_number(bytes, i);
            TokKind::Num
        } else if c.is_alphabetic() {
            i += len;
            while let Some(n) = s[i..].chars().next() {
                if !n.is_alphabetic() {
                    break;
                }
                i += n.len_utf8();
            }
            TokKind::Word
        } else {
            i += len;
            TokKind::Punct
        };
        let text = &s[start..i];
        let lex = if kind == TokKind::Word {
            classify(text)
        } else {
            Lex::None
        };
        toks.push(Tok {
            text,
            start,
            end: i,
            kind,
            spaced,
            skip: false,
            lex,
        });
        spaced = false;
    }
    if !spaced {
        mark_links(&mut toks[chunk_first..], &s[chunk_start..]);
    }
    mark_citations(&mut toks);
    toks
}

/// "(Citation: Report June 2017)", "(Source: …)": reference notes, never facts.
fn mark_citations(toks: &mut [Tok<'_>]) {
    const LABELS: &[&str] = &[
        "Citation",
        "Citations",
        "Source",
        "Sources",
        "Ref",
        "Reference",
        "References",
        "Cf",
    ];
    let mut k = 0;
    while k + 2 < toks.len() {
        let opens = toks[k].text == "("
            && LABELS.contains(&toks[k + 1].text)
            && toks[k + 1].glued()
            && toks[k + 2].text == ":";
        if !opens {
            k += 1;
            continue;
        }
        while k < toks.len() && toks[k].text != ")" {
            toks[k].skip = true;
            k += 1;
        }
    }
}

fn scan_number(b: &[u8], mut i: usize) -> usize {
    let digits = |b: &[u8], mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    i = digits(b, i);
    while b.get(i) == Some(&b',')
        && b.get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
    {
        i += 4;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i = digits(b, i + 1);
    }
    // An exponent: "4e14", "9.83e-3"; not "3em" or "2e" before a word.
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'-' | b'+')));
        let e = digits(b, i + 1 + sign);
        if e > i + 1 + sign && !b.get(e).is_some_and(u8::is_ascii_alphabetic) {
            i = e;
        }
    }
    i
}

fn mark_links(toks: &mut [Tok<'_>], chunk: &str) {
    let lower = chunk.trim_start_matches(['(', '<', '[', '"', '\u{201c}']);
    let is_link = chunk.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("WWW.")
        || chunk
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'));
    if is_link {
        for t in toks {
            t.skip = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn numbers_keep_separators_and_decimals() {
        assert_eq!(texts("$316.4 million"), ["$", "316.4", "million"]);
        assert_eq!(texts("2,400 employees"), ["2,400", "employees"]);
        assert_eq!(
            texts("1,2 and 2.3.1"),
            ["1", ",", "2", "and", "2.3", ".", "1"]
        );
    }

    #[test]
    fn exponents_and_leading_dots_are_numbers() {
        assert_eq!(texts("at 4e14 s-1"), ["at", "4e14", "s", "-", "1"]);
        assert_eq!(texts("-1e-3 W"), ["-", "1e-3", "W"]);
        assert_eq!(texts("a 2em gap"), ["a", "2", "em", "gap"]);
        assert_eq!(texts("only .001 per"), ["only", ".001", "per"]);
        assert_eq!(
            texts("$.50 and theft.3"),
            ["$", ".50", "and", "theft", ".", "3"]
        );
    }

    #[test]
    fn spacing_is_recorded() {
        let t = tokenize("Covid-19 now");
        assert!(t[0].spaced && t[1].glued() && t[2].glued() && t[3].spaced);
    }

    #[test]
    fn citation_notes_are_skipped() {
        let t = tokenize("since 2009.(Citation: US-CERT June 2017) In 2020");
        let skipped: Vec<&str> = t
            .iter()
            .filter(|t| t.skip && t.is_num())
            .map(|t| t.text)
            .collect();
        assert_eq!(skipped, ["2017"]);
    }

    #[test]
    fn links_are_skipped() {
        let t = tokenize("see https://example.org/2019/report and mail a@b.org now");
        assert!(t.iter().filter(|t| t.text == "2019").all(|t| t.skip));
        assert!(!t.last().unwrap().skip);
        assert!(t.iter().any(|t| t.text == "b" && t.skip));
    }
}
