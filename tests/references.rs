//! Reference renders: one page per layout of the gallery deck
//! (`examples/gallery/deck.yaml`) and one per kind of slide body of its
//! body gallery (`examples/gallery/bodies.yaml`), rendered by pdftoppm at
//! low resolution and compared with `tests/references/gallery-<page>.png`
//! within a tolerance; the body pages and the math page
//! (`examples/gallery/math.yaml`) under every preset
//! (`gallery-<preset>-<body>.png` past the light one).
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
/// The pages of the slide-body gallery (`examples/gallery/bodies.yaml`),
/// from page 3 on.
const BODIES: [&str; 4] = ["lists", "code", "table", "columns"];
/// The presets besides the gallery's own (light) whose body pages have
/// references too.
const PRESETS: [&str; 3] = ["dark", "contrast", "ink"];
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

/// Builds `deck` in `fixture`, which must have `pages` pages and show
/// `words`, and renders its pages from 3 to `pages` in gray at [`DPI`].
fn render(
    fixture: &Fixture,
    pdftoppm: &Path,
    deck: &str,
    pages: u32,
    words: &[&str],
) -> Vec<GrayImage> {
    fixture
        .run(&[deck, "-o", "out.pdf", "--no-pdfpc"])
        .success();
    pdf_check(&fixture.path().join("out.pdf"), Some(pages as usize), words);
    let last = pages.to_string();
    let status = Command::new(pdftoppm)
        .args(["-png", "-gray", "-r", DPI, "-f", "3", "-l", &last])
        .args(["out.pdf", "page"])
        .current_dir(fixture.path())
        .status()
        .unwrap();
    assert!(status.success());
    // pdftoppm pads page numbers to the digits of the last page.
    let digits = last.len();
    (3..=pages)
        .map(|page| {
            let name = format!("page-{page:0digits$}.png");
            image::open(fixture.path().join(name)).unwrap().to_luma8()
        })
        .collect()
}

/// The gallery's layout pages (3 to 10).
fn render_layouts(fixture: &Fixture, pdftoppm: &Path, deck: &str) -> Vec<GrayImage> {
    render(fixture, pdftoppm, deck, 10, &["4.6 million dollars"])
}

/// The slide-body gallery's pages (3 to 6), with `preset`.
fn render_bodies(fixture: &Fixture, pdftoppm: &Path, preset: &str) -> Vec<GrayImage> {
    let deck = std::fs::read_to_string(repo("examples/gallery/bodies.yaml")).unwrap();
    let deck = deck.replacen("  preset: light\n", &format!("  preset: {preset}\n"), 1);
    fixture.write("bodies.yaml", &deck);
    let words = ["fn mean(values: &[f64])", "175,000 M"];
    render(fixture, pdftoppm, "bodies.yaml", 6, &words)
}

/// The gallery deck, reading the repository's pictures wherever the copy
/// is written.
fn gallery_text() -> String {
    let gallery = std::fs::read_to_string(repo("examples/gallery/deck.yaml")).unwrap();
    gallery
        .replace("../../images/", &format!("{}/", repo("images").display()))
        .replace(
            " images/",
            &format!(" {}/", repo("examples/gallery/images").display()),
        )
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

/// Compares each page with its reference (or, with `UPDATE_REFERENCES`,
/// writes it as the reference); the differences found.
fn compare_with_references<'a>(
    pages: impl IntoIterator<Item = (String, &'a GrayImage)>,
) -> Vec<String> {
    let update = std::env::var_os("UPDATE_REFERENCES").is_some();
    let mut failures = Vec::new();
    for (name, actual) in pages {
        if update {
            std::fs::create_dir_all(reference(&name).parent().unwrap()).unwrap();
            save_small(actual, &reference(&name));
            continue;
        }
        let expected = load_reference(&name);
        let (share, diff) = share_differing(&expected, actual);
        if share > PIXEL_TOLERANCE {
            let folder = repo("target/test-diffs");
            std::fs::create_dir_all(&folder).unwrap();
            let saved = folder.join(format!("gallery-{name}.png"));
            match diff {
                Some(diff) => side_by_side([&expected, &diff, actual])
                    .save(&saved)
                    .unwrap(),
                None => actual.save(&saved).unwrap(),
            }
            failures.push(format!(
                "{name}: {:.2} % of pixels differ (see {})",
                share * 100.0,
                saved.display()
            ));
        }
    }
    failures
}

#[test]
fn every_layout_and_body_renders_like_its_reference() {
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    let fixture = Fixture::new();
    let deck = repo("examples/gallery/deck.yaml");
    let pages = render_layouts(&fixture, &pdftoppm, deck.to_str().unwrap());
    let names = LAYOUTS.iter().map(|name| name.to_string());
    let mut failures = compare_with_references(names.zip(&pages));
    for preset in ["light"].into_iter().chain(PRESETS) {
        let fixture = Fixture::new();
        let pages = render_bodies(&fixture, &pdftoppm, preset);
        let name = |body: &&str| match preset {
            "light" => body.to_string(),
            preset => format!("{preset}-{body}"),
        };
        failures.extend(compare_with_references(BODIES.iter().map(name).zip(&pages)));
    }
    assert!(
        failures.is_empty(),
        "{failures:#?}\nif the change is intended: UPDATE_REFERENCES=1 cargo test --test integration references"
    );
}

/// The gallery's math page (`examples/gallery/math.yaml`, page 3) under
/// every preset: `gallery-math.png`, then `gallery-<preset>-math.png`.
#[test]
fn the_math_page_renders_like_its_reference_under_every_preset() {
    let Some(pdftoppm) = external_tool("pdftoppm") else {
        return;
    };
    let deck = std::fs::read_to_string(repo("examples/gallery/math.yaml")).unwrap();
    let mut failures = Vec::new();
    for preset in ["light"].into_iter().chain(PRESETS) {
        let fixture = Fixture::new();
        let deck = deck.replacen("  preset: light\n", &format!("  preset: {preset}\n"), 1);
        fixture.write("math.yaml", &deck);
        let pages = render(&fixture, &pdftoppm, "math.yaml", 3, &["which costs $5."]);
        let name = match preset {
            "light" => "math".to_string(),
            preset => format!("{preset}-math"),
        };
        failures.extend(compare_with_references([(name, &pages[0])]));
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
    let gallery = gallery_text();
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
