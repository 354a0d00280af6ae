//! Highlights in the reader: `v` selects from the sentence under the reading line, `j`/`k` and
//! `)`/`(` extend or shrink it sentence by sentence, `Enter` saves it with a note, `y` copies it
//! cited; saved highlights are underlined.

use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::app::{App, Overlay};
use super::bookmarks::{Prompt, PromptFor};
use super::input::TextInput;
use super::reader::Place;
use crate::facts::sentences;
use crate::highlighting::{At, capture_passage, passage_text};

/// A passage being selected in one paper: from `start` to `end` (exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Paper index.
    pub paper: usize,
    /// First character: the start of a sentence.
    pub start: At,
    /// One past the last character: the end of a sentence.
    pub end: At,
}

/// Sentence ranges of a block's text; a text without sentences is one.
fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let found = sentences(text);
    if found.is_empty() && !text.trim().is_empty() {
        std::iter::once(0..text.len()).collect()
    } else {
        found
    }
}

impl App {
    /// `v`: starts a selection at the sentence under the reading line (or the place just
    /// jumped to).
    pub fn start_selection(&mut self, at: Option<(usize, Place)>) {
        let (paper, place) = at.unwrap_or_else(|| self.current_place());
        if self.refuse_unready(paper) {
            return;
        }
        let Some(p) = self.library.papers.get(paper) else {
            return;
        };
        // The first block at or after the place that has text.
        let Some(block) =
            (place.block..p.blocks.len()).find(|&b| !p.blocks[b].text.trim().is_empty())
        else {
            self.info("Nothing to highlight here");
            return;
        };
        let offset = if block == place.block {
            place.offset
        } else {
            0
        };
        let ranges = sentence_ranges(&p.blocks[block].text);
        let Some(sentence) = ranges
            .iter()
            .find(|r| r.contains(&offset) || r.start >= offset)
            .or(ranges.last())
            .cloned()
        else {
            return;
        };
        self.overlay = Some(Overlay::Select(Selection {
            paper,
            start: (block, sentence.start),
            end: (block, sentence.end),
        }));
        self.selection_status();
    }

    fn selection_status(&mut self) {
        let keys = |a| self.keymap.keys_for(a).join("/");
        let message = format!(
            "Highlight: {}/{} or )/( extend/shrink · Enter save with a note · {} copy · Esc cancel",
            keys(Action::Down),
            keys(Action::Up),
            keys(Action::Copy)
        );
        self.info(&message);
    }

    /// Keys while selecting.
    pub fn selection_key(
        &mut self,
        mut sel: Selection,
        event: KeyEvent,
    ) -> Option<super::app::Effect> {
        let action = self.keymap.action(event);
        match (event.code, action) {
            (KeyCode::Esc, _) => {
                self.overlay = None;
                self.info("Highlight cancelled");
                return None;
            }
            (KeyCode::Enter, _) => {
                self.save_selection_prompt(sel);
                return None;
            }
            (KeyCode::Char(')'), _) => sel.end = self.next_sentence_end(&sel).unwrap_or(sel.end),
            (KeyCode::Char('('), _) | (_, Some(Action::Up)) => {
                sel.end = self.prev_sentence_end(&sel).unwrap_or(sel.end);
            }
            (_, Some(Action::Down)) => sel.end = self.line_extend(&sel).unwrap_or(sel.end),
            (_, Some(Action::Copy)) => {
                self.overlay = Some(Overlay::Select(sel));
                return self.copy();
            }
            (_, Some(Action::Quit)) => return Some(super::app::Effect::Quit),
            _ => {}
        }
        self.overlay = Some(Overlay::Select(sel));
        self.keep_in_view(sel.paper, sel.end);
        None
    }

    /// Scrolls so the selection's end stays on screen.
    fn keep_in_view(&mut self, paper: usize, end: At) {
        if paper != self.reader.paper {
            return;
        }
        let line = self.reader.line_of(Place {
            block: end.0,
            offset: end.1.saturating_sub(1),
        });
        let height = usize::from(self.reader.height).max(1);
        if line >= self.reader.top + height {
            let delta = line + 1 - (self.reader.top + height);
            self.reader.scroll(delta as isize);
        }
    }

    /// The end of the sentence after the selection's last one (in the next block with text
    /// when the block ends).
    fn next_sentence_end(&self, sel: &Selection) -> Option<At> {
        let p = self.library.papers.get(sel.paper)?;
        let (block, end) = sel.end;
        let ranges = sentence_ranges(&p.blocks.get(block)?.text);
        if let Some(r) = ranges.iter().find(|r| r.end > end) {
            return Some((block, r.end));
        }
        (block + 1..p.blocks.len()).find_map(|b| {
            sentence_ranges(&p.blocks[b].text)
                .first()
                .map(|r| (b, r.end))
        })
    }

    /// The end of the sentence before the selection's last one, never before its first.
    fn prev_sentence_end(&self, sel: &Selection) -> Option<At> {
        let p = self.library.papers.get(sel.paper)?;
        let (block, end) = sel.end;
        let ranges = sentence_ranges(&p.blocks.get(block)?.text);
        let earlier = ranges
            .iter()
            .rev()
            .find(|r| r.end < end && (block, r.end) > sel.start)
            .map(|r| (block, r.end));
        earlier.or_else(|| {
            (sel.start.0..block).rev().find_map(|b| {
                sentence_ranges(&p.blocks[b].text)
                    .last()
                    .map(|r| (b, r.end))
                    .filter(|e| *e > sel.start)
            })
        })
    }

    /// `j`: extends to the end of the sentence holding the start of the line after the one
    /// the selection ends on (at least one sentence).
    fn line_extend(&self, sel: &Selection) -> Option<At> {
        if sel.paper != self.reader.paper {
            return self.next_sentence_end(sel);
        }
        let layout = self.reader.layout();
        let line = layout.line_of(sel.end.0, sel.end.1.saturating_sub(1));
        let Some((block, offset)) = layout.block_at(line + 1) else {
            return self.next_sentence_end(sel);
        };
        let p = self.library.papers.get(sel.paper)?;
        let ranges = sentence_ranges(&p.blocks.get(block)?.text);
        let end = ranges
            .iter()
            .find(|r| r.end > offset)
            .map(|r| (block, r.end))
            .filter(|e| *e > sel.end);
        end.or_else(|| self.next_sentence_end(sel))
    }

    /// Enter while selecting: asks for the highlight's note.
    fn save_selection_prompt(&mut self, sel: Selection) {
        if self.marks.store.is_none() {
            self.overlay = None;
            self.warn("Highlights are off: no data directory (set DOSSIER_DATA_DIR)");
            return;
        }
        let paper = &self.library.papers[sel.paper];
        let captured = capture_passage(paper, sel.start, sel.end);
        self.overlay = Some(Overlay::Prompt(Prompt {
            purpose: PromptFor::NewHighlight {
                paper: paper.id.clone(),
                captured: Box::new(captured),
            },
            input: TextInput::default(),
        }));
    }

    /// The selection's text.
    pub fn selection_text(&self, sel: &Selection) -> Option<String> {
        let p = self.library.papers.get(sel.paper)?;
        Some(passage_text(p, sel.start, sel.end))
    }

    /// Byte ranges of `block` (of the paper shown) to draw selected, and to underline (saved
    /// highlights).
    pub fn block_decor(&self, block: usize) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let paper = self.reader.paper;
        let len = self
            .library
            .papers
            .get(paper)
            .and_then(|p| p.blocks.get(block))
            .map_or(0, |b| b.text.len());
        let mut selected = Vec::new();
        if let Some(Overlay::Select(sel)) = &self.overlay
            && sel.paper == paper
        {
            let landed = crate::highlighting::Landed::Found {
                start: sel.start,
                end: sel.end,
                exact: true,
            };
            selected.extend(landed.range_in(block, len));
        }
        let underlined = self
            .marks
            .passages
            .get(paper)
            .map(|list| {
                list.iter()
                    .filter_map(|landed| landed.range_in(block, len))
                    .collect()
            })
            .unwrap_or_default();
        (selected, underlined)
    }
}
