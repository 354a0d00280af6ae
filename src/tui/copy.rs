//! `y`: what gets copied — the passage being highlighted, the selected fact, term, bookmark or
//! highlight, or the paragraph being read — always with its citation in the configured style.

use super::app::{App, Effect, Focus, Overlay, Tone};
use super::clipboard::osc52;
use crate::cite;
use crate::facts;

impl App {
    /// The text `y` copies now, with its citation.
    pub fn copy_text(&self) -> Option<String> {
        if let Some(Overlay::Select(sel)) = &self.overlay {
            let text = self.selection_text(sel)?;
            return Some(self.quote(sel.paper, sel.start.0, sel.start.1, &text));
        }
        if let Some(Overlay::Bookmarks(list)) = &self.overlay {
            let id = self.bookmark_ids().get(list.selected)?.clone();
            let mark = self.marks.store.as_ref()?.bookmark(&id)?;
            let placed = self.marks.placed.get(&id)?;
            if let (Some(h), Some(paper)) = (&mark.highlight, placed.paper) {
                let (block, offset) = placed.place().map_or((0, 0), |(_, p)| (p.block, p.offset));
                return Some(self.quote(paper, block, offset, &h.quote));
            }
            let (p, place) = placed.place()?;
            return Some(self.sentence_quote(p, place.block, place.offset));
        }
        if self.focus == Focus::Panel
            && let Some((p, place, _)) = self.panel_target()
        {
            if self.panel.tab == super::panel::Tab::Glossary {
                let term = self.panel.insights.glossary().get(self.panel.selected())?;
                let reference = self.catalog.get(&self.library.papers[p].id)?;
                return Some(format!(
                    "{} — {}\n\n{}",
                    term.short,
                    term.long,
                    cite::reference(reference, self.citation_style())
                ));
            }
            return Some(self.sentence_quote(p, place.block, place.offset));
        }
        let paper = self.library.papers.get(self.reader.paper)?;
        let (_, place) = self.current_place();
        let block = paper.blocks.get(place.block)?;
        Some(self.quote(self.reader.paper, place.block, 0, &block.text))
    }

    /// The sentence holding byte `offset` of `block`, quoted with its citation.
    fn sentence_quote(&self, paper: usize, block: usize, offset: usize) -> String {
        let p = &self.library.papers[paper];
        let b = &p.blocks[block];
        let sentence = facts::sentences(&b.text)
            .into_iter()
            .find(|r| r.contains(&offset) || r.start >= offset)
            .map_or(&b.text[..], |r| &b.text[r]);
        self.quote(paper, block, offset, sentence)
    }

    /// `text`, found at byte `offset` of `block` of paper `paper`, quoted and cited with its
    /// page (for papers with pages) as the locator.
    fn quote(&self, paper: usize, block: usize, offset: usize, text: &str) -> String {
        let p = &self.library.papers[paper];
        let page = p.page_label(block, offset);
        match self.catalog.get(&p.id) {
            Some(reference) => cite::quote(text, reference, page, self.citation_style()),
            None => format!(
                "“{}”",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
        }
    }

    /// Copies through OSC 52 and says so.
    pub fn copy(&mut self) -> Option<Effect> {
        if self.overlay.is_none() && self.refuse_unready(self.reader.paper) {
            return None;
        }
        let Some(text) = self.copy_text() else {
            self.status = Some(("Nothing to copy here".into(), Tone::Info));
            return None;
        };
        let chars = text.chars().count();
        self.status = Some((
            format!(
                "Copied {chars} characters with a {} citation (through the terminal, OSC 52)",
                self.citation_style().name
            ),
            Tone::Info,
        ));
        Some(Effect::Emit(osc52(&text)))
    }
}
