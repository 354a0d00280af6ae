//! fzf-style query syntax: scope sigils, terms and operators, and the narrowing relation.

use super::ascii;
use super::index::fold;
use super::skim::SkimPattern;

/// Which candidates a query looks at, chosen by a leading sigil.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everything (no sigil).
    All,
    /// Headings only (`#`).
    Headings,
    /// Facts only (`$`).
    Facts,
    /// Glossary entries only (`@`).
    Glossary,
    /// Bookmarks only (`'` followed by a space).
    Bookmarks,
}

/// How a term is matched against a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// `term`: `SkimMatcherV2` fuzzy match.
    Fuzzy,
    /// `'term` (or any `!term`): exact substring.
    Exact,
    /// `^term`: the candidate text starts with it.
    Prefix,
    /// `term$`: the candidate text ends with it.
    Suffix,
    /// `^term$`: the candidate text is exactly it.
    Equal,
}

/// One parsed term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub(crate) kind: TermKind,
    /// The term as typed, operators and escapes removed.
    pub(crate) text: String,
    /// `text` folded char by char (same folding as the index).
    pub(crate) folded: String,
    /// Fuzzy terms follow skim (an ASCII capital); the others any capital.
    pub(crate) case_sensitive: bool,
    /// Scorer for `text`.
    pub(crate) skim: SkimPattern,
    /// `folded` as chars, for the in-order prefilter.
    pub(crate) folded_chars: Vec<char>,
}

impl Term {
    fn new(kind: TermKind, text: String) -> Self {
        let folded = fold(&text);
        let skim = SkimPattern::new(&text);
        let case_sensitive = match kind {
            TermKind::Fuzzy => skim.case_sensitive(),
            _ => text.chars().any(char::is_uppercase),
        };
        Self {
            kind,
            folded_chars: folded.chars().collect(),
            folded,
            case_sensitive,
            skim,
            text,
        }
    }

    /// Whether the literal (non-fuzzy) condition of this term holds for a candidate:
    /// `text` and its folded copy, `None` for ASCII text (see `Index::folded`).
    pub(crate) fn literal_match(&self, text: &str, folded: Option<&str>) -> bool {
        let (hay, needle) = match folded {
            _ if self.case_sensitive => (text, self.text.as_str()),
            Some(folded) => (folded, self.folded.as_str()),
            None => return self.ascii_match(text.as_bytes()),
        };
        match self.kind {
            TermKind::Fuzzy | TermKind::Exact => hay.contains(needle),
            TermKind::Prefix => hay.starts_with(needle),
            TermKind::Suffix => hay.ends_with(needle),
            TermKind::Equal => hay == needle,
        }
    }

    /// [`literal_match`](Self::literal_match) ignoring case on ASCII text, in place: the
    /// same answer as on its folded copy (its ASCII lowercase).
    fn ascii_match(&self, hay: &[u8]) -> bool {
        let needle = self.folded.as_bytes();
        let ci_eq = |part: Option<&[u8]>| part.is_some_and(|p| p.eq_ignore_ascii_case(needle));
        match self.kind {
            TermKind::Fuzzy | TermKind::Exact => ascii::find(hay, &self.folded).is_some(),
            TermKind::Prefix => ci_eq(hay.get(..needle.len())),
            TermKind::Suffix => ci_eq(hay.len().checked_sub(needle.len()).map(|at| &hay[at..])),
            TermKind::Equal => ci_eq(Some(hay)),
        }
    }

    /// Whether every candidate this term matches is also matched by `other`.
    fn implies(&self, other: &Term) -> bool {
        use TermKind::{Equal, Exact, Fuzzy, Prefix, Suffix};
        if other.kind == Fuzzy {
            return self.kind == Fuzzy && fuzzy_implies(self, other);
        }
        let relation: fn(&str, &str) -> bool = match (other.kind, self.kind) {
            (Exact, Exact | Prefix | Suffix | Equal) => |s, o| s.contains(o),
            (Prefix, Prefix | Equal) => |s, o| s.starts_with(o),
            (Suffix, Suffix | Equal) => |s, o| s.ends_with(o),
            (Equal, Equal) => |s, o| s == o,
            _ => return false,
        };
        if other.case_sensitive {
            self.case_sensitive && relation(&self.text, &other.text)
        } else {
            relation(&self.folded, &other.folded)
        }
    }
}

/// `other`'s chars form a subsequence of `this`'s under `other`'s case rule, so any text
/// containing `this` as a skim subsequence also contains `other`.
fn fuzzy_implies(this: &Term, other: &Term) -> bool {
    if other.case_sensitive && !this.case_sensitive {
        return false;
    }
    let mut mine = this.skim.chars().iter();
    other.skim.chars().iter().all(|&o| {
        mine.any(|&m| {
            if other.case_sensitive {
                m == o
            } else {
                m.eq_ignore_ascii_case(&o)
            }
        })
    })
}

/// A parsed query: a scope, terms that must all match, and exclusions.
///
/// Syntax (fzf-like): terms are separated by spaces and must all match (scores add up).
/// `term` fuzzy, `'term` exact substring, `^term` prefix, `term$` suffix, `^term$` whole text,
/// `!term` excludes candidates containing it (`!^term`, `!term$` likewise). Lower-case terms
/// ignore case, a capital makes the term case-sensitive. A leading `#` limits the query to
/// headings, `$` to facts, `@` to glossary entries, `' ` (apostrophe, space) to bookmarks.
/// `\` makes the next char literal (`\ ` for a space inside a term, `\#` for a leading `#`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    scope: Scope,
    pub(crate) terms: Vec<Term>,
    pub(crate) excluded: Vec<Term>,
}

impl Query {
    /// Parses query text; never fails (a bare operator is ignored).
    pub fn parse(s: &str) -> Self {
        let s = s.trim_start();
        let (scope, rest) = match s.chars().next() {
            Some('#') => (Scope::Headings, &s[1..]),
            Some('$') => (Scope::Facts, &s[1..]),
            Some('@') => (Scope::Glossary, &s[1..]),
            Some('\'') if s[1..].starts_with(char::is_whitespace) => (Scope::Bookmarks, &s[1..]),
            _ => (Scope::All, s),
        };
        let mut query = Self {
            scope,
            terms: Vec::new(),
            excluded: Vec::new(),
        };
        for token in tokens(rest) {
            if let Some((negated, term)) = parse_term(&token) {
                if negated {
                    query.excluded.push(term);
                } else {
                    query.terms.push(term);
                }
            }
        }
        query
    }

    /// Whether the query has no terms and no exclusions (it lists its whole scope).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.excluded.is_empty()
    }

    /// The query's scope.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// Whether every hit of `self` is guaranteed to be a hit of `previous` (same scope, each
    /// previous term implied by one of ours, each previous exclusion covered by one of ours),
    /// so `self` can be answered by rescoring `previous`'s hits only.
    pub fn narrows(&self, previous: &Query) -> bool {
        self.scope == previous.scope
            && previous
                .terms
                .iter()
                .all(|p| self.terms.iter().any(|s| s.implies(p)))
            && previous
                .excluded
                .iter()
                .all(|p| self.excluded.iter().any(|s| p.implies(s)))
    }

    /// Whether ranking uses scores (positive terms); otherwise hits come in reading order.
    pub(crate) fn is_scored(&self) -> bool {
        !self.terms.is_empty()
    }
}

/// Splits on unescaped whitespace; each char is paired with whether it was escaped.
fn tokens(s: &str) -> Vec<Vec<(char, bool)>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push((chars.next().unwrap_or('\\'), true));
        } else if c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push((c, false));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn parse_term(token: &[(char, bool)]) -> Option<(bool, Term)> {
    let mut body = token;
    let strip_first = |op: char, body: &mut &[(char, bool)]| {
        let hit = body.first() == Some(&(op, false));
        if hit {
            *body = &body[1..];
        }
        hit
    };
    let negated = strip_first('!', &mut body);
    let exact = strip_first('\'', &mut body);
    let prefix = strip_first('^', &mut body);
    let suffix = body.last() == Some(&('$', false));
    if suffix {
        body = &body[..body.len() - 1];
    }
    if body.is_empty() {
        return None;
    }
    let kind = match (prefix, suffix) {
        (true, true) => TermKind::Equal,
        (true, false) => TermKind::Prefix,
        (false, true) => TermKind::Suffix,
        (false, false) if exact || negated => TermKind::Exact,
        (false, false) => TermKind::Fuzzy,
    };
    let text: String = body.iter().map(|&(c, _)| c).collect();
    Some((negated, Term::new(kind, text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &Query) -> Vec<(TermKind, &str)> {
        q.terms.iter().map(|t| (t.kind, t.text.as_str())).collect()
    }

    #[test]
    fn parses_scopes() {
        assert_eq!(Query::parse("#rok response").scope(), Scope::Headings);
        assert_eq!(Query::parse("$316").scope(), Scope::Facts);
        assert_eq!(Query::parse("@apt").scope(), Scope::Glossary);
        assert_eq!(Query::parse("' mine").scope(), Scope::Bookmarks);
        assert_eq!(Query::parse("'mine").scope(), Scope::All);
        assert_eq!(Query::parse("\\#tag").scope(), Scope::All);
        assert!(Query::parse("#").is_empty());
        assert!(Query::parse("'").is_empty());
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn parses_operators_and_escapes() {
        let q = Query::parse("apple 'jeus ^North 2018$ ^Intro$ !hack !^The \\!bang a\\ b");
        assert_eq!(
            kinds(&q),
            vec![
                (TermKind::Fuzzy, "apple"),
                (TermKind::Exact, "jeus"),
                (TermKind::Prefix, "North"),
                (TermKind::Suffix, "2018"),
                (TermKind::Equal, "Intro"),
                (TermKind::Fuzzy, "!bang"),
                (TermKind::Fuzzy, "a b"),
            ]
        );
        let excluded: Vec<_> = q
            .excluded
            .iter()
            .map(|t| (t.kind, t.text.as_str()))
            .collect();
        assert_eq!(
            excluded,
            vec![(TermKind::Exact, "hack"), (TermKind::Prefix, "The")]
        );
        assert!(!q.terms[0].case_sensitive);
        assert!(q.terms[2].case_sensitive);
    }

    #[test]
    fn narrowing_relation() {
        let narrows = |new: &str, old: &str| Query::parse(new).narrows(&Query::parse(old));
        assert!(narrows("appl", "app"));
        assert!(narrows("app jeus", "app"));
        assert!(narrows("aXpp", "app"));
        assert!(narrows("App", "app"));
        assert!(!narrows("app", "App"));
        assert!(narrows("App", "Ap"));
        assert!(!narrows("ap", "app"));
        assert!(!narrows("#app", "app"));
        assert!(narrows("#app", "#"));
        assert!(narrows("'apple", "'app"));
        assert!(!narrows("'apple", "app"));
        assert!(narrows("^apple", "'ppl"));
        assert!(narrows("app !h", "app !ha"));
        assert!(!narrows("app !hat", "app !ha"));
        assert!(!narrows("app", "app !ha"));
        assert!(narrows("x", ""));
    }
}
