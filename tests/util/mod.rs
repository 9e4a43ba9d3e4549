//! Shared test helpers: a temporary folder per test with a deck and
//! generated images, and a command that runs the real binary there.

pub mod allocated;
pub mod needs;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

/// A temporary folder holding a deck and its files.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn copy_of(name: &str) -> Fixture {
        let fixture = Fixture::new();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&source, fixture.path());
        fixture
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `name`, creating folders, with common leading indentation removed.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, unindent(text)).unwrap();
        path
    }

    /// Writes raw bytes to `name`.
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// A `width` x `height` picture in the format `name`'s extension names:
    /// a diagonal gradient, translucent when `alpha`.
    pub fn image(&self, name: &str, width: u32, height: u32) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        let format = ImageFormat::from_path(&path).expect("a known image extension");
        let picture = if name.contains("alpha") {
            DynamicImage::from(RgbaImage::from_fn(width, height, |x, y| {
                Rgba([
                    (x * 255 / width) as u8,
                    (y * 255 / height) as u8,
                    90,
                    if x < width / 2 { 80 } else { 255 },
                ])
            }))
        } else {
            DynamicImage::from(RgbImage::from_fn(width, height, |x, y| {
                Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 160])
            }))
        };
        let picture = match format {
            ImageFormat::Jpeg => DynamicImage::from(picture.to_rgb8()),
            _ => picture,
        };
        picture
            .save_with_format(&path, format)
            .expect("write a test image");
        path
    }

    /// `deckgen` with `args`, run in the fixture folder. Every PDF a
    /// successful run writes must pass pdf-check (where it can run).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// `deckgen` with `args` and the environment variables `env`, run in
    /// the fixture folder. Pictures are downloaded into the folder's own
    /// cache (`cache/`, unless `env` says otherwise), with no proxy and the
    /// system's certificates unless `env` names others.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &OsStr)]) -> Run {
        let before = self.pdf_versions();
        let started = Instant::now();
        let mut command = Command::new(env!("CARGO_BIN_EXE_deckgen"));
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("DECKGEN_CACHE_DIR", self.path().join("cache"));
        for name in NOT_INHERITED {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run deckgen");
        // Read both pipes while waiting, so a chatty run cannot block on a full pipe.
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                bytes
            })
        };
        let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
        let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for deckgen") {
                break status;
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                panic!("deckgen {args:?} ran past {RUN_LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let output = Output {
            status,
            stdout: stdout.join().expect("read stdout"),
            stderr: stderr.join().expect("read stderr"),
        };
        if output.status.success() {
            for (pdf, version) in self.pdf_versions() {
                if before.get(&pdf) != Some(&version) {
                    pdf_check(&self.path().join(pdf), None, &[]);
                }
            }
        }
        Run { output }
    }

    /// Each PDF file in the folder with its modification time and length.
    fn pdf_versions(&self) -> BTreeMap<PathBuf, (SystemTime, u64)> {
        self.pdfs()
            .into_iter()
            .filter(|pdf| pdf.extension().is_some_and(|e| e == "pdf"))
            .filter_map(|pdf| {
                let meta = std::fs::metadata(self.path().join(&pdf)).ok()?;
                Some((pdf, (meta.modified().ok()?, meta.len())))
            })
            .collect()
    }

    /// Every PDF file in the fixture folder, recursively, relative to it.
    pub fn pdfs(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        collect_pdfs(self.path(), self.path(), &mut found);
        found.sort();
        found
    }
}

fn collect_pdfs(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_pdfs(root, &path, found);
        } else if path.to_string_lossy().contains(".pdf") {
            found.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// Copies folder `from`, with everything in it, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What a run of deckgen never takes from the tests' environment: how it
/// reaches the network and whom it trusts there.
const NOT_INHERITED: [&str; 10] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "DECKGEN_DOWNLOAD_TIMEOUT",
    "XDG_CACHE_HOME",
];

/// The longest any run may take, on a loaded two-core machine; a hang fails the test.
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// The result of one run of the binary.
pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().expect("deckgen exited normally")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts the run succeeded and returns its stderr.
    pub fn success(&self) -> String {
        assert_eq!(self.code(), 0, "deckgen failed:\n{}", self.stderr());
        self.stderr()
    }

    /// Asserts the run failed with status 1 and exactly `expected` on stderr.
    pub fn fails_with(&self, expected: &str) {
        assert_eq!(self.stderr(), unindent(expected), "stderr differs");
        assert_eq!(self.code(), 1);
    }
}

/// Removes the indentation common to all non-blank lines, and one leading newline.
pub fn unindent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: String = text
        .lines()
        .map(|l| {
            if l.len() >= indent {
                &l[indent..]
            } else {
                l.trim_start()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The repository's own font files.
pub fn repo_font(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fonts")
        .join(name)
}

/// Every text line a content stream starts, with the font size in force:
/// `[size, x, y]`. deckgen places a text object's first line with `Td`
/// from the origin (where `BT` puts it) and each further line with `Td`
/// from the one before.
pub fn text_lines(ops: &[lopdf::content::Operation]) -> Vec<[f32; 3]> {
    let mut size = 0.0;
    let mut at = (0.0, 0.0);
    let mut lines = Vec::new();
    for op in ops {
        let number = |index: usize| op.operands[index].as_float().unwrap();
        match op.operator.as_str() {
            "BT" => at = (0.0, 0.0),
            "Tf" => size = number(1),
            "Td" => {
                at = (at.0 + number(0), at.1 + number(1));
                lines.push([size, at.0, at.1]);
            }
            _ => {}
        }
    }
    lines
}

/// Runs pdf-check on `pdf`, asserting that it passes, with `pages` pages
/// and each of `texts` when given. Where pdf-check cannot run, see
/// [`needs::unavailable`].
pub fn pdf_check(pdf: &Path, pages: Option<usize>, texts: &[&str]) {
    run_pdf_check(pdf, pages, texts, false);
}

/// [`pdf_check`] with `--expect-tagged`: pdf.js finds a structure tree on
/// every page, and the pdfua checker reports nothing.
pub fn pdf_check_tagged(pdf: &Path) {
    run_pdf_check(pdf, None, &[], true);
}

fn run_pdf_check(pdf: &Path, pages: Option<usize>, texts: &[&str], tagged: bool) {
    static TOOL: OnceLock<(PathBuf, Vec<String>)> = OnceLock::new();
    let (tool, missing) = TOOL.get_or_init(|| needs::program("pdf-check"));
    if !missing.is_empty() {
        needs::unavailable(&missing.join(", "));
        return;
    }
    let mut command = Command::new(tool);
    command.arg(pdf).arg("--quiet");
    if tagged {
        command.arg("--expect-tagged");
    }
    if let Some(pages) = pages {
        command.args(["--expect-pages", &pages.to_string()]);
    }
    for text in texts {
        command.args(["--expect-text", text]);
    }
    let output = command.output().expect("run pdf-check");
    assert!(
        output.status.success(),
        "pdf-check failed on {}:\n{}{}",
        pdf.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The PDF's text as pdftotext extracts it, or `None` where it cannot run.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    let tool = external_tool("pdftotext")?;
    let output = Command::new(tool).arg(pdf).arg("-").output().unwrap();
    assert!(output.status.success());
    Some(String::from_utf8(output.stdout).unwrap())
}

/// A checker program from `../shared/tools` or the PATH, or `None` when it
/// (or a program it runs) is missing here and [`needs::unavailable`] lets
/// the test skip its check.
pub fn external_tool(program: &str) -> Option<PathBuf> {
    let (path, missing) = needs::program(program);
    if missing.is_empty() {
        return Some(path);
    }
    needs::unavailable(&missing.join(", "));
    None
}

/// The contents of a PNG file's IDAT chunks, joined.
pub fn png_idat(png: &[u8]) -> Vec<u8> {
    let mut idat = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        if &png[at + 4..at + 8] == b"IDAT" {
            idat.extend_from_slice(&png[at + 8..at + 8 + length]);
        }
        at += 12 + length;
    }
    idat
}

/// `jpeg` with an Exif block right after its start that sets the EXIF
/// orientation (1 to 8).
pub fn with_exif_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    // "Exif", a big-endian TIFF header and one IFD entry: 0x0112, SHORT, 1.
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0".to_vec();
    exif.extend([orientation, 0, 0, 0, 0, 0, 0]);
    let length = u16::try_from(exif.len() + 2).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(exif);
    out.extend(&jpeg[2..]);
    out
}

/// Page 1 of `pdf` rendered by pdftoppm at `dpi`, or `None` without pdftoppm.
pub fn render_page_one(pdf: &Path, dpi: u32) -> Option<RgbImage> {
    let tool = external_tool("pdftoppm")?;
    let stem = pdf.file_stem().unwrap().to_string_lossy();
    let out = pdf.with_file_name(format!("{stem}-render"));
    let status = Command::new(tool)
        .args([
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-png",
        ])
        .arg(pdf)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let png = pdf.with_file_name(format!("{stem}-render.png"));
    Some(image::open(png).unwrap().into_rgb8())
}
