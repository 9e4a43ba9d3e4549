//! The OpenType MATH table, read from its bytes: read-fonts 0.41 (which
//! skrifa and harfrust build on) does not parse it. Every read is
//! bounds-checked and gives `None` past the end or at a null offset, so a
//! damaged table means missing values, never a panic.
//!
//! Only what the layout uses is read: the constants, italic corrections,
//! top accent attachments, and each glyph's larger variants and assembly.

use skrifa::raw::FontData;

/// The MATH table of one font.
#[derive(Clone, Copy)]
pub struct MathTable<'a> {
    data: FontData<'a>,
}

/// Byte offsets of the MathConstants fields used, in the order the
/// specification lists them. The first four are plain numbers; the rest are
/// MathValueRecords, whose value comes first.
pub mod field {
    pub const SCRIPT_PERCENT_SCALE_DOWN: usize = 0;
    pub const SCRIPT_SCRIPT_PERCENT_SCALE_DOWN: usize = 2;
    pub const DISPLAY_OPERATOR_MIN_HEIGHT: usize = 6;
    pub const AXIS_HEIGHT: usize = 12;
    pub const ACCENT_BASE_HEIGHT: usize = 16;
    pub const SUBSCRIPT_SHIFT_DOWN: usize = 24;
    pub const SUBSCRIPT_TOP_MAX: usize = 28;
    pub const SUBSCRIPT_BASELINE_DROP_MIN: usize = 32;
    pub const SUPERSCRIPT_SHIFT_UP: usize = 36;
    pub const SUPERSCRIPT_SHIFT_UP_CRAMPED: usize = 40;
    pub const SUPERSCRIPT_BOTTOM_MIN: usize = 44;
    pub const SUPERSCRIPT_BASELINE_DROP_MAX: usize = 48;
    pub const SUB_SUPERSCRIPT_GAP_MIN: usize = 52;
    pub const SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT: usize = 56;
    pub const SPACE_AFTER_SCRIPT: usize = 60;
    pub const UPPER_LIMIT_GAP_MIN: usize = 64;
    pub const UPPER_LIMIT_BASELINE_RISE_MIN: usize = 68;
    pub const LOWER_LIMIT_GAP_MIN: usize = 72;
    pub const LOWER_LIMIT_BASELINE_DROP_MIN: usize = 76;
    pub const STACK_TOP_SHIFT_UP: usize = 80;
    pub const STACK_TOP_DISPLAY_STYLE_SHIFT_UP: usize = 84;
    pub const STACK_BOTTOM_SHIFT_DOWN: usize = 88;
    pub const STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN: usize = 92;
    pub const STACK_GAP_MIN: usize = 96;
    pub const STACK_DISPLAY_STYLE_GAP_MIN: usize = 100;
    pub const STRETCH_STACK_GAP_ABOVE_MIN: usize = 112;
    pub const STRETCH_STACK_GAP_BELOW_MIN: usize = 116;
    pub const FRACTION_NUMERATOR_SHIFT_UP: usize = 120;
    pub const FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP: usize = 124;
    pub const FRACTION_DENOMINATOR_SHIFT_DOWN: usize = 128;
    pub const FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN: usize = 132;
    pub const FRACTION_NUMERATOR_GAP_MIN: usize = 136;
    pub const FRACTION_NUM_DISPLAY_STYLE_GAP_MIN: usize = 140;
    pub const FRACTION_RULE_THICKNESS: usize = 144;
    pub const FRACTION_DENOMINATOR_GAP_MIN: usize = 148;
    pub const FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN: usize = 152;
    pub const OVERBAR_VERTICAL_GAP: usize = 164;
    pub const OVERBAR_RULE_THICKNESS: usize = 168;
    pub const OVERBAR_EXTRA_ASCENDER: usize = 172;
    pub const UNDERBAR_VERTICAL_GAP: usize = 176;
    pub const UNDERBAR_RULE_THICKNESS: usize = 180;
    pub const RADICAL_VERTICAL_GAP: usize = 188;
    pub const RADICAL_DISPLAY_STYLE_VERTICAL_GAP: usize = 192;
    pub const RADICAL_RULE_THICKNESS: usize = 196;
    pub const RADICAL_EXTRA_ASCENDER: usize = 200;
    pub const RADICAL_KERN_BEFORE_DEGREE: usize = 204;
    pub const RADICAL_KERN_AFTER_DEGREE: usize = 208;
    pub const RADICAL_DEGREE_BOTTOM_RAISE_PERCENT: usize = 212;
}

/// A glyph's larger variants and its assembly, in font units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Construction {
    /// Each variant and its size along the direction, smallest first.
    pub variants: Vec<(u16, u16)>,
    pub assembly: Option<Assembly>,
}

/// The pieces a glyph is built from to any size.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembly {
    pub italic: i16,
    pub parts: Vec<RawPart>,
}

/// One piece of an assembly, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawPart {
    pub glyph: u16,
    pub start_connector: u16,
    pub end_connector: u16,
    pub full_advance: u16,
    pub extender: bool,
}

impl<'a> MathTable<'a> {
    /// The table in `data`, if it is a MATH table of version 1.
    pub fn new(data: FontData<'a>) -> Option<MathTable<'a>> {
        let table = MathTable { data };
        (table.u16(0)? == 1).then_some(table)
    }

    fn u16(&self, at: usize) -> Option<u16> {
        self.data.read_at::<u16>(at).ok()
    }

    fn i16(&self, at: usize) -> Option<i16> {
        self.data.read_at::<i16>(at).ok()
    }

    /// Where the subtable the 16-bit offset at `base + at` points to starts
    /// (offsets count from `base`); `None` for a null offset.
    fn subtable(&self, base: usize, at: usize) -> Option<usize> {
        let offset = self.u16(base + at)?;
        (offset != 0).then_some(base + usize::from(offset))
    }

    /// A MathConstants field (see [`field`]), in font units or percent.
    pub fn constant(&self, field: usize) -> Option<i16> {
        self.i16(self.subtable(0, 4)? + field)
    }

    /// The least overlap between two pieces of an assembly.
    pub fn min_connector_overlap(&self) -> Option<u16> {
        self.u16(self.subtable(0, 8)?)
    }

    /// A glyph's italic correction.
    pub fn italic_correction(&self, glyph: u16) -> Option<i16> {
        let info = self.subtable(0, 6)?;
        self.glyph_value(self.subtable(info, 0)?, glyph)
    }

    /// Where an accent over a glyph is centred, from its origin.
    pub fn top_accent_attachment(&self, glyph: u16) -> Option<i16> {
        let info = self.subtable(0, 6)?;
        self.glyph_value(self.subtable(info, 2)?, glyph)
    }

    /// A MathValueRecord per covered glyph (italic corrections, accent
    /// attachments): a coverage offset, a count, then the records.
    fn glyph_value(&self, table: usize, glyph: u16) -> Option<i16> {
        let index = self.coverage_index(self.subtable(table, 0)?, glyph)?;
        if index >= usize::from(self.u16(table + 2)?) {
            return None;
        }
        self.i16(table + 4 + 4 * index)
    }

    /// A glyph's index in a Coverage table, if it is covered.
    fn coverage_index(&self, coverage: usize, glyph: u16) -> Option<usize> {
        let count = usize::from(self.u16(coverage + 2)?);
        match self.u16(coverage)? {
            1 => {
                // Glyph ids in order: a binary search over the array.
                let (mut low, mut high) = (0, count);
                while low < high {
                    let middle = (low + high) / 2;
                    let id = self.u16(coverage + 4 + 2 * middle)?;
                    match id.cmp(&glyph) {
                        std::cmp::Ordering::Equal => return Some(middle),
                        std::cmp::Ordering::Less => low = middle + 1,
                        std::cmp::Ordering::Greater => high = middle,
                    }
                }
                None
            }
            2 => (0..count).find_map(|i| {
                let record = coverage + 4 + 6 * i;
                let (start, end) = (self.u16(record)?, self.u16(record + 2)?);
                let first_index = usize::from(self.u16(record + 4)?);
                (start..=end)
                    .contains(&glyph)
                    .then(|| first_index + usize::from(glyph - start))
            }),
            _ => None,
        }
    }

    /// A glyph's larger variants and assembly, vertically or horizontally.
    pub fn construction(&self, glyph: u16, horizontal: bool) -> Option<Construction> {
        let variants = self.subtable(0, 8)?;
        let vertical_count = usize::from(self.u16(variants + 6)?);
        let horizontal_count = usize::from(self.u16(variants + 8)?);
        let (coverage_at, first, count) = if horizontal {
            (4, 10 + 2 * vertical_count, horizontal_count)
        } else {
            (2, 10, vertical_count)
        };
        let index = self.coverage_index(self.subtable(variants, coverage_at)?, glyph)?;
        if index >= count {
            return None;
        }
        let construction = self.subtable(variants, first + 2 * index)?;
        let variant_count = usize::from(self.u16(construction + 2)?);
        let variants = (0..variant_count)
            .map(|i| {
                let record = construction + 4 + 4 * i;
                Some((self.u16(record)?, self.u16(record + 2)?))
            })
            .collect::<Option<Vec<_>>>()?;
        let assembly = match self.subtable(construction, 0) {
            Some(at) => Some(self.assembly(at)?),
            None => None,
        };
        Some(Construction { variants, assembly })
    }

    fn assembly(&self, at: usize) -> Option<Assembly> {
        let italic = self.i16(at)?;
        let count = usize::from(self.u16(at + 4)?);
        let parts = (0..count)
            .map(|i| {
                let part = at + 6 + 10 * i;
                Some(RawPart {
                    glyph: self.u16(part)?,
                    start_connector: self.u16(part + 2)?,
                    end_connector: self.u16(part + 4)?,
                    full_advance: self.u16(part + 6)?,
                    extender: self.u16(part + 8)? & 1 == 1,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Assembly { italic, parts })
    }
}
