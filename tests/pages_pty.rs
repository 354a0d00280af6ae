//! End-to-end on a PDF with pages: open it, jump to a page with `P`, bookmark the sentence at
//! the top, quit, reopen: the same page in the status bar, the same sentence on the same row,
//! and the bookmark listed with its page.

mod common;

use std::path::Path;

use common::{Pty, dossier_in, fixtures};

/// The status bar's page segment, `p. LABEL / COUNT`, when the screen shows one.
fn page_segment(screen: &str) -> Option<String> {
    let last = screen.lines().rev().find(|l| !l.trim().is_empty())?;
    let at = last.find("p. ")?;
    let segment = &last[at..];
    let end = segment.find("  ").unwrap_or(segment.len());
    Some(segment[..end].trim_end().to_owned())
}

/// The reader's text on screen row `row`: right of the outline pane, without the bookmark mark
/// in the margin.
fn reader_row(screen: &str, row: usize) -> String {
    let line = screen.lines().nth(row).unwrap_or("");
    let text = line.split_once('│').map_or(line, |(_, r)| r);
    text.replace('◆', " ").trim().to_owned()
}

#[test]
fn jump_to_a_page_bookmark_quit_and_reopen_on_the_same_page_and_sentence() {
    let home = tempfile::tempdir().unwrap();
    let pdf = home.path().join("papers/fhs.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    std::fs::copy(fixtures().join("pdf/fhs-3.0.pdf"), &pdf).unwrap();
    let path = pdf.to_str().unwrap().to_owned();

    let mut pty = Pty::start_in(home, &[&path], 100, 30, &[]);
    // The PDF may show a moment after the first frame (it converts in the background): wait
    // for its page count in the status bar.
    let screen = pty.wait_for("the PDF's pages in the status bar", |s| {
        page_segment(s).is_some_and(|p| p.ends_with("/ 50"))
    });
    assert!(
        !page_segment(&screen).unwrap().starts_with("p. 12 "),
        "the paper does not open on page 12 already:\n{screen}"
    );
    pty.send("P");
    pty.wait_text("Go to page");
    pty.send("12\r");
    let on_page = pty.wait_for("page 12 in the status bar", |s| {
        !s.contains("Go to page") && page_segment(s).as_deref() == Some("p. 12 / 50")
    });
    // Down line by line to the first line of prose on the page (the page may start at a
    // heading): the sentence to bookmark (`m` marks the top line).
    let mut top = reader_row(&on_page, 0);
    for _ in 0..12 {
        if top.split_whitespace().count() >= 6 {
            break;
        }
        pty.send("j");
        let before = top.clone();
        let screen = pty.wait_for("the reader to move down a line", |s| {
            reader_row(s, 0) != before
        });
        top = reader_row(&screen, 0);
    }
    assert!(
        top.split_whitespace().count() >= 6,
        "no prose near page 12's start: {top:?}"
    );
    let sentence = top;
    assert_eq!(
        page_segment(&pty.screen()).as_deref(),
        Some("p. 12 / 50"),
        "still on page 12"
    );
    pty.send("m");
    pty.wait_text("Note for this bookmark");
    pty.send("page twelve\r");
    pty.wait_text("Bookmarked");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let home = pty.into_home();

    // Reopen: the same page, the same sentence on the same row, marked as bookmarked.
    let mut pty = Pty::start_in(home, &[&path], 100, 30, &[]);
    let screen = pty.wait_for("page 12 with the bookmarked sentence", |s| {
        page_segment(s).as_deref() == Some("p. 12 / 50") && reader_row(s, 0) == sentence
    });
    assert!(
        screen.contains('◆'),
        "the bookmark is marked in the margin:\n{screen}"
    );
    // The bookmarks list shows the page after the bookmark's paper › section.
    pty.send("'");
    let list = pty.wait_text("Bookmarks — Enter jump");
    assert!(
        list.lines()
            .any(|l| l.contains(" › ") && l.contains(" · p. 12")),
        "{list}"
    );
    assert!(list.contains("page twelve"), "{list}");
    // `y` copies the bookmarked sentence cited at its page (Chicago author-date: `, 12)`).
    pty.send("y");
    pty.wait_text("Copied");
    let copied = common::copied(&pty);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    assert!(
        copied.contains(&words[..3].join(" ")),
        "the sentence is copied: {copied}"
    );
    assert!(
        copied.contains("(“Filesystem Hierarchy Standard” 2015, 12)"),
        "{copied}"
    );
    pty.send("\x1b");
    pty.wait_for("the list to close", |s| {
        !s.contains("Bookmarks — Enter jump")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let home = pty.into_home();

    // And on the command line, with its page.
    let listed = bookmarks_list(home.path(), &path);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["page"], "12", "{listed}");
    assert_eq!(listed[0]["note"], "page twelve", "{listed}");
    assert_eq!(listed[0]["placed"], "exact", "{listed}");
}

fn bookmarks_list(home: &Path, path: &str) -> serde_json::Value {
    let out = dossier_in(home, &["bookmarks", "list", "--json", path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
