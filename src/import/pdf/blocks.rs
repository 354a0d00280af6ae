//! Lines in reading order → blocks: paragraphs rebuilt from lines (a gap, an indent, a change of
//! size or a short last line ends one), hyphenated line ends rejoined, headings, list items and
//! footnotes told apart. A paragraph that runs over a page break keeps one text per page.

use super::hyphen::Vocabulary;
use super::lines::Line;

/// What a block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Running text.
    Paragraph,
    /// A heading of this level (1 = top).
    Heading(usize),
    /// A list item with its marker as printed (`•`, `3.`).
    Item(String),
    /// A footnote with its label.
    Note(String),
    /// A table's rows of cells (the first row is its head).
    Table(Vec<Vec<String>>),
}

/// A block of text, split where it crosses page breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// (page index, text on that page), at least one, in order.
    pub parts: Vec<(usize, String)>,
}

impl Block {
    /// The text without page breaks.
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How a line was classified before paragraphs are built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Body text.
    Text,
    /// A heading line of this level.
    Heading(usize),
    /// The first line of a footnote with this label (the label already cut from the text).
    NoteStart(String),
    /// A further line of a footnote.
    NoteMore,
    /// The first line of a table, which stands for all of it.
    Table(Vec<Vec<String>>),
    /// A line inside a table (given by the table's first line).
    Covered,
}

/// A line with its page and role.
#[derive(Clone, Debug)]
pub struct Placed {
    /// Page index.
    pub page: usize,
    /// The line.
    pub line: Line,
    /// What it is.
    pub role: Role,
}

/// A list marker at the start of a line: (marker, rest of the line).
pub fn list_marker(text: &str) -> Option<(String, &str)> {
    let first = text.chars().next()?;
    if matches!(
        first,
        '•' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '□' | '∙' | '·' | '➢' | '✓'
    ) {
        let after = &text[first.len_utf8()..];
        let rest = after.trim_start();
        if !rest.is_empty() && after.starts_with(char::is_whitespace) {
            return Some((first.to_string(), rest));
        }
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &text[digits..];
        if let Some(rest) = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))
            && rest.chars().next().is_some_and(char::is_alphabetic)
        {
            return Some((text[..=digits].to_string(), rest.trim_start()));
        }
    }
    None
}

/// A table-of-contents line (`3.1. Purpose ........ 12`): the entry without its dot leader and
/// printed page number, which point into the printed pages, not into the text.
pub fn contents_entry(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let (before, number) = t.rsplit_once(|c: char| c == '.' || c == '…' || c.is_whitespace())?;
    let page_label = (1..=4).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit())
        || (1..=7).contains(&number.len())
            && number
                .chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'));
    if !page_label {
        return None;
    }
    let body = before.trim_end_matches(|c: char| c.is_whitespace());
    let entry = body.trim_end_matches(['.', '…', ' ']);
    let leader = &body[entry.len()..];
    let dots = leader.chars().filter(|&c| c == '.').count() + 3 * leader.matches('…').count();
    let entry = entry.trim_end();
    (dots >= 4 && entry.chars().any(char::is_alphanumeric)).then_some(entry)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')', '”', '’', ']'])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase())
}

/// Whether `next` starts a new paragraph after `prev` (both body text).
fn breaks(prev: &Placed, next: &Placed, item: bool) -> bool {
    let (a, b) = (&prev.line, &next.line);
    if (a.size - b.size).abs() > 0.15 * a.size.max(b.size) {
        return true;
    }
    let end = ends_sentence(&a.text);
    if next.page != prev.page || b.y < a.y - 0.5 * a.size {
        // a new page or column: a finished sentence followed by a capital ends the paragraph
        return end && starts_upper(&b.text);
    }
    let gap = b.y - a.y;
    if gap > 1.75 * a.size.max(b.size) || gap.abs() <= 0.3 * a.size {
        return true;
    }
    if !item && b.x0 > a.x0 + 0.8 * a.size {
        return true;
    }
    end && a.x1 < b.x1 - 3.0 * a.size
}

/// Appends `line` to `text`, rejoining a hyphenated word.
fn append(text: &mut String, line: &str, vocab: &Vocabulary) -> bool {
    if let Some(drop) = vocab.join(text, line) {
        if drop {
            text.pop();
        }
        text.push_str(line);
        true
    } else {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
        false
    }
}

/// The blocks of a document's lines.
pub fn blocks(lines: &[Placed]) -> Vec<Block> {
    let mut vocab = Vocabulary::default();
    for p in lines {
        vocab.learn(&p.line.text);
    }
    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<&Placed> = None;
    for p in lines {
        let entry = if p.role == Role::Text {
            contents_entry(&p.line.text)
        } else {
            None
        };
        let text = entry.unwrap_or(p.line.text.as_str());
        let open = out.last_mut();
        let cont = match (&p.role, open, prev) {
            (Role::Text, Some(b), Some(q)) if q.role == Role::Text => {
                matches!(b.kind, Kind::Paragraph | Kind::Item(_))
                    && entry.is_none()
                    && contents_entry(&q.line.text).is_none()
                    && list_marker(text).is_none()
                    && !breaks(q, p, matches!(b.kind, Kind::Item(_)))
            }
            (Role::Heading(l), Some(b), Some(q)) => {
                b.kind == Kind::Heading(*l)
                    && q.role == p.role
                    && p.line.y - q.line.y <= 1.8 * p.line.size
                    && p.page == q.page
            }
            (Role::NoteMore, Some(b), Some(_)) => matches!(b.kind, Kind::Note(_)),
            _ => false,
        };
        if cont {
            let b = out.last_mut().expect("an open block");
            if b.parts.last().is_some_and(|(pg, _)| *pg == p.page) {
                let t = &mut b.parts.last_mut().expect("a part").1;
                append(t, text, &vocab);
            } else {
                // across a page break: a rejoined word stays on the page where it starts
                let t = &mut b.parts.last_mut().expect("a part").1;
                let (head, rest) = match text.split_once(' ') {
                    Some((h, r)) if vocab.join(t, h).is_some() => (h, r),
                    _ if vocab.join(t, text).is_some() => (text, ""),
                    _ => ("", text),
                };
                if !head.is_empty() {
                    append(t, head, &vocab);
                }
                if !rest.is_empty() {
                    b.parts.push((p.page, rest.to_string()));
                }
            }
        } else {
            let (kind, text) = match &p.role {
                Role::Covered => continue,
                Role::Table(rows) => (Kind::Table(rows.clone()), ""),
                Role::Heading(l) => (Kind::Heading(*l), text),
                Role::NoteStart(label) => (Kind::Note(label.clone()), text),
                Role::Text | Role::NoteMore => match list_marker(text) {
                    Some((m, rest)) => (Kind::Item(m), rest),
                    None => (Kind::Paragraph, text),
                },
            };
            out.push(Block {
                kind,
                parts: vec![(p.page, text.to_string())],
            });
        }
        prev = Some(p);
    }
    for b in &mut out {
        for (_, t) in &mut b.parts {
            if t.contains(super::glyph::SOFT_HYPHEN) {
                t.retain(|c| c != super::glyph::SOFT_HYPHEN);
            }
        }
    }
    out.retain(|b| {
        matches!(b.kind, Kind::Table(_)) || b.parts.iter().any(|(_, t)| !t.trim().is_empty())
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(page: usize, x: f32, y: f32, text: &str) -> Placed {
        let mut line = Line::at(x, y, 10.0, text);
        line.x1 = x + 300.0;
        Placed {
            page,
            line,
            role: Role::Text,
        }
    }

    fn texts(lines: &[Placed]) -> Vec<String> {
        blocks(lines).iter().map(Block::text).collect()
    }

    #[test]
    fn lines_join_into_paragraphs_split_by_a_gap_or_an_indent() {
        let lines = [
            placed(0, 50.0, 100.0, "The first paragraph"),
            placed(0, 50.0, 112.0, "goes on here."),
            placed(0, 50.0, 140.0, "After a gap."),
            placed(0, 65.0, 152.0, "Indented start"),
            placed(0, 50.0, 164.0, "of a third."),
        ];
        assert_eq!(
            texts(&lines),
            [
                "The first paragraph goes on here.",
                "After a gap.",
                "Indented start of a third."
            ]
        );
    }

    #[test]
    fn hyphenated_words_are_rejoined_and_compounds_kept() {
        let lines = [
            placed(0, 50.0, 100.0, "network secu-"),
            placed(0, 50.0, 112.0, "rity and cyber-"),
            placed(0, 50.0, 124.0, "attacks; attacks grow."),
        ];
        assert_eq!(
            texts(&lines),
            ["network security and cyber-attacks; attacks grow."]
        );
    }

    #[test]
    fn a_paragraph_across_a_page_break_keeps_a_part_per_page() {
        let lines = [
            placed(0, 50.0, 700.0, "runs over the intelli\u{2010}"),
            placed(1, 50.0, 80.0, "gence of a page."),
        ];
        let b = blocks(&lines);
        assert_eq!(b.len(), 1);
        assert_eq!(
            b[0].parts,
            [
                (0, "runs over the intelligence".to_string()),
                (1, "of a page.".to_string())
            ]
        );
    }

    #[test]
    fn a_finished_sentence_then_a_new_page_starting_with_a_capital_breaks() {
        let lines = [
            placed(0, 50.0, 700.0, "The end."),
            placed(1, 50.0, 80.0, "New start."),
        ];
        assert_eq!(texts(&lines), ["The end.", "New start."]);
    }

    #[test]
    fn list_items_headings_and_notes_are_their_own_blocks() {
        let mut lines = vec![
            placed(0, 50.0, 100.0, "Intro text:"),
            placed(0, 50.0, 112.0, "• first item"),
            placed(0, 60.0, 124.0, "wraps here"),
            placed(0, 50.0, 136.0, "• second item"),
            placed(0, 50.0, 160.0, "Heading"),
            placed(0, 50.0, 700.0, "A note"),
            placed(0, 50.0, 710.0, "continued."),
        ];
        lines[4].role = Role::Heading(2);
        lines[5].role = Role::NoteStart("1".into());
        lines[6].role = Role::NoteMore;
        let b = blocks(&lines);
        let kinds: Vec<Kind> = b.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                Kind::Paragraph,
                Kind::Item("•".into()),
                Kind::Item("•".into()),
                Kind::Heading(2),
                Kind::Note("1".into())
            ]
        );
        assert_eq!(b[1].text(), "first item wraps here");
        assert_eq!(b[4].text(), "A note continued.");
    }

    #[test]
    fn contents_lines_lose_their_leaders_and_page_numbers_and_stay_apart() {
        assert_eq!(
            contents_entry("3.1. Purpose ........................ 12"),
            Some("3.1. Purpose")
        );
        assert_eq!(contents_entry("Preface . . . . . . . iv"), Some("Preface"));
        assert_eq!(contents_entry("Annex………… 7"), Some("Annex"));
        assert_eq!(contents_entry("It rose by 12"), None);
        assert_eq!(contents_entry("See section 3.1. 12"), None);
        assert_eq!(contents_entry("........ 12"), None);
        let lines = [
            placed(0, 72.0, 100.0, "Contents"),
            placed(0, 72.0, 112.0, "1. Introduction ............ 1"),
            placed(0, 72.0, 124.0, "1.1. Purpose ............... 1"),
            placed(0, 72.0, 136.0, "1.2. Conventions ........... 2"),
        ];
        assert_eq!(
            texts(&lines),
            [
                "Contents",
                "Introduction",
                "1.1. Purpose",
                "1.2. Conventions"
            ]
        );
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("• a thing"), Some(("•".into(), "a thing")));
        assert_eq!(list_marker("3. Third"), Some(("3.".into(), "Third")));
        assert_eq!(list_marker("2020. A year"), None);
        assert_eq!(list_marker("1.5 million"), None);
    }
}
