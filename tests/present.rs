use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::pdf::{build, dict, name, text};
use crate::util::Fixture;

/// A deck using every presenting feature: an agenda, transitions at all
/// three levels, slide ids, an internal link, a URL in a caption, notes.
pub const PRESENT_DECK: &str = "
    title: Presenting
    agenda: true
    duration: 20
    transition: fade
    transition_duration: 0.5
    sections:
      - title: Opening
        transition: wipe left
        slides:
          - caption: Details at https://example.org/talk today
            notes: Say hello.
          - caption: Jump ahead
            link: \"#results\"
            transition: push down
            transition_duration: 2
      - title: Findings
        divider: false
        slides:
          - id: results
            caption: Results
            notes: \"Two lines:\\nthe second one.\"
            transition: none
";
/// Title, agenda, divider, two slides, one slide.
pub const PRESENT_PAGES: usize = 6;

fn pages(pdf: &Document) -> Vec<ObjectId> {
    pdf.get_pages().into_values().collect()
}

fn page(pdf: &Document, index: usize) -> &Dictionary {
    pdf.get_dictionary(pages(pdf)[index]).unwrap()
}

/// The named destinations of the catalog's `/Names /Dests` tree (one
/// node, as deckgen writes it), in order, each with its page from 0.
pub fn named_destinations(pdf: &Document) -> Vec<(String, usize)> {
    let names = dict(pdf, pdf.catalog().unwrap().get(b"Names").unwrap());
    let tree = dict(pdf, names.get(b"Dests").unwrap());
    let pairs = tree.get(b"Names").unwrap().as_array().unwrap();
    pairs
        .chunks(2)
        .map(|pair| {
            let dest = match &pair[1] {
                Object::Reference(id) => pdf.get_object(*id).unwrap(),
                direct => direct,
            };
            let target = dest.as_array().unwrap()[0].as_reference().unwrap();
            let page = pages(pdf).iter().position(|id| *id == target).unwrap();
            (text(&pair[0]), page)
        })
        .collect()
}

/// The page a link's or bookmark's `/Dest` opens, from 0. It must be a
/// named destination (a string): pdfpc follows no other kind.
pub fn destination_page(pdf: &Document, dest: &Object) -> usize {
    let name = match dest {
        Object::String(bytes, _) => String::from_utf8(bytes.clone()).unwrap(),
        other => panic!("not a named destination: {other:?}"),
    };
    named_destinations(pdf)
        .into_iter()
        .find(|(known, _)| *known == name)
        .unwrap_or_else(|| panic!("no destination named `{name}`"))
        .1
}

/// Each annotation on page `index`: its subtype and dictionary.
pub fn annotations(pdf: &Document, index: usize) -> Vec<(String, Dictionary)> {
    let Ok(annots) = page(pdf, index).get(b"Annots") else {
        return Vec::new();
    };
    annots
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let annotation = dict(pdf, a).clone();
            (name(annotation.get(b"Subtype").unwrap()), annotation)
        })
        .collect()
}

pub fn rect(annotation: &Dictionary) -> [f32; 4] {
    let values: Vec<f32> = annotation
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    [values[0], values[1], values[2], values[3]]
}

fn catalog_name(pdf: &Document, key: &[u8]) -> String {
    name(pdf.catalog().unwrap().get(key).unwrap())
}

/// The viewer preferences' `/NonFullScreenPageMode`, if set.
fn non_full_screen_page_mode(pdf: &Document) -> Option<String> {
    let preferences = dict(pdf, pdf.catalog().unwrap().get(b"ViewerPreferences").ok()?);
    preferences.get(b"NonFullScreenPageMode").ok().map(name)
}

#[test]
fn the_pdf_opens_with_its_outline_or_full_screen() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    assert_eq!(catalog_name(&pdf, b"PageMode"), "UseOutlines");
    assert!(non_full_screen_page_mode(&pdf).is_none());

    fixture
        .run(&["deck.yaml", "-o", "full.pdf", "--fullscreen"])
        .success();
    let full = Document::load(fixture.path().join("full.pdf")).unwrap();
    assert_eq!(catalog_name(&full, b"PageMode"), "FullScreen");
    // Leaving full screen shows the outline: the key is read from the
    // viewer preferences (ISO 32000-1, table 150), not from the catalog.
    assert_eq!(
        non_full_screen_page_mode(&full).as_deref(),
        Some("UseOutlines")
    );
    assert!(full
        .catalog()
        .unwrap()
        .get(b"NonFullScreenPageMode")
        .is_err());

    let themed = PRESENT_DECK.replace(
        "    sections:",
        "    theme:\n      present:\n        fullscreen: true\n    sections:",
    );
    let pdf = build(&fixture, &themed);
    assert_eq!(catalog_name(&pdf, b"PageMode"), "FullScreen");
}

#[test]
fn page_labels_match_the_printed_page_numbers() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    let labels = dict(&pdf, pdf.catalog().unwrap().get(b"PageLabels").unwrap());
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    assert_eq!(nums.len(), 4, "{nums:?}");
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    assert_eq!(text(dict(&pdf, &nums[1]).get(b"P").unwrap()), "Title");
    assert_eq!(nums[2].as_i64().unwrap(), 1);
    let numbered = dict(&pdf, &nums[3]);
    assert_eq!(name(numbered.get(b"S").unwrap()), "D");
    assert_eq!(numbered.get(b"St").unwrap().as_i64().unwrap(), 2);
    // Page 5 (index 4) prints "5", the label its range gives it.
    let printed = pdf.extract_text(&[5]).unwrap();
    assert!(
        printed.split_whitespace().any(|word| word == "5"),
        "{printed:?}"
    );

    let untitled = PRESENT_DECK.replace("agenda: true", "agenda: true\n    title_slide: false");
    let pdf = build(&fixture, &untitled);
    let labels = dict(&pdf, pdf.catalog().unwrap().get(b"PageLabels").unwrap());
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    assert_eq!(nums.len(), 2);
    assert!(dict(&pdf, &nums[1]).get(b"St").is_err());
}

#[test]
fn each_page_has_the_nearest_transition() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    let transitions: Vec<String> = (0..PRESENT_PAGES)
        .map(|index| {
            let trans = dict(&pdf, page(&pdf, index).get(b"Trans").unwrap());
            let mut parts = vec![name(trans.get(b"S").unwrap())];
            if let Ok(seconds) = trans.get(b"D") {
                parts.push(format!("{}s", seconds.as_float().unwrap()));
            }
            if let Ok(degrees) = trans.get(b"Di") {
                parts.push(format!("{}°", degrees.as_i64().unwrap()));
            }
            parts.join(" ")
        })
        .collect();
    assert_eq!(
        transitions,
        [
            "Fade 0.5s",      // title: the deck's
            "Fade 0.5s",      // agenda: the deck's
            "Wipe 0.5s 180°", // divider: the section's, the deck's length
            "Wipe 0.5s 180°", // first slide: the section's
            "Push 2s 270°",   // its own
            "R 0.5s",         // `none`, in a section without one
        ]
    );
}

#[test]
fn without_transitions_pages_have_none() {
    let fixture = Fixture::new();
    let pdf = build(
        &fixture,
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: c
        ",
    );
    for index in 0..3 {
        assert!(page(&pdf, index).get(b"Trans").is_err());
    }
}

#[test]
fn a_url_in_a_caption_is_a_link_over_exactly_its_text() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    let links = annotations(&pdf, 3);
    assert_eq!(links.len(), 1, "{links:?}");
    let (subtype, link) = &links[0];
    assert_eq!(subtype, "Link");
    let action = dict(&pdf, link.get(b"A").unwrap());
    assert_eq!(
        text(action.get(b"URI").unwrap()),
        "https://example.org/talk"
    );
    // The URL sits between "Details at" and "today" on one line of the
    // caption, set at 48 pt: its rectangle starts well right of the 48 pt
    // margin and ends well short of the other. (`external` checks the words
    // under it with pdftotext.)
    let [left, bottom, right, top] = rect(link);
    assert!(left > 150.0 && right < 880.0, "{:?}", rect(link));
    assert!(top - bottom < 70.0, "one line high: {:?}", rect(link));
}

#[test]
fn a_slide_links_to_another_by_its_id() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    let links = annotations(&pdf, 4);
    assert_eq!(links.len(), 1);
    let link = &links[0].1;
    assert!(link.get(b"A").is_err());
    assert_eq!(text(link.get(b"Dest").unwrap()), "results");
    assert_eq!(destination_page(&pdf, link.get(b"Dest").unwrap()), 5);
}

#[test]
fn every_section_and_slide_has_a_named_destination() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    // Sorted by bytes, as a name tree must be; the slide id `results` and
    // the generated `slide:2.1` name the same page.
    assert_eq!(
        named_destinations(&pdf),
        [
            ("results".to_string(), 5),
            ("section:1".to_string(), 2),
            ("section:2".to_string(), 5),
            ("slide:1.1".to_string(), 3),
            ("slide:1.2".to_string(), 4),
            ("slide:2.1".to_string(), 5),
        ]
    );
    assert!(pdf.catalog().unwrap().get(b"Dests").is_err());
}

#[test]
fn the_agenda_links_each_section_to_its_first_page() {
    let fixture = Fixture::new();
    let pdf = build(&fixture, PRESENT_DECK);
    let agenda = pdf.extract_text(&[2]).unwrap();
    for word in ["Agenda", "Opening", "Findings"] {
        assert!(agenda.contains(word), "{agenda:?}");
    }
    let targets: Vec<(String, usize)> = annotations(&pdf, 1)
        .iter()
        .map(|(_, link)| {
            let dest = link.get(b"Dest").unwrap();
            (text(dest), destination_page(&pdf, dest))
        })
        .collect();
    // Opening's divider; Findings has no divider, so its first slide.
    assert_eq!(
        targets,
        [("section:1".to_string(), 2), ("section:2".to_string(), 5)]
    );
}

#[test]
fn notes_annotations_carry_each_slides_notes() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", PRESENT_DECK);
    fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--notes-annotations"])
        .success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    let notes: Vec<(usize, String)> = (0..PRESENT_PAGES)
        .flat_map(|index| {
            annotations(&pdf, index)
                .into_iter()
                .filter(|(subtype, _)| subtype == "Text")
                .map(move |(_, note)| (index, text(note.get(b"Contents").unwrap())))
        })
        .collect();
    assert_eq!(
        notes,
        [
            (3, "Say hello.".to_string()),
            (5, "Two lines:\nthe second one.".to_string())
        ]
    );
    // Each annotation is an object of its own (poppler can remove only
    // those, which is how pdfpc and pympress hide notes), and names its page.
    let page_ids = pages(&pdf);
    for (index, &page_id) in page_ids.iter().enumerate() {
        if let Ok(annots) = page(&pdf, index).get(b"Annots") {
            for annotation in annots.as_array().unwrap() {
                let id = annotation.as_reference().expect("an indirect annotation");
                let p = pdf.get_dictionary(id).unwrap().get(b"P").unwrap();
                assert_eq!(p.as_reference().unwrap(), page_id);
            }
        }
    }
    // Without the flag, notes stay out of the PDF.
    let plain = build(&fixture, PRESENT_DECK);
    assert!((0..PRESENT_PAGES)
        .flat_map(|index| annotations(&plain, index))
        .all(|(subtype, _)| subtype == "Link"));
}

/// Checks `json` against the rules of pdfpc's published schema
/// (https://pdfpc.github.io/schema/pdfpc/2): the keys each level allows,
/// the required ones, and their types.
fn assert_pdfpc_schema(json: &serde_json::Value) {
    let top = json.as_object().expect("an object");
    let allowed = [
        "pdfpcFormat",
        "duration",
        "startTime",
        "endTime",
        "endSlide",
        "savedSlide",
        "lastMinutes",
        "disableMarkdown",
        "noteFontSize",
        "defaultTransition",
        "beamerNotePosition",
        "pages",
    ];
    for key in top.keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "`{key}` is not in the schema"
        );
    }
    assert_eq!(top["pdfpcFormat"], 2);
    if let Some(duration) = top.get("duration") {
        assert!(duration.as_u64().is_some_and(|d| d >= 1), "{duration}");
    }
    if let Some(flag) = top.get("disableMarkdown") {
        assert!(flag.is_boolean());
    }
    let pages = top["pages"].as_array().expect("pages is an array");
    for page in pages {
        let page = page.as_object().expect("a page is an object");
        let allowed = ["idx", "label", "overlay", "forcedOverlay", "hidden", "note"];
        for key in page.keys() {
            assert!(allowed.contains(&key.as_str()), "page key `{key}`");
        }
        assert!(page["idx"].is_u64());
        assert!(page["label"].is_string());
        assert!(page["overlay"].is_u64());
        assert!(page.get("note").is_none_or(|n| n.is_string()));
    }
}

#[test]
fn a_pdfpc_file_with_the_notes_goes_beside_the_pdf() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", PRESENT_DECK);
    let stderr = fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    assert!(stderr.starts_with("wrote talk.pdf (6 pages, "), "{stderr}");
    assert!(stderr.ends_with(") and talk.pdfpc\n"), "{stderr}");
    let written = std::fs::read_to_string(fixture.path().join("talk.pdfpc")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_pdfpc_schema(&json);
    assert_eq!(json["duration"], 20);
    // Notes are Markdown, which pdfpc wraps (as plain text it does not).
    assert!(json.get("disableMarkdown").is_none(), "{written}");
    assert_eq!(
        json["pages"],
        serde_json::json!([
            {"idx": 3, "label": "4", "overlay": 0, "note": "Say hello."},
            {"idx": 5, "label": "6", "overlay": 0, "note": "Two lines:  \nthe second one."},
        ])
    );
}

#[test]
fn a_tab_in_notes_counts_as_four_spaces_in_the_pdfpc_file() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: Steps
                notes: \"Steps:\\n\\tfirst\\n\\t\\tdeeper\"
        ",
    );
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let written = std::fs::read_to_string(fixture.path().join("talk.pdfpc")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    let nbsp = |n: usize| "&#160;".repeat(n);
    assert_eq!(
        json["pages"][0]["note"],
        format!("Steps:  \n{}first  \n{}deeper", nbsp(4), nbsp(8))
    );
}

#[test]
fn no_pdfpc_file_without_notes_or_with_no_pdfpc() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", PRESENT_DECK);
    let stderr = fixture
        .run(&["deck.yaml", "-o", "talk.pdf", "--no-pdfpc"])
        .success();
    assert!(!stderr.contains("pdfpc"), "{stderr}");
    assert!(!fixture.path().join("talk.pdfpc").exists());

    fixture.write(
        "plain.yaml",
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: no notes here
        ",
    );
    fixture.run(&["plain.yaml", "-o", "plain.pdf"]).success();
    assert!(!fixture.path().join("plain.pdfpc").exists());
}

#[test]
fn a_failed_build_writes_no_pdfpc_file() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        &PRESENT_DECK.replace(
            "caption: Results",
            "caption: Results\n            image: gone.png",
        ),
    );
    let run = fixture.run(&["deck.yaml", "-o", "talk.pdf"]);
    assert_eq!(run.code(), 1);
    assert!(!fixture.path().join("talk.pdf").exists());
    assert!(!fixture.path().join("talk.pdfpc").exists());
}
