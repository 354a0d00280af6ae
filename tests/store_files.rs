//! The on-disk format: a hand-written version 1 file is read, upgraded to version 2 and kept
//! intact through a save.

use std::fs;

use dossier::store::{CURRENT_VERSION, Store, StoreWarning};

const V1: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/bookmarks-v1.json"
));

#[test]
fn hand_written_version_1_file_is_read_and_survives_a_save() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bookmarks.json"), V1).unwrap();
    let (mut store, warnings) = Store::open(dir.path());
    assert_eq!(warnings, Vec::<StoreWarning>::new());
    let marks = store.bookmarks();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].label, "Opening claim", "newest first");
    let sea = &marks[1];
    assert_eq!(sea.anchor.section, vec!["findings", "sea-level"]);
    assert_eq!(sea.note.as_deref(), Some("Compare with the 2019 figure."));
    assert_eq!(
        store.position("climate-report-2024").unwrap().anchor.block,
        97
    );
    assert_eq!(store.last_paper().unwrap().paper, "climate-report-2024");

    let sea_id = sea.id.clone();
    store.set_note(&sea_id, Some("Checked.".to_owned()));
    store.save().unwrap();
    let saved: serde_json::Value =
        serde_json::from_slice(&fs::read(store.path()).unwrap()).unwrap();
    let original: serde_json::Value = serde_json::from_str(V1).unwrap();
    assert_eq!(saved["version"], serde_json::json!(CURRENT_VERSION));
    assert_eq!(saved["tombstones"], original["tombstones"]);
    assert_eq!(saved["positions"], original["positions"]);
    assert_eq!(saved["last_paper"], original["last_paper"]);
    let mut untouched = original["bookmarks"][1].clone();
    untouched["kind"] = serde_json::json!("bookmark");
    assert_eq!(
        saved["bookmarks"][1], untouched,
        "upgraded to version 2, nothing lost"
    );
    assert_eq!(saved["bookmarks"][0]["kind"], serde_json::json!("bookmark"));
    assert_eq!(saved["bookmarks"][0]["note"], serde_json::json!("Checked."));
    assert_eq!(
        saved["bookmarks"][0]["anchor"],
        original["bookmarks"][0]["anchor"]
    );
}
