//! URLs: fetching a page with limits (connect and overall time, size, redirects; proxies from
//! `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY`), certificates verified by rustls
//! against the system's trusted roots, the bytes kept in the cache dir (`web_cache`), the type told from
//! `Content-Type` and then from the bytes, and the paper made by the converters.

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::web_cache::{self, Fetched};
use super::{Format, ImportError, content_id};
use crate::document::{Origin, Paper};

/// Time and size limits of a fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Time to resolve the host and open the connection.
    pub connect: Duration,
    /// Time for the whole fetch, redirects and body included.
    pub overall: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    /// How many redirects are followed.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            overall: Duration::from_secs(60),
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

impl Limits {
    /// The defaults, overridden by `DOSSIER_FETCH_CONNECT_TIMEOUT` and `DOSSIER_FETCH_TIMEOUT`
    /// (seconds, fractions allowed), `DOSSIER_FETCH_MAX_BYTES` and `DOSSIER_FETCH_MAX_REDIRECTS`.
    /// A value that does not parse is ignored.
    pub fn from_env() -> Limits {
        let secs = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s > 0.0 && *s < 1.0e6)
                .map(Duration::from_secs_f64)
        };
        let int = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let d = Limits::default();
        Limits {
            connect: secs("DOSSIER_FETCH_CONNECT_TIMEOUT").unwrap_or(d.connect),
            overall: secs("DOSSIER_FETCH_TIMEOUT").unwrap_or(d.overall),
            max_bytes: int("DOSSIER_FETCH_MAX_BYTES")
                .filter(|&n| n > 0)
                .unwrap_or(d.max_bytes),
            max_redirects: int("DOSSIER_FETCH_MAX_REDIRECTS")
                .map_or(d.max_redirects, |n| n.min(50) as u32),
        }
    }
}

/// Bytes received so far of a URL, and the total when the server said it.
pub type Progress<'a> = &'a (dyn Fn(&str, u64, Option<u64>) + Sync);

/// How URLs are opened.
#[derive(Clone, Copy, Default)]
pub struct Web<'a> {
    /// The cache dir (`DOSSIER_CACHE_DIR`); `None` keeps no copies.
    pub cache_dir: Option<&'a Path>,
    /// Fetch again even when a copy is cached.
    pub refresh: bool,
    /// Limits of each fetch.
    pub limits: Limits,
    /// Called as bytes arrive.
    pub progress: Option<Progress<'a>>,
}

impl std::fmt::Debug for Web<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Web")
            .field("cache_dir", &self.cache_dir)
            .field("refresh", &self.refresh)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// Why a URL could not be opened; each message is one line (the caller prefixes the URL).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The host name does not resolve.
    #[error("cannot find the host {0} (DNS lookup failed)")]
    Dns(String),
    /// A time limit ran out.
    #[error("timed out after {0} ({1})")]
    Timeout(String, &'static str),
    /// The connection could not be made or broke off.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The TLS handshake or certificate check failed.
    #[error("TLS error: {0}")]
    Tls(String),
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(String),
    /// The body is larger than the size limit.
    #[error("is larger than the limit of {0} (DOSSIER_FETCH_MAX_BYTES)")]
    TooLarge(String),
    /// More redirects than the limit.
    #[error("too many redirects (more than {0})")]
    Redirects(u32),
    /// Not a kind of document dossier reads.
    #[error("is {0}, not a paper (HTML, PDF, Markdown or text)")]
    NotAPaper(String),
    /// The bytes arrived but could not be converted.
    #[error("{0}")]
    Import(#[from] ImportError),
    /// Anything else the HTTP client reports.
    #[error("{0}")]
    Other(String),
}

/// The URL a command-line path spells, if it is an `http://` or `https://` one.
pub fn url_of(path: &Path) -> Option<&str> {
    let s = path.to_str()?;
    let scheme = s.split_once("://")?.0;
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")).then_some(s)
}

/// Opens `url` as a paper: the cached copy unless `web.refresh`, else a fresh fetch (kept in
/// the cache). A failed refresh falls back to the cached copy with a warning. The paper's id is
/// `content_id("web", url)`, its `source` the URL and `accessed` the day it was read.
pub fn open(url: &str, web: &Web<'_>) -> Result<Paper, FetchError> {
    let id = content_id("web", url.as_bytes());
    let cached = web.cache_dir.and_then(|dir| web_cache::load(dir, &id, url));
    let mut warnings = Vec::new();
    let fetched = match cached {
        Some(copy) if !web.refresh => copy,
        cached => match fetch(url, &web.limits, web.progress) {
            Ok(fresh) => {
                if let Some(dir) = web.cache_dir
                    && let Err(e) = web_cache::store(dir, &id, &fresh)
                {
                    warnings.push(format!(
                        "cannot keep a copy in {}: {e}",
                        dir.join("web").display()
                    ));
                }
                fresh
            }
            Err(e) => match cached {
                Some(copy) => {
                    warnings.push(format!(
                        "cannot refresh ({e}); showing the copy read on {}",
                        copy.accessed
                    ));
                    copy
                }
                None => return Err(e),
            },
        },
    };
    let mut paper = to_paper(&fetched)?;
    paper.id = id;
    paper.meta.source = Some(url.to_owned());
    paper.meta.accessed = Some(fetched.accessed.clone());
    paper.warnings.extend(warnings);
    Ok(paper)
}

/// Converts fetched bytes by their type.
fn to_paper(fetched: &Fetched) -> Result<Paper, FetchError> {
    let format = format_of(fetched)?;
    let charset = fetched.content_type.as_deref().and_then(charset_of);
    let bytes = match (format, charset.clone()) {
        (Format::Text | Format::Markdown, Some(cs)) => {
            // A declared legacy charset: decode it here, the converters read UTF-8.
            let (text, _) = super::charset::decode(&fetched.body, Some(&cs))?;
            text.into_owned().into_bytes()
        }
        _ => fetched.body.clone(),
    };
    let stem = stem_of(&fetched.final_url);
    if format == Format::Html {
        let ctx = super::html::HtmlContext {
            url: Some(fetched.final_url.clone()),
            charset,
        };
        return Ok(super::import_web_page(
            &bytes,
            &ctx,
            Origin::Web(fetched.url.clone()),
            &stem,
        )?);
    }
    Ok(super::import(
        bytes,
        format,
        Origin::Web(fetched.url.clone()),
        &stem,
    )?)
}

/// The type of a fetched document: its `Content-Type` when that names one dossier reads
/// (`text/plain` read as Markdown when the path ends in `.md` or the text has Markdown's
/// structure), else what the bytes and the URL's path say (`import::detect`).
fn format_of(fetched: &Fetched) -> Result<Format, FetchError> {
    let mime = fetched
        .content_type
        .as_deref()
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let path = url_path(&fetched.final_url);
    let md_path = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    Ok(match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Format::Html,
        "application/pdf" | "application/x-pdf" => Format::Pdf,
        "text/markdown" | "text/x-markdown" => Format::Markdown,
        "text/plain" if fetched.body.starts_with(b"%PDF-") => Format::Pdf,
        "text/plain" => {
            let head = &fetched.body[..fetched.body.len().min(64 * 1024)];
            let head = String::from_utf8_lossy(head);
            if md_path || super::text::looks_like_markdown(&head) {
                Format::Markdown
            } else {
                Format::Text
            }
        }
        m if ["image/", "audio/", "video/", "font/"]
            .iter()
            .any(|p| m.starts_with(p))
            || matches!(
                m,
                "application/zip" | "application/gzip" | "application/x-tar" | "application/json"
            ) =>
        {
            return Err(FetchError::NotAPaper(m.to_owned()));
        }
        _ => super::detect(&fetched.body, Some(Path::new(path))),
    })
}

/// The `charset=` of a `Content-Type` when it is not UTF-8.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let v = v.trim().trim_matches('"');
        (k.trim().eq_ignore_ascii_case("charset")
            && !v.eq_ignore_ascii_case("utf-8")
            && !v.eq_ignore_ascii_case("utf8")
            && !v.eq_ignore_ascii_case("us-ascii"))
        .then(|| v.to_owned())
    })
}

/// The path of a URL, without query or fragment.
fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or("")
}

/// A name for a fetched paper when it has no title: the last path segment without its
/// extension, else the host.
fn stem_of(url: &str) -> String {
    let last = url_path(url).rsplit('/').find(|s| !s.is_empty());
    if let Some(seg) = last {
        let stem = Path::new(seg)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(seg);
        return stem.to_owned();
    }
    host_of(url).to_owned()
}

/// The host of a URL (without user info or port).
fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host_port.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    host_port.split(':').next().unwrap_or(host_port)
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// The proxy for `url` from the environment: `HTTPS_PROXY` for https, `HTTP_PROXY` for http,
/// `ALL_PROXY` for either (upper or lower case), unless `NO_PROXY` names the host.
fn proxy_for(url: &str, env: impl Fn(&str) -> Option<String>) -> Option<String> {
    let var = |name: &str| {
        env(name)
            .or_else(|| env(&name.to_ascii_lowercase()))
            .filter(|v| !v.trim().is_empty())
    };
    let https = url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    let proxy = if https {
        var("HTTPS_PROXY")
    } else {
        var("HTTP_PROXY")
    }
    .or_else(|| var("ALL_PROXY"))?;
    let host = host_of(url).to_ascii_lowercase();
    let bypass = var("NO_PROXY").is_some_and(|list| {
        list.split(',').any(|entry| {
            let entry = entry.trim().to_ascii_lowercase();
            let entry = entry.split(':').next().unwrap_or("");
            let suffix = entry.trim_start_matches('*').trim_start_matches('.');
            entry == "*"
                || (!suffix.is_empty() && (host == suffix || host.ends_with(&format!(".{suffix}"))))
        })
    });
    (!bypass).then_some(proxy)
}

/// The system's trusted root certificates (as curl and the OS use them; `SSL_CERT_FILE` and
/// `SSL_CERT_DIR` point elsewhere), read once.
fn system_roots() -> Result<Arc<Vec<ureq::tls::Certificate<'static>>>, FetchError> {
    static ROOTS: LazyLock<Arc<Vec<ureq::tls::Certificate<'static>>>> = LazyLock::new(|| {
        let found = rustls_native_certs::load_native_certs();
        Arc::new(
            found
                .certs
                .iter()
                .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
                .collect(),
        )
    });
    if ROOTS.is_empty() {
        return Err(FetchError::Tls(
            "no trusted root certificates on this system (install the ca-certificates package, or \
             point SSL_CERT_FILE at a bundle)"
                .to_owned(),
        ));
    }
    Ok(Arc::clone(&ROOTS))
}

/// Fetches `url` within `limits` (no cache).
pub fn fetch(
    url: &str,
    limits: &Limits,
    progress: Option<Progress<'_>>,
) -> Result<Fetched, FetchError> {
    let proxy = match proxy_for(url, |k| std::env::var(k).ok()) {
        Some(p) => Some(
            ureq::Proxy::new(&p).map_err(|e| FetchError::Other(format!("bad proxy {p}: {e}")))?,
        ),
        None => None,
    };
    // A plain http:// page needs no roots, but may redirect to https://, where an empty set
    // fails the handshake with a TLS error.
    let roots = match system_roots() {
        Ok(roots) => roots,
        Err(e) if is_https(url) => return Err(e),
        Err(_) => Arc::new(Vec::new()),
    };
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::Rustls)
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .root_certs(ureq::tls::RootCerts::Specific(roots))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(limits.overall))
        .timeout_connect(Some(limits.connect))
        .timeout_resolve(Some(limits.connect))
        .max_redirects(limits.max_redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .proxy(proxy)
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let map = |e: ureq::Error| map_error(e, url, limits);
    let response = agent.get(url).call().map_err(map)?;
    let status = response.status();
    if status.is_redirection() {
        // Only when no redirect may be followed (ureq errors when the limit is passed).
        return Err(FetchError::Redirects(limits.max_redirects));
    }
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(FetchError::Status(
            format!("{} {reason}", status.as_u16())
                .trim_end()
                .to_owned(),
        ));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type");
    let last_modified = header("last-modified");
    let etag = header("etag");
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let total = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if total.is_some_and(|t| t > limits.max_bytes) {
        return Err(too_large(limits));
    }
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(u64::MAX)
        .reader();
    let mut body = Vec::with_capacity(total.unwrap_or(0).min(limits.max_bytes) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(map_io(&e, url, limits)),
        };
        if body.len() as u64 + n as u64 > limits.max_bytes {
            return Err(too_large(limits));
        }
        body.extend_from_slice(&chunk[..n]);
        if let Some(report) = progress {
            report(url, body.len() as u64, total);
        }
    }
    let fetched_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Ok(Fetched {
        url: url.to_owned(),
        final_url,
        status: status.as_u16(),
        content_type,
        last_modified,
        etag,
        accessed: crate::store::utc_date(fetched_at),
        fetched_at,
        bytes: body.len() as u64,
        body,
    })
}

fn too_large(limits: &Limits) -> FetchError {
    FetchError::TooLarge(human_bytes(limits.max_bytes))
}

/// `50 MB`, `1.5 MB`, `300 KB`, `12 bytes`.
fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        let tenths = n * 10 / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if n >= 1024 {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

fn map_error(e: ureq::Error, url: &str, limits: &Limits) -> FetchError {
    use ureq::Error as E;
    match e {
        E::HostNotFound => FetchError::Dns(host_of(url).to_owned()),
        E::Timeout(which) => timeout(which, limits),
        E::Io(io) => map_io(&io, url, limits),
        E::TooManyRedirects => FetchError::Redirects(limits.max_redirects),
        E::BodyExceedsLimit(_) => too_large(limits),
        E::Tls(why) => FetchError::Tls(why.to_owned()),
        E::Rustls(why) => FetchError::Tls(why.to_string()),
        E::ConnectionFailed => FetchError::Connect("the connection failed".into()),
        E::ConnectProxyFailed(why) => FetchError::Connect(format!("through the proxy: {why}")),
        E::Protocol(why) => FetchError::Connect(format!("not an HTTP answer ({why})")),
        E::StatusCode(code) => FetchError::Status(code.to_string()),
        other => FetchError::Other(other.to_string()),
    }
}

fn timeout(which: ureq::Timeout, limits: &Limits) -> FetchError {
    use ureq::Timeout as T;
    match which {
        T::Resolve | T::Connect => FetchError::Timeout(
            seconds(limits.connect),
            "connecting; DOSSIER_FETCH_CONNECT_TIMEOUT",
        ),
        _ => FetchError::Timeout(seconds(limits.overall), "DOSSIER_FETCH_TIMEOUT"),
    }
}

fn map_io(e: &std::io::Error, url: &str, limits: &Limits) -> FetchError {
    use std::io::ErrorKind as K;
    // ureq reports its own errors inside an io::Error while the body is read.
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()) {
        return match inner {
            ureq::Error::Timeout(which) => timeout(*which, limits),
            ureq::Error::BodyExceedsLimit(_) => too_large(limits),
            other => FetchError::Other(other.to_string()),
        };
    }
    match e.kind() {
        // rustls reports a failed handshake or a corrupt record as invalid data.
        K::InvalidData if is_https(url) => FetchError::Tls(e.to_string()),
        K::TimedOut | K::WouldBlock => {
            FetchError::Timeout(seconds(limits.overall), "DOSSIER_FETCH_TIMEOUT")
        }
        K::ConnectionRefused => FetchError::Connect("connection refused".into()),
        K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof => {
            FetchError::Connect("the server closed the connection".into())
        }
        _ if e.to_string().contains("lookup") || e.to_string().contains("resolve") => {
            FetchError::Dns(host_of(url).to_owned())
        }
        _ => FetchError::Connect(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert_eq!(
            url_of(Path::new("https://a.example/x")),
            Some("https://a.example/x")
        );
        assert!(url_of(Path::new("HTTP://a.example/")).is_some());
        assert!(url_of(Path::new("paper.md")).is_none());
        assert!(url_of(Path::new("ftp://a/")).is_none());
        assert!(url_of(Path::new("./https:/x")).is_none());
    }

    #[test]
    fn the_proxy_follows_the_scheme_and_no_proxy() {
        let vars = [
            ("HTTPS_PROXY", "http://secure:1"),
            ("http_proxy", "http://plain:2"),
            ("NO_PROXY", "localhost, .internal.example,*.corp"),
        ];
        let e = env(&vars);
        assert_eq!(
            proxy_for("https://a.example/", &e).as_deref(),
            Some("http://secure:1")
        );
        assert_eq!(
            proxy_for("http://a.example/", &e).as_deref(),
            Some("http://plain:2")
        );
        assert_eq!(proxy_for("http://localhost:8/", &e), None);
        assert_eq!(proxy_for("https://x.internal.example/", &e), None);
        assert_eq!(proxy_for("https://internal.example/", &e), None);
        assert_eq!(proxy_for("https://a.corp/", &e), None);
        assert_eq!(
            proxy_for("https://notcorp/", &e).as_deref(),
            Some("http://secure:1")
        );
        let all = [("ALL_PROXY", "socks5://s:3"), ("NO_PROXY", "*")];
        assert_eq!(proxy_for("https://a/", env(&all)), None);
        assert_eq!(
            proxy_for("https://a/", env(&all[..1])).as_deref(),
            Some("socks5://s:3")
        );
        assert_eq!(proxy_for("https://a/", env(&[])), None);
    }

    #[test]
    fn names_hosts_and_charsets_come_from_the_url_and_headers() {
        assert_eq!(stem_of("https://h.example/a/report.pdf?x=1"), "report");
        assert_eq!(stem_of("https://h.example/"), "h.example");
        assert_eq!(host_of("http://user:pw@[::1]:80/x"), "::1");
        assert_eq!(host_of("http://h.example:8080"), "h.example");
        assert_eq!(
            charset_of("text/plain; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_of("text/plain; charset=utf-8"), None);
        assert_eq!(human_bytes(50 * 1024 * 1024), "50 MB");
        assert_eq!(human_bytes(1536 * 1024), "1.5 MB");
        assert_eq!(human_bytes(2048), "2 KB");
    }
}
