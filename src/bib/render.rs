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
        let titles: Vec<&str> = cites.iter().map(|c| c.reference.title.as_str()).collect();
        let restore = |text: String| restore_capitals(&text, &titles);
        Formatted {
            citations: rendered
                .citations
                .iter()
                .map(|c| restore(plain(&c.citation)))
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
                            restore(text)
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

/// Words the titles write with more than one capital (`DPRK’s`, `WordPress`, `ReactJS`) put
/// back as written where a style's title or sentence case changed them (`Dprk’s`,
/// `Wordpress`): CSL leaves mixed-case words alone, hayagriva does not.
fn restore_capitals(text: &str, titles: &[&str]) -> String {
    let mixed: Vec<&str> = titles
        .iter()
        .flat_map(|t| t.split(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"')))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_uppercase()).count() > 1)
        .collect();
    if mixed.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, chunk) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if chunk.contains(['/', '@']) {
            // An address is never recased.
            out.push_str(chunk);
            continue;
        }
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let original = mixed
                .iter()
                .find(|m| **m != word.as_str() && m.to_lowercase() == word.to_lowercase());
            out.push_str(original.copied().unwrap_or(word.as_str()));
            word.clear();
        };
        for c in chunk.chars() {
            if c.is_alphanumeric() || matches!(c, '’' | '\'' | '-') {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
    }
    out
}

/// Plain text with runs of whitespace collapsed, as a reader pastes it.
fn plain(children: &ElemChildren) -> String {
    let mut text = String::new();
    let _ = children.write_buf(&mut text, BufWriteFormat::Plain);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::restore_capitals;

    #[test]
    fn mixed_case_words_of_the_title_are_put_back_but_addresses_are_left() {
        let titles = ["DPRK’s Illicit Cyber Activities and ROK’s Responses on WordPress"];
        assert_eq!(
            restore_capitals(
                "Dprk’s Illicit Cyber Activities and Rok’s Responses on Wordpress. https://h.example/wordpress/dprk’s",
                &titles
            ),
            "DPRK’s Illicit Cyber Activities and ROK’s Responses on WordPress. https://h.example/wordpress/dprk’s"
        );
        assert_eq!(restore_capitals("Kim 2023, 12", &titles), "Kim 2023, 12");
    }
}
