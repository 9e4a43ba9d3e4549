//! The MATH table reader: the built-in font's values, and damaged tables.

use super::*;

#[test]
fn the_reader_gives_the_built_in_fonts_values() {
    // Figures from the font's MATH table as fontTools reads it (the reader
    // also matched ttf-parser on every glyph and constant before that crate
    // left the build).
    let c = MathFont::get().constants();
    assert_eq!(c.axis_height, 0.25);
    assert_eq!(c.fraction_rule_thickness, 0.048);
    assert_eq!(c.fraction_numerator_display_shift_up, 0.677);
    assert_eq!(c.stack_display_gap_min, 0.28);
    let font = MathFont::get();
    let arrow = font.glyph('\u{20EF}').unwrap();
    assert_eq!(font.metrics(arrow).top_accent, -0.264);
    assert_eq!(font.variants(arrow, true).len(), 2);
    let (parts, _) = font.assembly(arrow, true).unwrap();
    assert_eq!(
        parts.iter().map(|p| p.extender).collect::<Vec<_>>(),
        [false, true, false]
    );
    assert_eq!(parts[1].full, 0.137);
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
