//! `dossier URL`: fetching from a local HTTP server on 127.0.0.1 (never the internet), the
//! cache and offline reopening, `--refresh`, limits (time, size, redirects), proxies, and one
//! clear message per failure while the other papers still open.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{Pty, bin, fixtures};

/// What the test server answers to a request.
#[derive(Clone)]
enum Reply {
    /// Status, content type and body.
    Page(u16, &'static str, Vec<u8>),
    /// A redirect to another path.
    Redirect(String),
    /// Reads the request and never answers.
    Hang,
    /// Headers without a length, then bytes for as long as the client reads.
    Forever,
}

/// A one-thread HTTP/1.1 server on 127.0.0.1 routing by path; `stop` closes its port.
struct Server {
    port: u16,
    hits: Arc<AtomicUsize>,
    /// The first line of every request, in order.
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(route: impl Fn(&str) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (h, r, s) = (hits.clone(), requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let Some(first) = read_head(&stream) else {
                    continue;
                };
                h.fetch_add(1, Ordering::SeqCst);
                r.lock().unwrap().push(first.clone());
                // A CONNECT is a proxy request: open the tunnel and serve what comes through.
                if first.starts_with("CONNECT ") {
                    let mut s2 = &stream;
                    let _ = s2.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                    let Some(inner) = read_head(&stream) else {
                        continue;
                    };
                    r.lock().unwrap().push(inner.clone());
                    answer(&stream, &route(path_of(&inner)), port);
                    continue;
                }
                let reply = route(path_of(&first));
                if matches!(reply, Reply::Hang) {
                    // Keep the connection open (and unanswered) until the server stops.
                    std::mem::forget(stream);
                    continue;
                }
                answer(&stream, &reply, port);
            }
        });
        Server {
            port,
            hits,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Closes the port: later connections are refused.
    fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Reads a request head; returns its first line.
fn read_head(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
    }
    Some(first.trim_end().to_owned())
}

fn path_of(first_line: &str) -> &str {
    let target = first_line.split(' ').nth(1).unwrap_or("/");
    // An absolute-form target (through a proxy): keep the path.
    target.split_once("://").map_or(target, |(_, rest)| {
        rest.find('/').map_or("/", |i| &rest[i..])
    })
}

fn answer(mut stream: &TcpStream, reply: &Reply, port: u16) {
    match reply {
        Reply::Page(status, kind, body) => {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
        Reply::Redirect(to) => {
            let head = format!(
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{port}{to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
        }
        Reply::Forever => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
            );
            let chunk = b"all work and no play makes a very long page. ".repeat(1000);
            while stream.write_all(&chunk).is_ok() {}
        }
        Reply::Hang => {}
    }
}

/// A port that sends a plain-text HTTP answer as soon as a client connects (then drains what
/// the client sends, so closing never resets the connection before the answer is read).
fn plain_bytes_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            let _ = std::io::copy(&mut stream, &mut std::io::sink());
        }
    });
    port
}

const PAGE: &str = "Fetched Paper Title\n\nThe first paragraph of the fetched paper says that 300 hackers stole $50 million in 2021.\n";

fn site(path: &str) -> Reply {
    match path {
        "/paper.txt" => Reply::Page(200, "text/plain; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/notes.md" => Reply::Page(200, "text/markdown", b"# Notes\n\nSome *notes*.\n".to_vec()),
        "/latin1" => Reply::Page(
            200,
            "text/plain; charset=iso-8859-1",
            b"Caf\xe9 cr\xe8me.\n".to_vec(),
        ),
        "/raw-md" => Reply::Page(200, "text/plain", b"# Heading From Raw\n\nText.\n".to_vec()),
        "/image.png" => Reply::Page(200, "image/png", b"\x89PNG\r\n".to_vec()),
        "/hang" => Reply::Hang,
        "/forever" => Reply::Forever,
        "/moved" => Reply::Redirect("/paper.txt".into()),
        "/loop" => Reply::Redirect("/loop".into()),
        _ => Reply::Page(404, "text/plain", b"not here".to_vec()),
    }
}

/// Runs dossier with its own data, config and cache dirs under `home`, no proxy from the
/// environment, and `env` on top.
fn dossier_in(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"));
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        // The machine's own root certificate settings; a test sets them when it means to.
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_url_opens_is_cached_reopens_offline_and_refreshes() {
    let home = tempfile::tempdir().unwrap();
    let mut server = Server::start(site);
    let url = server.url("/paper.txt");
    let out = dossier_in(home.path(), &["cat", "--width", "200", &url], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("The first paragraph of the fetched paper"));
    assert_eq!(server.hits(), 1);

    // The cache holds the bytes and the headers.
    let web = home.path().join("cache/web");
    let names: Vec<String> = std::fs::read_dir(&web)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let body = names
        .iter()
        .find(|n| Path::new(n).extension().is_some_and(|e| e == "body"))
        .unwrap();
    assert_eq!(std::fs::read(web.join(body)).unwrap(), PAGE.as_bytes());
    let json_name = body.replace(".body", ".json");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(web.join(&json_name)).unwrap()).unwrap();
    assert_eq!(json["url"], url.as_str());
    assert_eq!(json["content_type"], "text/plain; charset=utf-8");
    assert_eq!(json["accessed"].as_str().unwrap().len(), 10);

    // Opened again: from the cache, no request.
    let again = dossier_in(home.path(), &["outline", "--json", &url], &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(server.hits(), 1);
    let outline: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(outline[0]["id"], json_name.trim_end_matches(".json"));
    assert_eq!(outline[0]["path"], url.as_str());

    // --refresh fetches again.
    let refreshed = dossier_in(home.path(), &["cat", "--refresh", &url], &[]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(server.hits(), 2);

    // The server is gone: the cached copy still opens; a refresh says it fell back.
    server.stop();
    let offline = dossier_in(home.path(), &["cat", "--width", "200", &url], &[]);
    assert!(offline.status.success(), "{}", stderr(&offline));
    assert!(stdout(&offline).contains("The first paragraph of the fetched paper"));
    let stale = dossier_in(home.path(), &["cat", "--refresh", &url], &[]);
    assert!(stale.status.success(), "{}", stderr(&stale));
    assert!(
        stderr(&stale).contains(
            "cannot refresh (cannot connect: connection refused); showing the copy read on"
        ),
        "{}",
        stderr(&stale)
    );
}

#[test]
fn bookmarks_of_a_url_survive_a_reopen_from_the_cache() {
    let home = tempfile::tempdir().unwrap();
    let mut server = Server::start(site);
    let url = server.url("/notes.md");
    let outline = dossier_in(home.path(), &["outline", "--json", &url], &[]);
    let outline: serde_json::Value = serde_json::from_slice(&outline.stdout).unwrap();
    let id = outline[0]["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("web-"), "{id}");
    let add = dossier_in(
        home.path(),
        &[
            "bookmarks",
            "add",
            "--paper",
            &id,
            "--section",
            "notes",
            &url,
        ],
        &[],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    server.stop();
    let list = dossier_in(home.path(), &["bookmarks", "list", "--json", &url], &[]);
    assert!(list.status.success(), "{}", stderr(&list));
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list[0]["paper"], id.as_str());
    assert_eq!(list[0]["placed"], "exact", "{list}");
}

#[test]
fn types_come_from_the_content_type_then_the_content() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(site);
    let out = dossier_in(
        home.path(),
        &[
            "outline",
            &server.url("/notes.md"),
            &server.url("/raw-md"),
            &server.url("/latin1"),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Notes"), "{text}");
    assert!(text.contains("Heading From Raw"), "{text}");
    let cat = dossier_in(home.path(), &["cat", &server.url("/latin1")], &[]);
    assert!(stdout(&cat).contains("Café crème."), "{}", stdout(&cat));
    let image = dossier_in(home.path(), &["cat", &server.url("/image.png")], &[]);
    assert_eq!(image.status.code(), Some(2));
    assert_eq!(
        stderr(&image).trim(),
        format!(
            "dossier: {}: is image/png, not a paper (HTML, PDF, Markdown or text)",
            server.url("/image.png")
        )
    );
}

#[test]
fn redirects_are_followed_up_to_the_limit() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(site);
    let moved = dossier_in(
        home.path(),
        &["cat", "--width", "200", &server.url("/moved")],
        &[],
    );
    assert!(moved.status.success(), "{}", stderr(&moved));
    assert!(stdout(&moved).contains("The first paragraph of the fetched paper"));
    let looped = dossier_in(home.path(), &["cat", &server.url("/loop")], &[]);
    assert_eq!(looped.status.code(), Some(2));
    assert_eq!(
        stderr(&looped).trim(),
        format!(
            "dossier: {}: too many redirects (more than 5)",
            server.url("/loop")
        )
    );
    // (A fresh cache: the first fetch of /moved is cached.)
    let fresh = tempfile::tempdir().unwrap();
    let one = dossier_in(
        fresh.path(),
        &["cat", &server.url("/moved")],
        &[("DOSSIER_FETCH_MAX_REDIRECTS", "0")],
    );
    assert!(
        stderr(&one).contains("too many redirects (more than 0)"),
        "{}",
        stderr(&one)
    );
}

/// A URL, the environment to fetch it in, and the start of the message expected.
type Case<'a> = (String, Vec<(&'a str, &'a str)>, String);

/// Each failure is one line naming the URL, and the other papers still open (exit code 1).
#[test]
fn each_failure_has_one_clear_message_and_the_others_open() {
    let home = tempfile::tempdir().unwrap();
    let server = Server::start(site);
    let txt = fixtures().join("seed-captures/000_038bba0206137b45.txt");
    let txt = txt.to_str().unwrap();
    // A port that answers in plain bytes, asked for TLS.
    let plain = plain_bytes_server();
    let tls = format!("https://127.0.0.1:{plain}/paper.txt");
    let no_roots = home.path().join("no-roots.pem");
    std::fs::write(&no_roots, "").unwrap();
    let cases: Vec<Case> = vec![
        (
            server.url("/missing"),
            vec![],
            "the server answered 404 Not Found".into(),
        ),
        (
            server.url("/hang"),
            vec![("DOSSIER_FETCH_TIMEOUT", "0.3")],
            "timed out after 0.3 s (DOSSIER_FETCH_TIMEOUT)".into(),
        ),
        (
            server.url("/forever"),
            vec![("DOSSIER_FETCH_MAX_BYTES", "100000")],
            "is larger than the limit of 97 KB (DOSSIER_FETCH_MAX_BYTES)".into(),
        ),
        (
            "http://no-such-host.invalid/paper".into(),
            vec![],
            "cannot find the host no-such-host.invalid (DNS lookup failed)".into(),
        ),
        (tls.clone(), vec![], "TLS error: ".into()),
        // Certificates are checked against the system's roots; with none to trust, say so.
        (
            tls,
            vec![("SSL_CERT_FILE", no_roots.to_str().unwrap())],
            "TLS error: no trusted root certificates on this system".into(),
        ),
    ];
    for (url, env, message) in cases {
        let out = dossier_in(home.path(), &["cat", &url, txt], &env);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{url}: {err}");
        assert!(
            stdout(&out).contains("The North Korean regime has conducted"),
            "{url}"
        );
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{url}: {err}");
        assert!(
            lines[0].starts_with(&format!("dossier: {url}: {message}")),
            "{url}: {err}"
        );
    }
}

#[test]
fn the_proxy_from_the_environment_is_used_unless_no_proxy_names_the_host() {
    let home = tempfile::tempdir().unwrap();
    let proxy = Server::start(site);
    let proxy_url = proxy.url("");
    // Only the proxy can reach this host: without it, the name does not resolve.
    let out = dossier_in(
        home.path(),
        &["cat", "--width", "200", "http://paper.invalid/paper.txt"],
        &[("HTTP_PROXY", &proxy_url)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("The first paragraph of the fetched paper"));
    let requests = proxy.requests.lock().unwrap().clone();
    assert_eq!(
        requests[0], "CONNECT paper.invalid:80 HTTP/1.1",
        "{requests:?}"
    );
    let direct = dossier_in(
        home.path(),
        &["cat", "--refresh", "http://paper.invalid/paper.txt"],
        &[("HTTP_PROXY", &proxy_url), ("NO_PROXY", ".invalid")],
    );
    assert!(
        stderr(&direct).contains("showing the copy read on"),
        "{}",
        stderr(&direct)
    );
    assert_eq!(proxy.hits(), 1);
}

#[test]
fn the_reader_opens_a_url_and_a_text_file_in_a_terminal() {
    let server = Server::start(site);
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let url = server.url("/paper.txt");
    let txt = fixtures().join("seed-captures/002_5b5154e91466ecff.txt");
    let mut pty = Pty::start_in(
        home,
        &[&url, txt.to_str().unwrap()],
        120,
        40,
        &[
            ("DOSSIER_CACHE_DIR", cache.to_str().unwrap()),
            ("HTTP_PROXY", ""),
            ("http_proxy", ""),
            ("ALL_PROXY", ""),
            ("all_proxy", ""),
        ],
    );
    pty.wait_text("The first paragraph of the fetched paper");
    let screen = pty.wait_text("Fetched Paper Title");
    assert!(screen.contains("Why Pyongyang"), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(pty.restored());
    assert_eq!(server.hits(), 1);
}

/// A local HTTPS server whose certificate a test CA signed: dossier fetches from it when the
/// CA is among the roots it trusts (`SSL_CERT_FILE`, as on any system), and refuses it with a
/// TLS error when it is not — the certificate is checked against the system's roots.
#[test]
fn https_is_verified_against_the_roots_the_system_trusts() {
    use std::io::{Read, Write};
    use std::sync::Arc;

    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
    )
    .unwrap();
    let config = Arc::new(config);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        // Two connections: the trusting fetch, then the refusing one.
        for stream in listener.incoming().take(2) {
            let Ok(mut tcp) = stream else { continue };
            let Ok(mut conn) = rustls::ServerConnection::new(Arc::clone(&config)) else {
                continue;
            };
            let mut tls = rustls::Stream::new(&mut conn, &mut tcp);
            let mut request = [0u8; 4096];
            if tls.read(&mut request).is_err() {
                continue; // the client refused the certificate
            }
            let body =
                "# Over TLS\n\nA paragraph fetched from a server with a verified certificate.\n";
            let _ = write!(
                tls,
                "HTTP/1.1 200 OK\r\nContent-Type: text/markdown\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tls.flush();
            conn.send_close_notify();
            let _ = conn.complete_io(&mut tcp);
        }
    });

    let home = tempfile::tempdir().unwrap();
    let roots = home.path().join("roots.pem");
    std::fs::write(&roots, ca.pem()).unwrap();
    let url = format!("https://127.0.0.1:{port}/paper.md");
    let trusted = dossier_in(
        home.path(),
        &["cat", &url],
        &[("SSL_CERT_FILE", roots.to_str().unwrap())],
    );
    assert!(trusted.status.success(), "{}", stderr(&trusted));
    assert!(
        stdout(&trusted).contains("A paragraph fetched from a server with a verified certificate.")
    );

    // Another CA: the same server is not trusted.
    let other_key = rcgen::KeyPair::generate().unwrap();
    let mut other = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    other.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other = rcgen::CertifiedIssuer::self_signed(other, other_key).unwrap();
    let other_roots = home.path().join("other.pem");
    std::fs::write(&other_roots, other.pem()).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let refused = dossier_in(
        elsewhere.path(),
        &["cat", &url],
        &[("SSL_CERT_FILE", other_roots.to_str().unwrap())],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("TLS error: invalid peer certificate"),
        "{}",
        stderr(&refused)
    );
    assert!(!stdout(&refused).contains("verified certificate"));
    server.join().unwrap();
}
