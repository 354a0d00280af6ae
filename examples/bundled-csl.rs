//! Prints one of the CSL styles bundled with hayagriva as CSL XML (the exact style dossier
//! formats with), so a reference processor can be run on the same style:
//! `cargo run --example bundled-csl -- apa > apa.csl`.

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "chicago-author-date".to_owned());
    let Some(style) = hayagriva::archive::ArchivedStyle::by_name(&name) else {
        eprintln!("bundled-csl: no bundled style {name:?}");
        std::process::exit(2);
    };
    match style.get().to_xml() {
        Ok(xml) => println!("{xml}"),
        Err(e) => {
            eprintln!("bundled-csl: cannot write {name}: {e}");
            std::process::exit(1);
        }
    }
}
