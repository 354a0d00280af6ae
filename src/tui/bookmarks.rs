//! Bookmarks in the reader: the store, where each bookmark lands, the note prompt, the list
//! overlay, reading positions and the jump list.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Overlay, Tone};
use super::input::{Edit, TextInput};
use super::reader::Place;
use crate::anchoring::{block_sections, capture, label_at};
use crate::highlighting::{Captured, Landed, PassageLocator};
use crate::library::Library;
use crate::store::{Anchor, Resolution, Store, StoreWarning};

/// How often the reading position is saved while reading.
pub const AUTOSAVE: Duration = Duration::from_secs(5);

/// Where a bookmark landed in the open library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The paper it belongs to, when that paper is open.
    pub paper: Option<usize>,
    /// How it was found.
    pub resolution: Resolution,
}

impl Placed {
    /// The place to show, when it was found.
    pub fn place(&self) -> Option<(usize, Place)> {
        let paper = self.paper?;
        match self.resolution {
            Resolution::Exact { block, offset } | Resolution::Approximate { block, offset } => {
                Some((
                    paper,
                    Place {
                        block: block as usize,
                        offset: offset as usize,
                    },
                ))
            }
            Resolution::SectionStart { block } => Some((
                paper,
                Place {
                    block: block as usize,
                    offset: 0,
                },
            )),
            Resolution::Orphaned => None,
        }
    }

    /// The mark shown in the list: none when exact, `≈` when approximate, `✗` when orphaned,
    /// `·` when its paper is not open.
    pub fn badge(&self) -> &'static str {
        match (self.paper, self.resolution) {
            (None, _) => "·",
            (_, Resolution::Exact { .. }) => " ",
            (_, Resolution::Orphaned) => "✗",
            _ => "≈",
        }
    }
}

/// Bookmark state for the reader.
#[derive(Debug, Default)]
pub struct Marks {
    /// The store; `None` when no data directory could be found.
    pub store: Option<Store>,
    /// Where each bookmark (by id) landed.
    pub placed: HashMap<String, Placed>,
    /// Places with a bookmark, per paper (for the margin).
    pub places: Vec<Vec<Place>>,
    /// Sections holding a bookmark, as (paper, section) (for the outline).
    pub sections: HashSet<(usize, usize)>,
    /// Where each highlight landed, per paper (to underline them).
    pub passages: Vec<Vec<Landed>>,
    /// When the store was last saved.
    pub saved_at: Option<Instant>,
}

impl Marks {
    /// Wraps a store and places its bookmarks in `library`.
    pub fn new(store: Option<Store>, library: &Library) -> Marks {
        let mut marks = Marks {
            store,
            ..Marks::default()
        };
        marks.place_all(library);
        marks
    }

    /// Recomputes where every bookmark lands.
    pub fn place_all(&mut self, library: &Library) {
        self.placed.clear();
        self.places = vec![Vec::new(); library.papers.len()];
        self.passages = vec![Vec::new(); library.papers.len()];
        self.sections.clear();
        let Some(store) = &self.store else { return };
        let bookmarks = store.bookmarks();
        let mut wanted: HashMap<usize, Vec<&crate::store::Bookmark>> = HashMap::new();
        for b in &bookmarks {
            match library.find(&b.paper) {
                Some(p) => wanted.entry(p).or_default().push(b),
                None => {
                    self.placed.insert(
                        b.id.clone(),
                        Placed {
                            paper: None,
                            resolution: Resolution::Orphaned,
                        },
                    );
                }
            }
        }
        for (p, list) in wanted {
            let paper = &library.papers[p];
            let sections = block_sections(paper);
            let locator = PassageLocator::new(paper, &sections);
            for b in list {
                let mut resolution = locator.locate(&b.anchor);
                if let Some(h) = &b.highlight {
                    let landed = locator.locate_highlight(&b.anchor, h);
                    match landed {
                        Landed::Orphaned => resolution = Resolution::Orphaned,
                        Landed::Found { start, exact, .. } => {
                            let (block, offset) = (start.0 as u32, start.1 as u32);
                            resolution = if exact {
                                Resolution::Exact { block, offset }
                            } else {
                                Resolution::Approximate { block, offset }
                            };
                            self.passages[p].push(landed);
                        }
                    }
                }
                let placed = Placed {
                    paper: Some(p),
                    resolution,
                };
                if let Some((_, place)) = placed.place() {
                    self.places[p].push(place);
                    if let Some(s) = paper.blocks.get(place.block).and_then(|blk| blk.section) {
                        self.sections.insert((p, s));
                    }
                }
                self.placed.insert(b.id.clone(), placed);
            }
        }
    }
}

/// What the one-line prompt is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptFor {
    /// A new bookmark waiting for its note.
    NewBookmark {
        /// Paper id.
        paper: String,
        /// Where it points.
        anchor: Anchor,
        /// Its label.
        label: String,
    },
    /// A new highlight waiting for its note.
    NewHighlight {
        /// Paper id.
        paper: String,
        /// The passage.
        captured: Box<Captured>,
    },
    /// Editing the note of bookmark `id`.
    EditNote {
        /// Bookmark id.
        id: String,
    },
}

/// The one-line prompt overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// What Enter will do.
    pub purpose: PromptFor,
    /// The text typed so far.
    pub input: TextInput,
}

/// The bookmarks list overlay.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookmarkList {
    /// Selected row.
    pub selected: usize,
    /// Ids deleted from the list, most recent last (for `u`).
    pub deleted: Vec<String>,
}

/// Where `store` says `paper` was left, if it was read before and the place is still found.
pub fn stored_place(store: &Store, paper: &crate::document::Paper) -> Option<Place> {
    let position = store.position(&paper.id)?;
    let placed = crate::anchoring::locate(paper, &position.anchor);
    let block = placed.block()?;
    let offset = match placed {
        Resolution::Exact { offset, .. } | Resolution::Approximate { offset, .. } => {
            offset as usize
        }
        _ => 0,
    };
    Some(Place {
        block: block as usize,
        offset,
    })
}

/// One-line text for a store warning.
pub fn warning_text(warning: &StoreWarning) -> String {
    warning.to_string()
}

impl App {
    /// Attaches the bookmark store: reports its warnings, restores every paper's reading
    /// position and opens the paper read last.
    pub fn attach_store(&mut self, store: Store, warnings: &[StoreWarning]) {
        if let Some(first) = warnings.first() {
            self.status = Some((warning_text(first), Tone::Warning));
        }
        self.marks = Marks::new(Some(store), &self.library);
        let Some(store) = &self.marks.store else {
            return;
        };
        let places: Vec<(usize, Place)> = (0..self.library.papers.len())
            .filter_map(|p| Some((p, stored_place(store, &self.library.papers[p])?)))
            .collect();
        let last = store.last_paper().and_then(|l| self.library.find(&l.paper));
        for (p, place) in places {
            self.reader.set_place(p, place);
        }
        if let Some(p) = last {
            self.reader.open(&self.library, p);
            self.follow_reader();
        }
        self.marks.saved_at = Some(Instant::now());
    }

    /// The place a new bookmark or a copy refers to: the fact, result or bookmark just jumped
    /// to while the reader has not moved since, else the top line of the reader.
    pub fn current_place(&self) -> (usize, Place) {
        match self.jumps.target {
            Some((paper, place, top)) if paper == self.reader.paper && top == self.reader.top => {
                (paper, place)
            }
            _ => (self.reader.paper, self.reader.place()),
        }
    }

    /// `m`: opens the note prompt for a bookmark at the current place.
    pub fn start_bookmark(&mut self, at: Option<(usize, Place)>) {
        if self.marks.store.is_none() {
            self.warn("Bookmarks are off: no data directory (set DOSSIER_DATA_DIR)");
            return;
        }
        let (p, place) = at.unwrap_or_else(|| self.current_place());
        if self.refuse_unready(p) {
            return;
        }
        let Some(paper) = self.library.papers.get(p) else {
            return;
        };
        let block = place.block.min(paper.blocks.len().saturating_sub(1));
        let anchor = capture(paper, block, place.offset);
        let label = label_at(paper, block, anchor.offset as usize);
        let purpose = PromptFor::NewBookmark {
            paper: paper.id.clone(),
            anchor,
            label,
        };
        self.overlay = Some(Overlay::Prompt(Prompt {
            purpose,
            input: TextInput::default(),
        }));
    }

    /// Keys in the note prompt: Enter saves with the note, Esc saves a new bookmark without one
    /// (and leaves an edited note unchanged).
    pub fn prompt_key(&mut self, mut prompt: Prompt, event: KeyEvent) {
        let note = || Some(prompt.input.text().trim().to_owned()).filter(|n| !n.is_empty());
        match event.code {
            KeyCode::Enter | KeyCode::Esc => {
                let keep_note = event.code == KeyCode::Enter;
                let return_to_list = matches!(prompt.purpose, PromptFor::EditNote { .. });
                self.overlay = None;
                let Some(store) = self.marks.store.as_mut() else {
                    return;
                };
                match &prompt.purpose {
                    PromptFor::NewBookmark {
                        paper,
                        anchor,
                        label,
                    } => {
                        let note = if keep_note { note() } else { None };
                        store.add(paper, anchor.clone(), label, note);
                        self.refresh_marks();
                        self.save_store("Bookmarked");
                    }
                    PromptFor::NewHighlight { paper, captured } => {
                        let note = if keep_note { note() } else { None };
                        let c = captured.as_ref().clone();
                        store.add_highlight(paper, c.start, c.highlight, &c.label, note);
                        self.refresh_marks();
                        self.save_store("Highlighted");
                    }
                    PromptFor::EditNote { id } => {
                        if keep_note {
                            store.set_note(id, note());
                            self.save_store("Note saved");
                        }
                    }
                }
                if return_to_list {
                    self.overlay = Some(Overlay::Bookmarks(self.list_state.clone()));
                }
            }
            _ => {
                let _: Edit = prompt.input.key(event);
                self.overlay = Some(Overlay::Prompt(prompt));
            }
        }
    }

    /// `'`: opens the bookmarks list.
    pub fn open_bookmark_list(&mut self) {
        if self.marks.store.is_none() {
            self.warn("Bookmarks are off: no data directory (set DOSSIER_DATA_DIR)");
            return;
        }
        self.list_state = BookmarkList::default();
        self.overlay = Some(Overlay::Bookmarks(BookmarkList::default()));
    }

    /// The ids of live bookmarks, newest first, as the list shows them.
    pub fn bookmark_ids(&self) -> Vec<String> {
        self.marks
            .store
            .as_ref()
            .map(|s| s.bookmarks().iter().map(|b| b.id.clone()).collect())
            .unwrap_or_default()
    }

    /// Keys in the bookmarks list: ↑/↓ (j/k) move, Enter jumps, `d` deletes, `u` undoes the last
    /// delete, `e` edits the note, Esc closes.
    pub fn bookmark_list_key(&mut self, mut list: BookmarkList, event: KeyEvent) {
        let ids = self.bookmark_ids();
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Esc | KeyCode::Char('q' | '\'') => {
                self.overlay = None;
                return;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                list.selected = (list.selected + 1).min(ids.len().saturating_sub(1))
            }
            KeyCode::Char('n') if ctrl => {
                list.selected = (list.selected + 1).min(ids.len().saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => list.selected = list.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => list.selected = list.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => list.selected = 0,
            KeyCode::End | KeyCode::Char('G') => list.selected = ids.len().saturating_sub(1),
            KeyCode::Enter => {
                self.overlay = None;
                if let Some(id) = ids.get(list.selected) {
                    self.jump_to_bookmark(id);
                }
                return;
            }
            KeyCode::Char('d') | KeyCode::Delete => {
                if let (Some(id), Some(store)) = (ids.get(list.selected), self.marks.store.as_mut())
                    && store.remove(id)
                {
                    list.deleted.push(id.clone());
                    self.refresh_marks();
                    self.save_store("Deleted (u undoes)");
                    list.selected = list.selected.min(ids.len().saturating_sub(2));
                }
            }
            KeyCode::Char('u') => {
                if let (Some(id), Some(store)) = (list.deleted.pop(), self.marks.store.as_mut())
                    && store.restore(&id)
                {
                    self.refresh_marks();
                    self.save_store("Restored");
                    list.selected = self
                        .bookmark_ids()
                        .iter()
                        .position(|i| *i == id)
                        .unwrap_or(0);
                }
            }
            KeyCode::Char('e') => {
                if let Some(id) = ids.get(list.selected) {
                    let note = self
                        .marks
                        .store
                        .as_ref()
                        .and_then(|s| s.bookmark(id))
                        .and_then(|b| b.note.clone());
                    self.list_state = list;
                    let input = TextInput::with_text(note.as_deref().unwrap_or(""));
                    self.overlay = Some(Overlay::Prompt(Prompt {
                        purpose: PromptFor::EditNote { id: id.clone() },
                        input,
                    }));
                    return;
                }
            }
            _ => {}
        }
        self.list_state = list.clone();
        self.overlay = Some(Overlay::Bookmarks(list));
    }

    /// Recomputes where bookmarks land and re-indexes them for the finder.
    pub fn refresh_marks(&mut self) {
        self.marks.place_all(&self.library);
        self.reindex_bookmarks();
    }

    /// Shows the place of bookmark `id`, saying when it could only be placed approximately.
    pub fn jump_to_bookmark(&mut self, id: &str) {
        let Some(placed) = self.marks.placed.get(id).copied() else {
            return;
        };
        match placed.place() {
            Some((paper, place)) => {
                self.jump(paper, place);
                if !placed.resolution.is_exact() {
                    self.info("The paper changed: this bookmark was placed approximately");
                }
            }
            None if placed.paper.is_none() => self.warn("This bookmark's paper is not open"),
            None => self.warn("This bookmark's passage is gone from the paper (kept, marked ✗)"),
        }
    }

    /// Saves the store now; `done` is said on success. A failure is reported and the changes
    /// stay in memory for the next try.
    pub fn save_store(&mut self, done: &str) {
        self.record_position();
        let Some(store) = self.marks.store.as_mut() else {
            return;
        };
        if !store.is_persistent() {
            if !done.is_empty() {
                self.status = Some((
                    format!(
                        "{done} (kept for this session only: {})",
                        store.path().display()
                    ),
                    Tone::Warning,
                ));
            }
            return;
        }
        match store.save() {
            Ok(warnings) => {
                self.marks.saved_at = Some(Instant::now());
                if let Some(w) = warnings.first() {
                    self.status = Some((warning_text(w), Tone::Warning));
                } else if !done.is_empty() {
                    self.info(done);
                }
            }
            Err(e) => {
                self.status = Some((
                    format!("{e} (kept in memory for this session)"),
                    Tone::Warning,
                ))
            }
        }
    }

    /// Puts the current reading position into the store (memory only).
    fn record_position(&mut self) {
        if !self.library.is_ready(self.reader.paper) {
            return;
        }
        let Some(paper) = self.library.papers.get(self.reader.paper) else {
            return;
        };
        let place = self.reader.place();
        let anchor = capture(paper, place.block, place.offset);
        if let Some(store) = self.marks.store.as_mut()
            && store.position(&paper.id).is_none_or(|p| p.anchor != anchor)
        {
            store.set_position(&paper.id, anchor);
        }
    }

    /// Called regularly by the run loop: saves the reading position every [`AUTOSAVE`].
    pub fn tick(&mut self, now: Instant) {
        if self
            .marks
            .saved_at
            .is_some_and(|at| now.duration_since(at) >= AUTOSAVE)
        {
            self.record_position();
            if self
                .marks
                .store
                .as_ref()
                .is_some_and(|s| s.dirty() && s.is_persistent())
            {
                self.save_store("");
            } else {
                self.marks.saved_at = Some(now);
            }
        }
    }

    /// Saves the position and bookmarks on the way out.
    pub fn shutdown(&mut self) {
        self.save_store("");
    }

    /// Shows `paper` at `place`, remembering where we were for `Ctrl-O`.
    pub fn jump(&mut self, paper: usize, place: Place) {
        let here = (self.reader.paper, self.reader.place());
        if self.jumps.back.last() != Some(&here) {
            self.jumps.back.push(here);
        }
        self.jumps.forward.clear();
        self.reader.jump(&self.library, paper, place);
        self.follow_reader();
        self.jumps.target = Some((paper, place, self.reader.top));
    }

    /// `Ctrl-O` (`back`) / `Ctrl-I` (forward) through the places jumped from.
    pub fn jump_history(&mut self, back: bool) {
        let here = (self.reader.paper, self.reader.place());
        let (from, to) = if back {
            (&mut self.jumps.back, &mut self.jumps.forward)
        } else {
            (&mut self.jumps.forward, &mut self.jumps.back)
        };
        let Some((paper, place)) = from.pop() else {
            self.info(if back {
                "No earlier place to go back to"
            } else {
                "No later place to go forward to"
            });
            return;
        };
        to.push(here);
        self.reader.jump(&self.library, paper, place);
        self.follow_reader();
    }
}

/// Places jumped from and to.
#[derive(Clone, Debug, Default)]
pub struct Jumps {
    /// Places to go back to, most recent last.
    pub back: Vec<(usize, Place)>,
    /// Places to go forward to, most recent last.
    pub forward: Vec<(usize, Place)>,
    /// The exact place of the last jump and the top line it left, so `m` and `y` act on the
    /// jumped-to sentence until the reader moves.
    pub target: Option<(usize, Place, usize)>,
}
