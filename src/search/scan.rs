//! Char classes and text scanning for the skim port: the units scored (ASCII bytes or
//! chars), skim's character types, vector (memchr) searches over bytes, and each unit's
//! 64-position match masks for the bitmaps (see [`Unit::mask`]).

use super::bits::byte_mask;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

pub(crate) const fn char_type(ch: char) -> CharType {
    match ch {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

const BYTE_TYPES: [CharType; 256] = {
    let mut table = [CharType::Lower; 256];
    let mut i = 0;
    while i < 128 {
        table[i] = char_type(i as u8 as char);
        i += 1;
    }
    table
};

/// A text unit the scorer walks: a byte of ASCII text or a decoded char.
pub(crate) trait Unit: Copy + Eq {
    /// skim's character class.
    fn kind(self) -> CharType;
    /// ASCII lowercase (identity outside ASCII), as skim's case-insensitive comparison uses.
    fn ascii_lower(self) -> Self;
    /// Index of the first unit at or after `from` equal to `p` (`p_lower` ignoring ASCII case).
    fn find(
        choice: &[Self],
        from: usize,
        p: Self,
        p_lower: Self,
        case_sensitive: bool,
    ) -> Option<usize>;
    /// Bitmap of the units of `choice[start..]` (at most 64) that match, unit `start` in
    /// bit 0.
    fn mask(choice: &[Self], start: usize, p: Self, p_lower: Self, case_sensitive: bool) -> u64;
}

/// The bytes a pattern byte matches under skim's case rule.
enum Probe {
    One(u8),
    Two(u8, u8),
}

#[inline]
fn byte_probe(p: u8, p_lower: u8, case_sensitive: bool) -> Probe {
    if case_sensitive {
        Probe::One(p)
    } else if p_lower.is_ascii_lowercase() {
        Probe::Two(p_lower, p_lower.to_ascii_uppercase())
    } else {
        Probe::One(p_lower)
    }
}

impl Unit for u8 {
    #[inline]
    fn kind(self) -> CharType {
        BYTE_TYPES[usize::from(self)]
    }
    #[inline]
    fn ascii_lower(self) -> Self {
        self.to_ascii_lowercase()
    }
    /// With memchr's vector search: a letter matched case-insensitively is either of its two
    /// cases (only those two bytes lowercase to it), anything else is itself.
    #[inline]
    fn find(choice: &[u8], from: usize, p: u8, p_lower: u8, case_sensitive: bool) -> Option<usize> {
        let rest = choice.get(from..)?;
        let found = match byte_probe(p, p_lower, case_sensitive) {
            Probe::One(b) => memchr::memchr(b, rest),
            Probe::Two(lower, upper) => memchr::memchr2(lower, upper, rest),
        };
        found.map(|i| from + i)
    }
    /// Sixteen bytes at a time (see [`byte_mask`]); a letter ignoring case is compared with
    /// its case bit set.
    #[inline]
    fn mask(choice: &[u8], start: usize, p: u8, p_lower: u8, case_sensitive: bool) -> u64 {
        match byte_probe(p, p_lower, case_sensitive) {
            Probe::One(b) => byte_mask(choice, start, b, 0),
            Probe::Two(lower, _) => byte_mask(choice, start, lower, 0x20),
        }
    }
}

impl Unit for char {
    #[inline]
    fn kind(self) -> CharType {
        char_type(self)
    }
    #[inline]
    fn ascii_lower(self) -> Self {
        self.to_ascii_lowercase()
    }
    #[inline]
    fn find(
        choice: &[char],
        from: usize,
        p: char,
        p_lower: char,
        case_sensitive: bool,
    ) -> Option<usize> {
        let rest = choice.get(from..)?;
        rest.iter()
            .position(|&c| equal(c, p, p_lower, case_sensitive))
            .map(|i| from + i)
    }
    #[inline]
    fn mask(choice: &[char], start: usize, p: char, p_lower: char, case_sensitive: bool) -> u64 {
        (choice.iter().skip(start).take(64).enumerate())
            .filter(|&(_, &c)| equal(c, p, p_lower, case_sensitive))
            .fold(0, |mask, (i, _)| mask | 1 << i)
    }
}

/// First index at or after `from` of the ASCII char `p` in `bytes` (any UTF-8 text: bytes of
/// multi-byte chars never match), under skim's case rule.
pub(crate) fn find_byte(bytes: &[u8], from: usize, p: u8, case_sensitive: bool) -> Option<usize> {
    <u8 as Unit>::find(bytes, from, p, p.to_ascii_lowercase(), case_sensitive)
}

/// Writes `text` as one byte per char for ASCII patterns: every non-ASCII char becomes 0x80,
/// which skim classes like any non-ASCII char (lower case) and which equals no ASCII char,
/// so scores are unchanged.
pub(crate) fn squash(text: &str, out: &mut Vec<u8>) {
    out.clear();
    out.extend(
        text.bytes()
            .filter(|&b| !(0x80..0xC0).contains(&b))
            .map(|b| b.min(0x80)),
    );
}

#[inline]
fn equal<U: Unit>(c: U, p: U, p_lower: U, case_sensitive: bool) -> bool {
    if case_sensitive {
        c == p
    } else {
        c.ascii_lower() == p_lower
    }
}
