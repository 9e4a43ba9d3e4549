//! Every file of the public image test suites in `tests/fixtures/corpus`,
//! and the copied part of resvg's SVG suite in `tests/fixtures/resvg`,
//! through a build, with the outcome `outcomes.txt` pins for it: it builds
//! (and the PDF passes pdf-check, as every PDF a test writes must), builds
//! with a warning, or is refused with an exact message at its line and
//! column. Each folder's files share a deck, so a few runs cover them all.

use std::path::Path;

use crate::util::Fixture;

/// One line of `outcomes.txt`: what a file must give.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Builds,
    Warning(String),
    Error(String),
}

/// How a file's deck must end.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Builds,
    Refused,
}

/// The suites, each a folder of `tests/fixtures` with its `outcomes.txt`.
const CORPUS: &str = "corpus";
/// resvg's suite: `outcomes.txt` pins all of it (`tests/resvg_suite.py`
/// runs it whole); the files copied here are tested.
const RESVG: &str = "resvg";

/// The pinned outcomes of `suite`, in the file's order: `FILE => ok`,
/// `FILE => warning: MESSAGE` or `FILE => error: MESSAGE`, one a line;
/// `#` starts a comment line.
fn outcomes(suite: &str) -> Vec<(String, Outcome)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite)
        .join("outcomes.txt");
    let text = std::fs::read_to_string(path).expect("read outcomes.txt");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (file, outcome) = line
                .split_once(" => ")
                .unwrap_or_else(|| panic!("no ` => ` in {line:?}"));
            let outcome = match outcome.split_once(": ") {
                None if outcome == "ok" => Outcome::Builds,
                Some(("warning", message)) => Outcome::Warning(message.to_string()),
                Some(("error", message)) => Outcome::Error(message.to_string()),
                _ => panic!("unknown outcome in {line:?}"),
            };
            (file.to_string(), outcome)
        })
        .collect()
}

/// The files of `folder` in `suite` whose deck ends as `kind`, each with
/// its messages (`error: ...` or `warning: ...`); only the files that are
/// there, of a suite pinned whole.
fn files_of(suite: &str, folder: &str, kind: Kind) -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite);
    let mut files: Vec<(String, Vec<Outcome>)> = Vec::new();
    for (file, outcome) in outcomes(suite) {
        if !file.starts_with(&format!("{folder}/")) || !root.join(&file).is_file() {
            continue;
        }
        match files.last_mut() {
            Some((last, outcomes)) if *last == file => outcomes.push(outcome),
            _ => files.push((file, vec![outcome])),
        }
    }
    files
        .into_iter()
        .filter(|(_, outcomes)| {
            let of_file = if outcomes.iter().any(|o| matches!(o, Outcome::Error(_))) {
                Kind::Refused
            } else {
                Kind::Builds
            };
            of_file == kind
        })
        .map(|(file, outcomes)| {
            let messages = outcomes
                .into_iter()
                .filter_map(|outcome| match outcome {
                    Outcome::Warning(message) => Some(format!("warning: {message}")),
                    Outcome::Error(message) => Some(format!("error: {message}")),
                    Outcome::Builds => None,
                })
                .collect();
            (file, messages)
        })
        .collect()
}

/// The line of a corpus deck's first image, and the column of its value.
const FIRST_LINE: usize = 7;
const COLUMN: usize = 16;

/// A deck showing each of `files` on a slide of its own, from line
/// `FIRST_LINE` on.
fn deck(files: &[&str]) -> String {
    let mut deck = String::from(
        "title: Corpus\ntitle_slide: false\nsections:\n  - title: Images\n    divider: false\n    slides:\n",
    );
    for file in files {
        deck.push_str(&format!("      - image: \"{file}\"\n"));
    }
    deck
}

/// The `error:` and `warning:` lines of a run's output.
fn headlines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|line| line.starts_with("error: ") || line.starts_with("warning: "))
        .map(str::to_string)
        .collect()
}

/// Builds the files of `folder` in `suite` whose deck ends as `kind` as one
/// deck, and compares every message, with its line and column.
fn run_folder(suite: &str, folder: &str, kind: Kind) {
    let files = files_of(suite, folder, kind);
    assert!(!files.is_empty(), "no {kind:?} files in {folder}");
    let fixture = Fixture::copy_of(suite);
    let names: Vec<&str> = files.iter().map(|(file, _)| file.as_str()).collect();
    fixture.write("deck.yaml", &deck(&names));
    let expected: Vec<String> = files
        .iter()
        .enumerate()
        .flat_map(|(index, (_, messages))| {
            let line = FIRST_LINE + index;
            messages.iter().map(move |message| {
                let (severity, text) = message.split_once(": ").expect("a severity");
                format!("{severity}: deck.yaml:{line}:{COLUMN}: {text}")
            })
        })
        .collect();
    let args = ["deck.yaml", "-o", "out.pdf"];
    match kind {
        Kind::Builds => {
            // `run` passes the PDF through pdf-check.
            let run = fixture.run(&args);
            assert_eq!(headlines(&run.success()), expected, "{folder}");
        }
        Kind::Refused => {
            let run = fixture.run(&args);
            assert_eq!(headlines(&run.stderr()), expected, "{folder}");
            assert_eq!(run.code(), 1);
            assert!(fixture.pdfs().is_empty(), "a refused deck wrote a PDF");
        }
    }
}

#[test]
fn every_outcome_names_a_corpus_file() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/corpus");
    let mut listed: Vec<String> = outcomes(CORPUS).into_iter().map(|(file, _)| file).collect();
    listed.dedup();
    let mut present = Vec::new();
    for folder in std::fs::read_dir(root).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let picture = [".png", ".jpg", ".jpeg", ".gif", ".webp"]
                .iter()
                .any(|ext| name.to_lowercase().ends_with(ext));
            if picture {
                let folder = folder.file_name().unwrap().to_string_lossy();
                present.push(format!("{folder}/{name}"));
            }
        }
    }
    listed.sort();
    present.sort();
    assert_eq!(listed, present, "outcomes.txt lists exactly the pictures");
}

#[test]
fn pngsuite_builds() {
    run_folder(CORPUS, "pngsuite", Kind::Builds);
}

#[test]
fn pngsuite_refusals() {
    run_folder(CORPUS, "pngsuite", Kind::Refused);
}

#[test]
fn png_files_build() {
    run_folder(CORPUS, "png", Kind::Builds);
}

#[test]
fn png_refusals() {
    run_folder(CORPUS, "png", Kind::Refused);
}

#[test]
fn jpeg_files_build() {
    run_folder(CORPUS, "jpeg", Kind::Builds);
}

#[test]
fn jpeg_refusals() {
    run_folder(CORPUS, "jpeg", Kind::Refused);
}

#[test]
fn gif_and_webp_files_build() {
    run_folder(CORPUS, "gif", Kind::Builds);
    run_folder(CORPUS, "webp", Kind::Builds);
}

#[test]
fn gif_refusals() {
    run_folder(CORPUS, "gif", Kind::Refused);
}

#[test]
fn every_copied_resvg_file_is_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/resvg");
    let listed: Vec<String> = outcomes(RESVG).into_iter().map(|(file, _)| file).collect();
    assert!(listed.len() > 1700, "outcomes.txt pins the whole suite");
    let mut folders = vec![root.join("tests")];
    let mut copied = 0;
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "svg") {
                let file = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                assert!(listed.contains(&file), "{file} has no line in outcomes.txt");
                copied += 1;
            }
        }
    }
    assert!(copied >= 20, "{copied} files copied");
}

/// Placed, or placed with a warning saying what is lost: filters, masks,
/// text in scripts the fonts lack, links to the network, spread methods,
/// and a filter region of 100000 units a side (it used to abort).
#[test]
fn resvg_suite_files_build() {
    run_folder(RESVG, "tests", Kind::Builds);
}

#[test]
fn resvg_suite_refusals() {
    run_folder(RESVG, "tests", Kind::Refused);
}
