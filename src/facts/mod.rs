//! Facts in plain paragraph text: sentences, figures (money, counts, shares, multipliers,
//! quantities, changes), dates and periods, ordinals, acronyms and the built-in glossary.
//!
//! Everything here works on plain text; byte ranges are into the string given. Detection is
//! hand-written scanning over tokens, linear in the length of the text.

mod acronyms;
mod date_detect;
mod dates;
mod detect;
mod glossary;
mod lexicon;
mod measure;
mod numbers;
mod phrases;
mod score;
mod sentences;
mod span;
mod tokens;
mod units;

#[cfg(test)]
mod detect_tests;

pub use acronyms::{Acronym, count_mentions, find_acronyms};
pub use dates::{DateContext, DatePart, DatePrecision, DateSpanValue, PartialDate, Written};
pub use detect::detect;
pub use glossary::{GlossaryEntry, builtin_glossary};
pub use score::{fact_score, is_key_fact, timeline_date};
pub use sentences::sentences;
pub use span::{FactSpan, SpanKind, Value};
