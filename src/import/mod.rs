//! Import: every format a paper comes in (Markdown, PDF, web page, plain text) becomes the
//! same [`Paper`]. Converters are pure functions of the bytes that emit Markdown (front matter
//! first, `<!-- page: LABEL -->` where a page starts); this module detects the format, runs the
//! converter in isolation and parses what it gives.

pub mod cache;
pub mod charset;
pub mod fetch;
pub mod html;
mod known;
pub mod markdown_out;
pub mod pdf;
pub mod text;
#[cfg(test)]
mod text_tests;
pub mod web_cache;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::document::{Origin, Paper};

pub use crate::document::frontmatter::FrontMatter;
pub use cache::Cache;
pub use markdown_out::escape_inline;

/// The formats dossier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CommonMark with front matter: read as it is.
    Markdown,
    /// PDF.
    Pdf,
    /// A web page.
    Html,
    /// Plain text without Markdown structure.
    Text,
}

impl Format {
    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Pdf => "PDF",
            Format::Html => "HTML",
            Format::Text => "text",
        }
    }

    /// The format a file name's extension says, if it names one dossier reads.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "pdf" => Format::Pdf,
            "html" | "htm" | "xhtml" => Format::Html,
            "txt" | "text" => Format::Text,
            _ => return None,
        })
    }
}

/// The extensions a folder is searched for, in the words of messages.
pub const FOLDER_EXTENSIONS: &str = "*.md, *.markdown, *.pdf, *.html, *.htm, *.txt";

/// Why a file could not be converted. Each message is one line; the caller names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Encrypted with a user password.
    #[error("needs a password to open")]
    Password,
    /// Pictures only (a scan).
    #[error("has no text layer (a scan?): run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")]
    NoText,
    /// The file is damaged beyond what can be read.
    #[error("is damaged: {0}")]
    Damaged(String),
    /// The content is not of the format its name or type says.
    #[error("is not a {expected} file: {found}")]
    WrongFormat {
        /// The format expected.
        expected: &'static str,
        /// What it looks like instead.
        found: String,
    },
    /// Over a size limit.
    #[error("is too large: {0}")]
    TooLarge(String),
    /// Text that is not UTF-8.
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Anything else, said in a line.
    #[error("{0}")]
    Other(String),
}

/// What a converter gives: a Markdown document (YAML front matter first) for `Paper::parse`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// The paper as Markdown.
    pub markdown: String,
    /// Problems worth telling the reader (text that could not be decoded, no article found…).
    pub warnings: Vec<String>,
}

/// The format of `bytes`: the content decides first (`%PDF-` in the first 1 KB, an HTML
/// document's opening), then the file name's extension, else Markdown.
pub fn detect(bytes: &[u8], path: Option<&Path>) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    path.and_then(Format::from_extension)
        .unwrap_or(Format::Markdown)
}

/// Whether the content opens like an HTML document (after a BOM, white space and comments).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    rest = &rest[..rest.len().min(4096)];
    loop {
        rest = rest.trim_ascii_start();
        if let Some(after) = rest.strip_prefix(b"<!--") {
            match memchr::memmem::find(after, b"-->") {
                Some(end) => rest = &after[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memchr(b'>', rest) {
                Some(end) => rest = &rest[end + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| lower.starts_with(tag.as_bytes()))
}

/// Converts `bytes` of `format` and parses the result; `stem` names the paper when nothing else
/// does. A converter that panics is reported as a damaged file, never a crash.
pub fn import(
    bytes: Vec<u8>,
    format: Format,
    origin: Origin,
    stem: &str,
) -> Result<Paper, ImportError> {
    import_cached(bytes, format, origin, stem, &Cache::none())
}

/// A web page fetched from `ctx.url`: converted with its address (relative links, id) and its
/// HTTP charset, then parsed.
pub fn import_web_page(
    bytes: &[u8],
    ctx: &html::HtmlContext,
    origin: Origin,
    stem: &str,
) -> Result<Paper, ImportError> {
    let converted = isolated(|| html::convert(bytes, ctx))?;
    let mut paper = Paper::parse(&converted.markdown, origin, stem);
    paper.warnings.extend(converted.warnings);
    Ok(paper)
}

/// [`import`], taking a converted paper from `cache` when it holds this file's conversion and
/// storing it there otherwise.
pub fn import_cached(
    bytes: Vec<u8>,
    format: Format,
    origin: Origin,
    stem: &str,
    cache: &Cache,
) -> Result<Paper, ImportError> {
    import_with_progress(bytes, format, origin, stem, cache, &|_, _| {})
}

/// How a long conversion tells how far it is: (done, in all), e.g. pages. Called from the
/// converter's worker threads.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// [`import_cached`], telling `progress` how far the converter is.
pub fn import_with_progress(
    bytes: Vec<u8>,
    format: Format,
    origin: Origin,
    stem: &str,
    cache: &Cache,
    progress: Progress<'_>,
) -> Result<Paper, ImportError> {
    if format == Format::Markdown {
        let text = String::from_utf8(bytes)
            .map_err(|e| ImportError::NotUtf8(e.utf8_error().valid_up_to()))?;
        return Ok(Paper::parse(&text, origin, stem));
    }
    let converted = cache.convert(&bytes, format, |b| {
        isolated(|| convert_with_progress(b, format, progress))
    })?;
    Ok(paper_of(converted, origin, stem))
}

/// The paper when no converter has to run for it: Markdown, plain text (converted faster
/// than a cache entry is read) or a conversion `cache` holds. `None`: the converter must run
/// (see [`import_with_progress`]).
pub fn import_ready(
    bytes: Vec<u8>,
    format: Format,
    origin: Origin,
    stem: &str,
    cache: &Cache,
) -> Option<Result<Paper, ImportError>> {
    match format {
        Format::Markdown | Format::Text => Some(import_cached(bytes, format, origin, stem, cache)),
        Format::Pdf | Format::Html => cache
            .cached(&bytes, format)
            .map(|converted| Ok(paper_of(converted, origin, stem))),
    }
}

/// The paper a conversion's Markdown makes, with the converter's warnings.
pub fn paper_of(converted: Converted, origin: Origin, stem: &str) -> Paper {
    let mut paper = Paper::parse(&converted.markdown, origin, stem);
    paper.warnings.extend(converted.warnings);
    paper
}

/// The Markdown a paper is read as: Markdown itself as it is, any other format converted (in
/// isolation, through `cache`).
pub fn to_markdown(bytes: &[u8], format: Format, cache: &Cache) -> Result<Converted, ImportError> {
    if format == Format::Markdown {
        return convert(bytes, format);
    }
    cache.convert(bytes, format, |b| isolated(|| convert(b, format)))
}

/// [`convert`], telling `progress` how far it is (PDF: pages).
pub fn convert_with_progress(
    bytes: &[u8],
    format: Format,
    progress: Progress<'_>,
) -> Result<Converted, ImportError> {
    match format {
        Format::Pdf => pdf::convert_with_progress(bytes, progress),
        _ => convert(bytes, format),
    }
}

/// Converts `bytes` of a format other than Markdown into Markdown.
pub fn convert(bytes: &[u8], format: Format) -> Result<Converted, ImportError> {
    match format {
        Format::Markdown => String::from_utf8(bytes.to_vec())
            .map(|markdown| Converted {
                markdown,
                warnings: Vec::new(),
            })
            .map_err(|e| ImportError::NotUtf8(e.utf8_error().valid_up_to())),
        Format::Text => {
            let (text, warnings) = charset::decode(bytes, None)?;
            // A `.txt` written in Markdown (front matter, `#` headings, fences, links), like
            // the CommonMark spec's own spec.txt, is read as Markdown.
            let mut converted = if text::looks_like_markdown(&text) {
                Converted {
                    markdown: text.into_owned(),
                    warnings: Vec::new(),
                }
            } else {
                text::convert(&text)
            };
            converted.warnings.extend(warnings);
            Ok(converted)
        }
        Format::Pdf => pdf::convert(bytes),
        Format::Html => html::convert(bytes, &html::HtmlContext::default()),
    }
}

thread_local! {
    static CONVERTING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is running a converter: a panic hook should then stay quiet (no
/// message, no terminal restore), because the panic becomes an [`ImportError`].
pub fn is_converting() -> bool {
    CONVERTING.with(Cell::get)
}

/// Runs a converter so that a panic inside it becomes an error.
pub fn isolated<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    let was = CONVERTING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CONVERTING.with(|c| c.set(was));
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the converter failed".into());
        Err(ImportError::Damaged(what))
    })
}

/// A stable id from bytes that survives renaming the file: `PREFIX-` and 12 hex digits of
/// their SHA-256.
pub fn content_id(prefix: &str, bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_the_format_before_the_extension() {
        let pdf = b"%PDF-1.7\n...";
        assert_eq!(detect(pdf, Some(Path::new("paper.md"))), Format::Pdf);
        let html = b"\xEF\xBB\xBF  <!-- saved -->\n<!DOCTYPE html><html>";
        assert_eq!(detect(html, Some(Path::new("page.txt"))), Format::Html);
        assert_eq!(detect(b"<HTML><body>x", None), Format::Html);
        assert_eq!(detect(b"# Title\n", Some(Path::new("a.pdf"))), Format::Pdf);
        assert_eq!(detect(b"# Title\n", Some(Path::new("a.TXT"))), Format::Text);
        assert_eq!(detect(b"# Title\n", Some(Path::new("a.htm"))), Format::Html);
        assert_eq!(
            detect(b"# Title\n", Some(Path::new("notes"))),
            Format::Markdown
        );
        assert_eq!(detect(b"<p>a fragment</p>", None), Format::Markdown);
        assert_eq!(detect(b"<!-- unterminated", None), Format::Markdown);
    }

    #[test]
    fn markdown_imports_as_parsed_and_bad_utf8_is_named() {
        let paper = import(
            b"# A\n\ntext\n".to_vec(),
            Format::Markdown,
            Origin::Embedded("a.md"),
            "a",
        )
        .unwrap();
        assert_eq!(paper.meta.title, "A");
        let err = import(
            b"ok\xFF".to_vec(),
            Format::Markdown,
            Origin::Embedded("a.md"),
            "a",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "not UTF-8 text (invalid byte at offset 2)");
    }

    #[test]
    fn a_panicking_converter_is_a_damaged_file() {
        assert!(!is_converting());
        let err = isolated::<Converted>(|| {
            assert!(is_converting());
            panic!("bad xref")
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "is damaged: bad xref");
        assert!(!is_converting());
    }

    #[test]
    fn content_ids_are_stable_and_short() {
        let id = content_id("pdf", b"abc");
        assert_eq!(id, "pdf-ba7816bf8f01");
        assert_eq!(content_id("pdf", b"abc"), id);
        assert_ne!(content_id("pdf", b"abd"), id);
    }
}
