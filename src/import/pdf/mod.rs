//! PDF → Markdown: glyphs read with pdf-extract, then layout analysis in small steps (lines,
//! furniture, columns, headings and notes, blocks), page labels as `<!-- page: LABEL -->`
//! markers, metadata as front matter. Pure: bytes in, Markdown out.

mod blocks;
mod columns;
mod extract;
mod furniture;
mod glyph;
mod headings;
mod hyphen;
mod lines;
mod load;
mod markdown;
mod meta;
mod syntax;
mod tables;
mod xmp;

use super::{Converted, FrontMatter, ImportError, content_id};
use blocks::{Placed, Role};
use lines::Line;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

/// Files larger than this are refused.
pub const MAX_BYTES: usize = 512 * 1024 * 1024;
/// At most this many pages are converted.
pub const MAX_PAGES: usize = 10_000;
/// A conversion stops reading pages after this long.
pub const TIME_LIMIT: Duration = Duration::from_secs(120);

/// Converts a PDF to Markdown.
pub fn convert(bytes: &[u8]) -> Result<Converted, ImportError> {
    convert_with_progress(bytes, &|_, _| {})
}

/// Converts a PDF to Markdown, calling `progress(pages done, pages in all)` as pages are read
/// (from the reading threads).
pub fn convert_with_progress(
    bytes: &[u8],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Converted, ImportError> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(ImportError::WrongFormat {
            expected: "PDF",
            found: describe(bytes),
        });
    }
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge(format!(
            "{} MB (at most {} MB)",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        )));
    }
    let deadline = Instant::now() + TIME_LIMIT;
    // The structure tree left out when the file allows (see `load`), else lopdf reads it all
    // (also if that loader failed in a way it did not foresee).
    let lazy = catch_unwind(|| load::load(bytes)).ok().flatten();
    let doc = match catch_unwind(AssertUnwindSafe(|| {
        lazy.map_or_else(|| pdf_extract::Document::load_mem(bytes), Ok)
    })) {
        Ok(Ok(doc)) => doc,
        Ok(Err(pdf_extract::Error::InvalidPassword)) => return Err(ImportError::Password),
        Ok(Err(e)) => return Err(ImportError::Damaged(one_line(&e.to_string()))),
        Err(_) => {
            return Err(ImportError::Damaged(
                "its structure could not be read".to_string(),
            ));
        }
    };
    if meta::needs_password(&doc) {
        return Err(ImportError::Password);
    }
    catch_unwind(AssertUnwindSafe(|| {
        from_document(&doc, bytes, deadline, progress)
    }))
    .unwrap_or_else(|_| {
        Err(ImportError::Damaged(
            "its pages could not be laid out".to_string(),
        ))
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a file that is not a PDF looks like, for the error message.
fn describe(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(512)];
    if head.is_empty() {
        return "the file is empty".to_string();
    }
    if head.starts_with(b"PK\x03\x04") {
        return "a ZIP archive (an Office document or EPUB?)".to_string();
    }
    if head.starts_with(b"\x89PNG")
        || head.starts_with(b"\xff\xd8\xff")
        || head.starts_with(b"GIF8")
    {
        return "an image".to_string();
    }
    match std::str::from_utf8(head) {
        Ok(t)
            if t.trim_start()
                .to_ascii_lowercase()
                .starts_with("<!doctype html")
                || t.contains("<html") =>
        {
            "an HTML page".to_string()
        }
        Ok(_) => "text without a `%PDF-` header".to_string(),
        Err(_) => "binary data without a `%PDF-` header".to_string(),
    }
}

fn from_document(
    doc: &pdf_extract::Document,
    bytes: &[u8],
    deadline: Instant,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Converted, ImportError> {
    let mut warnings = Vec::new();
    let all = doc.get_pages();
    if all.is_empty() {
        return Err(ImportError::Damaged("it has no pages".to_string()));
    }
    if all.len() > MAX_PAGES {
        warnings.push(format!(
            "only the first {MAX_PAGES} of {} pages were converted",
            all.len()
        ));
    }
    let numbers: Vec<u32> = all.keys().copied().take(MAX_PAGES).collect();
    let ids: Vec<_> = all.values().copied().take(MAX_PAGES).collect();
    let read = extract::pages(doc, &numbers, deadline, progress);
    let labels = meta::page_labels(doc, read.len());
    let glyphs: usize = read.iter().map(|p| p.glyphs.len()).sum();
    let problems: Vec<(usize, &str)> = read
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.problem.as_deref().map(|m| (i, m)))
        .collect();
    if glyphs == 0 {
        if let Some((_, m)) = problems.first() {
            return Err(ImportError::Damaged(format!(
                "no page could be read (page 1 {m})"
            )));
        }
        return Err(ImportError::NoText);
    }
    match problems.as_slice() {
        [] => {}
        [(i, m)] => warnings.push(format!("page {} {m}", labels[*i])),
        [(i, m), rest @ ..] => warnings.push(format!(
            "page {} {m}; {} more pages had problems",
            labels[*i],
            rest.len()
        )),
    }

    // lines, furniture out, reading order
    let pages: Vec<furniture::Page> = read
        .iter()
        .map(|p| furniture::Page {
            height: p.height,
            lines: lines::lines(&p.glyphs),
        })
        .collect();
    let marks = furniture::furniture(&pages);
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    let mut body: Vec<Vec<Line>> = pages
        .into_iter()
        .zip(marks)
        .map(|(p, m)| {
            let kept: Vec<Line> = p
                .lines
                .into_iter()
                .zip(m)
                .filter(|(_, f)| !f)
                .map(|(l, _)| l)
                .collect();
            let order = columns::reading_order(&kept);
            let mut slots: Vec<Option<Line>> = kept.into_iter().map(Some).collect();
            order.into_iter().filter_map(|i| slots[i].take()).collect()
        })
        .collect();

    // roles: notes, then headings from the outline, else from sizes
    let size = headings::body_size(&body);
    let mut roles: Vec<Vec<Role>> = body.iter().map(|l| vec![Role::Text; l.len()]).collect();
    for (lines, roles) in body.iter().zip(roles.iter_mut()) {
        for t in tables::tables(lines) {
            for r in &mut roles[t.lines.clone()] {
                *r = Role::Covered;
            }
            roles[t.lines.start] = Role::Table(t.rows);
        }
    }
    headings::notes(&mut body, &heights, size, &mut roles);
    let outline = meta::outline(doc, &ids);
    let found = headings::from_outline(&body, &outline, &mut roles);
    if found * 2 < outline.len() || outline.is_empty() {
        headings::from_sizes(&body, size, &mut roles);
    }
    let info = meta::info(doc);
    let title = info
        .title
        .clone()
        .filter(|t| meta::plausible_title(t))
        .or_else(|| largest_text(&body, size));
    let placed = place(body, roles);
    let blocks = blocks::blocks(&placed);

    let id = meta::file_id(doc).map_or_else(|| content_id("pdf", bytes), |i| content_id("pdf", &i));
    let front = FrontMatter {
        id: Some(id),
        title,
        author: info.author,
        published: info.date,
        ..FrontMatter::default()
    };
    let mut markdown = front.to_yaml();
    markdown.push_str(&markdown::render(&blocks, &labels));
    Ok(Converted { markdown, warnings })
}

/// Lines with their page and role; footnote marks (raised numbers matching a note on the page)
/// turned into mark placeholders. Numbered notes whose numbers start again are numbered
/// through the document; other repeated labels get their page (`a-p12`).
fn place(body: Vec<Vec<Line>>, roles: Vec<Vec<Role>>) -> Vec<Placed> {
    let mut out = Vec::new();
    let mut used = std::collections::HashSet::new();
    let renumber = numbers_restart(&roles);
    let mut count = 0;
    for (page, (lines, roles)) in body.into_iter().zip(roles).enumerate() {
        // the note labels of this page, made unique in the document
        let mut labels: Vec<(String, String)> = Vec::new();
        let roles: Vec<Role> = roles
            .into_iter()
            .map(|r| match r {
                Role::NoteStart(n) => {
                    count += 1;
                    let unique = if renumber {
                        count.to_string()
                    } else if used.insert(n.clone()) {
                        n.clone()
                    } else {
                        format!("{n}-p{}", page + 1)
                    };
                    used.insert(unique.clone());
                    labels.push((n, unique.clone()));
                    Role::NoteStart(unique)
                }
                r => r,
            })
            .collect();
        for (mut line, role) in lines.into_iter().zip(roles) {
            if role == Role::Covered {
                continue;
            }
            if role == Role::Text && !line.sup.is_empty() && !labels.is_empty() {
                line.text = with_marks(&line, &labels);
            }
            out.push(Placed { page, line, role });
        }
    }
    out
}

/// Whether the notes are numbered and their numbers start again (per chapter): they are then
/// numbered through the document, as the HTML edition of such a book numbers them.
fn numbers_restart(roles: &[Vec<Role>]) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut repeats = false;
    for r in roles.iter().flatten() {
        if let Role::NoteStart(n) = r {
            if !n.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            repeats |= !seen.insert(n.as_str());
        }
    }
    repeats
}

/// The line's text with raised numbers that are note labels as mark placeholders.
fn with_marks(line: &Line, labels: &[(String, String)]) -> String {
    let mut text = String::with_capacity(line.text.len() + 8);
    let mut at = 0;
    for r in &line.sup {
        let Some(mark) = line.text.get(r.clone()) else {
            continue;
        };
        if r.start < at {
            continue;
        }
        if let Some((_, unique)) = labels.iter().find(|(n, _)| n == mark.trim()) {
            text.push_str(&line.text[at..r.start]);
            text.push(markdown::MARK_START);
            text.push_str(unique);
            text.push(markdown::MARK_END);
            at = r.end;
        }
    }
    text.push_str(&line.text[at..]);
    text
}

/// The first page's largest text, when it is larger than the body: a title.
fn largest_text(body: &[Vec<Line>], size: f32) -> Option<String> {
    let first = body.iter().find(|p| !p.is_empty())?;
    let max = first.iter().map(|l| l.size).fold(0.0, f32::max);
    if max < 1.15 * size {
        return None;
    }
    let mut parts = first
        .iter()
        .skip_while(|l| (l.size - max).abs() > 0.5)
        .take_while(|l| (l.size - max).abs() <= 0.5);
    let mut title = parts.next()?.text.clone();
    for l in parts.take(3) {
        title.push(' ');
        title.push_str(&l.text);
    }
    (title.split_whitespace().count() <= 30).then_some(title)
}

#[cfg(test)]
mod tests {
    use lopdf::{Document, Object, Stream, dictionary};

    /// A one-page PDF with a line of Helvetica text, the given info dictionary (if any) and an
    /// XMP packet (if any).
    fn pdf(info: Option<lopdf::Dictionary>, xmp: Option<&str>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let content = b"BT /F1 12 Tf 72 700 Td (A line of body text in the paper.) Tj ET".to_vec();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if let Some(x) = xmp {
            let meta = doc.add_object(Stream::new(
                dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
                x.as_bytes().to_vec(),
            ));
            catalog.set("Metadata", meta);
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        if let Some(i) = info {
            let info_id = doc.add_object(i);
            doc.trailer.set("Info", info_id);
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saved");
        out
    }

    const XMP: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2020-08-06T09:51:25Z"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Airworthiness Directives: Boeing 737</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Federal Aviation Administration</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    fn front(bytes: &[u8]) -> String {
        let md = super::convert(bytes).expect("converted").markdown;
        assert!(md.contains("A line of body text in the paper."), "{md}");
        md.split("\n---\n").next().unwrap_or_default().to_string()
    }

    #[test]
    fn metadata_from_xmp_when_the_info_dictionary_lacks_it() {
        let front = front(&pdf(None, Some(XMP)));
        assert!(
            front.contains("Airworthiness Directives: Boeing 737"),
            "{front}"
        );
        assert!(front.contains("Federal Aviation Administration"), "{front}");
        assert!(front.contains("2020-08-06"), "{front}");
    }

    #[test]
    fn the_info_dictionary_wins_and_xmp_fills_the_rest() {
        let info = dictionary! {
            "Title" => Object::string_literal("Kimsuky"),
            "Title2" => Object::string_literal("ignored"),
        };
        let front = front(&pdf(Some(info), Some(XMP)));
        assert!(front.contains("Kimsuky"), "{front}");
        assert!(!front.contains("Airworthiness"), "{front}");
        assert!(front.contains("Federal Aviation Administration"), "{front}");
        assert!(front.contains("2020-08-06"), "{front}");
    }

    #[test]
    fn a_file_name_as_title_gives_way() {
        let info = dictionary! { "Title" => Object::string_literal("10811.exe") };
        let front = front(&pdf(Some(info), None));
        assert!(!front.contains("10811"), "{front}");
    }
}

#[cfg(test)]
mod dump {
    #[test]
    #[ignore = "debugging aid: PDF=file.pdf cargo test --lib dump -- --ignored --nocapture"]
    fn dump() {
        let bytes = std::fs::read(std::env::var("PDF").unwrap()).unwrap();
        let doc = pdf_extract::Document::load_mem(&bytes).unwrap();
        let nums: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = super::extract::pages(
            &doc,
            &nums,
            std::time::Instant::now() + std::time::Duration::from_secs(60),
            &|_, _| {},
        );
        for (i, p) in pages.iter().enumerate() {
            println!(
                "=== page {} {}x{} {:?}",
                i + 1,
                p.width,
                p.height,
                p.problem
            );
            for l in super::lines::lines(&p.glyphs) {
                println!(
                    "{:6.1} {:6.1}-{:6.1} s{:4.1} {} {:?} {:?}",
                    l.y,
                    l.x0,
                    l.x1,
                    l.size,
                    if l.upright { ' ' } else { 'R' },
                    l.text,
                    l.sup
                );
            }
        }
        let md = super::convert(&bytes).unwrap().markdown;
        println!("{md}");
        if let Ok(out) = std::env::var("OUT") {
            let paper = crate::document::Paper::parse(
                &md,
                crate::document::Origin::File("x.pdf".into()),
                "x",
            );
            let text: Vec<String> = paper
                .blocks
                .iter()
                .map(|b| b.text.clone())
                .filter(|t| !t.starts_with("<!-- page:"))
                .collect();
            std::fs::write(out, text.join("\n")).unwrap();
        }
    }
}
