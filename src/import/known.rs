//! Files the conversion cache has seen, by path: the file's size, modification and change times,
//! inode and device, and the key of its entry. A file whose record still matches all of these is
//! the file that was hashed (the test git's index makes), so it reopens from its entry without
//! being read and hashed again: a 714 KB PDF skips 0.4 ms of hashing for a 0.5 ms open. Any
//! change (an edit, a copy over it, a `touch`, a rename onto its path) reads and hashes it as
//! before, and a file changed during the second before it was read is not recorded at all (its
//! times may not have ticked yet). Records sit beside the entries (`converted/*.known`), are
//! written whole or not at all, and go with `dossier cache clear`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Format;
use super::cache::{Cache, Key};

/// The first line of every record.
const MAGIC: &str = "dossier-known 1";
/// What a record's file name ends with.
pub(super) const SUFFIX: &str = ".known";
/// A file modified less than this long before it was read is not recorded (FAT's timestamps
/// tick every 2 s).
const SETTLE: Duration = Duration::from_secs(2);

/// What identifies a file's content without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Signature {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
    device: u64,
}

#[cfg(unix)]
fn signature(meta: &fs::Metadata) -> Option<Signature> {
    use std::os::unix::fs::MetadataExt;
    meta.is_file().then(|| Signature {
        len: meta.len(),
        modified: (meta.mtime(), meta.mtime_nsec()),
        changed: (meta.ctime(), meta.ctime_nsec()),
        inode: meta.ino(),
        device: meta.dev(),
    })
}

/// Without change times and inodes the test is too weak: every open reads and hashes.
#[cfg(not(unix))]
fn signature(_meta: &fs::Metadata) -> Option<Signature> {
    None
}

impl Signature {
    /// Whether the file was last modified (or its inode changed) at least [`SETTLE`] before
    /// `now`, when it was read.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let latest = self.modified.max(self.changed);
        let Ok(seconds) = u64::try_from(latest.0) else {
            return false;
        };
        let nanos = u32::try_from(latest.1).unwrap_or(0);
        Duration::new(seconds, nanos.min(999_999_999)) + SETTLE <= now
    }

    fn line(&self) -> String {
        format!(
            "{} {}.{} {}.{} {} {}",
            self.len,
            self.modified.0,
            self.modified.1,
            self.changed.0,
            self.changed.1,
            self.inode,
            self.device
        )
    }
}

/// The record's file for `path` (by its canonical path, so `./a.pdf` and `a.pdf` share one).
fn record_path(folder: &Path, path: &Path) -> Option<(PathBuf, String)> {
    let canonical = fs::canonicalize(path).ok()?;
    let shown = canonical.to_str()?.to_owned();
    let hash = blake3::hash(shown.as_bytes()).to_hex();
    Some((folder.join(format!("{}{SUFFIX}", &hash[..32])), shown))
}

impl Cache {
    /// The format and entry key recorded for the file at `path`, when the file is unchanged
    /// since it was recorded (its signature is the same).
    pub fn known(&self, path: &Path) -> Option<(Format, Key)> {
        let folder = self.folder()?;
        let now = signature(&fs::metadata(path).ok()?)?;
        let (record, shown) = record_path(&folder, path)?;
        let text = fs::read_to_string(record).ok()?;
        let mut lines = text.lines();
        if lines.next()? != MAGIC || lines.next()? != shown || lines.next()? != now.line() {
            return None;
        }
        let format = Format::from_tag(lines.next()?)?;
        let key = Key::from_name(lines.next()?, format)?;
        (lines.next().is_none() && text.ends_with('\n')).then_some((format, key))
    }

    /// Whether a file with the metadata `before`, taken at `read_at`, would be recorded by
    /// [`Cache::remember`] (so its key is worth computing).
    pub fn could_remember(&self, before: &fs::Metadata, read_at: SystemTime) -> bool {
        self.root().is_some() && signature(before).is_some_and(|s| s.settled(read_at))
    }

    /// Records that the file at `path`, as `before` (its metadata, taken at `read_at` before
    /// it was read) describes it, converts to the entry `key`. Nothing is recorded when the
    /// file changed while it was read or less than two seconds before `read_at`, or when the
    /// cache cannot be written.
    pub fn remember(
        &self,
        path: &Path,
        before: &fs::Metadata,
        read_at: SystemTime,
        format: Format,
        key: &Key,
    ) {
        let Some(folder) = self.folder() else {
            return;
        };
        let (Some(before), Some(after)) = (
            signature(before),
            fs::metadata(path).ok().as_ref().and_then(signature),
        ) else {
            return;
        };
        if before != after || !before.settled(read_at) {
            return;
        }
        let Some((record, shown)) = record_path(&folder, path) else {
            return;
        };
        if shown.contains('\n') {
            return;
        }
        let text = format!(
            "{MAGIC}\n{shown}\n{}\n{}\n{}\n",
            before.line(),
            format.tag(),
            key.name()
        );
        let _ = super::cache::write_whole(&folder, &record, text.as_bytes());
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Cache, PathBuf, Key) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"));
        let file = dir.path().join("paper.pdf");
        fs::write(&file, b"%PDF-1.7 some bytes").unwrap();
        let key = Key::new(b"%PDF-1.7 some bytes", Format::Pdf, 2);
        (dir, cache, file, key)
    }

    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(10)
    }

    #[test]
    fn an_unchanged_file_is_known_by_its_record() {
        let (_dir, cache, file, key) = setup();
        assert_eq!(cache.known(&file), None, "nothing recorded yet");
        let before = fs::metadata(&file).unwrap();
        cache.remember(&file, &before, later(), Format::Pdf, &key);
        assert_eq!(cache.known(&file), Some((Format::Pdf, key.clone())));
        // The same file by another spelling of its path.
        let other = file.parent().unwrap().join(".").join("paper.pdf");
        assert_eq!(cache.known(&other), Some((Format::Pdf, key)));
    }

    #[test]
    fn any_change_to_the_file_forgets_it() {
        let (_dir, cache, file, key) = setup();
        let before = fs::metadata(&file).unwrap();
        cache.remember(&file, &before, later(), Format::Pdf, &key);
        // Same size, other bytes: the change time moves even if the modification time is put
        // back.
        let modified = before.modified().unwrap();
        fs::write(&file, b"%PDF-1.7 SOME BYTES").unwrap();
        fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(cache.known(&file), None);
    }

    #[test]
    fn a_file_changed_while_or_just_before_it_was_read_is_not_recorded() {
        let (_dir, cache, file, key) = setup();
        let before = fs::metadata(&file).unwrap();
        // Just written: not settled.
        cache.remember(&file, &before, SystemTime::now(), Format::Pdf, &key);
        assert_eq!(cache.known(&file), None);
        // Changed between the metadata taken before reading and the record.
        fs::write(&file, b"%PDF-1.7 other bytes, longer").unwrap();
        cache.remember(&file, &before, later(), Format::Pdf, &key);
        assert_eq!(cache.known(&file), None);
    }

    #[test]
    fn a_damaged_record_is_ignored_and_clear_removes_records() {
        let (_dir, cache, file, key) = setup();
        let before = fs::metadata(&file).unwrap();
        cache.remember(&file, &before, later(), Format::Pdf, &key);
        let folder = cache.folder().unwrap();
        let (record, _) = record_path(&folder, &file).unwrap();
        let whole = fs::read_to_string(&record).unwrap();
        fs::write(&record, &whole[..whole.len() - 5]).unwrap();
        assert_eq!(cache.known(&file), None, "a cut record");
        fs::write(&record, whole.replace("pdf-2", "pdf-x")).unwrap();
        assert_eq!(cache.known(&file), None, "a key that is not one");
        fs::write(&record, &whole).unwrap();
        assert!(cache.known(&file).is_some());
        cache.clear().unwrap();
        assert!(!record.exists());
        assert_eq!(cache.known(&file), None);
    }

    /// Through the library: a recorded, unchanged file opens from the entry its record names
    /// (here a planted one, to tell the two ways apart) without being read; once changed, it is
    /// read, hashed and converted again.
    #[test]
    fn the_library_opens_a_recorded_file_from_its_record_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"));
        let file = dir.path().join("kimsuky.pdf");
        fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/pdf/mitre-kimsuky.pdf"
            ),
            &file,
        )
        .unwrap();
        let first = crate::library::load_file_cached(&file, &cache).unwrap();
        assert_ne!(first.meta.title, "Planted");
        assert_eq!(
            cache.known(&file),
            None,
            "a file written just now is not recorded"
        );

        let planted = Key::new(b"another file", Format::Pdf, 2);
        let converted = super::super::Converted {
            markdown: "---\ntitle: Planted\n---\n\nRead from the record.\n".into(),
            warnings: Vec::new(),
        };
        cache.put(&planted, &converted).unwrap();
        let before = fs::metadata(&file).unwrap();
        cache.remember(&file, &before, later(), Format::Pdf, &planted);
        let second = crate::library::load_file_cached(&file, &cache).unwrap();
        assert_eq!(second.meta.title, "Planted");

        let mut bytes = fs::read(&file).unwrap();
        bytes.extend_from_slice(b"\n% appended\n");
        fs::write(&file, bytes).unwrap();
        let third = crate::library::load_file_cached(&file, &cache).unwrap();
        assert_eq!(third.meta.title, first.meta.title);
    }

    /// A record names an entry by its key; one written for an older converter (or another
    /// format) is not served, whatever the file's signature.
    #[test]
    fn a_record_of_an_older_converter_is_not_used() {
        let hash = "0".repeat(64);
        let now = super::super::cache::converter_version(Format::Pdf).unwrap();
        let ours = format!("pdf-{now}-{}-{hash}", env!("CARGO_PKG_VERSION"));
        assert!(Key::from_name(&ours, Format::Pdf).is_some());
        assert!(Key::from_name(&ours, Format::Html).is_none());
        let older = format!("pdf-{}-{}-{hash}", now - 1, env!("CARGO_PKG_VERSION"));
        assert!(Key::from_name(&older, Format::Pdf).is_none());
        let other_dossier = format!("pdf-{now}-0.0.1-beta-{hash}");
        assert!(Key::from_name(&other_dossier, Format::Pdf).is_none());
    }
}
