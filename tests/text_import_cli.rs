//! Plain-text files on the command line, good and bad: binary junk named `.txt`, a huge text,
//! a single 10 MB line, CRLF line endings, mixed encodings; and no text lost on any input.

mod common;

use common::dossier;

use std::process::Output;

use dossier::document::{Origin, Paper, sanitize};
use dossier::import::{charset, text};
use proptest::prelude::*;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn binary_junk_named_txt_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.txt");
    let bytes: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&junk, bytes).unwrap();
    let out = dossier(&["cat", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "dossier: {}: is not a text file: binary data (NUL bytes)",
            junk.display()
        )
    );
}

#[test]
fn mixed_encodings_open_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.txt");
    std::fs::write(&file, b"Caf\xc3\xa9 in UTF-8, caf\xe9 in Latin-1.\n").unwrap();
    let out = dossier(&["cat", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8(out.stdout.clone())
            .unwrap()
            .contains("Café in UTF-8, café in Latin-1.")
    );
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "dossier: {}: not all UTF-8: 1 byte read as Windows-1252 (the first at byte 19)",
            file.display()
        )
    );
}

#[test]
fn crlf_files_have_the_same_outline_as_lf_files() {
    let dir = tempfile::tempdir().unwrap();
    let lf = "Opening Words Here\n\nA first paragraph of prose that is long enough to count, ending with a period.\n\nSecond Part\n\nAnother paragraph of prose that is long enough to count, ending with a period.\n";
    let (a, b) = (dir.path().join("lf.txt"), dir.path().join("crlf.txt"));
    std::fs::write(&a, lf).unwrap();
    std::fs::write(&b, lf.replace('\n', "\r\n")).unwrap();
    let outline = |p: &std::path::Path| {
        let out = dossier(&["outline", "--json", p.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v[0]["sections"].clone()
    };
    let sections = outline(&a);
    assert_eq!(sections.as_array().unwrap().len(), 2, "{sections}");
    assert_eq!(sections, outline(&b));
}

#[test]
fn a_huge_text_and_a_single_10_mb_line_open() {
    let dir = tempfile::tempdir().unwrap();
    let para = "Words of a hard-wrapped paragraph that goes on for a while and then\nstops at the end of its second line, as plain text files do.\n\n";
    let big = dir.path().join("big.txt");
    // 16 MB here (the debug build the tests run); BENCHMARKS.md measures 50 MB in release.
    std::fs::write(&big, para.repeat(16 * 1024 * 1024 / para.len())).unwrap();
    let out = dossier(&["outline", big.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = dir.path().join("line.txt");
    std::fs::write(&line, "word ".repeat(2 * 1024 * 1024)).unwrap();
    let out = dossier(&["cat", "--width", "80", line.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed.matches("word").count(), 2 * 1024 * 1024);
    assert!(printed.lines().all(|l| l.chars().count() <= 80));
}

/// Words of `s` after the paper's own control-character cleaning, the white space around it
/// trimmed first as the importer trims a line (vertical tab and form feed included), split after
/// every hyphen inside a word: hard-wrapped lines join without a space after a line-end hyphen
/// (`cyber-` / `attacks` → `cyber-attacks`), so a line's last word may continue on the next.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A vertical tab or form feed kept inside a code block shows as `^K` / `^L`: white space
    // to the line it came from, so a word boundary here too.
    let cleaned = sanitize::clean(s.trim(), false).replace(['\u{b}', '\u{c}'], " ");
    let cleaned = cleaned.replace("^K", " ").replace("^L", " ");
    for word in cleaned.split_whitespace() {
        let mut rest = word;
        while let Some(at) = rest.find('-').filter(|&at| at + 1 < rest.len()) {
            out.push(rest[..=at].to_owned());
            rest = &rest[at + 1..];
        }
        out.push(rest.to_owned());
    }
    out
}

/// `Title ..... 12` → `Title`: a table-of-contents entry without its page number.
fn without_page_number(line: &str) -> &str {
    let t = line.trim_end();
    let cut = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let cut = cut.trim_end_matches(['.', ' ', '\t', '…', '·']);
    if cut.is_empty() { t } else { cut }
}

/// A line of `=` or `-` only (three or more): a heading's underline or a rule, decoration
/// rather than text (judged on the line: `words` splits a run of hyphens).
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.bytes().all(|b| b == b'=' || b == b'-')
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

proptest! {
    /// Whatever the text, every line of it is in the paper word for word (the fuzz target
    /// `text_import` checks the same on arbitrary bytes).
    #[test]
    fn no_text_is_lost_or_changed(
        lines in proptest::collection::vec(
            prop_oneof![
                Just(String::new()),
                "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,4}",
                "[ -~]{0,90}",
                "[a-z ,.]{60,75}",
                "[#>*+=`|<\\[\\]()!&0-9. -]{1,12}[a-z ]{0,20}",
                "\\PC{0,30}",
            ],
            0..30,
        ),
        crlf in any::<bool>(),
    ) {
        let joined = lines.join(if crlf { "\r\n" } else { "\n" });
        let (decoded, _) = charset::decode(joined.as_bytes(), None).unwrap();
        let converted = text::convert(&decoded);
        let paper = Paper::parse(&converted.markdown, Origin::Embedded("p.txt"), "p");
        let shown: Vec<String> = paper.blocks.iter().flat_map(|b| words(&b.text)).collect();
        for line in &lines {
            let w = words(line);
            let is_underline = is_rule(line);
            prop_assert!(
                is_underline
                    || contains(&shown, &w)
                    || contains(&shown, &words(without_page_number(line))),
                "line {:?} lost\nmarkdown:\n{}",
                line,
                converted.markdown
            );
        }
    }
}

/// Found by the `text_import` fuzz target: lines indented with spaces and a vertical tab
/// (windows-1252 bytes). The importer trims a line's white space as Rust does (vertical tab
/// included) and keeps a vertical tab inside the line (shown as `^K`): no word is lost.
#[test]
fn a_vertical_tab_in_an_indent_is_white_space_and_no_word_is_lost() {
    let inputs: [&[u8]; 2] = [
        b"Title Hire\n==========\n\n\xbf\xdf\x88\x92app\x8e\x8e\x8e\x8e\x8e\x8e\x8e(d ends here.\n\n    \x0b\xaa\xaa\xaa\xaa\xaa\xaa\xaa\x8bk\n",
        b"Titl# Her===\xbf\xc2\xc2\xf5\nAe\xff\xff\xff\xff\xff\xff\xff\xffre.\n\n    c\x0b\xaa\xaa\xaa\xaa\xaa\xaa\xaaode block\n and en\xa6ds he\xff\xff\xff\xff\xff\xff\xff\xffre.\n\n    c\x0b\xaa\xaa\xaa\xaa\xaa\xaa\xaaode block\n",
    ];
    for bytes in inputs {
        let (decoded, _) = charset::decode(bytes, None).unwrap();
        let converted = text::convert(&decoded);
        let paper = Paper::parse(&converted.markdown, Origin::Embedded("p.txt"), "p");
        let shown: Vec<String> = paper.blocks.iter().flat_map(|b| words(&b.text)).collect();
        for line in decoded.lines().filter(|l| !l.starts_with('=')) {
            assert!(
                contains(&shown, &words(line)),
                "{line:?} lost:\n{}",
                converted.markdown
            );
        }
        assert!(
            shown.iter().any(|w| w.contains("ªªª")),
            "the indented line's text is kept: {shown:?}"
        );
    }
}

/// Found by the `text_import` fuzz target: a table-of-contents entry whose heading later is
/// written in another case is not that heading's entry; its words stay in the paper.
#[test]
fn a_contents_entry_written_otherwise_than_its_heading_keeps_its_words() {
    let text = "Contents\nIntroduction\nMethods\nPolicy Recommendations\n\nIntroduction\n\nSome text.\n\nMethods\n\nMore text.\n\nPolicy RecommEndations\n\nThe end.\n";
    let converted = text::convert(text);
    let paper = Paper::parse(&converted.markdown, Origin::Embedded("p.txt"), "p");
    let shown: Vec<String> = paper.blocks.iter().flat_map(|b| words(&b.text)).collect();
    for line in text.lines() {
        assert!(
            contains(&shown, &words(line)),
            "{line:?} lost:\n{}",
            converted.markdown
        );
    }
}

/// Found by the `text_import` fuzz target: a block of four short lines (title, `Published …`,
/// source, `Download PDF`) read as a table of contents, whose `Published October 3$1,.2202`
/// was taken for the entry `Published October 3$1,` on page 2202 — matched to a later line
/// with another year, it was dropped with its date. A number is a page number only after white
/// space or a dot leader; the whole line stays.
#[test]
fn a_number_glued_to_the_last_word_is_not_a_page_number_and_stays() {
    let synthetic = "Some Title Here\nPublished October 3.2202\nPublication Source: IFANS\nDownload PDF\n\nA paragraph of prose follows here and it ends the way a sentence does.\n\nAnother Title There\nPublished October 3.2022\nPublication Source: IFANS\nDownload PDF\n\nMore prose follows here, and it also ends the way a sentence does.\n";
    let found = include_bytes!("fixtures/fuzz/text_import-published-line.bin");
    // The same block once more, a vertical tab before the year: the year is taken for a page
    // number, and the white space before it goes with it (no `^K` left in the heading).
    let tab = include_bytes!("fixtures/fuzz/text_import-vertical-tab-year.bin");
    for (name, bytes) in [
        ("synthetic", synthetic.as_bytes()),
        ("published line", &found[..]),
        ("vertical tab", &tab[..]),
    ] {
        assert_no_line_lost(name, bytes);
    }
}

/// The fuzz target's no-text-lost check on `bytes` read as a `.txt` file: every line of it is
/// in the paper word for word (underlines, and a contents entry's page number, excepted).
fn assert_no_line_lost(name: &str, bytes: &[u8]) {
    let (decoded, _) = charset::decode(bytes, None).unwrap();
    let converted = text::convert(&decoded);
    let paper = Paper::parse(&converted.markdown, Origin::Embedded("p.txt"), "p");
    let shown: Vec<String> = paper.blocks.iter().flat_map(|b| words(&b.text)).collect();
    for line in decoded.split(['\n', '\r']) {
        assert!(
            is_rule(line)
                || contains(&shown, &words(line))
                || contains(&shown, &words(without_page_number(line))),
            "{name}: {line:?} lost:\n{}",
            converted.markdown
        );
    }
}

/// Every input the `text_import` fuzz target ever failed on (`tests/fixtures/fuzz/`), through the
/// same no-text-lost check: what the fuzzer found stays found.
#[test]
fn every_kept_fuzz_input_keeps_every_word() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let named = path.file_name().unwrap().to_string_lossy().into_owned();
        if !named.starts_with("text_import-") {
            continue;
        }
        assert_no_line_lost(&named, &std::fs::read(&path).unwrap());
        checked += 1;
    }
    assert!(checked >= 3, "the kept inputs are found");
}
