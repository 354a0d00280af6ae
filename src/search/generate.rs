//! Deterministic synthetic candidates (policy-paper sentences and headings) for benches and tests.

use super::{Candidate, CandidateKind};

/// Tiny xorshift64* generator: deterministic, dependency-free, good enough for test data.
#[derive(Clone, Debug)]
pub struct XorShift(u64);

impl XorShift {
    /// Creates a generator; a zero seed is replaced by a fixed non-zero constant.
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// Next raw 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Picks one element of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ACTORS: &[&str] = &[
    "North Korean hackers",
    "the Lazarus Group",
    "Kimsuky operators",
    "the Reconnaissance General Bureau",
    "state-sponsored actors",
    "Pyongyang's cyber units",
    "APT38",
    "Andariel",
    "the regime",
    "North Korea",
    "Bureau 121",
    "threat actors linked to the DPRK",
    "criminal affiliates",
    "IT workers posing as freelancers",
];

const VERBS: &[&str] = &[
    "have stolen",
    "targeted",
    "laundered",
    "compromised",
    "exploited",
    "infiltrated",
    "continue to attack",
    "have expanded operations against",
    "used phishing to reach",
    "deployed ransomware against",
    "siphoned funds from",
    "conducted espionage on",
    "disrupted",
];

const OBJECTS: &[&str] = &[
    "cryptocurrency exchanges",
    "South Korean defense contractors",
    "financial institutions in 30 countries",
    "the SWIFT network",
    "decentralized finance protocols",
    "government agencies",
    "nuclear research institutes",
    "think tanks and journalists",
    "hospitals and critical infrastructure",
    "supply chains of software vendors",
    "blockchain bridges",
    "the Ministry of Unification",
    "diplomatic missions abroad",
    "semiconductor manufacturers",
];

const TAILS: &[&str] = &[
    "since 2018",
    "according to the United Nations Panel of Experts",
    "using a malware known as \u{201c}AppleJeus\u{201d}",
    "worth $316.4 million",
    "in violation of Security Council sanctions",
    "to finance weapons of mass destruction programs",
    "through mixers and chain-hopping",
    "with the help of front companies in China",
    "despite international countermeasures",
    "while evading attribution",
    "over the past decade",
    "in coordinated campaigns",
    "as reported by the Financial Security Institute",
    "before the funds were converted to fiat currency",
];

const CONNECTORS: &[&str] = &[
    "and", "while", "because", "although", "whereas", "so that", "even as", "after",
];

const OPENERS: &[&str] = &[
    "Moreover,",
    "In addition,",
    "However,",
    "For example,",
    "In 2022,",
    "As a result,",
    "Notably,",
    "In contrast,",
    "Furthermore,",
    "To date,",
];

const HANGUL: &[&str] = &[
    "북한의",
    "사이버",
    "공격은",
    "증가하고",
    "있다",
    "정부는",
    "대응",
    "전략을",
    "마련해야",
    "한다",
    "가상자산",
    "탈취",
    "라자루스",
    "그룹이",
    "국제",
    "협력이",
    "필요하다",
    "정찰총국",
    "해킹",
    "조직",
];

const HEADING_WORDS: &[&str] = &[
    "Introduction",
    "Policy Recommendations",
    "The ROK Government's Response",
    "Conclusion",
    "Background",
    "Cyber Operations",
    "Cryptocurrency Theft",
    "Sanctions Evasion",
    "International Cooperation",
    "Attribution and Deterrence",
    "The Threat Landscape",
    "Legal Frameworks",
    "Capacity Building",
    "Lessons from 2017",
    "Public-Private Partnership",
    "The Role of the United States",
];

fn clause(rng: &mut XorShift, out: &mut String) {
    out.push_str(rng.pick(ACTORS));
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push(' ');
    out.push_str(rng.pick(OBJECTS));
    if rng.below(3) > 0 {
        out.push(' ');
        out.push_str(rng.pick(TAILS));
    }
}

fn capitalize_first(s: &mut String) {
    if let Some(first) = s.chars().next() {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
}

/// Target sentence length in bytes: mostly 60–250, with a tail up to 600.
fn target_len(rng: &mut XorShift) -> usize {
    match rng.below(10) {
        0 => 40 + rng.below(40),
        1..=6 => 80 + rng.below(170),
        7 | 8 => 250 + rng.below(150),
        _ => 400 + rng.below(200),
    }
}

fn english_sentence(rng: &mut XorShift) -> String {
    let target = target_len(rng);
    let mut s = String::with_capacity(target + 80);
    if rng.below(3) == 0 {
        s.push_str(rng.pick(OPENERS));
        s.push(' ');
    }
    clause(rng, &mut s);
    while s.len() < target {
        s.push_str(", ");
        s.push_str(rng.pick(CONNECTORS));
        s.push(' ');
        clause(rng, &mut s);
    }
    if s.len() > 600 {
        let mut cut = 599;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        let trimmed = s.trim_end_matches([' ', ',']).len();
        s.truncate(trimmed);
    }
    capitalize_first(&mut s);
    s.push('.');
    s
}

fn hangul_sentence(rng: &mut XorShift) -> String {
    let words = 5 + rng.below(15);
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(HANGUL));
    }
    s.push('.');
    s
}

fn heading(rng: &mut XorShift) -> String {
    let mut s = rng.pick(HEADING_WORDS).to_string();
    if rng.below(4) == 0 {
        s.push_str(": ");
        s.push_str(rng.pick(HEADING_WORDS));
    }
    s
}

/// Builds `sentences` body sentences and `headings` headings in reading order.
///
/// Sentences are 40–600 bytes of English policy prose composed from word lists (about 3% are
/// Hangul). Headings are spread evenly between sentences; a new paper starts every 2,000
/// sentences, a new block every four sentences; offsets are byte offsets inside the block.
pub fn synthetic_candidates(sentences: usize, headings: usize, seed: u64) -> Vec<Candidate> {
    let mut rng = XorShift::new(seed);
    let mut out = Vec::with_capacity(sentences + headings);
    let every = if headings == 0 {
        usize::MAX
    } else {
        sentences.div_ceil(headings).max(1)
    };
    let (mut paper, mut block, mut offset, mut section) = (0u32, 0u32, 0u32, None);
    let mut headings_left = headings;
    for i in 0..sentences {
        if i > 0 && i % 2000 == 0 {
            paper += 1;
            block = 0;
            offset = 0;
            section = None;
        }
        if headings_left > 0 && i % every == 0 {
            block += 1;
            offset = 0;
            let sec = section.map_or(0, |s| s + 1);
            section = Some(sec);
            push(
                &mut out,
                CandidateKind::Heading,
                heading(&mut rng),
                paper,
                section,
                block,
                0,
            );
            headings_left -= 1;
            block += 1;
        }
        if i % 4 == 0 && offset > 0 {
            block += 1;
            offset = 0;
        }
        let text = if rng.below(33) == 0 {
            hangul_sentence(&mut rng)
        } else {
            english_sentence(&mut rng)
        };
        let len = text.len() as u32 + 1;
        push(
            &mut out,
            CandidateKind::Sentence,
            text,
            paper,
            section,
            block,
            offset,
        );
        offset += len;
    }
    while headings_left > 0 {
        block += 1;
        push(
            &mut out,
            CandidateKind::Heading,
            heading(&mut rng),
            paper,
            section,
            block,
            0,
        );
        headings_left -= 1;
    }
    out
}

fn push(
    out: &mut Vec<Candidate>,
    kind: CandidateKind,
    text: String,
    paper: u32,
    section: Option<u32>,
    block: u32,
    offset: u32,
) {
    let target = out.len() as u32;
    out.push(Candidate {
        kind,
        text,
        paper,
        section,
        block,
        offset,
        target,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_sized() {
        let a = synthetic_candidates(1000, 100, 7);
        let b = synthetic_candidates(1000, 100, 7);
        assert_eq!(a.len(), 1100);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let headings = a
            .iter()
            .filter(|c| c.kind == CandidateKind::Heading)
            .count();
        assert_eq!(headings, 100);
    }

    #[test]
    fn sentences_are_40_to_600_bytes_and_some_are_hangul() {
        let cands = synthetic_candidates(3000, 0, 11);
        for c in &cands {
            assert!(
                (40..=601).contains(&c.text.len()),
                "{} bytes: {}",
                c.text.len(),
                c.text
            );
        }
        let hangul = cands.iter().filter(|c| c.text.contains("북한의")).count();
        assert!(hangul > 20, "only {hangul} Hangul sentences");
    }

    #[test]
    fn candidates_are_in_reading_order() {
        let cands = synthetic_candidates(5000, 500, 3);
        assert!(
            cands
                .windows(2)
                .all(|w| (w[0].paper, w[0].block, w[0].offset)
                    < (w[1].paper, w[1].block, w[1].offset))
        );
    }
}
