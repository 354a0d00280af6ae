//! The detector: scans a sentence's tokens left to right and turns matches into fact spans.

use super::date_detect::date_at;
use super::dates::{DateContext, DateSpanValue};
use super::lexicon::{DATE_QUALIFIERS, NUMBER_QUALIFIERS};
use super::measure::measure_at;
use super::phrases::{approx_at, change_at, fraction_at, mult_word_at, ordinal_at};
use super::span::{FactSpan, SpanKind, Value};
use super::tokens::{Tok, tokenize};

/// Which qualifiers may be picked up from the words before a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lookback {
    None,
    Number,
    Date,
}

/// Where a span's unit comes from: a fixed code, or tokens of the sentence (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnitSrc {
    Code(&'static str),
    Toks(usize, usize),
}

impl UnitSrc {
    pub fn resolve(self, sentence: &str, toks: &[Tok<'_>]) -> String {
        match self {
            UnitSrc::Code(c) => c.to_string(),
            UnitSrc::Toks(a, b) => sentence[toks[a].start..toks[b].end].to_string(),
        }
    }
}

/// A match over tokens `start..end`, before it becomes a [`FactSpan`].
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
    pub value: Option<Value>,
    pub unit: Option<UnitSrc>,
    /// The unit's normalised name and kind, when the catalogue knows it.
    pub unit_name: Option<(String, &'static str)>,
    pub date: Option<DateSpanValue>,
    pub qualifier: Option<String>,
    /// A bare number ("300"): only a fact with a qualifier before it ("as many as 300").
    pub needs_qualifier: bool,
    pub lookback: Lookback,
}

impl Hit {
    pub fn new(start: usize, end: usize, kind: SpanKind) -> Self {
        let lookback = if kind == SpanKind::Date {
            Lookback::Date
        } else {
            Lookback::Number
        };
        Self {
            start,
            end,
            kind,
            value: None,
            unit: None,
            unit_name: None,
            date: None,
            qualifier: None,
            needs_qualifier: false,
            lookback,
        }
    }

    pub fn value(mut self, v: Value) -> Self {
        self.value = Some(v);
        self
    }

    pub fn unit(mut self, code: &'static str) -> Self {
        self.unit = Some(UnitSrc::Code(code));
        self
    }

    pub fn unit_toks(mut self, a: usize, b: usize) -> Self {
        self.unit = Some(UnitSrc::Toks(a, b));
        self
    }

    /// Sets the normalised unit name and kind.
    pub fn named(mut self, name: impl Into<String>, kind: &'static str) -> Self {
        self.unit_name = Some((name.into(), kind));
        self
    }
}

/// Finds the facts in one sentence: non-overlapping spans sorted by position.
pub fn detect(sentence: &str, ctx: &DateContext) -> Vec<FactSpan> {
    let toks = tokenize(sentence);
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].skip {
            i += 1;
            continue;
        }
        let Some(mut hit) = hit_at(&toks, i, *ctx) else {
            i += 1;
            continue;
        };
        take_qualifier(&toks, &mut hit, floor);
        if hit.needs_qualifier && hit.qualifier.is_none() {
            hit.kind = SpanKind::Number;
        }
        i = hit.end;
        floor = hit.end;
        out.push(to_span(sentence, &toks, hit));
    }
    out
}

fn hit_at(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<Hit> {
    if let Some(d) = date_at(toks, i, ctx) {
        let mut hit = Hit::new(d.start, d.end, SpanKind::Date);
        hit.date = Some(d.value);
        hit.qualifier = d.qualifier.map(str::to_string);
        if matches!(d.qualifier, Some("between" | "from")) {
            hit.lookback = Lookback::None;
        }
        return Some(hit);
    }
    between_measure(toks, i)
        .or_else(|| change_at(toks, i))
        .or_else(|| fraction_at(toks, i))
        .or_else(|| approx_at(toks, i))
        .or_else(|| mult_word_at(toks, i))
        .or_else(|| ordinal_at(toks, i))
        .or_else(|| measure_at(toks, i, false))
}

/// "between 10 and 15 countries".
fn between_measure(toks: &[Tok<'_>], i: usize) -> Option<Hit> {
    if !toks[i].is("between") {
        return None;
    }
    let mut hit = measure_at(toks, i + 1, true)?;
    if !matches!(hit.value, Some(Value::Range(..))) {
        return None;
    }
    hit.start = i;
    hit.qualifier = Some("between".to_string());
    hit.needs_qualifier = false;
    hit.lookback = Lookback::None;
    Some(hit)
}

/// Extends a hit over the qualifier written before it ("more than", "since at least").
fn take_qualifier(toks: &[Tok<'_>], hit: &mut Hit, floor: usize) {
    let list = match hit.lookback {
        Lookback::None => return,
        Lookback::Number => NUMBER_QUALIFIERS,
        Lookback::Date => DATE_QUALIFIERS,
    };
    let mut s = hit.start;
    if hit.lookback == Lookback::Date && s > floor && toks[s - 1].is("the") {
        s -= 1;
    }
    for q in list {
        let n = q.split(' ').count();
        if s < floor + n {
            continue;
        }
        if q.split(' ')
            .enumerate()
            .all(|(o, w)| toks[s - n + o].is_word() && toks[s - n + o].is(w))
        {
            hit.start = s - n;
            hit.qualifier = Some((*q).to_string());
            return;
        }
    }
}

fn to_span(sentence: &str, toks: &[Tok<'_>], hit: Hit) -> FactSpan {
    let range = toks[hit.start].start..toks[hit.end - 1].end;
    let unit = hit.unit.map(|u| u.resolve(sentence, toks));
    let (unit_name, unit_kind) = match hit.unit_name {
        Some((n, k)) => (Some(n), Some(k)),
        None => match unit
            .as_deref()
            .and_then(|u| super::units::catalogue().currency(u))
        {
            Some(c) => (Some(c.name.clone()), Some(c.kind.as_str())),
            None if unit.as_deref() == Some("%") => {
                (Some("percentage".into()), Some("dimensionless"))
            }
            None => (None, None),
        },
    };
    let direction = (hit.kind == SpanKind::Change)
        .then(|| {
            let v = hit.value.map(|v| v.low())?;
            let times = matches!(hit.unit, Some(UnitSrc::Code("times")));
            Some(if (times && v >= 1.0) || (!times && v >= 0.0) {
                "up"
            } else {
                "down"
            })
        })
        .flatten();
    FactSpan {
        unit_name,
        unit_kind,
        direction,
        kind: hit.kind,
        text: sentence[range.clone()].to_string(),
        range,
        value: hit.value,
        unit,
        date: hit.date,
        qualifier: hit.qualifier,
    }
}
