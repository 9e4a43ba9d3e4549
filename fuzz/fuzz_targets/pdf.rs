//! Arbitrary bytes as a PDF figure a valid deck shows (seed it with PDF
//! files: the bytes must hold `%PDF-` to be read as PDF), built in gray.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_figure(data);
});
