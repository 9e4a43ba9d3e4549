use std::path::Path;
use std::process::Command;

use crate::util::{external_tool, Fixture};

/// Runs pdf-check on `pdf`, asserting it passes with `pages` pages.
fn pdf_check(pdf: &Path, pages: usize, texts: &[&str]) {
    let Some(tool) = external_tool("pdf-check") else {
        return;
    };
    let mut command = Command::new(tool);
    command
        .arg(pdf)
        .args(["--expect-pages", &pages.to_string(), "--quiet"]);
    for text in texts {
        command.args(["--expect-text", text]);
    }
    let output = command.output().expect("run pdf-check");
    assert!(
        output.status.success(),
        "pdf-check failed on {}:\n{}{}",
        pdf.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Builds the fixture's deck.yaml to out.pdf and runs pdf-check on it.
fn build_and_check(fixture: &Fixture, pages: usize, texts: &[&str]) {
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    pdf_check(&fixture.path().join("out.pdf"), pages, texts);
}

/// Builds the fixture's deck.yaml and renders its first page at `dpi`, or
/// `None` (with a printed reason) when pdftoppm is not available.
fn render_first_page(fixture: &Fixture, dpi: u32) -> Option<image::DynamicImage> {
    let pdftoppm = external_tool("pdftoppm")?;
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let status = Command::new(pdftoppm)
        .args([
            "-png",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "out.pdf",
            "page",
        ])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    Some(image::open(fixture.path().join("page.png")).unwrap())
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
        56,
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
        12,
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
