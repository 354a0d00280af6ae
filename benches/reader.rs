//! Reader speed: parsing (MB/s), loading a library, laying out a paper, and the frame time
//! while scrolling a 20 MB paper at 200x50.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use dossier::document::{Origin, Paper};
use dossier::library::Library;
use dossier::tui::App;
use dossier::tui::action::Action;

fn parse(c: &mut Criterion) {
    let text = dossier::synth::paper(1, 1, 1_000_000);
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1 MB paper", |b| {
        b.iter(|| Paper::parse(black_box(&text), Origin::Embedded("p.md"), "p"))
    });
    group.finish();

    let dir = tempfile::tempdir().unwrap();
    dossier::synth::write_library(dir.path(), 100, 55_000, 1).unwrap();
    let bytes: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("100 papers (5.5 MB)", |b| {
        b.iter(|| Library::open(&[dir.path().to_path_buf()]))
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let text = dossier::synth::paper(1, 1, 1_000_000);
    let paper = Paper::parse(&text, Origin::Embedded("p.md"), "p");
    let mut group = c.benchmark_group("layout");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1 MB paper at 100 columns", |b| {
        b.iter(|| dossier::layout::layout(black_box(&paper), 100))
    });
    group.finish();
}

fn frame(c: &mut Criterion) {
    let text = dossier::synth::paper(2, 2, 20_000_000);
    let paper = Paper::parse(&text, Origin::Embedded("big.md"), "big");
    let mut app = App::new(Library {
        papers: vec![std::sync::Arc::new(paper)],
        ..Library::default()
    });
    app.theme = dossier::tui::theme::Theme::from_env();
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    app.resize(200, 50);
    app.update(Action::HalfPageDown);
    let mut group = c.benchmark_group("frame");
    group.bench_function("scroll + draw, 20 MB paper, 200x50", |b| {
        b.iter(|| {
            app.update(Action::Down);
            terminal
                .draw(|f| dossier::tui::draw::draw(&app, f))
                .unwrap();
        });
    });
    group.bench_function("page down + draw, 20 MB paper, 200x50", |b| {
        b.iter(|| {
            app.update(Action::PageDown);
            if app.reader.percent() >= 100 {
                app.update(Action::Top);
            }
            terminal
                .draw(|f| dossier::tui::draw::draw(&app, f))
                .unwrap();
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = parse, layout, frame
}
criterion_main!(benches);
