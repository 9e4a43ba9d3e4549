//! Reference renders: one page per layout of the gallery deck
//! (`examples/gallery/deck.yaml`), rendered by pdftoppm at low resolution and
//! compared with `tests/references/gallery-<layout>.png` within a tolerance.
//! On a difference, `target/test-diffs/gallery-<layout>.png` shows
//! expected | difference | actual. After an intended change, refresh the
//! references with `UPDATE_REFERENCES=1 cargo test --test integration references`.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{GrayImage, Luma};

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
/// 30 dpi: a 16:9 page is 400 x 225 pixels, a caption's letters a few
/// pixels tall, and a point or two of movement shows. Gray, so a page with
/// a photo stays near 20 KiB.
const DPI: &str = "30";
/// A gray level this far from the reference counts as a different pixel
/// (anti-aliasing of one renderer version is the same every time).
const CHANNEL_TOLERANCE: u8 = 48;
/// The share of pixels that may differ: 0.05 %, 45 pixels of a page. One
/// word more in a caption changes about 0.07 %, a caption moved by 2 pt
/// about 1.5 % (see `the_tolerance_catches_a_moved_caption_or_a_new_word`).
const PIXEL_TOLERANCE: f64 = 0.0005;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The share of pixels of `a` and `b` that differ by more than the tolerance,
/// and the difference as an image.
fn compare(a: &GrayImage, b: &GrayImage) -> (f64, GrayImage) {
    let mut diff = GrayImage::new(a.width(), a.height());
    let mut different = 0usize;
    for (x, y, pixel) in a.enumerate_pixels() {
        let far = pixel.0[0].abs_diff(b.get_pixel(x, y).0[0]) > CHANNEL_TOLERANCE;
        different += usize::from(far);
        diff.put_pixel(x, y, Luma([if far { 0 } else { 255 }]));
    }
    (different as f64 / f64::from(a.width() * a.height()), diff)
}

/// Expected, difference and actual side by side.
fn side_by_side(images: [&GrayImage; 3]) -> GrayImage {
    let (width, height) = images[0].dimensions();
    let mut out = GrayImage::from_pixel(width * 3 + 8, height, Luma([128]));
    for (index, image) in images.iter().enumerate() {
        image::imageops::replace(&mut out, *image, i64::from((width + 4) * index as u32), 0);
    }
    out
}

/// Saves `image` as a PNG compressed as far as it goes.
fn save_small(image: &GrayImage, path: &Path) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let encoder = PngEncoder::new_with_quality(file, CompressionType::Best, FilterType::Adaptive);
    image.write_with_encoder(encoder).unwrap();
}

/// Builds `deck` in `fixture` and renders its layout pages (3 to 10) in
/// gray at [`DPI`].
fn render_layouts(fixture: &Fixture, pdftoppm: &Path, deck: &str) -> Vec<GrayImage> {
    fixture
        .run(&[deck, "-o", "gallery.pdf", "--no-pdfpc"])
        .success();
    pdf_check(
        &fixture.path().join("gallery.pdf"),
        Some(10),
        &["4.6 million dollars"],
    );
    let status = Command::new(pdftoppm)
        .args(["-png", "-gray", "-r", DPI, "-f", "3", "-l", "10"])
        .args(["gallery.pdf", "page"])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    // pdftoppm pads page numbers to the digits of the last page (10).
    (3..=10)
        .map(|page| {
            image::open(fixture.path().join(format!("page-{page:02}.png")))
                .unwrap()
                .to_luma8()
        })
        .collect()
}

fn reference(layout: &str) -> PathBuf {
    repo(&format!("tests/references/gallery-{layout}.png"))
}

fn load_reference(layout: &str) -> GrayImage {
    let path = reference(layout);
    image::open(&path)
        .unwrap_or_else(|_| {
            panic!(
                "no reference {}; run with UPDATE_REFERENCES=1",
                path.display()
            )
        })
        .to_luma8()
}

/// The share of pixels differing from the reference (1 when the sizes differ).
fn share_differing(expected: &GrayImage, actual: &GrayImage) -> (f64, Option<GrayImage>) {
    if expected.dimensions() == actual.dimensions() {
        let (share, diff) = compare(expected, actual);
        (share, Some(diff))
    } else {
        (1.0, None)
    }
}

#[test]
fn every_layout_renders_like_its_reference() {
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    let fixture = Fixture::new();
    let deck = repo("examples/gallery/deck.yaml");
    let pages = render_layouts(&fixture, &pdftoppm, deck.to_str().unwrap());
    let update = std::env::var_os("UPDATE_REFERENCES").is_some();
    let mut failures = Vec::new();
    for (layout, actual) in LAYOUTS.iter().zip(&pages) {
        if update {
            std::fs::create_dir_all(reference(layout).parent().unwrap()).unwrap();
            save_small(actual, &reference(layout));
            continue;
        }
        let expected = load_reference(layout);
        let (share, diff) = share_differing(&expected, actual);
        if share > PIXEL_TOLERANCE {
            let folder = repo("target/test-diffs");
            std::fs::create_dir_all(&folder).unwrap();
            let saved = folder.join(format!("gallery-{layout}.png"));
            match diff {
                Some(diff) => side_by_side([&expected, &diff, actual])
                    .save(&saved)
                    .unwrap(),
                None => actual.save(&saved).unwrap(),
            }
            failures.push(format!(
                "{layout}: {:.2} % of pixels differ (see {})",
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

/// The comparison is fine enough to matter: titles 4 pt larger (which moves
/// the caption under them down) or one word more in a caption fail it.
#[test]
fn the_tolerance_catches_a_moved_caption_or_a_new_word() {
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    if std::env::var_os("UPDATE_REFERENCES").is_some() {
        return;
    }
    let gallery = std::fs::read_to_string(repo("examples/gallery/deck.yaml")).unwrap();
    // The copy reads the gallery's pictures where they are.
    let gallery = gallery
        .replace("../../images/", &format!("{}/", repo("images").display()))
        .replace(
            " images/",
            &format!(" {}/", repo("examples/gallery/images").display()),
        );
    let changes = [
        ("  progress: true\n", "  progress: true\n  title_size: 44\n"),
        ("the picture in the rest.", "the picture in the rest here."),
    ];
    let expected = load_reference("standard");
    for (from, to) in changes {
        assert!(gallery.contains(from), "{from}");
        let fixture = Fixture::new();
        fixture.write("deck.yaml", &gallery.replacen(from, to, 1));
        let pages = render_layouts(&fixture, &pdftoppm, "deck.yaml");
        let (share, _) = share_differing(&expected, &pages[0]);
        assert!(
            share > PIXEL_TOLERANCE,
            "`{to}`: only {share} of pixels differ"
        );
    }
}
