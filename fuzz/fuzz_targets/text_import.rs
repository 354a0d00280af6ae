//! Plain-text bytes → text (charset detection) → Markdown → Paper → layout: no panic, and no
//! text lost or changed: every line of the input is found, word for word, in the paper.
#![no_main]

use dossier::document::{Origin, Paper, sanitize};
use dossier::import::{charset, text};
use libfuzzer_sys::fuzz_target;

/// Words of `s` after the paper's own control-character cleaning, the white space around it
/// trimmed first as the importer trims a line (vertical tab and form feed included), split after
/// every hyphen inside a word: hard-wrapped lines join without a space after a line-end hyphen
/// (`cyber-` / `attacks` → `cyber-attacks`), so a line's last word may continue on the next.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A vertical tab or form feed kept inside a code block shows as `^K` / `^L`: white space
    // to the line it came from, so a word boundary here too.
    let cleaned = sanitize::clean(s.trim(), false).replace(['\u{b}', '\u{c}'], " ");
    let cleaned = cleaned.replace("^K", " ").replace("^L", " ");
    for word in cleaned.split_whitespace() {
        let mut rest = word;
        while let Some(at) = rest.find('-').filter(|&at| at + 1 < rest.len()) {
            out.push(rest[..=at].to_owned());
            rest = &rest[at + 1..];
        }
        out.push(rest.to_owned());
    }
    out
}

/// `Title ..... 12` → `Title`: a table-of-contents entry without its page number.
fn without_page_number(line: &str) -> &str {
    let t = line.trim_end();
    let cut = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let cut = cut.trim_end_matches(['.', ' ', '\t', '…', '·']);
    if cut.is_empty() { t } else { cut }
}

/// A line of `=` or `-` only (three or more): a heading's underline or a rule.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.bytes().all(|b| b == b'=' || b == b'-')
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

fuzz_target!(|data: &[u8]| {
    let Ok((decoded, _warnings)) = charset::decode(data, None) else {
        return;
    };
    let converted = text::convert(&decoded);
    let paper = Paper::parse(&converted.markdown, Origin::Embedded("f.txt"), "f");
    let _ = dossier::layout::layout(&paper, 40);
    let mut shown = Vec::new();
    for block in &paper.blocks {
        shown.extend(words(&block.text));
    }
    let body = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    for line in body.split(['\n', '\r']) {
        let w = words(line);
        // Underlines of headings (`====`, `----`) are decoration, not text (judged on the line:
        // `words` splits a run of hyphens).
        if is_rule(line) {
            continue;
        }
        assert!(
            contains(&shown, &w) || contains(&shown, &words(without_page_number(line))),
            "line {line:?} is not in the paper\nmarkdown:\n{}\nwords: {shown:?}",
            converted.markdown
        );
    }
});
