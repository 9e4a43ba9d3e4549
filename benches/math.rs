//! Typesetting speed: 200 display formulas typeset, drawn onto pages and
//! written to a PDF (the math font embedded and subset), against the target
//! of one second in a release build (issue 23).
//!
//!     cargo bench --bench math            # 5 timed runs after a warm-up
//!     cargo bench --bench math -- 9       # 9 timed runs
//!
//! The formulas are those of KaTeX's screenshot corpus that deckgen
//! typesets (without the one that needs its own macros), in display style, cycled to 200, 10 to a page; each run
//! starts from the formulas' source and ends with the PDF's bytes.

use std::time::{Duration, Instant};

use deckgen::color::Color;
use deckgen::frame::{Document, Page, PageKind};
use deckgen::geom::{Point, Pt, Size};
use deckgen::math::{typeset, Macros, MathMode};

const FORMULAS: usize = 200;
const PER_PAGE: usize = 10;
const TARGET: Duration = Duration::from_secs(1);

/// The corpus formulas deckgen typesets, in the corpus's order.
fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/math");
    let yaml = std::fs::read_to_string(format!("{dir}/katex-ss_data.yaml")).expect("corpus");
    let cases: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(&yaml).expect("corpus parses");
    let outcomes = std::fs::read_to_string(format!("{dir}/outcomes.txt")).expect("outcomes");
    let typeset: Vec<&str> = outcomes
        .lines()
        .filter_map(|line| line.strip_suffix(" => ok"))
        .collect();
    cases
        .into_iter()
        .filter(|(name, _)| typeset.contains(&name.as_str()))
        .filter_map(|(_, case)| match case {
            serde_json::Value::String(tex) => Some(tex),
            // Without the macros a few cases bring along.
            serde_json::Value::Object(fields) if !fields.contains_key("macros") => {
                fields.get("tex")?.as_str().map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

/// One run: every formula typeset and placed, then the PDF written.
fn run(formulas: &[String]) -> usize {
    let size = Size {
        width: Pt(960.0),
        height: Pt(540.0),
    };
    let macros = Macros::new();
    let mut pages = Vec::new();
    for chunk in formulas.chunks(PER_PAGE) {
        let mut items = Vec::new();
        let mut y = 40.0;
        for source in chunk {
            let formula = typeset(source, MathMode::Display, &macros).expect("typesets");
            y += formula.ascent * 20.0;
            items.extend(formula.items(Point::new(Pt(40.0), Pt(y)), Pt(20.0), Color::rgb(0, 0, 0)));
            y += formula.descent * 20.0 + 8.0;
        }
        pages.push(Page::new(PageKind::Slide, size, Color::WHITE, items));
    }
    let document = Document {
        pages,
        outline: Vec::new(),
        destinations: Default::default(),
        info: Default::default(),
    };
    let options = deckgen::pdf::PdfOptions {
        creator: "bench".into(),
        timestamp: 0,
        fullscreen: false,
        notes_annotations: false,
        layout: Default::default(),
        tagging: Default::default(),
    };
    deckgen::pdf::write(document, &options)
        .expect("the PDF is written")
        .len()
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(5)
        .max(1);
    let corpus = corpus();
    let formulas: Vec<String> = corpus.iter().cycle().take(FORMULAS).cloned().collect();
    let bytes = run(&formulas);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run(&formulas);
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{FORMULAS} display formulas ({} distinct), {} pages, {bytes} bytes: median {:.0} ms \
         of {runs} runs (min {:.0} ms, max {:.0} ms); target {} ms: {}",
        corpus.len(),
        FORMULAS.div_ceil(PER_PAGE),
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
        TARGET.as_millis(),
        if median < TARGET { "met" } else { "MISSED" },
    );
}
