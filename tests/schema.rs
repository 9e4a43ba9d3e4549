use std::path::{Path, PathBuf};

use crate::util::Fixture;

/// The schema `deckgen schema` prints.
fn schema() -> serde_json::Value {
    let run = Fixture::new().run(&["schema"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    serde_json::from_slice(&run.output.stdout).expect("the schema is JSON")
}

/// A deck file's YAML as JSON, as an editor's YAML language server sees it.
fn as_json(deck: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(deck).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", deck.display()))
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every `.yaml` file in `tests/fixtures/<folder>` and its subfolders.
fn fixtures(folder: &str) -> Vec<PathBuf> {
    fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    collect(&repo("tests/fixtures").join(folder), &mut found);
    found.sort();
    found
}

#[test]
fn valid_decks_validate_and_unknown_keys_do_not() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let mut valid = vec![repo("deck.yaml")];
    valid.extend(
        fixtures("")
            .into_iter()
            .filter(|path| !path.starts_with(repo("tests/fixtures/invalid-keys")))
            // KaTeX's formula corpus is YAML, and no deck.
            .filter(|path| !path.starts_with(repo("tests/fixtures/math"))),
    );
    assert!(valid.len() >= 2, "{valid:?}");
    for deck in &valid {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(deck))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", deck.display());
    }
    let invalid = fixtures("invalid-keys");
    assert!(invalid.len() >= 4, "{invalid:?}");
    for deck in &invalid {
        assert!(
            !validator.is_valid(&as_json(deck)),
            "{} validates",
            deck.display()
        );
    }
}

#[test]
fn closed_sets_and_colours_are_checked() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let deck = |theme: &str, slide: &str| {
        let yaml = format!("title: T\ntheme:\n  {theme}\nsections:\n  - title: S\n    slides:\n      - caption: c\n        {slide}\n");
        serde_saphyr::from_str::<serde_json::Value>(&yaml).unwrap()
    };
    assert!(validator.is_valid(&deck("aspect: '4:3'", "fit: cover")));
    assert!(validator.is_valid(&deck("accent: '#abc'", "transition: split vertical out")));
    assert!(!validator.is_valid(&deck("aspect: '16/9'", "fit: cover")));
    assert!(!validator.is_valid(&deck("accent: blue", "fit: cover")));
    assert!(!validator.is_valid(&deck("title_size: 500", "fit: cover")));
    assert!(!validator.is_valid(&deck("aspect: a4", "fit: fill")));
    assert!(!validator.is_valid(&deck("aspect: a4", "transition: push left")));
}
