//! Opening the command line's paths and URLs: the cache dir, `--refresh`, the fetch limits
//! from the environment, and the progress line on stderr while a URL is fetched.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::import::fetch::{Limits, Web};
use crate::library::{Deferred, Library};

/// `--refresh` was given: fetch URLs again even when they are cached.
static REFRESH: AtomicBool = AtomicBool::new(false);

/// Records `--refresh` for every later [`open_library`].
pub fn set_refresh(refresh: bool) {
    REFRESH.store(refresh, Ordering::Relaxed);
}

/// Where fetched pages are kept: `DOSSIER_CACHE_DIR`, else the platform's cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "dossier").map(|p| p.cache_dir().to_path_buf())
}

/// Opens files, folders and URLs as the command line asks: URLs through the cache, limits from
/// `DOSSIER_FETCH_*`, and a progress line while fetching when stderr is a terminal.
pub fn open_library(paths: &[PathBuf]) -> Library {
    with_web(|web| Library::open_with(paths, web))
}

/// [`open_library`] for the reader: files a converter must read are left to convert in the
/// background (see [`Library::open_staged`]).
pub fn open_library_staged(paths: &[PathBuf]) -> (Library, Vec<Deferred>) {
    with_web(|web| Library::open_staged(paths, web))
}

/// Runs `open` with the command line's web settings, clearing the progress line after.
fn with_web<T>(open: impl FnOnce(&Web<'_>) -> T) -> T {
    let cache = cache_dir();
    let shown = AtomicBool::new(false);
    let progress = |url: &str, got: u64, total: Option<u64>| {
        let url = crate::document::sanitize::clean(url, false);
        let url: String = if url.chars().count() > 60 {
            url.chars().take(59).chain(['…']).collect()
        } else {
            url
        };
        let of = total.map_or_else(String::new, |t| format!(" of {}", kilobytes(t)));
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2Kdossier: fetching {url} {}{of}",
            kilobytes(got)
        );
        let _ = err.flush();
        shown.store(true, Ordering::Relaxed);
    };
    let web = Web {
        cache_dir: cache.as_deref(),
        refresh: REFRESH.load(Ordering::Relaxed),
        limits: Limits::from_env(),
        progress: std::io::stderr()
            .is_terminal()
            .then_some(&progress as &(dyn Fn(&str, u64, Option<u64>) + Sync)),
    };
    let opened = open(&web);
    if shown.load(Ordering::Relaxed) {
        eprint!("\r\x1b[2K");
    }
    opened
}

fn kilobytes(n: u64) -> String {
    format!("{} KB", n.div_ceil(1024))
}
