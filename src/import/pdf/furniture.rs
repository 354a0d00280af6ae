//! Page furniture out of the body: running headers and footers, page numbers, printer's slugs
//! and rotated margin notes — text printed in the same place on several pages, page-number
//! lines in the margins, a column of line numbers beside the text.

use super::lines::Line;
use std::collections::HashMap;

/// One page's lines and size, as furniture detection sees them.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Page height in points.
    pub height: f32,
    /// Its lines in drawing order.
    pub lines: Vec<Line>,
}

/// The share of the page height at the top and at the bottom where headers and footers live.
const MARGIN_BAND: f32 = 0.1;
/// A lone line this close to the page edge (share of the height) is a header or footer.
const EDGE_BAND: f32 = 0.08;

/// A line's text with every number made `#`, lower-cased: "Page 3 of 9" and "Page 4 of 9" agree.
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Whether a line is only a page number: `12`, `iv`, `Page 3`, `Page 3 of 9`, `- 4 -`, `3/9`.
pub fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .or_else(|| t.strip_prefix("p. "))
        .unwrap_or(t);
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let Some(first) = parts.next() else {
        return false;
    };
    let number = |p: &str| {
        (p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
            || (p.len() <= 7 && p.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')))
    };
    number(first) && parts.all(|p| p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

fn in_band(line: &Line, height: f32, band: f32) -> bool {
    line.y < height * band || line.top() > height * (1.0 - band)
}

/// Marks, for every page, which lines are furniture.
pub fn furniture(pages: &[Page]) -> Vec<Vec<bool>> {
    // where each key is printed: (page, y)
    let mut places: HashMap<(String, bool), Vec<(usize, f32)>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for line in &page.lines {
            if !line.upright || in_band(line, page.height, MARGIN_BAND) {
                places
                    .entry((key(&line.text), line.upright))
                    .or_default()
                    .push((p, line.y));
            }
        }
    }
    let repeated = |line: &Line, p: usize| {
        places
            .get(&(key(&line.text), line.upright))
            .is_some_and(|v| {
                let mut others: Vec<usize> = v
                    .iter()
                    .filter(|&&(q, y)| q != p && (!line.upright || (y - line.y).abs() <= 4.0))
                    .map(|&(q, _)| q)
                    .collect();
                others.dedup();
                !others.is_empty()
            })
    };
    let mut marks: Vec<Vec<bool>> = pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            let numbers = line_numbers(&page.lines);
            page.lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    numbers[i]
                        || (!line.upright && repeated(line, p))
                        || (in_band(line, page.height, MARGIN_BAND)
                            && (repeated(line, p)
                                || is_page_number(&line.text)
                                || lone_at_edge(&page.lines, i, page.height)))
                })
                .collect()
        })
        .collect();
    cover_repeated(pages, &mut marks);
    marks
}

/// A cover page whose every line the title page after it prints again (the title, the
/// publisher): the cover is taken out, so the body has the title page once.
fn cover_repeated(pages: &[Page], marks: &mut [Vec<bool>]) {
    let [cover, title, ..] = pages else { return };
    let kept: Vec<&Line> = cover
        .lines
        .iter()
        .zip(&marks[0])
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l)
        .collect();
    if kept.is_empty() || kept.len() > 12 {
        return;
    }
    let on_title: std::collections::HashSet<String> =
        title.lines.iter().map(|l| key(&l.text)).collect();
    if kept.iter().all(|l| on_title.contains(&key(&l.text))) {
        marks[0].iter_mut().for_each(|f| *f = true);
    }
}

/// A short line close to the top or bottom edge, well apart from every other line.
fn lone_at_edge(lines: &[Line], i: usize, height: f32) -> bool {
    let line = &lines[i];
    if !in_band(line, height, EDGE_BAND) || line.text.split_whitespace().count() > 12 {
        return false;
    }
    let gap = 1.8 * line.size;
    lines.iter().enumerate().all(|(j, o)| {
        j == i || (o.y - line.y).abs() > gap || (o.y - line.y).abs() <= 0.2 * line.size
    })
}

/// Lines that are only a small number stacked at one x (at least five of them) beside all the
/// other text: a transcript's or a draft's line numbers (not a table's numbered rows).
fn line_numbers(lines: &[Line]) -> Vec<bool> {
    let bare =
        |l: &Line| l.upright && l.text.len() <= 3 && l.text.chars().all(|c| c.is_ascii_digit());
    let left = lines
        .iter()
        .filter(|l| !bare(l))
        .map(|l| l.x0)
        .fold(f32::MAX, f32::min);
    let right = lines
        .iter()
        .filter(|l| !bare(l))
        .map(|l| l.x1)
        .fold(f32::MIN, f32::max);
    lines
        .iter()
        .map(|l| {
            bare(l)
                && (l.x1 < left || l.x0 > right)
                && lines
                    .iter()
                    .filter(|o| bare(o) && (o.x1 - l.x1).abs() <= 3.0)
                    .count()
                    >= 5
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[(f32, &str)]) -> Page {
        Page {
            height: 800.0,
            lines: lines
                .iter()
                .map(|&(y, t)| Line::at(72.0, y, 10.0, t))
                .collect(),
        }
    }

    fn body(pages: &[Page]) -> Vec<Vec<String>> {
        let marks = furniture(pages);
        pages
            .iter()
            .zip(marks)
            .map(|(p, m)| {
                p.lines
                    .iter()
                    .zip(m)
                    .filter(|(_, f)| !f)
                    .map(|(l, _)| l.text.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn running_header_and_numbered_footer_repeating_in_place_are_dropped() {
        let pages = [
            page(&[
                (40.0, "The Root Filesystem"),
                (100.0, "Body one."),
                (760.0, "Page 1 of 2"),
            ]),
            page(&[
                (40.0, "The Root Filesystem"),
                (100.0, "Body two."),
                (760.0, "Page 2 of 2"),
            ]),
        ];
        assert_eq!(body(&pages), [vec!["Body one."], vec!["Body two."]]);
    }

    #[test]
    fn the_same_text_in_the_body_stays() {
        let pages = [
            page(&[(40.0, "Header"), (300.0, "Header"), (400.0, "Text.")]),
            page(&[(40.0, "Header"), (500.0, "Other.")]),
        ];
        assert_eq!(body(&pages), [vec!["Header", "Text."], vec!["Other."]]);
    }

    #[test]
    fn page_numbers_in_the_margin_go_even_on_one_page() {
        let pages = [page(&[
            (100.0, "12 monkeys ran."),
            (700.0, "Body"),
            (785.0, "iv"),
        ])];
        assert_eq!(body(&pages), [vec!["12 monkeys ran.", "Body"]]);
        for t in ["12", "iv", "Page 3", "Page 3 of 9", "- 4 -", "3/9"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12 monkeys", "2020 was", "Page one"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn a_lone_line_at_the_page_edge_is_a_header() {
        let pages = [page(&[
            (30.0, "Kimsuky — MITRE ATT&CK®"),
            (90.0, "Kimsuky"),
            (120.0, "Text."),
        ])];
        assert_eq!(body(&pages), [vec!["Kimsuky", "Text."]]);
    }

    #[test]
    fn a_cover_the_title_page_repeats_is_dropped_and_a_different_one_kept() {
        let cover = page(&[(300.0, "The Standard"), (500.0, "The Foundation")]);
        let title = page(&[
            (100.0, "The Standard"),
            (120.0, "The Foundation"),
            (140.0, "Version 3.0"),
        ]);
        let got = body(&[cover.clone(), title.clone()]);
        assert!(got[0].is_empty(), "{got:?}");
        assert_eq!(got[1].len(), 3);
        let other = page(&[(300.0, "The Standard"), (500.0, "A picture caption")]);
        assert_eq!(body(&[other, title])[0].len(), 2);
    }

    #[test]
    fn rotated_margin_note_on_every_page_is_dropped() {
        let mut pages = [page(&[(300.0, "One.")]), page(&[(300.0, "Two.")])];
        for p in &mut pages {
            let mut note = Line::at(20.0, 400.0, 6.0, "jbell on DSK with PROPOSALS");
            note.upright = false;
            p.lines.push(note);
        }
        assert_eq!(body(&pages), [vec!["One."], vec!["Two."]]);
    }

    #[test]
    fn a_tables_numbered_rows_are_not_line_numbers() {
        let mut lines = Vec::new();
        for n in 1..=6 {
            lines.push(Line::at(
                60.0,
                100.0 + 20.0 * n as f32,
                10.0,
                &n.to_string(),
            ));
            lines.push(Line::at(
                50.0,
                100.0 + 20.0 * n as f32 + 10.0,
                10.0,
                "row text",
            ));
        }
        let pages = [Page {
            height: 800.0,
            lines,
        }];
        assert_eq!(body(&pages)[0].len(), 12);
    }

    #[test]
    fn margin_line_numbers_are_dropped() {
        let mut lines: Vec<Line> = (1..=6)
            .map(|n| Line::at(40.0, 100.0 + 20.0 * n as f32, 10.0, &n.to_string()))
            .collect();
        for l in &mut lines {
            l.x0 = 50.0 - l.width();
            l.x1 = 50.0;
        }
        lines.push(Line::at(72.0, 120.0, 10.0, "Text of line one"));
        let pages = [Page {
            height: 800.0,
            lines,
        }];
        assert_eq!(body(&pages), [vec!["Text of line one"]]);
    }
}
