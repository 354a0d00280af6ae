//! `dossier search QUERY`: the finder's ranking, printed.

use std::io::Write;
use std::sync::Arc;

use serde::Serialize;

use crate::finder::{BookmarkEntry, bookmark_candidates, library_index};
use crate::library::Library;
use crate::search::{CandidateKind, query_indices, search_all};

#[derive(Serialize)]
struct HitJson<'a> {
    paper: &'a str,
    section: Vec<String>,
    kind: CandidateKind,
    text: &'a str,
    score: i64,
    indices: Vec<usize>,
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
    let with_facts = crate::search::Query::parse(query).scope() == crate::search::Scope::Facts;
    let index = library_index(library, with_facts, bookmark_candidates(library, bookmarks));
    let hits = crate::finder::dedup_hits(
        &index,
        search_all(&index, query, limit.saturating_mul(2).max(limit)),
    );
    let hits: Vec<_> = hits.into_iter().take(limit).collect();
    let parsed = crate::search::Query::parse(query);
    let rows: Vec<HitJson> = hits
        .iter()
        .map(|h| {
            let c = index.get(h.id);
            let paper = &library.papers[c.paper as usize];
            HitJson {
                paper: &paper.id,
                section: c
                    .section()
                    .map(|s| paper.title_path(s as usize))
                    .unwrap_or_default(),
                kind: c.kind,
                text: index.text(h.id),
                score: h.score,
                indices: query_indices(&index, &parsed, h.id),
            }
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for (row, hit) in rows.iter().zip(&hits) {
        let paper = library.papers[index.get(hit.id).paper as usize]
            .meta
            .title
            .as_str();
        let mut place = vec![paper.to_owned()];
        place.extend(row.section.iter().cloned());
        let kind = format!("{:?}", row.kind).to_lowercase();
        writeln!(out, "{kind:<8} {}", place.join(" › "))?;
        writeln!(out, "         {}", mark(row.text, &row.indices))?;
    }
    if rows.is_empty() {
        writeln!(out, "No matches.")?;
    }
    Ok(())
}

/// The text with matched characters in [brackets].
fn mark(text: &str, indices: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 2 * indices.len());
    let mut open = false;
    for (i, c) in text.chars().enumerate() {
        let hit = indices.binary_search(&i).is_ok();
        if hit && !open {
            out.push('[');
            open = true;
        } else if !hit && open {
            out.push(']');
            open = false;
        }
        out.push(c);
    }
    if open {
        out.push(']');
    }
    out
}
