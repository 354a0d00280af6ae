//! Word lists the detectors use: months, number words, scales, currencies, units, qualifiers.

/// What a word means to the detectors, decided once per token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Lex {
    None,
    /// A capitalised month name or abbreviation, 1..=12.
    Month(u8),
    /// A cardinal number word: one..nineteen, twenty..ninety.
    Card(u32),
    /// hundred, thousand, million, billion, trillion and their abbreviations.
    Scale(u64),
    Dozen,
    /// An ordinal word: first..twentieth.
    Ord(u8),
    /// dozens, hundreds, thousands, millions, billions, tens (followed by "of").
    Approx,
    /// twice, thrice, twofold..hundredfold.
    MultWord(u32),
    Times,
    Fold,
    Percent,
    /// A currency noun with its ISO 4217 code (dollars, won, yen ...).
    CurWord(&'static str),
    /// An ISO 4217 code written as such (USD, KRW ...).
    CurCode(&'static str),
    /// A verb of change; the sign of the direction.
    ChangeVerb(i8),
    /// doubled, tripled, quadrupled (the factor, in halves for "halved").
    ChangeMul(u8),
    /// A noun of change after a figure ("a 5% increase"); the sign.
    ChangeNoun(i8),
    /// this / last / next (before "year").
    Rel(i8),
    /// early / mid / late.
    Part(u8),
    TimeUnit,
    Unit,
}

/// Classifies a word; case matters only for months and ISO codes.
pub(super) fn classify(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 16 || !word.is_ascii() {
        return Lex::None;
    }
    if let Some(code) = currency_code(word) {
        return Lex::CurCode(code);
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..bytes.len()]).unwrap_or("");
    if bytes[0].is_ascii_uppercase()
        && let Some(m) = month(lower)
    {
        return Lex::Month(m);
    }
    if let Some(v) = cardinal(lower) {
        return Lex::Card(v);
    }
    if let Some(v) = ordinal(lower) {
        return Lex::Ord(v);
    }
    match lower {
        "hundred" => Lex::Scale(100),
        "thousand" | "k" => Lex::Scale(1_000),
        "million" | "mn" | "mln" | "m" => Lex::Scale(1_000_000),
        "billion" | "bn" | "b" => Lex::Scale(1_000_000_000),
        "trillion" | "tn" | "trn" => Lex::Scale(1_000_000_000_000),
        "dozen" => Lex::Dozen,
        "dozens" | "hundreds" | "thousands" | "millions" | "billions" | "trillions" | "tens" => {
            Lex::Approx
        }
        "twice" | "twofold" => Lex::MultWord(2),
        "thrice" | "threefold" => Lex::MultWord(3),
        "fourfold" => Lex::MultWord(4),
        "fivefold" => Lex::MultWord(5),
        "sixfold" => Lex::MultWord(6),
        "sevenfold" => Lex::MultWord(7),
        "eightfold" => Lex::MultWord(8),
        "ninefold" => Lex::MultWord(9),
        "tenfold" => Lex::MultWord(10),
        "hundredfold" => Lex::MultWord(100),
        "thousandfold" => Lex::MultWord(1000),
        "times" => Lex::Times,
        "fold" => Lex::Fold,
        "percent" | "pct" => Lex::Percent,
        "dollars" | "dollar" => Lex::CurWord("USD"),
        "won" => Lex::CurWord("KRW"),
        "yen" => Lex::CurWord("JPY"),
        "euros" | "euro" => Lex::CurWord("EUR"),
        "yuan" | "renminbi" => Lex::CurWord("CNY"),
        "pounds" => Lex::CurWord("GBP"),
        "rupees" => Lex::CurWord("INR"),
        "rubles" | "roubles" => Lex::CurWord("RUB"),
        "rose" | "risen" | "rises" | "rising" | "increased" | "increases" | "grew" | "grown"
        | "grow" | "grows" | "jumped" | "climbed" | "surged" | "soared" | "spiked" | "gained"
        | "added" | "advanced" | "rallied" | "rebounded" => Lex::ChangeVerb(1),
        "fell" | "fallen" | "falls" | "dropped" | "declined" | "decreased" | "shrank"
        | "shrunk" | "plunged" | "plummeted" | "slid" | "tumbled" | "dipped" | "slipped"
        | "eased" | "shed" | "retreated" | "slumped" | "sank" => Lex::ChangeVerb(-1),
        "doubled" => Lex::ChangeMul(4),
        "tripled" | "trebled" => Lex::ChangeMul(6),
        "quadrupled" => Lex::ChangeMul(8),
        "halved" => Lex::ChangeMul(1),
        "increase" | "rise" | "jump" | "growth" | "gain" | "surge" | "hike" => Lex::ChangeNoun(1),
        "decrease" | "drop" | "decline" | "fall" | "reduction" | "cut" | "loss" | "plunge" => {
            Lex::ChangeNoun(-1)
        }
        "this" => Lex::Rel(0),
        "last" => Lex::Rel(-1),
        "next" => Lex::Rel(1),
        "early" => Lex::Part(0),
        "mid" => Lex::Part(1),
        "late" => Lex::Part(2),
        "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" | "hour"
        | "hours" | "minute" | "minutes" | "seconds" | "decade" | "decades" | "century"
        | "centuries" => Lex::TimeUnit,
        "km" | "kilometers" | "kilometres" | "kilometer" | "kilometre" | "miles" | "mile"
        | "meters" | "metres" | "kg" | "kilograms" | "tons" | "tonnes" | "gb" | "mb" | "tb"
        | "pb" | "kb" | "gigabytes" | "megabytes" | "terabytes" | "petabytes" | "gbps" | "mbps"
        | "mw" | "gw" | "kwh" | "mwh" | "gwh" | "barrels" | "liters" | "litres" | "hectares"
        | "acres" | "mph" => Lex::Unit,
        _ => Lex::None,
    }
}

fn currency_code(word: &str) -> Option<&'static str> {
    Some(match word {
        "USD" => "USD",
        "KRW" => "KRW",
        "KPW" => "KPW",
        "EUR" => "EUR",
        "JPY" => "JPY",
        "CNY" | "RMB" => "CNY",
        "GBP" => "GBP",
        "CHF" => "CHF",
        "INR" => "INR",
        "RUB" => "RUB",
        "HKD" => "HKD",
        "AUD" => "AUD",
        "CAD" => "CAD",
        "SGD" => "SGD",
        "TWD" => "TWD",
        _ => return None,
    })
}

fn month(lower: &str) -> Option<u8> {
    Some(match lower {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn cardinal(lower: &str) -> Option<u32> {
    Some(match lower {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn ordinal(lower: &str) -> Option<u8> {
    Some(match lower {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        _ => return None,
    })
}

/// The denominator a fraction word stands for ("third" → 3, "quarters" → 4).
pub(super) fn fraction_denominator(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.strip_suffix('s').unwrap_or(&w);
    Some(match w {
        "half" | "halve" => 2,
        "third" => 3,
        "quarter" | "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// Words that never belong to a counted noun phrase and never name a thing.
pub(super) fn is_function_word(word: &str) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from",
        "by", "with", "without", "within", "into", "onto", "over", "under", "than", "that", "which",
        "who", "whom", "whose", "this", "these", "those", "it", "its", "their", "they", "them",
        "he", "she", "his", "her", "we", "our", "you", "your", "as", "is", "are", "was", "were",
        "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can",
        "could", "may", "might", "must", "shall", "should", "not", "no", "so", "such", "if", "then",
        "since", "until", "till", "while", "when", "where", "during", "before", "after", "about",
        "around", "between", "among", "through", "throughout", "per", "via", "against", "toward",
        "towards", "upon", "also", "only", "just", "all", "each", "every", "some", "any", "more",
        "most", "less", "least", "many", "much", "few", "several", "other", "another", "alone",
        "there", "here", "up", "down", "out", "off", "nearly", "almost", "approximately", "roughly",
        "estimated", "said", "according", "like", "both", "either", "neither", "than", "though",
        "although", "because", "whereas", "however", "even", "still", "yet", "ago", "later",
        "earlier", "including", "whether", "what", "above", "below", "exactly", "precisely",
        "fully", "barely", "fewer", "totaling", "totalling", "reportedly", "possibly", "perhaps",
    ];
    let acronym = word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase());
    !acronym && WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a word looks like a plural noun (the head of a counted phrase).
pub(super) fn is_plural_noun(word: &str) -> bool {
    #[rustfmt::skip]
    const IRREGULAR: &[&str] = &[
        "people", "children", "men", "women", "staff", "personnel", "police", "media", "aircraft",
        "crew", "sheep", "fish", "feet", "teeth", "mice", "criteria", "phenomena", "data", "youth",
        "militia", "cattle",
    ];
    #[rustfmt::skip]
    const NOT_PLURAL: &[&str] = &[
        "this", "was", "has", "does", "its", "his", "hers", "ours", "yours", "theirs", "thus",
        "plus", "unless", "across", "always", "perhaps", "whereas", "besides", "afterwards",
        "sometimes", "news", "less", "is", "as", "us", "yes", "gas", "bus",
    ];
    if IRREGULAR.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && !NOT_PLURAL.contains(&lower.as_str())
}

/// Comparatives that complete "N times …" as a multiplier.
pub(super) fn is_comparative(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "more", "less", "fewer", "higher", "larger", "greater", "bigger", "faster", "lower",
        "smaller", "stronger", "longer", "worse", "better", "cheaper", "costlier",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Qualifiers before a figure, longest first so the longest one wins.
pub(super) const NUMBER_QUALIFIERS: &[&str] = &[
    "slightly more than",
    "slightly less than",
    "a little more than",
    "a little over",
    "no fewer than",
    "no less than",
    "no more than",
    "well over",
    "well above",
    "well below",
    "just over",
    "just under",
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "as few as",
    "as little as",
    "as high as",
    "close to",
    "upwards of",
    "in excess of",
    "an estimated",
    "approximately",
    "roughly",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "under",
    "some",
    "estimated",
    "only",
    "just",
    "below",
    "above",
];

/// Qualifiers before a date, longest first.
pub(super) const DATE_QUALIFIERS: &[&str] = &[
    "since as early as",
    "since at least",
    "by at least",
    "as early as",
    "as late as",
    "prior to",
    "as of",
    "since",
    "by",
    "before",
    "after",
    "until",
    "till",
    "through",
    "circa",
    "around",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_capital() {
        assert_eq!(classify("May"), Lex::Month(5));
        assert_eq!(classify("may"), Lex::None);
        assert_eq!(classify("Oct"), Lex::Month(10));
    }

    #[test]
    fn codes_are_case_sensitive() {
        assert_eq!(classify("USD"), Lex::CurCode("USD"));
        assert_eq!(classify("usd"), Lex::None);
        assert_eq!(classify("won"), Lex::CurWord("KRW"));
    }

    #[test]
    fn plurals() {
        assert!(is_plural_noun("countries"));
        assert!(is_plural_noun("people"));
        assert!(!is_plural_noun("cryptocurrency"));
        assert!(!is_plural_noun("this"));
        assert!(!is_plural_noun("business"));
    }

    #[test]
    fn acronyms_are_not_function_words() {
        assert!(is_function_word("it") && is_function_word("The"));
        assert!(!is_function_word("IT") && !is_function_word("US"));
    }

    #[test]
    fn fractions() {
        assert_eq!(fraction_denominator("thirds"), Some(3));
        assert_eq!(fraction_denominator("Quarter"), Some(4));
        assert_eq!(fraction_denominator("shot"), None);
    }
}
