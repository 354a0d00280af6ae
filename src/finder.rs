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
    library
        .map_papers(paper_text_candidates)
        .into_iter()
        .flatten()
        .collect()
}

fn paper_text_candidates(library: &Library, p: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    let paper = &library.papers[p];
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

/// Where the key facts are: (paper, block, sentence offset), computed on all cores.
pub fn key_fact_places(library: &Library) -> std::collections::HashSet<(u32, u32, u32)> {
    library
        .map_papers(|lib, p| {
            crate::insights::paper_facts(&lib.papers[p], p)
                .into_iter()
                .filter(|f| f.key)
                .map(|f| (f.paper as u32, f.block as u32, f.range.start as u32))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
}

/// The kind a candidate has once `keys` (from [`key_fact_places`]) are known: sentences that
/// are key facts become [`CandidateKind::Fact`], so `$` finds them without a second copy.
pub fn kind_with_facts(
    keys: &std::collections::HashSet<(u32, u32, u32)>,
    c: &Candidate,
) -> CandidateKind {
    if c.kind == CandidateKind::Sentence && keys.contains(&(c.paper, c.block, c.offset)) {
        CandidateKind::Fact
    } else {
        c.kind
    }
}

/// Re-labels the sentences that are key facts (see [`kind_with_facts`]).
pub fn mark_key_facts(library: &Library, candidates: &mut [Candidate]) {
    let keys = key_fact_places(library);
    for c in candidates.iter_mut() {
        c.kind = kind_with_facts(&keys, c);
    }
}

/// Everything but bookmarks (which change while reading and are indexed on their own):
/// headings, sentences, table rows and glossary terms; with `with_facts`, the sentences that
/// are key facts are labelled so (only the `$` scope needs it, and it costs the detectors).
pub fn library_candidates(library: &Library, with_facts: bool) -> Vec<Candidate> {
    let mut all = text_candidates(library);
    if with_facts {
        mark_key_facts(library, &mut all);
    }
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
