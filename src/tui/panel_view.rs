//! Drawing the side panel: tab bar, then facts, timeline entries or glossary terms.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, Focus};
use super::draw::truncate;
use super::panel::Tab;
use super::theme::Theme;
use crate::cli::facts::principal_kind;
use crate::insights::{Fact, Source};
use crate::layout::{Role, wrap};

/// One list item: its lines, unstyled for selection.
type Item = Vec<Line<'static>>;

/// Draws the panel into `area`.
pub fn draw_panel(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::Panel;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let tabs: Vec<Span> = Tab::ALL
        .iter()
        .enumerate()
        .flat_map(|(i, tab)| {
            let active = *tab == app.panel.tab;
            let style = if active {
                theme.selected(focused)
            } else {
                theme.dim()
            };
            let label = if active || inner.width >= 36 {
                format!(" {} {} ", i + 1, tab.title())
            } else {
                format!(" {} ", i + 1)
            };
            [Span::styled(label, style), Span::raw(" ")]
        })
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(tabs)),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let mut body = Rect::new(
        inner.x + 1,
        inner.y + 2,
        inner.width.saturating_sub(1),
        inner.height.saturating_sub(2),
    );
    if body.height == 0 {
        return;
    }
    let note = match app.panel.tab {
        Tab::Facts => app
            .library
            .unready
            .contains_key(&app.reader.paper)
            .then(|| "This paper is not open yet: its facts show when it is.".to_owned()),
        // The timeline and the glossary cover the library: say which papers they miss.
        Tab::Timeline | Tab::Glossary => app
            .converting_note()
            .map(|n| format!("{n}: not in this list yet.")),
    };
    if let Some(note) = note {
        let rows: Vec<Line> = wrap(&note, usize::from(body.width))
            .into_iter()
            .map(|r| Line::styled(note[r].to_owned(), theme.warning()))
            .collect();
        let used = (rows.len() as u16 + 1).min(body.height);
        frame.render_widget(
            Paragraph::new(rows),
            Rect::new(body.x, body.y, body.width, used),
        );
        body.y += used;
        body.height -= used;
        if body.height == 0 {
            return;
        }
    }
    let width = usize::from(body.width);
    let items: Vec<Item> = match app.panel.tab {
        Tab::Facts => {
            let section = app.reader.section(&app.library);
            app.panel
                .insights
                .key_facts(app.reader.paper)
                .iter()
                .map(|f| {
                    fact_item(
                        f,
                        width,
                        f.section.is_some() && f.section == section,
                        None,
                        theme,
                    )
                })
                .collect()
        }
        Tab::Timeline => app
            .panel
            .insights
            .timeline()
            .iter()
            .map(|f| {
                let date = f.date.map(|d| d.label()).unwrap_or_default();
                let title = &app.library.papers[f.paper].meta.title;
                fact_item(f, width, false, Some(format!("{date}  {title}")), theme)
            })
            .collect(),
        Tab::Glossary => app
            .panel
            .insights
            .glossary()
            .iter()
            .map(|t| {
                let source = match t.source {
                    Source::Text => {
                        format!("defined in {}", app.library.papers[t.paper].meta.title)
                    }
                    Source::Builtin => "built in".to_owned(),
                };
                let mut lines = vec![Line::styled(
                    t.short.clone(),
                    theme.role(Role::STRONG, None),
                )];
                let long_width = width.saturating_sub(2).max(2);
                lines.extend(
                    wrap(&t.long, long_width)
                        .into_iter()
                        .take(2)
                        .map(|r| Line::raw(format!("  {}", &t.long[r]))),
                );
                lines.push(Line::styled(
                    truncate(&format!("  {source} · {}×", t.count), width),
                    theme.dim(),
                ));
                lines
            })
            .collect(),
    };
    if items.is_empty() {
        if app.panel.tab == Tab::Facts && app.library.unready.contains_key(&app.reader.paper) {
            return;
        }
        let empty = match app.panel.tab {
            Tab::Facts => "No figures or dates found in this paper.",
            Tab::Timeline => "No dated facts in the library.",
            Tab::Glossary => "No acronyms found.",
        };
        frame.render_widget(Paragraph::new(empty).style(theme.dim()), body);
        return;
    }
    let selected = app.panel.selected().min(items.len() - 1);
    let heights: Vec<usize> = items.iter().map(|i| i.len() + 1).collect();
    let first = first_visible(&heights, selected, usize::from(body.height));
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in items.into_iter().enumerate().skip(first) {
        for line in item {
            lines.push(if i == selected {
                highlight_row(line, width, theme.selected(focused))
            } else {
                line
            });
        }
        lines.push(Line::raw(""));
        if lines.len() >= usize::from(body.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// The first item to draw so the selected one is fully visible.
fn first_visible(heights: &[usize], selected: usize, height: usize) -> usize {
    let mut first = selected;
    let mut used = heights[selected];
    while first > 0 && used + heights[first - 1] <= height {
        first -= 1;
        used += heights[first];
    }
    first
}

fn highlight_row(line: Line<'static>, width: usize, style: Style) -> Line<'static> {
    let shown: usize = line
        .spans
        .iter()
        .map(|s| crate::layout::str_width(&s.content))
        .sum();
    let mut spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|s| Span::styled(s.content, s.style.patch(style)))
        .collect();
    if shown < width {
        spans.push(Span::styled(" ".repeat(width - shown), style));
    }
    Line::from(spans)
}

/// A fact: a header (kind and figures, or `header` for the timeline), then its sentence
/// wrapped in up to three lines with the figures highlighted.
fn fact_item(
    fact: &Fact,
    width: usize,
    current: bool,
    header: Option<String>,
    theme: Theme,
) -> Item {
    let mark = if current { "▸ " } else { "  " };
    let head = header.unwrap_or_else(|| {
        let kind = format!("{:?}", principal_kind(&fact.spans)).to_lowercase();
        let figures: Vec<&str> = fact.spans.iter().map(|s| s.text.as_str()).collect();
        format!("{kind} · {}", figures.join(" · "))
    });
    let mut lines = vec![Line::styled(
        truncate(&format!("{mark}{head}"), width),
        theme.role(Role::STRONG, None),
    )];
    let text_width = width.saturating_sub(2).max(2);
    let ranges: Vec<Range<usize>> = fact.spans.iter().map(|s| s.range.clone()).collect();
    let wrapped = wrap(&fact.text, text_width);
    let shown = wrapped.len().min(3);
    for (n, line) in wrapped.iter().take(shown).enumerate() {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(marked(&fact.text, line.clone(), &ranges, theme));
        if n + 1 == shown && wrapped.len() > shown {
            spans.push(Span::styled("…", theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// `text[line]` split into spans, the parts inside `marks` highlighted.
fn marked(
    text: &str,
    line: Range<usize>,
    marks: &[Range<usize>],
    theme: Theme,
) -> Vec<Span<'static>> {
    let mut cuts = vec![line.start, line.end];
    for m in marks {
        for edge in [m.start, m.end] {
            if edge > line.start && edge < line.end && text.is_char_boundary(edge) {
                cuts.push(edge);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let piece = text[w[0]..w[1]].to_owned();
            if marks.iter().any(|m| m.start <= w[0] && w[1] <= m.end) {
                Span::styled(piece, theme.mark())
            } else {
                Span::raw(piece)
            }
        })
        .collect()
}
