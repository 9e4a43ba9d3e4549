//! The math font: New Computer Modern Math's glyphs, metrics and OpenType MATH table
//! (constants, italic corrections, accent attachment, larger variants and
//! assemblies), read with ttf-parser, in em.

use std::sync::OnceLock;

use ttf_parser::{math, GlyphId};

use std::sync::Arc;

use crate::text::Face;

/// New Computer Modern Math (Book weight), built in: the font formulas are
/// set in (GUST Font License, see fonts/GUST-FONT-LICENSE.txt).
const MATH_FONT: &[u8] = include_bytes!("../../fonts/NewCMMath-Book.otf");

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
    ttf: ttf_parser::Face<'static>,
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
            let ttf = ttf_parser::Face::parse(MATH_FONT, 0).expect("the built-in math font parses");
            let upem = f64::from(ttf.units_per_em());
            MathFont {
                face: Face::from_bytes(Arc::from(MATH_FONT)).expect("the built-in math font loads"),
                ttf,
                upem,
            }
        })
    }

    fn em(&self, units: impl Into<f64>) -> f64 {
        units.into() / self.upem
    }

    fn table(&self) -> Option<math::Table<'static>> {
        self.ttf.tables().math
    }

    /// The constants of the MATH table (all zero if a font had none).
    pub fn constants(&self) -> &'static Constants {
        static CONSTANTS: OnceLock<Constants> = OnceLock::new();
        CONSTANTS.get_or_init(|| {
            let c = self
                .table()
                .and_then(|t| t.constants)
                .expect("the built-in math font has MATH constants");
            let v = |value: math::MathValue| self.em(value.value);
            let percent = |p: i16| f64::from(p) / 100.0;
            Constants {
                script_scale: percent(c.script_percent_scale_down()),
                script_script_scale: percent(c.script_script_percent_scale_down()),
                axis_height: v(c.axis_height()),
                accent_base_height: v(c.accent_base_height()),
                subscript_shift_down: v(c.subscript_shift_down()),
                subscript_top_max: v(c.subscript_top_max()),
                subscript_baseline_drop_min: v(c.subscript_baseline_drop_min()),
                superscript_shift_up: v(c.superscript_shift_up()),
                superscript_shift_up_cramped: v(c.superscript_shift_up_cramped()),
                superscript_bottom_min: v(c.superscript_bottom_min()),
                superscript_baseline_drop_max: v(c.superscript_baseline_drop_max()),
                sub_superscript_gap_min: v(c.sub_superscript_gap_min()),
                superscript_bottom_max_with_subscript: v(c.superscript_bottom_max_with_subscript()),
                space_after_script: v(c.space_after_script()),
                upper_limit_gap_min: v(c.upper_limit_gap_min()),
                upper_limit_baseline_rise_min: v(c.upper_limit_baseline_rise_min()),
                lower_limit_gap_min: v(c.lower_limit_gap_min()),
                lower_limit_baseline_drop_min: v(c.lower_limit_baseline_drop_min()),
                stack_top_shift_up: v(c.stack_top_shift_up()),
                stack_top_display_shift_up: v(c.stack_top_display_style_shift_up()),
                stack_bottom_shift_down: v(c.stack_bottom_shift_down()),
                stack_bottom_display_shift_down: v(c.stack_bottom_display_style_shift_down()),
                stack_gap_min: v(c.stack_gap_min()),
                stack_display_gap_min: v(c.stack_display_style_gap_min()),
                stretch_stack_gap_above_min: v(c.stretch_stack_gap_above_min()),
                stretch_stack_gap_below_min: v(c.stretch_stack_gap_below_min()),
                fraction_numerator_shift_up: v(c.fraction_numerator_shift_up()),
                fraction_numerator_display_shift_up: v(
                    c.fraction_numerator_display_style_shift_up()
                ),
                fraction_denominator_shift_down: v(c.fraction_denominator_shift_down()),
                fraction_denominator_display_shift_down: v(
                    c.fraction_denominator_display_style_shift_down()
                ),
                fraction_numerator_gap_min: v(c.fraction_numerator_gap_min()),
                fraction_numerator_display_gap_min: v(c.fraction_num_display_style_gap_min()),
                fraction_rule_thickness: v(c.fraction_rule_thickness()),
                fraction_denominator_gap_min: v(c.fraction_denominator_gap_min()),
                fraction_denominator_display_gap_min: v(c.fraction_denom_display_style_gap_min()),
                overbar_vertical_gap: v(c.overbar_vertical_gap()),
                overbar_rule_thickness: v(c.overbar_rule_thickness()),
                overbar_extra_ascender: v(c.overbar_extra_ascender()),
                underbar_vertical_gap: v(c.underbar_vertical_gap()),
                underbar_rule_thickness: v(c.underbar_rule_thickness()),
                radical_vertical_gap: v(c.radical_vertical_gap()),
                radical_display_vertical_gap: v(c.radical_display_style_vertical_gap()),
                radical_rule_thickness: v(c.radical_rule_thickness()),
                radical_extra_ascender: v(c.radical_extra_ascender()),
                radical_kern_before_degree: v(c.radical_kern_before_degree()),
                radical_kern_after_degree: v(c.radical_kern_after_degree()),
                radical_degree_bottom_raise: percent(c.radical_degree_bottom_raise_percent()),
                display_operator_min_height: self.em(c.display_operator_min_height()),
                min_connector_overlap: self
                    .table()
                    .and_then(|t| t.variants)
                    .map_or(0.0, |variants| self.em(variants.min_connector_overlap)),
            }
        })
    }

    /// The glyph for `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.ttf.glyph_index(c).map(|g| g.0).filter(|&id| id != 0)
    }

    /// A glyph's box, italic correction and accent attachment, at size 1.
    pub fn metrics(&self, id: u16) -> GlyphMetrics {
        let glyph = GlyphId(id);
        let advance = self.em(self.ttf.glyph_hor_advance(glyph).unwrap_or(0));
        let (ascent, descent) = self
            .ttf
            .glyph_bounding_box(glyph)
            .map_or((0.0, 0.0), |b| (self.em(b.y_max), -self.em(b.y_min)));
        let info = self.table().and_then(|t| t.glyph_info);
        let italic = info
            .and_then(|i| i.italic_corrections)
            .and_then(|values| values.get(glyph))
            .map_or(0.0, |value| self.em(value.value));
        let top_accent = info
            .and_then(|i| i.top_accent_attachments)
            .and_then(|values| values.get(glyph))
            .map_or(advance / 2.0, |value| self.em(value.value));
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
        let Some(construction) = self.construction(id, horizontal) else {
            return Vec::new();
        };
        construction
            .variants
            .into_iter()
            .map(|variant| {
                (
                    variant.variant_glyph.0,
                    self.em(variant.advance_measurement),
                )
            })
            .collect()
    }

    /// The pieces the glyph can be assembled from to any size, if any.
    pub fn assembly(&self, id: u16, horizontal: bool) -> Option<(Vec<Part>, f64)> {
        let assembly = self.construction(id, horizontal)?.assembly?;
        let parts = assembly
            .parts
            .into_iter()
            .map(|part| Part {
                id: part.glyph_id.0,
                start_connector: self.em(part.start_connector_length),
                end_connector: self.em(part.end_connector_length),
                full: self.em(part.full_advance),
                extender: part.part_flags.extender(),
            })
            .collect();
        Some((parts, self.em(assembly.italics_correction.value)))
    }

    fn construction(&self, id: u16, horizontal: bool) -> Option<math::GlyphConstruction<'static>> {
        let variants = self.table()?.variants?;
        let constructions = if horizontal {
            variants.horizontal_constructions
        } else {
            variants.vertical_constructions
        };
        constructions.get(GlyphId(id))
    }
}
