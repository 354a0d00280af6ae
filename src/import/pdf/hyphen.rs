//! Words hyphenated at a line end: rejoined (`secu-` / `rity` → `security`) unless the hyphen
//! is part of a compound (`cyber-` / `attacks` → `cyber-attacks`). The document itself is the
//! dictionary: how it spells the word elsewhere decides, then which hyphen it drew.

use super::glyph::SOFT_HYPHEN;
use std::collections::HashSet;

/// Characters producers draw as a hyphen.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | SOFT_HYPHEN)
}

/// What the document spells: its words, its hyphenated compounds and the hyphens it uses inside
/// a line.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    compounds: HashSet<String>,
    inner_hyphens: HashSet<char>,
    /// Whether the last line learnt ended in a hyphen (the next line's first word is a fragment).
    after_hyphen: bool,
}

fn letters_only(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && !is_hyphen(c))
}

impl Vocabulary {
    /// Learns the words of one line, lines in order: a last word ending in a hyphen and the
    /// next line's first word are fragments, not words.
    pub fn learn(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let fragment_first = std::mem::replace(&mut self.after_hyphen, line.ends_with(is_hyphen));
        for (i, raw) in words.iter().enumerate() {
            let w = letters_only(raw);
            let last = i + 1 == words.len();
            if w.is_empty() || (last && w.ends_with(is_hyphen)) || (i == 0 && fragment_first) {
                continue;
            }
            if let Some(h) = w.chars().find(|&c| is_hyphen(c)) {
                if w.split(is_hyphen)
                    .all(|p| p.chars().any(char::is_alphabetic))
                {
                    self.inner_hyphens.insert(h);
                    self.compounds.insert(
                        w.split(is_hyphen)
                            .collect::<Vec<_>>()
                            .join("-")
                            .to_lowercase(),
                    );
                }
            } else {
                self.words.insert(w.to_lowercase());
            }
        }
    }

    /// How `prev` (a line ending in a hyphen) and `next` (the following line) join, if `prev`
    /// ends with a hyphenated word: `Some(true)` drops the hyphen, `Some(false)` keeps it, both
    /// without a space.
    pub fn join(&self, prev: &str, next: &str) -> Option<bool> {
        let hyphen = prev.chars().last().filter(|&c| is_hyphen(c))?;
        let head_raw = prev[..prev.len() - hyphen.len_utf8()]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let head: String = head_raw
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if head.is_empty() {
            return None;
        }
        let tail: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        if tail.is_empty() {
            return (hyphen == SOFT_HYPHEN).then_some(true);
        }
        if hyphen == SOFT_HYPHEN {
            return Some(true);
        }
        let joined = format!("{head}{tail}").to_lowercase();
        let compound = format!("{head}-{tail}").to_lowercase();
        if self.compounds.contains(&compound) {
            return Some(false);
        }
        if self.words.contains(&joined) {
            return Some(true);
        }
        if !self.inner_hyphens.is_empty() && !self.inner_hyphens.contains(&hyphen) {
            // the producer draws this hyphen only where it breaks a word
            return Some(true);
        }
        let upper = tail.chars().next().is_some_and(char::is_uppercase);
        let whole_words = head.chars().count() >= 3
            && tail.chars().count() >= 4
            && self.words.contains(&tail.to_lowercase());
        Some(!(upper || whole_words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        for l in text.lines() {
            v.learn(l);
        }
        v
    }

    #[test]
    fn a_split_word_is_rejoined_whatever_hyphen_was_drawn() {
        let v = vocab("the attacks on\nNorth Korea-based groups");
        assert_eq!(v.join("network secu-", "rity is"), Some(true));
        assert_eq!(v.join("intelli\u{2010}", "gence service"), Some(true));
        assert_eq!(v.join("intelli\u{ad}", "gence"), Some(true));
        assert_eq!(v.join("non\u{2011}", "sense"), Some(true));
    }

    #[test]
    fn compounds_keep_their_hyphen() {
        let v = vocab("many attacks happened\nstate-sponsored groups");
        assert_eq!(v.join("more cyber-", "attacks followed"), Some(false));
        assert_eq!(v.join("a state-", "sponsored group"), Some(false));
        assert_eq!(v.join("anti-", "American views"), Some(false));
    }

    #[test]
    fn the_document_spelling_decides() {
        let v = vocab("cyberattacks are common");
        assert_eq!(v.join("more cyber-", "attacks followed"), Some(true));
    }

    #[test]
    fn a_dash_or_a_number_range_is_not_a_hyphenated_word() {
        let v = Vocabulary::default();
        assert_eq!(v.join("pages 12-", "14"), None);
        assert_eq!(v.join("the end -", "start"), None);
        assert_eq!(v.join("no hyphen", "here"), None);
    }
}
