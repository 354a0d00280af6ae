//! Number literals (digits, number words, scales) and the test that tells a figure from a code.

use super::lexicon::{Lex, is_function_word};
use super::tokens::Tok;

/// A number read from one or more tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct NumLit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pub value: f64,
    /// The value is a whole number.
    pub integral: bool,
    /// Written in words ("three", "a million").
    pub spelled: bool,
    /// Product of the scale words that followed (1 without any).
    pub scale: u64,
}

impl NumLit {
    /// The same number with a scale applied ("$10 to $15 million": 10 becomes 10 million).
    pub fn scaled_by(mut self, scale: u64) -> Self {
        self.value *= scale as f64;
        self.scale = scale;
        self.integral = self.value.fract() == 0.0;
        self
    }
}

/// Reads a number at `i` unless it is part of a name, code, version or reference.
pub(super) fn parse_num(toks: &[Tok<'_>], i: usize) -> Option<NumLit> {
    let tok = toks.get(i)?;
    if tok.skip || (tok.is_num() && is_code(toks, i)) {
        return None;
    }
    parse_num_raw(toks, i)
}

/// Reads a number at `i` without the code test (for the second end of a range, or after "$").
pub(super) fn parse_num_raw(toks: &[Tok<'_>], i: usize) -> Option<NumLit> {
    let tok = toks.get(i)?;
    if tok.is_num() {
        let (mant, dec) = digits(tok.text)?;
        let (j, scale) = scales(toks, i + 1, true);
        let (value, integral) = exact(mant, dec, scale)?;
        return Some(NumLit {
            start: i,
            end: j,
            value,
            integral,
            spelled: false,
            scale,
        });
    }
    spelled(toks, i)
}

fn spelled(toks: &[Tok<'_>], i: usize) -> Option<NumLit> {
    let tok = &toks[i];
    if tok.is_capitalized() && i > 0 && toks[i - 1].is_word() {
        return None;
    }
    let (mut v, mut j) = match tok.lex {
        Lex::Card(v) => (u64::from(v), i + 1),
        _ if tok.is("a") || tok.is("an") => {
            let n = toks.get(i + 1)?;
            let full =
                matches!(n.lex, Lex::Dozen) || (matches!(n.lex, Lex::Scale(_)) && n.text.len() > 3);
            if !full || n.glued() {
                return None;
            }
            (1, i + 1)
        }
        _ => return None,
    };
    if v >= 20
        && v % 10 == 0
        && toks.get(j).is_some_and(|h| h.is_hyphen() && h.glued())
        && let Some(Lex::Card(u)) = toks.get(j + 1).filter(|n| n.glued()).map(|n| n.lex)
        && u < 10
    {
        v += u64::from(u);
        j += 2;
    }
    if toks.get(j).is_some_and(|h| h.is_hyphen() && h.glued())
        && toks.get(j + 1).is_some_and(|n| n.glued() && n.is_word())
    {
        return None;
    }
    if toks.get(j).is_some_and(|n| n.lex == Lex::Dozen && n.spaced) {
        v *= 12;
        j += 1;
    }
    let (j, scale) = scales(toks, j, false);
    let value = v.checked_mul(scale)? as f64;
    Some(NumLit {
        start: i,
        end: j,
        value,
        integral: true,
        spelled: true,
        scale,
    })
}

/// Scale words after a number: "million", "bn" (abbreviations only when glued: "$5bn").
fn scales(toks: &[Tok<'_>], mut j: usize, allow_abbrev: bool) -> (usize, u64) {
    let mut scale: u64 = 1;
    while let Some(n) = toks.get(j) {
        let Lex::Scale(s) = n.lex else { break };
        let abbrev = n.text.len() <= 3;
        if abbrev && (!allow_abbrev || n.spaced || j == 0 || !toks[j - 1].is_num()) {
            break;
        }
        let Some(next) = scale.checked_mul(s) else {
            break;
        };
        scale = next;
        j += 1;
    }
    (j, scale)
}

/// Mantissa and count of decimals of "2,400" or "316.4".
fn digits(text: &str) -> Option<(u128, u32)> {
    let mut mant: u128 = 0;
    let mut dec = 0u32;
    let mut after_point = false;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                mant = mant.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
                if after_point {
                    dec += 1;
                }
            }
            b'.' => after_point = true,
            _ => {}
        }
    }
    (dec <= 18).then_some((mant, dec))
}

/// `mant / 10^dec * scale`, exact when the result is whole.
fn exact(mant: u128, dec: u32, scale: u64) -> Option<(f64, bool)> {
    let num = mant.checked_mul(u128::from(scale))?;
    let den = 10u128.pow(dec);
    if num % den == 0 {
        Some(((num / den) as f64, true))
    } else {
        Some((num as f64 / den as f64, false))
    }
}

/// A four-digit year in 1900..=2100.
pub(super) fn year_of(tok: &Tok<'_>) -> Option<i32> {
    if tok.text.len() != 4 {
        return None;
    }
    let y = i32::try_from(tok.plain_int()?).ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Whether the number token at `i` is part of a name, code, version, citation or phone number.
pub(super) fn is_code(toks: &[Tok<'_>], i: usize) -> bool {
    let tok = &toks[i];
    if tok.skip {
        return true;
    }
    let b = tok.text.as_bytes();
    if b.len() > 1 && b[0] == b'0' && b[1].is_ascii_digit() {
        return true;
    }
    let prev = i.checked_sub(1).map(|k| &toks[k]);
    let prev2 = i.checked_sub(2).map(|k| &toks[k]);
    if let Some(p) = prev
        && tok.glued()
        && glued_code_before(toks, i, p, prev2)
    {
        return true;
    }
    if glued_code_after(toks, i) {
        return true;
    }
    if let Some(p) = prev
        && tok.spaced
    {
        if p.text == "No" || p.text == "Nos" {
            return true;
        }
        if p.is_capitalized()
            && !is_function_word(p.text)
            && !matches!(
                p.lex,
                Lex::Month(_)
                    | Lex::CurCode(_)
                    | Lex::Card(_)
                    | Lex::Part(_)
                    | Lex::Rel(_)
                    | Lex::Scale(_)
            )
        {
            return true;
        }
        if p.text == "#" {
            return true;
        }
        if let Some(q) = prev2 {
            const REF: &[&str] = &[
                "No", "no", "Nos", "nos", "p", "pp", "Vol", "vol", "Art", "art", "Sec", "sec",
                "Fig", "fig", "Ch", "ch", "Para", "para", "Ref", "ref", "Nr", "nr",
            ];
            if p.text == "." && p.glued() && REF.contains(&q.text) {
                return true;
            }
            if p.text == ":" && q.is_capitalized() {
                return true;
            }
            if p.text == "," && year_of(tok).is_some() && is_citation_author(toks, i - 2) {
                let closes = toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.text, ")" | ";" | "]"))
                    || (toks.get(i + 1).is_some_and(|n| n.text == ",")
                        && toks.get(i + 2).is_some_and(|n| n.is("p") || n.is("pp")));
                if closes {
                    return true;
                }
            }
        }
    }
    false
}

fn glued_code_before(toks: &[Tok<'_>], i: usize, p: &Tok<'_>, prev2: Option<&Tok<'_>>) -> bool {
    if p.is_word() {
        return true;
    }
    let q = prev2.filter(|_| p.glued());
    if p.is_hyphen()
        && let Some(q) = q
    {
        return q.is_num() || (q.is_word() && !matches!(q.lex, Lex::Part(_)));
    }
    if matches!(p.text, ":" | "/" | ".") && q.is_some_and(|q| q.is_num() || q.is_word()) {
        return true;
    }
    if p.text == "#" {
        return true;
    }
    if matches!(
        p.text,
        "," | ")" | "]" | "\u{201d}" | "\"" | "\u{2019}" | ";"
    ) && q.is_some()
    {
        return true;
    }
    p.text == "[" && toks.get(i + 1).is_some_and(|n| n.text == "]" && n.glued())
}

fn glued_code_after(toks: &[Tok<'_>], i: usize) -> bool {
    let Some(n) = toks.get(i + 1).filter(|n| n.glued()) else {
        return false;
    };
    let glued_num_at = |k: usize| toks.get(k).is_some_and(|m| m.is_num() && m.glued());
    if n.is_word() {
        let suffix_ok = matches!(n.lex, Lex::Scale(_) | Lex::Unit | Lex::TimeUnit)
            || ["s", "st", "nd", "rd", "th", "x"].iter().any(|s| n.is(s));
        return !suffix_ok;
    }
    if matches!(n.text, "." | ":" | "/") && glued_num_at(i + 2) {
        return true;
    }
    if n.is_hyphen() && glued_num_at(i + 2) {
        if toks.get(i + 3).is_some_and(|x| x.is_hyphen() && x.glued()) && glued_num_at(i + 4) {
            return true;
        }
        let m = &toks[i + 2];
        let years = year_of(&toks[i]).is_some() && (m.text.len() == 2 || year_of(m).is_some());
        return !years && (m.int_digits() >= 4 || m.text.starts_with('0'));
    }
    false
}

fn is_citation_author(toks: &[Tok<'_>], k: usize) -> bool {
    let q = &toks[k];
    if q.is_capitalized() && !is_function_word(q.text) {
        return true;
    }
    q.text == "." && k >= 1 && toks[k - 1].is("al")
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the figures must be exact")]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn first_num(s: &str) -> Option<NumLit> {
        let toks = tokenize(s);
        (0..toks.len()).find_map(|i| parse_num(&toks, i))
    }

    fn codes(s: &str) -> Vec<bool> {
        let toks = tokenize(s);
        (0..toks.len())
            .filter(|&i| toks[i].is_num())
            .map(|i| is_code(&toks, i))
            .collect()
    }

    #[test]
    fn scaled_values_are_exact() {
        assert_eq!(first_num("316.4 million").unwrap().value, 316_400_000.0);
        assert_eq!(first_num("2.5 billion").unwrap().value, 2_500_000_000.0);
        assert_eq!(first_num("$5bn").unwrap().value, 5_000_000_000.0);
        assert_eq!(first_num("2,400").unwrap().value, 2400.0);
    }

    #[test]
    fn number_words() {
        assert_eq!(first_num("twenty-five people").unwrap().value, 25.0);
        assert_eq!(first_num("a million").unwrap().value, 1e6);
        assert_eq!(first_num("two dozen").unwrap().value, 24.0);
        assert_eq!(first_num("one-shot attacks"), None);
        assert_eq!(first_num("Operation Ten Days of Rain"), None);
        assert_eq!(first_num("Ten days later").unwrap().value, 10.0);
        assert!(first_num("three exchanges").unwrap().spelled);
    }

    #[test]
    fn codes_are_recognised() {
        for s in [
            "Covid-19",
            "COVID-19",
            "Windows 10",
            "ISO 27001",
            "CVE-2021-44228",
            "Python 3.11",
            "G7",
            "A4",
            "Resolution 2375",
            "report No. 123",
            "SHA-256",
            "IPv6",
            "the Report 2019",
            "call 555-0100",
            "theft.3",
            "version 2.3.1",
            "at 10:30",
            "(Kim, 2019)",
            "Index: 5813",
        ] {
            assert!(codes(s).iter().all(|c| *c), "{s}");
        }
        for s in [
            "30 countries",
            "since 2018",
            "In 2021,",
            "$316.4 million",
            "10-15%",
            "2020-21",
        ] {
            assert!(!codes(s)[0], "{s}");
        }
    }
}
