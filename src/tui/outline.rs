//! The outline tree: papers as roots, sections nested, with expand/collapse and a selection.

use std::collections::HashSet;

use crate::library::Library;

/// A node of the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// A paper (its index in the library).
    Paper(usize),
    /// A section of a paper.
    Section(usize, usize),
}

impl Node {
    /// The paper the node belongs to.
    pub fn paper(self) -> usize {
        match self {
            Node::Paper(p) | Node::Section(p, _) => p,
        }
    }
}

/// A visible row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The node shown.
    pub node: Node,
    /// Nesting depth (papers are 0).
    pub depth: usize,
    /// Whether it has children.
    pub has_children: bool,
    /// Whether its children are shown.
    pub expanded: bool,
}

/// Expand state and selection over the library's papers and sections.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    collapsed: HashSet<Node>,
    rows: Vec<Row>,
    selected: usize,
}

impl Outline {
    /// A tree over `library`: everything expanded when the library is small, else only the
    /// first paper.
    pub fn new(library: &Library) -> Outline {
        let mut collapsed = HashSet::new();
        if library.papers.len() > 12 {
            collapsed.extend((1..library.papers.len()).map(Node::Paper));
        }
        let mut outline = Outline {
            collapsed,
            rows: Vec::new(),
            selected: 0,
        };
        outline.rebuild(library);
        outline
    }

    /// The visible rows.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Index of the selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected node.
    pub fn selected_node(&self) -> Option<Node> {
        self.rows.get(self.selected).map(|r| r.node)
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects row `index` (clamped).
    pub fn select_row(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
    }

    /// Collapses the selected node, or selects its parent when it is a leaf or collapsed.
    pub fn collapse(&mut self, library: &Library) {
        let Some(row) = self.rows.get(self.selected).cloned() else {
            return;
        };
        if row.has_children && row.expanded {
            self.collapsed.insert(row.node);
            self.rebuild(library);
        } else if let Some(parent) = parent(library, row.node) {
            self.select(library, parent);
        }
    }

    /// Expands the selected node, or moves to its first child when already expanded.
    pub fn expand(&mut self, library: &Library) {
        let Some(row) = self.rows.get(self.selected).cloned() else {
            return;
        };
        if !row.has_children {
            return;
        }
        if row.expanded {
            self.move_by(1);
        } else {
            self.collapsed.remove(&row.node);
            self.rebuild(library);
        }
    }

    /// Selects `node`, expanding its ancestors so it is visible.
    pub fn select(&mut self, library: &Library, node: Node) {
        let mut changed = false;
        let mut at = parent(library, node);
        while let Some(p) = at {
            changed |= self.collapsed.remove(&p);
            at = parent(library, p);
        }
        if changed {
            self.rebuild(library);
        }
        if let Some(i) = self.rows.iter().position(|r| r.node == node) {
            self.selected = i;
        }
    }

    /// Recomputes the visible rows, keeping the selected node when it is still visible.
    pub fn rebuild(&mut self, library: &Library) {
        let keep = self.selected_node();
        self.rows.clear();
        for (p, paper) in library.papers.iter().enumerate() {
            let node = Node::Paper(p);
            let expanded = !self.collapsed.contains(&node);
            let roots: Vec<usize> = paper.roots().collect();
            self.rows.push(Row {
                node,
                depth: 0,
                has_children: !roots.is_empty(),
                expanded,
            });
            if !expanded {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|s| (s, 1)).collect();
            while let Some((s, depth)) = stack.pop() {
                let node = Node::Section(p, s);
                let children = &paper.sections[s].children;
                let expanded = !self.collapsed.contains(&node);
                self.rows.push(Row {
                    node,
                    depth,
                    has_children: !children.is_empty(),
                    expanded,
                });
                if expanded {
                    stack.extend(children.iter().rev().map(|&c| (c, depth + 1)));
                }
            }
        }
        if let Some(node) = keep
            && let Some(i) = self.rows.iter().position(|r| r.node == node)
        {
            self.selected = i;
            return;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }
}

fn parent(library: &Library, node: Node) -> Option<Node> {
    match node {
        Node::Paper(_) => None,
        Node::Section(p, s) => Some(
            library.papers[p].sections[s]
                .parent
                .map_or(Node::Paper(p), |parent| Node::Section(p, parent)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(docs: &[&str]) -> Library {
        Library::from_markdown(docs)
    }

    /// Draws the rows as `  title` lines with `+`/`-` for collapsed/expanded and `>` for the selection.
    fn ascii(outline: &Outline, lib: &Library) -> String {
        let mut out = String::new();
        for (i, row) in outline.rows().iter().enumerate() {
            let mark = if i == outline.selected() { '>' } else { ' ' };
            let fold = match (row.has_children, row.expanded) {
                (false, _) => ' ',
                (true, true) => '-',
                (true, false) => '+',
            };
            let title = match row.node {
                Node::Paper(p) => lib.papers[p].meta.title.clone(),
                Node::Section(p, s) => lib.papers[p].sections[s].title.clone(),
            };
            out.push_str(&format!("{mark}{}{fold}{title}\n", "  ".repeat(row.depth)));
        }
        out
    }

    #[test]
    fn expand_collapse_and_parent_navigation() {
        let lib = library(&["# A\n## A1\n## A2\n# B\n", "# C\n"]);
        let mut o = Outline::new(&lib);
        assert_eq!(
            ascii(&o, &lib),
            ">-A\n   -A\n      A1\n      A2\n    B\n -C\n    C\n"
        );
        o.move_by(1);
        o.collapse(&lib);
        assert_eq!(ascii(&o, &lib), " -A\n>  +A\n    B\n -C\n    C\n");
        o.collapse(&lib);
        assert_eq!(
            o.selected(),
            0,
            "collapse on a collapsed node selects its parent"
        );
        o.move_by(1);
        o.expand(&lib);
        o.expand(&lib);
        assert_eq!(
            o.selected_node(),
            Some(Node::Section(0, 1)),
            "expand on an open node goes to its child"
        );
    }

    #[test]
    fn selecting_a_hidden_node_opens_its_ancestors() {
        let lib = library(&["# A\n## A1\n### A1a\n"]);
        let mut o = Outline::new(&lib);
        o.collapse(&lib);
        assert_eq!(o.rows().len(), 1);
        o.select(&lib, Node::Section(0, 2));
        assert_eq!(ascii(&o, &lib), " -A\n   -A\n     -A1\n>       A1a\n");
    }

    #[test]
    fn selection_is_clamped() {
        let lib = library(&["text\n"]);
        let mut o = Outline::new(&lib);
        o.move_by(-5);
        assert_eq!(o.selected(), 0);
        o.move_by(50);
        assert_eq!(o.selected(), 0);
    }
}
