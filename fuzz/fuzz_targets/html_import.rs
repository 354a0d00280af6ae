//! The HTML converter on arbitrary bytes: it never panics, and what it writes is a paper whose
//! front matter reads back without a warning and whose links never point at a scheme that runs
//! or embeds something (`javascript:`, `data:` …).
#![no_main]

use dossier::document::{Origin, Paper};
use dossier::import::html::{HtmlContext, convert};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First byte: whether the page has an address (relative links then resolve against it).
    let (flag, bytes) = data.split_first().map_or((0, data), |(f, rest)| (*f, rest));
    let ctx = HtmlContext {
        url: (flag & 1 == 1).then(|| "https://example.org/dir/page.html".to_owned()),
        charset: (flag & 2 == 2).then(|| "windows-1252".to_owned()),
    };
    let Ok(converted) = convert(bytes, &ctx) else {
        return;
    };
    let paper = Paper::parse(&converted.markdown, Origin::Embedded("fuzz.html"), "fuzz");
    assert!(
        paper.warnings.is_empty(),
        "front matter did not read back: {:?}\n{}",
        paper.warnings,
        converted.markdown
    );
    assert!(paper.id.starts_with("web-"), "id {:?}", paper.id);
    for link in paper.links.iter().filter(|l| !l.footnote) {
        let dest = link.dest.to_ascii_lowercase();
        assert!(
            ["http://", "https://", "mailto:", "ftp://"].iter().any(|s| dest.starts_with(s)),
            "link to {:?}",
            link.dest
        );
    }
});
