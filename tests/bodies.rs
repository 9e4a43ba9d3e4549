use crate::util::{pdf_check, pdf_check_tagged, Fixture};

/// A deck with a body of every kind, in every layout that takes one.
const DECK: &str = r#"title: Bodies
language: en
sections:
  - title: Every block
    slides:
      - id: lists
        title: Lists
        caption: A lead above the body
        body: |
          - **bold**, *italic*, `code` and ~~struck~~
            - nested
              - three deep
          9. nine
          10. ten

          - [ ] to do
          - [x] done
      - title: Code
        body: |
          ```rust {2} {lines:true}
          fn main() {
              println!("{}", 1);
          }
          ```
      - title: Table and quote
        body: |
          | Name | Count |
          |------|-------|
          | a    | 1,200 |

          > Quoted, with [a link](https://example.org) and [back](#lists)

          ---

          ![A chart](chart.png)
      - title: Columns
        body: |
          :::: columns
          ::: {.column width="40%"}
          Left
          :::
          ::: column
          ### Right
          :::
          ::::
      - layout: image-left
        image: chart.png
        alt: A chart
        caption: Beside
        body: "- one"
      - layout: full
        image: chart.png
        alt: A chart
        body: "- on the band"
      - layout: pair
        images:
          - image: chart.png
            alt: A chart
          - image: chart.png
            alt: The same chart
        body: Under the pictures
"#;

#[test]
fn decks_with_bodies_build_and_pass_pdf_check() {
    let fixture = Fixture::new();
    fixture.image("chart.png", 400, 300);
    fixture.write("deck.yaml", DECK);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = fixture.path().join("out.pdf");
    // Title, divider and seven slides, their bodies drawn.
    let words = [
        "A lead above the body",
        "Beside",
        "nine",
        "println!",
        "1,200",
        "on the band",
    ];
    pdf_check(&pdf, Some(9), &words);
    pdf_check_tagged(&pdf);
    fixture.run(&["check", "deck.yaml"]).success();
}

#[test]
fn problems_in_a_body_point_at_the_deck_file() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - body: |\n          Text\n\n          ```rust\n          fn main() {}\n      - body: |\n          ::: column\n          x\n          :::\n      - body: See ![the chart](gone.png)\n      - body: |\n          ![A chart](gone.png)\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: deck.yaml:8:11: the code block opened with ``` is never closed (end it with a line of ```)
          |
        8 |           ```rust
          |           ^^^^^^^
          |
          = note: in section 1 `S`, slide 1

        error: deck.yaml:11:11: a `column` div stands only inside a `columns` div (open one with `:::: columns` around the columns)
           |
        11 |           ::: column
           |           ^^
           |
           = note: in section 1 `S`, slide 2

        warning: deck.yaml:14:19: the picture `gone.png` stands among text, so only its description shows (give it a paragraph of its own)
           |
        14 |       - body: See ![the chart](gone.png)
           |                   ^^^^^^^^^^^^^^^^^^^^^^
           |
           = note: in section 1 `S`, slide 3

        error: deck.yaml:16:11: cannot read image `gone.png` (no such file or directory)
           |
        16 |           ![A chart](gone.png)
           |           ^^^^^^^^^^^^^^^^^^^^
           |
           = note: in section 1 `S`, slide 4

        deckgen: 3 errors, 1 warning; no PDF written
        ",
    );
    assert!(!fixture.path().join("out.pdf").exists());
}

#[test]
fn an_unknown_code_language_is_a_warning() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - body: |\n          ```klingon\n          Qapla'\n          ```\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(
        stderr.contains(
            "warning: deck.yaml:6:11: unknown code language `klingon`; the code is shown plain"
        ),
        "{stderr}"
    );
    pdf_check(&fixture.path().join("out.pdf"), Some(3), &[]);
}

#[test]
fn a_body_too_long_for_any_scale_is_cut_with_a_warning_and_never_leaves_the_slide() {
    // Found by fuzzing: 60 items do not fit even at a fifth of the size.
    let items: String = (1..=60)
        .map(|n| format!("          - item {n}\n"))
        .collect();
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        &format!("title: T\nsections:\n  - title: S\n    slides:\n      - title: Long\n        body: |\n{items}"),
    );
    // A debug build checks every page: an item off the slide would panic.
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(
        stderr.contains(
            "warning: deck.yaml:7:11: the body of slide 1 in section `S` does not fit even at 4.8 pt; what does not fit is left out"
        ),
        "{stderr}"
    );
    pdf_check(&fixture.path().join("out.pdf"), Some(3), &["item 1"]);
}

/// Found by fuzzing: a paragraph that is only a combining mark has no
/// letter to stand on. It is drawn on a dotted circle, as HarfBuzz draws
/// it, never as a line of no width (which the debug binary's page check
/// refuses).
#[test]
fn a_paragraph_of_only_a_combining_mark_is_drawn_on_a_dotted_circle() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - title: Mark\n        body: \"- x\\n\\n\\u0301\"\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    pdf_check(&fixture.path().join("out.pdf"), Some(3), &["Mark", "x"]);
}

/// An inline formula is a box no line break splits: one wider than the
/// body's column beside a picture shrinks the body until it fits, and never
/// runs into the picture (the debug binary's page check would panic on the
/// overlap; found by the `body` fuzz target).
#[test]
fn an_inline_formula_far_wider_than_its_column_shrinks_alone_then_with_the_body_and_never_meets_the_picture(
) {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - title: Wide\n        layout: image-right\n        image: a.png\n        body: 'A sum: $x_1 + x_2 + x_3 + x_4 + x_5 + x_6 + x_7 + x_8 + x_9 + x_{10} + x_{11} + x_{12} + x_{13} + x_{14} + x_{15} + x_{16}$ ends here.'\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    // The formula shrinks on its own to the body's floor (72 %); still too
    // wide beside the picture, the whole body shrinks with it. (A debug
    // build checks every page: an overlap with the picture would panic.)
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: deck.yaml:8:15: the body of slide 1 in section `S` does not fit at 17 pt; shrunk to 15.8 pt",
            "warning: deck.yaml:8:24: a formula on slide 1 in section `S` is too wide for the slide; shrunk to 72% of the text's size",
        ],
        "{stderr}"
    );
    pdf_check(&fixture.path().join("out.pdf"), Some(3), &["ends here."]);
}

#[test]
fn markdown_slides_with_lists_code_and_columns_have_bodies() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlanguage: en\n---\n\n## Plain\n\nJust words stay a caption.\n\n## Rich\n\n- one\n  - two\n\n```rust\nfn main() {}\n```\n\n:::: columns\n::: column\nLeft\n:::\n::: column\nRight\n:::\n::::\n\n::: notes\nSay this.\n:::\n",
    );
    fixture.run(&["talk.md", "-o", "out.pdf"]).success();
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(3),
        &["Just words stay a caption."],
    );
    let imported = fixture.run(&["import", "talk.md", "-o", "talk.yaml"]);
    imported.success();
    let yaml = std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap();
    assert!(
        yaml.contains("caption: Just words stay a caption."),
        "{yaml}"
    );
    assert!(yaml.contains("body: |-\n"), "{yaml}");
    assert!(yaml.contains("::: column\n"), "{yaml}");
    assert!(!yaml.contains("::: notes"), "{yaml}");
    assert!(yaml.contains("notes: Say this."), "{yaml}");
    fixture.run(&["talk.yaml", "-o", "yaml.pdf"]).success();
    pdf_check(&fixture.path().join("yaml.pdf"), Some(3), &[]);
}

#[test]
fn problems_in_a_markdown_body_point_at_the_markdown_file() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\n---\n\n## Code\n\n- a list\n\n```python\nprint(1)\n",
    );
    let stderr = fixture.run(&["talk.md", "-o", "out.pdf"]).stderr();
    assert!(
        stderr.starts_with("error: talk.md:9:1: the code block opened with ``` is never closed (end it with a line of ```)\n"),
        "{stderr}"
    );
}
