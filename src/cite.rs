//! Citations of quoted passages: the passage, its in-text citation and its reference list entry
//! in the configured CSL style, and the Pandoc citation `[@key, p. 12]` exports use.

use crate::bib::{CitationStyle, Cite, Reference};

/// A passage in quotation marks with its in-text citation (the page as locator), then a blank
/// line and the reference list entry: what `y` copies.
pub fn quote(
    text: &str,
    reference: &Reference,
    page: Option<&str>,
    style: &CitationStyle,
) -> String {
    let formatted = style.format(&[Cite { reference, page }]);
    let cite = formatted.citations.first().map_or("", String::as_str);
    let text = paragraphs(text);
    let mut out = format!("“{text}” {cite}");
    for entry in &formatted.bibliography {
        out.push_str("\n\n");
        out.push_str(entry);
    }
    out
}

/// The reference list entry alone (for a glossary term, which quotes no passage).
pub fn reference(reference: &Reference, style: &CitationStyle) -> String {
    style.bibliography(&[reference]).join("\n")
}

/// A Pandoc citation: `[@kim2023north, p. 12]`, or `[@kim2023north]` without a page.
pub fn pandoc(reference: &Reference, page: Option<&str>) -> String {
    match page {
        Some(page) => format!("[@{}, p. {page}]", reference.key),
        None => format!("[@{}]", reference.key),
    }
}

/// Whitespace collapsed within paragraphs; paragraphs (blank-line separated) kept apart.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::Catalog;
    use crate::library::Library;

    #[test]
    fn a_quote_carries_its_chicago_citation_and_reference() {
        let lib = Library::shipped();
        let catalog = Catalog::new(&lib.papers);
        let style = CitationStyle::builtin("chicago-author-date").unwrap();
        let r = catalog.get(&lib.papers[0].id).unwrap();
        let q = quote("a  b\nc", r, Some("12"), &style);
        let mut lines = q.lines();
        assert_eq!(
            lines.next(),
            Some(
                "“a b c” (North Korea’s Illicit Cyber Activities and the ROK Government’s Response 2023, 12)"
            )
        );
        assert_eq!(lines.next(), Some(""));
        assert!(
            lines
                .next()
                .unwrap()
                .contains("North Korea’s Illicit Cyber Activities")
        );
        assert_eq!(pandoc(r, Some("12")), "[@ifans2023north, p. 12]");
        assert_eq!(pandoc(r, None), "[@ifans2023north]");
    }
}
