//! Ranking of candidate facts, the key-fact test and the date a fact takes on the timeline.

use super::dates::{DatePrecision, DateSpanValue};
use super::span::{FactSpan, SpanKind};

/// Ranks a sentence by its spans: money first, then multipliers, shares and changes, then
/// dated events and counts; a sentence with only trivial spans scores below 1.
pub fn fact_score(spans: &[FactSpan]) -> f32 {
    let mut seen: Vec<SpanKind> = Vec::with_capacity(spans.len());
    let mut score = 0.0;
    for s in spans {
        let w = weight(s);
        if seen.contains(&s.kind) {
            score += w * 0.25;
        } else {
            seen.push(s.kind);
            score += w;
        }
    }
    score
}

fn weight(s: &FactSpan) -> f32 {
    match s.kind {
        SpanKind::Money if s.value.is_some() => 5.0,
        SpanKind::Money => 3.0,
        SpanKind::Multiplier => 4.0,
        SpanKind::Share | SpanKind::Change => 3.5,
        SpanKind::Date => match s.date.map(|d| d.precision) {
            Some(DatePrecision::Day) => 3.0,
            Some(DatePrecision::Month) => 2.5,
            Some(DatePrecision::Year) => 2.0,
            _ => 1.5,
        },
        SpanKind::Count if significant(s) => 2.0,
        SpanKind::Quantity if significant(s) => 1.5,
        SpanKind::Ordinal => 0.5,
        SpanKind::Count | SpanKind::Quantity => 0.3,
        SpanKind::Number => 0.2,
    }
}

/// Whether a span alone makes its sentence a key fact. Small counts ("two countries"),
/// durations ("12 months") and ordinals alone do not.
fn significant(s: &FactSpan) -> bool {
    match s.kind {
        SpanKind::Money
        | SpanKind::Multiplier
        | SpanKind::Share
        | SpanKind::Change
        | SpanKind::Date => true,
        SpanKind::Count => {
            s.qualifier.is_some() || s.value.as_ref().is_none_or(|v| v.low() >= 10.0)
        }
        SpanKind::Quantity => {
            !s.unit.as_deref().is_some_and(is_duration) && s.unit_kind != Some("time")
        }
        SpanKind::Ordinal | SpanKind::Number => false,
    }
}

fn is_duration(unit: &str) -> bool {
    const UNITS: &[&str] = &[
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "seconds",
        "decade",
        "decades",
        "century",
        "centuries",
    ];
    UNITS.iter().any(|u| u.eq_ignore_ascii_case(unit))
}

/// Whether the sentence with these spans belongs in the key-facts panel.
pub fn is_key_fact(spans: &[FactSpan]) -> bool {
    spans.iter().any(significant)
}

/// The date a fact is placed at on the timeline: among its date spans, those not opening
/// with "since" are preferred (they name the event rather than a backdrop), then the most
/// precise, then the earliest. Its start is where it sorts; [`DateSpanValue::label`] shows it.
pub fn timeline_date(spans: &[FactSpan]) -> Option<DateSpanValue> {
    let dates = || spans.iter().filter_map(|s| s.date.map(|d| (s, d)));
    let backdrop = |s: &FactSpan| {
        s.qualifier
            .as_deref()
            .is_some_and(|q| q.starts_with("since"))
    };
    let any_event = dates().any(|(s, _)| !backdrop(s));
    dates()
        .filter(|(s, _)| !any_event || !backdrop(s))
        .map(|(_, d)| d)
        .min_by(|a, b| b.precision.cmp(&a.precision).then(a.start.cmp(&b.start)))
}
