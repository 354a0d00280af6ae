//! The finder (`/`): the search index built in the background, the query line, results that
//! update as you type from a worker thread, the jump, and `n`/`N` through the hits afterwards.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Overlay};
use super::input::{Edit, TextInput};
use super::reader::{Mark, Place};
use crate::finder::{BookmarkEntry, bookmark_candidates, library_index};
use crate::library::Library;
use crate::search::{Hit, Index, Worker, search_all};

/// How many results the worker sends back: a couple of screens.
pub const RESULT_LIMIT: usize = 200;

/// Which index a result row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The library index (headings, sentences, facts, glossary).
    Library,
    /// The bookmarks index.
    Bookmarks,
}

/// One result row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where the candidate lives.
    pub source: Source,
    /// Its id in that index.
    pub id: u32,
    /// Its score.
    pub score: i64,
}

/// The finder overlay's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FinderState {
    /// The query line.
    pub input: TextInput,
    /// Results, best first.
    pub rows: Vec<Row>,
    /// How many hits the query has in all.
    pub total: usize,
    /// The selected row.
    pub selected: usize,
    /// Generation of the last submission.
    pub generation: u64,
    /// Whether results for the current query are still coming.
    pub pending: bool,
    /// Where the reader was when the finder opened (Esc goes back there).
    pub origin: (usize, Place),
}

impl FinderState {
    /// Puts new results on screen. The selection follows its hit when new rows replace old
    /// ones (the full ranking replacing a preview the reader already moved in), otherwise it
    /// goes to the top; a preview (`partial`) stays marked as still ranking.
    pub fn show(&mut self, rows: Vec<Row>, total: usize, partial: bool) {
        let selected = self.rows.get(self.selected).map(|r| (r.source, r.id));
        self.rows = rows;
        self.total = total;
        self.selected = selected
            .and_then(|hit| self.rows.iter().position(|r| (r.source, r.id) == hit))
            .unwrap_or(0);
        self.pending = partial;
    }
}

/// Hits of the last query jumped to, in reading order, for `n` / `N`.
#[derive(Clone, Debug, Default)]
pub struct Trail {
    /// The query.
    pub query: String,
    /// (paper, block, offset, candidate id), in reading order.
    pub hits: Vec<(usize, usize, usize, u32)>,
    /// The hit shown.
    pub at: usize,
}

/// What the background indexer sends: the index, then where the key facts are.
pub enum Built {
    /// Headings, sentences, table rows and terms, searchable at once.
    Index(Box<Index>),
    /// (paper, block, offset) of every key fact, to relabel those sentences.
    KeyFacts(std::collections::HashSet<(u32, u32, u32)>),
}

/// The search engine behind the finder.
pub struct Search {
    /// The library index, once built.
    pub index: Option<Arc<Index>>,
    /// Bookmarks, indexed on their own (they change while reading).
    pub bookmarks: Arc<Index>,
    /// The bookmark entries behind `bookmarks`.
    pub bookmark_entries: Vec<BookmarkEntry>,
    building: Option<Receiver<Built>>,
    worker: Option<Worker>,
    /// The last query jumped to.
    pub trail: Option<Trail>,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            index: None,
            bookmarks: Arc::new(Index::new(Vec::new())),
            bookmark_entries: Vec::new(),
            building: None,
            worker: None,
            trail: None,
        }
    }
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("ready", &self.index.is_some())
            .field("trail", &self.trail)
            .finish_non_exhaustive()
    }
}

impl Search {
    /// Starts building the library index on a background thread.
    pub fn build_in_background(&mut self, library: &Arc<Library>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = Arc::clone(library);
        let spawned = std::thread::Builder::new()
            .name("dossier-index".into())
            .spawn(move || {
                // Headings, sentences and terms first, so the finder is usable soon; then the same
                // with the key facts (the slow part: every sentence runs through the detectors).
                if tx
                    .send(Built::Index(Box::new(library_index(
                        &shared,
                        false,
                        Vec::new(),
                    ))))
                    .is_ok()
                {
                    let _ = tx.send(Built::KeyFacts(crate::finder::key_fact_places(&shared)));
                }
            });
        match spawned {
            Ok(_) => self.building = Some(rx),
            Err(_) => self.build_now(library),
        }
    }

    /// Builds the library index on this thread (tests, `dossier search`).
    pub fn build_now(&mut self, library: &Arc<Library>) {
        self.install(library_index(library, true, Vec::new()));
        self.building = None;
    }

    fn install(&mut self, index: Index) {
        let index = Arc::new(index);
        self.worker = Some(Worker::new(Arc::clone(&index), RESULT_LIMIT));
        self.index = Some(index);
    }

    /// Takes the index when the background build has finished; true when it just did.
    pub fn poll_build(&mut self) -> bool {
        let Some(rx) = &self.building else {
            return false;
        };
        match rx.try_recv() {
            Ok(Built::Index(index)) => {
                self.install(*index);
                true
            }
            Ok(Built::KeyFacts(keys)) => {
                // Relabel in place: stop the worker so the index is ours alone, then restart it.
                self.worker = None;
                if let Some(index) = self.index.as_mut().and_then(Arc::get_mut) {
                    index.relabel(|c| crate::finder::kind_with_facts(&keys, c));
                }
                if let Some(index) = &self.index {
                    self.worker = Some(Worker::new(Arc::clone(index), RESULT_LIMIT));
                }
                self.building = None;
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.building = None;
                false
            }
        }
    }

    /// Whether the key facts are still being indexed (the rest is searchable).
    pub fn indexing_facts(&self) -> bool {
        self.building.is_some() && self.index.is_some()
    }

    /// Whether the index is still being built.
    pub fn building(&self) -> bool {
        self.building.is_some()
    }

    /// Re-indexes the bookmarks.
    pub fn set_bookmarks(&mut self, library: &Library, entries: Vec<BookmarkEntry>) {
        self.bookmarks = Arc::new(Index::new(bookmark_candidates(library, &entries)));
        self.bookmark_entries = entries;
    }

    /// The index a row comes from.
    pub fn index_of(&self, source: Source) -> Option<&Index> {
        match source {
            Source::Library => self.index.as_deref(),
            Source::Bookmarks => Some(&self.bookmarks),
        }
    }
}

impl App {
    /// Indexes the bookmarks for the finder.
    pub fn reindex_bookmarks(&mut self) {
        let Some(store) = &self.marks.store else {
            return;
        };
        let entries = store
            .bookmarks()
            .iter()
            .filter_map(|b| {
                let (paper, place) = self.marks.placed.get(&b.id)?.place()?;
                let text = match &b.note {
                    Some(note) => format!("{} — {note}", b.label),
                    None => b.label.clone(),
                };
                Some(BookmarkEntry {
                    paper,
                    block: place.block,
                    offset: place.offset,
                    text,
                })
            })
            .collect();
        let library = Arc::clone(&self.library);
        self.search.set_bookmarks(&library, entries);
    }

    /// `/`: opens the finder.
    pub fn open_finder(&mut self) {
        let origin = (self.reader.paper, self.reader.place());
        let mut state = FinderState {
            origin,
            ..FinderState::default()
        };
        if let Some(trail) = &self.search.trail {
            state.input = TextInput::with_text(&trail.query);
        }
        self.overlay = Some(Overlay::Finder(state));
        self.submit_query();
    }

    fn finder_state(&mut self) -> Option<&mut FinderState> {
        match &mut self.overlay {
            Some(Overlay::Finder(state)) => Some(state),
            _ => None,
        }
    }

    /// Sends the current query to the worker and searches the bookmarks at once.
    fn submit_query(&mut self) {
        let bookmarks = Arc::clone(&self.search.bookmarks);
        let ready = self.search.index.is_some();
        let Some(state) = self.finder_state() else {
            return;
        };
        state.generation += 1;
        let query = state.input.text().to_owned();
        let generation = state.generation;
        let bookmark_rows: Vec<Row> = bookmark_rows(&bookmarks, &query);
        state.rows = merge(&[], &bookmark_rows);
        state.total = bookmark_rows.len();
        state.selected = 0;
        state.pending = ready;
        if let Some(worker) = &self.search.worker {
            worker.submit(generation, query);
        }
    }

    /// Takes finished results from the worker (called by the run loop).
    pub fn poll_search(&mut self) {
        if self.search.poll_build() && matches!(self.overlay, Some(Overlay::Finder(_))) {
            self.submit_query();
        }
        let Some(worker) = &self.search.worker else {
            return;
        };
        let mut newest = None;
        while let Some(results) = worker.try_recv() {
            newest = Some(results);
        }
        let Some(results) = newest else { return };
        let bookmarks = Arc::clone(&self.search.bookmarks);
        let Some(state) = self.finder_state() else {
            return;
        };
        if results.generation != state.generation {
            return;
        }
        let index = self.search.index.clone();
        let Some(state) = self.finder_state() else {
            return;
        };
        let hits = index.map_or(results.hits.clone(), |index| {
            crate::finder::dedup_hits(&index, results.hits.clone())
        });
        let library_rows: Vec<Row> = hits
            .iter()
            .map(|h| Row {
                source: Source::Library,
                id: h.id,
                score: h.score,
            })
            .collect();
        let bookmark_rows: Vec<Row> = bookmark_rows(&bookmarks, &results.query);
        state.show(
            merge(&library_rows, &bookmark_rows),
            results.total + bookmark_rows.len(),
            results.partial,
        );
    }

    /// Whether the run loop should poll again soon (a search or the index is in flight).
    pub fn busy(&self) -> bool {
        self.search.building()
            || matches!(&self.overlay, Some(Overlay::Finder(state)) if state.pending)
    }

    /// Keys in the finder.
    pub fn finder_key(&mut self, event: KeyEvent) {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let page = usize::from(self.areas.reader.height / 2).max(1);
        let Some(state) = self.finder_state() else {
            return;
        };
        let last = state.rows.len().saturating_sub(1);
        match event.code {
            KeyCode::Esc => {
                let (paper, place) = state.origin;
                self.overlay = None;
                self.reader.jump(&self.library, paper, place);
                self.follow_reader();
            }
            KeyCode::Enter => self.finder_jump(),
            KeyCode::Char('v') if ctrl => {
                // Highlight from the hit: jump there, then select its sentence.
                self.finder_jump();
                if self.overlay.is_none() && self.jumps.target.is_some() {
                    self.start_selection(None);
                }
            }
            KeyCode::Down => state.selected = (state.selected + 1).min(last),
            KeyCode::Char('n' | 'j') if ctrl => state.selected = (state.selected + 1).min(last),
            KeyCode::Up => state.selected = state.selected.saturating_sub(1),
            KeyCode::Char('p' | 'k') if ctrl => state.selected = state.selected.saturating_sub(1),
            KeyCode::PageDown => state.selected = (state.selected + page).min(last),
            KeyCode::PageUp => state.selected = state.selected.saturating_sub(page),
            _ => {
                if state.input.key(event) == Edit::Changed {
                    self.submit_query();
                }
            }
        }
    }

    /// Enter: shows the selected result, highlights the query's matches, remembers the hits
    /// for `n` / `N`.
    fn finder_jump(&mut self) {
        let Some(Overlay::Finder(state)) = self.overlay.take() else {
            return;
        };
        let Some(row) = state.rows.get(state.selected).copied() else {
            self.info("No match");
            return;
        };
        let Some(index) = self.search.index_of(row.source) else {
            return;
        };
        let candidate = index.get(row.id);
        let target = (
            candidate.paper as usize,
            Place {
                block: candidate.block as usize,
                offset: candidate.offset as usize,
            },
        );
        let query = state.input.text().to_owned();
        let mut hits: Vec<(usize, usize, usize, u32)> = Vec::new();
        if row.source == Source::Library {
            hits = search_all(index, &query, usize::MAX)
                .into_iter()
                .map(|h: Hit| {
                    let c = index.get(h.id);
                    (c.paper as usize, c.block as usize, c.offset as usize, h.id)
                })
                .collect();
            hits.sort_unstable();
            hits.dedup_by_key(|h| (h.0, h.1, h.2));
        }
        let at = hits
            .iter()
            .position(|h| (h.0, h.1, h.2) == (target.0, target.1.block, target.1.offset))
            .unwrap_or(0);
        self.search.trail = (!hits.is_empty()).then_some(Trail { query, hits, at });
        self.jump(target.0, target.1);
        self.mark_trail();
        if let Some(trail) = &self.search.trail {
            self.info(&format!(
                "Match {} of {} — n next, N previous, Esc clears",
                trail.at + 1,
                trail.hits.len()
            ));
        }
    }

    /// Highlights the query's matches in the paper being read.
    fn mark_trail(&mut self) {
        self.reader.marks.clear();
        let (Some(trail), Some(index)) = (&self.search.trail, self.search.index.as_deref()) else {
            return;
        };
        let paper = self.reader.paper;
        let library = Arc::clone(&self.library);
        for &(p, block, offset, id) in trail.hits.iter().filter(|h| h.0 == paper).take(5_000) {
            let text = index.text(id);
            let block_text = &library.papers[p].blocks[block].text;
            let start_in_block = block_text[offset.min(block_text.len())..]
                .find(text)
                .map_or(offset, |d| offset + d);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for i in crate::search::indices(index, &trail.query, id) {
                if let Some(&(byte, c)) = chars.get(i) {
                    let start = start_in_block + byte;
                    self.reader.marks.push(Mark {
                        paper: p,
                        block,
                        range: start..start + c.len_utf8(),
                    });
                }
            }
        }
    }

    /// `n` / `N`: the next or previous hit in reading order, across papers, wrapping.
    pub fn next_match(&mut self, forward: bool) {
        let Some(trail) = &mut self.search.trail else {
            self.info("No search yet: / finds");
            return;
        };
        let count = trail.hits.len();
        let wrapped = (forward && trail.at + 1 == count) || (!forward && trail.at == 0);
        trail.at = if forward {
            (trail.at + 1) % count
        } else {
            (trail.at + count - 1) % count
        };
        let (paper, block, offset, _) = trail.hits[trail.at];
        let message = format!(
            "{}Match {} of {}",
            if wrapped {
                if forward {
                    "Wrapped to the first match. "
                } else {
                    "Wrapped to the last match. "
                }
            } else {
                ""
            },
            trail.at + 1,
            count
        );
        let paper_changed = paper != self.reader.paper;
        self.jump(paper, Place { block, offset });
        if paper_changed || self.reader.marks.is_empty() {
            self.mark_trail();
        }
        self.info(&message);
    }
}

/// The bookmarks matching `query`, as result rows.
fn bookmark_rows(bookmarks: &Index, query: &str) -> Vec<Row> {
    search_all(bookmarks, query, RESULT_LIMIT)
        .into_iter()
        .map(|h| Row {
            source: Source::Bookmarks,
            id: h.id,
            score: h.score,
        })
        .collect()
}

/// Library and bookmark rows merged by score, best first (bookmarks first on ties).
fn merge(library: &[Row], bookmarks: &[Row]) -> Vec<Row> {
    let mut rows: Vec<Row> = bookmarks.iter().chain(library).copied().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.score));
    rows.truncate(RESULT_LIMIT);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ids: &[u32]) -> Vec<Row> {
        ids.iter()
            .map(|&id| Row {
                source: Source::Library,
                id,
                score: 0,
            })
            .collect()
    }

    #[test]
    fn the_selection_follows_its_hit_when_the_full_ranking_replaces_a_preview() {
        let mut state = FinderState::default();
        state.show(rows(&[7, 3, 9]), 0, true);
        assert!(state.pending, "a preview is still ranking");
        state.selected = 2;
        state.show(rows(&[1, 9, 7, 3]), 120, false);
        assert_eq!(
            state.rows[state.selected].id, 9,
            "still on the hit it was on"
        );
        assert!(!state.pending);
        assert_eq!(state.total, 120);
        state.selected = 0;
        state.show(rows(&[4, 5]), 2, false);
        assert_eq!(
            state.selected, 0,
            "a hit that left the screen: back to the top"
        );
        state.show(Vec::new(), 0, false);
        assert_eq!(state.selected, 0);
    }
}
