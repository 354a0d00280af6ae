//! Shared helpers for integration tests: a pseudo-terminal driver and the binary's path.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The dossier binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dossier"))
}

/// The test fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs the dossier binary (no terminal) with fresh temporary data, config and cache folders.
pub fn dossier(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    dossier_in(home.path(), args)
}

/// Runs `dossier ARGS` with its data, config and cache dirs in `home` (`data`, `config`,
/// `cache`) and waits for it.
pub fn dossier_in(home: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .args(args)
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"))
        .output()
        .unwrap()
}

/// How long a PTY test waits for the screen to show what it expects before failing.
const PATIENCE: Duration = Duration::from_secs(20);

/// The real binary running in a pseudo-terminal, its screen parsed by vt100.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    reader: Option<std::thread::JoinHandle<()>>,
    home: Option<tempfile::TempDir>,
}

impl Pty {
    /// Starts `dossier ARGS` at `cols`×`rows` with its data and config in a fresh temp dir.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start_in(tempfile::tempdir().unwrap(), args, cols, rows, &[])
    }

    /// Starts `dossier ARGS` with `home` as its data and config dir and extra environment.
    pub fn start_in(
        home: tempfile::TempDir,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("DOSSIER_DATA_DIR", home.path().join("data"));
        cmd.env("DOSSIER_CONFIG_DIR", home.path().join("config"));
        cmd.env("DOSSIER_CACHE_DIR", home.path().join("cache"));
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            parser,
            raw,
            writer,
            child,
            master: pair.master,
            reader: Some(reader),
            home: Some(home),
        }
    }

    /// The folder holding the process's `data` and `config` dirs.
    pub fn home(&self) -> &Path {
        self.home.as_ref().unwrap().path()
    }

    /// Ends the test's hold on the process and keeps its folder for a restart.
    pub fn into_home(mut self) -> tempfile::TempDir {
        self.home.take().unwrap()
    }

    /// Types raw bytes (keys as the terminal sends them).
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Runs `check` on the parsed screen.
    pub fn with_screen<T>(&self, check: impl FnOnce(&vt100::Screen) -> T) -> T {
        check(self.parser.lock().unwrap().screen())
    }

    /// Waits until the screen satisfies `ready`; panics with the screen after [`PATIENCE`].
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::yield_now();
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen contains `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Resizes the terminal.
    /// The screen model is resized first, with the output reader held off, so a frame drawn
    /// for the new size is never parsed into the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(reader) = self.reader.take() {
                    let _ = reader.join();
                }
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "dossier did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the terminal was handed back: main screen, cursor shown, no mouse capture.
    pub fn restored(&self) -> bool {
        self.with_screen(|s| {
            !s.alternate_screen()
                && !s.hide_cursor()
                && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        })
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

/// The text of the last OSC 52 (copy to clipboard) sequence `pty`'s program wrote, decoded.
pub fn copied(pty: &Pty) -> String {
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    let start = raw.rfind("\u{1b}]52;c;").expect("an OSC 52 sequence");
    let payload = &raw[start + 7..];
    let payload = &payload[..payload.find('\u{7}').expect("the sequence's end")];
    decode_base64(payload)
}

/// Standard base64 (RFC 4648) → UTF-8 text.
pub fn decode_base64(text: &str) -> String {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.chars().filter(|c| *c != '=') {
        bits = bits << 6 | ALPHABET.find(c).unwrap() as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count & 0xff) as u8);
        }
    }
    String::from_utf8(out).unwrap()
}
