use lopdf::Document;

use crate::util::{pdf_check, repo_font, text_lines, Fixture};

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
    // The divider in company.yaml's accent `#ff0000`, not base.yaml's,
    // deepened halfway to the page as the dark preset fills dividers.
    assert!(fills(2).contains(&vec![0.56, 0.06, 0.06]), "{:?}", fills(2));
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
          = help: allowed here: `extends`, `preset`, `aspect`, `font`, `bold_font`, `mono_font`, `font_paths`, `background`, `text_color`, `accent`, `error_color`, `math_macros`, `title_size`, `caption_size`, `page_numbers`, `progress`, `footer`, `logo`, `logo_position`, `logo_on_title`, `present`, `strings`, `max_ppi`, `max_megapixels`

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

/// The `cm` of every image drawn on page `number`, rounded to 0.01.
fn images_on(pdf: &Document, number: u32) -> Vec<Vec<f32>> {
    let page = pdf.get_pages()[&number];
    let ops = pdf.get_and_decode_page_content(page).unwrap().operations;
    let mut found = Vec::new();
    for pair in ops.windows(2) {
        if pair[0].operator == "cm" && pair[1].operator == "Do" {
            found.push(
                pair[0]
                    .operands
                    .iter()
                    .map(|n| (n.as_float().unwrap() * 100.0).round() / 100.0)
                    .collect(),
            );
        }
    }
    found
}

/// The x of every text line on page `number`.
fn text_starts(pdf: &Document, number: u32) -> Vec<f32> {
    let page = pdf.get_pages()[&number];
    let ops = pdf.get_and_decode_page_content(page).unwrap().operations;
    text_lines(&ops)
        .iter()
        .map(|[_, x, _]| (x * 100.0).round() / 100.0)
        .collect()
}

fn image_objects(pdf: &Document) -> usize {
    pdf.objects
        .values()
        .filter(|object| {
            object
                .as_stream()
                .is_ok_and(|stream| stream.dict.get(b"Subtype").ok() == Some(&"Image".into()))
        })
        .count()
}

const LOGO_DECK: &str = "title: T
theme:
  logo: logo.png
  footer: Foot
sections:
  - title: S
    slides:
      - caption: one
";

/// A 300 x 100 logo on a 960 x 540 page: 60 % of the 35.1 pt top margin
/// tall (21.06 pt), 63.18 pt wide, flush with the 48 pt right margin.
#[test]
fn the_logo_stands_in_the_top_right_corner_of_every_page_but_the_title() {
    let fixture = Fixture::new();
    fixture.image("logo.png", 300, 100);
    fixture.write("deck.yaml", LOGO_DECK);
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(&path, Some(3), &["one", "Foot"]);
    let pdf = Document::load(&path).unwrap();
    let logo = vec![63.18, 0.0, 0.0, 21.06, 848.82, 511.92];
    assert_eq!(images_on(&pdf, 1), Vec::<Vec<f32>>::new());
    assert_eq!(images_on(&pdf, 2), std::slice::from_ref(&logo));
    assert_eq!(images_on(&pdf, 3), [logo]);
    assert_eq!(image_objects(&pdf), 1, "the logo is stored once");

    // On a handout the logo is part of each slide's drawing.
    fixture
        .run(&["deck.yaml", "--handout", "2", "-o", "h.pdf"])
        .success();
    let handout = Document::load(fixture.path().join("h.pdf")).unwrap();
    let drawn: usize = handout
        .get_pages()
        .keys()
        .map(|&number| images_on(&handout, number).len())
        .sum();
    assert_eq!(drawn, 2, "the divider and the slide, not the title slide");
    assert_eq!(image_objects(&handout), 1);
}

/// At the bottom the logo sits in the footer's row and the footer text
/// moves right of it: 48 + 63.18 + a 14.04 pt gap.
#[test]
fn logo_position_moves_the_logo_and_the_footer_keeps_clear() {
    let fixture = Fixture::new();
    fixture.image("logo.png", 300, 100);
    fixture.write(
        "deck.yaml",
        &LOGO_DECK.replace("  footer:", "  logo_position: bottom-left\n  footer:"),
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    assert_eq!(
        images_on(&pdf, 3),
        [vec![63.18, 0.0, 0.0, 21.06, 48.0, 18.9]]
    );
    assert!(
        text_starts(&pdf, 3).contains(&125.22),
        "{:?}",
        text_starts(&pdf, 3)
    );
}

#[test]
fn a_logo_in_a_theme_file_and_its_errors() {
    let fixture = Fixture::new();
    fixture.image("brand/logo.png", 300, 100);
    fixture.write(
        "deck.yaml",
        "title: T\ntheme:\n  extends: brand/theme.yaml\nsections:\n  - title: S\n    slides:\n      - caption: one\n",
    );
    // Relative to the theme file's folder.
    fixture.write("brand/theme.yaml", "logo: logo.png\n");
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    assert_eq!(images_on(&pdf, 3).len(), 1);

    fixture.write(
        "brand/theme.yaml",
        "logo: brand/logo.png\nlogo_position: top-centre\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: brand/theme.yaml:1:7: cannot read image `brand/logo.png` (no such file or directory)
          |
        1 | logo: brand/logo.png
          |       ^^^^^^^^^^^^^^

        error: brand/theme.yaml:2:16: unknown logo_position `top-centre` (expected `top-right`, `top-left`, `bottom-right` or `bottom-left`)
          |
        2 | logo_position: top-centre
          |                ^^^^^^^^^^

        deckgen: 2 errors; no PDF written
        ",
    );
}

/// `strings` in theme files: the nearest file's words win, the deck's own
/// over all of them.
#[test]
fn theme_files_give_words_the_deck_may_override() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T
agenda: true
theme:
  extends: company.yaml
  strings:
    section: Teil {n}
sections:
  - title: S
    slides:
      - caption: one
",
    );
    fixture.write(
        "company.yaml",
        "extends: base.yaml\nstrings:\n  agenda: Outline\n",
    );
    fixture.write(
        "base.yaml",
        "strings:\n  agenda: Contents\n  section: Part {n}\n  open_quote: x\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    pdf_check(
        &fixture.path().join("out.pdf"),
        Some(4),
        &["Outline", "Teil 1"],
    );
}

/// Text on a `background_image` is judged against the picture's pixels
/// under it, and the footer and page number against what is under them
/// (at 2.5:1, as they fade on purpose); `check` and the build both warn,
/// naming the slide.
#[test]
fn text_and_footer_are_judged_against_the_picture_under_them() {
    let fixture = Fixture::new();
    let save = |name: &str, picture: image::RgbImage| {
        picture.save(fixture.path().join(name)).unwrap();
    };
    save(
        "black.png",
        image::RgbImage::from_pixel(320, 180, image::Rgb([0, 0, 0])),
    );
    save(
        "white.png",
        image::RgbImage::from_pixel(320, 180, image::Rgb([255; 3])),
    );
    // White, with a gray strip along the bottom, under the footer.
    save(
        "gray_foot.png",
        image::RgbImage::from_fn(320, 180, |_, y| {
            image::Rgb([if y < 150 { 255 } else { 128 }; 3])
        }),
    );
    fixture.write(
        "deck.yaml",
        "title: T
theme:
  footer: Foot
sections:
  - title: S
    divider: false
    slides:
      - caption: Dark
        background_image: black.png
      - caption: Light
        background_image: gray_foot.png
      - caption: White
        background_image: white.png
      - caption: Gray
        background: '#808080'
",
    );
    let expected = [
        "warning: deck.yaml:8:9: text in `#1d1d1f` on the picture `black.png` on slide 1 in section `S` has a contrast of 1.2:1 where the picture under it reads worst, below 4.5:1 (WCAG AA)",
        "  = help: choose a calmer `background_image`, or a `text_color` that stands out from it",
        "warning: deck.yaml:10:9: the footer or page number in `#777779` on the picture `gray_foot.png` on slide 2 in section `S` has a contrast of 1.1:1 where the picture under it reads worst, below 2.5:1 (the least for faded page furniture)",
        "  = help: the footer stands on the `background_image`; choose a picture that is calm along its lower edge",
        "warning: deck.yaml:14:9: text in `#1d1d1f` on `#808080` on slide 4 in section `S` has a contrast of 4.3:1, below 4.5:1 (WCAG AA)",
        "  = help: choose a `text_color` and `background` further apart",
        "warning: deck.yaml:14:9: the footer or page number in `#454546` on `#808080` on slide 4 in section `S` has a contrast of 2.4:1, below 2.5:1 (the least for faded page furniture)",
        "  = help: the footer and page number fade towards the page colour; choose a `background` nearer white or black",
    ];
    let findings = |stderr: String| -> Vec<String> {
        stderr
            .lines()
            .filter(|line| line.starts_with("warning:") || line.contains("= help:"))
            .map(|line| {
                line.trim_start_matches(' ')
                    .replacen("= help", "  = help", 1)
            })
            .collect()
    };
    let check = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(check.code(), 0, "{}", check.stderr());
    assert_eq!(findings(check.stderr()), expected);
    assert!(check
        .stderr()
        .ends_with("checked deck.yaml (5 pages, 4 warnings); no PDF written\n"));
    let build = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert_eq!(findings(build), expected);
}

#[test]
fn text_on_a_vector_background_is_not_judged_against_the_page_colour() {
    // A figure is never decoded to pixels, so what is under the text is
    // unknown: white text on a black SVG must not be reported as white on
    // the page's white.
    let fixture = Fixture::new();
    fixture.write(
        "dark.svg",
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#000000"/></svg>"##,
    );
    fixture.write(
        "deck.yaml",
        "title: T
sections:
  - title: S
    divider: false
    slides:
      - caption: Light on dark
        background_image: dark.svg
        text_color: '#ffffff'
",
    );
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    assert!(run.success().starts_with("wrote out.pdf (2 pages, "));
    assert!(!run.stderr().contains("contrast"), "{}", run.stderr());
}

#[test]
fn logo_on_title_puts_the_logo_on_the_title_slide_too() {
    let fixture = Fixture::new();
    fixture.image("logo.png", 300, 100);
    fixture.write(
        "deck.yaml",
        &LOGO_DECK.replace("  footer:", "  logo_on_title: true\n  footer:"),
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let path = fixture.path().join("out.pdf");
    pdf_check(&path, Some(3), &["one", "Foot"]);
    let pdf = Document::load(&path).unwrap();
    // In the same corner, at the same size, as on every other page.
    let logo = vec![63.18, 0.0, 0.0, 21.06, 848.82, 511.92];
    assert_eq!(images_on(&pdf, 1), std::slice::from_ref(&logo));
    assert_eq!(images_on(&pdf, 2), [logo]);
    assert_eq!(image_objects(&pdf), 1, "the logo is stored once");
}

#[test]
fn the_dark_presets_divider_is_a_deep_accent_the_text_reads_on() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\ntitle_slide: false\ntheme:\n  preset: dark\nsections:\n  - title: Part\n    slides:\n      - caption: c\n",
    );
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    // No contrast warning: the divider passes the check.
    assert_eq!(run.success().lines().count(), 1, "{}", run.stderr());
    let Some(page) = crate::util::render_page_one(&fixture.path().join("out.pdf"), 20) else {
        return;
    };
    // `#46638f`: the preset's accent `#6ea8fe` halfway to its page `#1d1d1f`.
    let fill = page.get_pixel(2, 2).0;
    assert!(
        fill.iter()
            .zip([0x46, 0x63, 0x8f])
            .all(|(a, b)| a.abs_diff(b) <= 2),
        "{fill:?}"
    );
}
