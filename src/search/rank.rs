//! Parallel, cancellable mapping over candidates and the packed sort key of a hit.
//!
//! A hit is kept as one `u64` whose ascending order is the ranking order: inverted biased
//! score (high 32 bits), then "not a heading" (bit 31), then the id (low 31 bits, reading
//! order). Sorting plain integers is several times faster than a comparator that looks up
//! candidates, and keys are unique, so unstable sorts and `select_nth_unstable` are
//! deterministic.

use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

use super::Hit;
use super::matching::ThreadState;

pub(crate) const ID_MASK: u64 = (1 << 31) - 1;
const NOT_HEADING: u64 = 1 << 31;
const BIAS: i64 = 1 << 31;

/// Candidates scored per claim of a worker thread; cancellation is checked between chunks.
/// About 1–4 ms of work for long fuzzy queries.
pub(crate) const CHUNK: usize = 4096;

/// Packs a hit into its sort key; `heading_first` puts headings before equal scores.
pub(crate) fn key(id: u32, score: i64, heading_first: bool) -> u64 {
    let biased = (score.clamp(-BIAS, BIAS - 1) + BIAS) as u64;
    let inverted = u64::from(u32::MAX) - biased;
    let not_heading = if heading_first { 0 } else { NOT_HEADING };
    (inverted << 32) | not_heading | u64::from(id)
}

/// Unpacks a sort key.
pub(crate) fn hit(key: u64) -> Hit {
    let biased = u64::from(u32::MAX) - (key >> 32);
    Hit {
        id: (key & ID_MASK) as u32,
        score: biased as i64 - BIAS,
    }
}

/// One thread's running best `n` keys, giving a score threshold: the final `n`-th best score
/// is at least this thread's `n`-th best, so anything provably below it can be skipped.
#[derive(Default)]
pub(crate) struct Floor {
    want: usize,
    /// Max-heap of the best keys (larger key = worse hit).
    best: BinaryHeap<u64>,
}

impl Floor {
    /// Tracks the best `n` (0: track nothing).
    pub(crate) fn want(&mut self, n: usize) {
        self.want = n;
    }

    /// The `n`-th best score seen, once `n` hits were offered.
    pub(crate) fn threshold(&self) -> Option<i64> {
        if self.want == 0 || self.best.len() < self.want {
            return None;
        }
        self.best.peek().map(|&k| hit(k).score)
    }

    /// Records an exactly scored hit.
    pub(crate) fn offer(&mut self, key: u64) {
        if self.want == 0 {
            return;
        }
        if self.best.len() < self.want {
            self.best.push(key);
        } else if self.best.peek().is_some_and(|&worst| key < worst) {
            self.best.pop();
            self.best.push(key);
        }
    }
}

/// Threads to use: the machine's parallelism, but no more than there are chunks.
pub(crate) fn threads_for(len: usize) -> usize {
    let cores = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    cores.min(len.div_ceil(CHUNK)).max(1)
}

/// Calls `f` for every index in `0..len` on all cores (chunks of [`CHUNK`] claimed in turn)
/// and collects the `Some` results, in no particular order. Returns `None` if `cancel`
/// returned true; it is polled before each chunk.
///
/// Each chunk's results are collected on their own and copied once into a vector of the
/// exact size: growing one vector per thread and appending them would briefly hold about
/// three times the hits, and keep up to twice their size for as long as the hits live (a
/// one-letter query on a large library matches every sentence).
pub(crate) fn par_map<T, F>(len: usize, cancel: &(dyn Fn() -> bool + Sync), f: F) -> Option<Vec<T>>
where
    T: Send,
    F: Fn(usize, &mut ThreadState) -> Option<T> + Sync,
{
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let work = || {
        let mut state = ThreadState::default();
        let mut chunks: Vec<Vec<T>> = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= len || stop.load(Ordering::Relaxed) {
                break;
            }
            if cancel() {
                stop.store(true, Ordering::Relaxed);
                break;
            }
            let chunk: Vec<T> = (start..(start + CHUNK).min(len))
                .filter_map(|i| f(i, &mut state))
                .collect();
            if !chunk.is_empty() {
                chunks.push(chunk);
            }
        }
        chunks
    };
    let threads = threads_for(len);
    let chunks = if threads == 1 {
        work()
    } else {
        thread::scope(|s| {
            let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
            let mut chunks = work();
            for handle in handles {
                chunks.extend(handle.join().expect("search thread panicked"));
            }
            chunks
        })
    };
    if stop.load(Ordering::Relaxed) {
        return None;
    }
    let mut out = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        out.extend(chunk);
    }
    Some(out)
}

/// `f` of every item, in order, computed on all cores (contiguous parts, one per thread).
pub(crate) fn par_map_ordered<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = threads_for(items.len());
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let part = items.len().div_ceil(threads);
    thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = (items.chunks(part))
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            out.extend(handle.join().expect("search thread panicked"));
        }
        out
    })
}

/// Puts the best `n` keys first, in order (the rest stay unordered).
pub(crate) fn select_top(keys: &mut [u64], n: usize) {
    if n == 0 {
        return;
    }
    if n < keys.len() {
        keys.select_nth_unstable(n - 1);
        keys[..n].sort_unstable();
    } else {
        keys.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_by_score_then_heading_then_id() {
        let mut keys = [
            key(5, 10, false),
            key(1, 10, false),
            key(9, 10, true),
            key(2, 40, false),
            key(0, -3, true),
        ];
        keys.sort_unstable();
        let ids: Vec<u32> = keys.iter().map(|&k| hit(k).id).collect();
        assert_eq!(ids, [2, 9, 1, 5, 0]);
        assert_eq!(hit(key(7, -3, true)), Hit { id: 7, score: -3 });
        assert_eq!(hit(key(7, 123_456, false)).score, 123_456);
    }

    #[test]
    fn ordered_map_keeps_the_order_of_many_items() {
        let items: Vec<u32> = (0..50_000).collect();
        let doubled = par_map_ordered(&items, |&i| u64::from(i) * 2);
        assert!(doubled.iter().enumerate().all(|(i, &d)| d == 2 * i as u64));
    }

    #[test]
    fn select_top_matches_full_sort() {
        let mut a: Vec<u64> = (0..1000u32)
            .map(|i| key(i, i64::from(i * 7919 % 97), i % 5 == 0))
            .collect();
        let mut b = a.clone();
        b.sort_unstable();
        select_top(&mut a, 10);
        assert_eq!(a[..10], b[..10]);
    }
}
