//! End-to-end: a bookmark with a note and the reading position survive a restart.

mod common;

use common::Pty;

#[test]
fn bookmark_with_note_and_position_survive_a_restart() {
    let mut pty = Pty::start(&[], 100, 30);
    pty.wait_text("Reconnaissance General Bureau");
    // Jump to "The ROK Government's Response" from the outline.
    pty.send("\tjjjj\r");
    pty.wait_for("the ROK section at the top", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("The ROK Government's Response"))
    });
    pty.send("m");
    pty.wait_text("Note for this bookmark");
    pty.send("ask the author about this\r");
    pty.wait_text("Bookmarked");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let home = pty.into_home();
    let saved = std::fs::read_to_string(home.path().join("data/bookmarks.json")).unwrap();
    assert!(saved.contains("ask the author about this"));

    // Start again: the reader opens where it was left.
    let mut pty = Pty::start_in(home, &[], 100, 30, &[]);
    let screen = pty.wait_for("the ROK section at the top, marked", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("The ROK Government's Response"))
            && s.lines().take(8).filter(|l| l.contains('◆')).count() >= 2
    });
    assert!(
        screen.contains('◆'),
        "bookmark marked in the margin and outline:\n{screen}"
    );
    pty.send("g");
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("'");
    let screen = pty.wait_for("the bookmarks list", |s| {
        s.contains("ask the author about this") && s.contains("The ROK Government's Response")
    });
    assert!(screen.contains("The ROK Government's Response"), "{screen}");
    pty.send("\r");
    pty.wait_for("the bookmark's place", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("The ROK Government's Response"))
    });
    // Ctrl-O goes back to where the jump started.
    pty.send("\x0f");
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_read_only_data_directory_keeps_the_reader_working() {
    let home = tempfile::tempdir().unwrap();
    // A regular file where the data directory should be: no user, root included, can save there.
    std::fs::write(home.path().join("data"), "not a directory").unwrap();
    let mut pty = Pty::start_in(home, &[], 100, 30, &[]);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("m\r");
    pty.wait_text("bookmarks cannot be saved");
    pty.send("'");
    pty.wait_text("Bookmarks — Enter jump");
    let screen = pty.screen();
    assert!(
        screen.contains("Introduction") || screen.contains("North Korea"),
        "kept in memory:\n{screen}"
    );
    pty.send("\x1b");
    pty.wait_for("the list to close", |s| {
        !s.contains("Bookmarks — Enter jump")
    });
    pty.send("q");
    pty.wait_exit();
    assert_eq!(
        std::fs::read_to_string(pty.home().join("data")).unwrap(),
        "not a directory"
    );
}
