//! Terminal setup and restoration on every exit path: normal, error, panic, SIGINT/SIGTERM/SIGHUP.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::hyperlink::{self, Hyperlink, Written};

/// The terminal dossier draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard {
    _private: (),
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode and the alternate screen, with mouse capture when `mouse` is set, and
/// installs a panic hook that restores the terminal before the panic message is printed.
pub fn setup(mouse: bool) -> io::Result<(Term, Guard)> {
    install_panic_hook();
    enable_raw_mode()?;
    let guard = Guard { _private: () };
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, Hide)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok((terminal, guard))
}

/// Draws a frame with `render`, then, when `hyperlinks` is set, writes the web links it returns
/// over it as OSC 8 hyperlinks (see [`super::hyperlink`]), unless they are exactly those
/// already written (`written`; clear it when the screen is repainted in full).
pub fn draw(
    term: &mut Term,
    render: impl FnOnce(&mut ratatui::Frame) -> Vec<Hyperlink>,
    hyperlinks: bool,
    written: &mut Written,
) -> io::Result<()> {
    let mut links = Vec::new();
    let frame = term.draw(|frame| links = render(frame))?;
    if !hyperlinks {
        return Ok(());
    }
    let reprints = hyperlink::reprints(frame.buffer, &links);
    if written.unchanged(&reprints) {
        return Ok(());
    }
    hyperlink::write(term.backend_mut(), &reprints)
}

/// Turns mouse capture on or off.
pub fn set_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

/// Writes an escape sequence dossier built itself (never document text) to the terminal.
pub fn emit(sequence: &str) -> io::Result<()> {
    let mut stdout = io::stdout();
    stdout.write_all(sequence.as_bytes())?;
    stdout.flush()
}

/// Leaves the alternate screen, shows the cursor and ends raw mode. Safe to call twice.
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A converter's panic is caught and reported as a damaged file; the reader goes on.
        if crate::import::is_converting() {
            return;
        }
        restore();
        previous(info);
    }));
}

/// Reads terminal events on a thread of their own, so the run loop can wait on a channel
/// with a timeout and notice signals and a vanished terminal even when reading is stuck (a
/// closed terminal makes crossterm's reader retry forever; the process exits around it).
pub fn spawn_input_thread()
-> io::Result<std::sync::mpsc::Receiver<io::Result<ratatui::crossterm::event::Event>>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("dossier-input".into())
        .spawn(move || {
            // A passing read error (a signal in the middle of a resize storm) is retried; only
            // errors that keep coming end the reader and, through the channel, the reader loop.
            let mut errors = 0;
            loop {
                match ratatui::crossterm::event::read() {
                    Ok(event) => {
                        errors = 0;
                        if tx.send(Ok(event)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        if errors >= 100 {
                            let _ = tx.send(Err(e));
                            break;
                        }
                        std::thread::yield_now();
                    }
                }
            }
        })?;
    Ok(rx)
}

/// A flag raised by SIGINT, SIGTERM or SIGHUP, so the run loop can exit cleanly.
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}
