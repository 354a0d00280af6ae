//! Author names as written in front matter → family and given parts, keeping East Asian order.

/// One person's name, split the way CSL needs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Name {
    /// Family name (`Kim`, `김`, `Smith`), or the whole name of an organisation.
    pub family: String,
    /// Given names (`Jong-un`, `정은`, `John`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
}

/// Common Korean, Chinese and Vietnamese family names in their usual romanisations: a Latin-script
/// name that starts with one of these and ends with a hyphenated given name (`Kim Jong-un`,
/// `Moon Jae-in`) is written family name first.
const EAST_ASIAN_FAMILY: &[&str] = &[
    "ahn", "an", "bae", "baek", "chae", "chang", "chen", "cheon", "cho", "choi", "chung", "do",
    "go", "gu", "ha", "han", "heo", "hong", "hwang", "hyun", "jang", "jeon", "jeong", "ji", "jin",
    "jo", "joo", "jung", "kang", "ko", "kong", "koo", "kwak", "kwon", "lee", "li", "lim", "liu",
    "ma", "min", "moon", "na", "nam", "nguyen", "noh", "oh", "pak", "park", "ryu", "seo", "shin",
    "sim", "son", "song", "sung", "wang", "woo", "yang", "yi", "yoo", "yoon", "yu", "yun", "zhang",
    "kim", "choe", "rhee", "roh", "byun", "chun", "paik", "suh", "whang",
];

/// Splits an `author` front-matter value into people: `;`, ` and ` and ` & ` separate people,
/// and so do commas when every part has at least two words (`Ann Lee, Bo Kim`); otherwise a
/// single comma means `Family, Given`.
pub fn parse_authors(raw: &str) -> Vec<Name> {
    let mut people = Vec::new();
    for part in raw.split(';') {
        for person in split_conjunctions(part) {
            let pieces: Vec<&str> = person.split(',').map(str::trim).collect();
            if pieces.len() > 1 && pieces.iter().all(|p| p.split_whitespace().count() >= 2) {
                people.extend(pieces.into_iter().filter_map(parse_name));
            } else {
                people.extend(parse_name(person));
            }
        }
    }
    people
}

fn split_conjunctions(text: &str) -> Vec<&str> {
    let mut out = vec![text];
    for sep in [" and ", " & "] {
        out = out.into_iter().flat_map(|t| t.split(sep)).collect();
    }
    out.into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// One person's name: `Family, Given`; East Asian script (`김정은`, `山田 太郎`) whole, family first;
/// romanised East Asian (`Kim Jong-un`, `KIM Jong-un`) family first; else the last word is the
/// family name.
pub fn parse_name(raw: &str) -> Option<Name> {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if raw.is_empty() {
        return None;
    }
    let given = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    if let Some((family, rest)) = raw.split_once(',') {
        return Some(Name {
            family: family.trim().to_owned(),
            given: given(rest.trim()),
        });
    }
    let words: Vec<&str> = raw.split(' ').collect();
    if raw.chars().any(is_east_asian) {
        // Written in its own script the whole name is kept as one family-first unit
        // (`김정은`, `山田太郎`): CSL processors would otherwise invert it as `김, 정은`.
        return Some(Name {
            family: raw.split(' ').collect(),
            given: None,
        });
    }
    if words.len() == 1 {
        return Some(Name {
            family: raw,
            given: None,
        });
    }
    let first = words[0];
    let family_first = (first.len() > 1 && first.chars().all(char::is_uppercase))
        || (words.len() == 2
            && words[1].contains('-')
            && EAST_ASIAN_FAMILY.contains(&first.to_lowercase().as_str()));
    if family_first {
        return Some(Name {
            family: title_case(first),
            given: given(&words[1..].join(" ")),
        });
    }
    Some(Name {
        family: words[words.len() - 1].to_owned(),
        given: given(&words[..words.len() - 1].join(" ")),
    })
}

/// `KIM` → `Kim` (family names written in capitals to mark them).
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// Hangul, CJK ideographs, kana.
pub(crate) fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(family: &str, given: Option<&str>) -> Name {
        Name {
            family: family.into(),
            given: given.map(Into::into),
        }
    }

    #[test]
    fn east_asian_names_keep_family_name_first() {
        assert_eq!(parse_authors("Kim Jong-un"), [name("Kim", Some("Jong-un"))]);
        assert_eq!(
            parse_authors("KIM Sung-han"),
            [name("Kim", Some("Sung-han"))]
        );
        assert_eq!(parse_authors("김정은"), [name("김정은", None)]);
        assert_eq!(parse_authors("山田 太郎"), [name("山田太郎", None)]);
        assert_eq!(
            parse_authors("Park, Ji-young"),
            [name("Park", Some("Ji-young"))]
        );
    }

    #[test]
    fn western_names_and_lists() {
        assert_eq!(
            parse_authors("Ann Lee Smith and Bob Jones; Cho, Min"),
            [
                name("Smith", Some("Ann Lee")),
                name("Jones", Some("Bob")),
                name("Cho", Some("Min"))
            ]
        );
        assert_eq!(
            parse_authors("Ann Smith, Bob Jones"),
            [name("Smith", Some("Ann")), name("Jones", Some("Bob"))]
        );
        assert_eq!(parse_authors("UNESCO"), [name("UNESCO", None)]);
        assert!(parse_authors(" ; and ").is_empty());
    }
}
