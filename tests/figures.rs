//! Vector figures: SVG files and PDF pages drawn as Form XObjects, read
//! back with lopdf, their text found by pdftotext, their drawing compared
//! with independent renderers, and their bad inputs refused by name.

use std::path::Path;
use std::process::Command;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use crate::images::image_ids;
use crate::pdf::name;
use crate::util::{
    external_tool, pdf_check, pdf_check_tagged, pdftotext, render_page_one, Fixture,
};

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
    // matplotlib's 5 x 4 and 6.4 x 4 inch figures, in CSS pixels.
    assert_eq!(boxes, [[0.0, 0.0, 480.0, 384.0], [0.0, 0.0, 614.4, 384.0]]);
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
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(2),
        &["Latency by hour", "Requests per service"],
    );
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
    pdf_check(&fixture.path().join("out.pdf"), Some(2), &[]);

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
    pdf_check(&fixture.path().join("out.pdf"), Some(1), &[]);
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
    pdf_check(&fixture.path().join("0.pdf"), Some(3), &["Latency by hour"]);
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

/// A one-page PDF of `width` x `height` points whose page draws `content`
/// with `resources`; `extra` objects are added first, at ids from 1.
fn one_page_pdf(content: Stream, resources: lopdf::Dictionary, extra: Vec<Object>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    for object in extra {
        doc.add_object(object);
    }
    let content = doc.add_object(content);
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 200.into(), 100.into()],
        "Contents" => content,
        "Resources" => resources,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// An image of a PDF figure whose `/DecodeParms` is another object keeps
/// it: the parameters (JBIG2 globals, predictors) are copied with the
/// image, not left null.
#[test]
fn a_figure_images_decode_parameters_in_another_object_are_kept() {
    let parms = dictionary! { "Predictor" => 1, "Columns" => 2 };
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), Default::default());
    std::io::Write::write_all(&mut encoder, &[0, 255, 0, 255]).unwrap();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            "Filter" => "FlateDecode", "DecodeParms" => Object::Reference((1, 0)),
        },
        encoder.finish().unwrap(),
    );
    let content = Stream::new(dictionary! {}, b"q 200 0 0 100 0 0 cm /Im0 Do Q".to_vec());
    let resources = dictionary! { "XObject" => dictionary! { "Im0" => Object::Reference((2, 0)) } };
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of("      - image: parms.pdf\n"));
    let bytes = one_page_pdf(content, resources, vec![parms.into(), image.into()]);
    fixture.write_bytes("parms.pdf", &bytes);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    let images: Vec<&Stream> = pdf
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| {
            stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
        })
        .collect();
    let [image] = images[..] else {
        panic!("one image, not {}", images.len());
    };
    let parms = image.dict.get_deref(b"DecodeParms", &pdf).unwrap();
    let parms = parms.as_dict().unwrap();
    assert_eq!(parms.get(b"Columns").unwrap().as_i64().unwrap(), 2);
    pdf_check(&fixture.path().join("out.pdf"), Some(1), &[]);
}

/// `deck` (one slide showing `file`) refused with exactly `message` at
/// line 7, column 16, and no PDF written.
fn refused_figure(file: &str, bytes: &[u8], message: &str) {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of(&format!("      - image: {file}\n")));
    fixture.write_bytes(file, bytes);
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    let underline = "^".repeat(file.len());
    run.fails_with(&format!(
        "error: deck.yaml:7:16: {message}\n  |\n7 |       - image: {file}\n  |                {underline}\n  |\n  = note: in section 1 `S`, slide 1\n\ndeckgen: 1 error; no PDF written\n"
    ));
    assert!(!fixture.path().join("out.pdf").exists());
}

const SVG_START: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">"#;

#[test]
fn malformed_and_hostile_svgs_are_refused_by_name() {
    refused_figure(
        "bad.svg",
        format!("{SVG_START}<g></svg>").as_bytes(),
        "cannot read SVG figure `bad.svg` (expected 'g' tag, not 'svg' at 1:68)",
    );
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"lollollol\">\n");
    for level in 1..10 {
        let previous = format!("&{};", (b'a' + level - 1) as char);
        bomb.push_str(&format!(
            "<!ENTITY {} \"{}\">\n",
            (b'a' + level) as char,
            previous.repeat(10)
        ));
    }
    bomb.push_str(&format!("]>\n{SVG_START}<text>&j;</text></svg>"));
    refused_figure(
        "bomb.svg",
        bomb.as_bytes(),
        "cannot read SVG figure `bomb.svg` (a possible entity reference loop is detected at 4:25)",
    );
    refused_figure(
        "zero.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="10" viewBox="0 0 0 0"/>"#,
        "cannot read SVG figure `zero.svg` (its width, height or view box is zero or negative)",
    );
    refused_figure(
        "huge.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>"#,
        "figure `huge.svg` is 100000 x 100000 CSS pixels (a figure must be larger than 0 and at most 14400 CSS pixels on each side)",
    );
    let deep = format!(
        "{SVG_START}{}{}</svg>",
        "<g>".repeat(300),
        "</g>".repeat(300)
    );
    refused_figure(
        "deep.svg",
        deep.as_bytes(),
        "cannot read SVG figure `deep.svg` (elements are nested more than 256 deep at 1:830)",
    );
}

#[test]
fn broken_and_hostile_pdfs_are_refused_by_name() {
    let chart = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figures/chart.pdf"),
    )
    .unwrap();
    refused_figure(
        "cut.pdf",
        &chart[..chart.len() / 2],
        "cannot read PDF figure `cut.pdf` (failed parsing cross reference table: invalid start value)",
    );
    let encrypted = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figures/encrypted.pdf"),
    )
    .unwrap();
    refused_figure(
        "locked.pdf",
        &encrypted,
        "PDF figure `locked.pdf` is encrypted (deckgen reads unencrypted files only; `qpdf --decrypt in.pdf out.pdf` removes the encryption of a file without a password)",
    );
    // 300 MiB of zeros in a few hundred kilobytes.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..300 {
        std::io::Write::write_all(&mut encoder, &zeros).unwrap();
    }
    let bomb = Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        encoder.finish().unwrap(),
    );
    refused_figure(
        "bomb.pdf",
        &one_page_pdf(bomb, lopdf::Dictionary::new(), Vec::new()),
        "cannot read page 1 of PDF figure `bomb.pdf` (a compressed stream inflates to more than 256 MiB)",
    );
    refused_figure(
        "notapdf.pdf",
        b"%PDF-1.7\nnothing else",
        "cannot read PDF figure `notapdf.pdf` (failed parsing cross reference table: invalid start value)",
    );
}

#[test]
fn reference_loops_in_a_figure_are_followed_once() {
    // Object 1 names itself; the page's resources reach it.
    let looped = Object::Dictionary(dictionary! { "Next" => Object::Reference((1, 0)) });
    let resources = dictionary! {
        "Properties" => dictionary! { "P0" => Object::Reference((1, 0)) },
    };
    let content = Stream::new(
        lopdf::Dictionary::new(),
        b"/OC /P0 BDC 0 0 1 rg 10 10 50 50 re f EMC".to_vec(),
    );
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of("      - image: loop.pdf\n"));
    fixture.write_bytes("loop.pdf", &one_page_pdf(content, resources, vec![looped]));
    let pdf = build(&fixture, &[]);
    let forms = figure_forms(&pdf);
    assert_eq!(forms.len(), 1);
    assert_eq!(
        bbox(pdf.get_object(forms[0]).unwrap().as_stream().unwrap()),
        [0.0, 0.0, 200.0, 100.0]
    );
}

/// Where the first page draws its first XObject, in points from the
/// page's top left: x, y, width, height.
fn placed(pdf: &Document) -> [f64; 4] {
    let page = *pdf.get_pages().values().next().unwrap();
    let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
    let number = |o: &Object| {
        o.as_float()
            .map(f64::from)
            .unwrap_or_else(|_| o.as_i64().unwrap() as f64)
    };
    let mut matrix = [0.0; 6];
    for op in &content.operations {
        match op.operator.as_str() {
            "cm" => {
                for (value, operand) in matrix.iter_mut().zip(&op.operands) {
                    *value = number(operand);
                }
            }
            "Do" => break,
            _ => {}
        }
    }
    // The page's height, inherited from the page tree.
    let mut node = pdf.get_dictionary(page).unwrap();
    let media = loop {
        if let Ok(media) = node.get(b"MediaBox") {
            break media
                .as_array()
                .unwrap()
                .iter()
                .map(number)
                .collect::<Vec<_>>();
        }
        node = node.get_deref(b"Parent", pdf).unwrap().as_dict().unwrap();
    };
    let height = media[3];
    let [width, _, _, tall, x, y] = matrix;
    [x, height - y - tall, width, tall]
}

/// The figure as our slide shows it, cut out and scaled to `width` x `height`.
fn figure_on_slide(fixture: &Fixture, width: u32, height: u32) -> Option<image::RgbImage> {
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    let [x, y, w, h] = placed(&pdf);
    let page = render_page_one(&fixture.path().join("out.pdf"), 216)?;
    let px = |points: f64| (points * 3.0).round() as u32;
    let cut = image::imageops::crop_imm(&page, px(x), px(y), px(w), px(h)).to_image();
    Some(image::imageops::resize(
        &cut,
        width,
        height,
        image::imageops::FilterType::Triangle,
    ))
}

/// The mean difference of two pictures' channels, from 0 to 255.
fn mean_difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

#[test]
fn a_pdf_figure_draws_as_pdftoppm_draws_its_page() {
    let fixture = figures(&deck_of("      - image: chart.pdf\n"));
    build(&fixture, &[]);
    let Some(source) = render_page_one(&fixture.path().join("chart.pdf"), 72) else {
        return;
    };
    let ours = figure_on_slide(&fixture, source.width(), source.height()).unwrap();
    let difference = mean_difference(&ours, &source);
    assert!(difference < 6.0, "mean difference {difference:.2}");
}

#[test]
fn an_svg_figure_draws_as_rsvg_convert_draws_it() {
    // Shapes, a gradient and transparency; no text, whose fonts would differ.
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">
      <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#1f77b4"/><stop offset="1" stop-color="#ff7f0e"/></linearGradient></defs>
      <rect width="320" height="200" fill="#ffffff"/>
      <rect x="20" y="20" width="180" height="100" fill="url(#g)"/>
      <circle cx="220" cy="120" r="60" fill="#2ca02c" fill-opacity="0.6"/>
      <path d="M 10 190 L 100 140 L 160 170 L 310 30" stroke="#d62728" stroke-width="6" fill="none"/>
    </svg>"##;
    let fixture = figures(&deck_of("      - image: shapes.svg\n"));
    fixture.write("shapes.svg", svg);
    build(&fixture, &[]);
    let Some(rsvg) = external_tool("rsvg-convert") else {
        return;
    };
    let reference = fixture.path().join("reference.png");
    let status = Command::new(rsvg)
        .args(["-w", "320", "-h", "200", "-b", "white", "-o"])
        .arg(&reference)
        .arg(fixture.path().join("shapes.svg"))
        .status()
        .unwrap();
    assert!(status.success());
    let reference = image::open(reference).unwrap().into_rgb8();
    let Some(ours) = figure_on_slide(&fixture, 320, 200) else {
        return;
    };
    // Compared at half size, so a half-pixel shift of an edge counts little.
    let half = |picture: &image::RgbImage| {
        image::imageops::resize(picture, 160, 100, image::imageops::FilterType::Triangle)
    };
    let difference = mean_difference(&half(&ours), &half(&reference));
    assert!(difference < 3.0, "mean difference {difference:.2}");
}

#[test]
fn grayscale_turns_a_figures_colours_and_images_gray() {
    let fixture = figures(&deck_of(
        "      - image: chart.svg\n      - image: pages.pdf\n        page: 2\n",
    ));
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf", "--grayscale"]);
    // The size is not the point here (tags and metadata move it).
    assert!(run.success().starts_with("wrote out.pdf (2 pages, "));
    let Some(page) = render_page_one(&fixture.path().join("out.pdf"), 36) else {
        return;
    };
    assert!(
        page.pixels().all(|p| p[0] == p[1] && p[1] == p[2]),
        "a colour is left"
    );
}

#[test]
fn the_example_deck_of_figures_builds_on_slides_and_handouts() {
    let fixture = Fixture::new();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/figures");
    for entry in std::fs::read_dir(&examples).unwrap().flatten() {
        std::fs::copy(entry.path(), fixture.path().join(entry.file_name())).unwrap();
    }
    // Every figure has its `alt`, so the deck can claim PDF/UA-1: the forms
    // sit inside their Figure elements' marked content.
    let slides = build(&fixture, &["--pdf-standard", "ua-1"]);
    pdf_check_tagged(&fixture.path().join("out.pdf"));
    fixture
        .run(&[
            "deck.yaml",
            "-o",
            "handout.pdf",
            "--handout",
            "6",
            "--pdf-standard",
            "ua-1",
        ])
        .success();
    pdf_check_tagged(&fixture.path().join("handout.pdf"));
    let handout = Document::load(fixture.path().join("handout.pdf")).unwrap();
    // Seven figures (two pages of one PDF) and the logo, each one form
    // on slides and on paper.
    assert_eq!(figure_forms(&slides).len(), 8);
    assert_eq!(figure_forms(&handout).len(), 8);
    // The two heat maps' pixels and the diagram's three drop shadows,
    // which svg2pdf draws as images.
    let images = image_ids(&slides).len();
    assert_eq!(images, image_ids(&handout).len());
    assert_eq!(images, 5);
}

#[test]
fn a_page_of_a_tagged_pdf_loses_its_marked_content_ids_as_a_figure() {
    // A deckgen PDF is tagged: its pages' content gives MCIDs that name
    // elements of its own structure tree, which the figure does not bring.
    let fixture = figures(&format!(
        "language: en\n{}",
        deck_of("      - caption: A tagged page\n        image: pic.png\n        alt: A picture\n")
    ));
    fixture.image("pic.png", 64, 48);
    fixture.run(&["deck.yaml", "-o", "tagged.pdf"]).success();
    let source = Document::load(fixture.path().join("tagged.pdf")).unwrap();
    let page = *source.get_pages().get(&1).unwrap();
    let content = source.get_page_content(page);
    assert!(content.windows(4).any(|w| w == b"MCID"));
    fixture.write(
        "deck.yaml",
        &format!(
            "language: en\n{}",
            deck_of(
                "      - caption: Another deck's slide\n        image: tagged.pdf\n        alt: A slide of another deck\n"
            )
        ),
    );
    let pdf = build(&fixture, &["--pdf-standard", "ua-1"]);
    let forms = figure_forms(&pdf);
    assert_eq!(forms.len(), 1);
    let form = pdf.get_object(forms[0]).unwrap().as_stream().unwrap();
    let content = form.decompressed_content().unwrap();
    assert!(!content.windows(4).any(|w| w == b"MCID"), "an MCID is left");
    // Its marks stay balanced, each now without properties.
    let text = String::from_utf8_lossy(&content);
    assert_eq!(text.matches("BMC").count(), text.matches("EMC").count());
    crate::util::pdf_check_tagged(&fixture.path().join("out.pdf"));
}

#[test]
fn an_svg_that_shows_a_fifo_is_refused_rather_than_waited_on() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of("      - image: pipe.svg\n"));
    fixture.write(
        "pipe.svg",
        &format!(r#"{SVG_START}<image href="fifo.png" width="10" height="10"/></svg>"#),
    );
    let status = Command::new("mkfifo")
        .arg(fixture.path().join("fifo.png"))
        .status()
        .unwrap();
    assert!(status.success());
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    run.fails_with(
        "error: deck.yaml:7:16: cannot read SVG figure `pipe.svg` (the image `fifo.png` it shows is not a regular file)\n  |\n7 |       - image: pipe.svg\n  |                ^^^^^^^^\n  |\n  = note: in section 1 `S`, slide 1\n\ndeckgen: 1 error; no PDF written\n",
    );
    assert!(!fixture.path().join("out.pdf").exists());
}

/// The glyph names of every Type 3 font in `pdf`, each font's sorted.
fn type3_glyph_names(pdf: &Document) -> Vec<Vec<String>> {
    let mut fonts: Vec<Vec<String>> = pdf
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Subtype").is_ok_and(|s| name(s) == "Type3"))
        .map(|font| {
            let procs = font
                .get_deref(b"CharProcs", pdf)
                .unwrap()
                .as_dict()
                .unwrap();
            let mut names: Vec<String> = procs
                .iter()
                .map(|(key, _)| String::from_utf8_lossy(key).into_owned())
                .collect();
            names.sort();
            names
        })
        .collect();
    fonts.sort();
    fonts
}

#[test]
fn a_type3_font_keeps_every_glyph_it_draws() {
    // matplotlib's default PDF fonts are Type 3: each glyph a procedure
    // named after it, so `/A` and `/P` are glyphs, not a link's keys.
    let fixture = figures(&deck_of("      - image: type3.pdf\n"));
    let pdf = build(&fixture, &[]);
    let source = Document::load(fixture.path().join("type3.pdf")).unwrap();
    let glyphs = type3_glyph_names(&source);
    assert!(glyphs[0].contains(&"A".to_string()) && glyphs[0].contains(&"P".to_string()));
    assert_eq!(type3_glyph_names(&pdf), glyphs);
    let out = fixture.path().join("out.pdf");
    if let Some(text) = pdftotext(&out) {
        assert!(text.contains("Pressure (Pa)"), "{text}");
        assert!(text.contains("Air At Altitude"), "{text}");
    }
    // poppler refuses a glyph whose procedure is missing.
    pdf_check(&out, Some(1), &["Pressure (Pa)", "Altitude (km)"]);
}

/// resvg's `text/text/glyph-splitting.svg`, on which usvg 0.45's text
/// layout panicked (or, with more text after it, lost letters): a tspan
/// ending in a space, then one in Devanagari. usvg 0.49 sets it whole.
const GLYPH_SPLITTING: &str = r#"<svg viewBox="0 0 200 200" xmlns="http://www.w3.org/2000/svg">
    <text x="32" y="100" font-family="Noto Sans" font-size="32">
        <tspan>H </tspan><tspan>नमस्ते</tspan>
    </text>
</svg>
"#;

#[test]
fn text_usvg_panics_on_is_drawn_and_the_build_succeeds() {
    let fixture = Fixture::new();
    fixture.write_bytes("split.svg", GLYPH_SPLITTING.as_bytes());
    fixture.write("deck.yaml", &deck_of("      - image: split.svg\n"));
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let boxes = "warning: deck.yaml:7:16: SVG figure `split.svg`: its Devanagari text is drawn as boxes: no font of the deck has `न` (U+0928), `म` (U+092E), `स` (U+0938), `्` (U+094D), `त` (U+0924) and 1 more; set `theme.font` to a font that has them\n  |\n7 |       - image: split.svg\n  |                ^^^^^^^^^\n  |\n  = note: in section 1 `S`, slide 1\n";
    // The tspans keep their own styles: no tspans warning.
    assert!(
        stderr.starts_with(&format!("{boxes}\nwrote out.pdf (1 page, ")),
        "{stderr}"
    );
    pdf_check(&fixture.path().join("out.pdf"), Some(1), &["H"]);
    let check = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert!(!check.stderr().contains("tspan"), "{}", check.stderr());

    // With a font that has Devanagari, every letter is drawn and extracted.
    let devanagari = Path::new("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf");
    if !devanagari.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "fonts-noto-core is needed"
        );
        return;
    }
    fixture.write(
        "deck.yaml",
        &deck_of("      - image: split.svg\n").replace(
            "sections:",
            &format!("theme:\n  font: {}\nsections:", devanagari.display()),
        ),
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(stderr.starts_with("wrote out.pdf"), "{stderr}");
    let out = fixture.path().join("out.pdf");
    if let Some(text) = pdftotext(&out) {
        let letters: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(letters.contains("Hनमस्ते"), "{text}");
    }
    pdf_check(&out, Some(1), &["H"]);
}

#[test]
fn what_an_svg_loses_is_a_warning_that_names_the_figure() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of("      - image: losses.svg\n"));
    fixture.write("notes.txt", "not a picture");
    fixture.write(
        "losses.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="200" viewBox="0 0 300 200">
          <defs>
            <linearGradient id="stripes" x1="0" x2="0.2" spreadMethod="repeat">
              <stop offset="0" stop-color="#1f77b4"/><stop offset="1" stop-color="#ff7f0e"/>
            </linearGradient>
            <radialGradient id="rings" r="0.1" spreadMethod="reflect">
              <stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/>
            </radialGradient>
          </defs>
          <rect width="300" height="60" fill="url(#stripes)"/>
          <rect y="150" width="40" height="40" fill="url(#rings)"/>
          <foreignObject x="10" y="70" width="120" height="30"><div xmlns="http://www.w3.org/1999/xhtml"><span>Start here</span></div></foreignObject>
          <foreignObject x="150" y="70" width="120" height="30"><div xmlns="http://www.w3.org/1999/xhtml"><b>Done</b></div></foreignObject>
          <switch>
            <foreignObject requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">Drawn below</p></foreignObject>
            <text x="10" y="140">Drawn below</text>
          </switch>
          <image x="10" y="110" width="40" height="40" xlink:href="gone.png"/>
          <image x="60" y="110" width="40" height="40" href="http://example.org/logo.png"/>
          <image x="110" y="110" width="40" height="40" href="notes.txt"/>
          <text x="150" y="180" font-size="20">Indien: भारत</text>
        </svg>"##,
    );
    let at = "\n  |\n7 |       - image: losses.svg\n  |                ^^^^^^^^^^\n  |\n  = note: in section 1 `S`, slide 1\n";
    let warnings = [
        "the image `gone.png` it links to is missing, so it is left out",
        "the image `http://example.org/logo.png` it links to is left out: deckgen reads nothing from the network (save the image beside the SVG and link to the file)",
        "the image `notes.txt` it links to is not a PNG, JPEG, GIF, WebP or SVG file deckgen can read, so it is left out",
        "its Devanagari text is drawn as boxes: no font of the deck has `भ` (U+092D), `ा` (U+093E), `र` (U+0930) and `त` (U+0924); set `theme.font` to a font that has them",
        "2 `<foreignObject>` elements (HTML inside SVG) are not drawn, nor their text \"Start here\" and \"Done\"; export the figure with plain SVG text (Mermaid: `htmlLabels: false`) or as PDF",
        "its gradients `stripes` (`spreadMethod=\"repeat\"`) and `rings` (`spreadMethod=\"reflect\"`) are drawn as `pad` (the end colours fill the rest of the shape): svg2pdf does not repeat or reflect gradients",
    ];
    let expected: String = warnings
        .iter()
        .map(|warning| format!("warning: deck.yaml:7:16: SVG figure `losses.svg`: {warning}{at}\n"))
        .collect();
    for args in [&["deck.yaml", "-o", "out.pdf"][..], &["check", "deck.yaml"]] {
        let run = fixture.run(args);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        // `check` puts its notes (the missing `alt`) first.
        assert!(run.stderr().contains(&expected), "{}", run.stderr());
    }
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(1),
        &["Drawn below", "Indien:"],
    );
}

/// The colour of `figure` drawn on a slide, at (`x`, `y`) of its 200 x 200.
fn colour_at(fixture: &Fixture, figure: &str, x: u32, y: u32) -> Option<[u8; 3]> {
    fixture.write("deck.yaml", &deck_of(&format!("      - image: {figure}\n")));
    build(fixture, &[]);
    let drawn = figure_on_slide(fixture, 200, 200)?;
    Some(drawn.get_pixel(x, y).0)
}

#[test]
fn a_nested_svg_with_a_transform_is_drawn_where_it_moves_to() {
    // usvg 0.45 left such an `<svg>` out altogether.
    let fixture = Fixture::new();
    fixture.write(
        "nested.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">
          <rect width="200" height="200" fill="#ffffff"/>
          <svg width="100" height="100" transform="translate(100 100)">
            <rect width="100" height="100" fill="#0000ff"/>
          </svg>
        </svg>"##,
    );
    let Some(moved) = colour_at(&fixture, "nested.svg", 150, 150) else {
        return;
    };
    assert_eq!(moved, [0, 0, 255]);
    assert_eq!(
        colour_at(&fixture, "nested.svg", 50, 50),
        Some([255, 255, 255])
    );
}

#[test]
fn href_wins_over_xlink_href() {
    // SVG 2: an element with both follows `href`; usvg 0.45 followed
    // `xlink:href`.
    let fixture = Fixture::new();
    fixture.write(
        "both.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200" viewBox="0 0 200 200">
          <defs>
            <rect id="blue" width="200" height="200" fill="#0000ff"/>
            <rect id="green" width="200" height="200" fill="#00ff00"/>
          </defs>
          <use xlink:href="#blue" href="#green"/>
        </svg>"##,
    );
    assert!(colour_at(&fixture, "both.svg", 100, 100).is_none_or(|c| c == [0, 255, 0]));
}

/// The `/BaseFont` of every font the figures of `pdf` use, subset tags cut.
fn figure_fonts(pdf: &Document) -> Vec<String> {
    let mut found = Vec::new();
    for form in figure_forms(pdf) {
        let stream = pdf.get_object(form).unwrap().as_stream().unwrap();
        let resources = stream
            .dict
            .get_deref(b"Resources", pdf)
            .unwrap()
            .as_dict()
            .unwrap();
        let Ok(fonts) = resources.get_deref(b"Font", pdf).and_then(Object::as_dict) else {
            continue;
        };
        for (_, font) in fonts.iter() {
            let font = pdf.dereference(font).unwrap().1.as_dict().unwrap();
            let base = name(font.get(b"BaseFont").unwrap());
            found.push(
                base.split_once('+')
                    .map_or(base.clone(), |(_, n)| n.to_string()),
            );
        }
    }
    found.sort();
    found
}

#[test]
fn svg_text_in_italic_is_set_in_the_decks_italic_faces() {
    let fixture = Fixture::new();
    fixture.write(
        "slanted.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
          <text x="10" y="30" font-family="Helvetica, sans-serif" font-size="24">Upright</text>
          <text x="10" y="70" font-family="Helvetica, sans-serif" font-size="24" font-style="italic">Slanted</text>
          <text x="10" y="110" font-family="Helvetica" font-size="24" font-style="italic" font-weight="bold">Bold slanted</text>
        </svg>"##,
    );
    fixture.write("deck.yaml", &deck_of("      - image: slanted.svg\n"));
    let pdf = build(&fixture, &[]);
    assert_eq!(
        figure_fonts(&pdf),
        ["NotoSans-BoldItalic", "NotoSans-Italic", "NotoSans-Regular"]
    );
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(1),
        &["Upright", "Slanted", "Bold slanted"],
    );
}
