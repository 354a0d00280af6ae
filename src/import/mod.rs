//! Stand-in for the import layer's types (the integrator's `src/import/mod.rs` replaces this
//! file on merge): what a converter returns and how it fails.

pub mod pdf;

/// What a converter gives: a Markdown document (YAML front matter first) that `Paper::parse` reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The Markdown text.
    pub markdown: String,
    /// Problems worth telling the reader about.
    pub warnings: Vec<String>,
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Encrypted with a user password.
    #[error("needs a password to open")]
    Password,
    /// Only pictures of text.
    #[error("has no text layer (a scan?): run OCR first, e.g. `ocrmypdf in.pdf out.pdf`")]
    NoText,
    /// Broken beyond reading.
    #[error("is damaged: {0}")]
    Damaged(String),
    /// Some other format.
    #[error("is not a {expected} file: {found}")]
    WrongFormat {
        /// The format asked for.
        expected: &'static str,
        /// What the bytes look like.
        found: String,
    },
    /// Over a limit.
    #[error("is too large: {0}")]
    TooLarge(String),
    /// Not text.
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// Markdown escaping for converters: text → inline Markdown that renders as exactly that text.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '.' | ',' | ';' | ':' | '\'' | '"' | '/' | '?' | '%' | '=' | '@' | '$' | '^') {
            out.push('\\');
        }
        out.push(c);
    }
    // a line that starts like an ordered list item: `1.` → `1\.`
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with('.') {
        out.insert(digits, '\\');
    }
    out
}

/// A stable id from bytes: `PREFIX-` + 12 hex chars of a hash.
pub fn content_id(prefix: &str, bytes: &[u8]) -> String {
    // FNV-1a, 64 bits: a stand-in for the import layer's SHA-256
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{prefix}-{:012x}", h & 0xffff_ffff_ffff)
}

/// YAML front matter from metadata (double-quoted, escaped values; None fields left out).
#[derive(Debug, Default, Clone)]
pub struct FrontMatter {
    /// Stable id.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Where it came from.
    pub source: Option<String>,
    /// Licence or credit.
    pub attribution: Option<String>,
}

impl FrontMatter {
    /// `---\n...\n---\n\n`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("---\n");
        for (k, v) in [
            ("id", &self.id),
            ("title", &self.title),
            ("author", &self.author),
            ("publisher", &self.publisher),
            ("published", &self.published),
            ("source", &self.source),
            ("attribution", &self.attribution),
        ] {
            if let Some(v) = v {
                let esc: String = v.chars().filter(|c| !c.is_control()).collect::<String>().replace('\\', "\\\\").replace('"', "\\\"");
                out.push_str(&format!("{k}: \"{esc}\"\n"));
            }
        }
        out.push_str("---\n\n");
        out
    }
}
