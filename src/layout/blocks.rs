//! Lines for each kind of block: prose with its containers' prefixes, headings, code, rules.

use super::wrap::{str_width, wrap, wrap_hard};
use super::{Line, LineKind, Role, Seg, table};
use crate::document::{Block, BlockKind, ContainerKind, Inline, Paper};

/// Whether a spacer line goes before block `index` (tight lists stay tight).
pub(super) fn wants_gap(paper: &Paper, index: usize) -> bool {
    if index == 0 {
        return true;
    }
    let item_of = |b: &Block| {
        b.container
            .and_then(|c| match paper.containers[c as usize].kind {
                ContainerKind::Item(_) => Some(c),
                _ => None,
            })
    };
    let (prev, cur) = (&paper.blocks[index - 1], &paper.blocks[index]);
    let both_items = item_of(prev).is_some() && item_of(cur).is_some();
    let both_plain =
        matches!(prev.kind, BlockKind::Paragraph) && matches!(cur.kind, BlockKind::Paragraph);
    !(both_items && both_plain)
}

/// Appends the lines of block `index`.
pub(super) fn block_lines(paper: &Paper, index: usize, width: usize, lines: &mut Vec<Line>) {
    let block = &paper.blocks[index];
    let (first_prefix, rest_prefix) = prefixes(paper, index, width);
    let text_width = width - str_width(&rest_prefix).max(str_width(&first_prefix));
    let start = lines.len();
    match &block.kind {
        BlockKind::Heading { level, section } => {
            prose(
                block,
                text_width,
                LineKind::Heading(*level),
                Role::HEADING,
                lines,
            );
            if paper
                .sections
                .get(*section)
                .is_some_and(crate::document::Section::is_empty)
            {
                let note = "No text in this section.";
                for range in wrap(note, text_width) {
                    lines.push(Line {
                        segs: vec![seg(&note[range], Role::DIM)],
                        kind: LineKind::EmptySection,
                        block: Some(index as u32),
                        start: block.text.len() as u32,
                        end: block.text.len() as u32,
                    });
                }
            }
        }
        BlockKind::Paragraph => prose(block, text_width, LineKind::Text, Role::BODY, lines),
        BlockKind::Code { .. } => verbatim(block, text_width, Role::CODE, lines),
        BlockKind::Html => verbatim(block, text_width, Role::DIM, lines),
        BlockKind::Rule => lines.push(Line {
            segs: vec![seg(&"─".repeat(text_width.min(40)), Role::RULE)],
            kind: LineKind::Rule,
            block: None,
            start: 0,
            end: 0,
        }),
        BlockKind::Table(t) => table::lines(t, text_width, lines),
    }
    for (n, line) in lines[start..].iter_mut().enumerate() {
        line.block.get_or_insert(index as u32);
        if line.kind == LineKind::Rule {
            line.block = Some(index as u32);
        }
        let prefix = if n == 0 { &first_prefix } else { &rest_prefix };
        if !prefix.is_empty() {
            line.segs.insert(0, seg(prefix, Role::MARKER));
        }
    }
}

fn seg(text: &str, role: Role) -> Seg {
    Seg {
        text: text.to_owned(),
        role,
        src: None,
        link: None,
    }
}

/// The prefixes of a block's first and following lines, from its containers; collapsed when
/// nesting is too deep for the width, dropped when nothing else would fit.
fn prefixes(paper: &Paper, index: usize, width: usize) -> (String, String) {
    let mut chain = Vec::new();
    let mut at = paper.blocks[index].container;
    while let Some(c) = at {
        let container = &paper.containers[c as usize];
        chain.push(container);
        at = container.parent;
    }
    chain.reverse();
    let (mut first, mut rest) = (String::new(), String::new());
    for container in &chain {
        let shows_label = container.first_block as usize == index;
        match &container.kind {
            ContainerKind::Quote => {
                first.push_str("│ ");
                rest.push_str("│ ");
            }
            ContainerKind::Item(marker) => {
                let pad = " ".repeat(str_width(marker));
                first.push_str(if shows_label { marker } else { &pad });
                rest.push_str(&pad);
            }
            ContainerKind::Footnote(label) => {
                let label = format!("[{label}] ");
                let pad = " ".repeat(str_width(&label));
                first.push_str(if shows_label { &label } else { &pad });
                rest.push_str(&pad);
            }
        }
    }
    let widest = str_width(&first).max(str_width(&rest));
    if widest * 2 > width {
        let compact = format!("{}› ", chain.len());
        first.clone_from(&compact);
        rest = " ".repeat(str_width(&compact));
    }
    if str_width(&first).max(str_width(&rest)) + 2 > width {
        return (String::new(), String::new());
    }
    (first, rest)
}

/// Prose: word-wrapped, styled by the block's runs.
fn prose(block: &Block, width: usize, kind: LineKind, base: Role, lines: &mut Vec<Line>) {
    for range in wrap(&block.text, width) {
        let segs = styled_segs(block, range.start, range.end, base);
        lines.push(Line {
            segs,
            kind,
            block: None,
            start: range.start as u32,
            end: range.end as u32,
        });
    }
}

/// Code and HTML: every source line kept, broken at the width.
fn verbatim(block: &Block, width: usize, role: Role, lines: &mut Vec<Line>) {
    for range in wrap_hard(&block.text, width) {
        let segs = vec![Seg {
            text: block.text[range.clone()].to_owned(),
            role,
            src: Some(range.start as u32),
            link: None,
        }];
        lines.push(Line {
            segs,
            kind: LineKind::Code,
            block: None,
            start: range.start as u32,
            end: range.end as u32,
        });
    }
}

/// Splits `block.text[start..end]` into segments at style-run boundaries.
fn styled_segs(block: &Block, start: usize, end: usize, base: Role) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut pos = start;
    let push = |segs: &mut Vec<Seg>, from: usize, to: usize, role: Role, link: Option<u32>| {
        if to > from {
            segs.push(Seg {
                text: block.text[from..to].to_owned(),
                role,
                src: Some(from as u32),
                link,
            });
        }
    };
    for run in &block.runs {
        if run.range.end <= pos || run.range.start >= end {
            continue;
        }
        let from = run.range.start.max(pos);
        push(&mut segs, pos, from, base, None);
        let to = run.range.end.min(end);
        push(&mut segs, from, to, base.with(role_of(run.style)), run.link);
        pos = to;
    }
    push(&mut segs, pos, end, base, None);
    segs
}

/// The layout role of an inline style.
pub(super) fn role_of(style: Inline) -> Role {
    let pairs = [
        (Inline::EMPHASIS, Role::EMPHASIS),
        (Inline::STRONG, Role::STRONG),
        (Inline::STRIKE, Role::STRIKE),
        (Inline::CODE, Role::CODE),
        (Inline::LINK, Role::LINK),
        (Inline::FOOTNOTE, Role::FOOTNOTE),
    ];
    pairs
        .iter()
        .filter(|(i, _)| style.contains(*i))
        .fold(Role::BODY, |acc, (_, r)| acc.with(*r))
}
