//! Fetched pages kept in the cache dir: `<cache>/web/<id>.body` holds the bytes as received and
//! `<cache>/web/<id>.json` the URL, the headers that matter and the date the page was read
//! (`<id>` is the paper's id, `import::content_id("web", url)`). Both are written atomically
//! (a temporary file renamed over the old one), the body first, so a `.json` always describes a
//! complete body; an entry whose JSON is missing, unreadable or for another URL is a miss.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A page as fetched: what is cached and what a paper is made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// The URL as given.
    pub url: String,
    /// The URL the last redirect led to.
    pub final_url: String,
    /// The HTTP status of the final answer.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The `Last-Modified` header, if any.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// The `ETag` header, if any.
    #[serde(default)]
    pub etag: Option<String>,
    /// The day the page was read, `YYYY-MM-DD` (UTC): the citation's "accessed" date.
    pub accessed: String,
    /// When it was read, in milliseconds since the unix epoch.
    pub fetched_at: u64,
    /// The body's length in bytes (checked against the `.body` file).
    pub bytes: u64,
    /// The body as received (after content decoding); not in the JSON.
    #[serde(skip)]
    pub body: Vec<u8>,
}

/// The files of `id`'s entry: (body, JSON).
fn files(dir: &Path, id: &str) -> (PathBuf, PathBuf) {
    let web = dir.join("web");
    (
        web.join(format!("{id}.body")),
        web.join(format!("{id}.json")),
    )
}

/// The cached copy of `url`, if a complete one is there.
pub fn load(dir: &Path, id: &str, url: &str) -> Option<Fetched> {
    let (body_path, json_path) = files(dir, id);
    let json = fs::read(&json_path).ok()?;
    let mut fetched: Fetched = serde_json::from_slice(&json).ok()?;
    if fetched.url != url {
        return None;
    }
    let body = fs::read(&body_path).ok()?;
    if body.len() as u64 != fetched.bytes {
        return None;
    }
    fetched.body = body;
    Some(fetched)
}

/// Keeps `fetched` as `id`'s entry.
pub fn store(dir: &Path, id: &str, fetched: &Fetched) -> std::io::Result<()> {
    let (body_path, json_path) = files(dir, id);
    if let Some(web) = body_path.parent() {
        fs::create_dir_all(web)?;
    }
    let json = serde_json::to_vec_pretty(fetched).map_err(std::io::Error::other)?;
    write_atomic(&body_path, &fetched.body)?;
    write_atomic(&json_path, &json)
}

/// Writes `bytes` to a temporary file next to `path`, flushes it to disk and renames it over
/// `path`, so a reader sees the old file or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str) -> Fetched {
        Fetched {
            url: url.into(),
            final_url: url.into(),
            status: 200,
            content_type: Some("text/plain".into()),
            last_modified: None,
            etag: None,
            accessed: "2026-12-01".into(),
            fetched_at: 1,
            bytes: 5,
            body: b"hello".to_vec(),
        }
    }

    #[test]
    fn an_entry_round_trips_and_only_for_its_url() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "web-1", &page("http://a/")).unwrap();
        assert_eq!(
            load(dir.path(), "web-1", "http://a/"),
            Some(page("http://a/"))
        );
        assert_eq!(load(dir.path(), "web-1", "http://b/"), None);
        let leftovers: Vec<_> = fs::read_dir(dir.path().join("web"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains("tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_truncated_body_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "web-1", &page("http://a/")).unwrap();
        fs::write(dir.path().join("web/web-1.body"), b"hel").unwrap();
        assert_eq!(load(dir.path(), "web-1", "http://a/"), None);
    }
}
