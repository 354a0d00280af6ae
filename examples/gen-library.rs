//! Writes a synthetic library of policy papers: `cargo run --release --example gen-library -- DIR N [BYTES_EACH] [SEED]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen-library DIR N [BYTES_EACH (default 55000)] [SEED (default 1)]");
        std::process::exit(2);
    };
    let bytes = args.get(2).and_then(|b| b.parse().ok()).unwrap_or(55_000);
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    match dossier::synth::write_library(std::path::Path::new(dir), count, bytes, seed) {
        Ok(paths) => println!("wrote {} papers to {dir}", paths.len()),
        Err(e) => {
            eprintln!("gen-library: {dir}: {e}");
            std::process::exit(1);
        }
    }
}
