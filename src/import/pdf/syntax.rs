//! PDF object syntax (ISO 32000-1 §7.3) parsed as lopdf's parser parses it: the same `Object`
//! values, so a document read by `load` converts exactly as one lopdf read.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// Arrays and dictionaries nest at most this deep (as lopdf allows).
const MAX_DEPTH: usize = 100;
/// Literal strings nest parentheses at most this deep (as lopdf allows).
const MAX_PARENS: usize = 100;

pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0C)
}

fn is_delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b)
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// PDF object syntax, parsed as lopdf's parser does (ISO 32000-1 §7.3).
pub(super) struct Parser<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn at(b: &'a [u8], pos: usize) -> Parser<'a> {
        Parser { b, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(super) fn byte(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.pos..).unwrap_or_default()
    }

    /// White space and comments.
    pub(super) fn space(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// `word` here, not followed by a regular character.
    pub(super) fn keyword(&mut self, word: &[u8]) -> bool {
        let rest = self.rest();
        if rest.starts_with(word) && rest.get(word.len()).is_none_or(|&c| !is_regular(c)) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn eol(&mut self) {
        if self.rest().starts_with(b"\r\n") {
            self.pos += 2;
        } else if matches!(self.peek(), Some(b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.b.get(start..self.pos).unwrap_or_default()
    }

    pub(super) fn unsigned(&mut self) -> Option<u64> {
        let d = self.digits();
        std::str::from_utf8(d).ok()?.parse().ok()
    }

    /// `N G obj … endobj` at the current place; a stream's `/Length` may be a reference, which
    /// `length` resolves.
    pub(super) fn indirect(
        &mut self,
        length: &dyn Fn(ObjectId) -> Option<i64>,
    ) -> Option<(ObjectId, Object)> {
        self.space();
        let number = u32::try_from(self.unsigned()?).ok()?;
        self.space();
        let generation = u16::try_from(self.unsigned()?).ok()?;
        self.space();
        if !self.keyword(b"obj") {
            return None;
        }
        self.space();
        let object = self.object(0)?;
        let id = (number, generation);
        let Object::Dictionary(dict) = object else {
            return Some((id, object));
        };
        if !self.keyword(b"stream") {
            return Some((id, Object::Dictionary(dict)));
        }
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        if !matches!(self.peek(), Some(b'\n' | b'\r')) {
            return None; // lopdf reads `stream` without a line end as no stream: leave it that
        }
        self.eol();
        let len = match dict.get(b"Length").ok()? {
            Object::Reference(r) => length(*r)?,
            other => other.as_i64().ok()?,
        };
        let len = usize::try_from(len).ok()?;
        let content = self.b.get(self.pos..self.pos.checked_add(len)?)?.to_vec();
        self.pos += len;
        self.eol();
        if !self.rest().starts_with(b"endstream") {
            return None; // a wrong length: left to lopdf, whatever it makes of it
        }
        Some((id, Object::Stream(Stream::new(dict, content))))
    }

    /// A direct object (references included), the white space after it consumed.
    pub(super) fn object(&mut self, depth: usize) -> Option<Object> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let object = match self.peek()? {
            b'/' => Object::Name(self.name()?),
            b'(' => {
                self.pos += 1;
                Object::string_literal(self.literal(MAX_PARENS)?)
            }
            b'<' if self.rest().starts_with(b"<<") => {
                self.pos += 2;
                self.space();
                let mut dict = Dictionary::new();
                while !self.rest().starts_with(b">>") {
                    let key = self.name()?;
                    self.space();
                    let value = self.object(depth + 1)?;
                    dict.set(key, value);
                }
                self.pos += 2;
                Object::Dictionary(dict)
            }
            b'<' => {
                self.pos += 1;
                self.hex()?
            }
            b'[' => {
                self.pos += 1;
                self.space();
                let mut items = Vec::new();
                while self.peek()? != b']' {
                    items.push(self.object(depth + 1)?);
                }
                self.pos += 1;
                Object::Array(items)
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number()?,
            _ if self.keyword(b"null") => Object::Null,
            _ if self.keyword(b"true") => Object::Boolean(true),
            _ if self.keyword(b"false") => Object::Boolean(false),
            _ => return None,
        };
        self.space();
        Some(object)
    }

    /// A reference (`12 0 R`), a real or an integer.
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        if self.peek()?.is_ascii_digit() {
            let number = self.unsigned().and_then(|n| u32::try_from(n).ok());
            let after = self.pos;
            self.space();
            let generation = self
                .peek()
                .filter(u8::is_ascii_digit)
                .and_then(|_| self.unsigned())
                .and_then(|g| u16::try_from(g).ok());
            if let (Some(n), Some(g)) = (number, generation) {
                self.space();
                if self.peek() == Some(b'R') {
                    self.pos += 1;
                    return Some(Object::Reference((n, g)));
                }
            }
            self.pos = after;
        }
        self.pos = start;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let whole = self.digits().len();
        let real = self.peek() == Some(b'.') && {
            self.pos += 1;
            let fraction = self.digits().len();
            whole > 0 || fraction > 0
        };
        let text = std::str::from_utf8(self.b.get(start..self.pos)?).ok()?;
        if real {
            text.parse().ok().map(Object::Real)
        } else if whole > 0 {
            text.parse().ok().map(Object::Integer)
        } else {
            None
        }
    }

    /// `/Name` with `#xx` escapes decoded.
    fn name(&mut self) -> Option<Vec<u8>> {
        if self.byte()? != b'/' {
            return None;
        }
        let mut out = Vec::new();
        while let Some(c) = self.peek().filter(|&c| is_regular(c)) {
            if c == b'#' {
                let hex = self.b.get(self.pos + 1..self.pos + 3)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                let text = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(text, 16).ok()?);
                self.pos += 3;
            } else {
                out.push(c);
                self.pos += 1;
            }
        }
        Some(out)
    }

    /// A literal string after its `(`, up to the matching `)`: escapes decoded, line ends kept
    /// as written, a backslash before a line end dropped with it.
    fn literal(&mut self, parens: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut open = 0usize;
        loop {
            match self.byte()? {
                b')' if open == 0 => return Some(out),
                b')' => {
                    open -= 1;
                    out.push(b')');
                }
                b'(' => {
                    open += 1;
                    if open > parens {
                        return None;
                    }
                    out.push(b'(');
                }
                b'\\' => match self.byte()? {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(0x08),
                    b'f' => out.push(0x0C),
                    b'\n' => {}
                    b'\r' => {
                        if self.peek() == Some(b'\n') {
                            self.pos += 1;
                        }
                    }
                    d @ b'0'..=b'7' => {
                        let mut v = u16::from(d - b'0');
                        for _ in 0..2 {
                            match self.peek() {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u16::from(d - b'0');
                                    self.pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v.to_le_bytes()[0]);
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
    }

    /// A hexadecimal string after its `<`: white space between digits skipped, an odd last
    /// digit read as `d0`.
    fn hex(&mut self) -> Option<Object> {
        let mut out = Vec::new();
        let mut high = true;
        loop {
            while self.peek().is_some_and(is_white) {
                self.pos += 1;
            }
            let c = self.byte()?;
            if c == b'>' {
                return Some(Object::String(out, StringFormat::Hexadecimal));
            }
            let v = u8::try_from(char::from(c).to_digit(16)?).ok()?;
            if high {
                out.push(v << 4);
            } else if let Some(last) = out.last_mut() {
                *last |= v;
            }
            high = !high;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Object> {
        Parser::at(text.as_bytes(), 0).object(0)
    }

    #[test]
    fn objects_parse_as_the_pdf_syntax_says() {
        assert_eq!(parse("12 0 R"), Some(Object::Reference((12, 0))));
        assert_eq!(parse("12 0"), Some(Object::Integer(12)));
        assert_eq!(parse("-.5"), Some(Object::Real(-0.5)));
        assert_eq!(parse("5."), Some(Object::Real(5.0)));
        assert_eq!(parse("/A#20B"), Some(Object::Name(b"A B".to_vec())));
        assert_eq!(
            parse(
                r"(a\(b\) (c) \101\n\
d)"
            ),
            Some(Object::string_literal(b"a(b) (c) A\nd".to_vec()))
        );
        assert_eq!(
            parse("<48 65 6c6C 6>"),
            Some(Object::String(b"Hell`".to_vec(), StringFormat::Hexadecimal))
        );
        let Some(Object::Dictionary(d)) = parse("<< /K [1 2 0 R null true] /V << /X false >> >>")
        else {
            panic!("not a dictionary");
        };
        assert_eq!(
            d.get(b"K").unwrap(),
            &Object::Array(vec![
                Object::Integer(1),
                Object::Reference((2, 0)),
                Object::Null,
                Object::Boolean(true)
            ])
        );
        assert_eq!(parse("[1 2"), None, "an array that never closes");
        assert_eq!(parse(&"[".repeat(200)), None, "too deep");
        assert_eq!(parse("(unterminated"), None);
        assert_eq!(parse("/A#+1"), None, "an escape is two hex digits");
        let no_line_end = b"4 0 obj << /Length 2 >> stream BT endstream endobj";
        assert_eq!(Parser::at(no_line_end, 0).indirect(&|_| None), None);
    }
}
