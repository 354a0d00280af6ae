//! Snapshot tests: the app drawn into ratatui's TestBackend at fixed sizes.

use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;
use dossier::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The app drawn at `width` × `height`.
fn draw(app: &mut App, width: u16, height: u16) -> ratatui::buffer::Buffer {
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| dossier::tui::draw::draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn render(app: &mut App, width: u16, height: u16) -> String {
    let buffer = draw(app, width, height);
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Whether the panel's tab bar is on the screen's first line.
fn shows_the_panel(screen: &str) -> bool {
    screen.lines().next().is_some_and(|l| l.contains("1 Facts"))
}

fn shipped() -> App {
    let mut app = App::new(Library::shipped());
    app.theme = Theme::PLAIN;
    app
}

#[test]
fn first_screen_100x30() {
    let screen = render(&mut shipped(), 100, 30);
    assert!(
        !shows_the_panel(&screen),
        "the panel stays closed below 150 columns:\n{screen}"
    );
    let status = screen.lines().nth(29).unwrap();
    assert!(
        status.ends_with("/ find  p facts  m mark  ' marks  ? help  0%"),
        "the status bar names the main keys: {status:?}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn first_screen_160x45_shows_the_key_facts() {
    let mut app = shipped();
    let screen = render(&mut app, 160, 45);
    assert!(app.panel.open, "wide enough for three panes");
    assert_eq!(
        app.focus,
        dossier::tui::app::Focus::Reader,
        "the reader keeps the keys"
    );
    assert!(shows_the_panel(&screen), "{screen}");
    assert!(
        screen.contains("▾ North Korea"),
        "the outline stays:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn the_panel_follows_the_width_until_p_is_pressed() {
    let mut app = shipped();
    app.resize(160, 45);
    assert!(app.panel.open);
    app.resize(120, 40);
    assert!(!app.panel.open, "narrowed: closed");
    app.resize(150, 40);
    assert!(app.panel.open, "150 columns are enough");
    app.update(Action::TogglePanel);
    assert!(!app.panel.open);
    app.resize(200, 50);
    assert!(!app.panel.open, "hidden by hand: stays hidden");
    let mut app = shipped();
    app.resize(100, 30);
    app.update(Action::TogglePanel);
    app.resize(80, 24);
    assert!(app.panel.open, "shown by hand: stays shown");
}

#[test]
fn auto_leaves_the_panel_closed_on_a_paper_too_big_to_scan_at_once() {
    let paragraph = "In 2021 hackers stole $5 million from 30 exchanges. ".repeat(40);
    let big = format!("# Big\n\n{}", format!("{paragraph}\n\n").repeat(600));
    assert!(big.len() > dossier::tui::panel::AUTO_OPEN_MAX_BYTES);
    let mut app = App::new(Library::from_markdown(&[big.as_str()]));
    app.resize(160, 45);
    assert!(
        !app.panel.open,
        "closed: its facts would hold up the first screen"
    );
    let mut app = App::new(Library::from_markdown(&[
        "# Small\n\nIn 2021 they stole $5 million.\n",
    ]));
    app.resize(160, 45);
    assert!(app.panel.open);
}

#[test]
fn panel_open_or_closed_in_the_config_overrides_the_width() {
    use dossier::tui::config::Config;
    use dossier::tui::panel::PanelStart;
    for (panel, width, open) in [
        (PanelStart::Closed, 160, false),
        (PanelStart::Open, 100, true),
        (PanelStart::Auto, 149, false),
        (PanelStart::Auto, 150, true),
    ] {
        let mut app = shipped();
        app.configure(&Config {
            panel,
            ..Config::default()
        });
        app.theme = Theme::PLAIN;
        let screen = render(&mut app, width, 30);
        assert_eq!(
            shows_the_panel(&screen),
            open,
            "{panel:?} at {width}:\n{screen}"
        );
    }
}

#[test]
fn the_status_bar_drops_the_least_important_keys_first() {
    let status = |width: u16| {
        let screen = render(&mut shipped(), width, 20);
        screen.lines().last().unwrap().to_owned()
    };
    assert!(status(100).ends_with("/ find  p facts  m mark  ' marks  ? help  0%"));
    let narrow = status(60);
    assert!(narrow.ends_with("  / find  ? help  0%"), "{narrow:?}");
    assert!(narrow.starts_with(" North Korea"), "{narrow:?}");
    let tiny = status(30);
    assert!(tiny.ends_with("  ? help  0%"), "{tiny:?}");
    assert!(!tiny.contains("find"), "{tiny:?}");
}

#[test]
fn first_screen_60x20() {
    insta::assert_snapshot!(render(&mut shipped(), 60, 20));
}

#[test]
fn help_overlay_80x24() {
    let mut app = shipped();
    app.update(Action::Help);
    insta::assert_snapshot!(render(&mut app, 80, 24));
}

#[test]
fn second_paper_after_outline_jump() {
    let mut app = shipped();
    app.resize(100, 30);
    app.update(Action::FocusNext);
    app.update(Action::Bottom);
    app.update(Action::Select);
    insta::assert_snapshot!(render(&mut app, 100, 30));
}

#[test]
fn every_size_down_to_1x1_draws() {
    let mut app = shipped();
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 5),
        (19, 3),
        (20, 4),
        (35, 8),
        (49, 10),
        (50, 10),
        (500, 200),
    ] {
        let screen = render(&mut app, w, h);
        assert_eq!(screen.lines().count(), usize::from(h));
        if (w, h) == (35, 8) {
            assert!(screen.contains("North Korea"), "{screen}");
        }
    }
}

#[test]
fn facts_panel_140x40() {
    let mut app = shipped();
    app.resize(140, 40);
    app.update(Action::FactsTab);
    insta::assert_snapshot!(render(&mut app, 140, 40));
}

#[test]
fn glossary_tab_at_80_columns_hides_the_outline() {
    let mut app = shipped();
    app.resize(80, 24);
    app.update(Action::GlossaryTab);
    let screen = render(&mut app, 80, 24);
    assert!(
        !screen.contains("▾ North Korea"),
        "the outline gives way to the panel:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

/// The screen with each run of cells that shares a style written as `[MODIFIERS]text`, colours
/// as `fg/bg`: what a person sees when colours are off.
fn render_styled(app: &mut App, width: u16, height: u16) -> String {
    let buffer = draw(app, width, height);
    let mut out = String::new();
    for y in 0..height {
        let mut last = None;
        for x in 0..width {
            let cell = &buffer[(x, y)];
            let style = (cell.modifier, cell.fg, cell.bg);
            if last != Some(style) {
                let colours = if cell.fg == ratatui::style::Color::Reset
                    && cell.bg == ratatui::style::Color::Reset
                {
                    String::new()
                } else {
                    format!(" {:?}/{:?}", cell.fg, cell.bg)
                };
                out.push_str(&format!("[{:?}{colours}]", cell.modifier));
                last = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn no_color_keeps_selection_and_highlights_visible() {
    let mut app = shipped();
    app.resize(100, 12);
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.reader.marks.push(dossier::tui::reader::Mark {
        paper: 0,
        block: 1,
        range: 0..11,
    });
    app.update(Action::Down);
    let screen = render_styled(&mut app, 100, 12);
    assert!(
        !screen.contains("/Rgb") && !screen.contains("Cyan") && !screen.contains("Yellow"),
        "no colours:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

/// A folder whose PDF is still converting: its row in the outline is tagged, the pane says so,
/// and the status bar counts it.
#[test]
fn a_converting_pdf_100x16() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# Notes\n\nRead while the PDF converts.\n",
    )
    .unwrap();
    let pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/mitre-kimsuky.pdf"
    );
    std::fs::copy(pdf, dir.path().join("b report.pdf")).unwrap();
    let (library, deferred) = Library::open_staged(
        &[dir.path().to_path_buf()],
        &dossier::import::fetch::Web::default(),
    );
    assert_eq!(deferred.len(), 1, "no cache: the PDF must be converted");
    let mut app = App::new(library);
    app.theme = Theme::PLAIN;
    app.resize(100, 16);
    app.reader.open(&app.library, 1);
    let screen = render(&mut app, 100, 16);
    assert!(screen.contains("[converting] b report"), "{screen}");
    assert!(screen.contains("Converting…"), "{screen}");
    assert!(
        screen.lines().nth(15).unwrap().contains("1 converting"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}
