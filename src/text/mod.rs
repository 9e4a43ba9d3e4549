//! Fonts and text: the only place that measures.
//!
//! Text is shaped once per paragraph with rustybuzz (kerning and ligatures as
//! the font defines them), then wrapped and shrunk by scaling those advances.
//! The PDF writer draws exactly the glyphs and advances measured here.

mod bidi;
mod face;
mod fit;
mod wrap;

pub use face::{Face, FontError, FontKey};
pub use fit::{fit_text, FitRequest, FittedText};
pub use wrap::{Glyph, Line, Shaper};

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostics, FileRef};

/// Noto Sans Regular, built into the binary (OFL, see fonts/OFL.txt).
const BUILTIN_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, built into the binary.
const BUILTIN_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

/// Which face of the deck's family a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The deck's two faces: regular for body text, bold for titles.
#[derive(Debug, Clone)]
pub struct FontSet {
    regular: Face,
    bold: Face,
}

impl FontSet {
    /// The built-in Noto Sans pair.
    pub fn builtin() -> FontSet {
        FontSet {
            regular: Face::from_bytes(Arc::from(BUILTIN_REGULAR))
                .expect("the built-in regular font parses"),
            bold: Face::from_bytes(Arc::from(BUILTIN_BOLD)).expect("the built-in bold font parses"),
        }
    }

    /// The faces the deck names, falling back to the built-in ones.
    /// Problems are reported against `deck_file`; returns `None` on error.
    pub fn load(
        regular: Option<&FileRef>,
        bold: Option<&FileRef>,
        deck_file: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<FontSet> {
        let builtin = FontSet::builtin();
        let regular = load_face(regular, builtin.regular, deck_file, diagnostics);
        let bold = load_face(bold, builtin.bold, deck_file, diagnostics);
        Some(FontSet {
            regular: regular?,
            bold: bold?,
        })
    }

    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The face with this key.
    pub fn by_key(&self, key: FontKey) -> Option<&Face> {
        [&self.regular, &self.bold]
            .into_iter()
            .find(|face| face.key() == key)
    }
}

fn load_face(
    file: Option<&FileRef>,
    fallback: Face,
    deck_file: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Face> {
    let Some(file) = file else {
        return Some(fallback);
    };
    let problem = match std::fs::read(&file.path) {
        Ok(bytes) => match Face::from_bytes(Arc::from(bytes)) {
            Ok(face) => return Some(face),
            Err(err) => format!("cannot use font `{}` ({err})", file.written),
        },
        Err(err) => format!(
            "cannot read font `{}` ({})",
            file.written,
            crate::diag::io_reason(&err)
        ),
    };
    diagnostics.error(deck_file, Some(file.span), problem);
    None
}
