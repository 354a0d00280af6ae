//! Loading a PDF's objects without its structure tree: the objects reachable from the trailer
//! (catalog, pages, resources, fonts, outline, names, page labels, metadata, info dictionary),
//! each parsed once, and none of the tagged-PDF structure tree (`/StructTreeRoot`), which text
//! extraction never reads. Accessible PDFs (Word, Acrobat, government filings) keep thousands of
//! structure elements: lopdf's `Document::load_mem` parses every object of the file, 4,322 of
//! the Supreme Court transcript's 4,340 for a page that needs 28.
//!
//! Only well-formed, unencrypted files are read here; anything else (encryption, a damaged
//! cross-reference table, a wrong stream length, syntax this reader does not expect) gives
//! `None`, and the caller loads the file with lopdf, which decrypts and repairs what it can.
//! The objects are parsed as lopdf parses them (same `Object` values), so the conversion does
//! not depend on which loader read the file.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::syntax::{Parser, is_white};

/// At most this many cross-reference sections are followed through `/Prev`.
const MAX_SECTIONS: usize = 256;

/// The document with the objects reachable from its trailer, the structure tree left out, or
/// `None` when the file is not one this reader handles (see the module header).
pub fn load(bytes: &[u8]) -> Option<Document> {
    let version = version(bytes)?;
    let start = startxref(bytes)?;
    let (xref, trailer) = cross_references(bytes, start)?;
    if trailer.has(b"Encrypt") {
        return None;
    }
    let root = trailer.get(b"Root").ok()?.as_reference().ok()?;
    let mut files = Files {
        bytes,
        xref: &xref,
        streams: HashMap::new(),
    };
    let mut objects = BTreeMap::new();
    let mut pending = Vec::new();
    references(&Object::Dictionary(trailer.clone()), &mut pending);
    let mut seen: HashSet<ObjectId> = HashSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(object) = files.object(id).ok()? else {
            continue; // a reference to a free or missing object reads as null
        };
        match (&object, id == root) {
            (Object::Dictionary(catalog), true) => {
                for (key, value) in catalog {
                    if key.as_slice() != b"StructTreeRoot" {
                        references(value, &mut pending);
                    }
                }
            }
            _ => references(&object, &mut pending),
        }
        objects.insert(id, object);
    }
    if !matches!(objects.get(&root), Some(Object::Dictionary(_))) {
        return None;
    }
    let mut doc = Document::new();
    doc.version = version;
    doc.max_id = xref.size.saturating_sub(1);
    doc.trailer = trailer;
    doc.reference_table = xref;
    doc.objects = objects;
    doc.xref_start = start;
    Some(doc)
}

/// `1.7` from a file starting `%PDF-1.7` (a header elsewhere is left to lopdf).
fn version(bytes: &[u8]) -> Option<String> {
    let rest = bytes.strip_prefix(b"%PDF-")?;
    let end = rest.iter().position(|&b| is_white(b) || b == b'%')?;
    std::str::from_utf8(&rest[..end]).ok().map(str::to_owned)
}

/// The offset after the file's last `startxref`.
fn startxref(bytes: &[u8]) -> Option<usize> {
    let at = memchr::memmem::rfind(bytes, b"startxref")?;
    let mut p = Parser::at(bytes, at + b"startxref".len());
    p.space();
    usize::try_from(p.unsigned()?).ok()
}

/// Every cross-reference section from `start` back through `/Prev` (and hybrid files'
/// `/XRefStm`), newest entry first, and the newest trailer.
fn cross_references(bytes: &[u8], start: usize) -> Option<(Xref, Dictionary)> {
    let mut xref = Xref::new(0, XrefType::CrossReferenceTable);
    let mut trailer: Option<Dictionary> = None;
    let mut next = Some(start);
    let mut visited = HashSet::new();
    while let Some(at) = next {
        if !visited.insert(at) {
            break; // a cycle of /Prev: every section is read
        }
        if visited.len() > MAX_SECTIONS {
            return None; // more revisions than read here: lopdf reads them all
        }
        let (entries, dict, kind) = section(bytes, at)?;
        if trailer.is_none() {
            xref.cross_reference_type = kind;
        }
        merge(&mut xref, entries);
        if let Ok(stream_at) = dict.get(b"XRefStm").and_then(Object::as_i64) {
            let stream_at = usize::try_from(stream_at).ok()?;
            if visited.insert(stream_at) {
                let (entries, _, _) = section(bytes, stream_at)?;
                merge(&mut xref, entries);
            }
        }
        next = match dict.get(b"Prev") {
            Ok(prev) => Some(usize::try_from(prev.as_i64().ok()?).ok()?),
            Err(_) => None,
        };
        if trailer.is_none() {
            let mut newest = dict;
            newest.remove(b"Prev");
            newest.remove(b"XRefStm");
            trailer = Some(newest);
        }
    }
    let trailer = trailer?;
    let size = trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(0);
    xref.size = size.max(xref.max_id().saturating_add(1));
    Some((xref, trailer))
}

/// Entries of an older section fill only the numbers a newer one left out; free entries are
/// skipped (in a hybrid file the table lists compressed objects as free).
fn merge(xref: &mut Xref, entries: Vec<(u32, XrefEntry)>) {
    // Within one section the last entry for a number wins, as lopdf's `Xref::insert` has it.
    let section: BTreeMap<u32, XrefEntry> = entries.into_iter().collect();
    for (id, entry) in section {
        if matches!(
            entry,
            XrefEntry::Normal { .. } | XrefEntry::Compressed { .. }
        ) {
            xref.entries.entry(id).or_insert(entry);
        }
    }
}

type Section = (Vec<(u32, XrefEntry)>, Dictionary, XrefType);

/// One cross-reference section at `at`: a table with its trailer, or a stream.
fn section(bytes: &[u8], at: usize) -> Option<Section> {
    let mut p = Parser::at(bytes, at);
    if p.keyword(b"xref") {
        let mut entries = Vec::new();
        loop {
            p.space();
            if p.keyword(b"trailer") {
                p.space();
                let Object::Dictionary(dict) = p.object(0)? else {
                    return None;
                };
                return Some((entries, dict, XrefType::CrossReferenceTable));
            }
            let first = u32::try_from(p.unsigned()?).ok()?;
            p.space();
            let count = u32::try_from(p.unsigned()?).ok()?;
            if count as usize > bytes.len() / 18 {
                return None;
            }
            for n in 0..count {
                p.space();
                let offset = u32::try_from(p.unsigned()?).ok()?;
                p.space();
                let generation = u16::try_from(p.unsigned()?).ok()?;
                p.space();
                let entry = match p.byte()? {
                    b'n' => XrefEntry::Normal { offset, generation },
                    b'f' => XrefEntry::Free,
                    _ => return None,
                };
                entries.push((first.checked_add(n)?, entry));
            }
        }
    }
    let (_, Object::Stream(stream)) = p.indirect(&|_| None)? else {
        return None;
    };
    if stream.dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"XRef") {
        return None;
    }
    let entries = stream_entries(&stream)?;
    Some((entries, stream.dict, XrefType::CrossReferenceStream))
}

/// The rows of a cross-reference stream (`/W` field widths, `/Index` ranges).
fn stream_entries(stream: &Stream) -> Option<Vec<(u32, XrefEntry)>> {
    let dict = &stream.dict;
    let widths: Vec<usize> = dict
        .get(b"W")
        .and_then(Object::as_array)
        .ok()?
        .iter()
        .map(|w| w.as_i64().ok().and_then(|w| usize::try_from(w).ok()))
        .collect::<Option<_>>()?;
    let [w0, w1, w2] = widths[..] else {
        return None;
    };
    if w0 > 8 || w1 > 8 || w2 > 8 {
        return None;
    }
    let size = dict.get(b"Size").and_then(Object::as_i64).ok()?;
    let index: Vec<i64> = match dict.get(b"Index") {
        Ok(index) => index
            .as_array()
            .ok()?
            .iter()
            .map(|n| n.as_i64().ok())
            .collect::<Option<_>>()?,
        Err(_) => vec![0, size],
    };
    let data = stream.decompressed_content().ok()?;
    let row = w0 + w1 + w2;
    if row == 0 {
        return None;
    }
    let mut rows = data.chunks_exact(row);
    let mut entries = Vec::new();
    for range in index.chunks_exact(2) {
        let first = u32::try_from(range[0]).ok()?;
        for n in 0..u32::try_from(range[1]).ok()? {
            let Some(r) = rows.next() else {
                return None; // a short stream: lopdf refuses it, and so do we
            };
            let field = |from: usize, width: usize| {
                r[from..from + width]
                    .iter()
                    .fold(0u64, |v, &b| (v << 8) | u64::from(b))
            };
            let kind = if w0 == 0 { 1 } else { field(0, w0) };
            let (a, b) = (field(w0, w1), field(w0 + w1, w2));
            let entry = match kind {
                1 => XrefEntry::Normal {
                    offset: u32::try_from(a).ok()?,
                    generation: u16::try_from(b).ok()?,
                },
                2 => XrefEntry::Compressed {
                    container: u32::try_from(a).ok()?,
                    index: u16::try_from(b).ok()?,
                },
                // 0 (free: nothing to keep, nor room taken by a billion of them) and unknown
                // types.
                _ => continue,
            };
            entries.push((first.checked_add(n)?, entry));
        }
    }
    Some(entries)
}

/// Objects read through the cross-reference table; object streams decoded once each.
struct Files<'a> {
    bytes: &'a [u8],
    xref: &'a Xref,
    streams: HashMap<u32, ObjectStream>,
}

/// An object stream, decoded: its bytes, where its objects start, their numbers and offsets.
struct ObjectStream {
    data: Vec<u8>,
    first: usize,
    places: Vec<(u32, usize)>,
}

/// An object the loader cannot parse: the whole load is given up (lopdf reads the file).
struct Unreadable;

impl Files<'_> {
    /// The object `id`: `Ok(None)` when the table has no such object (a reference to it reads as
    /// null).
    fn object(&mut self, id: ObjectId) -> Result<Option<Object>, Unreadable> {
        match self.xref.get(id.0) {
            Some(&XrefEntry::Normal { offset, generation }) => {
                // A table that does not lead to the object asked for (numbered from 1 instead
                // of 0, another generation): lopdf files objects by their own headers.
                if generation != id.1 {
                    return Err(Unreadable);
                }
                let (found, object) = self.indirect(offset as usize).ok_or(Unreadable)?;
                if found != id {
                    return Err(Unreadable);
                }
                Ok(Some(object))
            }
            Some(&XrefEntry::Compressed { container, index }) => {
                if id.1 != 0 {
                    return Err(Unreadable);
                }
                self.compressed(container, index, id.0)
                    .map(Some)
                    .ok_or(Unreadable)
            }
            _ => Ok(None),
        }
    }

    /// The indirect object at `offset`, a stream's indirect `/Length` read through the table.
    fn indirect(&self, offset: usize) -> Option<(ObjectId, Object)> {
        let length = |id: ObjectId| match self.xref.get(id.0) {
            Some(&XrefEntry::Normal { offset, .. }) => {
                match Parser::at(self.bytes, offset as usize).indirect(&|_| None)? {
                    (found, Object::Integer(n)) if found == id => Some(n),
                    _ => None,
                }
            }
            _ => None,
        };
        Parser::at(self.bytes, offset).indirect(&length)
    }

    /// Object `number`, the `index`-th of object stream `container`.
    fn compressed(&mut self, container: u32, index: u16, number: u32) -> Option<Object> {
        if !self.streams.contains_key(&container) {
            let Some(&XrefEntry::Normal { offset, .. }) = self.xref.get(container) else {
                return None;
            };
            let (_, Object::Stream(stream)) = self.indirect(offset as usize)? else {
                return None;
            };
            let data = stream.decompressed_content().ok()?;
            let first =
                usize::try_from(stream.dict.get(b"First").and_then(Object::as_i64).ok()?).ok()?;
            let count =
                usize::try_from(stream.dict.get(b"N").and_then(Object::as_i64).ok()?).ok()?;
            let mut p = Parser::at(data.get(..first)?, 0);
            let mut places = Vec::with_capacity(count.min(first / 2));
            for _ in 0..count {
                p.space();
                let n = u32::try_from(p.unsigned()?).ok()?;
                p.space();
                let off = usize::try_from(p.unsigned()?).ok()?;
                places.push((n, off));
            }
            self.streams.insert(
                container,
                ObjectStream {
                    data,
                    first,
                    places,
                },
            );
        }
        let ObjectStream {
            data,
            first,
            places,
        } = self.streams.get(&container)?;
        let &(_, off) = places
            .get(usize::from(index))
            .filter(|(n, _)| *n == number)
            .or_else(|| places.iter().find(|(n, _)| *n == number))?;
        let mut p = Parser::at(data, first.checked_add(off)?);
        p.space();
        p.object(0)
    }
}

/// Every reference inside `object`, pushed onto `out`.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/pdf/{name}.pdf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// Every object this loader reads is the object lopdf reads, and it reads every object the
    /// pages, outline and metadata use.
    #[test]
    fn the_objects_read_are_lopdfs_and_the_structure_tree_is_left_out() {
        for name in [
            "federal-register-2020-17221",
            "fhs-3.0",
            "issue-33-lorem-ipsum",
            "mitre-kimsuky",
            "mitre-sandworm-team",
            "scotus-transcript-p1",
        ] {
            let bytes = fixture(name);
            let lazy = load(&bytes).unwrap_or_else(|| panic!("{name}: not loaded"));
            let eager = Document::load_mem(&bytes).unwrap();
            for (id, object) in &lazy.objects {
                assert_eq!(Some(object), eager.objects.get(id), "{name}: object {id:?}");
            }
            assert_eq!(lazy.get_pages(), eager.get_pages(), "{name}");
            assert_eq!(lazy.trailer.get(b"ID").ok(), eager.trailer.get(b"ID").ok());
            let convert = |doc: &Document| {
                let deadline = std::time::Instant::now() + super::super::TIME_LIMIT;
                super::super::from_document(doc, &bytes, deadline, &|_, _| {})
                    .map(|c| c.markdown)
                    .unwrap()
            };
            assert_eq!(convert(&lazy), convert(&eager), "{name}: the same paper");
            if name == "scotus-transcript-p1" {
                assert!(lazy.objects.len() < 50, "{}", lazy.objects.len());
                assert!(eager.objects.len() > 4_000);
            }
        }
    }

    #[test]
    fn encrypted_truncated_and_other_files_are_left_to_lopdf() {
        for name in [
            "mitre-kimsuky-encrypted-aes256",
            "mitre-kimsuky-encrypted-rc4",
            "mitre-kimsuky-password",
            "mitre-sandworm-team-truncated",
        ] {
            assert!(load(&fixture(name)).is_none(), "{name}");
        }
        assert!(load(b"%PDF-1.7\nnot a pdf").is_none());
        assert!(load(b"").is_none());
    }

    /// Found by the `pdf_import` fuzz target: a `startxref` offset past the end of the file
    /// (a mutated corpus PDF) panicked in the number parser. Now the file is left to lopdf,
    /// and neither panics.
    #[test]
    fn offsets_past_the_end_are_refused_not_a_panic() {
        let bytes = std::fs::read(format!(
            "{}/tests/fixtures/fuzz/pdf_import-startxref-past-the-end.pdf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert!(load(&bytes).is_none());
        for at in [bytes.len(), bytes.len() + 10, usize::MAX / 2] {
            let mut p = Parser::at(&bytes, at);
            assert_eq!(p.unsigned(), None);
            assert_eq!(p.object(0), None);
        }
        let _ = super::super::convert(&bytes);
    }

    /// A table that numbers its objects from 1 instead of 0 leads to the wrong headers: the
    /// file is left to lopdf (which files objects by their headers) rather than read with
    /// objects missing. So is a chain of more revisions than this loader follows.
    #[test]
    fn a_table_that_does_not_lead_to_its_objects_is_left_to_lopdf() {
        let objects = [
            "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
            "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
            "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n",
        ];
        let file = |first: u32| {
            let mut out = String::from("%PDF-1.4\n");
            let mut offsets = Vec::new();
            for o in objects {
                offsets.push(out.len());
                out.push_str(o);
            }
            let xref = out.len();
            out.push_str(&format!("xref\n{first} 4\n0000000000 65535 f \n"));
            for o in offsets {
                out.push_str(&format!("{o:010} 00000 n \n"));
            }
            out.push_str(&format!(
                "trailer << /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            ));
            out.into_bytes()
        };
        let good = load(&file(0)).expect("numbered from 0: read here");
        assert_eq!(good.get_pages().len(), 1);
        assert!(load(&file(1)).is_none(), "numbered from 1: left to lopdf");
        assert_eq!(Document::load_mem(&file(1)).unwrap().get_pages().len(), 1);
    }
}
