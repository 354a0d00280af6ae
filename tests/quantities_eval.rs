//! Value-level precision, recall and F1 of the figures dossier finds in quantulum3's labelled
//! test sentences (tests/fixtures/quantulum3, MIT), counted like `score_quantities.py`: a
//! span matches a labelled quantity when its value equals the label's (a range is written as
//! its midpoint and an uncertainty there, here as `[low, high]`); dates are not quantities.

use dossier::facts::{self, DateContext, SpanKind, Value};
use serde_json::Value as Json;

/// A labelled or found value: one number or a range.
#[derive(Clone, Copy, Debug, PartialEq)]
enum V {
    One(f64),
    Two(f64, f64),
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn same(found: V, label: V) -> bool {
    match (found, label) {
        (V::One(x), V::One(y)) => close(x, y),
        (V::Two(lo, hi), V::Two(want_lo, want_hi)) => close(lo, want_lo) && close(hi, want_hi),
        _ => false,
    }
}

/// The labels of each sentence.
fn gold(set: &str) -> Vec<(String, Vec<V>)> {
    let json: Json = serde_json::from_str(set).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let values = s["res"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let v = r["value"].as_f64().unwrap();
                    match r.get("uncertainty").and_then(Json::as_f64) {
                        Some(u) if u != 0.0 => V::Two(v - u, v + u),
                        _ => V::One(v),
                    }
                })
                .collect();
            (s["req"].as_str().unwrap().to_owned(), values)
        })
        .collect()
}

/// Every non-date value dossier finds in a sentence.
fn found(text: &str) -> Vec<V> {
    let ctx = DateContext::default();
    facts::sentences(text)
        .into_iter()
        .flat_map(|r| facts::detect(&text[r], &ctx))
        .filter(|s| s.kind != SpanKind::Date)
        .filter_map(|s| match s.value? {
            Value::Number(v) => Some(V::One(v)),
            Value::Range(a, b) => Some(V::Two(a, b)),
        })
        .collect()
}

/// Precision, recall and F1 in percent, and the misses and extras for a failure message.
fn score(set: &str) -> (f64, f64, f64, Vec<String>) {
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    let mut wrong = Vec::new();
    for (text, labels) in gold(set) {
        let mut pred = found(&text);
        for g in labels {
            if let Some(k) = pred.iter().position(|p| same(*p, g)) {
                tp += 1;
                pred.remove(k);
            } else {
                fn_ += 1;
                wrong.push(format!("missed {g:?}: {text}"));
            }
        }
        fp += u32::try_from(pred.len()).unwrap();
        wrong.extend(pred.iter().map(|p| format!("extra {p:?}: {text}")));
    }
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (100.0 * p, 100.0 * r, 100.0 * f, wrong)
}

#[test]
fn quantulum3_quantities_are_found() {
    let (p, r, f, wrong) = score(include_str!("fixtures/quantulum3/quantities.json"));
    assert!(
        f >= 92.0 && p >= 95.0 && r >= 88.0,
        "P {p:.1} R {r:.1} F1 {f:.1}\n{}",
        wrong.join("\n")
    );
}

#[test]
fn quantulum3_ambiguous_units_are_read_from_context() {
    let (p, r, f, wrong) = score(include_str!(
        "fixtures/quantulum3/quantities.ambiguity.json"
    ));
    assert!(
        f >= 95.0 && p >= 98.0 && r >= 93.0,
        "P {p:.1} R {r:.1} F1 {f:.1}\n{}",
        wrong.join("\n")
    );
}
