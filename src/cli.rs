//! The command line: arguments, exit codes, printing problems, and writing
//! the PDF atomically so a failed run never leaves a broken or clobbered file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;

use crate::diag::io_reason;
use crate::diag::{Diagnostics, Severity};
use crate::model::MAX_PPI;
use crate::pdf::PdfOptions;

/// Turn a YAML deck definition into a PDF slide deck.
#[derive(Debug, Parser)]
#[command(name = "deckgen", version, about)]
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
        Some((path, pages, bytes)) => {
            let size = human_size(bytes);
            let _ = writeln!(
                err,
                "wrote {} ({pages} pages, {size}){warnings}",
                path.display()
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

/// Builds and writes; returns the output path, page count and size.
fn run(
    args: &Args,
    timestamp: i64,
    diagnostics: &mut Diagnostics,
) -> Option<(PathBuf, usize, usize)> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.deck));
    let options = crate::Options {
        pdf: PdfOptions {
            creator: format!("deckgen {}", env!("CARGO_PKG_VERSION")),
            timestamp,
        },
        max_ppi: args.max_ppi,
        jpeg_quality: args.jpeg_quality,
    };
    let built = crate::build(&args.deck, &options, diagnostics)?;
    if built.inputs.iter().any(|input| same_file(input, &output)) {
        let message = "refusing to overwrite an input of this deck with the PDF";
        diagnostics.error(&output, None, message);
        return None;
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
    if let Err(message) = write_atomically(&output, &built.pdf) {
        diagnostics.error(&output, None, message);
        return None;
    }
    Some((output, built.pages, built.pdf.len()))
}

/// `out/<stem>.pdf` in the deck's folder.
fn default_output(deck: &Path) -> PathBuf {
    let mut name = deck
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_os_string());
    // Appended, not `with_extension`, so `talk.v2.yaml` gives `talk.v2.pdf`.
    name.push(".pdf");
    // Beside a bare `talk.yaml`, the parent is empty and the path stays `out/talk.pdf`.
    deck.parent()
        .unwrap_or(Path::new(""))
        .join("out")
        .join(name)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let folder = crate::folder_of(path);
    if !folder.is_dir() {
        return Err(format!(
            "the output folder `{}` does not exist",
            folder.display()
        ));
    }
    let fail = |err: std::io::Error| format!("cannot write the PDF ({})", io_reason(&err));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".deckgen-").suffix(".pdf.tmp");
    // Temporary files are private by default; a PDF gets the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
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
