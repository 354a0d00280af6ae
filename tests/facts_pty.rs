//! End-to-end: the facts panel, a jump to a fact, its figures highlighted in the reader.

mod common;

use common::Pty;

/// Whether the text `needle` is on screen with a highlighted (yellow or reversed) background.
fn highlighted(pty: &Pty, needle: &str) -> bool {
    pty.with_screen(|s| {
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        for row in 0..rows {
            let line: String = (0..cols)
                .map(|c| {
                    s.cell(row, c)
                        .map(vt100::Cell::contents)
                        .filter(|t| !t.is_empty())
                        .unwrap_or(" ")
                        .to_owned()
                })
                .collect();
            if let Some(byte) = line.find(needle) {
                let col = line[..byte].chars().count() as u16;
                let cell = s.cell(row, col).unwrap();
                return cell.bgcolor() == vt100::Color::Idx(3) || cell.inverse();
            }
        }
        false
    })
}

#[test]
fn the_panel_lists_facts_and_enter_shows_the_sentence_highlighted() {
    let mut pty = Pty::start(&[], 140, 40);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("p");
    let screen = pty.wait_for("the facts panel", |s| {
        s.contains("1 Facts") && s.contains("April 24, 2023")
    });
    assert!(screen.contains("April 24, 2023"), "{screen}");
    // The second paper's facts: open it from the outline, then pick the AppleJeus fact.
    pty.send("\t");
    pty.send("G\r");
    pty.wait_text("Anne Neuberger");
    pty.send("1");
    pty.wait_text("$316.4 million");
    let screen = pty.screen();
    let facts_before: Vec<&str> = screen.lines().filter(|l| l.contains("money ·")).collect();
    assert!(!facts_before.is_empty(), "{screen}");
    // `dossier facts` lists the same facts in the same order: find the AppleJeus one.
    let out = std::process::Command::new(common::bin())
        .args(["facts", "--json"])
        .output()
        .unwrap();
    let facts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let of_2022: Vec<&serde_json::Value> = facts
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["paper"] == "ifans-2022-dprk-illicit-cyber-activities")
        .collect();
    let index = of_2022
        .iter()
        .position(|f| f["text"].as_str().unwrap().contains("AppleJeus"))
        .unwrap();
    pty.send(&"j".repeat(index));
    pty.wait_for("the AppleJeus fact selected", |_| {
        highlighted(&pty, "money · slightly more than $400")
    });
    pty.send("\r");
    let screen = pty.wait_for("the AppleJeus sentence in the reader", |s| {
        s.lines()
            .take(3)
            .any(|l| l.contains("Cryptocurrency theft"))
            && s.contains("$316.4 million")
            && s.lines().last().is_some_and(|l| l.contains("? help"))
    });
    assert!(screen.contains("$316.4 million"), "{screen}");
    pty.wait_for("the figure highlighted", |_| highlighted(&pty, "$316.4"));
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn timeline_and_glossary_tabs() {
    let mut pty = Pty::start(&[], 140, 40);
    pty.wait_text("Reconnaissance General Bureau");
    pty.send("2");
    let screen = pty.wait_text("1990s  North Korea");
    assert!(!screen.contains("24 Apr 2023"), "oldest first:\n{screen}");
    pty.send("G");
    pty.wait_text("24 Apr 2023");
    pty.send("3");
    let screen = pty.wait_for("the glossary", |s| {
        s.contains("Reconnaissance General Bureau") && s.contains("built in") && s.contains("CDP")
    });
    assert!(
        screen.contains("Cyberspace and Digital Policy") || screen.contains("CDP"),
        "{screen}"
    );
    assert!(screen.contains("built in"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
