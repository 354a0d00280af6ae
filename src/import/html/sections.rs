//! Titled sections the article extractor would take for page furniture. Readability drops any
//! element whose `id` or `class` reads like a site's chrome (`related`, `menu`, `remark`,
//! `footer`, …), but documentation generators (Sphinx, docutils, pandoc) name each section after
//! its heading: "Related documents" becomes `<section id="related-documents">`, and the Debian
//! Policy Manual lost that section and "Remarks" to the extractor. An `id` that is its own
//! heading's text says what the section is titled, not what the box is for, so it is hidden from
//! the extractor while it runs and put back after; a `class` still counts (a comments box keeps
//! `class="comments"` and stays out).

use dom_query::{Document, NodeRef};

use super::markdown::name_of;

/// Where a section's `id` waits while the extractor runs.
const HIDDEN_ID: &str = "data-dossier-section-id";

/// Text a section holds besides its heading, at least, to count as one (an empty "Comments"
/// box under its heading is not a section of the document).
const MIN_BODY_CHARS: usize = 40;

/// Hides the `id` of every `<section>` or `<div>` whose first child element is a heading that
/// the `id` spells (words compared lower-cased; the heading's leading section number and a
/// trailing `-2` of the `id` aside) and which holds text besides it. Returns how many were
/// hidden.
pub fn hide_titled_ids(doc: &Document) -> usize {
    let mut hidden = 0;
    for node in doc.select("section[id], div[id]").nodes() {
        let Some(id) = node.attr("id") else { continue };
        let Some(heading) = heading_of(node) else {
            continue;
        };
        let title = heading.text();
        if spells(&id, &title) && has_body(node, non_space_chars(&title)) {
            node.set_attr(HIDDEN_ID, &id);
            node.remove_attr("id");
            hidden += 1;
        }
    }
    hidden
}

/// Puts back the `id`s [`hide_titled_ids`] hid, below `root`.
pub fn restore_ids(root: &NodeRef) {
    let hidden: Vec<NodeRef> = root
        .descendants_it()
        .filter(|n| n.has_attr(HIDDEN_ID))
        .collect();
    for node in hidden {
        if let Some(id) = node.attr(HIDDEN_ID) {
            node.set_attr("id", &id);
            node.remove_attr(HIDDEN_ID);
        }
    }
}

/// The heading a section starts with: its first child element, past empty anchors (Sphinx puts
/// `<span id="s-related"></span>` before the heading).
fn heading_of<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.children_it(false)
        .filter(NodeRef::is_element)
        .find(|c| !(matches!(name_of(c).as_str(), "span" | "a") && c.text().trim().is_empty()))
        .filter(|c| matches!(name_of(c).as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// The lower-cased alphanumeric words of `text`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Nodes looked at for a section's text: enough for any real section's first paragraph, and a
/// bound on hostile pages (nested sections each titled by their `id`).
const MAX_BODY_NODES: usize = 2_000;

/// Whether `section` holds [`MIN_BODY_CHARS`] of text besides its heading's `heading` chars,
/// within its first [`MAX_BODY_NODES`] nodes.
fn has_body(section: &NodeRef, heading: usize) -> bool {
    let mut chars = 0;
    for node in section.descendants_it().take(MAX_BODY_NODES) {
        if node.is_text() {
            chars += non_space_chars(&node.text());
            if chars >= heading + MIN_BODY_CHARS {
                return true;
            }
        }
    }
    false
}

fn non_space_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn numeric(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `id` is the heading's text as a generator writes it: "related-documents" for
/// "1.4. Related documents¶", "remarks-1" for a second "Remarks".
fn spells(id: &str, heading: &str) -> bool {
    let title = words(heading);
    let title: Vec<&String> = title.iter().skip_while(|w| numeric(w)).collect();
    if title.is_empty() {
        return false;
    }
    let id = words(id);
    let id: Vec<&String> = id.iter().skip_while(|w| numeric(w)).collect();
    let id = match id.split_last() {
        Some((last, rest)) if numeric(last) && rest.len() == title.len() => rest,
        _ => &id[..],
    };
    id == &title[..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_that_spells_its_heading_is_a_title() {
        assert!(spells("related-documents", "1.4. Related documents¶"));
        assert!(spells("remarks-1", "5.6.31.1. Remarks"));
        assert!(spells("Menus", "Menus"));
        assert!(spells("2023-in-review", "2023 in review"));
        assert!(!spells("comments", "There are 13 comments"));
        assert!(!spells("jp-relatedposts", "Related"));
        assert!(!spells("related", "1.4."));
        assert!(!spells("related-2-3", "Related"));
    }

    #[test]
    fn hidden_ids_come_back() {
        let doc = Document::from(
            "<body><section id='related-documents'><span id='s-related'></span>\
             <h2>1.4. Related documents</h2><p>Other documents explain the rest of the policy and its procedures.</p></section>\
             <div id='related'><h3>More to read</h3><p>Ten other stories you might like.</p></div>\
             <figure id='comments'><h2>Comments</h2><p>Comments written by readers.</p></figure>\
             <div id='remarks'><h2>Remarks</h2><div id='disqus_thread'></div></div>\
             <div id='menu'><p>Menu</p></div></body>",
        );
        assert_eq!(hide_titled_ids(&doc), 1);
        assert!(doc.select("#related-documents").is_empty());
        assert!(
            doc.select("#related").exists(),
            "a box named for its role keeps its id"
        );
        restore_ids(&doc.root());
        assert!(doc.select("section#related-documents").exists());
        assert!(doc.select("[data-dossier-section-id]").is_empty());
    }
}
