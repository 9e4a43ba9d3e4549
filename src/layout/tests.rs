//! Layout invariants on pure data: decks built in memory, every aspect,
//! extreme text and image shapes.

use std::path::Path;

use crate::diag::{Diagnostics, Severity};
use crate::frame::{dump, untagged, Document, Item};
use crate::geom::Pt;
use crate::image::ImageStore;
use crate::model::{parse_and_validate, Aspect, Deck};
use crate::text::FontSet;

use super::{check_page, layout, on_paper, Paper, PaperLayout, PaperOptions, HANDOUT_SIZES};

/// Pixel sizes of the images the test decks name.
const IMAGES: &[(&str, u32, u32)] = &[
    ("square.png", 500, 500),
    ("wide.png", 10_000, 1),
    ("tall.png", 1, 10_000),
    ("dot.png", 1, 1),
    ("photo.jpg", 4000, 3000),
];

/// Reads `yaml` with `aspect` into a deck, which must be valid.
fn parse(yaml: &str, aspect: &str, diagnostics: &mut Diagnostics) -> Deck {
    let yaml = yaml.replace("ASPECT", aspect);
    let deck = parse_and_validate(&yaml, Path::new("deck.yaml"), Path::new(""), diagnostics)
        .expect("the test deck parses");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    deck
}

/// Lays out `yaml` with `aspect`, returning the document and the diagnostics.
fn lay_out(yaml: &str, aspect: &str) -> (Document, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let deck = parse(yaml, aspect, &mut diagnostics);
    let images = ImageStore::with_sizes(IMAGES);
    let document = layout(&deck, &FontSet::builtin(), &images, &mut diagnostics);
    (document, diagnostics)
}

fn every_aspect() -> impl Iterator<Item = &'static str> {
    Aspect::NAMES.iter().copied()
}

/// Decks that push the layout: long and short text, every image shape, both fits.
fn hard_decks() -> Vec<String> {
    let long =
        "A caption that goes on and on about overfitting, regularization and luck ".repeat(6);
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(3);
    let mut decks = vec![format!(
        "
title: {long}
agenda: true
subtitle: {long}
author: {long}
date: {long}
theme:
  aspect: 'ASPECT'
  footer: {long}
sections:
  - title: {long}
    intro: {long}
    slides:
      - title: {long}
        caption: {long}
        image: wide.png
      - caption: {word} {word}
        image: tall.png
        fit: cover
      - caption: {long}
      - caption: {word}
      - image: dot.png
        link: https://example.org
"
    )];
    for fit in ["contain", "cover"] {
        let mut deck = String::from("title: T\ntheme:\n  aspect: 'ASPECT'\n  title_size: 72\n  caption_size: 40\nsections:\n");
        deck.push_str("  - title: Σ Ünïcødé — «quotes» ‘and’ “more”\n    slides:\n");
        for (image, _, _) in IMAGES {
            deck.push_str(&format!(
                "      - caption: Short\n        image: {image}\n        fit: {fit}\n"
            ));
            deck.push_str(&format!("      - image: {image}\n        fit: {fit}\n"));
        }
        decks.push(deck);
    }
    // Text that draws nothing: a zero-width space, a lone combining accent, a soft hyphen.
    decks.push(
        "title: \"\\u200B\"\ntheme:\n  aspect: 'ASPECT'\n  footer: \"\\u00AD\"\nsections:\n  - title: \"\\u0301\"\n    slides:\n      - caption: \"\\u200B\"\n      - title: \"\\uFEFF\"\n        image: square.png\n"
            .to_string(),
    );
    // The largest sizes the theme allows, on every page size.
    decks.push(format!(
        "title: {long}\nsubtitle: S\nauthor: A\ndate: D\ntheme:\n  aspect: 'ASPECT'\n  title_size: 300\n  caption_size: 300\n  footer: F\nsections:\n  - title: S\n    intro: I\n    slides:\n      - caption: C\n        image: photo.jpg\n      - caption: C\n"
    ));
    // Many sections on the agenda, and URLs that wrap across lines.
    let mut many = String::from("title: T\nagenda: true\ntheme:\n  aspect: 'ASPECT'\nsections:\n");
    for number in 1..=30 {
        many.push_str(&format!(
            "  - title: Section {number} {}\n    slides:\n      - caption: see https://example.org/{}/end and {long}\n        image: square.png\n",
            "long ".repeat(number % 7),
            "path".repeat(number),
        ));
    }
    decks.push(many);
    decks.push(layouts_deck(&long));
    decks.push(layouts_deck("Short"));
    // A logo in every corner, over every layout; the last with nothing
    // else in the footer's row.
    for position in crate::model::LogoPosition::NAMES {
        let logo = format!("  footer: F\n  logo: wide.png\n  logo_position: {position}\n");
        decks.push(layouts_deck(&long).replace("  footer: F\n", &logo));
    }
    decks.push(layouts_deck("Short").replace(
        "  footer: F\n",
        "  page_numbers: false\n  progress: true\n  logo: tall.png\n  logo_position: bottom-left\n",
    ));
    decks.push(
        "title: T\ntitle_slide: false\ntheme:\n  aspect: 'ASPECT'\n  page_numbers: false\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: \"one\\n\\ntwo\\nthree\"\n"
            .to_string(),
    );
    decks
}

/// A slide in every layout, with `text` as every caption and title.
fn layouts_deck(text: &str) -> String {
    format!(
        "
title: T
language: de
theme:
  aspect: 'ASPECT'
  footer: F
sections:
  - title: {text}
    layout: full
    slides:
      - image: photo.jpg
        caption: {text}
        credit: {text}
        link: https://example.org
      - image: tall.png
        band: top
        title: {text}
      - layout: image-left
        image: wide.png
        credit: {text}
        caption: {text}
      - layout: image-right
        split: 0.7
        image: photo.jpg
        fit: cover
        caption: {text}
      - layout: quote
        caption: {text}
        attribution: {text}
      - layout: statement
        title: {text}
        caption: {text}
      - layout: pair
        caption: {text}
        images:
          - square.png
          - image: wide.png
            caption: {text}
          - image: tall.png
            fit: cover
"
    )
}

/// Text runs of `page` whose text starts with `start`.
fn runs<'a>(page: &'a crate::frame::Page, start: &str) -> Vec<&'a crate::frame::TextRun> {
    untagged(&page.items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.text.starts_with(start) => Some(run),
            _ => None,
        })
        .collect()
}

#[test]
fn each_layout_places_its_pieces() {
    use crate::frame::{Layer, Page};
    use crate::geom::Rect;
    for aspect in every_aspect() {
        let (document, _) = lay_out(&layouts_deck("Short"), aspect);
        let size = Aspect::parse(aspect).unwrap().page_size();
        let page = |n: usize| -> &Page { &document.pages[n] };
        let image = |page: &Page| {
            untagged(&page.items)
                .into_iter()
                .find_map(|item| match item {
                    Item::Image(image) => Some(image.clone()),
                    _ => None,
                })
        };
        let band = |page: &Page| {
            untagged(&page.items)
                .into_iter()
                .find_map(|item| match item {
                    Item::Rect(rect) if rect.layer == Layer::Band => Some(rect.rect),
                    _ => None,
                })
        };
        // Page 1 is the title, 2 the divider; `full` with its band at the bottom.
        let full = image(page(2)).expect("an image");
        assert_eq!(full.layer, Layer::Underlay);
        assert_eq!(full.visible(), Rect::from_size(size), "{aspect}");
        let bottom = band(page(2)).expect("a band");
        assert!((bottom.bottom().0 - size.height.0).abs() < 1e-9 && bottom.x.0 == 0.0);
        for run in runs(page(2), "Short") {
            assert!(bottom.contains(&run.bounds), "{aspect}: text off its band");
        }
        // `band: top`.
        let top = band(page(3)).expect("a band");
        assert_eq!(top.y.0, 0.0);
        assert!(runs(page(3), "Short")
            .iter()
            .all(|r| top.contains(&r.bounds)));
        // `image-left`: the image left of the text, its credit right under
        // it, flush with its right edge; `image-right` at 0.7.
        let left = image(page(4)).expect("an image").visible();
        let (credit, text): (Vec<_>, Vec<_>) = runs(page(4), "Short")
            .into_iter()
            .partition(|r| r.bounds.x < left.right());
        assert!(text.iter().all(|r| r.bounds.x > left.right()), "{aspect}");
        assert_eq!(credit.len(), 1, "{aspect}");
        assert!((credit[0].bounds.y.0 - left.bottom().0).abs() < 1e-9);
        assert!((credit[0].bounds.right().0 - left.right().0).abs() < 1e-6);
        let right = image(page(5)).expect("an image").visible();
        assert!(runs(page(5), "Short")
            .iter()
            .all(|r| r.bounds.right() < right.x));
        let content = size.width.0 * 0.9;
        assert!(
            (right.width.0 / content - 0.7).abs() < 0.05,
            "{aspect}: {right:?}"
        );
        // `quote`: German quotation marks, the attribution under it.
        let quote = runs(page(6), "„Short“");
        let by = runs(page(6), "— Short");
        assert!(quote.len() == 1 && by.len() == 1, "{aspect}");
        assert!(by[0].bounds.y > quote[0].bounds.bottom());
        // `statement`: at display size, three times the caption size.
        let statement: Vec<_> = runs(page(7), "Short");
        let largest = statement.iter().map(|r| r.size.0).fold(0.0, f64::max);
        assert_eq!(largest, 72.0, "{aspect}");
        // `pair`: three pictures left to right in equal cells, a caption under
        // the second, the slide's caption under all of them.
        let pictures: Vec<Rect> = untagged(&page(8).items)
            .into_iter()
            .filter_map(|item| match item {
                Item::Image(image) => image.clip.or(Some(image.placed)),
                _ => None,
            })
            .collect();
        assert_eq!(pictures.len(), 3, "{aspect}");
        assert!(pictures.windows(2).all(|p| p[0].right() < p[1].x));
        let captions = runs(page(8), "Short");
        assert_eq!(captions.len(), 3, "{aspect}: title and two captions");
        let lowest = pictures.iter().map(|p| p.bottom().0).fold(0.0, f64::max);
        assert!(
            captions[1..].iter().all(|r| r.bounds.y.0 >= lowest),
            "{aspect}"
        );
    }
}

#[test]
fn a_slide_sets_its_own_background_and_text_turns_light_on_dark() {
    let deck = "title: T\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: dark\n        background: '#101010'\n      - caption: own\n        background: '#101010'\n        text_color: '#ffcc00'\n      - caption: photo\n        background_image: photo.jpg\n";
    let (document, diagnostics) = lay_out(deck, "16:9");
    assert!(!diagnostics.has_errors());
    let colour_of = |page: usize, text: &str| {
        runs(&document.pages[page], text)
            .first()
            .map(|run| run.color.to_string())
    };
    assert_eq!(document.pages[1].background.to_string(), "#101010");
    assert_eq!(colour_of(1, "dark").as_deref(), Some("#ffffff"));
    assert_eq!(colour_of(2, "own").as_deref(), Some("#ffcc00"));
    // The picture covers the page, under the text, and is drawn first.
    let Some(Item::Image(under)) = untagged(&document.pages[3].items).first().copied() else {
        panic!("the background picture first")
    };
    assert_eq!(under.layer, crate::frame::Layer::Underlay);
    assert_eq!(
        under.visible(),
        crate::geom::Rect::from_size(document.pages[3].size)
    );
}

#[test]
fn hard_to_read_text_is_a_warning_naming_the_first_slide() {
    let deck = "title: T\ntheme:\n  text_color: '#999999'\nsections:\n  - title: S\n    slides:\n      - caption: one\n      - caption: two\n";
    let (_, diagnostics) = lay_out(deck, "16:9");
    let warnings: Vec<String> = diagnostics
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: deck.yaml:7:9: text in `#999999` on `#ffffff` on slide 1 in section `S` has a contrast of 2.8:1, below 4.5:1 (WCAG AA)",
            // The page number fades further towards the page.
            "warning: deck.yaml:7:9: the footer or page number in `#c2c2c2` on `#ffffff` on slide 1 in section `S` has a contrast of 1.8:1, below 2.5:1 (the least for faded page furniture)",
        ]
    );
    // Every preset, and text on a full slide's band, reads well.
    for preset in ["light", "dark", "contrast", "ink"] {
        let deck = layouts_deck("Short")
            .replace("  footer: F", &format!("  footer: F\n  preset: {preset}"));
        let (_, diagnostics) = lay_out(&deck, "16:9");
        let contrast = diagnostics
            .sorted()
            .iter()
            .any(|d| d.message.contains("contrast"));
        assert!(!contrast, "{preset}: {:?}", diagnostics.sorted());
    }
}

#[test]
fn nothing_leaves_the_page_or_overlaps_on_any_aspect() {
    for deck in hard_decks() {
        for aspect in every_aspect() {
            let (document, _) = lay_out(&deck, aspect);
            let size = Aspect::parse(aspect).unwrap().page_size();
            for (index, page) in document.pages.iter().enumerate() {
                assert_eq!(page.size, size);
                let problems = check_page(page);
                assert!(
                    problems.is_empty(),
                    "{aspect}, page {}: {problems:#?}",
                    index + 1
                );
            }
        }
    }
}

#[test]
fn images_keep_their_aspect_ratio() {
    for deck in hard_decks() {
        for aspect in every_aspect() {
            let (document, _) = lay_out(&deck, aspect);
            for item in document.pages.iter().flat_map(|p| untagged(&p.items)) {
                if let Item::Image(image) = item {
                    let (_, width, height) = IMAGES[usize::from(image.image.key().0[0])];
                    let expected = f64::from(width) / f64::from(height);
                    let actual = image.placed.width.0 / image.placed.height.0;
                    assert!(
                        (actual / expected - 1.0).abs() < 1e-6,
                        "{aspect}: {actual} vs {expected}"
                    );
                }
            }
        }
    }
}

#[test]
fn text_that_is_cut_is_flagged() {
    for deck in hard_decks() {
        for aspect in every_aspect() {
            let (document, diagnostics) = lay_out(&deck, aspect);
            let cut = document
                .pages
                .iter()
                .flat_map(|p| untagged(&p.items))
                .filter(|item| matches!(item, Item::Text(run) if run.text.ends_with('…')))
                .count();
            let warned = diagnostics
                .sorted()
                .iter()
                .filter(|d| {
                    d.severity == Severity::Warning && d.message.ends_with("cut with an ellipsis")
                })
                .count();
            assert!(
                cut == 0 || warned > 0,
                "{aspect}: {cut} cut lines but no warning"
            );
            assert!(
                warned == 0 || cut > 0,
                "{aspect}: a warning but nothing cut"
            );
        }
    }
}

#[test]
fn huge_type_sizes_still_show_every_text() {
    let deck = "title: Title\nsubtitle: Sub\nauthor: Author\ndate: Date\ntheme:\n  aspect: 'ASPECT'\n  title_size: 300\n  caption_size: 300\n  footer: Foot\nsections:\n  - title: Section\n    intro: Intro\n    slides:\n      - caption: Caption\n        image: photo.jpg\n      - caption: Large\n";
    for aspect in every_aspect() {
        let (document, _) = lay_out(deck, aspect);
        let texts: Vec<Vec<String>> = document
            .pages
            .iter()
            .map(|page| {
                untagged(&page.items)
                    .into_iter()
                    .filter_map(|item| match item {
                        Item::Text(run) => Some(run.text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let expected: [&[&str]; 4] = [
            &["Title", "Sub", "Author", "Date"],
            &["Section 1", "Section", "Intro", "Foot", "2"],
            &["Section", "Caption", "Foot", "3"],
            &["Section", "Large", "Foot", "4"],
        ];
        for (page, words) in texts.iter().zip(expected) {
            for word in words {
                assert!(
                    page.iter().any(|t| t == word),
                    "{aspect}: `{word}` missing from {page:?}"
                );
            }
        }
    }
}

#[test]
fn long_text_shrinks_but_not_below_half_size() {
    let deck = "title: T\ntheme:\n  aspect: 'ASPECT'\nsections:\n  - title: S\n    slides:\n      - caption: CAPTION\n        image: square.png\n";
    let caption =
        "Try different hyper-parameters. Sometimes you hit the jackpot, and sometimes you do not. "
            .repeat(3);
    let (document, diagnostics) = lay_out(&deck.replace("CAPTION", &caption), "16:9");
    let sizes: Vec<Pt> = untagged(&document.pages[2].items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.text.starts_with("Try") || run.text.starts_with("jackpot") => {
                Some(run.size)
            }
            _ => None,
        })
        .collect();
    assert!(!sizes.is_empty());
    assert!(sizes.iter().all(|s| s.0 < 24.0 && s.0 >= 12.0), "{sizes:?}");
    assert_eq!(diagnostics.count(Severity::Warning), 0);
}

#[test]
fn titles_are_set_at_their_size_when_they_fit() {
    let (document, _) = lay_out("title: T\ntheme:\n  aspect: 'ASPECT'\nsections:\n  - title: S\n    slides:\n      - caption: Hi\n", "4:3");
    let title = untagged(&document.pages[2].items)
        .into_iter()
        .find_map(|item| match item {
            Item::Text(run) if run.text == "S" => Some(run.size),
            _ => None,
        });
    assert_eq!(title, Some(Pt(40.0)));
}

#[test]
fn outline_labels_prefer_own_titles_then_captions() {
    let (document, _) = lay_out(
        "title: T\ntheme:\n  aspect: 'ASPECT'\nsections:\n  - title: S\n    slides:\n      - title: S\n        caption: \"Two\\nlines\"\n      - title: Own\n        caption: C\n      - image: dot.png\n",
        "16:9",
    );
    let labels: Vec<&str> = document.outline[0]
        .children
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(labels, ["Two lines", "Own", "S"]);
    let pages: Vec<usize> = document.outline[0]
        .children
        .iter()
        .map(|e| document.destinations[&e.destination])
        .collect();
    assert_eq!(pages, [2, 3, 4]);
}

#[test]
fn slides_on_paper_stay_inside_their_cells_for_every_deck_and_aspect() {
    let layouts = HANDOUT_SIZES
        .iter()
        .map(|&n| PaperLayout::Handout(n))
        .chain([PaperLayout::NotesPages]);
    let layouts: Vec<PaperLayout> = layouts.collect();
    for deck_text in hard_decks() {
        for aspect in every_aspect() {
            let mut diagnostics = Diagnostics::new();
            let deck = parse(&deck_text, aspect, &mut diagnostics);
            let fonts = FontSet::builtin();
            let images = ImageStore::with_sizes(IMAGES);
            let slides = layout(&deck, &fonts, &images, &mut diagnostics);
            for (index, &paper_layout) in layouts.iter().enumerate() {
                let options = PaperOptions {
                    paper: if index % 2 == 0 {
                        Paper::A4
                    } else {
                        Paper::Letter
                    },
                    skip_dividers: index == 3,
                    date: Some("1 December 2026".into()),
                };
                // `on_paper` asserts every sheet's invariants in debug builds.
                let sheets = on_paper(
                    &slides,
                    &deck,
                    &fonts,
                    &images,
                    paper_layout,
                    &options,
                    &mut diagnostics,
                );
                for sheet in &sheets.pages {
                    for item in untagged(&sheet.items) {
                        let Item::Group(group) = item else { continue };
                        let cell = group.bounds();
                        for (rect, _) in crate::frame::placed_links(std::slice::from_ref(item)) {
                            assert!(
                                cell.contains(&rect),
                                "{aspect} {paper_layout:?}: {rect:?} outside {cell:?}"
                            );
                        }
                        let scale = group.transform.scale;
                        let shape = (cell.width.0 / cell.height.0)
                            / (group.size.width.0 / group.size.height.0);
                        assert!(
                            (shape - 1.0).abs() < 1e-9 && scale > 0.0,
                            "{aspect} {paper_layout:?}: squashed"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_wrapped_url_is_linked_on_each_line_it_touches() {
    let url = format!("https://example.org/{}", "a-long-path/".repeat(12));
    let deck = format!("title: T\ntitle_slide: false\ntheme:\n  aspect: 'ASPECT'\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: Read {url} today\n        image: square.png\n");
    let (document, _) = lay_out(&deck, "4:3");
    let page = &document.pages[0];
    let lines: Vec<_> = untagged(&page.items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.text != "S" && run.text != "1" => Some(run),
            _ => None,
        })
        .collect();
    let links: Vec<_> = untagged(&page.items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Link(link) => Some(link),
            _ => None,
        })
        .collect();
    assert!(lines.len() >= 2, "the URL wraps: {lines:?}");
    assert_eq!(links.len(), lines.len(), "one area per line");
    for link in &links {
        assert_eq!(link.target, crate::frame::LinkTarget::Url(url.clone()));
        let line = lines
            .iter()
            .find(|run| run.bounds.y == link.rect.y)
            .expect("each area lies on a line");
        assert!(line.bounds.contains(&link.rect), "{link:?} in {line:?}");
    }
    // "Read " and " today" are not part of the link.
    assert!(links[0].rect.x > lines[0].bounds.x);
    let last = lines.last().unwrap();
    assert!(links.last().unwrap().rect.right() < last.bounds.right());
}

/// The display list of a small deck on every aspect, compared with
/// `tests/snapshots/layout-<aspect>.txt`. After an intended layout change,
/// rewrite them with `UPDATE_SNAPSHOTS=1 cargo test` and review the diff.
#[test]
fn display_lists_match_their_snapshots() {
    let deck = "title: Deep Learning, Explained With Memes\nsubtitle: What is machine learning, really?\nauthor: A. Speaker\ndate: 26 November 2026\nagenda: true\ntransition: fade\ntheme:\n  aspect: 'ASPECT'\n  footer: A footer\nsections:\n  - title: What is machine learning?\n    intro: It does whatever you train it to do.\n    transition: push down\n    slides:\n      - caption: A photo, whole\n        image: photo.jpg\n      - title: Its own title\n        caption: The same photo, covering its box\n        image: photo.jpg\n        fit: cover\n        link: \"#last\"\n      - id: last\n        caption: How big are these deep networks? See https://example.org\n        transition: dissolve\n        transition_duration: 1.5\n  - title: Two\n    divider: false\n    slides:\n      - caption: Last\n";
    for aspect in every_aspect() {
        let (document, _) = lay_out(deck, aspect);
        matches_snapshot(
            &format!("layout-{}.txt", aspect.replace(':', "x")),
            &dump(&document),
        );
    }
}

/// Compares `actual` with `tests/snapshots/<name>`, or writes it there when
/// `UPDATE_SNAPSHOTS` is set.
fn matches_snapshot(name: &str, actual: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let file = folder.join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(&file, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1",
            file.display()
        )
    });
    assert!(
        actual == expected,
        "{} differs; if the change is intended, run UPDATE_SNAPSHOTS=1 cargo test and review the diff\n{actual}",
        file.display()
    );
}

/// A deck with a slide of every layout (`full` with its band at the
/// bottom and at the top), alt texts and speaker notes, for the snapshots
/// of slides, paper and tags.
const EVERY_LAYOUT: &str = "
title: Every layout
author: A. Speaker
theme:
  aspect: 'ASPECT'
  footer: F
sections:
  - title: Layouts
    slides:
      - title: Standard
        caption: A photo beside its caption
        image: photo.jpg
        alt: A photo of four by three
        notes: |
          First note.

          Second note, after a blank line.
      - layout: full
        image: photo.jpg
        alt: The photo, edge to edge
        caption: Full, band at the bottom
        credit: Photo credit
        link: https://example.org
      - layout: full
        image: tall.png
        alt: A tall strip
        band: top
        title: Full, band at the top
      - layout: image-left
        image: wide.png
        alt: A wide strip
        credit: Strip credit
        caption: Image on the left
      - layout: image-right
        split: 0.7
        image: photo.jpg
        alt: The photo, cropped
        fit: cover
        caption: Image on the right
        notes: Say what the cropped photo shows.
      - layout: quote
        caption: A quotation worth a slide of its own
        attribution: Someone Wise
      - layout: statement
        title: One statement
        caption: And what follows from it
      - layout: pair
        caption: Three pictures
        images:
          - image: square.png
            alt: A square
          - image: wide.png
            alt: A wide strip
            caption: Wide
          - image: tall.png
            alt: \"\"
            fit: cover
";

/// The slides of [`EVERY_LAYOUT`] at 16:9, laid out, with their deck.
fn every_layout_slides() -> (Deck, Document) {
    let mut diagnostics = Diagnostics::new();
    let deck = parse(EVERY_LAYOUT, "16:9", &mut diagnostics);
    let images = ImageStore::with_sizes(IMAGES);
    let slides = layout(&deck, &FontSet::builtin(), &images, &mut diagnostics);
    (deck, slides)
}

/// The first sheet of [`EVERY_LAYOUT`] on A4 with `paper_layout`.
fn every_layout_on_paper(paper_layout: PaperLayout) -> Document {
    let (deck, slides) = every_layout_slides();
    let options = PaperOptions {
        paper: Paper::A4,
        skip_dividers: true,
        date: Some("1 December 2026".into()),
    };
    let mut sheets = on_paper(
        &slides,
        &deck,
        &FontSet::builtin(),
        &ImageStore::with_sizes(IMAGES),
        paper_layout,
        &options,
        &mut Diagnostics::new(),
    );
    sheets.pages.truncate(1);
    sheets
}

/// Every layout's display list, one handout sheet and one notes page,
/// compared with `tests/snapshots/{layouts,handout,notes}-16x9.txt`.
#[test]
fn every_layout_and_paper_match_their_snapshots() {
    let (_, slides) = every_layout_slides();
    matches_snapshot("layouts-16x9.txt", &dump(&slides));
    let handout = every_layout_on_paper(PaperLayout::Handout(6));
    matches_snapshot("handout-16x9.txt", &dump(&handout));
    let notes = every_layout_on_paper(PaperLayout::NotesPages);
    matches_snapshot("notes-16x9.txt", &dump(&notes));
}

/// The tag roles of every layout's pages, the handout sheet and the notes
/// page, compared with `tests/snapshots/tags-16x9.txt`.
#[test]
fn tag_roles_match_their_snapshot() {
    let (_, slides) = every_layout_slides();
    let mut out = String::new();
    for (name, document) in [
        ("slides", &slides),
        ("handout", &every_layout_on_paper(PaperLayout::Handout(6))),
        ("notes", &every_layout_on_paper(PaperLayout::NotesPages)),
    ] {
        for (index, page) in document.pages.iter().enumerate() {
            out.push_str(&format!("{name} page {}\n", index + 1));
            dump_tags(&page.items, 1, &mut out);
        }
    }
    matches_snapshot("tags-16x9.txt", &out);
}

/// The structure `items` make, one line per node with its role, indented by
/// depth; under a node, each text, picture and link in it. Items in no
/// node are artifacts, which a reader skips, and are left out; a slide
/// drawn on a sheet (a group) starts afresh.
fn dump_tags(items: &[Item], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for item in items {
        match item {
            Item::Tagged(node) => {
                out.push_str(&format!("{indent}{:?}\n", node.role));
                dump_content(&node.items, depth + 1, out);
            }
            Item::Group(group) => {
                out.push_str(&format!("{indent}slide drawn on the sheet\n"));
                dump_tags(&group.items, depth + 1, out);
            }
            Item::Text(_) | Item::Image(_) | Item::Rect(_) | Item::Line(_) | Item::Link(_) => {}
        }
    }
}

/// The items of a node: nodes inside it, and its texts, pictures and links.
fn dump_content(items: &[Item], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for item in items {
        match item {
            Item::Text(run) => out.push_str(&format!("{indent}text {:?}\n", run.text)),
            Item::Image(_) => out.push_str(&format!("{indent}image\n")),
            Item::Link(link) => out.push_str(&format!("{indent}link {}\n", link.target)),
            Item::Rect(_) | Item::Line(_) => {}
            Item::Tagged(_) | Item::Group(_) => dump_tags(std::slice::from_ref(item), depth, out),
        }
    }
}

#[test]
fn right_to_left_languages_put_the_page_number_on_the_left() {
    let deck = "
        title: T
        language: LANGUAGE
        title_slide: false
        theme:
          aspect: \"ASPECT\"
          footer: F
        sections:
          - title: A
            divider: false
            slides:
              - caption: x
        ";
    let sides = |language: &str| {
        let (document, _) = lay_out(&deck.replace("LANGUAGE", language), "16:9");
        let x_of = |text: &str| {
            untagged(&document.pages[0].items)
                .into_iter()
                .find_map(|item| match item {
                    Item::Text(run) if run.text == text => Some(run.bounds.x),
                    _ => None,
                })
                .expect("drawn")
        };
        (x_of("1"), x_of("F"))
    };
    let (number, footer) = sides("en");
    assert!(number > footer, "{number:?} {footer:?}");
    let (number, footer) = sides("he");
    assert!(number < footer, "{number:?} {footer:?}");
}

/// The logo decks of `hard_decks` really draw a logo, in its corner, on
/// every page: the invariant tests above run over it.
#[test]
fn the_logo_stands_in_its_corner_on_every_aspect() {
    use crate::model::LogoPosition;
    for (index, position) in LogoPosition::NAMES.iter().enumerate() {
        let logo = format!("  footer: F\n  logo: wide.png\n  logo_position: {position}\n");
        let deck = layouts_deck("Short").replace("  footer: F\n", &logo);
        let position = LogoPosition::parse(position).unwrap();
        for aspect in every_aspect() {
            let (document, _) = lay_out(&deck, aspect);
            let size = Aspect::parse(aspect).unwrap().page_size();
            for (number, page) in document.pages.iter().enumerate().skip(1) {
                // 10000:1 `wide.png` is as wide as four times the box's height.
                let width = size.height.0 * 0.065 * 0.6 * 4.0;
                let logos: Vec<crate::geom::Rect> = untagged(&page.items)
                    .into_iter()
                    .filter_map(|item| match item {
                        Item::Image(image) if (image.placed.width.0 - width).abs() < 0.01 => {
                            Some(image.placed)
                        }
                        _ => None,
                    })
                    .collect();
                let context = format!("{aspect}, case {index}, page {}", number + 1);
                assert_eq!(logos.len(), 1, "{context}: {logos:?}");
                let logo = logos[0];
                let side = size.width * 0.05;
                if position.at_right() {
                    assert!(
                        (logo.right().0 - (size.width - side).0).abs() < 0.01,
                        "{context}"
                    );
                } else {
                    assert!((logo.x.0 - side.0).abs() < 0.01, "{context}");
                }
                assert_eq!(
                    position.at_bottom(),
                    logo.y > size.height / 2.0,
                    "{context}"
                );
            }
            // None on the title slide.
            let title = &document.pages[0];
            assert!(!untagged(&title.items)
                .into_iter()
                .any(|item| matches!(item, Item::Image(_))));
        }
    }
}

/// The deck `deck_text` (16:9) and its handout of `per_page` slides to an
/// A4 sheet dated `date`.
fn handout_of(deck_text: &str, per_page: usize, date: Option<&str>) -> (Deck, Document) {
    let mut diagnostics = Diagnostics::new();
    let deck = parse(deck_text, "16:9", &mut diagnostics);
    let fonts = FontSet::builtin();
    let images = ImageStore::with_sizes(IMAGES);
    let slides = layout(&deck, &fonts, &images, &mut diagnostics);
    let options = PaperOptions {
        paper: Paper::A4,
        skip_dividers: false,
        date: date.map(str::to_string),
    };
    let sheets = on_paper(
        &slides,
        &deck,
        &fonts,
        &images,
        PaperLayout::Handout(per_page),
        &options,
        &mut diagnostics,
    );
    (deck, sheets)
}

#[test]
fn right_to_left_languages_run_the_paper_chrome_the_other_way() {
    let sides = |language: &str| {
        let deck_text = format!(
            "title: Deck\nlanguage: {language}\nsections:\n  - title: A\n    slides:\n      - caption: x\n"
        );
        let (deck, sheets) = handout_of(&deck_text, 6, Some("D"));
        let x_of = |text: &str| {
            untagged(&sheets.pages[0].items)
                .into_iter()
                .find_map(|item| match item {
                    Item::Text(run) if run.text == text => Some(run.bounds.x),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("`{text}` drawn"))
        };
        let count = deck.strings().page_of(1, 1);
        (x_of("Deck"), x_of("D"), x_of(&count))
    };
    let (title, date, count) = sides("en");
    assert!(
        title < Pt(100.0) && date < count,
        "{title:?} {date:?} {count:?}"
    );
    let (title, date, count) = sides("he");
    assert!(
        title > Pt(100.0) && date > count,
        "{title:?} {date:?} {count:?}"
    );
}

/// Each section of the deck spans its divider and slides; a section
/// without a divider starts at its first slide.
#[test]
fn section_pages_span_each_section_s_divider_and_slides() {
    let (document, _) = lay_out("title: T\nagenda: true\nsections:\n  - title: A\n    slides:\n      - caption: one\n      - caption: two\n  - title: B\n    divider: false\n    slides:\n      - caption: three\n", "16:9");
    // Title, agenda, divider A, one, two, three.
    assert_eq!(document.section_pages(), [2..5, 5..6]);
}

/// The nodes a slide's items are grouped under, in reading order.
#[test]
fn a_standard_slide_reads_title_caption_figure_credit() {
    use crate::frame::{Level, Role};
    let (document, _) = lay_out("title: T\ntitle_slide: false\nsections:\n  - title: S\n    divider: false\n    slides:\n      - caption: C\n        image: photo.jpg\n        alt: A photo\n        credit: Me\n", "16:9");
    let roles: Vec<&Role> = document.pages[0]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Tagged(node) => Some(&node.role),
            _ => None,
        })
        .collect();
    assert_eq!(
        roles,
        [
            &Role::Heading(Level::Slide),
            &Role::Paragraph,
            &Role::Figure {
                alt: Some("A photo".into())
            },
            &Role::Paragraph
        ]
    );
}

/// The x of each text run on page `index` of `document`, by its text.
fn text_bounds(document: &Document, index: usize) -> Vec<(String, crate::geom::Rect)> {
    untagged(&document.pages[index].items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some((run.text.clone(), run.bounds)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_right_to_left_agenda_is_mirrored() {
    let names = [
        "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    ];
    let sections: String = names
        .iter()
        .map(|name| format!("  - title: {name}\n    slides:\n      - caption: x\n"))
        .collect();
    let bounds = |language: &str| {
        let deck = format!(
            "title: T\nlanguage: {language}\ntitle_slide: false\nagenda: true\nsections:\n{sections}"
        );
        let (document, _) = lay_out(&deck, "16:9");
        let runs = text_bounds(&document, 0);
        move |text: &str| {
            runs.iter()
                .find(|(run, _)| run == text)
                .map(|(_, bounds)| *bounds)
                .unwrap_or_else(|| panic!("`{text}` drawn"))
        }
    };
    // Nine sections: 1-5 in the first column, 6-9 in the second.
    let en = bounds("en");
    assert!(en("1").x < en("6").x);
    assert!(en("1").right() < en("One").x);
    let ar = bounds("ar");
    assert!(ar("1").x > ar("6").x, "the first column is the right one");
    assert!(ar("9").right() < ar("5").x);
    for (number, name) in [("1", "One"), ("5", "Five"), ("6", "Six"), ("9", "Nine")] {
        let (number, name) = (ar(number), ar(name));
        // The number stands right of its title, beside it: the same gap as
        // in a left-to-right agenda, mirrored.
        let gap = number.x - name.right();
        let en_gap = en("One").x - en("1").right();
        assert!(gap > Pt(0.0), "{number:?} {name:?}");
        assert!((gap - en_gap).0.abs() < 0.5, "{gap:?} {en_gap:?}");
    }
}

#[test]
fn right_to_left_handouts_fill_each_row_from_the_right() {
    let placed = |language: &str, per_page: usize| {
        let deck_text = format!(
            "title: Deck\nlanguage: {language}\ntitle_slide: false\nsections:\n  - title: A\n    divider: false\n    slides:\n      - caption: a\n      - caption: b\n      - caption: c\n"
        );
        let (_, sheets) = handout_of(&deck_text, per_page, None);
        let groups: Vec<crate::geom::Rect> = untagged(&sheets.pages[0].items)
            .into_iter()
            .filter_map(|item| match item {
                Item::Group(group) => Some(group.bounds()),
                _ => None,
            })
            .collect();
        let lines: Vec<crate::geom::Rect> = untagged(&sheets.pages[0].items)
            .into_iter()
            .filter_map(|item| match item {
                Item::Rect(fill) if fill.rect.height < Pt(1.0) => Some(fill.rect),
                _ => None,
            })
            .collect();
        (groups, lines)
    };
    // Six to a sheet: two columns, the first slide on the left in English,
    // on the right in Hebrew; the third starts the next row the same way.
    let (en, _) = placed("en", 6);
    assert!(en[0].x < en[1].x && en[0].y == en[1].y && en[2].x == en[0].x);
    let (he, _) = placed("he", 6);
    assert!(he[0].x > he[1].x && he[0].y == he[1].y && he[2].x == he[0].x);
    assert!((he[0].x - en[1].x).0.abs() < 0.01);
    // Three to a sheet: the note lines beside the first slide (the rules
    // across its height, not its frame's top and bottom) are on the side
    // a row ends.
    let beside_first = |language: &str| {
        let (slides, lines) = placed(language, 3);
        let slide = slides[0];
        let beside: Vec<crate::geom::Rect> = lines
            .into_iter()
            .filter(|line| line.y > slide.y + Pt(1.0) && line.bottom() < slide.bottom() - Pt(1.0))
            .collect();
        assert!(beside.len() > 3, "{beside:?}");
        (slide, beside)
    };
    let (slide, lines) = beside_first("en");
    assert!(lines.iter().all(|line| line.x > slide.right()));
    let (slide, lines) = beside_first("he");
    assert!(lines.iter().all(|line| line.right() < slide.x));
}

#[test]
fn the_steps_of_a_slide_share_its_number_and_nothing_moves_between_them() {
    let deck = "title: T\ntheme:\n  aspect: 'ASPECT'\n  page_numbers: total\nsections:\n  - title: S\n    slides:\n      - title: Three\n        caption: A lead\n        incremental: true\n        body: \"- one\\n- two\\n- three\\n\\n. . .\\n\\nAfter all three\"\n      - caption: Plain\n";
    for aspect in every_aspect() {
        let (document, _) = lay_out(deck, aspect);
        // Title, divider, four steps, the plain slide.
        let labels: Vec<&str> = document.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["Title", "2", "3", "3", "3", "3", "4"], "{aspect}");
        let steps: Vec<(usize, usize)> = document
            .pages
            .iter()
            .map(|p| (p.step.number, p.step.count))
            .collect();
        assert_eq!(steps[2..6], [(1, 4), (2, 4), (3, 4), (4, 4)], "{aspect}");
        // Every later step shows all the earlier one did, in its place.
        let texts =
            |index: usize| -> Vec<(String, crate::geom::Rect)> { text_bounds(&document, index) };
        for step in 2..5 {
            let (earlier, later) = (texts(step), texts(step + 1));
            assert!(earlier.len() < later.len(), "{aspect}: step {step}");
            for shown in &earlier {
                assert!(later.contains(shown), "{aspect}: {shown:?} moved");
            }
        }
        let words =
            |index: usize| -> String { texts(index).into_iter().map(|(text, _)| text).collect() };
        assert!(words(2).contains("one") && !words(2).contains("two"));
        assert!(words(4).contains("three") && !words(4).contains("After"));
        assert!(words(5).contains("After all three"));
        // The page number counts slides: "3 / 4" on every step.
        for step in 2..6 {
            assert!(words(step).contains("3 / 4"), "{aspect}: {}", words(step));
        }
        // Links and bookmarks open the first step; the whole slide is its last.
        assert_eq!(document.destinations["slide:1.1"], 2);
        let whole = document.clone().whole_slides();
        assert_eq!(whole.pages.len(), 4);
        assert_eq!(whole.destinations["slide:1.1"], 2);
        assert_eq!(whole.destinations["slide:1.2"], 3);
        assert_eq!(text_bounds(&whole, 2), texts(5));
    }
}

/// A slide of every layout whose captions hold formulas, two of them long
/// (they shrink) and one that does not parse.
fn caption_formulas_deck() -> String {
    let long = "and the words go on about $x_i^2$ and more ".repeat(12);
    format!(
        r"
title: Formulas
theme:
  aspect: 'ASPECT'
sections:
  - title: Captions
    slides:
      - caption: 'Alone $e^{{i\pi}} + 1 = 0$ and $$\sum_{{i=1}}^n i = \frac{{n(n+1)}}{{2}}$$ after'
      - caption: 'Over $\bar x = \frac{{1}}{{n}}\sum_i x_i$ {long}'
        image: photo.jpg
      - layout: image-right
        image: square.png
        caption: 'Beside \(A = \pi r^2\) https://example.org/circle'
      - layout: full
        image: photo.jpg
        caption: 'Band \[E = mc^2\]'
      - layout: pair
        caption: 'Both $\alpha$ and $\beta$'
        images:
          - image: square.png
            caption: 'Left $\gamma_1$'
          - tall.png
      - layout: quote
        caption: 'The integers $\mathbb{{Z}}$'
      - layout: statement
        caption: '$$\int_0^1 x\,dx$$'
      - caption: 'Lead $\nope$ {long}'
        body: '- one $y$'
"
    )
}

#[test]
fn caption_formulas_stay_on_the_page_on_every_aspect() {
    for aspect in every_aspect() {
        let (document, _) = lay_out(&caption_formulas_deck(), aspect);
        for (index, page) in document.pages.iter().enumerate() {
            let problems = check_page(page);
            assert!(
                problems.is_empty(),
                "{aspect}, page {}: {problems:#?}",
                index + 1
            );
        }
    }
}

#[test]
fn a_caption_formula_that_does_not_parse_is_drawn_in_the_error_colour() {
    let (document, diagnostics) = lay_out(&caption_formulas_deck(), "16:9");
    let warnings: Vec<String> = diagnostics
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        warnings,
        ["warning: deck.yaml:27:25: unknown command `\\nope`; the formula is shown as written"]
    );
    let last = document.pages.last().unwrap();
    let failed = runs(last, "\\nope");
    assert_eq!(failed.len(), 1, "{:?}", untagged(&last.items));
    assert_eq!(failed[0].color, crate::color::Color::rgb(0xcc, 0, 0));
    // Around it, the caption's own colour.
    assert_ne!(runs(last, "Lead")[0].color, failed[0].color);
}
