//! Formatting citations and reference lists with hayagriva, the CSL processor Typst uses.

use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    ElemChildren, LocatorPayload, SpecificLocator,
};

use super::record::Reference;
use super::style::CitationStyle;

/// One citation to format: a reference and, optionally, the page it points at.
#[derive(Debug, Clone, Copy)]
pub struct Cite<'a> {
    /// What is cited.
    pub reference: &'a Reference,
    /// Page label (`"12"`), as the locator.
    pub page: Option<&'a str>,
}

/// Formatted citations, in the order asked, and the reference list of everything cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// One in-text citation per [`Cite`]: `(Kim 2023, 12)`, `[1, p. 12]`.
    pub citations: Vec<String>,
    /// Reference list entries, sorted as the style says.
    pub bibliography: Vec<String>,
}

impl CitationStyle {
    /// Formats `cites` one after another (as one document would cite them, so numeric styles
    /// number in that order) and the reference list of every reference cited.
    pub fn format(&self, cites: &[Cite<'_>]) -> Formatted {
        // One item per reference, however often it is cited: processors tell entries apart
        // by identity, and numeric styles must give a reference one number.
        let mut keys: Vec<&str> = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        for c in cites {
            if !keys.contains(&c.reference.key.as_str()) {
                keys.push(&c.reference.key);
                items.push(item(c.reference));
            }
        }
        let mut driver = BibliographyDriver::new();
        for cite in cites {
            let at = keys
                .iter()
                .position(|k| *k == cite.reference.key)
                .expect("every cited key has an item");
            let item = &items[at];
            let locator = cite
                .page
                .map(|p| SpecificLocator(Locator::Page, LocatorPayload::Str(p)));
            let items = vec![CitationItem::new(item, locator, None, false, None)];
            driver.citation(CitationRequest::from_items(
                items,
                &self.style,
                &self.locales,
            ));
        }
        let rendered = driver.finish(BibliographyRequest {
            style: &self.style,
            locale: None,
            locale_files: &self.locales,
        });
        Formatted {
            citations: rendered
                .citations
                .iter()
                .map(|c| plain(&c.citation))
                .collect(),
            bibliography: rendered
                .bibliography
                .map(|b| {
                    b.items
                        .iter()
                        .map(|i| {
                            let mut text = String::new();
                            if let Some(first) = &i.first_field {
                                let mut field = String::new();
                                let _ = first.write_buf(&mut field, BufWriteFormat::Plain);
                                text.push_str(&field);
                                text.push(' ');
                            }
                            text.push_str(&plain(&i.content));
                            text
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// One in-text citation of `reference` at `page`.
    pub fn cite(&self, reference: &Reference, page: Option<&str>) -> String {
        self.format(&[Cite { reference, page }])
            .citations
            .pop()
            .unwrap_or_default()
    }

    /// The reference list entries of `references` in the style's order.
    pub fn bibliography(&self, references: &[&Reference]) -> Vec<String> {
        let cites: Vec<Cite<'_>> = references
            .iter()
            .map(|r| Cite {
                reference: r,
                page: None,
            })
            .collect();
        self.format(&cites).bibliography
    }
}

/// The CSL-JSON item hayagriva formats (the same JSON `dossier cite --format csl-json` prints).
fn item(reference: &Reference) -> Item {
    serde_json::from_value(reference.to_csl_json()).expect("our CSL-JSON is always well-formed")
}

/// Plain text with runs of whitespace collapsed, as a reader pastes it.
fn plain(children: &ElemChildren) -> String {
    let mut text = String::new();
    let _ = children.write_buf(&mut text, BufWriteFormat::Plain);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
