//! A paper is its content, not its path: bookmarks on a PDF or a saved web page stay with it
//! when the file is moved and renamed, and a file whose bytes changed is converted again rather
//! than read from a stale cache entry.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{dossier_in, fixtures};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).unwrap()
}

/// Copies fixture `from` to `home/to`, creating folders.
fn copy_in(home: &Path, from: &str, to: &str) -> PathBuf {
    let dest = home.join(to);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(fixtures().join(from), &dest).unwrap();
    dest
}

/// Every section's slug path, and whether it has a page.
fn walk(list: &serde_json::Value, parent: &str, out: &mut Vec<(String, bool)>) {
    for s in list.as_array().into_iter().flatten() {
        let slug = s["slug"].as_str().unwrap();
        let path = if parent.is_empty() {
            slug.to_owned()
        } else {
            format!("{parent}/{slug}")
        };
        out.push((path.clone(), s.get("page").is_some()));
        walk(&s["children"], &path, out);
    }
}

/// The paper's id and the slug path of its last section that has a page (or its last section).
fn id_and_section(home: &Path, file: &Path) -> (String, String) {
    let papers = json(&dossier_in(
        home,
        &["outline", "--json", file.to_str().unwrap()],
    ));
    let paper = &papers[0];
    let mut sections = Vec::new();
    walk(&paper["sections"], "", &mut sections);
    let section = sections
        .iter()
        .rev()
        .find(|(_, paged)| *paged)
        .or(sections.last())
        .unwrap_or_else(|| panic!("no sections in {paper}"))
        .0
        .clone();
    (paper["id"].as_str().unwrap().to_owned(), section)
}

/// Bookmarks `file` at `section`; the bookmark's listing (`bookmarks list --json`) with the
/// file open.
fn bookmark(home: &Path, file: &Path, id: &str, section: &str) -> serde_json::Value {
    let f = file.to_str().unwrap();
    let added = ok(&dossier_in(
        home,
        &[
            "bookmarks",
            "add",
            "--paper",
            id,
            "--section",
            section,
            "--note",
            "keep me",
            f,
        ],
    ));
    assert!(!added.trim().is_empty());
    let listed = json(&dossier_in(home, &["bookmarks", "list", "--json", f]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    listed[0].clone()
}

/// Moves `from` to `to` (creating folders).
fn move_file(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::rename(from, to).unwrap();
    assert!(!from.exists());
}

/// The fields that say where a listed bookmark lands.
fn landing(listed: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "paper": listed["paper"],
        "placed": listed["placed"],
        "section_titles": listed["section_titles"],
        "page": listed.get("page"),
        "note": listed["note"],
    })
}

#[test]
fn a_moved_and_renamed_pdf_keeps_its_bookmark_at_the_same_page() {
    let home = tempfile::tempdir().unwrap();
    let pdf = copy_in(home.path(), "pdf/mitre-kimsuky.pdf", "inbox/kimsuky.pdf");
    let (id, section) = id_and_section(home.path(), &pdf);
    assert!(id.starts_with("pdf-"), "{id}");
    let before = bookmark(home.path(), &pdf, &id, &section);
    assert_eq!(before["placed"], "exact", "{before}");
    assert!(
        before["page"].is_string(),
        "a PDF bookmark has a page: {before}"
    );

    let moved = home.path().join("archive/2024/Kimsuky group (MITRE).pdf");
    move_file(&pdf, &moved);
    let after = json(&dossier_in(
        home.path(),
        &["bookmarks", "list", "--json", moved.to_str().unwrap()],
    ));
    assert_eq!(landing(&after[0]), landing(&before));
    // Reopened under its new name, the paper has the same id: `dossier open` finds the mark.
    let (moved_id, _) = id_and_section(home.path(), &moved);
    assert_eq!(moved_id, id);
    let mark = before["id"].as_str().unwrap();
    let from_mark = ok(&dossier_in(
        home.path(),
        &["open", mark, moved.to_str().unwrap()],
    ));
    let title = after[0]["section_titles"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        from_mark
            .lines()
            .next()
            .is_some_and(|l| l.contains(title.as_str())),
        "`dossier open {mark}` starts at {title:?}:\n{}",
        &from_mark[..from_mark.len().min(400)]
    );
}

#[test]
fn a_moved_and_renamed_web_page_keeps_its_bookmark() {
    let home = tempfile::tempdir().unwrap();
    let page = copy_in(
        home.path(),
        "html/policy-ch1-scope/source.html",
        "saved/policy.html",
    );
    let (id, section) = id_and_section(home.path(), &page);
    assert!(id.starts_with("web-"), "{id}");
    let before = bookmark(home.path(), &page, &id, &section);
    assert_eq!(before["placed"], "exact", "{before}");

    let moved = home.path().join("reading/Debian Policy, chapter 1.htm");
    move_file(&page, &moved);
    let after = json(&dossier_in(
        home.path(),
        &["bookmarks", "list", "--json", moved.to_str().unwrap()],
    ));
    assert_eq!(landing(&after[0]), landing(&before));
}

#[test]
fn a_text_file_moved_to_another_folder_keeps_its_bookmark() {
    let home = tempfile::tempdir().unwrap();
    let text = home.path().join("a/notes.txt");
    std::fs::create_dir_all(text.parent().unwrap()).unwrap();
    std::fs::write(
        &text,
        "Field Notes\n===========\n\nThe first paragraph sets the scene for everything that follows.\n\nKey Findings\n------------\n\nThe key finding is that losses reached $12 million in 2023.\n",
    )
    .unwrap();
    let (id, section) = id_and_section(home.path(), &text);
    let before = bookmark(home.path(), &text, &id, &section);
    assert_eq!(before["placed"], "exact", "{before}");
    // Its id comes from the file name (README: give it an `id` to survive a rename), so a
    // move into another folder keeps it.
    let moved = home.path().join("b/c/notes.txt");
    move_file(&text, &moved);
    let after = json(&dossier_in(
        home.path(),
        &["bookmarks", "list", "--json", moved.to_str().unwrap()],
    ));
    assert_eq!(landing(&after[0]), landing(&before));
}

fn cache_entries(home: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(home.join("cache/converted"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_changed_pdf_at_the_same_path_is_converted_again_never_stale() {
    let home = tempfile::tempdir().unwrap();
    let pdf = copy_in(home.path(), "pdf/mitre-kimsuky.pdf", "paper.pdf");
    let p = pdf.to_str().unwrap();
    let first = ok(&dossier_in(home.path(), &["cat", p]));
    assert!(
        first.contains("Kimsuky"),
        "{}",
        &first[..first.len().min(300)]
    );
    assert_eq!(cache_entries(home.path()).len(), 1);
    // A second run reads the entry and prints the same text.
    assert_eq!(ok(&dossier_in(home.path(), &["cat", p])), first);

    // Other bytes under the same name and path (and the same modification second, were it
    // checked): the new paper, converted and cached beside the old entry.
    std::fs::copy(fixtures().join("pdf/mitre-sandworm-team.pdf"), &pdf).unwrap();
    let second = ok(&dossier_in(home.path(), &["cat", p]));
    assert_ne!(second, first);
    assert!(
        second.contains("Sandworm"),
        "{}",
        &second[..second.len().min(300)]
    );
    assert!(!second.contains("Kimsuky"));
    assert_eq!(cache_entries(home.path()).len(), 2);
}

#[test]
fn a_damaged_cache_entry_is_ignored_and_written_again() {
    let home = tempfile::tempdir().unwrap();
    let pdf = copy_in(home.path(), "pdf/mitre-kimsuky.pdf", "paper.pdf");
    let p = pdf.to_str().unwrap();
    let first = ok(&dossier_in(home.path(), &["cat", p]));
    let entries = cache_entries(home.path());
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    let whole = std::fs::read(entry).unwrap();
    // Flip bytes in the middle of the Markdown: the checksum no longer holds.
    let mut damaged = whole.clone();
    let middle = damaged.len() / 2;
    for b in &mut damaged[middle..middle + 16] {
        *b = b'#';
    }
    std::fs::write(entry, &damaged).unwrap();
    let out = dossier_in(home.path(), &["cat", p]);
    assert_eq!(ok(&out), first, "the damaged entry's text is never shown");
    assert_eq!(std::fs::read(entry).unwrap(), whole, "rebuilt in place");
    // Cut short: the same.
    std::fs::write(entry, &whole[..whole.len() / 3]).unwrap();
    assert_eq!(ok(&dossier_in(home.path(), &["cat", p])), first);
    assert_eq!(std::fs::read(entry).unwrap(), whole);
}
