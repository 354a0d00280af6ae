//! A library: the papers dossier has open, loaded from the shipped content or from paths.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::{Origin, Paper};
use crate::import::fetch::{self, FetchError, Web};
use crate::import::{self, Cache, Converted, FOLDER_EXTENSIONS, Format, ImportError};

/// The papers compiled into the binary, newest first: (file name under `content/`, Markdown).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "2023-north-korea-illicit-cyber-activities.md",
        include_str!("../content/2023-north-korea-illicit-cyber-activities.md"),
    ),
    (
        "2022-dprk-illicit-cyber-activities.md",
        include_str!("../content/2022-dprk-illicit-cyber-activities.md"),
    ),
];

/// Why a path could not be opened. Each message names the path.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Nothing exists at the path.
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    /// The file or folder exists but cannot be read.
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file could not be converted into a paper (not UTF-8, damaged, encrypted…).
    #[error("{path}: {source}")]
    Import {
        /// The path.
        path: PathBuf,
        /// Why.
        source: ImportError,
    },
    /// A FIFO, socket or device: reading it could block forever.
    #[error("{0}: not a regular file")]
    NotAFile(PathBuf),
    /// A URL that could not be fetched or read.
    #[error("{url}: {source}")]
    Fetch {
        /// The URL as given.
        url: String,
        /// Why.
        source: FetchError,
    },
    /// A folder holding no file of a format dossier reads.
    #[error("{0}: no papers ({FOLDER_EXTENSIONS}) in this folder")]
    NoPapers(PathBuf),
}

/// A paper whose place in the library is held by a stand-in (an empty paper titled by its
/// file name): its conversion is running in the background, or it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unready {
    /// The converter is running.
    Converting,
    /// The conversion failed: why, in one line that names the file.
    Failed(String),
}

/// Open papers plus the paths that could not be opened.
#[derive(Debug, Default)]
pub struct Library {
    /// Papers in the order they were given (folders sorted by path). Shared, so that a
    /// library with one paper more is cheap to make while the reader shows this one.
    pub papers: Vec<Arc<Paper>>,
    /// Paths that failed while opening, each with a one-line reason.
    pub problems: Vec<LoadError>,
    /// The papers that are stand-ins (by index): still converting, or failed to.
    pub unready: BTreeMap<usize, Unready>,
}

impl Library {
    /// The papers shipped with dossier.
    pub fn shipped() -> Library {
        let papers = SHIPPED
            .iter()
            .map(|(name, text)| {
                let stem = name.trim_end_matches(".md");
                Arc::new(Paper::parse(text, Origin::Embedded(name), stem))
            })
            .collect();
        Library {
            papers,
            ..Library::default()
        }
    }

    /// Opens files and folders; with no paths, the shipped papers. URLs are fetched with the
    /// default limits and no cache.
    pub fn open(paths: &[PathBuf]) -> Library {
        Library::open_with(paths, &Web::default())
    }

    /// Opens files, folders and URLs (`http://`, `https://`: fetched, or read from `web`'s
    /// cache); with no paths, the shipped papers. Converted files (PDF, web pages) are taken
    /// from the conversion cache in `web`'s cache directory when it holds them, and stored
    /// there otherwise.
    pub fn open_with(paths: &[PathBuf], web: &Web<'_>) -> Library {
        if paths.is_empty() {
            return Library::shipped();
        }
        let (files, mut problems) = paper_files(paths);
        let cache = web.cache_dir.map_or_else(Cache::none, Cache::new);
        let loaded = load_all(&files, web, &cache);
        let mut papers = Vec::with_capacity(loaded.len());
        for result in loaded {
            match result {
                Ok(paper) => papers.push(paper),
                Err(e) => problems.push(e),
            }
        }
        make_ids_unique(&mut papers);
        Library {
            papers: papers.into_iter().map(Arc::new).collect(),
            problems,
            unready: BTreeMap::new(),
        }
    }

    /// Opens files, folders and URLs like [`Library::open_with`], but leaves out the files
    /// whose converter would have to run (PDF and web pages the conversion cache does not
    /// hold): each has a stand-in, marked [`Unready::Converting`], and is returned to be
    /// converted in the background (see [`crate::loading`]). Markdown, text, cached
    /// conversions and URLs are read here.
    pub fn open_staged(paths: &[PathBuf], web: &Web<'_>) -> (Library, Vec<Deferred>) {
        if paths.is_empty() {
            return (Library::shipped(), Vec::new());
        }
        let (files, mut problems) = paper_files(paths);
        let cache = web.cache_dir.map_or_else(Cache::none, Cache::new);
        let loaded = parallel_map(&files, |file| match fetch::url_of(file) {
            Some(_) => Some(load(file, web, &cache)),
            None => load_ready(file, &cache),
        });
        let mut papers = Vec::with_capacity(loaded.len());
        let mut deferred = Vec::new();
        for (file, result) in files.into_iter().zip(loaded) {
            match result {
                Some(Ok(paper)) => papers.push(paper),
                Some(Err(e)) => problems.push(e),
                None => {
                    deferred.push(Deferred {
                        slot: papers.len(),
                        path: file.clone(),
                    });
                    papers.push(stand_in(&file, papers.len()));
                }
            }
        }
        make_ids_unique(&mut papers);
        let unready = deferred
            .iter()
            .map(|d| (d.slot, Unready::Converting))
            .collect();
        let library = Library {
            papers: papers.into_iter().map(Arc::new).collect(),
            problems,
            unready,
        };
        (library, deferred)
    }

    /// This library with the stand-in at `slot` replaced by the converted paper (its id made
    /// unique among the others), or marked failed. Problems found while opening are not
    /// carried over (they were reported then).
    #[must_use]
    pub fn with_arrival(&self, slot: usize, result: Result<Paper, LoadError>) -> Library {
        let mut papers = self.papers.clone();
        let mut unready = self.unready.clone();
        if slot < papers.len() {
            match result {
                Ok(mut paper) => {
                    let used: HashSet<&str> = papers
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != slot)
                        .map(|(_, p)| p.id.as_str())
                        .collect();
                    paper.id = unique_id(&used, &paper.id);
                    papers[slot] = Arc::new(paper);
                    unready.remove(&slot);
                }
                Err(e) => {
                    unready.insert(slot, Unready::Failed(e.to_string()));
                }
            }
        }
        Library {
            papers,
            problems: Vec::new(),
            unready,
        }
    }

    /// Whether paper `index` is a real paper (not a stand-in for one converting or failed).
    pub fn is_ready(&self, index: usize) -> bool {
        index < self.papers.len() && !self.unready.contains_key(&index)
    }

    /// How many papers are still converting.
    pub fn converting(&self) -> usize {
        self.unready
            .values()
            .filter(|u| **u == Unready::Converting)
            .count()
    }

    /// A library of in-memory Markdown papers (tests and tools).
    pub fn from_markdown(docs: &[&str]) -> Library {
        let papers = docs
            .iter()
            .map(|d| Arc::new(Paper::parse(d, Origin::Embedded("t.md"), "t")))
            .collect();
        Library {
            papers,
            ..Library::default()
        }
    }

    /// Total bytes of Markdown loaded.
    pub fn bytes(&self) -> usize {
        self.papers.iter().map(|p| p.source_len).sum()
    }

    /// Finds a paper by id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.papers.iter().position(|p| p.id == id)
    }

    /// Runs `f` on every paper on all cores, keeping the papers' order.
    pub fn map_papers<T: Send>(&self, f: impl Fn(&Library, usize) -> T + Sync) -> Vec<T> {
        let count = self.papers.len();
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(count.max(1));
        if workers <= 1 {
            return (0..count).map(|p| f(self, p)).collect();
        }
        let chunk = count.div_ceil(workers);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    let f = &f;
                    scope.spawn(move || {
                        (w * chunk..((w + 1) * chunk).min(count))
                            .map(|p| f(self, p))
                            .collect::<Vec<T>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }
}

/// A file left out of [`Library::open_staged`] because its converter must run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deferred {
    /// The index of its stand-in in the library.
    pub slot: usize,
    /// The file.
    pub path: PathBuf,
}

/// The empty paper that holds a converting file's place: titled by the file name, with an id
/// no paper has (so no bookmark or reading position is ever put on it).
fn stand_in(path: &Path, slot: usize) -> Paper {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut paper = Paper::parse("", Origin::File(path.to_path_buf()), &name);
    paper.meta.title = crate::document::sanitize::clean(&name, false);
    paper.id = format!("(converting {slot})");
    paper
}

/// Gives papers that share an id `-2`, `-3`… after the first.
fn make_ids_unique(papers: &mut [Paper]) {
    let mut used: HashSet<String> = HashSet::new();
    for paper in papers {
        let id = unique_id(&used.iter().map(String::as_str).collect(), &paper.id);
        used.insert(id.clone());
        paper.id = id;
    }
}

/// `id`, or `id-2`, `id-3`… when `used` has it.
fn unique_id(used: &HashSet<&str>, id: &str) -> String {
    if !used.contains(id) {
        return id.to_owned();
    }
    // `used` is finite, so one of its length + 1 candidates is free.
    (2..used.len() + 3)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !used.contains(candidate.as_str()))
        .unwrap_or_else(|| id.to_owned())
}

/// The files `paths` name (folders: every paper file below them, sorted), each once, and the
/// paths that could not be opened.
pub fn paper_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match collect(path) {
            Ok(found) => files.extend(found),
            Err(e) => problems.push(e),
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, problems)
}

/// Reads one file and imports it in the format its content (then its name) says.
pub fn load_file(path: &Path) -> Result<Paper, LoadError> {
    load_file_cached(path, &Cache::none())
}

/// [`load_file`], through the conversion cache.
pub fn load_file_cached(path: &Path, cache: &Cache) -> Result<Paper, LoadError> {
    load_file_with_progress(path, cache, &|_, _| {})
}

/// [`load_file_cached`], telling `progress` how far a long conversion is (for a PDF: pages
/// done, pages in all).
pub fn load_file_with_progress(
    path: &Path,
    cache: &Cache,
    progress: import::Progress<'_>,
) -> Result<Paper, LoadError> {
    if let Some(paper) = known_paper(path, cache) {
        return Ok(paper);
    }
    let mut read = FileRead::new(path, cache)?;
    let paper = import::import_with_progress(
        std::mem::take(&mut read.bytes),
        read.format,
        Origin::File(path.to_path_buf()),
        &stem_of(path),
        cache,
        progress,
    )
    .map_err(|source| import_error(path, source))?;
    Ok(read.finish(paper, path, cache))
}

/// A file read for importing: its bytes and format, and what recording it as known (see
/// `import::known`) takes.
struct FileRead {
    bytes: Vec<u8>,
    format: Format,
    before: fs::Metadata,
    read_at: std::time::SystemTime,
    /// Its cache key, hashed only when the file can be recorded, to skip the hash next time.
    key: Option<import::cache::Key>,
}

impl FileRead {
    fn new(path: &Path, cache: &Cache) -> Result<FileRead, LoadError> {
        let (bytes, before, read_at) = read_file_and_metadata(path)?;
        let format = import::detect(&bytes, Some(path));
        let key = cache
            .could_remember(&before, read_at)
            .then(|| cache.key(&bytes, format))
            .flatten();
        Ok(FileRead {
            bytes,
            format,
            before,
            read_at,
            key,
        })
    }

    /// The imported paper, dated if it is a saved page, and the file recorded as known.
    fn finish(&self, mut paper: Paper, path: &Path, cache: &Cache) -> Paper {
        dated_if_saved_page(&mut paper, self.format, path);
        if let Some(key) = &self.key {
            cache.remember(path, &self.before, self.read_at, self.format, key);
        }
        paper
    }
}

/// The name a paper without a title goes by: its file name without the extension.
fn stem_of(path: &Path) -> std::borrow::Cow<'_, str> {
    path.file_stem()
        .map_or_else(|| "paper".into(), |s| s.to_string_lossy())
}

/// A PDF or web page whose conversion the cache holds, when the file is unchanged since it was
/// recorded (see `import::known`): its paper from the entry, the file neither read nor hashed.
fn known_paper(path: &Path, cache: &Cache) -> Option<Paper> {
    // Markdown and text are read, never cached: no record to look for (a thousand-paper
    // library would pay a lookup per file).
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if matches!(ext.as_str(), "md" | "markdown" | "txt" | "text") {
        return None;
    }
    let (format, key) = cache.known(path)?;
    let converted = cache.get(&key)?;
    let mut paper = import::paper_of(converted, Origin::File(path.to_path_buf()), &stem_of(path));
    dated_if_saved_page(&mut paper, format, path);
    Some(paper)
}

/// A saved web page that names its address is cited with the day (UTC) it was written to disk,
/// the day it was read from its site, as a fetched page is cited with the day it was fetched.
fn dated_if_saved_page(paper: &mut Paper, format: Format, path: &Path) {
    if format == Format::Html && paper.meta.source.is_some() && paper.meta.accessed.is_none() {
        paper.meta.accessed = saved_on(path);
    }
}

fn saved_on(path: &Path) -> Option<String> {
    let modified = fs::metadata(path).ok()?.modified().ok()?;
    let millis = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis();
    Some(crate::store::utc_date(u64::try_from(millis).ok()?))
}

/// The Markdown a file is read as (`dossier cat --markdown`): a Markdown file as it is, any
/// other format as its converter writes it (through the cache), with the converter's warnings.
pub fn markdown_of(path: &Path, cache: &Cache) -> Result<Converted, LoadError> {
    let bytes = read_file(path)?;
    let format = import::detect(&bytes, Some(path));
    import::to_markdown(&bytes, format, cache).map_err(|source| import_error(path, source))
}

fn import_error(path: &Path, source: ImportError) -> LoadError {
    LoadError::Import {
        path: path.to_path_buf(),
        source,
    }
}

/// The bytes of a regular file (never a FIFO or device, whose reads could block).
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_file_and_metadata(path).map(|(bytes, _, _)| bytes)
}

/// [`read_file`], with the file's metadata as it was before the read, and when that was.
fn read_file_and_metadata(
    path: &Path,
) -> Result<(Vec<u8>, fs::Metadata, std::time::SystemTime), LoadError> {
    let read_at = std::time::SystemTime::now();
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile(path.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| io_error(path, e))?;
    Ok((bytes, meta, read_at))
}

/// Reads a file (through the conversion cache), or fetches a URL.
fn load(path: &Path, web: &Web<'_>, cache: &Cache) -> Result<Paper, LoadError> {
    match fetch::url_of(path) {
        Some(url) => fetch::open(url, web).map_err(|source| LoadError::Fetch {
            url: url.to_owned(),
            source,
        }),
        None => load_file_cached(path, cache),
    }
}

/// Loads files and URLs on all cores, keeping their order.
fn load_all(files: &[PathBuf], web: &Web<'_>, cache: &Cache) -> Vec<Result<Paper, LoadError>> {
    parallel_map(files, |file| load(file, web, cache))
}

/// A file's paper when no converter has to run for it (Markdown, text, a conversion the
/// cache holds), or an error reading it; `None` when it must be converted.
fn load_ready(path: &Path, cache: &Cache) -> Option<Result<Paper, LoadError>> {
    if let Some(paper) = known_paper(path, cache) {
        return Some(Ok(paper));
    }
    let mut read = match FileRead::new(path, cache) {
        Ok(read) => read,
        Err(e) => return Some(Err(e)),
    };
    let origin = Origin::File(path.to_path_buf());
    let bytes = std::mem::take(&mut read.bytes);
    import::import_ready(bytes, read.format, origin, &stem_of(path), cache).map(|r| {
        let paper = r.map_err(|source| import_error(path, source))?;
        Ok(read.finish(paper, path, cache))
    })
}

/// `f` of every file, on all cores (each worker takes the next file), in the files' order.
fn parallel_map<T: Send>(files: &[PathBuf], f: impl Fn(&PathBuf) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len().max(1));
    if workers <= 1 {
        return files.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        mine.push((i, f(file)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn io_error(path: &Path, e: std::io::Error) -> LoadError {
    if e.kind() == std::io::ErrorKind::NotFound {
        LoadError::NotFound(path.to_path_buf())
    } else {
        LoadError::Unreadable {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// The files a path names: the file itself, or every paper file below a folder.
fn collect(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if fetch::url_of(path).is_some() {
        return Ok(vec![path.to_path_buf()]);
    }
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    walk(path, &mut visited, &mut found).map_err(|e| io_error(path, e))?;
    if found.is_empty() {
        return Err(LoadError::NoPapers(path.to_path_buf()));
    }
    Ok(found)
}

fn walk(
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    found: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let real = fs::canonicalize(dir)?;
    if !visited.insert(real) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(meta) = fs::metadata(&entry) else {
            continue;
        };
        if meta.is_dir() {
            // An unreadable subfolder is skipped; the rest of the library still opens.
            let _ = walk(&entry, visited, found);
        } else if meta.is_file() && import::Format::from_extension(&entry).is_some() {
            found.push(entry);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_papers_have_the_expected_outline() {
        let lib = Library::shipped();
        assert_eq!(lib.papers.len(), 2);
        let p2023 = &lib.papers[0];
        let titles: Vec<&str> = p2023.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Introduction",
                "Why Pyongyang Masterminds Illicit Cyber Activities",
                "North Korea’s Cyber Capabilities and Vulnerability to External Attacks",
                "The ROK Government's Response",
                "Policy Recommendations",
            ]
        );
        assert!(!p2023.sections[0].is_empty());
        assert!(
            p2023.sections[1..]
                .iter()
                .all(crate::document::Section::is_empty)
        );
        let p2022 = &lib.papers[1];
        assert!(p2022.sections.is_empty());
        assert_eq!(p2022.meta.published.as_deref(), Some("2022-10-31"));
        assert!(
            p2022
                .meta
                .attribution
                .as_deref()
                .unwrap()
                .starts_with("This paper was published by IFANS")
        );
        assert!(
            !p2022
                .blocks
                .iter()
                .any(|b| b.text.contains("published by IFANS"))
        );
        assert!(
            !p2022
                .blocks
                .iter()
                .any(|b| b.text.contains("Subscribe") || b.text.contains("Download PDF"))
        );
    }
}
