//! Fonts by family name, `deckgen fonts`, fallback to installed fonts for
//! every script, and the built-in words in the deck's language. Tests of
//! installed fonts need Debian's fonts-noto-core, fonts-noto-cjk and
//! fonts-dejavu-core: they fail without them (see `util::needs`).

use std::path::Path;
use std::process::Command;

use crate::util::{
    external_tool, needs, pdf_check, pdf_check_tagged, pdftotext, repo_font, Fixture,
};

/// A fixture whose `fonts/` folder holds the repository's Noto Sans faces.
fn with_font_folder() -> Fixture {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.path().join("fonts")).unwrap();
    for name in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"] {
        std::fs::copy(repo_font(name), fixture.path().join("fonts").join(name)).unwrap();
    }
    fixture
}

/// Whether the installed fonts the fallback tests need are here; if not,
/// the test fails or skips as [`needs::unavailable`] says.
fn noto_installed() -> bool {
    let missing: Vec<String> = needs::INSTALLED_FONTS
        .into_iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(path, package)| format!("{path} ({package})"))
        .collect();
    if missing.is_empty() {
        return true;
    }
    needs::unavailable(&missing.join(", "));
    false
}

/// The base fonts (name without subset tag) the PDF embeds, sorted.
fn embedded_fonts(pdf: &Path) -> Vec<String> {
    let document = lopdf::Document::load(pdf).unwrap();
    let mut names: Vec<String> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|dict| dict.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|name| {
            let name = String::from_utf8_lossy(name).into_owned();
            name.split_once('+')
                .map_or(name.clone(), |(_, base)| base.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_family_in_font_paths_is_found_by_name_and_style() {
    let fixture = with_font_folder();
    fixture.write(
        "deck.yaml",
        "
        title: T
        theme:
          font_paths: [fonts]
          font: Noto Sans Bold
        sections:
          - title: Intro
            slides:
              - caption: body text in bold
        ",
    );
    fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--no-system-fonts"])
        .success();
    // Body text and titles both in the bold face: the family's bold is the
    // title face when only `font` is named.
    assert_eq!(
        embedded_fonts(&fixture.path().join("out.pdf")),
        ["NotoSans-Bold"]
    );
}

#[test]
fn an_unknown_family_is_an_error_with_the_nearest_families() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        theme:
          font: Noto Sanz
        sections:
          - title: Intro
        ",
    );
    let run = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["deck.yaml", "--no-system-fonts"])
        .current_dir(fixture.path())
        .env(
            "DECKGEN_FONT_PATH",
            repo_font("NotoSans-Regular.ttf").parent().unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        crate::util::unindent(
            "
            error: deck.yaml:3:9: unknown font family `Noto Sanz` (nearest installed: `Noto Sans`, `Noto Sans Math`, `Noto Sans Mono`)
              |
            3 |   font: Noto Sanz
              |         ^^^^^^^^^
              |
              = help: `deckgen fonts` lists every family deckgen can use

            deckgen: 1 error; no PDF written
            "
        )
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(fixture.pdfs().is_empty());
}

#[test]
fn fonts_lists_built_in_and_folder_families() {
    let fixture = with_font_folder();
    let run = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["fonts", "--no-system-fonts"])
        .env("DECKGEN_FONT_PATH", fixture.path().join("fonts"))
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "Noto Sans (built in)\nNoto Sans Mono (built in)\nNoto Sans Math (built in)\nNoto Sans Symbols2 (built in)\n\
         Noto Sans (Regular, Bold)\n"
    );
    let json = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["fonts", "--no-system-fonts", "--json"])
        .env("DECKGEN_FONT_PATH", fixture.path().join("fonts"))
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let families = value["families"].as_array().unwrap();
    assert_eq!(families.len(), 5);
    assert_eq!(families[4]["family"], "Noto Sans");
    assert_eq!(families[4]["source"], "installed");
    assert_eq!(families[4]["faces"][1]["style"], "Bold");
    assert_eq!(families[4]["faces"][1]["weight"], 700);
}

/// The files `deckgen args` opens in `fixture`, as `strace` sees them, or
/// `None` where strace cannot run.
fn files_opened(fixture: &Fixture, args: &[&str]) -> Option<Vec<String>> {
    let strace = external_tool("strace")?;
    let trace = fixture.path().join("openat.txt");
    let run = Command::new(strace)
        .args(["-f", "-qq", "-e", "trace=openat", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_deckgen"))
        .args(args)
        .current_dir(fixture.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let trace = std::fs::read_to_string(trace).unwrap();
    // `123 openat(AT_FDCWD, "/etc/fonts/fonts.conf", O_RDONLY) = 3`
    let opened = trace
        .lines()
        .filter_map(|line| line.split('"').nth(1))
        .map(String::from)
        .collect();
    Some(opened)
}

/// Whether `path` is fontconfig's: its library, configuration or cache,
/// or an installed font it lists.
fn is_fontconfig(path: &str) -> bool {
    path.contains("fontconfig")
        || path.starts_with("/etc/fonts")
        || path.starts_with("/usr/share/fonts")
}

/// Reading the machine's font list costs more than a small deck: a deck
/// in the built-in fonts, all of whose characters they have, never opens
/// fontconfig. Listing the fonts does, which shows the check can fail.
#[test]
fn a_deck_in_the_built_in_fonts_never_opens_fontconfig() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 40, 30);
    fixture.write(
        "deck.yaml",
        "
        title: Größe — “café”
        sections:
          - title: Intro
            slides:
              - title: Arrows → and sums ∑
                caption: Checked ✓, naïve, 50 %
                image: photo.jpg
                alt: A gradient
        ",
    );
    let Some(opened) = files_opened(&fixture, &["deck.yaml", "-o", "out.pdf"]) else {
        return;
    };
    assert!(
        opened.iter().any(|path| path.ends_with("photo.jpg")),
        "{opened:?}"
    );
    let fontconfig: Vec<&String> = opened.iter().filter(|path| is_fontconfig(path)).collect();
    assert!(fontconfig.is_empty(), "{fontconfig:?}");
    let listed = files_opened(&fixture, &["fonts"]).unwrap();
    assert!(listed.iter().any(|path| is_fontconfig(path)), "{listed:?}");
}

/// Captions in five scripts, none of which the built-in fonts have.
const WORLD: &str = "
    title: World
    sections:
      - title: Scripts
        slides:
          - caption: नमस्ते दुनिया
          - caption: مرحبا بالعالم
          - caption: שלום עולם
          - caption: 你好，世界
          - caption: สวัสดีชาวโลก
          - caption: ওহে বিশ্ব
    ";

#[test]
fn every_script_falls_back_to_an_installed_noto_font() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    fixture.write("deck.yaml", WORLD);
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    let fonts = embedded_fonts(&pdf);
    for font in [
        "NotoSans-Regular",
        "NotoSansArabic-Regular",
        "NotoSansBengali-Regular",
        "NotoSansCJKsc-Regular",
        "NotoSansDevanagari-Regular",
        "NotoSansHebrew-Regular",
        "NotoSansThai-Regular",
    ] {
        assert!(fonts.iter().any(|f| f == font), "{font} not in {fonts:?}");
    }
    if let Some(text) = pdftotext(&pdf) {
        for words in ["مرحبا بالعالم", "שלום עולם", "你好，世界", "สวัสดีชาวโลก"]
        {
            assert!(text.contains(words), "`{words}` not in:\n{text}");
        }
    }
    // The same deck builds to the same bytes.
    let again = ["deck.yaml", "-o", "again.pdf", "--source-date-epoch", "1"];
    fixture.run(&again).success();
    let first = std::fs::read(fixture.path().join("again.pdf")).unwrap();
    fixture.run(&again).success();
    assert_eq!(
        std::fs::read(fixture.path().join("again.pdf")).unwrap(),
        first
    );
}

#[test]
fn check_says_which_installed_font_draws_which_text() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    fixture.write("deck.yaml", WORLD);
    let stderr = fixture.run(&["check", "deck.yaml"]).success();
    for line in [
        // At the first text that needs the font, naming its slide.
        "note: deck.yaml:6:18: `مرحبالع` drawn in installed font `Noto Sans Arabic` (/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf)\n  |\n6 |       - caption: مرحبا بالعالم\n  |                  ^^^^^^^^^^^^^\n  |\n  = note: in section 1 `Scripts`, slide 2\n",
        "note: deck.yaml:8:18: `你好世界` drawn in installed font `Noto Sans CJK SC` (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc)",
    ] {
        assert!(stderr.contains(line), "`{line}` not in:\n{stderr}");
    }
    // Without installed fonts the gaps are warnings, as before.
    let stderr = fixture
        .run(&["check", "deck.yaml", "--no-system-fonts"])
        .success();
    assert!(
        stderr.contains("warning: deck.yaml:5:18: the font has no glyph for `न` (U+0928)"),
        "{stderr}"
    );
}

#[test]
fn a_japanese_deck_names_its_font_by_family() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: 日本語のスライド
        language: ja
        theme:
          font: Noto Sans CJK JP
        sections:
          - title: はじめに
            slides:
              - caption: こんにちは、世界
        ",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    assert_eq!(
        embedded_fonts(&pdf),
        ["NotoSansCJKjp-Bold", "NotoSansCJKjp-Regular"]
    );
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("こんにちは、世界"), "{text}");
        assert!(text.contains("日本語のスライド"), "{text}");
    }
}

#[test]
fn built_in_words_follow_the_language_and_the_theme() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: Vortrag
        language: de
        agenda: true
        sections:
          - title: Einleitung
            slides:
              - caption: Hallo
        ",
    );
    fixture
        .run(&["deck.yaml", "-o", "slides.pdf", "--no-system-fonts"])
        .success();
    fixture
        .run(&[
            "deck.yaml",
            "-o",
            "paper.pdf",
            "--handout",
            "4",
            "--no-system-fonts",
        ])
        .success();
    if let Some(text) = pdftotext(&fixture.path().join("slides.pdf")) {
        assert!(text.contains("Abschnitt 1"), "{text}");
        assert!(text.contains("Agenda"), "{text}");
    }
    if let Some(text) = pdftotext(&fixture.path().join("paper.pdf")) {
        assert!(text.contains("Seite 1 von 1"), "{text}");
    }
    fixture.write(
        "deck.yaml",
        "
        title: Charla
        language: es
        agenda: true
        theme:
          strings:
            agenda: Índice
        sections:
          - title: Introducción
            slides:
              - caption: Hola
        ",
    );
    fixture
        .run(&["deck.yaml", "-o", "slides.pdf", "--no-system-fonts"])
        .success();
    if let Some(text) = pdftotext(&fixture.path().join("slides.pdf")) {
        assert!(text.contains("Sección 1"), "{text}");
        assert!(
            text.contains("Índice") && !text.contains("Agenda"),
            "{text}"
        );
    }
}

#[test]
fn an_unknown_language_gets_english_words_and_a_note() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        language: tlh
        sections:
          - title: A
            slides:
              - caption: x
        ",
    );
    let stderr = fixture
        .run(&["check", "deck.yaml", "--no-system-fonts"])
        .success();
    let note = crate::util::unindent(
        "
        note: deck.yaml:2:11: deckgen has no built-in words for language `tlh`; dividers, the agenda and handouts say them in English (set `theme.strings` to change them)
          |
        2 | language: tlh
          |           ^^^
        ",
    );
    assert!(stderr.starts_with(&note), "{stderr}");
}

#[test]
fn an_emoji_is_drawn_by_an_installed_monochrome_font() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "
        title: T
        sections:
          - title: A
            slides:
              - caption: good 😀 news
        ",
    );
    let stderr = fixture.run(&["check", "deck.yaml"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        stderr.contains("note: deck.yaml:5:18: `😀` drawn in installed font `DejaVu Sans`"),
        "{stderr}"
    );
}

#[test]
fn texts_of_every_layout_fall_back_to_installed_fonts() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.write(
        "deck.yaml",
        "title: T
sections:
  - title: S
    slides:
      - layout: quote
        caption: Words
        attribution: नमस्ते
      - layout: pair
        images:
          - {image: a.png, caption: שלום}
          - a.png
      - image: a.png
        credit: 你好
",
    );
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let fonts = embedded_fonts(&fixture.path().join("out.pdf"));
    for font in [
        "NotoSansCJKsc-Regular",
        "NotoSansDevanagari-Regular",
        "NotoSansHebrew-Regular",
    ] {
        assert!(fonts.iter().any(|f| f == font), "{font} not in {fonts:?}");
    }
}

/// A deck of one section whose slides have these captions (YAML
/// double-quoted strings: `\u0301` is a combining acute).
fn deck_of_captions(captions: &[&str]) -> String {
    let mut deck = String::from(
        "title: Scripts\nlanguage: en\ntitle_slide: false\nsections:\n  - title: Scripts\n    divider: false\n    slides:\n",
    );
    for caption in captions {
        deck.push_str(&format!("      - caption: \"{caption}\"\n"));
    }
    deck
}

/// Syllables whose vowel sign is drawn first (Hindi हि, Bengali কি) and the
/// Arabic lam-alef ligature extract in reading order: the first through
/// `/ActualText` spans, the second by the ligature standing for its letters
/// in drawing order. Hebrew stays as it was.
#[test]
fn complex_scripts_extract_in_reading_order() {
    if !noto_installed() {
        return;
    }
    let fixture = Fixture::new();
    let captions = ["हिन्दी किताब", "বাংলা কিতাব", "السلام عليكم لا", "שלום עולם"];
    fixture.write("deck.yaml", &deck_of_captions(&captions));
    let stderr = fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    assert!(!stderr.contains("warning"), "{stderr}");
    let pdf = fixture.path().join("out.pdf");
    let words = ["हिन्दी किताब", "বাংলা কিতাব", "السلام عليكم لا", "שלום עולם"];
    pdf_check(&pdf, Some(4), &words);
    // Each syllable with a vowel sign drawn first is one span, inside the
    // marked content of its line in the structure tree.
    pdf_check_tagged(&pdf);
    let document = lopdf::Document::load(&pdf).unwrap();
    let spans = |number: u32| {
        let page = document.get_pages()[&number];
        let ops = document
            .get_and_decode_page_content(page)
            .unwrap()
            .operations;
        let span = |op: &&lopdf::content::Operation| {
            op.operator == "BDC"
                && op.operands.first().and_then(|tag| tag.as_name().ok()) == Some(&b"Span"[..])
        };
        ops.iter().filter(span).count()
    };
    assert_eq!((spans(1), spans(2), spans(3), spans(4)), (2, 1, 0, 0));
    if let Some(text) = pdftotext(&pdf) {
        for words in words {
            assert!(text.contains(words), "`{words}` not in:\n{text}");
        }
    }
}

/// The caption of each page (the line after the section's title) as
/// `reader` reads the page's text, one page after another.
fn caption_lines(pdf: &Path, pages: usize, reader: &dyn Fn(&Path, usize) -> String) -> Vec<String> {
    (1..=pages)
        .map(|page| {
            let text = reader(pdf, page);
            let mut lines = text.lines().filter(|line| !line.trim().is_empty());
            lines.nth(1).unwrap_or_default().to_string()
        })
        .collect()
}

fn output_of(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{command:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Text copied from the PDF, as poppler (`pdftotext`), MuPDF (`mutool
/// draw -F txt`) and pdfminer (pdfplumber) read it: each glyph through its
/// font's `/ToUnicode`, and poppler also through `/ActualText` spans, which
/// MuPDF and pdfminer do not read.
#[test]
fn copied_text_reads_as_written() {
    if !noto_installed() {
        return;
    }
    let (Some(pdftotext), Some(mutool)) = (external_tool("pdftotext"), external_tool("mutool"))
    else {
        return;
    };
    let Some(python) = needs::python_with_pdfplumber() else {
        needs::unavailable("python3 with pdfplumber (pip install pdfplumber)");
        return;
    };
    let fixture = Fixture::new();
    let captions = [
        "office fi",
        "cafe\\u0301 re\\u0301sume\\u0301",
        "क्षमा भारत",
        "हिन्दी किताब",
        "السلام عليكم لا",
        "深度学习很有趣",
        "\\u0301 alone",
    ];
    fixture.write("deck.yaml", &deck_of_captions(&captions));
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = fixture.path().join("out.pdf");
    pdf_check_tagged(&pdf);
    let poppler = caption_lines(&pdf, 7, &|pdf, page| {
        let page = page.to_string();
        output_of(
            Command::new(&pdftotext)
                .args(["-f", &page, "-l", &page])
                .arg(pdf)
                .arg("-"),
        )
    });
    let mupdf = caption_lines(&pdf, 7, &|pdf, page| {
        output_of(
            Command::new(&mutool)
                .args(["draw", "-F", "txt", "-o", "-"])
                .arg(pdf)
                .arg(page.to_string()),
        )
    });
    let script = "import sys, pdfplumber\n\
        with pdfplumber.open(sys.argv[1]) as pdf:\n    \
        print(pdf.pages[int(sys.argv[2]) - 1].extract_text())";
    let pdfminer = caption_lines(&pdf, 7, &|pdf, page| {
        output_of(
            Command::new(&python)
                .args(["-c", script])
                .arg(pdf)
                .arg(page.to_string()),
        )
    });
    // What every reader gets right: a ligature, a letter and its accent,
    // a conjunct, a CJK line.
    for (page, text) in [
        (1, "office fi"),
        (2, "cafe\u{301} re\u{301}sume\u{301}"),
        (3, "क्षमा भारत"),
        (6, "深度学习很有趣"),
    ] {
        assert_eq!(
            [&poppler[page - 1], &mupdf[page - 1], &pdfminer[page - 1]],
            [text; 3],
            "page {page}"
        );
    }
    // A vowel sign drawn before its consonant: poppler reads the span's
    // text; the others read each glyph as its own letter, in drawing order.
    assert_eq!(poppler[3], "हिन्दी किताब");
    for glyphs in [&mupdf[3], &pdfminer[3]] {
        assert_eq!(glyphs, "\u{93f}\u{939}न्दी \u{93f}\u{915}ताब");
    }
    // Arabic: poppler in reading order (between the embedding marks it
    // adds), the others in drawing order, right to left.
    assert_eq!(poppler[4], "\u{202b}السلام عليكم لا\u{202c}");
    for glyphs in [&mupdf[4], &pdfminer[4]] {
        assert_eq!(glyphs, "ال مكيلع مالسلا");
    }
    // A mark opening a paragraph, drawn on a dotted circle: the circle
    // stands for the mark, the mark's own glyph for nothing, which MuPDF
    // and pdfminer show as an unknown character; poppler reads the span.
    assert_eq!(poppler[6], "\u{301} alone");
    assert_eq!(mupdf[6], "\u{301}\u{fffd} alone");
    assert!(pdfminer[6].starts_with("\u{301}(cid:"), "{}", pdfminer[6]);
}

/// A font whose outlines the PDF's subsetter cannot read is refused where
/// the deck names it, not when the PDF is written.
#[test]
fn a_font_that_cannot_be_subset_is_an_error_at_its_line() {
    let fixture = Fixture::new();
    let mut font = std::fs::read(repo_font("NotoSans-Regular.ttf")).unwrap();
    // Spoil the `loca` table: every glyph's outline points past the end.
    let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
    let record = (0..tables)
        .map(|index| 12 + 16 * index)
        .find(|&at| &font[at..at + 4] == b"loca")
        .expect("a TrueType font has `loca`");
    let word = |at: usize| u32::from_be_bytes(font[at..at + 4].try_into().unwrap()) as usize;
    let (offset, length) = (word(record + 8), word(record + 12));
    font[offset..offset + length].fill(0xFF);
    fixture.write_bytes("broken.ttf", &font);
    fixture.write(
        "deck.yaml",
        "title: T\ntheme:\n  font: broken.ttf\nsections:\n  - title: S\n    slides:\n      - caption: hello\n",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).fails_with(
        "
        error: deck.yaml:3:9: cannot use font `broken.ttf` (its outlines cannot be subset for the PDF: malformed font)
          |
        3 |   font: broken.ttf
          |         ^^^^^^^^^^

        deckgen: 1 error; no PDF written
        ",
    );
    assert!(!fixture.path().join("out.pdf").exists());
}
