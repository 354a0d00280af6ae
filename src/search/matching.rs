//! Scores one candidate against a parsed query: exclusions, prefilter, skim score, bonuses.

use super::ascii;
use super::index::Index;
use super::query::{Query, Term, TermKind};
use super::rank::Floor;
use super::scan::{find_byte, squash};
use super::skim::{Scores, Scratch};

/// Added to a heading's score when the query has terms, so a heading beats a body sentence
/// of equal match quality (about half of one matched character).
pub const HEADING_BONUS: i64 = 8;

/// Added per fuzzy term of two or more chars that matches consecutive chars of a candidate
/// (each compared as skim compares them, so with the term's case rule). skim scores a
/// contiguous run and an acronym with one-char gaps alike (+20 per char); this makes
/// contiguous matches rank above word-start ones.
pub const CONTIGUOUS_BONUS: i64 = 8;

/// Per-thread buffers for scoring.
#[derive(Default)]
pub(crate) struct ThreadState {
    skim: Scratch,
    /// The current candidate squashed to a byte per char (non-ASCII text, ASCII terms).
    bytes: Vec<u8>,
    /// The current candidate decoded (non-ASCII text, non-ASCII terms).
    chars: Vec<char>,
    /// This thread's best hits so far, when only the best few are wanted.
    pub(crate) floor: Floor,
}

/// Which per-candidate buffers of [`ThreadState`] hold the current candidate.
#[derive(Default)]
struct Prepared {
    bytes: bool,
    chars: bool,
}

/// A candidate as the scorer reads it, looked up in the index once per candidate.
#[derive(Clone, Copy)]
struct View<'a> {
    text: &'a str,
    /// The folded copy; `None` for ASCII text (compared ignoring case in place).
    folded: Option<&'a str>,
}

impl<'a> View<'a> {
    fn of(index: &'a Index, id: u32) -> Self {
        Self {
            text: index.text(id),
            folded: index.folded(id),
        }
    }

    fn is_ascii(&self) -> bool {
        self.folded.is_none()
    }
}

/// A hit's score split for narrowing: `total = rest + last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scored {
    /// Everything but the last term: other terms and the heading bonus.
    pub(crate) rest: i64,
    /// False when a term of `rest` stopped early below the threshold: `rest` is then an
    /// upper bound (the hit itself is verified).
    pub(crate) rest_exact: bool,
    /// The last term's contribution (skim score plus contiguity bonus).
    pub(crate) last: i64,
    /// False when the last term stopped early: `last` is then 0 and `ceiling` a bound.
    pub(crate) last_exact: bool,
    /// The last term's skim ceiling (see [`Scores::ceiling`]).
    pub(crate) ceiling: i32,
    /// Byte offset just past skim's greedy match of the last term, when cheaply known.
    pub(crate) end: Option<usize>,
}

/// One term's result for a candidate: contribution (or its bound when not exact), skim
/// ceiling, greedy match end in bytes when known, exactness.
type TermScore = (i64, i32, Option<usize>, bool);

/// Cheap necessary condition for a fuzzy match: the folded term's chars occur in order in the
/// folded candidate. Any skim match implies it (skim's char equality implies equal folds), so
/// skipping candidates that fail it never changes results.
pub(crate) fn prefilter(folded: &str, chars: &[char]) -> bool {
    let mut rest = folded;
    for &c in chars {
        match rest.find(c) {
            Some(i) => rest = &rest[i + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// Byte offset just past skim's greedy match of `chars` in `text`, starting at byte `from`
/// (skim's own match test, on the original text with the term's case rule).
pub(crate) fn greedy_end(
    text: &str,
    chars: &[char],
    case_sensitive: bool,
    from: usize,
) -> Option<usize> {
    let mut at = from;
    for &c in chars {
        let found = if c.is_ascii() {
            find_byte(text.as_bytes(), at, c as u8, case_sensitive)?
        } else {
            at + text.get(at..)?.find(c)?
        };
        at = found + c.len_utf8();
    }
    Some(at)
}

/// The term's skim scores against candidate `id`. ASCII terms run on bytes (non-ASCII text
/// squashed once per candidate); other terms on decoded chars (they cannot match ASCII text).
fn skim_scores(
    term: &Term,
    view: View<'_>,
    floor: i32,
    prepared: &mut Prepared,
    state: &mut ThreadState,
) -> Option<Scores> {
    let text = view.text;
    if term.skim.is_ascii() {
        if view.is_ascii() {
            term.skim
                .score_ascii(text.as_bytes(), floor, &mut state.skim)
        } else {
            if !prepared.bytes {
                squash(text, &mut state.bytes);
                prepared.bytes = true;
            }
            term.skim.score_ascii(&state.bytes, floor, &mut state.skim)
        }
    } else if view.is_ascii() {
        None
    } else {
        if !prepared.chars {
            state.chars.clear();
            state.chars.extend(text.chars());
            prepared.chars = true;
        }
        term.skim.score_chars(&state.chars, floor, &mut state.skim)
    }
}

/// Whether candidate `id` can match `term` at all: the fuzzy prefilter, or the literal
/// condition itself. Cheap next to skim's scoring, so a query checks every term before
/// scoring any.
fn possible(term: &Term, view: View<'_>) -> bool {
    if term.kind != TermKind::Fuzzy {
        return term.literal_match(view.text, view.folded);
    }
    match view.folded {
        Some(folded) => prefilter(folded, &term.folded_chars),
        None => ascii::subsequence(view.text.as_bytes(), &term.folded_chars),
    }
}

/// One term's contribution, skim ceiling and greedy end, or `None` if it does not match;
/// the candidate passed [`possible`] for it. A fuzzy term may stop early when its skim
/// score provably stays below `floor`.
fn term_score(
    term: &Term,
    view: View<'_>,
    floor: i32,
    prepared: &mut Prepared,
    state: &mut ThreadState,
) -> Option<TermScore> {
    if term.kind == TermKind::Fuzzy {
        let scores = skim_scores(term, view, floor, prepared, state)?;
        let end = view.is_ascii().then_some(scores.greedy_end);
        if !scores.exact {
            return Some((i64::from(scores.score), scores.ceiling, end, false));
        }
        let bonus = if scores.contiguous {
            CONTIGUOUS_BONUS
        } else {
            0
        };
        // Units are bytes for ASCII text, so the greedy end is a byte offset there.
        Some((i64::from(scores.score) + bonus, scores.ceiling, end, true))
    } else {
        // An exact hit that skim cannot see (e.g. non-ASCII case folding) still ranks.
        let fallback = 16 * term.skim.len() as i32;
        let scores = skim_scores(term, view, i32::MIN, prepared, state).unwrap_or(Scores {
            score: fallback,
            ceiling: fallback,
            greedy_end: 0,
            exact: true,
            contiguous: false,
        });
        Some((i64::from(scores.score), scores.ceiling, None, true))
    }
}

impl Query {
    /// Score of candidate `id` (scope not checked), or `None` if it is not a hit. With a
    /// `threshold`, the last term may stop early (inexact result) when the total provably
    /// stays below it.
    pub(crate) fn score(
        &self,
        index: &Index,
        id: u32,
        threshold: Option<i64>,
        state: &mut ThreadState,
    ) -> Option<Scored> {
        let view = View::of(index, id);
        if self
            .excluded
            .iter()
            .any(|t| t.literal_match(view.text, view.folded))
            || !self.terms.iter().all(|t| possible(t, view))
        {
            return None;
        }
        let mut prepared = Prepared::default();
        let heading = if self.is_scored() && index.is_heading(id) {
            HEADING_BONUS
        } else {
            0
        };
        // With a threshold, the costliest (longest fuzzy) term may stop early; every other
        // term is scored exactly first, so the floor it gets is as high as possible.
        let pruned = threshold.and_then(|_| {
            (self.terms.iter().enumerate())
                .filter(|(_, t)| t.kind == TermKind::Fuzzy)
                .max_by_key(|&(i, t)| (t.skim.len(), i))
                .map(|(i, _)| i)
        });
        let last_at = self.terms.len().checked_sub(1);
        let mut scored = Scored {
            rest: heading,
            rest_exact: true,
            last: 0,
            last_exact: true,
            ceiling: 0,
            end: None,
        };
        let mut add = |i: usize, (contribution, ceiling, end, exact): TermScore| {
            if Some(i) == last_at {
                scored.last = if exact { contribution } else { 0 };
                (scored.last_exact, scored.ceiling, scored.end) = (exact, ceiling, end);
            } else if exact {
                scored.rest += contribution;
            } else {
                scored.rest += contribution + CONTIGUOUS_BONUS;
                scored.rest_exact = false;
            }
        };
        let mut known = heading;
        for (i, term) in (self.terms.iter().enumerate()).filter(|&(i, _)| Some(i) != pruned) {
            let result = term_score(term, view, i32::MIN, &mut prepared, state)?;
            known += result.0;
            add(i, result);
        }
        if let Some(i) = pruned {
            let floor = skim_floor(threshold, known);
            add(
                i,
                term_score(&self.terms[i], view, floor, &mut prepared, state)?,
            );
        }
        Some(scored)
    }

    /// The last term's exact `(contribution, ceiling)` for a candidate known to match it.
    pub(crate) fn score_last(&self, index: &Index, id: u32, state: &mut ThreadState) -> (i64, i32) {
        let (last, ceiling, _, _) = self.score_new_last(index, id, state).expect("verified hit");
        (last, ceiling)
    }

    /// Whether `self` is `previous` with exactly one char appended to its last term, which is
    /// fuzzy in both with the same case rule. Then skim's matrix rows for the old pattern are
    /// unchanged and [`Query::append_growth`] bounds the change.
    pub(crate) fn appends_to(&self, previous: &Query) -> bool {
        let (Some(new), Some(old)) = (self.terms.last(), previous.terms.last()) else {
            return false;
        };
        let n = self.terms.len();
        self.scope() == previous.scope()
            && n == previous.terms.len()
            && self.excluded == previous.excluded
            && self.terms[..n - 1] == previous.terms[..n - 1]
            && new.kind == TermKind::Fuzzy
            && old.kind == TermKind::Fuzzy
            && new.case_sensitive == old.case_sensitive
            && new.skim.len() == old.skim.len() + 1
            && new.skim.chars().starts_with(old.skim.chars())
    }

    /// Extends skim's greedy match of the last term by its final char, from byte `after`
    /// (just past the previous greedy match); `None` if the candidate no longer matches.
    pub(crate) fn extend_last(&self, text: &str, after: usize) -> Option<usize> {
        let term = self.terms.last().expect("a scored query has terms");
        let last = *term.skim.chars().last().expect("non-empty term");
        greedy_end(text, &[last], term.case_sensitive, after)
    }

    /// Byte offset just past skim's greedy match of the whole last term.
    pub(crate) fn last_end(&self, text: &str) -> Option<usize> {
        let term = self.terms.last()?;
        greedy_end(text, term.skim.chars(), term.case_sensitive, 0)
    }
}

/// The skim score the last term needs so that `rest` plus it (and a contiguity bonus) can
/// reach `threshold`.
fn skim_floor(threshold: Option<i64>, rest: i64) -> i32 {
    threshold.map_or(i32::MIN, |t| {
        let needed = t - rest - CONTIGUOUS_BONUS;
        i32::try_from(needed).unwrap_or(if needed > 0 { i32::MAX } else { i32::MIN })
    })
}

impl Query {
    /// How much the appended char can raise the last term's ceiling in `text` (see
    /// [`Query::appends_to`]).
    pub(crate) fn append_growth(&self, text: &str) -> i32 {
        self.terms.last().map_or(0, |t| t.skim.last_growth_in(text))
    }

    /// Whether `self` is `previous` plus one more term at the end (same scope, same
    /// exclusions, earlier terms identical): `previous`'s score is then the new `rest`.
    pub(crate) fn adds_term_to(&self, previous: &Query) -> bool {
        let n = self.terms.len();
        self.scope() == previous.scope()
            && self.excluded == previous.excluded
            && n == previous.terms.len() + 1
            && self.terms[..n - 1] == previous.terms[..]
    }

    /// The last term alone, scored exactly: `(contribution, ceiling, greedy end)`, or `None`
    /// if the candidate does not match it.
    pub(crate) fn score_new_last(
        &self,
        index: &Index,
        id: u32,
        state: &mut ThreadState,
    ) -> Option<TermScore> {
        let term = self.terms.last()?;
        let view = View::of(index, id);
        if !possible(term, view) {
            return None;
        }
        term_score(term, view, i32::MIN, &mut Prepared::default(), state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::fold;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prefilter_accepts_every_skim_match(
            text in "[aAbBİıK é북사 .-]{0,30}",
            pattern in "[aAbBİK é북]{1,4}",
        ) {
            let skim = fuzzy_matcher::skim::SkimMatcherV2::default();
            let matched = skim.fuzzy(&text, &pattern, false).is_some();
            if matched {
                let chars: Vec<char> = fold(&pattern).chars().collect();
                prop_assert!(prefilter(&fold(&text), &chars));
            }
            let chars: Vec<char> = pattern.chars().collect();
            let cs = pattern.chars().any(|c| c.is_ascii_uppercase());
            prop_assert_eq!(greedy_end(&text, &chars, cs, 0).is_some(), matched);
        }
    }
}
