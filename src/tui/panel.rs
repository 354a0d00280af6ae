//! The side panel's state: Facts, Timeline and Glossary tabs over the library's insights,
//! computed when first needed, and what Enter on a row does.

use serde::Deserialize;

use super::app::{App, Focus};
use super::reader::{Mark, Place};
use crate::insights::{self, Fact, Term};
use crate::library::Library;

/// Whether the panel is open at start (`panel` in `config.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PanelStart {
    /// Open on terminals at least [`AUTO_OPEN_WIDTH`] columns wide, following the width as the
    /// terminal is resized until the panel is shown or hidden by hand.
    #[default]
    Auto,
    /// Always open at start.
    Open,
    /// Always closed at start.
    Closed,
}

/// The narrowest terminal on which the panel opens by itself: there the outline, a reading
/// column of about 65 characters and a panel of 45 columns fit side by side.
pub const AUTO_OPEN_WIDTH: u16 = 150;

/// The largest paper (Markdown bytes) for which the panel opens by itself: finding the facts of
/// a bigger one takes long enough to hold up the first screen, so there `p` opens it.
pub const AUTO_OPEN_MAX_BYTES: usize = 1 << 20;

/// The panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// Key facts of the paper being read.
    #[default]
    Facts,
    /// Dated facts across the library.
    Timeline,
    /// Acronyms.
    Glossary,
}

impl Tab {
    /// All tabs in order.
    pub const ALL: [Tab; 3] = [Tab::Facts, Tab::Timeline, Tab::Glossary];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Facts => "Facts",
            Tab::Timeline => "Timeline",
            Tab::Glossary => "Glossary",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Facts, timeline and glossary, computed lazily: a paper's facts when it is first shown in
/// the panel, the timeline and glossary when their tab is first opened.
#[derive(Debug, Default)]
pub struct Insights {
    facts: Vec<Option<Vec<Fact>>>,
    key: Vec<Option<Vec<usize>>>,
    timeline: Option<Vec<(usize, usize)>>,
    /// Each paper's acronyms, kept so that a paper arriving from a converter is the only one
    /// scanned again.
    acronyms: Vec<Option<insights::AcronymScan>>,
    glossary: Option<Vec<Term>>,
}

impl Insights {
    /// Empty caches for `papers` papers.
    pub fn new(papers: usize) -> Insights {
        Insights {
            facts: vec![None; papers],
            key: vec![None; papers],
            timeline: None,
            acronyms: (0..papers).map(|_| None).collect(),
            glossary: None,
        }
    }

    /// Forgets what was computed for `paper` (it was replaced) and the library-wide lists.
    pub fn forget(&mut self, paper: usize) {
        if let Some(facts) = self.facts.get_mut(paper) {
            *facts = None;
        }
        if let Some(key) = self.key.get_mut(paper) {
            *key = None;
        }
        if let Some(scan) = self.acronyms.get_mut(paper) {
            *scan = None;
        }
        self.timeline = None;
        self.glossary = None;
    }

    fn ensure_paper(&mut self, library: &Library, paper: usize) {
        if self.facts.get(paper).is_some_and(Option::is_none) {
            let facts = insights::paper_facts(&library.papers[paper], paper);
            let key = insights::key_fact_indices(&facts);
            self.facts[paper] = Some(facts);
            self.key[paper] = Some(key);
        }
    }

    /// Computes what `tab` shows for `paper`.
    pub fn ensure(&mut self, library: &Library, tab: Tab, paper: usize) {
        match tab {
            Tab::Facts => self.ensure_paper(library, paper),
            Tab::Timeline if self.timeline.is_none() => {
                for p in 0..library.papers.len() {
                    self.ensure_paper(library, p);
                }
                let mut dated: Vec<(usize, usize)> = Vec::new();
                for (p, facts) in self.facts.iter().enumerate() {
                    for (i, f) in facts.iter().flatten().enumerate() {
                        if f.date.is_some() {
                            dated.push((p, i));
                        }
                    }
                }
                dated.sort_by_key(|&(p, i)| {
                    insights::timeline_key(&self.facts[p].as_ref().expect("computed above")[i])
                });
                self.timeline = Some(dated);
            }
            Tab::Glossary if self.glossary.is_none() => {
                self.acronyms.resize_with(library.papers.len(), || None);
                for (p, scan) in self.acronyms.iter_mut().enumerate() {
                    if scan.is_none() {
                        *scan = Some(insights::scan_acronyms(library, p));
                    }
                }
                let scans: Vec<&insights::AcronymScan> = self.acronyms.iter().flatten().collect();
                self.glossary = Some(insights::merge_glossary(&scans));
            }
            Tab::Timeline | Tab::Glossary => {}
        }
    }

    /// The key facts of `paper`, best first (empty until computed).
    pub fn key_facts(&self, paper: usize) -> Vec<&Fact> {
        let (Some(Some(facts)), Some(Some(key))) = (self.facts.get(paper), self.key.get(paper))
        else {
            return Vec::new();
        };
        key.iter().map(|&i| &facts[i]).collect()
    }

    /// Dated facts, oldest first (empty until computed).
    pub fn timeline(&self) -> Vec<&Fact> {
        self.timeline
            .iter()
            .flatten()
            .filter_map(|&(p, i)| self.facts.get(p)?.as_ref()?.get(i))
            .collect()
    }

    /// Glossary terms (empty until computed).
    pub fn glossary(&self) -> &[Term] {
        self.glossary.as_deref().unwrap_or(&[])
    }
}

/// The panel's state.
#[derive(Debug, Default)]
pub struct Panel {
    /// Whether it is shown.
    pub open: bool,
    /// Whether `open` follows the terminal's width ([`PanelStart::Auto`]), until the reader
    /// shows or hides the panel.
    pub auto: bool,
    /// The tab shown.
    pub tab: Tab,
    /// Selected row per tab.
    pub selected: [usize; 3],
    /// What the tabs list.
    pub insights: Insights,
}

impl Panel {
    /// The selected row of the current tab.
    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    /// Rows in the current tab for the paper being read.
    pub fn len(&self, paper: usize) -> usize {
        match self.tab {
            Tab::Facts => self.insights.key_facts(paper).len(),
            Tab::Timeline => self.insights.timeline().len(),
            Tab::Glossary => self.insights.glossary().len(),
        }
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize, paper: usize) {
        let last = self.len(paper).saturating_sub(1);
        let slot = &mut self.selected[self.tab.index()];
        *slot = slot.saturating_add_signed(delta).min(last);
    }

    /// Shows tab `tab`.
    pub fn show(&mut self, tab: Tab) {
        self.open = true;
        self.auto = false;
        self.tab = tab;
    }

    /// Applies the start setting: open, closed, or following the width.
    pub fn start(&mut self, start: PanelStart) {
        self.auto = start == PanelStart::Auto;
        self.open = start == PanelStart::Open;
    }

    /// With [`PanelStart::Auto`], opens or closes the panel for a terminal `width` columns wide
    /// showing a paper of `paper_bytes` bytes of Markdown.
    pub fn fit_width(&mut self, width: u16, paper_bytes: usize) {
        if self.auto {
            self.open = width >= AUTO_OPEN_WIDTH && paper_bytes <= AUTO_OPEN_MAX_BYTES;
        }
    }

    /// The next (`forward`) or previous tab.
    pub fn cycle(&mut self, forward: bool) {
        let i = self.tab.index();
        self.tab = Tab::ALL[if forward { (i + 1) % 3 } else { (i + 2) % 3 }];
    }
}

impl App {
    /// Computes what the panel needs for the paper on screen.
    pub fn prepare_panel(&mut self) {
        if self.panel.open {
            self.panel
                .insights
                .ensure(&self.library, self.panel.tab, self.reader.paper);
            let len = self.panel.len(self.reader.paper);
            let slot = &mut self.panel.selected[self.panel.tab.index()];
            *slot = (*slot).min(len.saturating_sub(1));
        }
    }

    /// Opens the panel at `tab` and focuses it.
    pub fn open_panel(&mut self, tab: Tab) {
        self.panel.show(tab);
        self.focus = Focus::Panel;
        self.relayout();
        self.prepare_panel();
    }

    /// Shows or hides the panel.
    pub fn toggle_panel(&mut self) {
        self.panel.open = !self.panel.open;
        self.panel.auto = false;
        if self.panel.open {
            self.focus = Focus::Panel;
        } else if self.focus == Focus::Panel {
            self.focus = Focus::Reader;
        }
        self.relayout();
        self.prepare_panel();
    }

    /// The place and spans of the selected fact or term, if any.
    pub fn panel_target(&self) -> Option<(usize, Place, Vec<Mark>)> {
        let selected = self.panel.selected();
        match self.panel.tab {
            Tab::Facts | Tab::Timeline => {
                let facts = if self.panel.tab == Tab::Facts {
                    self.panel.insights.key_facts(self.reader.paper)
                } else {
                    self.panel.insights.timeline()
                };
                let fact = facts.get(selected)?;
                let marks = fact
                    .block_ranges()
                    .map(|range| Mark {
                        paper: fact.paper,
                        block: fact.block,
                        range,
                    })
                    .collect();
                Some((
                    fact.paper,
                    Place {
                        block: fact.block,
                        offset: fact.range.start,
                    },
                    marks,
                ))
            }
            Tab::Glossary => {
                let term = self.panel.insights.glossary().get(selected)?;
                let (block, offset) = term.place;
                let text = &self.library.papers[term.paper].blocks[block].text;
                let len = if term.source == insights::Source::Text {
                    term.long.len()
                } else {
                    term.short.len()
                };
                let marks = vec![Mark {
                    paper: term.paper,
                    block,
                    range: offset..(offset + len).min(text.len()),
                }];
                Some((term.paper, Place { block, offset }, marks))
            }
        }
    }

    /// Enter in the panel: shows the selected fact's sentence (or the term's definition) in the
    /// reader with its spans highlighted.
    pub fn panel_jump(&mut self) {
        let Some((paper, place, marks)) = self.panel_target() else {
            self.info("Nothing to jump to");
            return;
        };
        self.jump(paper, place);
        self.reader.marks = marks;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Origin, Paper};

    /// A paper arriving from a converter replaces its stand-in: the glossary then holds its
    /// acronyms, exactly as a glossary built from scratch, and only that paper is scanned again.
    #[test]
    fn the_glossary_takes_in_an_arriving_paper_as_if_built_from_scratch() {
        let before = Library::from_markdown(&[
            "# A\n\nThe Reconnaissance General Bureau (RGB) runs the units.\n",
            "# Converting\n",
        ]);
        let mut insights = Insights::new(before.papers.len());
        insights.ensure(&before, Tab::Glossary, 0);
        assert!(insights.glossary().iter().any(|t| t.short == "RGB"));
        assert!(!insights.glossary().iter().any(|t| t.short == "EDR"));

        let arrived = Paper::parse(
            "# B\n\nThey evade endpoint detection and response (EDR) tools, and the RGB pays.\n",
            Origin::Embedded("b.md"),
            "b",
        );
        let after = before.with_arrival(1, Ok(arrived));
        insights.forget(1);
        assert!(
            insights.acronyms[0].is_some(),
            "the other paper's scan is kept"
        );
        insights.ensure(&after, Tab::Glossary, 1);
        assert_eq!(insights.glossary(), insights::glossary(&after).as_slice());
        let rgb = insights
            .glossary()
            .iter()
            .find(|t| t.short == "RGB")
            .unwrap();
        assert_eq!((rgb.paper, rgb.count), (0, 2), "counted across both papers");
        assert!(
            insights
                .glossary()
                .iter()
                .any(|t| t.short == "EDR" && t.paper == 1)
        );
    }
}
