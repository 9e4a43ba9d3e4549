//! deckgen turns a YAML or Markdown deck definition into a PDF slide deck.
//!
//! The pipeline, each stage a module:
//!
//! ```text
//! deck.yaml ─► source ─► model (validate) ─► text, image (load) ─► layout ─► frame::Document ─► pdf ─► bytes
//!                  └──────── diag::Diagnostics: every problem, with FILE:LINE:COLUMN ────────► cli prints
//! ```
//!
//! Only the edges touch the world: `cli` (arguments, clock, writing the PDF),
//! `source` (reading the deck) and the loaders in `text` and `image`. Layout
//! and the PDF writer are pure functions of their inputs.
#![forbid(unsafe_code)]

pub mod access;
pub mod body;
pub mod cli;
pub mod color;
pub mod content_key;
pub mod date;
pub mod diag;
pub mod files;
pub mod frame;
pub mod geom;
pub mod image;
pub mod layout;
pub mod markdown;
pub mod math;
pub mod model;
pub mod parallel;
pub mod pdf;
pub mod pdfpc;
pub mod preflight;
pub mod source;
pub mod suggest;
mod svg2pdf;
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

/// Told of each step of a build, for a progress bar.
pub trait Progress {
    /// The build has `steps` steps in all.
    fn steps(&self, steps: usize);
    /// One more step starts: `what` it does.
    fn step(&self, what: &str);
}

/// No progress to show.
impl Progress for () {
    fn steps(&self, _: usize) {}
    fn step(&self, _: &str) {}
}

/// A deck read, validated, its files loaded and its pages laid out:
/// everything a build has before it writes the PDF.
#[derive(Debug)]
pub struct LaidOut {
    pub deck: model::Deck,
    pub fonts: text::FontSet,
    pub images: image::ImageStore,
    pub document: frame::Document,
}

/// What a build refuses before it costs time or memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Images of more pixels are refused before they are decoded: the
    /// command line's limit, over the deck's `theme.max_megapixels`, over
    /// [`image::MAX_PIXELS`].
    pub max_image_pixels: Option<u64>,
    /// What is asked of the deck for readers who cannot see it.
    pub access: access::Access,
    /// Whether `https://` pictures may be downloaded (`--offline`).
    pub network: image::Network,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_image_pixels: None,
            access: access::Access::Quiet,
            network: image::Network::Online,
        }
    }
}

/// What checking a deck found.
#[derive(Debug)]
pub struct Checked {
    /// Every file the deck names, read or not: the deck, its images and
    /// fonts. Only the deck when the deck cannot be read.
    pub inputs: Vec<PathBuf>,
    /// `None` when any problem is an error.
    pub laid_out: Option<LaidOut>,
}

/// Checks the deck in `deck_file` (a path as the user gave it) as far as a
/// build goes without writing the PDF: the YAML, keys and values, every
/// image and font, and the layout of every page. Every problem goes into
/// `diagnostics`, each in the deck file named with its slide. `fonts` says
/// where font families are looked for (the deck's `font_paths` come first).
pub fn check(
    deck_file: &Path,
    limits: &Limits,
    fonts: &text::FontSources,
    diagnostics: &mut Diagnostics,
    progress: &dyn Progress,
) -> Checked {
    let mut inputs = vec![deck_file.to_path_buf()];
    let Some(text) = source::read(deck_file, diagnostics) else {
        return Checked {
            inputs,
            laid_out: None,
        };
    };
    body::warm_up_highlighting(&text);
    let laid_out = validate_and_lay_out(
        &text,
        deck_file,
        (limits, fonts),
        &mut inputs,
        diagnostics,
        progress,
    );
    // Finding slides reads the deck once more: only when a problem needs it.
    if diagnostics.points_into(deck_file) {
        if markdown::is_markdown(deck_file) {
            let places = markdown::MarkdownSlideStarts::read(&text, deck_file);
            diagnostics.place_on_slides(deck_file, |span| places.place_of(span));
        } else {
            let places = model::SlideStarts::read(&text);
            diagnostics.place_on_slides(deck_file, |span| places.place_of(span));
        }
    }
    Checked { inputs, laid_out }
}

fn validate_and_lay_out(
    text: &str,
    deck_file: &Path,
    (limits, sources): (&Limits, &text::FontSources),
    inputs: &mut Vec<PathBuf>,
    diagnostics: &mut Diagnostics,
    progress: &dyn Progress,
) -> Option<LaidOut> {
    let mut deck = read_deck(text, deck_file, diagnostics)?;
    access::check(&deck, limits.access, diagnostics);
    let code = deck.code_to_highlight();
    let image_files: Vec<&diag::FileRef> = deck.image_files().collect();
    let theme = deck.theme();
    let font_choices = [theme.font(), theme.bold_font(), theme.mono_font()];
    inputs.extend(deck.theme().files().iter().cloned());
    let local_images = image_files.iter().filter(|file| image::is_local(file));
    inputs.extend(local_images.map(|file| file.path.clone()));
    inputs.extend(
        font_choices
            .into_iter()
            .flatten()
            .filter_map(|choice| match choice {
                model::FontChoice::File(file) => Some(file.path.clone()),
                model::FontChoice::Family { .. } => None,
            }),
    );
    // Fonts, each image, the layout and the PDF.
    progress.steps(image_files.len() + 3);
    progress.step("loading fonts");
    // The pictures text stands on, measured as they load for the contrast
    // check (raster ones: a vector figure is not decoded to pixels).
    let slides = deck.sections().iter().flat_map(|section| section.slides());
    let under_text: Vec<&diag::FileRef> = slides
        .filter_map(|slide| slide.background_image())
        .collect();
    let max_pixels = limits
        .max_image_pixels
        .or(deck.theme().max_pixels())
        .unwrap_or(image::MAX_PIXELS);
    // The images load, and the code is highlighted, on other threads while
    // this one loads the fonts: none needs the others (a figure's text
    // waits for the fonts, in `into_store`).
    let (fonts, loaded, highlighted) = std::thread::scope(|scope| {
        let highlighting = scope.spawn(|| code.highlight());
        let loading = scope.spawn(|| {
            image::ImageStore::load(image_files.clone(), &under_text, limits.network, max_pixels)
        });
        let fonts = load_fonts(&deck, sources, diagnostics);
        for file in &image_files {
            progress.step(&format!("loading {}", file.written));
        }
        (fonts, joined(loading), joined(highlighting))
    });
    let figure_fonts = image::FontFiles(
        fonts
            .as_ref()
            .unwrap_or(&text::FontSet::builtin())
            .own_faces()
            .map(|face| (face.shared_bytes(), face.index()))
            .collect(),
    );
    let images = loaded.into_store(&figure_fonts, diagnostics);
    deck.put_highlighted(highlighted);
    // Validation and loading report everything they find before we give up.
    let fonts = fonts?;
    if diagnostics.has_errors() {
        return None;
    }
    progress.step("laying out pages");
    let document = layout::layout(&deck, &fonts, &images, diagnostics);
    Some(LaidOut {
        deck,
        fonts,
        images,
        document,
    })
}

/// What `thread` gave, or its panic, passed on.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The faces `deck` names, or the built-in ones, with installed fonts for
/// what they lack when `sources` allows them; `None` when a named font
/// cannot be used (reported in `diagnostics`).
fn load_fonts(
    deck: &model::Deck,
    sources: &text::FontSources,
    diagnostics: &mut Diagnostics,
) -> Option<text::FontSet> {
    let theme = deck.theme();
    let mut sources = sources.clone();
    let deck_folders = theme.font_paths().iter().map(|f| f.path.clone());
    sources.folders = deck_folders.chain(sources.folders).collect();
    let mut library = text::FontLibrary::new(&sources);
    let names = text::DeckFonts {
        regular: theme.font().map(font_name),
        bold: theme.bold_font().map(font_name),
        mono: theme.mono_font().map(font_name),
    };
    let deck_file = deck.file();
    text::FontSet::load(names, &mut library, deck_file, diagnostics).map(|mut fonts| {
        if sources.system_fonts {
            let language = deck.meta().language().unwrap_or("en");
            fonts.fill_gaps(deck.texts(), language, &mut library, deck_file, diagnostics);
        }
        fonts
    })
}

/// The YAML deck Markdown deck `deck_file` stands for, headed by a
/// comment naming it; `None` when the deck has errors (in `diagnostics`).
pub fn import_markdown(deck_file: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    if !markdown::is_markdown(deck_file) {
        let message = "`deckgen import` reads Markdown decks (`.md` or `.markdown`)";
        diagnostics.error(deck_file, None, message);
        return None;
    }
    let text = source::read(deck_file, diagnostics)?;
    let raw = markdown::read(&text, deck_file, diagnostics)?;
    let name = deck_file.file_name().map_or_else(
        || deck_file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // Written before validation takes the raw deck, kept only if it is valid.
    let yaml = markdown::to_yaml(&raw, &name);
    model::validate_raw(raw, deck_file, folder_of(deck_file), diagnostics);
    if diagnostics.has_errors() {
        return None;
    }
    match yaml {
        Ok(yaml) => Some(yaml),
        Err(err) => {
            diagnostics.error(
                deck_file,
                None,
                format!("cannot write the deck as YAML ({err})"),
            );
            None
        }
    }
}

/// Reads and validates deck `text`: a Markdown deck (`.md`, `.markdown`)
/// through the Markdown reader, any other as YAML; its code is left plain,
/// for the caller to highlight.
fn read_deck(text: &str, deck_file: &Path, diagnostics: &mut Diagnostics) -> Option<model::Deck> {
    let folder = folder_of(deck_file);
    if markdown::is_markdown(deck_file) {
        let raw = markdown::read(text, deck_file, diagnostics)?;
        Some(model::validate_raw(raw, deck_file, folder, diagnostics))
    } else {
        model::parse_and_validate_plain(text, deck_file, folder, diagnostics)
    }
}

/// The text layer's view of how the deck names a face.
fn font_name(choice: &model::FontChoice) -> text::FontName<'_> {
    match choice {
        model::FontChoice::File(file) => text::FontName::File(file),
        model::FontChoice::Family { name, span } => text::FontName::Family { name, span: *span },
    }
}

/// What to make of a deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The slides, one per page, or one page per step of a slide shown
    /// step by step unless `steps` is false (`--no-steps`).
    Slides { steps: bool },
    /// The slides on sheets of paper: a handout or notes pages.
    Paper {
        layout: layout::PaperLayout,
        paper: layout::Paper,
        /// Leave out the title slide, the agenda and the dividers.
        skip_dividers: bool,
    },
}

/// Choices the caller makes about the PDF a checked deck becomes.
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
    /// `--grayscale`: every colour and image gray, for cheap printing.
    pub grayscale: bool,
}

/// A finished build: the PDF's bytes and what went with it.
#[derive(Debug)]
pub struct Built {
    pub pdf: Vec<u8>,
    /// The `.pdfpc` presenter file, when any slide has notes (slides only).
    pub pdfpc: Option<String>,
    pub pages: usize,
}

/// Writes the PDF of a checked deck: images resampled as asked, the slides
/// or the slides on paper. A problem goes into `diagnostics`.
pub fn write_pdf(
    laid_out: LaidOut,
    options: &Options,
    diagnostics: &mut Diagnostics,
    progress: &dyn Progress,
) -> Option<Built> {
    progress.step("writing the PDF");
    let LaidOut {
        deck,
        fonts,
        mut images,
        document: mut slides,
    } = laid_out;
    let rework = image::Rework {
        max_ppi: options.max_ppi.or(deck.theme().max_ppi()),
        grayscale: options.grayscale,
        jpeg_quality: options.jpeg_quality,
    };
    if rework.asks_anything() {
        // Slides show each image at least as large as paper does.
        let placements = slides.largest_placements();
        images.rework(&placements, rework, deck.file(), diagnostics);
        if diagnostics.has_errors() {
            return None;
        }
        slides.use_current_images(&images);
    }
    let (mut document, pdfpc) = match options.output {
        Output::Slides { steps } => {
            let slides = if steps { slides } else { slides.whole_slides() };
            let pdfpc = pdfpc::pdfpc_file(&slides, deck.duration());
            (slides, pdfpc)
        }
        Output::Paper {
            layout: paper_layout,
            paper,
            skip_dividers,
        } => {
            let paper_options = layout::PaperOptions {
                paper,
                skip_dividers,
                date: Some(deck.meta().date().map_or_else(
                    || date::iso_date(options.pdf.timestamp),
                    |date| date.text.clone(),
                )),
            };
            // Paper shows each slide once, all of it.
            let slides = slides.whole_slides();
            if layout::kept_pages(&slides.pages, &paper_options).is_empty() {
                let message =
                    "no slides to print: the deck has only a title slide, an agenda and dividers";
                diagnostics.error(deck.file(), None, message);
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
    if options.grayscale {
        document.to_grayscale();
    }
    let pages = document.pages.len();
    // Everything is laid out: the deck and its fonts (the pages hold the
    // faces they draw with) need not stay while the file is written. The
    // pages hold the images they draw: with the store gone, each image's
    // data moves into the file rather than being copied.
    let file = deck.file().to_path_buf();
    drop(deck);
    drop(fonts);
    drop(images);
    match pdf::write(document, &options.pdf) {
        Ok(pdf) => Some(Built { pdf, pdfpc, pages }),
        Err(err) => {
            diagnostics.error(&file, None, err.to_string());
            None
        }
    }
}
