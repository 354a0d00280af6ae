//! What the finder searches: the library's headings, sentences and table rows, its key facts,
//! glossary terms and bookmarks, as search candidates that know where to jump.

use crate::document::BlockKind;
use crate::facts;
use crate::insights::{Fact, Term};
use crate::library::Library;
use crate::search::{Candidate, CandidateKind};

/// A bookmark as the finder shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookmarkEntry {
    /// Paper index.
    pub paper: usize,
    /// Block and byte offset it lands at.
    pub block: usize,
    /// Byte offset in the block.
    pub offset: usize,
    /// Label and note, as searched and shown.
    pub text: String,
}

/// Headings, sentences and table rows of every paper, in reading order.
pub fn text_candidates(library: &Library) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (p, paper) in library.papers.iter().enumerate() {
        for (b, block) in paper.blocks.iter().enumerate() {
            let section = block.section.map(|s| s as u32);
            let mut push = |kind, text: &str, offset: usize| {
                let text = text.trim();
                if !text.is_empty() {
                    out.push(Candidate {
                        kind,
                        text: text.to_owned(),
                        paper: p as u32,
                        section,
                        block: b as u32,
                        offset: offset as u32,
                        target: 0,
                    });
                }
            };
            match &block.kind {
                BlockKind::Heading { .. } => push(CandidateKind::Heading, &block.text, 0),
                BlockKind::Paragraph => {
                    for range in facts::sentences(&block.text) {
                        push(
                            CandidateKind::Sentence,
                            &block.text[range.clone()],
                            range.start,
                        );
                    }
                }
                BlockKind::Table(_) => {
                    let mut offset = 0;
                    for row in block.text.split('\n') {
                        push(CandidateKind::Sentence, row, offset);
                        offset += row.len() + 1;
                    }
                }
                BlockKind::Code { .. } | BlockKind::Html | BlockKind::Rule => {}
            }
        }
    }
    out
}

/// Key facts as candidates; `target` is the fact's index in `facts`.
pub fn fact_candidates(facts: &[Fact]) -> Vec<Candidate> {
    facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.key)
        .map(|(i, f)| Candidate {
            kind: CandidateKind::Fact,
            text: f.text.clone(),
            paper: f.paper as u32,
            section: f.section.map(|s| s as u32),
            block: f.block as u32,
            offset: f.range.start as u32,
            target: i as u32,
        })
        .collect()
}

/// Glossary terms as `SHORT — long form`; `target` is the term's index.
pub fn term_candidates(library: &Library, terms: &[Term]) -> Vec<Candidate> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| Candidate {
            kind: CandidateKind::Glossary,
            text: format!("{} — {}", t.short, t.long),
            paper: t.paper as u32,
            section: library.papers[t.paper]
                .blocks
                .get(t.place.0)
                .and_then(|b| b.section)
                .map(|s| s as u32),
            block: t.place.0 as u32,
            offset: t.place.1 as u32,
            target: i as u32,
        })
        .collect()
}

/// Bookmarks as candidates; `target` is the entry's index.
pub fn bookmark_candidates(library: &Library, entries: &[BookmarkEntry]) -> Vec<Candidate> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| Candidate {
            kind: CandidateKind::Bookmark,
            text: e.text.clone(),
            paper: e.paper as u32,
            section: library.papers[e.paper]
                .blocks
                .get(e.block)
                .and_then(|b| b.section)
                .map(|s| s as u32),
            block: e.block as u32,
            offset: e.offset as u32,
            target: i as u32,
        })
        .collect()
}

/// Everything but bookmarks (which change while reading and are indexed on their own).
pub fn library_candidates(library: &Library) -> Vec<Candidate> {
    let mut all = text_candidates(library);
    let facts: Vec<Fact> = library
        .papers
        .iter()
        .enumerate()
        .flat_map(|(i, p)| crate::insights::paper_facts(p, i))
        .collect();
    all.extend(fact_candidates(&facts));
    all.extend(term_candidates(
        library,
        &crate::insights::glossary(library),
    ));
    all
}

/// Drops hits that repeat an earlier hit's place and text (a key fact is also a sentence),
/// keeping the better-ranked one.
pub fn dedup_hits(
    index: &crate::search::Index,
    hits: Vec<crate::search::Hit>,
) -> Vec<crate::search::Hit> {
    let mut seen = std::collections::HashSet::new();
    hits.into_iter()
        .filter(|h| {
            let c = index.get(h.id);
            seen.insert((c.paper, c.block, c.offset, c.text.len()))
        })
        .collect()
}
