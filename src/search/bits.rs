//! Match bitmaps for the skim port: for each pattern unit, the text positions it matches, as
//! 64-bit words with running bit counts, so the scorer finds a row's matches, tests a cell
//! and locates it among the row's matches in constant time, without branching on the text.

use wide::u8x16;

use super::scan::Unit;

/// One bitmap row per pattern unit over one text; row `r` has bit `x` set when the text's
/// unit `x` is a matrix cell of row `r` (it matches pattern unit `r` at or after the row's
/// first column). Reused between texts.
#[derive(Default)]
pub(crate) struct Bits {
    /// Words per row: `len / 64 + 1`, so position `len` (one past the text) can be tested.
    width: usize,
    /// `words[r * width + w]`: row `r`'s positions `64w..64w + 64`.
    words: Vec<Word>,
    /// Every row's set positions, row after row, ascending within a row; the first `len`
    /// are valid (the rest is room for branch-free writes).
    positions: Vec<u32>,
    len: usize,
    /// `spans[r]`: row `r`'s range in `positions`.
    spans: Vec<(usize, usize)>,
}

/// Set bits of each byte value.
const BYTE_ONES: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = (i as u8).count_ones() as u8;
        i += 1;
    }
    table
};

/// 64 positions of a bitmap row, with what a rank needs.
#[derive(Clone, Copy, Default)]
struct Word {
    bits: u64,
    /// Byte `g` holds the number of set bits below byte `g`: with it and a table, a rank
    /// needs no population count (the baseline x86-64 target has no instruction for one,
    /// and its software version costs about ten operations).
    bytes_below: u64,
    /// Set bits of the row before this word.
    rank: u32,
}

impl Bits {
    /// Forgets every row and prepares for a text of `len` units.
    pub(crate) fn reset(&mut self, len: usize) {
        self.words.clear();
        self.spans.clear();
        self.len = 0;
        self.width = len / 64 + 1;
    }

    /// Adds the next row (rows are numbered from 0 in the order added): the matches of
    /// pattern unit `p` (`p_lower` ignoring case) in `choice` (the text given to
    /// [`reset`](Self::reset)) at or after `from`. `same` is an earlier row of the same unit,
    /// whose matches are then copied rather than searched again. Returns the first match, or
    /// `None` if there is none.
    pub(crate) fn push_row<U: Unit>(
        &mut self,
        choice: &[U],
        from: usize,
        (p, p_lower, case_sensitive): (U, U, bool),
        same: Option<usize>,
    ) -> Option<usize> {
        let width = self.width;
        let base = self.words.len();
        self.words.resize(base + width, Word::default());
        let first_word = from / 64;
        let mut count = 0;
        let mut first = None;
        for w in 0..width {
            let mut word = 0;
            if w >= first_word {
                // An earlier row started before `from`, so its words from here are complete.
                word = if let Some(row) = same {
                    self.words[row * width + w].bits
                } else {
                    U::mask(choice, w * 64, p, p_lower, case_sensitive)
                };
                if w == first_word {
                    word &= u64::MAX << (from % 64);
                }
                if first.is_none() && word != 0 {
                    first = Some(w * 64 + word.trailing_zeros() as usize);
                }
            }
            let ones = byte_ones(word);
            self.words[base + w] = Word {
                bits: word,
                bytes_below: ones.wrapping_mul(ONES << 8),
                rank: count,
            };
            count += (ones.wrapping_mul(ONES) >> 56) as u32;
        }
        first
    }

    /// The last cell of row `r` at or before position `x`.
    pub(crate) fn last_at_most(&self, r: usize, x: usize) -> Option<usize> {
        let words = &self.words[r * self.width..][..=x / 64];
        let (last, earlier) = words.split_last()?;
        let last = last.bits & (u64::MAX >> (63 - x % 64));
        if last != 0 {
            return Some(x / 64 * 64 + 63 - last.leading_zeros() as usize);
        }
        let w = earlier.iter().rposition(|word| word.bits != 0)?;
        Some(w * 64 + 63 - earlier[w].bits.leading_zeros() as usize)
    }

    /// Lists row `r`'s cells at or before position `to`, for [`row`](Self::row); it has
    /// none before `from`. Rows are listed in order from 0, after all were added.
    pub(crate) fn list_row(&mut self, r: usize, from: usize, to: usize) {
        let start = self.len;
        for w in from / 64..=to / 64 {
            let mut word = self.words[r * self.width + w].bits;
            if w == to / 64 {
                word &= u64::MAX >> (63 - to % 64);
            }
            self.flatten(w, word);
        }
        self.spans.push((start, self.len));
    }

    /// Appends the set positions of `word` (word `w` of a row). The first eight are written
    /// unconditionally, so a typical word costs no unpredictable branch.
    #[inline]
    fn flatten(&mut self, w: usize, mut word: u64) {
        let n = (byte_ones(word).wrapping_mul(ONES) >> 56) as usize;
        if self.positions.len() < self.len + 64 {
            self.positions.resize(self.len + 64, 0);
        }
        let out = &mut self.positions[self.len..self.len + 64];
        let base = (w * 64) as u32;
        let mut put = |slot: &mut u32| {
            *slot = base + word.trailing_zeros();
            word &= word.wrapping_sub(1);
        };
        out[..8].iter_mut().for_each(&mut put);
        if n > 8 {
            out[8..n].iter_mut().for_each(put);
        }
        self.len += n;
    }

    /// Row `r`'s listed cell positions, ascending, and the index of the first in the
    /// numbering of all listed cells (rows in order).
    #[inline]
    pub(crate) fn row(&self, r: usize) -> (usize, &[u32]) {
        let (start, end) = self.spans[r];
        (start, &self.positions[start..end])
    }

    /// Whether position `x` (at most the text's length) is a cell of row `r`.
    #[inline]
    pub(crate) fn has(&self, r: usize, x: usize) -> bool {
        self.words[r * self.width + x / 64].bits >> (x % 64) & 1 == 1
    }

    /// Whether some position `x` is a cell of row 0, `x + 1` of row 1, and so on for the
    /// first `rows` rows: the pattern's units match consecutive units of the text (vacuously
    /// true for no rows; the scorer asks only for patterns of two or more).
    pub(crate) fn has_run(&self, rows: usize) -> bool {
        let bits =
            |r: usize, w: usize| (w < self.width).then(|| self.words[r * self.width + w].bits);
        // Row r's bits from position 64w + r on, so that bit i of each lines up.
        let from = |r: usize, w: usize| {
            let (skip, shift) = (w + r / 64, r % 64);
            let low = bits(r, skip).unwrap_or(0);
            let high = bits(r, skip + 1).unwrap_or(0);
            if shift == 0 {
                low
            } else {
                (low >> shift) | (high << (64 - shift))
            }
        };
        (0..self.width).any(|w| (0..rows).fold(u64::MAX, |run, r| run & from(r, w)) != 0)
    }

    /// [`has`](Self::has) and [`below`](Self::below) together.
    #[inline]
    pub(crate) fn locate(&self, r: usize, x: usize) -> (bool, usize) {
        self.row_words(r).locate(x)
    }

    /// Row `r`'s words, for repeated lookups in one row.
    #[inline]
    pub(crate) fn row_words(&self, r: usize) -> RowWords<'_> {
        RowWords(&self.words[r * self.width..][..self.width])
    }

    /// How many cells all rows have listed (see [`list_row`](Self::list_row)).
    pub(crate) fn listed(&self) -> usize {
        self.len
    }

    /// Number of row `r`'s cells before position `x` (at most the text's length): the index
    /// of the cell at `x`, if any, among the row's cells.
    #[inline]
    pub(crate) fn below(&self, r: usize, x: usize) -> usize {
        self.locate(r, x).1
    }
}

/// One bitmap row's words (see [`Bits::row_words`]).
#[derive(Clone, Copy)]
pub(crate) struct RowWords<'a>(&'a [Word]);

impl RowWords<'_> {
    /// Whether position `x` is a cell of the row, and how many cells precede it.
    #[inline]
    pub(crate) fn locate(self, x: usize) -> (bool, usize) {
        let word = self.0[x / 64];
        let shift = (x % 64) & !7;
        let byte = (word.bits >> shift) as u8;
        let in_byte = BYTE_ONES[usize::from(byte & !(u8::MAX << (x % 8)))];
        let in_word = (word.bytes_below >> shift) as u8 + in_byte;
        (
            byte >> (x % 8) & 1 == 1,
            word.rank as usize + usize::from(in_word),
        )
    }
}

/// Bitmap of the bytes of `text[start..]` (at most 64) equal to `needle`, or with `fold`
/// (0x20 for a letter matched ignoring case, else 0) set equal to it, sixteen bytes at a
/// time. A last group shorter than sixteen is read as the text's last sixteen bytes when
/// there are that many (copying it into a padded buffer would stall the load).
#[inline]
pub(crate) fn byte_mask(text: &[u8], start: usize, needle: u8, fold: u8) -> u64 {
    let needle = u8x16::splat(needle);
    let fold = u8x16::splat(fold);
    let group_mask = |bytes: &[u8]| {
        let bytes: [u8; 16] = bytes.try_into().expect("sixteen bytes");
        u64::from((u8x16::new(bytes) | fold).simd_eq(needle).to_bitmask())
    };
    let end = text.len().min(start + 64);
    let mut mask = 0;
    let mut at = start;
    while at + 16 <= end {
        mask |= group_mask(&text[at..at + 16]) << (at - start);
        at += 16;
    }
    let rest = end - at;
    if rest > 0 {
        let bits = if end >= 16 {
            group_mask(&text[end - 16..end]) >> (16 - rest)
        } else {
            let mut bytes = [0; 16];
            bytes[..rest].copy_from_slice(&text[at..end]);
            // Padding bytes may equal a zero needle: keep the text's bits only.
            group_mask(&bytes) & ((1 << rest) - 1)
        };
        mask |= bits << (at - start);
    }
    mask
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The number of set bits of each byte of `word`, in that byte.
#[inline]
fn byte_ones(word: u64) -> u64 {
    let pairs = word - ((word >> 1) & 0x5555_5555_5555_5555);
    let nibbles = (pairs & 0x3333_3333_3333_3333) + ((pairs >> 2) & 0x3333_3333_3333_3333);
    (nibbles + (nibbles >> 4)) & 0x0f0f_0f0f_0f0f_0f0f
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(text: &[u8], start: usize, needle: u8, fold: u8) -> u64 {
        (text.iter().enumerate().skip(start).take(64))
            .filter(|&(_, &b)| b | fold == needle)
            .fold(0, |m, (i, _)| m | 1 << (i - start))
    }

    proptest! {
        #[test]
        fn byte_mask_marks_exactly_the_equal_bytes(
            chunk in proptest::collection::vec(any::<u8>(), 0..=150),
            start in 0usize..150,
            needle in any::<u8>(),
            fold in prop_oneof![Just(0u8), Just(0x20u8)],
        ) {
            // Also with the needle planted, so matches are not rare.
            let mut planted = chunk.clone();
            for b in planted.iter_mut().step_by(3) {
                *b = needle;
            }
            for c in [&chunk, &planted] {
                let start = start.min(c.len());
                prop_assert_eq!(byte_mask(c, start, needle, fold), naive(c, start, needle, fold));
            }
        }

        #[test]
        fn rows_rank_and_iterate_their_cells(
            text in "[ab]{0,300}",
            from in 0usize..320,
            to in 0usize..320,
        ) {
            let bytes = text.as_bytes();
            let mut bits = Bits::default();
            bits.reset(bytes.len());
            let first = bits.push_row(bytes, from, (b'a', b'a', true), None);
            let cells: Vec<usize> = (from..bytes.len()).filter(|&x| bytes[x] == b'a').collect();
            prop_assert_eq!(first, cells.first().copied());
            for x in 0..=bytes.len() {
                let below = cells.iter().filter(|&&c| c < x).count();
                prop_assert_eq!(bits.has(0, x), cells.contains(&x));
                prop_assert_eq!(bits.below(0, x), below);
                prop_assert_eq!(bits.locate(0, x), (cells.contains(&x), below));
                let last = cells.iter().rev().find(|&&c| c <= x).copied();
                prop_assert_eq!(bits.last_at_most(0, x), last);
            }
            let run = bytes.windows(2).enumerate().any(|(x, pair)| {
                x >= from && pair == b"ab"
            });
            let mut two = Bits::default();
            two.reset(bytes.len());
            two.push_row(bytes, from, (b'a', b'a', true), None);
            two.push_row(bytes, from, (b'b', b'b', true), None);
            prop_assert_eq!(two.has_run(2), run);
            let to = to.min(bytes.len().saturating_sub(1));
            bits.list_row(0, from.min(to), to);
            let listed: Vec<usize> = bits.row(0).1.iter().map(|&x| x as usize).collect();
            let expected: Vec<usize> = cells.iter().copied().filter(|&c| c <= to).collect();
            prop_assert_eq!(listed, expected);
        }
    }
}
