//! Background search thread for the TUI: submit queries as the user types, poll for results.
//!
//! Protocol: the UI tags every submission with a generation number that increases per
//! keystroke. The worker always runs the newest submission it has; while ranking it checks
//! between chunks whether a newer generation was submitted and, if so, abandons the job (the
//! searcher's narrowing state stays at the last *completed* query, so it is never corrupted).
//! [`Worker::try_recv`] never blocks and only ever returns results of the newest submission,
//! so a slow, stale query can never overwrite a fresher screen.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::Hit;
use super::index::Index;
use super::searcher::Searcher;

/// The answer to one submission.
#[derive(Clone, Debug)]
pub struct Results {
    /// Generation given to [`Worker::submit`].
    pub generation: u64,
    /// The query text as submitted.
    pub query: String,
    /// The best hits, best first, at most the worker's limit.
    pub hits: Vec<Hit>,
    /// Total number of hits (0 while `partial`).
    pub total: usize,
    /// A first screen from a sample of the library (see [`Searcher::preview`]); the full
    /// ranking follows unless a newer query supersedes it.
    pub partial: bool,
}

struct Job {
    generation: u64,
    query: String,
}

/// Owns a search thread with its own [`Searcher`] (so narrowing works across keystrokes).
pub struct Worker {
    jobs: Option<Sender<Job>>,
    results: Receiver<Results>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; each result carries at most `limit` hits (a screenful or two).
    pub fn new(index: Arc<Index>, limit: usize) -> Self {
        let (job_tx, job_rx) = mpsc::channel::<Job>();
        let (result_tx, result_rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        let thread = thread::Builder::new()
            .name("dossier-search".into())
            .spawn(move || {
                run(
                    &mut Searcher::new(index),
                    limit,
                    &job_rx,
                    &result_tx,
                    &shared,
                );
            })
            .expect("spawn search thread");
        Self {
            jobs: Some(job_tx),
            results: result_rx,
            latest,
            thread: Some(thread),
        }
    }

    /// Queues `query`; any job with a smaller generation is abandoned or its result dropped.
    /// Generations must increase from one submission to the next.
    pub fn submit(&self, generation: u64, query: String) {
        self.latest.fetch_max(generation, Ordering::AcqRel);
        if let Some(jobs) = &self.jobs {
            // A send error means the thread is gone; try_recv then simply returns None.
            let _ = jobs.send(Job { generation, query });
        }
    }

    /// The newest finished results for the newest submission, if any; never blocks.
    pub fn try_recv(&self) -> Option<Results> {
        let mut newest = None;
        while let Ok(results) = self.results.try_recv() {
            newest = Some(results);
        }
        newest.filter(|r| r.generation >= self.latest.load(Ordering::Acquire))
    }

    /// Blocks until the complete (not [`partial`](Results::partial)) results for the newest
    /// submission arrive (for the CLI and tests); `None` if the thread has stopped.
    pub fn recv(&self) -> Option<Results> {
        loop {
            let results = self.results.recv().ok()?;
            if !results.partial && results.generation >= self.latest.load(Ordering::Acquire) {
                return Some(results);
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.jobs.take();
        self.latest.store(u64::MAX, Ordering::Release);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(
    searcher: &mut Searcher,
    limit: usize,
    jobs: &Receiver<Job>,
    results: &Sender<Results>,
    latest: &AtomicU64,
) {
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let generation = job.generation;
        let superseded = || latest.load(Ordering::Acquire) > generation;
        if superseded() {
            continue;
        }
        let send = |hits, total, partial| {
            results
                .send(Results {
                    generation,
                    query: job.query.clone(),
                    hits,
                    total,
                    partial,
                })
                .is_ok()
        };
        if let Some(hits) = searcher.preview(&job.query, limit, &superseded)
            && !send(hits, 0, true)
        {
            return;
        }
        if let Some(hits) = searcher.try_top(&job.query, limit, &superseded)
            && !send(hits, searcher.total(), false)
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::generate::synthetic_candidates;
    use crate::search::search_all;

    #[test]
    fn returns_results_of_the_newest_submission() {
        let index = Arc::new(Index::new(synthetic_candidates(3000, 300, 1)));
        let worker = Worker::new(Arc::clone(&index), 20);
        worker.submit(1, "l".into());
        worker.submit(2, "la".into());
        worker.submit(3, "laz".into());
        let results = worker.recv().expect("worker alive");
        assert_eq!(results.generation, 3);
        assert_eq!(results.query, "laz");
        assert_eq!(results.hits, search_all(&index, "laz", 20));
        assert_eq!(results.total, search_all(&index, "laz", usize::MAX).len());
        assert!(worker.try_recv().is_none());
    }

    #[test]
    fn narrowing_across_submissions_matches_one_shot_search() {
        let index = Arc::new(Index::new(synthetic_candidates(2000, 200, 2)));
        let worker = Worker::new(Arc::clone(&index), 10);
        for (generation, query) in ["s", "sa", "san", "sanc", "sanc !us"].iter().enumerate() {
            worker.submit(generation as u64 + 1, (*query).to_string());
            let results = worker.recv().expect("worker alive");
            assert_eq!(results.hits, search_all(&index, query, 10), "{query}");
        }
    }

    #[test]
    fn a_fresh_query_on_a_large_library_shows_a_preview_then_the_full_ranking() {
        let index = Arc::new(Index::new(synthetic_candidates(40_000, 4_000, 5)));
        let worker = Worker::new(Arc::clone(&index), 20);
        worker.submit(1, "sanctions ev".into());
        let preview = worker.results.recv().expect("worker alive");
        assert!(preview.partial, "the preview comes first");
        assert_eq!(preview.generation, 1);
        assert!(!preview.hits.is_empty());
        let full = worker.results.recv().expect("worker alive");
        assert!(!full.partial);
        assert_eq!(full.hits, search_all(&index, "sanctions ev", 20));
        assert_eq!(
            full.total,
            search_all(&index, "sanctions ev", usize::MAX).len()
        );
        // Typing on narrows the ranked hits: no preview.
        worker.submit(2, "sanctions eva".into());
        let next = worker.results.recv().expect("worker alive");
        assert!(!next.partial);
        assert_eq!(next.hits, search_all(&index, "sanctions eva", 20));
    }
}
