//! Hostile input: files and terminals that break other readers. A clear message naming the
//! file, or a clean render; never a hang, a panic, or a lost paper.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Pty;

fn cat(paths: &[&Path], width: u16) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(common::bin())
        .arg("cat")
        .arg("--width")
        .arg(width.to_string())
        .args(paths)
        .env("DOSSIER_DATA_DIR", home.path())
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn hostile_files_give_a_message_or_a_clean_render_and_the_others_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write(d, "good.md", b"# Good\n\nThe good paper survives.\n");
    let empty = write(d, "empty.md", b"");
    let nul = write(d, "nul.md", b"# Nul\n\nbefore\x00after\n");
    let bad_utf8 = write(
        d,
        "bad-utf8.md",
        b"# Bad\n\nvalid text \xff\xfe then more\n",
    );
    let quotes = write(
        d,
        "quotes.md",
        format!("{}deep quote\n", "> ".repeat(5000)).as_bytes(),
    );
    let lists: String = (0..5000)
        .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
        .collect();
    let lists = write(d, "lists.md", lists.as_bytes());
    let long_line = write(d, "long-line.md", "word ".repeat(2_000_000).as_bytes());
    let missing = d.join("missing.md");
    let out = cat(
        &[
            &good, &empty, &nul, &bad_utf8, &quotes, &lists, &long_line, &missing,
        ],
        60,
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some papers failed, the rest printed:\n{stderr}"
    );
    assert!(stdout.contains("The good paper survives."));
    assert!(stdout.contains("before^@after"), "NUL shown visibly");
    assert!(stdout.contains("5000› deep quote"));
    assert!(stdout.contains("level 4999"));
    assert_eq!(
        stdout.matches("word").count(),
        2_000_000,
        "not a word of the 10 MB line lost"
    );
    assert!(
        stderr.contains("bad-utf8.md: not UTF-8 text (invalid byte at offset 18)"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.md: no such file or folder"));
    assert!(!stderr.contains("panicked"));
    for line in stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60);
    }
}

#[cfg(unix)]
#[test]
fn a_folder_with_a_symlink_loop_a_fifo_and_an_unreadable_file_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", b"# Paper A\n");
    std::fs::create_dir(d.join("sub")).unwrap();
    write(&d.join("sub"), "b (draft).md", b"# Paper B\n");
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(d.join("sub/nowhere"), d.join("dangling.md")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(d.join("fifo.md"))
            .status()
            .unwrap()
            .success()
    );
    let out = cat(&[d], 80);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Paper A") && stdout.contains("Paper B"));
    assert_eq!(
        stdout.matches("Paper B").count(),
        2,
        "the loop does not open a paper twice (title + heading)"
    );
}

#[test]
fn escape_sequences_in_a_document_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "# Title \u{1b}]0;pwned\u{7}\n\nText \u{1b}[2J\u{1b}[31mred\u{1b}[0m and \u{9b}31m and \u{202e}reversed.\n\n```\n\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\\n```\n";
    let path = write(dir.path(), "hostile.md", hostile.as_bytes());
    let out = cat(&[&path], 80);
    assert!(!out.stdout.contains(&0x1b), "cat never prints ESC");
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{202e}'));
    assert!(String::from_utf8_lossy(&out.stdout).contains("^[]0;pwned^G"));

    let mut pty = Pty::start(&[path.to_str().unwrap()], 100, 30);
    pty.wait_text("pwned");
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    for evil in [
        "\u{1b}]0;pwned",
        "\u{1b}[2J\u{1b}[31mred",
        "\u{1b}]8;;http://evil",
        "\u{202e}",
        "\u{9b}",
    ] {
        assert!(!text.contains(evil), "{evil:?} reached the terminal");
    }
    pty.send("q");
    pty.wait_exit();
}

#[test]
fn a_hostile_link_address_cannot_escape_its_osc_8_hyperlink() {
    let dir = tempfile::tempdir().unwrap();
    // Angle brackets and character references both put control characters into a destination.
    let hostile = "# Links\n\n[first](<http://a/\u{1b}]0;pwned\u{7}>) and [second](http://b/&#27;\\x&#155;31m) and [third](<http://c/\u{1b}\\ \u{9b}2J>) and [fine](https://example.org/ok).\n";
    let path = write(dir.path(), "links.md", hostile.as_bytes());
    let mut pty = Pty::start(&[path.to_str().unwrap()], 100, 30);
    pty.wait_for("the hyperlinks", |_| {
        String::from_utf8_lossy(&pty.raw()).contains("\u{1b}]8;;https://example.org/ok\u{1b}\\")
    });
    pty.send("q");
    pty.wait_exit();
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    // Control characters reach the address in caret notation, like all document text; what is
    // not printable ASCII after that is percent-encoded.
    for safe in [
        "\u{1b}]8;;http://a/^[]0;pwned^G\u{1b}\\",
        "\u{1b}]8;;http://b/^[\\x<U+009B>31m\u{1b}\\",
        "\u{1b}]8;;http://c/^[\\%20<U+009B>2J\u{1b}\\",
    ] {
        assert!(text.contains(safe), "{safe:?} was not written");
    }
    assert!(
        !text.contains("\u{1b}]0;"),
        "a title change reached the terminal"
    );
    assert!(!raw.contains(&0x07), "a BEL reached the terminal");
    assert!(!text.contains('\u{9b}'), "a C1 CSI reached the terminal");
    // Every OSC written is an OSC 8 whose address is printable ASCII, ended by ST.
    for (i, _) in text.match_indices("\u{1b}]") {
        let rest = &text[i + 2..];
        let end = rest.find("\u{1b}\\").expect("ended by ST");
        let body = rest[..end].strip_prefix("8;;").expect("only OSC 8");
        assert!(body.bytes().all(|b| b.is_ascii_graphic()), "{body:?}");
    }
}

#[test]
fn no_color_still_shows_selection_and_highlights() {
    let mut pty = Pty::start_in(
        tempfile::tempdir().unwrap(),
        &[],
        100,
        30,
        &[("NO_COLOR", "1")],
    );
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("\t");
    pty.wait_for("a reversed outline selection", |_| {
        pty.with_screen(|s| s.cell(0, 2).is_some_and(vt100::Cell::inverse))
    });
    let colored = pty.with_screen(|s| {
        (0..30).any(|row| {
            (0..100).any(|col| {
                s.cell(row, col).is_some_and(|c| {
                    c.fgcolor() != vt100::Color::Default || c.bgcolor() != vt100::Color::Default
                })
            })
        })
    });
    assert!(!colored, "NO_COLOR: no cell has a colour");
    pty.send("q");
    pty.wait_exit();
}

#[test]
fn dumb_terminals_get_plain_text() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = Pty::start_in(home, &[], 80, 24, &[("TERM", "dumb")]);
    pty.wait_exit();
    assert!(!pty.with_screen(vt100::Screen::alternate_screen));
    assert!(
        !pty.raw().windows(2).any(|w| w == b"\x1b["),
        "no escape sequences for TERM=dumb"
    );
    assert!(String::from_utf8_lossy(&pty.raw()).contains("Reconnaissance General Bureau"));
}

#[test]
fn a_storm_of_resizes_never_crashes() {
    let mut pty = Pty::start(&[], 80, 24);
    pty.wait_text("Introduction");
    for i in 0u16..100 {
        pty.resize(1 + (i * 37) % 220, 1 + (i * 13) % 70);
    }
    pty.resize(90, 30);
    pty.wait_for("a redraw at 90x30", |s| {
        s.lines().nth(29).is_some_and(|l| l.contains("? help"))
    });
    pty.send("G");
    pty.wait_text("100%");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored());
}

#[test]
fn a_100_mb_paper_opens_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge paper.md");
    let section = format!(
        "# Section\n\n{}\n\n",
        "Sums of $5 million moved in 2021 across 30 countries. ".repeat(2_000)
    );
    let mut text = String::with_capacity(100_000_000 + section.len());
    while text.len() < 100_000_000 {
        text.push_str(&section);
    }
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(common::bin())
        .args(["outline", "--json", path.to_str().unwrap()])
        .env("DOSSIER_DATA_DIR", home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let papers: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(papers[0]["path"], path.to_str().unwrap());
    assert!(papers[0]["sections"].as_array().unwrap().len() > 900);
}

#[test]
fn file_names_with_spaces_and_parentheses_work_in_search_and_bookmarks() {
    let notes = common::fixtures().join("mitre-attack-notes");
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(common::bin())
            .args(args)
            .env("DOSSIER_DATA_DIR", home.path())
            .output()
            .unwrap()
    };
    let out = run(&[
        "search",
        "lazarus group",
        "--json",
        "--limit",
        "5",
        notes.to_str().unwrap(),
    ]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["paper"] == "lazarus-group"),
        "{hits:#}"
    );
    let out = run(&[
        "bookmarks",
        "add",
        "--paper",
        "lazarus-group",
        "--section",
        "lazarus-group",
        "--note",
        "the big one",
        notes.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["bookmarks", "list", notes.to_str().unwrap()]);
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(
        listed.contains("Lazarus Group › Lazarus Group") && listed.contains("the big one"),
        "{listed}"
    );
    let out = run(&[
        "outline",
        notes
            .join("TA-IntrusionSets-1/Financially motivated ")
            .to_str()
            .unwrap(),
    ]);
    assert!(
        out.status.success(),
        "a folder name ending in a space: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
