//! The block model a paper is parsed into: leaf blocks with styled text and their containers.

use std::ops::Range;

/// Inline style flags of a run of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Inline(u8);

impl Inline {
    /// Plain text.
    pub const PLAIN: Self = Self(0);
    /// `*emphasis*`.
    pub const EMPHASIS: Self = Self(1);
    /// `**strong**`.
    pub const STRONG: Self = Self(2);
    /// `~~strikethrough~~`.
    pub const STRIKE: Self = Self(4);
    /// `` `code` ``.
    pub const CODE: Self = Self(8);
    /// The text of a link.
    pub const LINK: Self = Self(16);
    /// A footnote reference.
    pub const FOOTNOTE: Self = Self(32);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Both sets of flags.
    #[must_use]
    pub fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether no flag is set.
    pub fn is_plain(self) -> bool {
        self.0 == 0
    }
}

/// A styled run of a block's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte range in [`Block::text`].
    pub range: Range<usize>,
    /// Its style.
    pub style: Inline,
    /// Index into [`crate::document::Paper::links`] when the run is a link or footnote reference.
    pub link: Option<u32>,
}

/// A link target found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (`https://…`, `#slug`, `other.md#slug`), or the footnote label.
    pub dest: String,
    /// Whether this is a footnote reference rather than a link.
    pub footnote: bool,
}

/// What holds a block: a quote, a list item or a footnote definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// A block quote.
    Quote,
    /// A list item with its marker as shown (`• `, `3. `, `[x] `).
    Item(String),
    /// A footnote definition with its label.
    Footnote(String),
}

/// A container in the chain around blocks; blocks point at their innermost one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Container {
    /// What it is.
    pub kind: ContainerKind,
    /// The container around this one.
    pub parent: Option<u32>,
    /// The first block inside it, which shows the item marker or footnote label.
    pub first_block: u32,
}

/// Column alignment of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left (or unspecified).
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A table cell's text and style runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text.
    pub text: String,
    /// Styled runs over `text`.
    pub runs: Vec<Run>,
}

/// A table: the first row is the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// One alignment per column.
    pub aligns: Vec<Align>,
    /// Rows of cells; row 0 is the header.
    pub rows: Vec<Vec<Cell>>,
}

/// The kind of a leaf block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading that opens section `section`.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Index into [`crate::document::Paper::sections`].
        section: usize,
    },
    /// A paragraph of prose.
    Paragraph,
    /// A code block; text keeps its newlines.
    Code {
        /// The info string's first word, if any.
        lang: Option<String>,
    },
    /// A table; `text` holds its rows, cells joined by ` | `, rows by newlines.
    Table(Table),
    /// A thematic break.
    Rule,
    /// Raw HTML, shown as text.
    Html,
}

/// A leaf block of a paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its plain text (control characters neutralised).
    pub text: String,
    /// Styled runs over `text`; text not covered by a run is plain.
    pub runs: Vec<Run>,
    /// The innermost quote, list item or footnote around it: an index into
    /// [`crate::document::Paper::containers`].
    pub container: Option<u32>,
    /// Whether the block sits inside a footnote definition.
    pub in_footnote: bool,
    /// Byte range of the block in the paper's source file.
    pub source: Range<usize>,
    /// The innermost section the block belongs to, if any.
    pub section: Option<usize>,
}

impl Block {
    /// Whether the block is prose a reader would quote (not code, HTML, a rule or a footnote).
    pub fn is_prose(&self) -> bool {
        matches!(self.kind, BlockKind::Paragraph | BlockKind::Heading { .. }) && !self.in_footnote
    }
}

/// A section of a paper, opened by a heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading's text.
    pub title: String,
    /// Unique within the paper: a repeated heading gets `-2`, `-3`.
    pub slug: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Enclosing section.
    pub parent: Option<usize>,
    /// Sections nested directly inside.
    pub children: Vec<usize>,
    /// Index of the heading block.
    pub block: usize,
    /// One past the last block of the section, subsections included.
    pub end: usize,
}

impl Section {
    /// Whether the section has no text of its own and no subsections.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && self.end == self.block + 1
    }
}

/// Where a page starts: a page marker's position in the block model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageBreak {
    /// The block in which the page starts.
    pub block: usize,
    /// Byte offset in that block's text where the page starts (0 for a marker between blocks).
    pub offset: usize,
    /// Index into [`crate::document::Paper::pages`].
    pub page: usize,
}
