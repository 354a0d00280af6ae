//! Blocks → the Markdown dossier reads: headings, paragraphs, list items and footnotes, each
//! page's start marked with `<!-- page: LABEL -->` (inside a paragraph that crosses a page
//! break), text escaped so it renders as printed.

use super::blocks::{Block, Kind};
use crate::import::escape_inline;

/// Opens a footnote mark inside block text; the label follows, then [`MARK_END`]. Private-use
/// characters never reach block text otherwise (the glyph clean-up drops them).
pub const MARK_START: char = '\u{e000}';
/// Closes a footnote mark.
pub const MARK_END: char = '\u{e001}';

/// Inline Markdown for a block's text: escaped, footnote marks as `[^label]`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let escaped = |out: &mut String, piece: &str| {
        // escape_inline drops leading spaces, which matter after a mark
        if !out.is_empty() && piece.starts_with([' ', '\t']) {
            out.push(' ');
        }
        out.push_str(&escape_inline(piece));
    };
    while let Some(i) = rest.find(MARK_START) {
        escaped(&mut out, &rest[..i]);
        let after = &rest[i + MARK_START.len_utf8()..];
        let Some(j) = after.find(MARK_END) else {
            rest = after;
            continue;
        };
        out.push_str(&format!("[^{}]", &after[..j]));
        rest = &after[j + MARK_END.len_utf8()..];
    }
    escaped(&mut out, rest);
    out
}

fn marker(label: &str) -> String {
    let clean: String = label
        .chars()
        .filter(|c| !c.is_control() && *c != '-' && *c != '>')
        .collect();
    format!("<!-- page: {} -->", clean.trim())
}

/// A Markdown table; the first row is the head.
fn table(out: &mut String, rows: &[Vec<String>]) {
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for cell in row {
            out.push(' ');
            out.push_str(&inline(cell));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(row.len()));
            out.push('\n');
        }
    }
    out.push('\n');
}

/// The Markdown body: blocks in order with page markers for `labels` (one per page).
pub fn render(blocks: &[Block], labels: &[String]) -> String {
    let mut out = String::new();
    let mut next_page = 0;
    let mark_until = |out: &mut String, next_page: &mut usize, page: usize| {
        while *next_page <= page && *next_page < labels.len() {
            out.push_str(&marker(&labels[*next_page]));
            out.push_str("\n\n");
            *next_page += 1;
        }
    };
    for b in blocks {
        let Some(&(first_page, _)) = b.parts.first() else {
            continue;
        };
        mark_until(&mut out, &mut next_page, first_page);
        let mut body = String::new();
        for (k, (page, text)) in b.parts.iter().enumerate() {
            if k > 0 {
                while next_page <= *page && next_page < labels.len() {
                    body.push(' ');
                    body.push_str(&marker(&labels[next_page]));
                    next_page += 1;
                }
                body.push(' ');
            }
            body.push_str(&inline(text));
        }
        match &b.kind {
            Kind::Heading(level) => {
                out.push_str(&"#".repeat((*level).clamp(1, 6)));
                out.push(' ');
            }
            Kind::Item(m) => {
                let numbered = m.chars().next().is_some_and(|c| c.is_ascii_digit());
                if numbered {
                    out.push_str(m.trim_end_matches([')', '.']));
                    out.push_str(". ");
                } else {
                    out.push_str("- ");
                }
            }
            Kind::Note(label) => out.push_str(&format!("[^{label}]: ")),
            Kind::Table(rows) => {
                table(&mut out, rows);
                continue;
            }
            Kind::Paragraph => {}
        }
        out.push_str(&body);
        out.push_str("\n\n");
    }
    mark_until(&mut out, &mut next_page, labels.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: Kind, parts: &[(usize, &str)]) -> Block {
        Block {
            kind,
            parts: parts.iter().map(|&(p, t)| (p, t.to_string())).collect(),
        }
    }

    #[test]
    fn page_markers_between_blocks_and_inside_a_paragraph() {
        let blocks = [
            block(Kind::Heading(1), &[(0, "Intro")]),
            block(Kind::Paragraph, &[(0, "starts here"), (1, "ends there.")]),
            block(Kind::Item("•".into()), &[(2, "an item")]),
        ];
        let md = render(&blocks, &["i".into(), "1".into(), "2".into(), "3".into()]);
        assert_eq!(
            md,
            "<!-- page: i -->\n\n# Intro\n\nstarts here <!-- page: 1 --> ends there.\n\n<!-- page: 2 -->\n\n- an item\n\n<!-- page: 3 -->\n\n"
        );
    }

    #[test]
    fn notes_and_marks_become_footnotes() {
        let text = format!("A claim{MARK_START}1{MARK_END} here.");
        let blocks = [
            block(Kind::Paragraph, &[(0, &text)]),
            block(Kind::Note("1".into()), &[(0, "The source.")]),
        ];
        let md = render(&blocks, &["1".into()]);
        assert!(
            md.contains("A claim[^1] here.\n\n[^1]: The source.\n\n"),
            "{md}"
        );
    }

    #[test]
    fn tables_are_markdown_tables() {
        let rows = vec![
            vec!["No.".to_string(), "Site".to_string()],
            vec!["1".to_string(), "a|b".to_string()],
        ];
        let md = render(
            &[Block {
                kind: Kind::Table(rows),
                parts: vec![(0, String::new())],
            }],
            &[],
        );
        assert_eq!(md, "| No. | Site |\n| --- | --- |\n| 1 | a\\|b |\n\n");
    }

    #[test]
    fn text_that_looks_like_markdown_is_escaped() {
        let blocks = [block(
            Kind::Paragraph,
            &[(0, "1. not a list *nor emphasis* <b>")],
        )];
        let md = render(&blocks, &[]);
        let paper =
            crate::document::Paper::parse(&md, crate::document::Origin::File("t.pdf".into()), "t");
        assert_eq!(paper.blocks[0].text, "1. not a list *nor emphasis* <b>");
    }
}
