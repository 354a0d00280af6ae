//! Opening a 1 MB web page: the HTML import (decode, parse, metadata, article extraction,
//! Markdown) and the Markdown parse every paper goes through. The page is the one
//! `benches/html-1mb-page.py` writes: Debian Policy chapters 1 and 2, their articles repeated in
//! one Sphinx page (navigation, sidebar and footer once) until it is at least 1 MiB.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use dossier::document::{Origin, Paper};
use dossier::import::html::{HtmlContext, convert};

const CH1: &str = include_str!("../tests/fixtures/html/policy-ch1-scope/source.html");
const CH2: &str = include_str!("../tests/fixtures/html/policy-ch2-archive/source.html");
const MAIN: &str = "<div class=\"body\" role=\"main\">";
const END: &str = "<div class=\"clearer\"></div>";

/// The page split around its article: before, the article's sections, after.
fn article(page: &str) -> (&str, &str, &str) {
    let start = page.find(MAIN).expect("the Sphinx body") + MAIN.len();
    let end = start + page[start..].find(END).expect("the body's end");
    (&page[..start], &page[start..end], &page[end..])
}

/// At least 1 MiB: chapter 1's page with chapters 1 and 2 repeated as its article.
fn one_mb_page() -> String {
    let (before, first, after) = article(CH1);
    let second = article(CH2).1;
    let mut page = String::from(before);
    while page.len() + after.len() < 1 << 20 {
        page.push_str(first);
        page.push_str(second);
    }
    page.push_str(after);
    page
}

fn bench(c: &mut Criterion) {
    let page = one_mb_page();
    let ctx = HtmlContext::default();
    let markdown = convert(page.as_bytes(), &ctx).expect("converts").markdown;
    let mut g = c.benchmark_group("html import");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    g.bench_function("1 MB page: convert", |b| {
        b.iter(|| convert(black_box(page.as_bytes()), &ctx));
    });
    g.bench_function("1 MB page: convert + Paper::parse", |b| {
        b.iter(|| {
            let converted = convert(black_box(page.as_bytes()), &ctx).expect("converts");
            Paper::parse(&converted.markdown, Origin::Embedded("page.html"), "page")
        });
    });
    g.bench_function("its Markdown: Paper::parse alone", |b| {
        b.iter(|| Paper::parse(black_box(&markdown), Origin::Embedded("page.md"), "page"));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
