//! Links in the reader: footnotes there and back, sections, other papers, web addresses.

use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;
use dossier::tui::app::{Effect, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, c: char) -> Option<Effect> {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn setup() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let first = "# Main\n\nA claim with a note[^src] and [the method](#method) and [the annex](annex%20notes.md#tables) and [the source](https://example.org/report).\n\n# Method\n\nHow it was done.\n\n[^src]: Where the claim comes from.\n";
    std::fs::write(dir.path().join("main.md"), first).unwrap();
    std::fs::write(
        dir.path().join("annex notes.md"),
        "# Annex\n\ntext\n\n# Tables\n\nrows\n",
    )
    .unwrap();
    let library = Library::open(&[dir.path().to_path_buf()]);
    let mut app = App::new(library);
    let main = app
        .library
        .papers
        .iter()
        .position(|p| p.meta.title == "Main")
        .unwrap();
    app.resize(100, 30);
    app.reader.open(&app.library, main);
    (dir, app)
}

fn labels(app: &App) -> Vec<char> {
    match &app.overlay {
        Some(Overlay::Links(pick)) => pick.hints.iter().map(|h| h.label).collect(),
        other => panic!("no link overlay: {other:?}"),
    }
}

fn top_text(app: &App) -> String {
    let layout = app.reader.layout();
    layout.lines[app.reader.top].text()
}

#[test]
fn a_footnote_reference_jumps_to_its_note_and_ctrl_o_comes_back() {
    let (_dir, mut app) = setup();
    let before = app.reader.top;
    app.update(Action::Links);
    assert_eq!(labels(&app), ['a', 's', 'd', 'f']);
    press(&mut app, 'a');
    assert!(
        top_text(&app).contains("Where the claim comes from."),
        "{}",
        top_text(&app)
    );
    assert!(app.status.as_ref().unwrap().0.contains("Ctrl-O goes back"));
    app.update(Action::JumpBack);
    assert_eq!(app.reader.top, before);
    app.update(Action::JumpForward);
    assert!(top_text(&app).contains("Where the claim comes from."));
}

#[test]
fn section_and_paper_links_jump_and_web_links_are_copied() {
    let (_dir, mut app) = setup();
    app.update(Action::Links);
    press(&mut app, 's');
    assert_eq!(top_text(&app), "Method");

    app.update(Action::JumpBack);
    app.update(Action::Links);
    press(&mut app, 'd');
    assert_eq!(app.library.papers[app.reader.paper].meta.title, "Annex");
    assert_eq!(top_text(&app), "Tables");

    app.update(Action::JumpBack);
    app.update(Action::Links);
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    let effect = app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        effect,
        Some(Effect::Emit(
            "\u{1b}]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9yZXBvcnQ=\u{7}".into()
        ))
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .0
            .contains("https://example.org/report")
    );
}

#[test]
fn esc_leaves_link_mode_and_no_links_says_so() {
    let (_dir, mut app) = setup();
    app.update(Action::Links);
    app.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(app.overlay.is_none());
    app.resize(100, 5);
    app.update(Action::Bottom);
    app.update(Action::Links);
    assert!(app.overlay.is_none());
    assert_eq!(app.status.as_ref().unwrap().0, "No links on screen");
}

#[test]
fn m_after_a_jump_bookmarks_the_jumped_to_place() {
    let (dir, mut app) = setup();
    let data = dir.path().join("data");
    let (store, _) = dossier::store::Store::open(&data);
    app.attach_store(store, &[]);
    app.update(Action::Links);
    press(&mut app, 's');
    let jumped = app.current_place();
    assert_eq!(
        app.library.papers[jumped.0].blocks[jumped.1.block].text,
        "Method"
    );
    app.update(Action::Bookmark);
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let store = app.marks.store.as_ref().unwrap();
    assert_eq!(store.bookmarks()[0].label, "Method");
    app.update(Action::Top);
    assert_ne!(
        app.current_place(),
        jumped,
        "once the reader moves, the top line counts again"
    );
}
