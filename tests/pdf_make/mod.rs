//! Tiny PDFs made in tests: pages of Helvetica text at given places, optional page labels and
//! padding, with a correct cross-reference table.

/// One line of text on a page: (x, y from the bottom, size, text).
pub type Text<'a> = (f32, f32, f32, &'a str);

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

/// A PDF whose pages hold `pages`' texts; `labels` is a `/PageLabels` `/Nums` array body
/// (e.g. `0 << /S /r >> 2 << /S /D >>`); `padding` bytes of an unused stream make it large.
pub fn pdf(pages: &[Vec<Text>], labels: Option<&str>, padding: usize) -> Vec<u8> {
    let n = pages.len();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let labels = labels
        .map(|l| format!(" /PageLabels << /Nums [{l}] >>"))
        .unwrap_or_default();
    objects.push(format!("<< /Type /Catalog /Pages 2 0 R{labels} >>").into_bytes());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, texts) in pages.iter().enumerate() {
        let mut content = String::new();
        for (x, y, size, t) in texts {
            content.push_str(&format!(
                "BT /F1 {size} Tf {x} {y} Td ({}) Tj ET\n",
                escape(t)
            ));
        }
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content.as_bytes());
        stream.extend(b"\nendstream");
        objects.push(stream);
    }
    if padding > 0 {
        let mut stream = format!("<< /Length {padding} >>\nstream\n").into_bytes();
        stream.resize(stream.len() + padding, b'x');
        stream.extend(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
