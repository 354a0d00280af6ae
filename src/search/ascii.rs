//! Case-insensitive searches on ASCII text in place (the index folds only non-ASCII text):
//! the folded query's chars against the text ignoring ASCII case, with SIMD byte scans.

use memchr::{memchr, memchr2};

/// Byte offset of the first byte at or after `from` equal to the lowercase ASCII `lower`,
/// ignoring ASCII case.
fn find_byte(hay: &[u8], from: usize, lower: u8) -> Option<usize> {
    let rest = hay.get(from..)?;
    let found = if lower.is_ascii_lowercase() {
        memchr2(lower, lower.to_ascii_uppercase(), rest)
    } else {
        memchr(lower, rest)
    };
    found.map(|i| from + i)
}

/// Whether `folded` (a folded term's chars) occurs in order in ASCII `hay`, ignoring ASCII
/// case: what the prefilter on a folded copy of `hay` would answer.
pub(crate) fn subsequence(hay: &[u8], folded: &[char]) -> bool {
    let mut at = 0;
    for &c in folded {
        if !c.is_ascii() {
            return false;
        }
        match find_byte(hay, at, c as u8) {
            Some(i) => at = i + 1,
            None => return false,
        }
    }
    true
}

/// Byte offset of the first occurrence of `needle` (folded, so lowercase where ASCII) in
/// ASCII `hay`, ignoring ASCII case; a needle with non-ASCII chars never occurs.
pub(crate) fn find(hay: &[u8], needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    if !needle.is_ascii() {
        return None;
    }
    let mut at = 0;
    while let Some(i) = find_byte(hay, at, first) {
        let end = i + needle.len();
        if end > hay.len() {
            return None;
        }
        if hay[i + 1..end].eq_ignore_ascii_case(rest) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::fold;
    use proptest::prelude::*;

    fn folded_subsequence(folded: &str, chars: &[char]) -> bool {
        crate::search::matching::prefilter(folded, chars)
    }

    #[test]
    fn examples() {
        assert!(subsequence(b"North Korea's RGB", &['n', 'k', 'r', 'g']));
        assert!(!subsequence(b"North Korea", &['k', 'n']));
        assert!(!subsequence(b"North", &['n', 'ö']));
        assert_eq!(find(b"The ROK Government", "rok g"), Some(4));
        assert_eq!(find(b"The ROK Government", "government!"), None);
        assert_eq!(find(b"abc", ""), Some(0));
        assert_eq!(find(b"abc", "ü"), None);
    }

    proptest! {
        #[test]
        fn in_place_equals_folded_copy(
            hay in "[a-dA-D .'^$!K-]{0,40}",
            needle in "[a-dA-D .'^$!\u{212a}ü-]{0,6}",
        ) {
            let folded_hay = fold(&hay);
            let folded_needle = fold(&needle);
            let chars: Vec<char> = folded_needle.chars().collect();
            prop_assert_eq!(
                subsequence(hay.as_bytes(), &chars),
                folded_subsequence(&folded_hay, &chars)
            );
            prop_assert_eq!(
                find(hay.as_bytes(), &folded_needle),
                folded_hay.find(folded_needle.as_str())
            );
        }
    }
}
