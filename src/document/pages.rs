//! Page labels of papers that have pages (PDFs): which page a place is on, and where a page starts.

use super::Paper;

impl Paper {
    /// The index into [`Paper::pages`] of the page holding byte `byte_offset` of block `block`;
    /// `None` for papers without pages.
    pub fn page_at(&self, block: usize, byte_offset: usize) -> Option<usize> {
        if self.pages.is_empty() {
            return None;
        }
        let after = self
            .page_starts
            .partition_point(|&start| start <= (block, byte_offset));
        Some(after.saturating_sub(1).min(self.pages.len() - 1))
    }

    /// The label of the page holding byte `byte_offset` of block `block` (`"12"`); `None` for
    /// papers without pages.
    pub fn page_label(&self, block: usize, byte_offset: usize) -> Option<&str> {
        self.page_at(block, byte_offset)
            .map(|page| self.pages[page].as_str())
    }

    /// Where the page labelled `label` starts (block index, byte offset), matching labels
    /// case-insensitively.
    pub fn page_start(&self, label: &str) -> Option<(usize, usize)> {
        let page = self
            .pages
            .iter()
            .position(|p| p.eq_ignore_ascii_case(label))?;
        Some(self.page_starts.get(page).copied().unwrap_or((0, 0)))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::document::{Origin, Paper};

    /// A paper of three paragraphs on pages "11", "12" (starting mid-paragraph) and "13".
    pub(crate) fn paged() -> Paper {
        let mut p = Paper::parse(
            "First paragraph.\n\nSecond paragraph, split over a page.\n\nThird.\n",
            Origin::Embedded("paged.md"),
            "paged",
        );
        p.pages = vec!["11".into(), "12".into(), "13".into()];
        p.page_starts = vec![(0, 0), (1, 8), (2, 0)];
        p
    }

    #[test]
    fn places_map_to_their_page_labels() {
        let p = paged();
        assert_eq!(p.page_label(0, 3), Some("11"));
        assert_eq!(p.page_label(1, 7), Some("11"));
        assert_eq!(p.page_label(1, 8), Some("12"));
        assert_eq!(p.page_label(2, 0), Some("13"));
        assert_eq!(p.page_label(9, 0), Some("13"));
        assert_eq!(p.page_start("12"), Some((1, 8)));
        assert_eq!(p.page_start("99"), None);
    }

    #[test]
    fn papers_without_pages_have_no_labels() {
        let p = Paper::parse("Text.\n", Origin::Embedded("a.md"), "a");
        assert_eq!(p.page_label(0, 0), None);
        assert_eq!(p.page_at(0, 0), None);
        assert_eq!(p.page_start("1"), None);
    }
}
