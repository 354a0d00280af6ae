//! The hand-labelled seed facts (tests/fixtures/seed/seed-facts.json) checked against what
//! `dossier facts` and `dossier glossary` print for the shipped papers.

mod common;

use std::process::Command;

use serde_json::Value;

fn fold(s: &str) -> String {
    let straight: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json(args: &[&str]) -> Value {
    let out = Command::new(common::bin()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn seed() -> Value {
    serde_json::from_str(include_str!("fixtures/seed/seed-facts.json")).unwrap()
}

fn paper_id(year: &str) -> String {
    format!(
        "ifans-{year}-{}",
        if year == "2022" {
            "dprk-illicit-cyber-activities"
        } else {
            "north-korea-illicit-cyber-activities"
        }
    )
}

#[test]
fn key_facts_match_the_hand_labels() {
    let seed = seed();
    let facts = json(&["facts", "--json"]);
    let facts = facts.as_array().unwrap();
    let listed: Vec<(String, String)> = facts
        .iter()
        .map(|f| {
            (
                f["paper"].as_str().unwrap().to_owned(),
                fold(f["text"].as_str().unwrap()),
            )
        })
        .collect();
    let labels = seed["facts"].as_array().unwrap();
    let matches = |label: &Value, paper: &str, text: &str| {
        paper == paper_id(label["paper"].as_str().unwrap())
            && label["anchors"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| text.contains(&fold(a.as_str().unwrap())))
    };
    for label in labels.iter().filter(|l| l["required"] == true) {
        assert!(
            listed.iter().any(|(p, t)| matches(label, p, t)),
            "required fact not found: {label}"
        );
    }
    for not_fact in seed["not_facts"].as_array().unwrap() {
        let nf = fold(not_fact.as_str().unwrap());
        assert!(
            !listed.iter().any(|(_, t)| t.contains(&nf)),
            "{nf} listed as a fact"
        );
    }
    let labelled = listed
        .iter()
        .filter(|(p, t)| labels.iter().any(|l| matches(l, p, t)))
        .count();
    assert!(
        labelled * 10 >= listed.len() * 9,
        "only {labelled} of {} listed facts are labelled",
        listed.len()
    );
    // Each required fact carries the kinds it was labelled with.
    for label in labels.iter().filter(|l| l["required"] == true) {
        let fact = facts
            .iter()
            .find(|f| {
                matches(
                    label,
                    f["paper"].as_str().unwrap(),
                    &fold(f["text"].as_str().unwrap()),
                )
            })
            .unwrap();
        for kind in label["kinds"].as_array().unwrap() {
            assert!(
                fact["spans"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s["kind"] == *kind),
                "{kind} missing in {fact}"
            );
        }
    }
}

#[test]
fn the_numbers_are_right() {
    let facts = json(&["facts", "--json"]);
    let spans: Vec<&Value> = facts
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["spans"].as_array().unwrap())
        .collect();
    let span = |text: &str| {
        *spans
            .iter()
            .find(|s| s["text"] == text)
            .unwrap_or_else(|| panic!("no span {text:?}"))
    };
    assert_eq!(span("$316.4 million")["value"], 316_400_000);
    assert_eq!(span("$316.4 million")["unit"], "USD");
    assert_eq!(span("more than $1 billion")["value"], 1_000_000_000);
    assert_eq!(span("more than $1 billion")["qualifier"], "more than");
    assert_eq!(span("30 countries")["value"], 30);
    assert_eq!(span("30 countries")["unit"], "countries");
    assert_eq!(span("at least three cryptocurrency exchanges")["value"], 3);
    assert!((span("about one-third")["value"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-3);
    assert_eq!(span("as many as 300 times more")["value"], 300);
    assert_eq!(span("as many as 300 times more")["unit"], "times");
    assert_eq!(span("October 18, 2022")["date"]["start"], "2022-10-18");
}

#[test]
fn the_glossary_finds_every_labelled_definition() {
    let seed = seed();
    let glossary = json(&["glossary", "--json"]);
    let glossary = glossary.as_array().unwrap();
    for entry in seed["glossary"].as_array().unwrap() {
        let found = glossary
            .iter()
            .find(|g| g["short"] == entry["short"])
            .unwrap_or_else(|| panic!("{} missing", entry["short"]));
        assert_eq!(found["long"], entry["long"]);
        assert_eq!(found["source"], "text");
    }
    let rok = glossary.iter().find(|g| g["short"] == "ROK").unwrap();
    assert_eq!(
        (rok["long"].as_str(), rok["source"].as_str()),
        (Some("Republic of Korea"), Some("builtin"))
    );
}

#[test]
fn the_timeline_is_in_date_order() {
    let timeline = json(&["timeline", "--json"]);
    let dates: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["date"].as_str().unwrap())
        .collect();
    assert!(dates.len() >= 10);
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    assert_eq!(
        (
            &timeline[0]["date"],
            &timeline[0]["precision"],
            &timeline[0]["label"]
        ),
        (&"1990".into(), &"decade".into(), &"1990s".into()),
        "the 1990s: the ISO year of the decade's start, its precision and its label"
    );
    let has = |date: &str, precision: &str, label: &str| {
        timeline
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["date"] == date && f["precision"] == precision && f["label"] == label)
    };
    assert!(has("2023-04-24", "day", "24 Apr 2023"));
    assert!(has("2000", "decade", "early 2000s"));
    assert!(has("2023-02", "month", "Feb 2023"));
}

#[test]
fn the_text_timeline_labels_dates_as_precise_as_the_text() {
    let out = std::process::Command::new(common::bin())
        .arg("timeline")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let labels: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    for want in [
        "1990s",
        "early 2000s",
        "Feb 2023",
        "24 Apr 2023",
        "Apr 2022",
    ] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }
    assert!(
        !labels.contains(&"1990"),
        "a decade is never a bare year: {labels:?}"
    );
}
