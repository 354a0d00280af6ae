//! Full ranking time of any query over the search bench's synthetic library (100,000
//! sentences + 10,000 headings): best of N fresh `Searcher::search` runs, with the hit count.
//! For queries outside the criterion bench's fixed set.
//!
//! `target/release/examples/rank-time "international cooperation" 10`

use std::sync::Arc;
use std::time::Instant;

use dossier::search::generate::synthetic_candidates;
use dossier::search::{Index, Searcher};

fn main() {
    let mut args = std::env::args().skip(1);
    let query = args.next().unwrap_or_else(|| "sanctions ev".to_owned());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let index = Arc::new(Index::new(synthetic_candidates(100_000, 10_000, 42)));
    let mut best = f64::MAX;
    let mut hits = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        hits = Searcher::new(Arc::clone(&index)).search(&query).len();
        best = best.min(started.elapsed().as_secs_f64() * 1e3);
    }
    println!("{query:?}: {hits} hits, full ranking best of {runs}: {best:.1} ms");
}
