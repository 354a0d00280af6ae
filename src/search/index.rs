//! The immutable search index: candidates in reading order, their texts (owned or borrowed
//! from the library through a [`TextStore`]) and a folded copy of the non-ASCII ones.

use std::sync::Arc;

use super::{Candidate, CandidateKind};

/// Folds one char for case-insensitive comparison: its lowercase when that is a single char,
/// otherwise the char itself, so folded text has exactly as many chars as the original and
/// char positions map back one to one (e.g. 'İ', whose lowercase is two chars, stays 'İ').
pub(crate) fn fold_char(ch: char) -> char {
    if ch.is_ascii() {
        return ch.to_ascii_lowercase();
    }
    let mut lower = ch.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => ch,
    }
}

/// Appends the folded form of `text` to `out`.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(text.chars().map(fold_char));
    }
}

/// Folded copy of `text` (see [`fold_char`]).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Where the texts of borrowed candidates live: the text of block `block` of paper `paper`
/// (for the reader, the library's parsed blocks), so the index does not keep a second copy.
pub trait TextStore: Send + Sync {
    /// The whole text of one block.
    fn block_text(&self, paper: u32, block: u32) -> &str;
}

const ASCII_FLAG: u8 = 0x80;
/// The text is in the index's own buffer rather than in the [`TextStore`].
const OWNED_FLAG: u8 = 0x40;
const KIND_MASK: u8 = 0x07;
const NO_SECTION: u32 = u32::MAX;

fn kind_code(kind: CandidateKind) -> u8 {
    match kind {
        CandidateKind::Heading => 0,
        CandidateKind::Sentence => 1,
        CandidateKind::Fact => 2,
        CandidateKind::Glossary => 3,
        CandidateKind::Bookmark => 4,
    }
}

/// A candidate as the index keeps it: what it is and where it lives; its text is
/// [`Index::text`]. 32 bytes, so a million sentences cost 32 MB beside their folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// Kind of the candidate.
    pub kind: CandidateKind,
    /// Paper number.
    pub paper: u32,
    section: u32,
    /// Block number inside the paper.
    pub block: u32,
    /// Byte offset of the text in its block (where a jump lands).
    pub offset: u32,
    /// Free payload for the caller, e.g. a fact or bookmark index.
    pub target: u32,
    /// Start of the text: in the block for borrowed texts, in the owned buffer otherwise.
    start: u32,
    /// Length of the text in bytes.
    len: u32,
}

impl Item {
    /// A candidate whose text is `block_text[start..start + len]` of its block in the
    /// index's [`TextStore`]; a jump lands at `start`.
    pub fn in_block(
        kind: CandidateKind,
        paper: u32,
        section: Option<u32>,
        block: u32,
        start: u32,
        len: u32,
    ) -> Self {
        Self {
            kind,
            paper,
            section: section.unwrap_or(NO_SECTION),
            block,
            offset: start,
            target: 0,
            start,
            len,
        }
    }

    /// Section number, if inside a section.
    pub fn section(&self) -> Option<u32> {
        (self.section != NO_SECTION).then_some(self.section)
    }

    /// Length of the text in bytes.
    pub fn text_len(&self) -> usize {
        self.len as usize
    }

    fn reading_order(&self) -> (u32, u32, u32) {
        (self.paper, self.block, self.offset)
    }
}

/// Candidates sorted into reading order, with everything the hot loop needs laid out flat.
///
/// Built once per set of papers and shared (`Arc<Index>`) between the UI and search threads.
/// Candidate ids are positions after a stable sort by `(paper, block, offset)`, so id order is
/// reading order; input already in reading order keeps its positions as ids.
pub struct Index {
    items: Vec<Item>,
    /// Texts of owned candidates back to back.
    owned: String,
    /// Texts of borrowed candidates.
    store: Option<Arc<dyn TextStore>>,
    /// All folded texts back to back; candidate `i` is `folded[starts[i]..starts[i + 1]]`.
    folded: String,
    starts: Vec<u32>,
    /// Per candidate: kind code in the low bits, [`ASCII_FLAG`], [`OWNED_FLAG`].
    flags: Vec<u8>,
    /// Ids of each non-sentence kind, ascending, for scoped queries.
    by_kind: [Vec<u32>; 5],
}

impl Index {
    /// Builds an index of candidates with their own texts; sorts them stably into reading
    /// order.
    ///
    /// # Panics
    /// With 2^31 or more candidates, or more than 4 GiB of text.
    pub fn new(candidates: Vec<Candidate>) -> Self {
        Self::build(None, Vec::new(), candidates)
    }

    /// Builds an index of `borrowed` candidates (texts in `store`, see [`Item::in_block`])
    /// and `owned` ones; sorts them stably into reading order, borrowed first on ties.
    ///
    /// # Panics
    /// As [`Index::new`], or if a borrowed text is not a char-aligned slice of its block.
    pub fn with_store(
        store: Arc<dyn TextStore>,
        borrowed: Vec<Vec<Item>>,
        owned: Vec<Candidate>,
    ) -> Self {
        Self::build(Some(store), borrowed, owned)
    }

    fn build(
        store: Option<Arc<dyn TextStore>>,
        borrowed: Vec<Vec<Item>>,
        owned: Vec<Candidate>,
    ) -> Self {
        let count = borrowed.iter().map(Vec::len).sum::<usize>() + owned.len();
        assert!(count < 1 << 31, "too many candidates for 31-bit ids");
        let mut items = Vec::with_capacity(count);
        let mut is_owned = Vec::with_capacity(count);
        for chunk in borrowed {
            is_owned.extend(std::iter::repeat_n(false, chunk.len()));
            items.extend(chunk);
        }
        let owned_bytes = owned.iter().map(|c| c.text.len()).sum();
        let mut owned_text = String::with_capacity(owned_bytes);
        for c in owned {
            let start = u32::try_from(owned_text.len()).expect("owned text exceeds 4 GiB");
            owned_text.push_str(&c.text);
            items.push(Item {
                kind: c.kind,
                paper: c.paper,
                section: c.section.unwrap_or(NO_SECTION),
                block: c.block,
                offset: c.offset,
                target: c.target,
                start,
                len: c.text.len() as u32,
            });
            is_owned.push(true);
        }
        if !items
            .windows(2)
            .all(|w| w[0].reading_order() <= w[1].reading_order())
        {
            let mut order: Vec<u32> = (0..items.len() as u32).collect();
            order.sort_by_key(|&i| items[i as usize].reading_order());
            items = order.iter().map(|&i| items[i as usize]).collect();
            is_owned = order.iter().map(|&i| is_owned[i as usize]).collect();
        }
        let mut index = Self {
            items,
            owned: owned_text,
            store,
            folded: String::new(),
            starts: Vec::new(),
            flags: is_owned
                .into_iter()
                .map(|o| if o { OWNED_FLAG } else { 0 })
                .collect(),
            by_kind: Default::default(),
        };
        index.fold_texts();
        index.relabel(|item| item.kind);
        index
    }

    /// Fills the folded copy (non-ASCII texts only: ASCII ones are compared ignoring ASCII
    /// case in place, see [`Index::folded`]), its starts and the ASCII flags.
    fn fold_texts(&mut self) {
        let mut folded = String::new();
        let mut starts = Vec::with_capacity(self.items.len() + 1);
        for id in 0..self.items.len() {
            starts.push(u32::try_from(folded.len()).expect("folded text exceeds 4 GiB"));
            let text = self.text(id as u32);
            if text.is_ascii() {
                self.flags[id] |= ASCII_FLAG;
            } else {
                fold_into(text, &mut folded);
            }
        }
        starts.push(u32::try_from(folded.len()).expect("folded text exceeds 4 GiB"));
        folded.shrink_to_fit();
        self.folded = folded;
        self.starts = starts;
    }

    /// Sets candidates' kinds (e.g. sentences found to be key facts later), keeping the kind
    /// tables in step; texts and ids are untouched.
    pub fn relabel(&mut self, mut kind_of: impl FnMut(&Item) -> CandidateKind) {
        let mut by_kind: [Vec<u32>; 5] = Default::default();
        for (id, item) in self.items.iter_mut().enumerate() {
            item.kind = kind_of(item);
            let code = kind_code(item.kind);
            self.flags[id] = code | (self.flags[id] & !KIND_MASK);
            if item.kind != CandidateKind::Sentence {
                by_kind[usize::from(code)].push(id as u32);
            }
        }
        for ids in &mut by_kind {
            ids.shrink_to_fit();
        }
        self.by_kind = by_kind;
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the index has no candidates.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The candidate with id `i`.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn get(&self, i: u32) -> &Item {
        &self.items[i as usize]
    }

    /// All candidates in id (reading) order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Approximate heap use in bytes, owned texts included, borrowed texts not (they belong
    /// to the store).
    pub fn memory_bytes(&self) -> usize {
        let kinds: usize = self.by_kind.iter().map(|v| v.capacity() * 4).sum();
        self.items.capacity() * size_of::<Item>()
            + self.owned.capacity()
            + self.folded.capacity()
            + self.starts.capacity() * 4
            + self.flags.capacity()
            + kinds
            + size_of::<Self>()
    }

    /// Total bytes of candidate text (what `memory_bytes` is compared against).
    pub fn text_bytes(&self) -> usize {
        self.items.iter().map(|c| c.len as usize).sum()
    }

    /// Folded text of candidate `i` (see [`fold_char`]) when it is not ASCII; `None` for
    /// ASCII text, whose folded form is its ASCII lowercase: case-insensitive comparisons
    /// run on the text itself then, so the index keeps no second copy of most of the text.
    pub(crate) fn folded(&self, i: u32) -> Option<&str> {
        if self.is_ascii(i) {
            return None;
        }
        let i = i as usize;
        Some(&self.folded[self.starts[i] as usize..self.starts[i + 1] as usize])
    }

    /// Text of candidate `i`, as searched and shown.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn text(&self, i: u32) -> &str {
        let item = &self.items[i as usize];
        let range = item.start as usize..(item.start + item.len) as usize;
        match &self.store {
            Some(store) if self.flags[i as usize] & OWNED_FLAG == 0 => {
                &store.block_text(item.paper, item.block)[range]
            }
            _ => &self.owned[range],
        }
    }

    /// Whether candidate `i`'s text is pure ASCII.
    pub(crate) fn is_ascii(&self, i: u32) -> bool {
        self.flags[i as usize] & ASCII_FLAG != 0
    }

    /// Whether candidate `i` is a heading.
    pub(crate) fn is_heading(&self, i: u32) -> bool {
        self.flags[i as usize] & KIND_MASK == 0
    }

    /// Ids of all candidates of a non-sentence `kind`, ascending.
    pub(crate) fn ids_of(&self, kind: CandidateKind) -> &[u32] {
        &self.by_kind[usize::from(kind_code(kind))]
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::generate::synthetic_candidates;

    fn cand(kind: CandidateKind, text: &str, paper: u32, block: u32, offset: u32) -> Candidate {
        Candidate {
            kind,
            text: text.to_string(),
            paper,
            section: None,
            block,
            offset,
            target: 0,
        }
    }

    #[test]
    fn folding_keeps_char_count_and_lowercases() {
        for text in [
            "İstanbul Ünal",
            "ΣΊΣΥΦΟΣ",
            "K Kelvin",
            "ǅemal",
            "북한의 사이버",
            "ABC def",
        ] {
            let folded = fold(text);
            assert_eq!(folded.chars().count(), text.chars().count(), "{text}");
        }
        assert_eq!(fold("İstanbul Ünal"), "İstanbul ünal");
        assert_eq!(fold("ABC def"), "abc def");
        assert_eq!(fold("북한의"), "북한의");
    }

    #[test]
    fn index_sorts_into_reading_order_and_exposes_folded_text() {
        let index = Index::new(vec![
            cand(CandidateKind::Sentence, "Second Sentence", 0, 2, 0),
            cand(
                CandidateKind::Heading,
                "The ROK Government's Response",
                0,
                1,
                0,
            ),
            cand(CandidateKind::Sentence, "Über alles", 1, 0, 0),
        ]);
        assert_eq!(index.len(), 3);
        assert_eq!(index.get(0).kind, CandidateKind::Heading);
        assert_eq!(index.folded(0), None, "ASCII text is compared in place");
        assert_eq!(index.folded(2), Some("über alles"));
        assert!(index.is_ascii(1) && !index.is_ascii(2));
        assert!(index.is_heading(0) && !index.is_heading(1));
        assert_eq!(index.ids_of(CandidateKind::Heading), &[0]);
    }

    #[test]
    fn memory_stays_under_three_times_the_text() {
        let index = Index::new(synthetic_candidates(20_000, 2_000, 5));
        let text = index.text_bytes();
        let mem = index.memory_bytes();
        assert!(
            mem < 3 * text,
            "memory {mem} bytes for {text} bytes of text"
        );
    }
}
