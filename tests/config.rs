//! config.toml from the outside: `dossier config check|default`, a key override in the real
//! reader, copying with OSC 52, completions and the manual.

mod common;

use std::process::Command;

use common::{Pty, copied};

fn dossier(config_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(common::bin())
        .args(args)
        .env("DOSSIER_CONFIG_DIR", config_dir)
        .output()
        .unwrap()
}

#[test]
fn config_check_accepts_valid_files_and_locates_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dossier(dir.path(), &["config", "check"]);
    assert!(out.status.success(), "a missing file means defaults");
    let default = dossier(dir.path(), &["config", "default"]);
    std::fs::write(dir.path().join("config.toml"), &default.stdout).unwrap();
    let out = dossier(dir.path(), &["config", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        dir.path().join("config.toml"),
        "theme = \"dark\"\n\n[keys]\nquit = \"Ctrl+Q\"\n",
    )
    .unwrap();
    let out = dossier(dir.path(), &["config", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("config.toml:4:8: keys.quit: unknown key \"Ctrl+Q\""),
        "{err}"
    );
    let path = dossier(dir.path(), &["config", "path"]);
    assert_eq!(
        String::from_utf8(path.stdout).unwrap().trim(),
        dir.path().join("config.toml").to_str().unwrap()
    );
}

#[test]
fn a_key_override_takes_effect_in_the_reader() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(
        home.path().join("config/config.toml"),
        "[keys]\nquit = \"x\"\nbottom = \"e\"\n",
    )
    .unwrap();
    let mut pty = Pty::start_in(home, &[], 100, 30, &[]);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("e");
    pty.wait_text("100%");
    pty.send("q");
    pty.send("g");
    pty.wait_text("0%");
    pty.send("x");
    assert_eq!(pty.wait_exit(), 0, "x quits");
}

#[test]
fn an_invalid_config_is_reported_and_the_reader_still_opens() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(
        home.path().join("config/config.toml"),
        "reading_width = 5\n",
    )
    .unwrap();
    let mut pty = Pty::start_in(home, &[], 120, 30, &[]);
    pty.wait_text("config.toml:1:17: reading_width: 5 is out of range");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn y_copies_the_paragraph_with_its_citation_through_osc52() {
    let mut pty = Pty::start(&[], 100, 30);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("]");
    pty.send("j");
    pty.send("y");
    pty.wait_text("Copied");
    let text = copied(&pty);
    assert!(
        text.starts_with("“North Korea’s illicit cyber activities and attacks"),
        "{text}"
    );
    // The default Chicago author-date citation (no author: the title stands in), then the
    // reference list entry.
    assert!(text.contains("and Africa.” (North Korea’s Illicit Cyber Activities and the ROK Government’s Response 2023)\n\n"), "{text}");
    assert!(text.ends_with("\n\nNorth Korea’s Illicit Cyber Activities and the ROK Government’s Response. 2023. Institute of Foreign Affairs and National Security (IFANS), Republic of Korea."), "{text}");
    pty.send("q");
    pty.wait_exit();
}

#[test]
fn completions_and_the_manual_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = dossier(dir.path(), &["completions", shell]);
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("bookmarks") && script.contains("timeline"),
            "{shell}"
        );
    }
    let man = String::from_utf8(dossier(dir.path(), &["man"]).stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH dossier"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("outline"));
}

/// The reader started at `cols`×`rows` with `config` as its config.toml, once its first
/// screen (the status bar included) is drawn: whether the key-facts panel is on it, and the status bar.
fn first_screen_with(config: &str, cols: u16, rows: u16) -> (bool, String) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(home.path().join("config/config.toml"), config).unwrap();
    let mut pty = Pty::start_in(home, &[], cols, rows, &[]);
    let screen = pty.wait_text(" help  0%");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let status = screen.lines().last().unwrap_or_default().to_owned();
    (
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("1 Facts"),
        status,
    )
}

#[test]
fn panel_decides_whether_the_key_facts_are_open_at_start() {
    assert!(
        first_screen_with("", 160, 45).0,
        "auto: open at 160 columns"
    );
    assert!(!first_screen_with("", 100, 30).0, "auto: closed at 100");
    assert!(first_screen_with("panel = \"open\"\n", 100, 30).0);
    assert!(!first_screen_with("panel = \"closed\"\n", 160, 45).0);
    assert!(
        !first_screen_with("[panels]\nfacts = false\n", 160, 45).0,
        "the old key still works"
    );
    let (_, status) = first_screen_with("[keys]\nfind = \"s\"\nhelp = \"F1\"\n", 120, 30);
    assert!(
        status.contains("s find  p facts  m mark  ' marks  F1 help"),
        "the status bar names the keys as configured: {status:?}"
    );
}

#[test]
fn a_bad_panel_value_is_located_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "theme = \"dark\"\npanel = \"wide\"\n",
    )
    .unwrap();
    let out = dossier(dir.path(), &["config", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "config.toml:2:9: panel: unknown variant `wide`, expected one of `auto`, `open`, `closed`"
        ),
        "{err}"
    );
}
