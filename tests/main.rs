//! Integration tests: one binary (on two cores, linking dominates), one
//! module per area.

mod util;

/// Slide bodies: Markdown blocks in YAML decks, their problems at their lines.
mod bodies;

/// `deckgen check`: problems, notes, the preflight table and its JSON.
mod check;
/// Exit codes, the default output path, atomic writes, and the exact text of
/// every error and warning a user can get.
mod cli;
/// The public image test suites: every file's pinned outcome.
mod corpus;
/// The documents: generated references up to date, every link leading somewhere.
mod docs;
/// `https://` pictures: downloads from a local server, the cache, `--offline`.
mod downloads;
/// Checks that need outside programs: pdf-check on every PDF, rendered pages.
mod external;
/// Vector figures: SVG and PDF pages as forms, their text, their bad input.
mod figures;
/// Fonts by family name, `deckgen fonts`, fallback to installed fonts,
/// built-in words in the deck's language.
mod fonts;
/// Hostile and broken input: clear errors, work bounded, nothing written.
mod hostile;
/// Images read back with lopdf: passthrough, profiles, dedup, resampling.
mod images;
/// `deckgen init`, and what deckgen tells shells and `man`.
mod init;
/// Slide layouts: full, image-left/right, quote, statement.
mod layouts;
/// Markdown decks: Pandoc and Marp conventions, errors, `deckgen import`.
mod markdown;
/// Marp's picture keywords: each mapped or noted, never printed.
mod marp_pictures;
/// Formulas: typeset, tagged with their TeX, their problems, glyph positions read back.
mod math;
/// Formulas in captions, under every layout that sets one.
mod math_captions;
/// Handouts and notes pages.
mod paper;
/// The PDF's structure, read back with lopdf.
mod pdf;
/// Presenting: page mode, labels, transitions, links, the agenda, notes for pdfpc.
mod present;
/// Presenter programs: poppler's API and pdfpc itself, through tests/presenters.py.
mod presenters;
/// The same bodies as YAML, Pandoc and Marp, read back by pdfplumber.
mod readback;
/// The gallery rendered and compared with reference pictures.
mod references;
/// The JSON Schema against the decks in the repository.
mod schema;
/// Slides shown step by step: a page per step, labels, paper, `--no-steps`.
mod steps;
/// Tagged PDF: the structure tree, alt texts, PDF/UA-1 and XMP.
mod tagged;
/// Real Marp and Pandoc talks as found: outcome, pages, words kept, markup printed.
mod talks;
/// Theme files: `theme.extends` chains and their errors.
mod themes;
/// `--watch`: rebuilds on changes, keeps the last good PDF, stops on Ctrl-C.
mod watch;
