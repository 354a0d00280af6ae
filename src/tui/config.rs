//! `config.toml`: theme, reading width, panels, mouse, hyperlinks and key overrides, with errors that name
//! the file, line, column and key.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::action::Action;
use super::hyperlink::HyperlinkMode;
use super::keymap::{DEFAULTS, Key, Keymap};
use super::panel::PanelStart;
use super::theme::ThemeName;

/// The reader's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Colour theme.
    pub theme: ThemeName,
    /// The widest reading column.
    pub reading_width: u16,
    /// Whether the outline starts open.
    pub outline: bool,
    /// Whether the facts panel starts open: by the terminal's width, always or never.
    pub panel: PanelStart,
    /// Whether the mouse is captured at start (wheel and clicks; `M` toggles).
    pub mouse: bool,
    /// Whether web links are written as OSC 8 hyperlinks.
    pub hyperlinks: HyperlinkMode,
    /// Key overrides: each action listed gets exactly these keys.
    pub keys: Vec<(Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Auto,
            reading_width: 100,
            outline: true,
            panel: PanelStart::Auto,
            mouse: true,
            hyperlinks: HyperlinkMode::Auto,
            keys: Vec::new(),
        }
    }
}

impl Config {
    /// The keymap: defaults, then the overrides.
    pub fn keymap(&self) -> Keymap {
        let mut map = Keymap::default();
        for (action, keys) in &self.keys {
            map.unbind_action(*action);
            for key in keys {
                map.bind(*key, *action);
            }
        }
        map
    }
}

/// A problem in the config file, located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong, naming the key.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<ThemeName>,
    reading_width: Option<Spanned<i64>>,
    mouse: Option<bool>,
    hyperlinks: Option<HyperlinkMode>,
    panel: Option<PanelStart>,
    panels: Option<RawPanels>,
    keys: Option<HashMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanels {
    outline: Option<bool>,
    /// Before `panel`: `true` is `panel = "open"`, `false` is `panel = "closed"`.
    facts: Option<bool>,
}

/// Reads `path`; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// Parses config text; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let at = |offset: usize, message: String| {
        let (line, column) = line_column(text, offset);
        ConfigError {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().replace('\n', " ");
        // Name the key whose value is wrong: the text before `=` on that line.
        let line_start = text[..offset.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let key = text[line_start..]
            .lines()
            .next()
            .and_then(|l| l.split_once('='))
            .map(|(k, _)| k.trim());
        match key {
            Some(key) if !key.is_empty() && !message.contains(key) => {
                at(offset, format!("{key}: {message}"))
            }
            _ => at(offset, message),
        }
    })?;
    let mut config = Config::default();
    if let Some(theme) = raw.theme {
        config.theme = theme;
    }
    if let Some(width) = raw.reading_width {
        let value = *width.get_ref();
        if !(20..=400).contains(&value) {
            return Err(at(
                width.span().start,
                format!("reading_width: {value} is out of range (20 to 400 columns)"),
            ));
        }
        config.reading_width = value as u16;
    }
    if let Some(mouse) = raw.mouse {
        config.mouse = mouse;
    }
    if let Some(hyperlinks) = raw.hyperlinks {
        config.hyperlinks = hyperlinks;
    }
    if let Some(panels) = raw.panels {
        config.outline = panels.outline.unwrap_or(config.outline);
        if let Some(open) = panels.facts {
            config.panel = if open {
                PanelStart::Open
            } else {
                PanelStart::Closed
            };
        }
    }
    if let Some(panel) = raw.panel {
        config.panel = panel;
    }
    let mut keys: Vec<(usize, Action, Vec<Key>)> = Vec::new();
    for (name, spec) in raw.keys.unwrap_or_default() {
        let action: Action = toml::Value::String(name.get_ref().clone())
            .try_into()
            .map_err(|_| {
                at(
                    name.span().start,
                    format!(
                        "keys: unknown action {:?} (see `dossier config default` for the list)",
                        name.get_ref()
                    ),
                )
            })?;
        let span = spec.span();
        let not_keys = || {
            at(
                span.start,
                format!(
                    "keys.{}: expected a key name or a list of key names",
                    name.get_ref()
                ),
            )
        };
        let list: Vec<&str> = match spec.get_ref() {
            toml::Value::String(key) => vec![key.as_str()],
            toml::Value::Array(keys) => keys
                .iter()
                .map(toml::Value::as_str)
                .collect::<Option<_>>()
                .ok_or_else(not_keys)?,
            _ => return Err(not_keys()),
        };
        let mut parsed = Vec::new();
        for key in list {
            let k = Key::parse(key).ok_or_else(|| {
                // Point at the bad key inside the value when it can be found there.
                let within = text.get(span.clone()).and_then(|v| v.find(&format!("{key:?}"))).unwrap_or(0);
                at(span.start + within, format!("keys.{}: unknown key {key:?} (e.g. \"j\", \"C-d\", \"PageDown\", \"S-Tab\")", name.get_ref()))
            })?;
            parsed.push(k);
        }
        keys.push((name.span().start, action, parsed));
    }
    keys.sort_by_key(|(offset, _, _)| *offset);
    config.keys = keys.into_iter().map(|(_, a, k)| (a, k)).collect();
    Ok(config)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The default config file, commented: every setting and every action with its default keys.
pub fn default_file() -> String {
    let mut out = String::from(
        "# dossier configuration. Every line is optional; these are the defaults.\n\
         \n\
         # Colours: \"auto\" (dark or light from COLORFGBG, else the terminal's own colours),\n\
         # \"dark\", \"light\" or \"none\". NO_COLOR in the environment always wins.\n\
         theme = \"auto\"\n\
         \n\
         # The widest reading column, in columns (20 to 400).\n\
         reading_width = 100\n\
         \n\
         # Capture the mouse (wheel scrolls, clicks select). M toggles it while reading, so the\n\
         # terminal's own text selection works.\n\
         mouse = true\n\
         \n\
         # Make web links clickable with OSC 8 hyperlinks: \"auto\" (on unless TERM is unset,\n\
         # dumb or linux; terminals without OSC 8 ignore it), \"always\" or \"never\".\n\
         hyperlinks = \"auto\"\n\
         \n\
         # The side panel of key facts, timeline and glossary at start: \"auto\" (open on\n\
         # terminals at least 150 columns wide, following resizes until p shows or hides it),\n\
         # \"open\" or \"closed\". (`facts = true` / `false` under [panels], from older\n\
         # versions, still means \"open\" / \"closed\"; `panel` wins when both are set.)\n\
         panel = \"auto\"\n\
         \n\
         [panels]\n\
         # Whether the outline is open at start.\n\
         outline = true\n\
         \n\
         [keys]\n\
         # action = \"key\" or [\"key\", \"key\"]: the action gets exactly these keys.\n\
         # Keys: a character (\"j\", \"G\", \"?\"), Enter, Esc, Tab, S-Tab, Space, Backspace, Up,\n\
         # Down, Left, Right, PageUp, PageDown, Home, End, F1..F12; prefix C- for Control and\n\
         # A- for Alt (\"C-d\", \"A-Left\").\n",
    );
    let map = Keymap::default();
    for (_, action, help) in DEFAULTS {
        let name = toml::Value::try_from(action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let keys: Vec<String> = map
            .keys_for(*action)
            .into_iter()
            .map(|k| format!("{k:?}"))
            .collect();
        let _ = writeln!(out, "# {name} = [{}]  # {help}", keys.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("/cfg/config.toml"))
    }

    #[test]
    fn a_valid_file_sets_everything() {
        let config = parse_str(
            "theme = \"light\"\nreading_width = 80\nmouse = false\nhyperlinks = \"never\"\npanel = \"open\"\n[panels]\noutline = false\n[keys]\nquit = \"x\"\ndown = [\"n\", \"Down\"]\n",
        )
        .unwrap();
        assert_eq!(config.theme, ThemeName::Light);
        assert_eq!(
            (
                config.reading_width,
                config.mouse,
                config.outline,
                config.panel
            ),
            (80, false, false, PanelStart::Open)
        );
        assert_eq!(config.hyperlinks, HyperlinkMode::Never);
        let map = config.keymap();
        assert_eq!(
            map.action(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
            None,
            "quit has exactly its new keys"
        );
        assert_eq!(
            map.action(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn hyperlinks_takes_each_mode() {
        for (value, mode) in [
            ("auto", HyperlinkMode::Auto),
            ("always", HyperlinkMode::Always),
            ("never", HyperlinkMode::Never),
        ] {
            let config = parse_str(&format!("hyperlinks = \"{value}\"\n")).unwrap();
            assert_eq!(config.hyperlinks, mode, "{value}");
        }
    }

    #[test]
    fn panel_takes_each_mode_and_the_old_panels_facts_still_works() {
        assert_eq!(parse_str("").unwrap().panel, PanelStart::Auto);
        for (text, want) in [
            ("panel = \"auto\"\n", PanelStart::Auto),
            ("panel = \"open\"\n", PanelStart::Open),
            ("panel = \"closed\"\n", PanelStart::Closed),
            ("[panels]\nfacts = true\n", PanelStart::Open),
            ("[panels]\nfacts = false\n", PanelStart::Closed),
            (
                "panel = \"auto\"\n[panels]\nfacts = true\n",
                PanelStart::Auto,
            ),
            (
                "panel = \"closed\"\n[panels]\nfacts = true\n",
                PanelStart::Closed,
            ),
        ] {
            assert_eq!(parse_str(text).unwrap().panel, want, "{text:?}");
        }
    }

    #[test]
    fn each_kind_of_error_names_line_column_and_key() {
        let cases = [
            ("theme = \"sepia\"\n", 1, 9, "unknown variant `sepia`"),
            (
                "\n\nreading_width = 5\n",
                3,
                17,
                "reading_width: 5 is out of range",
            ),
            ("colour = 1\n", 1, 1, "unknown field `colour`"),
            (
                "[keys]\nquit = \"x\"\njump = \"y\"\n",
                3,
                1,
                "keys: unknown action \"jump\"",
            ),
            (
                "[keys]\nquit = [\"q\", \"Ctrl+Q\"]\n",
                2,
                14,
                "keys.quit: unknown key \"Ctrl+Q\"",
            ),
            ("mouse = yes\n", 1, 9, "mouse: string values must be quoted"),
            (
                "mouse = true\nhyperlinks = \"sometimes\"\n",
                2,
                14,
                "unknown variant `sometimes`, expected one of `auto`, `always`, `never`",
            ),
            ("hyperlinks = true\n", 1, 14, "hyperlinks: wanted string"),
            (
                "[panels]\nfacts = 1\n",
                2,
                9,
                "facts: invalid type: integer `1`, expected a boolean",
            ),
            (
                "mouse = true\npanel = \"wide\"\n",
                2,
                9,
                "unknown variant `wide`, expected one of `auto`, `open`, `closed`",
            ),
            ("panel = true\n", 1, 9, "panel: wanted string"),
        ];
        for (text, line, column, message) in cases {
            let err = parse_str(text).unwrap_err();
            assert_eq!((err.line, err.column), (line, column), "{text:?}: {err}");
            assert!(err.message.contains(message), "{text:?}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("/cfg/config.toml:{line}:{column}: ")),
                "{err}"
            );
        }
    }

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        assert_eq!(parse_str(&default_file()).unwrap(), Config::default());
        let width = super::super::panel::AUTO_OPEN_WIDTH;
        assert!(default_file().contains(&format!("at least {width} columns wide")));
        let panel_help = DEFAULTS
            .iter()
            .find(|(_, a, _)| *a == Action::TogglePanel)
            .unwrap()
            .2;
        assert!(
            panel_help.contains(&format!("from {width} cols")),
            "{panel_help}"
        );
        for (_, action, _) in DEFAULTS {
            let name = toml::Value::try_from(action).unwrap();
            assert!(default_file().contains(&format!("# {} = [", name.as_str().unwrap())));
        }
    }

    #[test]
    fn a_missing_file_gives_the_defaults() {
        assert_eq!(
            load(Path::new("/nonexistent/dossier/config.toml")).unwrap(),
            Config::default()
        );
    }
}
