//! `deckgen DECK.yaml`'s command-line arguments, and what they ask for:
//! the output, the tagging, the fonts and the build date.

use std::path::PathBuf;

use clap::Args;

use crate::layout::{Paper, PaperLayout, HANDOUT_SIZES};
use crate::model::MAX_PPI;
use crate::pdf::Tagging;
use crate::text::{split_font_path, FontSources};
use crate::Output;

use super::{Downloads, PixelLimit};

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

    #[command(flatten)]
    pub downloads: Downloads,

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
pub(super) const JPEG_QUALITY: u8 = 90;

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
    pub(super) fn tagging(&self) -> Tagging {
        match (self.no_tags, self.pdf_standard) {
            (_, Some(PdfStandardArg::Ua1)) => Tagging::Ua1,
            (true, None) => Tagging::Untagged,
            (false, None) => Tagging::Tagged,
        }
    }

    /// What the arguments ask to make.
    pub(super) fn output(&self) -> Output {
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
/// The build date: `--source-date-epoch`, else `SOURCE_DATE_EPOCH`, else
/// `None` for the time of each build.
pub(super) fn fixed_date(args: &BuildArgs) -> Result<Option<i64>, String> {
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
