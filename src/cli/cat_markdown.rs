//! `dossier cat --markdown`: the Markdown each paper is read as — a Markdown file as it is, a
//! converted one (PDF, web page, text) as its converter wrote it, so dossier doubles as a
//! converter to Markdown.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{EXIT_PARTIAL, EXIT_UNUSABLE};
use crate::import::Cache;
use crate::library::{self, SHIPPED};

/// Prints the Markdown of every paper `paths` name (the shipped papers when there are none),
/// papers separated by a blank line; the converters' warnings and the paths that could not be
/// opened go to stderr.
pub fn print(paths: &[PathBuf], cache: &Cache) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut printed = 0;
    let mut problems = Vec::new();
    let mut written = Ok(());
    let mut emit = |markdown: &str, out: &mut dyn Write| -> std::io::Result<()> {
        if printed > 0 {
            out.write_all(b"\n")?;
        }
        printed += 1;
        out.write_all(markdown.as_bytes())?;
        if !markdown.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    if paths.is_empty() {
        for (_, text) in SHIPPED {
            written = written.and_then(|()| emit(text, &mut out));
        }
    } else {
        let (files, unopened) = library::paper_files(paths);
        problems.extend(unopened);
        for file in files {
            match library::markdown_of(&file, cache) {
                Ok(converted) => {
                    for warning in &converted.warnings {
                        eprintln!("dossier: {}: {warning}", file.display());
                    }
                    written = written.and_then(|()| emit(&converted.markdown, &mut out));
                }
                Err(e) => problems.push(e),
            }
        }
    }
    let written = written.and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("dossier: cannot write output: {e}");
        return ExitCode::from(EXIT_UNUSABLE);
    }
    for problem in &problems {
        eprintln!("dossier: {problem}");
    }
    match (problems.is_empty(), printed) {
        (true, _) => ExitCode::SUCCESS,
        (false, 0) => ExitCode::from(EXIT_UNUSABLE),
        (false, _) => ExitCode::from(EXIT_PARTIAL),
    }
}
