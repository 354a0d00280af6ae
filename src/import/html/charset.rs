//! A web page's character encoding: which one to decode with, and the decoding itself.
//!
//! The order, from strongest to weakest:
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE) — it wins over any label, as in browsers;
//! 2. bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever a label says (a page saved
//!    by a browser is re-encoded as UTF-8 but keeps its old `<meta charset>`; real legacy text is
//!    almost never valid UTF-8 by chance) — a warning names the overruled label;
//! 3. the HTTP `Content-Type` charset, when the page was fetched;
//! 4. `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
//!    [`PRESCAN`] bytes;
//! 5. otherwise a guess from the bytes (`chardetng`, the detector Firefox uses), with a warning.
//!
//! A label that `encoding_rs` does not know is reported and skipped. A declared UTF-8 that is not
//! valid UTF-8 falls through to the guess. Nothing is ever assumed to be UTF-8 without checking.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page `<meta charset>` is looked for (browsers use 1024; saved pages often
/// put long comments or scripts first).
pub const PRESCAN: usize = 8 * 1024;

/// The page as text, with the encoding used and what was doubtful about it.
#[derive(Debug)]
pub struct Decoded {
    /// The decoded text (malformed sequences become U+FFFD).
    pub text: String,
    /// One line each: an overruled or unknown label, a guessed encoding, replaced bytes.
    pub warnings: Vec<String>,
}

/// Decodes `bytes` by the rules above; `http_charset` is the `Content-Type` header's label.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    let encoding = choose(bytes, http_charset, &mut warnings);
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        warnings.push(format!(
            "some bytes are not valid {}: shown as \u{fffd}",
            used.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        warnings,
    }
}

fn choose(bytes: &[u8], http: Option<&str>, warnings: &mut Vec<String>) -> &'static Encoding {
    if let Some((bom, _)) = Encoding::for_bom(bytes) {
        return bom;
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let ascii = bytes.is_ascii();
    let declared = http
        .map(|l| ("the HTTP header", l.to_owned()))
        .or_else(|| meta_charset(bytes).map(|l| ("the page's <meta>", l)));
    let label = declared.and_then(|(place, label)| {
        let found = Encoding::for_label(label.trim().as_bytes());
        if found.is_none() {
            warnings.push(format!("unknown charset \"{label}\" in {place}: ignored"));
        }
        found.map(|e| (place, label, e))
    });
    if valid_utf8 && !ascii {
        if let Some((place, label, e)) = &label
            && *e != UTF_8
        {
            warnings.push(format!(
                "{place} says charset \"{label}\" but the page is valid UTF-8: read as UTF-8"
            ));
        }
        return UTF_8;
    }
    match label {
        // UTF-16 labels in a page without a BOM are wrong by the HTML standard's own rule.
        Some((_, _, e)) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some((place, label, e)) if e == UTF_8 && !valid_utf8 => {
            let guess = guess(bytes);
            warnings.push(format!(
                "{place} says charset \"{label}\" but the page is not valid UTF-8: read as {}",
                guess.name()
            ));
            guess
        }
        Some((_, _, e)) => e,
        None if ascii => UTF_8,
        None => {
            let guess = guess(bytes);
            warnings.push(format!(
                "the page names no charset: read as {} (a guess from its bytes)",
                guess.name()
            ));
            guess
        }
    }
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The charset label of the first `<meta charset=…>` or `<meta http-equiv content="…charset=…">`
/// in the first [`PRESCAN`] bytes (ASCII-case-insensitive, quotes optional).
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = skip_ws(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = skip_ws(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if len > 0 && len <= 40 {
                    return Some(String::from_utf8_lossy(&rest[..len]).into_owned());
                }
            }
        }
        from = end;
    }
    None
}

fn skip_ws(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(bytes: &[u8], http: Option<&str>) -> (&'static str, Vec<String>) {
        let mut warnings = Vec::new();
        (choose(bytes, http, &mut warnings).name(), warnings)
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(
            meta_charset(b"<meta charset=\"euc-kr\">").as_deref(),
            Some("euc-kr")
        );
        assert_eq!(
            meta_charset(b"<META CHARSET=Shift_JIS>").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            meta_charset(b"<meta name=x content=y><p>charset=utf-8"),
            None
        );
    }

    #[test]
    fn bom_wins_over_labels() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>caf\u{e9}</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(enc(&bytes, Some("iso-8859-1")).0, "UTF-16LE");
        let d = decode(&bytes, Some("iso-8859-1"));
        assert_eq!(d.text, "<p>caf\u{e9}</p>");
    }

    #[test]
    fn declared_legacy_charset_is_used() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("<meta charset=euc-kr><p>북한의 사이버</p>");
        assert_eq!(enc(&bytes, None).0, "EUC-KR");
        let d = decode(&bytes, None);
        assert!(d.text.contains("북한의 사이버"), "{}", d.text);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn http_header_wins_over_meta() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=utf-8><p>日本語の文章</p>");
        assert_eq!(enc(&bytes, Some("Shift_JIS")).0, "Shift_JIS");
        let d = decode(&bytes, Some("Shift_JIS"));
        assert!(d.text.contains("日本語の文章"));
    }

    #[test]
    fn valid_utf8_overrules_a_legacy_label() {
        let (e, w) = enc("<meta charset=windows-1252><p>café</p>".as_bytes(), None);
        assert_eq!(e, "UTF-8");
        assert!(w[0].contains("valid UTF-8"), "{w:?}");
    }

    #[test]
    fn wrong_utf8_label_and_missing_label_are_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("<meta charset=utf-8><p>déjà vu, naïve café, crème brûlée</p>");
        let (e, w) = enc(&bytes, None);
        assert_eq!(e, "windows-1252");
        assert!(w[0].contains("not valid UTF-8"), "{w:?}");
        let (bytes, _, _) = encoding_rs::EUC_KR
            .encode("<p>북한의 불법 사이버 활동과 한국 정부의 대응 방안에 관한 보고서</p>");
        let (e, w) = enc(&bytes, None);
        assert_eq!(e, "EUC-KR");
        assert!(w[0].contains("names no charset"), "{w:?}");
    }

    #[test]
    fn unknown_label_is_reported_and_ascii_is_utf8() {
        let (e, w) = enc(b"<meta charset=klingon><p>plain</p>", None);
        assert_eq!(e, "UTF-8");
        assert!(w[0].contains("unknown charset \"klingon\""), "{w:?}");
    }
}
