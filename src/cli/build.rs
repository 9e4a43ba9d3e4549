//! `deckgen DECK.yaml`: build the PDF and write it atomically, so a failed
//! run never leaves a broken or clobbered file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;

use crate::access::Access;
use crate::diag::{io_reason, Diagnostics, Severity};
use crate::layout::{Paper, PaperLayout, HANDOUT_SIZES};
use crate::model::MAX_PPI;
use crate::pdf::{FileLayout, PdfOptions, Tagging};
use crate::text::{split_font_path, FontSources};
use crate::{Checked, LaidOut, Limits, Options, Output, Progress};

use super::progress::Bar;
use super::report::{self, Shown};
use super::{counted, human_size, listed, watch, PixelLimit};

/// What building a deck takes.
#[derive(Debug, Default, PartialEq, Args)]
pub(super) struct BuildArgs {
    /// The deck file (YAML, or Markdown: `.md`).
    #[arg(required = true)]
    pub deck: Option<PathBuf>,

    /// Where to write the PDF [default: out/<deck name>.pdf in the deck's folder].
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,

    /// Date the PDF with this Unix time instead of now; the same inputs then
    /// give a byte-identical PDF. Also read from SOURCE_DATE_EPOCH (an empty
    /// value counts as unset).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(i64).range(EPOCHS))]
    pub source_date_epoch: Option<i64>,

    /// Make the PDF open in full-screen mode (as `theme.present.fullscreen: true` does).
    #[arg(long, conflicts_with = "paper_output")]
    pub fullscreen: bool,

    /// Do not write OUT.pdfpc, the speaker notes for the pdfpc presenter console
    /// (written beside the PDF when any slide has notes or steps).
    #[arg(long)]
    pub no_pdfpc: bool,

    /// Also put each slide's notes on its page as a PDF Text annotation
    /// (pdfpc and pympress read these as notes).
    #[arg(long, conflicts_with = "paper_output")]
    pub notes_annotations: bool,

    /// One page per slide, all of it shown, for sharing: no page for each
    /// step of a slide that pauses or shows list items one at a time
    /// (handouts and notes pages always show each slide once).
    #[arg(long, conflicts_with = "paper_output")]
    pub no_steps: bool,

    /// Print a handout with N slides to a sheet (1, 2, 3, 4, 6 or 9; 3 adds
    /// lines for notes) [default output: out/<deck name>-handout.pdf].
    #[arg(long, value_name = "N", value_parser = handout_size, group = "paper_output")]
    pub handout: Option<usize>,

    /// Print notes pages: each slide above its speaker notes
    /// [default output: out/<deck name>-notes.pdf].
    #[arg(long, group = "paper_output")]
    pub notes_pages: bool,

    /// The paper for --handout and --notes-pages [default: a4].
    #[arg(long, value_enum, requires = "paper_output")]
    pub paper: Option<PaperArg>,

    /// Leave the title slide, the agenda and the section dividers off the
    /// handout or notes pages.
    #[arg(long, requires = "paper_output")]
    pub handout_skip_dividers: bool,

    /// Resample images sharper than this many pixels per inch at the size
    /// they are shown (overrides the deck's `theme.max_ppi`). Without it,
    /// every image is embedded as it is.
    #[arg(long, value_name = "PPI", value_parser = clap::value_parser!(u32)
        .range(i64::from(*MAX_PPI.start())..=i64::from(*MAX_PPI.end())))]
    pub max_ppi: Option<u32>,

    #[command(flatten)]
    pub pixel_limit: PixelLimit,

    /// Turn every colour and picture gray, for cheap printing (slides,
    /// handouts and notes pages alike).
    #[arg(long)]
    pub grayscale: bool,

    /// JPEG quality (1-100) for photos that --max-ppi or --grayscale
    /// compresses again [default: 90].
    #[arg(long, value_name = "Q", value_parser = clap::value_parser!(u8).range(1..=100))]
    pub jpeg_quality: Option<u8>,

    /// Write every object on its own with a classic cross-reference table
    /// (PDF 1.4 style) instead of packing them into compressed object
    /// streams, for tools that cannot read object streams.
    #[arg(long)]
    pub plain_pdf: bool,

    /// Leave out the structure tree and marked content that make the PDF
    /// readable by screen readers (written by default): a smaller file.
    #[arg(long)]
    pub no_tags: bool,

    /// Claim a PDF standard. `ua-1`: PDF/UA-1 (accessible PDF), which needs
    /// an `alt` on every image (`alt: ""` for a decorative one).
    #[arg(long, value_enum, value_name = "STANDARD", conflicts_with = "no_tags")]
    pub pdf_standard: Option<PdfStandardArg>,

    /// Build, then build again whenever the deck or a file it names changes,
    /// until Ctrl-C. A failed build keeps the last good PDF.
    #[arg(short, long)]
    pub watch: bool,

    /// Use no installed fonts: font families only from `theme.font_paths`
    /// and DECKGEN_FONT_PATH, no automatic fallback. The PDF then depends
    /// only on the deck and the files it names.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// Where font families are looked for: the machine's fonts unless
/// `no_system_fonts`, and the folders in `DECKGEN_FONT_PATH`.
pub(super) fn font_sources(no_system_fonts: bool) -> FontSources {
    FontSources {
        system_fonts: !no_system_fonts,
        folders: std::env::var_os("DECKGEN_FONT_PATH")
            .map(|value| split_font_path(&value))
            .unwrap_or_default(),
    }
}

/// `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum PaperArg {
    A4,
    Letter,
}

/// `--pdf-standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum PdfStandardArg {
    /// PDF/UA-1 (ISO 14289-1).
    #[value(name = "ua-1")]
    Ua1,
}

/// `--jpeg-quality` when not given.
const JPEG_QUALITY: u8 = 90;

/// Reads `--handout N`: one of the sizes a handout sheet holds.
fn handout_size(value: &str) -> Result<usize, String> {
    value
        .parse()
        .ok()
        .filter(|n| HANDOUT_SIZES.contains(n))
        .ok_or_else(|| {
            let sizes: Vec<String> = HANDOUT_SIZES.iter().map(usize::to_string).collect();
            let (last, rest) = sizes.split_last().expect("handouts have sizes");
            format!(
                "a handout holds {} or {last} slides to a sheet",
                rest.join(", ")
            )
        })
}

impl BuildArgs {
    /// Whether the PDF is tagged, and whether it claims PDF/UA-1.
    fn tagging(&self) -> Tagging {
        match (self.no_tags, self.pdf_standard) {
            (_, Some(PdfStandardArg::Ua1)) => Tagging::Ua1,
            (true, None) => Tagging::Untagged,
            (false, None) => Tagging::Tagged,
        }
    }

    /// What the arguments ask to make.
    fn output(&self) -> Output {
        let paper = match self.paper {
            Some(PaperArg::Letter) => Paper::Letter,
            Some(PaperArg::A4) | None => Paper::A4,
        };
        let layout = match (self.handout, self.notes_pages) {
            (Some(per_page), _) => PaperLayout::Handout(per_page),
            (None, true) => PaperLayout::NotesPages,
            (None, false) => {
                return Output::Slides {
                    steps: !self.no_steps,
                }
            }
        };
        Output::Paper {
            layout,
            paper,
            skip_dividers: self.handout_skip_dividers,
        }
    }
}

/// Up to the last second of the year 9999, the latest date a PDF can hold.
const EPOCHS: std::ops::RangeInclusive<i64> = 0..=253_402_300_799;

/// Builds once, or watches with `--watch`.
pub(super) fn main(args: &BuildArgs, quiet: bool) -> ExitCode {
    let fixed_date = match fixed_date(args) {
        Ok(date) => date,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let build = Build {
        args,
        deck: args
            .deck
            .as_deref()
            .expect("clap requires a deck unless a subcommand is given"),
        fixed_date,
    };
    if args.watch {
        return watch::main(&build, quiet);
    }
    let mut diagnostics = Diagnostics::new();
    let bar = Bar::start(!quiet);
    let outcome = build.run(&mut diagnostics, &bar);
    bar.finish();
    report::print(&diagnostics, Shown::on_stderr(quiet, false));
    match outcome.written {
        Some(written) => {
            if !quiet {
                eprintln!("{}", written.summary(&diagnostics));
                if let Some(line) = notes_line(build.deck, &diagnostics) {
                    eprintln!("{line}");
                }
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("deckgen: {}; no PDF written", problems(&diagnostics));
            ExitCode::from(1)
        }
    }
}

/// After a Markdown deck's build: how many notes `check` would show (the
/// Marp and Pandoc features deckgen leaves out, among them), so a plain
/// build does not hide them. YAML decks' notes stay `check`'s alone.
fn notes_line(deck: &Path, diagnostics: &Diagnostics) -> Option<String> {
    let notes = diagnostics.count(Severity::Note);
    (crate::markdown::is_markdown(deck) && notes > 0).then(|| {
        format!(
            "{}; run `deckgen check {}` to see {}",
            counted(notes, "note"),
            deck.display(),
            if notes == 1 { "it" } else { "them" }
        )
    })
}

/// "2 errors, 1 warning".
pub(super) fn problems(diagnostics: &Diagnostics) -> String {
    listed(&[
        counted(diagnostics.count(Severity::Error), "error"),
        counted(diagnostics.count(Severity::Warning), "warning"),
    ])
}

/// The build date: `--source-date-epoch`, else `SOURCE_DATE_EPOCH`, else
/// `None` for the time of each build.
fn fixed_date(args: &BuildArgs) -> Result<Option<i64>, String> {
    if let Some(seconds) = args.source_date_epoch {
        return Ok(Some(seconds));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|seconds| EPOCHS.contains(seconds))
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "SOURCE_DATE_EPOCH must be whole seconds from {} to {} (got `{value}`)",
                    EPOCHS.start(),
                    EPOCHS.end()
                )
            }),
        _ => Ok(None),
    }
}

/// One deck to build, as the command line asks.
pub(super) struct Build<'a> {
    args: &'a BuildArgs,
    pub deck: &'a Path,
    fixed_date: Option<i64>,
}

/// What one build did.
pub(super) struct Outcome {
    /// Every file the deck names, read or not (see [`crate::Checked`]).
    pub inputs: Vec<PathBuf>,
    /// `None` when the build failed and wrote nothing.
    pub written: Option<Written>,
}

/// What a successful build wrote.
pub(super) struct Written {
    pub pdf: PathBuf,
    pub pages: usize,
    pub bytes: u64,
    pub pdfpc: Option<PathBuf>,
}

impl Written {
    /// "wrote talk.pdf (12 pages, 340 KB) and talk.pdfpc, 1 warning".
    pub fn summary(&self, diagnostics: &Diagnostics) -> String {
        let notes = self
            .pdfpc
            .as_ref()
            .map_or_else(String::new, |path| format!(" and {}", path.display()));
        let written = format!(
            "wrote {} ({}, {}){notes}",
            self.pdf.display(),
            counted(self.pages, "page"),
            human_size(self.bytes)
        );
        listed(&[
            written,
            counted(diagnostics.count(Severity::Warning), "warning"),
        ])
    }
}

impl Build<'_> {
    /// The PDF this build writes.
    pub fn output(&self) -> PathBuf {
        self.args
            .output
            .clone()
            .unwrap_or_else(|| default_output(self.deck, self.args.output()))
    }

    /// Builds and writes the PDF and, with notes, its `.pdfpc` file.
    pub fn run(&self, diagnostics: &mut Diagnostics, progress: &dyn Progress) -> Outcome {
        let limits = Limits {
            max_image_pixels: self.args.pixel_limit.pixels(),
            access: match self.args.tagging() {
                Tagging::Ua1 => Access::Ua1,
                Tagging::Untagged | Tagging::Tagged => Access::Quiet,
            },
        };
        let sources = font_sources(self.args.no_system_fonts);
        let Checked { inputs, laid_out } =
            crate::check(self.deck, &limits, &sources, diagnostics, progress);
        let written =
            laid_out.and_then(|laid_out| self.write(laid_out, &inputs, diagnostics, progress));
        Outcome { inputs, written }
    }

    fn write(
        &self,
        laid_out: LaidOut,
        inputs: &[PathBuf],
        diagnostics: &mut Diagnostics,
        progress: &dyn Progress,
    ) -> Option<Written> {
        let output = self.output();
        let options = Options {
            output: self.args.output(),
            pdf: PdfOptions {
                creator: format!("deckgen {}", env!("CARGO_PKG_VERSION")),
                timestamp: self.fixed_date.unwrap_or_else(now),
                fullscreen: self.args.fullscreen,
                notes_annotations: self.args.notes_annotations,
                layout: if self.args.plain_pdf {
                    FileLayout::Plain
                } else {
                    FileLayout::Compact
                },
                tagging: self.args.tagging(),
            },
            max_ppi: self.args.max_ppi,
            jpeg_quality: self.args.jpeg_quality.unwrap_or(JPEG_QUALITY),
            grayscale: self.args.grayscale,
        };
        let built = crate::write_pdf(laid_out, &options, diagnostics, progress)?;
        // pdfpc finds a PDF's notes under the same name with `.pdfpc` for `.pdf`.
        let pdfpc = built
            .pdfpc
            .as_ref()
            .filter(|_| !self.args.no_pdfpc)
            .map(|json| (output.with_extension("pdfpc"), json.as_bytes()));
        let mut files = vec![OutputFile {
            path: output.clone(),
            what: "the PDF",
            bytes: &built.pdf,
        }];
        if let Some((path, bytes)) = &pdfpc {
            files.push(OutputFile {
                path: path.clone(),
                what: "the pdfpc notes",
                bytes,
            });
        }
        for file in &files {
            if inputs.iter().any(|input| same_file(input, &file.path)) {
                let message = format!(
                    "refusing to overwrite an input of this deck with {}",
                    file.what
                );
                diagnostics.error(&file.path, None, message);
                return None;
            }
        }
        if self.args.output.is_none() {
            if let Some(folder) = output.parent() {
                if let Err(err) = std::fs::create_dir_all(folder) {
                    let message = format!("cannot create the output folder ({})", io_reason(&err));
                    diagnostics.error(folder, None, message);
                    return None;
                }
            }
        }
        if let Err((path, message)) = write_atomically(&files) {
            diagnostics.error(&path, None, message);
            return None;
        }
        Some(Written {
            pdf: output,
            pages: built.pages,
            bytes: built.pdf.len() as u64,
            pdfpc: pdfpc.map(|(path, _)| path),
        })
    }
}

/// Seconds since 1970, now.
fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// One file a run writes.
pub(super) struct OutputFile<'a> {
    pub(super) path: PathBuf,
    /// What it is, for messages: "the PDF".
    pub(super) what: &'static str,
    pub(super) bytes: &'a [u8],
}

/// `out/<stem>.pdf` in the deck's folder; `<stem>-handout.pdf` and
/// `<stem>-notes.pdf` for paper, so printing never replaces the slides.
fn default_output(deck: &Path, output: Output) -> PathBuf {
    let mut name = deck
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_os_string());
    name.push(match output {
        Output::Slides { .. } => "",
        Output::Paper {
            layout: PaperLayout::Handout(_),
            ..
        } => "-handout",
        Output::Paper {
            layout: PaperLayout::NotesPages,
            ..
        } => "-notes",
    });
    // Appended, not `with_extension`, so `talk.v2.yaml` gives `talk.v2.pdf`.
    name.push(".pdf");
    // Beside a bare `talk.yaml`, the parent is empty and the path stays `out/talk.pdf`.
    deck.parent()
        .unwrap_or(Path::new(""))
        .join("out")
        .join(name)
}

/// Writes each file to a temporary file beside it, then renames them all
/// into place: readers see the old files or the new ones, never half of
/// one, and nothing is renamed unless every file was written whole.
pub(super) fn write_atomically(files: &[OutputFile]) -> Result<(), (PathBuf, String)> {
    let mut written = Vec::new();
    for file in files {
        let temp = write_temporary(file).map_err(|message| (file.path.clone(), message))?;
        written.push((file, temp));
    }
    for (file, temp) in written {
        temp.persist(&file.path).map_err(|err| {
            let message = format!("cannot write {} ({})", file.what, io_reason(&err.error));
            (file.path.clone(), message)
        })?;
    }
    Ok(())
}

/// `file`'s bytes in a temporary file in its folder, synced to disk.
fn write_temporary(file: &OutputFile) -> Result<tempfile::NamedTempFile, String> {
    let folder = crate::folder_of(&file.path);
    if !folder.is_dir() {
        return Err(format!(
            "the output folder `{}` does not exist",
            folder.display()
        ));
    }
    let fail = |err: std::io::Error| format!("cannot write {} ({})", file.what, io_reason(&err));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".deckgen-").suffix(".tmp");
    // Temporary files are private by default; output gets the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(fail)?;
    temp.write_all(file.bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(temp)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
