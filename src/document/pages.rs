//! Test papers with pages, shared by the modules that cite and locate by page.

#[cfg(test)]
pub(crate) mod tests {
    use crate::document::{Origin, Paper};

    /// A paper of three paragraphs on pages "11", "12" (starting mid-paragraph) and "13".
    pub(crate) fn paged() -> Paper {
        Paper::parse(
            "<!-- page: 11 -->\n\nFirst paragraph.\n\nSecond p<!-- page: 12 -->aragraph, split over a page.\n\n<!-- page: 13 -->\n\nThird.\n",
            Origin::Embedded("paged.md"),
            "paged",
        )
    }

    #[test]
    fn places_map_to_their_page_labels() {
        let p = paged();
        assert_eq!(p.blocks[1].text, "Second paragraph, split over a page.");
        assert_eq!(p.page_label(0, 3), Some("11"));
        assert_eq!(p.page_label(1, 7), Some("11"));
        assert_eq!(p.page_label(1, 8), Some("12"));
        assert_eq!(p.page_label(2, 0), Some("13"));
        assert_eq!(p.page_label(9, 0), Some("13"));
        assert_eq!(
            p.find_page("12").and_then(|i| p.page_start(i)),
            Some((1, 8))
        );
        assert_eq!(p.find_page("99"), None);
    }

    #[test]
    fn papers_without_pages_have_no_labels() {
        let p = Paper::parse("Text.\n", Origin::Embedded("a.md"), "a");
        assert_eq!(p.page_label(0, 0), None);
        assert_eq!(p.page_at(0, 0), None);
        assert_eq!(p.find_page("1"), None);
    }
}
