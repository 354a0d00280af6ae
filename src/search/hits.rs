//! The hit set of one query: every verified hit with an exact score or an upper bound,
//! built fresh, by appending a char, or by adding a term, and ranked on demand.

use std::sync::atomic::{AtomicI64, Ordering};

use super::CandidateKind;
use super::index::Index;
use super::matching::{CONTIGUOUS_BONUS, HEADING_BONUS};
use super::query::{Query, Scope};
use super::rank::{hit, key, par_map, select_top};

const UNKNOWN_END: u32 = u32::MAX;

/// One hit of the current query: `rest` (everything but the last term) plus `last`. Either
/// part may be an upper bound instead of exact (while typing, most hits never need exact
/// scores); the hit itself is always verified.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    id: u32,
    /// Score of the other terms plus the heading bonus; exact if `rest_exact`, else a bound.
    rest: i64,
    rest_exact: bool,
    /// The last term's contribution, when `last_exact`.
    last: i64,
    last_exact: bool,
    /// The last term's skim ceiling: exact when `last_exact`, otherwise an upper bound.
    ceiling: i32,
    /// Byte offset just past skim's greedy match of the last term, if known.
    end: u32,
}

impl Entry {
    fn scored(&self) -> bool {
        self.rest_exact && self.last_exact
    }

    /// The score if scored, else an upper bound on it.
    fn bound(&self) -> i64 {
        let last = if self.last_exact {
            self.last
        } else {
            i64::from(self.ceiling) + CONTIGUOUS_BONUS
        };
        self.rest + last
    }
}

fn end_of(end: Option<usize>) -> u32 {
    end.and_then(|e| u32::try_from(e).ok())
        .unwrap_or(UNKNOWN_END)
}

/// A query and all of its hits.
#[derive(Clone)]
pub(crate) struct Last {
    pub(crate) query: Query,
    pub(crate) entries: Vec<Entry>,
    /// Sort keys of the best hits in ranking order; every hit not in it ranks below it.
    pub(crate) top: Vec<u64>,
    /// Every entry is scored and `top` holds them all.
    pub(crate) complete: bool,
}

/// Ids of a non-`All` scope's candidates, ascending; `None` for `All` (every id).
pub(crate) fn scope_ids(index: &Index, scope: Scope) -> Option<&[u32]> {
    let kind = match scope {
        Scope::All => return None,
        Scope::Headings => CandidateKind::Heading,
        Scope::Facts => CandidateKind::Fact,
        Scope::Glossary => CandidateKind::Glossary,
        Scope::Bookmarks => CandidateKind::Bookmark,
    };
    Some(index.ids_of(kind))
}

/// Scores `count` candidates (`id_at(i)`) from scratch. With `want > 0` only the best `want`
/// must come out exact: each thread keeps its running best and stops scoring a candidate as
/// soon as it provably cannot reach them (such entries stay unscored, with a bound).
pub(crate) fn score_fresh(
    index: &Index,
    query: &Query,
    want: usize,
    count: usize,
    id_at: impl Fn(usize) -> u32 + Sync,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Entry>> {
    let heading_first = query.is_scored();
    let want = if want >= count { 0 } else { want };
    // Each thread's n-th best score bounds the global one from below, so the largest of them
    // is shared to let every thread skip more.
    let shared = AtomicI64::new(i64::MIN);
    par_map(count, cancel, |i, state| {
        let id = id_at(i);
        state.floor.want(want);
        let threshold = state
            .floor
            .threshold()
            .max(Some(shared.load(Ordering::Relaxed)))
            .filter(|&t| t > i64::MIN);
        let s = query.score(index, id, threshold, state)?;
        if s.rest_exact && s.last_exact {
            let heading = heading_first && index.is_heading(id);
            state.floor.offer(key(id, s.rest + s.last, heading));
            if let Some(t) = state.floor.threshold() {
                shared.fetch_max(t, Ordering::Relaxed);
            }
        }
        Some(Entry {
            id,
            rest: s.rest,
            rest_exact: s.rest_exact,
            last: s.last,
            last_exact: s.last_exact,
            ceiling: s.ceiling,
            end: end_of(s.end),
        })
    })
}

/// Hits of `query`, which narrows the query whose hits are `old`: those candidates rescored
/// (see [`score_fresh`] for `want`).
pub(crate) fn rescore_hits(
    index: &Index,
    query: &Query,
    want: usize,
    old: &[Entry],
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Entry>> {
    score_fresh(index, query, want, old.len(), |i| old[i].id, cancel)
}

/// Hits of a query in its scope, scored from scratch (see [`score_fresh`] for `want`).
pub(crate) fn score_scope(
    index: &Index,
    query: &Query,
    want: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Entry>> {
    match scope_ids(index, query.scope()) {
        Some(ids) => score_fresh(index, query, want, ids.len(), |i| ids[i], cancel),
        None => score_fresh(index, query, want, index.len(), |i| i as u32, cancel),
    }
}

/// Hits of `query`, which appends one char to the query whose hits are `old`: each old hit is
/// kept if skim's greedy match extends by the new char, unscored, with its bound raised.
pub(crate) fn extend_hits(
    index: &Index,
    query: &Query,
    old: &[Entry],
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Entry>> {
    par_map(old.len(), cancel, |i, _| {
        let e = old[i];
        let text = index.text(e.id);
        let end = if e.end == UNKNOWN_END {
            query.last_end(text)?
        } else {
            query.extend_last(text, e.end as usize)?
        };
        Some(Entry {
            last: 0,
            last_exact: false,
            ceiling: e.ceiling.saturating_add(query.append_growth(text)),
            end: end_of(Some(end)),
            ..e
        })
    })
}

/// Hits of `query`, which adds a last term to the query whose hits are `old`: the old score
/// (or its bound) becomes `rest`, and only the new term is scored.
pub(crate) fn add_term_hits(
    index: &Index,
    query: &Query,
    previous: &Query,
    old: &[Entry],
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Entry>> {
    par_map(old.len(), cancel, |i, state| {
        let e = old[i];
        let (last, ceiling, end, _) = query.score_new_last(index, e.id, state)?;
        let rest = if previous.is_scored() {
            e.bound()
        } else if index.is_heading(e.id) {
            HEADING_BONUS
        } else {
            0
        };
        Some(Entry {
            id: e.id,
            rest,
            rest_exact: e.scored() || !previous.is_scored(),
            last,
            last_exact: true,
            ceiling,
            end: end_of(end),
        })
    })
}

impl Last {
    fn key(&self, index: &Index, e: &Entry) -> u64 {
        let heading_first = self.query.is_scored() && index.is_heading(e.id);
        key(e.id, e.rest + e.last, heading_first)
    }

    /// Scores the entries at `positions` (all unscored) exactly, in parallel. (Stopping
    /// early here would leave loose bounds that make the next keystroke rescore more.)
    fn score_positions(
        &mut self,
        index: &Index,
        positions: &[usize],
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let (query, entries) = (&self.query, &self.entries);
        let scored = par_map(positions.len(), cancel, |j, state| {
            let at = positions[j];
            let e = entries[at];
            if e.rest_exact {
                let (last, ceiling) = query.score_last(index, e.id, state);
                Some((at, e.rest, last, ceiling))
            } else {
                let s = query.score(index, e.id, None, state).expect("verified hit");
                Some((at, s.rest, s.last, s.ceiling))
            }
        })?;
        for (at, rest, last, ceiling) in scored {
            let e = &mut self.entries[at];
            (e.rest, e.rest_exact, e.last_exact, e.last, e.ceiling) =
                (rest, true, true, last, ceiling);
        }
        Some(())
    }

    /// Makes `top` hold at least the best `n` hits (or all), scoring unscored entries in
    /// descending bound order until none can reach the `n`-th score.
    pub(crate) fn ensure_top(
        &mut self,
        index: &Index,
        n: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        let n = n.min(self.entries.len());
        if self.complete || self.top.len() >= n {
            return Some(());
        }
        let mut best: Vec<u64> = self
            .entries
            .iter()
            .filter(|e| e.scored())
            .map(|e| self.key(index, e))
            .collect();
        select_top(&mut best, n);
        best.truncate(n);
        let mut pending: Vec<(i64, usize)> = (self.entries.iter().enumerate())
            .filter(|(_, e)| !e.scored())
            .map(|(at, e)| (e.bound(), at))
            .collect();
        pending.sort_unstable_by(|a, b| b.cmp(a));
        let (mut next, mut batch) = (0, (4 * n).max(16));
        loop {
            let threshold = (best.len() >= n).then(|| hit(best[n - 1]).score);
            let positions: Vec<usize> = pending[next..]
                .iter()
                .take(batch)
                .take_while(|(bound, _)| threshold.is_none_or(|t| *bound >= t))
                .map(|&(_, at)| at)
                .collect();
            if positions.is_empty() {
                break;
            }
            self.score_positions(index, &positions, cancel)?;
            let scored = positions.iter().filter(|&&at| self.entries[at].scored());
            best.extend(scored.map(|&at| self.key(index, &self.entries[at])));
            select_top(&mut best, n);
            best.truncate(n);
            next += positions.len();
            batch *= 2;
        }
        self.top = best;
        Some(())
    }

    /// Scores every entry and sorts them all into `top`.
    pub(crate) fn complete(
        &mut self,
        index: &Index,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<()> {
        if self.complete {
            return Some(());
        }
        let positions: Vec<usize> = (0..self.entries.len())
            .filter(|&at| !self.entries[at].scored())
            .collect();
        self.score_positions(index, &positions, cancel)?;
        let mut keys: Vec<u64> = self.entries.iter().map(|e| self.key(index, e)).collect();
        keys.sort_unstable();
        self.top = keys;
        self.complete = true;
        Some(())
    }
}
