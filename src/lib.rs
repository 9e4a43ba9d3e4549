//! deckgen turns a YAML deck definition into a PDF slide deck.
//!
//! The pipeline, each stage a module:
//!
//! ```text
//! deck.yaml ─► source ─► model (validate) ─► text, image (load) ─► layout ─► image (resample) ─► frame::Document ─► pdf ─► bytes
//!                  └──────── diag::Diagnostics: every problem, with FILE:LINE:COLUMN ────────► cli prints
//! ```
//!
//! Only the edges touch the world: `cli` (arguments, clock, writing the PDF),
//! `source` (reading the deck) and the loaders in `text` and `image`. Layout
//! and the PDF writer are pure functions of their inputs.
#![forbid(unsafe_code)]

pub mod cli;
pub mod color;
pub mod date;
pub mod diag;
pub mod frame;
pub mod geom;
pub mod image;
pub mod layout;
pub mod model;
pub mod parallel;
pub mod pdf;
pub mod pdfpc;
pub mod source;
pub mod suggest;
pub mod text;

use std::path::{Path, PathBuf};

use diag::Diagnostics;

/// The folder holding `path`: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Choices the caller makes about a build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Slides, or slides on paper.
    pub output: Output,
    pub pdf: pdf::PdfOptions,
    /// `--max-ppi`; overrides the deck's `theme.max_ppi`. Without either,
    /// no image is resampled.
    pub max_ppi: Option<u32>,
    /// `--jpeg-quality` for resampled photos.
    pub jpeg_quality: u8,
}

/// A finished build: the PDF's bytes and what went into it.
#[derive(Debug)]
pub struct Built {
    pub pdf: Vec<u8>,
    /// The `.pdfpc` presenter file, when any slide has notes.
    pub pdfpc: Option<String>,
    pub pages: usize,
    /// Every file the build read: the deck, its images and fonts.
    pub inputs: Vec<PathBuf>,
}

/// What to make of a deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The slides, one per page.
    Slides,
    /// The slides on sheets of paper: a handout or notes pages.
    Paper {
        layout: layout::PaperLayout,
        paper: layout::Paper,
        /// Leave out the title slide, the agenda and the dividers.
        skip_dividers: bool,
    },
}

/// Builds the deck in `deck_file` (a path as the user gave it). Every problem
/// goes into `diagnostics`; returns `None` when any of them is an error.
pub fn build(deck_file: &Path, options: &Options, diagnostics: &mut Diagnostics) -> Option<Built> {
    let text = source::read(deck_file, diagnostics)?;
    let deck = model::parse_and_validate(&text, deck_file, folder_of(deck_file), diagnostics)?;
    let fonts = text::FontSet::load(
        deck.theme.font.as_ref(),
        deck.theme.bold_font.as_ref(),
        deck_file,
        diagnostics,
    );
    let image_files: Vec<&diag::FileRef> = deck
        .sections
        .iter()
        .flat_map(|section| &section.slides)
        .filter_map(|slide| slide.image.as_ref())
        .collect();
    let mut images = image::ImageStore::load(image_files.iter().copied(), deck_file, diagnostics);
    // Validation and loading report everything they find before we give up.
    let fonts = fonts?;
    if diagnostics.has_errors() {
        return None;
    }
    let slides = layout::layout(&deck, &fonts, &images, diagnostics);
    if let Some(max_ppi) = options.max_ppi.or(deck.theme.max_ppi) {
        let settings = image::Resample {
            max_ppi,
            jpeg_quality: options.jpeg_quality,
        };
        // Slides show each image at least as large as paper does.
        let placements = slides.largest_placements();
        images.resample(&placements, settings, deck_file, diagnostics);
        if diagnostics.has_errors() {
            return None;
        }
    }
    let pdfpc = pdfpc::pdfpc_file(&slides, deck.duration);
    let (document, pdfpc) = match options.output {
        Output::Slides => (slides, pdfpc),
        Output::Paper {
            layout: paper_layout,
            paper,
            skip_dividers,
        } => {
            let paper_options = layout::PaperOptions {
                paper,
                skip_dividers,
                date: Some(deck.meta.date.as_ref().map_or_else(
                    || date::iso_date(options.pdf.timestamp),
                    |date| date.text.clone(),
                )),
            };
            if layout::kept_pages(&slides.pages, &paper_options).is_empty() {
                let message =
                    "no slides to print: the deck has only a title slide, an agenda and dividers";
                diagnostics.error(deck_file, None, message);
                return None;
            }
            let sheets = layout::on_paper(
                &slides,
                &deck,
                &fonts,
                &images,
                paper_layout,
                &paper_options,
                diagnostics,
            );
            (sheets, None)
        }
    };
    let pdf = match pdf::write(&document, &fonts, images, &options.pdf) {
        Ok(pdf) => pdf,
        Err(err) => {
            diagnostics.error(deck_file, None, err.to_string());
            return None;
        }
    };
    let mut inputs = vec![deck_file.to_path_buf()];
    inputs.extend(image_files.iter().map(|file| file.path.clone()));
    inputs.extend(
        [&deck.theme.font, &deck.theme.bold_font]
            .into_iter()
            .flatten()
            .map(|file| file.path.clone()),
    );
    Some(Built {
        pdf,
        pdfpc,
        pages: document.pages.len(),
        inputs,
    })
}
