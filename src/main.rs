//! The `dossier` binary: parses the command line and runs a command or the reader.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    dossier::cli::main()
}
