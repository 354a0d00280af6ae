//! Drawing the finder: the query line with its cursor, results with matched characters
//! highlighted (computed for the rows on screen only), and a preview when there is room.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::App;
use super::finder::{FinderState, Source};
use super::theme::Theme;
use crate::layout::{str_width, wrap};
use crate::search::CandidateKind;

/// Draws the finder over the panes.
pub fn draw_finder(app: &App, frame: &mut Frame, state: &FinderState) {
    let theme = app.theme;
    let area = frame.area();
    let width = area.width.saturating_sub(4).max(area.width.min(20));
    let height = area.height.saturating_sub(2).max(area.height.min(3));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let status = if app.search.index.is_none() {
        " indexing… ".to_owned()
    } else {
        // A preview's rows are on screen while the full ranking runs (its count is unknown).
        let count = if state.pending {
            "ranking…".to_owned()
        } else {
            format!("{} matches", state.total)
        };
        if app.search.indexing_facts() {
            format!(" {count} · indexing key facts… ")
        } else {
            format!(" {count} ")
        }
    };
    let mut block = Block::bordered()
        .title(" Find — ↑↓ move · Enter jump · C-v highlight · Esc back · #headings $facts @glossary ' bookmarks ")
        .title_bottom(Line::from(status).right_aligned())
        .border_style(theme.border(true));
    if let Some(note) = app.converting_note() {
        // Those papers are not in the index yet.
        block =
            block.title_bottom(Line::styled(format!(" {note} "), theme.warning()).left_aligned());
    }
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    // The query line.
    let text = state.input.text();
    let before: String = text.chars().take(state.input.cursor()).collect();
    let prompt = "/ ";
    let query_width = usize::from(inner.width).saturating_sub(prompt.len());
    let skip = str_width(&before).saturating_sub(query_width.saturating_sub(1));
    let shown: String = text
        .chars()
        .scan(0, |col, c| {
            let at = *col;
            *col += crate::layout::wrap::char_width(c);
            Some((at, c))
        })
        .filter(|(at, _)| *at >= skip)
        .map(|(_, c)| c)
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.role(crate::layout::Role::STRONG, None)),
            Span::raw(shown),
        ])),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let cursor_x = inner.x
        + (prompt.len() + str_width(&before) - skip).min(usize::from(inner.width) - 1) as u16;
    frame.set_cursor_position(Position::new(cursor_x, inner.y));
    if inner.height < 3 {
        return;
    }
    let body = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2);
    let (list, preview) = if body.width >= 100 {
        let list_width = body.width * 55 / 100;
        (
            Rect::new(body.x, body.y, list_width, body.height),
            Some(Rect::new(
                body.x + list_width + 1,
                body.y,
                body.width - list_width - 1,
                body.height,
            )),
        )
    } else {
        (body, None)
    };
    draw_rows(app, frame, state, list, theme);
    if let Some(preview) = preview {
        draw_preview(app, frame, state, preview, theme);
    }
}

fn kind_label(kind: CandidateKind) -> &'static str {
    match kind {
        CandidateKind::Heading => "§",
        CandidateKind::Sentence => " ",
        CandidateKind::Fact => "$",
        CandidateKind::Glossary => "@",
        CandidateKind::Bookmark => "◆",
    }
}

fn draw_rows(app: &App, frame: &mut Frame, state: &FinderState, area: Rect, theme: Theme) {
    if state.rows.is_empty() {
        let message = if app.search.index.is_none() {
            "Indexing the library…"
        } else if state.pending {
            "Searching…"
        } else if app.search.indexing_facts() {
            "No matches yet (key facts are still being indexed)"
        } else {
            "No matches"
        };
        frame.render_widget(Paragraph::new(message).style(theme.dim()), area);
        return;
    }
    let per_row = 2;
    let visible = (usize::from(area.height) / per_row).max(1);
    let first = state.selected.saturating_sub(visible - 1);
    let width = usize::from(area.width);
    let query = state.input.text();
    let mut lines = Vec::new();
    for (i, row) in state.rows.iter().enumerate().skip(first).take(visible) {
        let Some(index) = app.search.index_of(row.source) else {
            continue;
        };
        let candidate = index.get(row.id);
        let selected = i == state.selected;
        let paper = &app.library.papers[candidate.paper as usize];
        let mut place = paper.meta.title.clone();
        if let Some(s) = candidate.section() {
            place = super::draw::crumbs(
                &place,
                Some(&paper.title_path(s as usize).join(" › ")),
                width.saturating_sub(4),
            );
        }
        let kind = if row.source == Source::Bookmarks {
            "◆"
        } else {
            kind_label(candidate.kind)
        };
        let head_style = if selected {
            theme.selected(true)
        } else {
            theme.dim()
        };
        lines.push(Line::styled(
            super::draw::pad(
                &super::draw::truncate(&format!("{kind} {place}"), width),
                width,
            ),
            head_style,
        ));
        let matched = crate::search::indices(index, query, row.id);
        lines.push(highlighted_line(
            index.text(row.id),
            &matched,
            width,
            theme,
            if selected {
                theme.selected(false)
            } else {
                Style::new()
            },
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The candidate's text on one line, starting a little before its first match so the match
/// shows, matched characters highlighted.
fn highlighted_line(
    text: &str,
    matched: &[usize],
    width: usize,
    theme: Theme,
    base: Style,
) -> Line<'static> {
    let chars: Vec<char> = text.chars().collect();
    let first = matched.first().copied().unwrap_or(0);
    let lead: usize = chars[..first.min(chars.len())]
        .iter()
        .map(|c| crate::layout::wrap::char_width(*c))
        .sum();
    let mut start = 0;
    if lead + 4 > width.saturating_sub(2) {
        // Skip ahead so the first match sits a third of the way in.
        let mut skipped = 0;
        while start < first && lead - skipped > width / 3 {
            skipped += crate::layout::wrap::char_width(chars[start]);
            start += 1;
        }
    }
    let mut spans = vec![Span::styled("  ", base)];
    if start > 0 {
        spans.push(Span::styled("…", base.patch(theme.dim())));
    }
    let mut used = 2 + usize::from(start > 0);
    for (i, c) in chars.iter().enumerate().skip(start) {
        let w = crate::layout::wrap::char_width(*c);
        if used + w > width {
            break;
        }
        used += w;
        let style = if matched.binary_search(&i).is_ok() {
            base.patch(theme.mark())
        } else {
            base
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    Line::from(spans)
}

fn draw_preview(app: &App, frame: &mut Frame, state: &FinderState, area: Rect, theme: Theme) {
    let Some(row) = state.rows.get(state.selected) else {
        return;
    };
    let Some(index) = app.search.index_of(row.source) else {
        return;
    };
    let candidate = index.get(row.id);
    let paper = &app.library.papers[candidate.paper as usize];
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border(false));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width).max(2);
    let mut lines = Vec::new();
    let target = candidate.block as usize;
    // Two lines of the block before, for context, then the target and what follows.
    if let Some(before) = target.checked_sub(1).and_then(|b| paper.blocks.get(b)) {
        let wrapped = wrap(&before.text, width);
        for range in wrapped.iter().skip(wrapped.len().saturating_sub(2)) {
            lines.push(Line::styled(
                before.text[range.clone()].to_owned(),
                theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
    }
    let offset = candidate.offset as usize;
    let end = offset + candidate.text_len();
    for b in target..paper.blocks.len() {
        let text = &paper.blocks[b].text;
        for range in wrap(text, width) {
            let inside = b == target && range.end > offset && range.start < end;
            let style = if inside {
                theme.role(crate::layout::Role::STRONG, None)
            } else if b == target {
                Style::new()
            } else {
                theme.dim()
            };
            lines.push(Line::styled(text[range].to_owned(), style));
        }
        lines.push(Line::raw(""));
        if lines.len() >= usize::from(inner.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
