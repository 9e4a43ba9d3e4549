//! Arbitrary bytes as an image file that a valid deck shows, built the way
//! a real build loads it: every image format's decoder sees them.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_image(data);
});
