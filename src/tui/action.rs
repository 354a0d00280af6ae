//! Everything a key or a click can ask the reader to do.

use serde::{Deserialize, Serialize};

/// A user intent, independent of the key that triggered it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move down one line (reader) or one row (lists).
    Down,
    /// Move up one line or row.
    Up,
    /// Scroll down half a page.
    HalfPageDown,
    /// Scroll up half a page.
    HalfPageUp,
    /// Scroll down a page.
    PageDown,
    /// Scroll up a page.
    PageUp,
    /// Go to the top of the paper or list.
    Top,
    /// Go to the bottom of the paper or list.
    Bottom,
    /// Go to the next section's heading.
    NextSection,
    /// Go to the previous section's heading (or this one's, when inside it).
    PrevSection,
    /// Move focus to the next pane.
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Collapse the outline node, or go to its parent.
    Collapse,
    /// Expand the outline node, or go to its first child.
    Expand,
    /// Jump to the selected item.
    Select,
    /// Show or hide the outline pane.
    ToggleOutline,
    /// Bookmark the place being read and ask for a note.
    Bookmark,
    /// List all bookmarks.
    Bookmarks,
    /// Start highlighting at the sentence being read (then extend, and save with a note).
    Highlight,
    /// Go back to the place jumped from.
    JumpBack,
    /// Go forward again after going back.
    JumpForward,
    /// Ask for a page label and jump to that page (papers with pages).
    GoToPage,
    /// Show or hide the side panel of facts, timeline and glossary.
    TogglePanel,
    /// Open the panel's Facts tab.
    FactsTab,
    /// Open the panel's Timeline tab.
    TimelineTab,
    /// Open the panel's Glossary tab.
    GlossaryTab,
    /// Open the finder.
    Find,
    /// Go to the next match of the last search.
    NextMatch,
    /// Go to the previous match of the last search.
    PrevMatch,
    /// Label the links on screen to follow one.
    Links,
    /// Turn mouse capture off (so the terminal can select text) or back on.
    ToggleMouse,
    /// Copy the selected fact or bookmark, or the paragraph being read, with a citation.
    Copy,
    /// Show the help overlay listing every key.
    Help,
    /// Close the open overlay or clear highlights.
    Back,
    /// Quit dossier.
    Quit,
}
