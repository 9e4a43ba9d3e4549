//! `deckgen DECK.yaml`: build the PDF once, write it with its `.pdfpc`
//! notes, and say what was written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::access::Access;
use crate::diag::{io_reason, Diagnostics, Severity};
use crate::pdf::{FileLayout, PdfOptions, Tagging};
use crate::{Checked, LaidOut, Limits, Options, Progress};

use super::args::{fixed_date, font_sources, BuildArgs, JPEG_QUALITY};
use super::output::{default_output, same_file, write_atomically, OutputFile};
use super::progress::Bar;
use super::report::{self, problems, Shown};
use super::{counted, human_size, listed};

/// Builds once, reports, and exits 0 if the PDF was written.
pub(super) fn once(build: &Build, quiet: bool) -> ExitCode {
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

impl<'a> Build<'a> {
    /// The build the arguments ask for, or why their build date is wrong.
    pub fn new(args: &'a BuildArgs) -> Result<Build<'a>, String> {
        Ok(Build {
            args,
            deck: args
                .deck
                .as_deref()
                .expect("clap requires a deck unless a subcommand is given"),
            fixed_date: fixed_date(args)?,
        })
    }

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
            network: self.args.downloads.network(),
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
