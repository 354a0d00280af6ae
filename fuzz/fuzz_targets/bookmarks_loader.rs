//! Arbitrary bytes as `bookmarks.json`: opening never panics and never loses the file (a damaged
//! one is moved aside byte for byte, a newer one left alone); edits then save and reopen cleanly.
#![no_main]

use std::fs;
use std::path::Path;

use dossier::store::{Store, StoreError, StoreWarning};
use libfuzzer_sys::fuzz_target;

/// Files in `dir` whose names start with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    out.sort();
    out
}

fuzz_target!(|data: &[u8]| {
    // tmpfs: the store fsyncs every save, which would make a disk-backed run crawl.
    let base = if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm")
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let dir = base.path();
    let file = dir.join("bookmarks.json");
    fs::write(&file, data).unwrap();

    let (mut store, warnings) = Store::open(dir);
    assert!(warnings.len() <= 1, "{warnings:?}");
    let mut newer = false;
    match warnings.first() {
        None => {
            assert_eq!(
                fs::read(&file).unwrap(),
                data,
                "a readable file was changed by open"
            );
            assert!(named(dir, "bookmarks.json.corrupt-").is_empty());
        }
        Some(StoreWarning::MovedAside { moved_to, .. }) => {
            assert!(!file.exists(), "damaged file still in place");
            assert_eq!(
                named(dir, "bookmarks.json.corrupt-"),
                vec![moved_to.clone()]
            );
            assert_eq!(
                fs::read(moved_to).unwrap(),
                data,
                "damaged file not kept byte for byte"
            );
        }
        Some(StoreWarning::NewerVersion { .. }) => {
            assert_eq!(
                fs::read(&file).unwrap(),
                data,
                "a newer file was changed by open"
            );
            assert!(!store.is_persistent());
            newer = true;
        }
        Some(other) => panic!("unexpected warning in a writable directory: {other}"),
    }

    // Some edits to what was loaded: they must all survive the save and the reopen.
    let ids: Vec<String> = store.bookmarks().iter().map(|b| b.id.clone()).collect();
    if let Some(first) = ids.first() {
        assert!(store.set_label(first, "fuzzed label"));
    }
    if let Some(second) = ids.get(1) {
        assert!(store.remove(second));
    }
    store.set_last_paper("fuzz-paper");
    let _ = store.bookmarks_for("fuzz-paper");

    match store.save() {
        Err(StoreError::NewerVersion { .. }) if newer => {
            assert_eq!(
                fs::read(&file).unwrap(),
                data,
                "a newer file was written over"
            );
            return;
        }
        Err(e) => panic!("save failed: {e}"),
        Ok(w) => {
            assert!(!newer, "saved over a newer file");
            assert!(w.is_empty(), "save warned: {w:?}");
        }
    }
    let saved: Vec<_> = store.bookmarks().into_iter().cloned().collect();

    let (again, warnings) = Store::open(dir);
    assert!(
        warnings.is_empty(),
        "reopening the saved file warned: {warnings:?}"
    );
    let reloaded: Vec<_> = again.bookmarks().into_iter().cloned().collect();
    assert_eq!(reloaded, saved, "bookmarks changed across save and reopen");
    assert_eq!(
        again.last_paper().map(|l| l.paper.as_str()),
        Some("fuzz-paper")
    );
    if let Some(first) = ids.first() {
        assert_eq!(
            again.bookmark(first).map(|b| b.label.as_str()),
            Some("fuzzed label")
        );
    }
    if let Some(second) = ids.get(1) {
        assert!(
            again.bookmark(second).is_none(),
            "a removed bookmark came back"
        );
    }
});
