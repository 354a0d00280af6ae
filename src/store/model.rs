//! Bookmarks, reading positions and the in-memory and on-disk shapes that hold them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::migrate::CURRENT_VERSION;

/// What a mark in the store is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A place (schema version 1 knew only these).
    #[default]
    Bookmark,
    /// A passage: from [`Bookmark::anchor`] to [`Highlight::end`].
    Highlight,
}

impl Kind {
    /// `bookmark` or `highlight`, as lists and exports name it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bookmark => "bookmark",
            Kind::Highlight => "highlight",
        }
    }
}

/// The passage a highlight covers (schema version 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// Where the passage ends: an anchor whose quote ends at the passage's last character.
    pub end: Anchor,
    /// The passage's whole text at capture time (blocks joined by blank lines), kept so an
    /// export still quotes it when the paper no longer has it.
    pub quote: String,
}

/// A saved place or passage in a paper with a short label and an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Stable, unique, opaque id; never changes and never depends on the paper's text.
    pub id: String,
    /// Id of the paper.
    pub paper: String,
    /// A bookmark or a highlight.
    #[serde(default)]
    pub kind: Kind,
    /// Where in the paper (a highlight's start).
    pub anchor: Anchor,
    /// The passage, for highlights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
    /// Short text shown in lists.
    pub label: String,
    /// Free-form note.
    #[serde(default)]
    pub note: Option<String>,
    /// Creation time, unix milliseconds.
    pub created: u64,
    /// Time of the last change, unix milliseconds; the newest version wins a merge.
    pub updated: u64,
}

impl Bookmark {
    /// Whether this is a highlight with its passage.
    pub fn is_highlight(&self) -> bool {
        self.kind == Kind::Highlight && self.highlight.is_some()
    }
}

/// Record of a removed bookmark, kept so the removal also reaches other processes' copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(super) struct TombstoneRef<'a> {
    pub id: &'a str,
    pub deleted_at: u64,
}

/// Owned form of [`TombstoneRef`], as read from disk.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub(super) struct Tombstone {
    pub id: String,
    pub deleted_at: u64,
}

/// Last reading position in one paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Where the reader was.
    pub anchor: Anchor,
    /// When it was recorded, unix milliseconds; the newest wins a merge.
    pub updated: u64,
}

/// The paper read most recently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastPaper {
    /// Id of the paper.
    pub paper: String,
    /// When it was last read, unix milliseconds.
    pub at: u64,
}

/// Current (version 2) file shape, as read (the version was checked by `migrate`).
#[derive(Debug, Deserialize)]
pub(super) struct FileV2 {
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
    #[serde(default)]
    pub last_paper: Option<LastPaper>,
}

/// Current (version 2) file shape, as written.
#[derive(Serialize)]
struct FileV2Out<'a> {
    version: u32,
    bookmarks: Vec<&'a Bookmark>,
    tombstones: Vec<TombstoneRef<'a>>,
    positions: &'a BTreeMap<String, Position>,
    last_paper: &'a Option<LastPaper>,
}

/// One bookmark id's latest known state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// The bookmark exists.
    Live(Box<Bookmark>),
    /// The bookmark with this id was removed at this time (unix milliseconds).
    Dead(String, u64),
}

impl Entry {
    fn id(&self) -> &str {
        match self {
            Entry::Live(b) => &b.id,
            Entry::Dead(id, _) => id,
        }
    }

    fn stamp(&self) -> u64 {
        match self {
            Entry::Live(b) => b.updated,
            Entry::Dead(_, at) => *at,
        }
    }
}

/// Everything the store holds. Each bookmark id is either live or a tombstone, never both.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct State {
    pub bookmarks: BTreeMap<String, Bookmark>,
    pub tombstones: BTreeMap<String, u64>,
    pub positions: BTreeMap<String, Position>,
    pub last_paper: Option<LastPaper>,
}

impl State {
    /// Builds a state from a decoded file; duplicate ids (only possible by hand-editing) are
    /// resolved by the same newest-wins rule as merges.
    pub fn from_file(file: FileV2) -> State {
        let mut state = State {
            positions: file.positions,
            last_paper: file.last_paper,
            ..State::default()
        };
        for bookmark in file.bookmarks {
            state.put(Entry::Live(Box::new(bookmark)));
        }
        for tombstone in file.tombstones {
            state.put(Entry::Dead(tombstone.id, tombstone.deleted_at));
        }
        state
    }

    /// The time of the last change to bookmark `id`: its `updated` or its `deleted_at`.
    fn stamp(&self, id: &str) -> Option<u64> {
        self.bookmarks
            .get(id)
            .map(|b| b.updated)
            .or_else(|| self.tombstones.get(id).copied())
    }

    /// Stores `incoming` if it is newer than what is held for its id (the held entry wins ties).
    pub fn put(&mut self, incoming: Entry) {
        if self
            .stamp(incoming.id())
            .is_none_or(|held| incoming.stamp() > held)
        {
            self.set(incoming);
        }
    }

    /// Stores `entry`, replacing whatever was held for its id.
    pub fn set(&mut self, entry: Entry) {
        match entry {
            Entry::Live(b) => {
                self.tombstones.remove(&b.id);
                self.bookmarks.insert(b.id.clone(), *b);
            }
            Entry::Dead(id, at) => {
                self.bookmarks.remove(&id);
                self.tombstones.insert(id, at);
            }
        }
    }

    /// Serializes as the current file version: pretty JSON, bookmarks oldest first.
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        let mut bookmarks: Vec<&Bookmark> = self.bookmarks.values().collect();
        bookmarks.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        let out = FileV2Out {
            version: CURRENT_VERSION,
            bookmarks,
            tombstones: self
                .tombstones
                .iter()
                .map(|(id, &deleted_at)| TombstoneRef { id, deleted_at })
                .collect(),
            positions: &self.positions,
            last_paper: &self.last_paper,
        };
        let mut bytes = serde_json::to_vec_pretty(&out)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
