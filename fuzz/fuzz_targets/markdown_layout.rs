//! Markdown bytes → Paper → layout at a width from the first byte: every line fits, carries no
//! control character, and points at a real block and a real range of its text.
#![no_main]

use dossier::document::{Origin, Paper};
use dossier::layout::{self, LineKind};
use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

/// Characters that must never reach the terminal: C0/C1 controls and bidi overrides/isolates.
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = 2 + u16::from(w) % 299; // 2..=300
    let src = String::from_utf8_lossy(rest);
    let paper = Paper::parse(&src, Origin::Embedded("f.md"), "f");
    let out = layout::layout(&paper, width);
    let width = usize::from(width);
    assert_eq!(out.block_lines.len(), paper.blocks.len());
    for (b, &first) in out.block_lines.iter().enumerate() {
        assert!(
            (first as usize) <= out.lines.len(),
            "block {b} starts past the end"
        );
    }
    for (i, line) in out.lines.iter().enumerate() {
        let text = line.text();
        assert!(
            line.width() <= width,
            "line {i} is {} columns at width {width}: {text:?}",
            line.width()
        );
        assert!(
            UnicodeWidthStr::width(text.as_str()) <= width,
            "line {i} renders {} columns at width {width}: {text:?}",
            UnicodeWidthStr::width(text.as_str())
        );
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            panic!("line {i} holds control character {c:?}: {text:?}");
        }
        if let Some(b) = line.block {
            let block = paper.blocks.get(b as usize).unwrap_or_else(|| {
                panic!("line {i} points at block {b} of {}", paper.blocks.len())
            });
            if !matches!(line.kind, LineKind::Table | LineKind::Rule) {
                let (s, e) = (line.start as usize, line.end as usize);
                assert!(
                    s <= e && e <= block.text.len(),
                    "line {i}: range {s}..{e} out of block {b}"
                );
                assert!(
                    block.text.is_char_boundary(s) && block.text.is_char_boundary(e),
                    "line {i}: range {s}..{e} splits a character of block {b}"
                );
            }
        }
        for seg in &line.segs {
            if let (Some(src), Some(b)) = (seg.src, line.block) {
                let text = &paper.blocks[b as usize].text;
                let src = src as usize;
                assert_eq!(
                    text.get(src..src + seg.text.len()),
                    Some(seg.text.as_str()),
                    "line {i}: segment does not map back to block {b} at {src}"
                );
            }
            if let Some(link) = seg.link {
                assert!(
                    (link as usize) < paper.links.len(),
                    "line {i}: link {link} out of range"
                );
            }
        }
    }
    // Nothing is lost: the lines of a prose block cover all of its text but the spaces and
    // line breaks wrapping dropped, and those of a code block all of it but the line breaks.
    for (b, block) in paper.blocks.iter().enumerate() {
        let ranges: Vec<(usize, usize, LineKind)> = out
            .lines
            .iter()
            .filter(|l| l.block == Some(b as u32))
            .filter(|l| {
                matches!(
                    l.kind,
                    LineKind::Text | LineKind::Heading(_) | LineKind::Code
                )
            })
            .map(|l| (l.start as usize, l.end as usize, l.kind))
            .collect();
        let mut pos = 0;
        for &(s, e, kind) in &ranges {
            assert!(
                s >= pos,
                "block {b}: line {s}..{e} overlaps the previous one"
            );
            let gap = &block.text[pos..s];
            let dropped = |c: char| c == '\n' || (c == ' ' && kind != LineKind::Code);
            assert!(
                gap.chars().all(dropped),
                "block {b}: {gap:?} lost before {s}"
            );
            pos = e;
        }
        if !ranges.is_empty() {
            let tail = &block.text[pos..];
            assert!(
                tail.chars().all(|c| c == ' ' || c == '\n'),
                "block {b}: {tail:?} lost at the end"
            );
        }
    }
    let _ = out.plain_text();
});
