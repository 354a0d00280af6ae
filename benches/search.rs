//! Search latency over 100,000 synthetic sentences and 10,000 headings.
//!
//! Groups:
//! - `preview_top50`: the first screen the finder shows for a query pasted into an empty box
//!   (or any query that cannot narrow the last one): the best 50 of a sample spread over the
//!   scope (every 16th candidate here; `Searcher::preview`), shown until the full ranking.
//! - `fresh_top50`: the true top 50 of such a query (new `Searcher`), which replaces it.
//! - `fresh_full`: complete ranking of every hit.
//! - `narrow_top50`: the last keystroke of a query typed one char at a time (the state before
//!   it was built by typing the prefix, as in the TUI).
//! - `typing_top50`: a whole query typed one char at a time; divide by its length for the
//!   mean per keystroke.
//!
//! Run with `cargo bench --bench search -- --warm-up-time 1 --measurement-time 2`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dossier::search::generate::synthetic_candidates;
use dossier::search::{Index, Searcher};

/// 1, 3, 6 and 12 chars; `internationa` is the slowest twelve-char query found (its letters
/// are the commonest in the generated sentences), `sanctions ev` a two-term one.
const QUERIES: [&str; 6] = [
    "c",
    "gov",
    "policy",
    "cryptocurren",
    "internationa",
    "sanctions ev",
];

fn typed(index: &Arc<Index>, text: &str) -> Searcher {
    let mut searcher = Searcher::new(Arc::clone(index));
    for (end, _) in text.char_indices().skip(1) {
        searcher.top(&text[..end], 50);
    }
    if !text.is_empty() {
        searcher.top(text, 50);
    }
    searcher
}

fn bench(c: &mut Criterion) {
    let index = Arc::new(Index::new(synthetic_candidates(100_000, 10_000, 42)));

    let mut group = c.benchmark_group("preview_top50");
    for q in QUERIES {
        let searcher = Searcher::new(Arc::clone(&index));
        group.bench_function(q, |b| {
            b.iter(|| searcher.preview(black_box(q), 50, &|| false));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("fresh_top50");
    for q in QUERIES {
        group.bench_function(q, |b| {
            b.iter(|| Searcher::new(Arc::clone(&index)).top(black_box(q), 50));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("fresh_full");
    for q in QUERIES {
        group.bench_function(q, |b| {
            b.iter(|| Searcher::new(Arc::clone(&index)).search(black_box(q)).len());
        });
    }
    group.finish();

    let mut group = c.benchmark_group("narrow_top50");
    for q in QUERIES {
        let prepared = typed(&index, &q[..q.len() - 1]);
        group.bench_function(q, |b| {
            b.iter_batched(
                || prepared.clone(),
                |mut s| s.top(black_box(q), 50),
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();

    let mut group = c.benchmark_group("typing_top50");
    for word in ["policy", "cryptocurrency", "sanctions evasion"] {
        group.bench_function(word, |b| b.iter(|| typed(&index, black_box(word)).total()));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
