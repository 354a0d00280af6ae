//! Facts written in words: fractions, "millions of", "twice", ordinals and changes.

use super::detect::{Hit, Lookback, UnitSrc};
use super::lexicon::{Lex, NUMBER_QUALIFIERS, fraction_denominator, is_function_word};
use super::measure::{currency_word, measure_at, noun_phrase};
use super::span::{SpanKind, Value};
use super::tokens::Tok;

/// "one-third", "two-thirds", "a quarter of", "half of".
pub(super) fn fraction_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    let tok = toks.get(i)?;
    let numer = match tok.lex {
        Lex::Card(numer) if numer <= 10 => numer,
        _ if tok.is("a") || tok.is("an") => 1,
        _ if tok.is("half") => return half_at(toks, i),
        _ => return None,
    };
    let hyphen = toks.get(i + 1).is_some_and(|h| h.is_hyphen() && h.glued());
    let k = if hyphen { i + 2 } else { i + 1 };
    let frac = toks.get(k)?;
    if hyphen != frac.glued() || !frac.is_word() {
        return None;
    }
    let denom = fraction_denominator(frac.text)?;
    let of = toks.get(k + 1).is_some_and(|o| o.is("of"));
    // "one sixth", "two thirds", "three halves" stand alone; "a third time" does not.
    let agrees = (numer == 1) != frac.text.ends_with('s');
    let alone =
        matches!(tok.lex, Lex::Card(_)) && agrees && !frac.is("quarter") && !frac.is("quarters");
    let halves = frac.is("halves") && !hyphen;
    if (numer >= denom && !halves) || (!hyphen && !of && !alone) {
        return None;
    }
    let val = f64::from(numer) / f64::from(denom);
    Some(
        Hit::new(i, k + 1, SpanKind::Share)
            .value(Value::Number(val))
            .unit("fraction"),
    )
}

fn half_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    const AFTER: &[&str] = &[
        "of", "the", "its", "their", "his", "her", "our", "all", "these", "those",
    ];
    let prev_blocks = i > 0
        && (matches!(toks[i - 1].lex, Lex::Ord(_)) || toks[i - 1].is("a") || toks[i - 1].is("in"));
    let next_ok = toks
        .get(i + 1)
        .is_some_and(|n| n.spaced && AFTER.iter().any(|w| n.is(w)));
    (!prev_blocks && next_ok).then(|| {
        Hit::new(i, i + 1, SpanKind::Share)
            .value(Value::Number(0.5))
            .unit("fraction")
    })
}

/// "millions of dollars", "dozens of hackers", "hundreds of millions of won".
pub(super) fn approx_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    if toks.get(i)?.lex != Lex::Approx || !toks.get(i + 1)?.is("of") {
        return None;
    }
    let mut k = i + 2;
    if toks.get(k).is_some_and(|x| x.lex == Lex::Approx)
        && toks.get(k + 1).is_some_and(|x| x.is("of"))
    {
        k += 2;
    } else if toks[i].is("tens") {
        return None;
    }
    let qualifier = toks[i..k]
        .iter()
        .map(|x| x.text.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((code, end)) = currency_word(toks, k, None) {
        let mut hit = Hit::new(i, end, SpanKind::Money).unit(code);
        hit.qualifier = Some(qualifier);
        return Some(hit);
    }
    let (end, a, b) = noun_phrase(toks, k)?;
    let mut hit = Hit::new(i, end, SpanKind::Count).unit_toks(a, b);
    hit.qualifier = Some(qualifier);
    Some(hit)
}

/// "twice", "tenfold", "ten-fold".
pub(super) fn mult_word_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    let tok = toks.get(i)?;
    let (v, end) = match tok.lex {
        Lex::MultWord(v) => (v, i + 1),
        Lex::Card(v)
            if toks.get(i + 1).is_some_and(|h| h.is_hyphen() && h.glued())
                && toks
                    .get(i + 2)
                    .is_some_and(|f| f.lex == Lex::Fold && f.glued()) =>
        {
            (v, i + 3)
        }
        _ => return None,
    };
    Some(
        Hit::new(i, end, SpanKind::Multiplier)
            .value(Value::Number(f64::from(v)))
            .unit("times"),
    )
}

/// "the second time", "its third attack": an ordinal after a determiner, before a noun.
pub(super) fn ordinal_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    const DETERMINERS: &[&str] = &[
        "the", "its", "their", "his", "her", "our", "a", "an", "this", "that",
    ];
    let Lex::Ord(n) = toks.get(i)?.lex else {
        return None;
    };
    if i == 0 || !DETERMINERS.iter().any(|d| toks[i - 1].is(d)) || !toks[i].spaced {
        return None;
    }
    let noun = event_noun(toks, i + 1)?;
    let mut hit = Hit::new(i, noun + 1, SpanKind::Ordinal).value(Value::Number(f64::from(n)));
    hit.unit = Some(UnitSrc::Toks(noun, noun));
    hit.lookback = Lookback::None;
    Some(hit)
}

/// The event noun an ordinal orders ("time", "attack"), at `j` or after up to two adjectives.
pub(super) fn event_noun(toks: &[Tok<'_>], j: usize) -> Option<usize> {
    const EVENTS: &[&str] = &[
        "time",
        "attack",
        "round",
        "sanction",
        "sanctions",
        "test",
        "launch",
        "strike",
        "incident",
        "case",
        "instance",
        "occasion",
        "year",
        "quarter",
        "meeting",
        "summit",
        "wave",
        "phase",
        "campaign",
        "breach",
        "hack",
        "heist",
        "operation",
        "visit",
        "attempt",
        "offense",
        "offence",
        "resolution",
        "package",
        "designation",
        "indictment",
        "report",
        "month",
        "week",
        "day",
        "session",
        "election",
        "cyberattack",
        "cyber-attack",
        "theft",
    ];
    for k in j..j + 3 {
        let w = toks.get(k)?;
        let plain = w.spaced && w.is_word() && !w.is_capitalized() && !is_function_word(w.text);
        if !plain || !matches!(w.lex, Lex::None | Lex::TimeUnit | Lex::ChangeNoun(_)) {
            return None;
        }
        if EVENTS.iter().any(|e| w.is(e)) {
            return Some(k);
        }
    }
    None
}

/// "rose 5%", "fell by 3 percent", "increased by more than $2 million", "doubled", "up 4%".
pub(super) fn change_at(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    let tok = toks.get(i)?;
    let sign = match tok.lex {
        Lex::ChangeVerb(s) => f64::from(s),
        Lex::ChangeMul(halves) => {
            let v = f64::from(halves) / 2.0;
            let mut hit = Hit::new(i, i + 1, SpanKind::Change)
                .value(Value::Number(v))
                .unit("times");
            hit.lookback = Lookback::None;
            return Some(hit);
        }
        _ if tok.is("up") => 1.0,
        _ if tok.is("down") => -1.0,
        _ => return None,
    };
    let verb = matches!(tok.lex, Lex::ChangeVerb(_));
    let mut k = i + 1;
    if verb && toks.get(k).is_some_and(|b| b.is("by")) {
        k += 1;
    }
    let (k, qualifier) = qualifier_forward(toks, k);
    let inner = measure_at(toks, k, false)
        .or_else(|| fraction_at(toks, k))
        .or_else(|| mult_word_at(toks, k))?;
    let allowed = if verb {
        matches!(
            inner.kind,
            SpanKind::Share
                | SpanKind::Money
                | SpanKind::Quantity
                | SpanKind::Multiplier
                | SpanKind::Count
        ) && !inner.needs_qualifier
    } else {
        inner.kind == SpanKind::Share
    };
    if !allowed || inner.start != k {
        return None;
    }
    let mut hit = inner;
    hit.start = i;
    hit.kind = SpanKind::Change;
    hit.value = hit.value.map(|v| v.times(sign));
    hit.qualifier = qualifier.map(str::to_string).or(hit.qualifier);
    hit.lookback = Lookback::None;
    Some(hit)
}

/// A number qualifier written at `k` ("more than"), and the token after it.
fn qualifier_forward(toks: &[Tok<'_>], k: usize) -> (usize, Option<&'static str>) {
    for q in NUMBER_QUALIFIERS {
        let n = q.split(' ').count();
        let matches = q
            .split(' ')
            .enumerate()
            .all(|(o, w)| toks.get(k + o).is_some_and(|x| x.is_word() && x.is(w)));
        if matches {
            return (k + n, Some(q));
        }
    }
    (k, None)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn find(
        s: &str,
        f: fn(&[Tok<'_>], usize) -> Option<Hit>,
    ) -> Option<(SpanKind, Option<Value>, String)> {
        let toks = tokenize(s);
        let h = (0..toks.len()).find_map(|i| f(&toks, i))?;
        Some((
            h.kind,
            h.value,
            s[toks[h.start].start..toks[h.end - 1].end].to_string(),
        ))
    }

    #[test]
    fn fractions() {
        assert_eq!(
            find("about one-third of its", fraction_at).unwrap().1,
            Some(Value::Number(1.0 / 3.0))
        );
        assert_eq!(
            find("two-thirds", fraction_at).unwrap().1,
            Some(Value::Number(2.0 / 3.0))
        );
        assert_eq!(
            find("a quarter of them", fraction_at).unwrap().1,
            Some(Value::Number(0.25))
        );
        assert_eq!(
            find("half of the funds", fraction_at).unwrap().1,
            Some(Value::Number(0.5))
        );
        assert_eq!(find("a third time", fraction_at), None);
        assert_eq!(find("the first half of 2022", fraction_at), None);
    }

    #[test]
    fn approximate_amounts() {
        let (k, v, text) = find("as well as millions of dollars worth", approx_at).unwrap();
        assert_eq!(
            (k, v, text.as_str()),
            (SpanKind::Money, None, "millions of dollars")
        );
        let (k, _, text) = find("dozens of hackers", approx_at).unwrap();
        assert_eq!((k, text.as_str()), (SpanKind::Count, "dozens of hackers"));
    }

    #[test]
    fn multiplier_words() {
        assert_eq!(
            find("twice as many", mult_word_at).unwrap().1,
            Some(Value::Number(2.0))
        );
        assert_eq!(
            find("a tenfold rise", mult_word_at).unwrap().1,
            Some(Value::Number(10.0))
        );
        assert_eq!(find("a ten-fold rise", mult_word_at).unwrap().2, "ten-fold");
    }

    #[test]
    fn ordinals() {
        let (k, v, text) = find("the second time since 2016", ordinal_at).unwrap();
        assert_eq!(
            (k, v, text.as_str()),
            (SpanKind::Ordinal, Some(Value::Number(2.0)), "second time")
        );
        assert_eq!(find("Second, the", ordinal_at), None);
        assert_eq!(
            find("the first major public attack on", ordinal_at)
                .unwrap()
                .2,
            "first major public attack"
        );
        assert_eq!(
            find("the first publicly documented mobile campaign", ordinal_at),
            None
        );
        assert_eq!(find("the second largest", ordinal_at), None);
    }

    #[test]
    fn changes() {
        let (k, v, text) = find("exports rose 5% in", change_at).unwrap();
        assert_eq!(
            (k, v, text.as_str()),
            (SpanKind::Change, Some(Value::Number(5.0)), "rose 5%")
        );
        let (_, v, text) = find("fell by 3 percent", change_at).unwrap();
        assert_eq!(
            (v, text.as_str()),
            (Some(Value::Number(-3.0)), "fell by 3 percent")
        );
        assert_eq!(
            find("theft doubled", change_at).unwrap().1,
            Some(Value::Number(2.0))
        );
        assert_eq!(find("rose to 5%", change_at), None);
        assert_eq!(find("up to 5%", change_at), None);
    }
}
