use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::util::Fixture;

/// How long to wait for each step: generous, for a loaded two-core machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// `deckgen --watch` running in a fixture, its standard error read line by line.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(fixture: &Fixture, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(args)
            .current_dir(fixture.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .stderr(Stdio::piped())
            .spawn()
            .expect("start deckgen --watch");
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// Reads standard error up to the first line containing `text`, and
    /// returns what it read.
    fn wait_for(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + PATIENCE;
        let mut read = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(text);
                    read.push(line);
                    if found {
                        return read;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "no line with `{text}` in {PATIENCE:?}; read:\n{}",
                        read.join("\n")
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("deckgen ended before `{text}`; read:\n{}", read.join("\n"))
                }
            }
        }
    }

    /// Sends SIGINT, as Ctrl-C does, and returns the exit status.
    fn interrupt(mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|status| status.success()), "kill -INT {pid}");
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait for deckgen") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("deckgen did not stop within {PATIENCE:?} of SIGINT");
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        // A failed test must not leave the watcher running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn deck(caption: &str, background: &str) -> String {
    format!(
        "title: Watched\ntheme:\n  background: '{background}'\nsections:\n  - title: Intro\n    slides:\n      - caption: {caption}\n        image: images/a.png\n"
    )
}

fn text_of(pdf: &Path) -> String {
    let document = lopdf::Document::load(pdf).expect("a readable PDF");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document.extract_text(&pages).expect("text")
}

#[test]
fn rebuilds_on_every_change_and_keeps_the_last_good_pdf() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck("First caption", "#ffffff"));
    fixture.image("images/a.png", 40, 30);
    let pdf = fixture.path().join("talk.pdf");
    let watching = Watching::start(&fixture, &["deck.yaml", "-o", "talk.pdf", "--watch"]);
    let first = watching.wait_for("watching deck.yaml");
    assert!(
        first[0].starts_with("wrote talk.pdf (3 pages, "),
        "{first:?}"
    );
    assert!(text_of(&pdf).contains("First caption"));

    // An edit in place.
    fixture.write("deck.yaml", &deck("Second caption", "#ffffff"));
    let rebuilt = watching.wait_for("deck.yaml changed; wrote talk.pdf");
    assert!(rebuilt.last().unwrap().ends_with(" s"), "{rebuilt:?}");
    assert!(text_of(&pdf).contains("Second caption"));
    let good = std::fs::read(&pdf).unwrap();

    // A mistake: the error is printed and the last good PDF stays.
    fixture.write("deck.yaml", &deck("Third caption", "blue"));
    let failed = watching.wait_for("invalid colour `blue`");
    assert!(
        failed
            .last()
            .unwrap()
            .starts_with("error: deck.yaml:3:15: invalid colour `blue`"),
        "{failed:?}"
    );
    watching.wait_for("deckgen: 1 error; kept talk.pdf from the last good build");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    // The fix, saved as editors do: a new file renamed over the deck.
    fixture.write("deck.yaml.new", &deck("Fourth caption", "#ffffff"));
    std::fs::rename(
        fixture.path().join("deck.yaml.new"),
        fixture.path().join("deck.yaml"),
    )
    .unwrap();
    watching.wait_for("deck.yaml changed; wrote talk.pdf");
    assert!(text_of(&pdf).contains("Fourth caption"));

    // A changed image, in a folder of its own.
    let before = std::fs::read(&pdf).unwrap();
    fixture.image("images/a.png", 64, 48);
    watching.wait_for("images/a.png changed; wrote talk.pdf");
    assert_ne!(std::fs::read(&pdf).unwrap(), before);

    assert_eq!(watching.interrupt(), Some(0));
}

#[test]
fn a_newly_named_image_is_watched_before_it_exists() {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &deck("Caption", "#ffffff"));
    let watching = Watching::start(&fixture, &["deck.yaml", "-o", "talk.pdf", "--watch"]);
    let first = watching.wait_for("watching deck.yaml");
    let missing =
        "error: deck.yaml:8:16: cannot read image `images/a.png` (no such file or directory)";
    assert!(first.iter().any(|line| line == missing), "{first:?}");
    assert!(
        first
            .iter()
            .any(|line| line.starts_with("deckgen: 1 error; no PDF written (")),
        "{first:?}"
    );
    // The image's folder appears first, then the image in it.
    std::fs::create_dir(fixture.path().join("images")).unwrap();
    watching.wait_for("images/a.png changed; deckgen: 1 error; no PDF written");
    fixture.image("images/a.png", 40, 30);
    watching.wait_for("images/a.png changed; wrote talk.pdf");
    assert!(fixture.path().join("talk.pdf").is_file());
    assert_eq!(watching.interrupt(), Some(0));
}

#[test]
fn a_theme_file_the_deck_extends_is_watched() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: Watched\ntheme:\n  extends: brand.yaml\nsections:\n  - title: Intro\n    slides:\n      - caption: Caption\n",
    );
    fixture.write("brand.yaml", "footer: First footer\n");
    let pdf = fixture.path().join("talk.pdf");
    let watching = Watching::start(&fixture, &["deck.yaml", "-o", "talk.pdf", "--watch"]);
    watching.wait_for("watching deck.yaml");
    assert!(text_of(&pdf).contains("First footer"));
    fixture.write("brand.yaml", "footer: Second footer\n");
    watching.wait_for("brand.yaml changed; wrote talk.pdf");
    assert!(text_of(&pdf).contains("Second footer"));
    assert_eq!(watching.interrupt(), Some(0));
}

#[test]
fn a_markdown_deck_and_its_pictures_are_watched() {
    let fixture = Fixture::new();
    fixture.write(
        "talk.md",
        "---\ntitle: Watched\n---\n\n## First\n\n![A square](a.png)\n\nFirst caption\n",
    );
    fixture.image("a.png", 40, 40);
    let pdf = fixture.path().join("talk.pdf");
    let watching = Watching::start(&fixture, &["talk.md", "-o", "talk.pdf", "--watch"]);
    watching.wait_for("watching talk.md");
    assert!(text_of(&pdf).contains("First caption"));
    fixture.write(
        "talk.md",
        "---\ntitle: Watched\n---\n\n## First\n\n![A square](a.png)\n\nSecond caption\n",
    );
    watching.wait_for("talk.md changed; wrote talk.pdf");
    assert!(text_of(&pdf).contains("Second caption"));
    fixture.image("a.png", 50, 50);
    watching.wait_for("a.png changed; wrote talk.pdf");
    assert_eq!(watching.interrupt(), Some(0));
}
