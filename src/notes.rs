//! Notes: every bookmark and highlight of a library, grouped by paper in reading order, with
//! its quote, note, Pandoc citation and a `dossier open` back-link; as Markdown or JSON.

use std::fmt::Write;

use serde::Serialize;

use crate::anchoring::block_sections;
use crate::bib::{Catalog, CitationStyle};
use crate::cite::pandoc;
use crate::facts::sentences;
use crate::highlighting::{Landed, PassageLocator};
use crate::library::Library;
use crate::store::{Bookmark, Resolution};

/// One bookmark or highlight, placed in its paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The mark's id (`dossier open ID` reopens it).
    pub id: String,
    /// `bookmark` or `highlight`.
    pub kind: &'static str,
    /// Id of the paper.
    pub paper: String,
    /// The paper's citekey, when the paper is open.
    pub citekey: Option<String>,
    /// Section titles from the root down, where it lands now.
    pub section: Vec<String>,
    /// Page label, for papers with pages.
    pub page: Option<String>,
    /// The quoted text: a highlight's passage, or the sentence a bookmark points at.
    pub quote: String,
    /// The note, if any.
    pub note: Option<String>,
    /// `exact`, `approximate`, `section`, `orphaned` or `paper-not-open`.
    pub placed: &'static str,
    /// The Pandoc citation, `[@kim2023north, p. 12]`.
    pub pandoc: Option<String>,
    /// The shell command that reopens dossier at the mark.
    pub open: String,
    #[serde(skip)]
    order: (usize, usize),
}

/// The notes of one paper, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperNotes {
    /// Id of the paper.
    pub paper: String,
    /// Its title (the id when the paper is not open).
    pub title: String,
    /// Its citekey, when open.
    pub citekey: Option<String>,
    /// Its reference list entry in the configured style, when open.
    pub reference: Option<String>,
    /// Bookmarks and highlights in reading order (orphaned ones last).
    pub notes: Vec<Note>,
}

/// Groups `marks` by paper (open papers in library order, then the others by id) and places
/// each in its paper.
pub fn collect(
    marks: &[&Bookmark],
    library: &Library,
    catalog: &Catalog,
    style: &CitationStyle,
) -> Vec<PaperNotes> {
    let mut groups: Vec<PaperNotes> = Vec::new();
    let mut ids: Vec<&str> = marks.iter().map(|m| m.paper.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.sort_by_key(|id| library.find(id).unwrap_or(usize::MAX));
    for id in ids {
        let mine: Vec<&&Bookmark> = marks.iter().filter(|m| m.paper == id).collect();
        let Some(p) = library.find(id) else {
            let mut notes: Vec<Note> = mine.iter().map(|m| unplaced(m, "paper-not-open")).collect();
            notes.sort_by_key(|n| n.order);
            groups.push(PaperNotes {
                paper: id.to_owned(),
                title: id.to_owned(),
                citekey: None,
                reference: None,
                notes,
            });
            continue;
        };
        let paper = &library.papers[p];
        let reference = catalog.get(&paper.id);
        let sections = block_sections(paper);
        let locator = PassageLocator::new(paper, &sections);
        let mut notes: Vec<Note> = mine
            .iter()
            .map(|m| {
                let (landed, placed) = match &m.highlight {
                    Some(h) => match locator.locate_highlight(&m.anchor, h) {
                        Landed::Orphaned => (None, "orphaned"),
                        found @ Landed::Found { exact, .. } => {
                            (Some(found), if exact { "exact" } else { "approximate" })
                        }
                    },
                    None => match locator.locate(&m.anchor) {
                        Resolution::Exact { block, offset } => {
                            let at = (block as usize, offset as usize);
                            (
                                Some(Landed::Found {
                                    start: at,
                                    end: at,
                                    exact: true,
                                }),
                                "exact",
                            )
                        }
                        Resolution::Approximate { block, offset } => {
                            let at = (block as usize, offset as usize);
                            (
                                Some(Landed::Found {
                                    start: at,
                                    end: at,
                                    exact: false,
                                }),
                                "approximate",
                            )
                        }
                        Resolution::SectionStart { block } => {
                            let at = (block as usize, 0);
                            (
                                Some(Landed::Found {
                                    start: at,
                                    end: at,
                                    exact: false,
                                }),
                                "section",
                            )
                        }
                        Resolution::Orphaned => (None, "orphaned"),
                    },
                };
                let Some(Landed::Found { start, .. }) = landed else {
                    let mut n = unplaced(m, placed);
                    n.open = open_command(&m.id, Some(paper));
                    n.citekey = reference.map(|r| r.key.clone());
                    n.pandoc = reference.map(|r| pandoc(r, None));
                    return n;
                };
                let page = paper.page_label(start.0, start.1).map(str::to_owned);
                let quote = match &m.highlight {
                    Some(h) => h.quote.clone(),
                    None => sentence_at(paper, start),
                };
                Note {
                    id: m.id.clone(),
                    kind: m.kind.name(),
                    paper: m.paper.clone(),
                    citekey: reference.map(|r| r.key.clone()),
                    section: paper
                        .blocks
                        .get(start.0)
                        .and_then(|b| b.section)
                        .map(|s| paper.title_path(s))
                        .unwrap_or_default(),
                    pandoc: reference.map(|r| pandoc(r, page.as_deref())),
                    page,
                    quote,
                    note: m.note.clone(),
                    placed,
                    open: open_command(&m.id, Some(paper)),
                    order: start,
                }
            })
            .collect();
        notes.sort_by_key(|n| (n.placed == "orphaned", n.order));
        groups.push(PaperNotes {
            paper: paper.id.clone(),
            title: paper.meta.title.clone(),
            citekey: reference.map(|r| r.key.clone()),
            reference: reference.map(|r| crate::cite::reference(r, style)),
            notes,
        });
    }
    groups
}

/// A note for a mark that could not be placed: its stored quote.
fn unplaced(m: &Bookmark, placed: &'static str) -> Note {
    Note {
        id: m.id.clone(),
        kind: m.kind.name(),
        paper: m.paper.clone(),
        citekey: None,
        section: Vec::new(),
        page: None,
        quote: m
            .highlight
            .as_ref()
            .map_or_else(|| one_line(&m.anchor.exact), |h| h.quote.clone()),
        note: m.note.clone(),
        placed,
        pandoc: None,
        open: open_command(&m.id, None),
        order: (m.anchor.block as usize, m.anchor.offset as usize),
    }
}

/// The sentence starting at or holding `at`.
fn sentence_at(paper: &crate::document::Paper, (block, offset): (usize, usize)) -> String {
    let Some(b) = paper.blocks.get(block) else {
        return String::new();
    };
    let sentence = sentences(&b.text)
        .into_iter()
        .find(|r| r.contains(&offset) || r.start >= offset)
        .map_or(&b.text[..], |r| &b.text[r]);
    one_line(sentence)
}

/// `dossier open ID FILE`, quoted for a POSIX shell: the mark's id and, for a paper read from a
/// file or the web, its absolute path or URL, so that the command reopens it from any
/// directory (the shipped papers need none).
pub fn open_command(id: &str, paper: Option<&crate::document::Paper>) -> String {
    let source = paper.and_then(|p| match &p.origin {
        crate::document::Origin::File(path) => Some(
            std::path::absolute(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
        ),
        crate::document::Origin::Web(url) => Some(url.clone()),
        crate::document::Origin::Embedded(_) => None,
    });
    let mut out = format!("dossier open {}", shell_word(id));
    if let Some(source) = source {
        out.push(' ');
        out.push_str(&shell_word(&source));
    }
    out
}

/// `word` as one POSIX shell word: as it is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.#@/:=+,".contains(&b))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The notes as Markdown: a `##` section per paper with its reference, then per mark the quote
/// (as a block quote), the note, the Pandoc citation and the back-link.
pub fn markdown(groups: &[PaperNotes]) -> String {
    let mut out = String::from("# Notes\n");
    for g in groups {
        let _ = write!(out, "\n## {}\n", one_line(&g.title));
        if let Some(reference) = &g.reference {
            let _ = write!(out, "\n{}\n", one_line(reference));
        }
        for n in &g.notes {
            let place = if n.section.is_empty() {
                String::new()
            } else {
                format!(" — {}", n.section.join(" › "))
            };
            let page = n
                .page
                .as_ref()
                .map(|p| format!(", p. {p}"))
                .unwrap_or_default();
            let _ = write!(out, "\n### {}{place}{page}\n\n", capitalised(n.kind));
            for paragraph in n.quote.split("\n\n") {
                if !out.ends_with("\n\n") {
                    out.push_str(">\n");
                }
                let _ = writeln!(out, "> {}", one_line(paragraph));
            }
            if n.placed == "orphaned" {
                out.push_str(
                    "\n*The passage is no longer in the paper; this is the text as highlighted.*\n",
                );
            } else if n.placed == "paper-not-open" {
                out.push_str("\n*The paper is not open; this is the text as saved.*\n");
            }
            if let Some(note) = &n.note {
                let _ = write!(out, "\n{}\n", note.trim_end());
            }
            let cite = n
                .pandoc
                .as_deref()
                .map(|c| format!("{c} · "))
                .unwrap_or_default();
            let _ = write!(out, "\n{cite}`{}`\n", n.open);
        }
    }
    out
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The notes as pretty JSON: `[{"paper", "title", "citekey", "reference", "notes": [...]}]`.
pub fn json(groups: &[PaperNotes]) -> String {
    let mut out = serde_json::to_string_pretty(groups).expect("notes serialize");
    out.push('\n');
    out
}
