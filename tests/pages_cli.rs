//! Pages in the command line: the `page` field of the JSON outputs, `dossier cat --markdown`
//! and `dossier cache`.

mod common;

use std::path::Path;
use std::process::Output;

use common::{dossier_in, fixtures};

fn paged() -> String {
    fixtures()
        .join("paged/paged-paper.md")
        .display()
        .to_string()
}

/// Bookmarks `section` of the paged paper in `home`.
fn add_bookmark(home: &Path, section: &str) {
    let out = dossier_in(
        home,
        &[
            "bookmarks",
            "add",
            "--paper",
            "paged-paper",
            "--section",
            section,
            &paged(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn dossier(args: &[&str]) -> Output {
    dossier_in(tempfile::tempdir().unwrap().path(), args)
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn outline_json_gives_each_section_its_page() {
    let papers = json(&dossier(&["outline", "--json", &paged()]));
    let sections = &papers[0]["sections"];
    assert_eq!(sections[0]["title"], "Foreword");
    assert_eq!(sections[0]["page"], "i");
    assert_eq!(sections[0]["children"][0]["page"], "ii");
    assert_eq!(sections[1]["title"], "Introduction");
    assert_eq!(sections[1]["page"], "1");
    assert_eq!(sections[2]["page"], "2");
    assert_eq!(sections[2]["children"][0]["title"], "Responses");
    assert_eq!(sections[2]["children"][0]["page"], "3");
}

#[test]
fn papers_without_pages_have_no_page_field() {
    let papers = json(&dossier(&["outline", "--json"]));
    let section = &papers[0]["sections"][0];
    assert!(section.get("page").is_none(), "{section}");
    let hits = json(&dossier(&["search", "--json", "cryptocurrency"]));
    assert!(hits[0].get("page").is_none(), "{}", hits[0]);
    let facts = json(&dossier(&["facts", "--json"]));
    assert!(facts[0].get("page").is_none(), "{}", facts[0]);
}

#[test]
fn search_json_hits_carry_the_page_they_are_on() {
    let hits = json(&dossier(&[
        "search",
        "--json",
        "'rest of the sentence",
        &paged(),
    ]));
    // The sentence starts on page 1, where the paragraph does.
    assert_eq!(hits[0]["page"], "1", "{}", hits[0]);
    let hits = json(&dossier(&["search", "--json", "'joint advisory", &paged()]));
    assert_eq!(hits[0]["page"], "3", "{}", hits[0]);
    let hits = json(&dossier(&[
        "search",
        "--json",
        "#acknowledgements",
        &paged(),
    ]));
    assert_eq!(hits[0]["page"], "ii", "{}", hits[0]);
}

#[test]
fn facts_and_timeline_json_carry_pages() {
    let facts = json(&dossier(&["facts", "--json", "--all", &paged()]));
    let page_of = |facts: &serde_json::Value, needle: &str| {
        facts
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no fact with {needle:?} in {facts}"))["page"]
            .clone()
    };
    assert_eq!(page_of(&facts, "$620 million"), "1");
    assert_eq!(page_of(&facts, "$1.0 billion"), "2");
    assert_eq!(page_of(&facts, "sanctions"), "3");
    let timeline = json(&dossier(&["timeline", "--json", &paged()]));
    assert_eq!(page_of(&timeline, "Ronin"), "1");
    assert_eq!(page_of(&timeline, "sanctions"), "3");
}

#[test]
fn bookmarks_list_json_gives_the_page_a_bookmark_lands_on() {
    let home = tempfile::tempdir().unwrap();
    add_bookmark(home.path(), "findings/responses");
    let listed = json(&dossier_in(
        home.path(),
        &["bookmarks", "list", "--json", &paged()],
    ));
    assert_eq!(listed[0]["page"], "3", "{listed}");
    // Listed without the paper open: no page.
    let listed = json(&dossier_in(home.path(), &["bookmarks", "list", "--json"]));
    assert!(listed[0].get("page").is_none(), "{listed}");
}

#[test]
fn bookmarks_export_cites_the_page_in_the_citation_style() {
    let home = tempfile::tempdir().unwrap();
    add_bookmark(home.path(), "findings/responses");
    add_bookmark(home.path(), "foreword/acknowledgements");
    let md = stdout(&dossier_in(home.path(), &["bookmarks", "export", &paged()]));
    // Chicago author-date (the default) puts the bare page in the parentheses; the Pandoc
    // citation says `p.`; in reading order, roman front matter first.
    let foreword = "— (A Paged Paper on Cyber Thefts 2024, ii) · § Foreword › Acknowledgements · [@test2024paged, p. ii]";
    let responses = "— (A Paged Paper on Cyber Thefts 2024, 3) · § Findings › Responses · [@test2024paged, p. 3]";
    let (Some(first), Some(second)) = (md.find(foreword), md.find(responses)) else {
        panic!("{md}");
    };
    assert!(first < second, "{md}");
    let apa = stdout(&dossier_in(
        home.path(),
        &["bookmarks", "export", "--style", "apa", &paged()],
    ));
    assert!(
        apa.contains("— (A Paged Paper on Cyber Thefts, 2024, p. 3) · § Findings › Responses"),
        "{apa}"
    );
    // A bad style is a one-line message, not a half-written export.
    let bad = dossier_in(
        home.path(),
        &["bookmarks", "export", "--style", "nope", &paged()],
    );
    assert!(!bad.status.success());
    assert!(bad.stdout.is_empty());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("citation style \"nope\""), "{err}");
    // Without the paper open there is no page to cite: the title (here the id) alone.
    let md = stdout(&dossier_in(home.path(), &["bookmarks", "export"]));
    assert!(md.contains("— *paged-paper*."), "{md}");
    assert!(!md.contains("p. 3"), "{md}");
}

#[test]
fn cat_markdown_prints_a_markdown_paper_as_it_is() {
    let out = dossier(&["cat", "--markdown", &paged()]);
    assert!(out.status.success());
    let source = std::fs::read_to_string(fixtures().join("paged/paged-paper.md")).unwrap();
    assert_eq!(stdout(&out), source);
    // The shipped papers, with no path.
    let shipped = stdout(&dossier(&["cat", "--markdown"]));
    assert!(shipped.starts_with("---\n"), "{}", &shipped[..80]);
    assert!(shipped.contains("# Introduction"));
    assert!(shipped.contains("\n---\n"));
}

#[test]
fn cat_markdown_names_what_cannot_be_opened_and_prints_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, b"ok \xff\xfe not text").unwrap();
    let out = dossier(&["cat", "--markdown", &bad.display().to_string(), &paged()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.md"), "{err}");
    assert!(stdout(&out).contains("<!-- page: ii -->"));
}

#[test]
fn cache_reports_where_it_is_and_clear_empties_it() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier_in(home.path(), &["cache"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let cache = home.path().join("cache");
    assert!(text.starts_with(&cache.display().to_string()), "{text}");
    assert!(text.contains("0 converted papers, 0 bytes"), "{text}");
    let out = dossier_in(home.path(), &["cache", "clear"]);
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with("Removed 0 converted papers"),
        "{}",
        stdout(&out)
    );
    // Markdown is never cached.
    dossier_in(home.path(), &["outline", &paged()]);
    let text = stdout(&dossier_in(home.path(), &["cache"]));
    assert!(text.contains("0 converted papers"), "{text}");
}
