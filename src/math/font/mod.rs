//! The math font: New Computer Modern Math's glyphs, metrics and OpenType MATH table
//! (constants, italic corrections, accent attachment, larger variants and
//! assemblies), in em. The MATH table is read from its bytes
//! ([`table`]); the glyphs' advances and bounds with skrifa.

mod table;
#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics as SkrifaMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider, Tag};

use crate::text::Face;
use table::{field, Construction, MathTable};

/// New Computer Modern Math (Book weight), built in: the font formulas are
/// set in (GUST Font License, see fonts/GUST-FONT-LICENSE.txt).
const MATH_FONT: &[u8] = include_bytes!("../../../fonts/NewCMMath-Book.otf");

/// A glyph's box in em at size 1: its advance, and how far it reaches above
/// and below the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphMetrics {
    pub advance: f64,
    pub ascent: f64,
    pub descent: f64,
    /// How far the glyph leans past its advance (for a script after it).
    pub italic: f64,
    /// Where an accent above it is centred, from its left edge.
    pub top_accent: f64,
}

/// One piece of a stretched glyph: a glyph and whether it may repeat.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub id: u16,
    pub start_connector: f64,
    pub end_connector: f64,
    pub full: f64,
    pub extender: bool,
}

/// The math font, parsed once per process.
pub struct MathFont {
    pub face: Face,
    metrics: SkrifaMetrics<'static>,
    math: Option<MathTable<'static>>,
    upem: f64,
}

/// The MATH table's constants used here, in em (percentages as fractions).
#[derive(Debug, Clone, Copy)]
pub struct Constants {
    pub script_scale: f64,
    pub script_script_scale: f64,
    pub axis_height: f64,
    pub accent_base_height: f64,
    pub subscript_shift_down: f64,
    pub subscript_top_max: f64,
    pub subscript_baseline_drop_min: f64,
    pub superscript_shift_up: f64,
    pub superscript_shift_up_cramped: f64,
    pub superscript_bottom_min: f64,
    pub superscript_baseline_drop_max: f64,
    pub sub_superscript_gap_min: f64,
    pub superscript_bottom_max_with_subscript: f64,
    pub space_after_script: f64,
    pub upper_limit_gap_min: f64,
    pub upper_limit_baseline_rise_min: f64,
    pub lower_limit_gap_min: f64,
    pub lower_limit_baseline_drop_min: f64,
    pub stack_top_shift_up: f64,
    pub stack_top_display_shift_up: f64,
    pub stack_bottom_shift_down: f64,
    pub stack_bottom_display_shift_down: f64,
    pub stack_gap_min: f64,
    pub stack_display_gap_min: f64,
    pub stretch_stack_gap_above_min: f64,
    pub stretch_stack_gap_below_min: f64,
    pub fraction_numerator_shift_up: f64,
    pub fraction_numerator_display_shift_up: f64,
    pub fraction_denominator_shift_down: f64,
    pub fraction_denominator_display_shift_down: f64,
    pub fraction_numerator_gap_min: f64,
    pub fraction_numerator_display_gap_min: f64,
    pub fraction_rule_thickness: f64,
    pub fraction_denominator_gap_min: f64,
    pub fraction_denominator_display_gap_min: f64,
    pub overbar_vertical_gap: f64,
    pub overbar_rule_thickness: f64,
    pub overbar_extra_ascender: f64,
    pub underbar_vertical_gap: f64,
    pub underbar_rule_thickness: f64,
    pub radical_vertical_gap: f64,
    pub radical_display_vertical_gap: f64,
    pub radical_rule_thickness: f64,
    pub radical_extra_ascender: f64,
    pub radical_kern_before_degree: f64,
    pub radical_kern_after_degree: f64,
    pub radical_degree_bottom_raise: f64,
    pub display_operator_min_height: f64,
    pub min_connector_overlap: f64,
}

impl MathFont {
    /// The built-in math font.
    pub fn get() -> &'static MathFont {
        static FONT: OnceLock<MathFont> = OnceLock::new();
        FONT.get_or_init(|| {
            let font = FontRef::new(MATH_FONT).expect("the built-in math font parses");
            let face =
                Face::from_bytes(Arc::from(MATH_FONT)).expect("the built-in math font loads");
            MathFont {
                upem: face.units_per_em(),
                face,
                metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
                math: font.table_data(Tag::new(b"MATH")).and_then(MathTable::new),
            }
        })
    }

    fn em(&self, units: impl Into<f64>) -> f64 {
        units.into() / self.upem
    }

    /// The constants of the MATH table (all zero if a font had none).
    pub fn constants(&self) -> &'static Constants {
        static CONSTANTS: OnceLock<Constants> = OnceLock::new();
        CONSTANTS.get_or_init(|| {
            let raw = |at: usize| self.math.and_then(|math| math.constant(at)).unwrap_or(0);
            let v = |at: usize| self.em(raw(at));
            let percent = |at: usize| f64::from(raw(at)) / 100.0;
            Constants {
                script_scale: percent(field::SCRIPT_PERCENT_SCALE_DOWN),
                script_script_scale: percent(field::SCRIPT_SCRIPT_PERCENT_SCALE_DOWN),
                axis_height: v(field::AXIS_HEIGHT),
                accent_base_height: v(field::ACCENT_BASE_HEIGHT),
                subscript_shift_down: v(field::SUBSCRIPT_SHIFT_DOWN),
                subscript_top_max: v(field::SUBSCRIPT_TOP_MAX),
                subscript_baseline_drop_min: v(field::SUBSCRIPT_BASELINE_DROP_MIN),
                superscript_shift_up: v(field::SUPERSCRIPT_SHIFT_UP),
                superscript_shift_up_cramped: v(field::SUPERSCRIPT_SHIFT_UP_CRAMPED),
                superscript_bottom_min: v(field::SUPERSCRIPT_BOTTOM_MIN),
                superscript_baseline_drop_max: v(field::SUPERSCRIPT_BASELINE_DROP_MAX),
                sub_superscript_gap_min: v(field::SUB_SUPERSCRIPT_GAP_MIN),
                superscript_bottom_max_with_subscript: v(
                    field::SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT,
                ),
                space_after_script: v(field::SPACE_AFTER_SCRIPT),
                upper_limit_gap_min: v(field::UPPER_LIMIT_GAP_MIN),
                upper_limit_baseline_rise_min: v(field::UPPER_LIMIT_BASELINE_RISE_MIN),
                lower_limit_gap_min: v(field::LOWER_LIMIT_GAP_MIN),
                lower_limit_baseline_drop_min: v(field::LOWER_LIMIT_BASELINE_DROP_MIN),
                stack_top_shift_up: v(field::STACK_TOP_SHIFT_UP),
                stack_top_display_shift_up: v(field::STACK_TOP_DISPLAY_STYLE_SHIFT_UP),
                stack_bottom_shift_down: v(field::STACK_BOTTOM_SHIFT_DOWN),
                stack_bottom_display_shift_down: v(field::STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN),
                stack_gap_min: v(field::STACK_GAP_MIN),
                stack_display_gap_min: v(field::STACK_DISPLAY_STYLE_GAP_MIN),
                stretch_stack_gap_above_min: v(field::STRETCH_STACK_GAP_ABOVE_MIN),
                stretch_stack_gap_below_min: v(field::STRETCH_STACK_GAP_BELOW_MIN),
                fraction_numerator_shift_up: v(field::FRACTION_NUMERATOR_SHIFT_UP),
                fraction_numerator_display_shift_up: v(
                    field::FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP,
                ),
                fraction_denominator_shift_down: v(field::FRACTION_DENOMINATOR_SHIFT_DOWN),
                fraction_denominator_display_shift_down: v(
                    field::FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN,
                ),
                fraction_numerator_gap_min: v(field::FRACTION_NUMERATOR_GAP_MIN),
                fraction_numerator_display_gap_min: v(field::FRACTION_NUM_DISPLAY_STYLE_GAP_MIN),
                fraction_rule_thickness: v(field::FRACTION_RULE_THICKNESS),
                fraction_denominator_gap_min: v(field::FRACTION_DENOMINATOR_GAP_MIN),
                fraction_denominator_display_gap_min: v(
                    field::FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN,
                ),
                overbar_vertical_gap: v(field::OVERBAR_VERTICAL_GAP),
                overbar_rule_thickness: v(field::OVERBAR_RULE_THICKNESS),
                overbar_extra_ascender: v(field::OVERBAR_EXTRA_ASCENDER),
                underbar_vertical_gap: v(field::UNDERBAR_VERTICAL_GAP),
                underbar_rule_thickness: v(field::UNDERBAR_RULE_THICKNESS),
                radical_vertical_gap: v(field::RADICAL_VERTICAL_GAP),
                radical_display_vertical_gap: v(field::RADICAL_DISPLAY_STYLE_VERTICAL_GAP),
                radical_rule_thickness: v(field::RADICAL_RULE_THICKNESS),
                radical_extra_ascender: v(field::RADICAL_EXTRA_ASCENDER),
                radical_kern_before_degree: v(field::RADICAL_KERN_BEFORE_DEGREE),
                radical_kern_after_degree: v(field::RADICAL_KERN_AFTER_DEGREE),
                radical_degree_bottom_raise: percent(field::RADICAL_DEGREE_BOTTOM_RAISE_PERCENT),
                // An unsigned field: its bits as read, widened.
                display_operator_min_height: self
                    .em(raw(field::DISPLAY_OPERATOR_MIN_HEIGHT) as u16),
                min_connector_overlap: self.em(self
                    .math
                    .and_then(|math| math.min_connector_overlap())
                    .unwrap_or(0)),
            }
        })
    }

    /// The glyph for `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_id(c)
    }

    /// A glyph's box, italic correction and accent attachment, at size 1.
    pub fn metrics(&self, id: u16) -> GlyphMetrics {
        let glyph = GlyphId::new(u32::from(id));
        let advance = self.em(self.metrics.advance_width(glyph).unwrap_or(0.0));
        let (ascent, descent) = self
            .metrics
            .bounds(glyph)
            .map_or((0.0, 0.0), |b| (self.em(b.y_max), -self.em(b.y_min)));
        let italic = self
            .math
            .and_then(|math| math.italic_correction(id))
            .map_or(0.0, |value| self.em(value));
        let top_accent = self
            .math
            .and_then(|math| math.top_accent_attachment(id))
            .map_or(advance / 2.0, |value| self.em(value));
        GlyphMetrics {
            advance,
            ascent,
            descent,
            italic,
            top_accent,
        }
    }

    /// The glyph's larger variants (vertical or horizontal), smallest first,
    /// with their size along that direction; the glyph itself is first.
    pub fn variants(&self, id: u16, horizontal: bool) -> Vec<(u16, f64)> {
        self.construction(id, horizontal)
            .variants
            .into_iter()
            .map(|(variant, size)| (variant, self.em(size)))
            .collect()
    }

    /// The pieces the glyph can be assembled from to any size, if any.
    pub fn assembly(&self, id: u16, horizontal: bool) -> Option<(Vec<Part>, f64)> {
        let assembly = self.construction(id, horizontal).assembly?;
        let parts = assembly
            .parts
            .into_iter()
            .map(|part| Part {
                id: part.glyph,
                start_connector: self.em(part.start_connector),
                end_connector: self.em(part.end_connector),
                full: self.em(part.full_advance),
                extender: part.extender,
            })
            .collect();
        Some((parts, self.em(assembly.italic)))
    }

    fn construction(&self, id: u16, horizontal: bool) -> Construction {
        self.math
            .and_then(|math| math.construction(id, horizontal))
            .unwrap_or_default()
    }
}
