//! Schema versions of `bookmarks.json`: upgrading older documents and refusing newer ones.

use serde_json::Value;

use super::model::{FileV2, State};

/// The schema version this code writes and fully understands.
pub const CURRENT_VERSION: u32 = 2;

/// Why a document could not be brought to the current version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    /// The document has no integer `version` field at the top level.
    #[error("no schema version field")]
    NoVersion,
    /// The document was written by a newer dossier; it must be left alone.
    #[error("schema version {found} is newer than this dossier understands ({CURRENT_VERSION})")]
    Newer {
        /// The version found in the file.
        found: u64,
    },
    /// The version is older than any dossier ever wrote.
    #[error("schema version {found} was never written by dossier")]
    Unknown {
        /// The version found in the file.
        found: u64,
    },
}

/// Upgrades a parsed `bookmarks.json` document to the current schema version, one version at a
/// time, returning it unchanged when it already is current.
///
/// Versions: 1 held bookmarks only; 2 adds highlights (each entry gets a `kind`, `bookmark` or
/// `highlight`, and highlights a `highlight: {end, quote}`), and [`v1_to_v2`] gives every
/// version 1 entry `"kind": "bookmark"`. To introduce version 3:
///
/// 1. set [`CURRENT_VERSION`] to 3 and change the current file structs in `model.rs`
///    (`FileV2`, `FileV2Out`, renamed to `…V3`) to the new shape;
/// 2. add a match arm `2 => migrate(v2_to_v3(doc))`, where `v2_to_v3` rewrites the JSON value
///    (moving or defaulting fields) and sets `"version": 3`; older arms stay, so a version 1 file
///    goes 1 → 2 → 3;
/// 3. keep `tests/fixtures/bookmarks-v1.json` (and add a v2 fixture) with their tests: they then
///    check the upgrade path.
///
/// The upgraded document is written back only on the next save, as the current version; the
/// original file is replaced atomically like any save. Any new field, even an optional one, needs
/// a new version: an older dossier would otherwise silently drop it when it saves.
pub fn migrate(doc: Value) -> Result<Value, MigrateError> {
    let found = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(MigrateError::NoVersion)?;
    match found {
        v if v == u64::from(CURRENT_VERSION) => Ok(doc),
        1 => migrate(v1_to_v2(doc)),
        v if v > u64::from(CURRENT_VERSION) => Err(MigrateError::Newer { found: v }),
        v => Err(MigrateError::Unknown { found: v }),
    }
}

/// Version 1 → 2: every bookmark becomes `"kind": "bookmark"`; nothing else changes.
pub fn v1_to_v2(mut doc: Value) -> Value {
    if let Some(list) = doc.get_mut("bookmarks").and_then(Value::as_array_mut) {
        for bookmark in list.iter_mut().filter_map(Value::as_object_mut) {
            bookmark.insert("kind".into(), Value::from("bookmark"));
        }
    }
    doc["version"] = Value::from(2);
    doc
}

/// Why bytes read from `bookmarks.json` could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DecodeError {
    /// Unparsable or not a dossier bookmarks document (the reason is for the warning).
    Damaged(String),
    /// Written by a newer dossier.
    Newer(u64),
}

/// Decodes the bytes of a `bookmarks.json` of any supported version.
pub(super) fn decode(bytes: &[u8]) -> Result<State, DecodeError> {
    let doc: Value =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    let doc = migrate(doc).map_err(|e| match e {
        MigrateError::Newer { found } => DecodeError::Newer(found),
        other => DecodeError::Damaged(other.to_string()),
    })?;
    let file: FileV2 =
        serde_json::from_value(doc).map_err(|e| DecodeError::Damaged(e.to_string()))?;
    Ok(State::from_file(file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn current_version_passes_through() {
        let doc = json!({"version": 2, "bookmarks": []});
        assert_eq!(migrate(doc.clone()), Ok(doc));
    }

    #[test]
    fn version_1_gains_kinds_and_keeps_everything_else() {
        let v1 = json!({"version": 1, "bookmarks": [{"id": "a", "note": "n"}, {"id": "b"}],
                        "tombstones": [{"id": "c", "deleted_at": 5}], "positions": {}});
        assert_eq!(
            migrate(v1),
            Ok(json!({"version": 2,
                      "bookmarks": [{"id": "a", "note": "n", "kind": "bookmark"},
                                    {"id": "b", "kind": "bookmark"}],
                      "tombstones": [{"id": "c", "deleted_at": 5}], "positions": {}}))
        );
        assert_eq!(migrate(json!({"version": 1})), Ok(json!({"version": 2})));
    }

    #[test]
    fn newer_unknown_and_missing_versions_are_refused() {
        assert_eq!(
            migrate(json!({"version": 3})),
            Err(MigrateError::Newer { found: 3 })
        );
        assert_eq!(
            migrate(json!({"version": 0})),
            Err(MigrateError::Unknown { found: 0 })
        );
        assert_eq!(
            migrate(json!({"bookmarks": []})),
            Err(MigrateError::NoVersion)
        );
        assert_eq!(
            migrate(json!({"version": "2"})),
            Err(MigrateError::NoVersion)
        );
        assert_eq!(migrate(json!([1, 2])), Err(MigrateError::NoVersion));
    }

    #[test]
    fn decode_classifies_damage_and_newer_versions() {
        assert_eq!(
            decode(br#"{"version": 7, "whatever": true}"#),
            Err(DecodeError::Newer(7))
        );
        assert!(matches!(
            decode(b"{\"version\": 1, \"bookm"),
            Err(DecodeError::Damaged(_))
        ));
        assert!(matches!(decode(b""), Err(DecodeError::Damaged(_))));
        assert!(matches!(
            decode(br#"{"version": 1, "bookmarks": [{"id": 3}]}"#),
            Err(DecodeError::Damaged(_))
        ));
        assert_eq!(decode(br#"{"version": 1}"#), Ok(State::default()));
    }
}
