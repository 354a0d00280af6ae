//! The immutable search index: candidates in reading order plus a char-aligned folded copy.

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

const ASCII_FLAG: u8 = 0x80;
const KIND_MASK: u8 = 0x07;

fn kind_code(kind: CandidateKind) -> u8 {
    match kind {
        CandidateKind::Heading => 0,
        CandidateKind::Sentence => 1,
        CandidateKind::Fact => 2,
        CandidateKind::Glossary => 3,
        CandidateKind::Bookmark => 4,
    }
}

/// Candidates sorted into reading order, with everything the hot loop needs laid out flat.
///
/// Built once per set of papers and shared (`Arc<Index>`) between the UI and search threads.
/// Candidate ids are positions after a stable sort by `(paper, block, offset)`, so id order is
/// reading order; input already in reading order keeps its positions as ids.
pub struct Index {
    candidates: Vec<Candidate>,
    /// All folded texts back to back; candidate `i` is `folded[starts[i]..starts[i + 1]]`.
    folded: String,
    starts: Vec<u32>,
    /// Per candidate: kind code in the low bits, [`ASCII_FLAG`] when the text is ASCII.
    flags: Vec<u8>,
    /// Ids of each non-sentence kind, ascending, for scoped queries.
    by_kind: [Vec<u32>; 5],
}

impl Index {
    /// Builds the index; sorts candidates stably into reading order.
    ///
    /// # Panics
    /// With 2^31 or more candidates, or more than 4 GiB of text.
    pub fn new(mut candidates: Vec<Candidate>) -> Self {
        assert!(
            candidates.len() < 1 << 31,
            "too many candidates for 31-bit ids"
        );
        if !candidates
            .windows(2)
            .all(|w| (w[0].paper, w[0].block, w[0].offset) <= (w[1].paper, w[1].block, w[1].offset))
        {
            candidates.sort_by_key(|c| (c.paper, c.block, c.offset));
        }
        let total: usize = candidates.iter().map(|c| c.text.len()).sum();
        let mut folded = String::with_capacity(total + total / 64);
        let mut starts = Vec::with_capacity(candidates.len() + 1);
        let mut flags = Vec::with_capacity(candidates.len());
        let mut by_kind: [Vec<u32>; 5] = Default::default();
        for (id, c) in candidates.iter().enumerate() {
            starts.push(u32::try_from(folded.len()).expect("folded text exceeds 4 GiB"));
            fold_into(&c.text, &mut folded);
            let code = kind_code(c.kind);
            flags.push(code | if c.text.is_ascii() { ASCII_FLAG } else { 0 });
            if c.kind != CandidateKind::Sentence {
                by_kind[usize::from(code)].push(id as u32);
            }
        }
        starts.push(u32::try_from(folded.len()).expect("folded text exceeds 4 GiB"));
        folded.shrink_to_fit();
        for ids in &mut by_kind {
            ids.shrink_to_fit();
        }
        Self {
            candidates,
            folded,
            starts,
            flags,
            by_kind,
        }
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// Whether the index has no candidates.
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// The candidate with id `i`.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn get(&self, i: u32) -> &Candidate {
        &self.candidates[i as usize]
    }

    /// All candidates in id (reading) order.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Approximate heap use in bytes: candidates, their texts, the folded copy and the tables.
    pub fn memory_bytes(&self) -> usize {
        let texts: usize = self.candidates.iter().map(|c| c.text.capacity()).sum();
        let kinds: usize = self.by_kind.iter().map(|v| v.capacity() * 4).sum();
        self.candidates.capacity() * size_of::<Candidate>()
            + texts
            + self.folded.capacity()
            + self.starts.capacity() * 4
            + self.flags.capacity()
            + kinds
            + size_of::<Self>()
    }

    /// Total bytes of candidate text (what `memory_bytes` is compared against).
    pub fn text_bytes(&self) -> usize {
        self.candidates.iter().map(|c| c.text.len()).sum()
    }

    /// Folded text of candidate `i`.
    pub(crate) fn folded(&self, i: u32) -> &str {
        let i = i as usize;
        &self.folded[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Original text of candidate `i`.
    pub(crate) fn text(&self, i: u32) -> &str {
        &self.candidates[i as usize].text
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
        assert_eq!(index.folded(0), "the rok government's response");
        assert_eq!(index.folded(2), "über alles");
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
