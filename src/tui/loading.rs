//! Papers arriving from the background conversion: each one replaces its stand-in in the
//! library, and the reader, outline, panel, bookmarks and finder take it in; the progress the
//! converters report, for the status bar, the stand-in's pane and the finder and panel notes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::app::{App, Tone};
use crate::document::Paper;
use crate::library::{LoadError, Unready};
use crate::loading::{Loaded, Loader};

/// The conversions still running and how far they are.
#[derive(Debug)]
pub struct Arrivals {
    loader: Loader,
    /// Pages done and pages in all, by paper, as last reported.
    progress: HashMap<usize, (usize, usize)>,
    /// The paper read last time, when it was not open at start (it is converting): opened
    /// when it arrives, if the reader is still where it started.
    want_last: Option<String>,
    /// Where the reader was when loading began: (paper, top line).
    start: (usize, usize),
    /// A paper arrived while the finder's index was being built: build it again after.
    stale_index: bool,
}

impl App {
    /// Starts taking in the papers `loader` converts.
    pub fn start_loading(&mut self, loader: Loader) {
        let want_last = self
            .marks
            .store
            .as_ref()
            .and_then(|s| s.last_paper())
            .map(|l| l.paper.clone())
            .filter(|id| self.library.find(id).is_none());
        self.arrivals = Some(Arrivals {
            loader,
            progress: HashMap::new(),
            want_last,
            start: (self.reader.paper, self.reader.top),
            stale_index: false,
        });
    }

    /// Waits up to `grace` for the paper shown to arrive, so that a small file converts before
    /// the first frame instead of flashing its stand-in; other arrivals meanwhile are taken in.
    pub fn wait_for_shown(&mut self, grace: Duration) {
        let deadline = std::time::Instant::now() + grace;
        while self.library.unready.get(&self.reader.paper) == Some(&Unready::Converting) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() || !self.wait_for_report(left) {
                break;
            }
        }
    }

    /// Waits up to `timeout` for a report from the converters and takes it in, with any others
    /// already waiting; false when none came (or nothing is converting).
    pub fn wait_for_report(&mut self, timeout: Duration) -> bool {
        let Some(arrivals) = self.arrivals.as_mut() else {
            return false;
        };
        let Some(first) = arrivals.loader.next_within(timeout) else {
            return false;
        };
        self.take_reports(Some(first));
        true
    }

    /// Takes in what the converters reported since last time; true when anything changed.
    pub fn poll_loading(&mut self) -> bool {
        self.take_reports(None)
    }

    /// Takes in `first` and every report waiting; true when there was any.
    fn take_reports(&mut self, first: Option<Loaded>) -> bool {
        let Some(arrivals) = self.arrivals.as_mut() else {
            return false;
        };
        let mut arrived = Vec::new();
        let mut changed = false;
        let mut next = first;
        while let Some(loaded) = next.take().or_else(|| arrivals.loader.try_next()) {
            changed = true;
            match loaded {
                Loaded::Progress { slot, done, total } => {
                    arrivals.progress.insert(slot, (done, total));
                }
                Loaded::Done { slot, result } => {
                    arrivals.progress.remove(&slot);
                    arrived.push((slot, *result));
                }
            }
        }
        if !arrived.is_empty() {
            self.take_arrivals(arrived);
        }
        if let Some(arrivals) = self.arrivals.as_mut()
            && arrivals.stale_index
            && !self.search.building()
        {
            arrivals.stale_index = false;
            self.search.build_in_background(&self.library);
        }
        if self
            .arrivals
            .as_ref()
            .is_some_and(|a| a.loader.finished() && !a.stale_index)
        {
            self.arrivals = None;
        }
        changed
    }

    /// Whether conversions are still running (the run loop polls more often then).
    pub fn loading(&self) -> bool {
        self.arrivals.is_some()
    }

    /// Puts converted papers in place of their stand-ins and refreshes everything that was
    /// derived from the library.
    fn take_arrivals(&mut self, arrived: Vec<(usize, Result<Paper, LoadError>)>) {
        let mut library = None;
        let mut failed = Vec::new();
        for (slot, result) in arrived {
            if let Err(e) = &result {
                failed.push(e.to_string());
            }
            let base = library.as_ref().unwrap_or(&*self.library);
            library = Some(base.with_arrival(slot, result));
        }
        let Some(library) = library else { return };
        let came: Vec<usize> = (0..library.papers.len())
            .filter(|&p| self.library.unready.contains_key(&p) && library.is_ready(p))
            .collect();
        self.library = Arc::new(library);
        self.catalog = crate::bib::Catalog::new(&self.library.papers);
        self.outline.rebuild(&self.library);
        let reader_untouched = self
            .arrivals
            .as_ref()
            .is_some_and(|a| a.start == (self.reader.paper, self.reader.top))
            && self.overlay.is_none();
        let want_last = self.arrivals.as_ref().and_then(|a| a.want_last.clone());
        for &p in &came {
            let place = self
                .marks
                .store
                .as_ref()
                .and_then(|store| super::bookmarks::stored_place(store, &self.library.papers[p]))
                .unwrap_or_default();
            self.reader.replaced(&self.library, p, place);
            self.panel.insights.forget(p);
            if reader_untouched && want_last.as_deref() == Some(self.library.papers[p].id.as_str())
            {
                self.reader.open(&self.library, p);
                if let Some(a) = self.arrivals.as_mut() {
                    a.start = (self.reader.paper, self.reader.top);
                    a.want_last = None;
                }
            }
        }
        if came.contains(&self.reader.paper) {
            // The paper shown changed under the outline's selection; elsewhere the selection
            // stays where the reader put it.
            self.follow_reader();
        }
        self.refresh_marks();
        self.prepare_panel();
        if self.search.building() {
            if let Some(a) = self.arrivals.as_mut() {
                a.stale_index = true;
            }
        } else if self.search.index.is_some() {
            self.search.build_in_background(&self.library);
        }
        // (No index yet: the first build, started after the first arrivals, covers them.)
        if self
            .status
            .as_ref()
            .is_some_and(|(m, _)| m.ends_with(" is still converting"))
        {
            self.status = None;
        }
        if let Some(first) = failed.first() {
            let more = match failed.len() {
                1 => String::new(),
                n => format!(" (+{} more)", n - 1),
            };
            self.status = Some((format!("{first}{more}"), Tone::Warning));
        }
    }

    /// Says why paper `p` cannot be bookmarked, copied or highlighted yet, and returns true,
    /// when it is a stand-in.
    pub fn refuse_unready(&mut self, p: usize) -> bool {
        match self.library.unready.get(&p) {
            None => false,
            Some(Unready::Converting) => {
                let title = self.library.papers[p].meta.title.clone();
                self.warn(&format!("{title} is still converting"));
                true
            }
            Some(Unready::Failed(why)) => {
                let why = why.clone();
                self.warn(&why);
                true
            }
        }
    }

    /// Pages done and in all of paper `p`'s conversion, when it has reported any.
    pub fn progress_of(&self, p: usize) -> Option<(usize, usize)> {
        self.arrivals.as_ref()?.progress.get(&p).copied()
    }

    /// What the reading pane shows below a stand-in's title: how far its conversion is, or
    /// why it failed.
    pub fn unready_lines(&self, p: usize) -> Option<Vec<String>> {
        match self.library.unready.get(&p)? {
            Unready::Converting => {
                let how_far = match self.progress_of(p) {
                    Some((done, total)) if total > 0 => {
                        format!("Converting: page {done} of {total}.")
                    }
                    _ => "Converting…".to_owned(),
                };
                Some(vec![
                    how_far,
                    "It opens here when it is ready; the other papers can be read meanwhile."
                        .to_owned(),
                ])
            }
            Unready::Failed(why) => Some(vec![format!("Cannot be opened: {why}")]),
        }
    }

    /// A short tag for the outline row of paper `p`: `12/40` (pages converted), `converting`
    /// or `cannot open`.
    pub fn unready_tag(&self, p: usize) -> Option<String> {
        match self.library.unready.get(&p)? {
            Unready::Converting => Some(match self.progress_of(p) {
                Some((done, total)) if total > 0 => format!("{done}/{total}"),
                _ => "converting".to_owned(),
            }),
            Unready::Failed(_) => Some("cannot open".to_owned()),
        }
    }

    /// For the finder, facts, timeline and glossary: which papers they do not cover yet,
    /// e.g. `Still converting 3 papers: a.pdf, b.pdf, c.pdf`.
    pub fn converting_note(&self) -> Option<String> {
        let names: Vec<&str> = self
            .library
            .unready
            .iter()
            .filter(|(_, u)| **u == Unready::Converting)
            .map(|(&p, _)| self.library.papers[p].meta.title.as_str())
            .collect();
        match names.len() {
            0 => None,
            1 => Some(format!("Still converting {}", names[0])),
            n => {
                let shown: Vec<&str> = names.iter().take(3).copied().collect();
                let rest = if n > 3 { ", …" } else { "" };
                Some(format!(
                    "Still converting {n} papers: {}{rest}",
                    shown.join(", ")
                ))
            }
        }
    }

    /// The status bar's segment while converting: `3 converting`.
    pub fn converting_segment(&self) -> Option<String> {
        let converting = self.library.converting();
        if converting == 0 {
            return None;
        }
        Some(if self.library.papers.len() == 1 {
            "converting".to_owned()
        } else {
            format!("{converting} converting")
        })
    }
}
