//! Text-level fact detectors on arbitrary text, then the same text as a paper through
//! `paper_facts` and `glossary`: every range handed out must be valid and say what it covers.
#![no_main]

use dossier::document::{Origin, Paper};
use dossier::facts::{self, DateContext, FactSpan, PartialDate, Value};
use dossier::insights;
use dossier::library::Library;
use libfuzzer_sys::fuzz_target;

/// Spans lie inside `sentence`, on char boundaries, sorted and non-overlapping, and say what
/// they cover.
fn check_spans(sentence: &str, spans: &[FactSpan]) {
    let mut floor = 0;
    for span in spans {
        let r = span.range.clone();
        assert!(
            r.start <= r.end && r.end <= sentence.len(),
            "span {r:?} outside {sentence:?}"
        );
        assert!(
            r.start >= floor,
            "span {r:?} overlaps or precedes the previous one in {sentence:?}"
        );
        assert_eq!(
            sentence.get(r.clone()),
            Some(span.text.as_str()),
            "span text differs from the sentence at {r:?}"
        );
        floor = r.end;
        check_values(span);
    }
}

/// A date that exists in the calendar and reads back from its ISO form.
fn check_date(date: PartialDate) {
    let valid = match (date.month, date.day) {
        (None, None) => true,
        (Some(m), None) => PartialDate::month(date.year, m).is_some(),
        (Some(m), Some(d)) => PartialDate::day(date.year, m, d).is_some(),
        (None, Some(_)) => false,
    };
    assert!(valid, "impossible date {date:?}");
    if (0..=9999).contains(&date.year) {
        assert_eq!(
            PartialDate::parse(&date.iso()),
            Some(date),
            "{date:?} does not read back"
        );
    }
}

/// Figures are numbers (ranges low to high), dates exist, and the span serialises.
fn check_values(span: &FactSpan) {
    match span.value {
        Some(Value::Number(v)) => assert!(!v.is_nan(), "NaN in {span:?}"),
        Some(Value::Range(a, b)) => assert!(a <= b, "range not low to high in {span:?}"),
        None => {}
    }
    if let Some(date) = span.date {
        check_date(date.start);
        if let Some(end) = date.end {
            check_date(end);
        }
    }
    serde_json::to_string(span).expect("a fact span serialises");
}

fuzz_target!(|data: &[u8]| {
    let Some((&flag, rest)) = data.split_first() else {
        return;
    };
    // The first byte picks the date context relative dates resolve against.
    let ctx = match flag % 4 {
        0 => DateContext::default(),
        1 => DateContext::published(PartialDate::year(1900 + i32::from(flag))),
        2 => PartialDate::month(2022, flag % 13)
            .map_or_else(DateContext::default, DateContext::published),
        _ => {
            PartialDate::day(2024, 2, 29).map_or_else(DateContext::default, DateContext::published)
        }
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    let ranges = facts::sentences(text);
    let mut floor = 0;
    for r in &ranges {
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "sentence {r:?} outside the text"
        );
        assert!(r.start >= floor, "sentence {r:?} out of order");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "sentence {r:?} splits a character"
        );
        floor = r.end;
        let sentence = &text[r.clone()];
        let spans = facts::detect(sentence, &ctx);
        check_spans(sentence, &spans);
        let _ = facts::fact_score(&spans);
        let _ = facts::is_key_fact(&spans);
        if let Some(date) = facts::timeline_date(&spans) {
            check_date(date);
        }
    }
    for acronym in facts::find_acronyms(text) {
        assert!(
            !acronym.short.is_empty() && !acronym.long.is_empty(),
            "{acronym:?}"
        );
        let _ = facts::count_mentions(text, &acronym.short);
    }

    let paper = Paper::parse(text, Origin::Embedded("f.md"), "f");
    for fact in insights::paper_facts(&paper, 0) {
        let block = &paper.blocks[fact.block].text;
        assert_eq!(
            block.get(fact.range.clone()),
            Some(fact.text.as_str()),
            "fact range"
        );
        check_spans(&fact.text, &fact.spans);
        for r in fact.block_ranges() {
            assert!(block.get(r).is_some(), "highlight range outside the block");
        }
    }
    let library = Library {
        papers: vec![paper],
        problems: vec![],
    };
    for term in insights::glossary(&library) {
        let paper = &library.papers[term.paper];
        let (b, offset) = term.place;
        let block = &paper.blocks.get(b).expect("glossary block exists").text;
        assert!(
            block.is_char_boundary(offset),
            "glossary offset {offset} in {block:?}"
        );
    }
});
