use lopdf::{Document, ObjectId};

use crate::images::image_ids;
use crate::pdf::{dict, media_box, outline, text};
use crate::present::{annotations, destination_page, rect};
use crate::util::Fixture;

/// Title, two dividers and six slides: nine pages. Two distinct images,
/// one used three times; a link to a URL, a link to a slide, notes.
pub const PAPER_DECK: &str = "
    title: Paper
    date: 1 December 2026
    sections:
      - title: First part
        slides:
          - caption: Marker one
            image: a.png
            link: https://example.org/one
          - caption: Marker two
            image: b.jpg
          - caption: Marker three
            image: a.png
            notes: Notes for three.
      - title: Second part
        slides:
          - caption: Marker four
            image: a.png
          - caption: Marker five
            link: \"#six\"
          - id: six
            caption: Marker six
            notes: Notes for six.
";
pub const DECK_PAGES: usize = 9;
/// The page of each marker in the slides, from 0.
const MARKER_PAGES: [(&str, usize); 6] = [
    ("Marker one", 2),
    ("Marker two", 3),
    ("Marker three", 4),
    ("Marker four", 6),
    ("Marker five", 7),
    ("Marker six", 8),
];

pub fn paper_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", PAPER_DECK);
    fixture.image("a.png", 80, 60);
    fixture.image("b.jpg", 60, 80);
    fixture
}

fn load(fixture: &Fixture, name: &str) -> Document {
    Document::load(fixture.path().join(name)).expect("lopdf reads the PDF")
}

fn page_ids(pdf: &Document) -> Vec<ObjectId> {
    pdf.get_pages().into_values().collect()
}

/// The MediaBox of every page, rounded to whole points.
fn sheet_sizes(pdf: &Document) -> Vec<(i64, i64)> {
    page_ids(pdf)
        .iter()
        .map(|id| {
            let b = media_box(pdf, *id)
                .iter()
                .map(|o| o.as_float().unwrap().round() as i64)
                .collect::<Vec<_>>();
            (b[2] - b[0], b[3] - b[1])
        })
        .collect()
}

/// Link annotations on page `index` (from 0): where each leads (a URI or
/// "page N" from 1) and its rectangle.
pub fn links(pdf: &Document, index: usize) -> Vec<(String, [f32; 4])> {
    annotations(pdf, index)
        .into_iter()
        .filter(|(subtype, _)| subtype == "Link")
        .map(|(_, link)| {
            let target = match link.get(b"A") {
                Ok(action) => text(dict(pdf, action).get(b"URI").unwrap()),
                Err(_) => format!(
                    "page {}",
                    destination_page(pdf, link.get(b"Dest").unwrap()) + 1
                ),
            };
            (target, rect(&link))
        })
        .collect()
}

#[test]
fn handouts_hold_n_slides_a_sheet_on_either_paper() {
    let fixture = paper_fixture();
    for paper in ["a4", "letter"] {
        for per_page in [1, 2, 3, 4, 6, 9] {
            let n = per_page.to_string();
            fixture
                .run(&[
                    "deck.yaml",
                    "--handout",
                    &n,
                    "--paper",
                    paper,
                    "-o",
                    "h.pdf",
                ])
                .success();
            let pdf = load(&fixture, "h.pdf");
            let context = format!("{per_page}-up on {paper}");
            let sheets = DECK_PAGES.div_ceil(per_page);
            assert_eq!(pdf.get_pages().len(), sheets, "{context}");

            let portrait = if paper == "a4" {
                (595, 842)
            } else {
                (612, 792)
            };
            let expected = if per_page == 1 {
                (portrait.1, portrait.0)
            } else {
                portrait
            };
            assert!(
                sheet_sizes(&pdf).iter().all(|size| *size == expected),
                "{context}"
            );

            for (marker, page) in MARKER_PAGES {
                let sheet = page / per_page + 1;
                let words = pdf.extract_text(&[sheet as u32]).unwrap();
                assert!(
                    words.contains(marker),
                    "{context}: {marker} on sheet {sheet}"
                );
            }
            // Each image once, however many slides and sheets show it.
            assert_eq!(image_ids(&pdf).len(), 2, "{context}");

            // The URL link is on the sheet of slide one, the slide link leads
            // to the sheet showing slide six.
            let one = links(&pdf, 2 / per_page);
            assert!(
                one.iter().any(|(to, _)| to == "https://example.org/one"),
                "{context}: {one:?}"
            );
            let five = links(&pdf, 7 / per_page);
            let six_sheet = format!("page {}", 8 / per_page + 1);
            assert!(
                five.iter().any(|(to, _)| *to == six_sheet),
                "{context}: {five:?}"
            );
            // Every link lies inside the sheet's margins.
            for index in 0..sheets {
                for (_, [x0, y0, x1, y1]) in links(&pdf, index) {
                    let margin = 12.0 * 72.0 / 25.4;
                    let (width, height) = (expected.0 as f32, expected.1 as f32);
                    assert!(x0 >= margin && y0 >= margin, "{context}");
                    assert!(x1 <= width - margin && y1 <= height - margin, "{context}");
                }
            }

            // Bookmarks lead to the sheet that shows their slide.
            let expected_outline: Vec<String> = [
                ("First part", 1),
                ("  Marker one", 2),
                ("  Marker two", 3),
                ("  Marker three", 4),
                ("Second part", 5),
                ("  Marker four", 6),
                ("  Marker five", 7),
                ("  Marker six", 8),
            ]
            .iter()
            .map(|(title, page)| format!("{title} -> {}", page / per_page + 1))
            .collect();
            assert_eq!(outline(&pdf), expected_outline, "{context}");
        }
    }
}

#[test]
fn handouts_can_leave_out_the_title_and_dividers() {
    let fixture = paper_fixture();
    fixture
        .run(&[
            "deck.yaml",
            "--handout",
            "6",
            "--handout-skip-dividers",
            "-o",
            "h.pdf",
        ])
        .success();
    let pdf = load(&fixture, "h.pdf");
    assert_eq!(pdf.get_pages().len(), 1);
    let words = pdf.extract_text(&[1]).unwrap();
    assert!(!words.contains("Section 1"), "{words}");
    // The sections' bookmarks lead to their first slides' sheet.
    assert_eq!(outline(&pdf)[0], "First part -> 1");
}

#[test]
fn a_handout_is_not_much_bigger_than_the_slides() {
    let fixture = paper_fixture();
    fixture.image("a.png", 800, 600);
    fixture.run(&["deck.yaml", "-o", "slides.pdf"]).success();
    fixture
        .run(&["deck.yaml", "--handout", "6", "-o", "h.pdf"])
        .success();
    let size = |name: &str| std::fs::metadata(fixture.path().join(name)).unwrap().len() as f64;
    let ratio = size("h.pdf") / size("slides.pdf");
    assert!(ratio < 1.10, "handout {ratio:.2} times the slides");
}

#[test]
fn notes_pages_put_each_slide_over_its_notes() {
    let fixture = paper_fixture();
    let long = "A sentence that goes on for a while about the slide. ".repeat(120);
    fixture.write("deck.yaml", &PAPER_DECK.replace("Notes for six.", &long));
    let stderr = fixture
        .run(&["deck.yaml", "--notes-pages", "--paper", "letter"])
        .success();
    assert!(stderr.starts_with("wrote out/deck-notes.pdf ("), "{stderr}");
    let pdf = load(&fixture, "out/deck-notes.pdf");
    let sheets = pdf.get_pages().len();
    // One sheet per page, and the long notes of the last slide continue on more.
    assert!(sheets > DECK_PAGES, "{sheets}");
    assert!(sheet_sizes(&pdf).iter().all(|size| *size == (612, 792)));
    let three = pdf.extract_text(&[5]).unwrap();
    assert!(three.contains("Marker three") && three.contains("Notes for three."));
    let last = pdf.extract_text(&[sheets as u32]).unwrap();
    assert!(last.contains("Notes for page 9, continued"), "{last}");
    assert!(last.contains("sentence"));
    // No notes text is lost: every sentence is somewhere (lines may break
    // inside a sentence, never inside a word).
    let all: String = (1..=sheets as u32)
        .map(|page| pdf.extract_text(&[page]).unwrap())
        .collect();
    assert_eq!(all.matches("sentence").count(), 120);
    assert_eq!(image_ids(&pdf).len(), 2);
}

#[test]
fn paper_output_goes_beside_the_slides_by_default_and_writes_no_pdfpc() {
    let fixture = paper_fixture();
    let stderr = fixture.run(&["deck.yaml", "--handout", "4"]).success();
    assert_eq!(
        stderr.split(" (").next().unwrap(),
        "wrote out/deck-handout.pdf"
    );
    assert!(!fixture.path().join("out/deck-handout.pdfpc").exists());
    assert!(!fixture.path().join("out/deck.pdf").exists());
}

#[test]
fn grayscale_output_has_no_colour_left() {
    let fixture = paper_fixture();
    for args in [&["--grayscale"][..], &["--grayscale", "--handout", "6"]] {
        let mut all = vec!["deck.yaml", "-o", "gray.pdf"];
        all.extend(args);
        fixture.run(&all).success();
        let pdf = load(&fixture, "gray.pdf");
        for id in image_ids(&pdf) {
            let image = pdf.get_object(id).unwrap().as_stream().unwrap();
            let space = image.dict.get(b"ColorSpace").unwrap();
            assert_eq!(
                space.as_name().unwrap(),
                b"DeviceGray",
                "{args:?}: {space:?}"
            );
        }
        for page in page_ids(&pdf) {
            let content = pdf.get_page_content(page);
            let ops = lopdf::content::Content::decode(&content)
                .unwrap()
                .operations;
            let coloured: Vec<_> = ops
                .iter()
                .filter(|op| ["rg", "RG", "k", "K", "sc", "scn"].contains(&op.operator.as_str()))
                .collect();
            assert!(coloured.is_empty(), "{args:?}: {coloured:?}");
        }
    }
}
