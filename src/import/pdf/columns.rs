//! Reading order of a page's lines: find the gutters of a page set in columns, then read each
//! stretch between full-width lines (a title, a wide table) column by column, top to bottom.
//! Narrow "columns" of one or two words a line (a table's cells, a two-column list) are not
//! text columns: they are read row by row.

use super::lines::Line;

/// Gutters (x ranges) between text columns; empty for a page in one column.
fn gutters(lines: &[&Line], min_lines: usize) -> Vec<(f32, f32)> {
    let upright: Vec<&&Line> = lines.iter().filter(|l| l.upright).collect();
    if upright.len() < min_lines {
        return Vec::new();
    }
    let left = upright.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let right = upright.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let width = right - left;
    if width <= 0.0 || width > 20_000.0 {
        return Vec::new();
    }
    let narrow: Vec<&&&Line> = upright.iter().filter(|l| l.width() < 0.6 * width).collect();
    if narrow.len() < min_lines {
        return Vec::new();
    }
    let mut sizes: Vec<f32> = narrow.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    // coverage of the text width by narrow lines, in 1-point bins
    let bins = width.ceil() as usize + 1;
    let mut cover = vec![0u32; bins];
    for l in &narrow {
        let a = ((l.x0 - left).max(0.0) as usize).min(bins - 1);
        let b = ((l.x1 - left).max(0.0) as usize).min(bins - 1);
        for c in &mut cover[a..=b] {
            *c += 1;
        }
    }
    let allowed = (narrow.len() / 20) as u32;
    let mut found = Vec::new();
    let mut i = (0.1 * width) as usize;
    let end = (0.9 * width) as usize;
    while i < end {
        if cover[i] > allowed {
            i += 1;
            continue;
        }
        let start = i;
        while i < bins && cover[i] <= allowed {
            i += 1;
        }
        let (a, b) = (left + start as f32, left + i as f32);
        if b - a >= (0.6 * size).max(4.0) {
            found.push((a, b));
        }
    }
    // keep gutters with text columns (several words a line) on both sides
    let mut edges = vec![left - 1.0];
    edges.extend(found.iter().map(|g| f32::midpoint(g.0, g.1)));
    edges.push(right + 1.0);
    let is_text_column = |lo: f32, hi: f32| {
        let inside: Vec<&&&Line> = narrow
            .iter()
            .filter(|l| l.x0 >= lo && l.x1 <= hi)
            .copied()
            .collect();
        let words: usize = inside
            .iter()
            .map(|l| l.text.split_whitespace().count())
            .sum();
        let prose = inside.len() >= 3
            && inside.len() * 5 >= narrow.len() / found.len().max(1)
            && words >= 3 * inside.len();
        let list = inside.len() >= 2
            && inside
                .iter()
                .all(|l| super::blocks::list_marker(&l.text).is_some());
        prose || list
    };
    let mut kept = Vec::new();
    for (k, g) in found.iter().enumerate() {
        if is_text_column(edges[k], g.0 + 0.5) && is_text_column(g.1 - 0.5, edges[k + 2]) {
            kept.push(*g);
        }
    }
    kept
}

/// Sorts line indices top to bottom, lines on one baseline left to right.
fn top_to_bottom(lines: &[Line], order: &mut [usize]) {
    order.sort_by(|a, b| lines[*a].y.total_cmp(&lines[*b].y));
    let mut start = 0;
    while start < order.len() {
        let first = &lines[order[start]];
        let mut end = start + 1;
        while end < order.len() && lines[order[end]].y - first.y <= 0.3 * first.size {
            end += 1;
        }
        order[start..end].sort_by(|a, b| lines[*a].x0.total_cmp(&lines[*b].x0));
        start = end;
    }
}

/// The indices of `lines` in reading order.
pub fn reading_order(lines: &[Line]) -> Vec<usize> {
    // rotated lines keep their drawing order, after the page's text
    let (mut upright, rotated): (Vec<usize>, Vec<usize>) =
        (0..lines.len()).partition(|&i| lines[i].upright);
    top_to_bottom(lines, &mut upright);
    let refs: Vec<&Line> = upright.iter().map(|&i| &lines[i]).collect();
    let page = gutters(&refs, 6);
    let mut out = if page.is_empty() {
        // no columns over the whole page: look for them between the page's wide gaps
        // (a two-column list between headings)
        let mut out = Vec::with_capacity(lines.len());
        let mut start = 0;
        for k in 1..=upright.len() {
            let split = k == upright.len() || {
                let (a, b) = (&lines[upright[k - 1]], &lines[upright[k]]);
                b.y - a.y > 1.6 * a.size.min(b.size)
            };
            if split {
                let band = &upright[start..k];
                let refs: Vec<&Line> = band.iter().map(|&i| &lines[i]).collect();
                out.extend(by_columns(lines, band, &gutters(&refs, 4)));
                start = k;
            }
        }
        out
    } else {
        by_columns(lines, &upright, &page)
    };
    out.extend(rotated);
    out
}

/// Lines (sorted top to bottom) read column by column between full-width lines.
fn by_columns(lines: &[Line], sorted: &[usize], gutters: &[(f32, f32)]) -> Vec<usize> {
    if gutters.is_empty() {
        return sorted.to_vec();
    }
    let column = |l: &Line| -> Option<usize> {
        if gutters.iter().any(|g| l.x0 < g.0 && l.x1 > g.1) {
            return None;
        }
        Some(gutters.iter().filter(|g| l.x0 >= g.1 - 0.5).count())
    };
    let mut out = Vec::with_capacity(sorted.len());
    let mut stretch: Vec<Vec<usize>> = vec![Vec::new(); gutters.len() + 1];
    for &i in sorted {
        if let Some(c) = column(&lines[i]) {
            stretch[c].push(i)
        } else {
            for col in &mut stretch {
                out.append(col);
            }
            out.push(i);
        }
    }
    for col in &mut stretch {
        out.append(col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of `cols` columns, `rows` lines each, "cC lR w w w", columns 170 points apart.
    fn columns(cols: usize, rows: usize, top: f32) -> Vec<Line> {
        let mut out = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let mut l = Line::at(
                    50.0 + 170.0 * c as f32,
                    top + 12.0 * r as f32,
                    10.0,
                    &format!("c{c} l{r} some words here"),
                );
                l.x1 = l.x0 + 150.0;
                out.push(l);
            }
        }
        out
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        reading_order(lines)
            .into_iter()
            .map(|i| lines[i].text.clone())
            .collect()
    }

    #[test]
    fn three_columns_read_column_by_column() {
        let got = texts(&columns(3, 5, 100.0));
        let want: Vec<String> = (0..3)
            .flat_map(|c| (0..5).map(move |r| format!("c{c} l{r} some words here")))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_full_width_title_above_two_columns_stays_first() {
        let mut lines = columns(2, 4, 100.0);
        let mut title = Line::at(50.0, 70.0, 14.0, "A title across the page");
        title.x1 = 370.0;
        lines.push(title);
        let got = texts(&lines);
        assert_eq!(got[0], "A title across the page");
        assert_eq!(got[1], "c0 l0 some words here");
        assert_eq!(got[4], "c0 l3 some words here");
        assert_eq!(got[5], "c1 l0 some words here");
    }

    #[test]
    fn a_full_width_line_between_column_stretches_is_read_in_place() {
        let mut lines = columns(2, 3, 100.0);
        let mut wide = Line::at(50.0, 140.0, 10.0, "wide line in the middle");
        wide.x1 = 370.0;
        lines.push(wide);
        lines.extend(columns(2, 3, 160.0).into_iter().map(|mut l| {
            l.text = format!("b {}", l.text);
            l
        }));
        let got = texts(&lines);
        assert_eq!(got[2], "c0 l2 some words here");
        assert_eq!(got[3], "c1 l0 some words here");
        assert_eq!(got[6], "wide line in the middle");
        assert_eq!(got[7], "b c0 l0 some words here");
        assert_eq!(got[10], "b c1 l0 some words here");
    }

    #[test]
    fn a_table_of_short_cells_reads_row_by_row() {
        let mut lines = Vec::new();
        for r in 0..6 {
            lines.push(Line::at(
                50.0,
                100.0 + 12.0 * r as f32,
                10.0,
                &format!("{r}"),
            ));
            lines.push(Line::at(
                120.0,
                100.0 + 12.0 * r as f32,
                10.0,
                &format!("name{r}"),
            ));
            lines.push(Line::at(
                300.0,
                100.0 + 12.0 * r as f32,
                10.0,
                &format!("site{r}.org"),
            ));
        }
        let got = texts(&lines);
        assert_eq!(&got[..4], ["0", "name0", "site0.org", "1"]);
    }

    #[test]
    fn a_two_column_list_between_headings_reads_column_by_column() {
        let mut lines = vec![Line::at(50.0, 80.0, 12.0, "Aliases")];
        for (x, items) in [
            (60.0, ["• one", "• two", "• three"].as_slice()),
            (300.0, ["• four", "• five"].as_slice()),
        ] {
            for (r, t) in items.iter().enumerate() {
                lines.push(Line::at(x, 100.0 + 10.5 * r as f32, 9.0, t));
            }
        }
        lines.push(Line::at(50.0, 150.0, 12.0, "References"));
        for r in 0..4 {
            lines.push(Line::at(
                60.0,
                170.0 + 12.0 * r as f32,
                9.0,
                "a wide table row that crosses the list gutter here",
            ));
        }
        let got = texts(&lines);
        assert_eq!(
            &got[..7],
            [
                "Aliases",
                "• one",
                "• two",
                "• three",
                "• four",
                "• five",
                "References"
            ]
        );
    }

    #[test]
    fn one_column_reads_top_to_bottom() {
        let lines = vec![
            Line::at(50.0, 120.0, 10.0, "second"),
            Line::at(50.0, 100.0, 10.0, "first"),
        ];
        assert_eq!(texts(&lines), ["first", "second"]);
    }
}
