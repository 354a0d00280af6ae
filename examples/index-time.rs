//! How long until the finder is usable on a library: load, then the first index (headings,
//! sentences, terms), then the full one (with key facts), as the reader builds them, plus the
//! index's memory. `cargo run --release --example index-time -- DIR`.

use std::time::Instant;

use dossier::finder::{library_candidates, mark_key_facts};
use dossier::library::Library;
use dossier::search::Index;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index-time DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let library = Library::open(&[dir.into()]);
    let loaded = start.elapsed();
    let first = Index::new(library_candidates(&library, false));
    let usable = start.elapsed();
    let mut all = first.candidates().to_vec();
    mark_key_facts(&library, &mut all);
    let full = Index::new(all);
    let done = start.elapsed();
    println!(
        "{} papers, {:.1} MB: loaded in {:.0} ms; finder usable after {:.0} ms ({} candidates, index {:.1} MB = {:.2}x text); key facts labelled after {:.0} ms ({} candidates)",
        library.papers.len(),
        library.bytes() as f64 / 1e6,
        loaded.as_secs_f64() * 1e3,
        usable.as_secs_f64() * 1e3,
        first.len(),
        first.memory_bytes() as f64 / 1e6,
        first.memory_bytes() as f64 / first.text_bytes().max(1) as f64,
        done.as_secs_f64() * 1e3,
        full.len(),
    );
}
