//! `https://` pictures, against tests/picture_server.py on 127.0.0.1 (never
//! the internet), trusted through the test CA in tests/fixtures/https.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::util::{needs, Fixture, Run};

/// Asserts `run` failed with status 1, its one error (the first line of
/// its message) exactly `error`, and wrote no PDF.
fn fails_with_error(run: &Run, error: &str) {
    let stderr = run.stderr();
    assert_eq!(stderr.lines().next(), Some(error), "{stderr}");
    assert!(
        stderr.ends_with("deckgen: 1 error; no PDF written\n"),
        "{stderr}"
    );
    assert_eq!(run.code(), 1);
}

/// The picture server, serving a folder of its own; stopped when dropped.
struct PictureServer {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl PictureServer {
    /// Starts the server, or says python3 is missing and gives `None`.
    fn start() -> Option<PictureServer> {
        if !needs::on_path("python3") {
            needs::unavailable("python3 (Debian's python3), for the local picture server");
            return None;
        }
        let folder = tempfile::tempdir().expect("a folder for the server");
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let certs = tests.join("fixtures/https");
        let mut child = Command::new("python3")
            .arg(tests.join("picture_server.py"))
            .arg(certs.join("server.pem"))
            .arg(certs.join("server.key"))
            .arg(folder.path())
            .arg(folder.path().join("counts.json"))
            .stdout(Stdio::piped())
            .spawn()
            .expect("start tests/picture_server.py");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("the server's output");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server's port");
        let port = line.trim().parse().expect("a port number");
        Some(PictureServer {
            child,
            port,
            folder,
        })
    }

    /// The address of `path` on the server.
    fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    /// Puts a picture in the server's folder, made by `fixture.image`.
    fn serve_image(&self, name: &str, width: u32, height: u32) {
        let maker = Fixture::new();
        let made = maker.image(name, width, height);
        std::fs::copy(made, self.folder.path().join(name)).expect("serve a picture");
    }

    /// How many times each path (with its query) was asked for.
    fn counts(&self) -> BTreeMap<String, u64> {
        match std::fs::read_to_string(self.folder.path().join("counts.json")) {
            Ok(json) => serde_json::from_str(&json).expect("the server's counts"),
            Err(_) => BTreeMap::new(),
        }
    }
}

impl Drop for PictureServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test CA, as `SSL_CERT_FILE` names the roots to trust.
fn test_ca() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/https/ca.pem")
}

/// A deck of one slide showing the picture at `url`.
fn deck_showing(fixture: &Fixture, url: &str) {
    fixture.write(
        "deck.yaml",
        &format!("title: T\nsections:\n  - title: S\n    slides:\n      - image: {url}\n"),
    );
}

/// Builds `deck.yaml` with `extra` arguments, trusting the test CA.
fn build(fixture: &Fixture, extra: &[&str], env: &[(&str, &OsStr)]) -> Run {
    let mut args = vec!["deck.yaml", "-o", "out.pdf", "--source-date-epoch", "0"];
    args.extend_from_slice(extra);
    let ca = test_ca();
    let mut all = vec![("SSL_CERT_FILE", ca.as_os_str())];
    all.extend_from_slice(env);
    fixture.run_with(&args, &all)
}

/// Pictures in the cache folder, by file name.
fn cached(fixture: &Fixture) -> Vec<String> {
    let folder = fixture.path().join("cache/pictures");
    let mut names: Vec<String> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn an_https_picture_is_downloaded_once_and_kept_for_offline_builds() {
    let Some(server) = PictureServer::start() else {
        return;
    };
    server.serve_image("photo.jpg", 64, 48);
    // No extension, a query, a Content-Type that says otherwise: the bytes decide.
    let url = server.url("/files/photo.jpg?q=80&w=870&type=image/png");
    let fixture = Fixture::new();
    deck_showing(&fixture, &url);
    build(&fixture, &[], &[]).success();
    let path = "/files/photo.jpg?q=80&w=870&type=image/png";
    assert_eq!(server.counts().get(path), Some(&1));
    assert_eq!(cached(&fixture).len(), 1, "{:?}", cached(&fixture));
    let pdf = std::fs::read(fixture.path().join("out.pdf")).unwrap();
    let first = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let jpeg = first.objects.values().any(|object| {
        object.as_stream().is_ok_and(|stream| {
            stream
                .dict
                .get(b"Filter")
                .is_ok_and(|f| f.as_name().is_ok_and(|name| name == b"DCTDecode"))
        })
    });
    assert!(jpeg, "the JPEG keeps its bytes, as a local one does");

    // Built again, and checked: from the cache, no second request.
    std::fs::remove_file(fixture.path().join("out.pdf")).unwrap();
    build(&fixture, &[], &[]).success();
    fixture
        .run_with(
            &["check", "deck.yaml"],
            &[("SSL_CERT_FILE", test_ca().as_os_str())],
        )
        .success();
    assert_eq!(server.counts().get(path), Some(&1));
    // Offline, with the server gone: the same PDF from the cache.
    drop(server);
    std::fs::remove_file(fixture.path().join("out.pdf")).unwrap();
    build(&fixture, &["--offline"], &[]).success();
    assert_eq!(std::fs::read(fixture.path().join("out.pdf")).unwrap(), pdf);
}

#[test]
fn a_redirect_is_followed_and_cached_under_the_address_the_deck_gives() {
    let Some(server) = PictureServer::start() else {
        return;
    };
    server.serve_image("logo.png", 40, 40);
    let fixture = Fixture::new();
    deck_showing(&fixture, &server.url("/redirect/logo.png"));
    build(&fixture, &[], &[]).success();
    let counts = server.counts();
    assert_eq!(counts.get("/redirect/logo.png"), Some(&1));
    assert_eq!(counts.get("/files/logo.png"), Some(&1));
    build(&fixture, &["--offline"], &[]).success();
    assert_eq!(cached(&fixture).len(), 1);
}

#[test]
fn offline_a_picture_never_downloaded_is_an_error_naming_it() {
    let fixture = Fixture::new();
    let url = "https://127.0.0.1:9/never.png";
    deck_showing(&fixture, url);
    fails_with_error(&build(&fixture, &["--offline"], &[]), &format!(
        "error: deck.yaml:5:16: image `{url}` is not in the download cache, and `--offline` uses only pictures downloaded before (run once without `--offline` to download it)"
    ));
    assert!(fixture.pdfs().is_empty());
    let check = fixture.run_with(&["check", "--offline", "deck.yaml"], &[]);
    assert_eq!(check.code(), 1);
    assert!(check.stderr().contains("is not in the download cache"));
}

/// Builds a deck showing `path` on `server` over an existing PDF, and
/// asserts it fails with exactly `reason`, leaves the PDF as it was and
/// caches nothing.
fn fails_to_download(server: &PictureServer, path: &str, env: &[(&str, &OsStr)], reason: &str) {
    let fixture = Fixture::new();
    let url = server.url(path);
    deck_showing(&fixture, &url);
    fixture.write("out.pdf", "the last good PDF");
    fails_with_error(
        &build(&fixture, &[], env),
        &format!("error: deck.yaml:5:16: cannot download image `{url}` ({reason})"),
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path().join("out.pdf")).unwrap(),
        "the last good PDF"
    );
    assert_eq!(cached(&fixture), Vec::<String>::new());
}

#[test]
fn a_failed_download_names_the_address_and_the_reason_and_writes_nothing() {
    let Some(server) = PictureServer::start() else {
        return;
    };
    server.serve_image("a.png", 8, 8);
    fails_to_download(
        &server,
        "/files/none.png",
        &[],
        "the server answered 404 Not Found",
    );
    fails_to_download(
        &server,
        "/page",
        &[],
        "the server sent a web page, not a picture",
    );
    fails_to_download(
        &server,
        "/huge",
        &[],
        "it is larger than 256 MiB, the most deckgen downloads",
    );
    fails_to_download(
        &server,
        "/stall",
        &[("DECKGEN_DOWNLOAD_TIMEOUT", OsStr::new("1"))],
        "it did not arrive within 1 s (DECKGEN_DOWNLOAD_TIMEOUT allows more)",
    );
    fails_to_download(
        &server,
        "/to-http/a.png",
        &[],
        &format!(
            "it redirects to `http://127.0.0.1:{}/files/a.png`, and deckgen downloads only `https://` addresses",
            server.port
        ),
    );
}

#[test]
fn a_server_no_trusted_authority_vouches_for_is_a_tls_failure() {
    let Some(server) = PictureServer::start() else {
        return;
    };
    server.serve_image("a.png", 8, 8);
    let fixture = Fixture::new();
    let url = server.url("/files/a.png");
    deck_showing(&fixture, &url);
    // The system's roots, which do not hold the test CA.
    let run = fixture.run_with(&["deck.yaml", "-o", "out.pdf"], &[]);
    fails_with_error(&run, &format!(
        "error: deck.yaml:5:16: cannot download image `{url}` (TLS failure: invalid peer certificate: UnknownIssuer)"
    ));
    assert_eq!(server.counts().len(), 0);
}

#[test]
fn an_unknown_host_and_a_plain_http_address_are_named() {
    let fixture = Fixture::new();
    deck_showing(&fixture, "https://no-such-host.invalid/a.png");
    fails_with_error(&build(&fixture, &[], &[]),
        "error: deck.yaml:5:16: cannot download image `https://no-such-host.invalid/a.png` (no such host `no-such-host.invalid`)",
    );
    deck_showing(&fixture, "http://127.0.0.1:9/a.png");
    fails_with_error(&build(&fixture, &[], &[]),
        "error: deck.yaml:5:16: cannot download image `http://127.0.0.1:9/a.png` (deckgen downloads only `https://` addresses: write `https://` if the site serves the picture that way, or save it beside the deck and give its file name)",
    );
    assert!(fixture.pdfs().is_empty());
}

#[test]
fn markdown_decks_download_their_pictures_wherever_they_name_them() {
    let Some(server) = PictureServer::start() else {
        return;
    };
    for name in ["a.png", "b.jpg", "c.png", "d.png", "e.png"] {
        server.serve_image(name, 32, 24);
    }
    let fixture = Fixture::new();
    let [a, b, c, d, e] =
        ["a.png", "b.jpg", "c.png", "d.png", "e.png"].map(|n| server.url(&format!("/files/{n}")));
    fixture.write(
        "talk.md",
        &format!(
            "---\nmarp: true\nbackgroundImage: url('{e}')\n---\n\n# One\n\n![A]({a})\n\n---\n\n# Two\n\n![bg]({b})\n\n---\n\n# Three\n\n<img src=\"{c}\" width=\"200\">\n\n---\n\n# Four\n\n![d]({d})\n"
        ),
    );
    let ca = test_ca();
    let env = [("SSL_CERT_FILE", ca.as_os_str())];
    fixture
        .run_with(&["talk.md", "-o", "talk.pdf"], &env)
        .success();
    let counts = server.counts();
    for name in ["a.png", "b.jpg", "c.png", "d.png", "e.png"] {
        assert_eq!(
            counts.get(&format!("/files/{name}")),
            Some(&1),
            "{counts:?}"
        );
    }
    assert_eq!(cached(&fixture).len(), 5);
    drop(server);
    fixture
        .run_with(&["talk.md", "-o", "again.pdf", "--offline"], &[])
        .success();
}
