//! Arbitrary bytes as a Markdown deck (`deck.md`, read as Marp or Pandoc),
//! built the way `deckgen deck.md` builds it: front matter, directives,
//! slides, notes and the images it names, laid out and written as a PDF.
//! Any panic, hang or runaway allocation is a finding.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_markdown(data);
});
