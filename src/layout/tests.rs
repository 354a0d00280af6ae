use super::*;
use crate::document::{Origin, Paper};

fn paper(md: &str) -> Paper {
    Paper::parse(md, Origin::Embedded("t.md"), "t")
}

fn body_text(layout: &Layout) -> Vec<String> {
    layout
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::Header)
        .map(|l| l.text().trim_end().to_owned())
        .collect()
}

#[test]
fn header_shows_title_publisher_date_and_attribution() {
    let p = paper(
        "---\ntitle: T\npublisher: IFANS\npublished: 2022-10-31\nattribution: Cite us.\n---\nBody.\n",
    );
    let text: Vec<String> = layout(&p, 40)
        .lines
        .iter()
        .take(3)
        .map(Line::text)
        .collect();
    assert_eq!(text, ["T", "IFANS · 2022-10-31", "Cite us."]);
}

#[test]
fn no_line_is_wider_than_the_width_with_wide_characters_and_containers() {
    let md = "> 북한의 사이버 공격은 증가하고 있다 그리고 more English words here\n\n- a list item that wraps around the width\n  - nested 朝鲜网络攻击不断增加朝鲜网络攻击\n\n| col | 한국어 |\n|-----|----|\n| 1 | 사이버 공격 |\n\n```\nfn very_long_code_line_that_needs_breaking() {}\n```\n";
    let p = paper(md);
    for width in [2u16, 3, 5, 10, 17, 40, 80] {
        for line in &layout(&p, width).lines {
            assert!(
                line.width() <= usize::from(width),
                "width {width}: {:?} is {}",
                line.text(),
                line.width()
            );
        }
    }
}

#[test]
fn lines_map_back_to_block_offsets() {
    let p = paper("First paragraph with several words in it.\n\nSecond one.\n");
    let l = layout(&p, 12);
    for line in &l.lines {
        let Some(block) = line.block else { continue };
        let text = &p.blocks[block as usize].text;
        for seg in &line.segs {
            if let Some(src) = seg.src {
                assert_eq!(&text[src as usize..src as usize + seg.text.len()], seg.text);
            }
        }
    }
    let second = l.line_of(1, 0);
    assert_eq!(l.lines[second].text(), "Second one.");
    assert_eq!(l.line_of(0, 30), l.line_of(0, 29));
}

#[test]
fn a_place_in_a_table_is_its_first_row_not_its_last() {
    let p = paper(
        "Before.\n\n| No. | Site |\n| --- | --- |\n| 1 | a |\n| 2 | b |\n| 3 | c |\n\nAfter.\n",
    );
    let l = layout(&p, 40);
    let table = l.line_of(1, 0);
    assert_eq!(table, l.block_lines[1] as usize);
    assert!(
        l.lines[table].text().contains("No."),
        "{}",
        l.lines[table].text()
    );
    assert_eq!(l.lines[l.line_of(2, 0)].text().trim_end(), "After.");
}

#[test]
fn empty_sections_say_so_in_one_dim_line() {
    let p = paper("# Intro\n\nText.\n\n# Empty\n\n# Last\n");
    let text = body_text(&layout(&p, 40));
    assert_eq!(
        text.iter()
            .filter(|l| l.as_str() == "No text in this section.")
            .count(),
        2
    );
    assert!(
        text.iter().position(|l| l == "Empty").unwrap() + 1
            == text
                .iter()
                .position(|l| l == "No text in this section.")
                .unwrap()
    );
}

#[test]
fn lists_quotes_and_footnotes_show_their_markers() {
    let p = paper("- one\n- two\n\n1. first\n\n> quoted\n\nNote[^n].\n\n[^n]: The note.\n");
    let text = body_text(&layout(&p, 40));
    for expected in [
        "• one",
        "• two",
        "1. first",
        "│ quoted",
        "Note[n].",
        "[n] The note.",
    ] {
        assert!(
            text.iter().any(|l| l == expected),
            "{expected:?} not in {text:#?}"
        );
    }
    let one = text.iter().position(|l| l == "• one").unwrap();
    assert_eq!(text[one + 1], "• two", "tight list stays tight");
}

#[test]
fn tables_align_columns() {
    let p = paper("| name | n |\n|:--|--:|\n| alpha | 1 |\n| b | 22 |\n");
    let text = body_text(&layout(&p, 40));
    assert!(text.contains(&"name  │  n".to_owned()), "{text:#?}");
    assert!(text.contains(&"alpha │  1".to_owned()), "{text:#?}");
    assert!(text.contains(&"b     │ 22".to_owned()), "{text:#?}");
}

#[test]
fn deep_nesting_collapses_its_prefix() {
    let md = format!("{}deep\n", "> ".repeat(200));
    let p = paper(&md);
    let l = layout(&p, 30);
    let line = l.lines.iter().find(|l| l.text().contains("deep")).unwrap();
    assert!(line.width() <= 30);
    assert!(line.text().starts_with("200› "), "{:?}", line.text());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-z]{1,10}",
            "[가-힣]{1,4}",
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("> ".to_owned()),
            Just("- ".to_owned()),
            Just("1. ".to_owned()),
            Just("# ".to_owned()),
            Just("| a | 한국 |\n|---|---|\n| x | y |\n".to_owned()),
            Just("```\n".to_owned()),
            Just("    code\n".to_owned()),
            Just("*".to_owned()),
            Just("`".to_owned()),
            Just("[^1]".to_owned()),
            Just("[^1]: note\n".to_owned()),
            Just("<div>".to_owned()),
            Just("\t".to_owned()),
            Just("---\n".to_owned()),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|p| p.join(""))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_markdown_lays_out_within_the_width(md in markdown(), width in 2u16..90) {
            let p = paper(&md);
            let l = layout(&p, width);
            for line in &l.lines {
                prop_assert!(line.width() <= usize::from(width), "{:?} wider than {}", line.text(), width);
                prop_assert!(!line.text().chars().any(char::is_control));
            }
            prop_assert_eq!(l.block_lines.len(), p.blocks.len());
        }
    }
}
