//! The terminal user interface: the only module that knows about a terminal.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod bookmarks_view;
pub mod draw;
pub mod input;
pub mod keymap;
pub mod outline;
pub mod panel;
pub mod panel_view;
pub mod reader;
pub mod terminal;
pub mod theme;

use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event};

pub use app::App;

use crate::library::Library;

/// Runs the reader until the user quits or a termination signal arrives.
pub fn run(library: Library, data_dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let mut app = App::new(library);
    if let Some(dir) = data_dir {
        let (store, warnings) = crate::store::Store::open(dir);
        app.attach_store(store, &warnings);
    } else {
        app.status = Some((
            "No data directory: bookmarks are off (set DOSSIER_DATA_DIR)".into(),
            app::Tone::Warning,
        ));
    }
    let stop = terminal::termination_flag().context("cannot install signal handlers")?;
    let (mut term, guard) = terminal::setup(true).context("cannot set up the terminal")?;
    let result = (|| -> anyhow::Result<()> {
        loop {
            let size = term.size().context("cannot read the terminal size")?;
            app.resize(size.width, size.height);
            term.draw(|frame| draw::draw(&app, frame))
                .context("cannot draw")?;
            app.tick(std::time::Instant::now());
            if !event::poll(Duration::from_millis(250)).context("cannot read input")? {
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                continue;
            }
            // Handle everything already queued (a resize storm, fast typing) before drawing again.
            loop {
                let quit = match event::read().context("cannot read input")? {
                    Event::Key(key) => app.key(key).is_some(),
                    Event::Mouse(mouse) => {
                        app.mouse(mouse);
                        false
                    }
                    Event::Resize(width, height) => {
                        app.resize(width, height);
                        false
                    }
                    _ => false,
                };
                if quit || stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                if !event::poll(Duration::ZERO).context("cannot read input")? {
                    break;
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
    result
}
