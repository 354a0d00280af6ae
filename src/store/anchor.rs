//! Edit-surviving anchors: a place in a paper described by section path, block index and a quote.

use serde::{Deserialize, Serialize};

/// Characters of quoted text kept in [`Anchor::exact`].
pub const QUOTE_CHARS: usize = 32;
/// Characters of context kept on each side of the quote ([`Anchor::prefix`], [`Anchor::suffix`]).
pub const CONTEXT_CHARS: usize = 16;

/// A place in a paper that can be found again after the paper is edited.
///
/// The quote fields follow the W3C `TextQuoteSelector`: `prefix + exact + suffix` is a contiguous
/// slice of the block's text at capture time. A field shorter than its nominal length means the
/// block started (for `prefix`) or ended (for `suffix`) there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Id of the paper the anchor belongs to.
    pub paper: String,
    /// Slug path of the enclosing section, from the root heading down.
    pub section: Vec<String>,
    /// Index of the block in the paper at capture time.
    pub block: u32,
    /// Up to [`CONTEXT_CHARS`] characters just before the quote, within the block.
    pub prefix: String,
    /// Up to [`QUOTE_CHARS`] characters of quoted text, starting at `offset`.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters just after the quote, within the block.
    pub suffix: String,
    /// Byte offset of `exact` in the block's text at capture time.
    pub offset: u32,
}

/// One block of the current document, as seen by [`resolve()`](crate::store::resolve()).
/// Its index in the slice passed to `resolve` is its block index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorBlock<'a> {
    /// Slug path of the enclosing section, from the root heading down.
    pub section: &'a [String],
    /// The block's text (the same text [`Anchor::capture`] was given).
    pub text: &'a str,
}

/// Where an anchor landed in the current document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// The quoted text was found unchanged.
    Exact {
        /// Block index.
        block: u32,
        /// Byte offset of the quote in that block's text.
        offset: u32,
    },
    /// Text similar to the quote was found near the old place.
    Approximate {
        /// Block index.
        block: u32,
        /// Byte offset of the best matching window in that block's text.
        offset: u32,
    },
    /// The quote is gone but its section still exists; this is its first block.
    SectionStart {
        /// Block index.
        block: u32,
    },
    /// Neither the quote nor the section could be found.
    Orphaned,
}

impl Resolution {
    /// The block to show, if the anchor was placed at all.
    pub fn block(self) -> Option<u32> {
        match self {
            Self::Exact { block, .. }
            | Self::Approximate { block, .. }
            | Self::SectionStart { block } => Some(block),
            Self::Orphaned => None,
        }
    }

    /// Whether the place was found exactly (the UI may mark the others as approximate).
    pub fn is_exact(self) -> bool {
        matches!(self, Self::Exact { .. })
    }
}

impl Anchor {
    /// Captures an anchor at byte `offset` of `block_text` (clamped to the text and moved back to
    /// a char boundary). The quote starts at that offset; when fewer than [`QUOTE_CHARS`]
    /// characters follow, it starts earlier so it is as long as the block allows, and `offset`
    /// records where it actually starts.
    pub fn capture(
        paper: &str,
        section_path: &[String],
        block: u32,
        block_text: &str,
        offset: usize,
    ) -> Anchor {
        let mut start = floor_char_boundary(block_text, offset);
        let mut end = advance_chars(block_text, start, QUOTE_CHARS);
        if block_text[start..end].chars().count() < QUOTE_CHARS {
            start = back_chars(block_text, end, QUOTE_CHARS);
            end = advance_chars(block_text, start, QUOTE_CHARS);
        }
        let prefix_start = back_chars(block_text, start, CONTEXT_CHARS);
        let suffix_end = advance_chars(block_text, end, CONTEXT_CHARS);
        Anchor {
            paper: paper.to_owned(),
            section: section_path.to_vec(),
            block,
            prefix: block_text[prefix_start..start].to_owned(),
            exact: block_text[start..end].to_owned(),
            suffix: block_text[end..suffix_end].to_owned(),
            offset: u32::try_from(start).unwrap_or(u32::MAX),
        }
    }
}

/// The largest char boundary of `text` not after `index` (clamped to the text length).
pub(super) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte index `count` characters after char boundary `from` (or the end of the text).
fn advance_chars(text: &str, from: usize, count: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The byte index `count` characters before char boundary `to` (or 0).
fn back_chars(text: &str, to: usize, count: usize) -> usize {
    if count == 0 {
        return to;
    }
    text[..to]
        .char_indices()
        .rev()
        .nth(count - 1)
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn capture_takes_quote_and_context_around_offset() {
        let text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let a = Anchor::capture("p", &path(&["intro"]), 3, text, 20);
        assert_eq!(a.prefix, "456789abcdefghij");
        assert_eq!(a.exact, "klmnopqrstuvwxyzABCDEFGHIJKLMNOP");
        assert_eq!(a.suffix, "QRSTUVWXYZ012345");
        assert_eq!(a.offset, 20);
        assert_eq!(a.block, 3);
        assert_eq!(a.section, path(&["intro"]));
    }

    #[test]
    fn capture_is_char_boundary_safe_with_multibyte_text() {
        let text = "Ünïcödé — “quoted” text with ñ and 漢字 and emoji 🎉 everywhere in it, yes.";
        for offset in 0..=text.len() + 3 {
            let a = Anchor::capture("p", &[], 0, text, offset);
            let joined = format!("{}{}{}", a.prefix, a.exact, a.suffix);
            assert!(text.contains(&joined), "offset {offset}");
            assert_eq!(&text[a.offset as usize..][..a.exact.len()], a.exact);
            assert_eq!(a.exact.chars().count(), QUOTE_CHARS);
        }
    }

    #[test]
    fn capture_near_block_end_moves_quote_back() {
        let text = "a short block of text that ends here soon";
        let a = Anchor::capture("p", &[], 0, text, text.len());
        assert_eq!(a.exact.chars().count(), QUOTE_CHARS);
        assert!(text.ends_with(&a.exact));
        assert_eq!(a.suffix, "");
        assert_eq!(a.offset as usize, text.len() - a.exact.len());
    }

    #[test]
    fn capture_of_short_and_empty_blocks() {
        let a = Anchor::capture("p", &[], 0, "Notes", 2);
        assert_eq!(
            (a.prefix.as_str(), a.exact.as_str(), a.suffix.as_str()),
            ("", "Notes", "")
        );
        assert_eq!(a.offset, 0);
        let e = Anchor::capture("p", &[], 0, "", 9);
        assert_eq!((e.exact.as_str(), e.offset), ("", 0));
    }
}
