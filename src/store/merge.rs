//! Merging two copies of the store's state (ours in memory, theirs on disk) without losing either.

use super::model::{Entry, State};

/// Merges `theirs` into `mine`:
///
/// - bookmarks by id: the version with the later time wins, where a bookmark's time is its
///   `updated` and a tombstone's is its `deleted_at` (so removals merge like edits);
/// - reading positions: per paper, the later `updated` wins;
/// - last paper: the later `at` wins.
///
/// Ties keep `mine`. Nothing present on only one side is dropped.
pub(super) fn merge(mine: &State, theirs: &State) -> State {
    let mut out = mine.clone();
    for bookmark in theirs.bookmarks.values() {
        out.put(Entry::Live(Box::new(bookmark.clone())));
    }
    for (id, &at) in &theirs.tombstones {
        out.put(Entry::Dead(id.clone(), at));
    }
    for (paper, position) in &theirs.positions {
        let ours = out.positions.get(paper);
        if ours.is_none_or(|p| position.updated > p.updated) {
            out.positions.insert(paper.clone(), position.clone());
        }
    }
    if let Some(last) = &theirs.last_paper
        && out.last_paper.as_ref().is_none_or(|l| last.at > l.at)
    {
        out.last_paper = Some(last.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::anchor::Anchor;
    use crate::store::model::{Bookmark, LastPaper, Position};

    fn bookmark(id: &str, label: &str, updated: u64) -> Bookmark {
        Bookmark {
            id: id.to_owned(),
            paper: "paper".to_owned(),
            kind: crate::store::Kind::Bookmark,
            anchor: Anchor::capture("paper", &[], 0, "some text of the paper", 0),
            highlight: None,
            label: label.to_owned(),
            note: None,
            created: 1,
            updated,
        }
    }

    fn state(entries: Vec<Entry>) -> State {
        let mut s = State::default();
        for e in entries {
            s.set(e);
        }
        s
    }

    #[test]
    fn newer_edit_wins_either_way_round() {
        let old = state(vec![Entry::Live(Box::new(bookmark("a", "old", 10)))]);
        let new = state(vec![Entry::Live(Box::new(bookmark("a", "new", 20)))]);
        assert_eq!(merge(&old, &new).bookmarks["a"].label, "new");
        assert_eq!(merge(&new, &old).bookmarks["a"].label, "new");
    }

    #[test]
    fn removal_beats_older_copy_and_loses_to_later_edit() {
        let removed = state(vec![Entry::Dead("a".to_owned(), 20)]);
        let stale = state(vec![Entry::Live(Box::new(bookmark("a", "x", 10)))]);
        let merged = merge(&stale, &removed);
        assert!(merged.bookmarks.is_empty());
        assert_eq!(merged.tombstones.get("a"), Some(&20));
        let edited_later = state(vec![Entry::Live(Box::new(bookmark("a", "kept", 30)))]);
        let merged = merge(&removed, &edited_later);
        assert_eq!(merged.bookmarks["a"].label, "kept");
        assert!(merged.tombstones.is_empty());
    }

    #[test]
    fn entries_on_one_side_only_are_kept_and_ties_keep_mine() {
        let mine = state(vec![
            Entry::Live(Box::new(bookmark("a", "mine", 5))),
            Entry::Live(Box::new(bookmark("t", "mine", 7))),
        ]);
        let theirs = state(vec![
            Entry::Live(Box::new(bookmark("b", "theirs", 5))),
            Entry::Live(Box::new(bookmark("t", "theirs", 7))),
        ]);
        let merged = merge(&mine, &theirs);
        assert_eq!(merged.bookmarks.len(), 3);
        assert_eq!(merged.bookmarks["t"].label, "mine");
    }

    #[test]
    fn positions_and_last_paper_take_the_latest() {
        let anchor = Anchor::capture("p", &[], 3, "position text", 0);
        let mut mine = State::default();
        mine.positions.insert(
            "p".to_owned(),
            Position {
                anchor: anchor.clone(),
                updated: 50,
            },
        );
        mine.positions.insert(
            "q".to_owned(),
            Position {
                anchor: anchor.clone(),
                updated: 50,
            },
        );
        mine.last_paper = Some(LastPaper {
            paper: "p".to_owned(),
            at: 50,
        });
        let mut theirs = State::default();
        let mut later = anchor.clone();
        later.block = 9;
        theirs.positions.insert(
            "p".to_owned(),
            Position {
                anchor: later,
                updated: 60,
            },
        );
        theirs.positions.insert(
            "q".to_owned(),
            Position {
                anchor: anchor.clone(),
                updated: 40,
            },
        );
        theirs
            .positions
            .insert("r".to_owned(), Position { anchor, updated: 1 });
        theirs.last_paper = Some(LastPaper {
            paper: "r".to_owned(),
            at: 70,
        });
        let merged = merge(&mine, &theirs);
        assert_eq!(merged.positions["p"].anchor.block, 9);
        assert_eq!(merged.positions["q"].updated, 50);
        assert!(merged.positions.contains_key("r"));
        assert_eq!(merged.last_paper.unwrap().paper, "r");
    }
}
