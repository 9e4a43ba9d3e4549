//! Presenter programs reading deckgen's PDF the way they do in use:
//! poppler's own API (as Okular, pdfpc and pympress call it) and pdfpc
//! itself, through `tests/presenters.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::present::{PRESENT_DECK, PRESENT_PAGES};
use crate::util::{needs, Fixture};

/// Debian's python3 with poppler's GObject bindings, or `None` when it is
/// missing and [`needs::unavailable`] lets the test skip.
fn python_with_poppler() -> Option<PathBuf> {
    let python = needs::python_with_poppler();
    if python.is_none() {
        needs::unavailable("python3 with python3-gi and gir1.2-poppler-0.18");
    }
    python
}

/// Whether `program` is on the PATH; if not, see [`needs::unavailable`].
fn on_path(program: &str) -> bool {
    let found = needs::on_path(program);
    if !found {
        needs::unavailable(program);
    }
    found
}

/// What `tests/presenters.py` reports about `pdf` with `args`.
fn presenters(python: &Path, args: &[&str], pdf: &Path) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/presenters.py");
    let mut command = Command::new(python);
    command.arg(script).arg(args[0]).arg(pdf).args(&args[1..]);
    let output = command.output().expect("run tests/presenters.py");
    assert!(
        output.status.success(),
        "presenters.py {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("presenters.py prints JSON")
}

/// What `tests/presenters.py` reports in `mode` (`pdfpc` or
/// `pdfpc-steps`) from pdfpc showing `pdf`.
fn pdfpc(python: &Path, mode: &str, pdf: &Path) -> serde_json::Value {
    // A free port for pdfpc's REST server, through which it says what it shows.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    presenters(python, &[mode, &port.to_string()], pdf)
}

#[test]
fn poppler_follows_every_link_by_name_and_removes_the_notes() {
    let Some(python) = python_with_poppler() else {
        return;
    };
    let fixture = Fixture::new();
    fixture.write("deck.yaml", PRESENT_DECK);
    fixture
        .run(&["deck.yaml", "-o", "talk.pdf", "--notes-annotations"])
        .success();
    let seen = presenters(&python, &["poppler"], &fixture.path().join("talk.pdf"));
    let named = |name: &str, page: usize| serde_json::json!({"named": name, "page": page});
    let links: Vec<&serde_json::Value> = (0..PRESENT_PAGES)
        .map(|index| &seen["pages"][index]["links"])
        .collect();
    // Named destinations (which pdfpc follows, and no other kind), each found
    // by poppler's find_dest on the page the agenda or the id names.
    assert_eq!(
        *links[1],
        serde_json::json!([named("section:1", 2), named("section:2", 5)])
    );
    assert_eq!(
        *links[3],
        serde_json::json!([{"uri": "https://example.org/talk"}])
    );
    assert_eq!(*links[4], serde_json::json!([named("results", 5)]));
    for index in [0, 2, 5] {
        assert_eq!(*links[index], serde_json::json!([]), "page {index}");
    }
    // Notes, read and then removed as pdfpc and pympress do it.
    let notes: Vec<(usize, &serde_json::Value, &serde_json::Value)> = (0..PRESENT_PAGES)
        .map(|index| {
            let page = &seen["pages"][index];
            (index, &page["notes"], &page["notes_left_after_removal"])
        })
        .filter(|(_, notes, _)| notes != &&serde_json::json!([]))
        .collect();
    assert_eq!(
        notes,
        [
            (3, &serde_json::json!(["Say hello."]), &serde_json::json!(0)),
            (
                5,
                &serde_json::json!(["Two lines:\nthe second one."]),
                &serde_json::json!(0)
            ),
        ]
    );
    // Bookmarks open named destinations too.
    let slide = |title: &str, name: &str, page: usize| serde_json::json!({"title": title, "named": name, "page": page});
    assert_eq!(
        seen["outline"],
        serde_json::json!([
            {
                "title": "Opening", "named": "section:1", "page": 2,
                "children": [
                    slide("Details at https://example.org/talk today", "slide:1.1", 3),
                    slide("Jump ahead", "slide:1.2", 4),
                ],
            },
            {
                "title": "Findings", "named": "section:2", "page": 5,
                "children": [slide("Results", "slide:2.1", 5)],
            },
        ])
    );

    // On a handout the same names lead to the sheet showing the slide.
    fixture
        .run(&["deck.yaml", "--handout", "4", "-o", "handout.pdf"])
        .success();
    let sheets = presenters(&python, &["poppler"], &fixture.path().join("handout.pdf"));
    assert_eq!(
        sheets["pages"][0]["links"],
        serde_json::json!([
            named("section:1", 0),
            named("section:2", 1),
            {"uri": "https://example.org/talk"},
        ])
    );
    assert_eq!(
        sheets["pages"][1]["links"],
        serde_json::json!([named("results", 1)])
    );
}

/// Notes with everything Markdown (and Discount, pdfpc's renderer) would
/// read as markup or replace.
const MARKUP_NOTES: &str = r"Two lines, *not* emphasis, _nor_ this; `code`, [a](link), <b>tags</b> & ~~strike~~ stay.
1/2 -- (c) a|b 2^3 {x} back\slash ...
# not a heading
- not a list
12. not a numbered list
> not a quote
===
    indented, not code

A second paragraph.";

#[test]
fn pdfpc_shows_the_notes_as_written_and_follows_every_link() {
    let Some(python) = python_with_poppler() else {
        return;
    };
    if !["pdfpc", "Xvfb", "xdotool"].into_iter().all(on_path) {
        return;
    }
    let fixture = Fixture::new();
    let block: String = MARKUP_NOTES
        .lines()
        .map(|line| format!("              {line}\n"))
        .collect();
    // Title, agenda, First, Second, the divider of T, Third; no transitions
    // (pdfpc takes a click during one as a page turn).
    let deck = format!(
        "title: Notes\nagenda: true\nduration: 5\nsections:\n  - title: S\n    divider: false\n    slides:\n      - id: first\n        caption: First\n        notes: Plain.\n      - caption: Second\n        link: \"#first\"\n        notes: |-\n{block}  - title: T\n    slides:\n      - caption: Third\n"
    );
    fixture.write_bytes("deck.yaml", deck.as_bytes());
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let shown = pdfpc(&python, "pdfpc", &fixture.path().join("talk.pdf"));
    assert_eq!(
        shown,
        serde_json::json!({
            "slides": 6,
            "duration": 5,
            "notes": {"2": "Plain.", "3": MARKUP_NOTES},
            // A click on each agenda entry and on the `#first` link opens
            // that page (a link pdfpc cannot follow just turns the page:
            // from the agenda to 2, from Second to 4).
            "followed": {
                "1": [["section:1", 2], ["section:2", 4]],
                "3": [["first", 2]],
            },
        })
    );
}

/// A deck of four slides, the second shown in three steps: pages 0; 1, 2,
/// 3; 4; 5.
const STEPS_DECK: &str = "title: Steps\nlanguage: en\ntitle_slide: false\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: Before\n      - title: Three\n        incremental: true\n        notes: On every step.\n        body: \"- one\\n- two\\n- three\"\n      - caption: After\n      - caption: Last\n";

#[test]
fn pdfpc_counts_slides_not_steps_and_its_next_slide_key_skips_the_steps() {
    let Some(python) = python_with_poppler() else {
        return;
    };
    if !["pdfpc", "Xvfb", "xdotool"].into_iter().all(on_path) {
        return;
    }
    let fixture = Fixture::new();
    fixture.write("deck.yaml", STEPS_DECK);
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let shown = pdfpc(&python, "pdfpc-steps", &fixture.path().join("talk.pdf"));
    assert_eq!(
        shown,
        serde_json::json!({
            // Six pages, four slides: the overview shows four thumbnails
            // and the counter runs to four.
            "pages": 6,
            "slides": 4,
            "slide_of_page": [0, 1, 1, 1, 2, 3],
            // pdfpc's next-slide key leaves the steps behind: from any
            // step of the second slide it goes to the third slide (from
            // the first, to the second's last step, as pdfpc does).
            "next_slide_from": [3, 4, 4, 4, 5, 5],
            // Its "go to slide N" counts slides too (and opens a slide's
            // last step).
            "goto_slide": [0, 3, 4, 5],
        })
    );
}

#[test]
fn poppler_and_pympress_see_the_steps_as_one_slide() {
    let Some(python) = python_with_poppler() else {
        return;
    };
    let fixture = Fixture::new();
    fixture.write("deck.yaml", STEPS_DECK);
    fixture
        .run(&["deck.yaml", "-o", "talk.pdf", "--notes-annotations"])
        .success();
    let pdf = fixture.path().join("talk.pdf");
    let seen = presenters(&python, &["poppler"], &pdf);
    let labels: Vec<&serde_json::Value> =
        (0..6).map(|page| &seen["pages"][page]["label"]).collect();
    assert_eq!(
        labels,
        ["1", "2", "2", "2", "3", "4"]
            .map(serde_json::Value::from)
            .each_ref()
    );
    // The notes are on every step.
    for page in 1..4 {
        assert_eq!(
            seen["pages"][page]["notes"],
            serde_json::json!(["On every step."])
        );
    }
    if !on_path("pympress") {
        return;
    }
    let seen = presenters(&python, &["pympress"], &pdf);
    assert_eq!(
        seen,
        serde_json::json!({
            "labels": ["1", "2", "2", "2", "3", "4"],
            // pympress's next-label key (`label_after`) goes to the last
            // step of the slide after the page it previews (from a step,
            // the last of its own slide's steps), its previous-label key to
            // the page before a slide's first step: the steps are one slide
            // to it.
            "next_slide_from": [3, 3, 3, 4, 5, 5],
            "previous_slide_from": [0, 0, 0, 0, 3, 4],
            "outline": [
                {"title": "S", "page": 0},
                {"title": "Before", "page": 0},
                {"title": "Three", "page": 1},
                {"title": "After", "page": 4},
                {"title": "Last", "page": 5},
            ],
        })
    );
}
