//! Time to first frame: starts the release binary in a pseudo-terminal and measures process
//! start → the first complete frame (the status bar drawn), and the peak memory (`VmHWM`) just
//! before quitting. With `--finder`, it then opens the finder and also waits until the whole
//! index (key facts included) is ready, reporting that time and the peak memory after it.
//! `cargo run --release --example first-frame -- [RUNS] [--finder] [-- ARGS…]`.
//! `FIRST_FRAME_BIN=less FIRST_FRAME_EXPECT=TEXT` times another pager the same way: until
//! `TEXT` appears (it is quit with `q`).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
    if !args.is_empty() && args[0].parse::<usize>().is_ok() {
        args.remove(0);
    }
    let finder = args.first().is_some_and(|a| a == "--finder");
    if finder {
        args.remove(0);
    }
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    let other = std::env::var("FIRST_FRAME_BIN").ok();
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("dossier");
    let bin = other.map_or(bin, std::path::PathBuf::from);
    let home = tempfile::tempdir().unwrap();
    let mut times = Vec::new();
    let mut ready = Vec::new();
    let mut peak_kb = 0u64;
    for _ in 0..runs {
        let (elapsed, index, kb) = one(&bin, &args, home.path(), finder);
        times.push(elapsed);
        ready.extend(index);
        peak_kb = peak_kb.max(kb);
    }
    ready.sort();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "first frame over {runs} runs: median {:.1} ms, min {:.1} ms, max {:.1} ms; peak RSS {:.1} MB",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1]),
        peak_kb as f64 / 1024.0
    );
    if let Some(median) = ready.get(ready.len() / 2) {
        println!(
            "finder index complete (key facts included) after: median {:.0} ms",
            ms(*median)
        );
    }
}

fn one(
    bin: &std::path::Path,
    args: &[String],
    home: &std::path::Path,
    finder: bool,
) -> (Duration, Option<Duration>, u64) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env("DOSSIER_DATA_DIR", home.join("data"));
    cmd.env("DOSSIER_CONFIG_DIR", home.join("config"));
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 65536];
    let elapsed = loop {
        let n = reader.read(&mut buf).unwrap();
        assert!(n > 0, "dossier exited before drawing");
        seen.extend_from_slice(&buf[..n]);
        // The status bar is drawn last in the first frame; its help hint marks a whole frame.
        let expect = std::env::var("FIRST_FRAME_EXPECT").unwrap_or_else(|_| "? help".into());
        if seen.windows(expect.len()).any(|w| w == expect.as_bytes()) {
            break start.elapsed();
        }
    };
    let mut index_ready = None;
    if finder {
        writer.write_all(b"/").unwrap();
        writer.flush().unwrap();
        let mut screen = vt100::Parser::new(
            std::num::NonZeroU16::new(50).unwrap(),
            std::num::NonZeroU16::new(200).unwrap(),
            0,
        );
        screen.process(&seen);
        // The finder's border says "indexing" until the index with key facts is in.
        loop {
            let n = reader.read(&mut buf).unwrap();
            assert!(n > 0, "dossier exited");
            screen.process(&buf[..n]);
            let text = screen.screen().contents();
            if text.contains(" matches ") && !text.contains("indexing") {
                index_ready = Some(start.elapsed());
                break;
            }
        }
    }
    let pid = child.process_id().unwrap();
    let kb = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0);
    // Ctrl-C quits dossier from anywhere, the finder included; other pagers get `q`.
    let quit: &[u8] = if std::env::var_os("FIRST_FRAME_BIN").is_some() {
        b"q"
    } else {
        b"\x03"
    };
    writer.write_all(quit).unwrap();
    writer.flush().unwrap();
    let drain = std::thread::spawn(move || while reader.read(&mut buf).is_ok_and(|n| n > 0) {});
    child.wait().unwrap();
    drop(writer);
    drop(pair.master);
    let _ = drain.join();
    (elapsed, index_ready, kb)
}
