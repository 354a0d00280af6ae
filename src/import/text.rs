//! Plain text → Markdown: paragraphs from blank lines, hard-wrapped lines joined, headings found
//! by the rules in the README ("Plain text"), and every character escaped so that the paper
//! shows the text exactly as written.

use std::collections::HashMap;

use unicode_width::UnicodeWidthStr;

use super::{Converted, FrontMatter, escape_inline};
use crate::facts::{self, DateContext, SpanKind};

/// Lines wider than this are never taken for hard-wrapped ones ...
const MAX_WRAP: usize = 200;
/// ... and text is not wrapped narrower than this (short lines are a list, not prose).
const MIN_WRAP: usize = 40;
/// A heading is at most this many columns wide ...
const MAX_HEADING_WIDTH: usize = 100;
/// ... and this many words long.
const MAX_HEADING_WORDS: usize = 14;
/// A prose paragraph has at least this many words.
const MIN_PROSE_WORDS: usize = 8;
/// A table of contents has at least this many entries ...
const MIN_TOC_ENTRIES: usize = 3;
/// ... and at most this many.
const MAX_TOC_ENTRIES: usize = 80;
/// A `Published DATE` line is looked for in this many first lines.
const DATE_LINES: usize = 30;

/// Headings that name a part of any paper, never its title (compared in lower case).
const GENERIC_HEADINGS: &[&str] = &[
    "abstract",
    "summary",
    "executive summary",
    "introduction",
    "contents",
    "table of contents",
    "preface",
    "foreword",
    "overview",
    "background",
    "conclusion",
    "conclusions",
    "notes",
    "references",
    "bibliography",
    "acknowledgements",
    "acknowledgments",
    "appendix",
];

/// Words title case leaves in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "with", "from", "as", "into", "onto", "via", "vs", "vs.", "per", "than", "over", "upon",
    "off", "up", "out", "its",
];

/// Converts plain text to a Markdown paper (see the module header). Never fails: any text is a
/// paper, even an empty one.
pub fn convert(text: &str) -> Converted {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text);
    let blocks = blocks(&lines);
    let wrap = wrap_width(&lines, &blocks);
    let units = units(&lines, &blocks, wrap);
    let out = match find_toc(&units) {
        Some(toc) => toc_outline(&units, &toc),
        None => rule_outline(&units),
    };
    let mut markdown = String::with_capacity(text.len() + text.len() / 8 + 64);
    let (title, published) = match published_date(&lines) {
        Some((title, date)) => (title, Some(date)),
        None => (None, None),
    };
    let title = title
        .or_else(|| top_title(&units))
        .or_else(|| first_title_heading(&out));
    if title.is_some() || published.is_some() {
        let front = FrontMatter {
            title: title.map(str::to_owned),
            published,
            ..FrontMatter::default()
        };
        markdown.push_str(&front.to_yaml());
    }
    render(&out, &mut markdown);
    Converted {
        markdown,
        warnings: Vec::new(),
    }
}

/// Whether `text` uses Markdown's own structure (front matter, `#` headings, fenced code,
/// links): a `text/plain` document that does is read as Markdown.
pub fn looks_like_markdown(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with("---\n") || text.starts_with("---\r\n") || text.starts_with("+++\n") {
        return true;
    }
    let mut links = 0;
    for line in text.lines().take(2_000) {
        let line = line.trim_start();
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            return true;
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            return true;
        }
        links += line.matches("](").count();
        if links >= 2 {
            return true;
        }
    }
    false
}

/// One line of the text: its content without the line ending or trailing white space.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    text: &'a str,
    /// Display width of `text`.
    width: usize,
    /// Leading white space in columns (a tab counts 4).
    indent: usize,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Lines split at `\n`, `\r\n` and a lone `\r` (each is a line ending to CommonMark too).
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        let (line, next) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], Some(&rest[i + skip..]))
            }
            None => (rest, None),
        };
        let text = line.trim_end();
        let indent = text
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        lines.push(Line {
            text,
            width: width(text),
            indent,
        });
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    lines
}

/// Display width (ASCII, the common case, without a table lookup per character).
fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Runs of non-blank lines, as ranges of line indices.
fn blocks(lines: &[Line<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        match (line.is_blank(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..lines.len());
    }
    out
}

/// The width the text is hard-wrapped at, or `None` when it is not hard-wrapped: at least 80%
/// of its characters on lines up to [`MAX_WRAP`] columns, and the width is the 95th percentile
/// of the lines that another line of the same paragraph follows (at least [`MIN_WRAP`]).
fn wrap_width(lines: &[Line<'_>], blocks: &[std::ops::Range<usize>]) -> Option<usize> {
    let (mut total, mut short) = (0usize, 0usize);
    let mut followed = Vec::new();
    for block in blocks {
        for i in block.clone() {
            let w = lines[i].width;
            total += w;
            if w <= MAX_WRAP {
                short += w;
                if i + 1 < block.end {
                    followed.push(w);
                }
            }
        }
    }
    if followed.len() < 2 || short * 10 < total * 8 {
        return None;
    }
    followed.sort_unstable();
    Some(followed[(followed.len() - 1) * 95 / 100]).filter(|&w| w >= MIN_WRAP)
}

/// Whether the break after `line` is a soft one of a hard-wrapped paragraph: the line is
/// filled (the next line's first word would not have fit after it) and the next line does not
/// start a list item.
fn soft_break(line: &Line<'_>, next: &Line<'_>, wrap: usize) -> bool {
    let next_text = next.text.trim_start();
    let first_word = next_text.split_whitespace().next().unwrap_or("");
    line.width * 2 >= wrap
        && line.width + 1 + width(first_word) > wrap
        && !starts_list_item(next_text)
}

/// `- `, `* `, `• `, `1. `, `2) `, `(a) ` and the like.
fn starts_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•' | '◦' | '‣' | '–' | '—') => {
            return chars.next().is_some_and(char::is_whitespace);
        }
        Some('(') => {
            let inner: String = chars.by_ref().take_while(|&c| c != ')').collect();
            return !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(char::is_alphanumeric)
                && chars.next().is_some_and(char::is_whitespace);
        }
        _ => {}
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && digits <= 3
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text
            .as_bytes()
            .get(digits + 1)
            .is_some_and(u8::is_ascii_whitespace)
}

/// A paragraph-level piece of the text.
#[derive(Debug)]
enum Unit<'a> {
    /// One line, or hard-wrapped lines joined with spaces.
    Para {
        /// The text.
        text: String,
        /// How many source lines it was.
        lines: usize,
    },
    /// A line underlined with `===` (level 1) or `---` (level 2).
    Underlined { text: &'a str, level: u8 },
    /// Indented lines, kept line for line (common indentation removed).
    Pre(Vec<&'a str>),
}

impl Unit<'_> {
    /// The text of a paragraph that was a single line.
    fn single_line(&self) -> Option<&str> {
        match self {
            Unit::Para { text, lines: 1 } => Some(text),
            _ => None,
        }
    }
}

fn units<'a>(
    lines: &[Line<'a>],
    blocks: &[std::ops::Range<usize>],
    wrap: Option<usize>,
) -> Vec<Unit<'a>> {
    let base = blocks
        .iter()
        .flat_map(Clone::clone)
        .map(|i| lines[i].indent)
        .min()
        .unwrap_or(0);
    let mut out = Vec::new();
    for block in blocks {
        let block = &lines[block.clone()];
        let indent = block.iter().map(|l| l.indent).min().unwrap_or(0);
        if indent >= base + 4 {
            out.push(Unit::Pre(
                block.iter().map(|l| strip_indent(l.text, indent)).collect(),
            ));
            continue;
        }
        let mut i = 0;
        while i < block.len() {
            if let Some(level) = block.get(i + 1).and_then(|u| underline(&block[i], u)) {
                out.push(Unit::Underlined {
                    text: block[i].text.trim(),
                    level,
                });
                i += 2;
                continue;
            }
            let mut text = block[i].text.trim().to_owned();
            let mut n = 1;
            while let Some(next) = block.get(i + n) {
                let underlined = block
                    .get(i + n + 1)
                    .is_some_and(|u| underline(next, u).is_some());
                let soft = wrap.is_some_and(|w| soft_break(&block[i + n - 1], next, w));
                if underlined || !soft {
                    break;
                }
                join(&mut text, next.text.trim());
                n += 1;
            }
            out.push(Unit::Para { text, lines: n });
            i += n;
        }
    }
    out
}

/// `text` without its first `columns` columns of leading white space.
fn strip_indent(text: &str, columns: usize) -> &str {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= columns || !c.is_whitespace() {
            return &text[i..];
        }
        seen += if c == '\t' { 4 } else { 1 };
    }
    ""
}

/// Appends a wrapped line: a line ending in a hyphen after a letter joins without a space
/// (`well-` + `known`), any other with one.
fn join(text: &mut String, next: &str) {
    let mut tail = text.chars().rev();
    let hyphen = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if !(hyphen && next.starts_with(char::is_alphabetic)) {
        text.push(' ');
    }
    text.push_str(next);
}

/// The heading level `under` gives `title` when it underlines it: `===` 1, `---` 2.
fn underline(title: &Line<'_>, under: &Line<'_>) -> Option<u8> {
    let u = under.text.trim();
    let level = match u.as_bytes().first()? {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    let all_same = u.bytes().all(|b| b == u.as_bytes()[0]);
    let t = title.text.trim();
    let ok = all_same
        && u.len() >= 3
        && u.len() * 2 >= title.width
        && u.len() <= title.width * 2 + 2
        && heading_like(t)
        && !t.bytes().all(|b| b == b'=' || b == b'-');
    ok.then_some(level)
}

/// Short, has a letter, starts with a letter or digit, ends without punctuation.
fn heading_like(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().next_back().unwrap_or(first);
    width(text) <= MAX_HEADING_WIDTH
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
        && first.is_alphanumeric()
        && (last.is_alphanumeric() || matches!(last, ')' | '’' | '\'' | '”' | '"'))
        && text.chars().any(char::is_alphabetic)
}

/// Every word but small ones (and a leading section number) starts with a capital.
fn title_case(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_some_and(|w| section_depth(w).is_some()) {
        words.next();
    }
    let mut first = true;
    for word in words {
        let core = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = core.chars().next() else {
            continue;
        };
        if !c.is_alphabetic() {
            first = false;
            continue;
        }
        let small = !first && SMALL_WORDS.contains(&core.to_lowercase().as_str());
        if !small && !c.is_uppercase() {
            return false;
        }
        first = false;
    }
    !first
}

/// The depth of a section number: `3` and `3.` are 1, `3.2` and `3.2.` are 2 (at most 6).
fn section_depth(word: &str) -> Option<u8> {
    let word = word.strip_suffix('.').unwrap_or(word);
    let parts: Vec<&str> = word.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    (numeric && parts.len() <= 6).then_some(parts.len() as u8)
}

/// A heading's level: its section number's depth, else 1.
fn level_of(text: &str) -> u8 {
    text.split_whitespace()
        .next()
        .filter(|_| text.split_whitespace().nth(1).is_some())
        .and_then(section_depth)
        .unwrap_or(1)
}

/// A paragraph of running text: enough words, ending like a sentence.
fn is_prose(unit: &Unit<'_>) -> bool {
    let Unit::Para { text, .. } = unit else {
        return false;
    };
    let end = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    end.ends_with(['.', '!', '?', '…', ':', ';'])
        && text.split_whitespace().nth(MIN_PROSE_WORDS - 1).is_some()
}

/// What the Markdown is made of.
#[derive(Debug, PartialEq, Eq)]
enum Out<'a> {
    Heading { level: u8, text: &'a str },
    Para(&'a str),
    Pre(&'a [&'a str]),
}

fn plain<'a>(unit: &'a Unit<'a>) -> Out<'a> {
    match unit {
        Unit::Para { text, .. } => Out::Para(text),
        Unit::Underlined { text, level } => Out::Heading {
            level: *level,
            text,
        },
        Unit::Pre(lines) => Out::Pre(lines),
    }
}

/// Without a table of contents: underlined lines, and short title-case lines that stand alone
/// between paragraphs (the next one prose, the previous one prose, a heading or the start).
fn rule_outline<'a>(units: &'a [Unit<'a>]) -> Vec<Out<'a>> {
    let mut out: Vec<Out<'a>> = Vec::with_capacity(units.len());
    for (i, unit) in units.iter().enumerate() {
        let heading = unit.single_line().filter(|t| {
            let before = match (i.checked_sub(1).map(|p| &units[p]), out.last()) {
                (None, _) | (_, Some(Out::Heading { .. })) => true,
                (Some(prev), _) => is_prose(prev),
            };
            heading_like(t) && title_case(t) && before && units.get(i + 1).is_some_and(is_prose)
        });
        out.push(match heading {
            Some(text) => Out::Heading {
                level: level_of(text),
                text,
            },
            None => plain(unit),
        });
    }
    out
}

/// A table of contents: a run of short lines, some of which recur later as lines of their own.
#[derive(Debug)]
struct Toc {
    /// The units the run spans.
    run: std::ops::Range<usize>,
    /// A "Contents" line at the start of the run, kept as text.
    label: Option<usize>,
    /// For each entry (unit index), the unit where it recurs.
    entries: Vec<(usize, Option<usize>)>,
}

/// How a table-of-contents entry and a heading are compared: leaders and page numbers cut,
/// quotes unified, runs of white space folded. Case is kept: an entry whose heading is written
/// otherwise is not the same text, and leaving the entry out would lose its words.
fn toc_key(text: &str) -> String {
    let cut = strip_page_number(text);
    cut.split_whitespace()
        .map(|w| w.replace('’', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Introduction ..... 3` → `Introduction`; `Results 12` → `Results`. The number is a page
/// number only when white space or a dot leader (two dots or more, `…`, `·`) sets it apart: in
/// `3.2202` or `Appendix.2` it is part of the last word, which is kept whole.
fn strip_page_number(text: &str) -> &str {
    let t = text.trim_end();
    let no_digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if no_digits.len() == t.len() {
        return t;
    }
    let leader = |c: char| c.is_whitespace() || matches!(c, '.' | '…' | '·');
    let leaders = no_digits.trim_end_matches(leader);
    let gap = &no_digits[leaders.len()..];
    let apart = gap.contains(|c: char| c.is_whitespace() || matches!(c, '…' | '·'))
        || gap.matches('.').count() >= 2;
    if apart && !leaders.is_empty() {
        leaders
    } else {
        t
    }
}

fn find_toc(units: &[Unit<'_>]) -> Option<Toc> {
    // Where each short single line occurs, by key: recurrences are looked up, not scanned for.
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if let Some(t) = u.single_line().filter(|t| heading_like(t)) {
            at.entry(toc_key(t)).or_default().push(i);
        }
    }
    let mut i = 0;
    while i < units.len() {
        // The run ends at the first line that is not short, or that repeats one of the run
        // (the first heading after a table of contents often follows it directly).
        let mut seen = std::collections::HashSet::new();
        let run_end = (i..units.len())
            .find(|&k| {
                units[k]
                    .single_line()
                    .filter(|t| heading_like(t))
                    .is_none_or(|t| !seen.insert(toc_key(t)))
            })
            .unwrap_or(units.len());
        if run_end == i {
            i += 1;
            continue;
        }
        let label = units[i]
            .single_line()
            .is_some_and(|t| {
                matches!(
                    toc_key(t).to_lowercase().as_str(),
                    "contents" | "table of contents"
                )
            })
            .then_some(i);
        let first = i + usize::from(label.is_some());
        let count = run_end - first;
        if (MIN_TOC_ENTRIES..=MAX_TOC_ENTRIES).contains(&count) {
            let mut from = run_end;
            let mut entries = Vec::with_capacity(count);
            for (e, unit) in units.iter().enumerate().take(run_end).skip(first) {
                let key = unit.single_line().map(toc_key).unwrap_or_default();
                let found = at.get(&key).and_then(|places| {
                    let k = places.partition_point(|&p| p < from);
                    places.get(k).copied()
                });
                if let Some(f) = found {
                    from = f + 1;
                }
                entries.push((e, found));
            }
            if entries.iter().any(|(_, f)| f.is_some()) {
                return Some(Toc {
                    run: i..run_end,
                    label,
                    entries,
                });
            }
        }
        i = run_end;
    }
    None
}

/// With a table of contents: its entries are the headings, at the lines where they recur; an
/// entry that does not recur (a section without text) is placed where the table puts it, after
/// the previous entry's text. The table itself is not repeated.
fn toc_outline<'a>(units: &'a [Unit<'a>], toc: &Toc) -> Vec<Out<'a>> {
    let mut recurs: HashMap<usize, usize> = HashMap::new();
    for (n, (_, found)) in toc.entries.iter().enumerate() {
        if let Some(f) = found {
            recurs.insert(*f, n);
        }
    }
    let entry_heading = |n: usize| {
        let text = units[toc.entries[n].0].single_line().unwrap_or_default();
        let text = strip_page_number(text);
        Out::Heading {
            level: level_of(text),
            text,
        }
    };
    let mut out = Vec::with_capacity(units.len());
    let mut placed = 0;
    for (i, unit) in units.iter().enumerate() {
        if toc.run.contains(&i) {
            if toc.label == Some(i) {
                out.push(plain(unit));
            }
            continue;
        }
        if let Some(&n) = recurs.get(&i) {
            out.extend((placed..n).map(entry_heading));
            placed = n + 1;
            let text = unit.single_line().unwrap_or_default();
            out.push(Out::Heading {
                level: level_of(text),
                text,
            });
            continue;
        }
        out.push(plain(unit));
    }
    out.extend((placed..toc.entries.len()).map(entry_heading));
    out
}

/// A `Published October 31, 2022` (or `Date: 2022-10-31`) line near the top: the date in ISO
/// form, for the front matter (relative dates like "this year" are read against it), and the
/// title-case line right above it, which is the title.
fn published_date<'a>(lines: &[Line<'a>]) -> Option<(Option<&'a str>, String)> {
    for (n, line) in lines.iter().take(DATE_LINES).enumerate() {
        let t = line.text.trim();
        let lower = t.to_lowercase();
        let Some(rest) = ["published on ", "published: ", "published ", "date: "]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| &t[p.len()..]))
        else {
            continue;
        };
        let rest = rest.trim();
        let spans = facts::detect(rest, &DateContext::default());
        if let [span] = spans.as_slice()
            && span.kind == SpanKind::Date
            && span.range == (0..rest.len())
            && let Some(date) = span.date
            && date.end.is_none()
        {
            let title = n
                .checked_sub(1)
                .map(|p| lines[p].text.trim())
                .filter(|t| heading_like(t) && title_case(t));
            return Some((title, date.start.iso()));
        }
    }
    None
}

/// A title line at the very top: the text's first line, when it is short, in title case and not
/// the name of a part of a paper (a first line followed by prose is also its first heading).
fn top_title<'a>(units: &'a [Unit<'a>]) -> Option<&'a str> {
    let first = units.first()?.single_line()?;
    (heading_like(first) && title_case(first) && !generic(first)).then_some(first)
}

/// The first heading that is not the name of a part of a paper ("Introduction", "Abstract" …):
/// a capture without a title line is better named by its first section of its own than by its
/// introduction.
fn first_title_heading<'a>(out: &[Out<'a>]) -> Option<&'a str> {
    out.iter().find_map(|o| match o {
        Out::Heading { text, .. } if !generic(text) => Some(*text),
        _ => None,
    })
}

/// Whether a heading names a part of any paper ([`GENERIC_HEADINGS`]), section number aside.
fn generic(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_some_and(|w| section_depth(w).is_some()) {
        words.next();
    }
    let name = words.collect::<Vec<_>>().join(" ").to_lowercase();
    GENERIC_HEADINGS.contains(&name.as_str())
}

fn render(out: &[Out<'_>], markdown: &mut String) {
    for (i, item) in out.iter().enumerate() {
        if i > 0 {
            markdown.push_str("\n\n");
        }
        match item {
            Out::Heading { level, text } => {
                for _ in 0..*level {
                    markdown.push('#');
                }
                markdown.push(' ');
                markdown.push_str(&escape_inline(text));
            }
            Out::Para(text) => markdown.push_str(&escape_inline(text)),
            Out::Pre(lines) => {
                let ticks = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
                let fence = "`".repeat((ticks + 1).max(3));
                markdown.push_str(&fence);
                markdown.push('\n');
                for line in *lines {
                    markdown.push_str(line);
                    markdown.push('\n');
                }
                markdown.push_str(&fence);
            }
        }
    }
    markdown.push('\n');
}

fn longest_run(text: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}
