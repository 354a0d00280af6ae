//! Errors from saving and warnings from opening or saving the store.

use std::io;
use std::path::PathBuf;

use super::migrate::CURRENT_VERSION;

/// A save that did not reach the disk. The in-memory state is kept and the next save retries.
/// The message is meant to be shown as is; it starts with "bookmarks cannot be saved".
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file-system operation failed (read-only or full directory, permissions, …).
    #[error("bookmarks cannot be saved: could not {action} {}: {source}", path.display())]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The file was written by a newer dossier: the store is memory-only for this session.
    #[error(
        "bookmarks cannot be saved: {} was written by a newer dossier (schema version {found}, this one reads up to {CURRENT_VERSION}); changes are kept in memory for this session only",
        path.display()
    )]
    NewerVersion {
        /// The bookmarks file.
        path: PathBuf,
        /// Its schema version.
        found: u64,
    },
    /// Serializing the bookmarks failed.
    #[error("bookmarks cannot be saved: could not encode them: {0}")]
    Encode(#[from] serde_json::Error),
}

impl StoreError {
    pub(super) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }
}

/// Something the user should be told about; the store keeps working.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreWarning {
    /// A damaged file was moved (or copied) aside byte for byte; the store started empty.
    #[error(
        "bookmarks file {} was damaged ({reason}); it was kept as {} and bookmarks start empty",
        original.display(),
        moved_to.display()
    )]
    MovedAside {
        /// The bookmarks file.
        original: PathBuf,
        /// Where its bytes are now.
        moved_to: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// A damaged file could not be moved aside now; it is left untouched (saves never write over
    /// it: they retry moving it first) and the store started empty.
    #[error(
        "bookmarks file {} is damaged ({reason}) and could not be moved aside ({error}); it is left untouched and bookmarks start empty",
        path.display()
    )]
    DamagedInPlace {
        /// The bookmarks file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
        /// Why it could not be moved.
        error: String,
    },
    /// The file is from a newer dossier: left untouched, the store is memory-only this session.
    #[error(
        "bookmarks file {} was written by a newer dossier (schema version {found}, this one reads up to {CURRENT_VERSION}); it is left untouched and changes are kept in memory for this session only",
        path.display()
    )]
    NewerVersion {
        /// The bookmarks file.
        path: PathBuf,
        /// Its schema version.
        found: u64,
    },
    /// The file exists but could not be read; the store started empty, saves retry reading it
    /// first and fail rather than write over it.
    #[error("bookmarks file {} cannot be read ({error}); bookmarks start empty", path.display())]
    Unreadable {
        /// The bookmarks file.
        path: PathBuf,
        /// Why it could not be read.
        error: String,
    },
}
