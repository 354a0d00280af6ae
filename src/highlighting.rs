//! Highlights on real papers: capturing a passage (start and end anchors, its whole text) and
//! finding it again, or knowing it is gone.

use std::ops::Range;

use crate::anchoring::{Locator, block_sections, capture, label_at};
use crate::document::Paper;
use crate::store::{Anchor, Bookmark, Highlight, QUOTE_CHARS, Resolution};

/// A place in a paper: block index and byte offset in its text.
pub type At = (usize, usize);

/// Everything needed to store a highlight of the passage from `start` to `end` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// Anchor at the passage's start.
    pub start: Anchor,
    /// The end anchor and the passage's text.
    pub highlight: Highlight,
    /// A short label: the passage's first words.
    pub label: String,
}

/// Captures the passage from `start` to `end` of `paper` (swapped if given backwards, clamped
/// to the paper and to char boundaries).
pub fn capture_passage(paper: &Paper, start: At, end: At) -> Captured {
    let (start, end) = if end < start {
        (end, start)
    } else {
        (start, end)
    };
    let start = clamp(paper, start);
    let end = clamp(paper, end);
    let text = passage_text(paper, start, end);
    let end_text = paper.blocks.get(end.0).map_or("", |b| b.text.as_str());
    // The end anchor's quote ends where the passage ends.
    let quote_start = end_text[..end.1]
        .char_indices()
        .rev()
        .nth(QUOTE_CHARS - 1)
        .map_or(0, |(i, _)| i);
    Captured {
        start: capture(paper, start.0, start.1),
        highlight: Highlight {
            end: capture(paper, end.0, quote_start),
            quote: text,
        },
        label: label_at(paper, start.0, start.1),
    }
}

fn clamp(paper: &Paper, (block, offset): At) -> At {
    let Some(last) = paper.blocks.len().checked_sub(1) else {
        return (0, 0);
    };
    let block = block.min(last);
    let text = &paper.blocks[block].text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    (block, offset)
}

/// The text from `start` to `end`, blocks joined by blank lines, whitespace in each collapsed.
pub fn passage_text(paper: &Paper, start: At, end: At) -> String {
    let mut parts = Vec::new();
    for block in start.0..=end.0.min(paper.blocks.len().saturating_sub(1)) {
        let text = &paper.blocks[block].text;
        let from = if block == start.0 {
            start.1.min(text.len())
        } else {
            0
        };
        let to = if block == end.0 {
            end.1.min(text.len())
        } else {
            text.len()
        };
        if let Some(piece) = text.get(from..to.max(from)) {
            let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if !piece.is_empty() {
                parts.push(piece);
            }
        }
    }
    parts.join("\n\n")
}

/// Where a highlight lands in the paper now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landed {
    /// Found: its start and end, and whether both were found exactly.
    Found {
        /// First character.
        start: At,
        /// One past the last character.
        end: At,
        /// Both ends found unchanged.
        exact: bool,
    },
    /// The passage is gone (its quote is still kept).
    Orphaned,
}

impl Landed {
    /// The byte range of `block` the highlight covers, if any.
    pub fn range_in(&self, block: usize, block_len: usize) -> Option<Range<usize>> {
        let Landed::Found { start, end, .. } = *self else {
            return None;
        };
        if block < start.0 || block > end.0 {
            return None;
        }
        let from = if block == start.0 { start.1 } else { 0 };
        let to = if block == end.0 { end.1 } else { block_len };
        (from < to).then_some(from..to)
    }
}

/// Finds highlights (and bookmarks) in one paper: built once, cheap per mark.
pub struct PassageLocator<'a> {
    paper: &'a Paper,
    locator: Locator<'a>,
}

impl<'a> PassageLocator<'a> {
    /// Prepares to place marks in `paper`; `sections` comes from [`block_sections`].
    pub fn new(paper: &'a Paper, sections: &'a [Vec<String>]) -> Self {
        PassageLocator {
            paper,
            locator: Locator::new(paper, sections),
        }
    }

    /// Where the start of a mark lands (a bookmark's place).
    pub fn locate(&self, anchor: &Anchor) -> Resolution {
        self.locator.locate(anchor)
    }

    /// Where highlight `h` (starting at `start`) lands: orphaned when its start is not found
    /// in the text (a section start is not the passage); when only the end is lost, the
    /// passage's first block part is covered from the start, approximately.
    pub fn locate_highlight(&self, start: &Anchor, h: &Highlight) -> Landed {
        let at = match self.locator.locate(start) {
            Resolution::Exact { block, offset } => ((block as usize, offset as usize), true),
            Resolution::Approximate { block, offset } => ((block as usize, offset as usize), false),
            Resolution::SectionStart { .. } | Resolution::Orphaned => return Landed::Orphaned,
        };
        let (start_at, start_exact) = at;
        let end = match self.locator.locate(&h.end) {
            Resolution::Exact { block, offset } => {
                Some(((block as usize, offset as usize + h.end.exact.len()), true))
            }
            Resolution::Approximate { block, offset } => {
                Some(((block as usize, offset as usize + h.end.exact.len()), false))
            }
            _ => None,
        }
        .filter(|(e, _)| *e > start_at);
        if let Some((end_at, end_exact)) = end {
            Landed::Found {
                start: start_at,
                end: clamp(self.paper, end_at),
                exact: start_exact && end_exact,
            }
        } else {
            let first = h.quote.split("\n\n").next().unwrap_or("");
            let text = &self.paper.blocks[start_at.0].text;
            Landed::Found {
                start: start_at,
                end: clamp(
                    self.paper,
                    (start_at.0, (start_at.1 + first.len()).min(text.len())),
                ),
                exact: false,
            }
        }
    }
}

/// Places one mark of `paper` (for many, build a [`PassageLocator`] once).
pub fn locate_mark(paper: &Paper, mark: &Bookmark) -> Landed {
    let sections = block_sections(paper);
    let locator = PassageLocator::new(paper, &sections);
    match &mark.highlight {
        Some(h) => locator.locate_highlight(&mark.anchor, h),
        None => match locator.locate(&mark.anchor) {
            Resolution::Exact { block, offset } | Resolution::Approximate { block, offset } => {
                let at = (block as usize, offset as usize);
                Landed::Found {
                    start: at,
                    end: at,
                    exact: true,
                }
            }
            Resolution::SectionStart { block } => {
                let at = (block as usize, 0);
                Landed::Found {
                    start: at,
                    end: at,
                    exact: false,
                }
            }
            Resolution::Orphaned => Landed::Orphaned,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;

    fn paper(md: &str) -> Paper {
        Paper::parse(md, Origin::Embedded("p.md"), "p")
    }

    const TEXT: &str = "# A\n\nFirst sentence here. The highlighted passage starts in this sentence and goes on.\n\nIt ends in the next paragraph, right here. After it.\n";

    #[test]
    fn a_passage_is_captured_across_blocks_and_found_after_an_edit_above() {
        let before = paper(TEXT);
        let start = (1, before.blocks[1].text.find("The highlighted").unwrap());
        let end = (2, before.blocks[2].text.find(" After").unwrap());
        let c = capture_passage(&before, start, end);
        assert_eq!(
            c.highlight.quote,
            "The highlighted passage starts in this sentence and goes on.\n\nIt ends in the next paragraph, right here."
        );
        assert!(c.highlight.end.exact.ends_with("right here."));
        let after = paper(&format!("# Preface\n\nA new paragraph.\n\n{}", &TEXT[0..]));
        let b = Bookmark {
            id: "h".into(),
            paper: "p".into(),
            kind: crate::store::Kind::Highlight,
            anchor: c.start.clone(),
            highlight: Some(c.highlight.clone()),
            label: c.label.clone(),
            note: None,
            created: 1,
            updated: 1,
        };
        let landed = locate_mark(&after, &b);
        let Landed::Found { start, end, exact } = landed else {
            panic!("lost: {landed:?}")
        };
        assert!(exact);
        assert_eq!(passage_text(&after, start, end), c.highlight.quote);
        assert_eq!(
            landed.range_in(4, after.blocks[4].text.len()),
            Some(0..end.1)
        );
    }

    #[test]
    fn a_passage_edited_away_is_orphaned_and_keeps_its_quote() {
        let before = paper(TEXT);
        let c = capture_passage(&before, (1, 0), (1, 20));
        let gone = paper("# B\n\nCompletely different words fill this paper now, nothing else.\n");
        let sections = block_sections(&gone);
        let locator = PassageLocator::new(&gone, &sections);
        assert_eq!(
            locator.locate_highlight(&c.start, &c.highlight),
            Landed::Orphaned
        );
        assert_eq!(c.highlight.quote, "First sentence here.");
    }
}
