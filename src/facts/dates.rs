//! Partial dates, the publication context that resolves "this year", and the value of a date span.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::date_detect::point_at;
use super::tokens::tokenize;

/// A calendar date known to the year, the month or the day; the fields set give its precision.
/// Ordering sorts by year, then month, then day, with a missing field before any value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date known only to the year.
    pub const fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month; `None` unless `month` is 1..=12.
    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date; `None` unless it exists in the calendar.
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            Self {
                year,
                month: Some(month),
                day: Some(day),
            },
        )
    }

    /// Reads "2022-10-31", "2022-10", "2022", "October 31, 2022", "Oct. 31, 2022",
    /// "31 October 2022" or "October 2022".
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Some(d) = parse_iso(s) {
            return Some(d);
        }
        let toks = tokenize(s);
        let (end, point) = point_at(&toks, 0, DateContext::default())?;
        (end == toks.len() && point.end.is_none() && point.written.part.is_none())
            .then_some(point.start)
    }

    /// "2022", "2022-10" or "2022-10-18", as precise as the date is.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// "year", "month" or "day".
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

fn parse_iso(s: &str) -> Option<PartialDate> {
    let mut parts = s.split('-');
    let y = parts.next()?;
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let field = |p: Option<&str>| -> Option<Option<u8>> {
        match p {
            None => Some(None),
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                Some(p.parse().ok())
            }
            Some(_) => None,
        }
    };
    let month = field(parts.next())?;
    let day = field(parts.next())?;
    if parts.next().is_some() {
        return None;
    }
    match (month, day) {
        (None, _) => Some(PartialDate::year(year)),
        (Some(m), None) => PartialDate::month(year, m),
        (Some(m), Some(d)) => PartialDate::day(year, m, d),
    }
}

/// Days in a month of the Gregorian calendar.
pub(super) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What relative dates in a paper are resolved against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateContext {
    /// When the paper was published; "this year" and "last year" need it.
    pub published: Option<PartialDate>,
}

impl DateContext {
    /// A context for a paper published on `date`.
    pub const fn published(date: PartialDate) -> Self {
        Self {
            published: Some(date),
        }
    }
}

/// How precise a date span is; ordered from coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Decade,
    Year,
    Month,
    Day,
}

/// "early", "mid" or "late", written before a date ("the early 2000s", "mid-2021").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePart {
    Early,
    Mid,
    Late,
}

impl DatePart {
    /// The word as written, lower case.
    pub fn word(self) -> &'static str {
        match self {
            DatePart::Early => "early",
            DatePart::Mid => "mid",
            DatePart::Late => "late",
        }
    }
}

/// How one date expression was written: its own precision ("mid-2021" is a year, though its
/// value is June 2021) and the early/mid/late before it. Labels are made from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Written {
    /// The precision of the words: a decade, a year, a month or a day.
    pub precision: DatePrecision,
    /// The early/mid/late written before them.
    pub part: Option<DatePart>,
}

impl Written {
    /// A date written plainly at `precision`, with no early/mid/late.
    pub const fn plain(precision: DatePrecision) -> Self {
        Self {
            precision,
            part: None,
        }
    }
}

/// The value of a date span: a point (`end` is `None`) or a period from `start` to `end`.
/// "since 2018" is a point with qualifier "since"; "the 1990s" is the period 1990–1999 with
/// precision `Decade`; "mid-2021" is June 2021. It serialises as
/// `{"start": "2020", "end": "2021-06", "precision": "year"}` (`end` left out for points), and
/// [`DateSpanValue::sort_key`] places it on a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateSpanValue {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    /// Precision of `start` (decades are coarser than years).
    pub precision: DatePrecision,
    /// How the start was written, and the end when the span is a period of two expressions
    /// ("between 2020 and mid-2021"); a decade's own end is part of the start's expression.
    pub written: (Written, Option<Written>),
}

impl DateSpanValue {
    /// The date the span sorts by: its start.
    pub fn sort_key(&self) -> PartialDate {
        self.start
    }

    /// The span as precise as the text wrote it: "1990s", "early 2000s", "2021", "mid-2021",
    /// "Apr 2023", "24 Apr 2023", and "2018–2020" or "2020–mid-2021" for periods.
    pub fn label(&self) -> String {
        let start = point_label(self.start, self.written.0);
        match (self.end, self.written.1) {
            (Some(end), Some(written)) => format!("{start}\u{2013}{}", point_label(end, written)),
            _ => start,
        }
    }
}

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One date as written: `date` is its value, `written` how precise the words were.
fn point_label(date: PartialDate, written: Written) -> String {
    let month = |m: u8| MONTH_ABBREVIATIONS[usize::from(m.clamp(1, 12) - 1)];
    let base = match (written.precision, date.month, date.day) {
        (DatePrecision::Decade, _, _) => format!("{}s", date.year - date.year.rem_euclid(10)),
        (DatePrecision::Day, Some(m), Some(d)) => format!("{d} {} {}", month(m), date.year),
        (DatePrecision::Month | DatePrecision::Day, Some(m), _) => {
            format!("{} {}", month(m), date.year)
        }
        _ => date.year.to_string(),
    };
    match written.part {
        Some(DatePart::Mid) => format!("mid-{base}"),
        Some(part) => format!("{} {base}", part.word()),
        None => base,
    }
}

impl Serialize for DateSpanValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.end.is_some() { 3 } else { 2 };
        let mut st = serializer.serialize_struct("DateSpanValue", fields)?;
        st.serialize_field("start", &self.start.iso())?;
        if let Some(end) = self.end {
            st.serialize_field("end", &end.iso())?;
        }
        st.serialize_field("precision", &self.precision)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(
            PartialDate::parse("2022-10-31"),
            PartialDate::day(2022, 10, 31)
        );
        assert_eq!(PartialDate::parse("2022-10"), PartialDate::month(2022, 10));
        assert_eq!(PartialDate::parse("2022"), Some(PartialDate::year(2022)));
        assert_eq!(
            PartialDate::parse("October 31, 2022"),
            PartialDate::day(2022, 10, 31)
        );
        assert_eq!(
            PartialDate::parse("Oct. 31, 2022"),
            PartialDate::day(2022, 10, 31)
        );
        assert_eq!(
            PartialDate::parse("31 October 2022"),
            PartialDate::day(2022, 10, 31)
        );
        assert_eq!(
            PartialDate::parse("October 2022"),
            PartialDate::month(2022, 10)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(PartialDate::parse("2022-02-30"), None);
        assert_eq!(PartialDate::parse("2022-13"), None);
        assert_eq!(PartialDate::parse("February 29, 2023"), None);
        assert_eq!(PartialDate::parse("the 1990s"), None);
        assert_eq!(PartialDate::parse("soon"), None);
        assert!(PartialDate::parse("February 29, 2024").is_some());
    }

    #[test]
    fn iso_and_precision_follow_the_fields() {
        let d = PartialDate::day(2022, 10, 18).unwrap();
        assert_eq!((d.iso().as_str(), d.precision()), ("2022-10-18", "day"));
        let m = PartialDate::month(2022, 4).unwrap();
        assert_eq!((m.iso().as_str(), m.precision()), ("2022-04", "month"));
        let y = PartialDate::year(2016);
        assert_eq!((y.iso().as_str(), y.precision()), ("2016", "year"));
    }

    #[test]
    fn year_sorts_before_its_months() {
        assert!(PartialDate::year(2022) < PartialDate::month(2022, 1).unwrap());
        assert!(PartialDate::month(2022, 4).unwrap() < PartialDate::day(2022, 10, 18).unwrap());
    }

    #[test]
    fn span_value_serialises_as_documented() {
        let v = DateSpanValue {
            start: PartialDate::year(2020),
            end: PartialDate::month(2021, 6),
            precision: DatePrecision::Year,
            written: (
                Written::plain(DatePrecision::Year),
                Some(Written {
                    precision: DatePrecision::Year,
                    part: Some(DatePart::Mid),
                }),
            ),
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"start":"2020","end":"2021-06","precision":"year"}"#
        );
    }

    /// The label of the first date found in `text`, published 31 October 2022.
    fn label(text: &str) -> String {
        let ctx = DateContext::published(PartialDate::day(2022, 10, 31).unwrap());
        let spans = crate::facts::detect(text, &ctx);
        let date = spans
            .iter()
            .find_map(|s| s.date)
            .unwrap_or_else(|| panic!("no date in {text:?}"));
        date.label()
    }

    #[test]
    fn labels_are_as_precise_as_the_text() {
        let cases = [
            // decades, plain and early / mid / late
            ("capabilities in the 1990s.", "1990s"),
            ("in the 1990\u{2019}s, it", "1990s"),
            ("since the early 2000s, it", "early 2000s"),
            ("in the mid-2000s, it", "mid-2000s"),
            ("in the late 1990s, it", "late 1990s"),
            // years
            ("In 2021, the", "2021"),
            ("since at least 2004, it", "2004"),
            ("in mid-2021, hackers", "mid-2021"),
            ("in early 2021, hackers", "early 2021"),
            ("by late 2019, hackers", "late 2019"),
            ("tests this year, and", "2022"),
            // months
            ("established in April 2023 offers", "Apr 2023"),
            ("In February 2023, the", "Feb 2023"),
            ("In early April this year, a", "early Apr 2022"),
            ("dated 2022-10, the", "Oct 2022"),
            // days
            ("on April 24, 2023, both", "24 Apr 2023"),
            ("on 24 April 2023, both", "24 Apr 2023"),
            ("on Oct. 18, 2022, he", "18 Oct 2022"),
            ("dated 2022-10-31, the", "31 Oct 2022"),
            // periods
            ("from 2018 to 2020, it", "2018\u{2013}2020"),
            ("between 2020 and mid-2021, hackers", "2020\u{2013}mid-2021"),
            ("in 2020-21, it", "2020\u{2013}2021"),
        ];
        for (text, want) in cases {
            assert_eq!(label(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_decade_is_never_labelled_as_a_bare_year() {
        for text in [
            "in the 1990s.",
            "in the 2010s.",
            "the early 2000s",
            "the late 1980s",
        ] {
            let got = label(text);
            assert!(got.ends_with('s'), "{text:?} → {got:?}");
        }
    }
}
