//! `dossier search` on the shipped papers and on Korean text: the ranking the finder uses.

mod common;

use std::process::Command;

use serde_json::Value;

fn search(args: &[&str]) -> Vec<Value> {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(common::bin())
        .arg("search")
        .args(args)
        .arg("--json")
        .env("DOSSIER_DATA_DIR", home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn applejeus_is_first_and_aplj_finds_it_in_the_top_3() {
    let hits = search(&["applejeus"]);
    assert!(
        hits[0]["text"].as_str().unwrap().contains("AppleJeus"),
        "{:#?}",
        hits[0]
    );
    let hits = search(&["aplj", "--limit", "3"]);
    assert!(
        hits.iter()
            .any(|h| h["text"].as_str().unwrap().contains("AppleJeus")),
        "{hits:#?}"
    );
}

#[test]
fn a_hash_searches_headings_only() {
    let hits = search(&["#rok response"]);
    assert_eq!(hits[0]["text"], "The ROK Government's Response");
    assert_eq!(hits[0]["kind"], "heading");
    assert!(hits.iter().all(|h| h["kind"] == "heading"));
}

#[test]
fn json_hits_have_the_documented_shape_and_char_indices() {
    let hits = search(&["rgb", "--limit", "5"]);
    let hit = hits.iter().find(|h| h["kind"] == "sentence").unwrap();
    assert_eq!(
        hit["paper"],
        "ifans-2023-north-korea-illicit-cyber-activities"
    );
    assert_eq!(hit["section"], serde_json::json!(["Introduction"]));
    let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
    let matched: String = hit["indices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| text[i.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(matched.to_lowercase(), "rgb");
    assert!(hit["score"].as_i64().unwrap() > 0);
}

#[test]
fn operators_and_scopes() {
    let facts = search(&["$million"]);
    assert!(!facts.is_empty() && facts.iter().all(|h| h["kind"] == "fact"));
    let terms = search(&["@rgb"]);
    assert_eq!(terms[0]["text"], "RGB — Reconnaissance General Bureau");
    let exact = search(&["'Hidden Cobra"]);
    assert!(
        exact[0]["text"]
            .as_str()
            .unwrap()
            .contains("“Hidden Cobra,”")
    );
    let excluded = search(&["sanction !february", "--limit", "50"]);
    assert!(!excluded.is_empty());
    assert!(excluded.iter().all(|h| {
        !h["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("february")
    }));
    let prefix = search(&["^In February"]);
    assert!(
        prefix[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("In February")
    );
}

#[test]
fn hangul_queries_find_hangul_text() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("korean.md");
    std::fs::write(&paper, "# 북한의 사이버 위협\n\n북한의 사이버 공격은 최근 몇 년 동안 급격히 증가했다. 국제 사회는 공동 대응을 강화하고 있다.\n").unwrap();
    let p = paper.to_str().unwrap();
    let hits = search(&["사이버 공격", p]);
    assert_eq!(
        hits[0]["text"],
        "북한의 사이버 공격은 최근 몇 년 동안 급격히 증가했다."
    );
    let text: Vec<char> = hits[0]["text"].as_str().unwrap().chars().collect();
    let matched: String = hits[0]["indices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| text[i.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(matched, "사이버공격");
    let fuzzy = search(&["북공", p]);
    assert!(fuzzy.iter().any(|h| {
        h["text"]
            .as_str()
            .unwrap()
            .starts_with("북한의 사이버 공격")
    }));
    let heading = search(&["#위협", p]);
    assert_eq!(heading[0]["text"], "북한의 사이버 위협");
}
