//! `dossier search QUERY`: the finder's ranking, printed.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use serde::Serialize;

use crate::finder::{BookmarkEntry, bookmark_candidates, library_index};
use crate::library::Library;
use crate::search::{CandidateKind, Query, Scope, hits_indices, search_all};

#[derive(Serialize)]
struct HitJson<'a> {
    paper: &'a str,
    section: &'a [String],
    kind: CandidateKind,
    text: &'a str,
    score: i64,
    indices: &'a [usize],
    /// The page label the hit is on (paged papers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
}

/// Searches the library (and `bookmarks`) for `query` and prints the best `limit` hits.
pub fn print(
    library: &Arc<Library>,
    bookmarks: &[BookmarkEntry],
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let parsed = Query::parse(query);
    let with_facts = parsed.scope() == Scope::Facts;
    let index = library_index(library, with_facts, bookmark_candidates(library, bookmarks));
    let hits = crate::finder::dedup_hits(
        &index,
        search_all(&index, query, limit.saturating_mul(2).max(limit)),
    );
    let hits: Vec<_> = hits.into_iter().take(limit).collect();
    let ids: Vec<u32> = hits.iter().map(|h| h.id).collect();
    let indices = hits_indices(&index, &parsed, &ids);
    // Hits share sections: each section's heading path is built once.
    let mut paths: HashMap<(u32, Option<u32>), Vec<String>> = HashMap::new();
    for &id in &ids {
        let c = index.get(id);
        paths.entry((c.paper, c.section())).or_insert_with(|| {
            let paper = &library.papers[c.paper as usize];
            c.section()
                .map(|s| paper.title_path(s as usize))
                .unwrap_or_default()
        });
    }
    let section = |id: u32| {
        let c = index.get(id);
        &paths[&(c.paper, c.section())]
    };
    if json {
        let rows: Vec<HitJson> = (hits.iter().zip(&indices))
            .map(|(h, positions)| {
                let c = index.get(h.id);
                let paper = &library.papers[c.paper as usize];
                HitJson {
                    paper: &paper.id,
                    section: section(h.id),
                    kind: c.kind,
                    text: index.text(h.id),
                    score: h.score,
                    indices: positions,
                    page: paper.page_label(c.block as usize, c.offset as usize),
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    // The text output's "paper › heading › heading" line, once per section.
    let places: HashMap<(u32, Option<u32>), String> = (paths.iter())
        .map(|(&(paper, section), titles)| {
            let title = library.papers[paper as usize].meta.title.as_str();
            let line = std::iter::once(title)
                .chain(titles.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" › ");
            ((paper, section), line)
        })
        .collect();
    for (hit, positions) in hits.iter().zip(&indices) {
        let c = index.get(hit.id);
        let place = &places[&(c.paper, c.section())];
        writeln!(out, "{:<8} {place}", c.kind.name())?;
        out.write_all(b"         ")?;
        write_marked(out, index.text(hit.id), positions)?;
        writeln!(out)?;
    }
    if hits.is_empty() {
        writeln!(out, "No matches.")?;
    }
    Ok(())
}

/// Writes the text with matched characters (`indices`: ascending, unique char positions) in
/// [brackets], a run of adjacent ones in one pair; the text between is written as is.
fn write_marked(out: &mut dyn Write, text: &str, indices: &[usize]) -> std::io::Result<()> {
    let ascii = text.is_ascii();
    let mut bounds = text.char_indices().map(|(b, _)| b);
    let mut consumed = 0;
    // Byte offset of char `at`; called with increasing positions.
    let mut byte_of = |at: usize| {
        if ascii {
            return at.min(text.len());
        }
        let byte = bounds.nth(at - consumed).unwrap_or(text.len());
        consumed = at + 1;
        byte
    };
    let mut written = 0;
    let mut i = 0;
    while i < indices.len() {
        let start = indices[i];
        let mut end = start + 1;
        while indices.get(i + 1) == Some(&end) {
            end += 1;
            i += 1;
        }
        i += 1;
        let (from, to) = (byte_of(start), byte_of(end));
        for part in [&text[written..from], "[", &text[from..to], "]"] {
            out.write_all(part.as_bytes())?;
        }
        written = to;
    }
    out.write_all(&text.as_bytes()[written..])
}

#[cfg(test)]
mod tests {
    use super::write_marked;

    fn marked(text: &str, indices: &[usize]) -> String {
        let mut out = Vec::new();
        write_marked(&mut out, text, indices).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn brackets_enclose_runs_of_matched_chars() {
        assert_eq!(marked("government", &[0, 1, 2]), "[gov]ernment");
        assert_eq!(marked("a b c", &[0, 2, 4]), "[a] [b] [c]");
        assert_eq!(marked("ends", &[2, 3]), "en[ds]");
        assert_eq!(marked("none", &[]), "none");
        // Positions count chars, not bytes.
        assert_eq!(marked("북한의 사이버", &[0, 1, 4]), "[북한]의 [사]이버");
        assert_eq!(marked("북한의 사이버", &[2, 3, 6]), "북한[의 ]사이[버]");
        assert_eq!(marked("ab", &[0, 1]), "[ab]");
    }
}
