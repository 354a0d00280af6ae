//! `dossier outline`: each paper's section tree, as indented text or JSON.

use std::io::Write;

use serde::Serialize;

use crate::document::Paper;
use crate::library::Library;

#[derive(Serialize)]
struct PaperJson<'a> {
    id: &'a str,
    title: &'a str,
    path: String,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    slug: &'a str,
    title: &'a str,
    level: u8,
    /// The page label the heading is on (paged papers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    children: Vec<SectionJson<'a>>,
}

fn section_json(paper: &Paper, index: usize) -> SectionJson<'_> {
    let s = &paper.sections[index];
    SectionJson {
        slug: &s.slug,
        title: &s.title,
        level: s.level,
        page: paper.page_label(s.block, 0),
        children: s.children.iter().map(|&c| section_json(paper, c)).collect(),
    }
}

/// Prints the outline of every paper.
pub fn print(library: &Library, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    if json {
        let papers: Vec<PaperJson> = library
            .papers
            .iter()
            .map(|p| PaperJson {
                id: &p.id,
                title: &p.meta.title,
                path: p.origin.display(),
                sections: p.roots().map(|r| section_json(p, r)).collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &papers)?;
        return writeln!(out);
    }
    for paper in &library.papers {
        writeln!(
            out,
            "{}  ({}, {})",
            paper.meta.title,
            paper.id,
            paper.origin.display()
        )?;
        let mut stack: Vec<(usize, usize)> = paper.roots().map(|r| (r, 1)).collect::<Vec<_>>();
        stack.reverse();
        while let Some((index, depth)) = stack.pop() {
            let section = &paper.sections[index];
            writeln!(
                out,
                "{}{}  #{}",
                "  ".repeat(depth),
                section.title,
                section.slug
            )?;
            stack.extend(section.children.iter().rev().map(|&c| (c, depth + 1)));
        }
    }
    Ok(())
}
