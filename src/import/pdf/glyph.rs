//! A glyph as the layout analysis sees it: a box on a page with its text, and the clean-up of
//! what PDF producers draw (ligatures, non-breaking spaces, control characters).

/// One drawn character, in page coordinates with y growing downwards (points from the top).
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width.
    pub w: f32,
    /// Font size as drawn (text matrix included).
    pub size: f32,
    /// Whether the text runs left to right horizontally (not rotated).
    pub upright: bool,
    /// The text the glyph stands for, already cleaned (see [`clean`]); may be a ligature's letters.
    pub text: String,
}

impl Glyph {
    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// A test glyph: `text` at (`x`, `y`) with the given size, each char `0.5 * size` wide.
    #[cfg(test)]
    pub fn at(x: f32, y: f32, size: f32, text: &str) -> Self {
        Self {
            x,
            y,
            w: 0.5 * size * text.chars().count() as f32,
            size,
            upright: true,
            text: text.to_string(),
        }
    }
}

/// The soft hyphen, kept through line building so hyphenation can see it, dropped afterwards.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Readable text for what a glyph decodes to: ligatures spelled out, every kind of space a
/// plain space, control, private-use and replacement characters dropped (a font without a
/// usable `ToUnicode` map gives those), soft hyphens kept for the hyphenation step.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\t'
            | '\n'
            | '\r' => out.push(' '),
            SOFT_HYPHEN => out.push(SOFT_HYPHEN),
            '\u{200b}'..='\u{200d}'
            | '\u{2060}'
            | '\u{feff}'
            | '\u{fffd}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => {}
            '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_spaces_and_controls_become_readable_text() {
        assert_eq!(clean("\u{fb01}nd \u{fb03}ce"), "find ffice");
        assert_eq!(clean("a\u{a0}b\u{2009}c"), "a b c");
        assert_eq!(clean("x\u{0}\u{7}\u{1b}y\u{fffd}\u{e001}\u{202e}"), "xy");
        assert_eq!(clean("secu\u{ad}"), "secu\u{ad}");
    }
}
