//! Colours and attributes for layout roles and the chrome, from the palettes in `assets/themes`.
//! Highlights and selections always carry reverse, bold or underline as well, so they survive
//! `NO_COLOR` and the `none` theme.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::layout::Role;

/// Which palette to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Colours for dark backgrounds.
    Dark,
    /// Colours for light backgrounds.
    Light,
    /// Dark or light from `COLORFGBG`; otherwise the terminal's own ANSI colours.
    #[default]
    Auto,
    /// No colours at all (attributes only).
    None,
}

/// Colours of a palette file; every entry optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    title: Option<Color>,
    heading: Option<Color>,
    subheading: Option<Color>,
    code: Option<Color>,
    link: Option<Color>,
    marker: Option<Color>,
    mark_fg: Option<Color>,
    mark_bg: Option<Color>,
    status_fg: Option<Color>,
    status_bg: Option<Color>,
    warning_fg: Option<Color>,
    warning_bg: Option<Color>,
    border: Option<Color>,
    focus: Option<Color>,
    current: Option<Color>,
}

const DARK: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/themes/dark.toml"
));
const LIGHT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/themes/light.toml"
));
const ANSI: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/themes/ansi.toml"
));

impl Palette {
    /// Parses a palette file: `name = "colour"` lines; see `assets/themes/dark.toml`.
    pub fn parse(text: &str) -> Result<Palette, String> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| e.message().to_owned())?;
        let mut palette = Palette::default();
        for (key, value) in &table {
            let name = value
                .as_str()
                .ok_or_else(|| format!("{key}: a colour is a string"))?;
            let color: Color = name
                .parse()
                .map_err(|_| format!("{key}: unknown colour {name:?}"))?;
            let slot = match key.as_str() {
                "title" => &mut palette.title,
                "heading" => &mut palette.heading,
                "subheading" => &mut palette.subheading,
                "code" => &mut palette.code,
                "link" => &mut palette.link,
                "marker" => &mut palette.marker,
                "mark_fg" => &mut palette.mark_fg,
                "mark_bg" => &mut palette.mark_bg,
                "status_fg" => &mut palette.status_fg,
                "status_bg" => &mut palette.status_bg,
                "warning_fg" => &mut palette.warning_fg,
                "warning_bg" => &mut palette.warning_bg,
                "border" => &mut palette.border,
                "focus" => &mut palette.focus,
                "current" => &mut palette.current,
                other => return Err(format!("unknown palette entry {other:?}")),
            };
            *slot = Some(color);
        }
        Ok(palette)
    }

    /// A shipped palette.
    fn shipped(text: &str) -> Palette {
        Palette::parse(text).unwrap_or_default()
    }
}

/// The styles the drawing code uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Colours, or none (`NO_COLOR`, theme `none`): attributes only.
    pub palette: Option<Palette>,
}

impl Theme {
    /// The colourless theme.
    pub const PLAIN: Theme = Theme { palette: None };

    /// The theme `name`, given the environment: `NO_COLOR` (non-empty) wins over everything,
    /// `auto` reads `COLORFGBG` (`15;0` means light text on black: dark).
    pub fn resolve(name: ThemeName, no_color: bool, colorfgbg: Option<&str>) -> Theme {
        if no_color {
            return Theme::PLAIN;
        }
        let palette = match name {
            ThemeName::None => return Theme::PLAIN,
            ThemeName::Dark => Palette::shipped(DARK),
            ThemeName::Light => Palette::shipped(LIGHT),
            ThemeName::Auto => match colorfgbg
                .and_then(|v| v.rsplit(';').next())
                .and_then(|bg| bg.trim().parse::<u8>().ok())
            {
                Some(7 | 9..=15) => Palette::shipped(LIGHT),
                Some(_) => Palette::shipped(DARK),
                None => Palette::shipped(ANSI),
            },
        };
        Theme {
            palette: Some(palette),
        }
    }

    /// The theme for this process with the default (`auto`) choice.
    pub fn from_env() -> Theme {
        Theme::with_env(ThemeName::Auto)
    }

    /// Theme `name` resolved against this process's `NO_COLOR` and `COLORFGBG`.
    pub fn with_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::resolve(name, no_color, std::env::var("COLORFGBG").ok().as_deref())
    }

    fn color(self, pick: impl Fn(&Palette) -> Option<Color>) -> Option<Color> {
        self.palette.as_ref().and_then(pick)
    }

    fn fg(self, pick: impl Fn(&Palette) -> Option<Color>) -> Style {
        self.color(pick)
            .map_or_else(Style::new, |c| Style::new().fg(c))
    }

    fn pair(
        self,
        fg: impl Fn(&Palette) -> Option<Color>,
        bg: impl Fn(&Palette) -> Option<Color>,
    ) -> Option<Style> {
        Some(Style::new().fg(self.color(fg)?).bg(self.color(bg)?))
    }

    /// The style of a piece of laid-out text.
    pub fn role(self, role: Role, heading_level: Option<u8>) -> Style {
        let mut style = Style::new();
        if role.contains(Role::TITLE) {
            style = self.fg(|p| p.title).add_modifier(Modifier::BOLD);
        }
        if role.contains(Role::HEADING) {
            style = match heading_level.unwrap_or(1) {
                1 => self
                    .fg(|p| p.heading)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                2 => self.fg(|p| p.heading).add_modifier(Modifier::BOLD),
                _ => self.fg(|p| p.subheading).add_modifier(Modifier::BOLD),
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
            style = style.patch(self.fg(|p| p.code));
        }
        if role.contains(Role::LINK) || role.contains(Role::FOOTNOTE) {
            style = style
                .patch(self.fg(|p| p.link))
                .add_modifier(Modifier::UNDERLINED);
        }
        if role.contains(Role::MARKER) || role.contains(Role::RULE) {
            style = style.patch(self.fg(|p| p.marker));
        }
        if role.contains(Role::DIM) {
            style = style.add_modifier(Modifier::DIM);
        }
        style
    }

    /// Highlighted text in the reader (search hits, fact spans).
    pub fn mark(self) -> Style {
        self.pair(|p| p.mark_fg, |p| p.mark_bg)
            .unwrap_or_else(|| Style::new().add_modifier(Modifier::REVERSED))
            .add_modifier(Modifier::BOLD)
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
        self.fg(|p| p.current).add_modifier(Modifier::BOLD)
    }

    /// The status bar.
    pub fn status(self) -> Style {
        self.pair(|p| p.status_fg, |p| p.status_bg)
            .unwrap_or_else(|| Style::new().add_modifier(Modifier::REVERSED))
    }

    /// A warning in the status bar.
    pub fn warning(self) -> Style {
        self.pair(|p| p.warning_fg, |p| p.warning_bg)
            .unwrap_or_else(|| Style::new().add_modifier(Modifier::REVERSED))
            .add_modifier(Modifier::BOLD)
    }

    /// Borders and separators; `focused` for the focused pane.
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(|p| p.focus).add_modifier(Modifier::BOLD)
        } else {
            self.fg(|p| p.border)
        }
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_palettes_parse_completely() {
        for text in [DARK, LIGHT, ANSI] {
            let p = Palette::parse(text).unwrap();
            assert!(
                p.title.is_some()
                    && p.mark_bg.is_some()
                    && p.current.is_some()
                    && p.warning_bg.is_some()
            );
        }
    }

    #[test]
    fn no_color_wins_and_auto_reads_colorfgbg() {
        assert_eq!(Theme::resolve(ThemeName::Dark, true, None), Theme::PLAIN);
        assert_eq!(Theme::resolve(ThemeName::None, false, None), Theme::PLAIN);
        let light = Theme::resolve(ThemeName::Light, false, None);
        assert_eq!(Theme::resolve(ThemeName::Auto, false, Some("0;15")), light);
        assert_eq!(
            Theme::resolve(ThemeName::Auto, false, Some("15;default;0")),
            Theme::resolve(ThemeName::Dark, false, None)
        );
        assert_eq!(
            Theme::resolve(ThemeName::Auto, false, None)
                .palette
                .unwrap()
                .title,
            Some(Color::Cyan)
        );
    }

    #[test]
    fn plain_highlights_still_show() {
        let plain = Theme::PLAIN;
        assert!(plain.mark().add_modifier.contains(Modifier::REVERSED));
        assert!(
            plain
                .selected(false)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert_eq!(plain.role(Role::CODE, None).fg, None);
    }

    #[test]
    fn bad_palettes_are_reported() {
        assert!(
            Palette::parse("title = \"nocolour\"")
                .unwrap_err()
                .contains("unknown colour")
        );
        assert!(
            Palette::parse("titel = \"red\"")
                .unwrap_err()
                .contains("unknown palette entry")
        );
    }
}
