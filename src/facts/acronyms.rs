//! Acronyms defined in the text, found with the Schwartz & Hearst (2003) algorithm.

use serde::Serialize;

/// An acronym and the long form the text defines it with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acronym {
    pub short: String,
    pub long: String,
}

/// Acronyms defined as "Long Form (LF)" or "LF (Long Form)", first definition of each wins.
/// The long form is the shortest tail of the words before the parenthesis whose letters
/// contain the acronym's in order, the acronym's first letter starting a word.
pub fn find_acronyms(text: &str) -> Vec<Acronym> {
    let mut out: Vec<Acronym> = Vec::new();
    let mut from = 0;
    while let Some(off) = text[from..].find('(') {
        let open = from + off;
        from = open + 1;
        let Some(len) = text[open + 1..].find([')', '(']) else {
            break;
        };
        let close = open + 1 + len;
        if !text[close..].starts_with(')') || len > 120 {
            continue;
        }
        let inner = text[open + 1..close].trim();
        let inner = inner.split([';', ',']).next().unwrap_or("").trim();
        let before = &text[..open];
        if let Some(a) = define(before, inner)
            && !out.iter().any(|x| x.short == a.short)
        {
            out.push(a);
        }
        from = close + 1;
    }
    out
}

/// The letters a long form must hold: a plural's final "s" is left out ("NGOs" → "NGO").
fn letters(short: &str) -> &str {
    match short.strip_suffix('s') {
        Some(stem) if stem.chars().filter(char::is_ascii_uppercase).count() >= 2 => stem,
        _ => short,
    }
}

fn define(before: &str, inner: &str) -> Option<Acronym> {
    if is_short_form(inner) {
        let window = window_before(before, inner.chars().count());
        let long =
            best_long_form(letters(inner), &window).or_else(|| best_long_form(inner, &window))?;
        return Some(Acronym {
            short: inner.to_string(),
            long,
        });
    }
    let short = before.trim_end().rsplit(char::is_whitespace).next()?;
    let words = inner.split_whitespace().count();
    if words < 2
        || !is_short_form(short)
        || short.chars().filter(char::is_ascii_uppercase).count() < 2
    {
        return None;
    }
    let limit = (short.chars().count() + 5).min(short.chars().count() * 2);
    if words > limit {
        return None;
    }
    let long = best_long_form(letters(short), inner).or_else(|| best_long_form(short, inner))?;
    Some(Acronym {
        short: short.to_string(),
        long,
    })
}

/// A plausible acronym: 2–10 characters, at most two words, starting with a letter or digit,
/// with a capital letter.
fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && s.split_whitespace().count() <= 2
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars().any(char::is_uppercase)
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&' | '.' | '/' | ' '))
}

/// The last min(|A| + 5, 2|A|) words before the parenthesis, not crossing a clause end.
fn window_before(before: &str, short_len: usize) -> String {
    let limit = (short_len + 5).min(short_len * 2);
    let mut words: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev() {
        if words.len() == limit || w.ends_with(['.', '!', '?', ';', ':', ')', '(']) {
            break;
        }
        words.push(w);
    }
    words.reverse();
    words.join(" ")
}

/// Schwartz & Hearst's matching: walk the acronym from its end, find each of its letters
/// further left in the candidate, the first one at the start of a word.
fn best_long_form(short: &str, long: &str) -> Option<String> {
    let s: Vec<char> = short.chars().flat_map(char::to_lowercase).collect();
    let l: Vec<(usize, char)> = long.char_indices().collect();
    let lower = |k: usize| l[k].1.to_lowercase().next().unwrap_or(l[k].1);
    let mut li = l.len();
    for si in (0..s.len()).rev() {
        let c = s[si];
        if !c.is_alphanumeric() {
            continue;
        }
        loop {
            li = li.checked_sub(1)?;
            let word_start = li == 0 || !l[li - 1].1.is_alphanumeric();
            if lower(li) == c && (si > 0 || word_start) {
                break;
            }
        }
    }
    let found = long[l.get(li)?.0..]
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let longer = found.chars().count() > short.chars().count();
    let self_ref = found.split_whitespace().any(|w| w == short);
    let words = found.contains(|c: char| c.is_whitespace() || c == '-');
    (longer && !self_ref && words).then_some(found)
}

/// Whole-word, case-sensitive occurrences of `short` in `text`.
pub fn count_mentions(text: &str, short: &str) -> usize {
    if short.is_empty() {
        return 0;
    }
    text.match_indices(short)
        .filter(|(k, _)| {
            let before = text[..*k].chars().next_back();
            let after = text[k + short.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_of(text: &str, short: &str) -> Option<String> {
        find_acronyms(text)
            .into_iter()
            .find(|a| a.short == short)
            .map(|a| a.long)
    }

    #[test]
    fn long_form_then_short_form() {
        let t = "systematically conducted cyber operations orchestrated by the Reconnaissance General Bureau (RGB), a North Korean agency";
        assert_eq!(
            long_of(t, "RGB").as_deref(),
            Some("Reconnaissance General Bureau")
        );
        let t = "In 2021, the Director of National Intelligence (DNI) said";
        assert_eq!(
            long_of(t, "DNI").as_deref(),
            Some("Director of National Intelligence")
        );
        let t = "The U.S. Cybersecurity and Infrastructure Security Agency (CISA) refers to";
        assert_eq!(
            long_of(t, "CISA").as_deref(),
            Some("Cybersecurity and Infrastructure Security Agency")
        );
    }

    #[test]
    fn shortest_fitting_tail_and_plurals() {
        let t = "the Department of State\u{2019}s Bureau of Cyberspace and Digital Policy (CDP) established";
        assert_eq!(
            long_of(t, "CDP").as_deref(),
            Some("Cyberspace and Digital Policy")
        );
        let t = "used to develop weapons of mass destruction (WMDs) showed";
        assert_eq!(
            long_of(t, "WMDs").as_deref(),
            Some("weapons of mass destruction")
        );
    }

    #[test]
    fn short_form_then_long_form() {
        let t = "agencies such as CISA (Cybersecurity and Infrastructure Security Agency) warned";
        assert_eq!(
            long_of(t, "CISA").as_deref(),
            Some("Cybersecurity and Infrastructure Security Agency")
        );
    }

    #[test]
    fn parentheses_that_define_nothing() {
        assert!(
            find_acronyms("in 2019 (see below) and (2020) and (e.g. banks) and (Kim, 2019)")
                .is_empty()
        );
        assert!(find_acronyms("a malware known as AppleJeus (AJ) since").is_empty());
    }

    #[test]
    fn first_definition_wins() {
        let t = "the Democratic People\u{2019}s Republic of Korea (DPRK) and later the Korean People\u{2019}s Republic (DPRK)";
        let long = "Democratic People\u{2019}s Republic of Korea".to_string();
        assert_eq!(
            find_acronyms(t),
            [Acronym {
                short: "DPRK".into(),
                long
            }]
        );
    }

    #[test]
    fn mentions_are_whole_words() {
        let t = "CISA, the FBI and CISA's partners; CISAs and XCISA are not mentions. U.S. and the U.S.-led";
        assert_eq!(count_mentions(t, "CISA"), 2);
        assert_eq!(count_mentions(t, "U.S."), 2);
        assert_eq!(count_mentions("IT firms; it is", "IT"), 1);
    }
}
