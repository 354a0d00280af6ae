//! `dossier facts|timeline|glossary`: what the side panel shows, printed as text or JSON.

use std::io::Write;

use serde::Serialize;

use crate::facts::{DatePrecision, FactSpan, SpanKind};
use crate::insights::{self, Fact, Source};
use crate::library::Library;

/// A fact as JSON: `{"paper", "section", "kind", "text", "spans"}`.
#[derive(Serialize)]
pub struct FactJson<'a> {
    paper: &'a str,
    section: Vec<String>,
    kind: SpanKind,
    text: &'a str,
    spans: &'a [FactSpan],
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<DatePrecision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    /// The page label the sentence starts on (paged papers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
}

/// The kind a fact is listed under: its most telling span.
pub fn principal_kind(spans: &[FactSpan]) -> SpanKind {
    const ORDER: [SpanKind; 9] = [
        SpanKind::Money,
        SpanKind::Multiplier,
        SpanKind::Share,
        SpanKind::Change,
        SpanKind::Count,
        SpanKind::Quantity,
        SpanKind::Date,
        SpanKind::Ordinal,
        SpanKind::Number,
    ];
    ORDER
        .into_iter()
        .find(|k| spans.iter().any(|s| s.kind == *k))
        .unwrap_or(SpanKind::Date)
}

fn fact_json<'a>(library: &'a Library, fact: &'a Fact, with_date: bool) -> FactJson<'a> {
    let paper = &library.papers[fact.paper];
    FactJson {
        paper: &paper.id,
        section: fact
            .section
            .map(|s| paper.title_path(s))
            .unwrap_or_default(),
        kind: principal_kind(&fact.spans),
        text: &fact.text,
        spans: &fact.spans,
        date: fact.date.filter(|_| with_date).map(|d| d.start.iso()),
        precision: fact.date.filter(|_| with_date).map(|d| d.precision),
        label: fact.date.filter(|_| with_date).map(|d| d.label()),
        page: paper.page_label(fact.block, fact.range.start),
    }
}

fn all_facts(library: &Library) -> Vec<Vec<Fact>> {
    library
        .papers
        .iter()
        .enumerate()
        .map(|(i, p)| insights::paper_facts(p, i))
        .collect()
}

/// `dossier facts`: per paper, the key facts best first (`--all`: every sentence with a span, in
/// reading order).
pub fn print_facts(
    library: &Library,
    json: bool,
    all: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let per_paper = all_facts(library);
    let chosen: Vec<Vec<&Fact>> = per_paper
        .iter()
        .map(|facts| {
            if all {
                facts.iter().collect()
            } else {
                insights::key_facts(facts)
            }
        })
        .collect();
    if json {
        let list: Vec<FactJson> = chosen
            .iter()
            .flatten()
            .map(|f| fact_json(library, f, false))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    for (p, facts) in chosen.iter().enumerate() {
        let paper = &library.papers[p];
        writeln!(out, "{}  ({} facts)", paper.meta.title, facts.len())?;
        for fact in facts {
            let section = fact
                .section
                .map(|s| paper.title_path(s).join(" › "))
                .unwrap_or_default();
            let kind = format!("{:?}", principal_kind(&fact.spans)).to_lowercase();
            writeln!(
                out,
                "\n  [{kind}] {}",
                if section.is_empty() { "—" } else { &section }
            )?;
            writeln!(out, "  {}", fact.text)?;
            for span in &fact.spans {
                writeln!(out, "      {}", describe(span))?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// `kind: text → value unit (qualifier)` for one span.
pub fn describe(span: &FactSpan) -> String {
    let mut line = format!(
        "{}: {}",
        format!("{:?}", span.kind).to_lowercase(),
        span.text
    );
    if let Some(value) = &span.value {
        let shown = serde_json::to_string(value).unwrap_or_default();
        line.push_str(&format!(" → {shown}"));
        if let Some(unit) = &span.unit {
            line.push_str(&format!(" {unit}"));
        }
    } else if let Some(unit) = &span.unit {
        line.push_str(&format!(" → {unit}"));
    }
    if let Some(date) = &span.date {
        let end = date
            .end
            .map(|e| format!(" to {}", e.iso()))
            .unwrap_or_default();
        line.push_str(&format!(" → {}{end}", date.start.iso()));
    }
    if let Some(q) = &span.qualifier {
        line.push_str(&format!(" ({q})"));
    }
    line
}

/// `dossier timeline`: every dated fact across the library, oldest first.
pub fn print_timeline(library: &Library, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let per_paper = all_facts(library);
    let line = insights::timeline(per_paper.iter().flatten());
    if json {
        let list: Vec<FactJson> = line.iter().map(|f| fact_json(library, f, true)).collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let labels: Vec<String> = line
        .iter()
        .map(|f| f.date.map(|d| d.label()).unwrap_or_default())
        .collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (fact, label) in line.iter().zip(&labels) {
        let title = &library.papers[fact.paper].meta.title;
        writeln!(out, "{label:<width$}  {title}")?;
        writeln!(out, "{:width$}  {}", "", fact.text)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct TermJson<'a> {
    short: &'a str,
    long: &'a str,
    source: Source,
    paper: &'a str,
    count: usize,
}

/// `dossier glossary`: acronyms defined in the text, then built-in ones the papers use.
pub fn print_glossary(library: &Library, json: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let terms = insights::glossary(library);
    if json {
        let list: Vec<TermJson> = terms
            .iter()
            .map(|t| TermJson {
                short: &t.short,
                long: &t.long,
                source: t.source,
                paper: &library.papers[t.paper].id,
                count: t.count,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = terms
        .iter()
        .map(|t| t.short.chars().count())
        .max()
        .unwrap_or(0);
    for t in &terms {
        let source = match t.source {
            Source::Text => "defined in the text",
            Source::Builtin => "built in",
        };
        writeln!(
            out,
            "{:<width$}  {}  ({source}; {}×)",
            t.short, t.long, t.count
        )?;
    }
    Ok(())
}
