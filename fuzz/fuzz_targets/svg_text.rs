//! Arbitrary bytes as the text of an SVG figure (every `|` starts another
//! `<tspan>`), set by usvg's text layout in three ways and drawn in gray:
//! mixed scripts, spans and spaces that its shaping and span merging meet.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_svg_text(data);
});
