//! OSC 8 hyperlinks: web links in the reading pane become clickable in terminals that know them.
//!
//! The links are written after ratatui has drawn each frame, not embedded in the buffer: the
//! buffer's diff computes each cell's width from its symbol, so a cell carrying an escape
//! sequence (the trick in ratatui's `hyperlink` example) throws its width accounting off, and
//! `CellDiffOption::ForcedWidth`, which patches that, would still leave URLs inside the symbols
//! every test and diff reads. Here the buffer stays honest: after the draw, each link's cells are
//! printed again, exactly as ratatui just drew them, between an OSC 8 opening and closing. When
//! those cells change later, ratatui overwrites them with plain cells, which drops the
//! hyperlink, as it should. Cells an overlay covers are left out.

use std::io::{self, Write};

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::crossterm::cursor::{RestorePosition, SavePosition};
use ratatui::crossterm::queue;
use ratatui::layout::Rect;
use serde::Deserialize;

use super::app::App;
use super::links::{is_external, runs};

/// Whether to emit hyperlinks (`hyperlinks` in `config.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HyperlinkMode {
    /// On unless `TERM` is unset, `dumb` or `linux` (the Linux console prints OSC 8 as garbage).
    /// Other terminals that do not know OSC 8 ignore it.
    #[default]
    Auto,
    /// Always on.
    Always,
    /// Never.
    Never,
}

impl HyperlinkMode {
    /// Whether hyperlinks are written on a terminal whose `TERM` is `term`.
    pub fn enabled(self, term: Option<&str>) -> bool {
        match self {
            HyperlinkMode::Always => true,
            HyperlinkMode::Never => false,
            HyperlinkMode::Auto => term.is_some_and(|t| !matches!(t, "" | "dumb" | "linux")),
        }
    }
}

/// A web link's text on screen: one line's worth (a wrapped link has one per line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hyperlink {
    /// Screen column of its first cell.
    pub x: u16,
    /// Screen row.
    pub y: u16,
    /// Width in cells.
    pub width: u16,
    /// Where it goes, safe to write inside OSC 8 (see [`osc8_url`]).
    pub url: String,
}

/// The web links in the reading pane, whose text column is `text`: never footnotes or links
/// within the library.
pub fn on_screen(app: &App, text: Rect) -> Vec<Hyperlink> {
    let Some(paper) = app.library.papers.get(app.reader.paper) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let lines = app.reader.layout().lines.iter().skip(app.reader.top);
    for (row, line) in lines.take(usize::from(text.height)).enumerate() {
        for run in runs(line) {
            let Some(link) = paper.links.get(run.link as usize) else {
                continue;
            };
            let dest = link.dest.trim();
            if link.footnote || !is_external(dest) || run.col >= usize::from(text.width) {
                continue;
            }
            let Some(url) = osc8_url(dest) else {
                continue;
            };
            let width = run.width.min(usize::from(text.width) - run.col) as u16;
            if width > 0 {
                out.push(Hyperlink {
                    x: text.x + run.col as u16,
                    y: text.y + row as u16,
                    width,
                    url,
                });
            }
        }
    }
    out
}

/// The longest URL written; a longer one is not made a hyperlink.
pub const MAX_URL: usize = 2000;

/// A link destination as an OSC 8 URL: every byte outside printable ASCII (controls, ESC, BEL,
/// DEL, C1, spaces, non-ASCII) percent-encoded, so the document cannot end the sequence early or
/// smuggle its own. `None` for a URL longer than [`MAX_URL`] once encoded.
pub fn osc8_url(dest: &str) -> Option<String> {
    let mut out = String::with_capacity(dest.len());
    for b in dest.bytes() {
        if b.is_ascii_graphic() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        if out.len() > MAX_URL {
            return None;
        }
    }
    Some(out)
}

/// A link's cells as ratatui drew them, ready to be printed again inside OSC 8.
#[derive(Clone, Debug, PartialEq)]
pub struct Reprint {
    url: String,
    cells: Vec<(u16, u16, Cell)>,
}

/// Each link's cells as they are in `buffer` (the frame just drawn).
pub fn reprints(buffer: &Buffer, links: &[Hyperlink]) -> Vec<Reprint> {
    links
        .iter()
        .map(|link| Reprint {
            url: link.url.clone(),
            cells: cells(buffer, link),
        })
        .filter(|r| !r.cells.is_empty())
        .collect()
}

/// A link's cells in `buffer`: wide characters once (their trailing cells left out), cells
/// ratatui skips left out.
fn cells(buffer: &Buffer, link: &Hyperlink) -> Vec<(u16, u16, Cell)> {
    let mut out = Vec::new();
    let end = link.x.saturating_add(link.width);
    let mut x = link.x;
    while x < end {
        let Some(cell) = buffer.cell((x, link.y)) else {
            break;
        };
        if cell.diff_option != CellDiffOption::Skip {
            out.push((x, link.y, cell.clone()));
        }
        x = x.saturating_add(cell.cell_width().max(1));
    }
    out
}

/// Keeps the parts of `links` whose cells in `buffer` are still those in `drawn` (what the
/// reader drew, taken by [`snapshot`]): an overlay drawn on top of a link cuts it.
pub fn uncovered(buffer: &Buffer, links: &[Hyperlink], drawn: &[Vec<Cell>]) -> Vec<Hyperlink> {
    let mut out = Vec::new();
    for (link, before) in links.iter().zip(drawn) {
        let mut run: Option<Hyperlink> = None;
        let mut i = 0;
        while i < before.len() {
            let x = link.x + i as u16;
            let width = usize::from(before[i].cell_width().max(1)).min(before.len() - i);
            let same =
                (0..width).all(|k| buffer.cell((x + k as u16, link.y)) == Some(&before[i + k]));
            match (&mut run, same) {
                (Some(r), true) => r.width += width as u16,
                (None, true) => {
                    run = Some(Hyperlink {
                        x,
                        width: width as u16,
                        ..link.clone()
                    });
                }
                (_, false) => out.extend(run.take()),
            }
            i += width;
        }
        out.extend(run);
    }
    out
}

/// Every cell of each link, as drawn so far, for [`uncovered`].
pub fn snapshot(buffer: &Buffer, links: &[Hyperlink]) -> Vec<Vec<Cell>> {
    links
        .iter()
        .map(|link| {
            (link.x..link.x.saturating_add(link.width))
                .map(|x| buffer.cell((x, link.y)).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

/// What was last written as hyperlinks. When the next frame's links are the same cells with
/// the same URLs, ratatui drew nothing there (its diff found those cells unchanged), so the
/// terminal still holds them as hyperlinks and nothing needs writing: an idle redraw, or
/// scrolling elsewhere, costs no bytes. Cleared when the screen is repainted in full.
#[derive(Debug, Default)]
pub struct Written(Vec<Reprint>);

impl Written {
    /// Forgets what was written (the screen is about to be cleared and drawn in full).
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Whether `links` are exactly what was written last; if not, remembers them.
    pub fn unchanged(&mut self, links: &[Reprint]) -> bool {
        if self.0 == links {
            return true;
        }
        self.0 = links.to_vec();
        false
    }
}

/// Writes the links over the frame just drawn: for each, its cells printed again (same symbols,
/// same styles, through the backend's own drawing, which ends with a style reset) inside an
/// OSC 8 hyperlink. The cursor is saved before and restored after (DECSC/DECRC), so a prompt's
/// cursor stays where ratatui put it; its visibility is not touched.
pub fn write<W: Write>(backend: &mut CrosstermBackend<W>, links: &[Reprint]) -> io::Result<()> {
    if links.is_empty() {
        return Ok(());
    }
    queue!(backend, SavePosition)?;
    for link in links {
        write!(backend, "\u{1b}]8;;{}\u{1b}\\", link.url)?;
        backend.draw(link.cells.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
        write!(backend, "\u{1b}]8;;\u{1b}\\")?;
    }
    queue!(backend, RestorePosition)?;
    Write::flush(backend)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn link(x: u16, width: u16) -> Hyperlink {
        Hyperlink {
            x,
            y: 0,
            width,
            url: "https://example.org/".into(),
        }
    }

    #[test]
    fn urls_are_percent_encoded_and_capped() {
        assert_eq!(
            osc8_url("https://example.org/a?b=c#d").as_deref(),
            Some("https://example.org/a?b=c#d")
        );
        assert_eq!(
            osc8_url("http://a/\u{1b}]0;pwned\u{7}\u{9b} é\u{7f}").as_deref(),
            Some("http://a/%1B]0;pwned%07%C2%9B%20%C3%A9%7F")
        );
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL));
        assert_eq!(osc8_url(&long), None);
        assert!(osc8_url(&long[..MAX_URL]).is_some());
    }

    #[test]
    fn auto_is_off_only_on_terminals_that_print_osc_8() {
        for (term, on) in [
            (Some("xterm-256color"), true),
            (Some("tmux-256color"), true),
            (Some("linux"), false),
            (Some("dumb"), false),
            (Some(""), false),
            (None, false),
        ] {
            assert_eq!(HyperlinkMode::Auto.enabled(term), on, "{term:?}");
        }
        assert!(HyperlinkMode::Always.enabled(Some("linux")));
        assert!(!HyperlinkMode::Never.enabled(Some("xterm")));
    }

    #[test]
    fn an_overlay_cuts_a_link_around_the_cells_it_covers() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 13, 1));
        buffer.set_string(1, 0, "a 世界 link", Style::new());
        let links = [link(1, 11)];
        let drawn = snapshot(&buffer, &links);
        assert_eq!(uncovered(&buffer, &links, &drawn), links);
        buffer.set_string(4, 0, "│", Style::new());
        assert_eq!(
            uncovered(&buffer, &links, &drawn),
            [link(1, 2), link(5, 7)],
            "the wide character whose trailing cell is covered goes too"
        );
    }

    #[test]
    fn the_cells_are_printed_again_inside_osc_8_with_their_style() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 2));
        buffer.set_string(3, 1, "the 世 report", Style::new().underlined());
        let mut out = Vec::new();
        let links = [Hyperlink {
            y: 1,
            ..link(3, 13)
        }];
        write(
            &mut CrosstermBackend::new(&mut out),
            &reprints(&buffer, &links),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        let open = "\u{1b}]8;;https://example.org/\u{1b}\\";
        let start = out.find(open).unwrap();
        let body = &out[start + open.len()..];
        let close = body.find("\u{1b}]8;;\u{1b}\\").unwrap();
        assert!(out.starts_with("\u{1b}7"), "cursor saved first: {out:?}");
        assert!(out.ends_with("\u{1b}8"), "and restored last: {out:?}");
        let body = &body[..close];
        assert!(body.starts_with("\u{1b}[2;4H\u{1b}[4mthe"), "{body:?}");
        assert!(body.ends_with("\u{1b}[0m"), "style reset: {body:?}");
        let mut text = String::new();
        let mut in_csi = false;
        for c in body.chars() {
            match c {
                '\u{1b}' => in_csi = true,
                '@'..='~' if in_csi && c != '[' => in_csi = false,
                _ if !in_csi => text.push(c),
                _ => {}
            }
        }
        assert_eq!(text, "the 世 report", "{body:?}");
    }

    #[test]
    fn links_already_written_are_not_written_again_until_a_repaint() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 1));
        buffer.set_string(0, 0, "the report", Style::new());
        let links = [link(0, 10)];
        let mut written = Written::default();
        assert!(
            !written.unchanged(&reprints(&buffer, &links)),
            "first frame"
        );
        assert!(written.unchanged(&reprints(&buffer, &links)), "idle redraw");
        buffer.set_string(0, 0, "the REPORT", Style::new());
        assert!(
            !written.unchanged(&reprints(&buffer, &links)),
            "cells changed"
        );
        assert!(
            !written.unchanged(&reprints(&buffer, &[link(1, 9)])),
            "link moved"
        );
        written.clear();
        assert!(
            !written.unchanged(&reprints(&buffer, &[link(1, 9)])),
            "after a repaint"
        );
    }
}
