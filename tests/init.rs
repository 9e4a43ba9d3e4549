use crate::util::Fixture;

const STARTER: [&str; 4] = [
    "deck.yaml",
    "deck.schema.json",
    "images/picture.png",
    ".gitignore",
];

#[test]
fn the_starter_deck_builds_at_once() {
    let fixture = Fixture::new();
    let run = fixture.run(&["init", "talk"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().starts_with("created talk/deck.yaml, talk/deck.schema.json, talk/images/picture.png, talk/.gitignore\n"),
        "{}",
        run.stderr()
    );
    for name in STARTER {
        assert!(fixture.path().join("talk").join(name).is_file(), "{name}");
    }
    let deck = std::fs::read_to_string(fixture.path().join("talk/deck.yaml")).unwrap();
    assert!(deck.starts_with("# yaml-language-server: $schema=deck.schema.json\n"));
    let gitignore = std::fs::read_to_string(fixture.path().join("talk/.gitignore")).unwrap();
    assert_eq!(gitignore, "out/\n");

    let built = fixture.run(&["talk/deck.yaml"]).success();
    assert!(
        built.starts_with("wrote talk/out/deck.pdf (11 pages, "),
        "{built}"
    );
    assert!(!built.contains("warning"), "{built}");
    let check = fixture.run(&["check", "talk/deck.yaml"]);
    assert_eq!(check.code(), 0);
    assert!(!check.stderr().contains("warning"), "{}", check.stderr());

    // Its schema is the one `deckgen schema` prints, and the deck validates.
    let written = std::fs::read(fixture.path().join("talk/deck.schema.json")).unwrap();
    assert_eq!(written, fixture.run(&["schema"]).output.stdout);
    let schema: serde_json::Value = serde_json::from_slice(&written).unwrap();
    let deck: serde_json::Value = serde_saphyr::from_str(&deck).unwrap();
    assert!(jsonschema::is_valid(&schema, &deck));
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", "title: Mine\n");
    let run = fixture.run(&["init"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr(),
        "error: ./deck.yaml: already exists\n\ndeckgen: init writes only new files; nothing written (choose an empty folder)\n"
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path().join("deck.yaml")).unwrap(),
        "title: Mine\n"
    );
    for name in &STARTER[1..] {
        assert!(!fixture.path().join(name).exists(), "{name} was written");
    }
}

#[test]
fn completions_and_the_manual_page() {
    let fixture = Fixture::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = fixture.run(&["completions", shell]);
        assert_eq!(run.code(), 0, "{shell}: {}", run.stderr());
        let script = String::from_utf8(run.output.stdout).unwrap();
        assert!(
            script.contains("deckgen") && script.contains("check"),
            "{shell}"
        );
    }
    assert_eq!(fixture.run(&["completions", "tcsh"]).code(), 2);
    let man = fixture.run(&["man"]);
    assert_eq!(man.code(), 0);
    let page = String::from_utf8(man.output.stdout).unwrap();
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH deckgen"), "roff with a title line");
    assert!(page.contains("\\-\\-watch"), "the build options are there");
}

#[test]
fn the_starter_deck_turns_dark_with_the_dark_preset() {
    let fixture = Fixture::new();
    fixture.run(&["init", "talk"]).success();
    let path = fixture.path().join("talk/deck.yaml");
    let deck = std::fs::read_to_string(&path).unwrap();
    assert!(deck.contains("\n  preset: light "), "{deck}");
    std::fs::write(
        &path,
        deck.replace("\n  preset: light ", "\n  preset: dark  "),
    )
    .unwrap();
    let check = fixture.run(&["check", "talk/deck.yaml"]);
    assert!(!check.stderr().contains("wins over"), "{}", check.stderr());
    fixture.run(&["talk/deck.yaml", "-o", "dark.pdf"]).success();
    let Some(page) = crate::util::render_page_one(&fixture.path().join("dark.pdf"), 20) else {
        return;
    };
    // The title slide's page is the preset's `#1d1d1f`, not white.
    assert_eq!(page.get_pixel(2, 2).0, [0x1d, 0x1d, 0x1f]);
}
