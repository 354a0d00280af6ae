//! Property tests: extraction never panics and its ranges are always valid, on any text.

use dossier::facts::{self, DateContext, PartialDate};
use proptest::prelude::*;

/// Pieces that exercise the detectors: figures, signs, dates, abbreviations, odd punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$".to_string()),
        Just("\u{20a9}".to_string()),
        Just("US$".to_string()),
        Just("%".to_string()),
        Just("-".to_string()),
        Just("\u{2013}".to_string()),
        Just(".".to_string()),
        Just(",".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\u{201c}".to_string()),
        Just("U.S.".to_string()),
        Just("No.".to_string()),
        Just("Oct.".to_string()),
        Just("between".to_string()),
        Just("since at least".to_string()),
        Just("mid".to_string()),
        Just("early".to_string()),
        Just("this year".to_string()),
        Just("April".to_string()),
        Just("million".to_string()),
        Just("billion won".to_string()),
        Just("times more".to_string()),
        Just("one-third".to_string()),
        Just("the second time".to_string()),
        Just("rose by".to_string()),
        Just("Covid-19".to_string()),
        Just("(Citation: X".to_string()),
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            piece(),
            prop_oneof![Just(" "), Just(""), Just("\n"), Just("  ")],
        ),
        0..40,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

fn check(text: &str) {
    let ctx = DateContext::published(PartialDate::year(2022));
    let mut last = 0;
    for r in facts::sentences(text) {
        assert!(r.start >= last && r.start < r.end && r.end <= text.len());
        let sentence = &text[r.clone()];
        assert_eq!(sentence, sentence.trim());
        last = r.end;
        let spans = facts::detect(sentence, &ctx);
        let mut end = 0;
        for s in &spans {
            assert!(s.range.start >= end && s.range.start < s.range.end);
            assert_eq!(s.text, sentence[s.range.clone()]);
            end = s.range.end;
        }
        let _ = facts::fact_score(&spans);
        let _ = facts::timeline_date(&spans);
    }
    for a in facts::find_acronyms(text) {
        assert!(!a.short.is_empty() && !a.long.is_empty());
        let _ = facts::count_mentions(text, &a.short);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_is_handled(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn figure_like_text_is_handled(s in text()) {
        check(&s);
    }
}
