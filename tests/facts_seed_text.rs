//! The extraction eval on the two seed papers: required facts found, no non-facts listed,
//! at least 90% of listed key facts labelled, glossary entries defined as labelled.

use dossier::facts::{self, DateContext, FactSpan, PartialDate, SpanKind};
use serde::Deserialize;

const SEED: &str = include_str!("fixtures/seed/seed-facts.json");
const PAPER_2022: &str = include_str!("fixtures/seed/paper-2022.txt");
const PAPER_2023: &str = include_str!("fixtures/seed/paper-2023.txt");

#[derive(Deserialize)]
struct Seed {
    facts: Vec<Fact>,
    not_facts: Vec<String>,
    glossary: Vec<Gloss>,
}

#[derive(Deserialize)]
struct Fact {
    paper: String,
    required: bool,
    anchors: Vec<String>,
    kinds: Vec<String>,
}

#[derive(Deserialize)]
struct Gloss {
    short: String,
    long: String,
}

/// Curly quotes to straight ones, runs of white space to one space.
fn fold(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Listed {
    sentence: String,
    spans: Vec<FactSpan>,
}

fn papers() -> [(&'static str, &'static str, DateContext); 2] {
    [
        (
            "2022",
            PAPER_2022,
            DateContext::published(PartialDate::day(2022, 10, 31).unwrap()),
        ),
        (
            "2023",
            PAPER_2023,
            DateContext::published(PartialDate::year(2023)),
        ),
    ]
}

/// Every sentence the key-facts panel would list for a paper.
fn key_facts(text: &str, ctx: DateContext) -> Vec<Listed> {
    let mut out = Vec::new();
    for para in text.lines().filter(|l| !l.trim().is_empty()) {
        for r in facts::sentences(para) {
            let sentence = &para[r];
            let spans = facts::detect(sentence, &ctx);
            for s in &spans {
                assert_eq!(
                    s.text,
                    sentence[s.range.clone()],
                    "span text matches its range"
                );
            }
            if facts::is_key_fact(&spans) {
                out.push(Listed {
                    sentence: fold(sentence),
                    spans,
                });
            }
        }
    }
    out
}

fn kind_name(k: SpanKind) -> String {
    serde_json::to_value(k)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn seed_papers_meet_the_eval_rules() {
    let seed: Seed = serde_json::from_str(SEED).unwrap();
    for (paper, text, ctx) in papers() {
        let listed = key_facts(text, ctx);
        let labelled: Vec<&Fact> = seed.facts.iter().filter(|f| f.paper == paper).collect();
        let contains_all =
            |l: &Listed, f: &Fact| f.anchors.iter().all(|a| l.sentence.contains(&fold(a)));
        for f in labelled.iter().filter(|f| f.required) {
            let hit = listed.iter().find(|l| contains_all(l, f));
            let hit =
                hit.unwrap_or_else(|| panic!("{paper}: required fact {:?} not listed", f.anchors));
            let kinds: Vec<String> = hit.spans.iter().map(|s| kind_name(s.kind)).collect();
            for k in &f.kinds {
                assert!(
                    kinds.contains(k),
                    "{paper}: {:?} lacks a {k} span: {kinds:?}",
                    f.anchors
                );
            }
        }
        for l in &listed {
            for nf in &seed.not_facts {
                assert!(
                    !l.sentence.contains(&fold(nf)),
                    "{paper}: not-fact listed: {}",
                    l.sentence
                );
            }
        }
        let good = listed
            .iter()
            .filter(|l| labelled.iter().any(|f| contains_all(l, f)))
            .count();
        let unlabelled: Vec<&str> = listed
            .iter()
            .filter(|l| !labelled.iter().any(|f| contains_all(l, f)))
            .map(|l| l.sentence.as_str())
            .collect();
        assert!(
            good * 10 >= listed.len() * 9,
            "{paper}: unlabelled key facts listed: {unlabelled:#?}"
        );
    }
}

#[test]
fn site_chrome_lines_are_not_key_facts() {
    let ctx = DateContext::default();
    for line in [
        "Total Index: 5813 publications.",
        "Subscribe to our Mailing List!",
        "This paper was published by IFANS. IFANS retains the copyright to this paper and invites readers to share and cite the work with attribution to both the author(s) and IFANS",
        "* Attached File |",
    ] {
        for r in facts::sentences(line) {
            let spans = facts::detect(&line[r], &ctx);
            assert!(!facts::is_key_fact(&spans), "{line}: {spans:?}");
        }
    }
}

#[test]
fn seed_glossary_entries_are_defined() {
    let seed: Seed = serde_json::from_str(SEED).unwrap();
    let found: Vec<facts::Acronym> = [PAPER_2022, PAPER_2023]
        .iter()
        .flat_map(|t| t.lines())
        .flat_map(facts::find_acronyms)
        .collect();
    for g in &seed.glossary {
        let a = found
            .iter()
            .find(|a| a.short == g.short)
            .unwrap_or_else(|| panic!("{} not defined", g.short));
        assert_eq!(a.long, g.long);
        let mentions: usize = [PAPER_2022, PAPER_2023]
            .iter()
            .map(|t| facts::count_mentions(t, &g.short))
            .sum();
        assert!(mentions >= 1, "{} never mentioned", g.short);
    }
}

/// Every span of a paper, as the CLI would print it.
fn all_spans(text: &str, ctx: DateContext) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        for r in facts::sentences(para) {
            for span in facts::detect(&para[r], &ctx) {
                out.push(serde_json::to_string(&span).unwrap());
            }
        }
    }
    out
}

#[test]
fn seed_figures_are_normalised_exactly() {
    let [(_, p2022, c2022), (_, p2023, c2023)] = papers();
    assert_eq!(
        all_spans(p2022, c2022),
        [
            r#"{"kind":"date","text":"this year","date":{"start":"2022","precision":"year"}}"#,
            r#"{"kind":"date","text":"since at least 2004","date":{"start":"2004","precision":"year"},"qualifier":"since at least"}"#,
            r#"{"kind":"date","text":"by 2021","date":{"start":"2021","precision":"year"},"qualifier":"by"}"#,
            r#"{"kind":"multiplier","text":"as many as 300 times more","value":300,"unit":"times","qualifier":"as many as"}"#,
            r#"{"kind":"date","text":"2004","date":{"start":"2004","precision":"year"}}"#,
            r#"{"kind":"date","text":"2021","date":{"start":"2021","precision":"year"}}"#,
            r#"{"kind":"money","text":"millions of dollars","unit":"USD","unit_name":"united states dollar","unit_kind":"currency","qualifier":"millions of"}"#,
            r#"{"kind":"share","text":"about one-third","value":0.3333333333333333,"unit":"fraction","qualifier":"about"}"#,
            r#"{"kind":"money","text":"slightly more than $400 million","value":400000000,"unit":"USD","unit_name":"united states dollar","unit_kind":"currency","qualifier":"slightly more than"}"#,
            r#"{"kind":"money","text":"$316.4 million","value":316400000,"unit":"USD","unit_name":"united states dollar","unit_kind":"currency"}"#,
            r#"{"kind":"count","text":"30 countries","value":30,"unit":"countries"}"#,
            r#"{"kind":"date","text":"since 2018","date":{"start":"2018","precision":"year"},"qualifier":"since"}"#,
            r#"{"kind":"date","text":"early April this year","date":{"start":"2022-04","precision":"month"},"qualifier":"early"}"#,
            r#"{"kind":"date","text":"between 2020 and mid-2021","date":{"start":"2020","end":"2021-06","precision":"year"},"qualifier":"between"}"#,
            r#"{"kind":"money","text":"more than $50 million","value":50000000,"unit":"USD","unit_name":"united states dollar","unit_kind":"currency","qualifier":"more than"}"#,
            r#"{"kind":"count","text":"at least three cryptocurrency exchanges","value":3,"unit":"cryptocurrency exchanges","qualifier":"at least"}"#,
            r#"{"kind":"date","text":"October 18, 2022","date":{"start":"2022-10-18","precision":"day"}}"#,
            r#"{"kind":"quantity","text":"two years","value":2,"unit":"years","unit_name":"year","unit_kind":"time"}"#,
            r#"{"kind":"money","text":"more than $1 billion","value":1000000000,"unit":"USD","unit_name":"united states dollar","unit_kind":"currency","qualifier":"more than"}"#,
            r#"{"kind":"date","text":"April 2022","date":{"start":"2022-04","precision":"month"}}"#,
        ]
    );
    assert_eq!(
        all_spans(p2023, c2023),
        [
            r#"{"kind":"date","text":"1990s","date":{"start":"1990","end":"1999","precision":"decade"}}"#,
            r#"{"kind":"date","text":"since the early 2000s","date":{"start":"2000","end":"2003","precision":"decade"},"qualifier":"since"}"#,
            r#"{"kind":"date","text":"February 2023","date":{"start":"2023-02","precision":"month"}}"#,
            r#"{"kind":"date","text":"April 24, 2023","date":{"start":"2023-04-24","precision":"day"}}"#,
            r#"{"kind":"ordinal","text":"second time","value":2,"unit":"time"}"#,
            r#"{"kind":"date","text":"since 2016","date":{"start":"2016","precision":"year"},"qualifier":"since"}"#,
            r#"{"kind":"count","text":"two countries","value":2,"unit":"countries"}"#,
            r#"{"kind":"ordinal","text":"first sanction","value":1,"unit":"sanction"}"#,
            r#"{"kind":"count","text":"two countries","value":2,"unit":"countries"}"#,
        ]
    );
}

#[test]
fn covid_19_gives_no_span() {
    let [(_, p2022, c2022), _] = papers();
    let line = p2022.lines().find(|l| l.contains("Covid-19")).unwrap();
    for r in facts::sentences(line)
        .into_iter()
        .filter(|r| line[r.clone()].contains("Covid-19"))
    {
        assert!(facts::detect(&line[r], &c2022).is_empty());
    }
}
