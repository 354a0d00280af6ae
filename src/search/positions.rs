//! Match positions as fuzzy-matcher 0.3.7's `SkimMatcherV2::fuzzy_indices` reports them, on
//! the scorer's sparse match bitmaps instead of its dense matrix.
//!
//! `fuzzy_indices` (a fresh matcher) fills a full matrix, one row per pattern char, and walks
//! back from the last maximum of the last row. Unlike the two-row matrix the score comes
//! from, every row starts from fresh cells: the consecutive bonus never reads a stale value
//! (it is `max(in-place bonus, 4)`) and the cell left of a row's first column is reset. The
//! walk goes diagonally from a match that came from the previous row's match, and otherwise
//! along the previous row's gap to where that gap opened: the last column maximising
//! `M[y] + y` before it (skim breaks ties towards the match). So only the matches that can
//! still reach the last row are needed, each with its M, whether it came diagonally, and
//! the running best gap source with its column. The property tests compare the result with
//! the library.

use std::cell::RefCell;
use std::cmp::max;

use super::scan::{Unit, squash};
use super::skim::{
    BONUS_CONSECUTIVE, GAP_EXTENSION, GAP_START, Matches, NEG_INFINITY, SkimPattern, bonus_at,
    match_score,
};

/// One match cell of the full matrix.
#[derive(Clone, Copy, Default)]
struct PathCell {
    m: i32,
    /// Whether M came from the previous row's match diagonally (skim's `m_move == Match`).
    diagonal: bool,
    /// Largest gap source `M[y] - 3 + y` over this row's cells up to this one, and the
    /// last column (1-based) reaching it; 0 for the reset cell left of the row.
    run: i32,
    run_at: u32,
}

/// Reusable buffers for [`SkimPattern::positions_ascii`] and friends; one per thread.
#[derive(Default)]
pub(crate) struct PathScratch {
    matches: Matches,
    cells: Vec<PathCell>,
    /// `starts[i]`: index in `cells` of row `i`'s first cell; a row's last is before the
    /// next row's first (or the end).
    starts: Vec<usize>,
}

impl SkimPattern {
    /// Char positions (ascending) of the pattern's match in a text given as one byte per
    /// char (ASCII, or squashed), as `fuzzy_indices` reports them; `None` if the pattern is
    /// not ASCII or does not match.
    pub(crate) fn positions_ascii(
        &self,
        text: &[u8],
        scratch: &mut PathScratch,
    ) -> Option<Vec<usize>> {
        let (bytes, lower) = self.bytes()?;
        positions(text, bytes, lower, self.case_sensitive(), scratch)
    }

    /// [`positions_ascii`](Self::positions_ascii) for a text given as decoded chars.
    pub(crate) fn positions_chars(
        &self,
        text: &[char],
        scratch: &mut PathScratch,
    ) -> Option<Vec<usize>> {
        positions(
            text,
            self.chars(),
            self.lower_chars(),
            self.case_sensitive(),
            scratch,
        )
    }
}

thread_local! {
    static SCRATCH: RefCell<(PathScratch, Vec<u8>, Vec<char>)> = RefCell::default();
}

/// `fuzzy_indices`' char positions of `pattern` in `text` (ASCII patterns run on the text's
/// bytes, squashed to one per char when it is not ASCII; others on its chars), with this
/// thread's buffers.
pub(crate) fn text_positions(pattern: &SkimPattern, text: &str) -> Option<Vec<usize>> {
    SCRATCH.with_borrow_mut(|(scratch, bytes, chars)| {
        if pattern.is_ascii() {
            if text.is_ascii() {
                return pattern.positions_ascii(text.as_bytes(), scratch);
            }
            squash(text, bytes);
            pattern.positions_ascii(bytes, scratch)
        } else {
            chars.clear();
            chars.extend(text.chars());
            pattern.positions_chars(chars, scratch)
        }
    })
}

fn positions<U: Unit>(
    choice: &[U],
    pattern: &[U],
    lower: &[U],
    case_sensitive: bool,
    scratch: &mut PathScratch,
) -> Option<Vec<usize>> {
    let k = pattern.len();
    if k == 0 {
        return Some(Vec::new());
    }
    let PathScratch {
        matches,
        cells,
        starts,
    } = scratch;
    // Only the last row is complete: nothing here reads a stale row.
    if !matches.find(choice, (pattern, lower, case_sensitive), 1) {
        return None;
    }
    let Matches {
        first,
        limits,
        bits,
    } = matches;
    for i in 0..k {
        bits.list_row(i, first[i], limits[i]);
    }
    let bits = &*bits;
    cells.clear();
    starts.clear();
    for i in 0..k {
        let (start, listed) = bits.row(i);
        starts.push(start);
        // The reset cell left of the row's first column: M and P at minus infinity.
        let mut run = NEG_INFINITY + first[i] as i32;
        let mut run_at = 0;
        for &x in listed {
            let x = x as usize;
            let col = x + 1;
            let (diag_m, diag_p) = if i == 0 {
                (NEG_INFINITY, GAP_EXTENSION)
            } else {
                // The previous row at column col - 1 (position x - 1), and its gap from its
                // last match before that.
                let prev = starts[i - 1];
                let (matched, before) = bits.locate(i - 1, x - 1);
                let m = if matched {
                    cells[prev + before].m
                } else {
                    NEG_INFINITY
                };
                let gap = match before {
                    0 => NEG_INFINITY + first[i - 1] as i32,
                    _ => cells[prev + before - 1].run,
                };
                (m, gap - (col - 1) as i32)
            };
            let in_place = bonus_at(choice, col);
            let from_match = diag_m + max(in_place, BONUS_CONSECUTIVE);
            let from_gap = diag_p + in_place;
            let m = max(from_match, from_gap) + match_score(choice[x], pattern[i], case_sensitive);
            let source = m + GAP_START + col as i32;
            if source >= run {
                (run, run_at) = (source, col as u32);
            }
            cells.push(PathCell {
                m,
                diagonal: from_match >= from_gap,
                run,
                run_at,
            });
        }
    }
    // The last maximum of the last row, then back.
    let last = &cells[starts[k - 1]..];
    let best = (last.iter().enumerate()).max_by_key(|&(_, c)| c.m)?.0;
    let mut col = bits.row(k - 1).1[best] as usize + 1;
    let mut out = Vec::with_capacity(k);
    let mut i = k - 1;
    loop {
        out.push(col - 1);
        let (matched, at) = bits.locate(i, col - 1);
        if i == 0 || !matched {
            break;
        }
        let cell = cells[starts[i] + at];
        i -= 1;
        col -= 1;
        if !cell.diagonal {
            // Along row i's gap at column col to where it opened: the record of its
            // matches left of that column (none only off any real path).
            let before = bits.below(i, col - 1);
            match before.checked_sub(1).map(|b| cells[starts[i] + b].run_at) {
                Some(opened) if opened > 0 => col = opened as usize,
                _ => break,
            }
        }
    }
    out.reverse();
    // Only a gap longer than ~32,000 chars takes scores below skim's minus infinity, where
    // its walk (and this one) stops making sense; the greedy match is shown then.
    let valid = out.len() == k
        && out.windows(2).all(|w| w[0] < w[1])
        && out.iter().enumerate().all(|(i, &x)| bits.has(i, x));
    Some(if valid { out } else { first.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    fn reference(text: &str, pattern: &str) -> Option<Vec<usize>> {
        SkimMatcherV2::default()
            .fuzzy_indices(text, pattern)
            .map(|(_, positions)| positions)
    }

    fn ported(text: &str, pattern: &str) -> Option<Vec<usize>> {
        let pat = SkimPattern::new(pattern);
        let mut scratch = PathScratch::default();
        let chars: Vec<char> = text.chars().collect();
        let by_chars = pat.positions_chars(&chars, &mut scratch);
        if pattern.is_ascii() {
            let mut bytes = Vec::new();
            squash(text, &mut bytes);
            let by_bytes = pat.positions_ascii(&bytes, &mut scratch);
            assert_eq!(by_bytes, by_chars, "byte and char paths differ");
        }
        assert_eq!(
            text_positions(&pat, text),
            by_chars,
            "thread-local path differs"
        );
        by_chars
    }

    #[test]
    fn a_gap_past_minus_infinity_still_gives_one_matching_position_per_char() {
        let text = format!("ab{}c", "x".repeat(40_000));
        assert_eq!(ported(&text, "abc"), Some(vec![0, 1, 40_002]));
    }

    #[test]
    fn matches_library_on_known_inputs() {
        let cases = crate::search::skim::KNOWN_INPUTS;
        for (text, pattern) in cases {
            assert_eq!(
                ported(text, pattern),
                reference(text, pattern),
                "{pattern:?} in {text:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn equal_library_positions_on_small_alphabet(
            text in "[abAB _./(x1-]{0,40}",
            pattern in "[abAB _.x1]{1,6}",
        ) {
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
        }

        #[test]
        fn equal_library_positions_on_long_texts_and_unicode(
            text in "[abcAB _.-]{60,250}",
            pattern in "[abcAB _.-]{2,10}",
            hangul in "[aAé북사이 -]{0,120}",
            short in "[aAé북사 ]{1,4}",
        ) {
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
            prop_assert_eq!(ported(&hangul, &short), reference(&hangul, &short));
        }
    }
}
