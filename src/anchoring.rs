//! Bookmark anchors on real papers: capturing an anchor at a place and finding it again.

use crate::document::Paper;
use crate::store::{Anchor, AnchorBlock, Resolution, resolve};

/// The slug path of the section holding each block (empty before the first heading).
pub fn block_sections(paper: &Paper) -> Vec<Vec<String>> {
    let paths: Vec<Vec<String>> = (0..paper.sections.len())
        .map(|s| paper.slug_path(s))
        .collect();
    paper
        .blocks
        .iter()
        .map(|b| b.section.map(|s| paths[s].clone()).unwrap_or_default())
        .collect()
}

/// An anchor at byte `offset` of block `block`.
pub fn capture(paper: &Paper, block: usize, offset: usize) -> Anchor {
    let section = paper
        .blocks
        .get(block)
        .and_then(|b| b.section)
        .map(|s| paper.slug_path(s))
        .unwrap_or_default();
    let text = paper.blocks.get(block).map_or("", |b| b.text.as_str());
    Anchor::capture(&paper.id, &section, block as u32, text, offset)
}

/// An anchor at the start of a section.
pub fn capture_section(paper: &Paper, section: usize) -> Option<Anchor> {
    Some(capture(paper, paper.sections.get(section)?.block, 0))
}

/// Finds anchors in a paper: built once per paper, then cheap per anchor.
pub struct Locator<'a> {
    blocks: Vec<AnchorBlock<'a>>,
}

impl<'a> Locator<'a> {
    /// Prepares to resolve anchors in `paper`; `sections` comes from [`block_sections`].
    pub fn new(paper: &'a Paper, sections: &'a [Vec<String>]) -> Self {
        let blocks = paper
            .blocks
            .iter()
            .zip(sections)
            .map(|(b, s)| AnchorBlock {
                section: s,
                text: &b.text,
            })
            .collect();
        Locator { blocks }
    }

    /// Where `anchor` lands in the paper now.
    pub fn locate(&self, anchor: &Anchor) -> Resolution {
        resolve(anchor, &self.blocks)
    }
}

/// Resolves one anchor in `paper` (for many anchors, build a [`Locator`] once).
pub fn locate(paper: &Paper, anchor: &Anchor) -> Resolution {
    let sections = block_sections(paper);
    Locator::new(paper, &sections).locate(anchor)
}

/// A short label for a place: the words of the block starting at `offset`, about 60 columns.
pub fn label_at(paper: &Paper, block: usize, offset: usize) -> String {
    let Some(b) = paper.blocks.get(block) else {
        return paper.meta.title.clone();
    };
    let mut start = offset.min(b.text.len());
    while !b.text.is_char_boundary(start) {
        start -= 1;
    }
    let mut label = String::new();
    for word in b.text[start..].split_whitespace() {
        if !label.is_empty() && label.chars().count() + word.chars().count() > 60 {
            label.push('…');
            break;
        }
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(word);
    }
    if label.is_empty() {
        paper.meta.title.clone()
    } else {
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;

    fn paper(md: &str) -> Paper {
        Paper::parse(md, Origin::Embedded("p.md"), "p")
    }

    #[test]
    fn an_anchor_finds_its_passage_after_an_edit_above_it() {
        let before = paper(
            "# A\n\nFirst paragraph.\n\n# B\n\nThe passage that was bookmarked, with words.\n",
        );
        let anchor = capture(&before, 3, 4);
        assert_eq!(anchor.section, ["b"]);
        let after = paper(
            "# New\n\nInserted.\n\n# A\n\nFirst paragraph.\n\n# B\n\nThe passage that was bookmarked, with words.\n",
        );
        assert_eq!(
            locate(&after, &anchor),
            Resolution::Exact {
                block: 5,
                offset: 4
            }
        );
    }

    #[test]
    fn a_removed_passage_is_orphaned_or_falls_back_to_its_section() {
        let before = paper(
            "# A\n\nText one here that is long enough.\n\n# B\n\nThe passage that was bookmarked, with words.\n",
        );
        let anchor = capture(&before, 3, 0);
        let section_kept = paper(
            "# A\n\nText one here that is long enough.\n\n# B\n\nSomething entirely different now.\n",
        );
        assert_eq!(
            locate(&section_kept, &anchor),
            Resolution::SectionStart { block: 2 }
        );
        let gone = paper("# A\n\nText one here that is long enough.\n");
        assert_eq!(locate(&gone, &anchor), Resolution::Orphaned);
    }

    #[test]
    fn labels_are_short_and_start_at_the_place() {
        let p = paper(
            "A sentence that goes on and on and on for a long while, longer than sixty columns of text.\n",
        );
        let label = label_at(&p, 0, 2);
        assert!(label.starts_with("sentence that goes"));
        assert!(
            label.ends_with('…') && label.chars().count() <= 62,
            "{label}"
        );
    }
}
