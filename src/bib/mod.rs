//! Bibliographic data of papers: records, citekeys, CSL citation styles (through hayagriva) and
//! the BibTeX, BibLaTeX, RIS and CSL-JSON exports.

mod citekey;
mod export;
mod names;
mod record;
mod render;
mod style;

pub use citekey::{base_key, dedupe, fold};
pub use export::{Format, export};
pub use names::{Name, parse_authors, parse_name};
pub use record::{Reference, parse_date};
pub use render::{Cite, Formatted};
pub use style::{CitationStyle, DEFAULT_STYLE, STYLE_NAMES, StyleError};

use crate::document::Paper;
use std::borrow::Borrow;

/// The references of a set of papers, with citekeys unique among them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// One reference per paper, in the papers' order.
    pub references: Vec<Reference>,
}

impl Catalog {
    /// Builds the references of `papers`; clashing keys are told apart in the papers' id order
    /// (so adding a paper that sorts later never changes an existing key).
    pub fn new<P: std::borrow::Borrow<Paper>>(papers: &[P]) -> Catalog {
        let papers: Vec<&Paper> = papers.iter().map(Borrow::borrow).collect();
        let mut order: Vec<usize> = (0..papers.len()).collect();
        order.sort_by(|&a, &b| papers[a].id.cmp(&papers[b].id).then(a.cmp(&b)));
        let mut keys: Vec<String> = order
            .iter()
            .map(|&i| {
                let p = papers[i];
                let authors = p
                    .meta
                    .author
                    .as_deref()
                    .map(parse_authors)
                    .unwrap_or_default();
                let year = p
                    .meta
                    .published
                    .as_deref()
                    .and_then(parse_date)
                    .map(|d| d.0);
                base_key(
                    &authors,
                    p.meta.publisher.as_deref(),
                    year,
                    &p.meta.title,
                    &p.id,
                )
            })
            .collect();
        dedupe(&mut keys);
        let mut by_paper = vec![String::new(); papers.len()];
        for (key, &i) in keys.into_iter().zip(&order) {
            by_paper[i] = key;
        }
        Catalog {
            references: papers
                .iter()
                .zip(by_paper)
                .map(|(&p, key)| Reference::of(p, key))
                .collect(),
        }
    }

    /// The reference of the paper with id `paper`.
    pub fn get(&self, paper: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.paper == paper)
    }
}
