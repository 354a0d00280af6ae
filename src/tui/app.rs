//! The application state and `update`: every action changes data here; drawing only reads it.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::keymap::Keymap;
use super::outline::{Node, Outline};
use super::reader::{Place, Reader};
use crate::library::Library;

/// Which pane receives movement keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The outline tree.
    Outline,
    /// The reading pane.
    Reader,
    /// The side panel of facts, timeline and glossary.
    Panel,
}

/// A layer drawn over the panes that takes keys first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key reference, scrolled by `scroll` rows.
    Help {
        /// First row shown.
        scroll: usize,
    },
    /// The one-line prompt (a bookmark's note).
    Prompt(super::bookmarks::Prompt),
    /// The bookmarks list.
    Bookmarks(super::bookmarks::BookmarkList),
    /// Link-select mode: hints over the links on screen.
    Links(super::links::LinkPick),
    /// The finder.
    Finder(super::finder::FinderState),
    /// A passage being selected for a highlight.
    Select(super::highlight::Selection),

    /// The go-to-page prompt.
    Page(super::pages::PagePrompt),
}

/// How a status message looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something went wrong but the reader goes on.
    Warning,
}

/// What the run loop must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Turn mouse capture on or off.
    Mouse(bool),
    /// Write this escape sequence to the terminal (OSC 52 copy).
    Emit(String),
}

/// Where the panes are on screen, derived from the terminal size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The outline pane (zero-sized when hidden).
    pub outline: Rect,
    /// The reading pane, margin included.
    pub reader: Rect,
    /// The reading pane's text column.
    pub text: Rect,
    /// The side panel (zero-sized when hidden).
    pub panel: Rect,
    /// The status bar.
    pub status: Rect,
    /// Whether the terminal is too small for the panes.
    pub too_small: bool,
}

/// The smallest terminal that shows the panes.
pub const MIN_SIZE: (u16, u16) = (20, 4);

/// The whole reader's state.
#[derive(Debug)]
pub struct App {
    /// The open papers.
    pub library: std::sync::Arc<Library>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Focused pane.
    pub focus: Focus,
    /// The outline tree.
    pub outline: Outline,
    /// The reading pane.
    pub reader: Reader,
    /// The open overlay, if any.
    pub overlay: Option<Overlay>,
    /// The status bar's message.
    pub status: Option<(String, Tone)>,
    /// Whether the outline pane is shown.
    pub show_outline: bool,
    /// Screen areas for the current size.
    pub areas: Areas,
    /// Colours and attributes.
    pub theme: super::theme::Theme,
    /// Bookmarks and where they land.
    pub marks: super::bookmarks::Marks,
    /// The bookmarks list's state, kept while its note is edited.
    pub list_state: super::bookmarks::BookmarkList,
    /// Places jumped from, for `Ctrl-O` / `Ctrl-I`.
    pub jumps: super::bookmarks::Jumps,
    /// The side panel.
    pub panel: super::panel::Panel,
    /// The terminal's size.
    pub size: (u16, u16),
    /// Whether the mouse is captured.
    pub mouse: bool,
    /// The widest reading column.
    pub reading_width: u16,
    /// The finder's index, worker and last query.
    pub search: super::finder::Search,
    /// Every open paper's bibliographic record and citekey.
    pub catalog: crate::bib::Catalog,
    /// How `y` cites: `citation_style` from the config (a bundled name or a `.csl` path).
    pub style_spec: String,
    /// The style, loaded on the first copy (decoding a style and its locales takes a while,
    /// which the first frame should not wait for).
    style: std::cell::OnceCell<crate::bib::CitationStyle>,
    /// Papers still converting in the background, if any.
    pub arrivals: Option<super::loading::Arrivals>,
}

impl App {
    /// A reader over `library`, showing the first paper; problems loading it go to the status bar.
    pub fn new(library: Library) -> App {
        let library = std::sync::Arc::new(library);
        let catalog = crate::bib::Catalog::new(&library.papers);
        let outline = Outline::new(&library);
        let papers = library.papers.len();
        let reader = Reader::new(&library);
        let mut status = None;
        let mut problems: Vec<String> = library.problems.iter().map(ToString::to_string).collect();
        for paper in &library.papers {
            problems.extend(
                paper
                    .warnings
                    .iter()
                    .map(|w| format!("{}: {w}", paper.origin.display())),
            );
        }
        if let Some(first) = problems.first() {
            let more = if problems.len() > 1 {
                format!(" (+{} more)", problems.len() - 1)
            } else {
                String::new()
            };
            status = Some((format!("{first}{more}"), Tone::Warning));
        }
        App {
            library,
            keymap: Keymap::default(),
            focus: Focus::Reader,
            outline,
            reader,
            overlay: None,
            status,
            show_outline: true,
            areas: Areas::default(),
            theme: super::theme::Theme::from_env(),
            marks: super::bookmarks::Marks::default(),
            list_state: super::bookmarks::BookmarkList::default(),
            jumps: super::bookmarks::Jumps::default(),
            panel: super::panel::Panel {
                insights: super::panel::Insights::new(papers),
                auto: true,
                ..super::panel::Panel::default()
            },
            size: (0, 0),
            mouse: true,
            reading_width: super::reader::MAX_TEXT_WIDTH,
            search: super::finder::Search::default(),
            catalog,
            style_spec: crate::bib::DEFAULT_STYLE.to_owned(),
            style: std::cell::OnceCell::new(),
            arrivals: None,
        }
    }

    /// The citation style, loaded on first use; a style that cannot be loaded (the config
    /// checked it, but the file may have changed since) falls back to the default.
    pub fn citation_style(&self) -> &crate::bib::CitationStyle {
        self.style.get_or_init(|| {
            crate::bib::CitationStyle::load(&self.style_spec, None).unwrap_or_else(|_| {
                crate::bib::CitationStyle::builtin(crate::bib::DEFAULT_STYLE)
                    .expect("the default citation style is bundled")
            })
        })
    }

    /// Sets the citation style by its config value (loaded when first needed).
    pub fn set_citation_style(&mut self, spec: &str) {
        spec.clone_into(&mut self.style_spec);
        self.style = std::cell::OnceCell::new();
    }

    /// Lays the panes out for a terminal of `width` × `height` and re-wraps if needed.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let paper_bytes = self
            .library
            .papers
            .get(self.reader.paper)
            .map_or(0, |p| p.source_len);
        self.panel.fit_width(width, paper_bytes);
        self.areas = areas(
            width,
            height,
            self.show_outline,
            self.panel.open,
            self.reading_width,
        );
        if !self.areas.too_small {
            self.reader
                .resize(&self.library, self.areas.text.width, self.areas.text.height);
        }
        if (self.areas.outline.width == 0 && self.focus == Focus::Outline)
            || (self.areas.panel.width == 0 && self.focus == Focus::Panel)
        {
            self.focus = Focus::Reader;
        }
        self.prepare_panel();
    }

    /// Lays the panes out again at the current size (after a pane is shown or hidden).
    pub fn relayout(&mut self) {
        self.resize(self.size.0, self.size.1);
    }

    /// Handles a key press.
    pub fn key(&mut self, event: KeyEvent) -> Option<Effect> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(overlay) = self.overlay.clone() {
            return self.overlay_key(&overlay, event);
        }
        let action = self.keymap.action(event)?;
        self.update(action)
    }

    fn overlay_key(&mut self, overlay: &Overlay, event: KeyEvent) -> Option<Effect> {
        if event.code == KeyCode::Char('c')
            && event
                .modifiers
                .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            return Some(Effect::Quit);
        }
        match overlay {
            Overlay::Prompt(prompt) => {
                self.prompt_key(prompt.clone(), event);
                None
            }
            Overlay::Links(pick) => self.link_pick_key(pick.clone(), event),
            Overlay::Page(prompt) => {
                self.page_prompt_key(prompt.clone(), event);
                None
            }
            Overlay::Finder(_) => {
                self.finder_key(event);
                None
            }
            Overlay::Select(sel) => self.selection_key(*sel, event),
            Overlay::Bookmarks(_) if event.code == KeyCode::Char('y') => self.copy(),
            Overlay::Bookmarks(list) => {
                self.bookmark_list_key(list.clone(), event);
                None
            }
            Overlay::Help { scroll } => {
                let action = self.keymap.action(event);
                let scroll = match action {
                    Some(Action::Down) => scroll + 1,
                    Some(Action::Up) => scroll.saturating_sub(1),
                    Some(Action::PageDown | Action::HalfPageDown) => scroll + 10,
                    Some(Action::PageUp | Action::HalfPageUp) => scroll.saturating_sub(10),
                    _ => {
                        self.overlay = None;
                        return None;
                    }
                };
                self.overlay = Some(Overlay::Help {
                    scroll: scroll.min(self.keymap.help_rows().len()),
                });
                None
            }
        }
    }

    /// Applies an action.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let page = usize::from(self.reader.height).max(1);
        let outline_page = usize::from(self.areas.outline.height).max(1);
        let in_outline = self.focus == Focus::Outline;
        let before = (self.reader.paper, self.reader.top);
        if self.focus == Focus::Panel && self.panel_action(action) {
            if before != (self.reader.paper, self.reader.top) {
                self.follow_reader();
            }
            return None;
        }
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Back => {
                self.overlay = None;
                self.reader.marks.clear();
                self.status = None;
            }
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::ToggleOutline => {
                self.show_outline = !self.show_outline;
                self.focus = if self.show_outline {
                    Focus::Outline
                } else {
                    Focus::Reader
                };
                self.relayout();
            }
            Action::TogglePanel => self.toggle_panel(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.info(if self.mouse {
                    "Mouse on: wheel scrolls, clicks select (M turns it off)"
                } else {
                    "Mouse off: select text with the terminal (M turns it back on)"
                });
                return Some(Effect::Mouse(self.mouse));
            }
            Action::Copy => return self.copy(),
            Action::Links => self.start_link_pick(),
            Action::Find => self.open_finder(),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::FactsTab => self.open_panel(super::panel::Tab::Facts),
            Action::TimelineTab => self.open_panel(super::panel::Tab::Timeline),
            Action::GlossaryTab => self.open_panel(super::panel::Tab::Glossary),
            Action::Down if in_outline => self.outline.move_by(1),
            Action::Up if in_outline => self.outline.move_by(-1),
            Action::HalfPageDown if in_outline => self.outline.move_by((outline_page / 2) as isize),
            Action::HalfPageUp if in_outline => {
                self.outline.move_by(-((outline_page / 2) as isize));
            }
            Action::PageDown if in_outline => self.outline.move_by(outline_page as isize),
            Action::PageUp if in_outline => self.outline.move_by(-(outline_page as isize)),
            Action::Top if in_outline => self.outline.select_row(0),
            Action::Bottom if in_outline => self.outline.select_row(usize::MAX),
            Action::Collapse if in_outline => self.outline.collapse(&self.library),
            Action::Expand if in_outline => self.outline.expand(&self.library),
            Action::Select if in_outline => self.jump_to_selected(),
            Action::Down => self.reader.scroll(1),
            Action::Up => self.reader.scroll(-1),
            Action::HalfPageDown => self.reader.scroll((page / 2).max(1) as isize),
            Action::HalfPageUp => self.reader.scroll(-((page / 2).max(1) as isize)),
            Action::PageDown => self.reader.scroll(page.saturating_sub(1).max(1) as isize),
            Action::PageUp => self
                .reader
                .scroll(-(page.saturating_sub(1).max(1) as isize)),
            Action::Top => self.reader.scroll_to(0),
            Action::Bottom => self.reader.scroll_to(usize::MAX),
            Action::NextSection => {
                if !self.reader.next_section(&self.library) {
                    self.info("Last section of this paper");
                }
            }
            Action::PrevSection => {
                if !self.reader.prev_section(&self.library) {
                    self.info("Top of this paper");
                }
            }
            Action::Bookmark => self.start_bookmark(None),
            Action::Bookmarks => self.open_bookmark_list(),
            Action::Highlight => self.start_selection(None),
            Action::JumpBack => self.jump_history(true),
            Action::JumpForward => self.jump_history(false),
            Action::GoToPage => self.start_page_prompt(),
            Action::Collapse | Action::Expand | Action::Select => {}
        }
        if before != (self.reader.paper, self.reader.top) {
            self.follow_reader();
        }
        None
    }

    /// Moves focus to the next (`forward`) or previous visible pane.
    fn cycle_focus(&mut self, forward: bool) {
        let visible: Vec<Focus> = [
            (Focus::Outline, self.areas.outline.width > 0),
            (Focus::Reader, true),
            (Focus::Panel, self.areas.panel.width > 0),
        ]
        .into_iter()
        .filter_map(|(f, shown)| shown.then_some(f))
        .collect();
        let at = visible.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (at + 1) % visible.len()
        } else {
            (at + visible.len() - 1) % visible.len()
        };
        self.focus = visible[next];
    }

    /// Movement keys in the focused side panel; false when the action is not the panel's.
    fn panel_action(&mut self, action: Action) -> bool {
        let paper = self.reader.paper;
        let page = (usize::from(self.areas.panel.height) / 4).max(1) as isize;
        match action {
            Action::Down => self.panel.move_by(1, paper),
            Action::Up => self.panel.move_by(-1, paper),
            Action::HalfPageDown | Action::PageDown => self.panel.move_by(page, paper),
            Action::HalfPageUp | Action::PageUp => self.panel.move_by(-page, paper),
            Action::Top => self.panel.move_by(isize::MIN, paper),
            Action::Bottom => self.panel.move_by(isize::MAX, paper),
            Action::Collapse | Action::Expand => {
                self.panel.cycle(action == Action::Expand);
                self.prepare_panel();
            }
            Action::Select => self.panel_jump(),

            Action::Bookmark => {
                let target = self.panel_target().map(|(paper, place, _)| (paper, place));
                self.start_bookmark(target);
            }
            _ => return false,
        }
        true
    }

    fn jump_to_selected(&mut self) {
        let Some(node) = self.outline.selected_node() else {
            return;
        };
        match node {
            Node::Paper(p) => {
                let place = self.reader.place_of(p);
                self.jump(p, place);
            }
            Node::Section(p, s) => {
                let block = self.library.papers[p].sections[s].block;
                self.jump(p, Place { block, offset: 0 });
            }
        }
        self.focus = Focus::Reader;
    }

    /// Moves the outline's selection to the section being read.
    pub(super) fn follow_reader(&mut self) {
        let paper = self.reader.paper;
        let node = self
            .reader
            .section(&self.library)
            .map_or(Node::Paper(paper), |s| Node::Section(paper, s));
        self.outline.select(&self.library, node);
    }

    pub(super) fn info(&mut self, message: &str) {
        self.status = Some((message.to_owned(), Tone::Info));
    }

    pub(super) fn warn(&mut self, message: &str) {
        self.status = Some((message.to_owned(), Tone::Warning));
    }

    /// Handles the mouse: the wheel scrolls the pane under the pointer, a click in the outline
    /// selects and opens that row.
    pub fn mouse(&mut self, event: MouseEvent) {
        let at = Position::new(event.column, event.row);
        let over_outline = self.areas.outline.contains(at);
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta: isize = if event.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if self.overlay.is_some() {
                    return;
                }
                if over_outline {
                    self.outline.move_by(delta);
                } else if self.areas.reader.contains(at) {
                    self.reader.scroll(delta);
                    self.follow_reader();
                }
            }
            MouseEventKind::Down(MouseButton::Left) if over_outline && self.overlay.is_none() => {
                let row = usize::from(event.row - self.areas.outline.y);
                let first = outline_scroll(
                    self.outline.selected(),
                    usize::from(self.areas.outline.height),
                );
                if first + row < self.outline.rows().len() {
                    self.outline.select_row(first + row);
                    self.jump_to_selected();
                    self.focus = Focus::Outline;
                }
            }
            MouseEventKind::Down(MouseButton::Left)
                if self.areas.reader.contains(at) && self.overlay.is_none() =>
            {
                self.focus = Focus::Reader;
            }
            _ => {}
        }
    }
}

/// The first outline row shown so that `selected` stays visible in `height` rows.
pub fn outline_scroll(selected: usize, height: usize) -> usize {
    if selected < height {
        0
    } else {
        selected + 1 - height
    }
}

/// Splits the screen: outline on the left (when shown and wide enough), reader, status bar.
pub fn areas(
    width: u16,
    height: u16,
    show_outline: bool,
    show_panel: bool,
    max_text: u16,
) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Areas {
            status: full,
            too_small: true,
            ..Areas::default()
        };
    }
    let status = Rect::new(0, height - 1, width, 1);
    let main = Rect::new(0, 0, width, height - 1);
    let panel_width = if show_panel && width >= 60 {
        (width * 3 / 10).clamp(28, 56)
    } else {
        0
    };
    let mut outline_width = if show_outline && width >= 50 {
        (width / 4).clamp(20, 40)
    } else {
        0
    };
    if width.saturating_sub(panel_width + outline_width) < 40 {
        outline_width = 0;
    }
    let outline = Rect::new(0, 0, outline_width, main.height);
    let panel = Rect::new(width - panel_width, 0, panel_width, main.height);
    let reader = Rect::new(
        outline_width,
        0,
        width - outline_width - panel_width,
        main.height,
    );
    let margin = 3.min(reader.width.saturating_sub(2));
    let text_width = (reader.width - margin)
        .saturating_sub(1)
        .clamp(2, max_text.max(2));
    let text = Rect::new(
        reader.x + margin,
        0,
        text_width.min(reader.width - margin),
        main.height,
    );
    Areas {
        outline,
        reader,
        text,
        panel,
        status,
        too_small: false,
    }
}
