//! Extraction speed: sentences + detect + acronyms over the two seed papers and ~10 MB of text.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use dossier::facts::{self, DateContext, PartialDate};

const PAPERS: [&str; 2] = [
    include_str!("../tests/fixtures/seed/paper-2022.txt"),
    include_str!("../tests/fixtures/seed/paper-2023.txt"),
];

/// Runs the whole extraction over a text of paragraphs; returns a count so nothing is optimised out.
fn extract(text: &str, ctx: DateContext) -> usize {
    let mut n = 0;
    for para in text.lines() {
        for r in facts::sentences(para) {
            let spans = facts::detect(&para[r], &ctx);
            n += usize::from(facts::is_key_fact(&spans)) + spans.len();
        }
        n += facts::find_acronyms(para).len();
    }
    n
}

/// About 10 MB of paragraphs: the seed paragraphs repeated with their numbers and years varied.
fn synthetic(target: usize) -> String {
    let paras: Vec<&str> = PAPERS.iter().flat_map(|p| p.lines()).collect();
    let mut out = String::with_capacity(target + 8192);
    let mut k: u32 = 0;
    while out.len() < target {
        for p in &paras {
            for c in p.chars() {
                match c.to_digit(10) {
                    Some(d) => out.push(char::from_digit((d + k) % 10, 10).unwrap_or('0')),
                    None => out.push(c),
                }
            }
            out.push('\n');
            k = k.wrapping_add(7) % 1000;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let ctx = DateContext::published(PartialDate::year(2022));
    let papers = PAPERS.concat();
    let big = synthetic(10 * 1024 * 1024);

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(papers.len() as u64));
    g.bench_function("seed papers", |b| {
        b.iter(|| extract(black_box(&papers), ctx));
    });
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("10 MB synthetic", |b| {
        b.iter(|| extract(black_box(&big), ctx));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
