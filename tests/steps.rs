//! Slides shown step by step: the same slides written in YAML, Pandoc and
//! Marp give a page per step, all the steps of a slide with its label,
//! each step showing what it has revealed and nothing after; paper and
//! `--no-steps` show each slide once.

use std::path::Path;
use std::process::Command;

use lopdf::Document;

use crate::pdf::dict;
use crate::present::{destination_page, named_destinations};
use crate::util::{external_tool, pdf_check, pdf_check_tagged, Fixture};

/// The fixture decks, each the same three slides.
const DECKS: [&str; 3] = ["deck.yaml", "pandoc.md", "marp.md"];

const FINDINGS: [&str; 3] = [
    "The model learns a shortcut",
    "The shortcut fails on new data",
    "Nobody noticed for a year",
];
const PLAIN: &str = "It stays one page";
const ORDER: [&str; 2] = ["Measure first", "Then optimise"];

/// The text pdftotext finds on each page of `pdf`, or `None` where it
/// cannot run.
fn page_texts(pdf: &Path, pages: usize) -> Option<Vec<String>> {
    let pdftotext = external_tool("pdftotext")?;
    let texts = (1..=pages)
        .map(|page| {
            let page = page.to_string();
            let output = Command::new(&pdftotext)
                .args(["-f", &page, "-l", &page, "-layout"])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("run pdftotext");
            assert!(output.status.success(), "pdftotext failed on page {page}");
            String::from_utf8_lossy(&output.stdout).into_owned()
        })
        .collect();
    Some(texts)
}

/// Each page's label, from the catalog's `/PageLabels` (decimal ranges
/// and prefixes, as deckgen writes them).
fn labels(pdf: &Document) -> Vec<String> {
    let count = pdf.get_pages().len();
    let tree = dict(pdf, pdf.catalog().unwrap().get(b"PageLabels").unwrap());
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    let ranges: Vec<(usize, &lopdf::Dictionary)> = nums
        .chunks(2)
        .map(|pair| {
            let start = pair[0].as_i64().unwrap() as usize;
            (start, pair[1].as_dict().unwrap())
        })
        .collect();
    (0..count)
        .map(|page| {
            let (start, range) = ranges
                .iter()
                .rev()
                .find(|(start, _)| *start <= page)
                .unwrap();
            match range.get(b"P") {
                Ok(prefix) => String::from_utf8(prefix.as_str().unwrap().to_vec()).unwrap(),
                Err(_) => {
                    let first = range.get(b"St").map_or(1, |n| n.as_i64().unwrap()) as usize;
                    (first + page - start).to_string()
                }
            }
        })
        .collect()
}

#[test]
fn yaml_pandoc_and_marp_give_a_page_per_step_with_shared_labels() {
    for deck in DECKS {
        let fixture = Fixture::copy_of("steps");
        fixture.run(&[deck, "-o", "talk.pdf"]).success();
        let out = fixture.path().join("talk.pdf");
        pdf_check(&out, Some(6), &[]);
        pdf_check_tagged(&out);
        let pdf = Document::load(&out).unwrap();
        assert_eq!(labels(&pdf), ["1", "1", "1", "2", "3", "3"], "{deck}");
        // Links and bookmarks open a slide's first step.
        let destinations = named_destinations(&pdf);
        let slide = |name: &str| destinations.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(
            [slide("slide:1.1"), slide("slide:1.2"), slide("slide:1.3")],
            [0, 3, 4],
            "{deck}"
        );
        let Some(texts) = page_texts(&out, 6) else {
            continue;
        };
        // Step k of a list shows items 1 to k and nothing after.
        for (step, text) in texts[..3].iter().enumerate() {
            for (item, words) in FINDINGS.iter().enumerate() {
                assert_eq!(
                    text.contains(words),
                    item <= step,
                    "{deck}, step {} of the first slide, item {}:\n{text}",
                    step + 1,
                    item + 1,
                );
            }
            assert!(text.contains("Three findings"), "{deck}");
        }
        // A plain slide stays one page.
        assert!(texts[3].contains(PLAIN), "{deck}");
        assert!(
            texts[4].contains(ORDER[0]) && !texts[4].contains(ORDER[1]),
            "{deck}"
        );
        assert!(
            texts[5].contains(ORDER[0]) && texts[5].contains(ORDER[1]),
            "{deck}"
        );
        // The notes are on both steps of their slide.
        let pdfpc = std::fs::read_to_string(fixture.path().join("talk.pdfpc")).unwrap();
        let pdfpc: serde_json::Value = serde_json::from_str(&pdfpc).unwrap();
        let note = "Two steps, one note.";
        let expected = serde_json::json!([
            {"idx": 1, "label": "1", "overlay": 1, "forcedOverlay": true},
            {"idx": 2, "label": "1", "overlay": 2, "forcedOverlay": true},
            {"idx": 4, "label": "3", "overlay": 0, "note": note},
            {"idx": 5, "label": "3", "overlay": 1, "forcedOverlay": true, "note": note},
        ]);
        assert_eq!(pdfpc["pages"], expected, "{deck}");
    }
}

#[test]
fn a_handout_and_no_steps_show_each_slide_once_whole() {
    for deck in DECKS {
        let fixture = Fixture::copy_of("steps");
        fixture
            .run(&[deck, "--handout", "6", "-o", "handout.pdf"])
            .success();
        let handout = fixture.path().join("handout.pdf");
        pdf_check(&handout, Some(1), &[]);
        pdf_check_tagged(&handout);
        fixture
            .run(&[deck, "--no-steps", "-o", "shared.pdf"])
            .success();
        let shared = fixture.path().join("shared.pdf");
        pdf_check(&shared, Some(3), &[]);
        pdf_check_tagged(&shared);
        let pdf = Document::load(&shared).unwrap();
        assert_eq!(labels(&pdf), ["1", "2", "3"], "{deck}");
        let destinations = named_destinations(&pdf);
        let pages: Vec<usize> = destinations.iter().map(|(_, page)| *page).collect();
        assert!(pages.iter().all(|page| *page < 3), "{destinations:?}");
        let Some(sheet) = page_texts(&handout, 1) else {
            continue;
        };
        let Some(slides) = page_texts(&shared, 3) else {
            continue;
        };
        for words in FINDINGS.iter().chain(&ORDER).chain([&PLAIN]) {
            assert_eq!(sheet[0].matches(words).count(), 1, "{deck}: {words}");
            let all: String = slides.concat();
            assert_eq!(all.matches(words).count(), 1, "{deck}: {words}");
        }
    }
}

#[test]
fn the_most_specific_level_decides_and_a_pause_holds_the_rest_back() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: Levels\nlanguage: en\ntitle_slide: false\nincremental: true\nsections:\n  - title: Deck says yes\n    divider: false\n    slides:\n      - body: \"- a1\\n- a2\"\n  - title: Section says no\n    divider: false\n    incremental: false\n    slides:\n      - body: \"- b1\\n- b2\"\n      - incremental: true\n        body: \"- c1\\n- c2\"\n      - body: |\n          Asked first\n\n          . . .\n\n          Answered later\n",
    );
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let out = fixture.path().join("talk.pdf");
    let pdf = Document::load(&out).unwrap();
    // a: 2 steps; b: 1; c: 2; the pause: 2.
    assert_eq!(labels(&pdf), ["1", "1", "2", "3", "3", "4", "4"]);
    pdf_check_tagged(&out);
    let Some(texts) = page_texts(&out, 7) else {
        return;
    };
    assert!(texts[0].contains("a1") && !texts[0].contains("a2"));
    assert!(texts[2].contains("b1") && texts[2].contains("b2"));
    assert!(texts[3].contains("c1") && !texts[3].contains("c2"));
    assert!(texts[5].contains("Asked first") && !texts[5].contains("Answered"));
    assert!(texts[6].contains("Answered later"));
    // The pause's dots are never drawn.
    assert!(texts.iter().all(|text| !text.contains(". . .")));
}

#[test]
fn steps_share_the_page_number_and_only_the_first_has_the_transition() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: Numbers\nlanguage: en\ntransition: fade\ntheme:\n  page_numbers: total\n  progress: true\nsections:\n  - title: S\n    divider: false\n    slides:\n      - incremental: true\n        body: \"- one\\n- two\\n- three\"\n      - caption: After\n",
    );
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let out = fixture.path().join("talk.pdf");
    let pdf = Document::load(&out).unwrap();
    assert_eq!(labels(&pdf), ["Title", "2", "2", "2", "3"]);
    let pages: Vec<_> = pdf.get_pages().into_values().collect();
    let has_transition = |index: usize| {
        pdf.get_dictionary(pages[index])
            .unwrap()
            .get(b"Trans")
            .is_ok()
    };
    assert_eq!(
        (0..5).map(has_transition).collect::<Vec<_>>(),
        [true, true, false, false, true]
    );
    // Bookmarks open the first step.
    let outline = dict(&pdf, pdf.catalog().unwrap().get(b"Outlines").unwrap());
    let section = dict(&pdf, outline.get(b"First").unwrap());
    let slide = dict(&pdf, section.get(b"First").unwrap());
    assert_eq!(destination_page(&pdf, slide.get(b"Dest").unwrap()), 1);
    let Some(texts) = page_texts(&out, 5) else {
        return;
    };
    // "2 / 3" on every step: slides are counted, not steps.
    let squeezed = |text: &str| text.split_whitespace().collect::<String>();
    for text in &texts[1..4] {
        assert!(squeezed(text).contains("2/3"), "{text}");
    }
    assert!(squeezed(&texts[4]).contains("3/3"));
}

#[test]
fn check_notes_a_slide_asking_for_steps_with_no_list_to_step_through() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nlanguage: en\nsections:\n  - title: S\n    slides:\n      - caption: No list here\n        incremental: true\n",
    );
    let run = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(
        run.success(),
        crate::util::unindent(
            "
            note: deck.yaml:7:22: `incremental: true`, but the slide has no list to show item by item
              |
            7 |         incremental: true
              |                      ^^^^
              |
              = note: in section 1 `S`, slide 1

            checked deck.yaml (3 pages); no PDF written
            "
        )
    );
}
