//! OSC 8 hyperlinks: which links on screen become hyperlinks, and what reaches the terminal.

mod common;

use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;
use dossier::tui::hyperlink::Hyperlink;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use common::Pty;

/// `markdown` open in the reader at `width` × `height`.
fn open(markdown: &str, width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.md"), markdown).unwrap();
    std::fs::write(dir.path().join("other.md"), "# Other\n\n## X\n\ntext\n").unwrap();
    let library = Library::open(&[dir.path().join("main.md")]);
    let mut app = App::new(library);
    app.resize(width, height);
    (dir, app)
}

/// The frame drawn and the hyperlinks it returned.
fn draw(app: &App) -> (Buffer, Vec<Hyperlink>) {
    let area = app.areas.status;
    let (width, height) = (area.width, area.y + 1);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut links = Vec::new();
    terminal
        .draw(|f| links = dossier::tui::draw::draw_linked(app, f))
        .unwrap();
    (terminal.backend().buffer().clone(), links)
}

/// The text in a link's cells.
fn text_of(buffer: &Buffer, link: &Hyperlink) -> String {
    (link.x..link.x + link.width)
        .map(|x| buffer[(x, link.y)].symbol())
        .collect()
}

/// Where `text` is on screen (column, row).
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let row: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(i) = row.find(text) {
            return (row[..i].chars().count() as u16, y);
        }
    }
    panic!("{text:?} is not on screen");
}

#[test]
fn only_web_links_become_hyperlinks() {
    let (_dir, app) = open(
        "# Main\n\nA claim with a note[^src] and [the method](#method) and [the annex](other.md#x) and [the source](https://example.org/report).\n\n# Method\n\nHow.\n\n[^src]: Where the claim comes from.\n",
        100,
        30,
    );
    let (buffer, links) = draw(&app);
    let (x, y) = find(&buffer, "the source");
    assert_eq!(
        links,
        [Hyperlink {
            x,
            y,
            width: 10,
            url: "https://example.org/report".into(),
        }]
    );
    assert_eq!(text_of(&buffer, &links[0]), "the source");
}

#[test]
fn a_wrapped_link_gives_one_hyperlink_per_line() {
    let (_dir, mut app) = open(
        "# Main\n\nSee [the rather long title of the annual report](https://example.org/annual) now.\n",
        40,
        20,
    );
    app.update(Action::ToggleOutline);
    let width = app.areas.text.width;
    let (buffer, links) = draw(&app);
    assert_eq!(links.len(), 2, "{links:?} at width {width}");
    assert_eq!(links[1].y, links[0].y + 1);
    assert_eq!(
        links[1].x, app.areas.text.x,
        "the second line starts the column"
    );
    assert!(links.iter().all(|l| l.url == "https://example.org/annual"));
    let text = format!(
        "{} {}",
        text_of(&buffer, &links[0]),
        text_of(&buffer, &links[1])
    );
    assert_eq!(text, "the rather long title of the annual report");
}

#[test]
fn an_overlay_over_a_link_keeps_it_out_of_the_hyperlink() {
    let (_dir, mut app) = open(
        "# Main\n\nA sentence long enough to put the link past the overlay edge, and [the report on everything](https://example.org/report) today.\n",
        140,
        14,
    );
    let (_, before) = draw(&app);
    assert_eq!(before.len(), 1);
    let full = &before[0];
    app.update(Action::Help);
    let (buffer, after) = draw(&app);
    assert_eq!(after.len(), 1, "{after:?}");
    let visible = &after[0];
    assert_eq!(visible.y, full.y);
    assert!(visible.x > full.x, "the help box covers the link's start");
    assert_eq!(visible.x + visible.width, full.x + full.width);
    assert_eq!(buffer[(visible.x - 1, visible.y)].symbol(), "│");
    let shown: String = "the report on everything"
        .chars()
        .skip(usize::from(visible.x - full.x))
        .collect();
    assert_eq!(text_of(&buffer, visible), shown);
}

const OPEN: &str = "\u{1b}]8;;https://example.org/report\u{1b}\\";
const CLOSE: &str = "\u{1b}]8;;\u{1b}\\";

/// Drops CSI sequences (`ESC [ … final`), keeping OSC and text.
fn strip_csi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs dossier on a one-link paper with `config`: scrolls away from the link and back, opens
/// the note prompt (a visible cursor), resizes the terminal under it, and quits. Returns the screen at the top and every byte
/// written.
fn run(config: &str) -> (vt100::Screen, String) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("config")).unwrap();
    std::fs::write(home.path().join("config/config.toml"), config).unwrap();
    let paper = home.path().join("report.md");
    let filler: String = (1..=60).map(|i| format!("Paragraph {i}.\n\n")).collect();
    std::fs::write(
        &paper,
        format!("# Report\n\nRead [the report](https://example.org/report) today.\n\n{filler}"),
    )
    .unwrap();
    let mut pty = Pty::start_in(home, &[paper.to_str().unwrap()], 100, 30, &[]);
    pty.wait_for("the first frame", |s| {
        s.contains("Read the report today.")
            && s.lines().last().is_some_and(|l| l.contains("? help"))
    });
    pty.send("G");
    pty.wait_text("100%");
    pty.send("g");
    pty.wait_for("the top again", |s| {
        s.contains("Read the report today.") && s.contains("? help  0%")
    });
    let top = pty.with_screen(Clone::clone);
    pty.send("m");
    pty.wait_text("Note for this bookmark");
    pty.send("ab");
    pty.wait_for("the note typed", |s| {
        s.lines().any(|l| l.starts_with("│ab "))
    });
    // Links already written are not written again; a resize repaints everything, so the
    // link is written again while the prompt's cursor is shown.
    pty.resize(100, 29);
    pty.wait_for("the prompt at 29 rows", |s| {
        s.lines().count() <= 29 && s.contains("Note for this bookmark")
    });
    pty.resize(100, 30);
    pty.wait_for("the prompt at 30 rows", |s| {
        s.lines().nth(29).is_some_and(|l| l.contains("? help")) && s.contains("│ab ")
    });
    pty.send("\u{1b}");
    pty.wait_for("the prompt closed", |s| {
        !s.contains("Note for this bookmark")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    (top, String::from_utf8_lossy(&pty.raw()).into_owned())
}

/// Replays `raw` and checks that each hyperlink write (between DECSC and DECRC) leaves the
/// screen, attributes and cursor as they were; returns how many writes there were and how many
/// of them happened with the cursor shown.
fn replay(raw: &str) -> (usize, usize) {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(30), size(100), 0);
    let (mut writes, mut shown) = (0, 0);
    let mut at = 0;
    while let Some(start) = raw[at..].find("\u{1b}7").map(|i| at + i) {
        let end = start + raw[start..].find("\u{1b}8").expect("DECRC after DECSC") + 2;
        parser.process(&raw.as_bytes()[at..start]);
        let before = parser.screen().clone();
        parser.process(&raw.as_bytes()[start..end]);
        let after = parser.screen();
        assert_eq!(after.contents_formatted(), before.contents_formatted());
        assert_eq!(after.cursor_position(), before.cursor_position());
        assert_eq!(after.hide_cursor(), before.hide_cursor());
        writes += 1;
        shown += usize::from(!before.hide_cursor());
        at = end;
    }
    (writes, shown)
}

#[test]
fn web_links_are_written_as_osc_8_hyperlinks_unless_configured_off() {
    let (screen, raw) = run("");
    let start = raw.find(OPEN).expect("an OSC 8 hyperlink");
    let after = strip_csi(&raw[start + OPEN.len()..]);
    assert!(
        after.starts_with(&format!("the report{CLOSE}")),
        "{:?}",
        &after[..after.len().min(80)]
    );
    for (i, _) in raw.match_indices("\u{1b}]8;") {
        assert!(raw[i..].starts_with(OPEN) || raw[i..].starts_with(CLOSE));
    }
    let contents = screen.contents();
    assert_eq!(contents.matches("the report").count(), 1, "{contents}");
    let row = contents
        .lines()
        .position(|l| l.contains("Read the report today."))
        .unwrap();
    let line = contents.lines().nth(row).unwrap();
    let col = line[..line.find("the report").unwrap()].chars().count() as u16;
    assert!(
        screen
            .cell(row as u16, col)
            .is_some_and(vt100::Cell::underline),
        "the link keeps its underline"
    );
    let (writes, shown) = replay(&raw);
    assert!(writes >= 3, "{writes} hyperlink writes");
    assert!(
        shown >= 1,
        "the prompt's cursor was never shown during a write"
    );

    let (plain, raw) = run("hyperlinks = \"never\"\n");
    assert!(!raw.contains("\u{1b}]8;"), "hyperlinks = \"never\"");
    assert_eq!(replay(&raw), (0, 0));
    assert_eq!(plain.contents(), screen.contents());
}
