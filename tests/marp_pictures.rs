//! Marp's picture keywords: each mapped to deckgen's nearest layout and
//! fit, or named in one note; never an error, never printed.

use crate::util::Fixture;

/// One slide per keyword, in the order of the notes and the YAML below.
const TALK: &str = "---
marp: true
title: T
---

# Fit

![bg fit](a.png)

---

# Contain

![bg contain](a.png)

---

# Cover

![bg cover A photo](a.png)

---

# Left

![bg left:25%](a.png)

---

# Right

![bg right](a.png)

---

# Pair

![bg](a.png)
![bg](b.png)

---

# Vertical

![bg vertical](a.png)
![bg](b.png)

---

# Auto

![bg auto](a.png)

---

# Scaled

![bg 50%](a.png)

---

# Sized

![w:300 h:200 A chart](a.png)

---

# Filters

![sepia blur:10px brightness:0.8 grayscale Old times](a.png)
";

fn fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.image("b.png", 30, 40);
    fixture.write("talk.md", TALK);
    fixture
}

#[test]
fn each_keyword_is_mapped_or_noted_once_and_never_printed() {
    let fixture = fixture();
    let run = fixture.run(&["check", "talk.md"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let notes: Vec<String> = run
        .stderr()
        .lines()
        .filter(|line| {
            line.starts_with("note:") && (line.contains("Marp") || line.contains("![bg]"))
        })
        .map(String::from)
        .collect();
    assert_eq!(
        notes,
        [
            "note: talk.md:26:11: a `![bg]` picture takes 30% to 70% of the width in deckgen: 25% is set as 30%",
            "note: talk.md:45:6: Marp picture keyword `vertical` is ignored (deckgen sets several backgrounds side by side)",
            "note: talk.md:52:6: Marp background size `auto` is ignored (deckgen fits a background to the page, as `contain` does)",
            "note: talk.md:58:6: Marp background size `50%` is ignored (deckgen fits a background to the page, as `contain` does)",
            "note: talk.md:64:3: Marp size hint `w:300` is ignored (deckgen sizes pictures to their box)",
            "note: talk.md:64:9: Marp size hint `h:200` is ignored (deckgen sizes pictures to their box)",
            "note: talk.md:70:3: Marp filter `sepia` is ignored (deckgen shows pictures as they are; `--grayscale` turns a whole deck gray)",
            "note: talk.md:70:9: Marp filter `blur:10px` is ignored (deckgen shows pictures as they are; `--grayscale` turns a whole deck gray)",
            "note: talk.md:70:19: Marp filter `brightness:0.8` is ignored (deckgen shows pictures as they are; `--grayscale` turns a whole deck gray)",
            "note: talk.md:70:34: Marp filter `grayscale` is ignored (deckgen shows pictures as they are; `--grayscale` turns a whole deck gray)",
        ]
    );
    fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
}

#[test]
fn each_keyword_becomes_deckgens_nearest_layout_and_fit() {
    let fixture = fixture();
    fixture
        .run(&["import", "talk.md", "-o", "talk.yaml"])
        .success();
    let yaml = std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap();
    // Each slide's keys, from its title to the next.
    let slides: Vec<String> = yaml
        .split("- title: ")
        .skip(1)
        .map(|slide| {
            let keys: Vec<&str> = slide
                .lines()
                .skip(1)
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect();
            format!("{}: {}", slide.lines().next().unwrap(), keys.join("; "))
        })
        .collect();
    assert_eq!(
        slides,
        [
            "T: divider: false; slides:",
            "Fit: image: a.png; fit: contain; layout: full",
            "Contain: image: a.png; fit: contain; layout: full",
            "Cover: image: a.png; alt: A photo; fit: cover; layout: full",
            "Left: image: a.png; layout: image-left; split: 0.3",
            "Right: image: a.png; layout: image-right",
            "Pair: layout: pair; images:; - image: a.png; - image: b.png",
            "Vertical: layout: pair; images:; - image: a.png; - image: b.png",
            "Auto: image: a.png; layout: full",
            "Scaled: image: a.png; layout: full",
            // Size hints and filters are neither kept nor the description.
            "Sized: image: a.png; alt: A chart",
            "Filters: image: a.png; alt: Old times",
        ],
        "{yaml}"
    );
}

#[test]
fn a_colour_in_place_of_a_picture_colours_the_slide() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\nmarp: true\ntitle: T\n---\n\n![bg](rebeccapurple)\n![](white)\n# Purple\n\n---\n\n![bg](#123456)\n\nPlain\n\n---\n\nAfter\n",
    );
    let run = fixture.run(&["check", "talk.md"]);
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    fixture
        .run(&["import", "talk.md", "-o", "talk.yaml"])
        .success();
    let yaml = std::fs::read_to_string(fixture.path().join("talk.yaml")).unwrap();
    // Each for its own slide: the third keeps the deck's colours.
    assert!(
        yaml.contains(
            "caption: Purple\n    background: \"#663399\"\n    text_color: \"#ffffff\"\n"
        ),
        "{yaml}"
    );
    assert!(
        yaml.contains("caption: Plain\n    background: \"#123456\"\n"),
        "{yaml}"
    );
    assert_eq!(yaml.matches("background:").count(), 2, "{yaml}");
}

#[test]
fn a_picture_that_is_not_there_is_left_out_and_so_is_a_slide_it_was_all_of() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\nmarp: true\ntitle: T\nlang: en\nbackgroundImage: url(paper.jpg)\n---\n\n# Words\n\n![bg right](lost.png)\n\n---\n\n![bg](lost.png)\n\n---\n\n<!-- _backgroundImage: url(gone.png) -->\n\n# Last\n",
    );
    let stderr = fixture.run(&["talk.md", "-o", "talk.pdf"]).success();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: talk.md:5:18: the picture `paper.jpg` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
            "warning: talk.md:10:1: the picture `lost.png` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
            "warning: talk.md:14:1: the picture `lost.png` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
            "warning: talk.md:18:24: the picture `gone.png` is not there, so it is left out (put the file at that path, beside the deck, to show it)",
        ],
        "{stderr}"
    );
    // The blank slide is left out; the others keep their words.
    crate::util::pdf_check(
        &fixture.path().join("talk.pdf"),
        Some(2),
        &["Words", "Last"],
    );
}
