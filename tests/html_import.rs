//! Saved web pages through the HTML converter and the reader's plain-text layout: the article's
//! words against the page's reference (word F1 by longest common subsequence, as the corpus
//! scorer counts them), its title and date; charsets; hostile input.

use std::path::Path;

use dossier::document::{Origin, Paper};
use dossier::import::ImportError;
use dossier::import::html::{HtmlContext, convert};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

/// The page as the reader prints it (`dossier cat`): header, rule, body.
fn open(bytes: &[u8], url: Option<&str>) -> (Paper, String) {
    let ctx = HtmlContext {
        url: url.map(str::to_owned),
        charset: None,
    };
    let converted = convert(bytes, &ctx).expect("converts");
    let mut paper = Paper::parse(
        &converted.markdown,
        Origin::File("page.html".into()),
        "page",
    );
    paper.warnings.extend(converted.warnings);
    let text = dossier::layout::layout(&paper, 65535).plain_text();
    (paper, text)
}

/// Word tokens as the corpus scorer counts them: lower-cased runs of letters and digits, each
/// CJK or Thai character a token of its own.
fn tokens(text: &str) -> Vec<String> {
    let cjk = |c: char| matches!(c as u32, 0x0e00..=0x0eff | 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff66..=0xff9f);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() && !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn f1(out: &str, reference: &str) -> f64 {
    let (o, r) = (tokens(out), tokens(reference));
    let common = lcs(&o, &r) as f64;
    let (p, rec) = (common / o.len() as f64, common / r.len() as f64);
    2.0 * p * rec / (p + rec)
}

/// The body below the header rule of `dossier cat`'s output.
fn body(text: &str) -> &str {
    text.split_once("\n─").map_or(text, |(_, rest)| {
        rest.split_once('\n').map_or("", |(_, b)| b)
    })
}

fn meta_field(page: &str, key: &str) -> Option<String> {
    let raw =
        std::fs::read_to_string(fixtures().join(page).join("expected-metadata.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    json.get(key).and_then(|v| v.as_str()).map(str::to_owned)
}

/// (page, lowest word F1 accepted): the measured F1 (BENCHMARKS.md) less a small margin.
const PAGES: &[(&str, f64)] = &[
    ("001", 0.95),
    ("003-metadata-preferred", 0.95),
    ("base-url-base-element", 0.95),
    ("daringfireball-1", 0.95),
    ("hidden-nodes", 0.95),
    ("social-buttons", 0.95),
    ("table-style-attributes", 0.90),
    ("tumblr", 0.95),
    ("wordpress", 0.95),
    ("hukumusume", 0.90),
    ("keep-tabular-data", 0.90),
    ("rtl-1", 0.95),
    ("lazy-image-1", 0.95),
    ("policy-ch1-scope", 0.97),
    ("policy-ch2-archive", 0.90),
];

#[test]
fn corpus_pages_keep_their_article_title_and_date() {
    let mut failures = Vec::new();
    for &(page, least) in PAGES {
        let dir = fixtures().join(page);
        let bytes = std::fs::read(dir.join("source.html")).unwrap();
        let (paper, text) = open(&bytes, Some("http://fakehost/test/page.html"));
        let reference = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let score = f1(body(&text), &reference);
        if score < least {
            failures.push(format!("{page}: word F1 {score:.3} < {least}"));
        }
        if let Some(title) = meta_field(page, "title") {
            let (got, want) = (tokens(&paper.meta.title), tokens(&title));
            let joined = |t: &[String]| format!(" {} ", t.join(" "));
            if !(joined(&got).contains(&joined(&want)) || joined(&want).contains(&joined(&got)))
                || got.is_empty()
            {
                failures.push(format!(
                    "{page}: title {:?}, want {title:?}",
                    paper.meta.title
                ));
            }
        }
        if let Some(date) = meta_field(page, "publishedTime")
            && paper.meta.published.as_deref() != Some(&date[..10])
        {
            failures.push(format!(
                "{page}: published {:?}, want {}",
                paper.meta.published,
                &date[..10]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn site_chrome_is_dropped() {
    // The body only: the header's title is the page's <title>, which names the manual.
    let bytes = std::fs::read(fixtures().join("policy-ch1-scope/source.html")).unwrap();
    let (_, page) = open(&bytes, None);
    let text = body(&page);
    for chrome in [
        "Debian Policy Manual v4.6.2.0",
        "Quick search",
        "Previous topic",
        "Next topic",
        "Show Source",
        "Table of Contents",
        "Created using Sphinx",
        "¶",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into\n{text}");
    }
    let bytes = std::fs::read(fixtures().join("social-buttons/source.html")).unwrap();
    let (_, text) = open(&bytes, None);
    for chrome in ["Like this:", "Loading..."] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into\n{text}");
    }
}

#[test]
fn sections_named_after_their_heading_are_kept() {
    // Sphinx writes "1.4. Related documents" as `<section id="related-documents">`; the
    // extractor alone takes `related` for a related-links box and drops the section.
    let bytes = std::fs::read(fixtures().join("policy-ch1-scope/source.html")).unwrap();
    let (paper, text) = open(&bytes, None);
    let titles: Vec<&str> = paper.sections.iter().map(|s| s.title.as_str()).collect();
    for want in [
        "1.3. Authors and Maintainers",
        "1.4. Related documents",
        "1.5. Definitions",
    ] {
        assert!(titles.contains(&want), "{want:?} missing from {titles:?}");
    }
    assert!(text.contains("necessary to fully understand some Debian policies"));
    // A related-posts box keeps out: its id names its role, not a heading.
    let bytes = std::fs::read(fixtures().join("wordpress/source.html")).unwrap();
    let (paper, _) = open(&bytes, None);
    assert!(
        paper.sections.iter().all(|s| s.title != "Related"),
        "{:?}",
        paper.sections.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
}

#[test]
fn footnotes_become_notes_that_jump() {
    let bytes = std::fs::read(fixtures().join("policy-ch2-archive/source.html")).unwrap();
    let (paper, _) = open(&bytes, None);
    assert!(!paper.footnotes.is_empty(), "no footnote definitions");
    let refs: Vec<_> = paper.links.iter().filter(|l| l.footnote).collect();
    assert!(!refs.is_empty(), "no footnote references");
    for r in refs {
        assert!(
            paper.footnotes.contains_key(&r.dest),
            "reference [{}] has no note",
            r.dest
        );
    }
}

#[test]
fn relative_links_resolve_against_base_element() {
    let bytes = std::fs::read(fixtures().join("base-url-base-element/source.html")).unwrap();
    let (paper, _) = open(&bytes, Some("http://fakehost/test/page.html"));
    let dests: Vec<&str> = paper.links.iter().map(|l| l.dest.as_str()).collect();
    assert!(
        dests.iter().any(|d| d.starts_with("http://fakehost/")),
        "{dests:?}"
    );
    assert!(dests.iter().all(|d| d.starts_with("http")), "{dests:?}");
}

#[test]
fn legacy_charsets_are_decoded() {
    for name in ["windows-1252", "euc-kr", "shift_jis", "no-charset-euc-kr"] {
        let dir = fixtures().join("charsets");
        let bytes = std::fs::read(dir.join(format!("{name}.html"))).unwrap();
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{name}: the fixture must not be UTF-8"
        );
        let (paper, text) = open(&bytes, None);
        for line in std::fs::read_to_string(dir.join(format!("{name}.txt")))
            .unwrap()
            .lines()
        {
            assert!(text.contains(line), "{name}: {line:?} missing in\n{text}");
        }
        let guessed = paper
            .warnings
            .iter()
            .any(|w| w.contains("names no charset"));
        assert_eq!(
            guessed,
            name.starts_with("no-charset"),
            "{name}: {:?}",
            paper.warnings
        );
    }
}

#[test]
fn a_wrong_charset_label_is_overruled() {
    // Saved by a browser: re-encoded as UTF-8, the old label kept.
    let html = "<html><head><meta charset='windows-1252'><title>Naïve café</title></head>\
                <body><article><p>Crème brûlée, déjà vu — “quoted”.</p></article></body></html>";
    let (paper, text) = open(html.as_bytes(), None);
    assert!(text.contains("Crème brûlée, déjà vu — “quoted”."), "{text}");
    assert!(
        paper.warnings.iter().any(|w| w.contains("valid UTF-8")),
        "{:?}",
        paper.warnings
    );
    let err = convert(
        b"\x00\x01\x02\x03binary\x00\x00\xff",
        &HtmlContext::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::WrongFormat { .. }), "{err}");
}
