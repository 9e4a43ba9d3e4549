//! The command line: arguments, exit codes, printing problems, and writing
//! the PDF atomically so a failed run never leaves a broken or clobbered file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;

use crate::diag::io_reason;
use crate::diag::{Diagnostics, Severity};
use crate::layout::{Paper, PaperLayout, HANDOUT_SIZES};
use crate::model::MAX_PPI;
use crate::pdf::PdfOptions;
use crate::Output;

/// Turn a YAML deck definition into a PDF slide deck.
#[derive(Debug, Parser)]
#[command(name = "deckgen", version, about)]
#[command(group = clap::ArgGroup::new("paper_output").args(["handout", "notes_pages"]))]
struct Args {
    /// The deck file (YAML).
    deck: PathBuf,

    /// Where to write the PDF [default: out/<deck name>.pdf in the deck's folder].
    #[arg(short, long, value_name = "OUT.pdf")]
    output: Option<PathBuf>,

    /// Date the PDF with this Unix time instead of now; the same inputs then
    /// give a byte-identical PDF. Also read from SOURCE_DATE_EPOCH (an empty
    /// value counts as unset).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(i64).range(EPOCHS))]
    source_date_epoch: Option<i64>,

    /// Make the PDF open in full-screen mode (as `theme.present.fullscreen: true` does).
    #[arg(long, conflicts_with = "paper_output")]
    fullscreen: bool,

    /// Do not write OUT.pdfpc, the speaker notes for the pdfpc presenter console
    /// (written beside the PDF when any slide has notes).
    #[arg(long)]
    no_pdfpc: bool,

    /// Also put each slide's notes on its page as a PDF Text annotation
    /// (pdfpc and pympress read these as notes).
    #[arg(long, conflicts_with = "paper_output")]
    notes_annotations: bool,

    /// Print a handout with N slides to a sheet (1, 2, 3, 4, 6 or 9; 3 adds
    /// lines for notes) [default output: out/<deck name>-handout.pdf].
    #[arg(long, value_name = "N", value_parser = handout_size)]
    handout: Option<usize>,

    /// Print notes pages: each slide above its speaker notes
    /// [default output: out/<deck name>-notes.pdf].
    #[arg(long)]
    notes_pages: bool,

    /// The paper for --handout and --notes-pages.
    #[arg(long, value_enum, default_value_t = PaperArg::A4, requires = "paper_output")]
    paper: PaperArg,

    /// Leave the title slide, the agenda and the section dividers off the
    /// handout or notes pages.
    #[arg(long, requires = "paper_output")]
    handout_skip_dividers: bool,

    /// Resample images sharper than this many pixels per inch at the size
    /// they are shown (overrides the deck's `theme.max_ppi`). Without it,
    /// every image is embedded as it is.
    #[arg(long, value_name = "PPI", value_parser = clap::value_parser!(u32)
        .range(i64::from(*MAX_PPI.start())..=i64::from(*MAX_PPI.end())))]
    max_ppi: Option<u32>,

    /// JPEG quality (1-100) for photos that --max-ppi resamples.
    #[arg(long, value_name = "Q", default_value_t = 90, value_parser = clap::value_parser!(u8).range(1..=100))]
    jpeg_quality: u8,
}

/// `--paper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

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

impl Args {
    /// What the arguments ask to make.
    fn output(&self) -> Output {
        let paper = match self.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        };
        let layout = match (self.handout, self.notes_pages) {
            (Some(per_page), _) => PaperLayout::Handout(per_page),
            (None, true) => PaperLayout::NotesPages,
            (None, false) => return Output::Slides,
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

/// The build date: `--source-date-epoch`, else `SOURCE_DATE_EPOCH`, else now.
fn build_date(args: &Args) -> Result<i64, String> {
    if let Some(seconds) = args.source_date_epoch {
        return Ok(seconds);
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.trim().is_empty() => value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|seconds| EPOCHS.contains(seconds))
            .ok_or_else(|| {
                format!(
                    "SOURCE_DATE_EPOCH must be whole seconds from {} to {} (got `{value}`)",
                    EPOCHS.start(),
                    EPOCHS.end()
                )
            }),
        _ => Ok(SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64)),
    }
}

/// Runs deckgen: 0 on success, 1 when the deck, its files or the output are
/// wrong, 2 for a usage error (clap exits with 2 itself).
pub fn main() -> ExitCode {
    let args = Args::parse();
    let timestamp = match build_date(&args) {
        Ok(timestamp) => timestamp,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut diagnostics = Diagnostics::new();
    let written = run(&args, timestamp, &mut diagnostics);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for diagnostic in diagnostics.sorted() {
        let _ = writeln!(err, "{diagnostic}");
    }
    let warnings = match counted(diagnostics.count(Severity::Warning), "warning") {
        none if none.is_empty() => none,
        some => format!(", {some}"),
    };
    match written {
        Some(Written {
            pdf,
            pages,
            bytes,
            pdfpc,
        }) => {
            let size = human_size(bytes);
            let notes = pdfpc.map_or_else(String::new, |path| format!(" and {}", path.display()));
            let _ = writeln!(
                err,
                "wrote {} ({pages} pages, {size}){notes}{warnings}",
                pdf.display()
            );
            ExitCode::SUCCESS
        }
        None => {
            let errors = counted(diagnostics.count(Severity::Error), "error");
            let _ = writeln!(err, "deckgen: {errors}{warnings}; no PDF written");
            ExitCode::from(1)
        }
    }
}

/// What a successful run wrote.
struct Written {
    pdf: PathBuf,
    pages: usize,
    bytes: usize,
    pdfpc: Option<PathBuf>,
}

/// Builds and writes the PDF and, with notes, its `.pdfpc` file.
fn run(args: &Args, timestamp: i64, diagnostics: &mut Diagnostics) -> Option<Written> {
    let kind = args.output();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.deck, kind));
    let options = crate::Options {
        output: kind,
        pdf: PdfOptions {
            creator: format!("deckgen {}", env!("CARGO_PKG_VERSION")),
            timestamp,
            fullscreen: args.fullscreen,
            notes_annotations: args.notes_annotations,
        },
        max_ppi: args.max_ppi,
        jpeg_quality: args.jpeg_quality,
    };
    let built = crate::build(&args.deck, &options, diagnostics)?;
    // pdfpc finds a PDF's notes under the same name with `.pdfpc` for `.pdf`.
    let pdfpc = built
        .pdfpc
        .as_ref()
        .filter(|_| !args.no_pdfpc)
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
        if built
            .inputs
            .iter()
            .any(|input| same_file(input, &file.path))
        {
            let message = format!(
                "refusing to overwrite an input of this deck with {}",
                file.what
            );
            diagnostics.error(&file.path, None, message);
            return None;
        }
    }
    if args.output.is_none() {
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
        bytes: built.pdf.len(),
        pdfpc: pdfpc.map(|(path, _)| path),
    })
}

/// One file a run writes.
struct OutputFile<'a> {
    path: PathBuf,
    /// What it is, for messages: "the PDF".
    what: &'static str,
    bytes: &'a [u8],
}

/// `out/<stem>.pdf` in the deck's folder; `<stem>-handout.pdf` and
/// `<stem>-notes.pdf` for paper, so printing never replaces the slides.
fn default_output(deck: &Path, output: Output) -> PathBuf {
    let mut name = deck
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_os_string());
    name.push(match output {
        Output::Slides => "",
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
fn write_atomically(files: &[OutputFile]) -> Result<(), (PathBuf, String)> {
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

fn counted(count: usize, noun: &str) -> String {
    match count {
        0 => String::new(),
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
