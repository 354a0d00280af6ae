//! Web pages (HTML) → a Markdown paper: the article without the site around it, the page's
//! metadata as front matter.
//!
//! Steps: refuse binary data and pages over [`MAX_BYTES`]; decode by [`charset`]'s rules (never
//! assuming UTF-8); parse with html5ever (through `dom_query`); read the metadata ([`meta`]);
//! find the article with `dom_smoothie` (a port of Mozilla's Readability, the reader view of
//! Firefox), sections titled by their `id` shielded from its chrome rules ([`sections`]); write
//! it as Markdown ([`markdown`]). A page where no article is found is shown whole
//! with a warning. Nothing is fetched and no script runs: the converter only reads the bytes.

mod charset;
mod footnotes;
mod inline;
mod links;
mod markdown;
mod meta;
mod sections;

#[cfg(test)]
mod tests;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use super::{Converted, FrontMatter, ImportError, content_id};

pub use meta::{PageMeta, normalize_date};

/// The largest page dossier opens: pages are rarely over 5 MB even with inline images; a larger
/// file is refused with [`ImportError::TooLarge`] rather than parsed for seconds.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Elements the article extractor looks at; past this the page is shown whole (the extractor's
/// scoring grows faster than linearly with the page).
pub const MAX_ELEMENTS: usize = 200_000;

/// Nesting deeper than this skips the article extractor (whose walks recurse): the page's text
/// is shown whole.
pub const MAX_NESTING: usize = 1_000;

/// What is known about a page besides its bytes.
#[derive(Clone, Debug, Default)]
pub struct HtmlContext {
    /// The address the page was fetched from (relative links resolve against it; it becomes the
    /// paper's `source` and id).
    pub url: Option<String>,
    /// The charset of the HTTP `Content-Type` header.
    pub charset: Option<String>,
}

/// Converts a web page to a Markdown paper.
pub fn convert(bytes: &[u8], ctx: &HtmlContext) -> Result<Converted, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(format!(
            "{:.1} MB; dossier opens web pages up to {} MB",
            bytes.len() as f64 / 1e6,
            MAX_BYTES >> 20
        )));
    }
    if let Some(found) = binary(bytes) {
        return Err(ImportError::WrongFormat {
            expected: "HTML",
            found,
        });
    }
    let decoded = charset::decode(bytes, ctx.charset.as_deref());
    let mut warnings = decoded.warnings;
    if rough_nesting(&decoded.text) > MAX_NESTING {
        // The HTML parser's tree building slows down badly on such depths: show the text.
        warnings.push(format!(
            "nested more than {MAX_NESTING} levels deep: showing all its text"
        ));
        let front = FrontMatter {
            id: Some(ctx.url.as_ref().map_or_else(
                || content_id("web", bytes),
                |u| content_id("web", u.as_bytes()),
            )),
            source: ctx.url.clone(),
            ..FrontMatter::default()
        };
        let mut markdown = front.to_yaml();
        markdown.push_str(&super::escape_inline(&strip_tags(&decoded.text)));
        markdown.push('\n');
        return Ok(Converted { markdown, warnings });
    }
    let doc = Document::from(decoded.text.as_str());

    let page_url = ctx.url.as_deref().and_then(links::web_url);
    let deep = nesting(&doc.root()) > MAX_NESTING;
    let many = doc
        .root()
        .descendants_it()
        .filter(NodeRef::is_element)
        .count()
        > MAX_ELEMENTS;
    let base_href = doc
        .select("base[href]")
        .nodes()
        .first()
        .and_then(|b| b.attr("href"))
        .map(|h| h.to_string());

    let (meta, article) = if deep || many {
        warnings.push(if deep {
            format!("nested more than {MAX_NESTING} levels deep: showing all its text")
        } else {
            format!("more than {MAX_ELEMENTS} elements: showing all its text")
        });
        (meta::read(&doc, None, None), None)
    } else {
        extract(doc, page_url.as_ref())
    };
    let page_url = page_url.or_else(|| meta.canonical.as_deref().and_then(links::web_url));
    let base = links::base(page_url.as_ref(), base_href.as_deref());

    let article = article.and_then(|doc| {
        // The extractor's own tree, walked where it left the article (serialising it and
        // parsing that again gives the same tree and cost a tenth of the import).
        let root = doc
            .select_single("#readability-page-1")
            .nodes()
            .first()
            .copied()?;
        let written = markdown::write(&root, base.as_ref());
        is_article(&root).then_some(written)
    });
    let written = if let Some(written) = article {
        written
    } else {
        if !deep && !many {
            warnings.push("no article found: showing all its text".to_owned());
        }
        let whole = Document::from(decoded.text.as_str());
        let root = whole.body().unwrap_or_else(|| whole.root());
        markdown::write(&root, base.as_ref())
    };
    if written.flattened && !deep {
        warnings.push(format!(
            "parts nested more than {} levels deep are shown as plain text",
            markdown::MAX_DEPTH
        ));
    }

    let source = ctx
        .url
        .clone()
        .or_else(|| page_url.as_ref().map(ToString::to_string));
    let id = match &source {
        Some(url) => content_id("web", url.as_bytes()),
        None => content_id("web", bytes),
    };
    let front = FrontMatter {
        id: Some(id),
        title: meta.title,
        author: meta.author,
        publisher: meta.publisher,
        published: meta.published,
        source,
        ..FrontMatter::default()
    };
    let mut markdown = front.to_yaml();
    markdown.push_str(&written.markdown);
    Ok(Converted { markdown, warnings })
}

/// The metadata, and the extractor's document holding the article (in its
/// `#readability-page-1` element) when it finds one.
fn extract(doc: Document, url: Option<&url::Url>) -> (PageMeta, Option<Document>) {
    let config = Config {
        keep_classes: true,
        // Counted before the extractor runs (`convert`); counting again costs a walk.
        max_elements_to_parse: 0,
        ..Config::default()
    };
    let url = url.map(url::Url::as_str);
    let titled = sections::hide_titled_ids(&doc);
    let Ok(mut reader) = Readability::with_document(doc, url, Some(config)) else {
        return (PageMeta::default(), None);
    };
    let title = reader.get_article_title().to_string();
    let mut meta = meta::read(&reader.doc, Some(&title), None);
    let parsed = reader.parse();
    if titled > 0 {
        sections::restore_ids(&reader.doc.root());
    }
    let Ok(article) = parsed else {
        return (meta, None);
    };
    if meta.author.is_none() {
        meta.author = article
            .byline
            .as_deref()
            .map(meta::squash)
            .filter(|b| !b.is_empty() && b.chars().count() <= 200);
    }
    if article.text_content.trim().is_empty() {
        return (meta, None);
    }
    (meta, Some(reader.doc))
}

/// Whether the extracted content reads as an article: at least 25 words, and most of its text
/// outside links (a menu or a list of links is not an article).
fn is_article(root: &NodeRef) -> bool {
    let text = root.text();
    let words = text.split_whitespace().count();
    let linked: usize = root
        .descendants_it()
        .filter(|n| n.has_name("a"))
        .map(|a| a.text().split_whitespace().count())
        .sum();
    words >= 25 && linked * 2 < words
}

/// An upper bound of how deep the page's tags nest, from its start and end tags alone (void
/// elements and self-closing tags do not count), in one pass over the text.
fn rough_nesting(text: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "td", "tr", "option",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The text of a page without its tags, scripts and styles, entities left as written: for pages
/// the parser is not given.
fn strip_tags(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len() / 2);
    let mut i = 0;
    while i < text.len() {
        let Some(off) = text[i..].find('<') else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + off]);
        out.push(' ');
        i += off;
        let skip_to = ["script", "style"].iter().find_map(|t| {
            lower[i + 1..].starts_with(t).then(|| {
                lower[i..]
                    .find(&format!("</{t}"))
                    .map_or(text.len(), |e| i + e + 2)
            })
        });
        let from = skip_to.unwrap_or(i);
        i = text[from..].find('>').map_or(text.len(), |e| from + e + 1);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The deepest nesting of elements below `root`, counted without recursion.
fn nesting(root: &NodeRef) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > MAX_NESTING {
            break;
        }
        for child in node.children_it(false).filter(NodeRef::is_element) {
            stack.push((child, depth + 1));
        }
    }
    deepest
}

/// Why `bytes` are not a web page, when they plainly are not: NUL bytes or many control
/// characters near the start (UTF-16 with a byte-order mark is text).
fn binary(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        let what = match head {
            [0x89, b'P', b'N', b'G', ..] => "a PNG image",
            [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
            [b'G', b'I', b'F', b'8', ..] => "a GIF image",
            [b'P', b'K', 3, 4, ..] => "a ZIP archive",
            [0x1F, 0x8B, ..] => "gzip-compressed data",
            [b'%', b'P', b'D', b'F', ..] => "a PDF",
            _ => "binary data",
        };
        return Some(what.to_owned());
    }
    None
}
