//! Tests of `detect`, `fact_score`, `is_key_fact` and `timeline_date` on whole sentences.
#![allow(clippy::float_cmp, reason = "the figures must be exact")]

use super::*;

fn ctx_2022() -> DateContext {
    DateContext::published(PartialDate::day(2022, 10, 31).unwrap())
}

fn spans(s: &str) -> Vec<FactSpan> {
    detect(s, &ctx_2022())
}

/// The single span whose text is `text`.
fn span(s: &str, text: &str) -> FactSpan {
    let all = spans(s);
    all.iter()
        .find(|x| x.text == text)
        .cloned()
        .unwrap_or_else(|| panic!("no span {text:?} in {s:?}: {all:#?}"))
}

fn num(s: &str, text: &str) -> (SpanKind, f64, Option<String>, Option<String>) {
    let x = span(s, text);
    let v = match x.value {
        Some(Value::Number(v)) => v,
        other => panic!("{text}: value {other:?}"),
    };
    (x.kind, v, x.unit, x.qualifier)
}

fn date(s: &str, text: &str) -> (String, Option<String>, Option<String>) {
    let x = span(s, text);
    assert_eq!(x.kind, SpanKind::Date);
    let d = x.date.unwrap();
    (d.start.iso(), d.end.map(|e| e.iso()), x.qualifier)
}

fn none(s: &str) {
    let all = spans(s);
    assert!(all.is_empty(), "{s:?} gave {all:#?}");
}

macro_rules! o {
    ($s:expr) => {
        Some(String::from($s))
    };
}

#[test]
fn money() {
    use SpanKind::Money;
    let s =
        "coal exports generate slightly more than $400 million, hackers stole $316.4 million worth";
    assert_eq!(
        num(s, "slightly more than $400 million"),
        (Money, 4e8, o!("USD"), o!("slightly more than"))
    );
    assert_eq!(
        num(s, "$316.4 million"),
        (Money, 316_400_000.0, o!("USD"), None)
    );
    assert_eq!(
        num("totaling more than $1 billion.", "more than $1 billion"),
        (Money, 1e9, o!("USD"), o!("more than"))
    );
    assert_eq!(
        num("a budget of USD 1.7 billion", "USD 1.7 billion").1,
        1.7e9
    );
    assert_eq!(
        num("fined \u{20ac}500,000 in", "\u{20ac}500,000").2,
        o!("EUR")
    );
    assert_eq!(
        num("lost \u{20a9}2 trillion", "\u{20a9}2 trillion").2,
        o!("KRW")
    );
    assert_eq!(
        num("lost 2.5 billion won to", "2.5 billion won"),
        (Money, 2.5e9, o!("KRW"), None)
    );
    assert_eq!(
        num("worth \u{a5}30 billion", "\u{a5}30 billion").2,
        o!("JPY")
    );
    assert_eq!(
        num("worth \u{a3}12 million", "\u{a3}12 million").2,
        o!("GBP")
    );
    assert_eq!(
        num("worth US$620 million", "US$620 million"),
        (Money, 6.2e8, o!("USD"), None)
    );
    assert_eq!(
        num("some 40 million yuan", "some 40 million yuan"),
        (Money, 4e7, o!("CNY"), o!("some"))
    );
}

#[test]
fn approximate_money_has_no_value() {
    let x = span(
        "as well as millions of dollars worth of cryptocurrency",
        "millions of dollars",
    );
    assert_eq!(
        (x.kind, x.value, x.unit, x.qualifier),
        (SpanKind::Money, None, o!("USD"), o!("millions of"))
    );
    let x = span(
        "hundreds of millions of dollars",
        "hundreds of millions of dollars",
    );
    assert_eq!(x.qualifier, o!("hundreds of millions of"));
}

#[test]
fn counts() {
    use SpanKind::Count;
    assert_eq!(
        num("from 30 countries using a malware", "30 countries"),
        (Count, 30.0, o!("countries"), None)
    );
    assert_eq!(
        num(
            "from at least three cryptocurrency exchanges in Asia",
            "at least three cryptocurrency exchanges"
        ),
        (Count, 3.0, o!("cryptocurrency exchanges"), o!("at least"))
    );
    assert_eq!(
        num("it laid off 2,400 employees.", "2,400 employees").1,
        2400.0
    );
    assert_eq!(
        num("it recruited as many as 300.", "as many as 300"),
        (Count, 300.0, None, o!("as many as"))
    );
    assert_eq!(num("twenty-one hackers", "twenty-one hackers").1, 21.0);
    let x = span("dozens of hackers were indicted", "dozens of hackers");
    assert_eq!(
        (x.kind, x.value, x.unit, x.qualifier),
        (Count, None, o!("hackers"), o!("dozens of"))
    );
}

#[test]
fn lone_and_spelled_one_are_not_counts() {
    none("to stay one step ahead of the threat");
    none("Various cyber threats do not mean one-shot attacks.");
    none("It is one of the regime's essential sources of revenue.");
    let bare = spans("North Korea launched 300 and more.");
    assert_eq!(bare.len(), 1);
    assert_eq!(bare[0].kind, SpanKind::Number);
    assert!(!is_key_fact(&bare));
}

#[test]
fn shares() {
    use SpanKind::Share;
    assert_eq!(
        num(
            "funds about one-third of its missile programs",
            "about one-third"
        ),
        (Share, 1.0 / 3.0, o!("fraction"), o!("about"))
    );
    assert_eq!(
        num("rates of 30% apply", "30%"),
        (Share, 30.0, o!("%"), None)
    );
    assert_eq!(
        num("nearly 30 percent of", "nearly 30 percent"),
        (Share, 30.0, o!("%"), o!("nearly"))
    );
    assert_eq!(num("30 per cent of", "30 per cent").2, o!("%"));
    assert_eq!(num("half of the funds", "half").1, 0.5);
    assert_eq!(num("two-thirds of them", "two-thirds").1, 2.0 / 3.0);
    assert_eq!(
        num("up 4 percentage points", "up 4 percentage points").2,
        o!("percentage points")
    );
}

#[test]
fn multipliers() {
    use SpanKind::Multiplier;
    assert_eq!(
        num(
            "conducted as many as 300 times more cyber-attacks",
            "as many as 300 times more"
        ),
        (Multiplier, 300.0, o!("times"), o!("as many as"))
    );
    assert_eq!(
        num("twice as many attacks", "twice"),
        (Multiplier, 2.0, o!("times"), None)
    );
    assert_eq!(num("a tenfold increase", "tenfold").1, 10.0);
    assert_eq!(num("a 10-fold increase", "10-fold").1, 10.0);
    assert_eq!(num("three times the size", "three times").0, Multiplier);
    assert_eq!(
        num("sanctioned three times", "three times").0,
        SpanKind::Count
    );
}

#[test]
fn quantities_and_ranges() {
    use SpanKind::{Count, Quantity};
    assert_eq!(
        num("within 12 months", "12 months"),
        (Quantity, 12.0, o!("months"), None)
    );
    assert_eq!(num("a range of 5 km", "5 km").2, o!("km"));
    assert_eq!(num("8 GB of data", "8 GB").2, o!("GB"));
    let x = span("between 10 and 15 hackers", "between 10 and 15 hackers");
    assert_eq!(
        (x.kind, x.value, x.unit, x.qualifier),
        (
            Count,
            Some(Value::Range(10.0, 15.0)),
            o!("hackers"),
            o!("between")
        )
    );
    assert_eq!(
        span("10-15% of revenue", "10-15%").value,
        Some(Value::Range(10.0, 15.0))
    );
    let x = span("it lost between 10 and 15.", "between 10 and 15");
    assert_eq!(
        (x.kind, x.value, x.unit),
        (Count, Some(Value::Range(10.0, 15.0)), None)
    );
    assert_eq!(
        span("$300 to $400 million", "$300 to $400 million").value,
        Some(Value::Range(3e8, 4e8))
    );
}

#[test]
fn changes() {
    use SpanKind::Change;
    assert_eq!(
        num("exports rose 5% in", "rose 5%"),
        (Change, 5.0, o!("%"), None)
    );
    assert_eq!(
        num("trade fell by 3 percent", "fell by 3 percent"),
        (Change, -3.0, o!("%"), None)
    );
    assert_eq!(
        num(
            "thefts increased by more than $2 million",
            "increased by more than $2 million"
        ),
        (Change, 2e6, o!("USD"), o!("more than"))
    );
    assert_eq!(num("a 30% drop in", "30% drop").1, -30.0);
    assert_eq!(
        num("attacks doubled last year", "doubled"),
        (Change, 2.0, o!("times"), None)
    );
    assert_eq!(span("prices rose to 5%", "5%").kind, SpanKind::Share);
}

#[test]
fn dates() {
    assert_eq!(
        date("On October 18, 2022, U.S. officials", "October 18, 2022"),
        ("2022-10-18".into(), None, None)
    );
    assert_eq!(
        date("on April 24, 2023, the", "April 24, 2023").0,
        "2023-04-24"
    );
    assert_eq!(
        date("established in April 2022 offers", "April 2022").0,
        "2022-04"
    );
    assert_eq!(date("In February 2023, the", "February 2023").0, "2023-02");
    assert_eq!(date("In 2021, the Director", "2021").0, "2021");
    assert_eq!(
        date("since 2018.", "since 2018"),
        ("2018".into(), None, o!("since"))
    );
    assert_eq!(
        date("since at least 2004, and", "since at least 2004"),
        ("2004".into(), None, o!("since at least"))
    );
    assert_eq!(
        date(
            "reported that between 2020 and mid-2021, hackers",
            "between 2020 and mid-2021"
        ),
        ("2020".into(), o!("2021-06"), o!("between"))
    );
    assert_eq!(
        date("in the 1990s.", "1990s"),
        ("1990".into(), o!("1999"), None)
    );
    assert_eq!(
        date("since the early 2000s.", "since the early 2000s"),
        ("2000".into(), o!("2003"), o!("since"))
    );
    assert_eq!(
        date("the early 2000s saw", "early 2000s"),
        ("2000".into(), o!("2003"), o!("early"))
    );
    assert_eq!(
        date("In early April this year, a", "early April this year"),
        ("2022-04".into(), None, o!("early"))
    );
    assert_eq!(date("missile tests this year, and", "this year").0, "2022");
    assert_eq!(date("as it did last year.", "last year").0, "2021");
    assert_eq!(date("the 2016 election", "2016").0, "2016");
    assert_eq!(date("on Oct. 18, 2022", "Oct. 18, 2022").0, "2022-10-18");
}

#[test]
fn relative_dates_without_a_context_are_not_spans() {
    let ctx = DateContext::default();
    assert!(detect("missile tests this year, and recently more", &ctx).is_empty());
    assert!(detect("In early April this year, a panel", &ctx).is_empty());
    assert!(spans("This has also recently caused changes.").is_empty());
}

#[test]
fn years_out_of_range_are_not_dates() {
    let population = spans("a population of 1850 and 2500");
    assert!(
        population.iter().all(|s| s.kind != SpanKind::Date),
        "{population:#?}"
    );
    none("In 1850 the treaty");
}

#[test]
fn ordinals() {
    let s = "which was the second time since 2016 that the two countries acted";
    assert_eq!(
        num(s, "second time"),
        (SpanKind::Ordinal, 2.0, o!("time"), None)
    );
    assert_eq!(date(s, "since 2016").0, "2016");
    assert_eq!(num("for the 3rd time", "3rd time").1, 3.0);
    none("Second, the regime acts.");
}

#[test]
fn names_codes_and_references_are_not_facts() {
    for s in [
        "during the Covid-19 pandemic",
        "during the COVID-19 pandemic",
        "machines running Windows 10 were hit",
        "certified under ISO 27001 rules",
        "the Log4j flaw CVE-2021-44228 was used",
        "written in Python 3.11 code",
        "the G7 and G20 summits",
        "printed on A4 paper",
        "under Resolution 2375 of the council",
        "see report No. 123 of the panel",
        "hashed with SHA-256 digests",
        "over IPv6 networks",
        "as the \u{201c}Report 2019\u{201d} said",
        "the theft of funds.12 Then",
        "as noted in [3] above",
        "see section 2.3 below",
        "call +82-2-2100-2114 today",
        "visit https://www.ifans.go.kr/2022/10/report today",
        "as argued (Kim, 2019) before",
        "Total Index: 5813 publications.",
    ] {
        none(s);
    }
    for s in [
        "Above 30% of funds",
        "Exactly 30 countries",
        "Fewer than 30 countries",
    ] {
        assert_eq!(spans(s).len(), 1, "{s}");
    }
}

#[test]
fn spans_are_ordered_disjoint_and_match_their_text() {
    let s = "In early April this year, a panel reported that between 2020 and mid-2021, North Korean \
             cyber-attackers stole more than $50 million in digital assets from at least three \
             cryptocurrency exchanges in North America, Europe and Asia.";
    let all = spans(s);
    assert_eq!(all.len(), 4);
    for w in all.windows(2) {
        assert!(w[0].range.end <= w[1].range.start);
    }
    for x in &all {
        assert_eq!(x.text, s[x.range.clone()]);
    }
}

#[test]
fn key_facts_and_scores() {
    let money =
        spans("Hackers stole $316.4 million worth of cryptocurrency from 30 countries since 2018.");
    let dated = spans("In February 2023, the Korean government decided to impose sanctions.");
    let trivial = spans("The two countries have forged close cooperation.");
    let duration = spans("Talks lasted two years.");
    assert!(is_key_fact(&money) && is_key_fact(&dated));
    assert!(!is_key_fact(&trivial) && !is_key_fact(&duration) && !is_key_fact(&[]));
    assert!(fact_score(&money) > fact_score(&dated));
    assert!(fact_score(&dated) > fact_score(&trivial));
    assert!(fact_score(&trivial) < 1.0);
    assert!(is_key_fact(&spans(
        "North Korea initiated its efforts in the 1990s."
    )));
    assert!(is_key_fact(&spans("Hackers hit 30 countries.")));
    assert!(!is_key_fact(&spans("Hackers hit three countries.")));
    assert!(is_key_fact(&spans("Hackers hit at least three exchanges.")));
}

#[test]
fn timeline_date_prefers_the_event_over_its_backdrop() {
    let timeline_date = |spans: &[FactSpan]| timeline_date(spans).map(|d| d.start);
    let s =
        "on April 24, 2023, both sanctioned hackers, the second time since 2016 that they did so.";
    assert_eq!(timeline_date(&spans(s)), PartialDate::day(2023, 4, 24));
    assert_eq!(
        timeline_date(&spans("stolen from 30 countries since 2018.")),
        Some(PartialDate::year(2018))
    );
    let s = "In early April this year, a panel reported that between 2020 and mid-2021 hackers stole more.";
    assert_eq!(timeline_date(&spans(s)), PartialDate::month(2022, 4));
    assert_eq!(timeline_date(&spans("stolen from 30 countries.")), None);
}

#[test]
fn timeline_order() {
    let texts = [
        "since the early 2000s.",
        "on April 24, 2023, officials met.",
        "in the 1990s.",
        "since 2018.",
        "between 2020 and mid-2021, hackers stole.",
        "On October 18, 2022, he said.",
        "since at least 2004, it spied.",
        "In February 2023, the government acted.",
        "established in April 2022.",
        "the second time since 2016.",
    ];
    let mut dated: Vec<(PartialDate, &str)> = texts
        .iter()
        .map(|t| (timeline_date(&spans(t)).unwrap().start, *t))
        .collect();
    dated.sort();
    let order: Vec<&str> = dated.iter().map(|d| d.1).collect();
    assert_eq!(
        order,
        [
            "in the 1990s.",
            "since the early 2000s.",
            "since at least 2004, it spied.",
            "the second time since 2016.",
            "since 2018.",
            "between 2020 and mid-2021, hackers stole.",
            "established in April 2022.",
            "On October 18, 2022, he said.",
            "In February 2023, the government acted.",
            "on April 24, 2023, officials met.",
        ]
    );
}

#[test]
fn serialises_for_the_cli() {
    let x = span("more than $50 million in assets", "more than $50 million");
    assert_eq!(
        serde_json::to_string(&x).unwrap(),
        r#"{"kind":"money","text":"more than $50 million","value":50000000,"unit":"USD","unit_name":"united states dollar","unit_kind":"currency","qualifier":"more than"}"#
    );
    let x = span("between 2020 and mid-2021,", "between 2020 and mid-2021");
    assert_eq!(
        serde_json::to_string(&x).unwrap(),
        r#"{"kind":"date","text":"between 2020 and mid-2021","date":{"start":"2020","end":"2021-06","precision":"year"},"qualifier":"between"}"#
    );
}

/// Kind, value, unit as written, normalised unit name and unit kind of the span `text`.
fn figure(
    s: &str,
    text: &str,
) -> (
    SpanKind,
    Value,
    Option<String>,
    Option<String>,
    Option<&'static str>,
) {
    let x = span(s, text);
    (x.kind, x.value.unwrap(), x.unit, x.unit_name, x.unit_kind)
}

#[test]
fn units_of_every_kind_are_named() {
    use SpanKind::Quantity;
    let n = Value::Number;
    let cases: &[(&str, &str, f64, &str, &str)] = &[
        (
            "a 1,500,000 kilometres trip",
            "1,500,000 kilometres",
            1.5e6,
            "kilometre",
            "length",
        ),
        (
            "cells of 5 \u{3bc}m each",
            "5 \u{3bc}m",
            5.0,
            "micrometre",
            "length",
        ),
        (
            "an area of 301,338 km2 in all",
            "301,338 km2",
            301_338.0,
            "square kilometre",
            "area",
        ),
        ("a 120 sq m flat", "120 sq m", 120.0, "square metre", "area"),
        (
            "add six gallons of water",
            "six gallons",
            6.0,
            "gallon",
            "volume",
        ),
        ("it weighs 10kg (25lbs).", "10kg", 10.0, "kilogram", "mass"),
        (
            "highs of 45 degrees Celsius today",
            "45 degrees Celsius",
            45.0,
            "degree Celsius",
            "temperature",
        ),
        (
            "at 37 \u{b0}C inside",
            "37 \u{b0}C",
            37.0,
            "degree Celsius",
            "temperature",
        ),
        (
            "a top speed of 200 kilometres per hour",
            "200 kilometres per hour",
            200.0,
            "kilometre per hour",
            "speed",
        ),
        (
            "steel rated at 60 ksi here",
            "60 ksi",
            60.0,
            "kilopound per square inch",
            "pressure",
        ),
        (
            "it holds 8 GB of data",
            "8 GB",
            8.0,
            "gigabyte",
            "data storage",
        ),
        (
            "beams at 3.5 TeV collided",
            "3.5 TeV",
            3.5,
            "teraelectronvolt",
            "energy",
        ),
        (
            "a solar output of 7.3 MWh this year",
            "7.3 MWh",
            7.3,
            "megawatt hour",
            "energy",
        ),
        ("a 5 MW plant", "5 MW", 5.0, "megawatt", "power"),
        (
            "the battery failed after three days, then",
            "three days",
            3.0,
            "day",
            "time",
        ),
        ("a 6.1-inch display", "6.1-inch", 6.1, "inch", "length"),
        ("a 2.4-liter engine", "2.4-liter", 2.4, "litre", "volume"),
        (
            "a six-cylinder engine",
            "six-cylinder",
            6.0,
            "cylinder",
            "dimensionless",
        ),
        ("a door 2 1/2 in thick", "2 1/2 in", 2.5, "inch", "length"),
        (
            "a 1\u{2044}32 inch gap",
            "1\u{2044}32 inch",
            0.031_25,
            "inch",
            "length",
        ),
        (
            "a mass of 1.99\u{d7}10\u{2212}30 kilograms",
            "1.99\u{d7}10\u{2212}30 kilograms",
            1.99e-30,
            "kilogram",
            "mass",
        ),
        (
            "he lost -5 yards on the play",
            "-5 yards",
            -5.0,
            "yard",
            "length",
        ),
        (
            "an accuracy of 16.25 nanometers",
            "16.25 nanometers",
            16.25,
            "nanometre",
            "length",
        ),
        (
            "a dose of 14 mGy in all",
            "14 mGy",
            14.0,
            "milligray",
            "radiation absorbed dose",
        ),
    ];
    for &(s, text, v, name, kind) in cases {
        let (k, value, _, unit_name, unit_kind) = figure(s, text);
        assert_eq!(
            (k, value, unit_name.as_deref(), unit_kind),
            (Quantity, n(v), Some(name), Some(kind)),
            "{s}"
        );
    }
}

#[test]
fn money_in_many_currencies() {
    let cases: &[(&str, &str, f64, &str)] = &[
        ("it cost US$5 then", "US$5", 5.0, "USD"),
        ("it cost A$7.5 then", "A$7.5", 7.5, "AUD"),
        ("it cost C$12 then", "C$12", 12.0, "CAD"),
        ("it cost HK$100 then", "HK$100", 100.0, "HKD"),
        ("it cost RM23.50 then", "RM23.50", 23.5, "MYR"),
        ("it cost \u{a5}500 then", "\u{a5}500", 500.0, "JPY"),
        (
            "the yen at Y=132.86 against the greenback",
            "Y=132.86",
            132.86,
            "JPY",
        ),
        ("Vodafone raised \u{a3}6m in May", "\u{a3}6m", 6e6, "GBP"),
        (
            "a ticket cost 8.99 Australian dollars",
            "8.99 Australian dollars",
            8.99,
            "AUD",
        ),
        ("fined 2.5 billion won", "2.5 billion won", 2.5e9, "KRW"),
        (
            "I spent 20 million pounds on this!",
            "20 million pounds",
            2e7,
            "GBP",
        ),
        ("revenue was -15\u{20ac} then", "-15\u{20ac}", -15.0, "EUR"),
    ];
    for &(s, text, v, code) in cases {
        let (k, value, unit, _, kind) = figure(s, text);
        assert_eq!(
            (k, value, unit.as_deref(), kind),
            (
                SpanKind::Money,
                Value::Number(v),
                Some(code),
                Some("currency")
            ),
            "{s}"
        );
    }
    // Coins and pence keep their own unit and value.
    assert_eq!(
        figure("it was 18 sen more", "18 sen").3.as_deref(),
        Some("sen")
    );
    assert_eq!(
        figure("shares at 125.8p each", "125.8p").1,
        Value::Number(125.8)
    );
    assert_eq!(
        figure("shares at 125.8p each", "125.8p").3.as_deref(),
        Some("penny")
    );
}

#[test]
fn ranges_have_both_ends() {
    let r = Value::Range;
    let cases: &[(&str, &str, Value)] = &[
        (
            "prices from $250,000 to $1 million",
            "$250,000 to $1 million",
            r(250_000.0, 1e6),
        ),
        (
            "between 15.5 cm and 23.5 cm long",
            "between 15.5 cm and 23.5 cm",
            r(15.5, 23.5),
        ),
        ("they took 44 to 50 mg daily", "44 to 50 mg", r(44.0, 50.0)),
        (
            "they took 44 mg to 50 mg daily",
            "44 mg to 50 mg",
            r(44.0, 50.0),
        ),
        (
            "worth 33-35 billion euros",
            "33-35 billion euros",
            r(3.3e10, 3.5e10),
        ),
        ("in three or four years", "three or four years", r(3.0, 4.0)),
        (
            "temperatures from -18 \u{b0}C to -34 \u{b0}C",
            "-18 \u{b0}C to -34 \u{b0}C",
            r(-34.0, -18.0),
        ),
        ("a 8- to 16-meter telescope", "8- to 16-meter", r(8.0, 16.0)),
        (
            "it weighs 2,000.45\u{b1}0.01 pounds",
            "2,000.45\u{b1}0.01 pounds",
            r(2000.44, 2000.46),
        ),
        (
            "cost about $350 per kg to $680 per kg",
            "about $350 per kg to $680 per kg",
            r(350.0, 680.0),
        ),
    ];
    for &(s, text, v) in cases {
        assert_eq!(span(s, text).value, Some(v), "{s}");
    }
    // Different units are two figures, not a range.
    let two = spans("They were changed from 44 ml to 50 mg ethanol.");
    assert_eq!(two.len(), 2, "{two:#?}");
}

#[test]
fn number_words_and_unitless_figures() {
    let one = |s: &str, text: &str| span(s, text).value.unwrap();
    assert_eq!(
        one(
            "a crowd of twenty-eight thousand six hundred forty-two people",
            "twenty-eight thousand six hundred forty-two people"
        ),
        Value::Number(28_642.0)
    );
    assert_eq!(
        one("I want a hundred and two of those", "a hundred and two"),
        Value::Number(102.0)
    );
    assert_eq!(
        one("two and a half miles east", "two and a half miles"),
        Value::Number(2.5)
    );
    assert_eq!(
        one("exactly one sixth.", "one sixth"),
        Value::Number(1.0 / 6.0)
    );
    assert_eq!(
        one("Is three halves fractional?", "three halves"),
        Value::Number(1.5)
    );
    let x = span(
        "police said eight other employees were hurt",
        "eight other employees",
    );
    assert_eq!(
        (x.kind, x.value),
        (SpanKind::Count, Some(Value::Number(8.0)))
    );
    let s = "The index rose 64.06 points to 4,577.10 after a 2-0 win.";
    let x = span(s, "rose 64.06 points");
    assert_eq!(
        (x.kind, x.value, x.direction),
        (SpanKind::Change, Some(Value::Number(64.06)), Some("up"))
    );
    let x = span(s, "4,577.10");
    assert_eq!(
        (x.kind, x.value),
        (SpanKind::Number, Some(Value::Number(4577.1)))
    );
    assert_eq!(span(s, "2-0").value, Some(Value::Range(2.0, 0.0)));
    assert!(!is_key_fact(&spans(
        "The answer is 42, at the end of times"
    )));
    assert_eq!(
        one(
            "a factor of 2.48\u{d7}10\u{2212}5, then",
            "2.48\u{d7}10\u{2212}5"
        ),
        Value::Number(2.48e-5)
    );
    assert_eq!(
        one("violet light at 4e14 s-1", "4e14 s-1"),
        Value::Number(4e14)
    );
    assert_eq!(
        one("an error of .001 per cent", ".001 per cent"),
        Value::Number(0.001)
    );
    assert_eq!(
        one("at minus-1.4 degrees", "minus-1.4 degrees"),
        Value::Number(-1.4)
    );
}

#[test]
fn changes_carry_their_direction() {
    let x = span("Shares fell 0.94% on Monday", "fell 0.94%");
    assert_eq!(
        (x.value, x.direction),
        (Some(Value::Number(-0.94)), Some("down"))
    );
    let x = span("exports rose 5% in", "rose 5%");
    assert_eq!(x.direction, Some("up"));
    assert_eq!(span("theft halved", "halved").direction, Some("down"));
}

#[test]
fn ambiguous_units_are_read_from_context() {
    // pound: weight or money; c: Celsius or cent; m: metre or million; in: inch or preposition.
    assert_eq!(
        figure("a twenty-pound bag of rice", "twenty-pound").4,
        Some("mass")
    );
    assert_eq!(figure("raised \u{a3}6m", "\u{a3}6m").1, Value::Number(6e6));
    assert_eq!(figure("a 5m shark", "5m").3.as_deref(), Some("metre"));
    assert_eq!(
        figure("Now its -10C", "-10C").3.as_deref(),
        Some("degree Celsius")
    );
    assert_eq!(figure("it costs 5c now", "5c").3.as_deref(), Some("cent"));
    assert_eq!(
        figure("my pencil is 2 in.", "2 in").3.as_deref(),
        Some("inch")
    );
    let two = span("There are two in my car", "two");
    assert_eq!((two.kind, two.unit), (SpanKind::Number, None));
    assert_eq!(
        figure("a grid of 2.1 pm.", "2.1 pm").3.as_deref(),
        Some("picometre")
    );
    none("At 2 pm everybody will be gone.");
    none("I arrived at 2.13 am.");
}

#[test]
fn pounds_metres_and_celsius_are_read_from_the_words_around_them() {
    // Found by checking the binary on plain sentences: each was a bare number or the wrong unit.
    assert_eq!(
        figure("The ticket cost 5 pounds.", "5 pounds").2.as_deref(),
        Some("GBP")
    );
    assert_eq!(
        figure("She paid 5 pounds for it.", "5 pounds").2.as_deref(),
        Some("GBP")
    );
    assert_eq!(
        figure("The bag weighs 5 pounds.", "5 pounds").4,
        Some("mass")
    );
    assert_eq!(
        figure("It was 30 C in Madrid.", "30 C").3.as_deref(),
        Some("degree Celsius")
    );
    assert_eq!(
        figure("The pole is 3 m long.", "3 m").3.as_deref(),
        Some("metre")
    );
    assert_eq!(
        figure("The wall is 3 m high and 10 m wide.", "10 m")
            .3
            .as_deref(),
        Some("metre")
    );
    let raised = figure("They raised 3 m euros.", "3 m euros");
    assert_eq!(
        (raised.1, raised.2.as_deref()),
        (Value::Number(3e6), Some("EUR"))
    );
    // A lone letter before any other word is still not a unit.
    let two = span("He has 2 m of rope", "2");
    assert_eq!(two.unit, None);
}
