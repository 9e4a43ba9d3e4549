//! `deckgen check DECK.yaml`: every problem a build would report, and
//! notes a build keeps to itself, without writing a PDF; then the
//! preflight table of the deck's images.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diag::Diagnostics;
use crate::preflight::{preflight, Resolution};

use super::args::font_sources;
use super::progress::Bar;
use super::report::{self, problems, Shown};
use super::rows::{with_file_facts, Row};
use super::{check_json, counted, human_size, print_out, Downloads, PixelLimit};

/// What checking a deck takes.
#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// The deck file (YAML, or Markdown: `.md`).
    pub deck: PathBuf,

    /// Print the problems and the table as one JSON document on standard
    /// output, for CI, and nothing on standard error.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub pixel_limit: PixelLimit,

    #[command(flatten)]
    pub downloads: Downloads,

    /// Use no installed fonts, as a build with --no-system-fonts.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// Checks the deck and prints what was found; exits as a build would.
pub(super) fn main(args: &CheckArgs, quiet: bool) -> ExitCode {
    let mut diagnostics = Diagnostics::new();
    let bar = Bar::start(!quiet && !args.json);
    let limits = crate::Limits {
        max_image_pixels: args.pixel_limit.pixels(),
        access: crate::access::Access::Notes,
        network: args.downloads.network(),
    };
    let sources = font_sources(args.no_system_fonts);
    let checked = crate::check(&args.deck, &limits, &sources, &mut diagnostics, &bar);
    bar.finish();
    let laid_out = checked.laid_out.as_ref();
    let rows: Option<Vec<Row>> = laid_out.map(|laid_out| {
        let images = preflight(laid_out).into_iter();
        images.map(with_file_facts).collect()
    });
    let status = if diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        let pages = laid_out.map(|laid_out| laid_out.document.pages.len());
        let json = check_json::document(&args.deck, &diagnostics, pages, rows.as_deref());
        let printed = print_out(&format!("{json:#}\n"));
        return if printed == ExitCode::SUCCESS {
            status
        } else {
            printed
        };
    }
    report::print(&diagnostics, Shown::on_stderr(quiet, true));
    match (laid_out, rows) {
        (Some(laid_out), Some(rows)) => {
            if !quiet {
                let _ = print_out(&table(&rows));
                let pages = counted(laid_out.document.pages.len(), "page");
                let found = problems(&diagnostics);
                let found = if found.is_empty() {
                    String::new()
                } else {
                    format!(", {found}")
                };
                eprintln!(
                    "checked {} ({pages}{found}); no PDF written",
                    args.deck.display()
                );
            }
        }
        _ => eprintln!("deckgen: {}", problems(&diagnostics)),
    }
    status
}

/// The preflight table, columns aligned.
fn table(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "preflight: no images\n".to_string();
    }
    let header = [
        "image",
        "pages",
        "pixels",
        "format",
        "slide ppi",
        "6-up ppi",
        "",
    ];
    let mut lines: Vec<[String; 7]> = vec![header.map(String::from)];
    for row in rows {
        let image = &row.image;
        let pages: Vec<&str> = image.uses.iter().map(|used| used.page.as_str()).collect();
        let raster = match &image.resolution {
            Resolution::Raster(raster) => raster,
            Resolution::Vector { inside, .. } => {
                lines.push([
                    image.file.written.clone(),
                    pages.join(","),
                    "vector".into(),
                    row.image.format.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                for raster in inside {
                    lines.push([
                        "  image inside".into(),
                        String::new(),
                        format!("{}x{}", raster.width, raster.height),
                        String::new(),
                        format!("{:.0}", raster.slide_ppi),
                        format!("{:.0}", raster.print_ppi),
                        "at least (if it spans the figure)".into(),
                    ]);
                }
                continue;
            }
        };
        lines.push([
            image.file.written.clone(),
            pages.join(","),
            format!("{}x{}", raster.width, raster.height),
            row.image.format.to_string(),
            format!("{:.0}", raster.slide_ppi),
            format!("{:.0}", raster.print_ppi),
            row.remark(),
        ]);
    }
    let width = |column: usize| lines.iter().map(|line| line[column].chars().count()).max();
    let widths: Vec<usize> = (0..7).map(|column| width(column).unwrap_or(0)).collect();
    let mut out = format!(
        "preflight: {} image{}, ppi at the largest placement; 6-up is an A4 handout of six slides a page\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    for line in &lines {
        let mut text = String::new();
        for (column, cell) in line.iter().enumerate() {
            // Numbers right-aligned, text left-aligned.
            let _ = if (4..6).contains(&column) {
                write!(text, "{cell:>width$}  ", width = widths[column])
            } else {
                write!(text, "{cell:<width$}  ", width = widths[column])
            };
        }
        out += text.trim_end();
        out.push('\n');
    }
    out + &how_to_save(rows)
}

/// How to save the bytes the table shows can be saved: the `--max-ppi`
/// (or `theme.max_ppi`) whose resampling saves them; nothing when no
/// image is oversized.
fn how_to_save(rows: &[Row]) -> String {
    let saved: u64 = rows.iter().filter_map(Row::bytes_saved).sum();
    let needed = rows
        .iter()
        .find(|row| row.bytes_saved().is_some())
        .and_then(Row::raster);
    match needed {
        Some(raster) if saved > 0 => {
            let ppi = raster.needed_ppi.ceil();
            format!(
                "to save ~{}, build with `--max-ppi {ppi}` or set `max_ppi: {ppi}` under `theme:` (images are resampled as the PDF is written; the files stay as they are)\n",
                human_size(saved)
            )
        }
        _ => String::new(),
    }
}
