//! Reference renders: one page per layout of the gallery deck
//! (`examples/gallery/deck.yaml`), rendered by pdftoppm at low resolution and
//! compared with `tests/references/gallery-<layout>.png` within a tolerance.
//! On a difference, `target/test-diffs/gallery-<layout>.png` shows
//! expected | difference | actual. After an intended change, refresh the
//! references with `UPDATE_REFERENCES=1 cargo test --test integration references`.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::{Rgb, RgbImage};

use crate::util::{external_tool, pdf_check, Fixture};

/// The gallery's layout slides, from page 3 on.
const LAYOUTS: [&str; 8] = [
    "standard",
    "full",
    "full-band-top",
    "image-left",
    "image-right",
    "quote",
    "statement",
    "pair",
];
/// Small enough to keep each reference a few KiB, large enough to see text lines.
const DPI: &str = "12";
/// A channel this far from the reference counts as a different pixel.
const CHANNEL_TOLERANCE: u8 = 48;
/// The share of pixels that may differ: anti-aliasing, not layout.
const PIXEL_TOLERANCE: f64 = 0.01;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The share of pixels of `a` and `b` that differ by more than the tolerance,
/// and the difference as an image.
fn compare(a: &RgbImage, b: &RgbImage) -> (f64, RgbImage) {
    let mut diff = RgbImage::new(a.width(), a.height());
    let mut different = 0usize;
    for (x, y, pixel) in a.enumerate_pixels() {
        let other = b.get_pixel(x, y);
        let far = pixel
            .0
            .iter()
            .zip(other.0)
            .any(|(p, q)| p.abs_diff(q) > CHANNEL_TOLERANCE);
        different += usize::from(far);
        diff.put_pixel(
            x,
            y,
            if far {
                Rgb([255, 0, 0])
            } else {
                Rgb([255, 255, 255])
            },
        );
    }
    (different as f64 / f64::from(a.width() * a.height()), diff)
}

/// Expected, difference and actual side by side.
fn side_by_side(images: [&RgbImage; 3]) -> RgbImage {
    let (width, height) = images[0].dimensions();
    let mut out = RgbImage::from_pixel(width * 3 + 8, height, Rgb([128, 128, 128]));
    for (index, image) in images.iter().enumerate() {
        image::imageops::replace(&mut out, *image, i64::from((width + 4) * index as u32), 0);
    }
    out
}

#[test]
fn every_layout_renders_like_its_reference() {
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    let fixture = Fixture::new();
    let deck = repo("examples/gallery/deck.yaml");
    let deck = deck.to_str().unwrap();
    fixture
        .run(&[deck, "-o", "gallery.pdf", "--no-pdfpc"])
        .success();
    pdf_check(
        &fixture.path().join("gallery.pdf"),
        Some(10),
        &["4.6 million dollars"],
    );
    let status = Command::new(pdftoppm)
        .args([
            "-png",
            "-r",
            DPI,
            "-f",
            "3",
            "-l",
            "10",
            "gallery.pdf",
            "page",
        ])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    let update = std::env::var_os("UPDATE_REFERENCES").is_some();
    let mut failures = Vec::new();
    for (index, layout) in LAYOUTS.iter().enumerate() {
        // pdftoppm pads page numbers to the digits of the last page (10).
        let actual = image::open(fixture.path().join(format!("page-{:02}.png", index + 3)))
            .unwrap()
            .to_rgb8();
        let reference = repo(&format!("tests/references/gallery-{layout}.png"));
        if update {
            std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
            actual.save(&reference).unwrap();
            continue;
        }
        let expected = image::open(&reference)
            .unwrap_or_else(|_| {
                panic!(
                    "no reference {}; run with UPDATE_REFERENCES=1",
                    reference.display()
                )
            })
            .to_rgb8();
        let (share, diff) = if expected.dimensions() == actual.dimensions() {
            compare(&expected, &actual)
        } else {
            (1.0, RgbImage::new(expected.width(), expected.height()))
        };
        if share > PIXEL_TOLERANCE {
            let folder = repo("target/test-diffs");
            std::fs::create_dir_all(&folder).unwrap();
            let saved = folder.join(format!("gallery-{layout}.png"));
            if expected.dimensions() == actual.dimensions() {
                side_by_side([&expected, &diff, &actual])
                    .save(&saved)
                    .unwrap();
            } else {
                actual.save(&saved).unwrap();
            }
            failures.push(format!(
                "{layout}: {:.1} % of pixels differ (see {})",
                share * 100.0,
                saved.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{failures:#?}\nif the change is intended: UPDATE_REFERENCES=1 cargo test --test integration references"
    );
}
