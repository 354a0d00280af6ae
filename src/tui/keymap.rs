//! Keys to actions: the default table, parsing of key names (`C-d`, `S-Tab`, `PageDown`), and
//! the rows the help overlay lists.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key with modifiers, comparable regardless of how the terminal reported Shift on letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control and Alt (Shift is folded into the character for printable keys).
    pub mods: KeyModifiers,
}

impl Key {
    /// Normalises a terminal key event.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses a key name: a character (`j`, `G`, `?`), a named key (`Enter`, `Esc`, `Tab`,
    /// `Space`, `Up`, `PageDown`, `F1`…), optionally prefixed by `C-` (Control) or `A-` (Alt);
    /// `S-Tab` is Shift-Tab.
    pub fn parse(name: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "S-Tab" | "BackTab" => KeyCode::BackTab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "Space" => KeyCode::Char(' '),
            "Backspace" => KeyCode::Backspace,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key { code, mods })
    }

    /// The key's name as [`Key::parse`] reads it.
    pub fn name(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("A-");
        }
        match self.code {
            KeyCode::BackTab => out.push_str("S-Tab"),
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::F(n) => out.push_str(&format!("F{n}")),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }
}

/// The default bindings: (key names, action, what the help overlay says).
pub const DEFAULTS: &[(&[&str], Action, &str)] = &[
    (
        &["j", "Down"],
        Action::Down,
        "down a line (outline: next row)",
    ),
    (
        &["k", "Up"],
        Action::Up,
        "up a line (outline: previous row)",
    ),
    (&["d", "C-d"], Action::HalfPageDown, "down half a page"),
    (&["u", "C-u"], Action::HalfPageUp, "up half a page"),
    (&["Space", "PageDown"], Action::PageDown, "down a page"),
    (&["b", "PageUp"], Action::PageUp, "up a page"),
    (&["g", "Home"], Action::Top, "top of the paper"),
    (&["G", "End"], Action::Bottom, "end of the paper"),
    (&["]"], Action::NextSection, "next section"),
    (&["["], Action::PrevSection, "previous section"),
    (&["Tab"], Action::FocusNext, "next pane"),
    (&["S-Tab"], Action::FocusPrev, "previous pane"),
    (
        &["h", "Left"],
        Action::Collapse,
        "outline: collapse, or go to parent",
    ),
    (&["l", "Right"], Action::Expand, "outline: expand"),
    (&["Enter"], Action::Select, "jump to the selected item"),
    (&["o"], Action::ToggleOutline, "show or hide the outline"),
    (
        &["p"],
        Action::TogglePanel,
        "show/hide the facts panel (h/l: tabs; opens from 150 cols)",
    ),
    (&["1"], Action::FactsTab, "panel: key facts of this paper"),
    (
        &["2"],
        Action::TimelineTab,
        "panel: timeline of dated facts",
    ),
    (&["3"], Action::GlossaryTab, "panel: glossary of acronyms"),
    (
        &["/"],
        Action::Find,
        "find: headings, sentences, facts, terms, bookmarks",
    ),
    (&["n"], Action::NextMatch, "next match of the last search"),
    (
        &["N"],
        Action::PrevMatch,
        "previous match of the last search",
    ),
    (
        &["m"],
        Action::Bookmark,
        "bookmark this place (then a note, Enter)",
    ),
    (
        &["v"],
        Action::Highlight,
        "highlight this sentence: j/k )/( extend, Enter saves",
    ),
    (
        &["'"],
        Action::Bookmarks,
        "bookmarks, highlights: Enter jump, d delete, u undo, e note",
    ),
    (
        &["C-o", "A-Left"],
        Action::JumpBack,
        "back to where you jumped from",
    ),
    (
        &["C-i", "A-Right"],
        Action::JumpForward,
        "forward again (C-i where the terminal tells it from Tab)",
    ),
    (
        &["P"],
        Action::GoToPage,
        "go to a page: type its label (12, iv), Enter",
    ),
    (
        &["f"],
        Action::Links,
        "links: label those on screen; a letter or Tab+Enter follows",
    ),
    (
        &["y"],
        Action::Copy,
        "copy fact, bookmark or paragraph with its citation (OSC 52)",
    ),
    (
        &["M"],
        Action::ToggleMouse,
        "mouse capture off/on (off: the terminal selects text)",
    ),
    (&["?", "F1"], Action::Help, "this help"),
    (&["Esc"], Action::Back, "close overlay, clear highlights"),
    (&["q", "C-c"], Action::Quit, "quit"),
];

/// Key → action lookup.
#[derive(Clone, Debug)]
pub struct Keymap {
    map: HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map = HashMap::new();
        for (keys, action, _) in DEFAULTS {
            for name in *keys {
                let key = Key::parse(name).unwrap_or_else(|| panic!("bad default key {name}"));
                map.insert(key, *action);
            }
        }
        Keymap { map }
    }
}

impl Keymap {
    /// The action bound to a key event.
    pub fn action(&self, event: KeyEvent) -> Option<Action> {
        self.map.get(&Key::from_event(event)).copied()
    }

    /// Removes every key of `action`.
    pub fn unbind_action(&mut self, action: Action) {
        self.map.retain(|_, a| *a != action);
    }

    /// Binds `key` to `action`, replacing what it did before.
    pub fn bind(&mut self, key: Key, action: Action) {
        self.map.insert(key, action);
    }

    /// The keys bound to `action`, sorted by name.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        let mut names: Vec<String> = self
            .map
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k.name())
            .collect();
        names.sort_by_key(|n| (n.chars().count() > 1, n.clone()));
        names
    }

    /// Rows for the help overlay: (keys, description).
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        DEFAULTS
            .iter()
            .map(|(_, action, help)| (self.keys_for(*action).join(" "), *help))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_default_key_parses_and_round_trips() {
        for (keys, _, _) in DEFAULTS {
            for name in *keys {
                let key = Key::parse(name).unwrap();
                assert_eq!(Key::parse(&key.name()), Some(key), "{name}");
            }
        }
    }

    #[test]
    fn defaults_follow_readers_habits() {
        let map = Keymap::default();
        let cases = [
            (event(KeyCode::Char('j'), KeyModifiers::NONE), Action::Down),
            (event(KeyCode::Down, KeyModifiers::NONE), Action::Down),
            (
                event(KeyCode::Char('d'), KeyModifiers::CONTROL),
                Action::HalfPageDown,
            ),
            (
                event(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Action::Bottom,
            ),
            (
                event(KeyCode::Char(' '), KeyModifiers::NONE),
                Action::PageDown,
            ),
            (
                event(KeyCode::BackTab, KeyModifiers::SHIFT),
                Action::FocusPrev,
            ),
            (
                event(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Action::Quit,
            ),
            (event(KeyCode::Char('?'), KeyModifiers::SHIFT), Action::Help),
        ];
        for (ev, action) in cases {
            assert_eq!(map.action(ev), Some(action), "{ev:?}");
        }
        assert_eq!(
            map.action(event(KeyCode::Char('c'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_by_default() {
        let mut seen = std::collections::HashSet::new();
        for (keys, _, _) in DEFAULTS {
            for name in *keys {
                assert!(seen.insert(*name), "{name} bound twice");
            }
        }
    }

    #[test]
    fn bad_key_names_are_rejected() {
        for bad in ["", "C-", "Ctrl", "Fx", "jj", "F99999"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }
}
