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
    if tok.skip || (tok.is_num() && fraction_at(toks, i).is_none() && is_code(toks, i)) {
        return None;
    }
    parse_num_raw(toks, i)
}

/// A minus sign before a number: "-18", "−273.15", "$-99.99", not "COVID-19".
fn is_minus_at(toks: &[Tok<'_>], i: usize) -> bool {
    let t = &toks[i];
    let before_ok = t.spaced
        || i.checked_sub(1).is_some_and(|k| {
            matches!(
                toks[k].text,
                "(" | "$" | "\u{20ac}" | "\u{a3}" | "\u{a5}" | "~" | "\u{2013}" | "\u{2014}" | "["
            )
        });
    matches!(t.text, "-" | "\u{2212}")
        && before_ok
        && toks.get(i + 1).is_some_and(|n| n.is_num() && n.glued())
}

/// Reads a number at `i` without the code test (for the second end of a range, or after "$").
pub(super) fn parse_num_raw(toks: &[Tok<'_>], i: usize) -> Option<NumLit> {
    let tok = toks.get(i)?;
    if is_minus_at(toks, i) {
        let n = parse_num_raw(toks, i + 1).filter(|n| !n.spelled)?;
        return Some(NumLit {
            start: i,
            value: -n.value,
            ..n
        });
    }
    if tok.is("minus") {
        let k = if toks.get(i + 1).is_some_and(|h| h.is_hyphen() && h.glued()) {
            i + 2
        } else {
            i + 1
        };
        let n = toks
            .get(k)
            .filter(|n| n.is_num())
            .and_then(|_| parse_num_raw(toks, k))?;
        return Some(NumLit {
            start: i,
            value: -n.value,
            ..n
        });
    }
    if let Some(v) = vulgar(tok) {
        return Some(NumLit {
            start: i,
            end: i + 1,
            value: v,
            integral: false,
            spelled: false,
            scale: 1,
        });
    }
    if tok.is_num() {
        if let Some((value, end)) = fraction_at(toks, i) {
            let value = value?;
            return Some(NumLit {
                start: i,
                end,
                value,
                integral: false,
                spelled: false,
                scale: 1,
            });
        }
        let (mut value, mut integral, mut j, scale) = digits_value(toks, i)?;
        if let Some((frac, e)) = fraction_after(toks, j, integral && scale == 1) {
            value += frac;
            integral = false;
            j = e;
        }
        let (value, j) = and_a_half(toks, j, value);
        return Some(NumLit {
            start: i,
            end: j,
            value,
            integral: integral && value.fract() == 0.0,
            spelled: false,
            scale,
        });
    }
    spelled(toks, i)
}

/// The value of a number token with its scale words or power of ten: "316.4 million",
/// "4e14", "2.48×10−5", "8x2^10". Returns value, whole, end and scale.
fn digits_value(toks: &[Tok<'_>], i: usize) -> Option<(f64, bool, usize, u64)> {
    let tok = &toks[i];
    if let Some((m, e)) = tok.text.split_once(['e', 'E']) {
        let v: f64 = format!("{}e{e}", m.replace(',', "")).parse().ok()?;
        return Some((v, v.fract() == 0.0, i + 1, 1));
    }
    let (mant, dec) = digits(tok.text)?;
    if let Some((base, exp, end)) = power_after(toks, i + 1) {
        let m = mant as f64 / 10f64.powi(i32::try_from(dec).ok()?);
        let v = m * base.powi(exp);
        let v = if exp < 0 { round_sig(v) } else { v };
        return Some((v, v.fract() == 0.0, end, 1));
    }
    let (mant, dec, k) = spaced_thousands(toks, i, mant, dec);
    let (j, scale) = scales(toks, k, true);
    let (value, integral) = exact(mant, dec, scale)?;
    Some((value, integral, j, scale))
}

/// "10 000": groups of three digits after a space, as some styles write thousands.
fn spaced_thousands(toks: &[Tok<'_>], i: usize, mant: u128, dec: u32) -> (u128, u32, usize) {
    let lead = &toks[i];
    let plain = |t: &Tok<'_>| t.text.bytes().all(|b| b.is_ascii_digit());
    if !plain(lead) || lead.text.len() > 3 || dec > 0 {
        return (mant, dec, i + 1);
    }
    let mut m = mant;
    let mut k = i + 1;
    while let Some(g) = toks
        .get(k)
        .filter(|g| g.is_num() && g.spaced && g.text.len() == 3 && plain(g))
    {
        m = m * 1000 + u128::from(g.plain_int().unwrap_or(0));
        k += 1;
    }
    let (mut m2, mut d2) = (m, 0);
    if k > i + 1
        && let Some(f) = toks.get(k).filter(|f| f.glued() && f.text.starts_with('.'))
        && let Some((fm, fd)) = digits(f.text)
    {
        m2 = m * 10u128.pow(fd) + fm;
        d2 = fd;
        k += 1;
    }
    (m2, d2, k)
}

/// Rounds away the binary noise of a product like 2.48 × 10⁻⁵.
fn round_sig(v: f64) -> f64 {
    format!("{v:.12e}").parse().unwrap_or(v)
}

/// "×10−5", "x10-3", "x 10^6", "x2^10" after a mantissa: base, exponent and the end.
fn power_after(toks: &[Tok<'_>], j: usize) -> Option<(f64, i32, usize)> {
    let times = toks.get(j)?;
    if !(times.text == "\u{d7}" || times.is("x")) {
        return None;
    }
    let base_tok = toks.get(j + 1).filter(|b| b.is_num())?;
    let base_int = base_tok.plain_int()?;
    let base = f64::from(base_int);
    let mut k = j + 2;
    let caret = toks.get(k).is_some_and(|c| c.text == "^" && c.glued());
    if caret {
        k += 1;
    }
    if base_int != 10 && !caret {
        return None;
    }
    let mut sign = 1;
    if let Some(s) = toks.get(k).filter(|s| s.glued())
        && matches!(s.text, "-" | "\u{2212}" | "+")
    {
        sign = if s.text == "+" { 1 } else { -1 };
        k += 1;
    }
    let e = toks.get(k).filter(|e| e.glued() && e.is_num())?;
    let exp = i32::try_from(e.plain_int()?).ok()?;
    (exp <= 308).then_some((base, sign * exp, k + 1))
}

/// A vulgar fraction character: "½", "⅓".
fn vulgar(tok: &Tok<'_>) -> Option<f64> {
    let mut chars = tok.text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let (n, d) = match c {
        '\u{bd}' => (1, 2),
        '\u{2153}' => (1, 3),
        '\u{2154}' => (2, 3),
        '\u{bc}' => (1, 4),
        '\u{be}' => (3, 4),
        '\u{2155}' => (1, 5),
        '\u{2156}' => (2, 5),
        '\u{2157}' => (3, 5),
        '\u{2158}' => (4, 5),
        '\u{2159}' => (1, 6),
        '\u{215a}' => (5, 6),
        '\u{215b}' => (1, 8),
        '\u{215c}' => (3, 8),
        '\u{215d}' => (5, 8),
        '\u{215e}' => (7, 8),
        _ => return None,
    };
    Some(f64::from(n) / f64::from(d))
}

/// "1/4", "1⁄32" at `i`: the value (none for "1/0") and the end. Not a date ("3/4/2020"),
/// a ratio of larger to smaller ("24/7") or a path.
fn fraction_at(toks: &[Tok<'_>], i: usize) -> Option<(Option<f64>, usize)> {
    let slash = toks.get(i + 1).filter(|s| s.glued())?;
    if !matches!(slash.text, "/" | "\u{2044}") {
        return None;
    }
    let d = toks.get(i + 2).filter(|d| d.glued() && d.is_num())?;
    let (n, d_val) = (toks[i].plain_int()?, d.plain_int()?);
    let more = toks
        .get(i + 3)
        .is_some_and(|x| x.glued() && matches!(x.text, "/" | "\u{2044}" | "." | "-"));
    let after_slash = i > 0 && toks[i].glued() && matches!(toks[i - 1].text, "/" | "\u{2044}");
    if more || after_slash || (d_val != 0 && n >= d_val) {
        return None;
    }
    let value = (d_val != 0).then(|| f64::from(n) / f64::from(d_val));
    Some((value, i + 3))
}

/// The fraction of a mixed number after its whole part: "2½", "2 1/2".
fn fraction_after(toks: &[Tok<'_>], j: usize, whole: bool) -> Option<(f64, usize)> {
    if !whole {
        return None;
    }
    let t = toks.get(j)?;
    if t.glued()
        && let Some(v) = vulgar(t)
    {
        return Some((v, j + 1));
    }
    if t.spaced && t.is_num() {
        let (v, end) = fraction_at(toks, j)?;
        return Some((v?, end));
    }
    None
}

/// "two and a half", "2 and a half".
fn and_a_half(toks: &[Tok<'_>], j: usize, value: f64) -> (f64, usize) {
    let is = |k: usize, w: &str| toks.get(k).is_some_and(|t| t.spaced && t.is(w));
    if is(j, "and") && is(j + 1, "a") && is(j + 2, "half") {
        (value + 0.5, j + 3)
    } else {
        (value, j)
    }
}

fn spelled(toks: &[Tok<'_>], i: usize) -> Option<NumLit> {
    let tok = &toks[i];
    if tok.is_capitalized() && i > 0 && toks[i - 1].is_word() {
        return None;
    }
    let (mut cur, mut j) = match tok.lex {
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
    (cur, j) = tens_unit(toks, cur, j);
    if toks.get(j).is_some_and(|h| h.is_hyphen() && h.glued())
        && toks
            .get(j + 1)
            .is_some_and(|n| n.glued() && n.is_word() && !is_unit_word(n.text))
    {
        return None;
    }
    let mut total: u64 = 0;
    let mut last_scale = false;
    let mut big = u64::MAX;
    while let Some(t) = toks.get(j).filter(|t| t.spaced) {
        match t.lex {
            Lex::Dozen => {
                cur *= 12;
                j += 1;
            }
            Lex::Scale(100) if t.text.len() > 3 && cur > 0 && cur < 100 => {
                cur *= 100;
                j += 1;
                last_scale = true;
            }
            Lex::Scale(s) if t.text.len() > 3 && s >= 1000 && cur > 0 && s < big => {
                total = total.checked_add(cur.checked_mul(s)?)?;
                big = s;
                cur = 0;
                j += 1;
                last_scale = true;
            }
            Lex::Card(v) if last_scale => {
                (cur, j) = tens_unit(toks, cur + u64::from(v), j + 1);
                last_scale = false;
            }
            _ if last_scale
                && (t.is("and") || t.text == "&")
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.spaced && matches!(n.lex, Lex::Card(_))) =>
            {
                j += 1;
            }
            _ => break,
        }
        if toks.get(j).is_some_and(|c| c.text == ",")
            && big < u64::MAX
            && cur == 0
            && toks
                .get(j + 1)
                .is_some_and(|n| n.spaced && matches!(n.lex, Lex::Card(_)))
            && big_enough_after_comma(toks, j + 1, big)
        {
            j += 1;
        }
    }
    let (j, scale) = if total == 0 && !last_scale {
        scales(toks, j, false)
    } else {
        (j, 1)
    };
    let value = (total + cur).checked_mul(scale)? as f64;
    let (value, j) = and_a_half(toks, j, value);
    Some(NumLit {
        start: i,
        end: j,
        value,
        integral: value.fract() == 0.0,
        spelled: true,
        scale: if total >= 1000 { 1000 } else { scale },
    })
}

/// "three million, two hundred": the words after the comma stay below the scale before it.
fn big_enough_after_comma(toks: &[Tok<'_>], k: usize, big: u64) -> bool {
    toks[k..]
        .iter()
        .take(8)
        .take_while(|t| {
            matches!(t.lex, Lex::Card(_) | Lex::Scale(_)) || t.is("and") || t.text == "&"
        })
        .all(|t| !matches!(t.lex, Lex::Scale(s) if s >= big))
}

/// "twenty-eight", "twenty eight": a tens word and a unit word.
fn tens_unit(toks: &[Tok<'_>], v: u64, j: usize) -> (u64, usize) {
    if v < 20 || !v.is_multiple_of(10) {
        return (v, j);
    }
    let hyphen = toks.get(j).is_some_and(|h| h.is_hyphen() && h.glued());
    let k = if hyphen { j + 1 } else { j };
    match toks.get(k).map(|n| (n.lex, n.glued())) {
        Some((Lex::Card(u), glued)) if u < 10 && glued == hyphen => (v + u64::from(u), k + 1),
        _ => (v, j),
    }
}

/// Whether a word names a unit ("two-year", "six-cylinder", "twenty-pound").
pub(super) fn is_unit_word(word: &str) -> bool {
    super::units::catalogue().lookup(word).is_some()
}

/// Scale words after a number: "million", "bn" (abbreviations only when glued: "$5bn").
fn scales(toks: &[Tok<'_>], mut j: usize, allow_abbrev: bool) -> (usize, u64) {
    let mut scale: u64 = 1;
    while let Some(n) = toks.get(j) {
        let s = match n.lex {
            Lex::Scale(s) => s,
            _ if n.text == "T" => 1_000_000_000_000,
            _ => break,
        };
        let abbrev = n.text.len() <= 3;
        // Spaced only before a currency: "3 m euros" is 3 million, "3 m long" is not.
        let before_currency = toks
            .get(j + 1)
            .is_some_and(|c| c.spaced && matches!(c.lex, Lex::CurWord(_) | Lex::CurCode(_)));
        if abbrev
            && (!allow_abbrev || (n.spaced && !before_currency) || j == 0 || !toks[j - 1].is_num())
        {
            break;
        }
        if n.text.len() == 1 && !letter_scale(toks, j) {
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

/// A one-letter scale glued to a number ("$6m", "5m people", "0.5k miles") rather than a
/// unit ("100m sprint", "573.15K", "1500b packet"): after a currency sign, or before what the
/// figure counts.
fn letter_scale(toks: &[Tok<'_>], j: usize) -> bool {
    let money = j >= 2 && {
        let c = &toks[j - 2];
        toks[j - 1].glued()
            && (matches!(
                c.text,
                "$" | "\u{20ac}" | "\u{a3}" | "\u{a5}" | "\u{20a9}" | "\u{20b9}"
            ) || matches!(c.lex, Lex::CurCode(_)))
    };
    money
        || toks.get(j + 1).is_some_and(|n| {
            n.spaced
                && (n.is("of")
                    || matches!(n.lex, Lex::CurWord(_) | Lex::CurCode(_))
                    || (n.is_word()
                        && super::lexicon::is_plural_noun(n.text)
                        && !is_function_word(n.text))
                    || is_unit_word(n.text))
        })
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
    if glued_code_after(toks, i) || in_number_run(toks, i) {
        return true;
    }
    if let Some(p) = prev
        && tok.spaced
    {
        if p.text == "No" || p.text == "Nos" || is_reference_word(p.text) {
            return true;
        }
        // "Windows 10", "iOS 16.4": a number after a name or a product.
        if p.is_word()
            && p.text.chars().any(char::is_uppercase)
            && !unit_follows(toks, i)
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

/// "245 23", "555 0100": numbers side by side with nothing between them are a code or a
/// table row, unless they are thousands groups ("10 000") or a mixed fraction ("2 1/2").
fn in_number_run(toks: &[Tok<'_>], i: usize) -> bool {
    let tok = &toks[i];
    let plain = |t: &Tok<'_>| t.text.bytes().all(|b| b.is_ascii_digit());
    let after = toks.get(i + 1).filter(|n| n.is_num() && n.spaced);
    let before = i
        .checked_sub(1)
        .map(|k| &toks[k])
        .filter(|p| p.is_num() && tok.spaced);
    let thousands = |lead: &Tok<'_>, group: &Tok<'_>| {
        plain(lead) && lead.text.len() <= 3 && plain(group) && group.text.len() == 3
    };
    let next_ok = after.is_none_or(|n| thousands(tok, n) || fraction_at(toks, i + 1).is_some());
    let prev_ok = before.is_none_or(|p| thousands(p, tok));
    !(next_ok && prev_ok)
}

/// A unit of more than one letter (or an inch or foot mark) right after the number: "2.80 GHz",
/// "8 MB", "8\"" are measures even after a name.
fn unit_follows(toks: &[Tok<'_>], i: usize) -> bool {
    super::units::unit_at(toks, i + 1).is_some_and(|m| {
        let t = &toks[m.start];
        !t.is("in")
            && (m.end > m.start + 1
                || t.text.chars().count() > 1
                || (t.glued() && matches!(t.text, "\"" | "'" | "\u{2033}" | "\u{2032}")))
    })
}

/// Words that a number after them refers to a place in a text or a label: "section 2.3",
/// "page 12", "version 3", "article 5".
fn is_reference_word(word: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "section", "chapter", "figure", "fig", "table", "page", "paragraph", "article", "appendix",
        "annex", "clause", "footnote", "note", "version", "volume", "vol", "issue", "part", "box",
        "exhibit", "equation", "eq", "line", "flight", "route", "highway", "platform", "gate",
        "room", "resolution", "number", "no", "item", "slide", "step", "episode", "season",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
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
    if matches!(p.text, ":" | "/" | "." | "+") && q.is_some_and(|q| q.is_num() || q.is_word()) {
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
            || ["s", "st", "nd", "rd", "th", "x"].iter().any(|s| n.is(s))
            || super::units::catalogue().is_symbol(n.text);
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
        return !years && (m.int_digits() >= 4 || (m.text.starts_with('0') && m.text.len() > 1));
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
