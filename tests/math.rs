//! Formulas in decks: typeset, tagged with their TeX, their problems at
//! their places, Markdown decks and `import`, and glyph positions read back
//! from the PDF with pdfplumber (tests/glyphs.py).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{needs, pdf_check, pdf_check_tagged, Fixture};

/// One slide per formula, each display, then a paragraph of inline ones.
const DECK: &str = r#"title: Formulas
sections:
  - title: Math
    slides:
      - title: Power
        body: $$x^2$$
      - title: Fraction
        body: $$\frac{a}{b}$$
      - title: Matrix
        body: $$\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}$$
      - title: Inline
        body: |
          Costs $5 and $10; the mean $\bar x = \frac{1}{n}\sum_i x_i$ of \(n\) values, and $\R^n$.
      - title: Problem
        body: |
          An unknown $\nope{x}$ here.
theme:
  math_macros:
    \R: \mathbb{R}
language: en
"#;

/// The deck built once per test that asks, with its warnings.
fn built() -> (Fixture, String) {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    let stderr = fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    (fixture, stderr)
}

#[test]
fn formulas_build_tagged_and_a_problem_is_a_warning_at_its_command() {
    let (fixture, stderr) = built();
    assert!(
        stderr.starts_with(
            "warning: deck.yaml:16:23: unknown command `\\nope`; the formula is shown as written\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "= help: if `\\nope` is your own, define it under `theme:` in `math_macros:`"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    // The prices stay text; the formula that failed is shown as written.
    pdf_check(&pdf, Some(7), &["Costs $5 and $10", "\\nope{x}"]);
    pdf_check_tagged(&pdf);
}

#[test]
fn each_formula_is_a_formula_element_whose_alt_is_its_tex() {
    let (fixture, _) = built();
    let formulas = formula_elements(&fixture.path().join("out.pdf"));
    let found: Vec<(&str, &str)> = formulas
        .iter()
        .map(|(alt, parent)| (alt.as_str(), parent.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("\\R^n", "P"),
            ("\\bar x = \\frac{1}{n}\\sum_i x_i", "P"),
            (
                "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\\\ 5 & 6 \\end{pmatrix}",
                "Sect"
            ),
            ("\\frac{a}{b}", "Sect"),
            ("n", "P"),
            ("x^2", "Sect"),
        ]
    );
}

/// Every Formula element of `pdf`: its `/Alt`, and the role of the
/// element it stands in, sorted.
pub(crate) fn formula_elements(pdf: &Path) -> Vec<(String, String)> {
    let pdf = lopdf::Document::load(pdf).unwrap();
    let mut formulas = Vec::new();
    for (_, object) in pdf.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_formula = dict
            .get(b"S")
            .ok()
            .and_then(|s| s.as_name().ok())
            .is_some_and(|name| name == b"Formula");
        if !is_formula {
            continue;
        }
        let alt = dict.get(b"Alt").unwrap().as_str().unwrap();
        let parent = dict.get(b"P").unwrap().as_reference().unwrap();
        let parent = pdf.get_dictionary(parent).unwrap();
        let parent_role = parent.get(b"S").unwrap().as_name().unwrap().to_vec();
        formulas.push((
            String::from_utf8_lossy(alt).into_owned(),
            String::from_utf8_lossy(&parent_role).into_owned(),
        ));
    }
    formulas.sort();
    formulas
}

/// A glyph or a rectangle as pdfplumber reads it: points from the page's
/// top left.
#[derive(Debug, Clone)]
pub(crate) struct Box {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub size: f64,
}

impl Box {
    pub fn read(value: &Value) -> Box {
        let number = |key: &str| value[key].as_f64().unwrap_or(0.0);
        Box {
            text: value["text"].as_str().unwrap_or("").to_string(),
            x0: number("x0"),
            x1: number("x1"),
            top: number("top"),
            bottom: number("bottom"),
            size: number("size"),
        }
    }

    pub fn middle(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// What tests/glyphs.py reads from `page` of `pdf`.
pub(crate) fn glyphs_py(pdf: &Path, page: u32) -> Option<Value> {
    let Some(python) = needs::python_with_pdfplumber() else {
        needs::unavailable("python3 with pdfplumber (pip install pdfplumber)");
        return None;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/glyphs.py");
    let output = Command::new(python)
        .arg(script)
        .arg(pdf)
        .arg(page.to_string())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// The glyphs and the rectangles of `page` between the slide's title and
/// its page number.
fn read_back(pdf: &Path, page: u32) -> Option<(Vec<Box>, Vec<Box>)> {
    let read = glyphs_py(pdf, page)?;
    let glyphs = read["glyphs"].as_array().unwrap().iter().map(Box::read);
    let body = |b: &Box| b.top > 80.0 && b.bottom < 480.0;
    let glyphs = glyphs.filter(body).collect();
    let rects = read["rects"].as_array().unwrap().iter().map(Box::read);
    let rects = rects
        .filter(|r| body(r) && r.bottom - r.top < 5.0)
        .collect();
    Some((glyphs, rects))
}

pub(crate) fn find<'a>(glyphs: &'a [Box], text: &str) -> &'a Box {
    glyphs
        .iter()
        .find(|g| g.text == text)
        .unwrap_or_else(|| panic!("no glyph `{text}` among {glyphs:?}"))
}

#[test]
fn glyph_positions_read_back_from_the_pdf() {
    let (fixture, _) = built();
    let pdf = fixture.path().join("out.pdf");
    // An exponent: smaller, raised, after its base.
    let Some((glyphs, _)) = read_back(&pdf, 3) else {
        return;
    };
    let (x, two) = (find(&glyphs, "x"), find(&glyphs, "2"));
    assert!(two.size < x.size * 0.8, "{two:?} {x:?}");
    assert!(two.bottom < x.bottom - x.size * 0.25, "{two:?} {x:?}");
    assert!(two.x0 >= x.x1 - x.size * 0.1, "{two:?} {x:?}");

    // A numerator over a rule over its denominator, centred on it.
    let (glyphs, rects) = read_back(&pdf, 4).unwrap();
    let (a, b) = (find(&glyphs, "a"), find(&glyphs, "b"));
    assert_eq!(rects.len(), 1, "{rects:?}");
    let bar = &rects[0];
    assert!(
        a.bottom <= bar.top + 0.5 && bar.bottom <= b.top + 0.5,
        "{a:?} {bar:?} {b:?}"
    );
    assert!((a.middle() - bar.middle()).abs() < 1.0, "{a:?} {bar:?}");
    assert!((b.middle() - bar.middle()).abs() < 1.0, "{b:?} {bar:?}");

    // Matrix cells in a grid, inside brackets as tall as the rows.
    let (glyphs, _) = read_back(&pdf, 5).unwrap();
    let cell = |digit: &str| find(&glyphs, digit);
    for row in [["1", "2"], ["3", "4"], ["5", "6"]] {
        assert!(
            (cell(row[0]).bottom - cell(row[1]).bottom).abs() < 0.1,
            "{row:?}"
        );
        assert!(cell(row[0]).x1 < cell(row[1]).x0, "{row:?}");
    }
    for column in [["1", "3", "5"], ["2", "4", "6"]] {
        assert!((cell(column[0]).middle() - cell(column[1]).middle()).abs() < 0.5);
        assert!((cell(column[1]).middle() - cell(column[2]).middle()).abs() < 0.5);
        assert!(cell(column[0]).bottom < cell(column[1]).top);
        assert!(cell(column[1]).bottom < cell(column[2]).top);
    }
    let (first, last) = (cell("1"), cell("6"));
    let left: Vec<&Box> = glyphs.iter().filter(|g| g.x1 <= first.x0).collect();
    let right: Vec<&Box> = glyphs.iter().filter(|g| g.x0 >= last.x1).collect();
    for side in [&left, &right] {
        assert!(!side.is_empty(), "no bracket among {glyphs:?}");
        // pdfplumber's boxes are the glyphs' em squares, not their ink:
        // the bracket's ink, on the page drawn at 72 dpi (a pixel a
        // point), reaches from the first row's top to the last row's foot.
        let (left, right) = (side[0].x0, side[0].x1);
        let (top, bottom) = ink_rows(&pdf, 5, left, right).expect("the bracket's ink");
        assert!(top <= first.top + 0.3 * first.size, "{top} {first:?}");
        assert!(bottom >= last.bottom - 0.3 * last.size, "{bottom} {last:?}");
    }
}

/// A line stroked on a page, as pdfplumber reads it: its two ends, in
/// points from the page's top left, and its width.
#[derive(Debug, Clone, Copy)]
struct Stroke {
    from: [f64; 2],
    to: [f64; 2],
    width: f64,
}

/// The lines stroked on `page` of `pdf`.
fn stroked_lines(pdf: &Path, page: u32) -> Option<Vec<Stroke>> {
    let read = glyphs_py(pdf, page)?;
    let point = |value: &Value| [value[0].as_f64().unwrap(), value[1].as_f64().unwrap()];
    let lines = read["lines"].as_array().unwrap().iter();
    Some(
        lines
            .map(|line| Stroke {
                from: point(&line["from"]),
                to: point(&line["to"]),
                width: line["width"].as_f64().unwrap(),
            })
            .collect(),
    )
}

#[test]
fn a_cancelled_letter_is_struck_by_a_stroked_diagonal_as_an_artifact() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nlanguage: en\nsections:\n  - title: S\n    slides:\n      - title: Cancel\n        body: $$\\cancel{x} + \\bcancel{y}$$\n",
    );
    fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    let pdf = fixture.path().join("out.pdf");
    pdf_check_tagged(&pdf);
    let Some((glyphs, _)) = read_back(&pdf, 3) else {
        return;
    };
    let lines = stroked_lines(&pdf, 3).unwrap();
    let [rising, falling] = lines[..] else {
        panic!("two strokes: {lines:?}")
    };
    let (x, y) = (find(&glyphs, "x"), find(&glyphs, "y"));
    // `/` over the x: from its bottom left up to its top right, past its
    // ink; `\` over the y: from its top left down.
    assert!(
        rising.from[0] < rising.to[0] && rising.from[1] > rising.to[1],
        "rising: {rising:?}"
    );
    assert!(
        rising.from[0] <= x.x0 + 1.0 && rising.to[0] >= x.x1 - 1.0,
        "{rising:?} {x:?}"
    );
    assert!((rising.width - 0.046 * x.size).abs() < 0.01, "{rising:?}");
    assert!(
        falling.from[0] < falling.to[0] && falling.from[1] < falling.to[1],
        "falling: {falling:?}"
    );
    assert!(
        falling.from[0] > y.x0 - 2.0 && falling.to[0] < y.x1 + 2.0,
        "{falling:?} {y:?}"
    );
    // Drawn as an artifact: no marked content of the formula holds it.
    let document = lopdf::Document::load(&pdf).unwrap();
    let page = *document.get_pages().get(&3).unwrap();
    let content = document.get_and_decode_page_content(page).unwrap();
    let mut marks: Vec<Vec<u8>> = Vec::new();
    let mut strokes_in = Vec::new();
    for operation in &content.operations {
        match operation.operator.as_str() {
            "BMC" | "BDC" => marks.push(operation.operands[0].as_name().unwrap().to_vec()),
            "EMC" => {
                marks.pop();
            }
            "S" => strokes_in.push(marks.last().cloned().unwrap_or_default()),
            _ => {}
        }
    }
    assert_eq!(strokes_in, [b"Artifact".to_vec(), b"Artifact".to_vec()]);
}

#[test]
fn a_display_formula_too_wide_shrinks_with_a_warning_naming_the_slide() {
    let fixture = Fixture::new();
    let sum = "a_1 + b_2 + c_3 + d_4 + ".repeat(12);
    fixture.write(
        "deck.yaml",
        &format!("title: T\nsections:\n  - title: S\n    slides:\n      - title: Wide\n        body: $${sum}z$$\n"),
    );
    let stderr = fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    let first = stderr.lines().next().unwrap();
    assert!(
        first.starts_with("warning: deck.yaml:6:17: a formula on slide 1 in section `S` is too wide for the slide; shrunk to "),
        "{stderr}"
    );
    pdf_check(&fixture.path().join("out.pdf"), Some(3), &[]);
}

const MARP: &str = "---\nmarp: true\nmath: katex\ntitle: T\nlanguage: en\n---\n\n# Formulas\n\nThe sum $\\sum_{i=1}^n i$ costs $5 and $10; \\(a\\_b\\) and \\[\\frac{1}{2}\\]\n";

#[test]
fn marp_math_front_matter_is_accepted_and_formulas_typeset() {
    let fixture = Fixture::new();
    fixture.write("talk.md", MARP);
    let stderr = fixture
        .run(&["talk.md", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    assert!(!stderr.contains("math"), "{stderr}");
    pdf_check(&fixture.path().join("out.pdf"), None, &["costs $5 and $10"]);
    pdf_check_tagged(&fixture.path().join("out.pdf"));
    let other = MARP.replace("math: katex", "math: texzilla");
    fixture.write("other.md", &other);
    let stderr = fixture.run(&["check", "other.md"]).success();
    assert!(
        stderr.contains("note: other.md:3:7: Marp math `texzilla` is unknown (Marp takes `katex` or `mathjax`); formulas are typeset the same either way"),
        "{stderr}"
    );
}

#[test]
fn import_keeps_formulas_as_written() {
    let fixture = Fixture::new();
    fixture.write("talk.md", MARP);
    fixture.run(&["import", "talk.md"]).success();
    let yaml = std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap();
    for written in ["$\\sum_{i=1}^n i$", "\\(a\\_b\\)", "\\[\\frac{1}{2}\\]"] {
        assert!(yaml.contains(written), "{written} not in:\n{yaml}");
    }
}

/// The first and last rows of pixels with ink between `left` and `right`
/// (points) on `page` of `pdf`, drawn by pdftoppm at 72 dpi.
fn ink_rows(pdf: &Path, page: u32, left: f64, right: f64) -> Option<(f64, f64)> {
    let folder = pdf.parent().unwrap();
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-png",
            "-gray",
            "-r",
            "72",
            "-f",
            &page,
            "-l",
            &page,
            "-singlefile",
        ])
        .arg(pdf)
        .arg(folder.join("ink"))
        .status()
        .unwrap();
    assert!(status.success());
    let image = image::open(folder.join("ink.png")).unwrap().to_luma8();
    let inked: Vec<u32> = (0..image.height())
        .filter(|&y| {
            (left.ceil() as u32..right.floor() as u32).any(|x| image.get_pixel(x, y).0[0] < 128)
        })
        .collect();
    Some((f64::from(*inked.first()?), f64::from(*inked.last()? + 1)))
}

/// How far deckgen's width-to-height ratio of a formula's ink may be from
/// MathJax's, as a share of MathJax's: fonts differ (New Computer Modern
/// Math here, MathJax's TeX fonts there) and so do small spacing choices,
/// but a formula laid out wrongly (a script on the line, a fraction side by
/// side) is off by far more.
const MATHJAX_TOLERANCE: f64 = 0.15;

/// Each formula of `benches/mathjax/formulas.txt`, drawn by deckgen alone
/// on a page, against MathJax's ratios in
/// `tests/fixtures/math/mathjax-ratios.tsv` (written by
/// `benches/mathjax/measure.py` with Marp CLI and chromium, which the tests
/// do not need).
#[test]
fn formulas_keep_the_proportions_mathjax_gives_them() {
    let figures = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/math/mathjax-ratios.tsv"),
    )
    .unwrap();
    let expected: Vec<(f64, &str)> = figures
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (ratio, formula) = line.split_once('\t').unwrap();
            (ratio.parse().unwrap(), formula)
        })
        .collect();
    assert_eq!(expected.len(), 12);
    let slides: String = expected
        .iter()
        .map(|(_, formula)| {
            format!(
                "      - title: \"\"\n        body: '$${}$$'\n",
                formula.replace('\'', "''")
            )
        })
        .collect();
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        &format!("title: T\ntheme:\n  page_numbers: false\nsections:\n  - title: S\n    slides:\n{slides}"),
    );
    fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    let Some(pdftoppm) = crate::util::external_tool("pdftoppm") else {
        return;
    };
    let last = (expected.len() + 2).to_string();
    let status = Command::new(pdftoppm)
        .args([
            "-png", "-gray", "-r", "100", "-f", "3", "-l", &last, "out.pdf", "page",
        ])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    let mut far = Vec::new();
    for (index, (mathjax, formula)) in expected.iter().enumerate() {
        let page = fixture.path().join(format!("page-{:02}.png", index + 3));
        let image = image::open(page).unwrap().to_luma8();
        let inked = image.enumerate_pixels().filter(|(_, _, p)| p.0[0] < 128);
        let (mut left, mut top, mut right, mut bottom) = (u32::MAX, u32::MAX, 0, 0);
        for (x, y, _) in inked {
            (left, top) = (left.min(x), top.min(y));
            (right, bottom) = (right.max(x + 1), bottom.max(y + 1));
        }
        let ours = f64::from(right - left) / f64::from(bottom - top);
        let off = (ours - mathjax).abs() / mathjax;
        eprintln!(
            "{formula}: deckgen {ours:.3}, MathJax {mathjax:.3} ({:+.0} %)",
            (ours / mathjax - 1.0) * 100.0
        );
        if off > MATHJAX_TOLERANCE {
            far.push(format!(
                "{formula}: deckgen {ours:.3}, MathJax {mathjax:.3}"
            ));
        }
    }
    assert!(
        far.is_empty(),
        "further than {MATHJAX_TOLERANCE} from MathJax: {far:#?}"
    );
}
