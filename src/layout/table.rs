//! Tables: column widths fitted to the space, cells wrapped inside their columns.

use super::blocks::role_of;
use super::wrap::{str_width, wrap};
use super::{Line, LineKind, Role, Seg};
use crate::document::{Align, Cell, Table};

/// Appends a table's lines: header, a rule, then the rows; `│` between columns.
pub(super) fn lines(table: &Table, width: usize, lines: &mut Vec<Line>) {
    let columns = table.aligns.len().max(1);
    if 3 * (columns - 1) + 2 * columns > width {
        stacked(table, width, lines);
        return;
    }
    let widths = column_widths(table, columns, width);
    for (r, row) in table.rows.iter().enumerate() {
        let role = if r == 0 { Role::TABLE_HEAD } else { Role::BODY };
        let wrapped: Vec<Vec<std::ops::Range<usize>>> = (0..columns)
            .map(|c| {
                row.get(c).map_or_else(
                    || std::iter::once(0..0).collect(),
                    |cell| wrap(&cell.text, widths[c]),
                )
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for l in 0..height {
            let mut segs = Vec::new();
            for c in 0..columns {
                if c > 0 {
                    segs.push(plain(" │ ", Role::RULE));
                }
                let cell = row.get(c);
                let range = wrapped[c].get(l).cloned().unwrap_or(0..0);
                let text = cell.map_or("", |cell| &cell.text[range.clone()]);
                let pad = widths[c].saturating_sub(str_width(text));
                let (left, right) = match table.aligns.get(c) {
                    Some(Align::Right) => (pad, 0),
                    Some(Align::Center) => (pad / 2, pad - pad / 2),
                    _ => (0, pad),
                };
                if left > 0 {
                    segs.push(plain(&" ".repeat(left), Role::BODY));
                }
                if let Some(cell) = cell {
                    segs.extend(cell_segs(cell, range, role));
                }
                if right > 0 && c + 1 < columns {
                    segs.push(plain(&" ".repeat(right), Role::BODY));
                }
            }
            lines.push(Line {
                segs,
                kind: LineKind::Table,
                block: None,
                start: 0,
                end: 0,
            });
        }
        if r == 0 {
            let rule = widths
                .iter()
                .map(|w| "─".repeat(*w))
                .collect::<Vec<_>>()
                .join("─┼─");
            lines.push(Line {
                segs: vec![plain(&rule, Role::RULE)],
                kind: LineKind::Table,
                block: None,
                start: 0,
                end: 0,
            });
        }
    }
}

/// A table too wide for any column layout: each row as `header: value` lines.
fn stacked(table: &Table, width: usize, lines: &mut Vec<Line>) {
    let header = table.rows.first();
    for (r, row) in table.rows.iter().enumerate().skip(1) {
        if r > 1 {
            lines.push(Line {
                segs: vec![plain(&"─".repeat(width.min(8)), Role::RULE)],
                kind: LineKind::Table,
                block: None,
                start: 0,
                end: 0,
            });
        }
        for (c, cell) in row.iter().enumerate() {
            let name = header
                .and_then(|h| h.get(c))
                .map_or("", |h| h.text.as_str());
            let text = format!("{name}: {}", cell.text);
            for range in wrap(&text, width) {
                lines.push(Line {
                    segs: vec![plain(&text[range], Role::BODY)],
                    kind: LineKind::Table,
                    block: None,
                    start: 0,
                    end: 0,
                });
            }
        }
    }
    if table.rows.len() <= 1
        && let Some(header) = header
    {
        let text = header
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        for range in wrap(&text, width) {
            lines.push(Line {
                segs: vec![plain(&text[range], Role::TABLE_HEAD)],
                kind: LineKind::Table,
                block: None,
                start: 0,
                end: 0,
            });
        }
    }
}

fn plain(text: &str, role: Role) -> Seg {
    Seg {
        text: text.to_owned(),
        role,
        src: None,
        link: None,
    }
}

fn cell_segs(cell: &Cell, range: std::ops::Range<usize>, role: Role) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut pos = range.start;
    for run in &cell.runs {
        if run.range.end <= pos || run.range.start >= range.end {
            continue;
        }
        let from = run.range.start.max(pos);
        if from > pos {
            segs.push(plain(&cell.text[pos..from], role));
        }
        let to = run.range.end.min(range.end);
        segs.push(Seg {
            text: cell.text[from..to].to_owned(),
            role: role.with(role_of(run.style)),
            src: None,
            link: run.link,
        });
        pos = to;
    }
    if range.end > pos {
        segs.push(plain(&cell.text[pos..range.end], role));
    }
    segs
}

/// Natural column widths, shrunk (widest first) until the table fits `width`; at least 2 each.
fn column_widths(table: &Table, columns: usize, width: usize) -> Vec<usize> {
    let mut widths = vec![1usize; columns];
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            widths[c] = widths[c].max(str_width(&cell.text));
        }
    }
    let separators = 3 * (columns - 1);
    let available = width.saturating_sub(separators).max(2 * columns);
    while widths.iter().sum::<usize>() > available {
        let Some((widest, _)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if widths[widest] <= 2 {
            break;
        }
        widths[widest] -= 1;
    }
    widths
}
