use crate::util::{unindent, Fixture};

/// A deck with a sharp image, a tiny one used twice, and a huge one.
fn images_deck() -> Fixture {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: Checked
        sections:
          - title: Pictures
            slides:
              - caption: Sharp
                image: images/sharp.png
                alt: A sharp gradient
              - caption: Tiny
                image: images/tiny.png
                alt: A tiny gradient
              - caption: Huge
                image: images/huge.jpg
                alt: A huge gradient
          - title: Again
            slides:
              - caption: Tiny again
                image: images/tiny.png
                alt: The tiny gradient again
        ",
    );
    fixture.image("images/sharp.png", 1400, 700);
    fixture.image("images/tiny.png", 60, 40);
    fixture.image("images/huge.jpg", 6000, 3000);
    fixture
}

#[test]
fn a_clean_deck_ends_with_the_preflight_table() {
    let fixture = images_deck();
    let run = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(
        run.stderr(),
        "checked deck.yaml (7 pages); no PDF written\n",
        "nothing else to report"
    );
    let table = String::from_utf8(run.output.stdout.clone()).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "preflight: 3 images, ppi at the largest placement; 6-up is an A4 handout of six slides a page"
    );
    assert!(lines[1].starts_with("image "), "{table}");
    let row = |name: &str| {
        let line = lines
            .iter()
            .find(|line| line.starts_with(name))
            .expect(name);
        line.split_whitespace().collect::<Vec<_>>()
    };
    // Sharp: fills the width of a 16:9 slide's content area; no remark.
    let sharp = row("images/sharp.png");
    assert_eq!(sharp[1..4], ["3", "1400x700", "PNG"], "{table}");
    assert_eq!(sharp.len(), 6, "{table}");
    // Tiny: on two pages, soft in print.
    let tiny = row("images/tiny.png");
    assert_eq!(tiny[1..4], ["4,7", "60x40", "PNG"], "{table}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("images/tiny.png") && l.ends_with("under 150 ppi in print")));
    // Huge: far more pixels than the page needs, and what scaling it would save.
    let huge = lines
        .iter()
        .find(|l| l.starts_with("images/huge.jpg"))
        .unwrap();
    assert!(
        huge.contains("over 3x the 144 ppi its page needs; ~"),
        "{huge}"
    );
    assert!(huge.ends_with(" to save"), "{huge}");
    assert_eq!(
        fixture.pdfs(),
        Vec::<std::path::PathBuf>::new(),
        "check writes no PDF"
    );
}

#[test]
fn a_broken_deck_fails_as_a_build_would() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        theme:
          accent: blue
        sections:
          - title: Intro
            slides:
              - caption: Hello
                image: missing.png
                alt: Nothing, yet
        ",
    );
    let run = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        unindent(
            "
            error: deck.yaml:3:11: invalid colour `blue` for `accent` (expected `#rrggbb` or `#rgb`)
              |
            3 |   accent: blue
              |           ^^^^

            error: deck.yaml:8:16: cannot read image `missing.png` (no such file or directory)
              |
            8 |         image: missing.png
              |                ^^^^^^^^^^^
              |
              = note: in section 1 `Intro`, slide 1

            deckgen: 2 errors
            "
        )
    );
    assert!(
        run.output.stdout.is_empty(),
        "no table for a deck with errors"
    );
    assert_eq!(fixture.pdfs(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn check_mentions_shrunk_text_and_warns_of_cut_text() {
    let fixture = Fixture::new();
    let long = "word ".repeat(1900);
    fixture.write(
        "deck.yaml",
        &format!(
            "title: T\nsections:\n  - title: Intro\n    slides:\n      - caption: {}\n      - caption: {long}\n",
            "A caption long enough to wrap over several lines and then to shrink. ".repeat(5)
        ),
    );
    let run = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(run.code(), 0, "warnings do not fail a check");
    let stderr = run.stderr();
    assert!(
        stderr.contains("note: deck.yaml:5:18: the caption of slide 1 in section `Intro` is shrunk from 48 pt to "),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: deck.yaml:6:18: the caption of slide 2 in section `Intro` does not fit; cut with an ellipsis\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("checked deck.yaml (4 pages, 1 warning); no PDF written\n"),
        "{stderr}"
    );
    // A build mentions the cut text but not the shrinking.
    let build = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!build.contains("is shrunk from"), "{build}");
    assert!(build.contains("cut with an ellipsis"), "{build}");
}

#[test]
fn quiet_prints_errors_only() {
    let fixture = images_deck();
    for args in [
        ["check", "--quiet", "deck.yaml"],
        ["-q", "check", "deck.yaml"],
    ] {
        let run = fixture.run(&args);
        assert_eq!(run.code(), 0);
        assert!(run.stderr().is_empty(), "{}", run.stderr());
        assert!(run.output.stdout.is_empty());
    }
    let build = fixture.run(&["-q", "deck.yaml"]);
    assert_eq!(build.code(), 0);
    assert!(build.stderr().is_empty(), "{}", build.stderr());
}

#[test]
fn json_holds_the_problems_and_the_table() {
    let fixture = images_deck();
    let run = fixture.run(&["check", "--json", "deck.yaml"]);
    assert_eq!(run.code(), 0);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    let report: serde_json::Value = serde_json::from_slice(&run.output.stdout).expect("JSON");
    assert_eq!(report["deck"], "deck.yaml");
    assert_eq!(report["ok"], true);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["pages"], 7);
    let images = report["images"].as_array().expect("images");
    assert_eq!(images.len(), 3);
    let tiny = &images[1];
    assert_eq!(tiny["image"], "images/tiny.png");
    assert_eq!(
        (tiny["width"].as_u64(), tiny["height"].as_u64()),
        (Some(60), Some(40))
    );
    assert_eq!(tiny["format"], "PNG");
    assert_eq!(
        tiny["uses"][1],
        serde_json::json!({"section": 2, "slide": 1, "page": "7"})
    );
    assert_eq!(tiny["low_in_print"], true);
    assert_eq!(tiny["oversized"], false);
    assert_eq!(tiny["bytes_saved"], serde_json::Value::Null);
    let huge = &images[2];
    assert_eq!(huge["format"], "JPEG");
    assert_eq!(huge["oversized"], true);
    assert_eq!(huge["needed_ppi"], 144.0);
    let saved = huge["bytes_saved"].as_u64().expect("bytes saved");
    assert!(
        saved > 0 && saved < huge["bytes"].as_u64().unwrap(),
        "{huge}"
    );
    for field in ["slide_ppi", "print_ppi"] {
        assert!(huge[field].as_f64().is_some(), "{field}");
    }

    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - captoin: x\n",
    );
    let run = fixture.run(&["check", "--json", "deck.yaml"]);
    assert_eq!(run.code(), 1);
    let report: serde_json::Value = serde_json::from_slice(&run.output.stdout).expect("JSON");
    assert_eq!(report["ok"], false);
    assert_eq!(report["images"], serde_json::Value::Null);
    let first = &report["diagnostics"][0];
    assert_eq!(
        first,
        &serde_json::json!({
            "severity": "error",
            "file": "deck.yaml",
            "line": 5,
            "column": 9,
            "message": "unknown key `captoin` (did you mean `caption`?)",
            "hint": "allowed here: `id`, `title`, `caption`, `body`, `image`, `alt`, `page`, `fit`, `notes`, `link`, `transition`, `transition_duration`, `incremental`, `credit`, `background`, `background_image`, `text_color`, `focus`, `layout`, `band`, `split`, `images`, `attribution`",
            "section": 1,
            "section_title": "S",
            "slide": 1,
            "line_text": "error: deck.yaml:5:9: unknown key `captoin` (did you mean `caption`?)",
        })
    );
}

#[test]
fn a_deck_file_named_like_a_command() {
    let fixture = Fixture::new();
    fixture.write("check", "title: T\nsections:\n  - title: S\n");
    fixture.run(&["./check", "-o", "talk.pdf"]).success();
    assert!(fixture.path().join("talk.pdf").is_file());
    // `check` alone is the command, which needs a deck; build options do not go with it.
    assert_eq!(fixture.run(&["check"]).code(), 2);
    let mixed = fixture.run(&["-o", "talk.pdf", "check", "./check"]);
    assert_eq!(mixed.code(), 2);
    assert!(mixed
        .stderr()
        .starts_with("error: a deck and build options go without a command"));
}

/// The table's 6-up resolution is what the real `--handout 6` gives:
/// `pdfimages -list` reads each picture's ppi off the handout's PDF.
#[test]
fn six_up_ppi_is_the_real_handouts() {
    let Some(pdfimages) = crate::util::external_tool("pdfimages") else {
        return;
    };
    let fixture = images_deck();
    let run = fixture.run(&["check", "--json", "deck.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let report: serde_json::Value = serde_json::from_slice(&run.output.stdout).expect("JSON");
    fixture
        .run(&["deck.yaml", "--handout", "6", "-o", "handout.pdf"])
        .success();
    let listed = std::process::Command::new(pdfimages)
        .args(["-list", "handout.pdf"])
        .current_dir(fixture.path())
        .output()
        .expect("run pdfimages");
    let listed = String::from_utf8(listed.stdout).unwrap();
    // The x-ppi of each picture by its pixel size (soft masks left out).
    let placed: Vec<(String, f64)> = listed
        .lines()
        .skip(2)
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|columns| columns[2] == "image")
        .map(|columns| {
            (
                format!("{}x{}", columns[3], columns[4]),
                columns[12].parse().unwrap(),
            )
        })
        .collect();
    let images = report["images"].as_array().unwrap();
    assert_eq!(images.len(), 3);
    for image in images {
        let size = format!("{}x{}", image["width"], image["height"]);
        let print_ppi = image["print_ppi"].as_f64().unwrap();
        let seen: Vec<f64> = placed
            .iter()
            .filter(|(pixels, _)| *pixels == size)
            .map(|(_, ppi)| *ppi)
            .collect();
        assert!(!seen.is_empty(), "{size} is not on the handout:\n{listed}");
        // pdfimages rounds to whole pixels per inch.
        for ppi in seen {
            assert!(
                (ppi - print_ppi).abs() <= 0.5,
                "{size}: {ppi} vs {print_ppi}"
            );
        }
    }
}

#[test]
fn check_says_how_to_save_the_bytes_and_flags_soft_images_on_screen() {
    let fixture = images_deck();
    let run = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let table = String::from_utf8(run.output.stdout.clone()).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    let tiny = lines
        .iter()
        .find(|line| line.starts_with("images/tiny.png"))
        .unwrap();
    assert!(
        tiny.ends_with("  under 96 ppi on screen; under 150 ppi in print"),
        "{table}"
    );
    let last = lines.last().unwrap();
    assert!(last.starts_with("to save ~"), "{table}");
    assert!(
        last.ends_with(" KB, build with `--max-ppi 144` or set `max_ppi: 144` under `theme:` (images are resampled as the PDF is written; the files stay as they are)"),
        "{table}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&fixture.run(&["check", "--json", "deck.yaml"]).output.stdout)
            .unwrap();
    assert_eq!(report["images"][1]["low_on_screen"], true);
    assert_eq!(report["images"][0]["low_on_screen"], false);
}

#[test]
fn check_notes_theme_keys_that_override_the_preset() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        theme:
          preset: dark
          background: '#ffffff'
          accent: '#6ea8fe'
          title_size: 48
        sections:
          - title: S
            slides:
              - caption: c
        ",
    );
    let stderr = fixture.run(&["check", "deck.yaml"]).stderr();
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("note:"))
        .collect();
    // The accent is the preset's own: no note.
    assert_eq!(
        notes,
        [
            "note: deck.yaml:4:15: `background: \"#ffffff\"` wins over the `dark` preset's #1d1d1f (leave `background` out to use the preset's)",
            "note: deck.yaml:6:15: `title_size: 48` wins over the `dark` preset's 40 (leave `title_size` out to use the preset's)",
        ]
    );
    // A build keeps notes to itself.
    let build = fixture.run(&["deck.yaml"]);
    let build = build.stderr();
    assert!(
        !build.lines().any(|line| line.starts_with("note:")),
        "{build}"
    );
}
