//! Tables: consecutive lines in reading order that share baselines in two or more aligned cells
//! become rows of a table, a wrapped cell's further lines joined to their cell. A table is read
//! row by row, never run together into a paragraph.

use super::lines::Line;

/// A table found among a page's lines: the range of lines it replaces and its rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Indices of the page's lines (in reading order) that make the table.
    pub lines: std::ops::Range<usize>,
    /// Rows of cells, every row as wide as the widest.
    pub rows: Vec<Vec<String>>,
}

/// Groups of consecutive lines on one baseline: (start, end) index ranges.
fn rows(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len()
            && lines[j].upright
            && (lines[j].y - lines[i].y).abs() <= 0.3 * lines[i].size
            && lines[j].x0 > lines[j - 1].x1
        {
            j += 1;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// The tables among one page's lines (in reading order).
pub fn tables(lines: &[Line]) -> Vec<Table> {
    let groups = rows(lines);
    let mut out = Vec::new();
    let mut g = 0;
    while g < groups.len() {
        let (s, e) = groups[g];
        if e - s < 2 {
            g += 1;
            continue;
        }
        // column starts from this row; later rows must align to them
        let mut starts: Vec<f32> = lines[s..e].iter().map(|l| l.x0).collect();
        let tol = 1.0 * lines[s].size;
        // a cell belongs to the last column starting at or left of it (numbers align right)
        let col_of = |starts: &[f32], x: f32| {
            if x < starts[0] - tol {
                return None;
            }
            Some(starts.iter().rposition(|&c| c <= x + tol).unwrap_or(0))
        };
        let mut table_rows: Vec<Vec<String>> =
            vec![lines[s..e].iter().map(|l| l.text.clone()).collect()];
        let mut multi = 1;
        let mut k = g + 1;
        let mut last_y = lines[e - 1].y;
        while k < groups.len() {
            let (rs, re) = groups[k];
            let row = &lines[rs..re];
            if row[0].y - last_y > 3.5 * row[0].size || row[0].y < last_y {
                break;
            }
            let cols: Option<Vec<usize>> = row.iter().map(|l| col_of(&starts, l.x0)).collect();
            let Some(cols) = cols else { break };
            if re - rs >= 2 || cols[0] != 0 {
                if re - rs >= 2 {
                    multi += 1;
                }
                if cols[0] != 0 && re - rs == 1 && cols[0] < starts.len() {
                    // a wrapped cell: its text joins the cell above
                    if let Some(prev) = table_rows.last_mut() {
                        while prev.len() <= cols[0] {
                            prev.push(String::new());
                        }
                        let cell = &mut prev[cols[0]];
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(&row[0].text);
                    }
                } else {
                    let mut cells = vec![String::new(); starts.len()];
                    for (l, c) in row.iter().zip(&cols) {
                        if !cells[*c].is_empty() {
                            cells[*c].push(' ');
                        }
                        cells[*c].push_str(&l.text);
                    }
                    table_rows.push(cells);
                }
                last_y = row[re - rs - 1].y;
                k += 1;
            } else {
                break;
            }
        }
        if multi >= 2 && starts.len() >= 2 {
            let width = table_rows.iter().map(Vec::len).max().unwrap_or(0);
            for r in &mut table_rows {
                r.resize(width, String::new());
            }
            starts.clear();
            out.push(Table {
                lines: s..groups[k - 1].1,
                rows: table_rows,
            });
            g = k;
        } else {
            g += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(y: f32, cells: &[(f32, &str)]) -> Vec<Line> {
        cells
            .iter()
            .map(|&(x, t)| Line::at(x, y, 10.0, t))
            .collect()
    }

    #[test]
    fn aligned_cells_become_rows_and_a_wrapped_cell_stays_in_its_cell() {
        let mut lines = vec![Line::at(50.0, 80.0, 10.0, "Before the table.")];
        lines.extend(row(
            100.0,
            &[(50.0, "No."), (90.0, "Reference"), (300.0, "Site")],
        ));
        lines.extend(row(
            112.0,
            &[(50.0, "1"), (90.0, "A long reference"), (300.0, "a.org")],
        ));
        lines.extend(row(124.0, &[(90.0, "that wraps")]));
        lines.extend(row(
            136.0,
            &[(50.0, "2"), (90.0, "Short"), (300.0, "b.org")],
        ));
        lines.push(Line::at(50.0, 170.0, 10.0, "After the table."));
        let t = tables(&lines);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lines, 1..11);
        assert_eq!(
            t[0].rows,
            [
                vec!["No.", "Reference", "Site"],
                vec!["1", "A long reference that wraps", "a.org"],
                vec!["2", "Short", "b.org"]
            ]
        );
    }

    #[test]
    fn prose_is_not_a_table() {
        let lines: Vec<Line> = (0..5)
            .map(|i| Line::at(50.0, 100.0 + 12.0 * i as f32, 10.0, "plain text line"))
            .collect();
        assert!(tables(&lines).is_empty());
    }
}
