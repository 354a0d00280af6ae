//! `dossier bookmarks …` on real files: adding, listing, exporting, edits to papers, damage.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(common::bin())
        .args(args)
        .env("DOSSIER_DATA_DIR", data)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const PAPER: &str = "---\nid: field-notes\ntitle: Field Notes\npublisher: Example Institute\npublished: 2024-03-01\n---\n# Background\n\nThe first paragraph sets the scene for everything.\n\n# Findings\n\nThe key finding is that losses reached $12 million in 2023.\n\nA second paragraph of findings follows here.\n";

#[test]
fn add_list_export_and_remove() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let paper = home.path().join("notes.md");
    std::fs::write(&paper, PAPER).unwrap();
    let p = paper.to_str().unwrap();

    let out = run(
        &data,
        &[
            "bookmarks",
            "add",
            "--paper",
            "field-notes",
            "--section",
            "findings",
            "--note",
            "check the sum",
            p,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_owned();

    let out = run(&data, &["bookmarks", "list", p]);
    let listed = text(&out.stdout);
    assert!(
        listed.contains(&id) && listed.contains("Field Notes › Findings — Findings"),
        "{listed}"
    );
    assert!(listed.contains("note: check the sum"));

    let out = run(&data, &["bookmarks", "export", p]);
    let md = text(&out.stdout);
    assert!(
        md.contains("## Field Notes (Example Institute, 2024-03-01)"),
        "{md}"
    );
    assert!(md.contains("Note: check the sum"));
    // Cited in the default style (Chicago author-date), with the section and the Pandoc
    // citation; the reference list entry under the paper's heading.
    assert!(
        md.contains("— (Field Notes 2024) · § Findings · [@example2024field]"),
        "{md}"
    );
    assert!(
        md.contains("\nField Notes. 2024. Example Institute.\n"),
        "{md}"
    );

    let out = run(&data, &["bookmarks", "export", "--format", "json", p]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["note"], "check the sum");
    assert_eq!(json[0]["anchor"]["section"][0], "findings");

    let out = run(&data, &["bookmarks", "remove", &id]);
    assert!(out.status.success());
    let out = run(&data, &["bookmarks", "list", "--json", p]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
    let out = run(&data, &["bookmarks", "remove", &id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no bookmark with id"));
}

#[test]
fn bad_paper_or_section_is_refused_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let out = run(
        home.path(),
        &["bookmarks", "add", "--paper", "nope", "--section", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no paper with id \"nope\""));
    let out = run(
        home.path(),
        &[
            "bookmarks",
            "add",
            "--paper",
            "ifans-2022-dprk-illicit-cyber-activities",
            "--section",
            "x",
        ],
    );
    assert!(text(&out.stderr).contains("no section \"x\""));
    assert!(
        !home.path().join("bookmarks.json").exists(),
        "nothing written on a refused add"
    );
}

#[test]
fn bookmarks_follow_edits_and_orphans_stay_listed() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let paper = home.path().join("notes.md");
    std::fs::write(&paper, PAPER).unwrap();
    let p = paper.to_str().unwrap();
    assert!(
        run(
            &data,
            &[
                "bookmarks",
                "add",
                "--paper",
                "field-notes",
                "--section",
                "findings",
                p
            ]
        )
        .status
        .success()
    );
    let placed = |data: &Path| {
        let out = run(data, &["bookmarks", "list", "--json", p]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json[0]["placed"].as_str().unwrap().to_owned()
    };
    assert_eq!(placed(&data), "exact");

    // New text above the bookmark: still found exactly by its quote.
    let edited = PAPER.replace(
        "# Background\n",
        "# Preface\n\nA new preface.\n\n# Background\n",
    );
    std::fs::write(&paper, edited).unwrap();
    assert_eq!(placed(&data), "exact");

    // The heading reworded slightly: placed approximately, near the old place.
    let reworded = PAPER.replace("# Findings", "# Findngs");
    std::fs::write(&paper, reworded).unwrap();
    assert_eq!(placed(&data), "approximate");

    // The whole section gone: orphaned, but still listed.
    std::fs::write(
        &paper,
        "---\nid: field-notes\n---\n# Background\n\nOnly this.\n",
    )
    .unwrap();
    assert_eq!(placed(&data), "orphaned");
    let listed = text(&run(&data, &["bookmarks", "list", p]).stdout);
    assert!(listed.contains("[orphaned]"), "{listed}");
}

#[test]
fn a_damaged_file_is_kept_aside_byte_for_byte_and_named() {
    let home = tempfile::tempdir().unwrap();
    let damaged = b"{\"version\": 1, \"bookmarks\": [ {\"id\": \"x\"\x00garbage";
    std::fs::write(home.path().join("bookmarks.json"), damaged).unwrap();
    let out = run(home.path(), &["bookmarks", "list"]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("bookmarks.json.corrupt-"), "{err}");
    let aside: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), damaged);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let home = tempfile::tempdir().unwrap();
    let newer = "{\"version\": 99, \"bookmarks\": []}";
    let file = home.path().join("bookmarks.json");
    std::fs::write(&file, newer).unwrap();
    let out = run(
        home.path(),
        &[
            "bookmarks",
            "add",
            "--paper",
            "ifans-2022-dprk-illicit-cyber-activities",
            "--section",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = run(home.path(), &["bookmarks", "remove", "abc"]);
    assert!(
        text(&out.stderr).contains("version 99"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), newer);
}
