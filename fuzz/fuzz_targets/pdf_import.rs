//! PDF bytes → `pdf::convert` → `Paper::parse` → layout at 80 columns: never a panic, a
//! one-line error or Markdown whose paper lays out with no control character in any line.
#![no_main]

use dossier::document::{Origin, Paper};
use dossier::import::pdf;
use dossier::layout;
use libfuzzer_sys::fuzz_target;

/// libFuzzer's panic hook aborts on every panic, even one the converter catches and reports
/// as a damaged file (pdf-extract panics on some CMaps): such panics are let through, like
/// dossier's own hooks do; any other panic still aborts.
fn let_caught_converter_panics_through() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !dossier::import::is_converting() {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_caught_converter_panics_through();
    match pdf::convert(data) {
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains('\n'), "error message {msg:?}");
        }
        Ok(c) => {
            for w in &c.warnings {
                assert!(!w.contains('\n'), "warning {w:?}");
            }
            let paper = Paper::parse(&c.markdown, Origin::File("f.pdf".into()), "f");
            let out = layout::layout(&paper, 80);
            for line in &out.lines {
                let text = line.text();
                assert!(!text.chars().any(char::is_control), "control character in {text:?}");
            }
        }
    }
});
