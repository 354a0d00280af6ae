//! Bibliography files: BibTeX, BibLaTeX, RIS, CSL-JSON and the formatted reference list.

use std::fmt::Write;

use super::record::Reference;
use super::style::CitationStyle;

/// The formats `dossier cite` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The reference list in the configured citation style.
    Text,
    /// Classic BibTeX (`@techreport`, `@misc`).
    Bibtex,
    /// BibLaTeX (`@report`, `@misc`, ISO `date`).
    Biblatex,
    /// A CSL-JSON array, the input of CSL processors (Zotero, Pandoc, hayagriva).
    CslJson,
    /// RIS (`TY  - RPRT` … `ER  - `), which every reference manager imports.
    Ris,
}

impl Format {
    /// The format called `name` on the command line.
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "bibtex" => Format::Bibtex,
            "biblatex" => Format::Biblatex,
            "csl-json" => Format::CslJson,
            "ris" => Format::Ris,
            _ => return None,
        })
    }
}

/// The references in `format`; `style` formats the `text` reference list.
pub fn export(references: &[&Reference], format: Format, style: &CitationStyle) -> String {
    match format {
        Format::Text => {
            let mut out = String::new();
            for entry in style.bibliography(references) {
                out.push_str(&entry);
                out.push('\n');
            }
            out
        }
        Format::Bibtex => references
            .iter()
            .map(|r| tex_entry(r, false))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Biblatex => references
            .iter()
            .map(|r| tex_entry(r, true))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::CslJson => {
            let items: Vec<serde_json::Value> =
                references.iter().map(|r| r.to_csl_json()).collect();
            let mut out = serde_json::to_string_pretty(&items).expect("JSON values serialize");
            out.push('\n');
            out
        }
        Format::Ris => references.iter().map(|r| ris(r)).collect(),
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One `@type{key, field = {value}, …}` entry.
fn tex_entry(r: &Reference, biblatex: bool) -> String {
    let web = r.is_web_page();
    let kind = match (web, r.publisher.is_some(), biblatex) {
        (true, _, true) => "online",
        (true, _, false) | (false, false, _) => "misc",
        (false, true, false) => "techreport",
        (false, true, true) => "report",
    };
    let mut fields: Vec<(&str, String)> = vec![("title", protect_case(&tex_escape(&r.title)))];
    if !r.authors.is_empty() {
        let names: Vec<String> = r
            .authors
            .iter()
            .map(|n| match &n.given {
                Some(given) => format!("{}, {}", tex_escape(&n.family), tex_escape(given)),
                None => format!("{{{}}}", tex_escape(&n.family)),
            })
            .collect();
        fields.push(("author", names.join(" and ")));
    }
    if let Some(publisher) = &r.publisher {
        if web {
            fields.push((
                if biblatex {
                    "organization"
                } else {
                    "howpublished"
                },
                tex_escape(publisher),
            ));
        } else {
            fields.push(("institution", tex_escape(publisher)));
            if biblatex {
                fields.push(("type", "Report".into()));
            }
        }
    }
    if let Some((y, m, d)) = r.date {
        if biblatex {
            fields.push(("date", iso_date((y, m, d))));
        } else {
            fields.push(("year", y.to_string()));
            if let Some(m) = m {
                fields.push(("month", MONTHS[usize::from(m) - 1].to_owned()));
            }
        }
    }
    if let Some(url) = &r.url {
        fields.push(("url", url.replace(['{', '}'], "")));
    }
    if let Some(day) = r.accessed.filter(|_| web) {
        fields.push(("urldate", iso_date(day)));
    }
    if let Some(pages) = r.pages {
        fields.push((
            if biblatex { "pagetotal" } else { "pages" },
            pages.to_string(),
        ));
    }
    let mut out = format!("@{kind}{{{},\n", r.key);
    for (name, value) in fields {
        if name == "month" && !biblatex {
            let _ = writeln!(out, "  {name} = {value},");
        } else {
            let _ = writeln!(out, "  {name} = {{{value}}},");
        }
    }
    out.push_str("}\n");
    out
}

/// `2024-03-05`, `2024-03` or `2024`, as far as the date is known.
fn iso_date((y, m, d): (i32, Option<u8>, Option<u8>)) -> String {
    let mut date = format!("{y:04}");
    if let Some(m) = m {
        let _ = write!(date, "-{m:02}");
        if let Some(d) = d {
            let _ = write!(date, "-{d:02}");
        }
    }
    date
}

/// Escapes the characters TeX treats specially.
fn tex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Braces words with more than one capital (`{DPRK}`, `{AppleJeus}`) so styles that change
/// case keep them.
fn protect_case(title: &str) -> String {
    title
        .split(' ')
        .map(|word| {
            let core_end = word
                .char_indices()
                .take_while(|(_, c)| c.is_alphanumeric())
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            let core = &word[..core_end];
            if core.chars().filter(|c| c.is_uppercase()).count() > 1 {
                format!("{{{core}}}{}", &word[core_end..])
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `2024/03/05/`, `2024/03//` or `2024///`: RIS's date, its unknown parts left empty.
fn ris_date((y, m, d): (i32, Option<u8>, Option<u8>)) -> String {
    let month = m.map(|m| format!("{m:02}")).unwrap_or_default();
    let day = d.map(|d| format!("{d:02}")).unwrap_or_default();
    format!("{y:04}/{month}/{day}/")
}

/// One RIS record.
fn ris(r: &Reference) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let kind = if r.is_web_page() {
        "ELEC"
    } else if r.publisher.is_some() {
        "RPRT"
    } else {
        "GEN"
    };
    let _ = writeln!(out, "TY  - {kind}");
    let _ = writeln!(out, "ID  - {}", r.key);
    let _ = writeln!(out, "TI  - {}", one_line(&r.title));
    for n in &r.authors {
        match &n.given {
            Some(given) => {
                let _ = writeln!(out, "AU  - {}, {}", one_line(&n.family), one_line(given));
            }
            None => {
                let _ = writeln!(out, "AU  - {}", one_line(&n.family));
            }
        }
    }
    if let Some(publisher) = &r.publisher {
        let _ = writeln!(out, "PB  - {}", one_line(publisher));
    }
    if let Some(date) = r.date {
        let _ = writeln!(out, "PY  - {:04}", date.0);
        let _ = writeln!(out, "DA  - {}", ris_date(date));
    }
    if let Some(url) = &r.url {
        let _ = writeln!(out, "UR  - {url}");
    }
    if let Some(day) = r.accessed.filter(|_| r.is_web_page()) {
        let _ = writeln!(out, "Y2  - {}", ris_date(day));
    }
    if let Some(pages) = r.pages {
        let _ = writeln!(out, "SP  - {pages}");
    }
    out.push_str("ER  - \n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_escaping_and_case_protection() {
        assert_eq!(
            tex_escape("R&D 50% $1 #2 a_b {x}"),
            "R\\&D 50\\% \\$1 \\#2 a\\_b \\{x\\}"
        );
        assert_eq!(
            protect_case("DPRK’s Illicit AppleJeus"),
            "{DPRK}’s Illicit {AppleJeus}"
        );
    }
}
