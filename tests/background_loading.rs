//! PDFs and web pages convert in the background: the library opens at once with a stand-in for
//! each, the loader converts them with progress, and the reader takes each one in (outline,
//! text, finder, facts, bookmarks, the place it was left) without losing anything.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::import::fetch::Web;
use dossier::library::{Library, Unready};
use dossier::loading::{Loaded, Loader};
use dossier::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn pdf(name: &str) -> PathBuf {
    common::fixtures().join("pdf").join(name)
}

/// A folder with a Markdown paper and copies of PDF fixtures.
fn folder(pdfs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-notes.md"),
        "# Notes\n\nA short Markdown paper read while the PDFs convert.\n",
    )
    .unwrap();
    for name in pdfs {
        std::fs::copy(pdf(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn staged(paths: &[PathBuf], cache: &Path) -> (Library, Vec<dossier::library::Deferred>) {
    let web = Web {
        cache_dir: Some(cache),
        ..Web::default()
    };
    Library::open_staged(paths, &web)
}

fn deferred_name(deferred: &[dossier::library::Deferred], slot: usize) -> String {
    let d = deferred.iter().find(|d| d.slot == slot).unwrap();
    d.path.file_name().unwrap().to_string_lossy().into_owned()
}

fn loader(deferred: Vec<dossier::library::Deferred>, cache: &Path) -> Loader {
    Loader::start(deferred, &dossier::import::Cache::new(cache))
}

/// Takes in reports until the loader has none left (the converters are bounded in time; the
/// deadline only turns a hang into a failure).
fn finish(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while app.loading() {
        assert!(Instant::now() < deadline, "conversions never finished");
        if !app.wait_for_report(Duration::from_secs(1)) {
            // Converted; the finder's index is being built again over them.
            app.poll_loading();
            app.poll_search();
            std::thread::yield_now();
        }
    }
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| dossier::tui::draw::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn files_to_convert_get_stand_ins_and_the_rest_opens_at_once() {
    let dir = folder(&["mitre-kimsuky.pdf", "fhs-3.0.pdf"]);
    let cache = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    assert_eq!(library.papers.len(), 3, "one paper per file, in path order");
    assert_eq!(library.papers[0].meta.title, "Notes");
    assert!(library.is_ready(0));
    let slots: Vec<usize> = deferred.iter().map(|d| d.slot).collect();
    assert_eq!(slots, [1, 2]);
    for slot in slots {
        assert_eq!(library.unready.get(&slot), Some(&Unready::Converting));
        let stand_in = &library.papers[slot];
        assert!(stand_in.blocks.is_empty(), "a stand-in has no text");
        let name = deferred_name(&deferred, slot);
        assert_eq!(stand_in.meta.title, name, "titled by its file name");
    }
    assert_ne!(library.papers[1].id, library.papers[2].id);
}

#[test]
fn the_loader_reports_pages_then_the_paper_and_the_cache_makes_it_ready_next_time() {
    let dir = folder(&["fhs-3.0.pdf"]);
    let cache = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    let (library, deferred) = staged(&paths, cache.path());
    let mut loader = loader(deferred, cache.path());
    let mut pages = Vec::new();
    let mut done = None;
    while done.is_none() {
        match loader.next_within(Duration::from_secs(300)) {
            Some(Loaded::Progress { slot, done, total }) => {
                assert_eq!(slot, 1);
                pages.push((done, total));
            }
            Some(Loaded::Done { slot, result }) => done = Some((slot, result)),
            None => panic!("the loader stopped without reporting the paper"),
        }
    }
    assert!(loader.finished());
    let total = pages.last().expect("progress was reported").1;
    assert!(total >= 40, "FHS has about 50 pages: {total}");
    assert!(
        pages.iter().all(|&(d, t)| t == total && d <= t),
        "{pages:?}"
    );
    assert!(
        pages.iter().any(|&(d, _)| d == total),
        "the last page is reported"
    );
    let (slot, result) = done.unwrap();
    let library = library.with_arrival(slot, *result);
    assert!(library.is_ready(1));
    assert_eq!(library.converting(), 0);
    assert!(
        library.papers[1].sections.len() > 100,
        "the converted paper has its outline"
    );
    let id = library.papers[1].id.clone();
    assert!(id.starts_with("pdf-"), "{id}");

    // Second opening: the conversion cache holds it, so nothing is left to convert.
    let (again, deferred) = staged(&paths, cache.path());
    assert!(deferred.is_empty(), "{deferred:?}");
    assert!(again.is_ready(1));
    assert_eq!(again.papers[1].id, id);
    assert_eq!(again.papers[1].blocks.len(), library.papers[1].blocks.len());
}

#[test]
fn a_file_that_fails_to_convert_keeps_its_place_and_says_why() {
    let dir = folder(&["mitre-kimsuky-password.pdf", "mitre-kimsuky.pdf"]);
    let cache = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    let mut app = App::new(library);
    app.start_loading(loader(deferred, cache.path()));
    finish(&mut app);
    assert!(app.library.is_ready(0));
    let locked = (0..3)
        .find(|&p| app.library.papers[p].meta.title == "mitre-kimsuky-password.pdf")
        .expect("the locked file keeps its stand-in");
    match app.library.unready.get(&locked) {
        Some(Unready::Failed(why)) => {
            assert!(why.contains("mitre-kimsuky-password.pdf"), "{why}");
            assert!(why.contains("password"), "{why}");
        }
        other => panic!("not marked failed: {other:?}"),
    }
    let other = 3 - locked;
    assert!(app.library.is_ready(other), "the other PDF opened");
    let (message, _) = app
        .status
        .clone()
        .expect("the failure is in the status bar");
    assert!(message.contains("password"), "{message}");
    app.resize(120, 30);
    app.reader.open(&app.library, locked);
    let screen = render(&app, 120, 30);
    assert!(screen.contains("Cannot be opened"), "{screen}");
    assert!(
        screen.contains("[cannot open] mitre"),
        "outline tag:\n{screen}"
    );
}

#[test]
fn two_copies_of_one_pdf_get_distinct_ids_on_arrival() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(pdf("mitre-kimsuky.pdf"), dir.path().join("a.pdf")).unwrap();
    std::fs::copy(pdf("mitre-kimsuky.pdf"), dir.path().join("b.pdf")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    let mut app = App::new(library);
    app.start_loading(loader(deferred, cache.path()));
    finish(&mut app);
    let (a, b) = (&app.library.papers[0].id, &app.library.papers[1].id);
    assert!(a.starts_with("pdf-") && b.starts_with("pdf-"), "{a} {b}");
    assert_ne!(a, b, "bookmarks of one copy never land on the other");
}

fn key(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

#[test]
fn the_reader_shows_progress_refuses_marks_on_a_stand_in_and_takes_the_paper_in() {
    let dir = folder(&["fhs-3.0.pdf"]);
    let cache = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    let mut app = App::new(library);
    let (store, _) = dossier::store::Store::open(data.path());
    app.attach_store(store, &[]);
    app.resize(140, 40);
    app.start_loading(loader(deferred, cache.path()));
    app.search.build_in_background(&app.library);
    // Before it arrives: the stand-in is listed and can be shown, but not marked.
    app.reader.open(&app.library, 1);
    let screen = render(&app, 140, 40);
    assert!(screen.contains("fhs-3.0.pdf"), "{screen}");
    assert!(
        screen.contains("Convert") || !app.library.unready.contains_key(&1),
        "the pane says it is converting:\n{screen}"
    );
    if app.library.unready.contains_key(&1) {
        key(&mut app, 'm');
        assert!(app.overlay.is_none(), "no bookmark prompt on a stand-in");
        let (message, _) = app.status.clone().unwrap();
        assert!(message.contains("still converting"), "{message}");
    }
    finish(&mut app);
    // After: its text, its sections in the outline, its facts; the finder covers it.
    let screen = render(&app, 140, 40);
    assert!(!screen.contains("converting"), "{screen}");
    assert!(
        screen.contains("Filesystem Hierarchy Standard"),
        "the paper's text is shown:\n{screen}"
    );
    let rows = app.outline.rows().len();
    assert!(rows > 3, "the outline has the PDF's sections: {rows} rows");
    let deadline = Instant::now() + Duration::from_secs(300);
    while app.search.building() || app.search.index.is_none() {
        assert!(Instant::now() < deadline, "the index was never built");
        app.poll_loading();
        app.poll_search();
        std::thread::yield_now();
    }
    let index = app.search.index.clone().unwrap();
    let hits = dossier::search::search_all(&index, "#usr local", 5);
    assert!(
        hits.iter().any(|h| index.get(h.id).paper == 1),
        "a heading of the converted PDF is found"
    );
    // And a bookmark can be made on it now.
    key(&mut app, 'm');
    assert!(app.overlay.is_some(), "the bookmark prompt opens");
}

#[test]
fn the_paper_read_last_opens_where_it_was_left_when_it_arrives() {
    let dir = folder(&["fhs-3.0.pdf"]);
    let data = tempfile::tempdir().unwrap();
    let first_cache = tempfile::tempdir().unwrap();
    // First session: read the PDF (converted), scroll, quit.
    let (library, deferred) = staged(&[dir.path().to_path_buf()], first_cache.path());
    let mut app = App::new(library);
    let (store, _) = dossier::store::Store::open(data.path());
    app.attach_store(store, &[]);
    app.resize(120, 40);
    app.start_loading(loader(deferred, first_cache.path()));
    finish(&mut app);
    app.reader.open(&app.library, 1);
    app.reader.scroll(400);
    let left_at = app.reader.place();
    assert!(left_at.block > 0);
    app.shutdown();
    drop(app);

    // Second session, another cache (so it converts again): the Markdown paper shows first,
    // and the PDF, read last, opens at its place when it arrives.
    let cache = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    assert_eq!(deferred.len(), 1);
    let mut app = App::new(library);
    let (store, _) = dossier::store::Store::open(data.path());
    app.attach_store(store, &[]);
    app.resize(120, 40);
    assert_eq!(app.reader.paper, 0, "the stand-in is not opened");
    app.start_loading(loader(deferred, cache.path()));
    finish(&mut app);
    assert_eq!(
        app.reader.paper, 1,
        "the paper read last is opened on arrival"
    );
    assert_eq!(app.reader.place(), left_at);
    // Nothing was recorded for the stand-in meanwhile.
    app.shutdown();
    let saved = std::fs::read_to_string(data.path().join("bookmarks.json")).unwrap();
    assert!(!saved.contains("(converting"), "{saved}");
}

#[test]
fn pty_a_folder_of_pdfs_is_readable_at_once_and_its_outline_fills_in() {
    let dir = folder(&[
        "fhs-3.0.pdf",
        "federal-register-2020-17221.pdf",
        "mitre-kimsuky.pdf",
    ]);
    let path = dir.path().to_str().unwrap();
    let mut pty = common::Pty::start(&[path], 140, 40);
    pty.wait_text("A short Markdown paper read while the PDFs convert.");
    let screen = pty.wait_for("every PDF converted", |s| {
        s.contains("Proposed Rules")
            && s.contains("Filesystem Hierarchy")
            && !s.contains("converting")
    });
    assert!(!screen.contains("cannot open"), "{screen}");
    let drawn = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(
        drawn.contains("converting"),
        "the first frames came before the PDFs and said they were converting"
    );
    // The converted papers are in the finder.
    pty.send("/#usr local");
    pty.wait_text("/usr/local");
    pty.send("\x1b");
    pty.wait_for("the finder closed", |s| !s.contains("Find —"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored());
}

#[test]
fn pty_a_single_file_that_cannot_be_opened_ends_with_its_reason() {
    let locked = pdf("mitre-kimsuky-password.pdf");
    let mut pty = common::Pty::start(&[locked.to_str().unwrap()], 100, 30);
    let code = pty.wait_exit();
    assert_ne!(code, 0);
    let screen = pty.screen();
    assert!(
        screen.contains("mitre-kimsuky-password.pdf: needs a password to open"),
        "{screen}"
    );
    assert!(pty.restored());
}

#[test]
fn arrivals_leave_the_outline_selection_where_the_reader_put_it() {
    let dir = folder(&["mitre-kimsuky.pdf", "mitre-sandworm-team.pdf"]);
    let cache = tempfile::tempdir().unwrap();
    let (library, deferred) = staged(&[dir.path().to_path_buf()], cache.path());
    let mut app = App::new(library);
    app.resize(120, 40);
    app.start_loading(loader(deferred, cache.path()));
    // The reader reads the Markdown paper; the outline's selection goes to the last row.
    app.outline.select_row(usize::MAX);
    let chosen = app.outline.selected_node();
    finish(&mut app);
    assert_eq!(
        app.outline.selected_node(),
        chosen,
        "the selection stayed on its node while two papers arrived"
    );
    assert_eq!(app.reader.paper, 0);
}
