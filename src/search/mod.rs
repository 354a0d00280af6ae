//! Fuzzy finder engine over a flat list of candidates (headings, sentences, facts, glossary
//! entries, bookmarks), independent of the document model.
//!
//! Pipeline for one keystroke:
//! 1. [`Query::parse`] splits fzf-style syntax into terms (fuzzy, `'exact`, `^prefix`, `suffix$`,
//!    `!exclude`) and a scope sigil (`#` headings, `$` facts, `@` glossary, `' ` bookmarks).
//! 2. Candidates are scored in chunks on all cores (`rank`): exclusions first, then a
//!    prefilter on the pre-folded lowercase text, then the `SkimMatcherV2` score. `skim` is an
//!    exact port of fuzzy-matcher 0.3.7's scorer (property-tested against the library) that
//!    only visits matching cells and reuses buffers.
//! 3. Hits are ordered by score (descending), headings first on ties, then reading order.
//! 4. [`Searcher`] keeps the previous query's hits (`hits`). A query that narrows it rescores
//!    only those; one that appends a char or adds a term does not even do that for
//!    [`Searcher::top`]: every hit carries an exact score or a proven upper bound
//!    (`bounds`), and only hits whose bound can still reach the screen get scored.
//! 5. [`Worker`] runs searches on a background thread so typing never blocks, and abandons a
//!    query as soon as a newer one is submitted.

mod ascii;
mod bits;
mod bounds;
pub mod generate;
mod hits;
mod index;
mod matching;
mod positions;
mod query;
mod rank;
mod scan;
mod searcher;
mod skim;
mod worker;

pub use index::{Index, Item, TextStore};
pub use query::{Query, Scope};
pub use searcher::{Searcher, hits_indices, indices, query_indices, search_all};
pub use worker::{Results, Worker};

/// What a candidate is; decides the scope sigils that reach it and the heading bonus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CandidateKind {
    /// A section heading.
    Heading,
    /// A body sentence.
    Sentence,
    /// An extracted fact (number, date, claim).
    Fact,
    /// A glossary entry.
    Glossary,
    /// A user bookmark.
    Bookmark,
}

impl CandidateKind {
    /// The kind's name, as `--json` writes it.
    pub fn name(self) -> &'static str {
        match self {
            CandidateKind::Heading => "heading",
            CandidateKind::Sentence => "sentence",
            CandidateKind::Fact => "fact",
            CandidateKind::Glossary => "glossary",
            CandidateKind::Bookmark => "bookmark",
        }
    }
}

/// One searchable line of text and where it lives in the papers.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Kind of the candidate.
    pub kind: CandidateKind,
    /// The text searched and displayed.
    pub text: String,
    /// Paper number.
    pub paper: u32,
    /// Section number, if inside a section.
    pub section: Option<u32>,
    /// Block number inside the paper.
    pub block: u32,
    /// Byte offset of `text` in its block.
    pub offset: u32,
    /// Free payload for the caller, e.g. a fact or bookmark index.
    pub target: u32,
}

/// One ranked result: a candidate id (see [`Index::get`]) and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Candidate id in the [`Index`].
    pub id: u32,
    /// Sum of the term scores plus the heading bonus; 0 for an empty query.
    pub score: i64,
}

#[cfg(test)]
mod tests {
    use super::CandidateKind;

    #[test]
    fn kind_names_are_the_json_names() {
        use CandidateKind::{Bookmark, Fact, Glossary, Heading, Sentence};
        for kind in [Heading, Sentence, Fact, Glossary, Bookmark] {
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.name()));
        }
    }
}
