use lopdf::{Document, Object, ObjectId};

use crate::util::Fixture;

/// Builds `deck` in `fixture` and loads the PDF.
pub fn build(fixture: &Fixture, deck: &str) -> Document {
    fixture.write("deck.yaml", deck);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    Document::load(fixture.path().join("out.pdf")).expect("lopdf reads the PDF")
}

pub fn dict<'a>(pdf: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).unwrap(),
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        other => panic!("not a dictionary: {other:?}"),
    }
}

pub fn name(object: &Object) -> String {
    String::from_utf8_lossy(object.as_name().unwrap()).into_owned()
}

/// A text string from the PDF, decoding UTF-16BE when it has a byte-order mark.
pub fn text(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The /BaseFont of every embedded font.
pub fn font_names(pdf: &Document) -> Vec<String> {
    let mut names: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().map(name).as_deref() == Some("Font"))
        .filter(|d| d.get(b"Subtype").ok().map(name).as_deref() == Some("Type0"))
        .map(|d| name(d.get(b"BaseFont").unwrap()))
        .collect();
    names.sort();
    names
}

/// Outline entries as "title -> page number" lines, children indented.
pub fn outline(pdf: &Document) -> Vec<String> {
    let catalog = pdf.catalog().unwrap();
    let root = dict(pdf, catalog.get(b"Outlines").unwrap());
    let mut lines = Vec::new();
    walk(pdf, root, 0, &mut lines);
    lines
}

fn walk(pdf: &Document, parent: &lopdf::Dictionary, depth: usize, lines: &mut Vec<String>) {
    let mut next = parent.get(b"First").ok().cloned();
    while let Some(Object::Reference(id)) = next {
        let entry = pdf.get_dictionary(id).unwrap();
        let page = crate::present::destination_page(pdf, entry.get(b"Dest").unwrap()) + 1;
        lines.push(format!(
            "{}{} -> {page}",
            "  ".repeat(depth),
            text(entry.get(b"Title").unwrap())
        ));
        walk(pdf, entry, depth + 1, lines);
        next = entry.get(b"Next").ok().cloned();
    }
}

/// A page's MediaBox, its own or inherited from the page tree.
pub fn media_box(pdf: &Document, page: ObjectId) -> &Vec<Object> {
    let mut node = pdf.get_dictionary(page).unwrap();
    loop {
        if let Ok(media_box) = node.get(b"MediaBox") {
            return media_box.as_array().unwrap();
        }
        node = dict(pdf, node.get(b"Parent").expect("a MediaBox on the way up"));
    }
}

/// Each page's MediaBox width and height, rounded to 0.01 pt.
fn page_sizes(pdf: &Document) -> Vec<(f64, f64)> {
    pdf.get_pages()
        .values()
        .map(|id| {
            let b = media_box(pdf, *id);
            let n = |o: &Object| (o.as_float().unwrap() as f64 * 100.0).round() / 100.0;
            (n(&b[2]) - n(&b[0]), n(&b[3]) - n(&b[1]))
        })
        .collect()
}

#[test]
fn page_sizes_follow_the_aspect() {
    let expected = [
        ("16:9", (960.0, 540.0)),
        ("4:3", (720.0, 540.0)),
        ("16:10", (720.0, 450.0)),
        ("a4", (841.89, 595.28)),
        ("letter", (792.0, 612.0)),
    ];
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    for (aspect, size) in expected {
        let pdf = build(
            &fixture,
            &format!(
                "
                title: T
                theme:
                  aspect: '{aspect}'
                sections:
                  - title: Intro
                    slides:
                      - caption: One
                        image: a.png
                      - caption: Two
                "
            ),
        );
        let sizes = page_sizes(&pdf);
        assert_eq!(sizes.len(), 4, "{aspect}");
        for actual in sizes {
            assert!(
                (actual.0 - size.0).abs() < 0.02 && (actual.1 - size.1).abs() < 0.02,
                "{aspect}: {actual:?}"
            );
        }
    }
}

#[test]
fn pages_come_in_deck_order_and_the_outline_nests_slides_under_sections() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    let pdf = build(
        &fixture,
        "
        title: T
        sections:
          - title: First
            slides:
              - caption: Alpha
                image: a.png
              - title: Own title
                caption: Beta
          - title: Second
            divider: false
            slides:
              - caption: Gamma
              - title: Second
                caption: Delta
          - title: Empty
            divider: false
            slides:
          - title: Third
        ",
    );
    assert_eq!(pdf.get_pages().len(), 7);
    assert_eq!(
        outline(&pdf),
        [
            "First -> 2",
            "  Alpha -> 3",
            "  Own title -> 4",
            "Second -> 5",
            "  Gamma -> 5",
            "  Delta -> 6",
            "Empty -> 7",
            "Third -> 7",
        ]
    );
    let catalog = pdf.catalog().unwrap();
    assert_eq!(name(catalog.get(b"PageMode").unwrap()), "UseOutlines");
}

#[test]
fn metadata_and_language() {
    let fixture = Fixture::new();
    let pdf = build(
        &fixture,
        "
        title: Über Decks
        subtitle: A subtitle
        author: A. Speaker
        language: de-CH
        sections:
          - title: Intro
        ",
    );
    let info = dict(&pdf, pdf.trailer.get(b"Info").unwrap());
    assert_eq!(text(info.get(b"Title").unwrap()), "Über Decks");
    assert_eq!(text(info.get(b"Author").unwrap()), "A. Speaker");
    assert_eq!(text(info.get(b"Subject").unwrap()), "A subtitle");
    assert_eq!(
        text(info.get(b"Creator").unwrap()),
        format!("deckgen {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(text(pdf.catalog().unwrap().get(b"Lang").unwrap()), "de-CH");
    let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id[0], id[1]);
    assert!(
        id[0].as_str().unwrap().iter().any(|&b| b != 0),
        "the /ID is filled in"
    );
}

#[test]
fn fonts_are_embedded_and_subset() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, "title: T\nsections:\n  - title: Intro\n");
    let fonts = font_names(&pdf);
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    for font in &fonts {
        let (tag, face) = font.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{font}"
        );
        assert!(face.starts_with("NotoSans-"), "{font}");
    }
    let programs = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FontFile2").is_ok())
        .count();
    assert_eq!(programs, 2);
    // A subset of Noto Sans is a few kilobytes; the whole face is over 500.
    let size = std::fs::metadata(fixture.path().join("out.pdf"))
        .unwrap()
        .len();
    assert!(size < 60_000, "{size} bytes");
}

#[test]
fn symbols_the_font_lacks_come_from_embedded_fallbacks() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: Intro\n    slides:\n      - caption: research → production ✓ x ≤ y\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    let fonts = font_names(&pdf);
    assert!(
        fonts.iter().any(|f| f.ends_with("+NotoSansMath-Regular")),
        "{fonts:?}"
    );
    assert!(
        fonts
            .iter()
            .any(|f| f.ends_with("+NotoSansSymbols2-Regular")),
        "{fonts:?}"
    );
    let text = pdf.extract_text(&[3]).unwrap();
    assert!(
        text.contains('→') && text.contains('✓') && text.contains('≤'),
        "{text:?}"
    );
}

#[test]
fn text_is_extractable() {
    let fixture = Fixture::new();
    let pdf = build(
        &fixture,
        "
        title: Kerning AVAWAY
        sections:
          - title: Intro
            slides:
              - caption: Typography office — naïve café
        ",
    );
    let text = pdf.extract_text(&[3]).unwrap();
    assert!(text.contains("Typography office — naïve café"), "{text:?}");
    let title = pdf.extract_text(&[1]).unwrap();
    assert!(title.contains("Kerning AVAWAY"), "{title:?}");
}

#[test]
fn a_text_slide_links_its_caption_with_an_ascii_uri() {
    let fixture = Fixture::new();
    let pdf = build(
        &fixture,
        "
        title: T
        title_slide: false
        sections:
          - title: Intro
            divider: false
            slides:
              - caption: Read more about Köln
                link: https://de.wikipedia.org/wiki/Köln
        ",
    );
    let links = crate::paper::links(&pdf, 0);
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].0, "https://de.wikipedia.org/wiki/K%C3%B6ln");
}

#[test]
fn a_link_covers_its_image() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    let pdf = build(
        &fixture,
        "
        title: T
        title_slide: false
        sections:
          - title: Intro
            divider: false
            slides:
              - image: a.png
                link: https://example.org/more
        ",
    );
    let links = crate::paper::links(&pdf, 0);
    assert_eq!(links.len(), 1);
    let (uri, rect) = &links[0];
    assert_eq!(uri, "https://example.org/more");
    // The image is 4:3, centred in the area under the title.
    let (width, height) = (rect[2] - rect[0], rect[3] - rect[1]);
    assert!((width / height - 4.0 / 3.0).abs() < 0.01, "{rect:?}");
}

/// A deck of `slides` slides, each with a title, a caption and the same picture.
fn deck_of(fixture: &Fixture, slides: usize) -> String {
    fixture.image("picture.png", 40, 30);
    let mut deck = String::from("title: Scale\nsections:\n  - title: All\n    slides:\n");
    for n in 1..=slides {
        deck += &format!(
            "      - title: Slide {n}\n        caption: Caption of slide {n}\n        image: picture.png\n"
        );
    }
    deck
}

#[test]
fn small_objects_are_packed_and_pages_inherit_what_they_share() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, &deck_of(&fixture, 3));
    let bytes = std::fs::read(fixture.path().join("out.pdf")).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Type/ObjStm") && has(b"/Type/XRef"));
    assert!(!has(b"\nxref\n"), "no classic cross-reference table");
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 5);
    for &page in pages.values() {
        let dict = pdf.get_dictionary(page).unwrap();
        for key in [&b"MediaBox"[..], b"CropBox", b"TrimBox", b"Resources"] {
            assert!(!dict.has(key), "{}", String::from_utf8_lossy(key));
        }
        let (_, inherited) = pdf.get_page_resources(page).unwrap();
        assert_eq!(inherited.len(), 1, "one shared resource dictionary");
    }
    let root = dict(&pdf, pdf.catalog().unwrap().get(b"Pages").unwrap());
    let media_box = root.get(b"MediaBox").unwrap().as_array().unwrap();
    assert_eq!(media_box[2].as_float().unwrap(), 960.0);
    let text = pdf.extract_text(&[3]).unwrap();
    assert!(text.contains("Caption of slide 1"), "{text:?}");
}

#[test]
fn plain_pdf_has_a_cross_reference_table_and_the_same_pages() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck_of(&fixture, 3));
    let env = ["--source-date-epoch", "1795000000"];
    fixture
        .run(&["deck.yaml", "-o", "compact.pdf", env[0], env[1]])
        .success();
    fixture
        .run(&[
            "deck.yaml",
            "-o",
            "plain.pdf",
            "--plain-pdf",
            env[0],
            env[1],
        ])
        .success();
    let bytes = std::fs::read(fixture.path().join("plain.pdf")).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"\nxref\n0 ") && has(b"trailer"));
    assert!(!has(b"/ObjStm"));
    let load = |name: &str| Document::load(fixture.path().join(name)).unwrap();
    let (plain, compact) = (load("plain.pdf"), load("compact.pdf"));
    let contents = |pdf: &Document| -> Vec<Vec<u8>> {
        pdf.get_pages()
            .values()
            .map(|&page| pdf.get_page_content(page))
            .collect()
    };
    assert_eq!(contents(&plain), contents(&compact));
}

/// A page costs under 370 bytes beyond its image with its tags (a
/// heading, a caption, a figure, their marked content and the parent
/// tree's entry), and under 280 without.
#[test]
fn a_page_costs_under_400_bytes_beyond_its_image() {
    let fixture = Fixture::new();
    let size = |slides: usize, name: &str, flags: &[&str]| {
        fixture.write("deck.yaml", &deck_of(&fixture, slides));
        let mut args = vec!["deck.yaml", "-o", name];
        args.extend(flags);
        fixture.run(&args).success();
        std::fs::metadata(fixture.path().join(name)).unwrap().len()
    };
    let per_page = |flags: &[&str]| {
        let (short, long) = (size(20, "short.pdf", flags), size(120, "long.pdf", flags));
        (long - short) / 100
    };
    let untagged = per_page(&["--no-tags"]);
    assert!(untagged < 280, "{untagged} bytes a page without tags");
    // Measured 367 (and 278 untagged) with content streams written by
    // `pdf::content`: tokens apart only where the syntax needs it, `Td`,
    // a line's glyphs in one string; 393 (and 300) before, with printpdf's.
    // On a 5000-slide deck, whose object numbers have five digits, a page
    // costs about 20 bytes more.
    let tagged = per_page(&[]);
    assert!(
        tagged < 370,
        "{tagged} bytes a page with tags, {untagged} without"
    );
}
