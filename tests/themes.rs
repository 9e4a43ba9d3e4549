use lopdf::Document;

use crate::util::{pdf_check, repo_font, Fixture};

const DECK: &str = "title: T
theme:
  extends: company.yaml
  footer: Our own footer
sections:
  - title: S
    slides:
      - caption: one
";

/// A chain of theme files: the nearest keys win, the deck's own over all,
/// and a path in a theme file resolves against that file's folder.
#[test]
fn a_theme_extends_a_chain_of_theme_files() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    fixture.write(
        "company.yaml",
        "extends: brand/base.yaml\naccent: '#ff0000'\nfooter: ACME\n",
    );
    fixture.write(
        "brand/base.yaml",
        "# The brand's look\npreset: dark\naccent: '#00ff00'\nbold_font: Brand-Bold.ttf\n",
    );
    std::fs::copy(
        repo_font("NotoSans-Bold.ttf"),
        fixture.path().join("brand/Brand-Bold.ttf"),
    )
    .unwrap();
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(&path, Some(3), &["Our own footer", "one"]);
    let pdf = Document::load(&path).unwrap();
    let fills = |number: u32| {
        let page = pdf.get_pages()[&number];
        let ops = pdf.get_and_decode_page_content(page).unwrap().operations;
        ops.iter()
            .filter(|op| op.operator == "rg")
            .map(|op| {
                op.operands
                    .iter()
                    .map(|n| (n.as_float().unwrap() * 100.0).round() / 100.0)
                    .collect::<Vec<f32>>()
            })
            .collect::<Vec<_>>()
    };
    // The divider in company.yaml's accent, not base.yaml's.
    assert!(fills(2).contains(&vec![1.0, 0.0, 0.0]), "{:?}", fills(2));
    assert!(!fills(2).contains(&vec![0.0, 1.0, 0.0]));
    // The slide on base.yaml's dark preset page (#1d1d1f).
    assert!(fills(3).contains(&vec![0.11, 0.11, 0.12]), "{:?}", fills(3));
    let text = pdf.extract_text(&[3]).unwrap();
    assert!(!text.contains("ACME"), "{text:?}");
}

#[test]
fn problems_in_a_theme_file_are_reported_at_their_place_in_it() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    fixture.write(
        "company.yaml",
        "accent: blue-ish\ncaptoin_size: 20\nfont: fonts/Missing.ttf\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: company.yaml:1:9: invalid colour `blue-ish` for `accent` (expected `#rrggbb` or `#rgb`)
          |
        1 | accent: blue-ish
          |         ^^^^^^^^

        error: company.yaml:2:1: unknown key `captoin_size` (did you mean `caption_size`?)
          |
        2 | captoin_size: 20
          | ^^^^^^^^^^^^
          |
          = help: allowed here: `extends`, `preset`, `aspect`, `font`, `bold_font`, `background`, `text_color`, `accent`, `title_size`, `caption_size`, `page_numbers`, `progress`, `footer`, `present`, `max_ppi`

        error: company.yaml:3:7: cannot read font `fonts/Missing.ttf` (no such file or directory)
          |
        3 | font: fonts/Missing.ttf
          |       ^^^^^^^^^^^^^^^^^

        deckgen: 3 errors; no PDF written
        ",
    );
    assert!(!fixture.path().join("out.pdf").exists());
}

#[test]
fn a_missing_theme_file_is_an_error_at_the_extends_naming_it() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    fixture.write("company.yaml", "accent: '#ff0000'\nextends: base.yml\n");
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: company.yaml:2:10: cannot read theme file `base.yml` (no such file or directory)
          |
        2 | extends: base.yml
          |          ^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn a_cycle_of_theme_files_is_an_error() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", DECK);
    fixture.write("company.yaml", "extends: brand/base.yaml\n");
    fixture.write(
        "brand/base.yaml",
        "preset: dark\nextends: ../company.yaml\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: brand/base.yaml:2:10: theme file `../company.yaml` extends itself (`extends` goes round in a circle)
          |
        2 | extends: ../company.yaml
          |          ^^^^^^^^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
    // A theme file naming the deck itself is a cycle too.
    fixture.write("company.yaml", "extends: deck.yaml\n");
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: company.yaml:1:10: theme file `deck.yaml` extends itself (`extends` goes round in a circle)
          |
        1 | extends: deck.yaml
          |          ^^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}
