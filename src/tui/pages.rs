//! Pages in the reader: the status bar's `p. 12 / 40` segment and the go-to-page prompt (`P`).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Overlay};
use super::input::TextInput;
use super::reader::Place;

/// The status bar's page segment for the place being read: `p. LABEL / COUNT`, `p. – / COUNT`
/// above the first page marker; `None` for papers without pages.
pub fn status_segment(app: &App) -> Option<String> {
    let paper = app.library.papers.get(app.reader.paper)?;
    if paper.pages.is_empty() {
        return None;
    }
    let (_, place) = app.current_place();
    let label = paper.page_label(place.block, place.offset).unwrap_or("–");
    Some(format!("p. {label} / {}", paper.pages.len()))
}

/// `P`: the go-to-page prompt's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PagePrompt {
    /// The label typed so far.
    pub input: TextInput,
}

impl App {
    /// `P`: asks for a page of the paper being read.
    pub fn start_page_prompt(&mut self) {
        let Some(paper) = self.library.papers.get(self.reader.paper) else {
            return;
        };
        if paper.pages.is_empty() {
            self.info("This paper has no page numbers");
            return;
        }
        self.overlay = Some(Overlay::Page(PagePrompt::default()));
    }

    /// Keys in the go-to-page prompt: Enter jumps (Ctrl-O comes back), Esc cancels.
    pub fn page_prompt_key(&mut self, mut prompt: PagePrompt, event: KeyEvent) {
        match event.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => {
                self.overlay = None;
                self.go_to_page(prompt.input.text());
            }
            _ => {
                prompt.input.key(event);
                self.overlay = Some(Overlay::Page(prompt));
            }
        }
    }

    /// Jumps to the page labelled `typed` in the paper being read, or says why not.
    pub fn go_to_page(&mut self, typed: &str) {
        let p = self.reader.paper;
        let Some(paper) = self.library.papers.get(p) else {
            return;
        };
        let typed = typed.trim();
        if typed.is_empty() {
            return;
        }
        let start = paper
            .find_page(typed)
            .and_then(|page| paper.page_start(page));
        let Some((block, offset)) = start else {
            let range = match (paper.pages.first(), paper.pages.last()) {
                (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
                (Some(only), _) => only.clone(),
                _ => String::new(),
            };
            let message = format!("No page {typed} in this paper (pages {range})");
            self.warn(&message);
            return;
        };
        self.jump(p, Place { block, offset });
    }

    /// The prompt's title: which pages there are.
    pub fn page_prompt_title(&self) -> String {
        let pages = self
            .library
            .papers
            .get(self.reader.paper)
            .map_or(&[][..], |p| p.pages.as_slice());
        match (pages.first(), pages.last()) {
            (Some(first), Some(last)) if first != last => {
                format!(" Go to page ({first}–{last}) — Enter jumps, Esc cancels ")
            }
            _ => " Go to page — Enter jumps, Esc cancels ".to_owned(),
        }
    }
}
