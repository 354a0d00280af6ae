//! Bookmarks (with notes), the last reading position per paper and the last paper read, kept in
//! `bookmarks.json` in a directory the caller chooses, without ever losing data.
//!
//! # File
//!
//! `bookmarks.json` is pretty-printed JSON with mode 0600 on unix:
//!
//! ```json
//! { "version": 1,
//!   "bookmarks": [ { "id": "…", "paper": "…", "anchor": { … }, "label": "…",
//!                    "note": null, "created": 1740000000000, "updated": 1740000000000 } ],
//!   "tombstones": [ { "id": "…", "deleted_at": 1740000000000 } ],
//!   "positions": { "<paper id>": { "anchor": { … }, "updated": 1740000000000 } },
//!   "last_paper": { "paper": "…", "at": 1740000000000 } }
//! ```
//!
//! All times are unix milliseconds (UTC). Bookmark ids are opaque strings made of creation time,
//! process id, a per-process counter and a random part; they never depend on the paper's text,
//! so editing a paper never detaches a bookmark from its id. Anchors ([`Anchor`]) locate a place
//! by section path, block index and a quote with context, and [`resolve()`] finds them again after
//! edits (a bookmark whose anchor is [`Resolution::Orphaned`] stays listed).
//!
//! # Never losing data
//!
//! - **Atomic saves**: a temporary file in the same directory is written and fsynced, renamed over
//!   `bookmarks.json`, and the directory is fsynced; a crash leaves the old or the new file whole.
//!   Temporary files of killed processes are removed by the next save.
//! - **Several processes**: [`Store::save`] holds an advisory lock on `bookmarks.lock` (same
//!   directory) while it re-reads the file, merges it with memory and writes the result, which
//!   memory then adopts. Bookmarks merge by id, the latest change winning, where a removal is a
//!   tombstone `{id, deleted_at}` that competes like an edit (so removals propagate and a later
//!   edit elsewhere wins over them); positions merge per paper and the last paper by time.
//!   Tombstones are kept for good: they are small, and dropping them would let stale copies
//!   bring removed bookmarks back.
//! - **Damaged file**: it is never overwritten. With the lock held, it is renamed (or, if that
//!   fails, copied) byte for byte to `bookmarks.json.corrupt-<UTC timestamp>`, the store starts
//!   empty and a [`StoreWarning::MovedAside`] names the copy. If it cannot be moved, it stays in
//!   place ([`StoreWarning::DamagedInPlace`]) and every save retries the move before writing.
//! - **Newer schema**: a file with a version above [`CURRENT_VERSION`] is left untouched, the
//!   store is memory-only for the session ([`Store::is_persistent`] is false, open warns with
//!   [`StoreWarning::NewerVersion`] and every save returns [`StoreError::NewerVersion`]).
//! - **Failing writes** (read-only or full directory, …): [`Store::save`] returns a
//!   [`StoreError`] whose message starts "bookmarks cannot be saved:", memory keeps every change,
//!   [`Store::dirty`] stays true and the next save retries.
//!
//! # Schema versions
//!
//! The file's `version` is [`CURRENT_VERSION`] (1). Reading goes through [`migrate()`], which
//! upgrades older documents step by step and refuses newer ones. To add version 2: bump
//! `CURRENT_VERSION`, change the file structs in `model.rs` to the new shape, and add an arm to
//! `migrate` that rewrites a version 1 JSON value into version 2 (then recurses), keeping the
//! version 1 fixture test as the upgrade test. Any new field, even optional, needs a new version,
//! or an older dossier would drop it when saving. The full recipe is on [`migrate()`].

mod anchor;
mod bookmark_store;
mod clock;
mod error;
mod export;
mod merge;
mod migrate;
mod model;
mod persist;
mod resolve;
#[cfg(test)]
mod store_tests;

pub use anchor::{Anchor, AnchorBlock, CONTEXT_CHARS, QUOTE_CHARS, Resolution};
pub use bookmark_store::Store;
pub use clock::utc_date;
pub use error::{StoreError, StoreWarning};
pub use export::{PaperInfo, export_json, export_markdown};
pub use migrate::{CURRENT_VERSION, MigrateError, migrate};
pub use model::{Bookmark, LastPaper, Position};
pub use resolve::{FUZZY_BLOCK_RADIUS, FUZZY_MIN_SIMILARITY, resolve};
