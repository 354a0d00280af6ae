//! Glyphs out of a PDF's pages with pdf-extract's interpreter: one collector per page, pages
//! shared out over two threads, each page under `catch_unwind` and a glyph budget.

use super::glyph::{Glyph, clean};
use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// At most this many glyphs are kept per page (a page of small print has ~10,000).
pub const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// What one page gave.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    /// Page width and height in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Why the page is incomplete, if it is.
    pub problem: Option<String>,
}

struct Collector {
    page: PageGlyphs,
    /// The media box's left and top edges, to put the origin at the top left.
    origin: (f64, f64),
    deadline: Instant,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.origin = (media.llx.min(media.urx), media.ury.max(media.lly));
        self.page.width = (media.urx - media.llx).abs() as f32;
        self.page.height = (media.ury - media.lly).abs() as f32;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.page.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            self.page.problem = Some(format!(
                "more than {MAX_GLYPHS_PER_PAGE} characters; the rest left out"
            ));
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        if self.page.glyphs.len() % 4096 == 4095 && Instant::now() > self.deadline {
            self.page.problem = Some("time limit reached; the rest left out".to_string());
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let text = clean(text);
        if text.is_empty() {
            return Ok(());
        }
        // The font size square through the text matrix, as pdf-extract's own text output does.
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt() as f32;
        let (x, y) = (
            (trm.m31 - self.origin.0) as f32,
            (self.origin.1 - trm.m32) as f32,
        );
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        let upright = trm.m11 > 0.0
            && trm.m12.abs() <= 0.01 * trm.m11.abs()
            && trm.m21.abs() <= 0.01 * trm.m22.abs();
        let w = (width as f32 * size).max(0.0);
        self.page.glyphs.push(Glyph {
            x,
            y,
            w: if w.is_finite() { w } else { 0.0 },
            size,
            upright,
            text,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn one_page(doc: &Document, number: u32, deadline: Instant) -> PageGlyphs {
    let mut collector = Collector {
        page: PageGlyphs::default(),
        origin: (0.0, 0.0),
        deadline,
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut collector, number)
    }));
    let mut page = collector.page;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            if page.problem.is_none() {
                page.problem = Some(format!("could not be read: {e}"));
            }
        }
        Err(_) => {
            page.problem = Some("could not be read (the PDF interpreter failed on it)".to_string())
        }
    }
    page
}

/// Glyphs of the given pages (page numbers as lopdf counts them, from 1), in order, read on
/// two threads. `progress(done, total)` is called after each page from the reading threads.
pub fn pages(
    doc: &Document,
    numbers: &[u32],
    deadline: Instant,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<PageGlyphs> {
    let total = numbers.len();
    let done = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<PageGlyphs>> = (0..total).map(|_| None).collect();
    let results = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let page = if Instant::now() > deadline {
                            PageGlyphs {
                                problem: Some("time limit reached; left out".to_string()),
                                ..PageGlyphs::default()
                            }
                        } else {
                            // isolated: a panic in this thread is expected, caught, and kept quiet
                            crate::import::isolated(|| Ok(one_page(doc, numbers[i], deadline)))
                                .unwrap_or_else(|e| PageGlyphs {
                                    problem: Some(format!("could not be read: {e}")),
                                    ..PageGlyphs::default()
                                })
                        };
                        mine.push((i, page));
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect::<Vec<_>>()
    });
    for (i, page) in results {
        slots[i] = Some(page);
    }
    slots
        .into_iter()
        .map(|p| {
            p.unwrap_or_else(|| PageGlyphs {
                problem: Some("could not be read".to_string()),
                ..PageGlyphs::default()
            })
        })
        .collect()
}
