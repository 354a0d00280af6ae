//! The HTML converter on small hand-made pages: structure, links, notes, metadata, bad input.

use super::*;

fn converted(html: &str, url: Option<&str>) -> Converted {
    let ctx = HtmlContext {
        url: url.map(str::to_owned),
        charset: None,
    };
    convert(html.as_bytes(), &ctx).unwrap()
}

fn md(html: &str) -> String {
    converted(html, Some("https://example.org/dir/page.html")).markdown
}

/// An article long enough for the extractor to take it for one.
fn article(inner: &str) -> String {
    let filler = "<p>This paragraph is ordinary article prose, long enough, with commas, periods, and \
                  the kind of sentences that readers read, so that the extractor scores it as content.</p>";
    format!(
        "<html><head><title>A title for the page</title></head><body>\
         <nav><ul><li><a href='/'>Home</a></li><li><a href='/about'>About us</a></li></ul></nav>\
         <article>{filler}{inner}{filler}{filler}</article>\
         <footer>Copyright footer text</footer></body></html>"
    )
}

#[test]
fn structure_becomes_markdown() {
    let out = md(&article(
        "<h2>Section two</h2><p>Some <b>bold</b>, <i>italic</i> and <code>a `tick`</code> text.</p>\
         <ul><li>first</li><li>second<ul><li>nested</li></ul></li></ul>\
         <ol start='3'><li>three</li><li>four</li></ol>\
         <blockquote><p>Quoted words here.</p></blockquote>\
         <pre>let x = 1;\n  indented();</pre>\
         <table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td>2</td></tr></table>",
    ));
    for want in [
        "## Section two",
        "Some **bold**, *italic* and `` a `tick` `` text.",
        "- first\n- second\n  - nested",
        "3. three\n4. four",
        "> Quoted words here.",
        "```\nlet x = 1;\n  indented();\n```",
        "| Name | Value |\n| --- | --- |\n| a\\|b | 2 |",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    assert!(
        !out.contains("Home") && !out.contains("Copyright footer"),
        "chrome kept:\n{out}"
    );
}

#[test]
fn text_is_escaped_so_it_renders_literally() {
    let out = md(&article(
        "<p>2023. A *star* and [brackets] and <span>#hash</span> &amp; a_b</p>",
    ));
    let paper = crate::document::Paper::parse(&out, crate::document::Origin::Embedded("x"), "x");
    let text: String = paper
        .blocks
        .iter()
        .map(|b| b.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("2023. A *star* and [brackets] and #hash & a_b"),
        "{text}"
    );
}

#[test]
fn links_resolve_and_unsafe_schemes_are_dropped() {
    let out = md(&article(
        "<p><a href='other.html'>relative</a>, <a href='javascript:alert(1)'>script</a>, \
         <a href='data:text/html,hi'>data</a>, <a href='#top'>anchor</a>, <a href='mailto:a@b.org'>mail</a>.</p>",
    ));
    assert!(
        out.contains("[relative](<https://example.org/dir/other.html>)"),
        "{out}"
    );
    assert!(
        out.contains(", script, data, anchor, [mail](<mailto:a@b.org>)."),
        "{out}"
    );
    assert!(
        !out.contains("javascript") && !out.contains("data:"),
        "{out}"
    );
}

#[test]
fn base_element_wins_over_page_url() {
    let html =
        article("<p><a href='x.html'>link</a></p>").replace("<head>", "<head><base href='/base/'>");
    assert!(md(&html).contains("(<https://example.org/base/x.html>)"));
}

#[test]
fn footnotes_become_markdown_notes() {
    let out = md(&article(
        "<p>A claim.<sup><a href='#fn1' id='r1'>1</a></sup> Another.<a href='#fn2' class='footnote-ref'><sup>2</sup></a></p>\
         <ol class='footnotes'><li id='fn1'><p>The source. <a href='#r1'>↩</a></p></li>\
         <li id='fn2'>Second note.</li></ol>",
    ));
    assert!(out.contains("A claim.[^1] Another.[^2]"), "{out}");
    assert!(out.contains("[^1]: The source."), "{out}");
    assert!(out.contains("[^2]: Second note."), "{out}");
    assert!(!out.contains('↩'), "{out}");
    let paper = crate::document::Paper::parse(&out, crate::document::Origin::Embedded("x"), "x");
    assert!(paper.footnotes.contains_key("1") && paper.footnotes.contains_key("2"));
}

#[test]
fn scripts_styles_and_hidden_text_never_show() {
    let out = md(&article(
        "<script>document.write('SCRIPTED')</script><style>p{color:red}/*STYLED*/</style>\
         <p hidden>HIDDEN one</p><p style='display: none'>HIDDEN two</p><noscript>NOSCRIPT</noscript>\
         <p>Visible.</p>",
    ));
    for bad in ["SCRIPTED", "STYLED", "HIDDEN", "NOSCRIPT"] {
        assert!(!out.contains(bad), "{bad} in\n{out}");
    }
    assert!(out.contains("Visible."));
}

#[test]
fn front_matter_from_metadata_with_url_as_source_and_id() {
    let html = article("<p>x</p>").replace(
        "<head>",
        "<head><meta property='og:title' content='OG &quot;quoted&quot; title'>\
         <meta name='citation_author' content='Kim, Jae'>\
         <meta property='article:published_time' content='2021-06-07T08:00:00+09:00'>\
         <link rel='canonical' href='https://example.org/canonical'>",
    );
    let saved = converted(&html, None).markdown;
    let paper = crate::document::Paper::parse(&saved, crate::document::Origin::Embedded("x"), "x");
    assert_eq!(paper.meta.title, "OG \"quoted\" title");
    assert_eq!(paper.meta.author.as_deref(), Some("Kim, Jae"));
    assert_eq!(paper.meta.published.as_deref(), Some("2021-06-07"));
    assert_eq!(
        paper.meta.source.as_deref(),
        Some("https://example.org/canonical")
    );
    assert_eq!(
        paper.id,
        content_id("web", b"https://example.org/canonical")
    );
    let fetched = converted(&html, Some("https://example.org/fetched?x=1")).markdown;
    let paper =
        crate::document::Paper::parse(&fetched, crate::document::Origin::Embedded("x"), "x");
    assert_eq!(
        paper.id,
        content_id("web", b"https://example.org/fetched?x=1")
    );
    assert_eq!(
        paper.meta.source.as_deref(),
        Some("https://example.org/fetched?x=1")
    );
    let bare = converted("<p>no canonical</p>", None).markdown;
    let paper = crate::document::Paper::parse(&bare, crate::document::Origin::Embedded("x"), "x");
    assert_eq!(paper.id, content_id("web", b"<p>no canonical</p>"));
}

#[test]
fn a_page_saved_by_a_browser_is_the_address_it_was_saved_from() {
    let html = format!(
        "<!DOCTYPE html>\n<!-- saved from url=(0034)https://example.org/saved/a.html -->\n{}",
        article("<p><a href='b.html'>next</a> page</p>")
    );
    let saved = converted(&html, None).markdown;
    let paper = crate::document::Paper::parse(&saved, crate::document::Origin::Embedded("x"), "x");
    assert_eq!(
        paper.meta.source.as_deref(),
        Some("https://example.org/saved/a.html")
    );
    assert_eq!(
        paper.id,
        content_id("web", b"https://example.org/saved/a.html")
    );
    // Its relative links resolve against that address.
    assert!(
        saved.contains("(<https://example.org/saved/b.html>)"),
        "{saved}"
    );
}

#[test]
fn page_without_article_shows_all_its_text() {
    let c = converted(
        "<html><body><ul><li><a href='/a'>Alpha</a></li><li><a href='/b'>Beta</a></li></ul></body></html>",
        None,
    );
    assert!(
        c.warnings
            .iter()
            .any(|w| w == "no article found: showing all its text"),
        "{:?}",
        c.warnings
    );
    assert!(
        c.markdown.contains("Alpha") && c.markdown.contains("Beta"),
        "{}",
        c.markdown
    );
}

#[test]
fn binary_junk_is_refused() {
    let mut junk = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let err = convert(&junk, &HtmlContext::default()).err().unwrap();
    assert!(matches!(err, ImportError::WrongFormat { .. }));
    assert_eq!(err.to_string(), "is not a HTML file: a PNG image");
}

#[test]
fn pages_over_the_limit_are_refused() {
    let mut big = b"<html><body><p>".to_vec();
    big.resize(50 * 1000 * 1000, b'a');
    let err = convert(&big, &HtmlContext::default()).err().unwrap();
    assert!(matches!(err, ImportError::TooLarge(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "is too large: 50.0 MB; dossier opens web pages up to 32 MB"
    );
}

#[test]
fn deep_nesting_neither_overflows_nor_loses_text() {
    for tag in ["div", "b", "span", "blockquote", "ul"] {
        let mut html = String::from("<html><body>");
        for _ in 0..100_000 {
            html.push_str(&format!("<{tag}>"));
        }
        html.push_str("the words at the bottom");
        let c = converted(&html, None);
        assert!(
            c.markdown.contains("the words at the bottom"),
            "{tag}: {}",
            &c.markdown[..200.min(c.markdown.len())]
        );
        assert!(!c.warnings.is_empty(), "{tag}: no warning");
    }
}

#[test]
fn malformed_markup_still_reads() {
    let out = md(&article(
        "<p>unclosed <b>bold <i>both</p> after</b> tail</i><table><tr><td>cell<p>para</table>\
         <li>stray item</li></ul></div></span><h2>Heading <p>inside</h2>",
    ));
    for want in [
        "unclosed",
        "bold",
        "both",
        "after",
        "cell",
        "para",
        "stray item",
        "Heading",
    ] {
        assert!(out.contains(want), "{want} missing in\n{out}");
    }
}

#[test]
fn a_huge_data_url_is_neither_shown_nor_slow_to_skip() {
    let payload = "A".repeat(10 * 1024 * 1024);
    let html = article(&format!(
        "<p>Before the image.</p><img src='data:image/png;base64,{payload}'>\
         <p><a href='data:text/plain;base64,{payload}'>a data link</a> after it.</p>"
    ));
    let out = md(&html);
    assert!(
        out.contains("Before the image.") && out.contains("a data link after it."),
        "{}",
        &out[..out.len().min(500)]
    );
    assert!(!out.contains("AAAA"), "the data URL leaked");
}

#[test]
fn charsets_are_decoded() {
    let page = article("<p>북한의 불법 사이버 활동</p>")
        .replace("<head>", "<head><meta charset='euc-kr'>");
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&page);
    let c = convert(&bytes, &HtmlContext::default()).unwrap();
    assert!(
        c.markdown.contains("북한의 불법 사이버 활동"),
        "{}",
        c.markdown
    );
    let page = article("<p>日本語の文章です</p>");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&page);
    let ctx = HtmlContext {
        url: None,
        charset: Some("shift_jis".into()),
    };
    assert!(
        convert(&bytes, &ctx)
            .unwrap()
            .markdown
            .contains("日本語の文章です")
    );
}
