//! Lays a paper out at a width: styled lines, each mapped back to its block and byte range.
//!
//! Layout happens once per (paper, width); drawing a frame only slices the visible lines.

mod blocks;
mod table;
pub mod wrap;

pub use wrap::{str_width, wrap, wrap_hard};

use crate::document::Paper;

/// Semantic style of a piece of a line; the TUI maps roles to colours and attributes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Role(u16);

impl Role {
    /// Body text.
    pub const BODY: Self = Self(0);
    /// Emphasis.
    pub const EMPHASIS: Self = Self(1);
    /// Strong emphasis.
    pub const STRONG: Self = Self(1 << 1);
    /// Strikethrough.
    pub const STRIKE: Self = Self(1 << 2);
    /// Code, inline or block.
    pub const CODE: Self = Self(1 << 3);
    /// Link text.
    pub const LINK: Self = Self(1 << 4);
    /// A footnote reference.
    pub const FOOTNOTE: Self = Self(1 << 5);
    /// Quote bars, list markers, footnote labels.
    pub const MARKER: Self = Self(1 << 6);
    /// Secondary text: metadata, notes about empty sections.
    pub const DIM: Self = Self(1 << 7);
    /// A heading.
    pub const HEADING: Self = Self(1 << 8);
    /// The paper's title in its header.
    pub const TITLE: Self = Self(1 << 9);
    /// Rules and table borders.
    pub const RULE: Self = Self(1 << 10);
    /// A table's header row.
    pub const TABLE_HEAD: Self = Self(1 << 11);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Both sets of flags.
    #[must_use]
    pub fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// A piece of a line with one role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    /// The text (never contains control characters).
    pub text: String,
    /// How it looks.
    pub role: Role,
    /// Byte offset of `text` in its block's text, when it is block text (not a marker).
    pub src: Option<u32>,
    /// Index into the paper's links when the text is a link or footnote reference.
    pub link: Option<u32>,
}

/// What a line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// The paper's header (title, publisher, date, attribution).
    Header,
    /// A spacer.
    Blank,
    /// Prose, list items, quotes, footnotes.
    Text,
    /// A heading line, with its level.
    Heading(u8),
    /// Code or raw HTML.
    Code,
    /// A table row or border.
    Table,
    /// A thematic break.
    Rule,
    /// The note that a section has no text.
    EmptySection,
}

/// One screen line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Its pieces, left to right.
    pub segs: Vec<Seg>,
    /// What it shows.
    pub kind: LineKind,
    /// The block it belongs to (none for header and spacer lines).
    pub block: Option<u32>,
    /// Byte range of the block's text on this line.
    pub start: u32,
    /// End of that range.
    pub end: u32,
}

impl Line {
    /// The line as plain text.
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }

    /// Display width of the line.
    pub fn width(&self) -> usize {
        self.segs.iter().map(|s| str_width(&s.text)).sum()
    }

    /// A header line showing `text` in `role`.
    fn header(text: String, role: Role) -> Line {
        Line {
            segs: vec![Seg {
                text,
                role,
                src: None,
                link: None,
            }],
            kind: LineKind::Header,
            block: None,
            start: 0,
            end: 0,
        }
    }

    fn blank() -> Line {
        Line {
            segs: Vec::new(),
            kind: LineKind::Blank,
            block: None,
            start: 0,
            end: 0,
        }
    }
}

/// A paper laid out at one width.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// The width it was laid out at.
    pub width: u16,
    /// All lines, top to bottom.
    pub lines: Vec<Line>,
    /// For each block, the index of its first line.
    pub block_lines: Vec<u32>,
}

impl Layout {
    /// The line showing byte `offset` of `block`, or the block's first line.
    pub fn line_of(&self, block: usize, offset: usize) -> usize {
        let Some(&first) = self.block_lines.get(block) else {
            return self.lines.len().saturating_sub(1);
        };
        let first = first as usize;
        let mut best = first;
        for (i, line) in self.lines.iter().enumerate().skip(first) {
            if line.block != Some(block as u32) {
                if line.block.is_some() {
                    break;
                }
                continue;
            }
            if (line.start as usize) > offset {
                break;
            }
            // Lines that start at the same offset (a table's rows all start at 0) keep the
            // first of them: the place is where its text begins, not the block's last line.
            let earlier = &self.lines[best];
            if earlier.block != Some(block as u32) || line.start > earlier.start {
                best = i;
            }
        }
        best
    }

    /// The block shown at or after `line` (the next block when `line` is a spacer).
    pub fn block_at(&self, line: usize) -> Option<(usize, usize)> {
        self.lines
            .iter()
            .skip(line)
            .find_map(|l| l.block.map(|b| (b as usize, l.start as usize)))
            .or_else(|| {
                self.lines
                    .iter()
                    .take(line)
                    .rev()
                    .find_map(|l| l.block.map(|b| (b as usize, l.start as usize)))
            })
    }

    /// Every line as plain text, joined by newlines (`dossier cat`).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(line.text().trim_end());
            out.push('\n');
        }
        out
    }
}

/// Lays `paper` out at `width` columns (at least 2).
pub fn layout(paper: &Paper, width: u16) -> Layout {
    let width = width.max(2);
    let mut lines = Vec::new();
    header(paper, usize::from(width), &mut lines);
    let mut block_lines = Vec::with_capacity(paper.blocks.len());
    for index in 0..paper.blocks.len() {
        if blocks::wants_gap(paper, index)
            && lines
                .last()
                .is_some_and(|l: &Line| l.kind != LineKind::Blank)
        {
            lines.push(Line::blank());
        }
        block_lines.push(lines.len() as u32);
        blocks::block_lines(paper, index, usize::from(width), &mut lines);
    }
    Layout {
        width,
        lines,
        block_lines,
    }
}

fn header(paper: &Paper, width: usize, lines: &mut Vec<Line>) {
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, role: Role| {
        for range in wrap(text, width) {
            lines.push(Line::header(text[range].to_owned(), role));
        }
    };
    push_wrapped(lines, &paper.meta.title, Role::TITLE);
    let facts: Vec<&str> = [
        paper.meta.publisher.as_deref(),
        paper.meta.published.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facts.is_empty() {
        push_wrapped(lines, &facts.join(" · "), Role::DIM);
    }
    if let Some(author) = &paper.meta.author {
        push_wrapped(lines, author, Role::DIM);
    }
    if let Some(attribution) = &paper.meta.attribution {
        push_wrapped(lines, attribution, Role::DIM.with(Role::EMPHASIS));
    }
    lines.push(Line::header("─".repeat(width), Role::RULE));
    lines.push(Line::blank());
}

#[cfg(test)]
mod tests;
