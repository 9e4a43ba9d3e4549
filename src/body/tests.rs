//! The reader on whole bodies: blocks, styles, places and problems.

use std::path::Path;

use crate::diag::{Diagnostics, Span};
use crate::model::{Alt, Link};

use super::*;

/// `markdown` read as a body that starts at `start` of `d.yaml`, in folder `talk`.
fn read_at(markdown: &str, start: Span) -> (Option<Body>, Vec<String>) {
    let origin = Origin::verbatim(start, markdown);
    let context = Context {
        shown: Path::new("d.yaml"),
        deck_dir: Path::new("talk"),
        origin: &origin,
        span: start,
        lists: ListSteps::default(),
        macros: &crate::math::Macros::default(),
        markdown: false,
    };
    let mut diagnostics = Diagnostics::new();
    let body = read(markdown, context, &mut diagnostics);
    let problems = diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    (body, problems)
}

/// `markdown` read as a body that starts at line 1, column 1 of `d.yaml`.
fn read_body(markdown: &str) -> (Body, Vec<String>) {
    let (body, problems) = read_at(markdown, Span::new(1, 1));
    (body.expect("a body"), problems)
}

/// The blocks of `markdown`, which must read without a problem.
fn blocks(markdown: &str) -> Vec<Block> {
    let (body, problems) = read_body(markdown);
    assert!(problems.is_empty(), "{problems:?}");
    body.blocks
}

/// The problems reading `markdown`.
fn problems(markdown: &str) -> Vec<String> {
    read_body(markdown).1
}

fn plain(text: &str) -> Inline {
    styled(text, InlineStyle::default())
}

fn styled(text: &str, style: InlineStyle) -> Inline {
    Inline::Text {
        text: text.into(),
        style,
    }
}

fn list(block: &Block) -> &List {
    match block {
        Block::List(list) => list,
        other => panic!("a list, got {other:?}"),
    }
}

#[test]
fn bullets_nest_three_levels_and_numbers_keep_their_start() {
    let blocks = blocks("- one\n  - two\n    - three\n- four\n\n9. nine\n10. ten\n");
    let outer = list(&blocks[0]);
    assert_eq!(outer.kind, ListKind::Bullet);
    assert!(outer.tight);
    assert_eq!(outer.items.len(), 2);
    assert_eq!(
        outer.items[0].blocks[0],
        Block::Paragraph(vec![plain("one")])
    );
    let second = list(&outer.items[0].blocks[1]);
    let third = list(&second.items[0].blocks[1]);
    assert_eq!(
        third.items[0].blocks,
        [Block::Paragraph(vec![plain("three")])]
    );
    let numbered = list(&blocks[1]);
    assert_eq!(numbered.kind, ListKind::Numbered { start: 9 });
    assert_eq!(numbered.items.len(), 2);
}

#[test]
fn loose_lists_and_tasks() {
    let blocks = blocks("- a\n\n- b\n\n---\n\n- [ ] todo\n- [x] done\n");
    assert!(!list(&blocks[0]).tight);
    assert_eq!(blocks[1], Block::Rule);
    let tasks = list(&blocks[2]);
    assert!(tasks.tight);
    assert_eq!(tasks.items[0].task, Some(false));
    assert_eq!(tasks.items[1].task, Some(true));
    assert_eq!(
        tasks.items[1].blocks,
        [Block::Paragraph(vec![plain("done")])]
    );
}

#[test]
fn inline_styles_nest_and_links_lead_somewhere() {
    let blocks = blocks(
        "**bold *both*** `code` ~~gone~~  \nnext [docs](https://example.org) and [there](#results)\n",
    );
    let strong = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    let url = Link::Url("https://example.org".into());
    let Block::Paragraph(inlines) = &blocks[0] else {
        panic!("a paragraph")
    };
    assert_eq!(
        inlines[..7],
        [
            styled("bold ", strong.clone()),
            styled(
                "both",
                InlineStyle {
                    emphasis: true,
                    ..strong
                }
            ),
            plain(" "),
            styled(
                "code",
                InlineStyle {
                    code: true,
                    ..InlineStyle::default()
                }
            ),
            plain(" "),
            styled(
                "gone",
                InlineStyle {
                    strike: true,
                    ..InlineStyle::default()
                }
            ),
            Inline::Break,
        ]
    );
    assert_eq!(inlines[7], plain("next "));
    assert_eq!(
        inlines[8],
        styled(
            "docs",
            InlineStyle {
                link: Some(url),
                ..InlineStyle::default()
            }
        )
    );
    let Inline::Text {
        style: InlineStyle {
            link: Some(Link::Slide(id)),
            ..
        },
        ..
    } = &inlines[10]
    else {
        panic!("a link to a slide, got {:?}", inlines[10])
    };
    assert_eq!(id.text, "results");
    assert_eq!(id.span, Span::new(2, 38));
}

#[test]
fn code_keeps_indentation_blank_lines_and_its_marks() {
    let blocks = blocks("```rust {2}\nfn main() {\n\n\tx();\n}\n```\n\n    indented\n");
    let Block::Code(code) = &blocks[0] else {
        panic!("code")
    };
    assert_eq!(code.language.as_deref(), Some("rust"));
    let texts: Vec<String> = code
        .lines
        .iter()
        .map(|line| line.tokens.iter().map(|t| t.text.as_str()).collect())
        .collect();
    assert_eq!(texts, ["fn main() {", "", "    x();", "}"]);
    assert!(code.lines[1].tokens.is_empty());
    assert_eq!(code.highlighted.iter().copied().collect::<Vec<_>>(), [2]);
    let Block::Code(indented) = &blocks[1] else {
        panic!("code")
    };
    assert_eq!(indented.language, None);
    assert_eq!(indented.lines.len(), 1);
}

/// Code is read plain; the deck's pass highlights every block with a
/// grammar, nested ones too, and leaves the others plain.
#[test]
fn code_is_highlighted_at_every_depth_by_the_decks_pass() {
    let markdown = "- a point\n\n  ```rust\n  fn f() {}\n  ```\n\n```text\nfn f() {}\n```\n";
    let (mut body, problems) = read_body(markdown);
    assert!(problems.is_empty(), "{problems:?}");
    let kinds = |body: &Body| -> Vec<Vec<TokenKind>> {
        let code = body
            .all_blocks()
            .into_iter()
            .filter_map(|block| match block {
                Block::Code(code) => Some(code),
                _ => None,
            });
        let kinds = |code: &CodeBlock| {
            code.lines
                .iter()
                .flat_map(|l| l.tokens.iter().map(|t| t.kind))
                .collect()
        };
        code.map(kinds).collect()
    };
    let plain = vec![TokenKind::Plain];
    assert_eq!(kinds(&body), [plain.clone(), plain.clone()]);
    CodeToHighlight::of([&mut body])
        .highlight()
        .put_into([&mut body]);
    let [rust, text] = &kinds(&body)[..] else {
        panic!("two code blocks")
    };
    assert!(rust.contains(&TokenKind::Keyword), "{rust:?}");
    assert_eq!(*text, plain);
}

#[test]
fn tables_align_from_the_delimiter_row_and_numbers_go_right() {
    let blocks = blocks(
        "| Name | Count | Note | Mid |\n|:-----|-------|------|:---:|\n| a | 1,200 | x | y |\n| b | -3.5 % | 7 | z |\n| c | | |\n",
    );
    let Block::Table(table) = &blocks[0] else {
        panic!("a table")
    };
    assert_eq!(
        table.align,
        [Align::Left, Align::Right, Align::Left, Align::Center]
    );
    assert_eq!(table.header[1], [plain("Count")]);
    assert_eq!(table.rows.len(), 3);
    assert!(table.rows.iter().all(|row| row.len() == 4));
    assert!(table.rows[2][1].is_empty());
}

#[test]
fn quotes_headings_and_pictures() {
    let (body, problems) = read_body(
        "> quoted\n>\n> - in a list\n\n### Lead\n\n![A chart](chart.png)\n\nSee ![icon](i.png) here\n",
    );
    let blocks = &body.blocks;
    let Block::Quote(quoted) = &blocks[0] else {
        panic!("a quote")
    };
    assert_eq!(quoted.len(), 2);
    assert_eq!(
        blocks[1],
        Block::Heading {
            level: 3,
            text: vec![plain("Lead")]
        }
    );
    let Block::Image { image, alt } = &blocks[2] else {
        panic!("a picture")
    };
    assert_eq!(image.written, "chart.png");
    assert_eq!(image.path, Path::new("talk/chart.png"));
    assert_eq!(image.span, Span::new(7, 1));
    assert!(matches!(alt, Some(Alt::Text(text)) if text.text == "A chart"));
    assert_eq!(blocks[3], Block::Paragraph(vec![plain("See icon here")]));
    assert_eq!(
        problems,
        ["warning: d.yaml:9:5: the picture `i.png` stands among text, so only its description shows (give it a paragraph of its own)"]
    );
    assert_eq!(body.images().len(), 1);
}

#[test]
fn columns_stand_side_by_side() {
    let blocks = blocks(
        "Lead\n\n:::: columns\n::: {.column width=\"40%\"}\n- left\n:::\n::: column\n```\n:::\n```\n:::\n::::\n",
    );
    assert_eq!(blocks[0], Block::Paragraph(vec![plain("Lead")]));
    let Block::Columns(columns) = &blocks[1] else {
        panic!("columns, got {:?}", blocks[1])
    };
    assert_eq!(columns.len(), 2);
    assert_eq!(columns[0].width, Some(0.4));
    assert!(matches!(columns[0].blocks[0], Block::List(_)));
    assert_eq!(columns[1].width, None);
    assert!(matches!(&columns[1].blocks[0], Block::Code(code) if code.lines.len() == 1));
}

#[test]
fn fence_and_div_problems_point_at_their_lines() {
    assert_eq!(
        problems("Text\n\n```rust\nfn main() {}\n"),
        ["error: d.yaml:3:1: the code block opened with ``` is never closed (end it with a line of ```)"]
    );
    assert_eq!(
        problems("::: {.column}\nx\n:::\n"),
        ["error: d.yaml:1:1: a `column` div stands only inside a `columns` div (open one with `:::: columns` around the columns)"]
    );
    assert_eq!(
        problems(":::: columns\nx\n"),
        [
            "error: d.yaml:1:1: the div `:::: columns` is never closed (end it with a line of `:::`)",
            "error: d.yaml:2:1: inside `columns`, every block stands in a `::: column` div",
        ]
    );
    assert_eq!(
        problems(":::: columns\n::::\n"),
        ["error: d.yaml:1:1: the `columns` div holds no columns (put each in a `::: column` div)"]
    );
    assert_eq!(
        problems("x\n\n:::\n"),
        ["error: d.yaml:3:1: `:::` closes no div (a div opens with `::: {.class}` or `::: name`)"]
    );
    assert_eq!(
        problems(":::: columns\n::: {.column width=\"70%\"}\na\n:::\n::: {.column width=wide}\nb\n:::\n::::\n"),
        ["error: d.yaml:5:14: invalid column width `wide` (expected a share of the width such as `40%`)"]
    );
    assert_eq!(
        problems(":::: columns\n::: {.column width=\"70%\"}\na\n:::\n::: {.column width=\"50%\"}\nb\n:::\n::::\n"),
        ["error: d.yaml:1:1: the columns' widths add up to 120%; together they may take at most 100%"]
    );
}

#[test]
fn links_and_code_marks_that_cannot_be_read() {
    assert_eq!(
        problems("See [the notes](notes.html).\n"),
        ["error: d.yaml:1:5: invalid link `notes.html` (expected a URL such as `https://example.org`, or `#id` of a slide)"]
    );
    assert_eq!(
        problems("```rust {2,x}\nfn f() {}\n```\n"),
        ["warning: d.yaml:1:1: cannot read `{2,x}` after the code's language (lines to stand out are written `{2,4-6}`, line numbers `{lines:true}` or `{.rust .numberLines}`)"]
    );
    assert_eq!(
        problems("```klingon\nQapla'\n```\n"),
        ["warning: d.yaml:1:1: unknown code language `klingon`; the code is shown plain"]
    );
    assert_eq!(
        problems("```rust {3}\nfn f() {}\n```\n"),
        ["warning: d.yaml:1:1: line 3 of the code is marked to stand out, but the code has 1 lines"]
    );
}

#[test]
fn limits_are_errors() {
    let deep: String = (0..10)
        .map(|level| format!("{}- {level}\n", "  ".repeat(level)))
        .collect();
    assert_eq!(
        problems(&deep),
        ["error: d.yaml:9:17: the body nests lists, quotes and columns more than 8 deep (the most is 8)"]
    );
    let quotes = format!("{} x\n", ">".repeat(20));
    assert_eq!(problems(&quotes).len(), 1);
    let cells = format!("|{}\n|{}\n", "a|".repeat(30), "-|".repeat(30))
        + &format!("|{}\n", "1|".repeat(30)).repeat(20);
    assert_eq!(
        problems(&cells),
        ["error: d.yaml:1:1: the table has more than 500 cells, the most a table may have (split it over slides)"]
    );
    let code = format!("```\n{}```\n", "x\n".repeat(MOST_CODE_LINES + 1));
    assert_eq!(
        problems(&code),
        ["error: d.yaml:1:1: the code block has 501 lines; the most a code block may have is 500"]
    );
    let divs = ":::: a\n".repeat(10);
    let deep_divs = "error: d.yaml:9:1: divs nest more than 8 deep (the most is 8)".to_string();
    assert!(problems(&divs).contains(&deep_divs));
    let (body, problems) = read_at(&"x".repeat(LONGEST_BODY + 1), Span::new(4, 9));
    assert!(body.is_none());
    assert_eq!(
        problems,
        ["error: d.yaml:4:9: `body` is 50001 characters long; the most it may hold is 50000"]
    );
}

#[test]
fn texts_and_links_of_a_body() {
    let (body, _) =
        read_body("# T\n\n- [a](https://a.org) b\n\n| h |\n|---|\n| c |\n\n```\nd\n```\n");
    assert_eq!(body.texts(), ["T", "a", " b", "h", "c", "d"]);
    assert_eq!(body.links(), [&Link::Url("https://a.org".into())]);
}

/// The lists of `markdown`, read with `lists`, in reading order, each as
/// whether it shows its items one at a time.
fn incremental_lists(markdown: &str, lists: ListSteps) -> Vec<bool> {
    let origin = Origin::verbatim(Span::new(1, 1), markdown);
    let context = Context {
        shown: Path::new("d.yaml"),
        deck_dir: Path::new("talk"),
        origin: &origin,
        span: Span::new(1, 1),
        lists,
        macros: &crate::math::Macros::default(),
        markdown: false,
    };
    let mut diagnostics = Diagnostics::new();
    let body = read(markdown, context, &mut diagnostics).expect("a body");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    body.all_blocks()
        .into_iter()
        .filter_map(|block| match block {
            Block::List(list) => Some(list.incremental),
            _ => None,
        })
        .collect()
}

#[test]
fn a_paragraph_of_three_spaced_dots_is_a_pause() {
    let read = blocks("Asked\n\n. . .\n\nAnswered\n\n...\n\n- . . .\n");
    assert_eq!(read[0], Block::Paragraph(vec![plain("Asked")]));
    assert_eq!(read[1], Block::Pause);
    assert_eq!(read[2], Block::Paragraph(vec![plain("Answered")]));
    // Three dots together are words, and so is an item's text.
    assert_eq!(read[3], Block::Paragraph(vec![plain("...")]));
    assert!(matches!(&read[4], Block::List(_)));
    // Emphasised dots are words too.
    assert_eq!(blocks("*. . .*").len(), 1);
    assert!(!blocks("*. . .*").contains(&Block::Pause));
}

#[test]
fn divs_and_the_slide_say_which_lists_show_one_item_at_a_time() {
    let markdown =
        "- a\n\n::: incremental\n- b\n  - nested\n:::\n\n::: nonincremental\n1. c\n:::\n";
    let plain = ListSteps::default();
    assert_eq!(
        incremental_lists(markdown, plain),
        [false, true, true, false]
    );
    let stepped = ListSteps {
        incremental: true,
        marp_fragments: false,
    };
    assert_eq!(
        incremental_lists(markdown, stepped),
        [true, true, true, false]
    );
    // The innermost div wins.
    let nested = "::: incremental\n::: nonincremental\n- a\n:::\n- b\n:::\n";
    assert_eq!(incremental_lists(nested, plain), [false, true]);
}

#[test]
fn marp_fragments_are_lists_bulleted_with_stars_or_numbered_with_parentheses() {
    let marp = ListSteps {
        incremental: false,
        marp_fragments: true,
    };
    let markdown = "* star\n\n- dash\n\n+ plus\n\n1) paren\n\n1. dot\n\n> * quoted\n\n* outer\n  - inner dash\n  * inner star\n";
    assert_eq!(
        incremental_lists(markdown, marp),
        [true, false, false, true, false, true, true, false, true]
    );
    // Outside Marp decks, stars are bullets like any other.
    assert!(incremental_lists(markdown, ListSteps::default())
        .iter()
        .all(|incremental| !incremental));
}

/// The formula `inline` is, with its source and whether it is display.
fn formula(inline: &Inline) -> (&str, bool, Span) {
    match inline {
        Inline::Math(math) => (&math.source, math.display, math.span),
        other => panic!("a formula, got {other:?}"),
    }
}

#[test]
fn formulas_keep_their_source_as_written() {
    let body = blocks("Let $x^2_{i}$ and \\(a\\_b *c* [d](e)\\) or $\\{ \\,$.\n");
    let Block::Paragraph(inlines) = &body[0] else {
        panic!("a paragraph, got {body:?}");
    };
    assert_eq!(inlines[0], plain("Let "));
    assert_eq!(formula(&inlines[1]), ("x^2_{i}", false, Span::new(1, 6)));
    assert_eq!(inlines[2], plain(" and "));
    assert_eq!(
        formula(&inlines[3]),
        ("a\\_b *c* [d](e)", false, Span::new(1, 21))
    );
    assert_eq!(formula(&inlines[5]), ("\\{ \\,", false, Span::new(1, 43)));
    assert_eq!(inlines.len(), 7);
}

#[test]
fn pandocs_dollar_rule_leaves_prices_as_text() {
    let cases = [
        "costs $5 and $10",
        "costs $ 5 and 10$",
        "from $x$5 on",
        "a \\$ sign and \\$x\\$",
    ];
    let shown = [
        "costs $5 and $10",
        "costs $ 5 and 10$",
        "from $x$5 on",
        "a $ sign and $x$",
    ];
    for (markdown, shown) in cases.iter().zip(shown) {
        assert_eq!(
            blocks(markdown),
            [Block::Paragraph(vec![plain(shown)])],
            "{markdown}"
        );
    }
}

#[test]
fn a_display_formula_stands_between_the_text_around_it() {
    let body = blocks("Before\n$$\\sum_i x_i$$\nafter, and\n\n\\[\n\\frac{a}{b}\n\\]\n");
    assert_eq!(body.len(), 4, "{body:?}");
    assert_eq!(body[0], Block::Paragraph(vec![plain("Before")]));
    let Block::Math(math) = &body[1] else {
        panic!("a display formula, got {:?}", body[1]);
    };
    assert_eq!((math.source.as_str(), math.display), ("\\sum_i x_i", true));
    assert_eq!(math.span, Span::new(2, 3));
    assert_eq!(body[2], Block::Paragraph(vec![plain("after, and")]));
    let Block::Math(math) = &body[3] else {
        panic!("a display formula, got {:?}", body[3]);
    };
    assert_eq!(math.source, "\n\\frac{a}{b}\n");
}

#[test]
fn formulas_in_lists_cells_and_headings_stay_in_their_line() {
    let body = blocks("# On $\\pi$\n\n- item $a$\n\n| $$x$$ |\n| --- |\n| \\(y\\) |\n");
    let Block::Heading { text, .. } = &body[0] else {
        panic!("a heading, got {:?}", body[0]);
    };
    assert_eq!(formula(&text[1]).0, "\\pi");
    let Block::Paragraph(item) = &list(&body[1]).items[0].blocks[0] else {
        panic!("an item's text");
    };
    assert_eq!(formula(&item[1]).0, "a");
    let Block::Table(table) = &body[2] else {
        panic!("a table, got {:?}", body[2]);
    };
    assert_eq!(formula(&table.header[0][0]), ("x", true, Span::new(5, 5)));
    assert_eq!(formula(&table.rows[0][0][0]).0, "y");
}

#[test]
fn a_formula_that_cannot_be_typeset_is_a_warning_at_its_command() {
    let (body, problems) = read_body("Text $a + \\nope{b}$ here\n");
    assert_eq!(
        problems,
        ["warning: d.yaml:1:11: unknown command `\\nope`; the formula is shown as written"]
    );
    let Block::Paragraph(inlines) = &body.blocks[0] else {
        panic!("a paragraph, got {:?}", body.blocks);
    };
    assert!(matches!(&inlines[1], Inline::Math(math) if math.formula.is_none()));
    // One that can is typeset, with its box.
    let Block::Paragraph(inlines) = &blocks("$x^2$\n")[0] else {
        panic!("a paragraph");
    };
    let Inline::Math(math) = &inlines[0] else {
        panic!("a formula");
    };
    let formula = math.formula.as_ref().expect("typeset");
    assert!(formula.width > 0.0 && formula.ascent > 0.0 && formula.glyphs.len() == 2);
}

#[test]
fn html_tags_style_their_text_and_are_never_printed() {
    let bold = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    let code = InlineStyle {
        code: true,
        ..InlineStyle::default()
    };
    assert_eq!(
        blocks("Fast <b>and</b> <code>small</code><br><span class=\"x\">H<sub>2</sub>O</span>\n"),
        [Block::Paragraph(vec![
            plain("Fast "),
            styled("and", bold),
            plain(" "),
            styled("small", code),
            Inline::Break,
            plain("H"),
            styled(
                "2",
                InlineStyle {
                    size: TextSize::Subscript,
                    ..InlineStyle::default()
                }
            ),
            plain("O"),
        ])]
    );
    // `<sup>`, `<small>`, `<u>` give their styles; the innermost raise wins.
    let sized = |size| InlineStyle {
        size,
        ..InlineStyle::default()
    };
    assert_eq!(
        blocks("E=mc<sup>2</sup> <small>fine <sup>print</sup></small> <u>this</u>\n"),
        [Block::Paragraph(vec![
            plain("E=mc"),
            styled("2", sized(TextSize::Superscript)),
            plain(" "),
            styled("fine ", sized(TextSize::Small)),
            styled("print", sized(TextSize::Superscript)),
            plain(" "),
            styled(
                "this",
                InlineStyle {
                    underline: true,
                    ..InlineStyle::default()
                }
            ),
        ])]
    );
    // An HTML block: each `<p>`, `<div>` a paragraph; styles hidden, entities read.
    assert_eq!(
        blocks("<div class=\"box\">\n<p>One &amp; two</p>\n<style>p { color: red }</style>\n<p>Three</p>\n</div>\n"),
        [
            Block::Paragraph(vec![plain("One & two")]),
            Block::Paragraph(vec![plain("Three")]),
        ]
    );
}

#[test]
fn an_img_tag_is_a_picture_and_other_tags_are_noted_once() {
    let (body, problems) = read_body("<img src=\"chart.png\" width=\"300\" alt=\"Costs\">\n\n<marquee>a</marquee> <blink>b</blink>\n");
    assert!(
        matches!(&body.blocks[0], Block::Image { image, alt: Some(Alt::Text(alt)) } if image.written == "chart.png" && alt.text == "Costs"),
        "{:?}",
        body.blocks
    );
    assert_eq!(body.blocks[1], Block::Paragraph(vec![plain("a b")]));
    assert_eq!(
        problems,
        ["note: d.yaml:3:1: HTML tags deckgen has no counterpart for show only their text (the first is `<marquee>`)"]
    );
}

#[test]
fn raw_latex_becomes_styles_links_and_pictures() {
    let (body, problems) = read_body(
        "The \\alert{fastest} build, see \\href{https://example.org}{the notes}.\n\n\\centerline{\\includegraphics[width=3in]{img/m.pdf}}\n",
    );
    let bold = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    let Block::Paragraph(first) = &body.blocks[0] else {
        panic!("a paragraph: {:?}", body.blocks);
    };
    assert_eq!(first[0], plain("The "));
    assert_eq!(first[1], styled("fastest", bold));
    assert!(
        matches!(&first[3], Inline::Text { text, style } if text == "the notes" && style.link.is_some()),
        "{first:?}"
    );
    assert!(
        matches!(&body.blocks[1], Block::Image { image, .. } if image.written == "img/m.pdf"),
        "{:?}",
        body.blocks
    );
    assert_eq!(
        problems,
        ["note: d.yaml:3:1: raw LaTeX `\\centerline` has no deckgen counterpart; it is dropped"]
    );
}

#[test]
fn pandoc_spans_and_attributes_are_never_printed() {
    let bold = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    let code = InlineStyle {
        code: true,
        ..InlineStyle::default()
    };
    assert_eq!(
        blocks("Mind [the **gap**]{.alert}, `x`{.rust} and [a](https://e.org){target=_blank}.\n"),
        [Block::Paragraph(vec![
            plain("Mind "),
            styled("the gap", bold),
            plain(", "),
            styled("x", code),
            plain(" and "),
            styled(
                "a",
                InlineStyle {
                    link: Some(Link::Url("https://e.org".into())),
                    ..InlineStyle::default()
                }
            ),
            plain("."),
        ])]
    );
    // In a heading and a table cell too.
    let cells = blocks("| [A]{#a} |\n|---|\n| [b]{.underline} |\n");
    let Block::Table(table) = &cells[0] else {
        panic!("a table: {cells:?}");
    };
    assert_eq!(table.header[0], [plain("A")]);
}

#[test]
fn raw_blocks_are_read_for_their_format() {
    let (body, problems) = read_body(
        "```{=tex}\nSee \\textbf{this}.\n\n\\begin{itemize}\n\\item one\n\\end{itemize}\n```\n\n```{=html}\n<p>Hi <b>there</b></p>\n```\n\n```{=openxml}\n<w:p/>\n```\n",
    );
    let bold = InlineStyle {
        strong: true,
        ..InlineStyle::default()
    };
    assert_eq!(
        body.blocks,
        [
            Block::Paragraph(vec![
                plain("See "),
                styled("this", bold.clone()),
                plain(".")
            ]),
            Block::Paragraph(vec![plain("one")]),
            Block::Paragraph(vec![plain("Hi "), styled("there", bold)]),
        ]
    );
    assert_eq!(
        problems,
        [
            "note: d.yaml:1:1: raw LaTeX `\\begin`, `\\item`, `\\end` has no deckgen counterpart; it is dropped",
            "note: d.yaml:13:1: a raw `openxml` block is for Pandoc's `openxml` output alone; it is left out",
        ]
    );
}
