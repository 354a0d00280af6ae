//! Article HTML → Markdown: headings, paragraphs, lists, quotes, code, tables, links and
//! footnotes, each written so that dossier's Markdown reader shows exactly the page's text.
//!
//! Scripts, styles, forms, media and hidden elements (`hidden`, `display:none`) are never shown.
//! Nesting deeper than [`MAX_DEPTH`] is flattened to its text, so a page of 100,000 nested tags
//! neither overflows the stack nor loses its words.

use dom_query::NodeRef;
use url::Url;

use super::footnotes::{self, Notes};
use super::inline::{code_span, escape_line_starts, longest_run, push_text, wrap};
use super::links::{Target, resolve};

/// Elements below this depth are written as plain text.
pub const MAX_DEPTH: usize = 160;

/// Elements whose content is never shown.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg",
    "math", "iframe", "frame", "frameset", "object", "embed", "canvas", "video", "audio", "source",
    "track", "map", "area", "img", "picture", "input", "button", "select", "option", "optgroup",
    "textarea", "datalist", "output", "progress", "meter", "dialog", "param", "applet",
];

/// Elements that start and end a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "center",
    "details",
    "summary",
    "address",
    "fieldset",
    "legend",
    "hgroup",
    "caption",
    "li",
    "dd",
    "dt",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "form",
    "body",
    "html",
    "menu",
    "search",
];

/// What the writer produced.
#[derive(Debug, Default)]
pub struct Written {
    /// The Markdown body.
    pub markdown: String,
    /// Whether some nesting was deeper than [`MAX_DEPTH`] and written as plain text.
    pub flattened: bool,
}

/// Writes the content below `root` as Markdown; relative links resolve against `base`.
pub fn write(root: &NodeRef, base: Option<&Url>) -> Written {
    let mut w = Writer {
        base,
        notes: footnotes::find(root),
        in_note: 0,
        flattened: false,
    };
    let blocks = w.blocks(root, 0);
    let mut markdown = blocks.join("\n\n");
    markdown.push('\n');
    Written {
        markdown,
        flattened: w.flattened,
    }
}

/// The inline Markdown of one paragraph being built.
#[derive(Default)]
struct Para {
    buf: String,
    /// The buffer ends in collapsible space (or is empty): leading space is dropped.
    no_space: bool,
}

impl Para {
    fn new() -> Para {
        Para {
            buf: String::new(),
            no_space: true,
        }
    }

    fn text(&mut self, text: &str) {
        push_text(&mut self.buf, text, &mut self.no_space);
    }

    fn raw(&mut self, markdown: &str) {
        if markdown.is_empty() {
            return;
        }
        self.buf.push_str(markdown);
        self.no_space = markdown.ends_with(' ');
    }

    fn hard_break(&mut self) {
        let keep = self.buf.trim_end_matches(' ').len();
        self.buf.truncate(keep);
        if !self.buf.is_empty() && !self.buf.ends_with("\\\n") {
            self.buf.push_str("\\\n");
        }
        self.no_space = true;
    }

    /// The paragraph's Markdown, trimmed, without trailing breaks; empty when it has no text.
    fn take(&mut self) -> String {
        let mut s = std::mem::take(&mut self.buf);
        self.no_space = true;
        loop {
            let trimmed = s.trim_end_matches([' ', '\n']).len();
            s.truncate(trimmed);
            if s.ends_with("\\\n") || (s.ends_with('\\') && !s.ends_with("\\\\")) {
                s.pop();
            } else {
                break;
            }
        }
        s.trim_start_matches(' ').to_owned()
    }

    fn flush(&mut self, out: &mut Vec<String>) {
        let s = self.take();
        if !s.is_empty() {
            out.push(escape_line_starts(&s));
        }
    }
}

struct Writer<'a> {
    base: Option<&'a Url>,
    notes: Notes,
    in_note: usize,
    flattened: bool,
}

/// An element's name, lower-cased (empty for other nodes).
pub(super) fn name_of(n: &NodeRef) -> String {
    n.node_name()
        .map(|t| t.to_ascii_lowercase())
        .unwrap_or_default()
}

fn hidden(n: &NodeRef) -> bool {
    if n.has_attr("hidden") {
        return true;
    }
    n.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The text below `n` as the browser keeps it in `<pre>`: text nodes as they are, `<br>` as a
/// line break, skipped elements left out. Iterative: safe at any depth.
fn raw_text(n: &NodeRef) -> String {
    let mut out = String::new();
    let mut stack = vec![*n];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            out.push_str(&node.text());
            continue;
        }
        if node.is_element() {
            let name = name_of(&node);
            if name == "br" {
                out.push('\n');
                continue;
            }
            if SKIP.contains(&name.as_str()) || hidden(&node) {
                continue;
            }
        }
        let children: Vec<NodeRef> = node.children_it(true).collect();
        stack.extend(children);
    }
    out
}

impl Writer<'_> {
    fn blocks(&mut self, node: &NodeRef, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut para = Para::new();
        self.children(node, depth, &mut out, &mut para);
        para.flush(&mut out);
        out
    }

    fn children(&mut self, node: &NodeRef, depth: usize, out: &mut Vec<String>, para: &mut Para) {
        for child in node.children_it(false) {
            self.node(&child, depth + 1, out, para);
        }
    }

    fn node(&mut self, n: &NodeRef, depth: usize, out: &mut Vec<String>, para: &mut Para) {
        if n.is_text() {
            para.text(&n.text());
            return;
        }
        if !n.is_element() {
            return;
        }
        if self.notes.skip.contains(&n.id) {
            return;
        }
        let name = name_of(n);
        if SKIP.contains(&name.as_str()) || hidden(n) {
            return;
        }
        if depth > MAX_DEPTH {
            self.flattened = true;
            para.text(" ");
            para.text(&raw_text(n));
            para.text(" ");
            return;
        }
        if let Some(target) = self.notes.defs.get(&n.id).cloned() {
            para.flush(out);
            self.definition(n, &target, depth, out);
            return;
        }
        match name.as_str() {
            "br" => para.hard_break(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                para.flush(out);
                let level = usize::from(name.as_bytes()[1] - b'0');
                let mut text = self.inline_of(n, depth);
                if text.ends_with('#') {
                    // A closing sequence would be dropped: keep the mark as text.
                    text.pop();
                    text.push_str("\\#");
                }
                if !text.is_empty() {
                    out.push(format!("{} {text}", "#".repeat(level)));
                }
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                para.flush(out);
                let text = raw_text(n);
                let text = text.trim_end_matches(['\n', ' ', '\t', '\r']);
                if !text.trim().is_empty() {
                    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                    out.push(format!("{fence}\n{text}\n{fence}"));
                }
            }
            "blockquote" => {
                para.flush(out);
                let inner = self.blocks(n, depth);
                if !inner.is_empty() {
                    out.push(prefix_lines(&inner.join("\n\n"), "> ", ">"));
                }
            }
            "ul" | "ol" | "dir" => {
                para.flush(out);
                self.list(n, depth, out);
            }
            "dl" => {
                para.flush(out);
                self.definition_list(n, depth, out);
            }
            "table" => {
                para.flush(out);
                self.table(n, depth, out);
            }
            "hr" => {
                para.flush(out);
                out.push("---".to_owned());
            }
            "a" => self.link(n, depth, out, para),
            "em" | "i" | "cite" | "dfn" | "var" => self.wrapped(n, depth, out, para, "*"),
            "strong" | "b" => self.wrapped(n, depth, out, para, "**"),
            "del" | "s" | "strike" => self.wrapped(n, depth, out, para, "~~"),
            "code" | "kbd" | "samp" | "tt" => {
                if n.children_it(false)
                    .any(|c| c.is_element() && BLOCKS.contains(&name_of(&c).as_str()))
                {
                    self.children(n, depth, out, para);
                } else {
                    para.raw(&code_span(&raw_text(n)));
                }
            }
            _ if BLOCKS.contains(&name.as_str()) => {
                para.flush(out);
                self.children(n, depth, out, para);
                para.flush(out);
            }
            _ => self.children(n, depth, out, para),
        }
    }

    /// The inline Markdown of `n`'s children, or the blocks they turned out to hold.
    fn inline_children(&mut self, n: &NodeRef, depth: usize) -> Result<String, Vec<String>> {
        let mut inner_out = Vec::new();
        let mut inner = Para::new();
        self.children(n, depth, &mut inner_out, &mut inner);
        if inner_out.is_empty() {
            // Keep the spaces at the edges: the caller places marks inside them.
            Ok(std::mem::take(&mut inner.buf))
        } else {
            inner.flush(&mut inner_out);
            Err(inner_out)
        }
    }

    /// `n` as one line of inline Markdown (a heading, a table cell, a term).
    fn inline_of(&mut self, n: &NodeRef, depth: usize) -> String {
        let text = match self.inline_children(n, depth) {
            Ok(s) => s,
            Err(blocks) => blocks.join(" "),
        };
        let one_line = text.replace("\\\n", " ").replace('\n', " ");
        let mut s = one_line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        while s.ends_with('\\') && !s.ends_with("\\\\") {
            s.pop();
        }
        s
    }

    fn wrapped(
        &mut self,
        n: &NodeRef,
        depth: usize,
        out: &mut Vec<String>,
        para: &mut Para,
        mark: &str,
    ) {
        match self.inline_children(n, depth) {
            Ok(inner) => {
                if inner.trim().is_empty() {
                    if !inner.is_empty() {
                        para.text(" ");
                    }
                } else if para.no_space && inner.starts_with(' ') {
                    para.raw(&wrap(inner.trim_start_matches(' '), mark));
                } else {
                    para.raw(&wrap(&inner, mark));
                }
            }
            Err(blocks) => {
                para.flush(out);
                out.extend(blocks);
            }
        }
    }

    fn link(&mut self, n: &NodeRef, depth: usize, out: &mut Vec<String>, para: &mut Para) {
        let href = n.attr("href").map(|h| h.to_string());
        if let Some(label) = href.as_deref().and_then(|h| self.notes.label_for(h)) {
            para.raw(&format!("[^{label}]"));
            return;
        }
        let text = n.text();
        let text = text.trim();
        if let Some(h) = href.as_deref()
            && h.starts_with('#')
            && (matches!(text, "¶" | "#" | "§" | "🔗" | "↩" | "↩\u{fe0e}" | "↑" | "^")
                || (self.in_note > 0 && self.notes.is_backlink(h)))
        {
            return; // a permalink mark or a note's way back
        }
        let inner = match self.inline_children(n, depth) {
            Ok(inner) => inner,
            Err(blocks) => {
                para.flush(out);
                out.extend(blocks);
                return;
            }
        };
        if inner.trim().is_empty() {
            if !inner.is_empty() {
                para.text(" ");
            }
            return;
        }
        let target = href
            .as_deref()
            .map_or(Target::Local, |h| resolve(h, self.base));
        match target {
            Target::Keep(url) => {
                let body = inner.trim_matches(' ');
                let lead = if inner.starts_with(' ') && !para.no_space {
                    " "
                } else {
                    ""
                };
                let trail = if inner.ends_with(' ') { " " } else { "" };
                let url = url.replace('<', "%3C").replace('>', "%3E");
                para.raw(&format!("{lead}[{body}](<{url}>){trail}"));
            }
            // Never followed: the words stay, without a link.
            Target::Local | Target::Dropped => {
                para.raw(if para.no_space {
                    inner.trim_start_matches(' ')
                } else {
                    &inner
                });
            }
        }
    }

    fn list(&mut self, n: &NodeRef, depth: usize, out: &mut Vec<String>) {
        let ordered = n.has_name("ol");
        let mut number: u64 = n
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1)
            .min(999_999_999);
        let mut items: Vec<String> = Vec::new();
        let mut notes_after: Vec<String> = Vec::new();
        let mut loose = false;
        for child in n.children_it(false) {
            let is_item = child.is_element() && name_of(&child) == "li";
            if is_item && self.notes.defs.contains_key(&child.id) {
                let target = self.notes.defs[&child.id].clone();
                self.definition(&child, &target, depth + 1, &mut notes_after);
                continue;
            }
            let blocks = if is_item {
                self.blocks(&child, depth + 1)
            } else {
                let mut b = Vec::new();
                let mut p = Para::new();
                self.node(&child, depth + 1, &mut b, &mut p);
                p.flush(&mut b);
                b
            };
            if blocks.is_empty() {
                continue;
            }
            if !is_item && let Some(last) = items.last_mut() {
                // A stray list or text directly inside the list belongs to the item before it.
                let indent = if ordered { "   " } else { "  " };
                last.push('\n');
                last.push_str(&prefix_lines(&blocks.join("\n\n"), indent, ""));
                continue;
            }
            let marker = if ordered {
                format!("{number}. ")
            } else {
                "- ".to_owned()
            };
            number = (number + 1).min(999_999_999);
            loose |= blocks.len() > 1 && blocks.iter().skip(1).any(|b| !is_list(b));
            items.push(item(&marker, &blocks));
        }
        if !items.is_empty() {
            out.push(items.join(if loose { "\n\n" } else { "\n" }));
        }
        out.extend(notes_after);
    }

    fn definition_list(&mut self, n: &NodeRef, depth: usize, out: &mut Vec<String>) {
        for child in n.children_it(false) {
            if !child.is_element() {
                continue;
            }
            if self.notes.skip.contains(&child.id) {
                continue;
            }
            if let Some(target) = self.notes.defs.get(&child.id).cloned() {
                self.definition(&child, &target, depth + 1, out);
                continue;
            }
            match name_of(&child).as_str() {
                "dt" => {
                    let term = self.inline_of(&child, depth + 1);
                    if !term.is_empty() {
                        out.push(escape_line_starts(&format!("**{term}**")));
                    }
                }
                "dd" => out.extend(self.blocks(&child, depth + 1)),
                _ => {
                    let mut p = Para::new();
                    self.node(&child, depth + 1, out, &mut p);
                    p.flush(out);
                }
            }
        }
    }

    fn definition(&mut self, n: &NodeRef, target: &str, depth: usize, out: &mut Vec<String>) {
        let Some(label) = self.notes.labels.get(target).cloned() else {
            return;
        };
        self.in_note += 1;
        let mut blocks = self.blocks(n, depth);
        self.in_note -= 1;
        // A first block that is only the note's own number ("[1]", "1.") repeats the label.
        if let Some(first) = blocks.first() {
            let bare: String = first
                .chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '\\' | '['
                            | ']'
                            | '('
                            | ')'
                            | '.'
                            | ':'
                            | '^'
                            | ' '
                            | '↩'
                            | '\u{fe0e}'
                            | '\u{fe0f}'
                    )
                })
                .collect();
            if bare.is_empty() || bare == label {
                blocks.remove(0);
            }
        }
        if blocks.is_empty() {
            return;
        }
        let body = blocks.join("\n\n");
        let mut lines = body.split('\n');
        let mut s = format!("[^{label}]: {}", lines.next().unwrap_or_default());
        for line in lines {
            s.push('\n');
            if !line.is_empty() {
                s.push_str("    ");
                s.push_str(line);
            }
        }
        out.push(s);
    }

    fn table(&mut self, n: &NodeRef, depth: usize, out: &mut Vec<String>) {
        let mut rows: Vec<NodeRef> = Vec::new();
        let mut captions: Vec<NodeRef> = Vec::new();
        for child in n.children_it(false).filter(NodeRef::is_element) {
            match name_of(&child).as_str() {
                "tr" => rows.push(child),
                "thead" | "tbody" | "tfoot" => {
                    rows.extend(
                        child
                            .children_it(false)
                            .filter(|r| r.is_element() && name_of(r) == "tr"),
                    );
                }
                "caption" => captions.push(child),
                _ => {}
            }
        }
        for caption in &captions {
            out.extend(self.blocks(caption, depth + 1));
        }
        let cells: Vec<Vec<NodeRef>> = rows
            .iter()
            .map(|r| {
                r.children_it(false)
                    .filter(|c| c.is_element() && matches!(name_of(c).as_str(), "td" | "th"))
                    .collect()
            })
            .collect();
        let columns = cells
            .iter()
            .map(|r| r.iter().map(colspan).sum::<usize>())
            .max()
            .unwrap_or(0);
        let layout = columns < 2
            || cells.len() < 2
            || cells.iter().flatten().any(|c| {
                c.descendants_it().any(|d| {
                    d.is_element()
                        && matches!(
                            name_of(&d).as_str(),
                            "table"
                                | "ul"
                                | "ol"
                                | "dl"
                                | "pre"
                                | "blockquote"
                                | "h1"
                                | "h2"
                                | "h3"
                                | "h4"
                                | "h5"
                                | "h6"
                                | "p"
                                | "div"
                        )
                        && !d.text().trim().is_empty()
                })
            });
        if layout {
            for row in &cells {
                for cell in row {
                    out.extend(self.blocks(cell, depth + 1));
                }
            }
            return;
        }
        let mut lines = Vec::new();
        for (i, row) in cells.iter().enumerate() {
            let mut texts = Vec::new();
            for cell in row {
                let text = self.inline_of(cell, depth + 1);
                texts.push(if text.is_empty() {
                    " ".to_owned()
                } else {
                    text
                });
                for _ in 1..colspan(cell) {
                    texts.push(" ".to_owned());
                }
            }
            texts.resize(columns, " ".to_owned());
            lines.push(format!("| {} |", texts.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
        }
        out.push(lines.join("\n"));
    }
}

fn colspan(cell: &NodeRef) -> usize {
    cell.attr("colspan")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 50)
}

fn is_list(block: &str) -> bool {
    block.starts_with("- ")
        || block
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A list item: the marker before the first line, every later line indented to the marker's width.
fn item(marker: &str, blocks: &[String]) -> String {
    let indent = " ".repeat(marker.len());
    let mut s = String::from(marker);
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            s.push_str(if is_list(block) { "\n" } else { "\n\n" });
        }
        for (j, line) in block.split('\n').enumerate() {
            if i > 0 || j > 0 {
                if j > 0 {
                    s.push('\n');
                }
                if !line.is_empty() {
                    s.push_str(&indent);
                }
            }
            s.push_str(line);
        }
    }
    s
}

/// `text` with `prefix` before every line (`empty` before empty ones).
fn prefix_lines(text: &str, prefix: &str, empty: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                empty.to_owned()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
