//! Formulas in captions, under every layout that sets one: typeset in the
//! caption's lines (no TeX printed), tagged inside its paragraph, a problem
//! a warning at its place in the deck file; read back with pdfplumber.

use crate::math::{find, formula_elements, glyphs_py, Box};
use crate::util::{pdf_check, pdf_check_tagged, Fixture};

/// A caption with formulas on each layout, then one that does not parse.
const DECK: &str = r#"title: Captions
sections:
  - title: Math
    slides:
      - caption: Power $x^2$ alone
      - caption: The mean $\bar y = \frac{1}{n}\sum_i y_i$ of the data
        image: a.png
        alt: A gradient
      - layout: image-left
        image: a.png
        alt: A gradient
        caption: Area $A = \pi r^2$ of a circle
      - layout: full
        image: a.png
        alt: A gradient
        caption: Energy \(E = mc^2\) on the band
      - layout: pair
        caption: Both $\alpha$ and $\beta$
        images:
          - image: a.png
            alt: A gradient
            caption: Left $\gamma_1$
          - image: a.png
            alt: A gradient
      - layout: quote
        caption: The integers $\mathbb{Z}$ are enough
        attribution: Kronecker
      - layout: statement
        caption: $$E = mc^2$$
      - caption: Lead \[\sum_{i=1}^n i\] over a body
        body: "- one"
      - caption: An unknown $\nope{x}$ here
language: en
"#;

/// The deck built, with its warnings.
fn built() -> (Fixture, String) {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    fixture.image("a.png", 64, 48);
    let stderr = fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    (fixture, stderr)
}

#[test]
fn caption_formulas_build_tagged_and_a_problem_is_a_warning_at_its_command() {
    let (fixture, stderr) = built();
    let warning = r"warning: deck.yaml:32:30: unknown command `\nope`; the formula is shown as written
   |
32 |       - caption: An unknown $\nope{x}$ here
   |                              ^^^^^^^^^^^^^^
   |
   = note: in section 1 `Math`, slide 9
   = help: if `\nope` is your own, define it under `theme:` in `math_macros:`

wrote out.pdf (11 pages, ";
    assert!(stderr.starts_with(warning), "{stderr}");
    assert!(stderr.ends_with(" KB), 1 warning\n"), "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    // The formula that failed is shown as written.
    pdf_check(&pdf, Some(11), &["Power", "of the data", "\\nope{x}"]);
    pdf_check_tagged(&pdf);
}

#[test]
fn each_caption_formula_is_a_formula_element_in_the_captions_paragraph() {
    let (fixture, _) = built();
    let formulas = formula_elements(&fixture.path().join("out.pdf"));
    let found: Vec<(&str, &str)> = formulas
        .iter()
        .map(|(alt, parent)| (alt.as_str(), parent.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("A = \\pi r^2", "P"),
            ("E = mc^2", "P"),
            ("E = mc^2", "P"),
            ("\\alpha", "P"),
            ("\\bar y = \\frac{1}{n}\\sum_i y_i", "P"),
            ("\\beta", "P"),
            ("\\gamma_1", "P"),
            ("\\mathbb{Z}", "P"),
            ("\\sum_{i=1}^n i", "P"),
            ("x^2", "P"),
        ]
    );
}

/// The glyphs of `page` above its page number.
fn glyphs_on(pdf: &std::path::Path, page: u32) -> Option<Vec<Box>> {
    let read = glyphs_py(pdf, page)?;
    let glyphs = read["glyphs"].as_array().unwrap().iter().map(Box::read);
    Some(glyphs.filter(|glyph| glyph.bottom < 500.0).collect())
}

#[test]
fn caption_formulas_read_back_as_glyphs_with_no_tex_printed() {
    let (fixture, _) = built();
    let pdf = fixture.path().join("out.pdf");
    // Slides 1 to 8 are pages 3 to 10, after the title and the divider.
    for page in 3..=10 {
        let Some(glyphs) = glyphs_on(&pdf, page) else {
            return;
        };
        let printed: String = glyphs.iter().map(|glyph| glyph.text.as_str()).collect();
        for tex in ["$", "\\", "{", "^", "_"] {
            assert!(!printed.contains(tex), "page {page}: {printed}");
        }
    }
    // An exponent in a caption: smaller, raised, after its base.
    let glyphs = glyphs_on(&pdf, 3).unwrap();
    let (x, two) = (find(&glyphs, "x"), find(&glyphs, "2"));
    assert!(two.size < x.size * 0.8, "{two:?} {x:?}");
    assert!(two.bottom < x.bottom - x.size * 0.25, "{two:?} {x:?}");
    assert!(two.x0 >= x.x1 - x.size * 0.1, "{two:?} {x:?}");
    // In the caption's size: its base as large as the words around it.
    let p = find(&glyphs, "P");
    assert!((x.size - p.size).abs() < 0.5, "{x:?} {p:?}");

    // A display formula in a lead: on its own line under the lead's words,
    // centred, with the words after it on a line of their own below.
    let glyphs = glyphs_on(&pdf, 10).unwrap();
    let (lead, sum, over) = (find(&glyphs, "L"), find(&glyphs, "∑"), find(&glyphs, "v"));
    assert!(sum.top > lead.bottom, "{lead:?} {sum:?}");
    assert!(over.top > sum.bottom, "{sum:?} {over:?}");
    let centre = 960.0 / 2.0;
    assert!((sum.middle() - centre).abs() < 40.0, "{sum:?}");
    assert!(
        lead.x0 < sum.x0 && over.x0 < sum.x0,
        "{lead:?} {sum:?} {over:?}"
    );
}

#[test]
fn a_caption_with_a_formula_too_long_for_its_room_is_a_warning_and_keeps_to_it() {
    let fixture = Fixture::new();
    let words = vec!["word"; 120].join(" ");
    let deck = format!(
        "title: Long\ntitle_slide: false\nsections:\n  - title: Math\n    slides:\n      - caption: Long $x^2$ {words}\n        image: a.png\n        alt: A gradient\n"
    );
    fixture.write("deck.yaml", &deck);
    fixture.image("a.png", 64, 48);
    let stderr = fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-pdfpc"])
        .success();
    let headline = "warning: deck.yaml:6:18: the caption of slide 1 in section `Math` does not fit even at 12.0 pt; what does not fit is left out\n";
    assert!(stderr.starts_with(headline), "{stderr}");
    let help = "\n  = help: shorten the text, or give a formula a slide of its own\n";
    assert!(stderr.contains(help), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    pdf_check(&pdf, Some(2), &["Long"]);
    // What is kept stays above the picture: many lines, none cut through.
    let Some(read) = glyphs_py(&pdf, 2) else {
        return;
    };
    let picture = Box::read(&read["images"][0]);
    let glyphs = read["glyphs"].as_array().unwrap().iter().map(Box::read);
    let words: Vec<Box> = glyphs.filter(|glyph| glyph.text == "w").collect();
    assert!(words.len() > 100, "{words:?}");
    for word in &words {
        assert!(word.bottom <= picture.top, "{word:?} {picture:?}");
    }
}
