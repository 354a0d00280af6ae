//! A paper's bibliographic record (title, authors, publisher, date, URL, pages) and its CSL-JSON.

use serde_json::{Map, Value, json};

use super::names::{Name, parse_authors};
use crate::document::{Origin, Paper};

/// What a bibliography knows about one paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The citekey (`kim2023north`), unique within a [`Catalog`](super::Catalog).
    pub key: String,
    /// Id of the paper.
    pub paper: String,
    /// Title: front matter, else the first heading, else the file name.
    pub title: String,
    /// Authors in order (empty when unknown).
    pub authors: Vec<Name>,
    /// Publisher or issuing organisation.
    pub publisher: Option<String>,
    /// Year, month and day as far as known.
    pub date: Option<(i32, Option<u8>, Option<u8>)>,
    /// A web address the paper came from.
    pub url: Option<String>,
    /// Number of pages, for papers with pages.
    pub pages: Option<usize>,
    /// The file it was read from (used for the title when nothing else names it).
    pub file: Option<String>,
    /// The day a web page was read, for the citation's "accessed" date.
    pub accessed: Option<(i32, Option<u8>, Option<u8>)>,
}

impl Reference {
    /// The record of `paper`, with `key` as its citekey.
    pub fn of(paper: &Paper, key: String) -> Reference {
        let meta = &paper.meta;
        let url = [meta.source.as_deref(), meta.attribution.as_deref()]
            .into_iter()
            .flatten()
            .find_map(first_url);
        Reference {
            key,
            paper: paper.id.clone(),
            title: meta.title.clone(),
            authors: meta
                .author
                .as_deref()
                .map(parse_authors)
                .unwrap_or_default(),
            publisher: meta.publisher.clone(),
            date: meta.published.as_deref().and_then(parse_date),
            url,
            pages: (!paper.pages.is_empty()).then_some(paper.pages.len()),
            file: match &paper.origin {
                Origin::File(path) => Some(path.display().to_string()),
                Origin::Embedded(name) => Some(format!("content/{name}")),
                Origin::Web(_) => None,
            },
            accessed: meta.accessed.as_deref().and_then(parse_date),
        }
    }

    /// The year, if known.
    pub fn year(&self) -> Option<i32> {
        self.date.map(|d| d.0)
    }

    /// Whether the paper is a page read on the web (fetched, or saved with its address): it is
    /// cited with the URL and the day it was read.
    pub fn is_web_page(&self) -> bool {
        self.accessed.is_some() && self.url.is_some()
    }

    /// The CSL type: a `webpage` for a page read on the web, a `report` when an organisation
    /// issued it, else a generic `document`.
    pub fn csl_type(&self) -> &'static str {
        if self.is_web_page() {
            "webpage"
        } else if self.publisher.is_some() {
            "report"
        } else {
            "document"
        }
    }

    /// The record as one CSL-JSON item (the input of every CSL processor).
    pub fn to_csl_json(&self) -> Value {
        let mut item = Map::new();
        item.insert("id".into(), json!(self.key));
        item.insert("type".into(), json!(self.csl_type()));
        item.insert("title".into(), json!(self.title));
        if !self.authors.is_empty() {
            item.insert("author".into(), json!(self.authors));
        }
        if let Some(publisher) = &self.publisher {
            item.insert("publisher".into(), json!(publisher));
        }
        for (key, date) in [("issued", self.date), ("accessed", self.accessed)] {
            if let Some((y, m, d)) = date {
                let parts: Vec<i32> = [Some(y), m.map(i32::from), d.map(i32::from)]
                    .into_iter()
                    .map_while(|p| p)
                    .collect();
                item.insert(key.into(), json!({ "date-parts": [parts] }));
            }
        }
        if let Some(url) = &self.url {
            item.insert("URL".into(), json!(url));
        }
        if let Some(pages) = self.pages {
            item.insert("number-of-pages".into(), json!(pages.to_string()));
        }
        Value::Object(item)
    }
}

/// `2022-10-31`, `2022-10`, `2022` (anything after a leading year is read as far as it parses).
pub fn parse_date(text: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
    let mut parts = text.trim().splitn(3, '-');
    let year_text = parts.next()?;
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = year_text.parse().ok()?;
    let month = parts
        .next()
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    let day = month.and(
        parts
            .next()
            .and_then(|d| d.get(..2).unwrap_or(d).parse::<u8>().ok())
            .filter(|d| (1..=31).contains(d)),
    );
    Some((year, month, day))
}

/// The first `http(s)://` address in `text`.
fn first_url(text: &str) -> Option<String> {
    let start = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '>' | ')' | '<'))
        .collect();
    Some(url.trim_end_matches(['.', ',', ';']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_as_far_as_written() {
        assert_eq!(parse_date("2022-10-31"), Some((2022, Some(10), Some(31))));
        assert_eq!(parse_date("2022-10"), Some((2022, Some(10), None)));
        assert_eq!(parse_date("2023"), Some((2023, None, None)));
        assert_eq!(parse_date("2022-13-01"), Some((2022, None, None)));
        assert_eq!(parse_date("spring"), None);
    }

    #[test]
    fn a_paper_without_metadata_has_its_title_and_nothing_else() {
        let p = Paper::parse(
            "Just text.\n",
            Origin::Embedded("field-notes.md"),
            "field-notes",
        );
        let r = Reference::of(&p, "fieldnotes".into());
        assert_eq!(r.title, "field-notes");
        let csl = r.to_csl_json();
        assert_eq!(
            csl,
            json!({"id": "fieldnotes", "type": "document", "title": "field-notes"})
        );
    }

    #[test]
    fn csl_json_carries_every_known_field() {
        let mut p = Paper::parse(
            "---\ntitle: North Winds\nauthor: Kim Jong-un\npublisher: IFANS\npublished: 2023-04\nsource: \"from https://example.org/p.pdf.\"\n---\nText.\n",
            Origin::Embedded("n.md"),
            "n",
        );
        p.pages = vec!["1".into(), "2".into()];
        p.page_breaks = vec![
            crate::document::PageBreak {
                block: 0,
                offset: 0,
                page: 0,
            },
            crate::document::PageBreak {
                block: 0,
                offset: 2,
                page: 1,
            },
        ];
        let csl = Reference::of(&p, "kim2023north".into()).to_csl_json();
        assert_eq!(
            csl,
            json!({"id": "kim2023north", "type": "report", "title": "North Winds",
                   "author": [{"family": "Kim", "given": "Jong-un"}], "publisher": "IFANS",
                   "issued": {"date-parts": [[2023, 4]]}, "URL": "https://example.org/p.pdf",
                   "number-of-pages": "2"})
        );
    }
}
