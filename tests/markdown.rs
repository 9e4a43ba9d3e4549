//! Markdown decks: Pandoc and Marp conventions mapped onto deck keys,
//! errors at their place in the `.md` file, `deckgen import`, and the two
//! sample talks through pdf-check with their notes in the `.pdfpc` file.

use std::path::Path;

use crate::util::allocated::bytes_allocated_by;
use crate::util::{pdf_check, pdftotext, unindent, Fixture, Run};

/// Asserts `run` failed with `expected` on stderr, leaving out the lines
/// that list the keys a level takes (they grow as the format does).
fn fails_with_keys_aside(run: &Run, expected: &str) {
    let stderr: Vec<String> = run
        .stderr()
        .lines()
        .filter(|line| !line.trim_start().starts_with("= help: allowed here:"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(stderr.concat(), unindent(expected), "stderr differs");
    assert_eq!(run.code(), 1);
}

/// The YAML deck `deckgen import` writes for `markdown`, in a fixture
/// with a picture `a.png` beside it.
fn imported(markdown: &str) -> String {
    let fixture = Fixture::new();
    fixture.write("talk.md", markdown);
    fixture.image("a.png", 40, 30);
    fixture.image("b.png", 30, 40);
    let run = fixture.run(&["import", "talk.md"]);
    run.success();
    std::fs::read_to_string(fixture.path().join("talk.yaml")).expect("the imported deck")
}

#[test]
fn pandoc_conventions_map_onto_deck_keys() {
    let markdown = unindent(
        r#"
        ---
        title: A Talk
        author: Jo
        ---

        Before any section.

        # Part one

        What this part is about.

        ## A picture {#pic}

        ![A red square](a.png "Photo: Jo")

        Some *emphasis*, `code` and a [link](https://example.org).

        - one
        - two

        ::: notes
        Say this.
        :::

        ## Two pictures

        ![First](a.png)
        ![Second](b.png "Photo: Sam")

        ## Only a heading

        ---

        To be or not to be.

        <!-- deckgen: {layout: quote, attribution: Hamlet} -->
        "#,
    );
    assert_eq!(
        imported(&markdown),
        unindent(
            r#"
            # Imported from talk.md by `deckgen import`: builds the same pages.
            title: A Talk
            author: Jo
            sections:
            - title: A Talk
              divider: false
              slides:
              - caption: Before any section.
            - title: Part one
              intro: What this part is about.
              slides:
              - id: pic
                title: A picture
                body: |-
                  Some *emphasis*, `code` and a [link](https://example.org).

                  - one
                  - two
                image: a.png
                alt: A red square
                notes: Say this.
                credit: "Photo: Jo"
              - title: Two pictures
                layout: pair
                images:
                - image: a.png
                  alt: First
                - image: b.png
                  alt: Second
                  credit: "Photo: Sam"
              - caption: Only a heading
                layout: statement
              - caption: To be or not to be.
                layout: quote
                attribution: Hamlet
            "#
        )
    );
}

#[test]
fn marp_conventions_map_onto_deck_keys() {
    let markdown = unindent(
        r##"
        ---
        marp: true
        title: A Talk
        paginate: true
        footer: Jo · 2026
        size: 4:3
        ---

        # Hello

        Welcome

        <!-- Greet everybody. -->

        ---

        ![bg](a.png)

        # Full

        ---

        <!-- backgroundColor: "#102030" -->
        ![bg left:35%](a.png)

        # Beside

        ---

        <!-- _class: invert -->
        ![bg](a.png)
        ![bg contain](b.png)

        ---

        # Just this

        ---

        <!-- _backgroundImage: url('b.png') -->
        <!-- _color: "#ffeedd" -->

        # Styled
        "##,
    );
    assert_eq!(
        imported(&markdown),
        unindent(
            r##"
            # Imported from talk.md by `deckgen import`: builds the same pages.
            title: A Talk
            title_slide: false
            theme:
              aspect: "4:3"
              page_numbers: true
              footer: Jo · 2026
            sections:
            - title: A Talk
              divider: false
              slides:
              - title: Hello
                caption: Welcome
                notes: Greet everybody.
              - title: Full
                image: a.png
                layout: full
              - title: Beside
                image: a.png
                background: "#102030"
                layout: image-left
                split: 0.35
              - title: ""
                background: "#1d1d1f"
                layout: pair
                images:
                - image: a.png
                - image: b.png
                  fit: contain
              - title: ""
                caption: Just this
                background: "#102030"
                layout: statement
              - title: ""
                caption: Styled
                background: "#102030"
                background_image: b.png
                text_color: "#ffeedd"
                layout: statement
            "##
        )
    );
}

#[test]
fn without_any_second_level_heading_each_first_level_heading_is_a_slide() {
    let yaml = imported("---\ntitle: T\n---\n\n# One\n\nFirst\n\n# Two\n\nSecond\n");
    assert!(
        yaml.ends_with(
            "sections:\n- title: T\n  divider: false\n  slides:\n  - title: One\n    caption: First\n  - title: Two\n    caption: Second\n"
        ),
        "{yaml}"
    );
}

#[test]
fn the_convention_is_detected_and_can_be_forced() {
    // Slides split by `---` alone, no front matter key: Marp (no title slide).
    let marp = imported("# One\n\nText\n\n---\n\n# Two\n\nMore\n");
    assert!(marp.contains("title_slide: false"), "{marp}");
    // Headings start slides: Pandoc, even with a rule.
    let pandoc = imported("---\ntitle: T\n---\n\n## One\n\n## Two\n\nText\n\n---\n\nMore\n");
    assert!(!pandoc.contains("title_slide"), "{pandoc}");
    let forced = imported("---\ntitle: T\nconvention: pandoc\n---\n\n# One\n\n---\n\n# Two\n");
    assert!(!forced.contains("title_slide"), "{forced}");
}

#[test]
fn front_matter_keys_are_checked_at_their_line() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nautor: Jo\n---\n\n## One\n\nText\n",
    );
    let run = fixture.run(&["talk.md"]);
    assert!(
        run.stderr().contains(
            "`theme`, `convention`, `marp`, `paginate`, `class`, `size`, `header`, `footer`, `lang`, `aspectratio`, `slide-level`, `slide_level`, `math`, `headingDivider`, `institute`, `backgroundColor`, `backgroundImage`, `color`, `_class`, `_backgroundColor`, `_backgroundImage`, `_color`\n"
        ),
        "{}",
        run.stderr()
    );
    fails_with_keys_aside(
        &run,
        "
        error: talk.md:3:1: unknown key `autor` (did you mean `author`?)
          |
        3 | autor: Jo
          | ^^^^^
          |

        deckgen: 1 error; no PDF written
        ",
    );
    assert!(fixture.pdfs().is_empty());
}

#[test]
fn bad_deckgen_comments_are_reported_at_their_place() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\n---\n\n## One\n\nText\n\n<!-- deckgen: {layout: quote -->\n\n## Two\n\n<!-- deckgen: {captoin: x} -->\n\nMore\n\n## Three\n\n<!-- deckgen: -->\n",
    );
    fails_with_keys_aside(
        &fixture.run(&["talk.md"]),
        "
        error: talk.md:9:15: invalid YAML (unclosed bracket '{')
          |
        9 | <!-- deckgen: {layout: quote -->
          |               ^^^^^^^
          |
          = note: in section 1 `T`, slide 1

        error: talk.md:13:16: unknown key `captoin` (did you mean `caption`?)
           |
        13 | <!-- deckgen: {captoin: x} -->
           |                ^^^^^^^
           |
           = note: in section 1 `T`, slide 2

        error: talk.md:19:14: the `deckgen:` comment gives no keys (as in `<!-- deckgen: {layout: quote} -->`)
           |
        19 | <!-- deckgen: -->
           |              ^^^^
           |
           = note: in section 1 `T`, slide 3

        deckgen: 3 errors; no PDF written
        ",
    );
}

#[test]
fn values_from_deckgen_comments_are_checked_at_their_place() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\n---\n\n## One\n\nText\n\n<!-- deckgen: {layout: quoet} -->\n\n## Two\n\nMore\n\n<!-- deckgen:\ntransition: fade\nsplit: 0.9\n-->\n",
    );
    fixture.run(&["talk.md"]).fails_with(
        "
        error: talk.md:9:24: unknown layout `quoet` (did you mean `quote`?)
          |
        9 | <!-- deckgen: {layout: quoet} -->
          |                        ^^^^^^^^^^
          |
          = note: in section 1 `T`, slide 1

        error: talk.md:17:8: `split` does not go with layout `standard` (only with `image-left` or `image-right`; did you mean `layout: image-left`?)
           |
        17 | split: 0.9
           |        ^^^
           |
           = note: in section 1 `T`, slide 2

        deckgen: 2 errors; no PDF written
        ",
    );
}

/// Each comment's keys are read on their own: a comment deep in a long
/// file costs what one near its start does. Measured in bytes allocated (the
/// same on any machine, however loaded), twice the comments cost twice the
/// work: reading each at its line by padding it with the lines before it, as
/// deckgen once did, made that ratio grow with the count (quadratic).
/// `benches/hostile.py` times it.
#[test]
fn many_deckgen_comments_cost_work_in_proportion_to_their_number() {
    let fixture = Fixture::new();
    let work = |count: usize| {
        let comments = "<!-- deckgen: {fit: cover} -->\n".repeat(count);
        let talk = fixture.write(
            "talk.md",
            &format!("---\ntitle: T\n---\n\n## One\n\nText\n\n{comments}"),
        );
        bytes_allocated_by(|| {
            let mut diagnostics = deckgen::diag::Diagnostics::new();
            let yaml = deckgen::import_markdown(&talk, &mut diagnostics);
            assert!(yaml.is_some(), "{diagnostics:?}");
        })
    };
    let (once, twice) = (work(COMMENTS), work(2 * COMMENTS));
    let ratio = twice as f64 / once as f64;
    eprintln!(
        "{COMMENTS} comments: {once} bytes; {}: {twice} bytes; ratio {ratio:.3}",
        2 * COMMENTS
    );
    assert!(
        ratio < 2.15,
        "{COMMENTS} comments allocate {once} bytes, twice as many {twice}"
    );
}

/// Enough comments that padding each to its line would dominate the work.
const COMMENTS: usize = 4_000;

/// The lines of `stderr` that start with `kind` (`warning:`, `error:`).
fn lines_of<'a>(stderr: &'a str, kind: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|line| line.starts_with(kind))
        .collect()
}

#[test]
fn a_picture_whose_file_is_not_there_is_left_out_with_a_warning() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlang: en\n---\n\n## One\n\n![A lost picture](lost.png)\n\n## Two\n\n- Words\n- ![A lost diagram](gone/diagram.svg)\n\n## Three\n\n![Here](a.png)\n",
    );
    let stderr = fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    assert!(
        stderr.starts_with(&unindent(
            "
            warning: talk.md:8:1: the picture `lost.png` is not there, so it is left out (put the file at that path, beside the deck, to show it)
              |
            8 | ![A lost picture](lost.png)
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^
              |
              = note: in section 1 `T`, slide 1
            "
        )),
        "{stderr}"
    );
    // `deckgen check` reports them too, and the build goes on without them.
    let checked = fixture.run(&["check", "talk.md"]).success();
    assert_eq!(
        lines_of(&checked, "warning:"),
        [
            "warning: talk.md:8:1: the picture `lost.png` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
            "warning: talk.md:13:3: the picture `gone/diagram.svg` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
        ]
    );
    // The first slide is its title alone; the list item shows the
    // diagram's description; the picture that is there is shown.
    let pdf = fixture.path().join("talk.pdf");
    crate::util::pdf_check(&pdf, Some(4), &["A lost diagram"]);
    let yaml = {
        fixture
            .run(&["import", "talk.md", "-o", "talk.yaml"])
            .success();
        std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap()
    };
    assert!(
        !yaml.contains("lost.png") && yaml.contains("image: a.png"),
        "{yaml}"
    );
}

#[test]
fn a_picture_that_is_there_but_cannot_be_read_stays_an_error() {
    let fixture = Fixture::new();
    fixture.write("broken.png", "not a picture");
    fixture.write(
        "talk.md",
        "---\ntitle: T\n---\n\n## One\n\n![A broken picture](broken.png)\n",
    );
    let run = fixture.run(&["talk.md"]);
    assert_eq!(
        lines_of(&run.stderr(), "error:"),
        ["error: talk.md:7:1: `broken.png` is not a PNG, JPEG, GIF, WebP, SVG or PDF image"]
    );
    assert_eq!(run.code(), 1);
}

#[test]
fn a_link_that_is_no_url_is_a_warning_in_a_markdown_deck_and_its_words_stay() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlang: en\n---\n\n## One\n\n- Built with [Nest]((https://www.nest-simulator.org/))\n",
    );
    let stderr = fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    assert_eq!(
        lines_of(&stderr, "warning:"),
        ["warning: talk.md:8:14: invalid link `(https://www.nest-simulator.org/)` (expected a URL such as `https://example.org`, or `#id` of a slide); its text is shown unlinked"]
    );
    crate::util::pdf_check(&fixture.path().join("talk.pdf"), None, &["Built with Nest"]);
    // A YAML deck keeps the error.
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - body: \"[Nest]((https://example.org/))\"\n",
    );
    let run = fixture.run(&["deck.yaml"]);
    assert_eq!(
        lines_of(&run.stderr(), "error:"),
        ["error: deck.yaml:5:16: invalid link `(https://example.org/)` (expected a URL such as `https://example.org`, or `#id` of a slide)"]
    );
}

#[test]
fn markdown_specific_mistakes_are_reported() {
    let fixture = Fixture::new();
    fixture.write(
        "conv.md",
        "---\ntitle: T\nconvention: marpp\n---\n\n## One\n",
    );
    fixture.run(&["conv.md"]).fails_with(
        "
        error: conv.md:3:13: unknown convention `marpp` (did you mean `marp`?)
          |
        3 | convention: marpp
          |             ^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
    fixture.write("empty.md", "---\ntitle: T\n---\n");
    fixture.run(&["empty.md"]).fails_with(
        "
        error: empty.md:4:1: the deck has no slides (write them after the front matter: a `## Title` starts one, a `---` line too)

        deckgen: 1 error; no PDF written
        ",
    );
    fixture.image("a.png", 40, 40);
    fixture.write(
        "bg.md",
        "---\nmarp: true\ntitle: T\n---\n\n# One\n\n![bg](a.png)\n![inline](a.png)\n",
    );
    fixture.run(&["bg.md"]).fails_with(
        "
        error: bg.md:9:1: a slide with a `![bg]` picture shows no other picture (make it a `![bg]` too, for a pair)
          |
        9 | ![inline](a.png)
          | ^^^^^^^^^^^^^^^^
          |
          = note: in section 1 `T`, slide 1

        deckgen: 1 error; no PDF written
        ",
    );
    // A share past deckgen's 30% to 70% is set at the nearest, and said.
    fixture.image("a.png", 40, 40);
    fixture.write(
        "split.md",
        "---\nmarp: true\ntitle: T\n---\n\n![bg right:80%](a.png)\n\n# X\n\n---\n\n# Y\n",
    );
    let run = fixture.run(&["check", "split.md"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "note: split.md:6:12: a `![bg]` picture takes 30% to 70% of the width in deckgen: 80% is set as 70%"
        ),
        "{}",
        run.stderr()
    );
    assert!(fixture.pdfs().is_empty());
}

#[test]
fn check_notes_what_marp_has_and_deckgen_does_not() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 40);
    fixture.write(
        "talk.md",
        "---\nmarp: true\ntitle: T\ntheme: gaia\nheader: Meetup\n---\n\n# One\n\n![w:600](a.png)\n\n<!-- _paginate: false -->\n",
    );
    let run = fixture.run(&["check", "talk.md"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let headlines: Vec<String> = run
        .stderr()
        .lines()
        .filter(|line| line.starts_with("note:") || line.starts_with("checked"))
        .map(String::from)
        .collect();
    assert_eq!(
        headlines,
        [
            "note: talk.md:1:1: the deck does not say its language, so neither does its PDF, and screen readers guess it (give it one in front matter, such as `lang: en`)",
            "note: talk.md:4:8: Marp theme `gaia` has no deckgen counterpart; the deck keeps deckgen's look (give `theme:` deckgen's theme keys to change it)",
            // A size hint is no description: the picture has no `alt`.
            "note: talk.md:10:1: image `a.png` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
            "note: talk.md:10:3: Marp size hint `w:600` is ignored (deckgen sizes pictures to their box)",
            "note: talk.md:12:6: Marp directive `_paginate` has no deckgen counterpart here; it is ignored",
            "checked talk.md (1 page); no PDF written",
        ]
    );
}

#[test]
fn import_never_replaces_a_deck_unasked_and_writes_where_told() {
    let fixture = Fixture::new();
    fixture.write("talk.md", "---\ntitle: T\n---\n\n## One\n\nText\n");
    fixture.write("talk.yaml", "mine\n");
    let run = fixture.run(&["import", "talk.md"]);
    assert_eq!(
        run.stderr(),
        "deckgen: `talk.yaml` already exists (give `-o` to choose where the deck goes); no deck written\n"
    );
    assert_eq!(run.code(), 1);
    let kept = std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap();
    assert_eq!(kept, "mine\n");
    let run = fixture.run(&["import", "talk.md", "-o", "deck.yaml"]);
    assert_eq!(run.success(), "deckgen: wrote deck.yaml\n");
    let run = fixture.run(&["deck.yaml", "-o", "deck.pdf"]);
    run.success();
    let run = fixture.run(&["import", "talk.yaml"]);
    assert_eq!(
        run.stderr(),
        "error: talk.yaml: `deckgen import` reads Markdown decks (`.md` or `.markdown`)\n\ndeckgen: 1 error; no deck written\n"
    );
}

/// The sample talks: `(file, pages, notes)`.
const TALKS: &[(&str, usize, usize)] = &[("pandoc-talk.md", 21, 5), ("marp-talk.md", 16, 4)];

#[test]
fn the_sample_talks_build_pass_pdf_check_and_keep_their_notes() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let out = tempfile::tempdir().unwrap();
    for (talk, pages, notes) in TALKS {
        let pdf = out.path().join(talk.replace(".md", ".pdf"));
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .arg(folder.join(talk))
            .arg("-o")
            .arg(&pdf)
            .args(["--quiet", "--source-date-epoch", "0"])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        pdf_check(&pdf, Some(*pages), &[]);
        let pdfpc = std::fs::read_to_string(pdf.with_extension("pdfpc")).unwrap();
        let pdfpc: serde_json::Value = serde_json::from_str(&pdfpc).unwrap();
        let with_notes = pdfpc["pages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|page| page["note"].is_string())
            .count();
        assert_eq!(with_notes, *notes, "{talk}");
    }
}

#[test]
fn marp_slides_show_their_heading_once_and_no_title_without_one() {
    let yaml = imported(&unindent(
        "
        ---
        marp: true
        ---

        # My Talk

        ---

        ![bg](a.png)

        ---

        Just text.

        ---

        ## Only this
        ",
    ));
    // No slide gets the deck's title: a heading alone is said once, and a
    // slide without one is untitled, as Marp shows them.
    assert!(
        yaml.ends_with(&unindent(
            r#"
            sections:
            - title: My Talk
              divider: false
              slides:
              - title: ""
                caption: My Talk
                layout: statement
              - title: ""
                image: a.png
                layout: full
              - title: ""
                caption: Just text.
              - title: ""
                caption: Only this
                layout: statement
            "#
        )),
        "{yaml}"
    );
}

#[test]
fn an_untitled_marp_picture_gets_no_band_across_it() {
    let fixture = Fixture::new();
    fixture.image("a.png", 160, 90);
    fixture.write(
        "talk.md",
        "---\nmarp: true\ntitle: T\n---\n\n![bg](a.png)\n\n---\n\nThe end\n",
    );
    fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    let Some(page) = crate::util::render_page_one(&fixture.path().join("talk.pdf"), 20) else {
        return;
    };
    // The picture's own colour to the bottom edge: no white band over it.
    let bottom = page.get_pixel(page.width() / 2, page.height() - 2);
    assert!(bottom[2] < 200, "{bottom:?}");
}

#[test]
fn a_quote_and_a_dashed_name_make_a_quote_slide() {
    let yaml = imported(&unindent(
        "
        ---
        title: T
        ---

        ## Wisdom

        > “Make it as simple as possible, but not simpler.”

        — Albert Einstein

        ## Inline

        > Less is more.
        >
        > -- Mies

        ## Not a quote

        > Just quoted text.

        And more.
        ",
    ));
    assert!(
        yaml.ends_with(&unindent(
            "
            - title: T
              divider: false
              slides:
              - title: Wisdom
                caption: Make it as simple as possible, but not simpler.
                layout: quote
                attribution: Albert Einstein
              - title: Inline
                caption: Less is more.
                layout: quote
                attribution: Mies
              - title: Not a quote
                body: |-
                  > Just quoted text.

                  And more.
            "
        )),
        "{yaml}"
    );
}

#[test]
fn a_build_of_a_markdown_deck_counts_its_notes() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 40);
    fixture.write(
        "talk.md",
        "---\nmarp: true\ntitle: T\ntheme: gaia\nstyle: 'h1 { color: red }'\n---\n\n# One\n\n![w:600 An A](a.png)\n",
    );
    let stderr = fixture.run(&["talk.md"]).success();
    assert!(
        stderr.ends_with("4 notes; run `deckgen check talk.md` to see them\n"),
        "{stderr}"
    );
    // `--quiet` prints nothing.
    assert!(fixture.run(&["-q", "talk.md"]).success().is_empty());
}

/// The notes and errors `deckgen check` prints for `markdown`, headlines
/// only (warnings about the pictures' contrast are beside the point).
fn check_headlines(markdown: &str) -> Vec<String> {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.write("talk.md", markdown);
    let run = fixture.run(&["check", "talk.md"]);
    run.stderr()
        .lines()
        .filter(|line| {
            ["note:", "error:", "checked"]
                .iter()
                .any(|start| line.starts_with(start))
        })
        .map(String::from)
        .collect()
}

#[test]
fn a_pandoc_header_maps_what_deckgen_has_and_notes_the_rest() {
    let markdown = unindent(
        r#"
        ---
        title:
        - Text Classification
        subtitle: Tutorial 8
        author:
          - name: Jo Doe
            affiliation: Uni
          - Sam Roe
        institute: [MIT, ETH]
        date: 2026-06-15
        lang: de-CH
        aspectratio: 169
        fontsize: 10pt
        header-includes:
          - \usepackage{graphicx}
        pandocomatic_:
          use-template: x
        ---

        # Part

        ## Slide

        Text
        "#,
    );
    assert_eq!(
        check_headlines(&markdown),
        [
            "note: talk.md:13:1: `fontsize` is Beamer's key for the type size; deckgen ignores it",
            "note: talk.md:14:1: `header-includes` is Pandoc's key for raw code for the preamble; deckgen ignores it",
            "note: talk.md:16:1: `pandocomatic_` ends in `_`, which Pandoc ignores; deckgen ignores it too",
            "checked talk.md (3 pages); no PDF written",
        ]
    );
    let yaml = imported(&markdown);
    assert!(
        yaml.starts_with(&unindent(
            r#"
            # Imported from talk.md by `deckgen import`: builds the same pages.
            title: Text Classification
            subtitle: Tutorial 8
            author: Jo Doe, Sam Roe · MIT, ETH
            date: "2026-06-15"
            language: de-CH
            theme:
              aspect: "16:9"
            "#
        )),
        "{yaml}"
    );
}

#[test]
fn a_marp_header_maps_what_deckgen_has_and_notes_the_rest() {
    let markdown = unindent(
        r##"
        ---
        marp: true
        title: T
        lang: fr
        header: Meetup
        footer: Jo
        class:
          - invert
          - lead
        backgroundImage: url('a.png')
        color: white
        _backgroundColor: rgb(32 48 64)
        _paginate: false
        style: |
          h1 { color: red }
        math: katex
        ---

        # One

        ---

        # Two
        "##,
    );
    assert_eq!(
        check_headlines(&markdown),
        [
            "note: talk.md:8:3: Marp class `lead` has no deckgen counterpart; it is ignored",
            "note: talk.md:11:8: `text_color: \"#ffffff\"` wins over the `dark` preset's #f5f5f7 (leave `text_color` out to use the preset's)",
            "note: talk.md:13:1: `_paginate` is Marp's key for the page number, for the first slide alone; deckgen ignores it",
            "note: talk.md:14:1: `style` is Marp's key for CSS added to the theme; deckgen ignores it",
            // Warnings: the contrast of white text on the picture.
            "checked talk.md (2 pages, 3 warnings); no PDF written",
        ]
    );
    let yaml = imported(&markdown);
    assert!(
        yaml.ends_with(&unindent(
            r##"
            language: fr
            title_slide: false
            theme:
              preset: dark
              text_color: "#ffffff"
              page_numbers: false
              footer: Meetup · Jo
            sections:
            - title: T
              divider: false
              slides:
              - title: ""
                caption: One
                background: "#203040"
                background_image: a.png
                layout: statement
              - title: ""
                caption: Two
                background_image: a.png
                layout: statement
            "##
        )),
        "{yaml}"
    );
}

#[test]
fn unknown_keys_say_which_tool_defines_them_and_never_guess_another_meaning() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nlang: en\nmath: katex\nsections:\n  - title: S\n    slides:\n      - caption: x\n        _class: lead\n        _title: y\n",
    );
    fails_with_keys_aside(
        &fixture.run(&["deck.yaml"]),
        "
        error: deck.yaml:2:1: unknown key `lang` (Marp's and Pandoc's key; `language` in deckgen)
          |
        2 | lang: en
          | ^^^^
          |

        error: deck.yaml:3:1: unknown key `math` (Marp's key; read in Markdown front matter only)
          |
        3 | math: katex
          | ^^^^
          |

        error: deck.yaml:8:9: unknown key `_class` (Marp's key, for one slide; `invert` is a dark look in deckgen)
          |
        8 |         _class: lead
          |         ^^^^^^
          |
          = note: in section 1 `S`, slide 1

        error: deck.yaml:9:9: unknown key `_title`
          |
        9 |         _title: y
          |         ^^^^^^
          |
          = note: in section 1 `S`, slide 1

        deckgen: 4 errors; no PDF written
        ",
    );
    // In front matter, a key one edit from a key anybody defines stays an
    // error, whether the key is deckgen's or another tool's.
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitel: T\nautor: Jo\nfontsze: 10pt\n---\n\n## One\n\nText\n",
    );
    fails_with_keys_aside(
        &fixture.run(&["talk.md"]),
        "
        error: talk.md:2:1: unknown key `titel` (did you mean `title`?)
          |
        2 | titel: T
          | ^^^^^
          |

        error: talk.md:3:1: unknown key `autor` (did you mean `author`?)
          |
        3 | autor: Jo
          | ^^^^^
          |

        error: talk.md:4:1: unknown key `fontsze` (did you mean `fontsize`?)
          |
        4 | fontsze: 10pt
          | ^^^^^^^
          |

        deckgen: 3 errors; no PDF written
        ",
    );
}

#[test]
fn a_key_nobody_defines_is_a_template_s_own_and_noted_once_for_the_deck() {
    // Pandoc hands every key to its template and Marp ignores keys it has
    // no directive for: a talk's own keys build, with one note naming them.
    let markdown = "---\ntitle: T\nversion: '1.1'\ndark: true\nlang: en\n---\n\n## One\n\nText\n";
    assert_eq!(
        check_headlines(markdown),
        [
            "note: talk.md:3:1: `version`, `dark` are no key of deckgen's, Marp's or Pandoc's slides (a template's own, most often): Pandoc hands them to its template, Marp ignores them, and so does deckgen",
            "checked talk.md (2 pages); no PDF written",
        ]
    );
    assert_eq!(
        check_headlines("---\ntitle: T\nvenue: AMS\nlang: en\n---\n\n## One\n\nText\n"),
        [
            "note: talk.md:3:1: `venue` is no key of deckgen's, Marp's or Pandoc's slides (a template's own, most often): Pandoc hands it to its template, Marp ignores it, and so does deckgen",
            "checked talk.md (2 pages); no PDF written",
        ]
    );
    // Marp's engine option and Jekyll's page keys are named as theirs.
    assert_eq!(
        check_headlines("---\nmarp: true\nhtml: true\ncollection: talks\nlang: en\n---\n\n# One\n"),
        [
            "note: talk.md:3:1: `html` is Marp CLI's key for letting the slides hold HTML, which deckgen reads anyway; deckgen ignores it",
            "note: talk.md:4:1: `collection` is Jekyll's key for the collection the page belongs to; deckgen ignores it",
            "checked talk.md (1 page); no PDF written",
        ]
    );
    // A YAML deck still refuses a key it does not take.
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nversion: 2\nsections:\n  - title: S\n    slides:\n      - caption: x\n",
    );
    fails_with_keys_aside(
        &fixture.run(&["deck.yaml"]),
        "
        error: deck.yaml:2:1: unknown key `version`
          |
        2 | version: 2
          | ^^^^^^^
          |

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn a_front_matter_that_is_no_mapping_is_left_out_in_a_marp_deck_and_refused_in_a_pandoc_deck() {
    // As a deck in the corpus has it: invisible zero-width spaces before
    // the `---` lines meant to end the front matter, which Marp reads up
    // to the next plain `---` and leaves out.
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    let marp = "---\n\u{200b}---\nmarp: true\npaginate: true\n\u{200b}---\n\n<style>h1 { color: red }</style>\n\n---\n\n![bg left](a.png)\n\n# Marp\n\nSlides from Markdown\n";
    fixture.write("talk.md", marp);
    let stderr = fixture.run(&["check", "talk.md"]).success();
    // After the note on the deck's language, which the front matter left
    // out would have given.
    assert!(
        stderr.contains(&unindent(
            "
            warning: talk.md:2:1: the front matter cannot be read: invalid value (expected `key: value` lines); Marp leaves such a front matter out, and so does deckgen
              |
            2 | \u{200b}---
              | ^^^
              |
              = help: lines 2 and 5 hold an invisible zero-width space (U+200B) before `---`, so the front matter runs on past them to the next plain `---` line
            "
        )),
        "{stderr}"
    );
    let pandoc = "---\n\u{200b}---\ntitle: T\n\u{200b}---\n\n# A\n\nText\n\n---\n\n## B\n\nMore\n";
    fixture.write("pandoc.md", pandoc);
    let run = fixture.run(&["pandoc.md"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    assert!(
        stderr.starts_with("error: pandoc.md:2:1: invalid value (expected `key: value` lines)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: lines 2 and 4 hold an invisible zero-width space (U+200B) before `---`, so the front matter runs on past them to the next plain `---` line\n"),
        "{stderr}"
    );
}

#[test]
fn a_link_to_no_slide_in_a_markdown_deck_is_a_warning_and_its_words_stay() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlang: en\n---\n\n## One\n\n- [Marp](#marp)\n- [Two](#two)\n\n## Two {#two}\n\nText\n",
    );
    let stderr = fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    assert!(
        stderr.starts_with("warning: talk.md:8:3: the link `#marp` names no slide, so its text is shown unlinked (give the slide's heading `{#marp}` to link to it)\n"),
        "{stderr}"
    );
    let pdf = fixture.path().join("talk.pdf");
    crate::util::pdf_check(&pdf, None, &["Marp"]);
    // One link is left: to the slide that is there.
    let document = lopdf::Document::load(&pdf).unwrap();
    let links = document
        .objects
        .values()
        .filter(|object| {
            object.as_dict().is_ok_and(|dict| {
                dict.get(b"Subtype")
                    .is_ok_and(|s| s.as_name().ok() == Some(b"Link".as_slice()))
            })
        })
        .count();
    assert_eq!(links, 1);
}

#[test]
fn a_markdown_deck_that_does_not_say_its_language_gets_a_note() {
    assert_eq!(
        check_headlines("---\ntitle: T\n---\n\n## One\n\nText\n"),
        [
            "note: talk.md:1:1: the deck does not say its language, so neither does its PDF, and screen readers guess it (give it one in front matter, such as `lang: en`)",
            "checked talk.md (2 pages); no PDF written",
        ]
    );
}

#[test]
fn an_invalid_value_names_its_key() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\npaginate: maybe\n---\n\n## One\n\nText\n",
    );
    fixture.run(&["talk.md"]).fails_with(
        "
        error: talk.md:3:11: invalid value for `paginate` (expected `true` or `false`)
          |
        3 | paginate: maybe
          |           ^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
    fixture.write(
        "levels.md",
        "---\ntitle: T\nheadingDivider: 9\n---\n\n# One\n",
    );
    fixture.run(&["levels.md"]).fails_with(
        "
        error: levels.md:3:17: invalid value for `headingDivider` (expected a heading level from 1 to 6, or a list of them)
          |
        3 | headingDivider: 9
          |                 ^

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn a_pandoc_title_block_and_later_yaml_blocks_give_the_deck_keys() {
    let yaml = imported(&unindent(
        "
        % Deep Learning,
          Honestly
        % Jo Doe; Sam Roe
        % June 2026

        ## One

        Text

        ---
        subtitle: A talk
        lang: en
        ...

        ## Two

        More

        ---
        date: July 2026
        ---
        ",
    ));
    assert_eq!(
        yaml,
        unindent(
            "
            # Imported from talk.md by `deckgen import`: builds the same pages.
            title: Deep Learning, Honestly
            subtitle: A talk
            author: Jo Doe, Sam Roe
            date: July 2026
            language: en
            sections:
            - title: Deep Learning, Honestly
              divider: false
              slides:
              - title: One
                caption: Text
              - title: Two
                caption: More
            "
        )
    );
}

#[test]
fn pandoc_slides_are_at_the_slide_level_and_sections_above_it() {
    let talk = "
        ---
        title: T
        ---

        # Part

        ## Chapter

        ### First

        Text

        #### A heading in the body

        More

        ### Second

        Words
        ";
    let yaml = imported(&unindent(talk));
    assert!(
        yaml.ends_with(&unindent(
            "
            sections:
            - title: Part
              slides: []
            - title: Chapter
              slides:
              - title: First
                body: |-
                  Text

                  #### A heading in the body

                  More
              - title: Second
                caption: Words
            "
        )),
        "{yaml}"
    );
    // `slide-level` decides outright: level 2 makes `###` part of a slide.
    let yaml = imported(&unindent(
        &talk.replace("title: T", "title: T\n        slide-level: 2"),
    ));
    assert!(
        yaml.ends_with(&unindent(
            "
            - title: Part
              slides:
              - title: Chapter
                body: |-
                  ### First

                  Text

                  #### A heading in the body

                  More

                  ### Second

                  Words
            "
        )),
        "{yaml}"
    );
}

#[test]
fn marp_heading_divider_starts_slides_at_headings() {
    let talk = "
        ---
        marp: true
        headingDivider: 2
        ---

        <!-- _class: invert -->
        # Talk

        Intro

        ## First

        ### Detail

        Text

        ---

        ## Second

        More
        ";
    let yaml = imported(&unindent(talk));
    assert!(
        yaml.ends_with(&unindent(
            r##"
            sections:
            - title: Talk
              divider: false
              slides:
              - title: Talk
                caption: Intro
                background: "#1d1d1f"
              - title: First
                body: |-
                  ### Detail

                  Text
              - title: Second
                caption: More
            "##
        )),
        "{yaml}"
    );
    // The same as a directive comment, and as a list of levels.
    let comment = talk.replace("        headingDivider: 2\n", "").replace(
        "<!-- _class: invert -->",
        "<!-- _class: invert -->\n        <!-- headingDivider: [1, 2] -->",
    );
    assert_eq!(imported(&unindent(&comment)), imported(&unindent(talk)));
}

#[test]
fn the_convention_is_read_from_what_only_one_tool_reads() {
    // A Marp deck without `marp: true`: its keys and pictures say Marp,
    // though two headings share a slide.
    let marp = imported("---\npaginate: true\n---\n\n# Talk\n\n## By Jo\n\n---\n\n![bg](a.png)\n");
    assert!(marp.contains("title_slide: false"), "{marp}");
    // A reveal.js deck split by `---`: its title and author ask for a title slide.
    let pandoc =
        imported("---\ntitle: T\nauthor: Jo\n---\n\n## One\n\nText\n\n---\n\n## Two\n\nMore\n");
    assert!(!pandoc.contains("title_slide"), "{pandoc}");
    assert!(pandoc.contains("author: Jo"), "{pandoc}");
    // Without a title, a Pandoc deck has no title slide, as in Pandoc, and
    // is named by its first heading (else by its file).
    let untitled = imported("Intro\n\n## One\n\nText\n");
    assert!(
        untitled.contains("title: One\ntitle_slide: false\n"),
        "{untitled}"
    );
    let unheaded = imported("Just words.\n");
    assert!(
        unheaded.contains("title: talk\ntitle_slide: false\n"),
        "{unheaded}"
    );
    // A `%` title block is Pandoc's.
    let block = imported("% T\n\n# One\n\nText\n\n---\n\n# Two\n\nMore\n");
    assert!(!block.contains("title_slide"), "{block}");
}

#[test]
fn a_deckgen_key_out_of_place_is_said_so_though_a_tool_has_it_too() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nfooter: x\nsections:\n  - title: S\n    slides:\n      - caption: x\n",
    );
    fails_with_keys_aside(
        &fixture.run(&["deck.yaml"]),
        "
        error: deck.yaml:2:1: unknown key `footer` (`footer` is not allowed here)
          |
        2 | footer: x
          | ^^^^^^
          |

        deckgen: 1 error; no PDF written
        ",
    );
}

#[test]
fn html_tags_and_tex_commands_in_the_header_s_texts_are_left_out() {
    let yaml = imported(
        "---\ntitle: <small>Challenges in \\textbf{software}</small>\ndate: \\today\nlang: en\n---\n\n## One\n\nWords\n",
    );
    assert!(
        yaml.contains("title: Challenges in software\n") && !yaml.contains("date:"),
        "{yaml}"
    );
}

#[test]
fn a_later_yaml_block_of_keys_nobody_defines_is_metadata_in_a_pandoc_deck() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlang: en\n---\n\n## One\n\nWords\n\n---\nmy-template-key: blue\n---\n\n## Two\n\nMore\n",
    );
    let checked = fixture.run(&["check", "talk.md"]).success();
    assert!(
        checked.starts_with("note: talk.md:11:1: `my-template-key` is no key of deckgen's, Marp's or Pandoc's slides (a template's own, most often): Pandoc hands it to its template, Marp ignores it, and so does deckgen\n"),
        "{checked}"
    );
    fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    let Some(text) = pdftotext(&fixture.path().join("talk.pdf")) else {
        return;
    };
    assert!(text.contains("More") && !text.contains("blue"), "{text}");
}

#[test]
fn escaped_dollars_in_a_markdown_caption_stay_dollars() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: T\nlang: en\n---\n\n## One\n\nCosts \\$x\\$ here\n",
    );
    fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    let Some(text) = pdftotext(&fixture.path().join("talk.pdf")) else {
        return;
    };
    assert!(text.contains("Costs $x$ here"), "{text}");
}
