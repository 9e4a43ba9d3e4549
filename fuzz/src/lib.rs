//! What the fuzz targets share: a scratch folder holding a deck, a good
//! picture and the bytes under test, and a build through deckgen's library.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use deckgen::diag::Diagnostics;
use deckgen::pdf::{PdfOptions, Tagging};
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

    /// Builds `bytes` as a Markdown deck (Marp or Pandoc) beside `a.png`.
    pub fn build_markdown(&self, bytes: &[u8]) {
        let deck = self.folder.join("deck.md");
        std::fs::write(&deck, bytes).expect("write the deck");
        build(&deck, false);
    }

    /// Builds a deck whose slides carry `bytes` as their body (see
    /// [`deck_with_body`]).
    pub fn build_body(&self, bytes: &[u8]) {
        let deck = self.folder.join("body.yaml");
        std::fs::write(&deck, deck_with_body(&String::from_utf8_lossy(bytes)))
            .expect("write the deck");
        build(&deck, false);
    }

    /// Builds a deck that shows an SVG whose text is `bytes` (see
    /// [`svg_with_text`]).
    pub fn build_svg_text(&self, bytes: &[u8]) {
        self.build_figure(svg_with_text(&String::from_utf8_lossy(bytes)).as_bytes());
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
        output: Output::Slides { steps: true },
        pdf: PdfOptions {
            creator: "deckgen fuzz".into(),
            timestamp: 0,
            fullscreen: false,
            notes_annotations: true,
            layout: Default::default(),
            tagging: Tagging::Tagged,
        },
        max_ppi: None,
        jpeg_quality: 90,
        grayscale,
    };
    let mut diagnostics = Diagnostics::new();
    if let Some(laid_out) = deckgen::check(
        deck,
        &Default::default(),
        &Default::default(),
        &mut diagnostics,
        &(),
    )
    .laid_out
    {
        let _ = deckgen::write_pdf(laid_out, &options, &mut diagnostics, &());
    }
}

/// A deck that sets `body` as a slide's Markdown body three ways: alone on
/// a standard slide, under a caption beside a picture, and on a full
/// picture's band. Each line is indented as a YAML block scalar's; the
/// characters YAML cannot hold, or reads as line breaks, are left out.
pub fn deck_with_body(body: &str) -> String {
    let indented: String = body
        .chars()
        .filter(|&c| {
            c == '\t'
                || c == '\n'
                || !(c.is_control()
                    || matches!(
                        c,
                        '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                    ))
        })
        .collect::<String>()
        .split('\n')
        .map(|line| format!("          {line}\n"))
        .collect();
    format!(
        "title: Fuzz\nsections:\n  - title: S\n    slides:\n      - title: Body\n        body: |2-\n{indented}      - caption: c\n        layout: image-right\n        image: a.png\n        body: |2-\n{indented}      - layout: full\n        image: a.png\n        body: |2-\n{indented}"
    )
}

/// An SVG that sets `text` three ways: each `|`-separated piece a `<tspan>`
/// of its own weight, size or spacing in one line (where usvg merges the
/// spans' shaping); the whole as one anchored, letter-spaced line; and
/// along a curve. Characters XML cannot hold are left out, the rest escaped.
pub fn svg_with_text(text: &str) -> String {
    const STYLES: [&str; 4] = [
        "",
        r#" font-weight="bold""#,
        r#" font-size="32""#,
        r#" letter-spacing="2" dx="3""#,
    ];
    let escaped: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect();
    let spans: String = escaped
        .split('|')
        .enumerate()
        .map(|(index, piece)| format!("<tspan{}>{piece}</tspan>", STYLES[index % STYLES.len()]))
        .collect();
    let whole = escaped.replace('|', "");
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300" viewBox="0 0 400 300">
<path id="curve" d="M 20 250 Q 200 150 380 250" fill="none"/>
<text x="20" y="60" font-family="Noto Sans" font-size="24">{spans}</text>
<text x="380" y="130" font-size="20" text-anchor="end" letter-spacing="1">{whole}</text>
<text font-size="18"><textPath xlink:href="#curve">{whole}</textPath></text>
</svg>
"##
    )
}
