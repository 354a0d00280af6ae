//! The conversion cache: reopening a converted PDF from a warm cache against opening the
//! Markdown `dossier cat --markdown` derives from it (the target: ≤ 1.5×), and the
//! reopen's parts measured apart — reading the PDF, hashing it, reading and checking the entry,
//! parsing the Markdown — to see where the time goes. An unchanged file the cache has a record
//! of (`import::known`) is neither read nor hashed, so from the second reopen on the first two
//! parts are not paid.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

use dossier::document::{Origin, Paper};
use dossier::import::Format;
use dossier::import::cache::{Cache, Key, converter_version};
use dossier::library::{load_file, load_file_cached, markdown_of, read_file};

/// Corpus PDFs copied into the fixtures: the 50-page FHS and the 15-page Federal Register.
const PDFS: [&str; 2] = ["fhs-3.0", "federal-register-2020-17221"];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/pdf/{name}.pdf"))
}

fn bench(c: &mut Criterion) {
    for name in PDFS {
        let pdf = fixture(name);
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        // Converts once and fills the cache, as the first opening does.
        let markdown = markdown_of(&pdf, &cache).unwrap().markdown;
        let md = dir.path().join(format!("{name}.md"));
        std::fs::write(&md, &markdown).unwrap();
        let bytes = read_file(&pdf).unwrap();
        let version = converter_version(Format::Pdf).unwrap();
        let key = Key::new(&bytes, Format::Pdf, version);
        assert!(cache.get(&key).is_some(), "the cache is warm");
        let from_cache = load_file_cached(&pdf, &cache).unwrap();
        let from_md = load_file(&md).unwrap();
        assert_eq!(from_cache.blocks.len(), from_md.blocks.len());

        let mut g = c.benchmark_group(format!("cache reopen/{name}"));
        g.bench_function("PDF from the warm cache", |b| {
            b.iter(|| load_file_cached(black_box(&pdf), &cache).unwrap());
        });
        g.bench_function("its Markdown file", |b| {
            b.iter(|| load_file(black_box(&md)).unwrap());
        });
        g.bench_function("part: read the PDF", |b| {
            b.iter(|| read_file(black_box(&pdf)).unwrap());
        });
        g.bench_function(
            "part: BLAKE3 of the PDF (the key; skipped for a known file)",
            |b| {
                b.iter(|| Key::new(black_box(&bytes), Format::Pdf, version));
            },
        );
        g.bench_function("part: read and check the entry", |b| {
            b.iter(|| cache.get(black_box(&key)).unwrap());
        });
        g.bench_function("part: parse the Markdown", |b| {
            b.iter(|| Paper::parse(black_box(&markdown), Origin::File(pdf.clone()), name));
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
