use lopdf::content::Operation;
use lopdf::Document;

use crate::util::{self, pdf_check, Fixture};

/// The operations of page `number` (from 1).
fn operations(pdf: &Document, number: u32) -> Vec<Operation> {
    let page = pdf.get_pages()[&number];
    pdf.get_and_decode_page_content(page).unwrap().operations
}

fn numbers(op: &Operation) -> Vec<f32> {
    op.operands.iter().map(|o| o.as_float().unwrap()).collect()
}

/// The operands of every `operator` on the page, rounded to 0.01.
fn all(ops: &[Operation], operator: &str) -> Vec<Vec<f32>> {
    ops.iter()
        .filter(|op| op.operator == operator)
        .map(|op| {
            numbers(op)
                .into_iter()
                .map(|n| (n * 100.0).round() / 100.0)
                .collect()
        })
        .collect()
}

const DECK: &str = "title: Layouts
title_slide: false
language: de
sections:
  - title: Every layout
    divider: false
    slides:
      - layout: full
        image: photo.jpg
        caption: On a band
      - layout: image-left
        image: photo.jpg
        caption: Beside the image
      - layout: quote
        caption: Sein oder nicht sein
        attribution: Hamlet
      - layout: statement
        title: Cost
        caption: 42
      - layout: pair
        images:
          - photo.jpg
          - image: photo.jpg
            caption: Again
";

#[test]
fn layouts_place_images_bands_and_text_in_the_pdf() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 1200, 900);
    fixture.write("deck.yaml", DECK);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(
        &path,
        Some(5),
        &[
            "On a band",
            "„Sein oder nicht sein“",
            "— Hamlet",
            "42",
            "Again",
        ],
    );
    let pdf = Document::load(&path).unwrap();

    // `full`: a 4:3 photo covers the 960 x 540 page, cropped to it.
    let full = operations(&pdf, 1);
    assert!(all(&full, "re").contains(&vec![0.0, 0.0, 960.0, 540.0]));
    assert!(all(&full, "cm").contains(&vec![960.0, 0.0, 0.0, 720.0, 0.0, -90.0]));
    // The band runs along the page's bottom edge, in a see-through state.
    let band = all(&full, "re")
        .into_iter()
        .find(|r| r[0] == 0.0 && r[1] == 0.0 && r[2] == 960.0 && r[3] < 540.0)
        .expect("a band along the bottom");
    assert!(band[3] > 40.0 && band[3] < 200.0, "{band:?}");
    assert!(full.iter().any(|op| op.operator == "gs"));

    // `image-left`: half the content width less the gutter, at the left margin.
    let beside = all(&operations(&pdf, 2), "cm");
    let image = beside.iter().find(|m| m[0] > 100.0).expect("an image");
    assert_eq!(image[0], 417.96);
    assert_eq!(image[4], 48.0);

    // `pair`: the same picture twice, the same size, side by side in equal cells.
    let pair: Vec<Vec<f32>> = all(&operations(&pdf, 5), "cm")
        .into_iter()
        .filter(|m| m[0] > 100.0)
        .collect();
    assert_eq!(pair.len(), 2, "{pair:?}");
    assert_eq!(pair[0][0], pair[1][0]);
    assert!(pair[0][4] + pair[0][0] < pair[1][4], "{pair:?}");
}

#[test]
fn a_key_the_layout_does_not_take_is_an_error_at_its_line() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 40, 30);
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - layout: full\n        image: photo.jpg\n        attribution: me\n      - layout: qoute\n        caption: c\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: deck.yaml:7:22: `attribution` does not go with layout `full` (only with `quote`; did you mean `layout: quote`?)
          |
        7 |         attribution: me
          |                      ^^
          |
          = note: in section 1 `S`, slide 1

        error: deck.yaml:8:17: unknown layout `qoute` (did you mean `quote`?)
          |
        8 |       - layout: qoute
          |                 ^^^^^
          |
          = note: in section 1 `S`, slide 2

        deckgen: 2 errors; no PDF written
        ",
    );
    assert!(!fixture.path().join("out.pdf").exists());
}

#[test]
fn page_numbers_with_the_total_and_a_progress_bar() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\ntheme:\n  preset: ink\n  page_numbers: total\n  progress: true\nsections:\n  - title: S\n    slides:\n      - caption: one\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(&path, Some(3), &["one"]);
    let pdf = Document::load(&path).unwrap();
    let text = pdf.extract_text(&[3]).unwrap();
    assert!(text.contains("3 / 3"), "{text:?}");
    // The bar runs along the bottom edge: two thirds of the width on page 2,
    // all of it on page 3; the title slide has none.
    let bar = |page| {
        all(&operations(&pdf, page), "re")
            .into_iter()
            .find(|r| r[0] == 0.0 && r[1] == 0.0 && r[3] < 10.0)
            .map(|r| r[2])
    };
    assert_eq!(bar(1), None);
    assert_eq!(bar(2), Some(640.0));
    assert_eq!(bar(3), Some(960.0));
    // `ink` prints dividers white: no page is filled with the accent.
    assert!(!all(&operations(&pdf, 2), "re").contains(&vec![0.0, 0.0, 960.0, 540.0]));
}

#[test]
fn a_quote_takes_the_marks_the_theme_gives() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T
language: de
theme:
  strings:
    open_quote: »
    close_quote: «
sections:
  - title: S
    slides:
      - layout: quote
        caption: Sein oder nicht sein
",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(3),
        &["»Sein oder nicht sein«"],
    );
}

/// Every text line on the page, `[size, x, y]`, rounded to 0.01.
fn text_lines(ops: &[Operation]) -> Vec<[f32; 3]> {
    util::text_lines(ops)
        .into_iter()
        .map(|line| line.map(|n| (n * 100.0).round() / 100.0))
        .collect()
}

/// A `pair` entry's `credit` stands at its own picture's lower edge, in the
/// footer's size, and that picture shrinks to make room; the other keeps
/// its size and the captions stay level.
#[test]
fn a_pair_entry_credit_stands_under_its_own_picture() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 1200, 900);
    fixture.write(
        "deck.yaml",
        "title: Pair
title_slide: false
sections:
  - title: S
    divider: false
    slides:
      - layout: pair
        caption: Both
        images:
          - image: photo.jpg
            caption: Left
            credit: Photo by Ann
          - image: photo.jpg
            caption: Right
",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(&path, Some(1), &["Photo by Ann", "Left", "Right", "Both"]);
    let pdf = Document::load(&path).unwrap();
    let ops = operations(&pdf, 1);
    let images: Vec<Vec<f32>> = all(&ops, "cm")
        .into_iter()
        .filter(|m| m[0] > 100.0)
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    let (left, right) = (&images[0], &images[1]);
    assert!(
        left[0] < right[0],
        "the credited picture shrinks: {images:?}"
    );
    // Three sizes of text: the 12 pt credit (and page number), 18 pt
    // picture captions and the 24 pt slide caption.
    let lines = text_lines(&ops);
    let credits: Vec<_> = lines
        .iter()
        .filter(|[size, x, _]| *size == 12.0 && *x < 900.0)
        .collect();
    assert_eq!(credits.len(), 1, "one credit line: {lines:?}");
    let [_, x, y] = *credits[0];
    // Inside the left picture's width, just under its lower edge.
    assert!(x > left[4] && x < left[4] + left[0], "{x} in {left:?}");
    assert!(y < left[5] && y > left[5] - 20.0, "{y} under {left:?}");
    let captions: Vec<f32> = lines
        .iter()
        .filter(|l| l[0] == 18.0)
        .map(|l| l[2])
        .collect();
    assert_eq!(captions.len(), 2, "{lines:?}");
    assert_eq!(captions[0], captions[1]);
    assert!(captions[0] < y, "the picture's caption under its credit");
}
