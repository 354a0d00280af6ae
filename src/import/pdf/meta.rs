//! What a PDF says about itself, read with lopdf: the info dictionary (title, author, date), the
//! file identifier, the outline (bookmarks) and the printed page labels (`/PageLabels`); XMP
//! metadata fills what the info dictionary lacks.

use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// At most this many outline entries are read (a real outline has a few hundred).
const MAX_OUTLINE: usize = 20_000;

/// The document information that becomes front matter.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Info {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/CreationDate` as `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
}

/// One outline entry: its title, depth (1 = top) and the page it points to (index from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's title as the reader sees it.
    pub title: String,
    /// Nesting depth, from 1.
    pub level: usize,
    /// Index of the page it points to, when it resolves.
    pub page: Option<usize>,
}

/// A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one, else `PDFDocEncoding`.
pub fn text_string(bytes: &[u8]) -> String {
    let s = if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    };
    let cleaned = super::glyph::clean(&s).replace(super::glyph::SOFT_HYPHEN, "");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_doc_char(b: u8) -> char {
    match b {
        0x80 => '•',
        0x81 => '†',
        0x82 => '‡',
        0x83 => '…',
        0x84 => '—',
        0x85 => '–',
        0x8d => '“',
        0x8e => '”',
        0x8f => '‘',
        0x90 => '’',
        0x91 => '‚',
        0x92 => '™',
        0x93 => 'ﬁ',
        0x94 => 'ﬂ',
        b => char::from(b),
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().and_then(|o| deref(doc, o))
}

fn string_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    match dict_get(doc, d, key)? {
        Object::String(b, _) => Some(text_string(b)).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// `D:20200805162100-04'00'` → `2020-08-05`.
pub fn pdf_date(s: &str) -> Option<String> {
    let digits: String = s
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let year: u32 = digits.get(..4)?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let part = |r: std::ops::Range<usize>, max: u32| {
        digits
            .get(r)
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|v| (1..=max).contains(v))
    };
    Some(match (part(4..6, 12), part(6..8, 31)) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    })
}

/// The info dictionary's title, author and creation date, each taken from the XMP metadata
/// packet when the dictionary lacks it.
pub fn info(doc: &Document) -> Info {
    let from_dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .map_or_else(Info::default, |d| Info {
            title: string_of(doc, d, b"Title"),
            author: string_of(doc, d, b"Author"),
            date: string_of(doc, d, b"CreationDate").and_then(|s| pdf_date(&s)),
        });
    if from_dict.title.is_some() && from_dict.author.is_some() && from_dict.date.is_some() {
        return from_dict;
    }
    let from_xmp = metadata_packet(doc).map_or_else(Info::default, |x| super::xmp::parse(&x));
    Info {
        title: from_dict.title.or(from_xmp.title),
        author: from_dict.author.or(from_xmp.author),
        date: from_dict.date.or(from_xmp.date),
    }
}

/// The catalog's `/Metadata` stream as text, when it has one of at most
/// [`super::xmp::MAX_PACKET`] bytes.
fn metadata_packet(doc: &Document) -> Option<String> {
    let catalog = doc.catalog().ok()?;
    let Object::Stream(stream) = dict_get(doc, catalog, b"Metadata")? else {
        return None;
    };
    if stream.content.len() > super::xmp::MAX_PACKET {
        return None;
    }
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let bytes = &bytes[..bytes.len().min(super::xmp::MAX_PACKET)];
    let text = String::from_utf8_lossy(bytes);
    Some(text.trim_start_matches('\u{feff}').to_string())
}

/// Whether an info-dictionary title reads as a title, not as the name of the file or program
/// that made the PDF (`10811.exe`, `Microsoft Word - draft.docx`, `untitled`).
pub fn plausible_title(t: &str) -> bool {
    let lower = t.trim().to_lowercase();
    let file_like = !lower.contains(' ')
        && lower.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=4).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic())
        });
    lower.chars().any(char::is_alphanumeric)
        && !file_like
        && !lower.starts_with("microsoft word - ")
        && !matches!(lower.as_str(), "untitled" | "title" | "document")
}

/// The first string of the trailer's `/ID`, the file's identifier that survives edits.
pub fn file_id(doc: &Document) -> Option<Vec<u8>> {
    match doc.trailer.get(b"ID").ok().and_then(|o| deref(doc, o))? {
        Object::Array(a) => match a.first().and_then(|o| deref(doc, o))? {
            Object::String(b, _) if !b.is_empty() => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the file is encrypted and could not be opened with the empty password.
pub fn needs_password(doc: &Document) -> bool {
    doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none()
}

/// The outline's entries in reading order.
pub fn outline(doc: &Document, page_ids: &[ObjectId]) -> Vec<Entry> {
    let index: HashMap<ObjectId, usize> = page_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let names = NamedDests::new(doc);
    let mut out = Vec::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| dict_get(doc, c, b"Outlines"))
        .and_then(|o| o.as_dict().ok())
    else {
        return out;
    };
    let mut seen = HashSet::new();
    // (first child of a level, its depth), walked depth first without recursion
    let mut stack: Vec<(Option<ObjectId>, usize)> = vec![(
        root.get(b"First").ok().and_then(|o| o.as_reference().ok()),
        1,
    )];
    while let Some((next, level)) = stack.pop() {
        let Some(id) = next else { continue };
        if out.len() >= MAX_OUTLINE || !seen.insert(id) {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        stack.push((
            item.get(b"Next").ok().and_then(|o| o.as_reference().ok()),
            level,
        ));
        if let Some(title) = string_of(doc, item, b"Title") {
            let page = destination(doc, item, &names).and_then(|p| index.get(&p).copied());
            out.push(Entry {
                title,
                level: level.min(6),
                page,
            });
        }
        stack.push((
            item.get(b"First").ok().and_then(|o| o.as_reference().ok()),
            level + 1,
        ));
    }
    out
}

/// Named destinations, from the catalog's `/Dests` and its `/Names` tree.
struct NamedDests<'a> {
    doc: &'a Document,
    map: HashMap<Vec<u8>, &'a Object>,
}

impl<'a> NamedDests<'a> {
    fn new(doc: &'a Document) -> Self {
        let mut map = HashMap::new();
        if let Ok(catalog) = doc.catalog() {
            if let Some(Object::Dictionary(d)) = dict_get(doc, catalog, b"Dests") {
                for (k, v) in d {
                    map.insert(k.clone(), v);
                }
            }
            if let Some(tree) = dict_get(doc, catalog, b"Names")
                .and_then(|o| o.as_dict().ok())
                .and_then(|n| dict_get(doc, n, b"Dests"))
                .and_then(|o| o.as_dict().ok())
            {
                for pair in tree_pairs(doc, tree, b"Names") {
                    if let Object::String(k, _) = &pair[0] {
                        map.insert(k.clone(), &pair[1]);
                    }
                }
            }
        }
        Self { doc, map }
    }

    /// The page an explicit or named destination points to.
    fn page(&self, dest: &Object, depth: usize) -> Option<ObjectId> {
        if depth > 4 {
            return None;
        }
        match deref(self.doc, dest)? {
            Object::Array(a) => a.first()?.as_reference().ok(),
            Object::String(name, _) | Object::Name(name) => {
                self.page(self.map.get(name)?, depth + 1)
            }
            Object::Dictionary(d) => self.page(d.get(b"D").ok()?, depth + 1),
            _ => None,
        }
    }
}

fn destination(doc: &Document, item: &Dictionary, names: &NamedDests) -> Option<ObjectId> {
    if let Ok(d) = item.get(b"Dest") {
        return names.page(d, 0);
    }
    let action = dict_get(doc, item, b"A")?.as_dict().ok()?;
    names.page(action.get(b"D").ok()?, 0)
}

/// The printed label of each of `count` pages: from `/PageLabels` when the PDF has them
/// (`i`, `ii`, …, then `1`, `2`, …), else the page's number.
pub fn page_labels(doc: &Document, count: usize) -> Vec<String> {
    let mut ranges: Vec<(usize, Option<u8>, String, i64)> = Vec::new();
    if let Some(tree) = doc
        .catalog()
        .ok()
        .and_then(|c| dict_get(doc, c, b"PageLabels"))
        .and_then(|o| o.as_dict().ok())
    {
        for pair in tree_pairs(doc, tree, b"Nums") {
            let (Ok(start), Some(Object::Dictionary(d))) = (pair[0].as_i64(), deref(doc, &pair[1]))
            else {
                continue;
            };
            let style = dict_get(doc, d, b"S")
                .and_then(|o| o.as_name().ok())
                .and_then(|n| n.first().copied());
            let prefix = string_of(doc, d, b"P").unwrap_or_default();
            let first = dict_get(doc, d, b"St")
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(1);
            if let Ok(start) = usize::try_from(start) {
                ranges.push((start, style, prefix, first));
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    (0..count)
        .map(|i| match ranges.iter().rev().find(|r| r.0 <= i) {
            Some((start, style, prefix, first)) => {
                let n = first.saturating_add((i - start) as i64).max(1);
                let label = format!("{prefix}{}", numeral(*style, n));
                if label.is_empty() {
                    (i + 1).to_string()
                } else {
                    label
                }
            }
            None => (i + 1).to_string(),
        })
        .collect()
}

fn numeral(style: Option<u8>, n: i64) -> String {
    match style {
        Some(b'D') => n.to_string(),
        Some(b'r') => roman(n),
        Some(b'R') => roman(n).to_uppercase(),
        Some(b'a') => letters(n),
        Some(b'A') => letters(n).to_uppercase(),
        _ => String::new(),
    }
}

fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// `a`…`z`, then `aa`…`zz`, as PDF page labels count.
fn letters(n: i64) -> String {
    let n = n.clamp(1, 26 * 100) as usize;
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, (n - 1) / 26 + 1).collect()
}

/// The leaf pairs (`[key, value]`) of a PDF name tree (`leaves` = `Names`) or number tree
/// (`Nums`) under `root`, walking `Kids` with the same bound as the outline.
fn tree_pairs<'a>(doc: &'a Document, root: &'a Dictionary, leaves: &[u8]) -> Vec<&'a [Object]> {
    let mut pairs = Vec::new();
    let mut stack = vec![root];
    let mut visits = 0;
    while let Some(node) = stack.pop() {
        visits += 1;
        if visits > MAX_OUTLINE {
            break;
        }
        if let Some(Object::Array(items)) = dict_get(doc, node, leaves) {
            pairs.extend(items.chunks_exact(2));
        }
        if let Some(Object::Array(kids)) = dict_get(doc, node, b"Kids") {
            stack.extend(kids.iter().filter_map(|k| deref(doc, k)?.as_dict().ok()));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_for_page_labels() {
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(1994), "mcmxciv");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(28), "bb");
        assert_eq!(numeral(Some(b'R'), 9), "IX");
    }

    #[test]
    fn text_strings_in_every_encoding() {
        assert_eq!(text_string(b"\xfe\xff\x00K\x00i\x00m"), "Kim");
        assert_eq!(text_string(b"Caf\xe9 \x84 x"), "Café — x");
        assert_eq!(text_string(b"\xef\xbb\xbfa\xc3\xa9"), "aé");
        assert_eq!(text_string(b"a\x00\x07 b"), "a b");
    }

    #[test]
    fn file_and_program_names_are_not_titles() {
        assert!(plausible_title("Kimsuky"));
        assert!(plausible_title("Report No. 3.1 on U.S. policy"));
        assert!(plausible_title("v2.0"));
        assert!(!plausible_title("10811.exe"));
        assert!(!plausible_title("Microsoft Word - draft.docx"));
        assert!(!plausible_title("report.pdf"));
        assert!(!plausible_title("Untitled"));
        assert!(!plausible_title(" - "));
    }

    #[test]
    fn dates_from_pdf_date_strings() {
        assert_eq!(
            pdf_date("D:20200805162100-04'00'").as_deref(),
            Some("2020-08-05")
        );
        assert_eq!(pdf_date("D:2015").as_deref(), Some("2015"));
        assert_eq!(pdf_date("D:201513").as_deref(), Some("2015"));
        assert_eq!(pdf_date("yesterday"), None);
    }
}
