//! `dossier notes export` (snapshot) and `dossier open` for each kind of locator.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use dossier::document::{Origin, Paper};
use dossier::highlighting::capture_passage;
use dossier::library::Library;
use dossier::store::Store;

fn run(data: &Path, args: &[&str]) -> Output {
    in_home(Command::new(common::bin()).args(args), data)
        .output()
        .unwrap()
}

/// `cmd` with dossier's data, config and cache dirs under `data`.
fn in_home<'a>(cmd: &'a mut Command, data: &Path) -> &'a mut Command {
    cmd.env("DOSSIER_DATA_DIR", data)
        .env("DOSSIER_CONFIG_DIR", data.join("no-config"))
        .env("DOSSIER_CACHE_DIR", data.join("cache"))
}

/// The first line `open` printed.
fn first_line(out: &Output) -> String {
    text(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A store with a bookmark and a highlight in the 2023 paper, a highlight in the 2022 paper, a
/// highlight whose passage was edited away, and a bookmark of a paper that is not open.
/// Returns the ids in that order.
fn store(data: &Path) -> Vec<String> {
    let lib = Library::shipped();
    let p2022 = &lib.papers[1];
    let p2023 = &lib.papers[0];
    let (mut store, _) = Store::open(data);
    let mut ids = Vec::new();
    let find = |paper: &Paper, text: &str| {
        paper
            .blocks
            .iter()
            .enumerate()
            .find_map(|(i, b)| b.text.find(text).map(|o| (i, o)))
            .unwrap()
    };
    // Later in the 2023 paper first: the export sorts by reading order.
    let start = find(p2023, "In February 2023");
    let c = capture_passage(p2023, start, (start.0, start.1 + "In February 2023, the Korean government decided to impose independent sanctions against North Korean individuals and institutions for carrying out illegal cyber activities including illicit activities aimed at winning project contracts.".len()));
    ids.push(store.add_highlight(
        &p2023.id,
        c.start,
        c.highlight,
        &c.label,
        Some("First independent cyber sanctions.".into()),
    ));
    let at = find(p2023, "North Korea initiated");
    let anchor = dossier::anchoring::capture(p2023, at.0, at.1);
    ids.push(store.add(
        &p2023.id,
        anchor,
        "North Korea initiated state-sponsored…",
        None,
    ));
    let start = find(p2022, "Cryptocurrency theft has arguably");
    let end = find(p2022, "since 2018.");
    let c = capture_passage(p2022, start, (end.0, end.1 + "since 2018.".len()));
    ids.push(store.add_highlight(&p2022.id, c.start, c.highlight, &c.label, None));
    let edited = Paper::parse(
        "A passage about sanctions that the authors later removed from the paper entirely.\n",
        Origin::Embedded("x.md"),
        "x",
    );
    let c = capture_passage(&edited, (0, 0), (0, edited.blocks[0].text.len()));
    ids.push(store.add_highlight(
        &p2022.id,
        c.start,
        c.highlight,
        &c.label,
        Some("Gone in the final version.".into()),
    ));
    let other = Paper::parse(
        "# Elsewhere\n\nA paper that is not open today.\n",
        Origin::Embedded("o.md"),
        "other-paper",
    );
    let anchor = dossier::anchoring::capture(&other, 1, 0);
    ids.push(store.add(&other.id, anchor, "A paper that is not open", None));
    store.save().unwrap();
    ids
}

#[test]
fn notes_export_groups_by_paper_in_reading_order_with_citations_and_back_links() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let ids = store(&data);
    let out = run(&data, &["notes", "export"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut md = text(&out.stdout);
    for (i, id) in ids.iter().enumerate() {
        md = md.replace(id, &format!("ID{}", i + 1));
    }
    insta::assert_snapshot!(md);

    let out = run(
        &data,
        &["notes", "export", "--format", "json", "--style", "apa"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let papers = json.as_array().unwrap();
    assert_eq!(papers.len(), 3);
    assert_eq!(papers[0]["citekey"], "ifans2023north");
    let notes = papers[0]["notes"].as_array().unwrap();
    assert_eq!(notes[0]["kind"], "bookmark", "reading order");
    assert_eq!(notes[1]["kind"], "highlight");
    assert_eq!(notes[1]["pandoc"], "[@ifans2023north]");
    assert_eq!(notes[1]["open"], format!("dossier open {}", ids[0]));
    let orphan = &papers[1]["notes"][1];
    assert_eq!(orphan["placed"], "orphaned");
    assert_eq!(
        orphan["quote"],
        "A passage about sanctions that the authors later removed from the paper entirely."
    );
    let reference = papers[1]["reference"].as_str().unwrap();
    assert!(
        reference.contains("Responses. (2022). Institute"),
        "{reference}"
    );
    assert_eq!(papers[2]["notes"][0]["placed"], "paper-not-open");
}

#[test]
fn open_starts_at_a_bookmark_a_section_or_a_page() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let ids = store(&data);
    // Without a terminal, `open` prints the paper from the place.
    let out = run(&data, &["open", &ids[0]]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = first_line(&out);
    assert!(first.starts_with("In February 2023"), "{first}");
    let out = run(
        &data,
        &[
            "open",
            "ifans-2023-north-korea-illicit-cyber-activities#introduction",
        ],
    );
    assert!(out.status.success());
    assert!(
        text(&out.stdout).starts_with("Introduction\n"),
        "{}",
        text(&out.stdout)
    );
    // The Markdown papers have no pages; the page locator says so (a paper with pages is
    // covered by the locator's unit tests).
    let out = run(
        &data,
        &[
            "open",
            "ifans-2023-north-korea-illicit-cyber-activities@p12",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("has no pages"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&data, &["open", &ids[3]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no longer in"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&data, &["open", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not a bookmark id"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn open_in_a_terminal_shows_the_place() {
    let home = tempfile::tempdir().unwrap();
    let ids = store(&home.path().join("data"));
    let mut pty = common::Pty::start_in(home, &["open", &ids[2]], 100, 30, &[]);
    let screen = pty.wait_for("the highlight at the top", |s| {
        s.lines()
            .take(2)
            .any(|l| l.contains("Cryptocurrency theft has arguably"))
    });
    assert!(screen.contains("◆ DPRK’s Illicit Cyb"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A mark in a PDF read from a file: the export's back-link names the file, so the command
/// reopens the reader there when run from any directory, as a shell runs it; `paper@p12`
/// starts at the printed page.
#[test]
fn back_links_of_a_paper_read_from_a_file_work_from_a_shell_anywhere() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let folder = home.path().join("my papers");
    std::fs::create_dir_all(&folder).unwrap();
    let pdf = folder.join("fhs 3.0.pdf");
    std::fs::copy(common::fixtures().join("pdf/fhs-3.0.pdf"), &pdf).unwrap();
    let paper = dossier::library::load_file(&pdf).unwrap();
    let on_page = |label: &str| {
        (0..paper.blocks.len())
            .find(|&b| paper.page_label(b, 0) == Some(label) && paper.blocks[b].text.len() > 40)
            .unwrap()
    };
    let b = on_page("14");
    let (mut store, _) = Store::open(&data);
    let anchor = dossier::anchoring::capture(&paper, b, 0);
    let id = store.add(&paper.id, anchor, "on page 14", None);
    store.save().unwrap();
    drop(store);

    let pdf_arg = pdf.to_str().unwrap();
    let out = run(&data, &["notes", "export", "--format", "json", pdf_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let open = json[0]["notes"][0]["open"].as_str().unwrap().to_owned();
    assert_eq!(open, format!("dossier open {id} '{pdf_arg}'"));
    let md = text(&run(&data, &["notes", "export", pdf_arg]).stdout);
    assert!(md.contains(&open), "{md}");

    let elsewhere = tempfile::tempdir().unwrap();
    let shell = |command: &str| {
        let bin = common::bin();
        in_home(
            Command::new("sh")
                .arg("-c")
                .arg(command.replacen("dossier", &format!("'{}'", bin.display()), 1))
                .current_dir(elsewhere.path()),
            &data,
        )
        .output()
        .unwrap()
    };
    let starts = |out: &Output, block: usize| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        let first = first_line(out);
        let want: String = paper.blocks[block].text.chars().take(30).collect();
        assert!(
            first.starts_with(&want),
            "{first:?} does not start with {want:?}"
        );
    };
    starts(&shell(&open), b);
    let first_of_page = (0..paper.blocks.len())
        .find(|&b| paper.page_label(b, 0) == Some("12"))
        .unwrap();
    starts(
        &shell(&format!("dossier open {}@p12 '{pdf_arg}'", paper.id)),
        first_of_page,
    );
}
