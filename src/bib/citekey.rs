//! Citekeys in the Better BibTeX style: first author's family name, year, first title word.

use super::names::Name;

/// Words a citekey skips when it takes the first word of a title.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "and", "for", "to", "at", "by", "from", "with", "as", "is",
    "are", "its", "or", "into", "via",
];

/// The base key of a record, before de-duplication: `kim2023north`. Without authors the
/// publisher stands in (its acronym in parentheses if it has one: `ifans2023north`); without a
/// year that part is left out; when nothing is left the paper id (letters and digits) is used.
pub fn base_key(
    authors: &[Name],
    publisher: Option<&str>,
    year: Option<i32>,
    title: &str,
    paper_id: &str,
) -> String {
    let who = authors
        .first()
        .map(|a| fold(&a.family))
        .filter(|s| !s.is_empty())
        .or_else(|| publisher.map(publisher_word).filter(|s| !s.is_empty()))
        .unwrap_or_default();
    let year = year.map(|y| y.to_string()).unwrap_or_default();
    let word = title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(fold)
        .find(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .unwrap_or_default();
    let key = format!("{who}{year}{word}");
    if key.is_empty() || key.bytes().all(|b| b.is_ascii_digit()) {
        let id = fold(paper_id);
        if id.is_empty() {
            "paper".to_owned()
        } else {
            id
        }
    } else {
        key
    }
}

/// An organisation's short form: an all-capitals word in parentheses (`(IFANS)`), else its
/// first significant word.
fn publisher_word(publisher: &str) -> String {
    let acronym = publisher.split('(').skip(1).find_map(|rest| {
        let inner = rest.split(')').next()?.trim();
        (inner.len() > 1 && inner.chars().all(|c| c.is_ascii_uppercase())).then_some(inner)
    });
    match acronym {
        Some(a) => fold(a),
        None => publisher
            .split_whitespace()
            .map(fold)
            .find(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .unwrap_or_default(),
    }
}

/// Lower-case ASCII letters and digits only, with Latin diacritics and ligatures folded
/// (`Müller` → `muller`, `Þór` → `thor`); other scripts are dropped.
pub fn fold(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            continue;
        }
        let folded = match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì'..='ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'þ' => "th",
            'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            _ => "",
        };
        out.push_str(folded);
    }
    out
}

/// Makes keys unique: the first holder of a key (in the order given) keeps it, later ones get
/// `a`, `b`, … `z`, `aa`, … appended, skipping suffixed keys already taken.
pub fn dedupe(keys: &mut [String]) {
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for i in 0..keys.len() {
        let base = keys[i].clone();
        let clashes = keys[..i].iter().any(|k| k == &base) || taken.contains(&base);
        if clashes {
            let mut n = 0;
            let key = loop {
                let candidate = format!("{base}{}", suffix(n));
                if !taken.contains(&candidate) && !keys.contains(&candidate) {
                    break candidate;
                }
                n += 1;
            };
            keys[i] = key;
        }
        taken.insert(keys[i].clone());
    }
}

/// `a`…`z`, `aa`, `ab`, …
fn suffix(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kim() -> Vec<Name> {
        vec![Name {
            family: "Kim".into(),
            given: Some("Jong-un".into()),
        }]
    }

    #[test]
    fn keys_take_author_year_and_first_significant_title_word() {
        assert_eq!(
            base_key(&kim(), None, Some(2023), "The North Korean Threat", "x"),
            "kim2023north"
        );
        assert_eq!(
            base_key(
                &[],
                Some(
                    "Institute of Foreign Affairs and National Security (IFANS), Republic of Korea"
                ),
                Some(2022),
                "DPRK’s Illicit Cyber Activities",
                "x"
            ),
            "ifans2022dprks"
        );
        assert_eq!(base_key(&[], None, None, "Über Müller", "x"), "uber");
        assert_eq!(
            base_key(&[], None, None, "「北」", "my-notes-1"),
            "mynotes1"
        );
        assert_eq!(base_key(&[], None, Some(2020), "", "漢"), "paper");
    }

    #[test]
    fn clashing_keys_get_letters_in_order() {
        let mut keys: Vec<String> = ["kim2023north", "lee2020", "kim2023north", "kim2023north"]
            .map(String::from)
            .to_vec();
        dedupe(&mut keys);
        assert_eq!(
            keys,
            ["kim2023north", "lee2020", "kim2023northa", "kim2023northb"]
        );
        let mut tricky: Vec<String> = ["xa", "x", "x"].map(String::from).to_vec();
        dedupe(&mut tricky);
        assert_eq!(tricky, ["xa", "x", "xb"]);
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
    }
}
