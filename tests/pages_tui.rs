//! Pages in the reader: the status bar's `p. N / COUNT` and the go-to-page prompt (`P`), driven
//! through key events and drawn into ratatui's TestBackend.

mod common;

use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;
use dossier::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn paged_app() -> App {
    let library = Library::open(&[common::fixtures().join("paged/paged-paper.md")]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut app = App::new(library);
    app.theme = Theme::PLAIN;
    app.resize(80, 16);
    app
}

fn render(app: &mut App, width: u16, height: u16) -> String {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| dossier::tui::draw::draw(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn status_line(app: &mut App) -> String {
    let (width, height) = app.size;
    render(app, width, height)
        .lines()
        .last()
        .unwrap()
        .to_owned()
}

fn press(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The page label at the place being read.
fn page_read(app: &App) -> Option<String> {
    let (p, place) = app.current_place();
    app.library.papers[p]
        .page_label(place.block, place.offset)
        .map(str::to_owned)
}

#[test]
fn the_status_bar_shows_the_page_being_read_and_the_page_count() {
    let mut app = paged_app();
    let status = status_line(&mut app);
    assert!(status.contains("p. i / 5"), "{status}");
    // Line by line down a short window, the segment follows the page at the top line.
    app.resize(80, 5);
    let mut seen = vec![status_line(&mut app)];
    for _ in 0..60 {
        app.update(Action::Down);
        let status = status_line(&mut app);
        if seen.last() != Some(&status) {
            seen.push(status);
        }
    }
    let pages: Vec<&str> = seen
        .iter()
        .map(|s| {
            let at = s.find("p. ").unwrap_or_else(|| panic!("no page in {s:?}"));
            s[at..].split("  ").next().unwrap()
        })
        .collect();
    let mut distinct = pages.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        ["p. i / 5", "p. ii / 5", "p. 1 / 5", "p. 2 / 5", "p. 3 / 5"]
    );
}

#[test]
fn p_jumps_to_a_typed_label_and_ctrl_o_comes_back() {
    let mut app = paged_app();
    let start = app.reader.place();
    press(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "2");
    insta::assert_snapshot!("go_to_page_prompt_80x16", render(&mut app, 80, 16));
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(page_read(&app).as_deref(), Some("2"));
    // The page starts inside a paragraph: the reader shows the line holding that place.
    let (_, place) = app.current_place();
    let paper = &app.library.papers[0];
    assert!(
        paper.blocks[place.block]
            .text
            .starts_with("The second paragraph")
    );
    assert!(place.offset > 0);
    insta::assert_snapshot!("after_jump_to_page_2_80x16", render(&mut app, 80, 16));
    let on_page_2 = app.reader.place();
    // Letters in any case: `II` finds page ii.
    press(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "II");
    press(&mut app, KeyCode::Enter);
    assert_eq!(page_read(&app).as_deref(), Some("ii"));
    app.update(Action::JumpBack);
    assert_eq!(app.reader.place(), on_page_2);
    app.update(Action::JumpBack);
    assert_eq!(app.reader.place(), start);
    assert!(status_line(&mut app).contains("p. i / 5"));
}

#[test]
fn a_label_the_paper_does_not_have_is_a_message_and_esc_cancels() {
    let mut app = paged_app();
    let start = app.reader.place();
    press(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "99");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.reader.place(), start);
    let status = status_line(&mut app);
    assert!(
        status.contains("No page 99 in this paper (pages i–3)"),
        "{status}"
    );
    press(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.reader.place(), start);
}

#[test]
fn papers_without_pages_show_no_page_and_say_so_on_p() {
    let mut app = App::new(Library::shipped());
    app.theme = Theme::PLAIN;
    app.resize(100, 20);
    assert!(!status_line(&mut app).contains("p. "));
    press(&mut app, KeyCode::Char('P'));
    assert!(app.overlay.is_none());
    assert!(status_line(&mut app).contains("This paper has no page numbers"));
}
