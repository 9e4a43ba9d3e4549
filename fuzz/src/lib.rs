//! What both fuzz targets share: a scratch folder holding a deck, a good
//! picture and the bytes under test, and a build through deckgen's library.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use deckgen::diag::Diagnostics;
use deckgen::pdf::PdfOptions;
use deckgen::{Options, Output};

/// A deck that shows the file under test, for the image target.
const IMAGE_DECK: &str = "title: Fuzz\nsections:\n  - title: S\n    slides:\n      - caption: c\n        image: input.img\n";
/// A deck that shows the figure under test on a slide and as a pair's
/// second page, for the svg and pdf targets.
const FIGURE_DECK: &str = "title: Fuzz\nsections:\n  - title: S\n    slides:\n      - caption: c\n        image: input.fig\n      - layout: pair\n        images:\n          - input.fig\n          - a.png\n";

/// The scratch folder, made once per fuzzing process and reused.
pub struct Scratch {
    folder: PathBuf,
}

impl Scratch {
    pub fn get() -> &'static Scratch {
        static SCRATCH: OnceLock<Scratch> = OnceLock::new();
        SCRATCH.get_or_init(|| {
            let folder = std::env::temp_dir().join(format!("deckgen-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&folder).expect("make the scratch folder");
            // A real picture, so decks that name it get as far as layout.
            let picture =
                image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 90]));
            picture.save(folder.join("a.png")).expect("write a.png");
            std::fs::write(folder.join("image.yaml"), IMAGE_DECK).expect("write image.yaml");
            std::fs::write(folder.join("figure.yaml"), FIGURE_DECK).expect("write figure.yaml");
            Scratch { folder }
        })
    }

    /// Builds `bytes` as a deck file beside `a.png`.
    pub fn build_deck(&self, bytes: &[u8]) {
        let deck = self.folder.join("deck.yaml");
        std::fs::write(&deck, bytes).expect("write the deck");
        build(&deck, false);
    }

    /// Builds a deck that shows `bytes` as its image.
    pub fn build_image(&self, bytes: &[u8]) {
        std::fs::write(self.folder.join("input.img"), bytes).expect("write the image");
        build(&self.folder.join("image.yaml"), false);
    }

    /// Builds a deck that shows `bytes` as a vector figure (an SVG or a
    /// PDF, told by the bytes), in gray, which rewrites its content too.
    pub fn build_figure(&self, bytes: &[u8]) {
        std::fs::write(self.folder.join("input.fig"), bytes).expect("write the figure");
        build(&self.folder.join("figure.yaml"), true);
    }
}

fn build(deck: &Path, grayscale: bool) {
    let options = Options {
        output: Output::Slides,
        pdf: PdfOptions {
            creator: "deckgen fuzz".into(),
            timestamp: 0,
            fullscreen: false,
            notes_annotations: true,
            layout: Default::default(),
        },
        max_ppi: None,
        jpeg_quality: 90,
        grayscale,
    };
    let mut diagnostics = Diagnostics::new();
    if let Some(laid_out) = deckgen::check(deck, &Default::default(), &Default::default(), &mut diagnostics, &()).laid_out {
        let _ = deckgen::write_pdf(laid_out, &options, &mut diagnostics, &());
    }
}
