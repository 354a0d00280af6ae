//! A saved web page in the real reader (a pseudo-terminal): its title and byline in the header,
//! its headings in the outline, `/` finding a sentence of the article, and `y` copying the
//! paragraph with a citation of the page's canonical URL.

mod common;

use common::{Pty, copied, fixtures};

#[test]
fn a_saved_page_reads_finds_and_is_cited_by_its_canonical_url() {
    // A Medium article saved as one file; the page names its address only in `og:url`.
    let page = fixtures().join("html/lazy-image-1/source.html");
    let mut pty = Pty::start(&[page.to_str().unwrap()], 120, 40);
    let screen = pty.wait_text("Why CPU monitoring is important?");
    // The header: title, site and date, byline.
    assert!(
        screen.contains("Node.js and CPU profiling on production (in real-time without downtime)"),
        "{screen}"
    );
    assert!(
        screen.contains("Voodoo Engineering · 2019-10-18"),
        "{screen}"
    );
    assert!(screen.contains("Vincent Vallet"), "{screen}");
    // The outline pane lists the article's headings (and none of Medium's chrome).
    let outline: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split('│').next())
        .map(str::trim)
        .collect();
    for heading in [
        "Resources",
        "ClinicJs",
        "Inspector",
        "Warnings",
        "Conclusion",
    ] {
        assert!(outline.contains(&heading), "{heading}: {outline:#?}");
    }
    assert!(!screen.contains("Sign in"), "{screen}");

    // `/` finds a sentence of the article; Enter jumps to it.
    pty.send("/");
    pty.wait_text("Find —");
    pty.send("mandatory for an application");
    pty.wait_for("the sentence among the results", |s| {
        s.contains("/ mandatory for an application") && s.contains(" matches ")
    });
    pty.send("\r");
    pty.wait_for("the reader at the sentence", |s| {
        !s.contains("Find —") && s.lines().last().is_some_and(|l| l.contains("Match 1 of"))
    });

    // `y` copies the paragraph with its citation: the author, the title and the page's own
    // address, not the file it was saved as.
    pty.send("y");
    pty.wait_text("Copied");
    let text = copied(&pty);
    assert!(
        text.starts_with("“What kind of resources does your application need?"),
        "{text}"
    );
    assert!(
        text.contains("mandatory for an application running on production.”"),
        "{text}"
    );
    assert!(text.contains("Vallet"), "{text}");
    assert!(
        text.contains("https://medium.com/voodoo-engineering/node-js-and-cpu-profiling-on-production-in-real-time-without-downtime-d6e62af173e2"),
        "{text}"
    );
    assert!(!text.contains("source.html"), "{text}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored());
}
