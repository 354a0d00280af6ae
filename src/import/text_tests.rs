//! Tests of the plain-text converter: paragraphs, joins, headings, escaping, line endings.

use super::text::{convert, looks_like_markdown};
use crate::document::{BlockKind, Origin, Paper};

fn paper(text: &str) -> Paper {
    Paper::parse(&convert(text).markdown, Origin::Embedded("t.txt"), "t")
}

/// (heading level or 0, block text) for every block.
fn blocks(text: &str) -> Vec<(u8, String)> {
    paper(text)
        .blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading { level, .. } => (level, b.text.clone()),
            _ => (0, b.text.clone()),
        })
        .collect()
}

fn para(s: &str) -> (u8, String) {
    (0, s.to_owned())
}

fn head(level: u8, s: &str) -> (u8, String) {
    (level, s.to_owned())
}

const WRAPPED: &str = "\
The quick brown fox jumps over the lazy dog while the cat watches from
the window, and nobody in the house takes any notice of either of them
at all.

A second paragraph starts here and it is wrapped at the very same width
as the first one was, which is how plain text files usually look.
";

#[test]
fn hard_wrapped_lines_are_joined_and_blank_lines_separate_paragraphs() {
    assert_eq!(
        blocks(WRAPPED),
        [
            para(
                "The quick brown fox jumps over the lazy dog while the cat watches from the window, and nobody in the house takes any notice of either of them at all."
            ),
            para(
                "A second paragraph starts here and it is wrapped at the very same width as the first one was, which is how plain text files usually look."
            ),
        ]
    );
}

#[test]
fn crlf_and_lone_cr_read_like_lf() {
    let crlf = WRAPPED.replace('\n', "\r\n");
    let cr = WRAPPED.replace('\n', "\r");
    assert_eq!(blocks(&crlf), blocks(WRAPPED));
    assert_eq!(blocks(&cr), blocks(WRAPPED));
}

#[test]
fn short_lines_inside_wrapped_text_stay_apart() {
    let text = format!("{WRAPPED}\nName: Someone\nStreet 12\nA Town\n");
    let b = blocks(&text);
    assert_eq!(
        &b[2..],
        [para("Name: Someone"), para("Street 12"), para("A Town")]
    );
}

#[test]
fn list_items_are_never_joined_to_the_line_before() {
    let text = format!(
        "{WRAPPED}\nThese are the things that were on the list that we carried with us:\n- the first item on it\n- a second item\n"
    );
    let b = blocks(&text);
    assert_eq!(b[3], para("- the first item on it"));
    assert_eq!(b[4], para("- a second item"));
}

#[test]
fn a_line_ending_in_a_hyphen_joins_without_a_space() {
    let text = "\
This sentence was wrapped by a program that put the line break after a well-
known hyphen, and the words around it must read as they were written there.
Another line of the same paragraph comes here to make the width clear too.
";
    let b = blocks(text);
    assert_eq!(b.len(), 1);
    assert!(b[0].1.contains("a well-known hyphen"), "{}", b[0].1);
}

#[test]
fn long_lines_are_paragraphs_of_their_own() {
    let long_a = "Alpha sentence goes on. ".repeat(20);
    let long_b = "Beta sentence goes on. ".repeat(20);
    let text = format!("{}\n{}\n", long_a.trim(), long_b.trim());
    assert_eq!(blocks(&text), [para(long_a.trim()), para(long_b.trim())]);
}

#[test]
fn a_title_case_line_between_paragraphs_is_a_heading() {
    let text = format!(
        "Opening Words Here\n\n{}\nThe Second Part\n\n{}\nnot a heading\n\n{}",
        WRAPPED, "This short paragraph ends with a period and has enough words.\n", WRAPPED
    );
    let b = blocks(&text);
    assert_eq!(b[0], head(1, "Opening Words Here"));
    assert_eq!(b[3], head(1, "The Second Part"));
    assert_eq!(b[5], para("not a heading"));
}

#[test]
fn title_case_lines_next_to_short_lines_are_not_headings() {
    let text = "Search All Site Content\n\nTotal Index: 5813 publications.\n\nSome Title Of A Page\nPublished October 31, 2022\nDownload PDF\n\nA long paragraph of prose follows here, and it ends the way a sentence does.\n";
    assert!(paper(text).sections.is_empty());
}

#[test]
fn headings_with_final_punctuation_or_lower_case_words_are_text() {
    let body = "A long paragraph of prose follows here, and it ends the way a sentence does.";
    for line in [
        "Is This A Heading?",
        "This is not a heading",
        "Ends With A Colon:",
    ] {
        let text = format!("{body}\n\n{line}\n\n{body}\n");
        assert!(paper(&text).sections.is_empty(), "{line}");
    }
}

#[test]
fn section_numbers_give_levels_and_underlines_make_headings() {
    let body = "A long paragraph of prose follows here, and it ends the way a sentence does.";
    let text = format!(
        "1 Overview Of It\n\n{body}\n\n1.2 Details Of It\n\n{body}\n\nUnderlined Title\n================\n\n{body}\n\nSmaller one\n-----------\n{body}\n"
    );
    let b = blocks(&text);
    assert_eq!(b[0], head(1, "1 Overview Of It"));
    assert_eq!(b[2], head(2, "1.2 Details Of It"));
    assert_eq!(b[4], head(1, "Underlined Title"));
    assert_eq!(b[6], head(2, "Smaller one"));
}

#[test]
fn a_table_of_contents_becomes_the_outline() {
    // Lines of a web capture: paragraphs on one long line each, no blank lines.
    let body =
        "A long paragraph of prose follows here, and it ends the way a sentence does. ".repeat(4);
    let body = body.trim();
    let text = format!(
        "header junk |\nContents\nFirst Part\nSecond part here\nThird Part ....... 9\nFirst Part\n{body}\nThird Part\n{body}\ntrailer\n"
    );
    let p = paper(&text);
    let titles: Vec<&str> = p.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["First Part", "Second part here", "Third Part"]);
    assert!(!p.sections[0].is_empty());
    assert!(p.sections[1].is_empty());
    let b = blocks(&text);
    assert_eq!(b[0], para("header junk |"));
    assert_eq!(b[1], para("Contents"));
    assert_eq!(b.last().unwrap(), &para("trailer"));
}

#[test]
fn short_line_runs_without_recurrences_are_not_a_table_of_contents() {
    let text = "Alice\nBob\nCarol\nDave\n\nA long paragraph of prose follows here, and it ends the way a sentence does.\n";
    assert!(paper(text).sections.is_empty());
    assert_eq!(blocks(text)[0], para("Alice"));
}

#[test]
fn markdown_syntax_renders_literally() {
    let lines = [
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "> not a quote",
        "<b>not html</b> <!-- page: 3 -->",
        "*not emphasis* and `not code` and [not](a link) and \\backslash",
        "| a | b |",
        "***",
        "&amp; stays &amp;",
        "Trailing hashes #",
        "    four spaces then text",
    ];
    let text = lines.join("\n\n");
    let got: Vec<String> = paper(&text).blocks.iter().map(|b| b.text.clone()).collect();
    let want: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    assert_eq!(got, want);
    assert!(paper(&text).links.is_empty());
}

#[test]
fn indented_blocks_are_kept_line_for_line() {
    let text = "Here is a table of figures, written the way it was meant to be read:\n\n    Year   Amount\n    2021   $400m\n\nAfter it.\n";
    let p = paper(text);
    assert!(matches!(p.blocks[1].kind, BlockKind::Code { .. }));
    assert_eq!(p.blocks[1].text.trim_end(), "Year   Amount\n2021   $400m");
}

#[test]
fn a_published_line_near_the_top_dates_the_paper() {
    let p = paper("Some Title\nPublished October 31, 2022\n\nText of it.\n");
    assert_eq!(p.meta.published.as_deref(), Some("2022-10-31"));
    assert_eq!(p.blocks[1].text, "Published October 31, 2022");
    assert_eq!(paper("Published sometime\n").meta.published, None);
}

#[test]
fn the_title_is_the_first_line_then_a_heading_that_is_not_a_part_of_every_paper() {
    // A first line in title case names the paper, even with no prose after it.
    let p = paper(
        "A Study of Winds\nBy Jane Doe\n\nIntroduction\n\nThe text of it, which goes on for a while here.\n",
    );
    assert_eq!(p.meta.title, "A Study of Winds");
    // "Introduction", "Abstract" … name parts of any paper: the first other heading is taken.
    let toc = "Introduction\nWinds of the North\nWinds of the South\nIntroduction\nThe text of the introduction, long enough to be read as prose.\nWinds of the North\nMore text about the northern winds and where they blow.\n";
    assert_eq!(paper(toc).meta.title, "Winds of the North");
    let numbered = "1. Introduction\n\nThe text of the introduction, long enough to be prose.\n\n2. Winds of the North\n\nMore text about the northern winds and where they blow.\n";
    assert_eq!(paper(numbered).meta.title, "2. Winds of the North");
    // A sentence on the first line is not a title; nothing else names the paper: its file.
    let p = paper("it was a dark and stormy night, and the wind blew hard.\n");
    assert_eq!(p.meta.title, "t");
    // The text is never changed: the title line stays in it.
    assert_eq!(
        paper("A Study of Winds\n\nShort.\n").blocks[0].text,
        "A Study of Winds"
    );
}

#[test]
fn empty_and_blank_text_give_an_empty_paper() {
    assert!(paper("").blocks.is_empty());
    assert!(paper("\n \r\n\t\n").blocks.is_empty());
}

#[test]
fn a_txt_written_in_markdown_is_read_as_markdown() {
    let paper = crate::import::import(
        b"---\ntitle: T\n---\n# Heading\n\n*text*\n".to_vec(),
        crate::import::Format::Text,
        Origin::Embedded("spec.txt"),
        "spec",
    )
    .unwrap();
    assert_eq!(paper.meta.title, "T");
    assert_eq!(paper.sections[0].title, "Heading");
    assert_eq!(paper.blocks[1].text, "text");
}

#[test]
fn markdown_structure_is_recognised() {
    assert!(looks_like_markdown("# Title\n\ntext"));
    assert!(looks_like_markdown("---\ntitle: x\n---\n"));
    assert!(looks_like_markdown("see [a](b) and [c](d)"));
    assert!(looks_like_markdown("```\ncode\n```"));
    assert!(!looks_like_markdown(
        "Just text.\n\nMore text, #1 in the list."
    ));
}
