//! The command line: argument definitions and the commands that print and exit.

mod bookmarks;
pub mod facts;
mod outline;
mod search;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

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
    /// Markdown files or folders to open (folders: every *.md / *.markdown below them).
    pub paths: Vec<PathBuf>,
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
    /// Print papers as the reader shows them, as plain text.
    Cat {
        /// Wrap to this many columns (default: the terminal's width, or 80).
        #[arg(long, short)]
        width: Option<u16>,
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
    /// Print every dated fact across the papers, oldest first.
    Timeline {
        /// Print JSON.
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

/// Runs dossier with the process's arguments.
pub fn main() -> ExitCode {
    quiet_converter_panics();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Outline { json, paths }) => {
            print_with(&paths, |lib, out| outline::print(lib, json, out))
        }
        Some(Command::Cat { width, paths }) => {
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
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "dossier",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("dossier: cannot write the manual: {e}");
                    ExitCode::from(EXIT_UNUSABLE)
                }
            }
        }
        Some(Command::Bookmarks(command)) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match bookmarks::run(command, data_dir().as_deref(), &mut out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("dossier: {e}");
                    ExitCode::from(EXIT_UNUSABLE)
                }
            }
        }
        None => {
            let library = Library::open(&cli.paths);
            if library.papers.is_empty() {
                return report(&library);
            }
            if std::io::stdout().is_terminal()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
            {
                let (config, config_error) =
                    match config_path().map(|p| crate::tui::config::load(&p)) {
                        Some(Ok(config)) => (config, None),
                        Some(Err(e)) => (crate::tui::config::Config::default(), Some(e)),
                        None => (crate::tui::config::Config::default(), None),
                    };
                let setup = crate::tui::Setup {
                    data_dir: data_dir(),
                    config,
                    config_error,
                };
                match crate::tui::run(library, &setup) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("dossier: {e:#}");
                        ExitCode::from(EXIT_UNUSABLE)
                    }
                }
            } else {
                print_library(&Arc::new(library), |lib, out| {
                    cat(lib, terminal_width(), out)
                })
            }
        }
    }
}

/// Loads `paths`, prints what `body` writes, and reports the paths that failed.
fn print_with(
    paths: &[PathBuf],
    body: impl FnOnce(&Arc<Library>, &mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    let library = Arc::new(Library::open(paths));
    if library.papers.is_empty() {
        return report(&library);
    }
    print_library(&library, body)
}

/// Prints what `body` writes (the library is shared, e.g. with a search index that reads its
/// texts), then the papers' warnings and problems.
fn print_library(
    library: &Arc<Library>,
    body: impl FnOnce(&Arc<Library>, &mut dyn Write) -> std::io::Result<()>,
) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = body(library, &mut out).and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("dossier: cannot write output: {e}");
        return ExitCode::from(EXIT_UNUSABLE);
    }
    for paper in &library.papers {
        for warning in &paper.warnings {
            eprintln!("dossier: {}: {warning}", paper.origin.display());
        }
    }
    if library.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        report(library)
    }
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

fn config_command(command: ConfigCommand) -> ExitCode {
    match command {
        ConfigCommand::Default => {
            print!("{}", crate::tui::config::default_file());
            ExitCode::SUCCESS
        }
        ConfigCommand::Path => {
            if let Some(path) = config_path() {
                println!("{}", path.display());
                ExitCode::SUCCESS
            } else {
                eprintln!("dossier: no config directory: set DOSSIER_CONFIG_DIR");
                ExitCode::from(EXIT_UNUSABLE)
            }
        }
        ConfigCommand::Check { file } => {
            let Some(path) = file.or_else(config_path) else {
                eprintln!("dossier: no config directory: set DOSSIER_CONFIG_DIR");
                return ExitCode::from(EXIT_UNUSABLE);
            };
            if !path.exists() {
                println!("{}: no such file; the defaults are used", path.display());
                return ExitCode::SUCCESS;
            }
            match crate::tui::config::load(&path) {
                Ok(_) => {
                    println!("{}: ok", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(EXIT_PARTIAL)
                }
            }
        }
    }
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
