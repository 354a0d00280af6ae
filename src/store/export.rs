//! Exporting bookmarks as JSON or Markdown.

use std::fmt::Write;

use super::model::Bookmark;

/// What an export shows about a paper.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaperInfo {
    /// The paper's title.
    pub title: String,
    /// Who published it, if known.
    pub publisher: Option<String>,
    /// Its publication date as displayed, if known.
    pub date: Option<String>,
    /// Its reference list entry in the citation style, if one was formatted.
    pub reference: Option<String>,
}

/// The bookmarks as a pretty-printed JSON array, in the order given.
pub fn export_json(bookmarks: &[&Bookmark]) -> String {
    serde_json::to_string_pretty(bookmarks).expect("bookmarks always serialize")
}

/// The bookmarks as a Markdown document: one `##` section per paper (in order of first
/// appearance; titled from `paper_info`, else the paper id, with its reference list entry under
/// the heading), bookmarks in reading order within it, each with the quoted text, the note and
/// its citation line `— CITATION` from `citation(bookmark)` (the caller formats it in a citation
/// style, with the page for papers with pages), else `— *Title*.`.
pub fn export_markdown(
    bookmarks: &[&Bookmark],
    paper_info: impl Fn(&str) -> Option<PaperInfo>,
    citation: impl Fn(&Bookmark) -> Option<String>,
) -> String {
    let mut papers: Vec<&str> = Vec::new();
    for b in bookmarks {
        if !papers.contains(&b.paper.as_str()) {
            papers.push(&b.paper);
        }
    }
    let mut out = String::from("# Bookmarks\n");
    for paper in papers {
        let info = paper_info(paper);
        let heading = match &info {
            Some(info) => {
                let details: Vec<&str> = [info.publisher.as_deref(), info.date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if details.is_empty() {
                    info.title.clone()
                } else {
                    format!("{} ({})", info.title, details.join(", "))
                }
            }
            None => paper.to_owned(),
        };
        let _ = write!(out, "\n## {}\n", one_line(&heading));
        if let Some(reference) = info.as_ref().and_then(|i| i.reference.as_deref()) {
            let _ = write!(out, "\n{}\n", one_line(reference));
        }
        let mut marks: Vec<&&Bookmark> = bookmarks.iter().filter(|b| b.paper == paper).collect();
        marks.sort_by_key(|b| (b.anchor.block, b.anchor.offset));
        for b in marks {
            let _ = write!(out, "\n### {}\n", one_line(&b.label));
            if !b.anchor.exact.trim().is_empty() {
                let before = if b.anchor.prefix.is_empty() {
                    ""
                } else {
                    "…"
                };
                let after = if b.anchor.suffix.is_empty() {
                    ""
                } else {
                    "…"
                };
                let _ = writeln!(out, "\n> {before}{}{after}", one_line(&b.anchor.exact));
            }
            if let Some(note) = &b.note {
                let _ = writeln!(out, "\nNote: {}", note.trim_end());
            }
            let cited = citation(b).unwrap_or_else(|| {
                format!(
                    "*{}*.",
                    one_line(info.as_ref().map_or(paper, |i| i.title.as_str()))
                )
            });
            let _ = writeln!(out, "\n— {}", one_line(&cited));
        }
    }
    out
}

/// Collapses line breaks so the text stays on its Markdown line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::anchor::Anchor;

    fn bookmark(id: &str, paper: &str, block: u32, label: &str, note: Option<&str>) -> Bookmark {
        Bookmark {
            id: id.to_owned(),
            paper: paper.to_owned(),
            kind: crate::store::Kind::Bookmark,
            highlight: None,
            anchor: Anchor::capture(
                paper,
                &["results".to_owned()],
                block,
                "The effect was large\nand robust.",
                4,
            ),
            label: label.to_owned(),
            note: note.map(str::to_owned),
            created: 1,
            updated: 1,
        }
    }

    #[test]
    fn json_export_round_trips() {
        let a = bookmark("a", "p", 1, "First", Some("why"));
        let json = export_json(&[&a]);
        let back: Vec<Bookmark> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![a]);
    }

    #[test]
    fn markdown_groups_by_paper_in_reading_order() {
        let later = bookmark("a", "p", 9, "Later", None);
        let earlier = bookmark("b", "p", 2, "Earlier", Some("check this"));
        let other = bookmark("c", "q", 1, "Other", None);
        let md = export_markdown(
            &[&later, &other, &earlier],
            |p| {
                (p == "p").then(|| PaperInfo {
                    title: "A Paper".into(),
                    publisher: Some("Pub".into()),
                    date: Some("2024".into()),
                    reference: Some("Pub. 2024.\n*A Paper*.".into()),
                })
            },
            |b| {
                (b.id == "a").then(|| format!("(Pub 2024, 12) · § Results · [@{}, p. 12]", b.paper))
            },
        );
        let expected = "# Bookmarks\n\n## A Paper (Pub, 2024)\n\nPub. 2024. *A Paper*.\n\n### Earlier\n\n> The effect was large and robust.\n\nNote: check this\n\n— *A Paper*.\n\n### Later\n\n> The effect was large and robust.\n\n— (Pub 2024, 12) · § Results · [@p, p. 12]\n\n## q\n\n### Other\n\n> The effect was large and robust.\n\n— *q*.\n";
        assert_eq!(md, expected);
    }
}
