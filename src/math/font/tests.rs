//! The MATH table reader against ttf-parser's, on every glyph and constant
//! of the built-in font, and on damaged tables.

use super::*;

#[test]
fn the_reader_agrees_with_ttf_parser_on_every_glyph_and_constant() {
    use ttf_parser::{math, GlyphId as TtfGlyph};
    let ttf = ttf_parser::Face::parse(MATH_FONT, 0).unwrap();
    let upem = f64::from(ttf.units_per_em());
    let em = |units: f64| units / upem;
    let font = MathFont::get();
    let table = ttf.tables().math.unwrap();
    let c = table.constants.unwrap();
    let ours = font.constants();
    let v = |value: math::MathValue| em(f64::from(value.value));
    let pairs = [
        (ours.axis_height, v(c.axis_height())),
        (ours.accent_base_height, v(c.accent_base_height())),
        (ours.subscript_shift_down, v(c.subscript_shift_down())),
        (ours.subscript_top_max, v(c.subscript_top_max())),
        (
            ours.subscript_baseline_drop_min,
            v(c.subscript_baseline_drop_min()),
        ),
        (ours.superscript_shift_up, v(c.superscript_shift_up())),
        (
            ours.superscript_shift_up_cramped,
            v(c.superscript_shift_up_cramped()),
        ),
        (ours.superscript_bottom_min, v(c.superscript_bottom_min())),
        (
            ours.superscript_baseline_drop_max,
            v(c.superscript_baseline_drop_max()),
        ),
        (ours.sub_superscript_gap_min, v(c.sub_superscript_gap_min())),
        (
            ours.superscript_bottom_max_with_subscript,
            v(c.superscript_bottom_max_with_subscript()),
        ),
        (ours.space_after_script, v(c.space_after_script())),
        (ours.upper_limit_gap_min, v(c.upper_limit_gap_min())),
        (
            ours.upper_limit_baseline_rise_min,
            v(c.upper_limit_baseline_rise_min()),
        ),
        (ours.lower_limit_gap_min, v(c.lower_limit_gap_min())),
        (
            ours.lower_limit_baseline_drop_min,
            v(c.lower_limit_baseline_drop_min()),
        ),
        (ours.stack_top_shift_up, v(c.stack_top_shift_up())),
        (
            ours.stack_top_display_shift_up,
            v(c.stack_top_display_style_shift_up()),
        ),
        (ours.stack_bottom_shift_down, v(c.stack_bottom_shift_down())),
        (
            ours.stack_bottom_display_shift_down,
            v(c.stack_bottom_display_style_shift_down()),
        ),
        (ours.stack_gap_min, v(c.stack_gap_min())),
        (
            ours.stack_display_gap_min,
            v(c.stack_display_style_gap_min()),
        ),
        (
            ours.stretch_stack_gap_above_min,
            v(c.stretch_stack_gap_above_min()),
        ),
        (
            ours.stretch_stack_gap_below_min,
            v(c.stretch_stack_gap_below_min()),
        ),
        (
            ours.fraction_numerator_shift_up,
            v(c.fraction_numerator_shift_up()),
        ),
        (
            ours.fraction_numerator_display_shift_up,
            v(c.fraction_numerator_display_style_shift_up()),
        ),
        (
            ours.fraction_denominator_shift_down,
            v(c.fraction_denominator_shift_down()),
        ),
        (
            ours.fraction_denominator_display_shift_down,
            v(c.fraction_denominator_display_style_shift_down()),
        ),
        (
            ours.fraction_numerator_gap_min,
            v(c.fraction_numerator_gap_min()),
        ),
        (
            ours.fraction_numerator_display_gap_min,
            v(c.fraction_num_display_style_gap_min()),
        ),
        (ours.fraction_rule_thickness, v(c.fraction_rule_thickness())),
        (
            ours.fraction_denominator_gap_min,
            v(c.fraction_denominator_gap_min()),
        ),
        (
            ours.fraction_denominator_display_gap_min,
            v(c.fraction_denom_display_style_gap_min()),
        ),
        (ours.overbar_vertical_gap, v(c.overbar_vertical_gap())),
        (ours.overbar_rule_thickness, v(c.overbar_rule_thickness())),
        (ours.overbar_extra_ascender, v(c.overbar_extra_ascender())),
        (ours.underbar_vertical_gap, v(c.underbar_vertical_gap())),
        (ours.underbar_rule_thickness, v(c.underbar_rule_thickness())),
        (ours.radical_vertical_gap, v(c.radical_vertical_gap())),
        (
            ours.radical_display_vertical_gap,
            v(c.radical_display_style_vertical_gap()),
        ),
        (ours.radical_rule_thickness, v(c.radical_rule_thickness())),
        (ours.radical_extra_ascender, v(c.radical_extra_ascender())),
        (
            ours.radical_kern_before_degree,
            v(c.radical_kern_before_degree()),
        ),
        (
            ours.radical_kern_after_degree,
            v(c.radical_kern_after_degree()),
        ),
        (
            ours.script_scale,
            f64::from(c.script_percent_scale_down()) / 100.0,
        ),
        (
            ours.script_script_scale,
            f64::from(c.script_script_percent_scale_down()) / 100.0,
        ),
        (
            ours.radical_degree_bottom_raise,
            f64::from(c.radical_degree_bottom_raise_percent()) / 100.0,
        ),
        (
            ours.display_operator_min_height,
            em(f64::from(c.display_operator_min_height())),
        ),
        (
            ours.min_connector_overlap,
            em(f64::from(table.variants.unwrap().min_connector_overlap)),
        ),
    ];
    for (i, (ours, theirs)) in pairs.iter().enumerate() {
        assert_eq!(ours, theirs, "constant {i}");
    }
    let info = table.glyph_info.unwrap();
    let variants = table.variants.unwrap();
    for id in 0..ttf.number_of_glyphs() {
        let glyph = TtfGlyph(id);
        let m = font.metrics(id);
        assert_eq!(
            m.advance,
            em(f64::from(ttf.glyph_hor_advance(glyph).unwrap_or(0))),
            "{id}"
        );
        let (ascent, descent) = ttf.glyph_bounding_box(glyph).map_or((0.0, 0.0), |b| {
            (em(f64::from(b.y_max)), -em(f64::from(b.y_min)))
        });
        assert!(
            (m.ascent - ascent).abs() < 2.0 / upem,
            "{id}: {} {ascent}",
            m.ascent
        );
        assert!(
            (m.descent - descent).abs() < 2.0 / upem,
            "{id}: {} {descent}",
            m.descent
        );
        let italic = info
            .italic_corrections
            .and_then(|values| values.get(glyph))
            .map_or(0.0, v);
        assert_eq!(m.italic, italic, "{id}");
        let top = info
            .top_accent_attachments
            .and_then(|values| values.get(glyph))
            .map_or(m.advance / 2.0, v);
        assert_eq!(m.top_accent, top, "{id}");
        for horizontal in [false, true] {
            let constructions = if horizontal {
                variants.horizontal_constructions
            } else {
                variants.vertical_constructions
            };
            let theirs = constructions.get(glyph);
            let their_variants: Vec<(u16, f64)> = theirs.as_ref().map_or(Vec::new(), |c| {
                c.variants
                    .into_iter()
                    .map(|v| (v.variant_glyph.0, em(f64::from(v.advance_measurement))))
                    .collect()
            });
            assert_eq!(font.variants(id, horizontal), their_variants, "{id}");
            let ours = font.assembly(id, horizontal);
            let theirs = theirs.and_then(|c| c.assembly).map(|a| {
                let parts: Vec<Part> = a
                    .parts
                    .into_iter()
                    .map(|p| Part {
                        id: p.glyph_id.0,
                        start_connector: em(f64::from(p.start_connector_length)),
                        end_connector: em(f64::from(p.end_connector_length)),
                        full: em(f64::from(p.full_advance)),
                        extender: p.part_flags.extender(),
                    })
                    .collect();
                (parts, v(a.italics_correction))
            });
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{id}");
        }
    }
}

#[test]
fn a_damaged_math_table_gives_nothing_and_never_panics() {
    let font = FontRef::new(MATH_FONT).unwrap();
    let whole = font.table_data(Tag::new(b"MATH")).unwrap();
    let bytes = whole.as_bytes();
    // Every cut of the table, and the table with bytes overwritten.
    for len in (0..bytes.len()).step_by(97) {
        let cut = skrifa::raw::FontData::new(&bytes[..len]);
        if let Some(table) = MathTable::new(cut) {
            for id in [0, 1, 100, 1000, u16::MAX] {
                table.italic_correction(id);
                table.top_accent_attachment(id);
                table.construction(id, false);
                table.construction(id, true);
            }
            table.constant(field::AXIS_HEIGHT);
            table.min_connector_overlap();
        }
    }
    let mut scrambled = bytes.to_vec();
    for (i, byte) in scrambled.iter_mut().enumerate().skip(4) {
        if i % 7 == 0 {
            *byte = 0xff;
        }
    }
    let table = MathTable::new(skrifa::raw::FontData::new(&scrambled)).expect("version 1");
    for id in 0..2000 {
        table.italic_correction(id);
        table.top_accent_attachment(id);
        table.construction(id, id % 2 == 0);
    }
    assert!(MathTable::new(skrifa::raw::FontData::new(&[0, 2, 0, 0])).is_none());
}
