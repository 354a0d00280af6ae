//! End-to-end: the real binary in a pseudo-terminal, driven by keys like a person would.

mod common;

use common::Pty;

#[test]
fn outline_jump_help_and_quit_restore_the_terminal() {
    let mut pty = Pty::start(&[], 100, 30);
    // A frame may arrive in pieces: wait for everything checked below at once.
    let screen = pty.wait_for("the first screen", |s| {
        s.contains("Reconnaissance General Bureau")
            && s.contains("DPRK’s Illicit Cyber")
            && s.lines().last().is_some_and(|l| l.contains("? help"))
    });
    assert!(screen.contains("Introduction"), "{screen}");
    assert!(
        screen.contains("DPRK’s Illicit Cyber"),
        "both papers are in the outline:\n{screen}"
    );
    assert!(
        screen.contains("North Korea’s illicit cyber activities and attacks"),
        "{screen}"
    );
    assert!(pty.with_screen(vt100::Screen::alternate_screen));

    // Focus the outline, walk down to the fourth section and open it.
    pty.send("\t");
    pty.send("jjjj");
    pty.send("\r");
    let screen = pty.wait_for("the ROK section at the top of the reader", |s| {
        s.lines()
            .next()
            .is_some_and(|first| first.contains("The ROK Government's Response"))
            && s.lines()
                .nth(1)
                .is_some_and(|l| l.contains("No text in this section."))
            && s.lines()
                .last()
                .is_some_and(|l| l.contains("› The ROK Government's Response"))
    });
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap()
            .contains("No text in this section."),
        "{screen}"
    );
    let status = screen.lines().last().unwrap().to_owned();
    assert!(
        status.contains("The ROK Government's Response"),
        "status bar shows the section: {status}"
    );

    // Help lists the keys; Esc closes it.
    pty.send("?");
    let screen = pty.wait_for("the help overlay", |s| {
        s.contains("Keys — Esc closes")
            && s.contains("next section")
            && s.contains("show or hide the outline")
    });
    assert!(
        screen.contains("next section") && screen.contains("show or hide the outline"),
        "{screen}"
    );
    pty.send("\x1b");
    pty.wait_for("help to close", |s| !s.contains("Keys — Esc closes"));

    // The second paper opens from the outline, then q quits and hands the terminal back.
    pty.send("\tG\r");
    pty.wait_text("Anne Neuberger");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored(), "terminal restored after q");
}

#[test]
fn sigterm_and_ctrl_c_restore_the_terminal() {
    let mut pty = Pty::start(&[], 80, 24);
    pty.wait_text("Introduction");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    pty.wait_exit();
    assert!(pty.restored(), "terminal restored after SIGTERM");

    let mut pty = Pty::start(&[], 80, 24);
    pty.wait_text("Introduction");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored(), "terminal restored after Ctrl-C");
}

#[test]
fn a_tiny_terminal_and_resizes_never_crash() {
    let mut pty = Pty::start(&[], 80, 24);
    pty.wait_text("Introduction");
    for (cols, rows) in [
        (1, 1),
        (5, 2),
        (19, 3),
        (20, 4),
        (200, 60),
        (30, 10),
        (80, 24),
    ] {
        pty.resize(cols, rows);
        pty.send("j");
    }
    pty.wait_text("Introduction");
    // Shrunk and restored before dossier could draw in between: the size ends where it was,
    // but the terminal lost its contents, so the frame must be repainted in full.
    pty.resize(1, 1);
    pty.resize(80, 24);
    pty.wait_text("Introduction");
    pty.resize(10, 2);
    pty.wait_text("Terminal");
    pty.resize(80, 24);
    pty.wait_for("a redraw at 80x24", |s| {
        s.lines().nth(23).is_some_and(|l| l.contains("? help"))
    });
    pty.send("G");
    pty.wait_text("100%");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
