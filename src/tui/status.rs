//! The status bar's right-hand side: segments (the main keys, the page, the reading position)
//! each with a priority, fitted to the room the bar has by dropping the least important first.
//! The left side (where the reader is, or a message) is drawn by `draw`.

use super::action::Action;
use super::app::App;
use crate::layout::str_width;

/// Columns between two segments.
pub const GAP: usize = 2;

/// One piece of the status bar, e.g. `/ find` or `42%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// A key name shown in bold before the text, if any.
    pub key: Option<String>,
    /// What the segment says.
    pub text: String,
    /// Lower is more important: segments with the highest number are dropped first.
    pub priority: u8,
}

impl Segment {
    /// Its width in columns, the key and its space included.
    pub fn width(&self) -> usize {
        self.key.as_ref().map_or(0, |k| str_width(k) + 1) + str_width(&self.text)
    }
}

/// The keys the status bar names, in the order shown, with their priority and what they do:
/// help first to keep, then find, the panel, bookmarking and the bookmarks list.
const HINTS: [(Action, &str, u8); 5] = [
    (Action::Find, "find", 2),
    (Action::TogglePanel, "facts", 3),
    (Action::Bookmark, "mark", 4),
    (Action::Bookmarks, "marks", 5),
    (Action::Help, "help", 1),
];

/// The segments the status bar would show with room for all: the main keys as the keymap
/// binds them (an action without a key is left out), then the position in the paper.
pub fn segments(app: &App) -> Vec<Segment> {
    let mut out: Vec<Segment> = HINTS
        .iter()
        .filter_map(|&(action, text, priority)| {
            let key = app.keymap.keys_for(action).into_iter().next()?;
            Some(Segment {
                key: Some(key),
                text: text.to_owned(),
                priority,
            })
        })
        .collect();
    if let Some(converting) = app.converting_segment() {
        out.push(Segment {
            key: None,
            text: converting,
            priority: 0,
        });
    }
    if let Some(page) = super::pages::status_segment(app) {
        out.push(Segment {
            key: None,
            text: page,
            priority: 0,
        });
    }
    if app.library.is_ready(app.reader.paper) {
        out.push(Segment {
            key: None,
            text: format!("{}%", app.reader.percent()),
            priority: 0,
        });
    }
    out
}

/// Columns `segments` take, each after a gap.
pub fn width(segments: &[&Segment]) -> usize {
    segments.iter().map(|s| s.width() + GAP).sum()
}

/// The segments that fit in `room` columns, in their order: the least important are dropped
/// first (among equals, the rightmost).
pub fn fit(segments: &[Segment], room: usize) -> Vec<&Segment> {
    let mut kept: Vec<&Segment> = segments.iter().collect();
    while width(&kept) > room {
        let Some((worst, _)) = kept
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (s.priority, *i))
        else {
            break;
        };
        kept.remove(worst);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(kept: &[&Segment]) -> String {
        kept.iter()
            .map(|s| match &s.key {
                Some(k) => format!("{k} {}", s.text),
                None => s.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("  ")
    }

    fn app() -> App {
        let mut app = App::new(crate::library::Library::shipped());
        app.resize(100, 30);
        app
    }

    #[test]
    fn all_fit_in_a_wide_bar() {
        let segments = segments(&app());
        let kept = fit(&segments, 200);
        assert_eq!(shown(&kept), "/ find  p facts  m mark  ' marks  ? help  0%");
        assert_eq!(width(&kept), shown(&kept).chars().count() + GAP);
    }

    #[test]
    fn the_least_important_go_first() {
        let segments = segments(&app());
        let steps: Vec<String> = [46, 45, 36, 28, 19, 11, 4, 3]
            .into_iter()
            .map(|room| shown(&fit(&segments, room)))
            .collect();
        assert_eq!(
            steps,
            [
                "/ find  p facts  m mark  ' marks  ? help  0%",
                "/ find  p facts  m mark  ? help  0%",
                "/ find  p facts  ? help  0%",
                "/ find  ? help  0%",
                "? help  0%",
                "0%",
                "0%",
                "",
            ]
        );
    }

    #[test]
    fn keys_come_from_the_keymap() {
        let mut app = app();
        app.keymap.unbind_action(Action::Find);
        app.keymap.unbind_action(Action::Bookmarks);
        app.keymap.bind(
            super::super::keymap::Key::parse("s").unwrap(),
            Action::Bookmarks,
        );
        let segments = segments(&app);
        assert_eq!(
            shown(&fit(&segments, 200)),
            "p facts  m mark  s marks  ? help  0%"
        );
    }
}
