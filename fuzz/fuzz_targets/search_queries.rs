//! Query strings (fzf operators ' ^ ! $, scope sigils # $ @, spaces) against a fixed index of the
//! shipped papers, a small Korean paper and a few bookmarks: hits are valid candidate ids in
//! ranking order, match indices are char positions inside the candidate's text, and typing the
//! query char by char in a `Searcher` ranks exactly like a one-shot `search_all`.
#![no_main]

use std::sync::{Arc, LazyLock};

use dossier::document::{Origin, Paper};
use dossier::finder::{BookmarkEntry, bookmark_candidates, library_index};
use dossier::library::Library;
use dossier::search::{Index, Searcher, indices, search_all};
use libfuzzer_sys::fuzz_target;

const KOREAN: &str = "---
title: 북한의 사이버 위협
published: 2023-04-24
---
# 개요

북한의 사이버 공격은 2021년 이후 크게 증가했다. 라자루스 그룹(Lazarus Group)은 약 3억 달러를 탈취했다.

## 대응 방안

한국 정부는 국가정보원(NIS)과 함께 İstanbul, Ünal, ΣΊΣΥΦΟΣ, Kelvin 사례를 분석했다.

| 연도 | 피해액 |
|---|---|
| 2022 | 17억 달러 |
";

/// How many hits the first screen shows.
const SCREEN: usize = 20;
/// Longest query tried: skim is quadratic in the query length per candidate.
const MAX_QUERY_CHARS: usize = 40;

static INDEX: LazyLock<Arc<Index>> = LazyLock::new(|| {
    let mut library = Library::shipped();
    library.papers.push(Paper::parse(
        KOREAN,
        Origin::Embedded("korean.md"),
        "korean",
    ));
    let bookmarks = [
        (0, 3, 0, "Opening claim — note: compare with 2019"),
        (1, 10, 5, "라자루스 bookmark"),
        (2, 1, 0, "북한 NIS note"),
    ]
    .map(
        |(paper, block, offset, text): (usize, usize, usize, &str)| BookmarkEntry {
            paper,
            block,
            offset,
            text: text.to_owned(),
        },
    );
    let extra = bookmark_candidates(&library, &bookmarks);
    Arc::new(library_index(&Arc::new(library), true, extra))
});

fuzz_target!(|data: &[u8]| {
    let index = &**INDEX;
    let query: String = String::from_utf8_lossy(data)
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();

    let all = search_all(index, &query, SCREEN);
    assert!(all.len() <= SCREEN);
    for pair in all.windows(2) {
        assert!(
            pair[0].score >= pair[1].score,
            "{query:?}: hits out of order {pair:?}"
        );
    }
    for hit in &all {
        assert!(
            (hit.id as usize) < index.len(),
            "{query:?}: hit id {} of {}",
            hit.id,
            index.len()
        );
        let text = index.text(hit.id);
        let chars = text.chars().count();
        let matched = indices(index, &query, hit.id);
        assert!(
            matched.windows(2).all(|w| w[0] < w[1]),
            "{query:?}: indices not ascending and unique: {matched:?}"
        );
        if let Some(&last) = matched.last() {
            assert!(
                last < chars,
                "{query:?}: index {last} past the {chars} chars of {text:?}"
            );
        }
    }

    // Type the query char by char, delete back to half of it and retype, as in the finder.
    let mut searcher = Searcher::new(Arc::clone(&INDEX));
    let ends: Vec<usize> = query
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let half = ends.get(ends.len() / 2).copied().unwrap_or(0);
    for &end in ends.iter().chain([half, query.len()].iter()) {
        let typed = searcher.top(&query[..end], SCREEN);
        let fresh = search_all(index, &query[..end], SCREEN);
        assert_eq!(
            typed,
            fresh,
            "{:?}: typing ranks differently from a one-shot search",
            &query[..end]
        );
    }
    let typed = searcher.top(&query, SCREEN);
    assert_eq!(
        typed, all,
        "{query:?}: typing ranks differently from a one-shot search"
    );
    let full = searcher.search(&query).to_vec();
    assert_eq!(
        full.len(),
        searcher.total(),
        "{query:?}: total differs from the hit list"
    );
    assert_eq!(
        &full[..full.len().min(SCREEN)],
        &all[..],
        "{query:?}: the full list starts differently from the first screen"
    );
});
