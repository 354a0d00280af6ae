//! Tests of [`Store`](crate::store::Store) against real files in temporary directories.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

fn anchor(paper: &str, block: u32, text: &str) -> Anchor {
    Anchor::capture(paper, &["results".to_owned()], block, text, 0)
}

fn add(store: &mut Store, label: &str) -> String {
    store.add(
        "paper",
        anchor("paper", 3, "Some quoted passage of the paper."),
        label,
        None,
    )
}

fn labels(store: &Store) -> Vec<String> {
    let mut l: Vec<String> = store.bookmarks().iter().map(|b| b.label.clone()).collect();
    l.sort();
    l
}

fn open_clean(dir: &Path) -> Store {
    let (store, warnings) = Store::open(dir);
    assert_eq!(warnings, vec![]);
    store
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_keeps_bookmarks_positions_and_last_paper() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("not-yet-created");
    let mut store = open_clean(&dir);
    assert!(!store.dirty() && store.is_persistent());
    assert_eq!(store.path(), dir.join("bookmarks.json"));
    let first = store.add(
        "p1",
        anchor("p1", 1, "First passage."),
        "First",
        Some("a note".into()),
    );
    let second = store.add(
        "p2",
        anchor("p2", 7, "Second — ünïcode passage."),
        "Second",
        None,
    );
    store.set_position("p1", anchor("p1", 42, "Where I stopped reading."));
    assert!(store.dirty());
    assert_eq!(store.save().unwrap(), vec![]);
    assert!(!store.dirty());

    let again = open_clean(&dir);
    assert_eq!(again.bookmarks(), store.bookmarks());
    assert_eq!(again.bookmarks()[0].id, second, "newest first");
    assert_eq!(
        again.bookmark(&first).unwrap().note.as_deref(),
        Some("a note")
    );
    assert_eq!(again.bookmarks_for("p1").len(), 1);
    assert_eq!(again.position("p1").unwrap().anchor.block, 42);
    assert_eq!(again.position("p2"), None);
    assert_eq!(again.last_paper().unwrap().paper, "p1");
}

#[test]
fn file_has_version_and_private_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    add(&mut store, "x");
    store.save().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&fs::read(store.path()).unwrap()).unwrap();
    assert_eq!(doc["version"], serde_json::json!(CURRENT_VERSION));
    assert_eq!(doc["bookmarks"].as_array().unwrap().len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(store.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(
        names_in(dir.path()),
        vec!["bookmarks.json", "bookmarks.lock"]
    );
}

#[test]
fn edits_removal_and_restore_are_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    let id = add(&mut store, "old label");
    store.save().unwrap();
    assert!(store.set_note(&id, Some("thought".into())));
    assert!(store.set_label(&id, "new label"));
    store.save().unwrap();
    let b = open_clean(dir.path()).bookmark(&id).cloned().unwrap();
    assert_eq!(
        (b.label.as_str(), b.note.as_deref()),
        ("new label", Some("thought"))
    );
    assert!(b.updated > b.created);

    assert!(store.remove(&id));
    assert!(!store.remove(&id));
    store.save().unwrap();
    assert!(open_clean(dir.path()).bookmarks().is_empty());
    assert!(store.restore(&id));
    assert!(!store.restore(&id));
    store.save().unwrap();
    let back = open_clean(dir.path());
    assert_eq!(back.bookmark(&id).unwrap().note.as_deref(), Some("thought"));
    assert_eq!(back.bookmarks().len(), 1);
}

#[test]
fn unknown_ids_and_blank_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    assert!(!store.set_note("nope", Some("x".into())));
    assert!(!store.restore("nope"));
    let id = store.add("p", anchor("p", 0, "text"), "l", Some("   ".into()));
    assert_eq!(store.bookmark(&id).unwrap().note, None);
    store.save().unwrap();
    assert!(store.set_note(&id, None));
    assert!(!store.dirty(), "clearing an absent note changes nothing");
}

#[test]
fn removal_in_one_process_survives_a_stale_copy_saving_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let mut setup = open_clean(dir.path());
    let doomed = add(&mut setup, "doomed");
    setup.save().unwrap();

    let mut a = open_clean(dir.path());
    let mut b = open_clean(dir.path());
    assert!(a.remove(&doomed));
    a.save().unwrap();
    add(&mut b, "from b");
    b.save().unwrap();
    assert_eq!(labels(&b), vec!["from b"], "b adopted the merged result");
    assert_eq!(labels(&open_clean(dir.path())), vec!["from b"]);
}

#[test]
fn additions_and_note_edits_from_two_processes_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut setup = open_clean(dir.path());
    let shared = add(&mut setup, "shared");
    setup.save().unwrap();

    let mut a = open_clean(dir.path());
    let mut b = open_clean(dir.path());
    add(&mut a, "from a");
    a.set_note(&shared, Some("note from a".into()));
    a.set_position("paper", anchor("paper", 5, "a's place"));
    a.save().unwrap();
    add(&mut b, "from b");
    b.save().unwrap();

    let c = open_clean(dir.path());
    assert_eq!(labels(&c), vec!["from a", "from b", "shared"]);
    assert_eq!(
        c.bookmark(&shared).unwrap().note.as_deref(),
        Some("note from a")
    );
    assert_eq!(c.position("paper").unwrap().anchor.block, 5);
}

fn write_damaged(dir: &Path) -> Vec<u8> {
    let damaged = b"{\"version\": 1, \"bookmarks\": [ {\"id\": \"x\", \xff\xfe truncated".to_vec();
    fs::write(dir.join("bookmarks.json"), &damaged).unwrap();
    damaged
}

fn moved_to(warnings: &[StoreWarning]) -> PathBuf {
    match warnings {
        [StoreWarning::MovedAside { moved_to, .. }] => moved_to.clone(),
        other => panic!("expected one MovedAside warning, got {other:?}"),
    }
}

#[test]
fn damaged_file_is_kept_aside_byte_for_byte_and_replaced_by_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = write_damaged(dir.path());
    let (mut store, warnings) = Store::open(dir.path());
    let moved = moved_to(&warnings);
    assert!(warnings[0].to_string().contains(&*moved.to_string_lossy()));
    assert!(
        moved
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("bookmarks.json.corrupt-")
    );
    assert_eq!(moved.parent(), Some(dir.path()));
    assert_eq!(fs::read(&moved).unwrap(), damaged);
    assert!(store.bookmarks().is_empty() && store.is_persistent());
    assert!(!store.path().exists());

    add(&mut store, "fresh");
    store.save().unwrap();
    assert_eq!(labels(&open_clean(dir.path())), vec!["fresh"]);
    assert_eq!(fs::read(&moved).unwrap(), damaged);
}

#[test]
fn file_damaged_while_running_is_moved_aside_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    add(&mut store, "kept");
    store.save().unwrap();
    let damaged = write_damaged(dir.path());
    add(&mut store, "new");
    let warnings = store.save().unwrap();
    assert_eq!(fs::read(moved_to(&warnings)).unwrap(), damaged);
    assert_eq!(labels(&open_clean(dir.path())), vec!["kept", "new"]);
}

#[test]
fn unreadable_file_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("bookmarks.json");
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("precious"), b"data").unwrap();
    let (mut store, warnings) = Store::open(dir.path());
    assert!(
        matches!(warnings.as_slice(), [StoreWarning::Unreadable { .. }]),
        "{warnings:?}"
    );
    add(&mut store, "x");
    let err = store.save().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bookmarks cannot be saved: could not read"),
        "{err}"
    );
    assert_eq!(fs::read(blocker.join("precious")).unwrap(), b"data");
    assert!(store.dirty());
}

fn newer_file(dir: &Path) -> Vec<u8> {
    let bytes = br#"{"version": 3, "bookmarks": [], "shelves": {"new": "feature"}}"#.to_vec();
    fs::write(dir.join("bookmarks.json"), &bytes).unwrap();
    bytes
}

#[test]
fn newer_schema_is_refused_left_untouched_and_the_session_is_memory_only() {
    let dir = tempfile::tempdir().unwrap();
    let original = newer_file(dir.path());
    let (mut store, warnings) = Store::open(dir.path());
    assert!(matches!(
        warnings.as_slice(),
        [StoreWarning::NewerVersion { found: 3, .. }]
    ));
    assert!(warnings[0].to_string().contains("newer dossier"));
    assert!(!store.is_persistent());
    let id = add(&mut store, "in memory");
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::NewerVersion { found: 3, .. }));
    assert!(err.to_string().starts_with("bookmarks cannot be saved: "));
    assert_eq!(fs::read(store.path()).unwrap(), original);
    assert!(store.bookmark(&id).is_some() && store.dirty());
}

#[test]
fn newer_schema_appearing_later_switches_to_memory_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    add(&mut store, "x");
    store.save().unwrap();
    let original = newer_file(dir.path());
    add(&mut store, "y");
    assert!(matches!(
        store.save(),
        Err(StoreError::NewerVersion { found: 3, .. })
    ));
    assert!(!store.is_persistent());
    assert_eq!(fs::read(store.path()).unwrap(), original);
    assert_eq!(labels(&store), vec!["x", "y"]);
}

/// Makes saving into `dir` fail: a read-only directory, or, when running as root (where
/// permissions do not block writes), a regular file where the directory should be.
struct Unwritable {
    dir: PathBuf,
    moved: Option<PathBuf>,
}

impl Unwritable {
    fn new(dir: &Path) -> Unwritable {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
            let probe = dir.join("probe");
            if fs::write(&probe, b"").is_err() {
                return Unwritable {
                    dir: dir.to_owned(),
                    moved: None,
                };
            }
            fs::remove_file(probe).unwrap();
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
        }
        let moved = dir.with_extension("moved");
        fs::rename(dir, &moved).unwrap();
        fs::write(dir, b"a file, not a directory").unwrap();
        Unwritable {
            dir: dir.to_owned(),
            moved: Some(moved),
        }
    }

    fn real_dir(&self) -> &Path {
        self.moved.as_deref().unwrap_or(&self.dir)
    }

    fn undo(self) {
        if let Some(moved) = &self.moved {
            fs::remove_file(&self.dir).unwrap();
            fs::rename(moved, &self.dir).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).unwrap();
        }
    }
}

#[test]
fn failing_save_reports_keeps_memory_and_a_later_save_retries() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let mut store = open_clean(&dir);
    add(&mut store, "saved");
    store.save().unwrap();
    let before = fs::read(store.path()).unwrap();

    add(&mut store, "pending");
    let blocked = Unwritable::new(&dir);
    let err = store.save().unwrap_err();
    assert!(
        err.to_string().starts_with("bookmarks cannot be saved: "),
        "{err}"
    );
    assert!(store.dirty());
    assert_eq!(labels(&store), vec!["pending", "saved"]);
    assert_eq!(
        fs::read(blocked.real_dir().join("bookmarks.json")).unwrap(),
        before
    );
    assert_eq!(
        names_in(blocked.real_dir()),
        vec!["bookmarks.json", "bookmarks.lock"]
    );
    let err_again = store.save().unwrap_err();
    assert!(
        err_again
            .to_string()
            .starts_with("bookmarks cannot be saved: ")
    );

    blocked.undo();
    store.save().unwrap();
    assert!(!store.dirty());
    assert_eq!(labels(&open_clean(&dir)), vec!["pending", "saved"]);
}

#[test]
fn temp_files_of_killed_saves_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bookmarks.json.tmp-999999-0"), b"{\"half").unwrap();
    let mut store = open_clean(dir.path());
    add(&mut store, "x");
    store.save().unwrap();
    assert_eq!(
        names_in(dir.path()),
        vec!["bookmarks.json", "bookmarks.lock"]
    );
}

#[test]
fn saving_without_changes_does_not_touch_the_disk() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let mut store = open_clean(&dir);
    assert_eq!(store.save().unwrap(), vec![]);
    assert!(!dir.exists());
}

#[test]
fn orphaned_bookmark_is_still_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    let section = vec!["gone".to_owned()];
    let text = "A passage that the author deleted entirely.";
    let id = store.add(
        "p",
        Anchor::capture("p", &section, 4, text, 2),
        "orphan",
        None,
    );
    store.save().unwrap();
    let store = open_clean(dir.path());
    let other = vec!["kept".to_owned()];
    let blocks = [AnchorBlock {
        section: &other,
        text: "Completely different text now.",
    }];
    let b = store.bookmark(&id).unwrap();
    assert_eq!(resolve(&b.anchor, &blocks), Resolution::Orphaned);
    assert_eq!(store.bookmarks().len(), 1);
}

#[test]
fn export_json_lists_live_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_clean(dir.path());
    let gone = add(&mut store, "gone");
    add(&mut store, "live");
    store.remove(&gone);
    let exported: Vec<Bookmark> = serde_json::from_str(&export_json(&store.bookmarks())).unwrap();
    assert_eq!(
        exported
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>(),
        vec!["live"]
    );
}

fn add_highlight(store: &mut Store, label: &str, note: Option<&str>) -> String {
    let text = "The highlighted passage runs on. It ends in this second sentence.";
    store.add_highlight(
        "paper",
        anchor("paper", 4, text),
        Highlight {
            end: Anchor::capture("paper", &["results".to_owned()], 4, text, 33),
            quote: text.to_owned(),
        },
        label,
        note.map(str::to_owned),
    )
}

#[test]
fn highlights_from_two_processes_merge_with_removals_and_survive_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut setup = open_clean(dir.path());
    let doomed = add_highlight(&mut setup, "doomed", None);
    let edited = add_highlight(&mut setup, "edited", None);
    setup.save().unwrap();

    let mut first = open_clean(dir.path());
    let mut second = open_clean(dir.path());
    assert!(first.remove(&doomed));
    first.set_note(&edited, Some("from a".into()));
    first.save().unwrap();
    add_highlight(&mut second, "from b", Some("b's note"));
    add(&mut second, "a bookmark from b");
    second.save().unwrap();

    let reloaded = open_clean(dir.path());
    assert_eq!(
        labels(&reloaded),
        vec!["a bookmark from b", "edited", "from b"]
    );
    let kept = reloaded.bookmark(&edited).unwrap();
    assert_eq!(
        (kept.kind, kept.note.as_deref()),
        (Kind::Highlight, Some("from a"))
    );
    assert_eq!(
        kept.highlight.as_ref().unwrap().quote,
        "The highlighted passage runs on. It ends in this second sentence."
    );
    assert!(kept.is_highlight());
    let saved = fs::read_to_string(dir.path().join("bookmarks.json")).unwrap();
    assert!(saved.contains("\"version\": 2"), "{saved}");
    assert!(
        saved.contains(&format!("\"id\": \"{doomed}\"")),
        "tombstone kept"
    );

    // Undo of a removed highlight brings back its passage.
    let mut third = open_clean(dir.path());
    assert!(third.remove(&edited));
    assert!(third.restore(&edited));
    assert_eq!(third.bookmark(&edited).unwrap().highlight, kept.highlight);
}
