//! Vector figures: SVG files and PDF pages drawn as Form XObjects, read
//! back with lopdf, their text found by pdftotext, their drawing compared
//! with independent renderers, and their bad inputs refused by name.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object, ObjectId, Stream};

use crate::images::image_ids;
use crate::pdf::name;
use crate::util::{external_tool, pdf_check, Fixture};

/// The figures fixture with `deck` as its deck.
fn figures(deck: &str) -> Fixture {
    let fixture = Fixture::copy_of("figures");
    fixture.write("deck.yaml", deck);
    fixture
}

fn deck_of(slides: &str) -> String {
    format!("title: Figures\ntitle_slide: false\nsections:\n  - title: S\n    divider: false\n    slides:\n{slides}")
}

/// The forms the pages name in their XObject resources: one per figure.
fn figure_forms(pdf: &Document) -> Vec<ObjectId> {
    let mut found = Vec::new();
    for page in pdf.get_pages().values() {
        let (own, inherited) = pdf.get_page_resources(*page).unwrap();
        let inherited = inherited
            .into_iter()
            .filter_map(|id| pdf.get_dictionary(id).ok());
        let xobjects = own.into_iter().chain(inherited).filter_map(|resources| {
            resources
                .get_deref(b"XObject", pdf)
                .and_then(Object::as_dict)
                .ok()
        });
        for (_, value) in xobjects.flat_map(|dict| dict.iter()) {
            let id = value.as_reference().unwrap();
            let stream = pdf.get_object(id).unwrap().as_stream().unwrap();
            if name(stream.dict.get(b"Subtype").unwrap()) == "Form" && !found.contains(&id) {
                found.push(id);
            }
        }
    }
    found
}

fn numbers(stream: &Stream, key: &[u8]) -> Vec<f64> {
    stream
        .dict
        .get(key)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            n.as_float()
                .map(f64::from)
                .unwrap_or_else(|_| n.as_i64().unwrap() as f64)
        })
        .collect()
}

/// `stream`'s bounding box, in hundredths (it is written as 32-bit reals).
fn bbox(stream: &Stream) -> Vec<f64> {
    numbers(stream, b"BBox")
        .into_iter()
        .map(|n| (n * 100.0).round() / 100.0)
        .collect()
}

fn build(fixture: &Fixture, args: &[&str]) -> Document {
    let mut all = vec!["deck.yaml", "-o", "out.pdf"];
    all.extend(args);
    fixture.run(&all).success();
    Document::load(fixture.path().join("out.pdf")).unwrap()
}

fn pdftotext(pdf: &Path) -> Option<String> {
    let tool = external_tool("pdftotext")?;
    let out = Command::new(tool).arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_pdf_page_becomes_one_form_shared_by_every_slide_and_handout_sheet() {
    let fixture = figures(&deck_of(
        "      - image: chart.pdf\n      - caption: again\n        image: chart.pdf\n",
    ));
    let pdf = build(&fixture, &[]);
    let forms = figure_forms(&pdf);
    assert_eq!(forms.len(), 1, "one form for the figure on both slides");
    let form = pdf.get_object(forms[0]).unwrap().as_stream().unwrap();
    // matplotlib's 6.4 x 4 inch figure.
    assert_eq!(bbox(form), [0.0, 0.0, 460.8, 288.0]);
    let matrix = numbers(form, b"Matrix");
    assert!((matrix[0] - 1.0 / 460.8).abs() < 1e-6 && (matrix[3] - 1.0 / 288.0).abs() < 1e-6);
    let resources = form.dict.get(b"Resources").unwrap().as_dict().unwrap();
    assert!(
        resources.get(b"Font").is_ok(),
        "the figure's fonts come along"
    );
    assert!(
        image_ids(&pdf).is_empty(),
        "a chart of paths and text adds no image"
    );
    if let Some(text) = pdftotext(&fixture.path().join("out.pdf")) {
        assert!(text.contains("Latency by hour"), "{text}");
        assert!(text.contains("milliseconds"), "{text}");
    }
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(2),
        &["Latency by hour"],
    );

    let handout = {
        fixture
            .run(&["deck.yaml", "-o", "handout.pdf", "--handout", "6"])
            .success();
        Document::load(fixture.path().join("handout.pdf")).unwrap()
    };
    assert_eq!(
        figure_forms(&handout).len(),
        1,
        "the handout draws the same form"
    );
    assert!(image_ids(&handout).is_empty());
}

#[test]
fn an_svg_becomes_a_form_whose_text_stays_text() {
    let fixture = figures(&deck_of(
        "      - image: chart.svg\n      - image: bars.svg\n",
    ));
    let pdf = build(&fixture, &[]);
    assert_eq!(figure_forms(&pdf).len(), 2);
    assert!(image_ids(&pdf).is_empty(), "paths and text only: no image");
    let mut boxes: Vec<Vec<f64>> = figure_forms(&pdf)
        .into_iter()
        .map(|id| bbox(pdf.get_object(id).unwrap().as_stream().unwrap()))
        .collect();
    boxes.sort_by(|a, b| a[2].total_cmp(&b[2]));
    // matplotlib's 5 x 4 and 6.4 x 4 inch figures, CSS pixels read as 3/4 point.
    assert_eq!(boxes, [[0.0, 0.0, 360.0, 288.0], [0.0, 0.0, 460.8, 288.0]]);
    if let Some(text) = pdftotext(&fixture.path().join("out.pdf")) {
        assert!(text.contains("Latency by hour"), "{text}");
        assert!(text.contains("Requests per service"), "{text}");
    }
    // The SVG names DejaVu Sans, which the deck does not have: its text is
    // set with the deck's font, never an installed one.
    let fonts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().map(name).as_deref() == Some("FontDescriptor"))
        .map(|d| name(d.get(b"FontName").unwrap()))
        .collect();
    assert!(!fonts.is_empty());
    assert!(fonts.iter().all(|f| f.contains("NotoSans")), "{fonts:?}");
}

#[test]
fn page_picks_a_page_and_a_missing_page_is_an_error_at_its_line() {
    let fixture = figures(&deck_of(
        "      - image: pages.pdf\n        page: 2\n      - layout: pair\n        images:\n          - pages.pdf\n          - image: pages.pdf\n            page: 2\n",
    ));
    let pdf = build(&fixture, &[]);
    // Page 1 (bars) and page 2 (a heat map, an image inside).
    assert_eq!(figure_forms(&pdf).len(), 2);
    assert_eq!(image_ids(&pdf).len(), 1, "the heat map's pixels, once");

    let fixture = figures(&deck_of("      - image: pages.pdf\n        page: 3\n"));
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: deck.yaml:8:15: PDF figure `pages.pdf` has no page 3 (it has 2 pages)
          |
        8 |         page: 3
          |               ^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
    let fixture = figures(&deck_of("      - image: bars.svg\n        page: 2\n"));
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: deck.yaml:8:15: `page` is for PDF figures, and `bars.svg` is not a PDF file
          |
        8 |         page: 2
          |               ^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
    let fixture = figures(&deck_of("      - image: pages.pdf\n        page: 0\n"));
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: deck.yaml:8:15: `page` counts from 1 (got 0)
          |
        8 |         page: 0
          |               ^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
    let fixture = figures(&deck_of("      - caption: c\n        page: 2\n"));
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: deck.yaml:8:15: `page` needs an `image` on the slide
          |
        8 |         page: 2
          |               ^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn a_rotated_page_is_shown_upright() {
    let fixture = figures(&deck_of("      - image: rotated.pdf\n"));
    let pdf = build(&fixture, &[]);
    let form = pdf
        .get_object(figure_forms(&pdf)[0])
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(bbox(form), [0.0, 0.0, 460.8, 288.0]);
    // A quarter turn clockwise: the page's x runs down the upright
    // figure (460.8 points tall), its y across (288 wide), from the top left.
    let m = numbers(form, b"Matrix");
    assert!(m[0].abs() < 1e-9 && m[3].abs() < 1e-9, "{m:?}");
    assert!(
        (m[1] + 1.0 / 460.8).abs() < 1e-6
            && (m[2] - 1.0 / 288.0).abs() < 1e-6
            && (m[5] - 1.0).abs() < 1e-6,
        "{m:?}"
    );
}

#[test]
fn builds_with_figures_are_byte_identical() {
    let fixture = figures(&deck_of(
        "      - image: chart.svg\n      - image: chart.pdf\n      - image: heatmap.svg\n",
    ));
    let run = |out: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["deck.yaml", "-o", out])
            .env("SOURCE_DATE_EPOCH", "1795000000")
            .current_dir(fixture.path())
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(fixture.path().join(out)).unwrap()
    };
    // svg2pdf's own order of fonts varies from run to run: enough runs
    // that a dependence on it shows.
    let first = run("0.pdf");
    for index in 1..4 {
        assert!(
            run(&format!("{index}.pdf")) == first,
            "build {index} differs"
        );
    }
}

#[test]
fn check_lists_figures_as_vector_with_the_images_inside_them() {
    let fixture = figures(&deck_of(
        "      - image: chart.pdf\n      - image: heatmap.svg\n",
    ));
    let run = fixture.run(&["check", "deck.yaml"]);
    run.success();
    let table = String::from_utf8_lossy(&run.output.stdout).into_owned();
    let lines: Vec<&str> = table.lines().map(str::trim_end).collect();
    assert_eq!(
        lines[1..],
        [
            "image           pages  pixels   format  slide ppi  6-up ppi",
            "chart.pdf       1      vector   PDF",
            "heatmap.svg     2      vector   SVG",
            "  image inside         308x308                 56       220  at least (if it spans the figure)",
        ],
        "{table}"
    );
}
