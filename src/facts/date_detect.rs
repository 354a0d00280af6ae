//! Date expressions in tokens: days, months, years, decades, "this year", and periods.

use super::dates::{DateContext, DatePart, DatePrecision, DateSpanValue, PartialDate, Written};
use super::lexicon::{Lex, is_plural_noun};
use super::numbers::{is_code, year_of};
use super::tokens::Tok;

/// One date expression ("mid-2021", "the 1990s" without "the", "October 18, 2022").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Point {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub prec: DatePrecision,
    /// How it was written: "mid-2021" is a year with "mid" before it.
    pub written: Written,
}

impl Point {
    const fn of(start: PartialDate, prec: DatePrecision) -> Self {
        Self {
            start,
            end: None,
            prec,
            written: Written::plain(prec),
        }
    }
}

/// A date or period found at a token, with the qualifier written inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DateHit {
    pub start: usize,
    pub end: usize,
    pub value: DateSpanValue,
    pub qualifier: Option<&'static str>,
}

/// A date or a period starting at token `i`.
pub(super) fn date_at(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<DateHit> {
    let tok = toks.get(i)?;
    if tok.skip {
        return None;
    }
    if tok.is("between") || tok.is("from") {
        return period_at(toks, i, ctx);
    }
    let (end, p) = point_at(toks, i, ctx)?;
    if let Some(sep) = toks.get(end)
        && (sep.is("to") || sep.is("through") || sep.is("until") || sep.text == "\u{2013}")
        && p.prec == DatePrecision::Year
        && p.end.is_none()
        && let Some((end2, p2)) = point_at(toks, end + 1, ctx)
        && p2.prec == DatePrecision::Year
        && p2.start > p.start
    {
        let value = DateSpanValue {
            start: p.start,
            end: Some(p2.end.unwrap_or(p2.start)),
            precision: p.prec,
            written: (p.written, Some(p2.written)),
        };
        return Some(DateHit {
            start: i,
            end: end2,
            value,
            qualifier: None,
        });
    }
    let value = DateSpanValue {
        start: p.start,
        end: p.end,
        precision: p.prec,
        written: (p.written, joined_end(&p)),
    };
    let qualifier = p.written.part.map(DatePart::word);
    Some(DateHit {
        start: i,
        end,
        value,
        qualifier,
    })
}

/// How the end of a period written as one expression ("2020-21", "2016-2018") was written;
/// `None` for a point or a decade, whose end belongs to the start's words.
fn joined_end(p: &Point) -> Option<Written> {
    (p.end.is_some() && p.written.precision != DatePrecision::Decade)
        .then_some(Written::plain(DatePrecision::Year))
}

/// "between 2020 and mid-2021", "from 2018 to 2020".
fn period_at(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<DateHit> {
    let between = toks[i].is("between");
    let skip_the = |k: usize| {
        if toks.get(k).is_some_and(|x| x.is("the")) {
            k + 1
        } else {
            k
        }
    };
    let (e1, p1) = point_at(toks, skip_the(i + 1), ctx)?;
    let sep = toks.get(e1);
    if let Some(end) = p1.end
        && p1.prec == DatePrecision::Year
        && !sep.is_some_and(|s| s.is("and") || s.is("to"))
    {
        let value = DateSpanValue {
            start: p1.start,
            end: Some(end),
            precision: p1.prec,
            written: (p1.written, joined_end(&p1)),
        };
        let qualifier = Some(if between { "between" } else { "from" });
        return Some(DateHit {
            start: i,
            end: e1,
            value,
            qualifier,
        });
    }
    let sep = sep?;
    let ok = if between {
        sep.is("and")
    } else {
        sep.is("to") || sep.is("until") || sep.is("through") || sep.is("till") || sep.is_dash()
    };
    if !ok {
        return None;
    }
    let (e2, p2) = point_at(toks, skip_the(e1 + 1), ctx)?;
    let end = p2.end.unwrap_or(p2.start);
    if end <= p1.start {
        return None;
    }
    let value = DateSpanValue {
        start: p1.start,
        end: Some(end),
        precision: p1.prec,
        written: (p1.written, Some(p2.written)),
    };
    let qualifier = Some(if between { "between" } else { "from" });
    Some(DateHit {
        start: i,
        end: e2,
        value,
        qualifier,
    })
}

/// One date expression at `i`, with an optional early/mid/late before it.
pub(super) fn point_at(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<(usize, Point)> {
    let tok = toks.get(i)?;
    let Lex::Part(part) = tok.lex else {
        return core_at(toks, i, ctx);
    };
    let mut j = i + 1;
    if toks.get(j).is_some_and(|h| h.is_hyphen() && h.glued()) {
        j += 1;
        if !toks.get(j)?.glued() {
            return None;
        }
    } else if !toks.get(j)?.spaced {
        return None;
    }
    let (end, mut point) = core_at(toks, j, ctx)?;
    let part = [DatePart::Early, DatePart::Mid, DatePart::Late][usize::from(part)];
    match point.prec {
        DatePrecision::Decade => {
            let (from, to) = match part {
                DatePart::Early => (0, 3),
                DatePart::Mid => (3, 6),
                DatePart::Late => (6, 9),
            };
            let decade = point.start.year;
            point.start = PartialDate::year(decade + from);
            point.end = Some(PartialDate::year(decade + to));
        }
        DatePrecision::Year if part == DatePart::Mid && point.end.is_none() => {
            point.start = PartialDate::month(point.start.year, 6)?;
            point.prec = DatePrecision::Month;
        }
        _ => {}
    }
    point.written.part = Some(part);
    Some((end, point))
}

fn core_at(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<(usize, Point)> {
    let tok = toks.get(i)?;
    match tok.lex {
        Lex::Month(m) => month_expr(toks, i, m, ctx),
        Lex::Rel(r) => {
            let y = relative_year(toks, i + 1, r, ctx)?;
            Some((i + 2, Point::of(PartialDate::year(y), DatePrecision::Year)))
        }
        _ if tok.is_num() => num_date(toks, i, ctx),
        _ => None,
    }
}

/// "this year" / "last year" / "next year" resolved against the publication date.
fn relative_year(toks: &[Tok<'_>], k: usize, rel: i8, ctx: DateContext) -> Option<i32> {
    let y = toks.get(k)?;
    (y.is("year") && y.spaced).then_some(())?;
    Some(ctx.published?.year + i32::from(rel))
}

fn day_number(tok: &Tok<'_>) -> Option<u8> {
    let v = tok.plain_int()?;
    (tok.text.len() <= 2 && (1..=31).contains(&v)).then_some(v as u8)
}

fn month_expr(toks: &[Tok<'_>], i: usize, m: u8, ctx: DateContext) -> Option<(usize, Point)> {
    let mut j = i + 1;
    if toks.get(j).is_some_and(|d| d.text == "." && d.glued()) && toks[i].text.len() <= 4 {
        j += 1;
    }
    let next = toks.get(j)?;
    if !next.spaced {
        return None;
    }
    if let Some(d) = day_number(next) {
        let mut k = j + 1;
        if toks
            .get(k)
            .is_some_and(|s| s.glued() && ["st", "nd", "rd", "th"].iter().any(|x| s.is(x)))
        {
            k += 1;
        }
        let comma = toks.get(k).is_some_and(|c| c.text == ",");
        if let Some(y) = toks.get(k + usize::from(comma)).and_then(year_of) {
            let date = PartialDate::day(y, m, d)?;
            return Some((
                k + usize::from(comma) + 1,
                Point::of(date, DatePrecision::Day),
            ));
        }
        let date = PartialDate::day(ctx.published?.year, m, d)?;
        return Some((k, Point::of(date, DatePrecision::Day)));
    }
    if let Some(y) = year_of(next) {
        return Some((
            j + 1,
            Point::of(PartialDate::month(y, m)?, DatePrecision::Month),
        ));
    }
    if next.is("of")
        && let Some(y) = toks.get(j + 1).and_then(year_of)
    {
        return Some((
            j + 2,
            Point::of(PartialDate::month(y, m)?, DatePrecision::Month),
        ));
    }
    if let Lex::Rel(r) = next.lex {
        let y = relative_year(toks, j + 1, r, ctx)?;
        return Some((
            j + 2,
            Point::of(PartialDate::month(y, m)?, DatePrecision::Month),
        ));
    }
    None
}

fn num_date(toks: &[Tok<'_>], i: usize, ctx: DateContext) -> Option<(usize, Point)> {
    let tok = &toks[i];
    if let Some(d) = day_number(tok)
        && let Some(Lex::Month(m)) = toks.get(i + 1).filter(|x| x.spaced).map(|x| x.lex)
    {
        if let Some(y) = toks.get(i + 2).filter(|x| x.spaced).and_then(year_of) {
            return Some((
                i + 3,
                Point::of(PartialDate::day(y, m, d)?, DatePrecision::Day),
            ));
        }
        let date = PartialDate::day(ctx.published?.year, m, d)?;
        return Some((i + 2, Point::of(date, DatePrecision::Day)));
    }
    let y = year_of(tok)?;
    let next = toks.get(i + 1).filter(|n| n.glued());
    if let Some(n) = next {
        let after_the = i > 0 && (toks[i - 1].is("the") || matches!(toks[i - 1].lex, Lex::Part(_)));
        let apostrophe_s = after_the
            && matches!(n.text, "'" | "\u{2019}")
            && toks.get(i + 2).is_some_and(|s| s.is("s") && s.glued());
        if (n.is("s") || apostrophe_s) && y % 10 == 0 {
            let p = Point {
                start: PartialDate::year(y),
                end: Some(PartialDate::year(y + 9)),
                prec: DatePrecision::Decade,
                written: Written::plain(DatePrecision::Decade),
            };
            return Some((i + 2 + usize::from(apostrophe_s), p));
        }
        if n.is_dash()
            && let Some(m) = toks.get(i + 2).filter(|m| m.glued() && m.is_num())
        {
            return joined_date(toks, i, y, m);
        }
    }
    if is_code(toks, i) || followed_by_measure(toks, i + 1) || counted(toks, i) {
        return None;
    }
    Some((i + 1, Point::of(PartialDate::year(y), DatePrecision::Year)))
}

/// "2022-10-31", "2022-10", "2020-21", "2020-2021".
fn joined_date(toks: &[Tok<'_>], i: usize, year: i32, second: &Tok<'_>) -> Option<(usize, Point)> {
    if let Some(year2) = year_of(second) {
        let point = Point {
            start: PartialDate::year(year),
            end: Some(PartialDate::year(year2)),
            prec: DatePrecision::Year,
            written: Written::plain(DatePrecision::Year),
        };
        return (year2 > year).then_some((i + 3, point));
    }
    if second.text.len() != 2 {
        return None;
    }
    let val = i32::try_from(second.plain_int()?).ok()?;
    let iso_month = second.text.starts_with('0') || (val <= 12 && val <= year % 100);
    if !iso_month {
        let year2 = year - year % 100 + val;
        let point = Point {
            start: PartialDate::year(year),
            end: Some(PartialDate::year(year2)),
            prec: DatePrecision::Year,
            written: Written::plain(DatePrecision::Year),
        };
        return (year2 > year).then_some((i + 3, point));
    }
    let month = val as u8;
    if toks.get(i + 3).is_some_and(|h| h.is_dash() && h.glued())
        && let Some(d) = toks
            .get(i + 4)
            .filter(|d| d.glued() && d.text.len() == 2)
            .and_then(day_number)
    {
        return Some((
            i + 5,
            Point::of(PartialDate::day(year, month, d)?, DatePrecision::Day),
        ));
    }
    Some((
        i + 3,
        Point::of(PartialDate::month(year, month)?, DatePrecision::Month),
    ))
}

/// A year-like number that is really an amount ("2000%", "2000 times", "1900 km").
fn followed_by_measure(toks: &[Tok<'_>], j: usize) -> bool {
    toks.get(j).is_some_and(|n| {
        n.text == "%"
            || matches!(
                n.lex,
                Lex::Percent
                    | Lex::Scale(_)
                    | Lex::CurWord(_)
                    | Lex::Times
                    | Lex::Fold
                    | Lex::Unit
                    | Lex::TimeUnit
            )
    })
}

/// "sent 2000 soldiers": a year-like number counting a plural noun, not after a date word.
fn counted(toks: &[Tok<'_>], i: usize) -> bool {
    const DATE_WORDS: &[&str] = &[
        "in", "since", "by", "from", "until", "till", "to", "of", "before", "after", "during",
        "between", "and", "through", "the", "its", "their", "this", "that", "for", "early", "late",
        "mid", "around", "circa",
    ];
    let plural_next = toks
        .get(i + 1)
        .is_some_and(|n| n.spaced && n.is_word() && is_plural_noun(n.text));
    let date_word_before = i > 0 && DATE_WORDS.iter().any(|w| toks[i - 1].is(w));
    plural_next && !date_word_before
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn first(s: &str, ctx: DateContext) -> Option<(String, DateSpanValue, Option<&'static str>)> {
        let toks = tokenize(s);
        (0..toks.len())
            .find_map(|i| date_at(&toks, i, ctx))
            .map(|h| {
                (
                    s[toks[h.start].start..toks[h.end - 1].end].to_string(),
                    h.value,
                    h.qualifier,
                )
            })
    }

    fn iso(s: &str) -> (String, String, Option<String>) {
        let ctx = DateContext::published(PartialDate::day(2022, 10, 31).unwrap());
        let (text, v, _) = first(s, ctx).unwrap_or_else(|| panic!("no date in {s}"));
        (text, v.start.iso(), v.end.map(|e| e.iso()))
    }

    #[test]
    fn days_months_years() {
        assert_eq!(
            iso("On October 18, 2022, he said"),
            ("October 18, 2022".into(), "2022-10-18".into(), None)
        );
        assert_eq!(
            iso("on Oct. 18, 2022"),
            ("Oct. 18, 2022".into(), "2022-10-18".into(), None)
        );
        assert_eq!(
            iso("established in April 2022 offers"),
            ("April 2022".into(), "2022-04".into(), None)
        );
        assert_eq!(iso("In 2021, the"), ("2021".into(), "2021".into(), None));
        assert_eq!(
            iso("on 18 October 2022"),
            ("18 October 2022".into(), "2022-10-18".into(), None)
        );
        assert_eq!(
            iso("dated 2022-10-31"),
            ("2022-10-31".into(), "2022-10-31".into(), None)
        );
    }

    #[test]
    fn periods_and_decades() {
        assert_eq!(
            iso("between 2020 and mid-2021, hackers"),
            (
                "between 2020 and mid-2021".into(),
                "2020".into(),
                Some("2021-06".into())
            )
        );
        assert_eq!(
            iso("in the 1990s."),
            ("1990s".into(), "1990".into(), Some("1999".into()))
        );
        assert_eq!(
            iso("the early 2000s"),
            ("early 2000s".into(), "2000".into(), Some("2003".into()))
        );
        assert_eq!(
            iso("in the 1990\u{2019}s."),
            ("1990\u{2019}s".into(), "1990".into(), Some("1999".into()))
        );
        assert_eq!(
            iso("in 2020-21"),
            ("2020-21".into(), "2020".into(), Some("2021".into()))
        );
        assert_eq!(
            iso("from 2018 to 2020"),
            (
                "from 2018 to 2020".into(),
                "2018".into(),
                Some("2020".into())
            )
        );
        assert_eq!(
            iso("between 2016-2018: a"),
            (
                "between 2016-2018".into(),
                "2016".into(),
                Some("2018".into())
            )
        );
        assert_eq!(
            iso("2013 through 2016."),
            (
                "2013 through 2016".into(),
                "2013".into(),
                Some("2016".into())
            )
        );
    }

    #[test]
    fn relative_years_need_a_context() {
        assert_eq!(
            iso("tests this year, and"),
            ("this year".into(), "2022".into(), None)
        );
        assert_eq!(
            iso("In early April this year, a"),
            ("early April this year".into(), "2022-04".into(), None)
        );
        assert_eq!(
            iso("as of last year"),
            ("last year".into(), "2021".into(), None)
        );
        assert_eq!(first("tests this year", DateContext::default()), None);
        assert_eq!(
            first("In early April this year", DateContext::default()),
            None
        );
    }

    #[test]
    fn years_that_are_not_dates() {
        let ctx = DateContext::default();
        for s in [
            "Covid-19",
            "Report 2019",
            "2000%",
            "sent 2000 soldiers",
            "CVE-2021-44228",
            "2500 BC",
        ] {
            assert_eq!(first(s, ctx), None, "{s}");
        }
    }
}
