//! Conformance: every one of the CommonMark spec's 655 examples renders through `dossier cat` at
//! widths 20, 80 and 200 without a panic and without losing a word of its visible text.

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

/// The example's visible text: its expected HTML without tags, entities decoded.
fn visible_words(html: &str) -> Vec<String> {
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
    decode(&text)
        .split_whitespace()
        .map(squash)
        .filter(|w| !w.is_empty())
        .collect()
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

#[test]
fn all_655_examples_render_at_three_widths_without_losing_words() {
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
        let out = Command::new(common::bin())
            .args([
                "cat",
                "--width",
                &width.to_string(),
                dir.path().to_str().unwrap(),
            ])
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
            let missing: Vec<String> = visible_words(&ex.html)
                .into_iter()
                .filter(|w| !shown.contains(w.as_str()))
                .collect();
            if !missing.is_empty() {
                failures.push(format!(
                    "example {} at width {width}: missing {missing:?}\n{}",
                    ex.number, ex.markdown
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} examples lost words:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
