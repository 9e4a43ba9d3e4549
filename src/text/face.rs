//! One font face: its bytes, identity and metrics, and shaping.

use std::sync::{Arc, Mutex};

use harfrust::{FontRef, ShapePlan, ShapePlanKey, ShaperData};
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

use super::wrap::Glyph;

/// A font's identity: the content key of its bytes (and index in a
/// collection), so the same file used twice is embedded once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontKey(pub [u8; 16]);

/// Why a font file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("not a TrueType or OpenType font: {0}")]
    Parse(String),
    /// The PDF embeds a subset of each font; a font whose outlines the
    /// subsetter cannot read is refused here, where its place is known,
    /// rather than when the PDF is written.
    #[error("its outlines cannot be subset for the PDF: {0}")]
    Subset(String),
}

/// A parsed font face: a handle, cheap to clone and compare (every glyph
/// of the display list holds the face it is drawn in), sharing the bytes
/// and the shaper's tables.
#[derive(Clone)]
pub struct Face(Arc<FaceData>);

struct FaceData {
    key: FontKey,
    data: Arc<[u8]>,
    /// The face's index in a collection file (`.ttc`); 0 for a plain font.
    index: u32,
    /// What harfrust prepares once per face (lookup caches) before shaping.
    shaper: Arc<ShaperData>,
    /// Shape plans made so far, one per direction and script: making one
    /// compiles the face's feature lookups, more work than shaping a word.
    plans: Mutex<Vec<Arc<ShapePlan>>>,
    /// The glyph of each character below U+0100 (0: none), so that asking
    /// which face has a Latin letter does not read the character map.
    latin: Box<[u16; 256]>,
    units_per_em: f64,
    ascender: f64,
    descender: f64,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("key", &self.0.key)
            .finish_non_exhaustive()
    }
}

/// Two handles are the same face when they draw from the same font data.
impl PartialEq for Face {
    fn eq(&self, other: &Face) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for Face {}

impl Face {
    /// Parses a TrueType or OpenType font file.
    pub fn from_bytes(data: Arc<[u8]>) -> Result<Face, FontError> {
        Face::from_collection(data, 0)
    }

    /// Parses face `index` of a font file; collections (`.ttc`) hold several.
    pub fn from_collection(data: Arc<[u8]>, index: u32) -> Result<Face, FontError> {
        let bytes: &[u8] = &data;
        let parsed = FontRef::from_index(bytes, index).map_err(|e| FontError::Parse(cause(&e)))?;
        // Unscaled metrics are in font units: the line metrics of OS/2 when
        // the font asks for them (USE_TYPO_METRICS), otherwise of hhea.
        let metrics = parsed.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f64::from(metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(FontError::Parse("no units per em".into()));
        }
        let ascender = f64::from(metrics.ascent) / units_per_em;
        let descender = -f64::from(metrics.descent) / units_per_em;
        let notdef = subsetter::GlyphRemapper::new();
        subsetter::subset(bytes, index, &notdef).map_err(|e| FontError::Subset(e.to_string()))?;
        let shaper = Arc::new(ShaperData::new(&parsed));
        let charmap = parsed.charmap();
        let mut latin = Box::new([0u16; 256]);
        for (code, glyph) in (0u32..).zip(latin.iter_mut()) {
            *glyph = char::from_u32(code)
                .and_then(|c| charmap.map(c))
                .and_then(|id| u16::try_from(id.to_u32()).ok())
                .unwrap_or(0);
        }
        let key = crate::content_key::of(bytes, index);
        Ok(Face(Arc::new(FaceData {
            key: FontKey(key),
            data,
            index,
            shaper,
            plans: Mutex::new(Vec::new()),
            latin,
            units_per_em,
            ascender,
            descender,
        })))
    }

    pub fn key(&self) -> FontKey {
        self.0.key
    }

    /// The font file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0.data
    }

    /// The font file's bytes, shared.
    pub fn shared_bytes(&self) -> Arc<[u8]> {
        Arc::clone(&self.0.data)
    }

    /// The face's index in its file: 0 unless the file is a collection.
    pub fn index(&self) -> u32 {
        self.0.index
    }

    /// Font units per em.
    pub fn units_per_em(&self) -> f64 {
        self.0.units_per_em
    }

    /// Height above the baseline, in em.
    pub fn ascender(&self) -> f64 {
        self.0.ascender
    }

    /// Depth below the baseline, in em (positive).
    pub fn descender(&self) -> f64 {
        self.0.descender
    }

    fn parsed(&self) -> FontRef<'_> {
        FontRef::from_index(self.bytes(), self.0.index).expect("the face parsed when it was loaded")
    }

    /// The glyph the font's character map gives `c`, if any (never `.notdef`).
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        let glyph = match self.0.latin.get(c as usize) {
            Some(&glyph) => glyph,
            None => u16::try_from(self.parsed().charmap().map(c)?.to_u32()).ok()?,
        };
        Some(glyph).filter(|&id| id != 0)
    }

    /// The plan for shaping text of `script` in `direction`, made on first use.
    fn plan(
        &self,
        font: &FontRef<'_>,
        direction: harfrust::Direction,
        script: Option<harfrust::Script>,
    ) -> Arc<ShapePlan> {
        let key = ShapePlanKey::new(script, direction);
        // A poisoned lock only means another thread panicked while it held
        // the list; the plans in it are whole.
        let mut plans = self
            .0
            .plans
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if let Some(plan) = plans.iter().find(|plan| key.matches(plan)) {
            return Arc::clone(plan);
        }
        let shaper = self.0.shaper.shaper(font).build();
        let plan = Arc::new(ShapePlan::new(&shaper, direction, script, None, &[]));
        plans.push(Arc::clone(&plan));
        plan
    }
}

/// Why a file is not a font, in deckgen's voice: lowercase, no period.
fn cause(err: &skrifa::raw::ReadError) -> String {
    use skrifa::raw::ReadError;
    match err {
        ReadError::InvalidSfnt(_) | ReadError::InvalidTtc(_) => "unknown magic".into(),
        ReadError::TableIsMissing(tag) => format!("no `{tag}` table"),
        ReadError::InvalidCollectionIndex(index) => format!("no face {index} in the collection"),
        _ => "malformed font data".into(),
    }
}

impl Face {
    /// The glyphs of `text` in this face alone, set in one direction, in
    /// display order. `at_start`: the text begins its paragraph, so a
    /// combining mark that opens it has no letter to stand on, and is set
    /// on a dotted circle ◌ when the face has one (HarfBuzz's rule).
    pub fn shape_run(&self, text: &str, rtl: bool, at_start: bool) -> Vec<Glyph> {
        let font = self.parsed();
        let shaper = self.0.shaper.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        if at_start {
            buffer.set_flags(harfrust::BufferFlags::BEGINNING_OF_TEXT);
        }
        // Each glyph in the cluster of the character it draws, unless one
        // glyph draws several (a ligature): a vowel sign drawn before its
        // consonant (हि drawn as ि ह) keeps its own character, so copy and
        // search read every glyph as its own text (see `pdf::actual_text`).
        // The clusters of a line then need not rise left to right.
        buffer.set_cluster_level(harfrust::BufferClusterLevel::Characters);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        // The buffer says "unknown" for text of no one script (digits,
        // punctuation), for which harfrust plans with none.
        let script = Some(buffer.script()).filter(|&script| script != harfrust::script::UNKNOWN);
        let plan = self.plan(&font, buffer.direction(), script);
        // No scale: positions come in font units.
        let output = shaper.shape(buffer, harfrust::ShapeOptions::new().plan(Some(&plan)));
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let em = |units: i32| f64::from(units) / self.0.units_per_em;
        // A cluster's text runs to the next cluster's start, whichever way
        // the glyphs go.
        let mut starts: Vec<usize> = output
            .glyph_infos()
            .iter()
            .map(|info| info.cluster as usize)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: usize| {
            let next = starts.partition_point(|&known| known <= start);
            starts.get(next).copied().unwrap_or(text.len())
        };
        output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| {
                let id = info.glyph_id as u16;
                let font_advance = metrics
                    .advance_width(harfrust::GlyphId::new(info.glyph_id))
                    .map_or(0, |advance| advance as u16);
                let start = info.cluster as usize;
                Glyph {
                    face: self.clone(),
                    id,
                    advance: em(position.x_advance),
                    offset: (em(position.x_offset), em(position.y_offset)),
                    font_advance,
                    range: start..end_of(start),
                }
            })
            .collect()
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.glyph_id(c).is_some()
    }
}
