//! End-to-end: `/`, `appljs`, Enter shows the AppleJeus sentence with the match highlighted,
//! and `n` moves to the next hit.

mod common;

use common::Pty;

fn highlighted_row(pty: &Pty, needle: &str) -> Option<u16> {
    pty.with_screen(|s| {
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        (0..rows).find(|&row| {
            let cells: Vec<&vt100::Cell> = (0..cols).filter_map(|c| s.cell(row, c)).collect();
            let line: String = cells
                .iter()
                .map(|c| {
                    if c.contents().is_empty() {
                        " "
                    } else {
                        c.contents()
                    }
                })
                .collect();
            line.find(needle).is_some_and(|byte| {
                let col = line[..byte].chars().count();
                cells[col..col + needle.chars().count()]
                    .iter()
                    .any(|c| c.bgcolor() != vt100::Color::Default || c.inverse())
            })
        })
    })
}

#[test]
fn find_jump_highlight_and_next() {
    let mut pty = Pty::start(&[], 120, 36);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("/");
    pty.wait_text("Find —");
    pty.send("appljs");
    // Wait for the results of the whole query (the border says "N matches" once they are in).
    pty.wait_for("AppleJeus among the results", |s| {
        s.contains("“AppleJeus”") && s.contains("/ appljs") && s.contains(" matches ")
    });
    pty.send("\r");
    pty.wait_for("the reader at the AppleJeus sentence", |s| {
        !s.contains("Find —")
            && s.contains("“AppleJeus”")
            && s.lines().last().is_some_and(|l| l.contains("Match"))
    });
    pty.wait_for("the match highlighted", |_| {
        highlighted_row(&pty, "AppleJeus").is_some()
    });
    pty.send("n");
    let after = pty.wait_for("the next match, wrapping", |s| {
        s.lines().last().is_some_and(|l| l.contains("Wrapped"))
    });
    let status = after.lines().last().unwrap();
    assert!(status.contains("Match 1 of"), "{status}");
    pty.send("\x1b");
    pty.wait_for("the status cleared", |s| {
        !s.lines().last().unwrap_or("").contains("Match")
    });
    assert!(
        highlighted_row(&pty, "AppleJeus").is_none(),
        "Esc clears the highlights"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn esc_in_the_finder_returns_to_where_you_were() {
    let mut pty = Pty::start(&[], 120, 36);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("/");
    pty.send("neuberger");
    pty.wait_for("a result", |s| {
        s.contains("Anne Neuberger") && s.contains("/ neuberger")
    });
    pty.send("\x1b");
    // The whole frame, not one half-parsed: the finder gone and the place read before back.
    let screen = pty.wait_for("back where we were", |s| {
        !s.contains("Find —") && s.contains("Reconnaissance General Bureau")
    });
    assert!(
        !screen.contains("neuberger"),
        "the query line is gone:\n{screen}"
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
