//! The reading pane's state: which paper, where in it, and the layouts cached per width.

use std::collections::HashMap;
use std::ops::Range;

use crate::layout::{Layout, layout};
use crate::library::Library;

/// The widest reading column, for comfort.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// A place in a paper: a block and a byte offset in its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// Block index.
    pub block: usize,
    /// Byte offset in the block's text.
    pub offset: usize,
}

/// Text to highlight in the reader: a byte range of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Paper index.
    pub paper: usize,
    /// Block index.
    pub block: usize,
    /// Byte range in the block's text.
    pub range: Range<usize>,
}

/// Reader state.
#[derive(Debug)]
pub struct Reader {
    /// The paper shown.
    pub paper: usize,
    /// Where each paper was left, at the top of the pane.
    places: Vec<Place>,
    /// Top line of the current layout.
    pub top: usize,
    /// Text width of the current layout.
    pub width: u16,
    /// Lines of text the pane shows.
    pub height: u16,
    layouts: HashMap<(usize, u16), Layout>,
    /// Ranges highlighted in the reader (search hits, a fact's spans).
    pub marks: Vec<Mark>,
}

impl Reader {
    /// A reader at the top of the first paper.
    pub fn new(library: &Library) -> Reader {
        Reader {
            paper: 0,
            places: vec![Place::default(); library.papers.len()],
            top: 0,
            width: 0,
            height: 0,
            layouts: HashMap::new(),
            marks: Vec::new(),
        }
    }

    /// Sets the pane's text size, re-laying out if the width changed (keeping the place).
    pub fn resize(&mut self, library: &Library, width: u16, height: u16) {
        let width = width.clamp(2, 400);
        let height = height.max(1);
        if (width, height) == (self.width, self.height) {
            return;
        }
        let at_end = self.width != 0 && self.top > 0 && self.top == self.max_top();
        self.height = height;
        if width != self.width {
            // Before the first size is known nothing was laid out: use the remembered place.
            let place = if self.width == 0 {
                self.places.get(self.paper).copied().unwrap_or_default()
            } else {
                self.place()
            };
            self.width = width;
            self.ensure_layout(library);
            self.top = self.line_of(place);
            self.clamp();
        }
        if at_end {
            self.top = self.max_top();
        }
    }

    fn ensure_layout(&mut self, library: &Library) {
        let key = (self.paper, self.width);
        if !self.layouts.contains_key(&key) {
            // A few widths of small papers stay cached; a big paper's layout is not kept twice.
            let cached_lines: usize = self.layouts.values().map(|l| l.lines.len()).sum();
            if self.layouts.len() >= 8 || cached_lines > 500_000 {
                self.layouts.clear();
            }
            if let Some(paper) = library.papers.get(self.paper) {
                self.layouts.insert(key, layout(paper, self.width));
            }
        }
    }

    /// The current paper's layout at the current width.
    pub fn layout(&self) -> &Layout {
        static EMPTY: Layout = Layout {
            width: 0,
            lines: Vec::new(),
            block_lines: Vec::new(),
        };
        self.layouts
            .get(&(self.paper, self.width))
            .unwrap_or(&EMPTY)
    }

    /// The place at the top of the pane.
    pub fn place(&self) -> Place {
        if self.top < self.first_block_line() {
            return Place::default();
        }
        self.layout()
            .block_at(self.top)
            .map(|(block, offset)| Place { block, offset })
            .unwrap_or_default()
    }

    /// The line showing `place`; the very top for the paper's start.
    pub fn line_of(&self, place: Place) -> usize {
        if place == Place::default() {
            0
        } else {
            self.layout().line_of(place.block, place.offset)
        }
    }

    /// The highest top line: the last page is full.
    pub fn max_top(&self) -> usize {
        self.layout()
            .lines
            .len()
            .saturating_sub(usize::from(self.height))
    }

    /// Keeps the top line inside the paper. A jump may put a target near the end at the top of
    /// the pane, past the last full page; plain scrolling never goes further than that.
    fn clamp(&mut self) {
        self.top = self.top.min(self.layout().lines.len().saturating_sub(1));
    }

    /// Scrolls by `delta` lines.
    pub fn scroll(&mut self, delta: isize) {
        let target = self.top.saturating_add_signed(delta);
        self.top = if delta > 0 {
            target.min(self.max_top().max(self.top))
        } else {
            target
        };
        self.clamp();
        self.remember();
    }

    /// Scrolls to line `line`, at most to the last full page (`g`, `G`).
    pub fn scroll_to(&mut self, line: usize) {
        self.top = line.min(self.max_top());
        self.remember();
    }

    /// Puts line `line` at the top of the pane, even near the end of the paper (jumps).
    pub fn show_line(&mut self, line: usize) {
        self.top = line;
        self.clamp();
        self.remember();
    }

    fn remember(&mut self) {
        if self.width == 0 {
            return;
        }
        let place = self.place();
        if let Some(slot) = self.places.get_mut(self.paper) {
            *slot = place;
        }
    }

    /// Shows `paper` at `place` (its top line at the top of the pane, or as close as possible).
    pub fn jump(&mut self, library: &Library, paper: usize, place: Place) {
        if paper >= library.papers.len() {
            return;
        }
        self.remember();
        self.paper = paper;
        if self.width == 0 {
            // Not sized yet: lay out on the first resize, at the real width.
            self.set_place(paper, place);
            return;
        }
        self.ensure_layout(library);
        self.top = self.line_of(place);
        self.clamp();
        self.remember();
    }

    /// Sets where `paper` was left, without showing it.
    pub fn set_place(&mut self, paper: usize, place: Place) {
        if let Some(slot) = self.places.get_mut(paper) {
            *slot = place;
        }
    }

    /// Paper `paper` was replaced (a converted paper took its stand-in's place): its old
    /// layouts are dropped and it opens at `place`; shown now if it is the current paper.
    pub fn replaced(&mut self, library: &Library, paper: usize, place: Place) {
        self.layouts.retain(|&(p, _), _| p != paper);
        self.set_place(paper, place);
        if paper == self.paper && self.width != 0 {
            self.ensure_layout(library);
            self.top = self.line_of(place);
            self.clamp();
        }
    }

    /// Where `paper` was left.
    pub fn place_of(&self, paper: usize) -> Place {
        if paper == self.paper {
            self.place()
        } else {
            self.places.get(paper).copied().unwrap_or_default()
        }
    }

    /// Shows `paper` where it was left.
    pub fn open(&mut self, library: &Library, paper: usize) {
        let place = self.places.get(paper).copied().unwrap_or_default();
        self.jump(library, paper, place);
    }

    /// How far through the paper the bottom of the pane is, 0 to 100.
    pub fn percent(&self) -> usize {
        let max = self.max_top();
        (self.top * 100)
            .checked_div(max)
            .map_or(100, |p| p.min(100))
    }

    /// The section containing the top line, if any.
    pub fn section(&self, library: &Library) -> Option<usize> {
        let paper = library.papers.get(self.paper)?;
        let (block, _) = self.layout().block_at(self.top)?;
        if self.top < self.first_block_line() {
            return None;
        }
        paper.blocks.get(block)?.section
    }

    fn first_block_line(&self) -> usize {
        self.layout().block_lines.first().map_or(0, |&l| l as usize)
    }

    /// The line of each section's heading, in order.
    fn section_lines(&self, library: &Library) -> Vec<usize> {
        let Some(paper) = library.papers.get(self.paper) else {
            return Vec::new();
        };
        paper
            .sections
            .iter()
            .map(|s| self.layout().line_of(s.block, 0))
            .collect()
    }

    /// Goes to the next section's heading; false at the last one.
    pub fn next_section(&mut self, library: &Library) -> bool {
        let next = self
            .section_lines(library)
            .into_iter()
            .find(|&l| l > self.top);
        next.is_some_and(|line| {
            self.show_line(line);
            true
        })
    }

    /// Goes to the previous section's heading; false before the first one.
    pub fn prev_section(&mut self, library: &Library) -> bool {
        let prev = self
            .section_lines(library)
            .into_iter()
            .rev()
            .find(|&l| l < self.top);
        match prev {
            Some(line) => {
                self.show_line(line);
                true
            }
            None if self.top > 0 => {
                self.scroll_to(0);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib() -> Library {
        let long: String = (0..40)
            .map(|i| format!("Paragraph number {i} of the paper.\n\n"))
            .collect();
        let doc = format!("# One\n\n{long}# Two\n\n{long}");
        Library::from_markdown(&[&doc])
    }

    #[test]
    fn sections_step_forward_and_back() {
        let lib = lib();
        let mut r = Reader::new(&lib);
        r.resize(&lib, 60, 10);
        assert!(r.next_section(&lib));
        assert_eq!(r.section(&lib), Some(0));
        assert!(r.next_section(&lib));
        assert_eq!(r.section(&lib), Some(1));
        assert!(!r.next_section(&lib));
        assert!(r.prev_section(&lib));
        assert_eq!(r.section(&lib), Some(0));
    }

    #[test]
    fn a_resize_keeps_the_place() {
        let lib = lib();
        let mut r = Reader::new(&lib);
        r.resize(&lib, 60, 10);
        r.scroll(50);
        let before = r.place();
        r.resize(&lib, 20, 10);
        assert_eq!(r.place().block, before.block);
        r.resize(&lib, 60, 10);
        assert_eq!(r.place(), before);
    }

    #[test]
    fn the_end_stays_the_end_across_resizes() {
        let lib = lib();
        let mut r = Reader::new(&lib);
        r.resize(&lib, 60, 10);
        r.scroll_to(usize::MAX);
        for (w, h) in [(30, 5), (80, 40), (45, 12)] {
            r.resize(&lib, w, h);
            assert_eq!(r.percent(), 100, "at {w}x{h}");
        }
    }

    #[test]
    fn scrolling_is_clamped_and_percent_reaches_100() {
        let lib = lib();
        let mut r = Reader::new(&lib);
        r.resize(&lib, 60, 10);
        r.scroll(-5);
        assert_eq!((r.top, r.percent()), (0, 0));
        r.scroll(100_000);
        assert_eq!(r.top, r.max_top());
        assert_eq!(r.percent(), 100);
    }
}
