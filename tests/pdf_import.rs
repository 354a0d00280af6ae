//! PDF import on real PDFs and bad files: text checked against each corpus file's reference
//! with the scorer's counting (recall, precision, hyphen splits, leaks, headings), page labels,
//! metadata, and one clear error per kind of bad input.

mod pdf_score;

use dossier::document::{Origin, Paper};
use dossier::import::{ImportError, pdf};
use pdf_score::{Reference, score};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn paper(name: &str) -> Paper {
    let converted = pdf::convert(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    Paper::parse(&converted.markdown, Origin::File(name.into()), name)
}

/// Scores a corpus PDF's import against its reference; the lines are the paper's blocks.
fn check(name: &str, min_recall: f64, min_precision: f64) -> Paper {
    let p = paper(&format!("{name}.pdf"));
    // page markers are the parser's business: until it hides them, leave them out here
    let lines: Vec<String> = p.blocks.iter().map(|b| b.text.clone()).filter(|t| !t.starts_with("<!-- page:")).collect();
    let titles: Vec<String> = p.sections.iter().map(|s| s.title.clone()).collect();
    let reference = Reference::load(&String::from_utf8(fixture(&format!("{name}.json"))).expect("utf-8"));
    let s = score(&lines, &titles, &reference);
    eprintln!("{name}: {s:?}");
    assert!(s.recall >= min_recall, "{name}: recall {:.4} < {min_recall}", s.recall);
    assert!(s.precision >= min_precision, "{name}: precision {:.4} < {min_precision}", s.precision);
    assert_eq!(s.hyphen_splits, 0, "{name}: hyphen splits {:?}", s.hyphen_examples);
    assert_eq!(s.leaks, 0, "{name}: leaks {:?}", s.leak_examples);
    assert_eq!(s.headings_found, s.headings_total, "{name}: headings found {} of {}", s.headings_found, s.headings_total);
    p
}

#[test]
fn mitre_kimsuky_reads_exactly() {
    let p = check("mitre-kimsuky", 0.99, 0.98);
    assert_eq!(p.meta.title, "Kimsuky");
}

mod pdf_make;

fn markdown(bytes: &[u8]) -> String {
    pdf::convert(bytes).unwrap_or_else(|e| panic!("{e}")).markdown
}

#[test]
fn mitre_sandworm_reads_exactly() {
    let p = check("mitre-sandworm-team", 0.99, 0.98);
    assert_eq!(p.meta.title, "Sandworm Team");
}

#[test]
fn federal_register_three_columns_in_order() {
    check("federal-register-2020-17221", 0.99, 0.98);
}

#[test]
fn scotus_transcript_without_line_numbers() {
    check("scotus-transcript-p1", 0.99, 0.98);
}

#[test]
fn lorem_ipsum_table_and_sections() {
    check("issue-33-lorem-ipsum", 0.99, 0.98);
}

#[test]
fn fhs_outline_headings_and_roman_page_labels() {
    let p = check("fhs-3.0", 0.95, 0.95);
    assert_eq!(p.meta.title, "Filesystem Hierarchy Standard");
    let md = markdown(&fixture("fhs-3.0.pdf"));
    assert!(md.contains("<!-- page: i -->") && md.contains("<!-- page: 1 -->"), "roman then arabic labels");
    assert!(md.find("<!-- page: iii -->") < md.find("<!-- page: 1 -->"));
}

#[test]
fn encrypted_with_an_empty_password_opens_like_the_original() {
    let original = markdown(&fixture("mitre-kimsuky.pdf"));
    let body = |md: &str| md.split_once("\n---\n").map(|(_, b)| b.to_string()).expect("front matter");
    for f in ["mitre-kimsuky-encrypted-aes256.pdf", "mitre-kimsuky-encrypted-rc4.pdf"] {
        assert_eq!(body(&markdown(&fixture(f))), body(&original), "{f}");
    }
}

#[test]
fn a_password_protected_pdf_says_so() {
    let e = pdf::convert(&fixture("mitre-kimsuky-password.pdf")).unwrap_err();
    assert!(matches!(e, ImportError::Password), "{e}");
    assert_eq!(e.to_string(), "needs a password to open");
}

#[test]
fn a_scan_without_text_suggests_ocr() {
    let e = pdf::convert(&fixture("mitre-sandworm-team-scanned.pdf")).unwrap_err();
    assert!(matches!(e, ImportError::NoText), "{e}");
    assert!(e.to_string().contains("ocrmypdf"));
}

#[test]
fn a_truncated_pdf_is_a_clear_error_or_text_with_a_warning() {
    match pdf::convert(&fixture("mitre-sandworm-team-truncated.pdf")) {
        Err(ImportError::Damaged(m)) => assert!(!m.contains('\n') && !m.is_empty()),
        Err(e) => panic!("unexpected error {e}"),
        Ok(c) => assert!(!c.warnings.is_empty(), "a damaged file converted without a warning"),
    }
}

#[test]
fn not_a_pdf_is_named_for_what_it_is() {
    for (bytes, found) in [
        (&b"<!DOCTYPE html><html><body>hi</body></html>"[..], "an HTML page"),
        (b"", "the file is empty"),
        (b"plain words", "text without a `%PDF-` header"),
        (b"\xff\xfe\x00binary", "binary data without a `%PDF-` header"),
    ] {
        let e = pdf::convert(bytes).unwrap_err();
        assert_eq!(e.to_string(), format!("is not a PDF file: {found}"));
    }
}

#[test]
fn garbage_after_the_header_is_damaged_not_a_panic() {
    for bytes in [&b"%PDF-1.7\n"[..], b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>", b"%PDF-\xff\xfe\x00garbage"] {
        let e = pdf::convert(bytes).unwrap_err();
        assert!(matches!(e, ImportError::Damaged(_)), "{e}");
        assert!(!e.to_string().contains('\n'));
    }
}

#[test]
fn two_thousand_pages_convert_with_every_page_marked_and_progress_reported() {
    let pages: Vec<Vec<pdf_make::Text>> = (0..2000).map(|_| vec![(72.0, 700.0, 12.0, "Words on a page of a long file.")]).collect();
    let bytes = pdf_make::pdf(&pages, None, 0);
    let done = std::sync::Mutex::new(Vec::new());
    let c = pdf::convert_with_progress(&bytes, &|d, t| done.lock().unwrap().push((d, t))).unwrap();
    assert_eq!(c.markdown.matches("<!-- page: ").count(), 2000);
    assert!(c.markdown.contains("<!-- page: 2000 -->"));
    let mut done = done.into_inner().unwrap();
    done.sort_unstable();
    assert_eq!(done.len(), 2000);
    assert_eq!(done.last(), Some(&(2000, 2000)));
}

#[test]
fn a_100_mb_pdf_converts() {
    let bytes = pdf_make::pdf(&[vec![(72.0, 700.0, 12.0, "Small text in a big file.")]], None, 100 << 20);
    assert!(bytes.len() > 100 << 20);
    assert!(markdown(&bytes).contains("Small text in a big file."));
}

#[test]
fn page_labels_roman_then_arabic() {
    let pages: Vec<Vec<pdf_make::Text>> = (0..4).map(|_| vec![(72.0, 700.0, 12.0, "Text.")]).collect();
    let md = markdown(&pdf_make::pdf(&pages, Some("0 << /S /r >> 2 << /S /D >>"), 0));
    let labels: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("<!-- page: ")?.strip_suffix(" -->")).collect();
    assert_eq!(labels, ["i", "ii", "1", "2"]);
}

#[test]
fn a_paragraph_over_a_page_break_carries_the_marker_inline() {
    let pages = vec![
        vec![(72.0, 700.0, 12.0, "A sentence that runs over the")],
        vec![(72.0, 700.0, 12.0, "page break ends here.")],
    ];
    let md = markdown(&pdf_make::pdf(&pages, None, 0));
    assert!(md.contains("A sentence that runs over the <!-- page: 2 --> page break ends here."), "{md}");
}
