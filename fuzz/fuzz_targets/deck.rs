//! Arbitrary bytes as the deck file, built the way `deckgen deck.yaml` builds
//! it: read, parse, validate, load the images and fonts it names, lay out,
//! write the PDF. Any panic, hang or runaway allocation is a finding.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_deck(data);
});
