//! The section tree of a paper: one section per heading, nested by level, with unique slugs.

use std::collections::HashMap;

use super::model::{Block, BlockKind, Section};

/// Turns heading text into a slug: lower case, letters and digits kept (any script), spaces and
/// dashes to `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-' || c == '_') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// Builds the sections of `blocks`, numbering the headings' `section` fields and each block's
/// innermost section.
pub fn build(blocks: &mut [Block]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let count = blocks.len();
    for (index, block) in blocks.iter_mut().enumerate() {
        if let BlockKind::Heading { level, .. } = block.kind
            && !block.in_footnote
        {
            while let Some(&top) = stack.last() {
                if sections[top].level >= level {
                    sections[top].end = index;
                    stack.pop();
                } else {
                    break;
                }
            }
            let id = sections.len();
            let parent = stack.last().copied();
            if let Some(parent) = parent {
                sections[parent].children.push(id);
            }
            let title = block.text.trim().to_owned();
            let slug = unique(&mut used, slugify(&title));
            sections.push(Section {
                title,
                slug,
                level,
                parent,
                children: Vec::new(),
                block: index,
                end: index + 1,
            });
            block.kind = BlockKind::Heading { level, section: id };
            stack.push(id);
        }
        block.section = stack.last().copied();
    }
    for open in stack {
        sections[open].end = count;
    }
    sections
}

fn unique(used: &mut HashMap<String, usize>, base: String) -> String {
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        return base;
    }
    let mut n = *count;
    loop {
        let candidate = format!("{base}-{n}");
        if !used.contains_key(&candidate) {
            used.insert(candidate.clone(), 1);
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;

    fn sections_of(md: &str) -> Vec<Section> {
        let mut parsed = parse(md, 0);
        build(&mut parsed.blocks)
    }

    #[test]
    fn slugs_follow_heading_text() {
        assert_eq!(
            slugify("The ROK Government's Response"),
            "the-rok-governments-response"
        );
        assert_eq!(
            slugify("North Korea’s Cyber  Capabilities"),
            "north-koreas-cyber-capabilities"
        );
        assert_eq!(slugify("북한의 사이버 공격"), "북한의-사이버-공격");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn repeated_headings_get_numbered_slugs() {
        let s = sections_of("# Notes\n\n# Notes\n\n# Notes\n\n# Notes-2\n");
        let slugs: Vec<&str> = s.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["notes", "notes-2", "notes-3", "notes-2-2"]);
    }

    #[test]
    fn sections_nest_by_level_and_know_their_extent() {
        let s = sections_of("# A\n\ntext\n\n## A1\n\nmore\n\n### A1a\n\n# B\n\n## B1\n");
        assert_eq!(s.len(), 5);
        assert_eq!(s[0].children, [1]);
        assert_eq!(s[1].children, [2]);
        assert_eq!(s[3].children, [4]);
        assert_eq!(s[2].parent, Some(1));
        assert_eq!((s[0].block, s[0].end), (0, 5));
        assert!(s[2].is_empty());
        assert!(!s[1].is_empty());
        assert!(s[4].is_empty());
    }

    #[test]
    fn a_deeper_first_heading_still_roots_the_tree() {
        let s = sections_of("### deep\n\n# top\n");
        assert_eq!(s[0].parent, None);
        assert_eq!(s[1].parent, None);
    }
}
