//! The commands that print and exit, on good and bad input.

mod common;

use common::dossier;

use std::process::{Command, Output};

use common::{bin, fixtures};

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn outline_lists_both_papers_and_the_2023_sections_in_order() {
    let out = dossier(&["outline"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("DPRK’s Illicit Cyber Activities: Latest Developments and ROK’s Responses")
    );
    let sections: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim().split("  #").next().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "Introduction",
            "Why Pyongyang Masterminds Illicit Cyber Activities",
            "North Korea’s Cyber Capabilities and Vulnerability to External Attacks",
            "The ROK Government's Response",
            "Policy Recommendations",
        ]
    );
}

#[test]
fn outline_json_has_the_documented_shape() {
    let out = dossier(&["outline", "--json"]);
    let papers: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &papers[0];
    assert_eq!(
        first["id"],
        "ifans-2023-north-korea-illicit-cyber-activities"
    );
    assert_eq!(
        first["path"],
        "content/2023-north-korea-illicit-cyber-activities.md"
    );
    assert_eq!(first["sections"].as_array().unwrap().len(), 5);
    assert_eq!(first["sections"][3]["slug"], "the-rok-governments-response");
    assert_eq!(first["sections"][3]["level"], 1);
    assert!(
        first["sections"][0]["children"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(papers[1]["sections"].as_array().unwrap().len(), 0);
}

#[test]
fn cat_wraps_to_the_width_and_drops_nothing() {
    for width in [20, 33, 80] {
        let out = dossier(&["cat", "--width", &width.to_string()]);
        assert!(out.status.success());
        let text = stdout(&out);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{line:?} wider than {width}"
            );
        }
        let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("$316.4 million worth of cryptocurrency"),
            "width {width}"
        );
        assert!(words.contains("No text in this section."), "width {width}");
    }
}

#[test]
fn piping_the_reader_prints_plain_text() {
    let out = dossier(&[]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Reconnaissance General Bureau (RGB)"));
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn a_missing_path_is_named_with_exit_code_2() {
    let out = dossier(&["outline", "/nonexistent/paper.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "dossier: /nonexistent/paper.md: no such file or folder"
    );
}

#[test]
fn a_non_utf8_file_is_named_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.md");
    std::fs::write(&path, b"# Caf\xe9\n").unwrap();
    let out = dossier(&["cat", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("latin1.md: not UTF-8 text (invalid byte at offset 5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folder_without_markdown_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.rtf"), "text").unwrap();
    let out = dossier(&["outline", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no papers (*.md, *.markdown, *.pdf, *.html, *.htm, *.txt)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unreadable_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.md");
    std::fs::write(&path, "# Secret\n").unwrap();
    // Reading through a regular file as if it were a folder fails for every user, root included.
    let through_file = path.join("inner.md");
    let out = dossier(&["cat", through_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("inner.md: cannot read"),
        "{}",
        stderr(&out)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&path).is_err() {
            let out = dossier(&["cat", path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(2));
            assert!(
                stderr(&out).contains("secret.md: cannot read"),
                "{}",
                stderr(&out)
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = dossier(&["outline", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pipe.md: not a regular file"));
}

#[test]
fn one_bad_paper_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, "# Good paper\n\nBody.\n").unwrap();
    let out = dossier(&["outline", good.to_str().unwrap(), "/nonexistent.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("Good paper"));
    assert!(stderr(&out).contains("/nonexistent.md: no such file or folder"));
}

#[test]
fn folders_open_sorted_skip_hidden_and_survive_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::create_dir_all(root.join(".hidden")).unwrap();
    std::fs::write(root.join("b/second.markdown"), "# Second\n").unwrap();
    std::fs::write(root.join("a first.md"), "# First (one)\n").unwrap();
    std::fs::write(root.join(".hidden/secret.md"), "# Hidden\n").unwrap();
    std::fs::write(root.join("notes.rtf"), "not a paper").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
    let out = dossier(&["outline", "--json", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let papers: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = papers
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["First (one)", "Second"]);
}

#[test]
fn the_mitre_library_and_the_commonmark_spec_open() {
    let mitre = fixtures().join("mitre-attack-notes");
    let out = dossier(&["outline", "--json", mitre.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let papers: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(papers.as_array().unwrap().len(), 191);
    let lazarus = papers
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Lazarus Group")
        .expect("Lazarus Group note");
    assert!(lazarus["path"].as_str().unwrap().contains("North Korea"));
    assert!(!lazarus["sections"].as_array().unwrap().is_empty());

    let spec = fixtures().join("commonmark-spec/spec.txt");
    let out = dossier(&["outline", spec.to_str().unwrap()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("CommonMark Spec"));
    assert!(text.contains("Tabs  #tabs"));
}

#[test]
fn help_and_version() {
    let out = dossier(&["--help"]);
    assert!(out.status.success());
    for word in ["outline", "cat", "Usage"] {
        assert!(stdout(&out).contains(word));
    }
    let out = dossier(&["--version"]);
    assert!(stdout(&out).starts_with("dossier "));
}

/// Copies the folder `from` into `to`, recursively.
fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The 191 MITRE notes four times over (764 papers): the text, outline, search, facts and
/// timeline of them are more than a pipe holds (64 KiB), so a reader that stops early leaves
/// dossier writing into a full pipe. Smaller outputs (glossary, bookmarks, config,
/// completions, manual, help) meet a closed pipe for certain in the test after that one.
fn big_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for copy in ["a", "b", "c", "d"] {
        copy_folder(
            &fixtures().join("mitre-attack-notes"),
            &dir.path().join(copy),
        );
    }
    dir
}

/// Every command that prints, on the papers in `library`.
fn printing_commands(library: &std::path::Path) -> Vec<Vec<String>> {
    let m = library.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &[m],
        &["cat", m],
        &["cat", "--width", "40", m],
        &["outline", m],
        &["outline", "--json", m],
        &["search", "attack", "--limit", "100000", m],
        &["search", "a", "--limit", "100000", "--json", m],
        &["facts", m],
        &["facts", "--all", "--json", m],
        &["timeline", m],
        &["timeline", "--json", m],
        &["glossary", m],
        &["glossary", "--json", m],
        &["bookmarks", "list", m],
        &["bookmarks", "list", "--json", m],
        &["bookmarks", "export", m],
        &["bookmarks", "export", "--format", "json", m],
        &["cat", "--markdown", m],
        &["cite", m],
        &["cite", "--format", "bibtex", m],
        &["cite", "--format", "csl-json", m],
        &["cite", "--format", "ris", m],
        &["notes", "export", m],
        &["notes", "export", "--format", "json", m],
        &[
            "open",
            "ifans-2023-north-korea-illicit-cyber-activities#introduction",
        ],
        &["cache"],
        &["help"],
        &["config", "default"],
        &["config", "path"],
        &["config", "check"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["man"],
        &["--help"],
        &["--version"],
    ];
    commands
        .iter()
        .map(|c| c.iter().map(|s| (*s).to_owned()).collect())
        .collect()
}

/// `dossier ARGS` with its data and config in a temp dir with a few bookmarks.
fn command_with_bookmarks(home: &std::path::Path, args: &[String]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"))
        .stderr(std::process::Stdio::piped());
    cmd
}

fn home_with_bookmarks() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let mitre = fixtures().join("mitre-attack-notes");
    let outline = Command::new(bin())
        .args(["outline", "--json", mitre.to_str().unwrap()])
        .output()
        .unwrap();
    let papers: serde_json::Value = serde_json::from_slice(&outline.stdout).unwrap();
    for paper in papers.as_array().unwrap().iter().take(3) {
        let (Some(id), Some(slug)) = (paper["id"].as_str(), paper["sections"][0]["slug"].as_str())
        else {
            continue;
        };
        let args: Vec<String> = ["bookmarks", "add", "--paper", id, "--section", slug]
            .iter()
            .map(|s| (*s).to_owned())
            .chain([mitre.to_str().unwrap().to_owned()])
            .collect();
        let out = command_with_bookmarks(home.path(), &args).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    home
}

/// Exit status 0 and nothing on stderr, as `cat` when its reader has gone.
fn assert_quiet(out: &Output, args: &[String]) {
    assert_eq!(
        (out.status.code(), stderr(out).as_str()),
        (Some(0), ""),
        "{args:?}"
    );
}

#[test]
fn every_printing_command_stops_quietly_when_the_reader_closes_after_one_line() {
    use std::io::BufRead;
    let home = home_with_bookmarks();
    let library = big_library();
    for args in printing_commands(library.path()) {
        let mut child = command_with_bookmarks(home.path(), &args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        let read = reader.read_line(&mut first).unwrap();
        assert!(read > 0, "{args:?} printed nothing");
        drop(reader);
        assert_quiet(&child.wait_with_output().unwrap(), &args);
    }
}

#[test]
fn every_printing_command_stops_quietly_on_an_already_closed_pipe() {
    // The reader is gone before dossier starts: its very first write fails, whatever the
    // size of its output.
    let home = home_with_bookmarks();
    let mut commands = printing_commands(&fixtures().join("mitre-attack-notes"));
    commands.push(
        [
            "bookmarks",
            "add",
            "--paper",
            "ifans-2023-north-korea-illicit-cyber-activities",
            "--section",
            "introduction",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
    );
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = command_with_bookmarks(home.path(), &args)
            .stdout(writer)
            .output()
            .unwrap();
        assert_quiet(&out, &args);
    }
}

#[test]
fn other_write_errors_are_still_reported() {
    #[cfg(target_os = "linux")]
    {
        let out = Command::new(bin())
            .args(["config", "default"])
            .stdout(
                std::fs::File::options()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).starts_with("dossier: cannot write output: "),
            "{}",
            stderr(&out)
        );
    }
}
