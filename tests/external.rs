use std::path::Path;
use std::process::Command;

use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader, RgbImage};

use crate::util::{external_tool, needs, render_page_one, with_exif_orientation, Fixture};

/// One place that lists everything the tests need and is missing here, with
/// the Debian package of each: a plain `cargo test` fails here (as well as
/// in each test that needed it). With `DECKGEN_SKIP_EXTERNAL=1` it passes
/// and says, where the developer sees it, what went unchecked.
#[test]
fn every_program_and_font_the_tests_need_is_here() {
    let missing = needs::everything_missing();
    if missing.is_empty() {
        return;
    }
    let list = missing.join("\n  ");
    if needs::skipping() {
        use std::io::Write;
        // Past libtest's capture of a passing test's output (see `needs::unavailable`).
        let _ = writeln!(
            std::io::stderr(),
            "{}=1: the checks that need these are skipped on purpose:\n  {list}",
            needs::SKIP
        );
        return;
    }
    panic!(
        "the tests need these, missing here (install them as .ci/run does; the README lists the \
         command), or set {}=1 to skip the checks that need them:\n  {list}",
        needs::SKIP
    );
}

/// Runs pdf-check on `pdf`, asserting it passes with `pages` pages.
pub fn pdf_check(pdf: &Path, pages: usize, texts: &[&str]) {
    crate::util::pdf_check(pdf, Some(pages), texts);
}

/// Builds the fixture's deck.yaml to out.pdf and runs pdf-check on it.
fn build_and_check(fixture: &Fixture, pages: usize, texts: &[&str]) {
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    pdf_check(&fixture.path().join("out.pdf"), pages, texts);
}

/// Builds the fixture's deck.yaml and renders its first page at `dpi`, or
/// `None` (with a printed reason) when pdftoppm is not available.
fn render_first_page(fixture: &Fixture, dpi: u32) -> Option<image::DynamicImage> {
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    render_page_one(&fixture.path().join("out.pdf"), dpi).map(image::DynamicImage::from)
}

#[test]
fn the_sample_deck_passes_pdf_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = Fixture::new();
    let out = fixture.path().join("talk.pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .arg(root.join("deck.yaml"))
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    pdf_check(
        &out,
        58,
        &[
            "It does whatever you train it to do",
            "Deep Learning, Honestly",
        ],
    );
}

#[test]
fn every_image_format_passes_pdf_check() {
    let fixture = Fixture::copy_of("formats");
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    pdf_check(
        &fixture.path().join("out.pdf"),
        16,
        &["Lossless WebP with alpha"],
    );
}

#[test]
fn every_aspect_passes_pdf_check() {
    let fixture = Fixture::new();
    fixture.image("wide.png", 300, 40);
    fixture.image("tall.jpg", 40, 300);
    for aspect in ["16:9", "4:3", "16:10", "a4", "letter"] {
        fixture.write(
            "deck.yaml",
            &format!(
                "
                title: A title long enough that it has to wrap onto a second line on every page size
                subtitle: With a subtitle
                author: A. Speaker
                date: 26 November 2026
                theme:
                  aspect: '{aspect}'
                  footer: A footer
                sections:
                  - title: Section
                    intro: An intro paragraph for the divider.
                    slides:
                      - caption: Wide
                        image: wide.png
                        link: https://example.org
                      - caption: Tall, covered
                        image: tall.jpg
                        fit: cover
                      - caption: Just text, set large in the middle of the slide → ✓
                "
            ),
        );
        build_and_check(&fixture, 5, &["Just text, set large"]);
    }
}

/// Poppler once rejected our cross-reference table when the Info title
/// passed 128 characters and object numbers had gaps.
#[test]
fn long_metadata_passes_pdf_check() {
    let fixture = Fixture::new();
    let long = "A long title about overfitting and regularization. ".repeat(5);
    fixture.write(
        "deck.yaml",
        &format!("title: {long}\nsubtitle: {long}\nauthor: {long}\nsections:\n  - title: {long}\n"),
    );
    build_and_check(&fixture, 2, &["A long title about overfitting"]);
}

/// The rendered title slide has dark title text and a blue accent rule where layout put them.
#[test]
fn the_title_slide_renders_as_laid_out() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: WWWWWWWW\nsections:\n  - title: Intro\n",
    );
    let Some(page) = render_first_page(&fixture, 36) else {
        return;
    };
    let page = page.to_rgb8();
    assert_eq!(page.dimensions(), (480, 270));
    let dark = page
        .pixels()
        .filter(|p| p.0.iter().all(|&c| c < 80))
        .count();
    let blue = page
        .pixels()
        .filter(|p| p.0[2] > 180 && p.0[0] < 100)
        .count();
    assert!(dark > 1000, "the title is drawn ({dark} dark pixels)");
    assert!(blue > 20, "the accent rule is drawn ({blue} blue pixels)");
    // Nothing is drawn in the corners, outside the margins.
    for (x, y) in [(2, 2), (477, 2), (2, 267), (477, 267)] {
        assert_eq!(page.get_pixel(x, y).0, [255, 255, 255]);
    }
}

/// Layout centres each line by its measured (kerned) width; if the PDF drew
/// other advances, the rendered ink would sit off centre. "AVAVAV" kerns by
/// several points per pair in Noto Sans, so a mismatch would show at once.
#[test]
fn text_is_drawn_with_the_advances_it_was_measured_with() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        title_slide: false
        theme:
          page_numbers: false
        sections:
          - title: S
            divider: false
            slides:
              - caption: AVAVAVAVAVAVAV To To Ty WAWAW
        ",
    );
    let Some(page) = render_first_page(&fixture, 72) else {
        return;
    };
    let page = page.to_luma8();
    let inked: Vec<u32> = page
        .enumerate_pixels()
        .filter(|(_, y, p)| *y > 150 && *y < 400 && p.0[0] < 128)
        .map(|(x, _, _)| x)
        .collect();
    let (left, right) = (*inked.iter().min().unwrap(), *inked.iter().max().unwrap());
    let (left_margin, right_margin) = (left as i64, (page.width() - 1 - right) as i64);
    assert!(
        right - left > 500,
        "the caption is set large ({left}..{right})"
    );
    assert!(
        (left_margin - right_margin).abs() <= 3,
        "the caption is off centre: {left_margin} px left, {right_margin} px right"
    );
}

#[test]
fn presenting_features_pass_pdf_check() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", crate::present::PRESENT_DECK);
    fixture
        .run(&[
            "deck.yaml",
            "-o",
            "out.pdf",
            "--fullscreen",
            "--notes-annotations",
        ])
        .success();
    pdf_check(
        &fixture.path().join("out.pdf"),
        crate::present::PRESENT_PAGES,
        &["Agenda", "https://example.org/talk"],
    );
}

/// The words pdftotext finds on page `page` (from 1), with their boxes in
/// points, top-left origin.
fn words_on_page(fixture: &Fixture, pdf: &str, page: usize) -> Option<Vec<(String, [f64; 4])>> {
    let pdftotext = external_tool("pdftotext")?;
    let page = page.to_string();
    let output = Command::new(pdftotext)
        .args(["-bbox", "-f", &page, "-l", &page, pdf, "-"])
        .current_dir(fixture.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let html = String::from_utf8(output.stdout).unwrap();
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let words = html
        .split("<word ")
        .skip(1)
        .map(|piece| {
            let (tag, rest) = piece.split_once('>').unwrap();
            let word = rest.split("</word>").next().unwrap().replace("&amp;", "&");
            let corners = ["xMin", "yMin", "xMax", "yMax"].map(|name| attribute(tag, name));
            (word, corners)
        })
        .collect();
    Some(words)
}

#[test]
fn a_caption_link_covers_exactly_the_words_of_its_url() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        title_slide: false
        sections:
          - title: Links
            divider: false
            slides:
              - caption: Slides at https://example.org/deck and code at https://example.org/code, both free.
                image: a.png
        ",
    );
    fixture.image("a.png", 40, 30);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let Some(words) = words_on_page(&fixture, "out.pdf", 1) else {
        return;
    };
    let pdf = lopdf::Document::load(fixture.path().join("out.pdf")).unwrap();
    let page = pdf.get_dictionary(pdf.get_pages()[&1]).unwrap();
    let height = 540.0;
    let annots = page.get(b"Annots").unwrap().as_array().unwrap();
    let mut covered = Vec::new();
    for annot in annots {
        let link = crate::pdf::dict(&pdf, annot);
        let rect: Vec<f64> = link
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| f64::from(o.as_float().unwrap()))
            .collect();
        // In pdftotext's coordinates (y down).
        let (left, top, right, bottom) = (rect[0], height - rect[3], rect[2], height - rect[1]);
        let under: Vec<&str> = words
            .iter()
            .filter(|(_, [x0, y0, x1, y1])| {
                let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                cx > left && cx < right && cy > top && cy < bottom
            })
            .map(|(word, _)| word.as_str())
            .collect();
        covered.push(under.join(" "));
    }
    // The comma after the second URL is punctuation, not part of it; pdftotext
    // reads it as part of the word, so compare without it.
    let covered: Vec<String> = covered
        .iter()
        .map(|words| words.trim_end_matches(',').to_string())
        .collect();
    assert_eq!(
        covered,
        ["https://example.org/deck", "https://example.org/code"]
    );
}

#[test]
fn handouts_and_notes_pages_pass_pdf_check() {
    let fixture = crate::paper::paper_fixture();
    for (args, sheets) in [
        (&["--handout", "1"][..], 9),
        (&["--handout", "2"], 5),
        (&["--handout", "3", "--paper", "letter"], 3),
        (&["--handout", "4"], 3),
        (&["--handout", "6"], 2),
        (&["--handout", "9", "--paper", "letter"], 1),
        (&["--notes-pages"], 9),
    ] {
        let mut all = vec!["deck.yaml", "-o", "out.pdf"];
        all.extend(args);
        fixture.run(&all).success();
        pdf_check(
            &fixture.path().join("out.pdf"),
            sheets,
            &["Marker six", "page 1 of"],
        );
    }
}

#[test]
fn three_up_handouts_rule_lines_for_notes() {
    let fixture = crate::paper::paper_fixture();
    fixture
        .run(&["deck.yaml", "--handout", "3", "-o", "out.pdf"])
        .success();
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    let status = Command::new(pdftoppm)
        .args(["-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile"])
        .args(["-gray", "out.pdf", "sheet"])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    let sheet = image::open(fixture.path().join("sheet.png"))
        .unwrap()
        .to_luma8();
    // Down a column in the right part of the sheet, beside the slides:
    // light lines on white, again and again.
    let x = sheet.width() * 85 / 100;
    let lines = (1..sheet.height())
        .filter(|&y| {
            let here = sheet.get_pixel(x, y).0[0];
            let above = sheet.get_pixel(x, y - 1).0[0];
            here < 235 && above >= 235
        })
        .count();
    assert!(lines >= 15, "{lines} lines");
}

/// Renders a slide that shows only `image` (a file in the fixture).
fn render_image_slide(fixture: &Fixture, image: &str) -> Option<RgbImage> {
    fixture.write(
        "deck.yaml",
        &format!(
            "
            title: T
            title_slide: false
            theme:
              page_numbers: false
            sections:
              - title: S
                divider: false
                slides:
                  - image: {image}
            "
        ),
    );
    render_first_page(fixture, 48).map(|page| page.to_rgb8())
}

/// The picture in `file` as a photo viewer shows it (decoded by the image
/// crate, turned upright), saved with its ICC profile as an opaque RGBA
/// PNG, which deckgen must decode: the reference for its passthrough.
fn decoded_reference(fixture: &Fixture, file: &str) -> String {
    let mut decoder = ImageReader::open(fixture.path().join(file))
        .unwrap()
        .into_decoder()
        .unwrap();
    let orientation = decoder.orientation().unwrap();
    let profile = decoder.icc_profile().unwrap();
    let mut picture = DynamicImage::from_decoder(decoder).unwrap();
    picture.apply_orientation(orientation);
    let rgba = picture.to_rgba8();
    let name = format!("{file}.reference.png");
    let out = std::fs::File::create(fixture.path().join(&name)).unwrap();
    let mut encoder = image::codecs::png::PngEncoder::new(out);
    if let Some(profile) = profile {
        encoder.set_icc_profile(profile).unwrap();
    }
    encoder
        .write_image(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    name
}

/// The mean and the largest difference of any channel between two pages.
fn difference(a: &RgbImage, b: &RgbImage) -> (f64, u8) {
    assert_eq!(a.dimensions(), b.dimensions());
    let diffs: Vec<u8> = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| x.abs_diff(*y))
        .collect();
    let mean = diffs.iter().map(|&d| f64::from(d)).sum::<f64>() / diffs.len() as f64;
    (mean, diffs.into_iter().max().unwrap_or(0))
}

/// How far the slide showing `file` as it is renders from the slide
/// showing its decoded pixels.
fn passthrough_difference(fixture: &Fixture, file: &str) -> Option<(f64, u8)> {
    let reference = decoded_reference(fixture, file);
    let passed = render_image_slide(fixture, file)?;
    let decoded = render_image_slide(fixture, &reference)?;
    Some(difference(&passed, &decoded))
}

/// PNG data embedded as it is draws the same pixels as the decoded image.
#[test]
fn passthrough_pngs_render_like_their_decoded_pixels() {
    let fixture = Fixture::copy_of("formats");
    for file in [
        "rgb16.png",
        "palette.png",
        "palette4.png",
        "gray1.png",
        "icc16.png",
    ] {
        let Some((mean, max)) = passthrough_difference(&fixture, &format!("images/{file}")) else {
            return;
        };
        // 16-bit samples, rounded to 8 bits before or after the profile's
        // transform, may land up to two steps apart.
        assert!(max <= 2, "{file}: differs by up to {max} (mean {mean:.3})");
    }
}

/// Adobe CMYK is stored inverted; read without `/Decode [1 0 ...]` it
/// would come out as a negative. Viewers convert CMYK to RGB each their
/// own way, so only the gross error is checked.
#[test]
fn adobe_cmyk_jpegs_render_as_a_positive() {
    let fixture = Fixture::copy_of("formats");
    let Some((mean, _)) = passthrough_difference(&fixture, "images/cmyk.jpg") else {
        return;
    };
    assert!(mean < 12.0, "the CMYK JPEG renders {mean:.1} levels off");
}

/// Every EXIF orientation: the JPEG keeps its bytes and the page turns it,
/// so it must render like the upright decoded picture.
#[test]
fn every_exif_orientation_renders_upright() {
    let fixture = Fixture::new();
    // Four coloured quarters, so any turn or mirror shows.
    let quarters = RgbImage::from_fn(48, 32, |x, y| match (x < 24, y < 16) {
        (true, true) => image::Rgb([220, 30, 30]),
        (false, true) => image::Rgb([30, 200, 30]),
        (true, false) => image::Rgb([30, 30, 220]),
        (false, false) => image::Rgb([240, 220, 20]),
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode_image(&quarters)
        .unwrap();
    for orientation in 1..=8 {
        let file = format!("turned-{orientation}.jpg");
        let path = fixture.write_bytes(&file, &with_exif_orientation(&jpeg, orientation));
        let read = ImageReader::open(path)
            .unwrap()
            .into_decoder()
            .unwrap()
            .orientation();
        assert_eq!(
            read.ok(),
            image::metadata::Orientation::from_exif(orientation)
        );
        let Some((mean, _)) = passthrough_difference(&fixture, &file) else {
            return;
        };
        assert!(
            mean < 2.0,
            "orientation {orientation}: {mean:.2} levels off"
        );
    }
}
