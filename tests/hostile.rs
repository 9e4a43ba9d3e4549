//! Hostile and broken input: every case ends in a clear error that names
//! the file (and, where there is one, the line), without a panic, and
//! without leaving a PDF behind. A run that hangs fails (the fixture's run
//! limit); how fast each is refused is `benches/hostile.py`'s to measure.

use std::path::Path;

use crate::util::allocated::bytes_allocated_by;
use crate::util::Fixture;

/// Runs deckgen on `deck.yaml` in `fixture` and checks that it failed
/// cleanly with one error, `expected`: its whole text, with the file, line
/// and column where there is one.
fn refused(fixture: &Fixture, expected: &str) {
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    let stderr = run.stderr();
    assert_eq!(run.code(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("error: "))
        .collect();
    assert_eq!(errors, [expected], "{stderr}");
    assert!(
        stderr.ends_with("deckgen: 1 error; no PDF written\n"),
        "{stderr}"
    );
    assert!(!fixture.path().join("out.pdf").exists());
}

fn deck_fixture(deck: &str) -> Fixture {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", deck);
    fixture
}

/// YAML whose aliases, `levels` deep, ten to a list, expand to 10^(levels + 1) items.
fn laughs(levels: u32) -> String {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=levels {
        let previous = format!("*a{}", level - 1);
        let list = [previous.as_str(); 10].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{list}]\n"));
    }
    yaml.push_str(&format!("title: *a{levels}\nsections: []\n"));
    yaml
}

/// Refused with its message, and what reading it builds does not grow with
/// the expansion: ten billion items cost what a million do, in
/// bytes allocated, which no machine's load changes.
#[test]
fn a_billion_laughs_is_refused() {
    refused(
        &deck_fixture(&laughs(9)),
        "deck.yaml:6:15: the deck is too large once its aliases are expanded (is `*` used in a loop?)",
    );
    let work = |levels: u32| {
        let yaml = laughs(levels);
        bytes_allocated_by(|| {
            let mut diagnostics = deckgen::diag::Diagnostics::new();
            let deck = deckgen::model::parse_and_validate(
                &yaml,
                Path::new("deck.yaml"),
                Path::new("."),
                &mut diagnostics,
            );
            assert!(deck.is_none() && diagnostics.has_errors());
        })
    };
    let (small, billions) = (work(5), work(9));
    eprintln!("10^6 items: {small} bytes; 10^10: {billions} bytes");
    assert!(
        billions < 2 * small,
        "a bomb of 10^6 items allocates {small} bytes, one of 10^10 {billions}"
    );
    // The YAML reader's budget lets some 300 MB through before it refuses.
    assert!(billions < 1 << 30, "{billions} bytes");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 10_000;
    let yaml = format!(
        "title: T\nsections: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    refused(
        &deck_fixture(&yaml),
        "deck.yaml:2:266: the deck nests lists and mappings too deeply (a deck needs four levels; the limit is 64)",
    );
}

#[test]
fn a_huge_deck_file_is_refused_before_it_is_read() {
    let fixture = Fixture::new();
    let line = "# padding padding padding padding padding padding padding padding\n";
    fixture.write_bytes(
        "deck.yaml",
        line.repeat(17 * 1024 * 1024 / line.len() + 1).as_bytes(),
    );
    refused(
        &fixture,
        "deck.yaml: the deck file is 18 MB; the most deckgen reads is 16 MB",
    );
}

#[test]
fn a_folder_or_fifo_as_the_deck_is_refused() {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.path().join("deck.yaml")).unwrap();
    refused(&fixture, "deck.yaml: the deck file is a folder, not a file");

    let fixture = Fixture::new();
    let made = std::process::Command::new("mkfifo")
        .arg(fixture.path().join("deck.yaml"))
        .status();
    if made.is_ok_and(|status| status.success()) {
        refused(&fixture, "deck.yaml: the deck file is not a regular file");
    }
}

#[test]
fn text_and_slide_counts_have_generous_limits() {
    let long = "x".repeat(10_001);
    refused(
        &deck_fixture(&format!(
            "title: T\nsections:\n  - title: S\n    slides:\n      - caption: {long}\n"
        )),
        "deck.yaml:5:18: `caption` is 10001 characters long; the most it may hold is 10000",
    );
    let mut many = String::from("title: T\nsections:\n  - title: S\n    slides:\n");
    many.push_str(&"      - caption: c\n".repeat(10_000));
    refused(
        &deck_fixture(&many),
        "deck.yaml:3:3: the deck has 10001 sections and slides; the most deckgen builds is 10000 (split the talk into several decks)",
    );
}

#[test]
fn broken_yaml_is_refused_with_its_place() {
    for (yaml, expected) in [
        (
            &b"title: Caf\xe9\nsections: []\n"[..],
            "deck.yaml:1:11: the deck file is not valid UTF-8 text",
        ),
        (
            b"",
            "deck.yaml:1:1: the deck file is empty (a deck needs at least `title` and `sections`)",
        ),
        (
            b"title: T\ntitle: U\nsections: []\n",
            "deck.yaml:2:1: duplicate key `title` (first given on line 1)",
        ),
        (
            b"title: T\nsections:\n\t- title: S\n",
            "deck.yaml:3:1: a tab in the indentation: YAML indents with spaces, not tabs",
        ),
        (
            b"title: [unclosed\nsections: []\n",
            "deck.yaml:1:8: invalid value for `title` (expected text, not a list or mapping)",
        ),
        (
            b"title: T\nsections: []\n---\ntitle: U\n",
            "deck.yaml:4:1: the file holds more than one YAML document (`---`); a deck is one document",
        ),
        (
            b"\xef\xbb\xbftitle: T\nsections: []\n",
            "deck.yaml:2:11: `sections` must list at least one section",
        ),
    ] {
        let fixture = Fixture::new();
        fixture.write_bytes("deck.yaml", yaml);
        refused(&fixture, expected);
    }
}

#[test]
fn a_file_that_is_not_a_font_is_refused() {
    let fixture = deck_fixture(
        "
        title: T
        theme:
          font: fonts/Body.ttf
        sections:
          - title: S
            slides:
              - caption: c
        ",
    );
    fixture.write("fonts/Body.ttf", "this is not a font");
    refused(
        &fixture,
        "deck.yaml:3:9: cannot use font `fonts/Body.ttf` (not a TrueType or OpenType font: unknown magic)",
    );
}

/// A PNG of `width` x `height` that declares that size but holds almost
/// nothing: a 1x1 PNG with its header's size and checksum rewritten.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::GrayImage::new(1, 1)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    // Signature (8), IHDR length (4), "IHDR" (4), width, height, ...
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    bytes
}

fn image_deck(image: &str) -> Fixture {
    deck_fixture(&format!(
        "title: T\nsections:\n  - title: S\n    slides:\n      - caption: c\n        image: {image}\n"
    ))
}

#[test]
fn a_decompression_bomb_is_refused_before_decoding() {
    let fixture = image_deck("bomb.png");
    fixture.write_bytes("bomb.png", &png_declaring(100_000, 100_000));
    refused(
        &fixture,
        "deck.yaml:6:16: image `bomb.png` is 100000x100000 pixels (10000 megapixels), more than the 100 megapixels deckgen takes (to take it, set `max_megapixels: 10000` under `theme:`; or save it smaller)",
    );
}

#[test]
fn the_pixel_limit_can_be_lowered_and_raised() {
    let fixture = image_deck("a.png");
    fixture.image("a.png", 40, 30);
    let run = fixture.run(&["deck.yaml", "--max-megapixels", "0.001"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains(
        "error: deck.yaml:6:16: image `a.png` is 40x30 pixels (0.0012 megapixels), more than the 0.001 megapixels deckgen takes (to take it, set `max_megapixels: 1` under `theme:`; or save it smaller)\n"
    ), "{}", run.stderr());
    fixture
        .run(&["deck.yaml", "--max-megapixels", "0.0012"])
        .success();
    let check = fixture.run(&["check", "deck.yaml", "--max-megapixels", "0.001"]);
    assert_eq!(check.code(), 1);
    // The pixels the flag took before megapixels still work.
    assert_eq!(
        fixture
            .run(&["deck.yaml", "--max-image-pixels", "1000"])
            .code(),
        1
    );
    fixture
        .run(&["deck.yaml", "--max-image-pixels", "1200"])
        .success();
    assert_eq!(
        fixture.run(&["deck.yaml", "--max-megapixels", "0"]).code(),
        2
    );
}

#[test]
fn the_pixel_limit_can_be_set_in_the_theme_and_the_flag_wins() {
    let fixture = deck_fixture(
        "title: T\ntheme:\n  max_megapixels: 0.001\nsections:\n  - title: S\n    slides:\n      - caption: c\n        image: a.png\n",
    );
    fixture.image("a.png", 40, 30);
    let run = fixture.run(&["deck.yaml"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("error: deck.yaml:8:16: image `a.png` is 40x30 pixels (0.0012 megapixels), more than the 0.001 megapixels deckgen takes (to take it, set `max_megapixels: 1` under `theme:`; or save it smaller)\n"),
        "{}",
        run.stderr()
    );
    fixture
        .run(&["deck.yaml", "--max-megapixels", "1"])
        .success();
    fixture.write(
        "deck.yaml",
        "title: T\ntheme:\n  max_megapixels: 0\nsections:\n  - title: S\n    slides:\n      - caption: c\n",
    );
    let run = fixture.run(&["deck.yaml"]);
    assert!(
        run.stderr().contains(
            "error: deck.yaml:3:19: `max_megapixels` must be from 0.001 to 10000 (got 0)\n"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn broken_images_of_every_format_are_refused() {
    let fixture = Fixture::new();
    let formats = Fixture::copy_of("formats");
    for (name, source) in [
        ("cut.png", "images/palette.png"),
        ("cut.jpg", "images/progressive.jpg"),
        ("cut.gif", "images/anim.gif"),
        ("cut.webp", "images/alpha.webp"),
    ] {
        let bytes = std::fs::read(formats.path().join(source))
            .unwrap_or_else(|err| panic!("{source}: {err}"));
        // The header survives, the picture is cut off.
        fixture.write_bytes(name, &bytes[..bytes.len().min(60)]);
    }
    fixture.write_bytes("empty.gif", b"");
    fixture.write("notes.webp", "these are notes, not a picture");
    for (name, message) in [
        (
            "cut.png",
            "cannot decode PNG image `cut.png` (unexpected end of file)",
        ),
        (
            "cut.jpg",
            "cannot decode JPEG image `cut.jpg` (unexpected end of file)",
        ),
        (
            "cut.gif",
            "cannot decode GIF image `cut.gif` (unexpected End of File)",
        ),
        (
            "cut.webp",
            "cannot decode WebP image `cut.webp` (format error decoding WebP: Corrupt bitstream)",
        ),
        ("empty.gif", "image `empty.gif` is an empty file"),
        (
            "notes.webp",
            "`notes.webp` is not a PNG, JPEG, GIF, WebP, SVG or PDF image",
        ),
    ] {
        fixture.write(
            "deck.yaml",
            &format!("title: T\nsections:\n  - title: S\n    slides:\n      - caption: c\n        image: {name}\n"),
        );
        refused(&fixture, &format!("deck.yaml:6:16: {message}"));
    }
}

#[test]
fn a_fifo_where_an_image_or_font_should_be_is_refused() {
    let fixture = image_deck("pipe.png");
    let made = std::process::Command::new("mkfifo")
        .arg(fixture.path().join("pipe.png"))
        .status();
    if !made.is_ok_and(|status| status.success()) {
        crate::util::needs::unavailable("mkfifo (coreutils)");
        return;
    }
    refused(
        &fixture,
        "deck.yaml:6:16: cannot read image `pipe.png` (not a regular file)",
    );
    // A font is read as a file when its name ends in a font's extension
    // (`pipe.png` would be looked up as a family name).
    std::fs::rename(
        fixture.path().join("pipe.png"),
        fixture.path().join("pipe.ttf"),
    )
    .unwrap();
    fixture.write(
        "deck.yaml",
        "title: T\ntheme:\n  font: pipe.ttf\nsections:\n  - title: S\n    slides:\n      - caption: c\n",
    );
    refused(
        &fixture,
        "deck.yaml:3:9: cannot read font `pipe.ttf` (not a regular file)",
    );
}
