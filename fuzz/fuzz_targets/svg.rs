//! Arbitrary bytes as an SVG figure a valid deck shows (seed it with SVG
//! files: the bytes must look like XML to be read as SVG), built in gray.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_figure(data);
});
