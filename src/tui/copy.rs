//! `y`: what gets copied — the selected fact or term, the selected bookmark, or the paragraph
//! being read — always with a citation line.

use super::app::{App, Effect, Focus, Overlay, Tone};
use super::clipboard::osc52;
use crate::cite;
use crate::facts;

impl App {
    /// The text `y` copies now, with its citation.
    pub fn copy_text(&self) -> Option<String> {
        if let Some(Overlay::Bookmarks(list)) = &self.overlay {
            let id = self.bookmark_ids().get(list.selected)?.clone();
            let (p, place) = self.marks.placed.get(&id)?.place()?;
            return Some(self.sentence_quote(p, place.block, place.offset));
        }
        if self.focus == Focus::Panel
            && let Some((p, place, _)) = self.panel_target()
        {
            let paper = &self.library.papers[p];
            let section = paper.blocks.get(place.block)?.section;
            if self.panel.tab == super::panel::Tab::Glossary {
                let term = self.panel.insights.glossary().get(self.panel.selected())?;
                return Some(format!(
                    "{} — {}\n— {}",
                    term.short,
                    term.long,
                    cite::citation(paper, section)
                ));
            }
            return Some(self.sentence_quote(p, place.block, place.offset));
        }
        let paper = self.library.papers.get(self.reader.paper)?;
        let (_, place) = self.current_place();
        let block = paper.blocks.get(place.block)?;
        Some(cite::quote(&block.text, paper, block.section))
    }

    /// The sentence holding byte `offset` of `block`, quoted with its citation.
    fn sentence_quote(&self, paper: usize, block: usize, offset: usize) -> String {
        let p = &self.library.papers[paper];
        let b = &p.blocks[block];
        let sentence = facts::sentences(&b.text)
            .into_iter()
            .find(|r| r.contains(&offset) || r.start >= offset)
            .map_or(&b.text[..], |r| &b.text[r]);
        cite::quote(sentence, p, b.section)
    }

    /// Copies through OSC 52 and says so.
    pub fn copy(&mut self) -> Option<Effect> {
        let Some(text) = self.copy_text() else {
            self.status = Some(("Nothing to copy here".into(), Tone::Info));
            return None;
        };
        let chars = text.chars().count();
        self.status = Some((
            format!("Copied {chars} characters with citation (through the terminal, OSC 52)"),
            Tone::Info,
        ));
        Some(Effect::Emit(osc52(&text)))
    }
}
