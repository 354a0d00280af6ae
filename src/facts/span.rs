//! The public shape of a detected fact span: its kind, value, unit, date and qualifier.

use std::ops::Range;

use serde::{Serialize, Serializer};

use super::dates::DateSpanValue;

/// What a span states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// A sum of money; `unit` is an ISO 4217 code.
    Money,
    /// A number of things; `unit` is the counted noun phrase ("countries").
    Count,
    /// A percentage (`unit` "%" or "percentage points") or a fraction (`unit` "fraction").
    Share,
    /// "300 times more", "twice", "tenfold"; `unit` "times".
    Multiplier,
    /// Another amount with its unit as written ("12 months", "5 km").
    Quantity,
    /// A rise or fall; the value is signed (negative for a fall), the unit is the figure's.
    Change,
    /// A date or period; see `FactSpan::date`.
    Date,
    /// "the second time"; `unit` is the noun it orders.
    Ordinal,
    /// A figure with nothing saying what it measures: an index level, a score ("2-0", written
    /// order kept), "42". Never a key fact on its own.
    Number,
}

/// A number or a range of numbers. Serialises as a JSON number (whole numbers without a
/// fraction) or as `[low, high]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Range(f64, f64),
}

impl Value {
    /// The number, or the low end of a range.
    pub fn low(&self) -> f64 {
        match *self {
            Value::Number(v) | Value::Range(v, _) => v,
        }
    }

    /// The same value times `factor` (a range stays ordered low to high).
    pub(super) fn times(&self, factor: f64) -> Value {
        match *self {
            Value::Number(v) => Value::Number(v * factor),
            Value::Range(a, b) => {
                let (a, b) = (a * factor, b * factor);
                Value::Range(a.min(b), a.max(b))
            }
        }
    }
}

fn serialize_number<S: Serializer>(v: f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(v as i64)
    } else {
        s.serialize_f64(v)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        match *self {
            Value::Number(v) => serialize_number(v, s),
            Value::Range(a, b) => {
                struct N(f64);
                impl Serialize for N {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        serialize_number(self.0, s)
                    }
                }
                let mut t = s.serialize_tuple(2)?;
                t.serialize_element(&N(a))?;
                t.serialize_element(&N(b))?;
                t.end()
            }
        }
    }
}

/// One fact found in a sentence. `text == &sentence[range]`; qualifier words are inside it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FactSpan {
    pub kind: SpanKind,
    /// Byte range within the sentence.
    #[serde(skip)]
    pub range: Range<usize>,
    pub text: String,
    /// The normalised figure: 316400000 for "$316.4 million", 0.333… for "one-third".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// ISO 4217 code, "%", "fraction", "times", the counted noun, or a unit as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The unit's normalised name from the catalogue: "kilometre", "pound sterling",
    /// "kilometre per hour", "percentage".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    /// What the unit measures: "length", "mass", "currency", "temperature", "time" …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_kind: Option<&'static str>,
    /// For a change: "up" or "down".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// For date spans: start, end of a period, precision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateSpanValue>,
    /// Lower-case qualifier as written: "more than", "about", "since", "between", "early" …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_serialise_as_numbers_or_pairs() {
        assert_eq!(
            serde_json::to_string(&Value::Number(316_400_000.0)).unwrap(),
            "316400000"
        );
        assert_eq!(
            serde_json::to_string(&Value::Number(0.3333)).unwrap(),
            "0.3333"
        );
        assert_eq!(
            serde_json::to_string(&Value::Range(10.0, 15.5)).unwrap(),
            "[10,15.5]"
        );
    }

    #[test]
    fn span_serialises_without_empty_fields() {
        let span = FactSpan {
            kind: SpanKind::Money,
            range: 0..21,
            text: "more than $50 million".into(),
            value: Some(Value::Number(5e7)),
            unit: Some("USD".into()),
            unit_name: None,
            unit_kind: None,
            direction: None,
            date: None,
            qualifier: Some("more than".into()),
        };
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"kind":"money","text":"more than $50 million","value":50000000,"unit":"USD","qualifier":"more than"}"#
        );
    }

    #[test]
    fn negative_factor_keeps_range_ordered() {
        assert_eq!(Value::Range(3.0, 5.0).times(-1.0), Value::Range(-5.0, -3.0));
    }
}
