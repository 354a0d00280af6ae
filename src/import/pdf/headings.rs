//! Which lines are headings and notes: the PDF's outline entries found on their pages first,
//! else lines set larger than the body text; numbered headings (`1.`, `2.3`) nest by their
//! number. Small lines at a page's foot that start with a number are footnotes.

use super::blocks::Role;
use super::lines::Line;
use super::meta::Entry;

/// Letters and digits only, lower-cased: how a heading line and an outline title are compared.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The size most of the document's characters are set in.
pub fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for l in pages.iter().flatten() {
        let k = (l.size * 2.0).round() as i32;
        let n = l.text.chars().count();
        match counts.iter_mut().find(|(s, _)| *s == k) {
            Some((_, c)) => *c += n,
            None => counts.push((k, n)),
        }
    }
    counts
        .iter()
        .max_by_key(|(_, c)| *c)
        .map_or(10.0, |&(k, _)| k as f32 / 2.0)
}

/// The depth of a heading's number: `2.` and `2` → 1, `2.3` → 2, `A.1.2` → 3.
pub fn number_depth(text: &str) -> Option<usize> {
    let first = text.split_whitespace().next()?;
    let first = first.strip_suffix('.').unwrap_or(first);
    let parts: Vec<&str> = first.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
    let ok = parts.iter().skip(1).all(numeric)
        && (numeric(&parts[0])
            || (parts.len() > 1
                && parts[0].len() == 1
                && parts[0].chars().all(|c| c.is_ascii_uppercase())));
    (ok && parts.len() <= 6 && text.split_whitespace().nth(1).is_some()).then_some(parts.len())
}

/// Marks outline entries' lines as headings. `pages` are the body lines in reading order;
/// returns how many entries were found.
pub fn from_outline(pages: &[Vec<Line>], outline: &[Entry], roles: &mut [Vec<Role>]) -> usize {
    let mut found = 0;
    // where the search goes on from: (page, line)
    let mut at = (0usize, 0usize);
    for entry in outline {
        let want = squash(&entry.title);
        if want.is_empty() {
            continue;
        }
        let first_page = entry.page.unwrap_or(at.0).max(at.0);
        let last_page = (first_page + 1).min(pages.len().saturating_sub(1));
        'search: for p in first_page..=last_page {
            let start = if p == at.0 { at.1 } else { 0 };
            for i in start..pages.get(p).map_or(0, Vec::len) {
                if roles[p][i] != Role::Text {
                    continue;
                }
                // the title over up to three lines
                let mut got = String::new();
                for k in 0..3 {
                    let Some(l) = pages[p].get(i + k) else { break };
                    got.push_str(&squash(&l.text));
                    if got == want {
                        for r in &mut roles[p][i..=i + k] {
                            *r = Role::Heading(entry.level);
                        }
                        found += 1;
                        at = (p, i + k + 1);
                        break 'search;
                    }
                    if got.is_empty() || !want.starts_with(&got) {
                        break;
                    }
                }
            }
        }
    }
    found
}

/// Marks lines set clearly larger than the body as headings, their level from their size's
/// rank (or their number's depth).
pub fn from_sizes(pages: &[Vec<Line>], body: f32, roles: &mut [Vec<Role>]) {
    let is_heading = |l: &Line| {
        l.upright
            && l.size >= 1.15 * body
            && l.text.split_whitespace().count() <= 20
            && l.text.chars().any(char::is_alphabetic)
    };
    let mut sizes: Vec<i32> = pages
        .iter()
        .flatten()
        .filter(|l| is_heading(l))
        .map(|l| l.size.round() as i32)
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.dedup();
    for (p, lines) in pages.iter().enumerate() {
        for (i, l) in lines.iter().enumerate() {
            if roles[p][i] == Role::Text && is_heading(l) {
                let rank = sizes
                    .iter()
                    .position(|&s| s == l.size.round() as i32)
                    .unwrap_or(0)
                    + 1;
                roles[p][i] = Role::Heading(number_depth(&l.text).unwrap_or(rank).min(6));
            }
        }
    }
}

/// A footnote's label at the start of a line: `12 Text`, `12. Text`, or a raised `12`.
fn note_label(l: &Line) -> Option<(String, usize)> {
    let digits = l.text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let raised = l
        .sup
        .first()
        .is_some_and(|r| r.start == 0 && r.end == digits);
    let rest = &l.text[digits..];
    let rest_start = if raised {
        digits + (rest.len() - rest.trim_start().len())
    } else if rest.starts_with(' ') || rest.starts_with(". ") {
        digits + (rest.len() - rest.trim_start_matches('.').trim_start().len())
    } else {
        return None;
    };
    l.text[rest_start..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit())
        .then(|| (l.text[..digits].to_string(), rest_start))
}

/// Marks footnotes: lines set smaller than the body in the lower part of a page, starting with
/// a number, and the small lines after them. Their labels are cut from the line text.
pub fn notes(pages: &mut [Vec<Line>], heights: &[f32], body: f32, roles: &mut [Vec<Role>]) {
    for (p, lines) in pages.iter_mut().enumerate() {
        let mut open = false;
        for (i, l) in lines.iter_mut().enumerate() {
            let small = l.upright && l.size <= 0.85 * body;
            if roles[p][i] != Role::Text || !small {
                open = false;
                continue;
            }
            if l.y > heights[p] * 0.5
                && let Some((label, start)) = note_label(l)
            {
                l.text.drain(..start);
                l.sup.retain(|r| r.start >= start);
                for r in &mut l.sup {
                    *r = r.start - start..r.end - start;
                }
                roles[p][i] = Role::NoteStart(label);
                open = true;
                continue;
            }
            if open {
                roles[p][i] = Role::NoteMore;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_titles_are_found_on_their_pages_even_over_two_lines() {
        let pages = vec![
            vec![Line::at(50.0, 100.0, 10.0, "1.1. Purpose .......... 3")],
            vec![
                Line::at(50.0, 100.0, 14.0, "1.1. Purpose"),
                Line::at(50.0, 120.0, 10.0, "Text."),
                Line::at(50.0, 140.0, 14.0, "A long"),
                Line::at(50.0, 156.0, 14.0, "title"),
            ],
        ];
        let outline = [
            Entry {
                title: "1.1. Purpose".into(),
                level: 2,
                page: Some(1),
            },
            Entry {
                title: "A long title".into(),
                level: 1,
                page: Some(1),
            },
        ];
        let mut roles = vec![vec![Role::Text; 1], vec![Role::Text; 4]];
        assert_eq!(from_outline(&pages, &outline, &mut roles), 2);
        assert_eq!(roles[0], [Role::Text]);
        assert_eq!(
            roles[1],
            [
                Role::Heading(2),
                Role::Text,
                Role::Heading(1),
                Role::Heading(1)
            ]
        );
    }

    #[test]
    fn larger_lines_are_headings_ranked_by_size_or_number() {
        let pages = vec![vec![
            Line::at(50.0, 100.0, 20.0, "Big title"),
            Line::at(50.0, 130.0, 14.0, "Smaller"),
            Line::at(50.0, 150.0, 14.0, "2.3 Numbered"),
            Line::at(
                50.0,
                170.0,
                10.0,
                "Body text that is long enough to be the body.",
            ),
        ]];
        let mut roles = vec![vec![Role::Text; 4]];
        from_sizes(&pages, body_size(&pages), &mut roles);
        assert_eq!(
            roles[0],
            [
                Role::Heading(1),
                Role::Heading(2),
                Role::Heading(2),
                Role::Text
            ]
        );
    }

    #[test]
    fn number_depths() {
        assert_eq!(number_depth("1. Introduction"), Some(1));
        assert_eq!(number_depth("2.3 Scope"), Some(2));
        assert_eq!(number_depth("A.1.2 Annex"), Some(3));
        assert_eq!(number_depth("2020 was a year"), None);
        assert_eq!(number_depth("Introduction"), None);
        assert_eq!(number_depth("3.14159"), None);
    }

    #[test]
    fn small_numbered_lines_at_the_foot_are_notes() {
        let mut pages = vec![vec![
            Line::at(
                50.0,
                100.0,
                10.0,
                "Body with a mark1 in it and more body text here.",
            ),
            Line::at(50.0, 700.0, 7.0, "1 See the annex."),
            Line::at(50.0, 708.0, 7.0, "continued note."),
            Line::at(50.0, 716.0, 7.0, "2. Second note."),
        ]];
        let mut roles = vec![vec![Role::Text; 4]];
        notes(&mut pages, &[800.0], 10.0, &mut roles);
        assert_eq!(
            roles[0],
            [
                Role::Text,
                Role::NoteStart("1".into()),
                Role::NoteMore,
                Role::NoteStart("2".into())
            ]
        );
        assert_eq!(pages[0][1].text, "See the annex.");
        assert_eq!(pages[0][3].text, "Second note.");
    }
}
