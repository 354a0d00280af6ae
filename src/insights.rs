//! Facts, timeline and glossary of papers: the text detectors of [`crate::facts`] applied to the
//! prose of a library, each result knowing the paper, section and sentence it came from.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::{BlockKind, Paper};
use crate::facts::{self, DateContext, DateSpanValue, FactSpan, PartialDate};
use crate::library::Library;

/// A sentence holding at least one detected figure or date.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Paper index in the library.
    pub paper: usize,
    /// Block index in the paper.
    pub block: usize,
    /// The sentence's byte range in the block's text.
    pub range: Range<usize>,
    /// The innermost section, if any.
    pub section: Option<usize>,
    /// The sentence as plain text.
    pub text: String,
    /// What was detected; span ranges are relative to `text`.
    pub spans: Vec<FactSpan>,
    /// Ranking score (higher first).
    pub score: f32,
    /// Whether the side panel lists it as a key fact.
    pub key: bool,
    /// Where it sits on the timeline (its start), if it is a dated event, and its label.
    pub date: Option<DateSpanValue>,
}

impl Fact {
    /// The byte ranges of its spans in the block's text, for highlighting in the reader.
    pub fn block_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.spans
            .iter()
            .map(|s| self.range.start + s.range.start..self.range.start + s.range.end)
    }
}

/// Headings under which a paper lists sources, not facts.
const REFERENCE_SECTIONS: &[&str] = &[
    "references",
    "bibliography",
    "sources",
    "works cited",
    "notes",
    "endnotes",
    "footnotes",
    "citations",
    "further reading",
];

/// Whether `block` of `paper` is prose whose sentences may hold facts: paragraphs and list items
/// outside footnotes, code, tables and reference lists.
fn is_fact_prose(paper: &Paper, block: usize) -> bool {
    let b = &paper.blocks[block];
    if !matches!(b.kind, BlockKind::Paragraph) || b.in_footnote {
        return false;
    }
    let mut section = b.section;
    while let Some(s) = section {
        let title = paper.sections[s].title.trim().to_lowercase();
        if REFERENCE_SECTIONS.contains(&title.as_str()) {
            return false;
        }
        section = paper.sections[s].parent;
    }
    true
}

/// The date context of a paper: its publication date, when the front matter gives one.
pub fn date_context(paper: &Paper) -> DateContext {
    DateContext {
        published: paper.meta.published.as_deref().and_then(PartialDate::parse),
    }
}

/// Every sentence of `paper` with a detected span, in reading order.
pub fn paper_facts(paper: &Paper, index: usize) -> Vec<Fact> {
    let ctx = date_context(paper);
    let mut out = Vec::new();
    for (block_index, block) in paper.blocks.iter().enumerate() {
        if !is_fact_prose(paper, block_index) {
            continue;
        }
        for range in facts::sentences(&block.text) {
            let sentence = &block.text[range.clone()];
            let spans = facts::detect(sentence, &ctx);
            if spans.is_empty() {
                continue;
            }
            out.push(Fact {
                paper: index,
                block: block_index,
                section: block.section,
                text: sentence.to_owned(),
                score: facts::fact_score(&spans),
                key: facts::is_key_fact(&spans),
                date: facts::timeline_date(&spans),
                range,
                spans,
            });
        }
    }
    out
}

/// The key facts among `all`, best first (ties in reading order).
pub fn key_facts(all: &[Fact]) -> Vec<&Fact> {
    key_fact_indices(all).into_iter().map(|i| &all[i]).collect()
}

/// Where the key facts are in `all`, best first (ties in reading order).
pub fn key_fact_indices(all: &[Fact]) -> Vec<usize> {
    let mut key: Vec<usize> = (0..all.len()).filter(|&i| all[i].key).collect();
    key.sort_by(|&a, &b| {
        let (a, b) = (&all[a], &all[b]);
        b.score
            .total_cmp(&a.score)
            .then((a.paper, a.block, a.range.start).cmp(&(b.paper, b.block, b.range.start)))
    });
    key
}

/// Dated facts of every paper, oldest first (ties in library order).
pub fn timeline<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> Vec<&'a Fact> {
    let mut dated: Vec<&Fact> = facts.into_iter().filter(|f| f.date.is_some()).collect();
    dated.sort_by_key(|f| timeline_key(f));
    dated
}

/// Where a fact sorts on the timeline: by its date's start, then in library order.
pub fn timeline_key(fact: &Fact) -> (Option<PartialDate>, usize, usize, usize) {
    (
        fact.date.map(|d| d.sort_key()),
        fact.paper,
        fact.block,
        fact.range.start,
    )
}

/// Where a glossary entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Defined in a paper's text.
    Text,
    /// From dossier's built-in list of common acronyms.
    Builtin,
}

/// An acronym and its expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The acronym.
    pub short: String,
    /// What it stands for.
    pub long: String,
    /// Defined in the text or built in.
    pub source: Source,
    /// The paper that defines it (or first uses it).
    pub paper: usize,
    /// The block of the definition (or first use), and its byte offset there.
    pub place: (usize, usize),
    /// How often the acronym appears across the library.
    pub count: usize,
}

/// The glossary of a library: acronyms defined in the text (Schwartz & Hearst), then built-in
/// ones the papers use without defining; sorted by acronym.
pub fn glossary(library: &Library) -> Vec<Term> {
    // Each paper is scanned on its own (on all cores); the results merge in library order.
    let scans = library.map_papers(scan_acronyms);
    merge_glossary(&scans.iter().collect::<Vec<_>>())
}

/// The glossary of papers scanned one by one ([`scan_acronyms`]), in library order: what
/// [`glossary`] builds, for a caller that keeps each paper's scan and rescans only the papers
/// that changed.
pub fn merge_glossary(scans: &[&AcronymScan]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    let mut known: HashMap<String, usize> = HashMap::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut first_use: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (p, scan) in scans.iter().enumerate() {
        for (token, &(count, b, offset)) in &scan.uses {
            *counts.entry(token.clone()).or_default() += count;
            first_use.entry(token).or_insert((p, b, offset));
        }
        for (acronym, b, offset) in &scan.definitions {
            let (b, offset) = (*b, *offset);
            if known.contains_key(&acronym.short) {
                continue;
            }
            known.insert(acronym.short.clone(), terms.len());
            terms.push(Term {
                short: acronym.short.clone(),
                long: acronym.long.clone(),
                source: Source::Text,
                paper: p,
                place: (b, offset),
                count: 0,
            });
        }
    }
    for entry in facts::builtin_glossary() {
        if known.contains_key(&entry.short) {
            continue;
        }
        if let Some(&(p, b, offset)) = first_use.get(entry.short.as_str()) {
            known.insert(entry.short.clone(), terms.len());
            terms.push(Term {
                short: entry.short.clone(),
                long: entry.long.clone(),
                source: Source::Builtin,
                paper: p,
                place: (b, offset),
                count: 0,
            });
        }
    }
    for term in &mut terms {
        term.count = counts.get(&term.short).copied().unwrap_or(0);
    }
    terms.sort_by(|a, b| {
        a.short
            .to_lowercase()
            .cmp(&b.short.to_lowercase())
            .then(a.short.cmp(&b.short))
    });
    terms
}

/// What one paper says about acronyms: its part of the glossary.
#[derive(Debug, Default)]
pub struct AcronymScan {
    /// Definitions in reading order, with block and byte offset.
    definitions: Vec<(facts::Acronym, usize, usize)>,
    /// Acronym-like token → (uses, block and offset of the first use).
    uses: HashMap<String, (usize, usize, usize)>,
}

/// Paper `p`'s acronyms: definitions and uses.
pub fn scan_acronyms(library: &Library, p: usize) -> AcronymScan {
    let mut scan = AcronymScan::default();
    for (b, block) in library.papers[p].blocks.iter().enumerate() {
        if block.is_prose() {
            for (offset, token) in acronym_tokens(&block.text) {
                scan.uses
                    .entry(token.to_owned())
                    .or_insert((0, b, offset))
                    .0 += 1;
            }
        }
        // Definitions in paragraphs, list items, headings and table cells ("endpoint detection
        // and response (EDR)" in a techniques table).
        let texts: Vec<&str> = match &block.kind {
            BlockKind::Paragraph | BlockKind::Heading { .. } if !block.in_footnote => {
                vec![block.text.as_str()]
            }
            BlockKind::Table(t) => t.rows.iter().flatten().map(|c| c.text.as_str()).collect(),
            _ => Vec::new(),
        };
        for text in texts {
            for acronym in facts::find_acronyms(text) {
                let offset = block.text.find(&acronym.long).unwrap_or(0);
                scan.definitions.push((acronym, b, offset));
            }
        }
    }
    scan
}

/// Tokens that look like acronyms (two or more capitals, dots allowed: `RGB`, `U.S.`, `WMDs`),
/// with their byte offsets.
fn acronym_tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '&' || c == '-'))
        .map(move |piece| {
            let at = start;
            // Skip the piece and the separator after it, which may be several bytes long (’).
            start += piece.len();
            start += text[start..].chars().next().map_or(0, char::len_utf8);
            (at, piece)
        })
        .flat_map(|(at, piece)| {
            let trimmed = piece.trim_start_matches(['.', '-']);
            let lead = piece.len() - trimmed.len();
            let core = trimmed.trim_end_matches(['-', ',']);
            let without_dot = core.trim_end_matches('.');
            let capitals = core.chars().filter(char::is_ascii_uppercase).count();
            let looks =
                capitals >= 2 && core.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let mut found = Vec::new();
            if looks {
                found.push((at + lead, core));
                if without_dot.len() != core.len() {
                    found.push((at + lead, without_dot));
                }
            }
            found
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(docs: &[&str]) -> Library {
        Library::from_markdown(docs)
    }

    #[test]
    fn code_footnotes_tables_and_references_hold_no_facts() {
        let lib = library(&[
            "# Body\n\nThey stole $5 million in 2021.\n\n```\ncost = $9 million in 2019\n```\n\n| a | $3 million |\n|---|---|\n| 2018 | x |\n\nNote[^1].\n\n[^1]: Report of $7 million, 2017.\n\n# References\n\nSmith (2015). A report on $2 billion.\n",
        ]);
        let facts = paper_facts(&lib.papers[0], 0);
        assert_eq!(facts.len(), 1, "{facts:#?}");
        assert_eq!(facts[0].text, "They stole $5 million in 2021.");
        let ranges: Vec<&str> = facts[0]
            .block_ranges()
            .map(|r| &lib.papers[0].blocks[facts[0].block].text[r])
            .collect();
        assert_eq!(ranges, ["$5 million", "2021"]);
    }

    #[test]
    fn the_timeline_orders_the_shipped_papers_dated_facts() {
        let lib = Library::shipped();
        let all: Vec<Fact> = lib
            .papers
            .iter()
            .enumerate()
            .flat_map(|(i, p)| paper_facts(p, i))
            .collect();
        let line = timeline(&all);
        let dates: Vec<String> = line.iter().map(|f| f.date.unwrap().start.iso()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        let position = |needle: &str| {
            line.iter()
                .position(|f| f.text.contains(needle))
                .unwrap_or_else(|| panic!("{needle} not on the timeline"))
        };
        let order = [
            "in the 1990s",
            "since the early 2000s",
            "since at least 2004",
            "between 2020 and mid-2021",
            "established in April 2022",
            "On October 18, 2022",
            "In February 2023",
            "April 24, 2023",
        ];
        for pair in order.windows(2) {
            assert!(
                position(pair[0]) < position(pair[1]),
                "{} before {}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn glossary_merges_definitions_and_builtins_with_counts() {
        let lib = Library::shipped();
        let terms = glossary(&lib);
        let find = |s: &str| {
            terms
                .iter()
                .find(|t| t.short == s)
                .unwrap_or_else(|| panic!("{s} missing"))
        };
        let rgb = find("RGB");
        assert_eq!(
            (rgb.long.as_str(), rgb.source),
            ("Reconnaissance General Bureau", Source::Text)
        );
        assert_eq!(find("CDP").long, "Cyberspace and Digital Policy");
        let fbi = find("FBI");
        assert_eq!(fbi.source, Source::Builtin);
        assert_eq!(fbi.count, 1);
        assert!(find("U.S.").count >= 5);
        assert!(
            terms.iter().all(|t| t.count > 0),
            "only acronyms the papers use"
        );
        let text = &lib.papers[rgb.paper].blocks[rgb.place.0].text;
        assert!(text[rgb.place.1..].starts_with("Reconnaissance General Bureau"));
    }

    #[test]
    fn glossary_reads_tables_lists_and_headings() {
        let lib = library(&[include_str!("../tests/fixtures/glossary/attack-group.md")]);
        let terms = glossary(&lib);
        let long = |s: &str| {
            terms
                .iter()
                .find(|t| t.short == s && t.source == Source::Text)
                .map(|t| t.long.as_str())
        };
        assert_eq!(long("EDR"), Some("endpoint detection and response"));
        assert_eq!(long("AV"), Some("anti-virus"));
        assert_eq!(long("MOTW"), Some("Mark-of-the-Web"));
        assert_eq!(long("NGOs"), Some("non-governmental organizations"));
        assert_eq!(long("RAT"), Some("remote access trojan"));
        assert_eq!(long("IOCs"), Some("Indicators of Compromise"));
        for t in terms.iter().filter(|t| t.source == Source::Text) {
            let text = &lib.papers[t.paper].blocks[t.place.0].text;
            assert!(text[t.place.1..].starts_with(&t.long), "{t:?}");
        }
    }

    #[test]
    fn glossary_places_count_multibyte_separators() {
        // Found by the `facts` fuzz target: offsets after a `’` (3 bytes) were off by two.
        let lib = library(&["North Korea’s hackers evaded the FBI and the CIA’s analysts.\n"]);
        let terms = glossary(&lib);
        for short in ["FBI", "CIA"] {
            let term = terms.iter().find(|t| t.short == short).unwrap();
            let text = &lib.papers[term.paper].blocks[term.place.0].text;
            assert!(text[term.place.1..].starts_with(short), "{short}: {term:?}");
        }
        let lossy = library(&["\u{fffd}US"]);
        for term in glossary(&lossy) {
            let text = &lossy.papers[term.paper].blocks[term.place.0].text;
            assert!(text.is_char_boundary(term.place.1), "{term:?}");
        }
    }
}
