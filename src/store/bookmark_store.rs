//! [`Store`]: the in-memory bookmarks and positions, and the open/save cycle that keeps the file safe.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::anchor::Anchor;
use super::clock::{new_id, now_millis};
use super::error::{StoreError, StoreWarning};
use super::merge::merge;
use super::migrate::{DecodeError, decode};
use super::model::{Bookmark, Entry, Highlight, Kind, LastPaper, Position, State};
use super::persist::{self, DirLock, FILE_NAME, LOCK_NAME};

/// Bookmarks, reading positions and the last paper read, backed by `bookmarks.json` in one
/// directory. See the [module docs](crate::store) for the guarantees.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    state: State,
    /// Bookmarks removed in this session, kept so [`Store::restore`] can bring them back.
    trash: HashMap<String, Bookmark>,
    dirty: bool,
    /// Schema version of a newer file found on disk: the store is then memory-only.
    newer: Option<u64>,
    /// Warnings from a save that failed after producing them; returned by the next good save.
    pending: Vec<StoreWarning>,
}

/// A time strictly after `previous` and not before now, so edits always order after what they edit.
fn after(previous: u64) -> u64 {
    now_millis().max(previous.saturating_add(1))
}

fn newest_first(a: &Bookmark, b: &Bookmark) -> std::cmp::Ordering {
    b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id))
}

impl Store {
    /// Opens the store kept in `dir` (which need not exist yet; it is created by the first save).
    /// Never fails: a missing file gives an empty store; every problem becomes a warning, and
    /// the store starts empty or memory-only as described in the [module docs](crate::store).
    pub fn open(dir: &Path) -> (Store, Vec<StoreWarning>) {
        let path = dir.join(FILE_NAME);
        let mut store = Store {
            dir: dir.to_owned(),
            path: path.clone(),
            state: State::default(),
            trash: HashMap::new(),
            dirty: false,
            newer: None,
            pending: Vec::new(),
        };
        let lock = DirLock::acquire(dir);
        let warning = match persist::read_existing(&path) {
            Ok(None) => None,
            Err(e) => Some(StoreWarning::Unreadable {
                path,
                error: e.to_string(),
            }),
            Ok(Some(bytes)) => match decode(&bytes) {
                Ok(state) => {
                    store.state = state;
                    None
                }
                Err(DecodeError::Newer(found)) => {
                    store.newer = Some(found);
                    Some(StoreWarning::NewerVersion { path, found })
                }
                Err(DecodeError::Damaged(reason)) => Some(match &lock {
                    Ok(_) => match persist::move_aside(dir, &path) {
                        Ok(moved_to) => StoreWarning::MovedAside {
                            original: path,
                            moved_to,
                            reason,
                        },
                        Err(e) => StoreWarning::DamagedInPlace {
                            path,
                            reason,
                            error: e.to_string(),
                        },
                    },
                    Err(e) => StoreWarning::DamagedInPlace {
                        error: format!("cannot lock {}: {e}", dir.join(LOCK_NAME).display()),
                        path,
                        reason,
                    },
                }),
            },
        };
        drop(lock);
        (store, warning.into_iter().collect())
    }

    /// The bookmarks file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// False when the store is memory-only for this session (the file is from a newer dossier).
    pub fn is_persistent(&self) -> bool {
        self.newer.is_none()
    }

    /// Whether there are changes not yet saved.
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// Live bookmarks of every paper, newest first.
    pub fn bookmarks(&self) -> Vec<&Bookmark> {
        let mut all: Vec<&Bookmark> = self.state.bookmarks.values().collect();
        all.sort_by(|a, b| newest_first(a, b));
        all
    }

    /// Live bookmarks of one paper, newest first.
    pub fn bookmarks_for(&self, paper: &str) -> Vec<&Bookmark> {
        let mut some: Vec<&Bookmark> = self
            .state
            .bookmarks
            .values()
            .filter(|b| b.paper == paper)
            .collect();
        some.sort_by(|a, b| newest_first(a, b));
        some
    }

    /// The live bookmark with this id.
    pub fn bookmark(&self, id: &str) -> Option<&Bookmark> {
        self.state.bookmarks.get(id)
    }

    /// Adds a bookmark and returns its new id. A blank note is stored as no note.
    pub fn add(
        &mut self,
        paper: &str,
        anchor: Anchor,
        label: &str,
        note: Option<String>,
    ) -> String {
        let now = now_millis();
        let id = new_id(now);
        self.state.set(Entry::Live(Box::new(Bookmark {
            id: id.clone(),
            paper: paper.to_owned(),
            kind: Kind::Bookmark,
            anchor,
            highlight: None,
            label: label.to_owned(),
            note: non_blank(note),
            created: now,
            updated: now,
        })));
        self.dirty = true;
        id
    }

    /// Adds a highlight of the passage from `start` to `highlight.end` and returns its new id.
    /// A blank note is stored as no note.
    pub fn add_highlight(
        &mut self,
        paper: &str,
        start: Anchor,
        highlight: Highlight,
        label: &str,
        note: Option<String>,
    ) -> String {
        let id = self.add(paper, start, label, note);
        if let Some(b) = self.state.bookmarks.get_mut(&id) {
            b.kind = Kind::Highlight;
            b.highlight = Some(highlight);
        }
        id
    }

    /// Removes a bookmark, leaving a tombstone so the removal reaches other processes too.
    /// Returns false if no live bookmark has this id.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(bookmark) = self.state.bookmarks.get(id).cloned() else {
            return false;
        };
        self.state
            .set(Entry::Dead(id.to_owned(), after(bookmark.updated)));
        self.trash.insert(id.to_owned(), bookmark);
        self.dirty = true;
        true
    }

    /// Undoes [`Store::remove`] of a bookmark removed in this session (its removal may already
    /// be saved). Returns false if there is nothing to restore.
    pub fn restore(&mut self, id: &str) -> bool {
        let Some(&deleted_at) = self.state.tombstones.get(id) else {
            return false;
        };
        let Some(mut bookmark) = self.trash.remove(id) else {
            return false;
        };
        bookmark.updated = after(deleted_at);
        self.state.set(Entry::Live(Box::new(bookmark)));
        self.dirty = true;
        true
    }

    /// Sets or clears a bookmark's note (a blank note clears it). Returns false if no live
    /// bookmark has this id.
    pub fn set_note(&mut self, id: &str, note: Option<String>) -> bool {
        let note = non_blank(note);
        self.edit(id, |b| {
            let changed = b.note != note;
            b.note = note;
            changed
        })
    }

    /// Renames a bookmark. Returns false if no live bookmark has this id.
    pub fn set_label(&mut self, id: &str, label: &str) -> bool {
        self.edit(id, |b| {
            let changed = b.label != label;
            label.clone_into(&mut b.label);
            changed
        })
    }

    /// Applies `change` (which says whether it changed anything) to a live bookmark.
    fn edit(&mut self, id: &str, change: impl FnOnce(&mut Bookmark) -> bool) -> bool {
        let Some(bookmark) = self.state.bookmarks.get_mut(id) else {
            return false;
        };
        if change(bookmark) {
            bookmark.updated = after(bookmark.updated);
            self.dirty = true;
        }
        true
    }

    /// The last reading position recorded for a paper.
    pub fn position(&self, paper: &str) -> Option<&Position> {
        self.state.positions.get(paper)
    }

    /// Records the reading position in a paper, which also becomes the last paper read.
    /// Recording the position already held does nothing.
    pub fn set_position(&mut self, paper: &str, anchor: Anchor) {
        let held = self.state.positions.get(paper);
        let is_last = self.last_paper().is_some_and(|l| l.paper == paper);
        if is_last && held.is_some_and(|p| p.anchor == anchor) {
            return;
        }
        let updated = held.map_or_else(now_millis, |p| after(p.updated));
        self.state
            .positions
            .insert(paper.to_owned(), Position { anchor, updated });
        self.set_last_paper(paper);
    }

    /// The paper read most recently.
    pub fn last_paper(&self) -> Option<&LastPaper> {
        self.state.last_paper.as_ref()
    }

    /// Records that `paper` is being read now.
    pub fn set_last_paper(&mut self, paper: &str) {
        let at = self
            .state
            .last_paper
            .as_ref()
            .map_or_else(now_millis, |l| after(l.at));
        self.state.last_paper = Some(LastPaper {
            paper: paper.to_owned(),
            at,
        });
        self.dirty = true;
    }

    /// Saves the changes: takes the directory lock, re-reads the file, merges it with memory
    /// (newest wins per bookmark, per position), writes the result atomically and adopts it in
    /// memory. Does nothing when there are no changes. On error nothing on disk changed except
    /// possibly a damaged file moved aside; memory keeps every change and the next save retries.
    /// Returns warnings (a damaged file found and moved aside) to show the user.
    pub fn save(&mut self) -> Result<Vec<StoreWarning>, StoreError> {
        if let Some(found) = self.newer {
            return Err(StoreError::NewerVersion {
                path: self.path.clone(),
                found,
            });
        }
        if !self.dirty {
            return Ok(std::mem::take(&mut self.pending));
        }
        fs::create_dir_all(&self.dir).map_err(StoreError::io("create", &self.dir))?;
        let _lock = DirLock::acquire(&self.dir)
            .map_err(StoreError::io("lock", self.dir.join(LOCK_NAME)))?;
        persist::remove_stale_temps(&self.dir);
        let bytes =
            persist::read_existing(&self.path).map_err(StoreError::io("read", &self.path))?;
        let on_disk = match bytes.as_deref().map(decode) {
            None => State::default(),
            Some(Ok(state)) => state,
            Some(Err(DecodeError::Newer(found))) => {
                self.newer = Some(found);
                return Err(StoreError::NewerVersion {
                    path: self.path.clone(),
                    found,
                });
            }
            Some(Err(DecodeError::Damaged(reason))) => {
                let moved_to = persist::move_aside(&self.dir, &self.path)
                    .map_err(StoreError::io("move aside the damaged", &self.path))?;
                self.pending.push(StoreWarning::MovedAside {
                    original: self.path.clone(),
                    moved_to,
                    reason,
                });
                State::default()
            }
        };
        let merged = merge(&self.state, &on_disk);
        persist::write_atomic(&self.dir, &self.path, &merged.to_json()?)?;
        self.state = merged;
        self.dirty = false;
        Ok(std::mem::take(&mut self.pending))
    }
}

fn non_blank(note: Option<String>) -> Option<String> {
    note.filter(|n| !n.trim().is_empty())
}
