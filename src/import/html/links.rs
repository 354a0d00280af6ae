//! Link targets in a web page: relative addresses resolved against the page's base, and only
//! schemes a reader may follow kept (`http`, `https`, `mailto`, `ftp`); `javascript:`, `data:`,
//! `vbscript:`, `file:` and the like are dropped, never followed, and their text stays as text.

use url::Url;

/// The schemes a link may keep.
const ALLOWED: &[&str] = &["http", "https", "mailto", "ftp"];

/// What a link's `href` becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// An absolute address to keep.
    Keep(String),
    /// An anchor inside the page, or a relative address with no base to resolve it against:
    /// the text stays, without a link.
    Local,
    /// A scheme that is never followed (`javascript:`, `data:` …).
    Dropped,
}

/// Resolves `href` against `base`.
pub fn resolve(href: &str, base: Option<&Url>) -> Target {
    let href = href.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    if href.is_empty() || href.starts_with('#') {
        return Target::Local;
    }
    let parsed = match Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => match base.map(|b| b.join(href)) {
            Some(Ok(url)) => url,
            _ => return Target::Local,
        },
        Err(_) => return Target::Local,
    };
    if ALLOWED.contains(&parsed.scheme()) {
        Target::Keep(parsed.into())
    } else {
        Target::Dropped
    }
}

/// The base addresses resolve against: the page's `<base href>` (itself resolved against the
/// page's address) when it has one, else the page's address.
pub fn base(page: Option<&Url>, base_href: Option<&str>) -> Option<Url> {
    let joined = base_href
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .and_then(|h| match page {
            Some(p) => p.join(h).ok(),
            None => Url::parse(h).ok(),
        });
    joined
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .or_else(|| page.cloned())
}

/// An absolute web address (`http`/`https`), or `None`.
pub fn web_url(s: &str) -> Option<Url> {
    Url::parse(s.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_base() {
        let page = Url::parse("http://fakehost/test/page.html").unwrap();
        assert_eq!(
            resolve("foo/bar.html", Some(&page)),
            Target::Keep("http://fakehost/test/foo/bar.html".into())
        );
        assert_eq!(
            resolve("/root", Some(&page)),
            Target::Keep("http://fakehost/root".into())
        );
        assert_eq!(
            resolve("//cdn.example/x", Some(&page)),
            Target::Keep("http://cdn.example/x".into())
        );
        let b = base(Some(&page), Some("../base/")).unwrap();
        assert_eq!(b.as_str(), "http://fakehost/base/");
        let b = base(Some(&page), Some("http://other.example/dir/")).unwrap();
        assert_eq!(
            resolve("x", Some(&b)),
            Target::Keep("http://other.example/dir/x".into())
        );
        assert_eq!(resolve("x", None), Target::Local);
        assert_eq!(resolve("#section", Some(&page)), Target::Local);
    }

    #[test]
    fn script_and_data_links_are_dropped() {
        for href in [
            "javascript:alert(1)",
            " JavaScript:void(0)",
            "data:text/html;base64,AAAA",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(resolve(href, None), Target::Dropped, "{href}");
        }
        assert_eq!(
            resolve("mailto:a@b.c", None),
            Target::Keep("mailto:a@b.c".into())
        );
    }
}
