//! What the tests need from outside the repository: checker programs,
//! installed fonts, Debian's python3 with poppler's bindings, pdfpc.
//!
//! A missing one fails the test that needs it, naming it: a green run has
//! checked everything. `DECKGEN_SKIP_EXTERNAL=1` skips such checks on
//! purpose instead (except under `CI=true`), and each skip says so on the
//! terminal. `.ci/run` installs everything listed in [`everything_missing`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that skips checks needing what is missing.
pub const SKIP: &str = "DECKGEN_SKIP_EXTERNAL";

/// The installed fonts the fallback and family tests read, with the Debian
/// package of each.
pub const INSTALLED_FONTS: [(&str, &str); 3] = [
    (
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
        "fonts-noto-core",
    ),
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "fonts-noto-cjk",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "fonts-dejavu-core",
    ),
];

/// The programs the tests run, each with the Debian package that brings it
/// (pdf-check comes from `../shared/tools`, beside the clone).
const PROGRAMS: [(&str, &str); 9] = [
    ("pdf-check", "../shared/tools/pdf-check"),
    ("pdftoppm", "poppler-utils"),
    ("pdftotext", "poppler-utils"),
    ("pdfimages", "poppler-utils"),
    ("rsvg-convert", "librsvg2-bin"),
    ("pdfpc", "pdf-presenter-console"),
    ("Xvfb", "xvfb"),
    ("xdotool", "xdotool"),
    ("python3", "python3"),
];

/// Says that `what`, which the running test needs, is not available here.
/// Fails the test, unless [`SKIP`] is `1` (and `CI` is not `true`): then it
/// says so where the developer sees it and returns, and the caller skips its
/// check.
pub fn unavailable(what: &str) {
    if !skipping() {
        panic!(
            "not available here: {what}. Install what .ci/run installs (the README lists it), \
             or set {SKIP}=1 to skip the checks that need it"
        );
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    // libtest hides what a passing test prints with `print!` and
    // `eprint!`; a write to the stderr handle itself is not captured.
    let _ = writeln!(
        std::io::stderr(),
        "skipped on purpose ({SKIP}=1): {test} needs {what}, not available here"
    );
}

/// Whether checks needing what is missing are skipped on purpose.
pub fn skipping() -> bool {
    std::env::var(SKIP).as_deref() == Ok("1") && std::env::var("CI").as_deref() != Ok("true")
}

/// Where `program` runs from (`../shared/tools` first, else the PATH), and
/// what of it and the programs it drives is missing here.
pub fn program(program: &str) -> (PathBuf, Vec<String>) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/tools")
        .join(program);
    let path = if shared.exists() {
        shared
    } else {
        PathBuf::from(program)
    };
    // pdf-check drives these; it would try to install them itself, which needs root.
    let needs: &[&str] = if program == "pdf-check" {
        &["qpdf", "pdfinfo", "mutool", "gs", "node"]
    } else {
        &[]
    };
    let runs = |command: &Path| Command::new(command).arg("-v").output().is_ok();
    let mut missing: Vec<String> = needs
        .iter()
        .filter(|need| !runs(Path::new(need)))
        .map(|need| need.to_string())
        .collect();
    if !runs(&path) {
        missing.insert(0, program.to_string());
    }
    (path, missing)
}

/// Whether `program` is a file in a folder of the PATH.
pub fn on_path(program: &str) -> bool {
    let paths = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&paths).any(|dir| dir.join(program).is_file())
}

/// Debian's python3 with poppler's GObject bindings (python3-gi and
/// gir1.2-poppler-0.18 are built for it, not for another python3 on the
/// PATH), if it is here.
pub fn python_with_poppler() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/python3");
    let python = if debian.exists() {
        debian.to_path_buf()
    } else {
        PathBuf::from("python3")
    };
    let probe = Command::new(&python)
        .args([
            "-c",
            "import gi; gi.require_version('Poppler', '0.18'); from gi.repository import Poppler",
        ])
        .output();
    probe
        .is_ok_and(|output| output.status.success())
        .then_some(python)
}

/// The python3 on the PATH with pdfplumber (from PyPI, as `.ci/run`
/// installs it), which reads glyphs back with their positions, if here.
pub fn python_with_pdfplumber() -> Option<PathBuf> {
    let python = PathBuf::from("python3");
    let probe = Command::new(&python)
        .args(["-c", "import pdfplumber"])
        .output();
    probe
        .is_ok_and(|output| output.status.success())
        .then_some(python)
}

/// Everything the tests need that is missing here, each with where it comes from.
pub fn everything_missing() -> Vec<String> {
    let mut missing = Vec::new();
    for (name, package) in PROGRAMS {
        let absent = match name {
            "pdfpc" | "Xvfb" | "xdotool" => {
                if on_path(name) {
                    Vec::new()
                } else {
                    vec![name.to_string()]
                }
            }
            "python3" => match python_with_poppler() {
                Some(_) => Vec::new(),
                None => vec!["python3 with python3-gi and gir1.2-poppler-0.18".to_string()],
            },
            _ => program(name).1,
        };
        for what in absent {
            let from = match what.as_str() {
                "qpdf" => "qpdf",
                "pdfinfo" => "poppler-utils",
                "mutool" => "mupdf-tools",
                "gs" => "ghostscript",
                "node" => "nodejs and npm",
                _ => package,
            };
            let line = format!("{what} ({from})");
            if !missing.contains(&line) {
                missing.push(line);
            }
        }
    }
    if python_with_pdfplumber().is_none() {
        missing.push("python3 with pdfplumber (pip install pdfplumber)".to_string());
    }
    for (font, package) in INSTALLED_FONTS {
        if !Path::new(font).exists() {
            missing.push(format!("{font} ({package})"));
        }
    }
    missing
}
