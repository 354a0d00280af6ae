//! Colours and attributes for layout roles and the chrome. Highlights use reverse, bold and
//! underline so they survive `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;

/// The styles the drawing code uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colours may be used (`NO_COLOR` unset).
    pub color: bool,
}

impl Theme {
    /// The theme for this process: colours unless `NO_COLOR` is set to a non-empty value.
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The style of a piece of laid-out text.
    pub fn role(self, role: Role, heading_level: Option<u8>) -> Style {
        let mut style = Style::new();
        if role.contains(Role::TITLE) {
            style = self.fg(Color::Cyan).add_modifier(Modifier::BOLD);
        }
        if role.contains(Role::HEADING) {
            style = match heading_level.unwrap_or(1) {
                1 => self
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                2 => self.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                _ => self.fg(Color::Blue).add_modifier(Modifier::BOLD),
            };
        }
        if role.contains(Role::EMPHASIS) {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if role.contains(Role::STRONG) || role.contains(Role::TABLE_HEAD) {
            style = style.add_modifier(Modifier::BOLD);
        }
        if role.contains(Role::STRIKE) {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        if role.contains(Role::CODE) {
            style = style.patch(self.fg(Color::Yellow));
        }
        if role.contains(Role::LINK) || role.contains(Role::FOOTNOTE) {
            style = style
                .patch(self.fg(Color::Blue))
                .add_modifier(Modifier::UNDERLINED);
        }
        if role.contains(Role::MARKER) || role.contains(Role::RULE) {
            style = style.patch(self.fg(Color::DarkGray));
        }
        if role.contains(Role::DIM) {
            style = style.add_modifier(Modifier::DIM);
        }
        style
    }

    /// Highlighted text in the reader (search hits, fact spans).
    pub fn mark(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The selected row of a list.
    pub fn selected(self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED);
        if focused {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// The outline row of the section being read.
    pub fn current(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The status bar.
    pub fn status(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A warning in the status bar.
    pub fn warning(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Borders and separators; `focused` for the focused pane.
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
}
