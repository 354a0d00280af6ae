//! Figures with what they measure: money, shares, multipliers, quantities and counts.

use super::detect::{Hit, Lookback, UnitSrc};
use super::lexicon::{Lex, is_comparative, is_function_word, is_plural_noun};
use super::numbers::{NumLit, parse_num, parse_num_raw};
use super::phrases::event_noun;
use super::span::{SpanKind, Value};
use super::tokens::Tok;
use super::units::{UnitMatch, catalogue, unit_at};

/// A figure starting at `i` (a currency sign or code, or a number). With `between`, "and"
/// joins the two ends of a range.
pub(super) fn measure_at(toks: &[Tok<'_>], i: usize, between: bool) -> Option<Hit> {
    if let Some((code, j)) = currency_prefix(toks, i) {
        let lo = parse_num_raw(toks, j)?;
        let (value, end) = range_tail(toks, lo, between, true);
        let mut hit = Hit::new(i, end, SpanKind::Money).value(value).unit(code);
        if let Some(c) = catalogue().currency(code) {
            let per = super::units::per_unit(toks, end);
            let name = match &per {
                Some(p) => format!("{} per {}", c.name, p.name),
                None => c.name.clone(),
            };
            hit.end = per.map_or(end, |p| p.end);
            hit = hit.named(name, c.kind.as_str());
        }
        let hit = unit_range(toks, hit, between);
        return Some(with_change_noun(toks, hit));
    }
    if let Some(hit) = a_unit(toks, i) {
        return Some(hit);
    }
    let lo = parse_num(toks, i)?;
    if let Some(hit) = one_in(toks, &lo) {
        return Some(hit);
    }
    let (value, j) = range_tail(toks, lo, between, false);
    let hit = unit_after(toks, i, j, value, &lo)?;
    let hit = unit_range(toks, hit, between);
    Some(with_change_noun(toks, hit))
}

/// "a gallon of beer", "a penny!": one of a unit of measure.
fn a_unit(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    let a = toks.get(i)?;
    if !(a.is("a") || a.is("an")) || !toks.get(i + 1)?.spaced {
        return None;
    }
    let m = unit_at(toks, i + 1)?;
    let ends = toks
        .get(m.end)
        .is_none_or(|n| n.is("of") || (!n.is_word() && !n.is_num()));
    let measure = !matches!(m.kind, "time" | "dimensionless" | "points");
    if !ends || !measure || toks[i + 1].text.len() < 3 {
        return None;
    }
    Some(catalogue_hit(i, Value::Number(1.0), &m))
}

/// "44 mg to 50 mg", "-18 °C to -34 °C", "between 15.5 cm and 23.5 cm": both ends in one unit.
fn unit_range(toks: &[Tok<'_>], hit: Hit, between: bool) -> Hit {
    let Some(Value::Number(lo)) = hit.value else {
        return hit;
    };
    let Some(sep) = toks.get(hit.end) else {
        return hit;
    };
    if hit.unit_name.is_none() || !(sep.is("to") || sep.is_dash() || (between && sep.is("and"))) {
        return hit;
    }
    let Some(other) = measure_at(toks, hit.end + 1, false) else {
        return hit;
    };
    let same = other.unit_name.as_ref().map(|u| &u.0) == hit.unit_name.as_ref().map(|u| &u.0);
    let Some(Value::Number(hi)) = other.value.filter(|_| same && other.start == hit.end + 1) else {
        return hit;
    };
    let mut hit = hit;
    hit.value = Some(Value::Range(lo.min(hi), lo.max(hi)));
    hit.end = other.end;
    hit.unit = other.unit.map(|u| match u {
        UnitSrc::Toks(..) => hit.unit.unwrap_or(u),
        code @ UnitSrc::Code(_) => code,
    });
    hit
}

/// "$", "€", "US$", "KRW" … before a number: the ISO code and the token after the sign.
fn currency_prefix(toks: &[Tok<'_>], i: usize) -> Option<(&'static str, usize)> {
    let tok = toks.get(i)?;
    let code = match tok.text {
        "$" => {
            let after_word = i > 0
                && tok.glued()
                && toks[i - 1].is_word()
                && dollar_prefix(toks[i - 1].text).is_some();
            if after_word {
                return None;
            }
            "USD"
        }
        _ if tok.is_word() => {
            if let Some(code) = dollar_prefix(tok.text)
                && toks.get(i + 1).is_some_and(|d| d.text == "$" && d.glued())
            {
                return starts_number(toks, i + 2).then_some((code, i + 2));
            }
            if let Some(code) = symbol_code(tok.text).filter(|_| tok.text.len() >= 2)
                && toks.get(i + 1).is_some_and(Tok::is_num)
            {
                return Some((code, i + 1));
            }
            if tok.is("Y") && toks.get(i + 1).is_some_and(|e| e.text == "=" && e.glued()) {
                return starts_number(toks, i + 2).then_some(("JPY", i + 2));
            }
            let Lex::CurCode(code) = tok.lex else {
                return None;
            };
            return toks
                .get(i + 1)
                .is_some_and(Tok::is_num)
                .then_some((code, i + 1));
        }
        other => symbol_code(other)?,
    };
    starts_number(toks, i + 1).then_some((code, i + 1))
}

fn dollar_prefix(word: &str) -> Option<&'static str> {
    Some(match word {
        "US" => "USD",
        "HK" => "HKD",
        "A" | "AU" => "AUD",
        "C" | "CA" => "CAD",
        "NZ" => "NZD",
        "S" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "Z" => "ZWL",
        _ => return None,
    })
}

/// The ISO code of a currency symbol in the catalogue ("€", "₱", "RM").
fn symbol_code(text: &str) -> Option<&'static str> {
    let unit = catalogue().lookup(text)?;
    if text.chars().any(char::is_lowercase) && text.chars().count() > 2 {
        return None;
    }
    unit.code.as_deref()
}

fn starts_number(toks: &[Tok<'_>], j: usize) -> bool {
    toks.get(j).is_some_and(|n| {
        n.is_num()
            || matches!(n.lex, Lex::Card(_))
            || n.is("a")
            || (matches!(n.text, "-" | "\u{2212}") && toks.get(j + 1).is_some_and(Tok::is_num))
            || (n.text.starts_with('.') && n.is_num())
    })
}

/// "one in five" → a share of 0.2.
fn one_in(toks: &[Tok<'_>], lo: &NumLit) -> Option<Hit> {
    if !(lo.integral && lo.scale == 1 && toks.get(lo.end)?.is("in")) {
        return None;
    }
    let d = parse_num_raw(toks, lo.end + 1)?;
    let year = !d.spelled && super::numbers::year_of(&toks[d.start]).is_some();
    if d.scale != 1 || !d.integral || d.value <= lo.value || year {
        return None;
    }
    let v = round4(lo.value / d.value);
    Some(
        Hit::new(lo.start, d.end, SpanKind::Share)
            .value(Value::Number(v))
            .unit("fraction"),
    )
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// "10-15", "10 to 15", "$10 million to $15 million", "between 10 and 15".
fn range_tail(toks: &[Tok<'_>], lo: NumLit, between: bool, money: bool) -> (Value, usize) {
    let single = (Value::Number(lo.value), lo.end);
    let Some(sep) = toks.get(lo.end) else {
        return single;
    };
    if let Some(v) = plus_minus(toks, &lo) {
        return v;
    }
    let mut k = lo.end + 1;
    let hyphen_to =
        sep.is_hyphen() && sep.glued() && toks.get(k).is_some_and(|t| t.is("to") && t.spaced);
    if hyphen_to {
        k += 1;
    }
    let or = sep.is("or") && lo.scale == 1 && lo.integral;
    let joins = sep.is_dash() || sep.is("to") || (between && sep.is("and")) || or;
    if !joins {
        return single;
    }
    if money
        && toks
            .get(k)
            .is_some_and(|s| s.text == toks[lo.start.saturating_sub(1)].text && !s.is_word())
    {
        k += 1;
    }
    let Some(hi) = parse_num_raw(toks, k) else {
        return single;
    };
    if or && (!hi.integral || hi.value > lo.value * 2.0 + 10.0 || hi.spelled != lo.spelled) {
        return single;
    }
    let lo = if lo.scale == 1 && hi.scale > 1 {
        lo.scaled_by(hi.scale)
    } else {
        lo
    };
    if hi.value > lo.value || is_score(toks, &lo, &hi) {
        (Value::Range(lo.value, hi.value), hi.end)
    } else {
        single
    }
}

/// "2-0", "3-3": a score, both ends small whole numbers glued to a hyphen, in written order.
fn is_score(toks: &[Tok<'_>], lo: &NumLit, hi: &NumLit) -> bool {
    let glued = toks[lo.end].is_hyphen() && toks[lo.end].glued() && toks[hi.start].glued();
    glued
        && !lo.spelled
        && lo.scale == 1
        && hi.scale == 1
        && lo.integral
        && hi.integral
        && lo.value >= 0.0
        && lo.value < 100.0
        && hi.value < 100.0
}

/// "2,000.45±0.01", "9.83e-3 +/- 1e-5": the range the uncertainty spans.
fn plus_minus(toks: &[Tok<'_>], lo: &NumLit) -> Option<(Value, usize)> {
    let at = lo.end;
    let from = if toks.get(at)?.text == "\u{b1}" {
        at + 1
    } else if toks.get(at)?.text == "+"
        && toks.get(at + 1).is_some_and(|t| t.text == "/" && t.glued())
        && toks.get(at + 2).is_some_and(|t| t.text == "-" && t.glued())
    {
        at + 3
    } else {
        return None;
    };
    let spread = parse_num_raw(toks, from)?;
    let round = |v: f64| (v * 1e9).round() / 1e9;
    let low = round(lo.value - spread.value);
    let high = round(lo.value + spread.value);
    Some((Value::Range(low, high), spread.end))
}

/// What follows a number decides what it measures.
fn unit_after(toks: &[Tok<'_>], start: usize, j: usize, value: Value, lo: &NumLit) -> Option<Hit> {
    let hit = |end: usize, kind: SpanKind| Hit::new(start, end, kind).value(value);
    let Some(n) = toks.get(j) else {
        return bare(start, j, value, lo);
    };
    let next_is = |k: usize, w: &str| toks.get(k).is_some_and(|x| x.is(w) && x.spaced);
    if n.text == "%" {
        return Some(hit(j + 1, SpanKind::Share).unit("%"));
    }
    if n.lex == Lex::Percent && n.spaced {
        return Some(hit(j + 1, SpanKind::Share).unit("%"));
    }
    if n.is("per") && next_is(j + 1, "cent") {
        return Some(hit(j + 2, SpanKind::Share).unit("%"));
    }
    if n.is("percentage") && (next_is(j + 1, "points") || next_is(j + 1, "point")) {
        return Some(hit(j + 2, SpanKind::Share).unit("percentage points"));
    }
    if let Lex::CurCode(code) = n.lex {
        return Some(hit(j + 1, SpanKind::Money).unit(code));
    }
    if let Some((code, end)) = currency_word(toks, j, Some(lo)) {
        return Some(hit(end, SpanKind::Money).unit(code));
    }
    if n.lex == Lex::Times && n.spaced {
        return Some(times(toks, start, j, value));
    }
    if (n.is_hyphen()
        && n.glued()
        && toks
            .get(j + 1)
            .is_some_and(|f| f.lex == Lex::Fold && f.glued()))
        || (n.lex == Lex::Fold && n.glued())
    {
        let end = if n.lex == Lex::Fold { j + 1 } else { j + 2 };
        return Some(hit(end, SpanKind::Multiplier).unit("times"));
    }
    if n.glued() && n.is("x") {
        return Some(hit(j + 1, SpanKind::Multiplier).unit("times"));
    }
    if n.glued() && ["st", "nd", "rd", "th"].iter().any(|s| n.is(s)) {
        return ordinal_suffix(toks, start, j, lo);
    }
    if clock_time(toks, j, lo) {
        return None;
    }
    let k = if n.is_hyphen() && n.glued() && toks.get(j + 1).is_some_and(Tok::glued) {
        j + 1
    } else {
        j
    };
    let decided =
        |m: &UnitMatch| m.kind == "currency" && matches!(toks[m.start].lex, Lex::CurWord(_));
    if let Some(m) = unit_at(toks, k).filter(|m| plausible_unit(toks, m) && !decided(m))
        && !(m.code.is_some() && k == j && toks.get(m.end).is_some_and(Tok::is_num))
    {
        let mut h = catalogue_hit(start, value, &m);
        if lo.spelled && m.kind == "currency" && m.code.is_some() && n.glued() {
            h.kind = SpanKind::Quantity;
        }
        return Some(h);
    }
    if lo.integral
        && lo.value > 1.0
        && let Some((end, a, b)) = noun_phrase(toks, j)
    {
        return Some(hit(end, SpanKind::Count).unit_toks(a, b));
    }
    // "10 Downing Street": a number before a name is part of it.
    let before_name = n.spaced
        && n.is_capitalized()
        && n.text.len() >= 3
        && catalogue().lookup(n.text).is_none()
        && !is_function_word(n.text)
        && !matches!(n.lex, Lex::Month(_) | Lex::CurCode(_))
        && toks[start].is_num();
    if before_name {
        return None;
    }
    bare(start, j, value, lo)
}

/// A number with nothing after it that says what it counts: a count with a qualifier or a
/// scale ("as many as 300", "3 million"), else a bare number ("42", "rose to 4,577.10").
/// Lone "one" and years the date detector left are not figures.
fn bare(start: usize, end: usize, value: Value, lo: &NumLit) -> Option<Hit> {
    if end == start || (lo.spelled && lo.value <= 1.0) {
        return None;
    }
    let year_like = !lo.spelled
        && lo.scale == 1
        && matches!(value, Value::Number(v) if v.fract() == 0.0 && (1000.0..=2100.0).contains(&v));
    if year_like {
        return None;
    }
    if !lo.integral || lo.value <= 1.0 {
        return Some(Hit::new(start, end, SpanKind::Number).value(value));
    }
    let mut hit = Hit::new(start, end, SpanKind::Count).value(value);
    hit.needs_qualifier = lo.scale == 1;
    Some(hit)
}

/// A span for a number and a unit of the catalogue: money when it is a currency.
fn catalogue_hit(start: usize, value: Value, m: &UnitMatch) -> Hit {
    let kind = if m.kind == "currency" {
        SpanKind::Money
    } else {
        SpanKind::Quantity
    };
    let hit = Hit::new(start, m.end, kind)
        .value(value)
        .named(m.name.clone(), m.kind);
    match m.code {
        Some(code) => hit.unit(code),
        None => hit.unit_toks(m.start, m.end - 1),
    }
}

/// Whether a short written form is a unit here: a lone letter spaced from its number only
/// before the end of a clause ("12 b", not "5 a day"); "in" only as a measure ("2 in thick").
fn plausible_unit(toks: &[Tok<'_>], m: &UnitMatch) -> bool {
    let first = &toks[m.start];
    let one = m.end == m.start + 1;
    let next_word = toks.get(m.end).is_some_and(|n| n.is_word() || n.is_num());
    if one && first.is("in") {
        const MEASURES: &[&str] = &[
            "thick", "long", "wide", "tall", "high", "deep", "across", "diameter", "x", "by",
            "screen", "display", "long,",
        ];
        return toks.get(m.end).is_none_or(|n| {
            MEASURES.iter().any(|w| n.is(w)) || matches!(n.text, "." | "," | ";" | ")")
        });
    }
    if one && first.spaced && first.is_word() && first.text.chars().count() == 1 {
        // "3 m long", "10 m wide": a metre before a measure; "30 C in Madrid": Celsius before
        // a place or a time. Otherwise a lone letter before a word is not a unit ("2 m of").
        const MEASURES: &[&str] = &[
            "long",
            "wide",
            "high",
            "tall",
            "deep",
            "thick",
            "across",
            "away",
            "below",
            "above",
            "underground",
            "underwater",
            "apart",
        ];
        const PLACE_OR_TIME: &[&str] = &[
            "in",
            "on",
            "at",
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "and",
            "or",
            "by",
            "during",
            "with",
            "outside",
            "overnight",
        ];
        let next = toks.get(m.end);
        let after = |words: &[&str]| next.is_some_and(|n| words.iter().any(|w| n.is(w)));
        return !next_word
            || (first.text == "m" && after(MEASURES))
            || (matches!(first.text, "C" | "F") && after(PLACE_OR_TIME));
    }
    if one && first.spaced && matches!(first.text, "'" | "\"" | "\u{2019}" | "\u{201d}") {
        return false;
    }
    true
}

/// "2 pm", "2.13 am", "2pm": a time of day, not picometres.
fn clock_time(toks: &[Tok<'_>], j: usize, lo: &NumLit) -> bool {
    let Some(t) = toks.get(j) else {
        return false;
    };
    let meridiem = t.is("am")
        || t.is("pm")
        || ((t.is("a") || t.is("p"))
            && toks.get(j + 1).is_some_and(|d| d.text == "." && d.glued())
            && toks.get(j + 2).is_some_and(|m| m.is("m") && m.glued()));
    if !meridiem || lo.spelled || !(0.0..13.0).contains(&lo.value) {
        return false;
    }
    let text = toks[lo.start].text;
    match text.split_once('.') {
        None => true,
        Some((_, minutes)) => minutes.len() == 2 && minutes < "60",
    }
}

/// "300 times more" (a multiplier) or "three times" (a count of occasions).
fn times(toks: &[Tok<'_>], start: usize, j: usize, value: Value) -> Hit {
    let hit = |end, kind| Hit::new(start, end, kind).value(value).unit("times");
    match toks.get(j + 1) {
        Some(c) if c.spaced && is_comparative(c.text) => hit(j + 2, SpanKind::Multiplier),
        Some(c)
            if ["as", "the", "that", "what", "over", "than"]
                .iter()
                .any(|w| c.is(w)) =>
        {
            hit(j + 1, SpanKind::Multiplier)
        }
        _ => hit(j + 1, SpanKind::Count),
    }
}

/// "the 2nd time".
fn ordinal_suffix(toks: &[Tok<'_>], start: usize, j: usize, lo: &NumLit) -> Option<Hit> {
    if !lo.integral || lo.scale != 1 {
        return None;
    }
    let noun = event_noun(toks, j + 1)?;
    let mut hit = Hit::new(start, noun + 1, SpanKind::Ordinal).value(Value::Number(lo.value));
    hit.lookback = Lookback::None;
    hit.unit = Some(UnitSrc::Toks(noun, noun));
    Some(hit)
}

/// A currency named after a figure: "billion won", "US dollars", "North Korean won".
/// `lo` is the figure before it, used to tell the verb "won" from the currency.
pub(super) fn currency_word(
    toks: &[Tok<'_>],
    j: usize,
    lo: Option<&NumLit>,
) -> Option<(&'static str, usize)> {
    let (adj, k) = currency_adjective(toks, j);
    let w = toks.get(k)?;
    let Lex::CurWord(word_code) = w.lex else {
        return None;
    };
    if !w.spaced {
        return None;
    }
    let small = lo.is_some_and(|n| n.scale == 1 && n.value < 100.0);
    if word_code == "KRW" && adj.is_none() && small {
        return None;
    }
    let sterling = toks.get(k + 1).is_some_and(|s| s.is("sterling"));
    if word_code == "GBP"
        && lo.is_some_and(|n| n.scale == 1 && !money_before(toks, n.start))
        && !sterling
        && adj.is_none()
    {
        return None;
    }
    Some((adj.unwrap_or(word_code), k + 1 + usize::from(sterling)))
}

/// Whether a word about paying comes shortly before the number at `start` ("cost 5 pounds",
/// "paid 5 pounds"): pounds after it are money, not weight.
fn money_before(toks: &[Tok<'_>], start: usize) -> bool {
    const MONEY: &[&str] = &[
        "cost", "costs", "costing", "paid", "pay", "pays", "paying", "spent", "spend", "spends",
        "spending", "price", "priced", "prices", "worth", "fine", "fined", "sold", "sell", "sells",
        "bought", "buy", "buys", "charge", "charged", "charges", "earn", "earned", "earns",
        "raised", "salary", "wage", "wages", "fee", "fees", "rent", "budget", "donated", "owed",
        "owes", "lent", "borrowed", "tax", "taxed", "bet", "cash", "refund", "refunded",
    ];
    toks[start.saturating_sub(4)..start]
        .iter()
        .rev()
        .take_while(|t| !matches!(t.text, "." | ";" | "!" | "?"))
        .any(|t| MONEY.iter().any(|w| t.is(w)))
}

fn currency_adjective(toks: &[Tok<'_>], j: usize) -> (Option<&'static str>, usize) {
    let is = |k: usize, w: &str| toks.get(k).is_some_and(|x| x.text == w);
    let us_dotted = is(j, "U") && is(j + 1, ".") && is(j + 2, "S") && is(j + 3, ".");
    if us_dotted {
        return (Some("USD"), j + 4);
    }
    let two = [
        ("Hong", "Kong", "HKD"),
        ("South", "Korean", "KRW"),
        ("North", "Korean", "KPW"),
        ("New", "Taiwan", "TWD"),
    ];
    for (a, b, code) in two {
        if is(j, a) && is(j + 1, b) {
            return (Some(code), j + 2);
        }
    }
    let one = [
        ("US", "USD"),
        ("American", "USD"),
        ("Australian", "AUD"),
        ("Canadian", "CAD"),
        ("Singapore", "SGD"),
        ("Taiwan", "TWD"),
        ("Korean", "KRW"),
        ("Japanese", "JPY"),
        ("Chinese", "CNY"),
        ("British", "GBP"),
    ];
    for (a, code) in one {
        if is(j, a) {
            return (Some(code), j + 1);
        }
    }
    (None, j)
}

/// The counted noun phrase after a number: up to four words ("U.S." is one) ending in a
/// plural noun. Returns the end token and the first and last token of the phrase.
pub(super) fn noun_phrase(toks: &[Tok<'_>], j: usize) -> Option<(usize, usize, usize)> {
    let mut k = j;
    for _ in 0..4 {
        let w = toks.get(k)?;
        // "eight other employees", "three more people".
        let lead = k == j && (w.is("other") || w.is("more")) && w.spaced;
        if !w.is_word()
            || !w.spaced
            || w.skip
            || w.lex != Lex::None
            || (is_function_word(w.text) && !lead)
        {
            return None;
        }
        let initials = initialism_end(toks, k);
        if initials > k {
            k = initials;
            continue;
        }
        let mut e = k + 1;
        while toks.get(e).is_some_and(|h| h.is_hyphen() && h.glued())
            && toks.get(e + 1).is_some_and(|x| x.is_word() && x.glued())
        {
            e += 2;
        }
        if is_plural_noun(toks[e - 1].text) {
            return Some((e, j, e - 1));
        }
        k = e;
    }
    None
}

/// The end of "U.S." or "U.N." starting at `k` (single letters each with a glued full stop),
/// or `k` when there is none.
fn initialism_end(toks: &[Tok<'_>], k: usize) -> usize {
    let mut e = k;
    while toks.get(e).is_some_and(|w| {
        w.is_word() && w.text.chars().count() == 1 && w.is_capitalized() && (e == k || w.glued())
    }) && toks.get(e + 1).is_some_and(|d| d.text == "." && d.glued())
    {
        e += 2;
    }
    if e >= k + 4 { e } else { k }
}

/// "a 30% increase" → a change of +30%.
fn with_change_noun(toks: &[Tok<'_>], hit: Hit) -> Hit {
    let Some(Lex::ChangeNoun(sign)) = toks.get(hit.end).filter(|n| n.spaced).map(|n| n.lex) else {
        return hit;
    };
    if !matches!(
        hit.kind,
        SpanKind::Share | SpanKind::Money | SpanKind::Quantity
    ) {
        return hit;
    }
    let mut change = hit;
    change.kind = SpanKind::Change;
    change.end += 1;
    change.value = change.value.map(|v| v.times(f64::from(sign)));
    change
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn m(s: &str) -> Option<(SpanKind, Option<Value>, Option<String>, String)> {
        let toks = tokenize(s);
        let h = (0..toks.len()).find_map(|i| measure_at(&toks, i, false))?;
        let unit = h.unit.map(|u| u.resolve(s, &toks));
        Some((
            h.kind,
            h.value,
            unit,
            s[toks[h.start].start..toks[h.end - 1].end].to_string(),
        ))
    }

    fn money(s: &str) -> (f64, String) {
        let (k, v, u, _) = m(s).unwrap();
        assert_eq!(k, SpanKind::Money, "{s}");
        (v.unwrap().low(), u.unwrap())
    }

    #[test]
    fn money_forms() {
        assert_eq!(money("$316.4 million"), (316_400_000.0, "USD".into()));
        assert_eq!(money("USD 1.7 billion"), (1_700_000_000.0, "USD".into()));
        assert_eq!(money("\u{20ac}500,000"), (500_000.0, "EUR".into()));
        assert_eq!(money("\u{20a9}2 trillion"), (2e12, "KRW".into()));
        assert_eq!(money("2.5 billion won"), (2.5e9, "KRW".into()));
        assert_eq!(money("\u{a5}100 billion"), (1e11, "JPY".into()));
        assert_eq!(money("\u{a3}3bn"), (3e9, "GBP".into()));
        assert_eq!(money("US$5 million"), (5e6, "USD".into()));
        assert_eq!(money("10 million US dollars"), (1e7, "USD".into()));
        assert_eq!(money("5 billion North Korean won"), (5e9, "KPW".into()));
        assert_eq!(money("3 million yuan"), (3e6, "CNY".into()));
    }

    #[test]
    fn money_ranges() {
        let (_, v, _, text) = m("$10 million to $15 million").unwrap();
        assert_eq!(v, Some(Value::Range(1e7, 1.5e7)));
        assert_eq!(text, "$10 million to $15 million");
        let (_, v, _, _) = m("$10-15 million").unwrap();
        assert_eq!(v, Some(Value::Range(1e7, 1.5e7)));
    }

    #[test]
    fn won_the_verb_is_not_money() {
        assert_ne!(m("they won 2 won").map(|x| x.0), Some(SpanKind::Money));
    }

    #[test]
    fn shares_multipliers_quantities() {
        assert_eq!(m("30%").unwrap().1, Some(Value::Number(30.0)));
        let (k, v, u, _) = m("30 percent").unwrap();
        assert_eq!(
            (k, v, u.as_deref()),
            (SpanKind::Share, Some(Value::Number(30.0)), Some("%"))
        );
        let (k, v, u, text) = m("300 times more cyber-attacks").unwrap();
        assert_eq!(
            (k, v, u.as_deref(), text.as_str()),
            (
                SpanKind::Multiplier,
                Some(Value::Number(300.0)),
                Some("times"),
                "300 times more"
            )
        );
        assert_eq!(m("a 10-fold rise").unwrap().0, SpanKind::Multiplier);
        let (k, _, u, _) = m("12 months").unwrap();
        assert_eq!((k, u.as_deref()), (SpanKind::Quantity, Some("months")));
        assert_eq!(m("5 km").unwrap().2.as_deref(), Some("km"));
        assert_eq!(m("8 GB").unwrap().2.as_deref(), Some("GB"));
        assert_eq!(m("one in five").unwrap().1, Some(Value::Number(0.2)));
    }

    #[test]
    fn counts_take_their_noun() {
        let (k, v, u, _) = m("from 30 countries using").unwrap();
        assert_eq!(
            (k, v, u.as_deref()),
            (
                SpanKind::Count,
                Some(Value::Number(30.0)),
                Some("countries")
            )
        );
        assert_eq!(
            m("three cryptocurrency exchanges in").unwrap().2.as_deref(),
            Some("cryptocurrency exchanges")
        );
        assert_eq!(m("2,400 employees").unwrap().1, Some(Value::Number(2400.0)));
        assert_eq!(
            m("300 cyber-attacks").unwrap().2.as_deref(),
            Some("cyber-attacks")
        );
        assert_eq!(
            m("six U.S. state government networks")
                .unwrap()
                .2
                .as_deref(),
            Some("U.S. state government networks")
        );
        assert_eq!(m("one step ahead"), None);
    }

    #[test]
    fn change_nouns() {
        let (k, v, _, text) = m("a 30% drop").unwrap();
        assert_eq!(
            (k, v, text.as_str()),
            (SpanKind::Change, Some(Value::Number(-30.0)), "30% drop")
        );
    }
}
