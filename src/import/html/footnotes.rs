//! Footnotes in an article's HTML: which links are note references (`<sup><a href="#fn1">1</a></sup>`,
//! `<a class="footnote-reference" href="#id2">`, `role="doc-noteref"`, Wikipedia's
//! `<sup class="reference">`), which element holds each note, and which links inside a note point
//! back to its reference (dropped). Found in one pass before the article is written.

use std::collections::{HashMap, HashSet};

use dom_query::{NodeId, NodeRef};

/// The notes of one article.
#[derive(Debug, Default)]
pub struct Notes {
    /// Target id → the Markdown label its references and definition use.
    pub labels: HashMap<String, String>,
    /// The element holding a note → its target id.
    pub defs: HashMap<NodeId, String>,
    /// Elements to leave out of a note's text (a `<dt>` label whose note is the next `<dd>`).
    pub skip: HashSet<NodeId>,
    /// Ids of the references themselves: a link to one of them is a back-link.
    pub ref_ids: HashSet<String>,
}

impl Notes {
    /// The footnote label for a link to `href`, when it is a note reference.
    pub fn label_for(&self, href: &str) -> Option<&str> {
        href.strip_prefix('#')
            .and_then(|id| self.labels.get(id))
            .map(String::as_str)
    }

    /// Whether a link to `href` inside a note points back to a reference.
    pub fn is_backlink(&self, href: &str) -> bool {
        href.strip_prefix('#')
            .is_some_and(|id| self.ref_ids.contains(id))
    }
}

/// Finds the notes below `root`.
pub fn find(root: &NodeRef) -> Notes {
    let mut ids: HashMap<String, NodeId> = HashMap::new();
    let mut refs: Vec<(NodeRef, String)> = Vec::new();
    for node in root.descendants_it().filter(NodeRef::is_element) {
        if let Some(id) = node
            .attr("id")
            .map(|i| i.to_string())
            .or_else(|| anchor_name(&node))
        {
            ids.entry(id).or_insert(node.id);
        }
        if node.has_name("a")
            && let Some(href) = node.attr("href")
            && let Some(target) = href.strip_prefix('#')
            && !target.is_empty()
            && looks_like_reference(&node)
        {
            refs.push((node, target.to_owned()));
        }
    }
    let mut notes = Notes::default();
    let mut used: HashSet<String> = HashSet::new();
    for (node, target) in refs {
        let Some(&target_node) = ids.get(&target) else {
            continue;
        };
        if let Some(id) = node.attr("id") {
            notes.ref_ids.insert(id.to_string());
        }
        if let Some(id) = node.parent().and_then(|p| p.attr("id")) {
            notes.ref_ids.insert(id.to_string());
        }
        if notes.labels.contains_key(&target) {
            continue;
        }
        let Some(def) = definition(&NodeRef::new(target_node, node.tree)) else {
            continue;
        };
        if def.0.descendants_it().any(|d| d.id == node.id) {
            continue; // a link inside its own note: a back-link, not a reference
        }
        let label = label(&node.text(), &target, &used);
        used.insert(label.clone());
        notes.labels.insert(target.clone(), label);
        notes.defs.insert(def.0.id, target);
        if let Some(skip) = def.1 {
            notes.skip.insert(skip);
        }
    }
    notes
}

fn anchor_name(node: &NodeRef) -> Option<String> {
    if node.has_name("a") {
        node.attr("name").map(|n| n.to_string())
    } else {
        None
    }
}

/// A short link (at most 6 visible characters, like `1`, `[12]`, `*`, `†`) inside or around a
/// `<sup>`, or one marked as a note reference by its class, role or rel.
fn looks_like_reference(a: &NodeRef) -> bool {
    let text = a.text();
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 6 {
        return false;
    }
    let marked = |n: &NodeRef| {
        let class = n.attr("class").unwrap_or_default().to_ascii_lowercase();
        let role = n.attr("role").unwrap_or_default().to_ascii_lowercase();
        let rel = n.attr("rel").unwrap_or_default().to_ascii_lowercase();
        (class.contains("footnote") && !class.contains("back"))
            || class.contains("noteref")
            || (class.split_whitespace().any(|c| c == "reference") && n.has_name("sup"))
            || role == "doc-noteref"
            || rel == "footnote"
    };
    let in_sup = a.ancestors_it(Some(2)).any(|p| p.has_name("sup"));
    let has_sup = a.children_it(false).any(|c| c.has_name("sup"));
    in_sup || has_sup || marked(a) || a.parent().is_some_and(|p| marked(&p))
}

/// The element that holds the note whose target is `target`, and an element to skip: the target
/// itself when it is a block; the next `<dd>` of a `<dt>` label (Sphinx's older footnotes); the
/// enclosing block of an empty anchor.
fn definition<'a>(target: &NodeRef<'a>) -> Option<(NodeRef<'a>, Option<NodeId>)> {
    const BLOCKS: &[&str] = &[
        "li",
        "p",
        "div",
        "aside",
        "dd",
        "section",
        "td",
        "tr",
        "footer",
        "blockquote",
    ];
    if target.has_name("dt") {
        let dd = target.next_element_sibling().filter(|n| n.has_name("dd"))?;
        return Some((dd, Some(target.id)));
    }
    if BLOCKS.iter().any(|b| target.has_name(b)) {
        return Some((*target, None));
    }
    // An anchor or span at the start of its note: the nearest block around it.
    target
        .ancestors_it(Some(3))
        .find(|p| BLOCKS.iter().any(|b| p.has_name(b)) && !p.has_name("tr"))
        .map(|p| (p, None))
}

/// The label shown for a note: the reference's own text (`1`, `12`, `a`) when it is a plain
/// word not used yet, else the target id cleaned to letters, digits, `-` and `_`.
fn label(text: &str, target: &str, used: &HashSet<String>) -> String {
    let text: String = text
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'))
        .to_owned();
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    if plain(&text) && !used.contains(&text) {
        return text;
    }
    let id: String = target
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let id = if id.is_empty() { "note".to_owned() } else { id };
    let mut label = id.clone();
    let mut n = 2;
    while used.contains(&label) {
        label = format!("{id}-{n}");
        n += 1;
    }
    label
}
