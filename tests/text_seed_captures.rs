//! The two raw web captures the shipped papers were made from open as plain text with the
//! right outline and the same key facts as the hand-made Markdown versions in `content/`.
//!
//! "Same key facts" means: every fact `dossier facts --json --all` lists for the Markdown
//! version is listed for the capture with the same sentence, the same spans (kind, text, value,
//! unit, date, qualifier) and in the same section, and so is every key fact of the default list
//! (relative dates such as "this year" need the capture's `Published …` line to be read as the
//! paper's date, as the Markdown version's front matter says); the capture may
//! list more only from the lines `content/` dropped as site chrome or moved to the front matter
//! (they are still text in a capture, which dossier never edits).

mod common;

use common::dossier;

use common::fixtures;
use serde_json::Value;

const CAPTURE_2022: &str = "seed-captures/000_038bba0206137b45.txt";
const CAPTURE_2023: &str = "seed-captures/002_5b5154e91466ecff.txt";

/// Lines of the captures that `content/` left out of the body (see the captures' README).
const CHROME: &[&str] = &[
    "Search All Site Content",
    "Total Index: 5813 publications.",
    "Subscribe to our Mailing List!",
    "Sign up for our mailing list to keep up to date on all the latest developments.",
    "Published October 31, 2022",
    "Publication Source: IFANS",
    "Download PDF",
    "This paper was published by IFANS.",
    "bibo:abstract |",
    "* Attached File",
];

fn json(args: &[&str]) -> Value {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn path(rel: &str) -> String {
    fixtures().join(rel).to_str().unwrap().to_owned()
}

fn content(name: &str) -> String {
    format!("{}/content/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// (sentence, spans, section path) of each fact.
fn facts(file: &str, all: bool) -> Vec<(String, Value, Value)> {
    let mut args = vec!["facts", "--json"];
    if all {
        args.push("--all");
    }
    args.push(file);
    json(&args)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_owned(),
                f["spans"].clone(),
                f["section"].clone(),
            )
        })
        .collect()
}

fn section_titles(outline: &Value) -> Vec<String> {
    outline[0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_2023_capture_has_the_five_sections_of_its_table_of_contents() {
    let capture = json(&["outline", "--json", &path(CAPTURE_2023)]);
    let markdown = json(&[
        "outline",
        "--json",
        &content("2023-north-korea-illicit-cyber-activities.md"),
    ]);
    assert_eq!(section_titles(&capture), section_titles(&markdown));
    assert_eq!(section_titles(&capture).len(), 5);
    let levels: Vec<&Value> = capture[0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["level"])
        .collect();
    assert!(levels.iter().all(|l| **l == 1), "{levels:?}");
}

#[test]
fn each_capture_is_titled_by_its_own_lines_never_by_its_introduction() {
    // The 2022 capture names itself above its `Published` line.
    let c2022 = json(&["outline", "--json", &path(CAPTURE_2022)]);
    assert_eq!(
        c2022[0]["title"],
        "DPRK’s Illicit Cyber Activities: Latest Developments and ROK’s Responses"
    );
    // The 2023 capture carries no title line (its first line is export noise, then its table
    // of contents): its first section of its own names it, not "Introduction".
    let c2023 = json(&["outline", "--json", &path(CAPTURE_2023)]);
    assert_eq!(
        c2023[0]["title"],
        "Why Pyongyang Masterminds Illicit Cyber Activities"
    );
}

#[test]
fn the_2022_capture_gets_no_invented_headings_and_its_published_date() {
    let capture = json(&["outline", "--json", &path(CAPTURE_2022)]);
    assert!(section_titles(&capture).is_empty(), "{capture}");
    let cat = dossier(&["cat", "--width", "100", &path(CAPTURE_2022)]);
    let text = String::from_utf8(cat.stdout).unwrap();
    assert!(text.contains("2022-10-31"), "{text}");
}

fn assert_same_facts(capture: &str, markdown: &str) {
    for all in [true, false] {
        let got = facts(capture, all);
        let want = facts(markdown, all);
        for fact in &want {
            assert!(
                got.contains(fact),
                "all={all}: the capture lacks {fact:?}\ncapture facts: {got:#?}"
            );
        }
        for (text, _, _) in got.iter().filter(|f| !want.contains(f)) {
            assert!(
                CHROME.iter().any(|c| text.contains(c)),
                "all={all}: a fact the Markdown version lacks: {text:?}"
            );
        }
    }
}

#[test]
fn the_captures_state_the_same_key_facts_as_the_markdown_versions() {
    assert_same_facts(
        &path(CAPTURE_2022),
        &content("2022-dprk-illicit-cyber-activities.md"),
    );
    assert_same_facts(
        &path(CAPTURE_2023),
        &content("2023-north-korea-illicit-cyber-activities.md"),
    );
}

#[test]
fn the_captures_keep_every_word_of_their_text() {
    for capture in [CAPTURE_2022, CAPTURE_2023] {
        let raw = std::fs::read_to_string(fixtures().join(capture)).unwrap();
        let out = dossier(&["cat", "--width", "1000", &path(capture)]);
        let shown = String::from_utf8(out.stdout).unwrap();
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let shown_words = words(&shown);
        for line in raw.lines() {
            let w = words(line);
            assert!(
                w.is_empty() || shown_words.windows(w.len()).any(|win| win == w.as_slice()),
                "{capture}: lost {line:?}"
            );
        }
    }
}
