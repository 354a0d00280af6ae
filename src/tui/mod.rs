//! The terminal user interface: the only module that knows about a terminal.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod bookmarks_view;
pub mod clipboard;
pub mod config;
pub mod copy;
pub mod draw;
pub mod finder;
pub mod finder_view;
pub mod highlight;
pub mod hyperlink;
pub mod input;
pub mod keymap;
pub mod links;
pub mod loading;
pub mod outline;
pub mod pages;
pub mod panel;
pub mod panel_view;
pub mod reader;
pub mod status;
pub mod terminal;
pub mod theme;

use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use std::sync::mpsc::RecvTimeoutError;

use hyperlink::Written;
use ratatui::crossterm::event::Event;

pub use app::App;

use crate::library::Library;
use crate::loading::Loader;

/// Where the reader keeps its files and what it was configured with.
#[derive(Debug, Default)]
pub struct Setup {
    /// Bookmarks and positions live here; `None` turns bookmarks off.
    pub data_dir: Option<std::path::PathBuf>,
    /// Settings from `config.toml`.
    pub config: config::Config,
    /// What was wrong with `config.toml`, shown in the status bar (defaults are used).
    pub config_error: Option<config::ConfigError>,
    /// Where to open (`dossier open`) instead of the last place read.
    pub start: Option<crate::locator::Target>,
}

impl App {
    /// Applies settings: theme, keys, reading width, open panels, mouse.
    pub fn configure(&mut self, config: &config::Config) {
        self.theme = theme::Theme::with_env(config.theme);
        self.keymap = config.keymap();
        self.reading_width = config.reading_width;
        self.show_outline = config.outline;
        self.panel.start(config.panel);
        self.mouse = config.mouse;
        self.set_citation_style(&config.citation_style);
    }
}

/// How the reader ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The user quit (or a termination signal came).
    Quit,
    /// No paper could be opened (every file failed to convert before the first frame): the
    /// reasons, one line each, for the caller to print.
    NothingOpened(Vec<String>),
}

/// How long the first frame waits for the paper it shows to convert, so that a small PDF opens
/// at once rather than after a glimpse of its stand-in.
const FIRST_FRAME_GRACE: Duration = Duration::from_millis(300);

/// Runs the reader until the user quits or a termination signal arrives, taking in the papers
/// `loader` converts in the background as they come.
pub fn run(library: Library, loader: Option<Loader>, setup: &Setup) -> anyhow::Result<Ended> {
    let mut app = App::new(library);
    app.configure(&setup.config);
    if let Some(dir) = &setup.data_dir {
        let (store, warnings) = crate::store::Store::open(dir);
        app.attach_store(store, &warnings);
    } else {
        app.status = Some((
            "No data directory: bookmarks are off (set DOSSIER_DATA_DIR)".into(),
            app::Tone::Warning,
        ));
    }
    if let Some(t) = setup.start {
        let place = reader::Place {
            block: t.block,
            offset: t.offset,
        };
        app.reader.jump(&app.library, t.paper, place);
        app.follow_reader();
    }
    app.reindex_bookmarks();
    if let Some(loader) = loader {
        app.start_loading(loader);
        app.wait_for_shown(FIRST_FRAME_GRACE);
        let opened = (0..app.library.papers.len()).any(|p| app.library.is_ready(p));
        if !opened && app.library.converting() == 0 {
            let mut problems: Vec<String> = app
                .library
                .problems
                .iter()
                .map(ToString::to_string)
                .collect();
            problems.extend(app.library.unready.values().filter_map(|u| match u {
                crate::library::Unready::Failed(why) => Some(why.clone()),
                crate::library::Unready::Converting => None,
            }));
            return Ok(Ended::NothingOpened(problems));
        }
    }
    app.search.build_in_background(&app.library);
    if let Some(error) = &setup.config_error {
        app.status = Some((format!("{error} (using defaults)"), app::Tone::Warning));
    }
    let stop = terminal::termination_flag().context("cannot install signal handlers")?;
    let (mut term, guard) = terminal::setup(app.mouse).context("cannot set up the terminal")?;
    let input = terminal::spawn_input_thread().context("cannot start reading input")?;
    let hyperlinks = setup
        .config
        .hyperlinks
        .enabled(std::env::var("TERM").ok().as_deref());
    let result = (|| -> anyhow::Result<()> {
        // After a resize the terminal's contents are whatever it kept (often nothing), even
        // when the size ends up where it was (a window shrunk and restored quickly): the next
        // frame is drawn in full rather than as a diff against what was drawn before.
        let mut repaint = false;
        let mut written = Written::default();
        loop {
            app.poll_loading();
            app.poll_search();
            let size = term.size().context("cannot read the terminal size")?;
            app.resize(size.width, size.height);
            if std::mem::take(&mut repaint) {
                // `resize` clears and resets the back buffer without asking the terminal
                // where its cursor is (`clear` does, and not every terminal answers).
                let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                term.resize(area).context("cannot draw")?;
                written.clear();
            }
            terminal::draw(
                &mut term,
                |frame| draw::draw_linked(&app, frame),
                hyperlinks,
                &mut written,
            )
            .context("cannot draw")?;
            app.tick(std::time::Instant::now());
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            let wait = if app.busy() {
                Duration::from_millis(10)
            } else if app.loading() {
                // Progress and arrivals are drawn within a tenth of a second.
                Duration::from_millis(100)
            } else {
                Duration::from_millis(250)
            };
            let first = match input.recv_timeout(wait) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => anyhow::bail!("the terminal closed"),
            };
            // Handle everything already queued (a resize storm, fast typing) before drawing again.
            for event in std::iter::once(first).chain(input.try_iter()) {
                let effect = match event.context("cannot read input")? {
                    Event::Key(key) => app.key(key),
                    Event::Mouse(mouse) => {
                        app.mouse(mouse);
                        None
                    }
                    Event::Resize(width, height) => {
                        app.resize(width, height);
                        repaint = true;
                        None
                    }
                    _ => None,
                };
                match effect {
                    Some(app::Effect::Quit) => return Ok(()),
                    Some(app::Effect::Mouse(on)) => {
                        terminal::set_mouse(on).context("cannot change mouse capture")?
                    }
                    Some(app::Effect::Emit(sequence)) => {
                        terminal::emit(&sequence).context("cannot write to the terminal")?
                    }
                    None => {}
                }
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
            }
        }
    })();
    app.shutdown();
    drop(guard);
    if let Some((message, app::Tone::Warning)) = &app.status
        && message.contains("cannot be saved")
    {
        eprintln!("dossier: {message}");
    }
    result.map(|()| Ended::Quit)
}
