//! `dossier bookmarks list|add|remove|export`: the bookmark store from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use crate::anchoring::{block_sections, capture_section};
use crate::bib::{Catalog, CitationStyle};
use crate::cite;
use crate::highlighting::{Landed, PassageLocator};
use crate::library::Library;
use crate::store::{Bookmark, PaperInfo, Resolution, Store, export_json, export_markdown};

/// What to do with bookmarks.
#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// List bookmarks, newest first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Papers to resolve bookmarks against (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Bookmark the start of a section.
    Add {
        /// The paper's id (see `dossier outline`).
        #[arg(long)]
        paper: String,
        /// The section's slug, or a slug path like `intro/background`.
        #[arg(long)]
        section: String,
        /// A note to keep with the bookmark.
        #[arg(long)]
        note: Option<String>,
        /// Papers to look the paper up in (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Remove a bookmark by id (it stays removed in every open dossier).
    Remove {
        /// The bookmark's id (see `dossier bookmarks list`).
        id: String,
    },
    /// Export bookmarks with a citation each.
    Export {
        /// Markdown (default) or JSON.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Citation style of the Markdown's citations: chicago-author-date, apa, mla, ieee or a
        /// .csl file (default: the config's `citation_style`).
        #[arg(long)]
        style: Option<String>,
        /// Papers to take titles, sections and pages from (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown with a citation per bookmark.
    Md,
    /// JSON, as stored.
    Json,
}

#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    bookmark: &'a Bookmark,
    /// `exact`, `approximate`, `section`, `orphaned` or `paper-not-open`.
    placed: &'static str,
    section_titles: Vec<String>,
    /// Page label where it lands, for papers with pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
}

/// Runs a bookmarks command; errors are one-line messages for stderr.
pub fn run(
    command: BookmarksCommand,
    data_dir: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let dir = data_dir.context("no data directory: set DOSSIER_DATA_DIR")?;
    let (mut store, warnings) = Store::open(dir);
    for w in &warnings {
        eprintln!("dossier: {w}");
    }
    match command {
        BookmarksCommand::List { json, paths } => {
            let library = super::open_library(&paths);
            let listed = listed(&store, &library);
            if json {
                serde_json::to_writer_pretty(&mut *out, &listed)
                    .map_err(std::io::Error::from)
                    .context("cannot write output")?;
                writeln!(out).context("cannot write output")?;
            } else if listed.is_empty() {
                writeln!(out, "No bookmarks.").context("cannot write output")?;
            } else {
                for l in &listed {
                    let b = l.bookmark;
                    let mark = match l.placed {
                        "exact" => "",
                        "orphaned" => " [orphaned]",
                        "paper-not-open" => " [paper not open]",
                        _ => " [approximate]",
                    };
                    let mut place = vec![title_of(&library, &b.paper)];
                    place.extend(l.section_titles.iter().cloned());
                    let page = l
                        .page
                        .as_ref()
                        .map(|p| format!(", p. {p}"))
                        .unwrap_or_default();
                    let kind = if b.is_highlight() { "highlight " } else { "" };
                    writeln!(
                        out,
                        "{}  {kind}{}{page} — {}{mark}",
                        b.id,
                        place.join(" › "),
                        b.label
                    )
                    .context("cannot write output")?;
                    if let Some(note) = &b.note {
                        writeln!(out, "    note: {note}").context("cannot write output")?;
                    }
                }
            }
        }
        BookmarksCommand::Add {
            paper,
            section,
            note,
            paths,
        } => {
            let library = super::open_library(&paths);
            let p = library
                .find(&paper)
                .with_context(|| format!("no paper with id {paper:?} (see `dossier outline`)"))?;
            let doc = &library.papers[p];
            let path: Vec<String> = section.split('/').map(str::to_owned).collect();
            let s = doc.find_section(&path).with_context(|| {
                format!("no section {section:?} in {paper} (see `dossier outline`)")
            })?;
            let anchor = capture_section(doc, s).context("section has no heading")?;
            let id = store.add(&doc.id, anchor, &doc.sections[s].title, note);
            store.save()?;
            writeln!(out, "{id}").context("cannot write output")?;
        }
        BookmarksCommand::Remove { id } => {
            if !store.remove(&id) {
                anyhow::bail!("no bookmark with id {id:?} (see `dossier bookmarks list`)");
            }
            store.save()?;
            writeln!(out, "Removed {id}").context("cannot write output")?;
        }
        BookmarksCommand::Export {
            format,
            style,
            paths,
        } => {
            let library = super::open_library(&paths);
            let text = match format {
                Format::Json => export_json(&store.bookmarks()),
                Format::Md => {
                    let style =
                        super::cite::style(style.as_deref(), super::config_path().as_deref())
                            .map_err(|e| anyhow::anyhow!(e))?;
                    markdown(&store, &library, &style)
                }
            };
            out.write_all(text.as_bytes())
                .context("cannot write output")?;
            if !text.ends_with('\n') {
                writeln!(out).context("cannot write output")?;
            }
        }
    }
    Ok(())
}

/// The Markdown export: each bookmark cited in `style` at the page where it lands now (for
/// papers with pages), with its section and Pandoc citation, under its paper's reference.
fn markdown(store: &Store, library: &Library, style: &CitationStyle) -> String {
    let catalog = Catalog::new(&library.papers);
    let listed = listed(store, library);
    let bookmarks: Vec<&Bookmark> = listed.iter().map(|l| l.bookmark).collect();
    export_markdown(
        &bookmarks,
        |id| {
            let paper = &library.papers[library.find(id)?];
            Some(PaperInfo {
                title: paper.meta.title.clone(),
                publisher: paper.meta.publisher.clone(),
                date: paper.meta.published.clone(),
                reference: catalog.get(id).map(|r| cite::reference(r, style)),
            })
        },
        |b| {
            let reference = catalog.get(&b.paper)?;
            let l = listed.iter().find(|l| l.bookmark.id == b.id)?;
            let page = l.page.as_deref();
            let mut parts = vec![style.cite(reference, page)];
            if !l.section_titles.is_empty() {
                parts.push(format!("§ {}", l.section_titles.join(" › ")));
            }
            parts.push(cite::pandoc(reference, page));
            Some(parts.join(" · "))
        },
    )
}

fn title_of(library: &Library, id: &str) -> String {
    library
        .find(id)
        .map_or_else(|| id.to_owned(), |p| library.papers[p].meta.title.clone())
}

fn listed<'a>(store: &'a Store, library: &Library) -> Vec<Listed<'a>> {
    let prepared: Vec<Vec<Vec<String>>> =
        library.papers.iter().map(|p| block_sections(p)).collect();
    store
        .bookmarks()
        .into_iter()
        .map(|bookmark| {
            let Some(p) = library.find(&bookmark.paper) else {
                return Listed {
                    bookmark,
                    placed: "paper-not-open",
                    section_titles: Vec::new(),
                    page: None,
                };
            };
            let paper = &library.papers[p];
            let locator = PassageLocator::new(paper, &prepared[p]);
            let mut resolution = locator.locate(&bookmark.anchor);
            if let Some(h) = &bookmark.highlight
                && locator.locate_highlight(&bookmark.anchor, h) == Landed::Orphaned
            {
                resolution = Resolution::Orphaned;
            }
            let placed = match resolution {
                Resolution::Exact { .. } => "exact",
                Resolution::Approximate { .. } => "approximate",
                Resolution::SectionStart { .. } => "section",
                Resolution::Orphaned => "orphaned",
            };
            let section_titles = resolution
                .block()
                .and_then(|b| paper.blocks.get(b as usize)?.section)
                .map(|s| paper.title_path(s))
                .unwrap_or_default();
            let landing = match resolution {
                Resolution::Exact { block, offset } | Resolution::Approximate { block, offset } => {
                    Some((block, offset))
                }
                Resolution::SectionStart { block } => Some((block, 0)),
                Resolution::Orphaned => None,
            };
            let page = landing
                .and_then(|(block, offset)| paper.page_label(block as usize, offset as usize))
                .map(str::to_owned);
            Listed {
                bookmark,
                placed,
                section_titles,
                page,
            }
        })
        .collect()
}
