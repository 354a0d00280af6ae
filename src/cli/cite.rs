//! `dossier cite`, `dossier notes export` and `dossier open`: bibliography data, notes with
//! citations and back-links, and opening the reader at a locator.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use crate::bib::{Catalog, CitationStyle, Format};
use crate::library::Library;
use crate::store::Store;

/// `dossier cite --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// The reference list in the configured citation style.
    Text,
    /// BibTeX.
    Bibtex,
    /// BibLaTeX.
    Biblatex,
    /// CSL-JSON.
    CslJson,
    /// RIS.
    Ris,
}

impl CiteFormat {
    fn format(self) -> Format {
        match self {
            CiteFormat::Text => Format::Text,
            CiteFormat::Bibtex => Format::Bibtex,
            CiteFormat::Biblatex => Format::Biblatex,
            CiteFormat::CslJson => Format::CslJson,
            CiteFormat::Ris => Format::Ris,
        }
    }
}

/// What `dossier notes` does.
#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Every bookmark and highlight, grouped by paper in reading order, with quote, note,
    /// Pandoc citation and a `dossier open` back-link.
    Export {
        /// Markdown (default) or JSON.
        #[arg(long, value_enum, default_value_t = NotesFormat::Md)]
        format: NotesFormat,
        /// Citation style for the references (default: the config's `citation_style`).
        #[arg(long)]
        style: Option<String>,
        /// Papers to place the marks in (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
}

/// `dossier notes export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// The citation style: `--style`, else the config's `citation_style`, else the default.
pub fn style(flag: Option<&str>, config: Option<&Path>) -> Result<CitationStyle, String> {
    if let Some(spec) = flag {
        return CitationStyle::load(spec, None).map_err(|e| e.to_string());
    }
    let spec = match config.map(crate::tui::config::load) {
        Some(Ok(config)) => config.citation_style,
        Some(Err(e)) => return Err(e.to_string()),
        None => crate::bib::DEFAULT_STYLE.to_owned(),
    };
    CitationStyle::load(&spec, None).map_err(|e| e.to_string())
}

/// `dossier cite`: the papers' references in `format`.
pub fn cite(
    library: &Library,
    format: CiteFormat,
    style: &CitationStyle,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let catalog = Catalog::new(&library.papers);
    let refs: Vec<&crate::bib::Reference> = catalog.references.iter().collect();
    out.write_all(crate::bib::export(&refs, format.format(), style).as_bytes())
}

/// `dossier notes export`.
pub fn notes(
    store: &Store,
    library: &Library,
    format: NotesFormat,
    style: &CitationStyle,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let catalog = Catalog::new(&library.papers);
    let marks = store.bookmarks();
    let groups = crate::notes::collect(&marks, library, &catalog, style);
    let text = match format {
        NotesFormat::Md => crate::notes::markdown(&groups),
        NotesFormat::Json => crate::notes::json(&groups),
    };
    out.write_all(text.as_bytes())
}

/// `dossier open` without a terminal: the paper as plain text from the located line.
pub fn print_from(
    library: &Library,
    target: crate::locator::Target,
    width: u16,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let paper = &library.papers[target.paper];
    let layout = crate::layout::layout(paper, width);
    let line = layout.line_of(target.block, target.offset);
    let text = layout.plain_text();
    for l in text.lines().skip(line) {
        writeln!(out, "{l}")?;
    }
    Ok(())
}
