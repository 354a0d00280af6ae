//! File-system side of the store: the directory lock, atomic replacement, and moving damaged files aside.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::clock;
use super::error::StoreError;

/// The bookmarks file, in the directory the caller passes.
pub(super) const FILE_NAME: &str = "bookmarks.json";
/// The advisory lock file taken around every read-merge-write and every move aside.
pub(super) const LOCK_NAME: &str = "bookmarks.lock";
/// Temporary files are `bookmarks.json.tmp-<pid>-<n>`.
const TEMP_PREFIX: &str = "bookmarks.json.tmp-";
/// Damaged files are kept as `bookmarks.json.corrupt-<UTC timestamp>[-n]`.
const CORRUPT_PREFIX: &str = "bookmarks.json.corrupt-";

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// An exclusive advisory lock on `bookmarks.lock`, released on drop (or by the OS when the
/// process dies).
pub(super) struct DirLock {
    file: File,
}

impl DirLock {
    /// Blocks until the lock on `dir/bookmarks.lock` is held, creating the file if needed.
    pub fn acquire(dir: &Path) -> io::Result<DirLock> {
        let file = private_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(LOCK_NAME))?;
        file.lock()?;
        Ok(DirLock { file })
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Closing the file releases the lock as well; unlocking first just makes it explicit.
        let _ = self.file.unlock();
    }
}

/// Open options creating files readable and writable by the owner only.
fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// The file's bytes, or `None` if it does not exist.
pub(super) fn read_existing(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replaces `target` with `bytes` so that a crash at any instant leaves either the old or the new
/// file complete: write a temporary file in the same directory, fsync it, rename it over
/// `target`, fsync the directory. The new file has mode 0600 on unix.
pub(super) fn write_atomic(dir: &Path, target: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
    let mut file = private_options()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(StoreError::io("create", &temp))?;
    let written = write_private(&mut file, bytes)
        .map_err(StoreError::io("write", &temp))
        .and_then(|()| {
            drop(file);
            fs::rename(&temp, target).map_err(StoreError::io("replace", target))
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    sync_dir(dir).map_err(StoreError::io("sync", dir))
}

fn write_private(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes the directory entry changes (renames) to disk.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Removes temporary files left by processes killed mid-save. Only call with the lock held: every
/// writer holds it while its temporary file exists.
pub(super) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Moves the damaged `path` aside to a fresh `bookmarks.json.corrupt-<timestamp>` name in `dir`,
/// keeping its bytes exactly: a rename, or if that fails a copy (after which the original may be
/// replaced). Only call with the lock held. Returns the new name.
pub(super) fn move_aside(dir: &Path, path: &Path) -> io::Result<PathBuf> {
    let stamp = clock::file_stamp(clock::now_millis());
    let target = (0..u32::MAX)
        .map(|n| {
            let suffix = if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            dir.join(format!("{CORRUPT_PREFIX}{stamp}{suffix}"))
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| io::Error::other("no unused name for the damaged file"))?;
    if fs::rename(path, &target).is_err() {
        let bytes = fs::read(path)?;
        let mut copy = private_options()
            .write(true)
            .create_new(true)
            .open(&target)?;
        copy.write_all(&bytes)?;
        copy.sync_all()?;
    }
    sync_dir(dir)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(FILE_NAME);
        fs::write(&target, b"old").unwrap();
        write_atomic(dir.path(), &target, b"new contents").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new contents");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            FILE_NAME,
            "bookmarks.json.tmp-12-0",
            "bookmarks.json.corrupt-x",
            "other",
        ] {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        remove_stale_temps(dir.path());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec!["bookmarks.json", "bookmarks.json.corrupt-x", "other"]
        );
    }

    #[test]
    fn moving_aside_twice_never_overwrites_an_earlier_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, b"first").unwrap();
        let a = move_aside(dir.path(), &path).unwrap();
        fs::write(&path, b"second").unwrap();
        let b = move_aside(dir.path(), &path).unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::read(a).unwrap(), b"first");
        assert_eq!(fs::read(b).unwrap(), b"second");
        assert!(!path.exists());
    }
}
