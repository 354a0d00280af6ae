//! End-to-end: a highlight is selected from a finder hit, extended, saved with a note, and after
//! a restart it is still underlined (with `NO_COLOR`) and listed with its kind.

mod common;

use common::Pty;

/// Whether the screen shows `text` on one row with every cell of it underlined.
fn underlined(pty: &Pty, text: &str) -> bool {
    pty.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        (0..rows).any(|row| {
            let line: String = (0..cols)
                .map(|c| {
                    screen.cell(row, c).map_or(" ".to_owned(), |cell| {
                        let s = cell.contents();
                        if s.is_empty() {
                            " ".to_owned()
                        } else {
                            s.to_owned()
                        }
                    })
                })
                .collect();
            line.find(text).is_some_and(|byte| {
                let start = line[..byte].chars().count() as u16;
                (start..start + text.chars().count() as u16)
                    .all(|c| screen.cell(row, c).is_some_and(vt100::Cell::underline))
            })
        })
    })
}

#[test]
fn a_highlight_with_a_note_is_drawn_and_listed_after_a_restart() {
    let env = [("NO_COLOR", "1")];
    let mut pty = Pty::start_in(tempfile::tempdir().unwrap(), &[], 110, 32, &env);
    pty.wait_text("Reconnaissance General Bureau");
    // Find a sentence, then Ctrl-V starts a highlight at the hit.
    pty.send("/");
    pty.wait_text("Find —");
    pty.send("'As state actors");
    pty.wait_for("the sentence among the results", |s| {
        s.contains("/ 'As state actors") && (s.contains(" match ") || s.contains(" matches "))
    });
    pty.send("\x16");
    pty.wait_text("Highlight:");
    // `)` adds the next sentence, Enter asks for the note.
    pty.send(")");
    pty.send("\r");
    pty.wait_text("Note for this highlight");
    pty.send("models for other attackers\r");
    pty.wait_text("Highlighted");
    assert!(underlined(&pty, "criminal syndicates"), "{}", pty.screen());
    assert!(
        underlined(&pty, "do not mean one-shot"),
        "the second sentence too:\n{}",
        pty.screen()
    );
    assert!(
        !underlined(&pty, "It is more accurate"),
        "not the third:\n{}",
        pty.screen()
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let home = pty.into_home();
    let saved = std::fs::read_to_string(home.path().join("data/bookmarks.json")).unwrap();
    assert!(saved.contains("\"kind\": \"highlight\""), "{saved}");
    assert!(saved.contains("do not mean one-shot attacks."), "{saved}");

    let mut pty = Pty::start_in(home, &[], 110, 32, &env);
    pty.wait_text("criminal syndicates");
    assert!(underlined(&pty, "criminal syndicates"), "{}", pty.screen());
    pty.send("'");
    let screen = pty.wait_text("models for other attackers");
    assert!(screen.contains("highlight"), "kind column:\n{screen}");
    pty.send("\x1b");
    pty.wait_for("the list to close", |s| {
        !s.contains("Bookmarks — Enter jump")
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
