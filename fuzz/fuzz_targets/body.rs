//! Arbitrary text as a slide's Markdown body (`body:` in a YAML deck), on a
//! standard slide, beside a picture under a caption and on a full picture's
//! band: read (lists, code, tables, columns, pictures), highlighted, fitted,
//! laid out and written as a tagged PDF. Any panic, hang or runaway
//! allocation is a finding.
#![no_main]

use deckgen_fuzz::Scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    Scratch::get().build_body(data);
});
