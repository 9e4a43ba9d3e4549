//! Bodies set on pure data: where their pieces land, in which face and
//! colour, and that they fit.

use std::collections::BTreeSet;
use std::path::Path;

use crate::body::{
    Align as ColumnAlign, Block, Body, CodeBlock, CodeLine, Column, Inline, InlineStyle, List,
    ListItem, ListKind, Table as TableBlock, Token, TokenKind,
};
use crate::diag::{Diagnostics, Span};
use crate::frame::{all_items, Item, Page, PageKind, Role, TextRun};
use crate::geom::{Pt, Rect};
use crate::image::ImageStore;
use crate::model::{parse_and_validate, Link};
use crate::text::FontSet;

use super::super::{check_page, Context};

fn text(words: &str) -> Inline {
    Inline::Text {
        text: words.to_string(),
        style: InlineStyle::default(),
    }
}

fn styled(words: &str, style: InlineStyle) -> Inline {
    Inline::Text {
        text: words.to_string(),
        style,
    }
}

fn paragraph(words: &str) -> Block {
    Block::Paragraph(vec![text(words)])
}

fn bullets(items: Vec<Vec<Block>>) -> Block {
    Block::bullets(false, items)
}

fn body(blocks: Vec<Block>) -> Body {
    Body::of(blocks)
}

/// Sets `body` in the content box of a 16:9 slide of a deck with `theme`
/// keys; the page it makes and the diagnostics.
fn set_with(body: &Body, theme: &str) -> (Page, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let yaml = format!(
        "title: T\ntheme:\n  aspect: '16:9'\n{theme}sections:\n  - title: S\n    slides:\n      - caption: c\n"
    );
    let deck = parse_and_validate(
        &yaml,
        Path::new("deck.yaml"),
        Path::new(""),
        &mut diagnostics,
    )
    .expect("the deck parses");
    let fonts = FontSet::builtin();
    let images = ImageStore::with_sizes(&[]);
    let mut context = Context::new(&deck, &fonts, &images);
    let body_style = context.style.body();
    let area = Rect::new(Pt(48.0), Pt(120.0), Pt(864.0), Pt(380.0));
    let (items, height) = context.set_body(body, area, &body_style, "slide 1", Span::new(1, 1));
    assert!(height.fits(area.height), "{height:?}");
    let page = Page::new(
        PageKind::Slide,
        context.style.page,
        context.style.background,
        items,
    );
    context.found.report(&mut diagnostics);
    (page, diagnostics)
}

fn set(body: &Body) -> Page {
    let (page, diagnostics) = set_with(body, "");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    page
}

fn runs(page: &Page) -> Vec<&TextRun> {
    all_items(&page.items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect()
}

fn run<'a>(page: &'a Page, words: &str) -> &'a TextRun {
    runs(page)
        .into_iter()
        .find(|run| run.text.contains(words))
        .unwrap_or_else(|| panic!("no run with `{words}` in {:?}", texts(page)))
}

fn texts(page: &Page) -> Vec<std::string::String> {
    runs(page).iter().map(|run| run.text.clone()).collect()
}

/// The face a run is set in, by its font's PostScript-ish family.
fn face_of(run: &TextRun) -> crate::text::FontKey {
    run.glyphs[0].face.key()
}

fn faces() -> FontSet {
    FontSet::builtin()
}

fn key(style: crate::text::FaceStyle) -> crate::text::FontKey {
    faces().stack(style).primary.key()
}

/// The roles of the tagged nodes on `page`, depth first.
fn roles(items: &[Item], out: &mut Vec<Role>) {
    for item in items {
        if let Item::Tagged(node) = item {
            out.push(node.role.clone());
            roles(&node.items, out);
        }
    }
}

#[test]
fn a_nested_list_starts_at_one_left_edge_and_indents_its_children() {
    let list = bullets(vec![
        vec![paragraph("First point")],
        vec![
            paragraph("Second point"),
            bullets(vec![vec![
                paragraph("Nested point"),
                bullets(vec![vec![paragraph("Deepest point")]]),
            ]]),
        ],
        vec![paragraph("Third point")],
    ]);
    let page = set(&body(vec![list]));
    let x = |words| run(&page, words).origin.x.0;
    assert_eq!(x("First point"), x("Second point"));
    assert_eq!(x("First point"), x("Third point"));
    assert!(x("Nested point") > x("First point") + 10.0);
    assert!(x("Deepest point") > x("Nested point") + 10.0);
    // Each level's marker stands left of its text; the first level's at the edge.
    let bullet = run(&page, "•");
    assert_eq!(bullet.origin.x, Pt(48.0));
    assert!(run(&page, "◦").origin.x.0 < x("Nested point"));
    // Nested text is smaller; items go down the page in order.
    assert!(run(&page, "Nested point").size < run(&page, "First point").size);
    let y = |words| run(&page, words).origin.y.0;
    assert!(y("First point") < y("Second point"));
    assert!(y("Nested point") < y("Deepest point"));
    assert!(y("Deepest point") < y("Third point"));
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
    let mut found = Vec::new();
    roles(&page.items, &mut found);
    assert_eq!(
        &found[..6],
        [
            Role::List,
            Role::ListItem,
            Role::Label,
            Role::ListBody,
            Role::Paragraph,
            Role::ListItem
        ]
    );
}

#[test]
fn numbered_lists_keep_their_start_and_right_align_their_numbers() {
    let numbered = Block::List(List {
        kind: ListKind::Numbered { start: 9 },
        tight: true,
        incremental: false,
        items: ["nine", "ten", "eleven"]
            .iter()
            .map(|words| ListItem {
                task: None,
                blocks: vec![paragraph(words)],
                hidden: false,
            })
            .collect(),
    });
    let page = set(&body(vec![numbered]));
    let nine = run(&page, "9.");
    let ten = run(&page, "10.");
    let right = |run: &TextRun| run.bounds.right().0;
    assert!((right(nine) - right(ten)).abs() < 0.01);
    assert!(ten.origin.x < nine.origin.x);
    assert!(ten.origin.x.0 >= 48.0, "never in the margin");
    assert_eq!(run(&page, "nine").origin.x, run(&page, "eleven").origin.x);
}

#[test]
fn bold_italic_and_code_are_set_in_their_faces_and_links_are_areas() {
    use crate::text::{FaceStyle, Weight};
    let strong = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    let emphasis = InlineStyle {
        emphasis: true,
        ..InlineStyle::default()
    };
    let code = InlineStyle {
        code: true,
        ..InlineStyle::default()
    };
    let link = InlineStyle {
        link: Some(Link::Url("https://example.org".into())),
        ..InlineStyle::default()
    };
    let page = set(&body(vec![Block::Paragraph(vec![
        text("Plain "),
        styled("bold", strong),
        text(" and "),
        styled("slanted", emphasis),
        text(" with "),
        styled("cargo run", code),
        text(" and "),
        styled("a link", link),
    ])]));
    assert_eq!(face_of(run(&page, "Plain")), key(FaceStyle::default()));
    assert_eq!(face_of(run(&page, "bold")), key(Weight::Bold.into()));
    let italic = FaceStyle {
        italic: true,
        ..FaceStyle::default()
    };
    assert_eq!(face_of(run(&page, "slanted")), key(italic));
    let mono = FaceStyle {
        mono: true,
        ..FaceStyle::default()
    };
    assert_eq!(face_of(run(&page, "cargo run")), key(mono));
    assert!(run(&page, "cargo run").size < run(&page, "Plain").size);
    // The runs stand on one baseline, one after another.
    let (plain, bold) = (run(&page, "Plain"), run(&page, "bold"));
    assert_eq!(plain.origin.y, bold.origin.y);
    assert!((plain.bounds.right().0 - bold.origin.x.0).abs() < 0.01);
    // The link's words are in the accent colour, under its area; the URL is not printed.
    let words = run(&page, "a link");
    assert!(!texts(&page).iter().any(|t| t.contains("example.org")));
    let links = crate::frame::placed_links(&page.items);
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].0, words.bounds);
    assert_ne!(words.color, plain.color);
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

fn code_block(lines: &[&[(&str, TokenKind)]]) -> Block {
    Block::Code(CodeBlock {
        language: Some("rust".into()),
        lines: lines
            .iter()
            .map(|tokens| CodeLine {
                tokens: tokens
                    .iter()
                    .map(|(text, kind)| Token {
                        text: text.to_string(),
                        kind: *kind,
                    })
                    .collect(),
            })
            .collect(),
        first_line_number: None,
        highlighted: BTreeSet::new(),
    })
}

#[test]
fn code_keeps_its_lines_indentation_and_colours_in_the_monospace_face() {
    use TokenKind::*;
    let code = code_block(&[
        &[
            ("fn", Keyword),
            (" ", Plain),
            ("main", Function),
            ("() {", Plain),
        ],
        &[],
        &[
            ("    ", Plain),
            ("let", Keyword),
            (" x = ", Plain),
            ("42", Number),
            (";", Plain),
        ],
        &[("    ", Plain), ("// done", Comment)],
        &[("}", Plain)],
    ]);
    let page = set(&body(vec![code]));
    let all = runs(&page);
    let lines: BTreeSet<i64> = all.iter().map(|r| (r.origin.y.0 * 100.0) as i64).collect();
    assert_eq!(
        lines.len(),
        4,
        "four lines with text, one blank: {:?}",
        texts(&page)
    );
    let colours: BTreeSet<std::string::String> = all.iter().map(|r| r.color.to_string()).collect();
    assert!(colours.len() >= 4, "{colours:?}");
    // Indented lines start four columns in.
    let fn_x = run(&page, "fn").origin.x;
    let let_x = run(&page, "let").origin.x;
    let column = run(&page, "fn").bounds.width.0 / 2.0;
    assert!((let_x.0 - fn_x.0 - 4.0 * column).abs() < 0.1);
    // Keywords are bold monospace, the rest monospace.
    use crate::text::{FaceStyle, Weight};
    let mono = FaceStyle {
        mono: true,
        ..FaceStyle::default()
    };
    let mono_bold = FaceStyle {
        weight: Weight::Bold,
        ..mono
    };
    assert_eq!(face_of(run(&page, "let")), key(mono_bold));
    assert_eq!(face_of(run(&page, "main")), key(mono));
    // On a panel, as code.
    let mut found = Vec::new();
    roles(&page.items, &mut found);
    assert_eq!(found, [Role::Code]);
    assert_eq!(run(&page, "// done").origin.x, let_x);
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

#[test]
fn a_long_code_line_shrinks_the_block_then_wraps_with_a_mark_and_a_warning() {
    use TokenKind::*;
    let long = "x".repeat(140);
    let code = code_block(&[
        &[("let", Keyword), (" a = ", Plain), (long.as_str(), Plain)],
        &[("short", Plain)],
    ]);
    let (page, diagnostics) = set_with(&body(vec![code]), "");
    assert!(texts(&page).iter().any(|t| t == "↪"), "{:?}", texts(&page));
    let messages: Vec<std::string::String> =
        diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        ["warning: deck.yaml:1:1: a line of code on slide 1 is too long for the slide; wrapped, marked with `↪`"]
    );
    // Every piece stays inside the panel.
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
    let panel = all_items(&page.items)
        .into_iter()
        .find_map(|item| match item {
            Item::Rect(fill) => Some(fill.rect),
            _ => None,
        })
        .unwrap();
    assert!(runs(&page).iter().all(|r| panel.contains(&r.bounds)));
}

#[test]
fn tables_stand_in_rows_and_columns_with_a_bold_header_and_right_aligned_numbers() {
    use crate::text::Weight;
    let cell = |words: &str| vec![text(words)];
    let table = Block::Table(TableBlock {
        align: vec![ColumnAlign::Left, ColumnAlign::Right],
        header: vec![cell("Model"), cell("Params")],
        rows: vec![
            vec![cell("GPT-2"), cell("1.5")],
            vec![cell("GPT-3"), cell("175")],
        ],
    });
    let page = set(&body(vec![table]));
    assert_eq!(face_of(run(&page, "Model")), key(Weight::Bold.into()));
    assert_eq!(face_of(run(&page, "GPT-2")), key(Weight::Regular.into()));
    let (small, big) = (run(&page, "1.5"), run(&page, "175"));
    assert!((small.bounds.right().0 - big.bounds.right().0).abs() < 0.01);
    assert_eq!(run(&page, "GPT-2").origin.y, small.origin.y);
    assert!(run(&page, "GPT-2").origin.x < small.origin.x);
    assert!(run(&page, "Model").origin.y < small.origin.y);
    let mut found = Vec::new();
    roles(&page.items, &mut found);
    for role in [
        Role::Table,
        Role::TableHead,
        Role::TableBody,
        Role::TableRow,
        Role::TableHeader,
        Role::TableCell,
    ] {
        assert!(found.contains(&role), "{role:?} in {found:?}");
    }
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

#[test]
fn columns_stand_side_by_side_and_quotes_get_a_bar() {
    let columns = Block::Columns(vec![
        Column {
            width: Some(0.4),
            blocks: vec![paragraph("Left column")],
        },
        Column {
            width: None,
            blocks: vec![Block::Quote(vec![paragraph("Right quote")])],
        },
    ]);
    let page = set(&body(vec![columns]));
    let (left, right) = (run(&page, "Left column"), run(&page, "Right quote"));
    assert_eq!(left.origin.y, right.origin.y);
    assert!(right.origin.x.0 > 48.0 + 864.0 * 0.4);
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

#[test]
fn a_long_body_shrinks_as_a_whole_and_warns_below_the_floor() {
    let many: Vec<Vec<Block>> = (1..=11)
        .map(|n| vec![paragraph(&format!("Point number {n}"))])
        .collect();
    let (page, diagnostics) = set_with(&body(vec![bullets(many)]), "");
    let sizes: BTreeSet<i64> = runs(&page)
        .iter()
        .filter(|r| r.text.starts_with("Point"))
        .map(|r| (r.size.0 * 100.0) as i64)
        .collect();
    assert_eq!(sizes.len(), 1, "one factor for all: {sizes:?}");
    let messages: Vec<std::string::String> =
        diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        messages[0].starts_with("note: deck.yaml:1:1: the body of slide 1 is shrunk from 24 pt to"),
        "{messages:?}"
    );
    let lots: Vec<Vec<Block>> = (1..=40)
        .map(|n| vec![paragraph(&format!("Point number {n}"))])
        .collect();
    let (page, diagnostics) = set_with(&body(vec![bullets(lots)]), "");
    let messages: Vec<std::string::String> =
        diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        messages[0].starts_with(
            "warning: deck.yaml:1:1: the body of slide 1 does not fit at 17 pt; shrunk to"
        ),
        "{messages:?}"
    );
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

#[test]
fn highlighted_and_numbered_lines_stay_on_their_panel() {
    use TokenKind::*;
    let Block::Code(mut code) = code_block(&[
        &[("fn", Keyword), (" main() {", Plain)],
        &[
            ("    ", Plain),
            ("let", Keyword),
            (" x = ", Plain),
            ("1", Number),
            (";", Plain),
        ],
        &[("}", Plain)],
    ]) else {
        unreachable!()
    };
    code.first_line_number = Some(10);
    code.highlighted = BTreeSet::from([2]);
    let page = set(&body(vec![Block::Code(code)]));
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
    // The numbers stand in a gutter left of the code, from 10.
    let (ten, fn_x) = (run(&page, "10"), run(&page, "fn").origin.x);
    assert!(ten.bounds.right() <= fn_x);
    assert_eq!(run(&page, "12").origin.y, run(&page, "}").origin.y);
    // The highlighted line has a band of its own over the panel.
    let fills: Vec<_> = all_items(&page.items)
        .into_iter()
        .filter_map(|item| match item {
            Item::Rect(fill) => Some(fill),
            _ => None,
        })
        .collect();
    assert_eq!(fills.len(), 2);
    assert_ne!(fills[0].color, fills[1].color);
    assert!(fills[0].rect.contains(&fills[1].rect));
    let second = run(&page, "let");
    assert!(fills[1].rect.y <= second.bounds.y && fills[1].rect.bottom() >= second.bounds.bottom());
}

/// Bisecting the scales finds the step a linear search finds, whichever
/// step first fits, in fewer settings.
#[test]
fn the_first_fitting_scale_is_found_by_bisection() {
    use std::cell::Cell;
    for steps in 1..=41u32 {
        for first_fit in 0..=steps {
            let tried = Cell::new(0);
            let set = |step: u32| {
                tried.set(tried.get() + 1);
                step
            };
            let (step, setting) = super::first_fitting(steps, set, |&step| step >= first_fit);
            let linear = first_fit.min(steps - 1);
            assert_eq!(
                (step, setting),
                (linear, linear),
                "{steps} steps, fits from {first_fit}"
            );
            assert!(
                tried.get() <= 8,
                "{} settings for {steps} steps",
                tried.get()
            );
        }
    }
}

#[test]
fn small_subscript_and_superscript_text_is_smaller_lowered_or_raised() {
    use crate::body::TextSize;
    let sized = |size| InlineStyle {
        size,
        ..InlineStyle::default()
    };
    let page = set(&body(vec![Block::Paragraph(vec![
        text("H"),
        styled("two", sized(TextSize::Subscript)),
        text("O mc"),
        styled("sq", sized(TextSize::Superscript)),
        text(" and "),
        styled("fine", sized(TextSize::Small)),
        styled(
            "under",
            InlineStyle {
                underline: true,
                ..InlineStyle::default()
            },
        ),
    ])]));
    let plain = run(&page, "H");
    let (low, high, small) = (run(&page, "two"), run(&page, "sq"), run(&page, "fine"));
    for smaller in [low, high, small] {
        assert!(smaller.size < plain.size, "{} is smaller", smaller.text);
    }
    assert!(
        high.size < small.size,
        "scripts are smaller than small text"
    );
    // PDF's y grows downwards: lowered is further down the page.
    assert!(low.origin.y > plain.origin.y, "subscript lowered");
    assert!(high.origin.y < plain.origin.y, "superscript raised");
    assert_eq!(small.origin.y, plain.origin.y);
    // Underlined words get a rule under them, as a link's do.
    let under = run(&page, "under");
    let rules = all_items(&page.items)
        .into_iter()
        .filter(|item| matches!(item, Item::Rect(rect) if rect.rect.x == under.bounds.x && rect.rect.width == under.bounds.width))
        .count();
    assert_eq!(rules, 1);
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}

#[test]
fn one_inline_formula_too_wide_for_its_line_shrinks_alone_and_the_other_text_keeps_its_size() {
    use crate::body::Math;
    use crate::math::{typeset, Macros, MathMode};
    // Wider than the 864 pt column at the body's 24 pt, not at 80 % of it.
    let source = (1..=18)
        .map(|i| format!("x_{{{i}}}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let formula = typeset(&source, MathMode::Inline, &Macros::new()).unwrap();
    let natural = formula.width * 24.0;
    assert!(natural > 864.0 && natural * 0.8 < 864.0, "{natural}");
    let math = Inline::Math(Math {
        source: source.clone(),
        display: false,
        span: Span::new(3, 9),
        formula: Some(formula),
    });
    let body = body(vec![
        Block::Paragraph(vec![text("A sum: "), math, text(" ends here.")]),
        paragraph("Other words"),
    ]);
    let (page, diagnostics) = set_with(&body, "");
    // The text stays at the body's size; only the formula is smaller.
    for words in ["A sum:", "ends here.", "Other words"] {
        assert_eq!(run(&page, words).size, Pt(24.0), "{words}");
    }
    let formula = all_items(&page.items)
        .into_iter()
        .find(|item| matches!(item, Item::Group(_)))
        .expect("the formula's group");
    let bounds = formula.bounds();
    assert!(
        bounds.right().fits(Pt(48.0 + 864.0)),
        "within the column: {bounds:?}"
    );
    let share = bounds.width.0 / (natural + 24.0 * 0.12);
    assert!(share > 0.8 && share < 1.0, "{share}");
    let messages: Vec<std::string::String> =
        diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [format!("warning: deck.yaml:3:9: a formula on slide 1 is too wide for the slide; shrunk to {:.0}% of the text's size", share * 100.0)]
    );
    assert!(check_page(&page).is_empty(), "{:?}", check_page(&page));
}
