//! Citations: how a quoted passage names its source (title, publisher, date, section).

use crate::document::Paper;

/// `Title. Publisher, date. § Section.` for a place in `paper`.
pub fn citation(paper: &Paper, section: Option<usize>) -> String {
    let mut parts = vec![paper.meta.title.clone()];
    let details: Vec<&str> = [
        paper.meta.publisher.as_deref(),
        paper.meta.published.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        parts.push(details.join(", "));
    }
    if let Some(section) = section {
        parts.push(format!("§ {}", paper.title_path(section).join(" › ")));
    }
    let mut line = parts.join(". ");
    if !line.ends_with('.') {
        line.push('.');
    }
    line
}

/// A passage in quotation marks followed by its citation line.
pub fn quote(text: &str, paper: &Paper, section: Option<usize>) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("“{text}”\n— {}", citation(paper, section))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn citations_name_title_publisher_date_and_section() {
        let lib = Library::shipped();
        let p2022 = &lib.papers[1];
        assert_eq!(
            citation(p2022, None),
            "DPRK’s Illicit Cyber Activities: Latest Developments and ROK’s Responses. Institute of Foreign Affairs and National Security (IFANS), Republic of Korea, 2022-10-31."
        );
        let p2023 = &lib.papers[0];
        assert!(citation(p2023, Some(0)).ends_with("Republic of Korea, 2023. § Introduction."));
        assert_eq!(
            quote("a  b\nc", p2023, None).lines().next(),
            Some("“a b c”")
        );
    }
}
