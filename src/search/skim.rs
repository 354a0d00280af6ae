//! Exact, allocation-free port of the fuzzy-matcher 0.3.7 (MIT) `SkimMatcherV2` scorer.
//!
//! The library keeps its score matrix in a thread-local cache and, in 0.3.7, reads stale
//! `bonus` cells left by earlier calls, so the same (text, pattern) can score differently
//! depending on what the thread matched before (`use_cache(false)` panics with a `RefCell`
//! double borrow). This port reproduces the score of a *fresh* `SkimMatcherV2::default()`
//! with smart case (`fuzzy_match`), bit for bit, including its two-row matrix reuse; the
//! property tests below compare it with the library. It works on bytes for ASCII text and on
//! decoded chars otherwise, and reuses caller-owned buffers.
//!
//! The matrix is kept sparse: each row's cells are where its pattern char matches (bitmaps,
//! see [`Bits`]), computed only as far as they can still lead to a match of the whole
//! pattern, and looked up by rank rather than by walking the previous row.

use std::cmp::max;

use super::bits::Bits;
use super::bounds::{camel_possible, row_growth, row_growths};
use super::scan::{CharType, Unit};

pub(crate) const SCORE_MATCH: i32 = 16;
pub(crate) const GAP_START: i32 = -3;
pub(crate) const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
pub(crate) const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
pub(crate) const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
pub(crate) const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
pub(crate) const NEG_INFINITY: i32 = i16::MIN as i32;

const fn in_place_rule(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// [`in_place_rule`] for every pair of char types, so the scorer looks it up without
/// branching on the text.
const IN_PLACE: [[i32; 6]; 6] = {
    use CharType::{Empty, HardSep, Lower, Number, SoftSep, Upper};
    let types = [Empty, Upper, Lower, Number, HardSep, SoftSep];
    let mut table = [[0; 6]; 6];
    let mut i = 0;
    while i < 6 {
        assert!(types[i] as usize == i, "types listed in declaration order");
        let mut j = 0;
        while j < 6 {
            table[i][j] = in_place_rule(types[i], types[j]);
            j += 1;
        }
        i += 1;
    }
    table
};

/// skim's bonus for a char of type `cur` after one of type `prev`.
#[inline]
fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    IN_PLACE[prev as usize][cur as usize]
}

/// Result of scoring one text: skim's score and the ceiling used for narrowing.
///
/// The ceiling bounds the score of any longer pattern with this prefix: appending a char
/// leaves the matrix rows of the prefix unchanged and adds one whose cells exceed the
/// previous row's largest M value by at most [`SkimPattern::last_growth_in`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scores {
    /// What `SkimMatcherV2::fuzzy_match` returns.
    pub(crate) score: i32,
    /// Largest M value of the cells computed (the last two rows whole, earlier rows as far
    /// as they reach those; see `find_viable`), at least `score`. A pattern with one more
    /// char computes a subset of these cells plus a new last row, which reads only the two
    /// whole rows, so the bound carries over.
    pub(crate) ceiling: i32,
    /// Index (in the units scored) just past skim's greedy match of the last pattern char.
    pub(crate) greedy_end: usize,
    /// False when scoring stopped early because even the best completion stays below the
    /// floor: then `score` and `ceiling` are both that upper bound, not skim's values.
    pub(crate) exact: bool,
    /// Whether the pattern's units match a run of consecutive units of the text (each as
    /// skim compares them); false for one-unit patterns and when not `exact`.
    pub(crate) contiguous: bool,
}

/// A fuzzy pattern compiled for both text representations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SkimPattern {
    chars: Vec<char>,
    /// `remaining[i]`: bound on how much rows `i..` can raise the ceiling (see
    /// [`row_growth`]).
    remaining: Vec<i32>,
    lower_chars: Vec<char>,
    /// `Some` when the pattern is ASCII, so it can run on ASCII texts as bytes.
    bytes: Option<(Vec<u8>, Vec<u8>)>,
    case_sensitive: bool,
}

impl SkimPattern {
    /// Compiles `pattern` with skim's smart case: any ASCII capital makes it case-sensitive.
    pub(crate) fn new(pattern: &str) -> Self {
        let chars: Vec<char> = pattern.chars().collect();
        let lower_chars = chars.iter().map(char::to_ascii_lowercase).collect();
        let bytes = pattern.is_ascii().then(|| {
            (
                pattern.as_bytes().to_vec(),
                pattern.to_ascii_lowercase().into_bytes(),
            )
        });
        let case_sensitive = chars.iter().any(char::is_ascii_uppercase);
        let mut remaining = vec![0; chars.len() + 1];
        for r in (1..chars.len()).rev() {
            remaining[r] = remaining[r + 1] + row_growth(&chars, r, case_sensitive);
        }
        Self {
            chars,
            remaining,
            lower_chars,
            bytes,
            case_sensitive,
        }
    }

    /// Number of pattern chars.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// Bound on how much the last char raised the ceiling over the pattern without it, for
    /// this text (see [`Scores::ceiling`] and [`row_growth`]); 0 for patterns of fewer than
    /// two chars.
    pub(crate) fn last_growth_in(&self, text: &str) -> i32 {
        let k = self.chars.len();
        if k < 2 {
            return 0;
        }
        let (plain, camel) = row_growths(&self.chars, k - 1, self.case_sensitive);
        if plain < camel
            && !camel_possible(
                text,
                self.chars[k - 2],
                self.chars[k - 1],
                self.case_sensitive,
            )
        {
            plain
        } else {
            camel
        }
    }

    /// The pattern as bytes and lower-case bytes, when it is ASCII.
    pub(crate) fn bytes(&self) -> Option<(&[u8], &[u8])> {
        self.bytes
            .as_ref()
            .map(|(b, l)| (b.as_slice(), l.as_slice()))
    }

    /// The pattern's chars lower-cased as skim compares them ignoring case (ASCII only).
    pub(crate) fn lower_chars(&self) -> &[char] {
        &self.lower_chars
    }

    /// Whether the pattern uses case-sensitive matching.
    pub(crate) fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// The pattern's chars.
    pub(crate) fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Whether the pattern is ASCII (then it scores texts as bytes, see [`squash`]).
    pub(crate) fn is_ascii(&self) -> bool {
        self.bytes.is_some()
    }

    /// Scores a text given as one byte per char (ASCII, or [`squash`]ed); `None` for a
    /// non-ASCII pattern. See [`Scores`].
    ///
    /// Scoring may stop early, returning an inexact upper bound, once the score provably
    /// stays below `floor` (`i32::MIN` never stops).
    pub(crate) fn score_ascii(
        &self,
        text: &[u8],
        floor: i32,
        scratch: &mut Scratch,
    ) -> Option<Scores> {
        let (bytes, lower) = self.bytes.as_ref()?;
        let rule = Rule {
            case_sensitive: self.case_sensitive,
            floor,
            remaining: &self.remaining,
        };
        score(text, bytes, lower, &rule, scratch)
    }

    /// Scores a text given as decoded chars. See [`Scores`].
    pub(crate) fn score_chars(
        &self,
        text: &[char],
        floor: i32,
        scratch: &mut Scratch,
    ) -> Option<Scores> {
        let rule = Rule {
            case_sensitive: self.case_sensitive,
            floor,
            remaining: &self.remaining,
        };
        score(text, &self.chars, &self.lower_chars, &rule, scratch)
    }
}

/// One computed cell of a row: its M score and the running maximum of gap sources
/// `M[x] - 3 + x` up to it (so `P[y] = run - y`).
#[derive(Clone, Copy)]
struct MatchCell {
    m: i32,
    run: i32,
}

/// A row of the (conceptual) skim matrix, kept sparse: its cells are the row's bits in
/// [`Bits`], computed up to the row's limit (see [`find_viable`]).
#[derive(Clone, Copy)]
struct Row {
    /// Column (1-based) of the row's first match; the row is evaluated from there.
    first: usize,
    /// `cells[start..]` are this row's computed cells, ascending by column.
    start: usize,
    /// Gap source of the stale cell left of `first`: `max(p + col, m - 3 + col)`.
    source: i32,
    /// Bonus field of that stale cell, which the row's first cell reads.
    left_bonus: i32,
}

/// Reusable buffers for the scorer; one per thread.
#[derive(Default)]
pub(crate) struct Scratch {
    matches: Matches,
    cells: Vec<MatchCell>,
    rows: Vec<Row>,
}

/// Where a pattern's units match one text, shared by the scorer and the positions port:
/// skim's greedy first match of each unit, a bitmap row per unit, and how far each row can
/// matter (see [`Matches::find`]). Reused between texts.
#[derive(Default)]
pub(crate) struct Matches {
    pub(crate) first: Vec<usize>,
    pub(crate) limits: Vec<usize>,
    pub(crate) bits: Bits,
}

impl Matches {
    /// Finds `pattern`'s matches in `choice` (`lower`: the pattern ignoring ASCII case, used
    /// unless `cs`); `false` if some unit has none. Each row's limit is the last position
    /// whose cell can still lead to a cell of the last `complete` rows, which are computed to
    /// the text's end: each earlier row's limit is just before the next row's last match
    /// within the next row's limit.
    pub(crate) fn find<U: Unit>(
        &mut self,
        choice: &[U],
        (pattern, lower, cs): (&[U], &[U], bool),
        complete: usize,
    ) -> bool {
        let Matches {
            first,
            limits,
            bits,
        } = self;
        if !first_matches(choice, pattern, lower, cs, first, bits) {
            return false;
        }
        let (rows, len) = (pattern.len(), choice.len());
        limits.clear();
        limits.resize(rows, len - 1);
        for i in (0..rows.saturating_sub(complete)).rev() {
            let next = bits.last_at_most(i + 1, limits[i + 1]);
            limits[i] = next.map_or(len - 1, |x| x.saturating_sub(1));
        }
        true
    }
}

/// skim's in-place bonus of the char at column `col` (1-based), including the doubled bonus
/// of the text's first char.
#[inline]
pub(crate) fn bonus_at<U: Unit>(choice: &[U], col: usize) -> i32 {
    let cur = choice[col - 1].kind();
    if col == 1 {
        in_place_bonus(CharType::Empty, cur) * BONUS_FIRST_CHAR_MULTIPLIER
    } else {
        in_place_bonus(choice[col - 2].kind(), cur)
    }
}

#[inline]
pub(crate) fn match_score<U: Unit>(c: U, p: U, case_sensitive: bool) -> i32 {
    if !case_sensitive && c != p {
        SCORE_MATCH + PENALTY_CASE_MISMATCH
    } else {
        SCORE_MATCH
    }
}

/// Greedy first match positions of each pattern unit (skim's `cheap_matches`), filling a
/// bitmap row per unit with its matches from there on; `false` if some unit has none.
fn first_matches<U: Unit>(
    choice: &[U],
    pattern: &[U],
    lower: &[U],
    cs: bool,
    first: &mut Vec<usize>,
    bits: &mut Bits,
) -> bool {
    first.clear();
    bits.reset(choice.len());
    let mut from = 0;
    for (r, (&p, &pl)) in pattern.iter().zip(lower).enumerate() {
        let same = pattern[..r].iter().position(|&q| q == p);
        match bits.push_row(choice, from, (p, pl, cs), same) {
            Some(idx) => {
                first.push(idx);
                from = idx + 1;
            }
            None => return false,
        }
    }
    true
}

/// One-unit patterns: the first matrix row only has the "skip" path from skim's constant
/// `gap_extension` row, so the score is the best `in-place bonus + match score - 1`.
/// Scanning stops once nothing later can do better (a word start scores the most after col 1).
fn score_single<U: Unit>(choice: &[U], p: U, p_lower: U, cs: bool) -> Option<Scores> {
    let best_after_first = GAP_EXTENSION + BONUS_HEAD + SCORE_MATCH;
    let mut best = None;
    let mut from = 0;
    let mut greedy_end = 0;
    while let Some(idx) = U::find(choice, from, p, p_lower, cs) {
        if best.is_none() {
            greedy_end = idx + 1;
        }
        let score = GAP_EXTENSION + bonus_at(choice, idx + 1) + match_score(choice[idx], p, cs);
        if best.is_none_or(|b| score > b) {
            best = Some(score);
        }
        if idx > 0 && score >= best_after_first {
            break;
        }
        from = idx + 1;
    }
    best.map(|score| Scores {
        score,
        ceiling: score,
        greedy_end,
        exact: true,
        contiguous: false,
    })
}

/// The bonus fields skim's two reused physical rows hold. They follow from where the rows
/// match and the text's char classes alone, never from scores, so they are known for every
/// cell, computed or not.
struct Bonuses<'a, U> {
    choice: &'a [U],
    bits: &'a Bits,
    rows: &'a [Row],
}

impl<U: Unit> Bonuses<'_, U> {
    /// The consecutive bonus the cell of row `j` at position `x` writes to its left (as
    /// the scorer's loop computes it).
    fn consecutive(&self, j: usize, x: usize) -> i32 {
        let left = if x + 1 == self.rows[j].first {
            self.rows[j].left_bonus
        } else if self.bits.has(j, x - 1) {
            self.before(j, x)
        } else {
            0
        };
        max(left, max(bonus_at(self.choice, x + 1), BONUS_CONSECUTIVE))
    }

    /// Bonus field of the physical row's cell `col` (1-based) before row `j` was evaluated.
    fn before(&self, j: usize, col: usize) -> i32 {
        if j >= 2 { self.after(j - 2, col) } else { 0 }
    }

    /// Bonus field of cell `col` after row `j`: a match to its right wrote its consecutive
    /// bonus there; a non-matching cell of the row was zeroed; otherwise it kept its value.
    fn after(&self, j: usize, col: usize) -> i32 {
        if self.bits.has(j, col) {
            self.consecutive(j, col)
        } else if col >= self.rows[j].first && !self.bits.has(j, col - 1) {
            0
        } else {
            self.before(j, col)
        }
    }
}

/// Scores of finished rows at columns they computed.
struct Computed<'a> {
    rows: &'a [Row],
    cells: &'a [MatchCell],
    bits: &'a Bits,
}

impl Computed<'_> {
    /// M of row `j` at `col` (1-based, >= the row's first column, within its limit).
    fn m(&self, j: usize, col: usize) -> i32 {
        match self.bits.locate(j, col - 1) {
            (true, before) => self.cells[self.rows[j].start + before].m,
            (false, _) => NEG_INFINITY,
        }
    }

    /// P of row `j` at `col` (>= the row's first column): from the last match left of it.
    fn p(&self, j: usize, col: usize) -> i32 {
        let row = self.rows[j];
        let run = match self.bits.below(j, col - 1) {
            0 => row.source,
            before => self.cells[row.start + before - 1].run,
        };
        run - col as i32
    }
}

/// How far each row is computed: the last two rows completely, earlier rows only as far as
/// they can still reach those ([`Matches::find`]); later cells cannot change the score.
/// `false` if the pattern does not match.
///
/// The second-to-last row is complete because a pattern one char longer reads it: skim
/// reads the cell left of row `i`'s first column as row `i - 2` left it, and that column
/// may lie past where row `i - 2` reaches the current last row. With both rows complete,
/// the ceiling (largest M over computed cells) bounds every cell and the score of the
/// pattern with a char appended, which narrowing relies on. Every limit is the text's end
/// when such a stale read of this pattern's own rows falls past a limit.
fn find_viable<U: Unit>(matches: &mut Matches, choice: &[U], pattern: (&[U], &[U], bool)) -> bool {
    if !matches.find(choice, pattern, 2) {
        return false;
    }
    let Matches { first, limits, .. } = matches;
    if (2..first.len()).any(|i| first[i] - 1 > limits[i - 2]) {
        limits.fill(choice.len() - 1);
    }
    true
}

/// How to score: case rule, early-stop floor, per-row growth bounds.
struct Rule<'a> {
    case_sensitive: bool,
    floor: i32,
    remaining: &'a [i32],
}

fn score<U: Unit>(
    choice: &[U],
    pattern: &[U],
    pattern_lower: &[U],
    rule: &Rule<'_>,
    scratch: &mut Scratch,
) -> Option<Scores> {
    let Rule {
        case_sensitive,
        floor,
        remaining,
    } = *rule;
    let k = pattern.len();
    match k {
        0 => {
            return Some(Scores {
                score: 0,
                ceiling: 0,
                greedy_end: 0,
                exact: true,
                contiguous: false,
            });
        }
        1 => return score_single(choice, pattern[0], pattern_lower[0], case_sensitive),
        _ => {}
    }
    let Scratch {
        matches,
        cells,
        rows,
    } = scratch;
    if !find_viable(matches, choice, (pattern, pattern_lower, case_sensitive)) {
        return None;
    }
    let Matches {
        first,
        limits,
        bits,
    } = matches;
    rows.clear();
    let mut ceiling = NEG_INFINITY;
    for i in 0..k {
        // Rows 0..i are those of the pattern's first i chars, so the append bound applies
        // to each remaining row.
        if i > 0 {
            let bound = ceiling.saturating_add(remaining[i]);
            if bound < floor {
                return Some(Scores {
                    score: bound,
                    ceiling: bound,
                    greedy_end: first[k - 1] + 1,
                    exact: false,
                    contiguous: false,
                });
            }
        }
        // Listed only now: a row never reached (scoring stopped early) costs nothing more.
        bits.list_row(i, first[i], limits[i]);
        let bits = &*bits;
        // Every cell is written before it is read, so old values need no clearing.
        if cells.len() < bits.listed() {
            cells.resize(bits.listed(), MatchCell { m: 0, run: 0 });
        }
        let (pc, first_col) = (pattern[i], first[i] + 1);
        let left = first_col - 1;
        // The cell left of the first evaluated column is never written by this row: skim
        // reset it (row 0), left it at its initial `gap_extension` (row 1), or it still
        // holds row i - 2's values (the two physical rows alternate).
        let (left_m, left_p, left_bonus) = match i {
            0 => (NEG_INFINITY, NEG_INFINITY, 0),
            1 => (NEG_INFINITY, GAP_EXTENSION, 0),
            _ => {
                let done = Computed { rows, cells, bits };
                let bonus = Bonuses { choice, bits, rows };
                (
                    done.m(i - 2, left),
                    done.p(i - 2, left),
                    bonus.after(i - 2, left),
                )
            }
        };
        let source = max(left_p + left as i32, left_m + GAP_START + left as i32);
        let (start, positions) = bits.row(i);
        rows.push(Row {
            first: first_col,
            start,
            source,
            left_bonus,
        });
        let bonus = Bonuses { choice, bits, rows };
        // Earlier rows' cells, and this row's (every listed cell is written below).
        let (done, out) = cells.split_at_mut(start);
        let out = &mut out[..positions.len()];
        let prev = i.checked_sub(1).map(|j| (bits.row_words(j), rows[j]));
        let mut run = source;
        let mut last_x = usize::MAX;
        for (slot, &x) in out.iter_mut().zip(positions) {
            let x = x as usize;
            let col = x + 1;
            let diag = col - 1;
            // The previous row at column `diag` (position x - 1): its M if it matched
            // there, and P from its last match left of it.
            let (diag_m, diag_p) = match prev {
                None => (NEG_INFINITY, GAP_EXTENSION),
                Some((words, row)) => {
                    // Both reads are made and one kept, with no branch on the text.
                    let (matched, before) = words.locate(x - 1);
                    let at = row.start + before;
                    let here = done.get(at).map_or(NEG_INFINITY, |c| c.m);
                    let m = if matched { here } else { NEG_INFINITY };
                    let last = done[at.max(1) - 1].run;
                    let run = if at == row.start { row.source } else { last };
                    (m, run - diag as i32)
                }
            };
            // The bonus left of this cell: the stale one at the row's start, else the one
            // skim left there if this row also matched there (rare: a doubled char).
            let left = if col == first_col {
                left_bonus
            } else if last_x.wrapping_add(1) == x {
                bonus.before(i, diag)
            } else {
                0
            };
            let in_place = bonus_at(choice, col);
            let consecutive = max(left, max(in_place, BONUS_CONSECUTIVE));
            let m = max(diag_m + consecutive, diag_p + in_place)
                + match_score(choice[col - 1], pc, case_sensitive);
            run = max(run, m + GAP_START + col as i32);
            ceiling = max(ceiling, m);
            *slot = MatchCell { m, run };
            last_x = x;
        }
    }
    let bits = &*bits;
    let best = cells[rows[k - 1].start..bits.listed()]
        .iter()
        .map(|c| c.m)
        .max();
    // skim's final scan also covers the (stale) cell left of the last row's first column.
    let stale = if k >= 3 {
        Computed { rows, cells, bits }.m(k - 3, first[k - 1])
    } else {
        NEG_INFINITY
    };
    best.map(|b| Scores {
        score: max(b, stale),
        ceiling,
        greedy_end: first[k - 1] + 1,
        exact: true,
        contiguous: bits.has_run(k),
    })
}

/// Texts and patterns the ports are checked on against the library, beside the property
/// tests: repeated chars, case, quotes, Hangul, no match, empty sides.
#[cfg(test)]
pub(crate) const KNOWN_INPUTS: [(&str, &str); 11] = [
    ("aabab", "aab"),
    ("aaaa", "aaa"),
    ("Abab", "aab"),
    ("axbycz", "abc"),
    ("The ROK Government's Response", "rok"),
    ("government", "gov"),
    (
        "using a malware known as \u{201c}AppleJeus\u{201d} since 2018",
        "aplj",
    ),
    ("북한의 사이버 공격은 증가하고 있다", "북사"),
    ("abc", "abx"),
    ("", "a"),
    ("abc", ""),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan::squash;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    fn reference(text: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .fuzzy(text, pattern, false)
            .map(|(s, _)| s)
    }

    fn ported(text: &str, pattern: &str) -> Option<i64> {
        let pat = SkimPattern::new(pattern);
        let mut scratch = Scratch::default();
        let chars: Vec<char> = text.chars().collect();
        let by_chars = pat.score_chars(&chars, i32::MIN, &mut scratch);
        if let Some(s) = by_chars {
            assert!(s.ceiling >= s.score);
        }
        if pattern.is_ascii() {
            let mut bytes = Vec::new();
            squash(text, &mut bytes);
            let by_bytes = pat.score_ascii(&bytes, i32::MIN, &mut scratch);
            assert_eq!(by_bytes, by_chars, "byte and char paths differ");
        }
        by_chars.map(|s| i64::from(s.score))
    }

    #[test]
    fn matches_library_on_known_inputs() {
        let cases = KNOWN_INPUTS;
        for (text, pattern) in cases {
            assert_eq!(
                ported(text, pattern),
                reference(text, pattern),
                "{pattern:?} in {text:?}"
            );
        }
    }

    #[test]
    fn patterns_longer_than_a_bitmap_word_score_and_find_runs() {
        let pattern = "ab".repeat(40);
        let run = format!("x {pattern} y");
        let gapped = format!("x {} y", "ab ".repeat(40));
        for text in [&run, &gapped] {
            assert_eq!(ported(text, &pattern), reference(text, &pattern), "{text}");
            let scores = SkimPattern::new(&pattern)
                .score_ascii(text.as_bytes(), i32::MIN, &mut Scratch::default())
                .expect("matches");
            assert_eq!(scores.contiguous, text == &run);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn equals_fresh_library_scores_on_small_alphabet(
            text in "[abAB _./(x1-]{0,40}",
            pattern in "[abAB _.x1]{1,6}",
        ) {
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
        }

        #[test]
        fn equals_fresh_library_scores_on_unicode(
            text in "[aAé É북사이 -]{0,30}",
            pattern in "[aAé북사 ]{1,4}",
        ) {
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
        }

        #[test]
        fn stopping_early_only_happens_below_the_floor(
            text in "[abcAB _.-]{0,60}",
            pattern in "[abcAB _.-]{2,8}",
            floor in 0i32..200,
        ) {
            let pat = SkimPattern::new(&pattern);
            let exact = pat.score_ascii(text.as_bytes(), i32::MIN, &mut Scratch::default());
            let bounded = pat.score_ascii(text.as_bytes(), floor, &mut Scratch::default());
            prop_assert_eq!(exact.is_some(), bounded.is_some());
            if let (Some(e), Some(b)) = (exact, bounded) {
                if b.exact {
                    prop_assert_eq!(e, b);
                } else {
                    prop_assert!(b.score < floor && e.score <= b.score && e.ceiling <= b.ceiling);
                    prop_assert_eq!(e.greedy_end, b.greedy_end);
                }
            }
        }

        #[test]
        fn equals_fresh_library_scores_on_texts_spanning_several_bitmap_words(
            text in "[abcAB _.-]{60,300}",
            pattern in "[abcAB _.-]{2,10}",
            hangul in "[a북사 -]{60,200}",
        ) {
            // Rows, ranks and cell lookups cross 64-unit word boundaries here.
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
            prop_assert_eq!(ported(&hangul, "a북"), reference(&hangul, "a북"));
        }

        #[test]
        fn contiguous_means_the_pattern_occurs_as_a_substring(
            text in "[abAB _-]{0,150}",
            pattern in "[abAB _-]{2,5}",
        ) {
            let pat = SkimPattern::new(&pattern);
            let scores = pat.score_ascii(text.as_bytes(), i32::MIN, &mut Scratch::default());
            let substring = if pat.case_sensitive() {
                text.contains(&pattern)
            } else {
                text.to_ascii_lowercase().contains(&pattern)
            };
            prop_assert_eq!(scores.is_some_and(|s| s.contiguous), substring);
        }

        #[test]
        fn equals_fresh_library_scores_on_longer_ascii_patterns(
            text in "[abcAB _.“”-]{0,60}",
            pattern in "[abcAB _.-]{2,12}",
        ) {
            prop_assert_eq!(ported(&text, &pattern), reference(&text, &pattern));
        }
    }
}
