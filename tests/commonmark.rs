//! Conformance: every one of the CommonMark spec's 655 examples renders through `dossier cat` at
//! widths 20, 80 and 200 without a panic and without losing a character of its visible text:
//! every character of the expected HTML's text (tags dropped, entities decoded, whitespace
//! aside) appears in dossier's output, in order and as often. Examples that open with a front
//! matter fence (`---`, `+++`) are also rendered as whole documents, where that fence starts one.

mod common;

use std::collections::HashMap;
use std::process::Command;

struct Example {
    number: usize,
    markdown: String,
    html: String,
}

fn examples() -> Vec<Example> {
    let spec =
        std::fs::read_to_string(common::fixtures().join("commonmark-spec/spec.txt")).unwrap();
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line != open {
            continue;
        }
        let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut markdown };
            target.push_str(&line.replace('→', "\t"));
            target.push('\n');
        }
        out.push(Example {
            number: out.len() + 1,
            markdown,
            html,
        });
    }
    out
}

/// The example's visible text: its expected HTML without tags, entities decoded, squashed.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    squash(&decode(&text))
}

fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            num if num.starts_with("#x") || num.starts_with("#X") => {
                u32::from_str_radix(&num[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            num if num.starts_with('#') => num[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        if let (Some(c), Some(e)) = (decoded, end) {
            out.push(if c == '\0' { '\u{fffd}' } else { c });
            rest = &rest[e + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Drops what dossier adds between a word's pieces when a line breaks inside it (quote bars),
/// and control characters, which dossier shows in caret notation instead.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│' && !c.is_control())
        .collect()
}

/// Where `expected` stops being a subsequence of `shown`: the characters matched so far and
/// the one not found after them; `None` when every character of `expected` is in `shown`, in
/// order.
fn lost(expected: &str, shown: &str) -> Option<String> {
    let mut rest = shown.chars();
    for (i, c) in expected.chars().enumerate() {
        if !rest.by_ref().any(|s| s == c) {
            let before: String = expected.chars().take(i).collect();
            let tail: String = before
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return Some(format!(
                "{c:?} after …{tail:?} (character {i} of {expected:?})"
            ));
        }
    }
    None
}

/// `dossier cat --width WIDTH PATHS`, checked to succeed without a panic and to keep its lines
/// within the width; its standard output.
fn cat(width: usize, paths: &[&std::path::Path]) -> String {
    let out = Command::new(common::bin())
        .args(["cat", "--width", &width.to_string()])
        .args(paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "width {width}: exit {:?}\n{stderr}",
        out.status.code()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= width,
            "width {width}: {line:?}"
        );
    }
    text
}

#[test]
fn the_strict_check_catches_a_lost_word_and_a_lost_repeat() {
    let expected = visible_text("<hr />\n<h2>Foo</h2>\n<h2>Bar</h2>\n<p>Baz &amp; Baz</p>\n");
    assert_eq!(expected, "FooBarBaz&Baz");
    assert_eq!(lost(&expected, "Foo\n\nBar\n\nBaz & Baz"), None);
    assert!(
        lost(&expected, "────\nBar\n\nBaz & Baz").is_some(),
        "Foo lost"
    );
    assert!(
        lost(&expected, "Foo Bar Baz &").is_some(),
        "the second Baz lost"
    );
    assert!(
        lost(&expected, "Bar Foo Baz & Baz").is_some(),
        "out of order"
    );
}

#[test]
fn examples_that_open_with_a_fence_keep_every_character_as_whole_documents() {
    let examples = examples();
    let fenced: Vec<&Example> = examples
        .iter()
        .filter(|ex| {
            ex.markdown
                .lines()
                .next()
                .is_some_and(|l| matches!(l.trim_end(), "---" | "+++"))
        })
        .collect();
    assert!(
        fenced.iter().any(|ex| ex.number == 96),
        "example 96 (`---`, Foo, `---`, Bar) is among them"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for ex in &fenced {
        let file = dir.path().join(format!("example-{:03}.md", ex.number));
        std::fs::write(&file, &ex.markdown).unwrap();
        for width in [20, 80, 200] {
            let shown = squash(&cat(width, &[&file]));
            if let Some(why) = lost(&visible_text(&ex.html), &shown) {
                failures.push(format!(
                    "example {} at width {width}: lost {why}\n{}",
                    ex.number, ex.markdown
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_655_examples_render_at_three_widths_without_losing_a_character() {
    let examples = examples();
    assert_eq!(examples.len(), 655);
    let dir = tempfile::tempdir().unwrap();
    for ex in &examples {
        let file = dir.path().join(format!("example-{:03}.md", ex.number));
        std::fs::write(
            file,
            format!(
                "---\ntitle: \"EXAMPLE-{:03}-BEGINS\"\n---\n{}",
                ex.number, ex.markdown
            ),
        )
        .unwrap();
    }
    for width in [20, 80, 200] {
        let text = cat(width, &[dir.path()]);
        let mut rendered: HashMap<usize, String> = HashMap::new();
        let mut current = None;
        for line in text.lines() {
            if let Some(n) = line
                .strip_prefix("EXAMPLE-")
                .and_then(|l| l.strip_suffix("-BEGINS"))
            {
                current = n.parse().ok();
                continue;
            }
            if let Some(n) = current {
                rendered.entry(n).or_default().push_str(line);
            }
        }
        assert_eq!(
            rendered.len(),
            655,
            "every example has its own output at width {width}"
        );
        let mut failures = Vec::new();
        for ex in &examples {
            let shown = squash(rendered.get(&ex.number).map_or("", String::as_str));
            if let Some(why) = lost(&visible_text(&ex.html), &shown) {
                failures.push(format!(
                    "example {} at width {width}: lost {why}\n{}",
                    ex.number, ex.markdown
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} examples lost text:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
