//! dossier's core: papers, layout, search, facts and the bookmark store. No terminal code here.
#![forbid(unsafe_code)]

pub mod anchoring;
pub mod bib;
pub mod cite;
pub mod cli;
pub mod document;
pub mod facts;
pub mod finder;
pub mod highlighting;
pub mod import;
pub mod insights;
pub mod layout;
pub mod library;
pub mod loading;
pub mod locator;
pub mod notes;
pub mod search;
pub mod store;
pub mod synth;
pub mod tui;
