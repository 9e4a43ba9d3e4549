use lopdf::{Document, Object};

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

/// Each page's MediaBox width and height, rounded to 0.01 pt.
fn page_sizes(pdf: &Document) -> Vec<(f64, f64)> {
    pdf.get_pages()
        .values()
        .map(|id| {
            let page = pdf.get_dictionary(*id).unwrap();
            let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
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
