//! Converting papers in the background: the files a converter must read (see
//! [`Library::open_staged`](crate::library::Library::open_staged)) are converted on worker
//! threads, in order, while the reader shows the others; each reports its progress and its
//! paper (or why it failed) through a channel the reader polls.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use crate::document::Paper;
use crate::import::Cache;
use crate::library::{Deferred, LoadError, load_file_with_progress};

/// What a worker reports.
#[derive(Debug)]
pub enum Loaded {
    /// How far the conversion of the paper at `slot` is (for a PDF: pages).
    Progress {
        /// The paper's index in the library.
        slot: usize,
        /// Pages (or other units) done.
        done: usize,
        /// Pages in all.
        total: usize,
    },
    /// The paper at `slot` is converted, or could not be.
    Done {
        /// The paper's index in the library.
        slot: usize,
        /// The paper, or why not.
        result: Box<Result<Paper, LoadError>>,
    },
}

/// The background conversion of deferred files. Dropping it stops the workers after the file
/// each is converting (a converter is bounded in time, and its cache entry is written whole
/// or not at all).
#[derive(Debug)]
pub struct Loader {
    rx: Receiver<Loaded>,
    left: usize,
    stop: Arc<AtomicBool>,
}

impl Loader {
    /// Starts converting `files` through `cache` on as many workers as there are cores (at
    /// most one per file), the first files first.
    pub fn start(files: Vec<Deferred>, cache: &Cache) -> Loader {
        let (tx, rx) = std::sync::mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let left = files.len();
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(files.len());
        let files = Arc::new(files);
        let next = Arc::new(AtomicUsize::new(0));
        for n in 0..workers {
            let job = Job {
                files: Arc::clone(&files),
                next: Arc::clone(&next),
                stop: Arc::clone(&stop),
                cache: cache.clone(),
                tx: tx.clone(),
            };
            let spawned = std::thread::Builder::new()
                .name(format!("dossier-convert-{n}"))
                .spawn(move || job.run());
            if spawned.is_err() && n == 0 {
                // No thread to be had: convert here rather than never.
                Job {
                    files: Arc::clone(&files),
                    next: Arc::clone(&next),
                    stop: Arc::clone(&stop),
                    cache: cache.clone(),
                    tx: tx.clone(),
                }
                .run();
            }
        }
        Loader { rx, left, stop }
    }

    /// The next report if one is waiting.
    pub fn try_next(&mut self) -> Option<Loaded> {
        if self.left == 0 {
            return None;
        }
        match self.rx.try_recv() {
            Ok(loaded) => Some(self.count(loaded)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.left = 0;
                None
            }
        }
    }

    /// The next report, waiting at most `timeout` for it.
    pub fn next_within(&mut self, timeout: Duration) -> Option<Loaded> {
        if self.left == 0 {
            return None;
        }
        match self.rx.recv_timeout(timeout) {
            Ok(loaded) => Some(self.count(loaded)),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.left = 0;
                None
            }
        }
    }

    /// Whether every file has been reported done (or the workers are gone).
    pub fn finished(&self) -> bool {
        self.left == 0
    }

    /// Files not reported done yet.
    pub fn left(&self) -> usize {
        self.left
    }

    fn count(&mut self, loaded: Loaded) -> Loaded {
        if matches!(loaded, Loaded::Done { .. }) {
            self.left = self.left.saturating_sub(1);
        }
        loaded
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// One worker: takes the next file until there is none or the loader is dropped.
struct Job {
    files: Arc<Vec<Deferred>>,
    next: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    cache: Cache,
    tx: Sender<Loaded>,
}

impl Job {
    fn run(self) {
        while !self.stop.load(Ordering::Relaxed) {
            let Some(file) = self.files.get(self.next.fetch_add(1, Ordering::Relaxed)) else {
                return;
            };
            let slot = file.slot;
            let tx = &self.tx;
            let progress = |done: usize, total: usize| {
                let _ = tx.send(Loaded::Progress { slot, done, total });
            };
            let result = load_file_with_progress(&file.path, &self.cache, &progress);
            let result = Box::new(result);
            if self.tx.send(Loaded::Done { slot, result }).is_err() {
                return;
            }
        }
    }
}
