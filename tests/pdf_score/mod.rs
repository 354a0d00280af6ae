//! A port of `score_import.py`'s counting for tests: words (case folded, ligatures, quotes and
//! dashes unified; runs of letters or of digits), recall and precision by exact LCS, hyphen
//! splits, boilerplate leaks and headings found in order.

use serde_json::Value;
use std::collections::HashMap;

/// A reference: its blocks, boilerplate, headings and cover strings.
pub struct Reference {
    pub main: Vec<String>,
    pub notes: Vec<Vec<String>>,
    pub blocks: Vec<Vec<String>>,
    pub front: Vec<Vec<String>>,
    pub boilerplate: Vec<(Vec<String>, bool, usize)>,
    pub headings: Vec<String>,
}

/// The scorer's figures.
#[derive(Debug)]
pub struct Score {
    pub recall: f64,
    pub precision: f64,
    pub hyphen_splits: usize,
    pub hyphen_examples: Vec<String>,
    pub leaks: usize,
    pub leak_examples: Vec<String>,
    pub headings_found: usize,
    pub headings_total: usize,
}

fn norm_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2bc}' | '`'
        | '\u{b4}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            out.push('"')
        }
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{fe58}'
        | '\u{fe63}'
        | '\u{ff0d}'
        | '\u{2043}' => out.push('-'),
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
        '\u{fb00}' => out.push_str("ff"),
        '\u{fb01}' => out.push_str("fi"),
        '\u{fb02}' => out.push_str("fl"),
        '\u{fb03}' => out.push_str("ffi"),
        '\u{fb04}' => out.push_str("ffl"),
        c => out.extend(c.to_lowercase()),
    }
}

/// The words of a text as the scorer counts them.
pub fn words(s: &str) -> Vec<String> {
    let mut n = String::with_capacity(s.len());
    for c in s.chars() {
        norm_char(c, &mut n);
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut digit = false;
    for c in n.chars() {
        let (is_letter, is_digit) = (c.is_alphabetic() && !c.is_numeric(), c.is_numeric());
        if (is_letter && !digit && !cur.is_empty()) || (is_digit && digit) {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if is_letter || is_digit {
                cur.push(c);
                digit = is_digit;
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether a line is only a page number, as the scorer's `PAGE_LINE` pattern sees it.
pub fn is_page_line(line: &str) -> bool {
    let mut n = String::new();
    for c in line.chars() {
        norm_char(c, &mut n);
    }
    let t = n.trim();
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit()))
            || (!s.is_empty() && s.len() <= 7 && s.chars().all(|c| "ivxlc".contains(c)))
    };
    if let Some(inner) = t.strip_prefix('-').and_then(|x| x.strip_suffix('-')) {
        let inner = inner.trim();
        if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    let t = t
        .strip_prefix("page")
        .filter(|r| r.starts_with(char::is_whitespace))
        .map_or(t, str::trim_start);
    let end = t
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len());
    let (first, rest) = t.split_at(end);
    if !num(first) {
        return false;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let rest = rest
        .strip_prefix("of")
        .or_else(|| rest.strip_prefix('/'))
        .map(str::trim_start);
    rest.is_some_and(|r| !r.is_empty() && r.len() <= 4 && r.chars().all(|c| c.is_ascii_digit()))
}

impl Reference {
    pub fn load(json: &str) -> Self {
        let v: Value = serde_json::from_str(json).expect("reference JSON");
        let strs = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut main = Vec::new();
        let mut notes = Vec::new();
        let mut blocks = Vec::new();
        for b in v["blocks"].as_array().into_iter().flatten() {
            let w = words(b["text"].as_str().unwrap_or(""));
            if b["kind"] == "note" {
                notes.push(w.clone());
            } else {
                main.extend(w.iter().cloned());
            }
            blocks.push(w);
        }
        let boilerplate = v["boilerplate"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| {
                let text = b.as_str().or_else(|| b["text"].as_str()).unwrap_or("");
                let w = words(text);
                let line = b["line"].as_bool().unwrap_or(
                    w.len() == 1 || w.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())),
                );
                (w, line, b["allowed"].as_u64().unwrap_or(0) as usize)
            })
            .collect();
        Self {
            main,
            notes,
            blocks,
            front: strs("front").iter().map(|s| words(s)).collect(),
            boilerplate,
            headings: strs("headings"),
        }
    }
}

/// Length of the longest common subsequence (bit-parallel, exact).
#[allow(clippy::many_single_char_names)] // the algorithm's own names
pub fn lcs(a: &[u32], b: &[u32]) -> usize {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let n = a.len();
    if n == 0 {
        return 0;
    }
    let words = n.div_ceil(64);
    let mut masks: HashMap<u32, Vec<u64>> = HashMap::new();
    for (i, t) in a.iter().enumerate() {
        masks.entry(*t).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; words];
    for t in b {
        let Some(m) = masks.get(t) else { continue };
        let mut carry = 0u64;
        for k in 0..words {
            let u = v[k] & m[k];
            let (s1, c1) = v[k].overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(carry);
            carry = u64::from(c1 || c2);
            v[k] = s2 | (v[k] - u);
        }
    }
    let mut zeros = 0;
    for (k, w) in v.iter().enumerate() {
        let bits = if k + 1 == words && n % 64 != 0 {
            n % 64
        } else {
            64
        };
        zeros += (bits as u32 - (w & (u64::MAX >> (64 - bits))).count_ones()) as usize;
    }
    zeros
}

/// Exact LCS alignment of two short sequences: the matched indices of `b`.
#[allow(clippy::many_single_char_names)] // the textbook's names
fn align(a: &[String], b: &[String]) -> Vec<usize> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(j);
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn find(hay: &[String], needle: &[String], from: usize, to: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=to.min(hay.len() - needle.len())).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Scores output `lines` (the body, one block a line) and section titles against a reference.
pub fn score(lines: &[String], titles: &[String], r: &Reference) -> Score {
    let line_words: Vec<Vec<String>> = lines.iter().map(|l| words(l)).collect();
    let mut out: Vec<Option<String>> = line_words.iter().flatten().cloned().map(Some).collect();
    // front strings near the start count on neither side
    let window = 200 + r.front.iter().map(Vec::len).sum::<usize>();
    for f in &r.front {
        let flat: Vec<String> = out.iter().map(|w| w.clone().unwrap_or_default()).collect();
        if let Some(p) = find(&flat, f, 0, window) {
            for w in &mut out[p..p + f.len()] {
                *w = None;
            }
        }
    }
    let body: Vec<String> = out.into_iter().flatten().collect();
    // notes matched wherever they are: placed by trigram votes, then aligned (LCS) nearby
    let mut alive = vec![true; body.len()];
    let mut note_matched = 0;
    let mut tri: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (i, w) in body.windows(3).enumerate() {
        tri.entry((&w[0], &w[1], &w[2])).or_default().push(i);
    }
    for n in &r.notes {
        if n.len() < 3 {
            let flat: Vec<String> = body
                .iter()
                .zip(&alive)
                .map(|(w, a)| if *a { w.clone() } else { String::new() })
                .collect();
            if let Some(p) = find(&flat, n, 0, flat.len()) {
                alive[p..p + n.len()].iter_mut().for_each(|a| *a = false);
                note_matched += n.len();
            }
            continue;
        }
        let mut offs: Vec<i64> = Vec::new();
        for (i, w) in n.windows(3).enumerate() {
            if let Some(ps) = tri.get(&(w[0].as_str(), w[1].as_str(), w[2].as_str()))
                && ps.len() <= 64
            {
                offs.extend(ps.iter().map(|&p| p as i64 - i as i64));
            }
        }
        offs.sort_unstable();
        let width = (n.len() as i64 / 3).max(4);
        let (mut best, mut best_n, mut j) = (None, 0, 0);
        for i in 0..offs.len() {
            while offs[i] - offs[j] > width {
                j += 1;
            }
            if i - j + 1 > best_n {
                best_n = i - j + 1;
                best = Some(offs[j]);
            }
        }
        let Some(off) = best.filter(|_| best_n >= 2) else {
            continue;
        };
        let lo = (off - 10).max(0) as usize;
        let hi = ((off + (n.len() as f64 * 1.5) as i64 + 20).max(0) as usize).min(body.len());
        let cand: Vec<usize> = (lo..hi).filter(|&k| alive[k]).collect();
        for k in align(
            n,
            &cand.iter().map(|&k| body[k].clone()).collect::<Vec<_>>(),
        ) {
            alive[cand[k]] = false;
            note_matched += 1;
        }
    }
    let rest: Vec<String> = body
        .iter()
        .zip(&alive)
        .filter(|(_, a)| **a)
        .map(|(w, _)| w.clone())
        .collect();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut to_ids = |ws: &[String]| -> Vec<u32> {
        ws.iter()
            .map(|w| {
                let n = ids.len() as u32;
                *ids.entry(w.clone()).or_insert(n)
            })
            .collect()
    };
    let gt_ids = to_ids(&r.main);
    let rest_ids = to_ids(&rest);
    let matched = lcs(&gt_ids, &rest_ids) + note_matched;
    let gt_total = r.main.len() + r.notes.iter().map(Vec::len).sum::<usize>();
    // hyphen splits: a reference word found only as two adjacent pieces
    let count = |ws: &mut dyn Iterator<Item = &String>| {
        let mut c: HashMap<String, usize> = HashMap::new();
        for w in ws {
            *c.entry(w.clone()).or_default() += 1;
        }
        c
    };
    let gt_count = count(&mut r.blocks.iter().flatten());
    let out_count = count(&mut body.iter());
    let pairs = |seqs: &[&[String]]| {
        let mut c: HashMap<String, usize> = HashMap::new();
        for s in seqs {
            for p in s.windows(2) {
                if p[0].chars().all(char::is_alphabetic) && p[1].chars().all(char::is_alphabetic) {
                    *c.entry(format!("{}{}", p[0], p[1])).or_default() += 1;
                }
            }
        }
        c
    };
    let gt_adj = pairs(&r.blocks.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let out_adj = pairs(&[body.as_slice()]);
    let mut hyphen_splits = 0;
    let mut hyphen_examples = Vec::new();
    for (j, n) in &out_adj {
        let Some(g) = gt_count.get(j) else { continue };
        if j.chars().count() < 4 {
            continue;
        }
        let deficit = g.saturating_sub(*out_count.get(j).unwrap_or(&0));
        let extra = n.saturating_sub(*gt_adj.get(j).unwrap_or(&0));
        if deficit.min(extra) > 0 {
            hyphen_splits += deficit.min(extra);
            hyphen_examples.push(j.clone());
        }
    }
    // boilerplate leaks
    let gt_lines: Vec<&Vec<String>> = r.blocks.iter().collect();
    let mut leaks = 0;
    let mut leak_examples = Vec::new();
    let mut flagged = vec![false; lines.len()];
    for (bw, line, allowed) in &r.boilerplate {
        if bw.is_empty() {
            continue;
        }
        let (hits, gt_occ): (Vec<usize>, usize) = if *line {
            (
                (0..lines.len()).filter(|&i| line_words[i] == *bw).collect(),
                gt_lines.iter().filter(|l| **l == bw).count(),
            )
        } else {
            let mut h = Vec::new();
            for (i, lw) in line_words.iter().enumerate() {
                let mut from = 0;
                while let Some(p) = find(lw, bw, from, lw.len()) {
                    h.push(i);
                    from = p + bw.len();
                }
            }
            let flat: Vec<String> = r.blocks.iter().flatten().cloned().collect();
            let mut occ = 0;
            let mut from = 0;
            while let Some(p) = find(&flat, bw, from, flat.len()) {
                occ += 1;
                from = p + bw.len();
            }
            let front_occ = r
                .front
                .iter()
                .filter(|f| find(f, bw, 0, f.len()).is_some())
                .count();
            (h, occ + front_occ)
        };
        for &h in &hits {
            flagged[h] = true;
        }
        let leak = hits.len().saturating_sub(gt_occ + allowed);
        if leak > 0 {
            leaks += leak;
            leak_examples.push(format!("{} ×{leak}", bw.join(" ")));
        }
    }
    let gt_pagelines = r
        .blocks
        .iter()
        .filter(|b| !b.is_empty() && is_page_line(&b.join(" ")))
        .count();
    let page_lines: Vec<&String> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !flagged[*i] && is_page_line(l))
        .map(|(_, l)| l)
        .collect();
    if page_lines.len() > gt_pagelines {
        leaks += page_lines.len() - gt_pagelines;
        leak_examples.extend(page_lines.iter().map(|l| format!("page-number line {l:?}")));
    }
    // headings in order, numbers not compared
    let key = |s: &str| {
        let mut w = words(s);
        loop {
            if w.first()
                .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()))
            {
                w.remove(0);
            } else if w.len() > 1
                && ["chapter", "section", "appendix", "part"].contains(&w[0].as_str())
                && (w[1].chars().all(|c| c.is_ascii_digit()) || w[1].chars().count() == 1)
            {
                w.drain(..2);
            } else {
                break;
            }
        }
        w.concat()
    };
    let gt_h: Vec<String> = r
        .headings
        .iter()
        .map(|h| key(h))
        .filter(|k| !k.is_empty())
        .collect();
    let out_h: Vec<String> = titles.iter().map(|t| key(t)).collect();
    let mut hid: HashMap<String, u32> = HashMap::new();
    let mut hids = |ws: &[String]| -> Vec<u32> {
        ws.iter()
            .map(|w| {
                let n = hid.len() as u32;
                *hid.entry(w.clone()).or_insert(n)
            })
            .collect()
    };
    let (a, b) = (hids(&gt_h), hids(&out_h));
    Score {
        recall: matched as f64 / gt_total.max(1) as f64,
        precision: matched as f64 / body.len().max(1) as f64,
        hyphen_splits,
        hyphen_examples,
        leaks,
        leak_examples,
        headings_found: lcs(&a, &b),
        headings_total: gt_h.len(),
    }
}

#[test]
fn lcs_is_exact_on_small_cases() {
    assert_eq!(lcs(&[1, 2, 3, 4], &[2, 4, 3, 4]), 3);
    let a: Vec<u32> = (0..200).map(|i| i % 7).collect();
    let b: Vec<u32> = (0..150).map(|i| (i * 3) % 7).collect();
    // plain dynamic programming
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..a.len() {
        for j in 0..b.len() {
            dp[i + 1][j + 1] = if a[i] == b[j] {
                dp[i][j] + 1
            } else {
                dp[i][j + 1].max(dp[i + 1][j])
            };
        }
    }
    assert_eq!(lcs(&a, &b), dp[a.len()][b.len()]);
}

#[test]
fn words_split_like_the_scorer() {
    assert_eq!(
        words("Cyber\u{2010}attacks ﬁnd 2018–23–51 Page 3"),
        ["cyber", "attacks", "find", "2018", "23", "51", "page", "3"]
    );
    assert!(
        is_page_line("Page 3 of 9")
            && is_page_line("iv")
            && is_page_line("- 4 -")
            && is_page_line("12/40")
    );
    assert!(!is_page_line("4 dogs") && !is_page_line("- - - - x") && !is_page_line("pagex"));
}
