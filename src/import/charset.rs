//! Bytes of a plain-text file → text: UTF-8 (with or without a BOM), UTF-16 with a BOM, a
//! declared Latin-1 / Windows-1252 charset, and binary data told apart from text.
//!
//! Bytes that are not valid UTF-8 in a file that is otherwise text are read as Windows-1252
//! (the usual "mixed encodings" case: an old Latin-1 file, or one with a few Latin-1 lines
//! pasted in) and the paper carries a warning saying how many there were and where the first
//! one is; nothing is dropped.

use std::borrow::Cow;

use super::ImportError;

/// How much of the start is checked for binary data.
const SNIFF: usize = 8 * 1024;

/// Decodes `bytes` as text. `charset` is a declared one (an HTTP `charset=`), if any. Returns
/// the text and the warnings to show with the paper.
pub fn decode<'a>(
    bytes: &'a [u8],
    charset: Option<&str>,
) -> Result<(Cow<'a, str>, Vec<String>), ImportError> {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Ok((Cow::Owned(utf16(rest, u16::from_le_bytes)), Vec::new()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Ok((Cow::Owned(utf16(rest, u16::from_be_bytes)), Vec::new()));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(found) = binary(bytes) {
        return Err(ImportError::WrongFormat {
            expected: "text",
            found,
        });
    }
    let declared_latin = charset.is_some_and(|c| {
        matches!(
            c.trim().to_ascii_lowercase().as_str(),
            "iso-8859-1" | "latin1" | "latin-1" | "iso_8859-1" | "l1" | "windows-1252" | "cp1252"
        )
    });
    if declared_latin {
        return Ok((
            Cow::Owned(bytes.iter().map(|&b| cp1252(b)).collect()),
            Vec::new(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Vec::new())),
        Err(e) => {
            let first = e.valid_up_to();
            let (text, count) = mixed(bytes);
            let warning = format!(
                "not all UTF-8: {count} byte{} read as Windows-1252 (the first at byte {first})",
                if count == 1 { "" } else { "s" }
            );
            Ok((Cow::Owned(text), vec![warning]))
        }
    }
}

/// Why the start of `bytes` looks like binary data rather than text, if it does: a NUL byte,
/// or more than one in fifty bytes a control character that text does not use.
fn binary(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        return Some("binary data (NUL bytes)".into());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    (controls * 50 > head.len()).then(|| "binary data (control bytes)".into())
}

/// Valid UTF-8 runs as they are, every other byte as Windows-1252; with the count of those.
fn mixed(mut bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return (out, count);
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                for &b in &bytes[good..good + bad] {
                    out.push(cp1252(b));
                }
                count += bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A byte of Windows-1252 (as WHATWG defines it: the five unassigned bytes map to C1 controls).
fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
        0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
    ];
    match b {
        0x80..=0x9f => char::from_u32(u32::from(HIGH[usize::from(b - 0x80)])).unwrap_or('\u{fffd}'),
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_bom_is_borrowed_as_is() {
        let (t, w) = decode("café".as_bytes(), None).unwrap();
        assert!(matches!(t, Cow::Borrowed("café")) && w.is_empty());
        let (t, _) = decode(b"\xef\xbb\xbfhi", None).unwrap();
        assert_eq!(t, "hi");
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le, None).unwrap().0, "hé");
        assert_eq!(decode(&be, None).unwrap().0, "hé");
    }

    #[test]
    fn mixed_encodings_read_the_odd_bytes_as_windows_1252_with_a_warning() {
        let bytes = b"caf\xc3\xa9 and caf\xe9 \x93quoted\x94";
        let (t, w) = decode(bytes, None).unwrap();
        assert_eq!(t, "café and café “quoted”");
        assert_eq!(
            w,
            ["not all UTF-8: 3 bytes read as Windows-1252 (the first at byte 13)"]
        );
    }

    #[test]
    fn a_declared_latin1_charset_decodes_every_byte() {
        assert_eq!(decode(b"caf\xe9", Some("ISO-8859-1")).unwrap().0, "café");
    }

    #[test]
    fn binary_junk_is_not_text() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let err = decode(&junk, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is not a text file: binary data (NUL bytes)"
        );
        let controls: Vec<u8> = b"ab\x01\x02\x03\x04cd".repeat(100);
        assert!(decode(&controls, None).is_err());
    }
}
