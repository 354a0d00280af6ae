//! Text-level fact detectors on arbitrary text, then the same text as a paper through
//! `paper_facts` and `glossary`: every range handed out must be valid and say what it covers.
#![no_main]

use dossier::document::{Origin, Paper};
use dossier::facts::{self, DateContext, FactSpan, PartialDate};
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
    }
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
        let _ = facts::timeline_date(&spans);
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
