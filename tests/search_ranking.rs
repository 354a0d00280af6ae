//! Ranking expectations on a small, realistic policy-paper fixture.

use std::sync::Arc;

use dossier::search::{Candidate, CandidateKind, Index, Searcher, Worker, search_all};

fn fixture() -> Index {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/policy_paper.txt"
    ));
    let mut candidates = Vec::new();
    let (mut block, mut offset, mut section) = (0u32, 0u32, None);
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((tag, body)) = line.split_once('|') else {
            block += 1;
            offset = 0;
            continue;
        };
        let kind = match tag {
            "H" => {
                block += 1;
                offset = 0;
                section = Some(section.map_or(0, |s| s + 1));
                CandidateKind::Heading
            }
            "S" => CandidateKind::Sentence,
            "F" => CandidateKind::Fact,
            "G" => CandidateKind::Glossary,
            _ => CandidateKind::Bookmark,
        };
        candidates.push(Candidate {
            kind,
            text: body.to_string(),
            paper: 0,
            section,
            block,
            offset,
            target: candidates.len() as u32,
        });
        offset += body.len() as u32 + 1;
        if kind == CandidateKind::Heading {
            block += 1;
            offset = 0;
        }
    }
    Index::new(candidates)
}

fn texts(index: &Index, query: &str, n: usize) -> Vec<String> {
    search_all(index, query, n)
        .iter()
        .map(|h| index.text(h.id).to_owned())
        .collect()
}

/// Among body text (headings and sentences) the sentence is first; a fact and a bookmark that
/// *start* with `AppleJeus` get skim's doubled first-char bonus and may precede it overall.
#[test]
fn applejeus_ranks_its_sentence_first() {
    let index = fixture();
    let body: Vec<&str> = search_all(&index, "applejeus", 100)
        .iter()
        .filter(|h| {
            matches!(
                index.get(h.id).kind,
                CandidateKind::Sentence | CandidateKind::Heading
            )
        })
        .map(|h| index.text(h.id))
        .collect();
    assert!(body[0].contains("“AppleJeus” since 2018"), "{body:?}");
    assert!(
        texts(&index, "applejeus", 3)
            .iter()
            .any(|t| t.contains("since 2018"))
    );
}

#[test]
fn aplj_has_the_applejeus_sentence_in_the_top_three() {
    let index = fixture();
    let top = texts(&index, "aplj", 3);
    assert!(
        top.iter().any(|t| t.contains("“AppleJeus” since 2018")),
        "{top:?}"
    );
}

#[test]
fn rok_response_in_headings_finds_the_government_response() {
    let index = fixture();
    assert_eq!(
        texts(&index, "#rok response", 5)[0],
        "The ROK Government's Response"
    );
    assert!(
        search_all(&index, "#rok response", 100)
            .iter()
            .all(|h| index.get(h.id).kind == CandidateKind::Heading)
    );
}

#[test]
fn headings_rank_above_sentences_for_section_words() {
    let index = fixture();
    assert_eq!(
        texts(&index, "policy recommendations", 1)[0],
        "Policy Recommendations"
    );
    assert_eq!(texts(&index, "introduction", 1)[0], "Introduction");
}

#[test]
fn korean_queries_find_the_korean_sentence() {
    let index = fixture();
    assert_eq!(
        texts(&index, "사이버", 1)[0],
        "북한의 사이버 공격은 증가하고 있다."
    );
    assert_eq!(
        texts(&index, "북사", 1)[0],
        "북한의 사이버 공격은 증가하고 있다."
    );
}

#[test]
fn scoped_queries() {
    let index = fixture();
    assert_eq!(
        texts(&index, "$316", 5),
        ["$316.4 million stolen using AppleJeus"]
    );
    assert_eq!(
        texts(&index, "@laz", 5),
        ["Lazarus Group: hacking unit attributed to North Korea"]
    );
    assert_eq!(texts(&index, "' apple", 5), ["AppleJeus paragraph"]);
    assert_eq!(search_all(&index, "#", 100).len(), 6);
}

#[test]
fn highlight_positions_point_at_the_matched_letters() {
    let index = Arc::new(fixture());
    let searcher = Searcher::new(Arc::clone(&index));
    let hit = search_all(&index, "applejeus", 1)[0];
    let chars: Vec<char> = index.text(hit.id).chars().collect();
    let picked: String = searcher
        .indices("applejeus", hit.id)
        .iter()
        .map(|&i| chars[i])
        .collect();
    assert_eq!(picked, "AppleJeus");
}

#[test]
fn typing_into_the_worker_ends_with_the_one_shot_ranking() {
    let index = Arc::new(fixture());
    let worker = Worker::new(Arc::clone(&index), 5);
    let query = "apple";
    for end in 1..=query.len() {
        worker.submit(end as u64, query[..end].to_string());
    }
    let results = worker.recv().expect("worker alive");
    assert_eq!(results.generation, query.len() as u64);
    assert_eq!(results.hits, search_all(&index, query, 5));
}
