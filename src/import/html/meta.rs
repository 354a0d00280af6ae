//! A page's metadata — title, author, publisher, publication date, canonical URL — from its
//! `<meta>` tags, JSON-LD and `<title>`, in one documented order of precedence.
//!
//! For each field the first source that has a value wins:
//!
//! | field | sources, strongest first |
//! | --- | --- |
//! | title | `citation_title`, JSON-LD `headline`/`name`, Dublin Core `dc.title`/`dcterms.title`, `og:title`, `twitter:title`, `<title>` (site name cut off), the first `<h1>` |
//! | author | `citation_author` (all of them, joined with `; `), JSON-LD `author` names, `dc.creator`/`dcterms.creator`, `<meta name=author>`, `article:author` (unless a URL), the page's byline element |
//! | publisher | `citation_publisher`, `citation_journal_title`, JSON-LD `publisher` name, `dc.publisher`/`dcterms.publisher`, `og:site_name` |
//! | published | `citation_publication_date`, `citation_date`, `citation_online_date`, JSON-LD `datePublished`, `dc.date`/`dcterms.issued`/`dcterms.created`/`dcterms.date`, `article:published_time`, `og:published_time`, `parsely-pub-date`, `<meta name=date>`/`pubdate`, the first `<time datetime>` of the article |
//! | canonical URL | `<link rel=canonical>`, `og:url`, JSON-LD `url`, the `<!-- saved from url=(N)… -->` comment a browser writes when it saves a page |
//!
//! Scholarly tags (`citation_*`, Highwire Press, read by Google Scholar and Zotero) come first
//! because publishers fill them for exactly this purpose; JSON-LD and Dublin Core next because
//! they describe the work itself; Open Graph and Twitter cards last because they are written for
//! link previews (titles with teasers, site-wide defaults). Dates become `YYYY-MM-DD` (or
//! `YYYY-MM`, `YYYY`); a date that cannot be read is left out.

use dom_query::{Document, NodeData, NodeRef};
use serde_json::Value;

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The work's title.
    pub title: Option<String>,
    /// Its author or authors.
    pub author: Option<String>,
    /// Who published it (a journal, a site, an institute).
    pub publisher: Option<String>,
    /// When it was published, `YYYY-MM-DD` / `YYYY-MM` / `YYYY`.
    pub published: Option<String>,
    /// The page's canonical address, as written.
    pub canonical: Option<String>,
}

/// The `<meta>` values in document order, keyed by lower-cased `name`, `property` or `itemprop`.
struct Tags(Vec<(String, String)>);

impl Tags {
    fn read(doc: &Document) -> Tags {
        let mut out = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content") else {
                continue;
            };
            let content = squash(&content);
            if content.is_empty() {
                continue;
            }
            for key_attr in ["name", "property", "itemprop"] {
                if let Some(key) = node.attr(key_attr) {
                    for key in key.split_whitespace() {
                        out.push((normalize_key(key), content.clone()));
                    }
                }
            }
        }
        Tags(out)
    }

    /// The value of the first of `keys` the page has; of several tags with that key, the last
    /// (as Readability reads them).
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .rev()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// A `<meta>` key lower-cased, with Dublin Core's spellings made one: `DC.title`, `dc:title`,
/// `dcterm:title` and `DCTERMS.title` become `dc.title` / `dcterms.title`.
fn normalize_key(key: &str) -> String {
    let key = key.trim().to_ascii_lowercase();
    for (prefix, to) in [
        ("dcterms", "dcterms."),
        ("dcterm", "dcterms."),
        ("dc", "dc."),
    ] {
        if let Some(rest) = key.strip_prefix(prefix)
            && let Some(rest) = rest.strip_prefix(['.', ':'])
        {
            return format!("{to}{rest}");
        }
    }
    key
}

/// JSON-LD fields of the page's first article-like object.
#[derive(Default)]
struct JsonLd {
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Reads the metadata of `doc` (before any extraction changes it). `h1` and `byline` are the
/// first heading and the byline the extractor found, used when no tag names them.
pub fn read(doc: &Document, cleaned_title: Option<&str>, byline: Option<&str>) -> PageMeta {
    let tags = Tags::read(doc);
    let ld = json_ld(doc);
    let title = tags
        .first(&["citation_title"])
        .or(ld.title.clone())
        .or_else(|| tags.first(&["dc.title", "dcterms.title", "og:title", "twitter:title"]))
        .or_else(|| cleaned_title.map(squash).filter(|t| !t.is_empty()))
        .or_else(|| first_text(doc, "h1"));
    let citation_authors = tags.all("citation_author");
    let author = (!citation_authors.is_empty())
        .then(|| citation_authors.join("; "))
        .or(ld.author.clone())
        .or_else(|| tags.first(&["dc.creator", "dcterms.creator", "author"]))
        .or_else(|| {
            tags.first(&["article:author"])
                .filter(|a| !looks_like_url(a))
        })
        .or_else(|| byline.map(squash).filter(|b| !b.is_empty()));
    let publisher = tags
        .first(&["citation_publisher", "citation_journal_title"])
        .or(ld.publisher.clone())
        .or_else(|| tags.first(&["dc.publisher", "dcterms.publisher", "og:site_name"]));
    let published = tags
        .first(&[
            "citation_publication_date",
            "citation_date",
            "citation_online_date",
        ])
        .and_then(|d| normalize_date(&d))
        .or_else(|| ld.published.as_deref().and_then(normalize_date))
        .or_else(|| {
            tags.first(&[
                "dc.date",
                "dcterms.issued",
                "dcterms.created",
                "dcterms.date",
                "dc.date.issued",
                "article:published_time",
                "og:published_time",
                "parsely-pub-date",
                "date",
                "pubdate",
            ])
            .and_then(|d| normalize_date(&d))
        })
        .or_else(|| {
            doc.select("time[datetime]")
                .nodes()
                .iter()
                .find_map(|t| t.attr("datetime").and_then(|d| normalize_date(&d)))
        })
        .or_else(|| {
            // Microdata and DocBook's title page: `itemprop=datePublished`, `class=pubdate`.
            doc.select("[itemprop=datePublished], .pubdate, .published")
                .nodes()
                .iter()
                .find_map(|t| {
                    let v = t
                        .attr("content")
                        .or_else(|| t.attr("datetime"))
                        .map_or_else(|| squash(&t.text()), |v| v.to_string());
                    (v.len() <= 60).then(|| normalize_date(&v)).flatten()
                })
        });
    let canonical = doc
        .select("link[rel~=canonical][href]")
        .nodes()
        .first()
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| tags.first(&["og:url"]))
        .or(ld.url)
        .or_else(|| saved_from(doc));
    PageMeta {
        title,
        author,
        publisher,
        published,
        canonical,
    }
}

/// The address in the `<!-- saved from url=(0058)https://… -->` comment that browsers put at
/// the top of a page they save ("Save Page As"), when there is one.
fn saved_from(doc: &Document) -> Option<String> {
    let root = doc.root();
    let html = root.children_it(false).find(|n| n.has_name("html"));
    let tops = root
        .children_it(false)
        .chain(html.iter().flat_map(|h| h.children_it(false)));
    tops.filter(NodeRef::is_comment).take(8).find_map(|c| {
        let text = c.query(|n| {
            if let NodeData::Comment { contents } = &n.data {
                Some(contents.to_string())
            } else {
                None
            }
        })??;
        let rest = text.trim().strip_prefix("saved from url=(")?;
        let (_, url) = rest.split_once(')')?;
        let url = url.split_whitespace().next()?;
        looks_like_url(url).then(|| url.to_owned())
    })
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .map(|n| squash(&n.text()))
        .find(|t| !t.is_empty())
}

/// Collapses runs of white space to one space and trims.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ScholarlyArticle",
    "Report",
    "TechArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "Thesis",
    "Book",
    "Chapter",
    "CreativeWork",
    "WebPage",
];

fn json_ld(doc: &Document) -> JsonLd {
    let mut objects = Vec::new();
    for script in doc.select("script[type]").nodes() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let text = script.text();
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            flatten(value, &mut objects, 0);
        }
    }
    let rank = |o: &Value| {
        let types = type_names(o);
        ARTICLE_TYPES
            .iter()
            .position(|t| types.iter().any(|x| x == t))
    };
    let Some(best) = objects
        .iter()
        .filter_map(|o| rank(o).map(|r| (r, o)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, o)| o)
    else {
        return JsonLd::default();
    };
    JsonLd {
        title: string_at(best, "headline").or_else(|| string_at(best, "name")),
        author: best.get("author").and_then(names),
        publisher: best.get("publisher").and_then(names),
        published: string_at(best, "datePublished").or_else(|| string_at(best, "dateCreated")),
        url: string_at(best, "url").filter(|u| looks_like_url(u)),
    }
}

/// Every object of a JSON-LD value: top-level arrays and `@graph` lists opened.
fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                flatten(item, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn type_names(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn string_at(o: &Value, key: &str) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(squash)
        .filter(|s| !s.is_empty())
}

/// A person or organisation (or a list of them) as names joined with `, `.
fn names(v: &Value) -> Option<String> {
    let list: Vec<String> = match v {
        Value::String(s) => vec![squash(s)],
        Value::Object(_) => string_at(v, "name").into_iter().collect(),
        Value::Array(items) => items.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) from the date formats pages use: ISO 8601 and
/// `2017/11/15`, `15 November 2017`, `November 15, 2017`, `Wed, 15 Nov 2017 10:00:00 GMT`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let digits: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let valid = |y: u32, m: u32, d: u32| {
        (1000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    // Numeric forms that start with the year.
    if s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        let y: u32 = digits.first()?.get(..4)?.parse().ok()?;
        if digits[0].len() == 8 {
            let m: u32 = digits[0][4..6].parse().ok()?;
            let d: u32 = digits[0][6..8].parse().ok()?;
            return valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"));
        }
        if digits[0].len() != 4 || !(1000..=2999).contains(&y) {
            return None;
        }
        let m = digits.get(1).and_then(|m| m.parse::<u32>().ok());
        let d = digits.get(2).and_then(|d| d.parse::<u32>().ok());
        return Some(match (m, d) {
            (Some(m), Some(d)) if valid(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), _) if (1..=12).contains(&m) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        });
    }
    // Month names: "15 Nov 2017", "November 15, 2017", "Wed, 15 Nov 2017".
    let lower = s.to_ascii_lowercase();
    let month = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find_map(|w| {
            (w.len() >= 3)
                .then(|| MONTHS.iter().position(|m| w.starts_with(m)))
                .flatten()
        })? as u32
        + 1;
    let year: u32 = digits.iter().find(|d| d.len() == 4)?.parse().ok()?;
    let day = digits
        .iter()
        .find(|d| d.len() <= 2)
        .and_then(|d| d.parse::<u32>().ok());
    Some(match day {
        Some(d) if valid(year, month, d) => format!("{year:04}-{month:02}-{d:02}"),
        _ if (1000..=2999).contains(&year) => format!("{year:04}-{month:02}"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str) -> PageMeta {
        let doc = Document::from(format!(
            "<html><head>{head}</head><body><h1>Heading one</h1></body></html>"
        ));
        read(&doc, None, None)
    }

    #[test]
    fn dates_from_the_formats_pages_use() {
        for (s, want) in [
            ("2017-11-15T17:02:00Z", "2017-11-15"),
            ("2017/11/15", "2017-11-15"),
            ("20171115", "2017-11-15"),
            ("2017-11", "2017-11"),
            ("2017", "2017"),
            ("15 November 2017", "2017-11-15"),
            ("November 15, 2017", "2017-11-15"),
            ("Wed, 15 Nov 2017 10:00:00 GMT", "2017-11-15"),
        ] {
            assert_eq!(normalize_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date("12345"), None);
    }

    const ALL: &str = r#"
        <title>Title tag | Site</title>
        <meta property="og:title" content="OG title">
        <meta property="og:site_name" content="OG site">
        <meta property="article:published_time" content="2020-03-04T10:00:00Z">
        <meta name="DC.title" content="DC title">
        <meta property="dc:title" content="DC property title">
        <meta name="DC.creator" content="DC Creator">
        <meta name="DC.date" content="2019-02-03">
        <meta name="author" content="Meta Author">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The site"},
            {"@type":"NewsArticle","headline":"LD headline","author":[{"@type":"Person","name":"Ann One"},{"name":"Bo Two"}],
             "publisher":{"@type":"Organization","name":"LD Publisher"},"datePublished":"2018-01-02"}]}</script>
        <meta name="citation_title" content="Citation title">
        <meta name="citation_author" content="Kim, Jae">
        <meta name="citation_author" content="Lee, Min">
        <meta name="citation_publisher" content="Citation Press">
        <meta name="citation_publication_date" content="2017/11/15">
        <link rel="canonical" href="https://example.org/a">
    "#;

    #[test]
    fn citation_tags_win() {
        let m = meta(ALL);
        assert_eq!(m.title.as_deref(), Some("Citation title"));
        assert_eq!(m.author.as_deref(), Some("Kim, Jae; Lee, Min"));
        assert_eq!(m.publisher.as_deref(), Some("Citation Press"));
        assert_eq!(m.published.as_deref(), Some("2017-11-15"));
        assert_eq!(m.canonical.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn a_saved_page_names_its_address_in_the_browsers_comment() {
        let page = |head: &str, top: &str| {
            let doc = Document::from(format!(
                "<!DOCTYPE html>\n{top}\n<html><head>{head}</head><body><p>x</p></body></html>"
            ));
            read(&doc, None, None).canonical
        };
        let saved = "<!-- saved from url=(0040)https://example.org/saved/page.html -->";
        assert_eq!(
            page("", saved).as_deref(),
            Some("https://example.org/saved/page.html")
        );
        // The page's own canonical link still wins; a comment without a web address is nothing.
        let link = "<link rel=canonical href=\"https://example.org/c\">";
        assert_eq!(page(link, saved).as_deref(), Some("https://example.org/c"));
        assert_eq!(page("", "<!-- saved from url=(0012)javascript:x -->"), None);
        assert_eq!(page("", "<!-- a comment -->"), None);
    }

    #[test]
    fn json_ld_comes_next() {
        let head: String = ALL
            .lines()
            .filter(|l| !l.contains("citation_"))
            .collect::<Vec<_>>()
            .join("\n");
        let m = meta(&head);
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.author.as_deref(), Some("Ann One, Bo Two"));
        assert_eq!(m.publisher.as_deref(), Some("LD Publisher"));
        assert_eq!(m.published.as_deref(), Some("2018-01-02"));
    }

    #[test]
    fn dublin_core_then_open_graph_then_title() {
        let no_ld: String = ALL
            .lines()
            .filter(|l| {
                !l.contains("citation_")
                    && !l.contains("ld+json")
                    && !l.contains("\"@type\"")
                    && !l.contains("datePublished")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let m = meta(&no_ld);
        assert_eq!(
            m.title.as_deref(),
            Some("DC property title"),
            "the last of the same key"
        );
        assert_eq!(m.author.as_deref(), Some("DC Creator"));
        assert_eq!(m.publisher.as_deref(), Some("OG site"));
        assert_eq!(m.published.as_deref(), Some("2019-02-03"));
        let og_only: String = no_ld
            .lines()
            .filter(|l| !l.contains("DC.") && !l.contains("dc:"))
            .collect();
        let m = meta(&og_only);
        assert_eq!(m.title.as_deref(), Some("OG title"));
        assert_eq!(m.author.as_deref(), Some("Meta Author"));
        assert_eq!(m.published.as_deref(), Some("2020-03-04"));
        let m = meta("<title>Only the title tag</title>");
        assert_eq!(
            m.title.as_deref(),
            Some("Heading one"),
            "the cleaned <title> comes from the caller"
        );
        let doc = Document::from("<title>T | Site</title><h1>H</h1>");
        assert_eq!(read(&doc, Some("T"), None).title.as_deref(), Some("T"));
        assert_eq!(read(&doc, None, None).title.as_deref(), Some("H"));
    }

    #[test]
    fn dublin_core_spellings_and_title_pages() {
        let m = meta(
            r#"<meta property="x:title DCTERMS:title" content="My title"><meta name="author" content="Meta">
                        <meta property="dc:creator twitter:site_name" content="Creator Name">"#,
        );
        assert_eq!(m.title.as_deref(), Some("My title"));
        assert_eq!(m.author.as_deref(), Some("Creator Name"));
        let doc =
            Document::from(r#"<div class="titlepage"><p class="pubdate">March 19, 2015</p></div>"#);
        assert_eq!(
            read(&doc, None, None).published.as_deref(),
            Some("2015-03-19")
        );
    }

    #[test]
    fn article_author_url_is_not_a_name() {
        let m = meta(r#"<meta property="article:author" content="https://facebook.com/someone">"#);
        assert_eq!(m.author, None);
        let doc = Document::from(r#"<meta property="article:author" content="https://x.y/z"><p>x"#);
        assert_eq!(
            read(&doc, None, Some(" By  Jo ")).author.as_deref(),
            Some("By Jo")
        );
    }
}
