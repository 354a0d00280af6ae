//! Upper bounds on skim scores used to skip work: how much one more pattern char can raise
//! the largest matrix value (the "ceiling") of a text.

use std::cmp::max;

use super::scan::{CharType, char_type, find_byte};
use super::skim::{BONUS_CAMEL, BONUS_CONSECUTIVE, BONUS_HEAD, SCORE_MATCH};

/// Bound on how much row `r` (> 0) of `pattern` can raise the largest M value of rows
/// `0..r`. A cell of the row is `match (<= 16) + max(M[r-1] + consecutive, P[r-1] + in_place)`
/// with `P <= M - 4` and `in_place <= 8` past the first column, so the skip path adds at most
/// 20 and the match path `16 + consecutive`, where `consecutive = max(4, in_place, left bonus)`
/// follows a match of char `r - 1`. That in-place bonus exceeds 4 only after a separator
/// (head/break: 8) or for an upper-case letter after a lower-case one (camel: 6); the left
/// bonus is non-zero only if char `r` also equals char `r - 1`, or equals char `r - 2j` (a
/// bonus left by an earlier row in the same physical matrix row, as skim reuses two rows).
pub(crate) fn row_growth(pattern: &[char], r: usize, case_sensitive: bool) -> i32 {
    row_growths(pattern, r, case_sensitive).1
}

/// [`row_growth`] as `(without camel, with camel)`: the first holds for texts in which char
/// `r` never occurs in upper case right after a lower-case letter or digit matching char
/// `r - 1` (see [`camel_possible`]).
pub(crate) fn row_growths(pattern: &[char], r: usize, case_sensitive: bool) -> (i32, i32) {
    let eq = |a: char, b: char| {
        if case_sensitive {
            a == b
        } else {
            a.eq_ignore_ascii_case(&b)
        }
    };
    let (prev, cur) = (pattern[r - 1], pattern[r]);
    let after_separator = matches!(
        char_type(prev),
        CharType::HardSep | CharType::SoftSep | CharType::Empty
    );
    let repeated = eq(prev, cur) || (0..r).rev().step_by(2).skip(1).any(|j| eq(pattern[j], cur));
    let base = if after_separator || repeated {
        BONUS_HEAD
    } else {
        BONUS_CONSECUTIVE
    };
    let camel = cur.is_ascii_alphabetic() && (!case_sensitive || cur.is_ascii_uppercase());
    let with_camel = if camel { max(base, BONUS_CAMEL) } else { base };
    (SCORE_MATCH + base, SCORE_MATCH + with_camel)
}

/// Whether `text` has `cur` in upper case right after a lower-case letter or digit that
/// matches `prev` (the only way the appended char `cur` can earn skim's camel bonus).
pub(crate) fn camel_possible(text: &str, prev: char, cur: char, case_sensitive: bool) -> bool {
    if !cur.is_ascii_alphabetic() || (case_sensitive && !cur.is_ascii_uppercase()) {
        return false;
    }
    let bytes = text.as_bytes();
    let upper = cur.to_ascii_uppercase() as u8;
    let mut from = 1;
    while let Some(at) = find_byte(bytes, from, upper, true) {
        let before = bytes[at - 1];
        let matches_prev = if case_sensitive {
            char::from(before) == prev
        } else {
            char::from(before).eq_ignore_ascii_case(&prev)
        };
        if matches_prev && (before.is_ascii_lowercase() || before.is_ascii_digit()) {
            return true;
        }
        from = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::search::skim::{Scratch, SkimPattern};
    use proptest::prelude::*;

    fn scores(text: &str, pattern: &str) -> Option<(i64, i32)> {
        let chars: Vec<char> = text.chars().collect();
        SkimPattern::new(pattern)
            .score_chars(&chars, i32::MIN, &mut Scratch::default())
            .map(|s| (i64::from(s.score), s.ceiling))
    }

    fn ceiling(text: &str, pattern: &str) -> Option<i32> {
        scores(text, pattern).map(|(_, c)| c)
    }

    fn ported(text: &str, pattern: &str) -> Option<i64> {
        scores(text, pattern).map(|(s, _)| s)
    }

    /// Letters separated by runs of filler, so rows' last matches sit far apart (a stale
    /// read of the second-to-last row then falls past where it reaches the last row).
    fn gapped() -> impl Strategy<Value = String> {
        let gap = prop_oneof![3 => 0usize..2, 1 => 20usize..40];
        prop::collection::vec(("[abcd .]", gap), 0..16).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(c, gap)| format!("{c}{}", "x".repeat(gap)))
                .collect()
        })
    }

    fn assert_append_bounded(text: &str, pattern: &str, extra: &str) -> Result<(), TestCaseError> {
        let longer = format!("{pattern}{extra}");
        let long = SkimPattern::new(&longer);
        // Same case rule on both sides (the narrowing path requires it).
        if long.case_sensitive() != SkimPattern::new(pattern).case_sensitive() {
            return Ok(());
        }
        let growth = long.last_growth_in(text);
        prop_assert!((20..=24).contains(&growth));
        if let (Some(c), Some(c2)) = (ceiling(text, pattern), ceiling(text, &longer)) {
            let s2 = ported(text, &longer).expect("matches");
            prop_assert!(
                c2 <= c + growth,
                "ceiling {} -> {} (growth {})",
                c,
                c2,
                growth
            );
            prop_assert!(
                s2 <= i64::from(c + growth),
                "score {} over {} + {}",
                s2,
                c,
                growth
            );
        }
        Ok(())
    }

    #[test]
    fn a_stale_read_past_the_reach_of_the_shorter_pattern_stays_bounded() {
        // "abcd" scores 43 through row 1's cell left of the new row ('b' at 32), past where
        // row 1 reaches the last row of "abc" (found by review; the ceiling was 18).
        let text = format!("xa{}bcbc abd", "x".repeat(30));
        assert_append_bounded(&text, "abc", "d").expect("bounded");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn appending_a_char_to_gapped_text_stays_under_the_ceiling_bound(
            text in gapped(),
            pattern in "[abcd]{2,6}",
            extra in "[abcd]",
        ) {
            assert_append_bounded(&text, &pattern, &extra)?;
        }

        #[test]
        fn appending_a_char_stays_under_the_ceiling_bound(
            text in "[abcAB _.1-]{0,60}",
            pattern in "[abcAB _.-]{1,8}",
            extra in "[abcAB _.-]",
        ) {
            let longer = format!("{pattern}{extra}");
            // Same case rule on both sides (the narrowing path requires it).
            let long = SkimPattern::new(&longer);
            prop_assume!(long.case_sensitive() == SkimPattern::new(&pattern).case_sensitive());
            let growth = long.last_growth_in(&text);
            prop_assert!((20..=24).contains(&growth));
            if let (Some(c), Some(c2)) = (ceiling(&text, &pattern), ceiling(&text, &longer)) {
                let s2 = ported(&text, &longer).expect("matches");
                prop_assert!(c2 <= c + growth, "ceiling {} -> {} (growth {})", c, c2, growth);
                prop_assert!(s2 <= i64::from(c + growth));
            }
        }

    }
}
