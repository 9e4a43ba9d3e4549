use crate::util::{repo_font, Fixture};

/// A valid deck with one image slide; tests change one thing in it.
const BASE: &str = "
    title: Test deck
    sections:
      - title: Intro
        slides:
          - caption: Hello
            image: a.png
";

fn base() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", BASE);
    fixture.image("a.png", 40, 30);
    fixture
}

/// Asserts the failed run wrote no PDF anywhere in the fixture.
fn assert_no_pdf(fixture: &Fixture) {
    assert_eq!(
        fixture.pdfs(),
        Vec::<std::path::PathBuf>::new(),
        "a PDF was written"
    );
}

/// Writes `deck` as deck.yaml, runs deckgen on it and checks stderr and that nothing was written.
fn check_error(fixture: &Fixture, deck: &str, expected: &str) {
    fixture.write("deck.yaml", deck);
    fixture.run(&["deck.yaml"]).fails_with(expected);
    assert_no_pdf(fixture);
}

#[test]
fn builds_to_the_default_output_path_beside_the_deck() {
    let fixture = base();
    std::fs::create_dir(fixture.path().join("elsewhere")).unwrap();
    std::fs::rename(
        fixture.path().join("deck.yaml"),
        fixture.path().join("talk.yaml"),
    )
    .unwrap();
    let stderr = fixture.run(&["talk.yaml"]).success();
    assert!(
        stderr.starts_with("wrote out/talk.pdf (3 pages, "),
        "{stderr}"
    );
    assert_eq!(fixture.pdfs(), [std::path::PathBuf::from("out/talk.pdf")]);
}

#[test]
fn image_paths_resolve_against_the_deck_folder_from_any_directory() {
    let fixture = Fixture::new();
    fixture.write("talks/deck.yaml", BASE);
    fixture.image("talks/a.png", 40, 30);
    std::fs::create_dir(fixture.path().join("cwd")).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .arg("../talks/deck.yaml")
        .current_dir(fixture.path().join("cwd"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(fixture.path().join("talks/out/deck.pdf").is_file());
}

#[test]
fn dash_o_names_the_output() {
    let fixture = base();
    fixture.run(&["deck.yaml", "-o", "slides.pdf"]).success();
    assert_eq!(fixture.pdfs(), [std::path::PathBuf::from("slides.pdf")]);
}

#[test]
fn usage_errors_exit_with_2() {
    let fixture = base();
    assert_eq!(fixture.run(&[]).code(), 2);
    assert_eq!(fixture.run(&["deck.yaml", "--frobnicate"]).code(), 2);
    assert_eq!(
        fixture
            .run(&["deck.yaml", "--source-date-epoch", "99999999999999"])
            .code(),
        2
    );
    assert_no_pdf(&fixture);
}

#[test]
fn yaml_syntax_error() {
    check_error(
        &base(),
        "title: \"unclosed\nsections: []\n",
        r#"
        error: deck.yaml:1:8: invalid YAML (unclosed quote)
          |
        1 | title: "unclosed
          |        ^^^^^^^^^
          |
          = help: close the quote; inside single quotes, write `''` for a `'`

        deckgen: 1 error; no PDF written
        "#,
    );
}

#[test]
fn tabs_in_indentation() {
    check_error(
        &base(),
        "title: T\nsections:\n\t- title: Intro\n",
        "
        error: deck.yaml:3:1: a tab in the indentation: YAML indents with spaces, not tabs
          |
        3 |     - title: Intro
          | ^^^^
          |
          = help: replace it with spaces, so the line lines up with the lines around it

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn unknown_key_with_suggestion() {
    check_error(
        &base(),
        include_str!("fixtures/invalid-keys/misspelt-caption.yaml"),
        "
        error: deck.yaml:5:9: unknown key `captoin` (did you mean `caption`?)
          |
        5 |       - captoin: Hello
          |         ^^^^^^^
          |
          = note: in section 1 `Intro`, slide 1
          = help: allowed here: `id`, `title`, `caption`, `body`, `image`, `alt`, `page`, `fit`, `notes`, `link`, `transition`, `transition_duration`, `incremental`, `credit`, `background`, `background_image`, `text_color`, `focus`, `layout`, `band`, `split`, `images`, `attribution`

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn every_unknown_key_and_bad_value_at_once() {
    check_error(
        &base(),
        include_str!("fixtures/invalid-keys/keys-and-values.yaml"),
        "
        error: deck.yaml:3:3: unknown key `acent` (did you mean `accent`?)
          |
        3 |   acent: '#fff'
          |   ^^^^^
          |
          = help: allowed here: `extends`, `preset`, `aspect`, `font`, `bold_font`, `mono_font`, `font_paths`, `background`, `text_color`, `accent`, `error_color`, `math_macros`, `title_size`, `caption_size`, `page_numbers`, `progress`, `footer`, `logo`, `logo_position`, `logo_on_title`, `present`, `strings`, `max_ppi`, `max_megapixels`

        error: deck.yaml:4:15: invalid colour `white` for `background` (expected `#rrggbb` or `#rgb`)
          |
        4 |   background: white
          |               ^^^^^

        error: deck.yaml:8:9: unknown key `captoin` (did you mean `caption`?)
          |
        8 |       - captoin: Hello
          |         ^^^^^^^
          |
          = note: in section 1 `Intro`, slide 1
          = help: allowed here: `id`, `title`, `caption`, `body`, `image`, `alt`, `page`, `fit`, `notes`, `link`, `transition`, `transition_duration`, `incremental`, `credit`, `background`, `background_image`, `text_color`, `focus`, `layout`, `band`, `split`, `images`, `attribution`

        error: deck.yaml:8:9: empty slide (a slide needs a `caption`, an `image` or a `body`)
          |
        8 |       - captoin: Hello
          |         ^^^^^^^
          |
          = note: in section 1 `Intro`, slide 1

        error: deck.yaml:9:9: unknown key `imgae` (did you mean `image`?)
          |
        9 |         imgae: a.png
          |         ^^^^^
          |
          = note: in section 1 `Intro`, slide 1
          = help: allowed here: `id`, `title`, `caption`, `body`, `image`, `alt`, `page`, `fit`, `notes`, `link`, `transition`, `transition_duration`, `incremental`, `credit`, `background`, `background_image`, `text_color`, `focus`, `layout`, `band`, `split`, `images`, `attribution`

        deckgen: 5 errors; no PDF written
        ",
    );
}

#[test]
fn an_unquoted_colour_is_a_comment() {
    check_error(
        &base(),
        "title: T\ntheme:\n  accent: #ff0000\nsections:\n  - title: Intro\n",
        "
        error: deck.yaml:3:3: `accent` has no value (a `#` starts a YAML comment: quote the colour, as in `accent: \"#2f6fde\"`)
          |
        3 |   accent: #ff0000
          |   ^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn known_key_in_the_wrong_place() {
    check_error(
        &base(),
        include_str!("fixtures/invalid-keys/key-in-the-wrong-place.yaml"),
        "
        error: deck.yaml:2:1: unknown key `page_numbers` (`page_numbers` is not allowed here)
          |
        2 | page_numbers: false
          | ^^^^^^^^^^^^
          |
          = help: allowed here: `title`, `subtitle`, `author`, `date`, `language`, `title_slide`, `agenda`, `duration`, `transition`, `transition_duration`, `incremental`, `theme`, `sections`

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn missing_required_key() {
    check_error(
        &base(),
        "
        sections:
          - title: Intro
        ",
        "
        error: deck.yaml:1:1: missing required key `title`
          |
        1 | sections:
          | ^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn duplicate_key() {
    check_error(
        &base(),
        "
        title: T
        title: U
        sections:
          - title: Intro
        ",
        "
        error: deck.yaml:2:1: duplicate key `title` (first given on line 1)
          |
        2 | title: U
          | ^^^^^
          |
          = help: a key may appear once in each mapping; remove one of them

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn values_of_the_wrong_type() {
    let fixture = base();
    let cases = [
        (
            "title: [a, b]\nsections: []\n",
            "
            error: deck.yaml:1:8: invalid value for `title` (expected text, not a list or mapping)
              |
            1 | title: [a, b]
              |        ^^^^^^
            ",
        ),
        (
            "title:\nsections: []\n",
            "
            error: deck.yaml:1:6: missing value (expected text)
              |
            1 | title:
              |      ^
            ",
        ),
        (
            "title: T\nsections: Intro\n",
            "
            error: deck.yaml:2:11: invalid value for `sections` (expected a list of `- ` items)
              |
            2 | sections: Intro
              |           ^^^^^
            ",
        ),
        (
            "title: T\nsections:\n  - Intro\n",
            "
            error: deck.yaml:3:5: invalid value (expected `key: value` lines)
              |
            3 |   - Intro
              |     ^^^^^
              |
              = note: in section 1
            ",
        ),
        (
            "title: T\ntheme:\n  title_size: big\nsections: []\n",
            "
            error: deck.yaml:3:15: invalid value for `title_size` (expected a number)
              |
            3 |   title_size: big
              |               ^^^
            ",
        ),
        (
            "title: T\nsections:\n  - title: A\n    divider: maybe\n",
            "
            error: deck.yaml:4:14: invalid value for `divider` (expected `true` or `false`)
              |
            4 |     divider: maybe
              |              ^^^^^
              |
              = note: in section 1 `A`
            ",
        ),
    ];
    for (deck, expected) in cases {
        let expected = crate::util::unindent(expected);
        check_error(
            &fixture,
            deck,
            &format!("{expected}\ndeckgen: 1 error; no PDF written\n"),
        );
    }
}

#[test]
fn every_value_problem_at_once() {
    let fixture = base();
    fixture.write("corrupt.png", "not really a PNG");
    check_error(
        &fixture,
        "
        title: ''
        language: english
        theme:
          aspect: 16/9
          accent: blue
          background: '#12345'
          title_size: 0
          caption_size: 500
        sections:
          - title: Intro
            slides:
              - image: missing.png
                fit: fill
                link: example.org
              - title: Only a title
              - image: ''
              - caption: Broken
                image: corrupt.png
        ",
        "
        error: deck.yaml:1:8: `title` must not be empty
          |
        1 | title: ''
          |        ^^

        error: deck.yaml:2:11: invalid language tag `english` (expected a BCP 47 tag such as `en` or `de-CH`)
          |
        2 | language: english
          |           ^^^^^^^

        error: deck.yaml:4:11: unknown aspect `16/9` (did you mean `16:9`?)
          |
        4 |   aspect: 16/9
          |           ^^^^

        error: deck.yaml:5:11: invalid colour `blue` for `accent` (expected `#rrggbb` or `#rgb`)
          |
        5 |   accent: blue
          |           ^^^^

        error: deck.yaml:6:15: invalid colour `#12345` for `background` (expected `#rrggbb` or `#rgb`)
          |
        6 |   background: '#12345'
          |               ^^^^^^^^

        error: deck.yaml:7:15: `title_size` must be between 6 and 300 points (got 0)
          |
        7 |   title_size: 0
          |               ^

        error: deck.yaml:8:17: `caption_size` must be between 6 and 300 points (got 500)
          |
        8 |   caption_size: 500
          |                 ^^^

        error: deck.yaml:12:16: cannot read image `missing.png` (no such file or directory)
           |
        12 |       - image: missing.png
           |                ^^^^^^^^^^^
           |
           = note: in section 1 `Intro`, slide 1

        error: deck.yaml:13:14: unknown fit `fill` (expected `contain` or `cover`)
           |
        13 |         fit: fill
           |              ^^^^
           |
           = note: in section 1 `Intro`, slide 1

        error: deck.yaml:14:15: invalid link `example.org` (expected a URL such as `https://example.org`, or `#id` of a slide)
           |
        14 |         link: example.org
           |               ^^^^^^^^^^^
           |
           = note: in section 1 `Intro`, slide 1

        error: deck.yaml:15:9: empty slide (a slide needs a `caption`, an `image` or a `body`)
           |
        15 |       - title: Only a title
           |         ^^^^^
           |
           = note: in section 1 `Intro`, slide 2

        error: deck.yaml:16:16: `image` is empty (give a path to a PNG, JPEG, GIF, WebP, SVG or PDF file)
           |
        16 |       - image: ''
           |                ^^
           |
           = note: in section 1 `Intro`, slide 3

        error: deck.yaml:18:16: `corrupt.png` is not a PNG, JPEG, GIF, WebP, SVG or PDF image
           |
        18 |         image: corrupt.png
           |                ^^^^^^^^^^^
           |
           = note: in section 1 `Intro`, slide 4

        deckgen: 13 errors; no PDF written
        ",
    );
}

#[test]
fn no_sections_and_no_pages() {
    let fixture = base();
    check_error(
        &fixture,
        "title: T\nsections: []\n",
        "
        error: deck.yaml:2:11: `sections` must list at least one section
          |
        2 | sections: []
          |           ^^

        deckgen: 1 error; no PDF written
        ",
    );
    check_error(
        &fixture,
        "
        title: T
        title_slide: false
        sections:
          - title: Intro
            divider: false
        ",
        "
        error: deck.yaml:4:3: the deck has no pages (`title_slide` is false and no section has a divider or slides)
          |
        4 |   - title: Intro
          |   ^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn image_problems() {
    let fixture = base();
    std::fs::create_dir(fixture.path().join("folder.png")).unwrap();
    fixture.write_bytes("empty.png", b"");
    fixture.write("text.png", "hello, I am text");
    let png = std::fs::read(fixture.path().join("a.png")).unwrap();
    fixture.write_bytes("truncated.png", &png[..png.len() / 2]);
    let mut damaged = png.clone();
    damaged[png.len() - 20] ^= 1;
    fixture.write_bytes("damaged.png", &damaged);
    fixture.image("photo.jpg", 40, 30);
    let jpeg = std::fs::read(fixture.path().join("photo.jpg")).unwrap();
    fixture.write_bytes("cut.jpg", &jpeg[..100]);
    fixture.write_bytes(
        "picture.bmp",
        b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00",
    );
    check_error(
        &fixture,
        "
        title: T
        sections:
          - title: Intro
            slides:
              - image: folder.png
              - image: empty.png
              - image: text.png
              - image: truncated.png
              - image: picture.bmp
              - image: folder.png
              - image: damaged.png
              - image: cut.jpg
        ",
        "
        error: deck.yaml:5:16: cannot read image `folder.png` (is a directory)
          |
        5 |       - image: folder.png
          |                ^^^^^^^^^^
          |
          = note: in section 1 `Intro`, slide 1

        error: deck.yaml:6:16: image `empty.png` is an empty file
          |
        6 |       - image: empty.png
          |                ^^^^^^^^^
          |
          = note: in section 1 `Intro`, slide 2

        error: deck.yaml:7:16: `text.png` is not a PNG, JPEG, GIF, WebP, SVG or PDF image
          |
        7 |       - image: text.png
          |                ^^^^^^^^
          |
          = note: in section 1 `Intro`, slide 3

        error: deck.yaml:8:16: cannot decode PNG image `truncated.png` (unexpected end of file)
          |
        8 |       - image: truncated.png
          |                ^^^^^^^^^^^^^
          |
          = note: in section 1 `Intro`, slide 4

        error: deck.yaml:9:16: unsupported image format BMP in `picture.bmp` (use PNG, JPEG, GIF, WebP, SVG or PDF)
          |
        9 |       - image: picture.bmp
          |                ^^^^^^^^^^^
          |
          = note: in section 1 `Intro`, slide 5

        error: deck.yaml:10:16: cannot read image `folder.png` (is a directory)
           |
        10 |       - image: folder.png
           |                ^^^^^^^^^^
           |
           = note: in section 1 `Intro`, slide 6

        error: deck.yaml:11:16: cannot decode PNG image `damaged.png` (checksum mismatch in the IDAT chunk)
           |
        11 |       - image: damaged.png
           |                ^^^^^^^^^^^
           |
           = note: in section 1 `Intro`, slide 7

        error: deck.yaml:12:16: cannot decode JPEG image `cut.jpg` (unexpected end of file)
           |
        12 |       - image: cut.jpg
           |                ^^^^^^^
           |
           = note: in section 1 `Intro`, slide 8

        deckgen: 8 errors; no PDF written
        ",
    );
}

#[test]
fn font_problems() {
    let fixture = base();
    fixture.write("fonts/NotAFont.ttf", "plain text, not a font");
    check_error(
        &fixture,
        "
        title: T
        theme:
          font: fonts/Missing.ttf
          bold_font: fonts/NotAFont.ttf
        sections:
          - title: Intro
        ",
        "
        error: deck.yaml:3:9: cannot read font `fonts/Missing.ttf` (no such file or directory)
          |
        3 |   font: fonts/Missing.ttf
          |         ^^^^^^^^^^^^^^^^^

        error: deck.yaml:4:14: cannot use font `fonts/NotAFont.ttf` (not a TrueType or OpenType font: unknown magic)
          |
        4 |   bold_font: fonts/NotAFont.ttf
          |              ^^^^^^^^^^^^^^^^^^

        deckgen: 2 errors; no PDF written
        ",
    );
}

#[test]
fn a_users_fonts_are_used() {
    let fixture = base();
    std::fs::create_dir(fixture.path().join("fonts")).unwrap();
    std::fs::copy(
        repo_font("NotoSans-Bold.ttf"),
        fixture.path().join("fonts/Body.ttf"),
    )
    .unwrap();
    fixture.write(
        "deck.yaml",
        "
        title: T
        theme:
          font: fonts/Body.ttf
          bold_font: fonts/Body.ttf
        sections:
          - title: Intro
        ",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = lopdf::Document::load(fixture.path().join("out.pdf")).unwrap();
    let fonts = crate::pdf::font_names(&pdf);
    // Both roles name the same file, so it is embedded once: the bold face.
    assert_eq!(fonts.len(), 1, "{fonts:?}");
    assert!(fonts[0].ends_with("+NotoSans-Bold"), "{fonts:?}");
}

#[test]
fn missing_glyphs_and_cut_text_are_warnings() {
    let fixture = base();
    let long = "word ".repeat(1900);
    fixture.write(
        "deck.yaml",
        &format!(
            "
            title: T
            sections:
              - title: Intro
                slides:
                  - caption: 漢字 ok
                    image: a.png
                  - caption: {long}
            "
        ),
    );
    let stderr = fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-system-fonts"])
        .success();
    let first = "
        warning: deck.yaml:5:18: the font has no glyph for `漢` (U+6F22), used in the caption of slide 1 in section `Intro`
          |
        5 |       - caption: 漢字 ok
          |                  ^^^^^^^
          |
          = note: in section 1 `Intro`, slide 1
          = help: set `theme.font` to a font that has it

        ";
    assert!(
        stderr.starts_with(&crate::util::unindent(first)),
        "{stderr}"
    );
    assert_eq!(
        contract_lines(&stderr),
        [
            "warning: deck.yaml:5:18: the font has no glyph for `漢` (U+6F22), used in the caption of slide 1 in section `Intro`",
            "warning: deck.yaml:5:18: the font has no glyph for `字` (U+5B57), used in the caption of slide 1 in section `Intro`",
            "warning: deck.yaml:7:18: the caption of slide 2 in section `Intro` does not fit; cut with an ellipsis",
        ]
    );
    assert!(
        stderr.contains("\n  = help: shorten the text; it was already shrunk to half its size\n"),
        "{stderr}"
    );
    let summary = stderr.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("wrote out.pdf (4 pages, ") && summary.ends_with("), 3 warnings"),
        "{summary}"
    );
}

/// The lines of `stderr` that scripts read: `error: ...` and `warning: ...`.
fn contract_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.starts_with("error: ") || line.starts_with("warning: "))
        .collect()
}

#[test]
fn output_folder_missing() {
    let fixture = base();
    fixture
        .run(&["deck.yaml", "-o", "nowhere/talk.pdf"])
        .fails_with(
            "
            error: nowhere/talk.pdf: the output folder `nowhere` does not exist

            deckgen: 1 error; no PDF written
        ",
        );
    assert_no_pdf(&fixture);
}

#[test]
fn output_folder_not_writable() {
    // /proc refuses new files even to root, unlike a folder without write permission.
    let fixture = base();
    fixture
        .run(&["deck.yaml", "-o", "/proc/talk.pdf"])
        .fails_with(
            "
        error: /proc/talk.pdf: cannot write the PDF (no such file or directory)

        deckgen: 1 error; no PDF written
        ",
        );
    assert_no_pdf(&fixture);
}

#[test]
fn output_may_not_overwrite_an_input() {
    let fixture = base();
    fixture.run(&["deck.yaml", "-o", "a.png"]).fails_with(
        "
        error: a.png: refusing to overwrite an input of this deck with the PDF

        deckgen: 1 error; no PDF written
        ",
    );
    fixture.run(&["deck.yaml", "-o", "deck.yaml"]).fails_with(
        "
        error: deck.yaml: refusing to overwrite an input of this deck with the PDF

        deckgen: 1 error; no PDF written
        ",
    );
    assert!(std::fs::read_to_string(fixture.path().join("deck.yaml"))
        .unwrap()
        .contains("Test deck"));
}

#[test]
fn a_failed_run_leaves_the_existing_pdf_untouched() {
    let fixture = base();
    fixture.run(&["deck.yaml", "-o", "talk.pdf"]).success();
    let before = std::fs::read(fixture.path().join("talk.pdf")).unwrap();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: Intro\n    slides:\n      - image: gone.png\n",
    );
    assert_eq!(fixture.run(&["deck.yaml", "-o", "talk.pdf"]).code(), 1);
    assert_eq!(
        std::fs::read(fixture.path().join("talk.pdf")).unwrap(),
        before
    );
    assert_eq!(
        fixture.pdfs(),
        [std::path::PathBuf::from("talk.pdf")],
        "no temporary file is left"
    );
}

#[test]
fn deck_file_problems() {
    let fixture = Fixture::new();
    fixture.run(&["absent.yaml"]).fails_with(
        "
        error: absent.yaml: cannot read the deck file (no such file or directory)

        deckgen: 1 error; no PDF written
        ",
    );
    fixture.write_bytes("latin1.yaml", b"title: Caf\xe9\nsections: []\n");
    fixture.run(&["latin1.yaml"]).fails_with(
        "
        error: latin1.yaml:1:11: the deck file is not valid UTF-8 text

        deckgen: 1 error; no PDF written
        ",
    );
    assert_no_pdf(&fixture);
}

#[test]
fn same_inputs_give_byte_identical_pdfs() {
    let fixture = base();
    let run = |out: &str, epoch: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["deck.yaml", "-o", out])
            .env("SOURCE_DATE_EPOCH", epoch)
            .current_dir(fixture.path())
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(fixture.path().join(out)).unwrap()
    };
    let first = run("one.pdf", "1795000000");
    let second = run("two.pdf", "1795000000");
    assert!(
        first == second,
        "two runs with the same SOURCE_DATE_EPOCH differ"
    );
    // The Info dictionary sits in a compressed object stream: read it back.
    let pdf = lopdf::Document::load_mem(&first).unwrap();
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = pdf.get_dictionary(info).unwrap().get(b"CreationDate");
    assert_eq!(
        date.unwrap().as_str().unwrap(),
        b"D:20261118110640Z",
        "the date comes from SOURCE_DATE_EPOCH"
    );
    assert!(
        run("three.pdf", "0") != first,
        "another date gives another file"
    );
}

#[test]
fn the_default_output_keeps_every_dot_of_the_name() {
    let fixture = base();
    std::fs::rename(
        fixture.path().join("deck.yaml"),
        fixture.path().join("talk.v2.yaml"),
    )
    .unwrap();
    fixture.run(&["talk.v2.yaml"]).success();
    assert_eq!(
        fixture.pdfs(),
        [std::path::PathBuf::from("out/talk.v2.pdf")]
    );
}

#[test]
fn the_default_output_folder_cannot_be_created() {
    let fixture = base();
    fixture.write("out", "a file where the out folder would go");
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: out: cannot create the output folder (file exists)

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn an_empty_deck_file() {
    let fixture = Fixture::new();
    let shown_line = [
        ("", ""),
        ("\n\n", "  |\n1 |\n  | ^\n"),
        (
            "# only a comment\n",
            "  |\n1 | # only a comment\n  | ^^^^^^^^^^^^^^^^\n",
        ),
    ];
    for (empty, shown) in shown_line {
        fixture.write("deck.yaml", empty);
        fixture.run(&["deck.yaml"]).fails_with(&format!(
            "error: deck.yaml:1:1: the deck file is empty (a deck needs at least `title` and `sections`)\n{shown}\ndeckgen: 1 error; no PDF written\n"
        ));
    }
    fixture.write("deck.yaml", "title: A\nsections: []\n---\ntitle: B\n");
    fixture.run(&["deck.yaml"]).fails_with(
        "
        error: deck.yaml:4:1: the file holds more than one YAML document (`---`); a deck is one document
          |
        4 | title: B
          | ^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn an_unknown_aspect_lists_the_known_ones() {
    check_error(
        &base(),
        "title: T\ntheme:\n  aspect: square\nsections:\n  - title: Intro\n",
        "
        error: deck.yaml:3:11: unknown aspect `square` (expected one of `16:9`, `4:3`, `16:10`, `a4` or `letter`)
          |
        3 |   aspect: square
          |           ^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn footer_and_long_word_warnings_name_their_place() {
    let fixture = base();
    let footer = "A very long footer ".repeat(60);
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(4);
    fixture.write(
        "deck.yaml",
        &format!("title: T\ntheme:\n  footer: {footer}\nsections:\n  - title: Intro\n    slides:\n      - caption: {word}\n"),
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert_eq!(
        contract_lines(&stderr),
        [
            "warning: deck.yaml:3:11: the footer does not fit; cut with an ellipsis",
            "warning: deck.yaml:7:18: the caption of slide 1 in section `Intro` has a word too long for a line; broken between letters",
        ]
    );
    assert!(
        stderr.contains("\n  = help: shorten the text; it was already shrunk to half its size\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  = note: in section 1 `Intro`, slide 1\n"),
        "{stderr}"
    );
}

#[test]
fn slides_may_be_left_empty() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: Intro\n    slides:\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(stderr.starts_with("wrote out.pdf (2 pages, "), "{stderr}");
}

#[test]
fn one_page_is_counted_in_the_singular() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\ntitle_slide: false\nsections:\n  - title: Intro\n    slides:\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(stderr.starts_with("wrote out.pdf (1 page, "), "{stderr}");
    let stderr = fixture.run(&["check", "deck.yaml"]).success();
    assert!(
        stderr.ends_with("checked deck.yaml (1 page); no PDF written\n"),
        "{stderr}"
    );
}

#[test]
fn an_empty_font_path() {
    check_error(
        &base(),
        "title: T\ntheme:\n  font: ''\nsections:\n  - title: Intro\n",
        "
        error: deck.yaml:3:9: `font` is empty (give a path to a TTF or OTF file)
          |
        3 |   font: ''
          |         ^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn control_characters_are_dropped_not_drawn() {
    let fixture = base();
    fixture.write(
        "deck.yaml",
        "title: \"Ring\\a the bell\"\nsections:\n  - title: Intro\n",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = lopdf::Document::load(fixture.path().join("out.pdf")).unwrap();
    assert!(pdf.extract_text(&[1]).unwrap().contains("Ring the bell"));
}

#[test]
fn max_ppi_in_the_deck_must_be_a_whole_number_in_range() {
    let fixture = base();
    for (value, shown) in [("5", "5"), ("150.5", "150.5"), ("20000", "20000")] {
        check_error(
            &fixture,
            &format!("title: T\ntheme:\n  max_ppi: {value}\nsections:\n  - title: Intro\n"),
            &format!(
                "
                error: deck.yaml:3:12: `max_ppi` must be a whole number from 10 to 10000 (got {shown})
                  |
                3 |   max_ppi: {value}
                  |            {carets}

                deckgen: 1 error; no PDF written
                ",
                carets = "^".repeat(value.len())
            ),
        );
    }
    check_error(
        &fixture,
        "title: T\ntheme:\n  max_ppi: lots\nsections:\n  - title: Intro\n",
        "
        error: deck.yaml:3:12: invalid value for `max_ppi` (expected a number)
          |
        3 |   max_ppi: lots
          |            ^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn image_flags_out_of_range_are_usage_errors() {
    let fixture = base();
    for (args, expected) in [
        (
            ["--max-ppi", "5"],
            "error: invalid value '5' for '--max-ppi <PPI>': 5 is not in 10..=10000\n",
        ),
        (
            ["--jpeg-quality", "101"],
            "error: invalid value '101' for '--jpeg-quality <Q>': 101 is not in 1..=100\n",
        ),
        (
            ["--jpeg-quality", "0"],
            "error: invalid value '0' for '--jpeg-quality <Q>': 0 is not in 1..=100\n",
        ),
    ] {
        let run = fixture.run(&["deck.yaml", args[0], args[1]]);
        assert_eq!(run.code(), 2);
        assert_eq!(
            run.stderr(),
            format!("{expected}\nFor more information, try '--help'.\n")
        );
    }
    assert_no_pdf(&fixture);
    fixture
        .run(&["deck.yaml", "--max-ppi", "150", "--jpeg-quality", "75"])
        .success();
}

#[test]
fn presenting_problems_at_once() {
    let fixture = base();
    check_error(
        &fixture,
        r##"
        title: T
        duration: 0.5
        transition: fdae
        transition_duration: 0
        theme:
          present:
            fullscren: true
        sections:
          - title: S
            transition: push left
            transition_duration: 11
            slides:
              - id: intro
                caption: a
                transition: fade in
              - id: intro
                caption: b
                transition: wipe left right
              - id: "bad id"
                caption: c
                link: "#intr"
              - caption: d
                link: "#nowhere"
                transition: ""
              - caption: e
                transition: spin
        "##,
        r##"
        error: deck.yaml:2:11: `duration` must be whole minutes from 1 to 1440 (got 0.5)
          |
        2 | duration: 0.5
          |           ^^^

        error: deck.yaml:3:13: unknown transition `fdae` (did you mean `fade`?)
          |
        3 | transition: fdae
          |             ^^^^

        error: deck.yaml:4:22: `transition_duration` must be more than 0 and at most 10 seconds (got 0)
          |
        4 | transition_duration: 0
          |                      ^

        error: deck.yaml:7:5: unknown key `fullscren` (did you mean `fullscreen`?)
          |
        7 |     fullscren: true
          |     ^^^^^^^^^
          |
          = help: allowed here: `fullscreen`

        error: deck.yaml:10:17: transition `push` cannot take `left` (`push` takes `right` or `down`; in a PDF only `wipe` moves left or up)
           |
        10 |     transition: push left
           |                 ^^^^^^^^^
           |
           = note: in section 1 `S`

        error: deck.yaml:11:26: `transition_duration` must be more than 0 and at most 10 seconds (got 11)
           |
        11 |     transition_duration: 11
           |                          ^^
           |
           = note: in section 1 `S`

        error: deck.yaml:15:21: transition `fade` cannot take `in` (`fade` takes no options)
           |
        15 |         transition: fade in
           |                     ^^^^^^^
           |
           = note: in section 1 `S`, slide 1

        error: deck.yaml:16:13: slide id `intro` is already used on line 13
           |
        16 |       - id: intro
           |             ^^^^^
           |
           = note: in section 1 `S`, slide 2

        error: deck.yaml:18:21: transition `wipe left right` sets one option twice (`left` and `right`)
           |
        18 |         transition: wipe left right
           |                     ^^^^^^^^^^^^^^^
           |
           = note: in section 1 `S`, slide 2

        error: deck.yaml:19:13: invalid slide id `bad id` (use letters, digits, `-`, `_` and `.`)
           |
        19 |       - id: "bad id"
           |             ^^^^^^^^
           |
           = note: in section 1 `S`, slide 3

        error: deck.yaml:21:15: the link `#intr` names no slide (did you mean `#intro`?)
           |
        21 |         link: "#intr"
           |               ^^^^^^^
           |
           = note: in section 1 `S`, slide 3

        error: deck.yaml:23:15: the link `#nowhere` names no slide (give the slide to open `id: nowhere`)
           |
        23 |         link: "#nowhere"
           |               ^^^^^^^^^^
           |
           = note: in section 1 `S`, slide 4

        error: deck.yaml:24:21: `transition` is empty (expected one of `none`, `fade`, `dissolve`, `wipe`, `push`, `cover`, `uncover`, `split`, `blinds`, `box`, `glitter` or `fly`)
           |
        24 |         transition: ""
           |                     ^^
           |
           = note: in section 1 `S`, slide 4

        error: deck.yaml:26:21: unknown transition `spin` (did you mean `split`?)
           |
        26 |         transition: spin
           |                     ^^^^
           |
           = note: in section 1 `S`, slide 5

        deckgen: 14 errors; no PDF written
        "##,
    );
}

#[test]
fn a_transition_option_that_fits_no_style() {
    let fixture = base();
    check_error(
        &fixture,
        "
        title: T
        transition: blinds diagonal
        sections:
          - title: S
            slides:
              - caption: a
        ",
        "
        error: deck.yaml:2:13: transition `blinds` cannot take `diagonal` (`blinds` takes `horizontal` or `vertical`)
          |
        2 | transition: blinds diagonal
          |             ^^^^^^^^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn the_pdfpc_file_may_not_overwrite_an_input() {
    let fixture = Fixture::new();
    fixture.write(
        "notes.pdfpc",
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: a
                notes: n
        ",
    );
    fixture.run(&["notes.pdfpc", "-o", "notes.pdf"]).fails_with(
        "
        error: notes.pdfpc: refusing to overwrite an input of this deck with the pdfpc notes

        deckgen: 1 error; no PDF written
        ",
    );
    assert!(!fixture.path().join("notes.pdf").exists());
}

#[test]
fn paper_options_need_paper_output_and_valid_values() {
    let fixture = base();
    let handout = fixture.run(&["deck.yaml", "--handout", "5"]);
    assert_eq!(handout.code(), 2);
    assert!(handout.stderr().starts_with(
        "error: invalid value '5' for '--handout <N>': a handout holds 1, 2, 3, 4, 6 or 9 slides to a sheet\n"
    ));
    for args in [
        &["deck.yaml", "--paper", "letter"][..],
        &["deck.yaml", "--handout-skip-dividers"],
        &["deck.yaml", "--handout", "6", "--notes-pages"],
        &["deck.yaml", "--handout", "6", "--fullscreen"],
        &["deck.yaml", "--notes-pages", "--notes-annotations"],
        &["deck.yaml", "--notes-pages", "--paper", "a3"],
    ] {
        let run = fixture.run(args);
        assert_eq!(run.code(), 2, "{args:?}: {}", run.stderr());
    }
    assert_no_pdf(&fixture);
}

#[test]
fn a_handout_with_nothing_left_to_print() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: Only dividers
        sections:
          - title: Intro
        ",
    );
    fixture
        .run(&["deck.yaml", "--handout", "6", "--handout-skip-dividers"])
        .fails_with(
            "
            error: deck.yaml: no slides to print: the deck has only a title slide, an agenda and dividers

            deckgen: 1 error; no PDF written
            ",
        );
    assert_no_pdf(&fixture);
}

#[test]
fn a_tab_is_found_where_it_is_not_where_the_parser_stops() {
    // The parser stops on the line above, in the caption.
    check_error(
        &base(),
        "title: T\nsections:\n  - title: S\n    slides:\n      - caption: c\n\timage: a.png\n",
        "
        error: deck.yaml:6:1: a tab in the indentation: YAML indents with spaces, not tabs
          |
        6 |     image: a.png
          | ^^^^
          |
          = help: replace it with spaces, so the line lines up with the lines around it

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn a_colon_in_a_plain_value_says_to_quote_it() {
    check_error(
        &base(),
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: Result: 42
        ",
        r#"
        error: deck.yaml:5:24: the value of `caption` has `: ` in it, which YAML reads as the start of another key
          |
        5 |       - caption: Result: 42
          |                        ^
          |
          = help: quote the text: `caption: "Result: 42"`

        deckgen: 1 error; no PDF written
        "#,
    );
    // A value with double quotes in it is quoted with single ones.
    check_error(
        &base(),
        "title: T\nsubtitle: Say \"hi\": twice\nsections: []\n",
        r#"
        error: deck.yaml:2:19: the value of `subtitle` has `: ` in it, which YAML reads as the start of another key
          |
        2 | subtitle: Say "hi": twice
          |                   ^
          |
          = help: quote the text: `subtitle: 'Say "hi": twice'`

        deckgen: 1 error; no PDF written
        "#,
    );
}

#[test]
fn a_list_item_at_the_wrong_depth_is_pointed_at() {
    let help = "= help: give each `- ` item of a list, and each key of a mapping, the same number of spaces before it";
    check_error(
        &base(),
        "title: T\nsections:\n  - title: S\n    slides:\n      - caption: a\n     - caption: b\n",
        &format!(
            "
            error: deck.yaml:6:6: this line is indented unlike the lines of its list or mapping
              |
            6 |      - caption: b
              |      ^^^^^^^^^
              |
              {help}

            deckgen: 1 error; no PDF written
            "
        ),
    );
    // A slide's `- ` where its section's would go.
    check_error(
        &base(),
        "title: T\nsections:\n  - title: S\n    slides:\n      - caption: a\n    - title: U\n",
        &format!(
            "
            error: deck.yaml:6:5: this line is indented unlike the lines of its list or mapping
              |
            6 |     - title: U
              |     ^^^^^^^
              |
              {help}

            deckgen: 1 error; no PDF written
            "
        ),
    );
}

#[test]
fn a_duplicate_key_in_a_slide_names_the_first() {
    check_error(
        &base(),
        "
        title: T
        sections:
          - title: S
            slides:
              - caption: a
                image: a.png
                caption: b
        ",
        "
        error: deck.yaml:7:9: duplicate key `caption` (first given on line 5)
          |
        7 |         caption: b
          |         ^^^^^^^
          |
          = help: a key may appear once in each mapping; remove one of them

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn an_image_path_in_the_wrong_case_gets_a_did_you_mean() {
    let fixture = base();
    std::fs::create_dir(fixture.path().join("Images")).unwrap();
    fixture.image("Images/Chart.png", 40, 30);
    check_error(
        &fixture,
        "
        title: T
        sections:
          - title: S
            slides:
              - image: images/chart.PNG
                alt: A chart
        ",
        "
        error: deck.yaml:5:16: cannot read image `images/chart.PNG` (no such file or directory; did you mean `Images/Chart.png`?)
          |
        5 |       - image: images/chart.PNG
          |                ^^^^^^^^^^^^^^^^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
}
