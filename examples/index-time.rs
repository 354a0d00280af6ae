//! How long until the finder is usable on a library, and what it costs in memory: load, then
//! the first index (headings, sentences, terms), then key facts labelled in place, as the
//! reader builds them; resident memory (Linux `/proc/self/status`) after each step.
//! `cargo run --release --example index-time -- DIR`.

use std::sync::Arc;
use std::time::Instant;

use dossier::finder::{key_fact_places, kind_with_facts, library_index};
use dossier::library::Library;

/// `VmRSS` and `VmHWM` (peak) in MB, when the platform reports them.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or_else(|| "?".to_owned(), |kb| format!("{:.0}", kb / 1024.0))
    };
    format!("RSS {} MB, peak {} MB", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index-time DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let library = Arc::new(Library::open(&[dir.into()]));
    let loaded = start.elapsed();
    let bytes = library.bytes() as f64;
    println!(
        "{} papers, {:.1} MB: loaded in {:.0} ms; {}",
        library.papers.len(),
        bytes / 1e6,
        loaded.as_secs_f64() * 1e3,
        memory()
    );
    let mut index = library_index(&library, false, Vec::new());
    let usable = start.elapsed();
    println!(
        "finder usable after {:.0} ms: {} candidates, index {:.1} MB ({:.2}x the text it searches, which stays in the library); {}",
        usable.as_secs_f64() * 1e3,
        index.len(),
        index.memory_bytes() as f64 / 1e6,
        index.memory_bytes() as f64 / index.text_bytes().max(1) as f64,
        memory()
    );
    let keys = key_fact_places(&library);
    index.relabel(|c| kind_with_facts(&keys, c));
    drop(keys);
    let done = start.elapsed();
    let peak = memory();
    println!(
        "key facts labelled after {:.0} ms; {peak} (library {:.1} MB)",
        done.as_secs_f64() * 1e3,
        bytes / 1e6
    );
}
