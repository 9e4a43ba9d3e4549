//! Property tests: for random decks (any text, any image shape, every
//! aspect) layout never panics, every item stays on its page, nothing
//! overlaps, and images keep their shape, on slides and on paper.

use std::path::Path;

use proptest::prelude::*;

use crate::diag::Diagnostics;
use crate::frame::{Document, Item};
use crate::image::ImageStore;
use crate::model::{parse_and_validate, Aspect};
use crate::text::FontSet;

use super::{check_page, layout, on_paper, Paper, PaperLayout, PaperOptions};

/// Text of any kind: Latin with accents and combining marks, Hebrew and
/// Arabic, CJK, symbols, invisible characters, long words, or anything printable.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.!?'é]{0,120}",
        "[a-zé\u{0301}\u{200B}\u{00AD} ]{0,60}",
        "[\u{05D0}-\u{05EA}\u{0627}-\u{064A} a-z0-9]{0,80}",
        "[\u{4E00}-\u{4E40}\u{3001}\u{3002}]{0,120}",
        "[→≤≠√✓★● a-z]{0,40}",
        "[a-z]{30,200}",
        "\\PC{0,300}",
    ]
}

/// A slide: an optional title, and a caption, an image, or both.
#[derive(Debug, Clone)]
struct SlideSpec {
    title: Option<String>,
    caption: Option<String>,
    image: Option<usize>,
    cover: bool,
}

fn any_slide(images: usize) -> impl Strategy<Value = SlideSpec> {
    (
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
        proptest::option::of(0..images),
        any::<bool>(),
    )
        .prop_map(|(title, caption, image, cover)| SlideSpec {
            title,
            caption,
            image,
            cover,
        })
}

#[derive(Debug, Clone)]
struct DeckSpec {
    aspect: usize,
    title: String,
    title_slide: bool,
    agenda: bool,
    sections: Vec<(String, Option<String>, bool, Vec<SlideSpec>)>,
    /// Pixel sizes of the images the slides use.
    shapes: Vec<(u32, u32)>,
}

fn any_deck() -> impl Strategy<Value = DeckSpec> {
    let shapes = proptest::collection::vec((1u32..=10_000, 1u32..=10_000), 1..4);
    shapes.prop_flat_map(|shapes| {
        let images = shapes.len();
        let section = (
            any_text(),
            proptest::option::of(any_text()),
            any::<bool>(),
            proptest::collection::vec(any_slide(images), 0..4),
        );
        (
            0..Aspect::NAMES.len(),
            any_text(),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(section, 1..4),
            Just(shapes),
        )
            .prop_map(
                |(aspect, title, title_slide, agenda, sections, shapes)| DeckSpec {
                    aspect,
                    title,
                    title_slide,
                    agenda,
                    sections,
                    shapes,
                },
            )
    })
}

/// A YAML string: JSON's double-quoted strings are valid YAML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

/// The deck as YAML. Text that validation would leave empty gets a
/// placeholder, so every deck is valid and has a page.
fn deck_yaml(spec: &DeckSpec) -> String {
    let or_x = |text: &str| {
        if text.trim().is_empty() {
            "x".to_string()
        } else {
            text.to_string()
        }
    };
    let mut yaml = format!(
        "title: {}\ntitle_slide: {}\nagenda: {}\ntheme:\n  aspect: {}\nsections:\n",
        quoted(&or_x(&spec.title)),
        spec.title_slide,
        spec.agenda,
        quoted(Aspect::NAMES[spec.aspect]),
    );
    for (title, intro, divider, slides) in &spec.sections {
        yaml += &format!(
            "  - title: {}\n    divider: {}\n",
            quoted(&or_x(title)),
            *divider || slides.is_empty()
        );
        if let Some(intro) = intro {
            yaml += &format!("    intro: {}\n", quoted(intro));
        }
        yaml += "    slides:\n";
        for slide in slides {
            yaml += &format!(
                "      - fit: {}\n",
                if slide.cover { "cover" } else { "contain" }
            );
            if let Some(title) = &slide.title {
                yaml += &format!("        title: {}\n", quoted(title));
            }
            match (&slide.caption, slide.image) {
                (caption, Some(image)) => {
                    yaml += &format!("        image: img{image}.png\n");
                    if let Some(caption) = caption {
                        yaml += &format!("        caption: {}\n", quoted(caption));
                    }
                }
                (caption, None) => {
                    let caption = or_x(caption.as_deref().unwrap_or(""));
                    yaml += &format!("        caption: {}\n", quoted(&caption));
                }
            }
        }
    }
    yaml
}

fn lay_out(spec: &DeckSpec) -> (Document, crate::model::Deck, ImageStore) {
    let yaml = deck_yaml(spec);
    let mut diagnostics = Diagnostics::new();
    let deck = parse_and_validate(
        &yaml,
        Path::new("deck.yaml"),
        Path::new(""),
        &mut diagnostics,
    )
    .expect("the generated deck parses");
    assert!(
        !diagnostics.has_errors(),
        "{yaml}\n{:?}",
        diagnostics.sorted()
    );
    let names: Vec<String> = (0..spec.shapes.len())
        .map(|i| format!("img{i}.png"))
        .collect();
    let sizes: Vec<(&str, u32, u32)> = names
        .iter()
        .zip(&spec.shapes)
        .map(|(name, (w, h))| (name.as_str(), *w, *h))
        .collect();
    let images = ImageStore::with_sizes(&sizes);
    let document = layout(&deck, &FontSet::builtin(), &images, &mut diagnostics);
    (document, deck, images)
}

/// The invariants of every page: on the page, no overlaps, images unsquashed.
fn assert_sound(document: &Document, shapes: &[(u32, u32)]) {
    for (index, page) in document.pages.iter().enumerate() {
        let problems = check_page(page);
        assert!(problems.is_empty(), "page {}: {problems:#?}", index + 1);
        for item in crate::frame::untagged(&page.items) {
            if let Item::Image(image) = item {
                let (width, height) = shapes[usize::from(image.image.key().0[0])];
                let expected = f64::from(width) / f64::from(height);
                let actual = image.placed.width.0 / image.placed.height.0;
                assert!(
                    (actual / expected - 1.0).abs() < 1e-6,
                    "{actual} vs {expected}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_decks_lay_out_soundly(spec in any_deck()) {
        let (document, _, _) = lay_out(&spec);
        prop_assert!(!document.pages.is_empty());
        assert_sound(&document, &spec.shapes);
    }

    #[test]
    fn random_decks_go_on_paper_soundly(spec in any_deck(), per_page in prop::sample::select(vec![1usize, 3, 6, 9])) {
        let (slides, deck, images) = lay_out(&spec);
        let mut diagnostics = Diagnostics::new();
        let options = PaperOptions { paper: Paper::A4, skip_dividers: false, date: None };
        for paper_layout in [PaperLayout::Handout(per_page), PaperLayout::NotesPages] {
            let sheets = on_paper(&slides, &deck, &FontSet::builtin(), &images, paper_layout, &options, &mut diagnostics);
            for (index, sheet) in sheets.pages.iter().enumerate() {
                let problems = check_page(sheet);
                prop_assert!(problems.is_empty(), "sheet {}: {:#?}", index + 1, problems);
            }
        }
    }
}
