//! The corpus of real talks in `tests/fixtures/talks`: public Marp and
//! Pandoc decks by different authors, each built once as found. For each
//! deck `expected.tsv` pins whether it builds (or the first line of its
//! error), its page count, the share of the anchor's words the PDF keeps
//! (the anchor is what Marp CLI or pandoc shows, made by `anchors.py`) and
//! the kinds of markup the PDF prints that the anchor does not.
//! `UPDATE_TALKS=1` rewrites `expected.tsv` from what the decks give now.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::Digest;

use crate::util::{copy_dir, external_tool, pdf_check, Fixture};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/talks")
}

/// One deck of `manifest.tsv`.
struct Deck {
    slug: String,
    /// Where its folder is: `decks/SLUG` (committed) or `fetched/decks/SLUG`.
    folder: PathBuf,
    /// The deck's path inside its repository, and so inside its folder.
    path: String,
    /// The pictures it names that its repository holds, by repository path.
    pictures: Vec<String>,
}

fn manifest() -> Vec<Deck> {
    let text = std::fs::read_to_string(corpus().join("manifest.tsv")).expect("read manifest.tsv");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [slug, _repo, _commit, path, _licence, stored, pictures] = fields[..] else {
                panic!("manifest.tsv: not 7 fields in {line:?}");
            };
            let folder = match stored {
                "committed" => corpus().join("decks").join(slug),
                "fetched" => corpus().join("fetched/decks").join(slug),
                other => panic!("manifest.tsv: unknown storage {other:?}"),
            };
            let pictures = match pictures {
                "-" => Vec::new(),
                list => list.split(',').map(str::to_string).collect(),
            };
            Deck {
                slug: slug.to_string(),
                folder,
                path: path.to_string(),
                pictures,
            }
        })
        .collect()
}

/// What one deck gives, as `expected.tsv` pins it.
#[derive(Debug, Clone)]
struct Result {
    /// `ok`, or the first line of the error.
    outcome: String,
    pages: usize,
    /// Percent of the anchor's words (counted with repeats) found in the PDF's text.
    kept: usize,
    /// The kinds of markup printed, or `-`.
    markup: String,
}

impl Result {
    /// Whether `self` is what `pinned` says, to a point of words kept: a
    /// picture that was not fetched is drawn in by the test, and the words
    /// a fetched one holds (an SVG's text) count for the anchor too.
    fn matches(&self, pinned: &Result) -> bool {
        self.outcome == pinned.outcome
            && self.pages == pinned.pages
            && self.kept.abs_diff(pinned.kept) <= 1
            && self.markup == pinned.markup
    }
}

impl Result {
    fn line(&self, slug: &str) -> String {
        format!(
            "{slug}\t{}\t{}\t{}\t{}",
            self.outcome, self.pages, self.kept, self.markup
        )
    }
}

fn expected() -> BTreeMap<String, Result> {
    let text = std::fs::read_to_string(corpus().join("expected.tsv")).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [slug, outcome, pages, kept, markup] = fields[..] else {
                panic!("expected.tsv: not 5 fields in {line:?}");
            };
            let result = Result {
                outcome: outcome.to_string(),
                pages: pages.parse().expect("pages"),
                kept: kept.parse().expect("kept"),
                markup: markup.to_string(),
            };
            (slug.to_string(), result)
        })
        .collect()
}

/// The `https://` pictures each deck names (`web-pictures.tsv`): by
/// slug, the format of each (for a stand-in) and its address.
fn web_pictures() -> BTreeMap<String, Vec<(String, String)>> {
    let text =
        std::fs::read_to_string(corpus().join("web-pictures.tsv")).expect("read web-pictures.tsv");
    let mut pictures: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [slug, format, url] = fields[..] else {
            panic!("web-pictures.tsv: not 3 fields in {line:?}");
        };
        let entry = (format.to_string(), url.to_string());
        pictures.entry(slug.to_string()).or_default().push(entry);
    }
    pictures
}

/// The name deckgen caches the picture at `url` under: the SHA-256 of the
/// address, as `fetch.sh` names what it downloads too.
fn cache_name(url: &str) -> String {
    let digest = sha2::Sha256::digest(url.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The deck's folder copied into a fixture, each picture from
/// `fetched/pictures` where it was fetched, else a generated one of its
/// format; and its `https://` pictures in the fixture's download cache
/// (`cache/pictures/`), from `fetched/web` or generated alike.
fn lay_out(deck: &Deck, web: &[(String, String)]) -> Fixture {
    let fixture = Fixture::new();
    copy_dir(&deck.folder, fixture.path());
    for picture in &deck.pictures {
        let fetched = corpus()
            .join("fetched/pictures")
            .join(&deck.slug)
            .join(picture);
        let extension = Path::new(picture)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        put_picture(&fixture, picture, &fetched, &extension);
    }
    for (format, url) in web {
        let name = cache_name(url);
        let fetched = corpus().join("fetched/web").join(&name);
        put_picture(
            &fixture,
            &format!("cache/pictures/{name}"),
            &fetched,
            format,
        );
    }
    fixture
}

/// Puts the picture `fetched` at `target` in the fixture, or, when it was
/// not fetched, a generated picture of the format `extension` names.
fn put_picture(fixture: &Fixture, target: &str, fetched: &Path, extension: &str) {
    let path = fixture.path().join(target);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if fetched.exists() {
        std::fs::copy(fetched, &path).unwrap();
    } else if extension == "svg" {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" fill="#4a7"/></svg>"##;
        std::fs::write(&path, svg).unwrap();
    } else if extension == "pdf" {
        let chart = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figures/chart.pdf");
        std::fs::copy(chart, &path).unwrap();
    } else if ["png", "jpg", "jpeg", "gif", "webp"].contains(&extension) {
        // Made under a name with the extension, which the cache's names lack.
        let made = fixture.image(&format!("{target}.made.{extension}"), 64, 48);
        std::fs::rename(made, &path).unwrap();
    }
}

/// Runs of letters and digits, lowercased.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// The percent of `anchor`'s words, counted with repeats, that `shown` holds.
fn kept(anchor: &str, shown: &str) -> usize {
    let (anchor, shown) = (words(anchor), words(shown));
    let total: usize = anchor.values().sum();
    if total == 0 {
        return 100;
    }
    let found: usize = anchor
        .iter()
        .map(|(word, count)| (*count).min(shown.get(word).copied().unwrap_or(0)))
        .sum();
    found * 100 / total
}

/// How often each kind of markup occurs in `text`.
fn markup(text: &str) -> [(&'static str, usize); 6] {
    let tex = text
        .as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'\\' && w[1].is_ascii_alphabetic())
        .count();
    let tags = text
        .split('<')
        .skip(1)
        .filter(|rest| {
            let name = rest.strip_prefix('/').unwrap_or(rest);
            let end = name
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(name.len());
            end > 0
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name[end..].split('\n').next().unwrap_or("").contains('>')
                && matches!(name[end..].chars().next(), Some(' ' | '>' | '/'))
        })
        .count();
    // `{.class}`, `{#id}`, `{key=value}`.
    let attributes = text
        .split('{')
        .skip(1)
        .filter(|rest| {
            let key = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            rest.starts_with(['.', '#']) || (key > 0 && rest[key..].starts_with('='))
        })
        .count();
    // A row holds something between its pipes: `||` alone is no table
    // (pdftotext can split a code line such as `||     ||` in two).
    let table = text
        .lines()
        .map(str::trim)
        .filter(|line| {
            let row = line.len() > 1
                && line.starts_with('|')
                && line.ends_with('|')
                && !line.trim_matches('|').trim().is_empty();
            row || line.contains("|--") || line.contains("|:-")
        })
        .count();
    [
        ("table", table),
        ("div", text.matches(":::").count()),
        ("attribute", attributes),
        ("tex", tex),
        ("html", tags),
        (
            "comment",
            text.matches("<!--").count() + text.matches("-->").count(),
        ),
    ]
}

/// The kinds of markup `shown` holds more often than `anchor`.
fn printed_markup(anchor: &str, shown: &str) -> String {
    let kinds: Vec<&str> = markup(shown)
        .iter()
        .zip(markup(anchor))
        .filter(|((_, shown), (_, anchor))| shown > anchor)
        .map(|((kind, _), _)| *kind)
        .collect();
    if kinds.is_empty() {
        "-".to_string()
    } else {
        kinds.join(",")
    }
}

fn anchor_of(deck: &Deck) -> String {
    let stored = deck.folder.parent().unwrap().parent().unwrap();
    let path = stored.join("anchors").join(format!("{}.txt", deck.slug));
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no anchor {} (tests/fixtures/talks/anchors.py writes it, with Marp CLI and pandoc)",
            path.display()
        )
    })
}

/// Builds `deck` once, its `web` pictures in its cache (no pdf-check: the few in `PDF_CHECKED` get it).
fn build(deck: &Deck, web: &[(String, String)], pdftotext: &Path) -> Result {
    let fixture = lay_out(deck, web);
    // Offline: the test never reaches the internet; the cache holds every
    // `https://` picture the deck names.
    let output = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args([deck.path.as_str(), "-o", "talk.pdf", "--offline"])
        .current_dir(fixture.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("DECKGEN_CACHE_DIR", fixture.path().join("cache"))
        .output()
        .expect("run deckgen");
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or("no error line")
            .replace('\t', " ");
        return Result {
            outcome: first,
            pages: 0,
            kept: 0,
            markup: "-".to_string(),
        };
    }
    let pdf = fixture.path().join("talk.pdf");
    if PDF_CHECKED.contains(&deck.slug.as_str()) {
        pdf_check(&pdf, None, &[]);
    }
    let pages = lopdf::Document::load(&pdf)
        .expect("read the PDF")
        .get_pages()
        .len();
    let text = Command::new(pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let shown = String::from_utf8_lossy(&text.stdout);
    let anchor = anchor_of(deck);
    Result {
        outcome: "ok".to_string(),
        pages,
        kept: kept(&anchor, &shown),
        markup: printed_markup(&anchor, &shown),
    }
}

/// The decks whose PDFs also go through pdf-check: one of each
/// convention, and one with pictures.
const PDF_CHECKED: &[&str] = &["marp-yhatt-gaia", "pandoc-ernstki", "pandoc-orangecms"];

#[test]
fn every_deck_gives_what_expected_tsv_pins() {
    let Some(pdftotext) = external_tool("pdftotext") else {
        return;
    };
    let expected = expected();
    let web = web_pictures();
    let mut found = Vec::new();
    let mut absent = Vec::new();
    let mut differences = Vec::new();
    for deck in manifest() {
        if !deck.folder.join(&deck.path).exists() {
            absent.push(deck.slug.clone());
            continue;
        }
        let pictures = web.get(&deck.slug).map_or(&[][..], Vec::as_slice);
        let result = build(&deck, pictures, &pdftotext);
        match expected.get(&deck.slug) {
            Some(pinned) if result.matches(pinned) => {}
            Some(pinned) => differences.push(format!(
                "{}\n  pinned: {}\n  now:    {}",
                deck.slug,
                pinned.line(&deck.slug),
                result.line(&deck.slug)
            )),
            None => differences.push(format!("{}: not pinned", deck.slug)),
        }
        found.push((deck.slug, result));
    }
    if !absent.is_empty() {
        eprintln!(
            "talks: {} decks not fetched (tests/fixtures/talks/fetch.sh): {}",
            absent.len(),
            absent.join(", ")
        );
    }
    if std::env::var_os("UPDATE_TALKS").is_some() {
        let mut pins = expected;
        for (slug, result) in found {
            pins.insert(slug, result);
        }
        let mut text = String::from(
            "# slug\toutcome (ok, or the first error line)\tpages\tpercent of the anchor's words kept\tmarkup printed (or -)\n",
        );
        for (slug, result) in &pins {
            text.push_str(&result.line(slug));
            text.push('\n');
        }
        std::fs::write(corpus().join("expected.tsv"), text).unwrap();
        return;
    }
    assert!(
        differences.is_empty(),
        "{} decks differ from expected.tsv (UPDATE_TALKS=1 rewrites it):\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn markup_is_counted_by_kind() {
    let text = "| a | b |\n|---|---|\n||\n::: notes\n{.fragment} {width=50%} {x} \\textbf{x} <b>y</b> <!-- c --> 3 < 4 > 2";
    let counts: BTreeMap<_, _> = markup(text).into_iter().collect();
    assert_eq!(counts["table"], 2);
    assert_eq!(counts["div"], 1);
    assert_eq!(counts["attribute"], 2);
    assert_eq!(counts["tex"], 1);
    assert_eq!(counts["html"], 2);
    assert_eq!(counts["comment"], 2);
    assert_eq!(printed_markup("<b>y</b>", "<b>y</b> :::"), "div");
}

#[test]
fn words_kept_count_repeats() {
    assert_eq!(kept("the cat the hat", "The cat"), 50);
    assert_eq!(kept("", "anything"), 100);
    assert_eq!(kept("Größe café", "größe, CAFÉ"), 100);
}
