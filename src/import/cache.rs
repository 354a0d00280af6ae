//! The conversion cache: a converter's Markdown and warnings, kept in the cache directory under
//! the BLAKE3 hash of the file's bytes and the converter's version, so a paper converted once opens
//! the next time as fast as the same paper in Markdown.
//!
//! An entry is a file `converted/FORMAT-VERSION-DOSSIER_VERSION-BLAKE3.entry`: a header line, a
//! line with the BLAKE3 hash of the rest, then the Markdown and warnings as JSON. A changed file
//! hashes to another entry (never stale text); an entry whose checksum or JSON does not hold is
//! ignored and written again; writes go to a temporary file renamed into place, so two dossiers
//! converting the same paper at once each see a whole entry; a cache that cannot be written is
//! skipped (the paper still opens, it is just converted again next time).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::{Converted, Format};

/// The first line of every entry; bump the number when the entry layout changes.
const MAGIC: &str = "dossier-cache 1";
/// The folder under the cache directory that holds converted papers.
const FOLDER: &str = "converted";
/// What an entry's file name ends with.
const SUFFIX: &str = ".entry";
/// What a temporary file's name starts with (left behind only by a crash; `clear` removes it).
const TEMP_PREFIX: &str = ".tmp-";
/// Entries larger than this are not read (a damaged or foreign file, not a converted paper).
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// The version of each converter's output: bump it when a converter changes what it produces,
/// so entries written by the old one are no longer used; `None`: not cached (Markdown is what
/// the cache would hold).
pub fn converter_version(format: Format) -> Option<u32> {
    match format {
        // Markdown is what the cache holds; plain text converts faster than an entry is read.
        Format::Markdown | Format::Text => None,
        // 2 for PDF: metadata from XMP, contents lines without leaders, notes numbered through;
        // 2 for HTML: a saved page's `saved from url=` comment became its source.
        Format::Pdf | Format::Html => Some(2),
    }
}

fn format_tag(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Pdf => "pdf",
        Format::Html => "html",
        Format::Text => "txt",
    }
}

impl Format {
    /// The format's tag in entry names and records (`pdf`, `html`, …).
    pub(super) fn tag(self) -> &'static str {
        format_tag(self)
    }

    /// The format whose tag this is.
    pub(super) fn from_tag(tag: &str) -> Option<Format> {
        [Format::Markdown, Format::Pdf, Format::Html, Format::Text]
            .into_iter()
            .find(|f| format_tag(*f) == tag)
    }
}

/// Where a converted file's entry lives: the file's content hash and its converter's version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    name: String,
}

impl Key {
    /// The key of `bytes` converted by the converter for `format` at `version`.
    pub fn new(bytes: &[u8], format: Format, version: u32) -> Key {
        let hash = blake3::hash(bytes).to_hex().to_string();
        let dossier = env!("CARGO_PKG_VERSION");
        Key {
            name: format!("{}-{version}-{dossier}-{hash}", format_tag(format)),
        }
    }

    fn file_name(&self) -> String {
        format!("{}{SUFFIX}", self.name)
    }

    /// The key's name (`pdf-2-0.1.0-HASH`), as a record of a known file keeps it.
    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The key a record names, if it is one this dossier writes for `format` today.
    /// Only the key this dossier would compute now for some file of `format` is accepted: the
    /// format's tag, its converter's current version, this dossier's version, a BLAKE3 hash (an
    /// entry of an older converter is never served through a record).
    pub(super) fn from_name(name: &str, format: Format) -> Option<Key> {
        let version = converter_version(format)?;
        let prefix = format!(
            "{}-{version}-{}-",
            format_tag(format),
            env!("CARGO_PKG_VERSION")
        );
        let hash = name.strip_prefix(&prefix)?;
        let valid = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| Key {
            name: name.to_owned(),
        })
    }
}

/// How much the cache holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Converted papers.
    pub entries: usize,
    /// Bytes on disk, temporary files included.
    pub bytes: u64,
}

/// The conversion cache in one directory, or none (every conversion runs).
#[derive(Clone, Debug, Default)]
pub struct Cache {
    root: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    markdown: String,
    warnings: Vec<String>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// A cache in `root` (the cache directory; entries go in a folder below it), created when
    /// first written.
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache {
            root: Some(root.into()),
        }
    }

    /// No cache: every conversion runs.
    pub fn none() -> Cache {
        Cache { root: None }
    }

    /// The cache directory, when there is one.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    pub(super) fn folder(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(FOLDER))
    }

    /// The cached conversion for `key`, when there is a whole one.
    pub fn get(&self, key: &Key) -> Option<Converted> {
        let path = self.folder()?.join(key.file_name());
        let file = fs::File::open(&path).ok()?;
        if file.metadata().ok()?.len() > MAX_ENTRY_BYTES {
            return None;
        }
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut bytes).ok()?;
        decode(&bytes, key)
    }

    /// Stores `converted` under `key`. Failing to write (a read-only or full disk) is not an
    /// error for the reader: the paper is converted again next time.
    pub fn put(&self, key: &Key, converted: &Converted) -> std::io::Result<()> {
        let Some(folder) = self.folder() else {
            return Ok(());
        };
        let bytes = encode(key, converted);
        write_whole(&folder, &folder.join(key.file_name()), &bytes)
    }

    /// The key `bytes` of `format` are cached under, when the format is cached and there is a
    /// cache.
    pub fn key(&self, bytes: &[u8], format: Format) -> Option<Key> {
        let version = converter_version(format).filter(|_| self.root.is_some())?;
        Some(Key::new(bytes, format, version))
    }

    /// The cached conversion of `bytes` for `format`, if the cache holds a whole one.
    pub fn cached(&self, bytes: &[u8], format: Format) -> Option<Converted> {
        let version = converter_version(format).filter(|_| self.root.is_some())?;
        self.get(&Key::new(bytes, format, version))
    }

    /// The cached conversion of `bytes` for `format`, else `convert(bytes)`, stored for next
    /// time. Markdown is never cached (it is what the cache would hold). Failed conversions are
    /// not stored.
    pub fn convert<E>(
        &self,
        bytes: &[u8],
        format: Format,
        convert: impl FnOnce(&[u8]) -> Result<Converted, E>,
    ) -> Result<Converted, E> {
        let Some(version) = converter_version(format).filter(|_| self.root.is_some()) else {
            return convert(bytes);
        };
        let key = Key::new(bytes, format, version);
        if let Some(hit) = self.get(&key) {
            return Ok(hit);
        }
        let converted = convert(bytes)?;
        let _ = self.put(&key, &converted);
        Ok(converted)
    }

    /// The number and size of entries (and leftover temporary files).
    pub fn usage(&self) -> std::io::Result<Usage> {
        let mut usage = Usage::default();
        for (path, is_entry) in self.files()? {
            if let Ok(meta) = fs::metadata(&path) {
                usage.bytes += meta.len();
                usage.entries += usize::from(is_entry);
            }
        }
        Ok(usage)
    }

    /// Removes every entry (and leftover temporary file); returns what was removed. Only files
    /// the cache wrote are touched.
    pub fn clear(&self) -> std::io::Result<Usage> {
        let mut removed = Usage::default();
        for (path, is_entry) in self.files()? {
            let len = fs::metadata(&path).map_or(0, |m| m.len());
            match fs::remove_file(&path) {
                Ok(()) => {
                    removed.bytes += len;
                    removed.entries += usize::from(is_entry);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        if let Some(folder) = self.folder() {
            // Only when empty: another dossier may be writing into it right now.
            let _ = fs::remove_dir(folder);
        }
        Ok(removed)
    }

    /// The cache's files: (path, whether it is an entry rather than a record of a known file or
    /// a temporary file).
    fn files(&self) -> std::io::Result<Vec<(PathBuf, bool)>> {
        let Some(folder) = self.folder() else {
            return Ok(Vec::new());
        };
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let is_entry = name.ends_with(SUFFIX);
            let is_record = name.ends_with(super::known::SUFFIX);
            if (is_entry || is_record || name.starts_with(TEMP_PREFIX))
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                files.push((entry.path(), is_entry));
            }
        }
        Ok(files)
    }
}

/// Writes `bytes` to `path` in `folder` through a temporary file renamed into place, so a
/// reader sees the old file or the whole new one.
pub(super) fn write_whole(folder: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::create_dir_all(folder)?;
    let temp = folder.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

fn encode(key: &Key, converted: &Converted) -> Vec<u8> {
    let payload = serde_json::to_vec(&Payload {
        markdown: converted.markdown.clone(),
        warnings: converted.warnings.clone(),
    })
    .expect("strings always serialize");
    let mut out = format!(
        "{MAGIC} {}\n{}\n",
        key.name,
        blake3::hash(&payload).to_hex()
    )
    .into_bytes();
    out.extend_from_slice(&payload);
    out
}

fn decode(bytes: &[u8], key: &Key) -> Option<Converted> {
    let (header, rest) = split_line(bytes)?;
    if header != format!("{MAGIC} {}", key.name).as_bytes() {
        return None;
    }
    let (checksum, payload) = split_line(rest)?;
    if checksum != blake3::hash(payload).to_hex().as_bytes() {
        return None;
    }
    let payload: Payload = serde_json::from_slice(payload).ok()?;
    Some(Converted {
        markdown: payload.markdown,
        warnings: payload.warnings,
    })
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = memchr::memchr(b'\n', bytes)?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A converter that counts its calls and "converts" bytes by upper-casing them.
    fn counting(calls: &Cell<usize>) -> impl Fn(&[u8]) -> Result<Converted, String> + '_ {
        move |bytes| {
            calls.set(calls.get() + 1);
            Ok(Converted {
                markdown: String::from_utf8_lossy(bytes).to_uppercase(),
                warnings: vec!["page 3 has no text".into()],
            })
        }
    }

    fn entry_files(dir: &Path) -> Vec<PathBuf> {
        fs::read_dir(dir.join(FOLDER))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_second_conversion_of_the_same_bytes_is_a_hit() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let calls = Cell::new(0);
        let first = cache.convert(b"paper one", Format::Pdf, counting(&calls));
        let second = cache.convert(b"paper one", Format::Pdf, counting(&calls));
        assert_eq!(calls.get(), 1);
        assert_eq!(first, second);
        let hit = second.unwrap();
        assert_eq!(hit.markdown, "PAPER ONE");
        assert_eq!(hit.warnings, ["page 3 has no text"]);
        // A fresh cache over the same folder (another dossier, a later run) hits too.
        let other = Cache::new(dir.path());
        assert_eq!(
            other.convert(b"paper one", Format::Pdf, counting(&calls)),
            Ok(hit)
        );
        assert_eq!(calls.get(), 1);
        assert_eq!(entry_files(dir.path()).len(), 1, "no temporary file left");
    }

    #[test]
    fn changed_bytes_are_converted_again_never_stale() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let calls = Cell::new(0);
        cache
            .convert(b"version one", Format::Pdf, counting(&calls))
            .unwrap();
        let changed = cache
            .convert(b"version two", Format::Pdf, counting(&calls))
            .unwrap();
        assert_eq!(calls.get(), 2);
        assert_eq!(changed.markdown, "VERSION TWO");
        // The same bytes read by another converter are another entry.
        let as_html = cache
            .convert(b"version two", Format::Html, counting(&calls))
            .unwrap();
        assert_eq!(calls.get(), 3);
        assert_eq!(as_html.markdown, "VERSION TWO");
    }

    #[test]
    fn a_damaged_entry_is_ignored_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let calls = Cell::new(0);
        cache
            .convert(b"intact text", Format::Pdf, counting(&calls))
            .unwrap();
        let [entry] = entry_files(dir.path()).try_into().unwrap();
        let good = fs::read(&entry).unwrap();
        let flipped = {
            let mut b = good.clone();
            let last = b.len() - 3;
            b[last] ^= 0x20;
            b
        };
        let damages: [Vec<u8>; 5] = [
            good[..good.len() / 2].to_vec(),
            flipped,
            Vec::new(),
            b"\xff\xfe not an entry".to_vec(),
            good.iter().copied().filter(|&c| c != b'\n').collect(),
        ];
        for (n, damaged) in damages.iter().enumerate() {
            fs::write(&entry, damaged).unwrap();
            let got = cache
                .convert(b"intact text", Format::Pdf, counting(&calls))
                .unwrap();
            assert_eq!(got.markdown, "INTACT TEXT", "damage {n}");
            assert_eq!(calls.get(), n + 2, "damage {n} converted again");
            assert_eq!(fs::read(&entry).unwrap(), good, "damage {n} rebuilt");
        }
        cache
            .convert(b"intact text", Format::Pdf, counting(&calls))
            .unwrap();
        assert_eq!(calls.get(), damages.len() + 1, "the rebuilt entry hits");
    }

    #[test]
    fn clear_empties_the_cache_and_touches_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let calls = Cell::new(0);
        assert_eq!(cache.usage().unwrap(), Usage::default());
        for text in [&b"a"[..], b"b", b"c"] {
            cache.convert(text, Format::Pdf, counting(&calls)).unwrap();
        }
        let before = cache.usage().unwrap();
        assert_eq!(before.entries, 3);
        assert!(before.bytes > 0);
        fs::write(dir.path().join("keep.txt"), "not the cache's").unwrap();
        fs::write(dir.path().join(FOLDER).join("notes"), "not an entry").unwrap();
        assert_eq!(cache.clear().unwrap(), before);
        assert_eq!(cache.usage().unwrap().entries, 0);
        assert!(dir.path().join("keep.txt").exists());
        assert!(dir.path().join(FOLDER).join("notes").exists());
        cache.convert(b"a", Format::Pdf, counting(&calls)).unwrap();
        assert_eq!(calls.get(), 4, "converted again after clear");
    }

    #[test]
    fn markdown_and_a_missing_or_unwritable_cache_still_convert() {
        let calls = Cell::new(0);
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        for _ in 0..2 {
            cache
                .convert(b"# md", Format::Markdown, counting(&calls))
                .unwrap();
        }
        assert_eq!(calls.get(), 2, "Markdown is never cached");
        assert!(entry_files(dir.path()).is_empty());
        let none = Cache::none();
        none.convert(b"x", Format::Pdf, counting(&calls)).unwrap();
        assert_eq!(none.usage().unwrap(), Usage::default());
        // A cache "directory" that is a file cannot be created: conversions still work.
        let file = dir.path().join("a-file");
        fs::write(&file, "").unwrap();
        let blocked = Cache::new(&file);
        for _ in 0..2 {
            assert_eq!(
                blocked
                    .convert(b"y", Format::Pdf, counting(&calls))
                    .unwrap()
                    .markdown,
                "Y"
            );
        }
        assert_eq!(calls.get(), 5);
        assert!(
            blocked
                .put(&Key::new(b"y", Format::Pdf, 1), &Converted::default())
                .is_err()
        );
    }

    #[test]
    fn failed_conversions_are_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let calls = Cell::new(0);
        for _ in 0..2 {
            let got: Result<Converted, String> = cache.convert(b"x", Format::Pdf, |_| {
                calls.set(calls.get() + 1);
                Err("needs a password".into())
            });
            assert!(got.is_err());
        }
        assert_eq!(calls.get(), 2);
        assert!(entry_files(dir.path()).is_empty());
    }

    #[test]
    fn concurrent_writers_leave_one_whole_entry() {
        let dir = tempfile::tempdir().unwrap();
        let key = Key::new(b"shared", Format::Pdf, 1);
        let converted = Converted {
            markdown: "x".repeat(200_000),
            warnings: Vec::new(),
        };
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    let cache = Cache::new(dir.path());
                    for _ in 0..5 {
                        cache.put(&key, &converted).unwrap();
                        assert_eq!(cache.get(&key).as_ref(), Some(&converted));
                    }
                });
            }
        });
        assert_eq!(entry_files(dir.path()).len(), 1);
    }
}
