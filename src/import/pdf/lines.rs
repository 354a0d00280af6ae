//! Glyphs → lines: glyphs that share a baseline and follow each other become one line, with a
//! space wherever the gap between two glyphs is wider than a letter's spacing. Raised, smaller
//! glyphs (footnote marks) join the line they sit on, remembered as superscripts.

use super::glyph::Glyph;
use std::ops::Range;

/// A run of text on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline (y grows downwards).
    pub y: f32,
    /// The font size of most of its characters.
    pub size: f32,
    /// Whether it runs horizontally.
    pub upright: bool,
    /// Its text, spaces collapsed, no leading or trailing space.
    pub text: String,
    /// Byte ranges of `text` drawn raised and smaller (footnote marks, exponents).
    pub sup: Vec<Range<usize>>,
}

impl Line {
    /// The top of the line's tallest letters, roughly.
    pub fn top(&self) -> f32 {
        self.y - self.size * 0.8
    }

    /// Its width.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// A test line: `text` from `x0` at baseline `y`, `0.5 * size` per character.
    #[cfg(test)]
    pub fn at(x0: f32, y: f32, size: f32, text: &str) -> Self {
        Self {
            x0,
            x1: x0 + 0.5 * size * text.chars().count() as f32,
            y,
            size,
            upright: true,
            text: text.to_string(),
            sup: Vec::new(),
        }
    }
}

/// A space is inserted where glyphs are further apart than this share of the font size.
const SPACE_GAP: f32 = 0.15;
/// Glyphs further apart than this many font sizes on one baseline start a new line (a gutter).
const BREAK_GAP: f32 = 1.0;

struct Building {
    line: Line,
    main_size: f32,
    sizes: Vec<(f32, usize)>,
}

impl Building {
    fn start(g: &Glyph) -> Self {
        let mut b = Self {
            line: Line {
                x0: g.x,
                x1: g.x,
                y: g.y,
                size: g.size,
                upright: g.upright,
                text: String::new(),
                sup: Vec::new(),
            },
            main_size: g.size,
            sizes: Vec::new(),
        };
        b.push(g, false);
        b
    }

    /// Whether `g` continues this line, and whether as a superscript.
    fn accepts(&self, g: &Glyph) -> Option<bool> {
        let l = &self.line;
        if g.upright != l.upright {
            return None;
        }
        if !l.upright {
            return Some(false);
        }
        let size = self.main_size.max(g.size);
        let gap = g.x - l.x1;
        if gap > BREAK_GAP * size || gap < -0.6 * size {
            return None;
        }
        let dy = g.y - l.y;
        if dy.abs() <= 0.2 * size {
            return Some(false);
        }
        // raised and smaller: a superscript on this line
        if g.size < 0.85 * self.main_size && dy < 0.0 && dy > -0.7 * self.main_size {
            return Some(true);
        }
        // this glyph is the line's baseline and the line so far was raised
        if self.line.text.chars().count() <= 3
            && l.size < 0.85 * g.size
            && dy > 0.0
            && dy < 0.7 * g.size
        {
            return Some(false);
        }
        None
    }

    fn push(&mut self, g: &Glyph, sup: bool) {
        let l = &mut self.line;
        let gap = g.x - l.x1;
        let blank = g.text.trim().is_empty();
        if !l.text.is_empty()
            && !l.text.ends_with(' ')
            && (blank || (l.upright && gap > SPACE_GAP * g.size.min(self.main_size)))
        {
            l.text.push(' ');
        }
        if blank {
            l.x1 = l.x1.max(g.right());
            return;
        }
        let start = l.text.len();
        l.text.push_str(&g.text);
        if sup {
            match l.sup.last_mut() {
                Some(r) if r.end == start => r.end = l.text.len(),
                _ => l.sup.push(start..l.text.len()),
            }
        } else {
            let n = g.text.chars().count();
            match self
                .sizes
                .iter_mut()
                .find(|(s, _)| (*s - g.size).abs() < 0.1)
            {
                Some((_, c)) => *c += n,
                None => self.sizes.push((g.size, n)),
            }
            if g.size > 1.15 * self.main_size
                && self.line.text.chars().count() <= 4
                && g.y > self.line.y + 0.1 * g.size
            {
                // the line so far was a raised mark (a footnote's number): the baseline is this glyph's
                self.line.y = g.y;
                self.line.sup.clear();
                self.line
                    .sup
                    .push(0..self.line.text[..start].trim_end().len());
                self.sizes.clear();
                self.sizes.push((g.size, n));
            }
            self.main_size = self.main_size.max(g.size);
        }
        let l = &mut self.line;
        l.x0 = l.x0.min(g.x);
        l.x1 = l.x1.max(g.right());
    }

    fn finish(mut self) -> Option<Line> {
        let trimmed = self.line.text.trim_end().len();
        self.line.text.truncate(trimmed);
        if self.line.text.is_empty() {
            return None;
        }
        if let Some(&(s, _)) = self.sizes.iter().max_by_key(|(_, c)| *c) {
            self.line.size = s;
        }
        Some(self.line)
    }
}

/// The lines of one page's glyphs, in the order they were drawn.
pub fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut cur: Option<Building> = None;
    for g in glyphs {
        if let Some(b) = cur.as_mut()
            && let Some(sup) = b.accepts(g)
        {
            b.push(g, sup);
            continue;
        }
        if g.text.trim().is_empty() {
            continue;
        }
        if let Some(line) = cur.replace(Building::start(g)).and_then(Building::finish) {
            out.push(line);
        }
    }
    out.extend(cur.and_then(Building::finish));
    merge_pieces(out)
}

/// Joins pieces of one line that a producer drew separately (out of order, or word by word
/// with moves in between, a list's bullets after its items): same baseline and size, touching
/// or a word's space apart, on either side.
fn merge_pieces(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut by_baseline: std::collections::HashMap<i32, Vec<usize>> =
        std::collections::HashMap::new();
    for line in lines {
        let key = (line.y * 2.0).round() as i32;
        let near = |p: &Line| {
            p.upright
                && line.upright
                && (p.y - line.y).abs() <= 0.2 * p.size.min(line.size)
                && (p.size - line.size).abs() <= 0.2 * p.size
        };
        let space = 0.6 * line.size;
        let mut joined = false;
        'keys: for k in key - 1..=key + 1 {
            let Some(cands) = by_baseline.get(&k) else {
                continue;
            };
            for &c in cands {
                let p = &mut out[c];
                if !near(p) {
                    continue;
                }
                if line.x0 >= p.x1 - 0.2 * line.size && line.x0 - p.x1 <= space {
                    let shift = p.text.len() + 1;
                    p.text.push(' ');
                    p.text.push_str(&line.text);
                    p.sup
                        .extend(line.sup.iter().map(|r| r.start + shift..r.end + shift));
                    p.x1 = p.x1.max(line.x1);
                    joined = true;
                    break 'keys;
                }
                if line.x1 <= p.x0 + 0.2 * line.size && p.x0 - line.x1 <= space {
                    let shift = line.text.len() + 1;
                    let mut text = line.text.clone();
                    text.push(' ');
                    text.push_str(&p.text);
                    p.text = text;
                    for r in &mut p.sup {
                        *r = r.start + shift..r.end + shift;
                    }
                    p.sup.extend(line.sup.iter().cloned());
                    p.sup.sort_by_key(|r| r.start);
                    p.x0 = p.x0.min(line.x0);
                    joined = true;
                    break 'keys;
                }
            }
        }
        if !joined && line.upright {
            // a raised, smaller piece right after a line: its footnote mark
            let reach = (line.size * 2.0 * 2.0).ceil() as i32;
            let lone_number = line.text.len() <= 3 && line.text.chars().all(|c| c.is_ascii_digit());
            'marks: for k in key - reach..=key + reach {
                let Some(cands) = by_baseline.get(&k) else {
                    continue;
                };
                for &c in cands {
                    let p = &mut out[c];
                    let raised = p.y - line.y;
                    let after = raised > 0.1 * p.size
                        && raised < 0.7 * p.size
                        && line.x0 >= p.x1 - 0.2 * p.size
                        && line.x0 - p.x1 <= 0.3 * p.size;
                    // a mark the producer wrapped onto a line of its own, under its line's start
                    let wrapped = lone_number
                        && raised < 0.0
                        && raised > -p.size
                        && (line.x0 - p.x0).abs() <= p.size;
                    if p.upright && line.size < 0.85 * p.size && (after || wrapped) {
                        let start = p.text.len();
                        p.text.push_str(&line.text);
                        p.sup.push(start..p.text.len());
                        p.x1 = p.x1.max(line.x1);
                        joined = true;
                        break 'marks;
                    }
                }
            }
        }
        if !joined {
            by_baseline.entry(key).or_default().push(out.len());
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f32, y: f32, size: f32, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph::at(x + i as f32 * 0.5 * size, y, size, &c.to_string()))
            .collect()
    }

    #[test]
    fn words_on_a_baseline_become_one_line_with_spaces_from_gaps() {
        let mut g = word(10.0, 100.0, 10.0, "two");
        g.extend(word(30.0, 100.0, 10.0, "words"));
        let l = lines(&g);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "two words");
        assert!((l[0].x0 - 10.0).abs() < 0.01 && (l[0].x1 - 55.0).abs() < 0.01);
    }

    #[test]
    fn a_gutter_or_a_new_baseline_starts_a_new_line() {
        let mut g = word(10.0, 100.0, 10.0, "left");
        g.extend(word(200.0, 100.0, 10.0, "right"));
        g.extend(word(10.0, 112.0, 10.0, "next"));
        let l: Vec<_> = lines(&g).into_iter().map(|l| l.text).collect();
        assert_eq!(l, ["left", "right", "next"]);
    }

    #[test]
    fn a_raised_small_number_is_a_superscript_of_its_line() {
        let mut g = word(10.0, 100.0, 10.0, "claim");
        g.extend(word(35.0, 96.0, 6.0, "12"));
        g.extend(word(45.0, 100.0, 10.0, "more"));
        let l = lines(&g);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].text, "claim12 more");
        assert_eq!(&l[0].text[l[0].sup[0].clone()], "12");
        assert!((l[0].size - 10.0).abs() < 0.01);
    }

    #[test]
    fn bullets_drawn_after_their_items_are_put_in_front() {
        let mut g = word(20.0, 100.0, 10.0, "item");
        let mut bullet = Glyph::at(10.0, 100.0, 10.0, "•");
        bullet.w = 10.0;
        g.push(bullet);
        assert_eq!(lines(&g)[0].text, "• item");
    }

    #[test]
    fn a_mark_drawn_later_joins_its_line_and_a_raised_start_is_a_note_number() {
        let mut g = word(10.0, 100.0, 10.0, "installed:");
        g.extend(word(10.0, 112.0, 10.0, "next"));
        g.extend(word(60.0, 96.0, 6.0, "3"));
        let l = lines(&g);
        assert_eq!(l[0].text, "installed:3");
        assert_eq!(&l[0].text[l[0].sup[0].clone()], "3");
        let mut g = word(10.0, 100.0, 10.0, "installed:");
        g.extend(word(10.0, 107.5, 7.5, "3"));
        assert_eq!(lines(&g)[0].text, "installed:3");
        let mut g = word(10.0, 696.0, 5.0, "9");
        g.extend(word(13.0, 700.0, 8.0, "Found"));
        let l = lines(&g);
        assert_eq!(l[0].text, "9Found");
        assert_eq!(l[0].sup.len(), 1);
        assert_eq!(l[0].sup[0], 0..1);
        assert!((l[0].y - 700.0).abs() < 0.01 && (l[0].size - 8.0).abs() < 0.01);
    }

    #[test]
    fn explicit_space_glyphs_collapse_to_one_space() {
        let g = word(10.0, 100.0, 10.0, "a    b");
        assert_eq!(lines(&g)[0].text, "a b");
    }

    #[test]
    fn pieces_drawn_separately_on_one_baseline_are_joined() {
        let mut g = word(10.0, 100.0, 10.0, "first");
        g.extend(word(10.0, 112.0, 10.0, "below"));
        g.extend(word(38.0, 100.0, 10.0, "second"));
        let l: Vec<_> = lines(&g).into_iter().map(|l| l.text).collect();
        assert_eq!(l, ["first second", "below"]);
    }
}
