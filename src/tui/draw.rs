//! Drawing: a pure function of the app state into a frame. Only visible lines are touched.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Focus, Overlay, Tone, outline_scroll};
use super::hyperlink::{self, Hyperlink};
use super::outline::Node;
use super::theme::Theme;
use crate::layout::{self, LineKind, str_width};

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    draw_linked(app, frame);
}

/// Draws the whole screen and returns the web links it shows, for
/// [`super::hyperlink::write`] to make clickable once the frame is out.
pub fn draw_linked(app: &App, frame: &mut Frame) -> Vec<Hyperlink> {
    let theme = app.theme;
    let areas = app.areas;
    if areas.too_small {
        let msg = format!(
            "Terminal too small: {}x{} needed",
            super::app::MIN_SIZE.0,
            super::app::MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(msg).style(theme.warning()), frame.area());
        return Vec::new();
    }
    if areas.outline.width > 0 {
        draw_outline(app, frame, areas.outline);
    }
    draw_reader(app, frame, areas.reader, areas.text);
    let links = hyperlink::on_screen(app, areas.text);
    let drawn = hyperlink::snapshot(frame.buffer_mut(), &links);
    if areas.panel.width > 0 {
        super::panel_view::draw_panel(app, frame, areas.panel);
    }
    draw_status(app, frame, areas.status);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => draw_help(app, frame, *scroll),
        Some(Overlay::Bookmarks(list)) => super::bookmarks_view::draw_list(app, frame, list),
        Some(Overlay::Prompt(prompt)) => super::bookmarks_view::draw_prompt(app, frame, prompt),
        Some(Overlay::Finder(state)) => super::finder_view::draw_finder(app, frame, state),
        Some(Overlay::Page(prompt)) => super::bookmarks_view::draw_input_line(
            app,
            frame,
            &app.page_prompt_title(),
            &prompt.input,
        ),
        Some(Overlay::Links(_) | Overlay::Select(_)) | None => {}
    }
    hyperlink::uncovered(frame.buffer_mut(), &links, &drawn)
}

fn draw_outline(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::Outline;
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let first = outline_scroll(app.outline.selected(), height);
    let current = app
        .reader
        .section(&app.library)
        .map_or(Node::Paper(app.reader.paper), |s| {
            Node::Section(app.reader.paper, s)
        });
    let width = usize::from(inner.width);
    let lines: Vec<Line> = app
        .outline
        .rows()
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let fold = match (row.has_children, row.expanded) {
                (false, _) => "  ",
                (true, true) => "▾ ",
                (true, false) => "▸ ",
            };
            let title = match row.node {
                Node::Paper(p) => app.library.papers[p].meta.title.as_str(),
                Node::Section(p, s) => app.library.papers[p].sections[s].title.as_str(),
            };
            let indent = "  ".repeat(row.depth.min(8));
            let marked = match row.node {
                Node::Section(p, s) => app.marks.sections.contains(&(p, s)),
                Node::Paper(p) => app.marks.places.get(p).is_some_and(|b| !b.is_empty()),
            };
            let badge = if marked { "◆ " } else { "" };
            let tag = match row.node {
                Node::Paper(p) => app
                    .unready_tag(p)
                    .map_or_else(String::new, |t| format!("[{t}] ")),
                Node::Section(..) => String::new(),
            };
            let text = truncate(&format!("{indent}{fold}{badge}{tag}{title}"), width);
            let mut style = if matches!(row.node, Node::Paper(_)) {
                theme.role(layout::Role::STRONG, None)
            } else {
                Style::new()
            };
            if row.node == current {
                style = style.patch(theme.current());
            }
            if i == app.outline.selected() {
                style = style.patch(theme.selected(focused));
            }
            Line::styled(pad(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_reader(app: &App, frame: &mut Frame, area: Rect, text: Rect) {
    let theme = app.theme;
    let layout = app.reader.layout();
    let height = usize::from(text.height);
    let paper = app.reader.paper;
    let mut lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(app.reader.top)
        .take(height)
        .map(|line| {
            let level = match line.kind {
                LineKind::Heading(level) => Some(level),
                _ => None,
            };
            let marks: Vec<std::ops::Range<usize>> = app
                .reader
                .marks
                .iter()
                .filter(|m| m.paper == paper && line.block == Some(m.block as u32))
                .map(|m| m.range.clone())
                .collect();
            let (selected, underlined) = line
                .block
                .map(|b| app.block_decor(b as usize))
                .unwrap_or_default();
            let marks = [marks, selected].concat();
            let mut spans = Vec::with_capacity(line.segs.len());
            for seg in &line.segs {
                let style = theme.role(seg.role, level);
                push_marked(&mut spans, seg, style, &marks, &underlined, theme);
            }
            Line::from(spans)
        })
        .collect();
    if let Some(notice) = app.unready_lines(paper) {
        // A stand-in: its title, then how far its conversion is (or why it failed).
        let width = usize::from(text.width);
        for line in notice {
            let style = if app
                .library
                .unready
                .get(&paper)
                .is_some_and(|u| matches!(u, crate::library::Unready::Failed(_)))
            {
                theme.warning()
            } else {
                Style::new()
            };
            let line = crate::document::sanitize::clean(&line, false);
            for row in crate::layout::wrap(&line, width) {
                lines.push(Line::styled(line[row].to_owned(), style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), text);
    draw_margin(app, frame, area, text);
    if let Some(Overlay::Links(pick)) = &app.overlay {
        for (i, hint) in pick.hints.iter().enumerate() {
            let (x, y) = (text.x + hint.col as u16, text.y + hint.row as u16);
            if x < text.right() && y < text.bottom() {
                let style = if i == pick.selected {
                    theme.selected(true)
                } else {
                    theme.mark()
                };
                frame.render_widget(
                    Paragraph::new(hint.label.to_string()).style(style),
                    Rect::new(x, y, 1, 1),
                );
            }
        }
    }
}

/// Marks bookmarked lines in the reader's left margin.
fn draw_margin(app: &App, frame: &mut Frame, area: Rect, text: Rect) {
    let Some(places) = app.marks.places.get(app.reader.paper) else {
        return;
    };
    if places.is_empty() || text.x <= area.x + 1 {
        return;
    }
    let layout = app.reader.layout();
    let top = app.reader.top;
    let height = usize::from(text.height);
    let style = app.theme.current();
    for place in places {
        let line = layout.line_of(place.block, place.offset);
        if line >= top && line < top + height {
            let row = Rect::new(area.x + 1, text.y + (line - top) as u16, 1, 1);
            frame.render_widget(Paragraph::new("◆").style(style), row);
        }
    }
}

/// Pushes a segment's spans, splitting where highlighted byte ranges of its block begin or end.
fn push_marked<'a>(
    spans: &mut Vec<Span<'a>>,
    seg: &'a layout::Seg,
    style: Style,
    marks: &[std::ops::Range<usize>],
    underlined: &[std::ops::Range<usize>],
    theme: Theme,
) {
    let Some(src) = seg.src.map(|s| s as usize) else {
        spans.push(Span::styled(seg.text.as_str(), style));
        return;
    };
    let end = src + seg.text.len();
    let mut cuts: Vec<usize> = vec![src, end];
    for m in marks.iter().chain(underlined) {
        for edge in [m.start, m.end] {
            if edge > src && edge < end && seg.text.is_char_boundary(edge - src) {
                cuts.push(edge);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let marked = marks
            .iter()
            .any(|m| m.start <= a && b <= m.end && m.start < m.end);
        let piece = &seg.text[a - src..b - src];
        let mut piece_style = if marked {
            style.patch(theme.mark())
        } else {
            style
        };
        if underlined.iter().any(|m| m.start <= a && b <= m.end) {
            piece_style = piece_style.add_modifier(ratatui::style::Modifier::UNDERLINED);
        }
        spans.push(Span::styled(piece, piece_style));
    }
}

/// The narrowest the place being read gets before key hints make way for it (at most half the
/// bar).
const CRUMB_MIN: usize = 32;

/// The status bar: a message or where the reader is on the left, then as many of the
/// [`super::status`] segments as fit.
fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let width = usize::from(area.width);
    let segments = super::status::segments(app);
    // One column of padding at each end; a message keeps its whole width when it can.
    let (left, style, left_min) = match &app.status {
        Some((message, tone)) => {
            let style = if *tone == Tone::Warning {
                theme.warning()
            } else {
                theme.status()
            };
            (Some(message.clone()), style, str_width(message))
        }
        None => (None, theme.status(), CRUMB_MIN.min(width / 2)),
    };
    let kept = super::status::fit(&segments, width.saturating_sub(left_min + 2));
    let room = width.saturating_sub(super::status::width(&kept) + 2);
    let left = left.unwrap_or_else(|| breadcrumb(app, room));
    let mut spans = vec![Span::raw(pad(
        &truncate(&format!(" {left}"), room + 1),
        room + 1,
    ))];
    for segment in kept {
        spans.push(Span::raw(" ".repeat(super::status::GAP)));
        if let Some(key) = &segment.key {
            spans.push(Span::styled(
                key.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::raw(segment.text.clone()));
    }
    spans.push(Span::raw(" "));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
}

/// `paper › section › subsection` for the place being read, in at most `width` columns: the
/// paper's title is shortened first so the section stays readable.
pub fn breadcrumb(app: &App, width: usize) -> String {
    let Some(paper) = app.library.papers.get(app.reader.paper) else {
        return String::new();
    };
    let sections = app
        .reader
        .section(&app.library)
        .map(|s| paper.title_path(s).join(" › "));
    crumbs(&paper.meta.title, sections.as_deref(), width)
}

/// `title › sections` in at most `width` columns, shortening the title first.
pub fn crumbs(title: &str, sections: Option<&str>, width: usize) -> String {
    let Some(sections) = sections.filter(|s| !s.is_empty()) else {
        return truncate(title, width);
    };
    let full = format!("{title} › {sections}");
    if str_width(&full) <= width {
        return full;
    }
    let title_room = width.saturating_sub(str_width(sections) + 3).max(8);
    truncate(
        &format!("{} › {sections}", truncate(title, title_room)),
        width,
    )
}

fn draw_help(app: &App, frame: &mut Frame, scroll: usize) {
    let theme = app.theme;
    let area = frame.area();
    let rows = app.keymap.help_rows();
    let key_width = rows.iter().map(|(k, _)| str_width(k)).max().unwrap_or(0);
    let help_width = rows.iter().map(|(_, h)| str_width(h)).max().unwrap_or(0);
    let width = (key_width + help_width + 4)
        .min(usize::from(area.width.saturating_sub(2)))
        .max(10) as u16;
    let height = (rows.len() + 4)
        .min(usize::from(area.height.saturating_sub(2)))
        .max(3) as u16;
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    );
    let block = Block::bordered()
        .title(" Keys — Esc closes ")
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(
                    pad(keys, key_width + 2),
                    theme.role(layout::Role::STRONG, None),
                ),
                Span::raw(*help),
            ])
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Cuts `text` to at most `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = layout::wrap::char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Pads `text` with spaces to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let w = str_width(text);
    if w >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - w))
    }
}
