//! Interactive searcher (narrowing, bound-pruned first screens), `search_all`, match positions.

use std::sync::Arc;

use super::Hit;
use super::ascii;
use super::hits::{
    Entry, Last, add_term_hits, extend_hits, rescore_hits, scope_ids, score_fresh, score_scope,
};
use super::index::Index;
use super::positions::text_positions;
use super::query::{Query, TermKind};
use super::rank::hit;

/// Scopes at least this large get a [`Searcher::preview`] before a ranking from scratch.
pub const PREVIEW_MIN: usize = 32_768;
/// How many candidates a preview scores at most: a fixed cost (a few ms) however large the
/// library, enough to fill a screen with good hits from all over it.
pub const PREVIEW_SAMPLE: usize = 8_192;

/// A preview of a scope of `len` candidates scores one in this many (at least 16).
pub fn preview_stride(len: usize) -> usize {
    len.div_ceil(PREVIEW_SAMPLE).max(16)
}

/// How a query relates to the previous one, which decides how its hits are found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The same query: nothing to do.
    Same,
    /// One char appended to the last fuzzy term (typing).
    Append,
    /// One more term at the end.
    AddTerm,
    /// Its hits are among the previous query's: rescore those.
    Narrow,
    /// Ranked from scratch over its scope.
    Fresh,
}

impl Step {
    fn of(last: Option<&Last>, query: &Query) -> Step {
        match last {
            Some(last) if last.query == *query => Step::Same,
            Some(last) if query.appends_to(&last.query) => Step::Append,
            Some(last) if query.adds_term_to(&last.query) => Step::AddTerm,
            Some(last) if query.narrows(&last.query) => Step::Narrow,
            _ => Step::Fresh,
        }
    }
}

/// The best `n` of `entries` (hits of `query` scored from scratch), best first.
fn best_of(
    index: &Index,
    query: Query,
    entries: Vec<Entry>,
    n: usize,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    let mut last = Last {
        query,
        entries,
        top: Vec::new(),
        complete: false,
    };
    last.ensure_top(index, n, cancel)?;
    Some(last.top.iter().take(n).map(|&k| hit(k)).collect())
}

/// Incremental search over a shared [`Index`] for one input box.
///
/// Keeps the previous query and all of its hits. When the next query
/// [narrows](Query::narrows) it, only those hits are looked at. When it only appends a char
/// to the last fuzzy term (typing), [`top`](Self::top) does not even score them all: each hit
/// keeps an upper bound derived from skim's matrix (see `Scores::ceiling`), hits are scored in
/// descending bound order, and scoring stops once no remaining bound can reach the screen.
/// Cloning forks a prepared state cheaply (an `Arc` and the hit list).
#[derive(Clone)]
pub struct Searcher {
    index: Arc<Index>,
    last: Option<Last>,
    hits: Vec<Hit>,
    /// Hit count when the current query is [empty](Query::is_empty): it lists its whole
    /// scope in reading order, straight from the index, without a hit list (on a large
    /// library, the finder opening must not allocate an entry per sentence).
    whole_scope: Option<usize>,
}

impl Searcher {
    /// A searcher with no previous query.
    pub fn new(index: Arc<Index>) -> Self {
        Self {
            index,
            last: None,
            hits: Vec::new(),
            whole_scope: None,
        }
    }

    /// For an empty query, forgets the previous one and gives the first `limit` candidates
    /// of its scope in reading order; `None` for any other query.
    fn whole_scope(&mut self, query: &Query, limit: usize) -> Option<Vec<Hit>> {
        if !query.is_empty() {
            return None;
        }
        self.last = None;
        self.hits.clear();
        let ids = scope_ids(&self.index, query.scope());
        self.whole_scope = Some(ids.map_or(self.index.len(), <[u32]>::len));
        Some(whole_scope_hits(&self.index, query, limit))
    }

    /// The index searched.
    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Makes `query` the current query unless it already is; `None` if cancelled (state
    /// unchanged). `want` > 0 allows leaving hits that cannot reach the best `want` unscored.
    fn refresh(
        &mut self,
        parsed: Query,
        want: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<&mut Last> {
        let index = &*self.index;
        let step = Step::of(self.last.as_ref(), &parsed);
        let entries = match (&self.last, step) {
            (Some(_), Step::Same) => None,
            (Some(last), Step::Append) => Some(extend_hits(index, &parsed, &last.entries, cancel)?),
            (Some(last), Step::AddTerm) => Some(add_term_hits(
                index,
                &parsed,
                &last.query,
                &last.entries,
                cancel,
            )?),
            (Some(last), Step::Narrow) => {
                Some(rescore_hits(index, &parsed, want, &last.entries, cancel)?)
            }
            _ => Some(score_scope(index, &parsed, want, cancel)?),
        };
        if let Some(entries) = entries {
            self.hits.clear();
            self.last = Some(Last {
                query: parsed,
                entries,
                top: Vec::new(),
                complete: false,
            });
        }
        // Only now is `query` the current one (a cancelled refresh returned above).
        self.whole_scope = None;
        self.last.as_mut()
    }

    /// All hits of `query`, best first (reading order for an empty query).
    pub fn search(&mut self, query: &str) -> &[Hit] {
        let parsed = Query::parse(query);
        if let Some(hits) = self.whole_scope(&parsed, usize::MAX) {
            self.hits = hits;
            return &self.hits;
        }
        let index = Arc::clone(&self.index);
        let last = self
            .refresh(parsed, 0, &|| false)
            .expect("uncancellable search");
        last.complete(&index, &|| false)
            .expect("uncancellable search");
        let count = last.top.len();
        if self.hits.len() != count {
            let top = &self.last.as_ref().expect("a completed query").top;
            self.hits = top.iter().map(|&k| hit(k)).collect();
        }
        &self.hits
    }

    /// The best `n` hits of `query` (first-screen fast path).
    pub fn top(&mut self, query: &str, n: usize) -> Vec<Hit> {
        self.try_top(query, n, &|| false)
            .expect("uncancellable search")
    }

    /// Like [`top`](Self::top), but gives up (returning `None`) as soon as `cancel` returns
    /// true; it is polled between chunks of about 4,000 candidates. A cancelled call leaves
    /// the searcher at its last completed query (or with fewer entries scored).
    pub fn try_top(
        &mut self,
        query: &str,
        n: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let parsed = Query::parse(query);
        if let Some(hits) = self.whole_scope(&parsed, n) {
            return Some(hits);
        }
        let index = Arc::clone(&self.index);
        let last = self.refresh(parsed, n, cancel)?;
        last.ensure_top(&index, n, cancel)?;
        Some(last.top.iter().take(n).map(|&k| hit(k)).collect())
    }

    /// A first screen for a query that is about to be ranked from scratch over a large
    /// scope: the best `n` hits among every `preview_stride`-th candidate of its scope (at
    /// most `PREVIEW_SAMPLE`, spread over the whole library). `None` when the query
    /// will be answered from the previous one's hits (fast already), when its scope is
    /// small, or if `cancel` fired. The searcher's state is untouched.
    pub fn preview(
        &self,
        query: &str,
        n: usize,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let parsed = Query::parse(query);
        if parsed.is_empty() || Step::of(self.last.as_ref(), &parsed) != Step::Fresh {
            return None;
        }
        let index = &*self.index;
        let ids = scope_ids(index, parsed.scope());
        let len = ids.map_or(index.len(), <[u32]>::len);
        if len < PREVIEW_MIN {
            return None;
        }
        let stride = preview_stride(len);
        let count = len.div_ceil(stride);
        let id_at = |i: usize| ids.map_or((i * stride) as u32, |ids| ids[i * stride]);
        let entries = score_fresh(index, &parsed, n, count, id_at, cancel)?;
        best_of(index, parsed, entries, n, cancel)
    }

    /// Number of hits of the last completed query.
    pub fn total(&self) -> usize {
        if let Some(count) = self.whole_scope {
            return count;
        }
        self.last.as_ref().map_or(0, |l| l.entries.len())
    }

    /// Char positions (not bytes) in candidate `id`'s text of the chars matched by `query`'s
    /// terms, ascending and unique; meant for the rows on screen only.
    pub fn indices(&self, query: &str, id: u32) -> Vec<usize> {
        indices(&self.index, query, id)
    }
}

/// Char positions matched by `query`'s terms in candidate `id` (see [`Searcher::indices`]).
pub fn indices(index: &Index, query: &str, id: u32) -> Vec<usize> {
    query_indices(index, &Query::parse(query), id)
}

/// [`query_indices`] of each of `ids`, in order, on all cores (`dossier search` prints
/// every hit's positions).
pub fn hits_indices(index: &Index, query: &Query, ids: &[u32]) -> Vec<Vec<usize>> {
    super::rank::par_map_ordered(ids, |&id| query_indices(index, query, id))
}

/// [`indices`] for a query parsed once (many hits of one query, e.g. `dossier search`).
pub fn query_indices(index: &Index, query: &Query, id: u32) -> Vec<usize> {
    let text = index.text(id);
    let folded = index.folded(id);
    let char_len = text.chars().count();
    let mut out = Vec::new();
    for term in &query.terms {
        let (hay, needle) = if term.case_sensitive {
            (text, term.text.as_str())
        } else {
            (folded.unwrap_or(text), term.folded.as_str())
        };
        let needle_chars = needle.chars().count();
        match term.kind {
            TermKind::Fuzzy => {
                // What a fresh `SkimMatcherV2::fuzzy_indices` reports (ported: the
                // library's cached matcher can depend on earlier calls).
                if let Some(positions) = text_positions(&term.skim, text) {
                    out.extend(positions);
                }
            }
            TermKind::Exact => {
                let found = match folded {
                    None if !term.case_sensitive => ascii::find(hay.as_bytes(), needle),
                    _ => hay.find(needle),
                };
                if let Some(byte) = found {
                    let start = hay[..byte].chars().count();
                    out.extend(start..start + needle_chars);
                }
            }
            TermKind::Prefix | TermKind::Equal => out.extend(0..needle_chars.min(char_len)),
            TermKind::Suffix => out.extend(char_len.saturating_sub(needle_chars)..char_len),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The first `limit` candidates of `query`'s scope in reading order, as hits of an empty query.
fn whole_scope_hits(index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
    let (some, all) = match scope_ids(index, query.scope()) {
        Some(ids) => (ids, 0..0),
        None => (&[][..], 0..index.len() as u32),
    };
    (some.iter().copied().chain(all))
        .take(limit)
        .map(|id| Hit { id, score: 0 })
        .collect()
}

/// One-shot search (the CLI's `dossier search`): the best `limit` hits of `query`, best first.
pub fn search_all(index: &Index, query: &str, limit: usize) -> Vec<Hit> {
    let parsed = Query::parse(query);
    if parsed.is_empty() {
        return whole_scope_hits(index, &parsed, limit);
    }
    let entries = score_scope(index, &parsed, limit, &|| false).expect("uncancellable search");
    best_of(index, parsed, entries, limit, &|| false).expect("uncancellable search")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matching::HEADING_BONUS;
    use crate::search::{Candidate, CandidateKind};
    use proptest::prelude::*;

    fn index_of(items: &[(CandidateKind, &str)]) -> Index {
        let candidates = items
            .iter()
            .enumerate()
            .map(|(i, &(kind, text))| Candidate {
                kind,
                text: text.to_string(),
                paper: 0,
                section: None,
                block: i as u32,
                offset: 0,
                target: i as u32,
            })
            .collect();
        Index::new(candidates)
    }

    fn sentences(texts: &[&str]) -> Index {
        let items: Vec<_> = texts
            .iter()
            .map(|&t| (CandidateKind::Sentence, t))
            .collect();
        index_of(&items)
    }

    fn ranked(index: &Index, query: &str) -> Vec<String> {
        search_all(index, query, usize::MAX)
            .iter()
            .map(|h| index.text(h.id).to_owned())
            .collect()
    }

    #[test]
    fn typing_never_drops_a_hit_whose_longer_pattern_reads_a_far_stale_cell() {
        // Found by review: after "abcd", T's bound for "abcde" missed a stale read of row 2
        // past where it reached the last row, so T (63) lost to a 62.
        let x = |n: usize| "x".repeat(n);
        let far = format!("xa{}b{}c{}dbcd abce", x(30), x(30), x(30));
        let mut texts = vec![far.as_str()];
        texts.extend(std::iter::repeat_n("xaxbxcxdxxe", 20));
        let index = Arc::new(sentences(&texts));
        let mut searcher = Searcher::new(Arc::clone(&index));
        searcher.top("abcd", 1);
        assert_eq!(searcher.top("abcde", 1), search_all(&index, "abcde", 1));
        assert_eq!(search_all(&index, "abcde", 1)[0].id, 0);
    }

    #[test]
    fn contiguous_beats_word_start_beats_scattered() {
        let index = sentences(&["xaxxbxxcx zz", "x a b c", "xx abc yy"]);
        assert_eq!(
            ranked(&index, "abc"),
            ["xx abc yy", "x a b c", "xaxxbxxcx zz"]
        );
        let index = sentences(&[
            "recycled timber was stored",
            "cash yields big earnings rapidly",
            "their cyber units grew",
        ]);
        assert_eq!(
            ranked(&index, "cyber"),
            [
                "their cyber units grew",
                "cash yields big earnings rapidly",
                "recycled timber was stored"
            ]
        );
    }

    #[test]
    fn headings_win_ties_and_get_a_bonus() {
        let index = index_of(&[
            (CandidateKind::Sentence, "Response"),
            (CandidateKind::Heading, "Response"),
            (CandidateKind::Sentence, "Response"),
        ]);
        let hits = search_all(&index, "resp", usize::MAX);
        let ids: Vec<u32> = hits.iter().map(|h| h.id).collect();
        assert_eq!(ids, [1, 0, 2]);
        assert_eq!(hits[0].score, hits[1].score + HEADING_BONUS);
    }

    #[test]
    fn equal_scores_keep_reading_order() {
        let index = sentences(&["b: the rok", "a: the rok", "c: the rok"]);
        assert_eq!(
            ranked(&index, "rok"),
            ["b: the rok", "a: the rok", "c: the rok"]
        );
    }

    #[test]
    fn smart_case() {
        let index = sentences(&["the ROK army", "broke the rock", "Rok"]);
        assert_eq!(ranked(&index, "rok").len(), 3);
        assert_eq!(ranked(&index, "ROK"), ["the ROK army"]);
        assert_eq!(ranked(&index, "Rok"), ["Rok"]);
        assert_eq!(ranked(&index, "'rok").len(), 3);
        assert_eq!(ranked(&index, "'Rok"), ["Rok"]);
        assert_eq!(ranked(&index, "'ROK"), ["the ROK army"]);
    }

    #[test]
    fn query_operators() {
        let index = sentences(&[
            "Apple pie recipe",
            "the applejeus malware",
            "a pretty pale leaf",
            "pineapple",
            "Policy recommendations",
        ]);
        assert_eq!(ranked(&index, "'apple").len(), 3);
        assert_eq!(ranked(&index, "'apple !jeus").len(), 2);
        assert_eq!(ranked(&index, "^apple"), ["Apple pie recipe"]);
        assert_eq!(ranked(&index, "apple$"), ["pineapple"]);
        assert_eq!(ranked(&index, "^pineapple$"), ["pineapple"]);
        assert_eq!(ranked(&index, "!^the 'apple").len(), 2);
        assert_eq!(ranked(&index, "!apple$ 'apple").len(), 2);
        assert_eq!(ranked(&index, "apple malw"), ["the applejeus malware"]);
        assert_eq!(ranked(&index, "ppl").len(), 4);
        assert_eq!(ranked(&index, "^policy recom$"), Vec::<String>::new());
        assert_eq!(
            ranked(&index, "^policy dations$"),
            ["Policy recommendations"]
        );
    }

    #[test]
    fn terms_add_up() {
        let index = sentences(&["north korean hackers stole crypto"]);
        let one = search_all(&index, "north", 1)[0].score;
        let other = search_all(&index, "crypto", 1)[0].score;
        assert_eq!(search_all(&index, "north crypto", 1)[0].score, one + other);
    }

    #[test]
    fn scopes_and_empty_queries_list_reading_order() {
        let index = index_of(&[
            (CandidateKind::Sentence, "zeta"),
            (CandidateKind::Heading, "Beta heading"),
            (CandidateKind::Fact, "$316.4 million"),
            (
                CandidateKind::Glossary,
                "RGB: Reconnaissance General Bureau",
            ),
            (CandidateKind::Bookmark, "my bookmark"),
            (CandidateKind::Heading, "Alpha heading"),
        ]);
        let ids = |q: &str| -> Vec<u32> {
            search_all(&index, q, usize::MAX)
                .iter()
                .map(|h| h.id)
                .collect()
        };
        assert_eq!(ids(""), [0, 1, 2, 3, 4, 5]);
        assert_eq!(ids("#"), [1, 5]);
        assert_eq!(ids("$"), [2]);
        assert_eq!(ids("@"), [3]);
        assert_eq!(ids("' "), [4]);
        assert_eq!(ids("#alpha"), [5]);
        assert_eq!(ids("@rgb"), [3]);
        assert_eq!(ids("$316"), [2]);
        assert_eq!(ids("' book"), [4]);
        assert_eq!(ids("!heading"), [0, 2, 3, 4]);
        assert!(search_all(&index, "", 10).iter().all(|h| h.score == 0));
        assert_eq!(
            ids("")[..2],
            search_all(&index, "", 2)
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()[..]
        );
    }

    #[test]
    fn indices_are_char_positions() {
        let index = sentences(&[
            "“AppleJeus” 북한의 사이버 공격은 증가하고 있다",
            "İstanbul apple",
        ]);
        let searcher = Searcher::new(Arc::new(index));
        assert_eq!(searcher.indices("jeus", 0), [6, 7, 8, 9]);
        assert_eq!(searcher.indices("'사이버", 0), [16, 17, 18]);
        assert_eq!(searcher.indices("^“app", 0), [0, 1, 2, 3]);
        assert_eq!(searcher.indices("'apple", 1), [9, 10, 11, 12, 13]);
        assert_eq!(searcher.indices("'istanbul", 1), Vec::<usize>::new());
        assert_eq!(searcher.indices("İst", 1), [0, 1, 2]);
        let text: Vec<char> = searcher.index().text(0).chars().collect();
        let picked: String = searcher
            .indices("북사", 0)
            .iter()
            .map(|&i| text[i])
            .collect();
        assert_eq!(picked, "북사");
    }

    #[test]
    fn hangul_queries_find_hangul_sentences() {
        let index = sentences(&[
            "북한의 사이버 공격은 증가하고 있다",
            "정부는 대응 전략을 마련해야 한다",
            "cyber",
        ]);
        assert_eq!(
            ranked(&index, "사이버"),
            ["북한의 사이버 공격은 증가하고 있다"]
        );
        assert_eq!(
            ranked(&index, "북사"),
            ["북한의 사이버 공격은 증가하고 있다"]
        );
        assert_eq!(
            ranked(&index, "'공격"),
            ["북한의 사이버 공격은 증가하고 있다"]
        );
        assert_eq!(
            ranked(&index, "대응 한다$"),
            ["정부는 대응 전략을 마련해야 한다"]
        );
    }

    #[test]
    fn top_search_and_one_shot_agree() {
        let index = Arc::new(Index::new(crate::search::generate::synthetic_candidates(
            3000, 300, 9,
        )));
        let mut searcher = Searcher::new(Arc::clone(&index));
        for q in [
            "lazarus",
            "la",
            "#int",
            "crypt !bridge",
            "북사",
            "'ROK",
            "",
            "#",
            "$",
            "!la",
        ] {
            let top = searcher.top(q, 25);
            let full = searcher.search(q).to_vec();
            assert_eq!(top, full[..top.len()], "{q}");
            assert_eq!(top, search_all(&index, q, 25), "{q}");
            assert_eq!(searcher.total(), full.len());
        }
    }

    #[test]
    fn previews_sample_the_scope_with_exact_scores_and_only_for_fresh_rankings() {
        let index = Arc::new(Index::new(crate::search::generate::synthetic_candidates(
            40_000, 4_000, 11,
        )));
        assert!(index.len() >= PREVIEW_MIN);
        let mut searcher = Searcher::new(Arc::clone(&index));
        for q in [
            "sanctions ev",
            "cryptocurren",
            "^the",
            "crypt !bridge",
            "'ROK",
        ] {
            let preview = searcher.preview(q, 20, &|| false).expect("a fresh ranking");
            let full = search_all(&index, q, usize::MAX);
            assert!(!preview.is_empty(), "{q}");
            assert!(preview.windows(2).all(|w| w[0].score >= w[1].score), "{q}");
            for hit in &preview {
                assert!(full.contains(hit), "{q}: {hit:?} is a hit with that score");
            }
            // The sample is spread over the scope (every stride-th candidate), and its best
            // hits are the best of the sample.
            let scope: Vec<u32> = scope_ids(&index, Query::parse(q).scope())
                .map_or_else(|| (0..index.len() as u32).collect(), <[u32]>::to_vec);
            let sample: std::collections::HashSet<u32> = scope
                .iter()
                .step_by(preview_stride(scope.len()))
                .copied()
                .collect();
            let best_of_sample: Vec<Hit> = full
                .iter()
                .filter(|h| sample.contains(&h.id))
                .take(preview.len())
                .copied()
                .collect();
            assert_eq!(preview, best_of_sample, "{q}");
        }
        // Typing on from a ranked query narrows its hits: no preview needed.
        searcher.top("sanctions", 20);
        assert_eq!(searcher.preview("sanctions e", 20, &|| false), None);
        assert_eq!(searcher.preview("sanctions !x", 20, &|| false), None);
        assert!(searcher.preview("policy", 20, &|| false).is_some());
        assert_eq!(searcher.preview("", 20, &|| false), None);
        assert_eq!(
            searcher.preview("#rok", 20, &|| false),
            None,
            "4,000 headings"
        );
        let small = Searcher::new(Arc::new(Index::new(
            crate::search::generate::synthetic_candidates(1_000, 100, 1),
        )));
        assert_eq!(small.preview("policy", 20, &|| false), None);
    }

    #[test]
    fn a_cancelled_query_leaves_the_last_completed_one_current() {
        let index = Arc::new(Index::new(crate::search::generate::synthetic_candidates(
            2_000, 200, 4,
        )));
        let mut searcher = Searcher::new(Arc::clone(&index));
        assert_eq!(searcher.top("", 5).len(), 5);
        assert_eq!(searcher.total(), index.len());
        assert_eq!(searcher.try_top("lazarus", 5, &|| true), None);
        assert_eq!(
            searcher.total(),
            index.len(),
            "still the empty query's count"
        );
        let top = searcher.top("lazarus", 5);
        assert_eq!(top, search_all(&index, "lazarus", 5));
        assert_eq!(
            searcher.total(),
            search_all(&index, "lazarus", usize::MAX).len()
        );
        assert_eq!(searcher.try_top("", 5, &|| true).map(|h| h.len()), Some(5));
    }

    fn texts() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[abcAB ' !^$북사.-]{0,24}", 1..40)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn typing_with_top_equals_fresh_search(
            texts in prop::collection::vec("[abcAB .-]{0,30}", 1..60),
            word in "[abcAB ]{1,10}",
            n in 1usize..6,
            full_every in 1usize..5,
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = Arc::new(sentences(&refs));
            let mut searcher = Searcher::new(Arc::clone(&index));
            let chars: Vec<char> = word.chars().collect();
            for end in 1..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                let full = search_all(&index, &prefix, usize::MAX);
                let first = |k: usize| full[..k.min(full.len())].to_vec();
                prop_assert_eq!(search_all(&index, &prefix, n), first(n), "{:?}", prefix);
                prop_assert_eq!(searcher.top(&prefix, n), first(n), "{:?}", prefix);
                prop_assert_eq!(searcher.top(&prefix, n + 2), first(n + 2));
                prop_assert_eq!(searcher.total(), full.len());
                if end % full_every == 0 {
                    prop_assert_eq!(searcher.search(&prefix).to_vec(), search_all(&index, &prefix, usize::MAX));
                }
            }
        }

        #[test]
        fn typing_over_gapped_texts_equals_fresh_search(
            parts in prop::collection::vec(
                prop::collection::vec(("[abcde ]", 0usize..35), 1..12),
                1..25,
            ),
            word in "[abcde]{2,6}",
        ) {
            // Letters far apart: rows' stale reads fall past where shorter patterns reach.
            let texts: Vec<String> = (parts.iter())
                .map(|p| p.iter().map(|(c, gap)| format!("{c}{}", "x".repeat(*gap))).collect())
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = Arc::new(sentences(&refs));
            let mut searcher = Searcher::new(Arc::clone(&index));
            for end in 1..=word.len() {
                let prefix = &word[..end];
                let full = search_all(&index, prefix, usize::MAX);
                prop_assert_eq!(searcher.top(prefix, 1), full[..full.len().min(1)].to_vec(), "{:?}", prefix);
            }
        }

        #[test]
        fn narrowing_equals_fresh_search(texts in texts(), query in "[abcAB '!^$북사#]{0,10}") {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let index = Arc::new(sentences(&refs));
            let mut searcher = Searcher::new(Arc::clone(&index));
            let chars: Vec<char> = query.chars().collect();
            for end in 0..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                let narrowed = searcher.search(&prefix).to_vec();
                prop_assert_eq!(narrowed, search_all(&index, &prefix, usize::MAX), "{:?}", prefix);
            }
        }
    }
}
