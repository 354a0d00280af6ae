//! Following links: `f` labels the links on screen, a letter (or Tab and Enter) follows one.
//! Footnote references jump to their note (`Ctrl-O` comes back), `#slug` and `other.md#slug`
//! jump within the library, and web addresses are copied, since a terminal cannot open them.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Effect, Overlay};
use super::clipboard::osc52;
use super::reader::Place;
use crate::document::Origin;
use crate::layout::{Line, str_width};

/// A link on screen with its hint label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The label typed to follow it.
    pub label: char,
    /// Screen line (0 = top of the reader).
    pub row: usize,
    /// Column within the text column.
    pub col: usize,
    /// Index into the paper's links.
    pub link: u32,
}

/// The link-select overlay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkPick {
    /// Links on screen, top to bottom.
    pub hints: Vec<Hint>,
    /// The one Enter follows.
    pub selected: usize,
}

const LABELS: &str = "asdfghjklqwertyuiopzxcvbnmASDFGHJKLQWERTYUIOPZXCVBNM";

impl App {
    /// `f`: labels the links on screen, or says there are none.
    pub fn start_link_pick(&mut self) {
        let layout = self.reader.layout();
        let mut hints = Vec::new();
        let mut labels = LABELS.chars();
        for (row, line) in layout
            .lines
            .iter()
            .skip(self.reader.top)
            .take(usize::from(self.reader.height))
            .enumerate()
        {
            for run in runs(line) {
                let Some(label) = labels.next() else { break };
                hints.push(Hint {
                    label,
                    row,
                    col: run.col,
                    link: run.link,
                });
            }
        }
        if hints.is_empty() {
            self.info("No links on screen");
            return;
        }
        let first = hints[0].link;
        self.overlay = Some(Overlay::Links(LinkPick { hints, selected: 0 }));
        self.show_destination(first);
    }

    /// Shows where link `link` goes in the status bar (web addresses in full).
    fn show_destination(&mut self, link: u32) {
        let Some(target) = self.library.papers[self.reader.paper]
            .links
            .get(link as usize)
        else {
            return;
        };
        let text = if target.footnote {
            format!("→ footnote [{}]", target.dest)
        } else {
            format!("→ {}", target.dest)
        };
        self.info(&format!(
            "{text}   (letter: follow · Tab: next · Enter · Esc)"
        ));
    }

    /// Keys in link-select mode.
    pub fn link_pick_key(&mut self, mut pick: LinkPick, event: KeyEvent) -> Option<Effect> {
        let count = pick.hints.len();
        match event.code {
            KeyCode::Esc => {
                self.overlay = None;
                return None;
            }
            KeyCode::Tab | KeyCode::Down => pick.selected = (pick.selected + 1) % count,
            KeyCode::BackTab | KeyCode::Up => pick.selected = (pick.selected + count - 1) % count,
            KeyCode::Enter => {
                self.overlay = None;
                return self.follow(pick.hints[pick.selected].link);
            }
            KeyCode::Char(c) => {
                if let Some(hint) = pick.hints.iter().find(|h| h.label == c) {
                    let link = hint.link;
                    self.overlay = None;
                    return self.follow(link);
                }
            }
            _ => {}
        }
        let link = pick.hints[pick.selected].link;
        self.overlay = Some(Overlay::Links(pick));
        self.show_destination(link);
        None
    }

    /// Follows link `link` of the paper being read.
    pub fn follow(&mut self, link: u32) -> Option<Effect> {
        let paper = &self.library.papers[self.reader.paper];
        let target = paper.links.get(link as usize)?.clone();
        if target.footnote {
            let Some(&block) = paper.footnotes.get(&target.dest) else {
                self.warn(&format!("Footnote [{}] has no definition", target.dest));
                return None;
            };
            self.jump(self.reader.paper, Place { block, offset: 0 });
            self.info(&format!("Footnote [{}] — Ctrl-O goes back", target.dest));
            return None;
        }
        let dest = target.dest.trim();
        if is_external(dest) {
            self.info(&format!("Copied link {dest} (a terminal cannot open it)"));
            return Some(Effect::Emit(osc52(dest)));
        }
        let (file, fragment) = dest
            .split_once('#')
            .map_or((dest, None), |(f, s)| (f, Some(s)));
        let paper_index = if file.is_empty() {
            Some(self.reader.paper)
        } else {
            self.find_linked_paper(file)
        };
        let Some(p) = paper_index else {
            self.warn(&format!("{file} is not open in dossier"));
            return None;
        };
        let place = match fragment.filter(|f| !f.is_empty()) {
            None => Place::default(),
            Some(slug) => {
                let target_paper = &self.library.papers[p];
                let slug = slug.to_lowercase();
                let Some(s) = target_paper.find_section(std::slice::from_ref(&slug)) else {
                    self.warn(&format!(
                        "No section #{slug} in {}",
                        target_paper.meta.title
                    ));
                    return None;
                };
                Place {
                    block: target_paper.sections[s].block,
                    offset: 0,
                }
            }
        };
        self.jump(p, place);
        None
    }

    /// The open paper a relative link names, resolved against the current paper's folder.
    fn find_linked_paper(&self, file: &str) -> Option<usize> {
        let file = percent_decode(file);
        let here = match &self.library.papers[self.reader.paper].origin {
            Origin::File(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            Origin::Embedded(_) | Origin::Web(_) => PathBuf::new(),
        };
        let wanted = std::fs::canonicalize(here.join(&file)).ok();
        self.library.papers.iter().position(|p| match &p.origin {
            Origin::File(path) => wanted
                .as_ref()
                .is_some_and(|w| std::fs::canonicalize(path).ok().as_ref() == Some(w)),
            Origin::Embedded(name) => *name == file,
            Origin::Web(_) => false,
        })
    }
}

/// A stretch of one layout line showing one link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Column within the text column where the link's text starts.
    pub col: usize,
    /// Width of the link's text on this line, in columns.
    pub width: usize,
    /// Index into the paper's links.
    pub link: u32,
}

/// The links on a layout line, left to right; a link wrapped onto the next line has a run there
/// too.
pub fn runs(line: &Line) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut col = 0;
    let mut previous = None;
    for seg in &line.segs {
        let width = str_width(&seg.text);
        if let Some(link) = seg.link {
            match runs.last_mut() {
                Some(run) if previous == Some(link) => run.width += width,
                _ => runs.push(Run { col, width, link }),
            }
        }
        previous = seg.link;
        col += width;
    }
    runs
}

/// Whether a destination leaves the library (has a URL scheme).
pub fn is_external(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Decodes `%20`-style escapes in a link's file part.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_mark_external_links() {
        assert!(is_external("https://attack.mitre.org/groups/G0032"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("#slug"));
        assert!(!is_external("other.md#slug"));
        assert!(
            !is_external("C:notes.md"),
            "a one-letter scheme is a drive, not a URL"
        );
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("Lazarus%20Group.md"), "Lazarus Group.md");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
