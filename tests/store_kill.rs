//! Crash safety and concurrency with real processes. The test binary re-runs itself as the child
//! (selected by `DOSSIER_STORE_CHILD`), so no extra binary is needed.

use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dossier::store::{Anchor, Store, StoreWarning};

const ROLE: &str = "DOSSIER_STORE_CHILD";
const DIR: &str = "DOSSIER_STORE_DIR";
const COUNT: &str = "DOSSIER_STORE_COUNT";
/// Prefix of the lines a child prints after each returned save (libtest prints to stdout too).
const SAVED: &str = "SAVED ";
const KILLS: usize = 200;

/// The role this process plays if it is a child spawned by `test`.
fn child_role() -> Option<String> {
    std::env::var(ROLE).ok()
}

fn spawn(test: &str, role: &str, dir: &Path, count: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .env(COUNT, count.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Child side: add a bookmark, save, print its id; `COUNT` times or until the parent is gone.
fn run_child() {
    let dir = PathBuf::from(std::env::var(DIR).unwrap());
    let count: usize = std::env::var(COUNT).unwrap().parse().unwrap();
    let (mut store, warnings) = Store::open(&dir);
    assert_eq!(warnings, Vec::<StoreWarning>::new());
    let text = "A passage someone bookmarked while the process was being killed.";
    let mut out = io::stdout();
    for i in 0..count {
        let anchor = Anchor::capture("paper", &["s".to_owned()], i as u32, text, 2);
        let id = store.add("paper", anchor, &format!("bookmark {i}"), None);
        store.save().unwrap();
        if writeln!(out, "{SAVED}{id}")
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Reads one complete line; `None` at end of output. A line cut off by the kill is dropped.
fn read_line(reader: &mut BufReader<ChildStdout>) -> Option<String> {
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line),
    }
}

/// The id in a child's "SAVED <id>" line (libtest may have printed "test … " before it).
fn saved_id(line: &str) -> Option<String> {
    let line = line.strip_suffix('\n')?;
    let at = line.find(SAVED)?;
    Some(line[at + SAVED.len()..].to_owned())
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn busy_wait(micros: u64) {
    let until = Instant::now() + Duration::from_micros(micros);
    while Instant::now() < until {
        std::hint::spin_loop();
    }
}

fn assert_all_saved_present(dir: &Path, saved: &HashSet<String>, context: &str) {
    let (store, warnings) = Store::open(dir);
    assert_eq!(warnings, Vec::<StoreWarning>::new(), "{context}");
    let bytes = std::fs::read(store.path()).unwrap_or_default();
    if !saved.is_empty() {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .unwrap_or_else(|e| panic!("{context}: file does not parse: {e}"));
    }
    for id in saved {
        assert!(
            store.bookmark(id).is_some(),
            "{context}: saved bookmark {id} is missing"
        );
    }
}

#[test]
fn sigkill_at_random_moments_never_loses_a_returned_save() {
    if let Some(role) = child_role() {
        if role == "saver" {
            run_child();
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = XorShift(seed);
    let mut saved = HashSet::new();
    for round in 0..KILLS {
        let context = format!("round {round}, seed {seed}");
        let mut child = spawn(
            "sigkill_at_random_moments_never_loses_a_returned_save",
            "saver",
            dir.path(),
            100_000,
        );
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let wanted = rng.next() % 6;
        let mut seen = 0;
        while seen < wanted {
            let Some(line) = read_line(&mut reader) else {
                break;
            };
            if let Some(id) = saved_id(&line) {
                saved.insert(id);
                seen += 1;
            }
        }
        busy_wait(rng.next() % 3_000);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        while let Some(line) = read_line(&mut reader) {
            saved.extend(saved_id(&line));
        }
        assert_eq!(
            status.code(),
            None,
            "{context}: child ended by itself: {status}"
        );
        assert_all_saved_present(dir.path(), &saved, &context);
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("corrupt"))
        .collect();
    assert_eq!(names, Vec::<String>::new());
    assert!(
        saved.len() >= KILLS,
        "only {} saves returned over {KILLS} runs",
        saved.len()
    );
}

#[test]
fn two_processes_adding_at_once_keep_all_bookmarks() {
    if let Some(role) = child_role() {
        if role == "adder" {
            run_child();
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let test = "two_processes_adding_at_once_keep_all_bookmarks";
    let children = [
        spawn(test, "adder", dir.path(), 100),
        spawn(test, "adder", dir.path(), 100),
    ];
    let mut saved = HashSet::new();
    for mut child in children {
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        while let Some(line) = read_line(&mut reader) {
            saved.extend(saved_id(&line));
        }
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(saved.len(), 200);
    let (store, warnings) = Store::open(dir.path());
    assert_eq!(warnings, Vec::<StoreWarning>::new());
    assert_eq!(store.bookmarks().len(), 200);
    assert_all_saved_present(dir.path(), &saved, "two processes");
}
