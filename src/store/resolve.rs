//! Finding an [`Anchor`] again in the current version of a paper.

use std::collections::HashMap;

use super::anchor::{Anchor, AnchorBlock, CONTEXT_CHARS, Resolution};

/// Blocks on each side of the old index searched for a fuzzy match.
pub const FUZZY_BLOCK_RADIUS: usize = 64;
/// Minimum bigram (Dice) similarity between the quote and a window for a fuzzy match.
pub const FUZZY_MIN_SIMILARITY: f64 = 0.6;
/// Quotes shorter than this many characters are never matched fuzzily (too little signal).
const FUZZY_MIN_CHARS: usize = 8;

/// Finds `anchor` in `blocks` (index = block index), trying in order:
///
/// 1. the exact quote with matching prefix and suffix, in the block nearest the old index
///    (then nearest the old offset) → [`Resolution::Exact`];
/// 2. the exact quote anywhere, nearest the old index → [`Resolution::Exact`];
/// 3. the most similar quote-sized window (bigram similarity at least [`FUZZY_MIN_SIMILARITY`])
///    in blocks of the same section within [`FUZZY_BLOCK_RADIUS`] of the old index
///    → [`Resolution::Approximate`];
/// 4. the first block of the anchor's section, if that slug path still exists (an empty path is
///    the paper's root, which always exists) → [`Resolution::SectionStart`];
/// 5. when the section is gone (a reworded heading changes its slug), the most similar window
///    in any section within the radius → [`Resolution::Approximate`];
/// 6. otherwise [`Resolution::Orphaned`].
///
/// Blocks are visited outward from the old index, so an unmoved passage is found at once; the
/// worst case is one substring scan of every block.
pub fn resolve(anchor: &Anchor, blocks: &[AnchorBlock<'_>]) -> Resolution {
    if blocks.is_empty() {
        return Resolution::Orphaned;
    }
    if !anchor.exact.is_empty() {
        if let Some((block, offset)) = find_exact(anchor, blocks) {
            return Resolution::Exact {
                block: to_u32(block),
                offset: to_u32(offset),
            };
        }
        if let Some((block, offset)) = find_fuzzy(anchor, blocks, true) {
            return Resolution::Approximate {
                block: to_u32(block),
                offset: to_u32(offset),
            };
        }
    }
    if let Some(block) = section_start(anchor, blocks) {
        return Resolution::SectionStart {
            block: to_u32(block),
        };
    }
    // The section itself is gone (often: its heading was reworded, which changes its slug).
    match find_fuzzy(anchor, blocks, false) {
        Some((block, offset)) if !anchor.exact.is_empty() => Resolution::Approximate {
            block: to_u32(block),
            offset: to_u32(offset),
        },
        _ => Resolution::Orphaned,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Block indices ordered by distance from `center` (clamped into range), nearest first.
fn outward(center: usize, len: usize) -> impl Iterator<Item = usize> {
    let center = center.min(len.saturating_sub(1));
    let reach = center.max(len - 1 - center);
    (0..=reach).flat_map(move |d| {
        let after = (d > 0 && center + d < len).then_some(center + d);
        let before = center.checked_sub(d);
        before.into_iter().chain(after)
    })
}

/// Byte offsets of every (possibly overlapping) occurrence of `needle` in `text`.
fn occurrences<'t>(text: &'t str, needle: &'t str) -> impl Iterator<Item = usize> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + text.get(from..)?.find(needle)?;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

/// Whether the text around an occurrence at `at` agrees with the anchor's prefix and suffix.
/// A context shorter than [`CONTEXT_CHARS`] was cut by the block edge, so it must be again.
fn context_matches(anchor: &Anchor, text: &str, at: usize) -> bool {
    let before = &text[..at];
    let after = &text[at + anchor.exact.len()..];
    let prefix_ok = before.ends_with(&anchor.prefix)
        && (anchor.prefix.chars().count() >= CONTEXT_CHARS || before.len() == anchor.prefix.len());
    let suffix_ok = after.starts_with(&anchor.suffix)
        && (anchor.suffix.chars().count() >= CONTEXT_CHARS || after.len() == anchor.suffix.len());
    prefix_ok && suffix_ok
}

fn find_exact(anchor: &Anchor, blocks: &[AnchorBlock<'_>]) -> Option<(usize, usize)> {
    let old_offset = anchor.offset as usize;
    let mut quote_only: Option<(usize, usize)> = None;
    for index in outward(anchor.block as usize, blocks.len()) {
        let text = blocks[index].text;
        let mut with_context: Option<usize> = None;
        let mut any: Option<usize> = None;
        for at in occurrences(text, &anchor.exact) {
            let nearer = |best: Option<usize>| {
                best.is_none_or(|b| at.abs_diff(old_offset) < b.abs_diff(old_offset))
            };
            if context_matches(anchor, text, at) && nearer(with_context) {
                with_context = Some(at);
            }
            if nearer(any) {
                any = Some(at);
            }
        }
        if let Some(at) = with_context {
            return Some((index, at));
        }
        if quote_only.is_none() {
            quote_only = any.map(|at| (index, at));
        }
    }
    quote_only
}

/// The best fuzzy match near the old index; with `same_section`, only in the anchor's section.
fn find_fuzzy(
    anchor: &Anchor,
    blocks: &[AnchorBlock<'_>],
    same_section: bool,
) -> Option<(usize, usize)> {
    let needle: Vec<char> = anchor.exact.chars().map(fold).collect();
    if needle.len() < FUZZY_MIN_CHARS {
        return None;
    }
    let wanted = bigram_counts(&needle);
    let mut best: Option<(f64, usize, usize)> = None;
    for index in outward(anchor.block as usize, blocks.len()) {
        if index.abs_diff(anchor.block as usize) > FUZZY_BLOCK_RADIUS {
            break;
        }
        let block = blocks[index];
        if same_section && block.section != anchor.section.as_slice() {
            continue;
        }
        if let Some((score, at)) = best_window(&needle, &wanted, block.text)
            && score >= FUZZY_MIN_SIMILARITY
            && best.is_none_or(|(s, _, _)| score > s)
        {
            best = Some((score, index, at));
        }
    }
    best.map(|(_, index, at)| (index, at))
}

/// The first block of the anchor's section; for the root (empty path) the first root-level
/// block, else the paper's first block.
fn section_start(anchor: &Anchor, blocks: &[AnchorBlock<'_>]) -> Option<usize> {
    let first = blocks
        .iter()
        .position(|b| b.section == anchor.section.as_slice());
    if first.is_none() && anchor.section.is_empty() {
        return Some(0);
    }
    first
}

/// Case-folds one character for similarity scoring.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn bigram_counts(chars: &[char]) -> HashMap<(char, char), i32> {
    let mut counts = HashMap::new();
    for pair in chars.windows(2) {
        *counts.entry((pair[0], pair[1])).or_insert(0) += 1;
    }
    counts
}

/// The most similar window of `needle.len()` characters in `text`: (Dice score, byte offset).
fn best_window(
    needle: &[char],
    wanted: &HashMap<(char, char), i32>,
    text: &str,
) -> Option<(f64, usize)> {
    let (offsets, chars): (Vec<usize>, Vec<char>) =
        text.char_indices().map(|(i, c)| (i, fold(c))).unzip();
    if chars.len() < 2 {
        return None;
    }
    let needle_pairs = needle.len() - 1;
    let span = needle.len().min(chars.len());
    let window_pairs = span - 1;
    let pair = |i: usize| (chars[i], chars[i + 1]);
    let mut have: HashMap<(char, char), i32> = HashMap::new();
    let mut shared = 0_i32;
    let mut add = |have: &mut HashMap<(char, char), i32>, key: (char, char), delta: i32| {
        let limit = wanted.get(&key).copied().unwrap_or(0);
        let count = have.entry(key).or_insert(0);
        if delta > 0 {
            *count += 1;
            if *count <= limit {
                shared += 1;
            }
        } else {
            if *count <= limit {
                shared -= 1;
            }
            *count -= 1;
        }
        shared
    };
    let mut current = 0;
    for i in 0..window_pairs {
        current = add(&mut have, pair(i), 1);
    }
    let score = |shared: i32| 2.0 * f64::from(shared) / (needle_pairs + window_pairs) as f64;
    let mut best = (score(current), 0_usize);
    for start in 1..=chars.len() - span {
        add(&mut have, pair(start - 1), -1);
        current = add(&mut have, pair(start + span - 2), 1);
        let s = score(current);
        if s > best.0 {
            best = (s, start);
        }
    }
    Some((best.0, offsets[best.1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| (*s).to_owned()).collect()
    }

    struct Doc {
        sections: Vec<Vec<String>>,
        texts: Vec<String>,
    }

    impl Doc {
        fn new(blocks: &[(&[&str], &str)]) -> Doc {
            Doc {
                sections: blocks.iter().map(|(s, _)| path(s)).collect(),
                texts: blocks.iter().map(|(_, t)| (*t).to_owned()).collect(),
            }
        }
        fn blocks(&self) -> Vec<AnchorBlock<'_>> {
            self.sections
                .iter()
                .zip(&self.texts)
                .map(|(section, text)| AnchorBlock { section, text })
                .collect()
        }
        fn anchor(&self, block: usize, needle: &str) -> Anchor {
            let offset = self.texts[block].find(needle).expect("needle in block");
            Anchor::capture(
                "paper",
                &self.sections[block],
                block as u32,
                &self.texts[block],
                offset,
            )
        }
    }

    const INTRO: &[&str] = &["intro"];
    const METHODS: &[&str] = &["methods"];
    const DATA: &[&str] = &["methods", "data"];

    fn original() -> Doc {
        Doc::new(&[
            (INTRO, "Introduction"),
            (
                INTRO,
                "Papers are long. Readers lose their place when the text changes under them.",
            ),
            (METHODS, "Methods"),
            (
                METHODS,
                "We sampled four hundred households across the northern districts in spring.",
            ),
            (
                DATA,
                "The survey data were collected by trained enumerators using tablets.",
            ),
            (
                DATA,
                "Missing answers were imputed with chained equations over twenty iterations.",
            ),
        ])
    }

    #[test]
    fn unchanged_document_resolves_exactly_in_place() {
        let doc = original();
        let a = doc.anchor(3, "four hundred");
        let offset = doc.texts[3].find("four hundred").unwrap() as u32;
        assert_eq!(
            resolve(&a, &doc.blocks()),
            Resolution::Exact { block: 3, offset }
        );
    }

    #[test]
    fn moved_passage_is_found_exactly_at_its_new_block() {
        let doc = original();
        let a = doc.anchor(5, "imputed with chained");
        let mut moved = original();
        for _ in 0..7 {
            moved.sections.insert(1, path(INTRO));
            moved
                .texts
                .insert(1, "A new paragraph inserted by the author.".to_owned());
        }
        let r = resolve(&a, &moved.blocks());
        assert_eq!(
            r,
            Resolution::Exact {
                block: 12,
                offset: a.offset
            }
        );
        assert_eq!(r.block(), Some(12));
    }

    #[test]
    fn context_decides_between_repeated_quotes_and_nearest_wins_otherwise() {
        let repeated = "the same sentence appears in several places of this paper";
        let doc = Doc::new(&[
            (INTRO, &format!("First: {repeated}, okay.")),
            (INTRO, &format!("Second: {repeated}, fine.")),
            (INTRO, &format!("Third: {repeated}, good.")),
        ]);
        let a = doc.anchor(1, "same sentence");
        let blocks = doc.blocks();
        assert_eq!(resolve(&a, &blocks).block(), Some(1));
        let mut shifted = a.clone();
        shifted.block = 0;
        assert_eq!(
            resolve(&shifted, &blocks).block(),
            Some(1),
            "context beats nearness"
        );
        let mut no_context = a.clone();
        no_context.prefix = "zzzz".repeat(4);
        no_context.block = 2;
        assert_eq!(
            resolve(&no_context, &blocks).block(),
            Some(2),
            "nearest quote without context"
        );
    }

    #[test]
    fn edited_passage_near_the_old_place_resolves_approximately() {
        let doc = original();
        let a = doc.anchor(3, "four hundred");
        let mut edited = original();
        edited.texts[3] =
            "We sampled four hundred and twelve households across the north districts in spring."
                .to_owned();
        let r = resolve(&a, &edited.blocks());
        let Resolution::Approximate { block, offset } = r else {
            panic!("expected approximate, got {r:?}");
        };
        assert_eq!(block, 3);
        let found = &edited.texts[3][offset as usize..];
        assert!(found.starts_with("four hundred"), "{found}");
    }

    #[test]
    fn fuzzy_match_stays_within_the_section() {
        let doc = original();
        let a = doc.anchor(3, "four hundred");
        let mut edited = original();
        edited.texts[3] =
            "Nothing left of the old text here at all, entirely new wording.".to_owned();
        edited.texts[1] =
            "We sampled four hundred and twelve households across the north districts in spring."
                .to_owned();
        assert_eq!(
            resolve(&a, &edited.blocks()),
            Resolution::SectionStart { block: 2 }
        );
    }

    #[test]
    fn removed_passage_falls_back_to_section_start() {
        let doc = original();
        let a = doc.anchor(5, "imputed with chained");
        let mut edited = original();
        edited.texts[5] = "This paragraph was rewritten from scratch by the author.".to_owned();
        assert_eq!(
            resolve(&a, &edited.blocks()),
            Resolution::SectionStart { block: 4 }
        );
    }

    #[test]
    fn removed_passage_and_section_is_orphaned() {
        let doc = original();
        let a = doc.anchor(5, "imputed with chained");
        let mut edited = original();
        edited.sections.truncate(4);
        edited.texts.truncate(4);
        let r = resolve(&a, &edited.blocks());
        assert_eq!(r, Resolution::Orphaned);
        assert_eq!(r.block(), None);
        assert_eq!(resolve(&a, &[]), Resolution::Orphaned);
    }

    #[test]
    fn root_level_anchor_falls_back_to_paper_start() {
        let doc = Doc::new(&[
            (
                &[],
                "Preamble text that will vanish completely soon enough.",
            ),
            (INTRO, "Intro"),
        ]);
        let a = doc.anchor(0, "text that");
        let edited = Doc::new(&[(INTRO, "Intro"), (INTRO, "Body")]);
        assert_eq!(
            resolve(&a, &edited.blocks()),
            Resolution::SectionStart { block: 0 }
        );
    }

    #[test]
    fn old_index_past_the_end_still_finds_the_quote() {
        let doc = original();
        let mut a = doc.anchor(4, "trained enumerators");
        a.block = 10_000;
        assert_eq!(resolve(&a, &doc.blocks()).block(), Some(4));
    }

    #[test]
    fn outward_visits_every_index_once_nearest_first() {
        assert_eq!(outward(2, 5).collect::<Vec<_>>(), vec![2, 1, 3, 0, 4]);
        assert_eq!(outward(9, 3).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(outward(0, 1).collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn overlapping_occurrences_are_all_seen() {
        assert_eq!(occurrences("aaaa", "aa").collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(occurrences("é-é", "é").collect::<Vec<_>>(), vec![0, 3]);
    }

    #[test]
    fn large_document_with_quote_far_away() {
        let texts: Vec<String> = (0..100_000)
            .map(|i| format!("Paragraph number {i} of filler text."))
            .collect();
        let section = path(INTRO);
        let mut blocks: Vec<AnchorBlock<'_>> = texts
            .iter()
            .map(|t| AnchorBlock {
                section: &section,
                text: t,
            })
            .collect();
        let target = "This unique passage moved to the very end of the paper.";
        blocks.push(AnchorBlock {
            section: &section,
            text: target,
        });
        let a = Anchor::capture("p", &section, 10, target, 5);
        assert_eq!(
            resolve(&a, &blocks),
            Resolution::Exact {
                block: 100_000,
                offset: 5
            }
        );
    }
}
