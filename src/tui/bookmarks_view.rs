//! Drawing the bookmarks list and the one-line prompts (a bookmark's note, a page to go to).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::app::App;
use super::bookmarks::{BookmarkList, Prompt, PromptFor};
use super::draw::{crumbs, pad, truncate};
use super::input::TextInput;
use crate::layout::{Role, str_width};
use crate::store::Bookmark;

/// A centred rectangle `percent` of the width and up to `height` rows.
pub fn centered(area: Rect, percent: u16, height: u16) -> Rect {
    let width = (u32::from(area.width) * u32::from(percent) / 100)
        .max(u32::from(area.width.min(30))) as u16;
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// `paper › section · p. 12` for a bookmark, in at most `width` columns: the page (for papers
/// with pages) where the bookmark lands now, kept when the crumbs are cut short.
fn where_of(app: &App, b: &Bookmark, width: usize) -> String {
    let Some(p) = app.library.find(&b.paper) else {
        return truncate(&format!("{} (paper not open)", b.paper), width);
    };
    let paper = &app.library.papers[p];
    let sections = paper
        .find_section(&b.anchor.section)
        .map(|s| paper.title_path(s).join(" › "));
    let page = app
        .marks
        .placed
        .get(&b.id)
        .and_then(super::bookmarks::Placed::place)
        .and_then(|(_, at)| paper.page_label(at.block, at.offset))
        .map(|label| format!(" · p. {label}"))
        .unwrap_or_default();
    let room = width.saturating_sub(str_width(&page));
    format!(
        "{}{page}",
        crumbs(&paper.meta.title, sections.as_deref(), room)
    )
}

/// Draws the bookmarks list overlay.
pub fn draw_list(app: &App, frame: &mut Frame, list: &BookmarkList) {
    let theme = app.theme;
    let rect = centered(frame.area(), 80, frame.area().height.saturating_sub(2));
    let block = Block::bordered()
        .title(" Bookmarks — Enter jump · d delete · u undo · e note · y copy · Esc close ")
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let Some(store) = &app.marks.store else {
        return;
    };
    let bookmarks = store.bookmarks();
    if bookmarks.is_empty() {
        let text = "No bookmarks yet: press m while reading to add one, or v to highlight.";
        frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
        return;
    }
    let width = usize::from(inner.width);
    let per_row = 3;
    let visible = (usize::from(inner.height) / per_row).max(1);
    let first = list.selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, b) in bookmarks.iter().enumerate().skip(first).take(visible) {
        let badge = app
            .marks
            .placed
            .get(&b.id)
            .map_or("·", super::bookmarks::Placed::badge);
        let head = format!("{badge} {:<9} {}", b.kind.name(), b.label);
        let place = format!("  {}", where_of(app, b, width.saturating_sub(2)));
        let note = b
            .note
            .as_deref()
            .map_or_else(|| "  (no note)".to_owned(), |n| format!("  ✎ {n}"));
        let selected = i == list.selected;
        let style = if selected {
            theme.selected(true)
        } else {
            theme.role(Role::STRONG, None)
        };
        lines.push(Line::styled(pad(&truncate(&head, width), width), style));
        let rest = if selected {
            theme.selected(false)
        } else {
            theme.dim()
        };
        lines.push(Line::styled(pad(&place, width), rest));
        lines.push(Line::styled(pad(&truncate(&note, width), width), rest));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Draws the one-line prompt above the status bar, with the cursor in it.
pub fn draw_prompt(app: &App, frame: &mut Frame, prompt: &Prompt) {
    let title = match prompt.purpose {
        PromptFor::NewBookmark { .. } => {
            " Note for this bookmark — Enter saves, Esc saves without a note "
        }
        PromptFor::NewHighlight { .. } => {
            " Note for this highlight — Enter saves, Esc saves without a note "
        }
        PromptFor::EditNote { .. } => " Edit the note — Enter saves, Esc cancels ",
    };
    draw_input_line(app, frame, title, &prompt.input);
}

/// Draws a one-line text input titled `title` above the status bar, with the cursor in it.
pub fn draw_input_line(app: &App, frame: &mut Frame, title: &str, input: &TextInput) {
    let theme = app.theme;
    let area = frame.area();
    if area.height < 3 {
        return;
    }
    let rect = Rect::new(area.x, area.y + area.height - 4, area.width, 3);
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let text = input.text();
    let before: String = text.chars().take(input.cursor()).collect();
    let width = usize::from(inner.width).max(1);
    let cursor_col = str_width(&before);
    // Keep the cursor in view on long notes by showing the text's tail.
    let skip = cursor_col.saturating_sub(width.saturating_sub(1));
    let mut shown = String::new();
    let mut col = 0;
    for c in text.chars() {
        let w = crate::layout::wrap::char_width(c);
        if col >= skip {
            shown.push(c);
        }
        col += w;
    }
    frame.render_widget(
        Paragraph::new(Line::from(Span::raw(truncate(&shown, width)))),
        inner,
    );
    let x = inner.x + (cursor_col - skip).min(width.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(x, inner.y));
}
