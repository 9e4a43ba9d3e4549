//! One font face: its bytes, identity and metrics, and shaping.

use std::sync::Arc;

use rustybuzz::ttf_parser;
use sha2::{Digest, Sha256};

use super::wrap::Glyph;

/// A font's identity: a hash of its bytes, so the same file used twice is
/// embedded once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontKey(pub [u8; 16]);

/// Why a font file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("not a TrueType or OpenType font: {0}")]
    Parse(String),
}

/// A parsed font face. Cheap to clone: the bytes are shared.
#[derive(Clone)]
pub struct Face {
    key: FontKey,
    data: Arc<[u8]>,
    units_per_em: f64,
    ascender: f64,
    descender: f64,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl Face {
    /// Parses a TrueType or OpenType font file.
    pub fn from_bytes(data: Arc<[u8]>) -> Result<Face, FontError> {
        let bytes: &[u8] = &data;
        let parsed =
            ttf_parser::Face::parse(bytes, 0).map_err(|e| FontError::Parse(e.to_string()))?;
        let units_per_em = f64::from(parsed.units_per_em());
        let ascender = f64::from(parsed.ascender()) / units_per_em;
        let descender = -f64::from(parsed.descender()) / units_per_em;
        let digest = Sha256::digest(bytes);
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        Ok(Face {
            key: FontKey(key),
            data,
            units_per_em,
            ascender,
            descender,
        })
    }

    pub fn key(&self) -> FontKey {
        self.key
    }

    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f64 {
        self.units_per_em
    }

    /// Height above the baseline, in em.
    pub fn ascender(&self) -> f64 {
        self.ascender
    }

    /// Depth below the baseline, in em (positive).
    pub fn descender(&self) -> f64 {
        self.descender
    }

    fn parsed(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(self.bytes(), 0).expect("the face parsed when it was loaded")
    }

    /// The glyph the font's character map gives `c`, if any.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        self.parsed().glyph_index(c).map(|glyph| glyph.0)
    }
}

impl Face {
    /// The glyphs of `text` in this face alone, set in one direction, in
    /// display order.
    pub fn shape_run(&self, text: &str, rtl: bool) -> Vec<Glyph> {
        let face = rustybuzz::Face::from_slice(self.bytes(), 0)
            .expect("the face parsed when it was loaded");
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        let output = rustybuzz::shape(&face, &[], buffer);
        let em = |units: i32| f64::from(units) / self.units_per_em;
        output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| {
                let id = info.glyph_id as u16;
                Glyph {
                    font: self.key,
                    id,
                    advance: em(position.x_advance),
                    offset: (em(position.x_offset), em(position.y_offset)),
                    font_advance: face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0),
                    cluster: info.cluster as usize,
                }
            })
            .collect()
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.glyph_id(c).is_some()
    }
}
