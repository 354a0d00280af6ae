//! Whether a cache of parsed papers could pay for itself: what loading a folder costs, split
//! into the parts a cache would still pay and the part it could save.
//! `cargo run --release --example load-breakdown -- DIR [RUNS]`.
//!
//! A cache keyed by path, size, mtime and content hash must still read every file and hash
//! it, then build the same in-memory papers from its own format; cloning the parsed papers
//! is a lower bound for that last step (no decoding, only the allocations and copies).

use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier::library::Library;

fn median(mut runs: Vec<Duration>) -> f64 {
    runs.sort();
    runs[runs.len() / 2].as_secs_f64() * 1e3
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: load-breakdown DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    let read = time(runs, || {
        files
            .iter()
            .map(|f| std::fs::read(f).map_or(0, |b| b.len()))
            .sum::<usize>()
    });
    let hasher = std::collections::hash_map::RandomState::new();
    let read_hash = time(runs, || {
        files
            .iter()
            .map(|f| {
                let data = std::fs::read(f).unwrap_or_default();
                let mut h = hasher.build_hasher();
                h.write(&data);
                h.finish()
            })
            .fold(0, u64::wrapping_add)
    });
    let load = time(runs, || {
        Library::open(std::slice::from_ref(&PathBuf::from(&dir)))
    });
    let library = Library::open(&[PathBuf::from(&dir)]);
    let clone = time(runs, || library.papers.clone());
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB, median of {runs} runs:\n  read only (one core)          {read:7.1} ms\n  read + hash (one core)        {read_hash:7.1} ms\n  load = read + parse (2 cores) {load:7.1} ms ({:.0} MB/s)\n  clone of the parsed papers    {clone:7.1} ms (lower bound for building them from a cache)\n  a cache would cost at least   {:7.1} ms (read + hash + clone, one core) vs {load:.1} ms without",
        files.len(),
        mb / (load / 1e3),
        read_hash + clone,
    );
}
