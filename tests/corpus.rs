//! Real-world Markdown opens in the reader: the CommonMark spec and 191 MITRE ATT&CK notes.

mod common;

use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;
use dossier::tui::outline::Node;

fn visit_every_paper(library: Library, expect_papers: usize) {
    let mut app = App::new(library);
    assert_eq!(app.library.papers.len(), expect_papers);
    assert!(
        app.library.problems.is_empty(),
        "{:?}",
        app.library.problems
    );
    for (w, h) in [(120, 40), (45, 12)] {
        app.resize(w, h);
        for paper in 0..app.library.papers.len() {
            app.reader.open(&app.library, paper);
            app.update(Action::Bottom);
            assert_eq!(
                app.reader.percent(),
                100,
                "G reaches the end of {}",
                app.library.papers[paper].meta.title
            );
            let last = app.reader.layout().lines.len() - 1;
            assert!(app.reader.top + usize::from(app.reader.height) > last);
            app.update(Action::Top);
            assert_eq!(app.reader.top, 0);
        }
    }
}

#[test]
fn the_commonmark_spec_opens_and_scrolls_to_the_end() {
    let spec = common::fixtures().join("commonmark-spec/spec.txt");
    let library = Library::open(&[spec]);
    let paper = &library.papers[0];
    assert_eq!(paper.meta.title, "CommonMark Spec");
    assert!(
        paper.sections.len() > 40,
        "{} sections",
        paper.sections.len()
    );
    assert!(
        paper
            .sections
            .iter()
            .any(|s| s.title == "Tabs" && s.parent.is_some())
    );
    visit_every_paper(library, 1);
}

#[test]
fn the_mitre_notes_open_as_one_library() {
    let library = Library::open(&[common::fixtures().join("mitre-attack-notes")]);
    let lazarus = library
        .papers
        .iter()
        .position(|p| p.meta.title == "Lazarus Group")
        .unwrap();
    let mut app = App::new(Library::open(&[
        common::fixtures().join("mitre-attack-notes")
    ]));
    app.resize(120, 40);
    app.outline.select(&app.library, Node::Paper(lazarus));
    app.update(Action::FocusNext);
    app.update(Action::Select);
    assert_eq!(app.reader.paper, lazarus);
    visit_every_paper(library, 191);
}
