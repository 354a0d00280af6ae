//! The built-in glossary of common acronyms, parsed once from `assets/glossary.toml`.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// An acronym and its expansion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub short: String,
    pub long: String,
}

#[derive(Deserialize)]
struct GlossaryFile {
    entry: Vec<GlossaryEntry>,
}

const SOURCE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/glossary.toml"));

static BUILTIN: LazyLock<Vec<GlossaryEntry>> = LazyLock::new(|| {
    toml::from_str::<GlossaryFile>(SOURCE)
        .expect("assets/glossary.toml is valid (checked by a unit test)")
        .entry
});

/// Acronyms that papers on Korea and cyber policy use without defining them.
pub fn builtin_glossary() -> &'static [GlossaryEntry] {
    &BUILTIN
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(short: &str) -> Option<&'static str> {
        builtin_glossary()
            .iter()
            .find(|e| e.short == short)
            .map(|e| e.long.as_str())
    }

    #[test]
    fn parses_with_the_common_acronyms() {
        assert!(builtin_glossary().len() >= 60);
        assert_eq!(long("ROK"), Some("Republic of Korea"));
        assert_eq!(long("DPRK"), Some("Democratic People's Republic of Korea"));
        assert_eq!(long("U.S."), Some("United States"));
        assert_eq!(long("RGB"), Some("Reconnaissance General Bureau"));
        assert_eq!(long("DDoS"), Some("distributed denial of service"));
    }

    #[test]
    fn shorts_are_unique_and_nothing_is_empty() {
        let all = builtin_glossary();
        for (k, e) in all.iter().enumerate() {
            assert!(!e.short.is_empty() && !e.long.is_empty());
            assert!(
                all[..k].iter().all(|o| o.short != e.short),
                "duplicate {}",
                e.short
            );
        }
    }
}
