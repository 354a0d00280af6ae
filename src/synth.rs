//! A deterministic generator of policy-paper-shaped Markdown, for benchmarks and scale tests:
//! front matter, 5–12 sections, paragraphs with sums of money, counts and dates, a list, a
//! table, footnotes, and Korean paragraphs in some papers. Nothing it makes is committed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small xorshift generator: the same seed always gives the same papers.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (zero is replaced).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "North Korean hackers",
    "The Reconnaissance General Bureau",
    "State-sponsored groups",
    "Criminal syndicates",
    "The Lazarus Group",
    "Overseas IT workers",
    "Regional cyber units",
    "Threat actors",
    "The regime",
    "Allied governments",
    "Financial regulators",
    "Cryptocurrency exchanges",
    "Security researchers",
];
const VERBS: &[&str] = &[
    "stole",
    "laundered",
    "moved",
    "targeted",
    "compromised",
    "extorted",
    "siphoned",
    "diverted",
    "tracked",
    "seized",
];
const OBJECTS: &[&str] = &[
    "digital assets",
    "cryptocurrency",
    "hard currency",
    "bank transfers",
    "payment systems",
    "defense contractors",
    "supply chains",
    "government networks",
    "research institutes",
    "financial institutions",
];
const FILLERS: &[&str] = &[
    "according to a panel of experts",
    "as reported by investigators",
    "in a coordinated campaign",
    "through phishing and malware",
    "using decentralised finance bridges",
    "despite international sanctions",
    "with the help of front companies",
    "across several jurisdictions",
    "amid growing diplomatic pressure",
    "while evading attribution",
    "to fund weapons programs",
    "in the period under review",
];
const NOUNS: &[&str] = &[
    "countries",
    "exchanges",
    "companies",
    "banks",
    "agencies",
    "incidents",
    "employees",
    "accounts",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const HEADINGS: &[&str] = &[
    "Introduction",
    "Background",
    "Patterns of Illicit Revenue",
    "Capabilities and Vulnerabilities",
    "Attribution",
    "International Responses",
    "The Role of Exchanges",
    "Sanctions and Enforcement",
    "Regional Cooperation",
    "Policy Recommendations",
    "Outlook",
    "Conclusion",
];
const KOREAN: &[&str] = &[
    "북한의 사이버 공격은 최근 몇 년 동안 급격히 증가했다.",
    "국제 사회는 불법 사이버 활동에 대한 공동 대응을 강화하고 있다.",
    "가상자산 탈취는 정권의 주요 외화 수입원이 되었다.",
    "정부는 독자 제재와 민관 협력을 확대하기로 했다.",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let subject = rng.pick(SUBJECTS);
    let verb = rng.pick(VERBS);
    let object = rng.pick(OBJECTS);
    let filler = rng.pick(FILLERS);
    let _ = match rng.below(6) {
        0 => write!(
            out,
            "{subject} {verb} more than ${}.{} million in {object} {filler}.",
            10 + rng.below(900),
            rng.below(10)
        ),
        1 => write!(
            out,
            "In {} {}, {} {verb} {object} in at least {} {}.",
            rng.pick(MONTHS),
            2015 + rng.below(9),
            subject.to_lowercase(),
            3 + rng.below(40),
            rng.pick(NOUNS)
        ),
        2 => write!(
            out,
            "{subject} {verb} {object} {filler}, roughly {}% more than in {}.",
            5 + rng.below(90),
            2010 + rng.below(12)
        ),
        3 => write!(
            out,
            "Between {} and {}, {} {verb} about {} {} {filler}.",
            2016 + rng.below(3),
            2019 + rng.below(4),
            subject.to_lowercase(),
            100 + rng.below(5000),
            rng.pick(NOUNS)
        ),
        4 => write!(
            out,
            "On {} {}, {}, {subject} {verb} {object} worth ₩{} billion.",
            rng.pick(MONTHS),
            1 + rng.below(28),
            2018 + rng.below(6),
            1 + rng.below(900)
        ),
        _ => write!(
            out,
            "{subject} {verb} {object} {filler} and {}.",
            rng.pick(FILLERS)
        ),
    };
}

fn paragraph(rng: &mut Rng, korean: bool, out: &mut String) {
    let sentences = 3 + rng.below(6);
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        if korean && rng.below(3) == 0 {
            out.push_str(rng.pick(KOREAN));
        } else {
            sentence(rng, out);
        }
    }
    out.push_str("\n\n");
}

/// Paper number `index` of the library made from `seed`, about `target_bytes` long.
pub fn paper(seed: u64, index: usize, target_bytes: usize) -> String {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let korean = index % 7 == 3;
    let mut out = String::with_capacity(target_bytes + 4096);
    let year = 2015 + rng.below(9);
    let _ = write!(
        out,
        "---\nid: synthetic-{index:05}\ntitle: \"Illicit Cyber Finance Review No. {index}\"\npublisher: Synthetic Institute of Policy Studies\npublished: {year}-{:02}-{:02}\nattribution: Generated for dossier's benchmarks.\n---\n\n",
        1 + rng.below(12),
        1 + rng.below(28),
    );
    let sections = 5 + rng.below(8);
    let per_section = target_bytes / sections;
    let mut notes = 0;
    for s in 0..sections {
        let _ = write!(out, "# {}\n\n", HEADINGS[(s + index) % HEADINGS.len()]);
        let start = out.len();
        let mut sub = 0;
        while out.len() - start < per_section {
            match rng.below(14) {
                0 => {
                    for _ in 0..3 + rng.below(4) {
                        out.push_str("- ");
                        sentence(&mut rng, &mut out);
                        out.push('\n');
                    }
                    out.push('\n');
                }
                1 if s == sections / 2 => {
                    out.push_str("| Year | Incidents | Amount |\n|---:|---:|---:|\n");
                    for y in 0..4 {
                        let _ = writeln!(
                            out,
                            "| {} | {} | ${} million |",
                            2018 + y,
                            10 + rng.below(90),
                            5 + rng.below(500)
                        );
                    }
                    out.push('\n');
                }
                2 => {
                    sub += 1;
                    let _ = write!(out, "## {} {sub}\n\n", HEADINGS[rng.below(HEADINGS.len())]);
                }
                3 => {
                    notes += 1;
                    out.push_str("A figure reported by investigators");
                    let _ = write!(out, "[^n{notes}] ");
                    paragraph(&mut rng, korean, &mut out);
                }
                _ => paragraph(&mut rng, korean, &mut out),
            }
        }
    }
    for n in 1..=notes {
        let _ = writeln!(out, "[^n{n}]: Report {n}, page {}.\n", 1 + rng.below(300));
    }
    out
}

/// Writes `count` papers of about `bytes_each` bytes into `dir` (`paper-00000.md` …).
pub fn write_library(
    dir: &Path,
    count: usize,
    bytes_each: usize,
    seed: u64,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    (0..count)
        .map(|i| {
            let path = dir.join(format!("paper-{i:05}.md"));
            std::fs::write(&path, paper(seed, i, bytes_each))?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Origin, Paper};

    #[test]
    fn papers_are_deterministic_and_policy_shaped() {
        let a = paper(7, 3, 20_000);
        assert_eq!(a, paper(7, 3, 20_000));
        assert_ne!(a, paper(7, 4, 20_000));
        assert!(a.len() >= 20_000 && a.len() < 30_000, "{}", a.len());
        let p = Paper::parse(&a, Origin::Embedded("x.md"), "x");
        assert!(p.warnings.is_empty());
        assert!(p.sections.iter().filter(|s| s.parent.is_none()).count() >= 5);
        assert!(
            a.contains("million") && a.contains("북한"),
            "money and Korean text"
        );
        assert_eq!(p.id, "synthetic-00003");
    }
}
