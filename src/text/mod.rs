//! Fonts and text: the only place that measures.
//!
//! Text is shaped once per paragraph with harfrust (kerning and ligatures as
//! the font defines them), then wrapped and shrunk by scaling those advances.
//! The PDF writer draws exactly the glyphs and advances measured here.

mod bidi;
mod face;
mod fallback;
mod fit;
mod library;
mod stack;
mod style;
mod wrap;

pub(crate) use bidi::never_right_to_left;
pub use face::{Face, FontError, FontKey};
pub use fit::{fit_text, FitRequest, FittedText};
pub use library::{split_font_path, FontFile, FontLibrary, FontSources};
pub use stack::FontStack;
pub use wrap::{Glyph, Line, Paragraph, Piece, Shaper};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diag::{Diagnostics, FileRef, Span};
use crate::files::{self, FileKind};

/// Noto Sans Regular, built into the binary (OFL, see fonts/OFL.txt).
const BUILTIN_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, built into the binary.
const BUILTIN_BOLD: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
/// Noto Sans Italic and Bold Italic, for emphasis in slide bodies.
const BUILTIN_ITALIC: &[u8] = include_bytes!("../../fonts/NotoSans-Italic.ttf");
const BUILTIN_BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/NotoSans-BoldItalic.ttf");
/// Noto Sans Mono Regular and Bold, for code: Noto Sans's proportions in
/// one advance for every character.
const BUILTIN_MONO: &[u8] = include_bytes!("../../fonts/NotoSansMono-Regular.ttf");
const BUILTIN_MONO_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansMono-Bold.ttf");
/// Fallbacks for what Noto Sans lacks: arrows and mathematical symbols
/// (Noto Sans Math), check marks, stars and shapes (Noto Sans Symbols 2).
const BUILTIN_FALLBACKS: [&[u8]; 2] = [
    include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
];

/// Which weight of the deck's family a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

/// Which face of the deck's fonts a piece of text uses: the body family
/// upright or italic, or the monospace family, at either weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FaceStyle {
    pub weight: Weight,
    /// Italic, in the body family; monospace text stays upright.
    pub italic: bool,
    /// The monospace family, for code.
    pub mono: bool,
}

impl From<Weight> for FaceStyle {
    fn from(weight: Weight) -> FaceStyle {
        FaceStyle {
            weight,
            ..FaceStyle::default()
        }
    }
}

/// The families built into deckgen, for `deckgen fonts`.
pub const BUILTIN_FAMILIES: [&str; 4] = [
    "Noto Sans",
    "Noto Sans Mono",
    "Noto Sans Math",
    "Noto Sans Symbols2",
];

/// How the deck names one of its faces.
#[derive(Debug, Clone, Copy)]
pub enum FontName<'a> {
    /// A font file.
    File(&'a FileRef),
    /// A family, maybe with a style (`Noto Serif Bold`), among installed fonts.
    Family { name: &'a str, span: Span },
}

/// An installed font drawing text the deck's fonts cannot, and what for.
#[derive(Debug, Clone)]
pub struct FallbackUse {
    pub file: FontFile,
    /// The characters it was chosen for.
    pub chars: Vec<char>,
}

/// The deck's faces (regular for body text, bold for titles, italic and
/// bold italic for emphasis, monospace and its bold for code) and the
/// fallbacks that fill their gaps: built-in ones, then installed ones.
#[derive(Debug, Clone)]
pub struct FontSet {
    regular: Face,
    bold: Face,
    italic: Face,
    bold_italic: Face,
    mono: Face,
    mono_bold: Face,
    fallbacks: Vec<Face>,
    bold_fallbacks: Vec<Face>,
    installed: Vec<FallbackUse>,
}

impl FontSet {
    /// The built-in Noto Sans pair.
    /// Parsed and hashed once per process, the faces on all cores (each
    /// takes a few milliseconds, and every build waits for them); a copy
    /// shares the bytes.
    pub fn builtin() -> FontSet {
        static BUILTIN: OnceLock<FontSet> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let [math, symbols] = BUILTIN_FALLBACKS;
                let files = [
                    BUILTIN_REGULAR,
                    BUILTIN_BOLD,
                    BUILTIN_ITALIC,
                    BUILTIN_BOLD_ITALIC,
                    BUILTIN_MONO,
                    BUILTIN_MONO_BOLD,
                    math,
                    symbols,
                ];
                let faces = crate::parallel::map(&files, |bytes| {
                    Face::from_bytes(Arc::from(*bytes)).expect("a built-in font parses")
                });
                let Ok([regular, bold, italic, bold_italic, mono, mono_bold, math, symbols]) =
                    <[Face; 8]>::try_from(faces)
                else {
                    unreachable!("a face for each of the eight files")
                };
                let fallbacks = vec![math, symbols];
                FontSet {
                    regular,
                    bold,
                    italic,
                    bold_italic,
                    mono,
                    mono_bold,
                    bold_fallbacks: fallbacks.clone(),
                    fallbacks,
                    installed: Vec::new(),
                }
            })
            .clone()
    }

    /// The faces the deck names (`font`, `bold_font`, `mono_font`),
    /// falling back to the built-in ones. A family without `bold` gets the
    /// same family's bold for titles, and its italics when it has them;
    /// a font given as a file, or a family without italics, sets emphasis
    /// upright rather than in another family's italic. The monospace family
    /// gets its own bold the same way. Problems are reported against
    /// `deck_file`; returns `None` on error.
    pub fn load(
        names: DeckFonts<'_>,
        library: &mut FontLibrary,
        deck_file: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<FontSet> {
        let builtin = FontSet::builtin();
        let DeckFonts {
            regular,
            bold,
            mono,
        } = names;
        fn family<'n>(name: Option<FontName<'n>>) -> Option<(&'n str, Span)> {
            match name {
                Some(FontName::Family { name, span }) => Some((name, span)),
                _ => None,
            }
        }
        let bold = bold.or(family(regular).map(|(name, span)| FontName::Family { name, span }));
        let mut load = |name: Option<FontName<'_>>, weight: u16, fallback: Face| match name {
            None => Some(fallback),
            Some(FontName::File(file)) => load_file(file, diagnostics),
            Some(FontName::Family { name, span }) => {
                load_family(name, span, weight, library, deck_file, diagnostics)
            }
        };
        let regular_face = load(regular, 400, builtin.regular.clone());
        let bold_face = load(bold, 700, builtin.bold.clone());
        let mono_face = load(mono, 400, builtin.mono.clone());
        let (regular_face, bold_face, mono_face) = (regular_face?, bold_face?, mono_face?);
        let (italic, bold_italic) = match (regular, family(regular)) {
            (None, _) => (builtin.italic.clone(), builtin.bold_italic.clone()),
            (_, Some((name, _))) => (
                load_styled(library, name, 400, true).unwrap_or_else(|| regular_face.clone()),
                load_styled(library, name, 700, true).unwrap_or_else(|| bold_face.clone()),
            ),
            (Some(_), None) => (regular_face.clone(), bold_face.clone()),
        };
        let mono_bold = match (mono, family(mono)) {
            (None, _) => builtin.mono_bold.clone(),
            (_, Some((name, _))) => {
                load_styled(library, name, 700, false).unwrap_or_else(|| mono_face.clone())
            }
            (Some(_), None) => mono_face.clone(),
        };
        Some(FontSet {
            regular: regular_face,
            bold: bold_face,
            italic,
            bold_italic,
            mono: mono_face,
            mono_bold,
            ..builtin
        })
    }

    /// The deck's own faces and the built-in ones, never installed
    /// fallbacks, regular first: what an SVG figure's text is set with.
    pub fn own_faces(&self) -> impl Iterator<Item = &Face> {
        [
            &self.regular,
            &self.bold,
            &self.italic,
            &self.bold_italic,
            &self.mono,
            &self.mono_bold,
        ]
        .into_iter()
        .chain(self.fallbacks.iter().take(BUILTIN_FALLBACKS.len()))
    }

    /// Adds installed fonts for the characters of `texts` (each with its
    /// place in the deck, if any) that no regular or bold face in the set
    /// draws, chosen by the rule in [`fallback`], and notes in
    /// `diagnostics` which font draws which characters, at the first text
    /// that needs it. An installed font that cannot be read is a warning.
    pub fn fill_gaps<'t>(
        &mut self,
        texts: impl IntoIterator<Item = (&'t str, Option<Span>)>,
        language: &str,
        library: &mut FontLibrary,
        deck_file: &Path,
        diagnostics: &mut Diagnostics,
    ) {
        // Each character no face draws, with the place of its first text.
        let mut missing: Vec<(char, Option<Span>)> = Vec::new();
        for (text, span) in texts {
            let regular = self.stack(Weight::Regular).missing_chars(text);
            // Titles are set in bold, which may lack what the regular face has.
            let bold = self.stack(Weight::Bold).missing_chars(text);
            for c in regular.into_iter().chain(bold) {
                if !missing.iter().any(|&(known, _)| known == c) {
                    missing.push((c, span));
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        let mut files: BTreeMap<PathBuf, Arc<[u8]>> = BTreeMap::new();
        let mut unreadable: BTreeMap<PathBuf, String> = BTreeMap::new();
        let mut load = |file: &FontFile| {
            let bytes = match files.get(&file.path) {
                Some(bytes) => bytes.clone(),
                None => match files::read(&file.path, FileKind::Font) {
                    Ok(bytes) => {
                        let bytes: Arc<[u8]> = Arc::from(bytes);
                        files.insert(file.path.clone(), bytes.clone());
                        bytes
                    }
                    Err(err) => {
                        unreadable.insert(file.path.clone(), err.to_string());
                        return None;
                    }
                },
            };
            match Face::from_collection(bytes, file.index) {
                Ok(face) => Some(face),
                Err(err) => {
                    unreadable.insert(file.path.clone(), err.to_string());
                    None
                }
            }
        };
        let chars: Vec<char> = missing.iter().map(|&(c, _)| c).collect();
        let chosen_fonts = fallback::choose(&chars, language, library, &mut load);
        let mut notes = Vec::new();
        for chosen in chosen_fonts {
            let bold = library
                .find(&chosen.file.family, 700)
                .and_then(|file| load(&file))
                .unwrap_or_else(|| chosen.face.clone());
            let shown: String = chosen.chars.iter().take(12).collect();
            let more = if chosen.chars.len() > 12 { "…" } else { "" };
            let first = missing
                .iter()
                .find(|(c, _)| chosen.chars.contains(c))
                .and_then(|&(_, span)| span);
            notes.push((
                first,
                format!(
                    "`{shown}{more}` drawn in installed font `{}` ({})",
                    chosen.file.family,
                    chosen.file.path.display()
                ),
            ));
            self.fallbacks.push(chosen.face);
            self.bold_fallbacks.push(bold);
            self.installed.push(FallbackUse {
                file: chosen.file,
                chars: chosen.chars,
            });
        }
        unreadable.extend(library.take_unreadable());
        for (path, reason) in unreadable {
            let message = format!(
                "cannot read installed font `{}` ({reason}); fallback leaves it out",
                path.display()
            );
            diagnostics.warning(deck_file, None, message);
        }
        for (span, note) in notes {
            diagnostics.note(deck_file, span, note);
        }
    }

    /// The installed fonts [`FontSet::fill_gaps`] added, in the order chosen.
    pub fn installed(&self) -> &[FallbackUse] {
        &self.installed
    }

    /// The deck's face for `style` (a [`Weight`] or a [`FaceStyle`]), with
    /// the fallbacks behind it.
    pub fn stack(&self, style: impl Into<FaceStyle>) -> FontStack<'_> {
        let style = style.into();
        let primary = match (style.mono, style.weight, style.italic) {
            (true, Weight::Regular, _) => &self.mono,
            (true, Weight::Bold, _) => &self.mono_bold,
            (false, Weight::Regular, false) => &self.regular,
            (false, Weight::Bold, false) => &self.bold,
            (false, Weight::Regular, true) => &self.italic,
            (false, Weight::Bold, true) => &self.bold_italic,
        };
        let fallbacks = match style.weight {
            Weight::Regular => &self.fallbacks,
            Weight::Bold => &self.bold_fallbacks,
        };
        FontStack { primary, fallbacks }
    }
}

/// The faces a deck names in its theme, each `None` for the built-in one.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeckFonts<'a> {
    /// `theme.font`: body text.
    pub regular: Option<FontName<'a>>,
    /// `theme.bold_font`: titles.
    pub bold: Option<FontName<'a>>,
    /// `theme.mono_font`: code.
    pub mono: Option<FontName<'a>>,
}

/// The face of installed family `name` at `weight`, italic or not, if the
/// family has exactly that face: a family without italics keeps its
/// upright face for emphasis rather than borrowing another's.
fn load_styled(library: &mut FontLibrary, name: &str, weight: u16, italic: bool) -> Option<Face> {
    let file = library.find_exact(name, weight, italic)?;
    let bytes = files::read(&file.path, FileKind::Font).ok()?;
    Face::from_collection(Arc::from(bytes), file.index).ok()
}

fn load_file(file: &FileRef, diagnostics: &mut Diagnostics) -> Option<Face> {
    let problem = match files::read(&file.path, FileKind::Font) {
        Ok(bytes) => match Face::from_bytes(Arc::from(bytes)) {
            Ok(face) => return Some(face),
            Err(err) => format!("cannot use font `{}` ({err})", file.written),
        },
        Err(err) => format!("cannot read font `{}` ({err})", file.written),
    };
    diagnostics.error(&file.named_in, Some(file.span), problem);
    None
}

/// How many installed families an unknown name's message suggests.
const SUGGESTED_FAMILIES: usize = 3;

fn load_family(
    name: &str,
    span: Span,
    weight: u16,
    library: &mut FontLibrary,
    deck_file: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<Face> {
    let Some(found) = library.find(name, weight) else {
        let nearest = library.nearest(name, SUGGESTED_FAMILIES);
        let hint = if nearest.is_empty() {
            " (no fonts are installed)".to_string()
        } else {
            let listed: Vec<String> = nearest.iter().map(|n| format!("`{n}`")).collect();
            format!(" (nearest installed: {})", listed.join(", "))
        };
        let message = format!("unknown font family `{name}`{hint}");
        let diagnostic = crate::diag::Diagnostic::new(
            crate::diag::Severity::Error,
            deck_file,
            Some(span),
            message,
        );
        diagnostics
            .push(diagnostic.with_hint("`deckgen fonts` lists every family deckgen can use"));
        return None;
    };
    let problem = match files::read(&found.path, FileKind::Font) {
        Ok(bytes) => match Face::from_collection(Arc::from(bytes), found.index) {
            Ok(face) => return Some(face),
            Err(err) => format!("cannot use font `{}` ({err})", found.path.display()),
        },
        Err(err) => format!("cannot read font `{}` ({err})", found.path.display()),
    };
    diagnostics.error(deck_file, Some(span), problem);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_ref(path: PathBuf) -> FileRef {
        FileRef {
            written: path.display().to_string(),
            path: path.clone(),
            span: Span::new(1, 1),
            named_in: path,
            page: None,
        }
    }

    fn hebrew_font() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts/NotoSansHebrew-Regular.ttf")
    }

    fn library_of(folder: &Path) -> FontLibrary {
        FontLibrary::new(&FontSources {
            system_fonts: false,
            folders: vec![folder.to_path_buf()],
        })
    }

    fn messages(diagnostics: &Diagnostics) -> Vec<String> {
        diagnostics.sorted().iter().map(|d| d.to_string()).collect()
    }

    /// A regular face that has Hebrew and a bold one that has not: the
    /// titles' Hebrew still gets a font.
    #[test]
    fn what_only_the_bold_face_lacks_falls_back_too() {
        let mut diagnostics = Diagnostics::new();
        let mut library = library_of(hebrew_font().parent().unwrap());
        let bold = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSans-Bold.ttf");
        let (regular, bold) = (file_ref(hebrew_font()), file_ref(bold));
        let names = DeckFonts {
            regular: Some(FontName::File(&regular)),
            bold: Some(FontName::File(&bold)),
            mono: None,
        };
        let mut fonts = FontSet::load(
            names,
            &mut library,
            Path::new("deck.yaml"),
            &mut diagnostics,
        )
        .expect("the repository's fonts load");
        assert!(fonts
            .stack(Weight::Regular)
            .missing_chars("שלום")
            .is_empty());
        assert_eq!(fonts.stack(Weight::Bold).missing_chars("שלום").len(), 4);
        let texts = [("שלום", Some(Span::new(5, 14)))];
        fonts.fill_gaps(
            texts,
            "he",
            &mut library,
            Path::new("deck.yaml"),
            &mut diagnostics,
        );
        assert!(fonts.stack(Weight::Bold).missing_chars("שלום").is_empty());
        let note = format!(
            "note: deck.yaml:5:14: `שלום` drawn in installed font `Noto Sans Hebrew` ({})",
            hebrew_font().display()
        );
        assert_eq!(messages(&diagnostics), [note]);
    }

    /// A deck in the built-in fonts whose characters they all have never
    /// reads the machine's font list; a character they lack does.
    #[test]
    fn the_installed_fonts_are_indexed_only_when_needed() {
        let mut library = FontLibrary::new(&FontSources {
            system_fonts: true,
            folders: vec![hebrew_font().parent().unwrap().to_path_buf()],
        });
        let mut diagnostics = Diagnostics::new();
        let deck = Path::new("deck.yaml");
        let mut fonts =
            FontSet::load(DeckFonts::default(), &mut library, deck, &mut diagnostics).unwrap();
        // Latin with typographic punctuation, and the built-in fallbacks'
        // arrows, mathematics and check marks.
        let latin = [("Größe — “café” → ∑ ✓", None)];
        fonts.fill_gaps(latin, "en", &mut library, deck, &mut diagnostics);
        assert!(!library.is_indexed());
        assert!(fonts.installed().is_empty());
        fonts.fill_gaps([("שלום", None)], "he", &mut library, deck, &mut diagnostics);
        assert!(library.is_indexed());
    }

    /// A font the index listed but that is gone when fallback reads it is a
    /// warning, not silently skipped.
    #[test]
    fn an_installed_font_that_cannot_be_read_is_a_warning() {
        let folder = tempfile::tempdir().unwrap();
        let copy = folder.path().join("NotoSansHebrew-Regular.ttf");
        std::fs::copy(hebrew_font(), &copy).unwrap();
        let mut library = library_of(folder.path());
        // The index is made while the file is there.
        assert_eq!(library.families(), ["Noto Sans Hebrew"]);
        std::fs::remove_file(&copy).unwrap();
        let mut diagnostics = Diagnostics::new();
        let mut fonts = FontSet::builtin();
        let texts = [("שלום", Some(Span::new(5, 14)))];
        fonts.fill_gaps(
            texts,
            "he",
            &mut library,
            Path::new("deck.yaml"),
            &mut diagnostics,
        );
        assert_eq!(
            messages(&diagnostics),
            [format!(
                "warning: deck.yaml: cannot read installed font `{}` (the file is gone or cannot be opened); fallback leaves it out",
                copy.display()
            )]
        );
    }
}
