//! A library: the papers dossier has open, loaded from the shipped content or from paths.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::{Origin, Paper};
use crate::import::{self, FOLDER_EXTENSIONS, ImportError};

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
    /// A folder holding no file of a format dossier reads.
    #[error("{0}: no papers ({FOLDER_EXTENSIONS}) in this folder")]
    NoPapers(PathBuf),
}

/// Open papers plus the paths that could not be opened.
#[derive(Debug, Default)]
pub struct Library {
    /// Papers in the order they were given (folders sorted by path).
    pub papers: Vec<Paper>,
    /// Paths that failed, each with a one-line reason.
    pub problems: Vec<LoadError>,
}

impl Library {
    /// The papers shipped with dossier.
    pub fn shipped() -> Library {
        let papers = SHIPPED
            .iter()
            .map(|(name, text)| {
                let stem = name.trim_end_matches(".md");
                Paper::parse(text, Origin::Embedded(name), stem)
            })
            .collect();
        Library {
            papers,
            problems: Vec::new(),
        }
    }

    /// Opens files and folders; with no paths, the shipped papers.
    pub fn open(paths: &[PathBuf]) -> Library {
        if paths.is_empty() {
            return Library::shipped();
        }
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
        let loaded = load_all(&files);
        let mut papers = Vec::with_capacity(loaded.len());
        for result in loaded {
            match result {
                Ok(paper) => papers.push(paper),
                Err(e) => problems.push(e),
            }
        }
        let mut library = Library { papers, problems };
        library.make_ids_unique();
        library
    }

    /// A library of in-memory Markdown papers (tests and tools).
    pub fn from_markdown(docs: &[&str]) -> Library {
        let papers = docs
            .iter()
            .map(|d| Paper::parse(d, Origin::Embedded("t.md"), "t"))
            .collect();
        Library {
            papers,
            problems: Vec::new(),
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

    fn make_ids_unique(&mut self) {
        let mut used = HashSet::new();
        for paper in &mut self.papers {
            if used.insert(paper.id.clone()) {
                continue;
            }
            let mut n = 2;
            while !used.insert(format!("{}-{n}", paper.id)) {
                n += 1;
            }
            paper.id = format!("{}-{n}", paper.id);
        }
    }
}

/// Reads one file and imports it in the format its content (then its name) says.
pub fn load_file(path: &Path) -> Result<Paper, LoadError> {
    let bytes = read_file(path)?;
    let format = import::detect(&bytes, Some(path));
    let stem = path
        .file_stem()
        .map_or_else(|| "paper".into(), |s| s.to_string_lossy());
    import::import(bytes, format, Origin::File(path.to_path_buf()), &stem).map_err(|source| {
        LoadError::Import {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// The bytes of a regular file (never a FIFO or device, whose reads could block).
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile(path.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| io_error(path, e))?;
    Ok(bytes)
}

/// Loads files on all cores, keeping their order.
fn load_all(files: &[PathBuf]) -> Vec<Result<Paper, LoadError>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len().max(1));
    if workers <= 1 {
        return files.iter().map(|f| load_file(f)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<Result<Paper, LoadError>>> = Vec::new();
    slots.resize_with(files.len(), || None);
    let results = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        mine.push((i, load_file(file)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect::<Vec<_>>()
    });
    for (i, result) in results {
        slots[i] = Some(result);
    }
    slots.into_iter().flatten().collect()
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
