//! What the finder searches: the library's headings, sentences and table rows, its key facts,
//! glossary terms and bookmarks, as search candidates that know where to jump.

use crate::document::BlockKind;
use crate::facts;
use crate::insights::{Fact, Term};
use crate::library::Library;
use std::sync::Arc;

use crate::search::{Candidate, CandidateKind, Index, Item, TextStore};

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

/// The library's blocks are where the finder's index reads its candidates' texts.
impl TextStore for Library {
    fn block_text(&self, paper: u32, block: u32) -> &str {
        &self.papers[paper as usize].blocks[block as usize].text
    }
}

/// Headings, sentences and table rows of every paper, in reading order, one list per paper;
/// their texts stay in the library (see [`Item::in_block`]).
pub fn text_items(library: &Library) -> Vec<Vec<Item>> {
    library.map_papers(paper_text_items)
}

fn paper_text_items(library: &Library, p: usize) -> Vec<Item> {
    let mut out = Vec::new();
    let paper = &library.papers[p];
    for (b, block) in paper.blocks.iter().enumerate() {
        let section = block.section.map(|s| s as u32);
        let mut push = |kind, range: std::ops::Range<usize>| {
            let text = &block.text[range.clone()];
            let trimmed = text.trim();
            if !trimmed.is_empty() {
                let start = range.start + (text.len() - text.trim_start().len());
                out.push(Item::in_block(
                    kind,
                    p as u32,
                    section,
                    b as u32,
                    start as u32,
                    trimmed.len() as u32,
                ));
            }
        };
        match &block.kind {
            BlockKind::Heading { .. } => push(CandidateKind::Heading, 0..block.text.len()),
            BlockKind::Paragraph => {
                for range in facts::sentences(&block.text) {
                    push(CandidateKind::Sentence, range);
                }
            }
            BlockKind::Table(_) => {
                let mut offset = 0;
                for row in block.text.split('\n') {
                    push(CandidateKind::Sentence, offset..offset + row.len());
                    offset += row.len() + 1;
                }
            }
            BlockKind::Code { .. } | BlockKind::Html | BlockKind::Rule => {}
        }
    }
    out.shrink_to_fit();
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
    c: &Item,
) -> CandidateKind {
    if c.kind == CandidateKind::Sentence && keys.contains(&(c.paper, c.block, c.offset)) {
        CandidateKind::Fact
    } else {
        c.kind
    }
}

/// The finder's index of everything but bookmarks (which change while reading and are
/// indexed on their own): headings, sentences and table rows (texts borrowed from the
/// library), glossary terms, and `extra` candidates. With `with_facts`, the sentences that
/// are key facts are labelled so (only the `$` scope needs it, and it costs the detectors).
pub fn library_index(library: &Arc<Library>, with_facts: bool, extra: Vec<Candidate>) -> Index {
    let mut owned = term_candidates(library, &crate::insights::glossary(library));
    owned.extend(extra);
    let store: Arc<dyn TextStore> = Arc::clone(library) as Arc<dyn TextStore>;
    let mut index = Index::with_store(store, text_items(library), owned);
    if with_facts {
        let keys = key_fact_places(library);
        index.relabel(|c| kind_with_facts(&keys, c));
    }
    index
}

/// Drops hits that repeat an earlier hit's place and text (a key fact is also a sentence),
/// keeping the better-ranked one.
pub fn dedup_hits(index: &Index, hits: Vec<crate::search::Hit>) -> Vec<crate::search::Hit> {
    let mut seen = std::collections::HashSet::new();
    hits.into_iter()
        .filter(|h| {
            let c = index.get(h.id);
            seen.insert((c.paper, c.block, c.offset, c.text_len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Arc<Library> {
        Arc::new(Library::shipped())
    }

    #[test]
    fn library_index_reads_sentences_from_the_library_without_copying_them() {
        let library = shipped();
        let index = library_index(&library, false, Vec::new());
        assert!(index.len() > 20, "{} candidates", index.len());
        for (id, item) in index.items().iter().enumerate() {
            let text = index.text(id as u32);
            assert_eq!(text, text.trim(), "candidate {id} is trimmed");
            if item.kind == CandidateKind::Glossary {
                continue;
            }
            let block = &library.papers[item.paper as usize].blocks[item.block as usize];
            assert_eq!(
                &block.text[item.offset as usize..item.offset as usize + item.text_len()],
                text,
                "candidate {id} is its block's text at its offset"
            );
        }
        // The index's own memory is the folded copy and the tables: the texts stay in the
        // library, so it is well under twice the text it searches.
        assert!(
            index.memory_bytes() < 2 * index.text_bytes(),
            "{} bytes for {} bytes of text",
            index.memory_bytes(),
            index.text_bytes()
        );
    }

    #[test]
    fn key_facts_are_labelled_in_the_library_index() {
        let library = shipped();
        let index = library_index(&library, true, Vec::new());
        let facts: Vec<&str> = (0..index.len() as u32)
            .filter(|&i| index.get(i).kind == CandidateKind::Fact)
            .map(|i| index.text(i))
            .collect();
        assert!(
            facts.iter().any(|t| t.contains("more than $1 billion")),
            "{facts:?}"
        );
        let places = key_fact_places(&library);
        assert_eq!(facts.len(), places.len(), "every key fact is one candidate");
    }

    #[test]
    fn extra_candidates_are_searchable_with_their_own_text() {
        let library = shipped();
        let extra = bookmark_candidates(
            &library,
            &[BookmarkEntry {
                paper: 0,
                block: 1,
                offset: 0,
                text: "my note on sanctions".to_owned(),
            }],
        );
        let index = library_index(&library, false, extra);
        let hits = crate::search::search_all(&index, "' my note", 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(index.text(hits[0].id), "my note on sanctions");
    }
}
