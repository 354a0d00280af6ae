//! Citation styles: the bundled CSL styles by name, or a `.csl` file, parsed by citationberg.

use std::path::{Path, PathBuf};

use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::{IndependentStyle, Locale, Style};

/// The style used when the config names none.
pub const DEFAULT_STYLE: &str = "chicago-author-date";

/// The short names the config accepts besides a path, with the bundled style each selects.
pub const STYLE_NAMES: &[&str] = &["chicago-author-date", "apa", "mla", "ieee"];

/// A citation style ready to format references, with the locales it may need.
pub struct CitationStyle {
    /// What the config called it (a short name or the file's path).
    pub name: String,
    pub(super) style: IndependentStyle,
    pub(super) locales: Vec<Locale>,
}

impl std::fmt::Debug for CitationStyle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CitationStyle")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Why a style could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StyleError {
    /// Not a bundled name and not a file that could be read.
    #[error(
        "citation style {0:?}: not one of chicago-author-date, apa, mla, ieee and no such .csl file"
    )]
    Unknown(String),
    /// The file could not be read.
    #[error("{path}: cannot read: {why}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        why: String,
    },
    /// The file is not a CSL style this processor understands.
    #[error("{path}:{line}: invalid CSL style: {why}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem (of the innermost element it could be traced to).
        line: usize,
        /// What is wrong.
        why: String,
    },
}

impl CitationStyle {
    /// A bundled style by short name (`apa`) or by any name hayagriva knows it under.
    pub fn builtin(name: &str) -> Option<CitationStyle> {
        let archived = ArchivedStyle::by_name(name)?;
        let style = independent(archived.get())?;
        Some(CitationStyle {
            name: name.to_owned(),
            style,
            locales: locales(),
        })
    }

    /// Checks the config's `citation_style` and returns what to store: a bundled name as it is
    /// (without decoding it), or the `.csl` file's path (relative paths taken from `base`),
    /// which is parsed now so that an invalid file is reported with its line.
    pub fn check(spec: &str, base: Option<&Path>) -> Result<String, StyleError> {
        if ArchivedStyle::by_name(spec).is_some() {
            return Ok(spec.to_owned());
        }
        Self::load(spec, base).map(|s| s.name)
    }

    /// The style the config's `citation_style` names: a bundled name, or a path to a `.csl`
    /// file (relative paths are taken from `base`, the config's folder).
    pub fn load(spec: &str, base: Option<&Path>) -> Result<CitationStyle, StyleError> {
        if let Some(style) = Self::builtin(spec) {
            return Ok(style);
        }
        let path = Path::new(spec);
        let path = match base {
            Some(base) if path.is_relative() && !path.exists() => base.join(path),
            _ => path.to_path_buf(),
        };
        let csl = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csl"));
        if !path.exists() && !csl {
            return Err(StyleError::Unknown(spec.to_owned()));
        }
        let xml = std::fs::read_to_string(&path).map_err(|e| StyleError::Unreadable {
            path: path.clone(),
            why: e.to_string(),
        })?;
        Self::from_xml(&xml, &path, &path.display().to_string())
    }

    /// Parses CSL XML read from `path`.
    pub fn from_xml(xml: &str, path: &Path, name: &str) -> Result<CitationStyle, StyleError> {
        let invalid = |line, why: String| StyleError::Invalid {
            path: path.to_path_buf(),
            line,
            why,
        };
        if let Err((offset, why)) = well_formed(xml) {
            return Err(invalid(line_of(xml, offset), why));
        }
        let style = Style::from_xml(xml).map_err(|e| {
            let trail = e.path.as_ref().map(ToString::to_string).unwrap_or_default();
            let line = line_of(xml, element_offset(xml, &trail));
            let why = e.source.to_string();
            invalid(
                line,
                if trail.is_empty() {
                    why
                } else {
                    format!("{why} (at {trail})")
                },
            )
        })?;
        let style = match style {
            Style::Independent(s) => s,
            Style::Dependent(d) => {
                ArchivedStyle::by_id(&d.parent_link.href)
                    .and_then(|a| independent(a.get()))
                    .ok_or_else(|| {
                        invalid(
                            1,
                            format!(
                                "a dependent style whose parent {} is not bundled; use the parent's .csl file",
                                d.parent_link.href
                            ),
                        )
                    })?
            }
        };
        Ok(CitationStyle {
            name: name.to_owned(),
            style,
            locales: locales(),
        })
    }

    /// The style's title, as its file names it.
    pub fn title(&self) -> &str {
        &self.style.info.title.value
    }
}

fn independent(style: Style) -> Option<IndependentStyle> {
    match style {
        Style::Independent(s) => Some(s),
        Style::Dependent(_) => None,
    }
}

/// Checks XML well-formedness; on failure, the byte offset and the parser's message.
fn well_formed(xml: &str) -> Result<(), (usize, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                seen_root = true;
            }
            Ok(Event::Empty(_)) => seen_root = true,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => {
                return if !seen_root {
                    Err((before, "no <style> element".to_owned()))
                } else if depth > 0 {
                    Err((xml.len(), "the file ends inside an element".to_owned()))
                } else {
                    Ok(())
                };
            }
            Ok(_) => {}
            Err(e) => {
                let at = (reader.error_position() as usize).max(before);
                return Err((at, e.to_string()));
            }
        }
    }
}

/// Follows a serde path (`citation.layout.$value[2]`) through the XML's elements and returns
/// the byte offset of the deepest element it reaches (0 when none).
fn element_offset(xml: &str, trail: &str) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let segments: Vec<(String, usize, bool)> = trail
        .split('.')
        .filter(|s| !s.is_empty() && !s.starts_with('@'))
        .map(|s| {
            let (name, index) = match s.split_once('[') {
                Some((n, i)) => (n, i.trim_end_matches(']').parse().unwrap_or(0)),
                None => (s, 0),
            };
            (name.replace('_', "-"), index, name.starts_with('$'))
        })
        .collect();
    let mut found = 0;
    let mut want = 0; // index into segments of the next element to find
    let mut depth = 0usize; // depth of the element matched last (root is depth 1)
    let mut counts: Vec<usize> = Vec::new(); // per depth: matching children seen so far
    let mut level = 0usize;
    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return found,
            Ok(e) => e,
        };
        let (name, empty) = match &event {
            Event::Start(s) => (
                String::from_utf8_lossy(s.local_name().as_ref()).into_owned(),
                false,
            ),
            Event::Empty(s) => (
                String::from_utf8_lossy(s.local_name().as_ref()).into_owned(),
                true,
            ),
            Event::End(_) => {
                if level == depth && depth > 0 && level > 1 {
                    // Left the matched element's parent scope without finding the next one.
                    if want < segments.len() {
                        return found;
                    }
                }
                level = level.saturating_sub(1);
                continue;
            }
            _ => continue,
        };
        level += 1;
        if level == 1 {
            // The root <style>: the path starts below it.
            found = pos;
            depth = 1;
            counts = vec![0];
        } else if level == depth + 1 && want < segments.len() {
            let (seg, index, any) = &segments[want];
            if *any || &name == seg {
                let seen = counts.last_mut().expect("depth has a counter");
                if *seen == *index {
                    found = pos;
                    want += 1;
                    depth = level;
                    counts.push(0);
                } else {
                    *seen += 1;
                }
            }
        }
        if empty {
            level -= 1;
        }
    }
}

/// 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[..offset].matches('\n').count() + 1
}
