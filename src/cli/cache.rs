//! `dossier cache` and `dossier cache clear`: where converted papers are kept, how much they
//! take, and emptying it.

use std::io::Write;

use clap::Subcommand;

use crate::import::cache::{Cache, Usage};

/// What `dossier cache` does besides showing where the cache is and its size.
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Remove every converted paper from the cache (they are converted again when opened).
    Clear,
}

/// The conversion cache in the cache directory (`DOSSIER_CACHE_DIR`, else the platform's cache
/// directory for dossier); no cache when neither is known.
pub fn open() -> Cache {
    super::cache_dir().map_or_else(Cache::none, Cache::new)
}

/// Runs `dossier cache [clear]`; errors are one-line messages for stderr.
pub fn run(command: Option<&CacheCommand>, out: &mut dyn Write) -> Result<(), String> {
    let cache = open();
    let root = cache
        .root()
        .ok_or("no cache directory: set DOSSIER_CACHE_DIR")?
        .display()
        .to_string();
    let io = |e: std::io::Error| format!("cannot write output: {e}");
    match command {
        None => {
            let usage = cache
                .usage()
                .map_err(|e| format!("{root}: cannot read: {e}"))?;
            writeln!(out, "{root}").map_err(io)?;
            writeln!(out, "{}", describe(usage)).map_err(io)?;
        }
        Some(CacheCommand::Clear) => {
            let removed = cache
                .clear()
                .map_err(|e| format!("{root}: cannot clear: {e}"))?;
            writeln!(out, "Removed {} from {root}", describe(removed)).map_err(io)?;
        }
    }
    Ok(())
}

/// `3 converted papers, 1.2 MB`.
fn describe(usage: Usage) -> String {
    let papers = match usage.entries {
        1 => "1 converted paper".to_owned(),
        n => format!("{n} converted papers"),
    };
    format!("{papers}, {}", size(usage.bytes))
}

/// A byte count for people: `512 bytes`, `3.4 KB`, `12.0 MB` (powers of 1,000).
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return if bytes == 1 {
            "1 byte".into()
        } else {
            format!("{bytes} bytes")
        };
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(1000), "1.0 KB");
        assert_eq!(size(3_400), "3.4 KB");
        assert_eq!(size(999_960), "1.0 MB");
        assert_eq!(size(12_000_000), "12.0 MB");
        assert_eq!(size(5_000_000_000_000_000), "5000.0 TB");
        assert_eq!(
            describe(Usage {
                entries: 1,
                bytes: 2_500
            }),
            "1 converted paper, 2.5 KB"
        );
    }
}
