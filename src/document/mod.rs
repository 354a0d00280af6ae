//! A paper: front matter, the block model and its section tree, parsed from Markdown.

pub mod frontmatter;
pub mod model;
pub mod parse;
pub mod sanitize;
pub mod sections;

use std::collections::HashMap;
use std::path::PathBuf;

pub use model::{
    Align, Block, BlockKind, Cell, Container, ContainerKind, Inline, Link, PageBreak, Run, Section,
    Table,
};
pub use sections::slugify;

/// Where a paper came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Shipped inside the binary, with its file name under `content/`.
    Embedded(&'static str),
    /// A file the user opened.
    File(PathBuf),
}

impl Origin {
    /// A short name for messages and JSON: the path as given, or `content/NAME` when embedded.
    pub fn display(&self) -> String {
        match self {
            Origin::Embedded(name) => format!("content/{name}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A paper's metadata, from its front matter with fallbacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Title: front matter, else the first heading, else the file name.
    pub title: String,
    /// Author(s), when known.
    pub author: Option<String>,
    /// Publisher, when known.
    pub publisher: Option<String>,
    /// Publication date as written in the front matter.
    pub published: Option<String>,
    /// How to attribute the paper.
    pub attribution: Option<String>,
    /// Where it comes from.
    pub source: Option<String>,
}

/// A parsed paper.
#[derive(Clone, Debug)]
pub struct Paper {
    /// Stable id: front matter `id`, else a slug of the file name.
    pub id: String,
    /// Metadata.
    pub meta: Meta,
    /// Where it came from.
    pub origin: Origin,
    /// Leaf blocks in reading order.
    pub blocks: Vec<Block>,
    /// The container chain blocks point into.
    pub containers: Vec<Container>,
    /// Sections, in reading order; roots have no parent.
    pub sections: Vec<Section>,
    /// Link and footnote-reference targets.
    pub links: Vec<Link>,
    /// Footnote label → first block of its definition.
    pub footnotes: HashMap<String, usize>,
    /// Problems found while reading it (e.g. malformed front matter).
    pub warnings: Vec<String>,
    /// Size of the source in bytes.
    pub source_len: usize,
    /// Page labels in reading order ("i", "ii", "1", …); empty for papers without pages.
    pub pages: Vec<String>,
    /// Where each page starts, in reading order.
    pub page_breaks: Vec<PageBreak>,
}

impl Paper {
    /// Parses a paper from its Markdown source. `stem` names it when nothing else does.
    pub fn parse(source: &str, origin: Origin, stem: &str) -> Paper {
        let split = frontmatter::split(source);
        let mut parsed = parse::parse(&source[split.body_start..], split.body_start);
        let sections = sections::build(&mut parsed.blocks);
        let front = split.front;
        let clean_opt = |v: Option<String>| v.map(|s| sanitize::clean(s.trim(), false));
        let title = clean_opt(front.title)
            .filter(|t| !t.is_empty())
            .or_else(|| {
                sections
                    .first()
                    .map(|s| s.title.clone())
                    .filter(|t| !t.is_empty())
            })
            .unwrap_or_else(|| sanitize::clean(stem, false));
        let id = front
            .id
            .map(|id| sanitize::clean(id.trim(), false))
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| slugify(stem));
        let warnings = split.warning.into_iter().collect();
        Paper {
            id,
            meta: Meta {
                title,
                author: clean_opt(front.author),
                publisher: clean_opt(front.publisher),
                published: clean_opt(front.published),
                attribution: clean_opt(front.attribution),
                source: clean_opt(front.source),
            },
            origin,
            blocks: parsed.blocks,
            containers: parsed.containers,
            sections,
            links: parsed.links,
            footnotes: parsed.footnotes,
            warnings,
            source_len: source.len(),
            pages: parsed.pages,
            page_breaks: parsed.page_breaks,
        }
    }

    /// The page (an index into [`Paper::pages`]) holding byte `offset` of block `block`'s
    /// text; `None` for papers without pages and for text before the first page marker.
    pub fn page_at(&self, block: usize, offset: usize) -> Option<usize> {
        let after = self
            .page_breaks
            .partition_point(|b| (b.block, b.offset) <= (block, offset));
        after.checked_sub(1).map(|i| self.page_breaks[i].page)
    }

    /// The printed label of the page holding byte `offset` of block `block`'s text.
    pub fn page_label(&self, block: usize, offset: usize) -> Option<&str> {
        self.page_at(block, offset).map(|p| self.pages[p].as_str())
    }

    /// The first page whose label is `label` (exact, then ignoring ASCII case).
    pub fn find_page(&self, label: &str) -> Option<usize> {
        let label = label.trim();
        self.pages.iter().position(|p| p == label).or_else(|| {
            self.pages
                .iter()
                .position(|p| p.eq_ignore_ascii_case(label))
        })
    }

    /// Where page `page` starts: (block, byte offset in its text).
    pub fn page_start(&self, page: usize) -> Option<(usize, usize)> {
        self.page_breaks
            .iter()
            .find(|b| b.page == page)
            .map(|b| (b.block.min(self.blocks.len().saturating_sub(1)), b.offset))
    }

    /// The slug path from the root section down to `section`.
    pub fn slug_path(&self, section: usize) -> Vec<String> {
        self.section_chain(section)
            .map(|s| self.sections[s].slug.clone())
            .collect()
    }

    /// The title path from the root section down to `section`.
    pub fn title_path(&self, section: usize) -> Vec<String> {
        self.section_chain(section)
            .map(|s| self.sections[s].title.clone())
            .collect()
    }

    /// Sections from the root down to `section`.
    fn section_chain(&self, section: usize) -> impl Iterator<Item = usize> {
        let mut chain = Vec::new();
        let mut at = Some(section);
        while let Some(s) = at {
            chain.push(s);
            at = self.sections.get(s).and_then(|sec| sec.parent);
        }
        chain.into_iter().rev()
    }

    /// Finds a section by its slug path (or a lone slug).
    pub fn find_section(&self, slug_path: &[String]) -> Option<usize> {
        let last = slug_path.last()?;
        let candidates = self
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| &s.slug == last);
        let mut fallback = None;
        for (i, _) in candidates {
            if self.slug_path(i) == slug_path {
                return Some(i);
            }
            fallback.get_or_insert(i);
        }
        fallback
    }

    /// Root sections in reading order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.parent.is_none())
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_falls_back_to_first_heading_then_file_name() {
        let p = Paper::parse("# Heading Title\n\ntext\n", Origin::Embedded("x.md"), "x");
        assert_eq!(p.meta.title, "Heading Title");
        assert_eq!(p.id, "x");
        let q = Paper::parse(
            "just text\n",
            Origin::Embedded("My Notes (1).md"),
            "My Notes (1)",
        );
        assert_eq!(q.meta.title, "My Notes (1)");
        assert_eq!(q.id, "my-notes-1");
    }

    #[test]
    fn front_matter_feeds_meta_and_malformed_front_matter_warns() {
        let p = Paper::parse(
            "---\nid: p\ntitle: T\npublished: 2022-10-31\n---\n# A\n",
            Origin::Embedded("a.md"),
            "a",
        );
        assert_eq!((p.id.as_str(), p.meta.title.as_str()), ("p", "T"));
        assert_eq!(p.meta.published.as_deref(), Some("2022-10-31"));
        let bad = Paper::parse(
            "+++\ntitle = \n+++\n# Still here\n",
            Origin::Embedded("b.md"),
            "b",
        );
        assert_eq!(bad.warnings.len(), 1);
        assert_eq!(bad.meta.title, "Still here");
    }

    #[test]
    fn page_markers_give_every_block_its_page_and_are_not_shown() {
        let src = "<!-- page: i -->\n\n# Preface\n\nFront text.\n\n<!-- page: 1 -->\n\n\
                   # One\n\nStarts on one <!-- page: 2 --> and ends on two.\n\nMore.\n";
        let p = Paper::parse(src, Origin::Embedded("p.md"), "p");
        assert_eq!(p.pages, ["i", "1", "2"]);
        assert!(p.blocks.iter().all(|b| !b.text.contains("page:")));
        let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Preface",
                "Front text.",
                "One",
                "Starts on one  and ends on two.",
                "More."
            ]
        );
        assert_eq!(p.page_label(0, 0), Some("i"));
        assert_eq!(p.page_label(1, 5), Some("i"));
        assert_eq!(p.page_label(2, 0), Some("1"));
        let split = texts[3].find(" and").unwrap();
        assert_eq!(p.page_label(3, 0), Some("1"));
        assert_eq!(p.page_label(3, split + 1), Some("2"));
        assert_eq!(p.page_label(4, 0), Some("2"));
        assert_eq!(p.find_page("I"), Some(0));
        assert_eq!(p.page_start(1), Some((2, 0)));
        let plain = Paper::parse(
            "# A\n\n<!-- not a page -->\n\ntext\n",
            Origin::Embedded("a.md"),
            "a",
        );
        assert!(plain.pages.is_empty());
        assert_eq!(plain.page_label(0, 0), None);
        assert_eq!(plain.blocks.len(), 3);
    }

    #[test]
    fn slug_paths_find_repeated_sections() {
        let p = Paper::parse(
            "# A\n## Notes\n# B\n## Notes\n",
            Origin::Embedded("a.md"),
            "a",
        );
        assert_eq!(p.slug_path(3), ["b", "notes-2"]);
        assert_eq!(p.find_section(&["b".into(), "notes-2".into()]), Some(3));
        assert_eq!(p.find_section(&["notes".into()]), Some(1));
    }
}
