//! Markdown to blocks: walks pulldown-cmark's events and flattens them into leaf blocks.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::model::{
    Align, Block, BlockKind, Cell, Container, ContainerKind, Inline, Link, PageBreak, Run, Table,
};
use super::sanitize::clean;

/// What the parser produces for one Markdown body.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Leaf blocks in reading order (headings carry section 0 until sections are built).
    pub blocks: Vec<Block>,
    /// The container chain blocks point into.
    pub containers: Vec<Container>,
    /// Link and footnote-reference targets.
    pub links: Vec<Link>,
    /// Footnote label → the first block of its definition.
    pub footnotes: HashMap<String, usize>,
    /// Page labels in the order their `<!-- page: LABEL -->` markers appear.
    pub pages: Vec<String>,
    /// Where each page starts, in reading order.
    pub page_breaks: Vec<PageBreak>,
}

/// The Markdown extensions dossier reads.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Parses `body`, whose first byte sits at `base` in the source file.
pub fn parse(body: &str, base: usize) -> Parsed {
    let mut builder = Builder {
        base,
        ..Builder::default()
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        builder.event(event, range);
    }
    builder.flush_leaf();
    builder.out
}

#[derive(Default)]
struct Leaf {
    kind: Option<BlockKind>,
    text: String,
    runs: Vec<Run>,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct TableBuilder {
    aligns: Vec<Align>,
    rows: Vec<Vec<Cell>>,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Builder {
    base: usize,
    out: Parsed,
    leaf: Leaf,
    /// The innermost open container.
    container: Option<u32>,
    /// Depth of open footnote definitions.
    footnote_depth: usize,
    /// Next number of each open list (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// Block count when each open container was opened, to notice empty items.
    opened_at: Vec<usize>,
    styles: Vec<(Inline, Option<u32>)>,
    table: Option<TableBuilder>,
    cell: Option<Cell>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let range = range.start + self.base..range.end + self.base;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, &range),
            Event::InlineHtml(text) => {
                if let Some(label) = page_marker(&text) {
                    let offset = if self.cell.is_some() {
                        0
                    } else {
                        self.leaf.text.len()
                    };
                    self.page_break(label, offset);
                } else {
                    self.text(&text, Inline::PLAIN, &range);
                }
            }
            Event::Text(text) | Event::Html(text) => {
                self.text(&text, Inline::PLAIN, &range);
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text, Inline::CODE, &range);
            }
            Event::FootnoteReference(label) => {
                let link = self.add_link(&label, true);
                let shown = format!("[{}]", clean(&label, false));
                self.push_text(&shown, Inline::FOOTNOTE, Some(link), &range);
            }
            Event::SoftBreak => self.text(" ", Inline::PLAIN, &range),
            Event::HardBreak => self.push_raw("\n", Inline::PLAIN, None, &range),
            Event::Rule => {
                self.flush_leaf();
                self.push_block(BlockKind::Rule, String::new(), Vec::new(), range);
            }
            Event::TaskListMarker(done) => self.task_marker(done),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.open_leaf(BlockKind::Paragraph, &range),
            Tag::Heading { level, .. } => {
                self.open_leaf(
                    BlockKind::Heading {
                        level: level as u8,
                        section: 0,
                    },
                    &range,
                );
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(|w| clean(w, false))
                    }
                    CodeBlockKind::Indented => None,
                };
                self.open_leaf(BlockKind::Code { lang }, &range);
            }
            Tag::HtmlBlock => self.open_leaf(BlockKind::Html, &range),
            Tag::BlockQuote(_) => self.open_container(ContainerKind::Quote),
            Tag::List(start) => {
                self.flush_leaf();
                self.lists.push(start);
            }
            Tag::Item => {
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n = n.saturating_add(1);
                        marker
                    }
                    _ => "• ".to_owned(),
                };
                self.open_container(ContainerKind::Item(marker));
            }
            Tag::FootnoteDefinition(label) => {
                self.open_container(ContainerKind::Footnote(clean(&label, false)));
                self.footnote_depth += 1;
                self.out
                    .footnotes
                    .entry(label.to_string())
                    .or_insert(self.out.blocks.len());
            }
            Tag::Table(aligns) => {
                self.flush_leaf();
                self.table = Some(TableBuilder {
                    aligns: aligns.iter().map(|a| align(*a)).collect(),
                    rows: Vec::new(),
                    start: range.start,
                    end: range.end,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.cell = Some(Cell::default()),
            Tag::Emphasis => self.push_style(Inline::EMPHASIS, None),
            Tag::Strong => self.push_style(Inline::STRONG, None),
            Tag::Strikethrough => self.push_style(Inline::STRIKE, None),
            Tag::Superscript | Tag::Subscript => self.push_style(Inline::PLAIN, None),
            Tag::Link { dest_url, .. } => {
                let link = self.add_link(&dest_url, false);
                self.push_style(Inline::LINK, Some(link));
            }
            Tag::Image { dest_url, .. } => {
                let link = self.add_link(&dest_url, false);
                self.push_style(Inline::LINK, Some(link));
                self.push_text("[image: ", Inline::PLAIN, None, &range);
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush_leaf(),
        }
    }

    fn end(&mut self, tag: TagEnd, range: &Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.leaf.end = range.end;
                self.flush_leaf();
            }
            TagEnd::BlockQuote(_) | TagEnd::Item => self.close_container(range),
            TagEnd::FootnoteDefinition => {
                self.close_container(range);
                self.footnote_depth = self.footnote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush_leaf();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                if let (Some(cell), Some(table)) = (self.cell.take(), &mut self.table)
                    && let Some(row) = table.rows.last_mut()
                {
                    row.push(cell);
                }
            }
            TagEnd::Table => self.finish_table(range),
            TagEnd::Image => {
                self.push_text("]", Inline::PLAIN, None, range);
                self.styles.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {
                self.styles.pop();
            }
            TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn open_leaf(&mut self, kind: BlockKind, range: &Range<usize>) {
        self.flush_leaf();
        self.leaf = Leaf {
            kind: Some(kind),
            start: range.start,
            end: range.end,
            ..Leaf::default()
        };
    }

    fn open_container(&mut self, kind: ContainerKind) {
        self.flush_leaf();
        self.out.containers.push(Container {
            kind,
            parent: self.container,
            first_block: self.out.blocks.len() as u32,
        });
        self.container = Some(self.out.containers.len() as u32 - 1);
        self.opened_at.push(self.out.blocks.len());
    }

    fn close_container(&mut self, range: &Range<usize>) {
        self.flush_leaf();
        let Some(index) = self.container else { return };
        let opened_at = self.opened_at.pop().unwrap_or(0);
        if self.out.blocks.len() == opened_at {
            // An empty list item or quote still shows its marker.
            self.push_block(
                BlockKind::Paragraph,
                String::new(),
                Vec::new(),
                range.clone(),
            );
        }
        self.container = self.out.containers[index as usize].parent;
    }

    fn task_marker(&mut self, done: bool) {
        if let Some(index) = self.container
            && let ContainerKind::Item(marker) = &mut self.out.containers[index as usize].kind
        {
            *marker = if done {
                "[x] ".to_owned()
            } else {
                "[ ] ".to_owned()
            };
        }
    }

    fn push_style(&mut self, style: Inline, link: Option<u32>) {
        let (outer, outer_link) = self.styles.last().copied().unwrap_or((Inline::PLAIN, None));
        self.styles.push((outer.with(style), link.or(outer_link)));
    }

    fn add_link(&mut self, dest: &str, footnote: bool) -> u32 {
        self.out.links.push(Link {
            dest: clean(dest, false),
            footnote,
        });
        self.out.links.len() as u32 - 1
    }

    fn text(&mut self, text: &str, style: Inline, range: &Range<usize>) {
        let keep_newlines = matches!(
            self.leaf.kind,
            Some(BlockKind::Code { .. } | BlockKind::Html)
        ) && self.cell.is_none();
        let cleaned = if keep_newlines {
            clean(&expand_tabs(text), true)
        } else {
            clean(text, false)
        };
        let (outer, link) = self.styles.last().copied().unwrap_or((Inline::PLAIN, None));
        self.push_raw(&cleaned, outer.with(style), link, range);
    }

    fn push_text(&mut self, text: &str, style: Inline, link: Option<u32>, range: &Range<usize>) {
        let (outer, outer_link) = self.styles.last().copied().unwrap_or((Inline::PLAIN, None));
        self.push_raw(text, outer.with(style), link.or(outer_link), range);
    }

    /// Appends already-clean text to the open cell or leaf, opening an implicit paragraph
    /// (tight list items have no paragraph events).
    fn push_raw(&mut self, text: &str, style: Inline, link: Option<u32>, range: &Range<usize>) {
        if text.is_empty() {
            return;
        }
        if let Some(cell) = &mut self.cell {
            append(&mut cell.text, &mut cell.runs, text, style, link);
            return;
        }
        if self.leaf.kind.is_none() {
            self.leaf = Leaf {
                kind: Some(BlockKind::Paragraph),
                start: range.start,
                end: range.end,
                ..Leaf::default()
            };
        }
        self.leaf.end = self.leaf.end.max(range.end);
        append(&mut self.leaf.text, &mut self.leaf.runs, text, style, link);
    }

    fn flush_leaf(&mut self) {
        let leaf = std::mem::take(&mut self.leaf);
        let Some(kind) = leaf.kind else { return };
        let mut text = leaf.text;
        if matches!(kind, BlockKind::Code { .. } | BlockKind::Html) {
            while text.ends_with('\n') {
                text.pop();
            }
        }
        if kind == BlockKind::Html
            && self.cell.is_none()
            && let Some(label) = page_marker(&text)
        {
            self.page_break(label, 0);
            return;
        }
        self.push_block(kind, text, leaf.runs, leaf.start..leaf.end);
    }

    fn push_block(
        &mut self,
        kind: BlockKind,
        text: String,
        mut runs: Vec<Run>,
        source: Range<usize>,
    ) {
        runs.retain(|r| r.range.end <= text.len());
        self.out.blocks.push(Block {
            kind,
            text,
            runs,
            container: self.container,
            in_footnote: self.footnote_depth > 0,
            source,
            section: None,
        });
    }

    /// Records that a page labelled `label` starts at `offset` in the next block pushed.
    fn page_break(&mut self, label: &str, offset: usize) {
        self.out.pages.push(clean(label, false));
        self.out.page_breaks.push(PageBreak {
            block: self.out.blocks.len(),
            offset,
            page: self.out.pages.len() - 1,
        });
    }

    fn finish_table(&mut self, range: &Range<usize>) {
        let Some(mut table) = self.table.take() else {
            return;
        };
        table.end = table.end.max(range.end);
        let text = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let columns = table
            .rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(table.aligns.len());
        table.aligns.resize(columns, Align::Left);
        let kind = BlockKind::Table(Table {
            aligns: table.aligns,
            rows: table.rows,
        });
        self.push_block(kind, text, Vec::new(), table.start..table.end);
    }
}

/// The label of a page marker `<!-- page: LABEL -->`, which converters write where a page
/// starts (on a line of its own between blocks, or inline inside a paragraph).
pub fn page_marker(html: &str) -> Option<&str> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim()
        .strip_prefix("page:")?
        .trim();
    (!inner.is_empty() && inner.len() <= 32 && !inner.contains(['\n', '<', '>'])).then_some(inner)
}

fn append(buf: &mut String, runs: &mut Vec<Run>, text: &str, style: Inline, link: Option<u32>) {
    let start = buf.len();
    buf.push_str(text);
    if style.is_plain() && link.is_none() {
        return;
    }
    if let Some(last) = runs.last_mut()
        && last.range.end == start
        && last.style == style
        && last.link == link
    {
        last.range.end = buf.len();
        return;
    }
    runs.push(Run {
        range: start..buf.len(),
        style,
        link,
    });
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
        Alignment::None | Alignment::Left => Align::Left,
    }
}

/// Expands tabs to the next multiple of four columns, line by line.
fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push('\n');
                column = 0;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(parsed: &Parsed) -> Vec<String> {
        parsed
            .blocks
            .iter()
            .map(|b| format!("{:?}", b.kind).chars().take(8).collect())
            .collect()
    }

    #[test]
    fn tight_list_items_become_paragraph_blocks_with_markers() {
        let p = parse("- one\n- two\n\n3. three\n", 0);
        assert_eq!(p.blocks.len(), 3);
        assert_eq!(p.blocks[1].text, "two");
        let marker = |b: &Block| match &p.containers[b.container.unwrap() as usize].kind {
            ContainerKind::Item(m) => m.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(marker(&p.blocks[0]), "• ");
        assert_eq!(marker(&p.blocks[2]), "3. ");
    }

    #[test]
    fn inline_styles_become_runs_over_plain_text() {
        let p = parse("Some *em* and **strong** `code` [link](https://x.org).", 0);
        let b = &p.blocks[0];
        assert_eq!(b.text, "Some em and strong code link.");
        let styled: Vec<&str> = b.runs.iter().map(|r| &b.text[r.range.clone()]).collect();
        assert_eq!(styled, ["em", "strong", "code", "link"]);
        assert_eq!(p.links[0].dest, "https://x.org");
    }

    #[test]
    fn tables_keep_cells_and_alignment() {
        let p = parse("| a | b |\n|:-|-:|\n| 1 | 2 |\n", 0);
        let BlockKind::Table(table) = &p.blocks[0].kind else {
            panic!("{:?}", kinds(&p))
        };
        assert_eq!(table.aligns, [Align::Left, Align::Right]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(p.blocks[0].text, "a | b\n1 | 2");
    }

    #[test]
    fn code_keeps_lines_and_html_is_shown_as_text() {
        let p = parse("```rust\nfn a() {\n\tb();\n}\n```\n\n<div>raw</div>\n", 0);
        assert_eq!(
            p.blocks[0].kind,
            BlockKind::Code {
                lang: Some("rust".into())
            }
        );
        assert_eq!(p.blocks[0].text, "fn a() {\n    b();\n}");
        assert_eq!(p.blocks[1].kind, BlockKind::Html);
        assert_eq!(p.blocks[1].text, "<div>raw</div>");
    }

    #[test]
    fn footnotes_are_marked_and_indexed() {
        let p = parse("Text[^1].\n\n[^1]: The note.\n", 0);
        assert_eq!(p.blocks[0].text, "Text[1].");
        assert!(p.blocks[1].in_footnote);
        assert_eq!(p.footnotes["1"], 1);
        assert!(p.links[0].footnote);
    }

    #[test]
    fn source_ranges_point_into_the_file() {
        let src = "---\nx: y\n---\n# Head\n\nPara text\n";
        let base = src.find("# Head").unwrap();
        let p = parse(&src[base..], base);
        assert_eq!(&src[p.blocks[0].source.clone()], "# Head\n");
        assert_eq!(&src[p.blocks[1].source.clone()], "Para text\n");
    }

    #[test]
    fn control_characters_never_reach_the_model() {
        let p = parse(
            "evil \u{1b}[31mred\u{7}\n\n```\n\u{1b}]0;title\u{7}\n```\n",
            0,
        );
        for b in &p.blocks {
            assert!(
                !b.text.chars().any(|c| c.is_control() && c != '\n'),
                "{:?}",
                b.text
            );
        }
        assert_eq!(p.blocks[0].text, "evil ^[[31mred^G");
    }

    #[test]
    fn empty_items_and_quotes_still_produce_a_block() {
        let p = parse("-\n\n>\n", 0);
        assert_eq!(p.blocks.len(), 2);
    }
}
