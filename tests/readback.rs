//! The same slides written as a YAML `body`, as a Pandoc deck and as a Marp
//! deck (`tests/fixtures/readback/`), built and read back from the PDF by
//! pdfplumber (`tests/readback.py`): the words with their boxes, fonts and
//! colours, the link annotations and the structure tree, as a reader or a
//! text extractor meets them.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::util::{needs, pdf_check_tagged, Fixture};

/// The three ways of writing the same slides.
const DECKS: [&str; 3] = ["deck.yaml", "talk-pandoc.md", "talk-marp.md"];

/// Two positions closer than this, in points, are the same.
const SAME: f64 = 0.5;

#[derive(Debug, Deserialize)]
struct ReadBack {
    pages: Vec<Page>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    words: Vec<Word>,
    links: Vec<LinkArea>,
    tree: Vec<Element>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Word {
    text: String,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    /// The font's name without its subset tag (`NotoSans-Bold`).
    font: String,
    /// The fill colour's components.
    colour: Vec<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct LinkArea {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    uri: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Element {
    #[serde(rename = "type")]
    kind: String,
    attributes: serde_json::Map<String, serde_json::Value>,
    children: Vec<Element>,
}

impl Word {
    fn is_bold(&self) -> bool {
        self.font.contains("Bold")
    }
    fn is_italic(&self) -> bool {
        self.font.contains("Italic")
    }
    fn is_mono(&self) -> bool {
        self.font.contains("Mono")
    }
    fn middle(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

impl Page {
    /// The page's first word: its title.
    fn title(&self) -> Option<&str> {
        self.words.first().map(|word| word.text.as_str())
    }

    /// The first word reading `text`.
    fn word(&self, text: &str) -> &Word {
        self.words
            .iter()
            .find(|word| word.text == text)
            .unwrap_or_else(|| panic!("no word `{text}` in {:?}", self.texts()))
    }

    fn texts(&self) -> Vec<&str> {
        self.words.iter().map(|word| word.text.as_str()).collect()
    }

    /// Every element of the page's structure tree, depth first.
    fn elements(&self) -> Vec<&Element> {
        fn walk<'a>(element: &'a Element, into: &mut Vec<&'a Element>) {
            into.push(element);
            for child in &element.children {
                walk(child, into);
            }
        }
        let mut all = Vec::new();
        for element in &self.tree {
            walk(element, &mut all);
        }
        all
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < SAME
}

/// Builds `deck` from the fixtures as slides and as a 6-up handout, checks
/// both with `pdf-check --expect-tagged`, and reads the slides back.
fn built(deck: &str, python: &Path) -> ReadBack {
    let fixture = Fixture::copy_of("readback");
    fixture.run(&[deck, "-o", "slides.pdf"]).success();
    fixture
        .run(&[deck, "-o", "handout.pdf", "--handout", "6"])
        .success();
    pdf_check_tagged(&fixture.path().join("slides.pdf"));
    pdf_check_tagged(&fixture.path().join("handout.pdf"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readback.py");
    let output = Command::new(python)
        .arg(script)
        .arg(fixture.path().join("slides.pdf"))
        .output()
        .expect("run tests/readback.py");
    assert!(
        output.status.success(),
        "readback.py failed on {deck}:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("readback.py prints JSON")
}

/// The page titled `title`.
fn slide<'a>(read: &'a ReadBack, title: &str, deck: &str) -> &'a Page {
    read.pages
        .iter()
        .find(|page| page.title() == Some(title))
        .unwrap_or_else(|| panic!("{deck}: no page titled `{title}`"))
}

#[test]
fn the_same_bodies_read_back_alike_from_yaml_pandoc_and_marp() {
    let Some(python) = needs::python_with_pdfplumber() else {
        needs::unavailable("python3 with pdfplumber (pip install pdfplumber)");
        return;
    };
    let read: Vec<ReadBack> = DECKS.iter().map(|deck| built(deck, &python)).collect();
    for (deck, read) in DECKS.iter().zip(&read) {
        lists_read_back(slide(read, "Lists", deck), deck);
        code_reads_back(slide(read, "Code", deck), deck);
        table_reads_back(slide(read, "Table", deck), deck);
        heading_reads_back(slide(read, "Summary", deck), deck);
        tree_reads_back(read, deck);
    }
    // The three decks draw the same words in the same places, fonts and
    // colours, with the same links.
    for title in ["Lists", "Code", "Table", "Summary"] {
        let yaml = slide(&read[0], title, DECKS[0]);
        for (deck, read) in DECKS.iter().zip(&read).skip(1) {
            let other = slide(read, title, deck);
            assert_eq!(yaml.words, other.words, "{deck}: `{title}` differs");
            assert_eq!(yaml.links, other.links, "{deck}: `{title}` differs");
        }
    }
}

/// One left edge for the items, nested items indented under their
/// parent's words, emphasis in its face, a link over its words only.
fn lists_read_back(page: &Page, deck: &str) {
    let [first, nested, third, second] =
        ["First", "nested", "third", "Second"].map(|t| page.word(t));
    assert!(same(first.x0, second.x0), "{deck}: {first:?} {second:?}");
    assert!(nested.x0 > first.x0 + 10.0, "{deck}: {nested:?}");
    assert!(third.x0 > nested.x0 + 10.0, "{deck}: {third:?}");
    let bullets: Vec<&Word> = page.words.iter().filter(|w| w.text == "•").collect();
    assert_eq!(bullets.len(), 2, "{deck}: {:?}", page.texts());
    assert!(same(bullets[0].x0, bullets[1].x0), "{deck}: {bullets:?}");
    assert!(
        bullets[0].x1 < first.x0,
        "{deck}: the bullet stands left of its words"
    );
    for word in [first, nested, third, second] {
        assert!(
            !word.is_bold() && !word.is_italic() && !word.is_mono(),
            "{deck}: {word:?}"
        );
    }
    let [bold, italic, mono] = ["bold", "italic", "mono"].map(|t| page.word(t));
    assert!(bold.is_bold() && !bold.is_italic(), "{deck}: {bold:?}");
    assert!(
        italic.is_italic() && !italic.is_bold(),
        "{deck}: {italic:?}"
    );
    assert!(mono.is_mono(), "{deck}: {mono:?}");
    // The link's annotation covers `the docs` and nothing before it: their
    // whole width, and their height but for the font's descent below the
    // line's box (pdfplumber's word box runs from ascent to descent).
    assert_eq!(page.links.len(), 1, "{deck}: {:?}", page.links);
    let link = &page.links[0];
    assert_eq!(link.uri.as_deref(), Some("https://example.org/docs"));
    for word in ["the", "docs"].map(|t| page.word(t)) {
        let overlap = link.bottom.min(word.bottom) - link.top.max(word.top);
        let covered = link.x0 <= word.x0 + SAME
            && link.x1 >= word.x1 - SAME
            && overlap >= 0.9 * (word.bottom - word.top);
        assert!(covered, "{deck}: {link:?} does not cover {word:?}");
    }
    let before = page.word("point,");
    assert!(
        link.x0 >= before.x1 - SAME,
        "{deck}: {link:?} covers {before:?}"
    );
    assert!(
        page.words.iter().all(|w| !w.text.contains("example.org")),
        "{deck}: the URL is printed: {:?}",
        page.texts()
    );
}

/// Monospace, four lines, indentation in whole columns, three colours or more.
fn code_reads_back(page: &Page, deck: &str) {
    let code: Vec<&Word> = page.words.iter().filter(|w| w.is_mono()).collect();
    let lines: BTreeSet<i64> = code.iter().map(|w| w.top.round() as i64).collect();
    assert_eq!(lines.len(), 4, "{deck}: {code:?}");
    assert_eq!(
        code.len(),
        page.words.len() - 1,
        "{deck}: all but the title is monospace: {:?}",
        page.texts()
    );
    let def = page.word("def");
    let column = (def.x1 - def.x0) / 3.0;
    for indented in ["#", "total", "return"].map(|t| page.word(t)) {
        assert!(
            same(indented.x0, def.x0 + 4.0 * column),
            "{deck}: {indented:?} is not four columns right of {def:?}"
        );
    }
    let colours: BTreeSet<String> = code.iter().map(|w| format!("{:?}", w.colour)).collect();
    assert!(colours.len() >= 3, "{deck}: {colours:?}");
}

/// Rows and columns: a bold header, text to the left, years centred,
/// numbers to the right.
fn table_reads_back(page: &Page, deck: &str) {
    let rows = [
        ["Model", "Year", "Parameters"],
        ["AlexNet", "2012", "61"],
        ["ResNet", "2015", "25"],
        ["GPT-3", "2020", "175000"],
    ]
    .map(|row| row.map(|t| page.word(t)));
    for (index, row) in rows.iter().enumerate() {
        let header = index == 0;
        for cell in row {
            assert!(
                same(cell.top, row[0].top),
                "{deck}: {cell:?} is off its row"
            );
            assert_eq!(cell.is_bold(), header, "{deck}: {cell:?}");
        }
        assert!(
            row[0].x1 < row[1].x0 && row[1].x1 < row[2].x0,
            "{deck}: {row:?}"
        );
        if let Some(next) = rows.get(index + 1) {
            assert!(
                next[0].top > row[0].bottom,
                "{deck}: {next:?} under {row:?}"
            );
        }
        assert!(same(row[0].x0, rows[0][0].x0), "{deck}: {row:?} left");
        assert!(
            same(row[1].middle(), rows[0][1].middle()),
            "{deck}: {row:?} centred"
        );
        assert!(same(row[2].x1, rows[0][2].x1), "{deck}: {row:?} right");
    }
}

/// A heading in the body is tagged one level under the slide's title.
fn heading_reads_back(page: &Page, deck: &str) {
    let levels: Vec<u32> = page
        .elements()
        .iter()
        .filter_map(|e| e.kind.strip_prefix('H')?.parse().ok())
        .collect();
    assert!(
        levels.len() == 2 && levels[1] == levels[0] + 1,
        "{deck}: headings {levels:?}"
    );
    assert!(page.word("Takeaway").is_bold(), "{deck}");
}

/// The structure tree has the elements of every body kind: lists, code,
/// tables with their header's scope, links.
fn tree_reads_back(read: &ReadBack, deck: &str) {
    let roles = |title: &str| -> BTreeSet<&str> {
        slide(read, title, deck)
            .elements()
            .into_iter()
            .map(|e| e.kind.as_str())
            .collect()
    };
    let has = |title: &str, wanted: &[&str]| {
        let roles = roles(title);
        for role in wanted {
            assert!(
                roles.contains(role),
                "{deck}: `{title}`: no {role} in {roles:?}"
            );
        }
    };
    has("Lists", &["L", "LI", "Lbl", "LBody", "Link"]);
    has("Code", &["Code"]);
    has("Table", &["Table", "THead", "TBody", "TR", "TH", "TD"]);
    let table = slide(read, "Table", deck).elements();
    let headers: Vec<&&Element> = table.iter().filter(|e| e.kind == "TH").collect();
    assert_eq!(headers.len(), 3, "{deck}");
    for header in headers {
        assert_eq!(
            header.attributes.get("Scope"),
            Some(&serde_json::json!("Column")),
            "{deck}"
        );
    }
    let lists = slide(read, "Lists", deck)
        .elements()
        .into_iter()
        .filter(|e| e.kind == "L")
        .count();
    assert_eq!(lists, 3, "{deck}: a list in a list in a list");
}
