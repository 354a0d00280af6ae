//! What the reader waits for before its first frame when a folder of 200 PDFs (none in the
//! conversion cache) is opened: `Library::open_staged` reads every file, finds each must be
//! converted and gives it a stand-in; against converting them all first (`Library::open_with`,
//! what the reader did before background conversion), and the background conversion of the
//! 200 to the last arrival.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use dossier::import::fetch::Web;
use dossier::library::Library;
use dossier::loading::{Loaded, Loader};

/// Fixture PDFs the folder cycles through (1 to 50 pages).
const PDFS: [&str; 5] = [
    "fhs-3.0",
    "federal-register-2020-17221",
    "mitre-kimsuky",
    "scotus-transcript-p1",
    "issue-33-lorem-ipsum",
];

/// 200 PDFs, each with its own bytes (a comment after `%%EOF`), so no two share a cache entry.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        let name = PDFS[i % PDFS.len()];
        let src =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/pdf/{name}.pdf"));
        let mut bytes = std::fs::read(src).unwrap();
        bytes.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
        std::fs::write(dir.path().join(format!("{i:03}-{name}.pdf")), bytes).unwrap();
    }
    dir
}

fn bench(c: &mut Criterion) {
    let dir = folder();
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let mut g = c.benchmark_group("200 PDFs, cold cache");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("before the first frame (open_staged)", |b| {
        b.iter(|| {
            let cache = tempfile::tempdir().unwrap();
            let web = Web {
                cache_dir: Some(cache.path()),
                ..Web::default()
            };
            let (library, deferred) = Library::open_staged(black_box(&paths), &web);
            assert_eq!(deferred.len(), 200);
            library
        });
    });
    g.bench_function("all converted in the background (last arrival)", |b| {
        b.iter(|| {
            let cache = tempfile::tempdir().unwrap();
            let web = Web {
                cache_dir: Some(cache.path()),
                ..Web::default()
            };
            let (_, deferred) = Library::open_staged(&paths, &web);
            let mut loader = Loader::start(deferred, &dossier::import::Cache::new(cache.path()));
            let mut done = 0;
            while !loader.finished() {
                if let Some(Loaded::Done { .. }) = loader.next_within(Duration::from_secs(600)) {
                    done += 1;
                }
            }
            assert_eq!(done, 200);
        });
    });
    g.bench_function("converted before the reader (open_with)", |b| {
        b.iter(|| {
            let cache = tempfile::tempdir().unwrap();
            let web = Web {
                cache_dir: Some(cache.path()),
                ..Web::default()
            };
            Library::open_with(black_box(&paths), &web)
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
