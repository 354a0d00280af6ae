//! The command line: argument definitions and the commands that print and exit.

mod bookmarks;
pub mod cache;
mod cat_markdown;
mod cite;
pub mod facts;
mod outline;
mod search;
mod web;

pub use web::{cache_dir, open_library, open_library_staged};

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::library::Library;

/// A terminal reader for long-form papers: outline, fuzzy finder, bookmarks, key facts,
/// timeline and glossary. With no path, opens the two shipped IFANS papers.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Files, folders or URLs to open (folders: every *.md / *.markdown below them; URLs:
    /// http:// or https://, fetched and kept in the cache dir).
    pub paths: Vec<PathBuf>,
    /// Fetch URLs again even when a copy is in the cache.
    #[arg(long, global = true)]
    pub refresh: bool,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Commands that print and exit.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print each paper's outline: sections as an indented tree with their slugs.
    Outline {
        /// Print JSON: an array of papers with nested sections.
        #[arg(long)]
        json: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Print papers as the reader shows them, as plain text (or, with --markdown, as the
    /// Markdown they are read as).
    Cat {
        /// Wrap to this many columns (default: the terminal's width, or 80).
        #[arg(long, short)]
        width: Option<u16>,
        /// Print the Markdown each paper is read as: a Markdown file as it is, a converted one
        /// (PDF, web page, text) as its converter wrote it, page starts as `<!-- page: N -->`.
        #[arg(long, conflicts_with = "width")]
        markdown: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Search every paper like the finder (`/`) does and print the best hits.
    Search {
        /// The query: words must all match; 'exact, ^prefix, !exclude; a leading # searches
        /// headings, $ facts, @ glossary, "' " bookmarks.
        query: String,
        /// How many hits to print.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON: [{"paper", "section", "kind", "text", "score", "indices"}].
        #[arg(long)]
        json: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Print the key facts of each paper (the side panel's list), best first.
    Facts {
        /// Print JSON: an array of facts with their spans.
        #[arg(long)]
        json: bool,
        /// Every sentence with a figure or date, in reading order, not only the key facts.
        #[arg(long)]
        all: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Print every dated fact across the papers, oldest first, dated as precisely as the text
    /// ("1990s", "early 2000s", "mid-2021", "Apr 2023", "24 Apr 2023").
    Timeline {
        /// Print JSON: each fact with "date" (the ISO start), "precision" (decade, year, month,
        /// day) and "label".
        #[arg(long)]
        json: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Print the acronyms the papers define or use.
    Glossary {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Check or print the configuration file.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man | man -l -`.
    Man,
    /// List, add, remove or export bookmarks.
    #[command(subcommand)]
    Bookmarks(bookmarks::BookmarksCommand),
    /// Print the papers' bibliography: the reference list in the citation style, or BibTeX,
    /// BibLaTeX, CSL-JSON or RIS with Better BibTeX-style citekeys (`kim2023north`).
    Cite {
        /// Output format.
        #[arg(long, value_enum, default_value_t = cite::CiteFormat::Text)]
        format: cite::CiteFormat,
        /// Citation style for `text`: chicago-author-date, apa, mla, ieee or a .csl file
        /// (default: the config's `citation_style`).
        #[arg(long)]
        style: Option<String>,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Export notes: bookmarks and highlights with citations and back-links.
    #[command(subcommand)]
    Notes(cite::NotesCommand),
    /// Open the reader at a bookmark or highlight id, `paper#section-slug` or `paper@p12`
    /// (without a terminal: print the paper from there).
    Open {
        /// A mark id (see `dossier bookmarks list`), `paper#section` or `paper@pPAGE`.
        locator: String,
        /// Files or folders (default: the shipped papers).
        paths: Vec<PathBuf>,
    },
    /// Show where converted papers are cached and how much room they take; `clear` empties it.
    Cache {
        /// `clear`: remove every converted paper.
        #[command(subcommand)]
        command: Option<cache::CacheCommand>,
    },
}

/// What `dossier config` does.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the config file; exits 1 with `file:line:column: message` when it is invalid.
    Check {
        /// The file to check (default: config.toml in the config directory).
        file: Option<PathBuf>,
    },
    /// Print a commented default config file.
    Default,
    /// Print where the config file is read from.
    Path,
}

/// Exit code when the command could not run at all (bad paths, bad arguments).
pub const EXIT_UNUSABLE: u8 = 2;
/// Exit code when some papers could not be opened but the others were printed.
pub const EXIT_PARTIAL: u8 = 1;

/// A converter's panic is caught and reported as a damaged file in one line: the default
/// hook's message and backtrace note would only add noise.
fn quiet_converter_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::import::is_converting() {
            previous(info);
        }
    }));
}

/// Runs dossier with the process's arguments. Every error ends here: a write to a closed pipe
/// (`dossier cat | head -1`: the reader has gone) ends quietly with status 0, as `cat` does;
/// anything else is one line on stderr.
pub fn main() -> ExitCode {
    quiet_converter_panics();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            ExitCode::from(EXIT_UNUSABLE)
        }
    }
}

/// Whether `error` comes from writing to a pipe whose reader has closed it. Rust ignores
/// SIGPIPE, so such a write returns `BrokenPipe` instead of ending the process.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs a parsed command line; the exit code, or the error that stopped it.
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    web::set_refresh(cli.refresh);
    match cli.command {
        Some(Command::Outline { json, paths }) => {
            print_with(&paths, |lib, out| outline::print(lib, json, out))
        }
        Some(Command::Cat {
            markdown: true,
            paths,
            ..
        }) => Ok(cat_markdown::print(&paths, &cache::open())),
        Some(Command::Cat { width, paths, .. }) => {
            let width = width.unwrap_or_else(terminal_width);
            print_with(&paths, |lib, out| cat(lib, width, out))
        }
        Some(Command::Search {
            query,
            limit,
            json,
            paths,
        }) => {
            let bookmarks = stored_bookmarks(&paths);
            print_with(&paths, |lib, out| {
                search::print(lib, &bookmarks(lib), &query, limit, json, out)
            })
        }
        Some(Command::Facts { json, all, paths }) => {
            print_with(&paths, |lib, out| facts::print_facts(lib, json, all, out))
        }
        Some(Command::Timeline { json, paths }) => {
            print_with(&paths, |lib, out| facts::print_timeline(lib, json, out))
        }
        Some(Command::Glossary { json, paths }) => {
            print_with(&paths, |lib, out| facts::print_glossary(lib, json, out))
        }
        Some(Command::Config(command)) => config_command(command),
        Some(Command::Completions { shell }) => {
            // The generators panic when a write fails: they write into memory, then out.
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "dossier",
                &mut script,
            );
            write_out(|out| out.write_all(&script).context("cannot write output"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            write_out(|out| man.render(out).context("cannot write the manual"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Cache { command }) => {
            write_out(|out| cache::run(command.as_ref(), out).map_err(anyhow::Error::msg))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bookmarks(command)) => {
            write_out(|out| bookmarks::run(command, data_dir().as_deref(), out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Cite {
            format,
            style,
            paths,
        }) => {
            let style = match cite::style(style.as_deref(), config_path().as_deref()) {
                Ok(style) => style,
                Err(e) => {
                    eprintln!("dossier: {e}");
                    return Ok(ExitCode::from(EXIT_UNUSABLE));
                }
            };
            print_with(&paths, |lib, out| cite::cite(lib, format, &style, out))
        }
        Some(Command::Notes(cite::NotesCommand::Export {
            format,
            style,
            paths,
        })) => {
            let style = match cite::style(style.as_deref(), config_path().as_deref()) {
                Ok(style) => style,
                Err(e) => {
                    eprintln!("dossier: {e}");
                    return Ok(ExitCode::from(EXIT_UNUSABLE));
                }
            };
            let Some(dir) = data_dir() else {
                eprintln!("dossier: no data directory: set DOSSIER_DATA_DIR");
                return Ok(ExitCode::from(EXIT_UNUSABLE));
            };
            let (store, warnings) = crate::store::Store::open(&dir);
            for w in &warnings {
                eprintln!("dossier: {w}");
            }
            print_with(&paths, |lib, out| {
                cite::notes(&store, lib, format, &style, out)
            })
        }
        Some(Command::Open { locator, paths }) => open(&locator, &paths),
        None => {
            if std::io::stdout().is_terminal()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
            {
                // The reader opens at once; PDFs and web pages not in the conversion cache
                // convert in the background.
                let (library, deferred) = open_library_staged(&cli.paths);
                if library.papers.is_empty() {
                    return Ok(report(&library));
                }
                run_reader(library, deferred, None)
            } else {
                let library = open_library(&cli.paths);
                if library.papers.is_empty() {
                    return Ok(report(&library));
                }
                print_library(&Arc::new(library), |lib, out| {
                    cat(lib, terminal_width(), out)
                })
            }
        }
    }
}

/// Runs `body` on a buffered standard output and flushes it. Errors are the body's own, or
/// "cannot write output" around a failed write (a closed pipe among them).
fn write_out<E>(body: impl FnOnce(&mut dyn Write) -> Result<(), E>) -> anyhow::Result<()>
where
    E: Into<anyhow::Error>,
{
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    body(&mut out).map_err(Into::into)?;
    out.flush().context("cannot write output")
}

/// `dossier open LOCATOR`: the reader at that place, or (without a terminal) the paper printed
/// from there.
fn open(locator: &str, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let library = open_library(paths);
    if library.papers.is_empty() {
        return Ok(report(&library));
    }
    let store = data_dir().map(|dir| crate::store::Store::open(&dir).0);
    let target = match crate::locator::locate(locator, &library, store.as_ref()) {
        Ok(target) => target,
        Err(e) => {
            eprintln!("dossier: {e}");
            return Ok(ExitCode::from(EXIT_UNUSABLE));
        }
    };
    if !std::io::stdout().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return print_library(&Arc::new(library), |lib, out| {
            cite::print_from(lib, target, terminal_width(), out)
        });
    }
    drop(store);
    run_reader(library, Vec::new(), Some(target))
}

/// Starts the reader with the config (or the defaults and its error) and the data directory,
/// at `start` if given, converting `deferred` files in the background.
fn run_reader(
    library: Library,
    deferred: Vec<crate::library::Deferred>,
    start: Option<crate::locator::Target>,
) -> anyhow::Result<ExitCode> {
    let (config, config_error) = match config_path().map(|p| crate::tui::config::load(&p)) {
        Some(Ok(config)) => (config, None),
        Some(Err(e)) => (crate::tui::config::Config::default(), Some(e)),
        None => (crate::tui::config::Config::default(), None),
    };
    let setup = crate::tui::Setup {
        data_dir: data_dir(),
        config,
        config_error,
        start,
    };
    let loader = (!deferred.is_empty()).then(|| {
        let cache = cache_dir().map_or_else(crate::import::Cache::none, crate::import::Cache::new);
        crate::loading::Loader::start(deferred, &cache)
    });
    Ok(match crate::tui::run(library, loader, &setup)? {
        crate::tui::Ended::Quit => ExitCode::SUCCESS,
        crate::tui::Ended::NothingOpened(problems) => {
            for problem in problems {
                eprintln!("dossier: {problem}");
            }
            ExitCode::from(EXIT_UNUSABLE)
        }
    })
}

/// Loads `paths`, prints what `body` writes, and reports the paths that failed.
fn print_with(
    paths: &[PathBuf],
    body: impl FnOnce(&Arc<Library>, &mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let library = Arc::new(open_library(paths));
    if library.papers.is_empty() {
        return Ok(report(&library));
    }
    print_library(&library, body)
}

/// Prints what `body` writes (the library is shared, e.g. with a search index that reads its
/// texts), then the papers' warnings and problems.
fn print_library(
    library: &Arc<Library>,
    body: impl FnOnce(&Arc<Library>, &mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    write_out(|out| body(library, out).context("cannot write output"))?;
    for paper in &library.papers {
        for warning in &paper.warnings {
            eprintln!("dossier: {}: {warning}", paper.origin.display());
        }
    }
    Ok(if library.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        report(library)
    })
}

/// Prints each problem on stderr; exit 2 when nothing opened, 1 when some papers did.
fn report(library: &Library) -> ExitCode {
    for problem in &library.problems {
        eprintln!("dossier: {problem}");
    }
    if library.papers.is_empty() {
        if library.problems.is_empty() {
            eprintln!("dossier: no papers to open");
        }
        ExitCode::from(EXIT_UNUSABLE)
    } else {
        ExitCode::from(EXIT_PARTIAL)
    }
}

/// A function giving the stored bookmarks placed in a library, for `dossier search`.
fn stored_bookmarks(_paths: &[PathBuf]) -> impl Fn(&Library) -> Vec<crate::finder::BookmarkEntry> {
    let store = data_dir().map(|dir| crate::store::Store::open(&dir).0);
    move |library: &Library| {
        let Some(store) = &store else {
            return Vec::new();
        };
        store
            .bookmarks()
            .iter()
            .filter_map(|b| {
                let p = library.find(&b.paper)?;
                let block =
                    crate::anchoring::locate(&library.papers[p], &b.anchor).block()? as usize;
                let text = b
                    .note
                    .as_ref()
                    .map_or_else(|| b.label.clone(), |n| format!("{} — {n}", b.label));
                Some(crate::finder::BookmarkEntry {
                    paper: p,
                    block,
                    offset: 0,
                    text,
                })
            })
            .collect()
    }
}

/// Where bookmarks and reading positions live: `DOSSIER_DATA_DIR`, else the platform's data
/// directory for dossier.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "dossier").map(|p| p.data_dir().to_path_buf())
}

/// Where `config.toml` is read from: `DOSSIER_CONFIG_DIR`, else the platform's config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("config.toml"));
    }
    directories::ProjectDirs::from("", "", "dossier").map(|p| p.config_dir().join("config.toml"))
}

fn config_command(command: ConfigCommand) -> anyhow::Result<ExitCode> {
    let no_dir = || anyhow::anyhow!("no config directory: set DOSSIER_CONFIG_DIR");
    let say =
        |line: String| write_out(|out| writeln!(out, "{line}").context("cannot write output"));
    match command {
        ConfigCommand::Default => {
            write_out(|out| {
                out.write_all(crate::tui::config::default_file().as_bytes())
                    .context("cannot write output")
            })?;
        }
        ConfigCommand::Path => say(config_path().ok_or_else(no_dir)?.display().to_string())?,
        ConfigCommand::Check { file } => {
            let path = file.or_else(config_path).ok_or_else(no_dir)?;
            if !path.exists() {
                say(format!(
                    "{}: no such file; the defaults are used",
                    path.display()
                ))?;
            } else if let Err(e) = crate::tui::config::load(&path) {
                eprintln!("{e}");
                return Ok(ExitCode::from(EXIT_PARTIAL));
            } else {
                say(format!("{}: ok", path.display()))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn terminal_width() -> u16 {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
    {
        return w.clamp(2, 100);
    }
    80
}

/// Writes every paper as plain text at `width` columns, papers separated by a blank line.
pub fn cat(library: &Library, width: u16, out: &mut dyn Write) -> std::io::Result<()> {
    for (i, paper) in library.papers.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.write_all(crate::layout::layout(paper, width).plain_text().as_bytes())?;
    }
    Ok(())
}
