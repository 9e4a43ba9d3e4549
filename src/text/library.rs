//! The fonts a deck may name by family: those installed on the machine (the
//! fontconfig directories on Linux, the system folders on macOS and
//! Windows), and those in the folders the deck or `DECKGEN_FONT_PATH` adds.
//! fontique finds and indexes them; this module asks it by name.
//!
//! The index is made on the first question, not before: reading the
//! machine's font list (fontconfig's configuration and cache on Linux)
//! costs more than building a small deck, and a deck set in the built-in
//! fonts, all of whose characters they have, never asks.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fontique::{Collection, CollectionOptions, FontStyle, FontWeight, FontWidth, SourceKind};

use super::style::FamilyRequest;

/// Where installed fonts are looked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontSources {
    /// Whether the machine's own fonts count (`--no-system-fonts` turns them off).
    pub system_fonts: bool,
    /// Folders searched besides: `theme.font_paths`, then `DECKGEN_FONT_PATH`.
    pub folders: Vec<PathBuf>,
}

/// One font file (or one face of a collection file) found by name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FontFile {
    pub family: String,
    pub path: PathBuf,
    /// The face's index in a collection (`.ttc`); 0 for a plain font file.
    pub index: u32,
    pub weight: u16,
    pub italic: bool,
}

/// The installed fonts, indexed by family name on the first question.
pub struct FontLibrary {
    sources: FontSources,
    /// Made by [`FontLibrary::collection`] when first needed.
    collection: Option<Collection>,
    /// Fonts the index lists but that could not be read when asked for,
    /// with why.
    unreadable: BTreeMap<PathBuf, String>,
}

impl std::fmt::Debug for FontLibrary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontLibrary").finish_non_exhaustive()
    }
}

impl FontLibrary {
    /// The fonts `sources` allows, indexed when first asked for. Folders
    /// that do not exist add nothing.
    pub fn new(sources: &FontSources) -> FontLibrary {
        FontLibrary {
            sources: sources.clone(),
            collection: None,
            unreadable: BTreeMap::new(),
        }
    }

    /// Whether the fonts have been indexed (the machine's font list read).
    pub fn is_indexed(&self) -> bool {
        self.collection.is_some()
    }

    /// The index, made now if this is the first question.
    fn collection(&mut self) -> &mut Collection {
        let sources = &self.sources;
        self.collection.get_or_insert_with(|| {
            let mut collection = Collection::new(CollectionOptions {
                shared: false,
                system_fonts: sources.system_fonts,
            });
            collection.load_fonts_from_paths(&sources.folders);
            collection
        })
    }

    /// Every family name, sorted and once each.
    pub fn families(&mut self) -> Vec<String> {
        let mut names: Vec<String> = self.collection().family_names().map(String::from).collect();
        names.sort_by_key(|name| name.to_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        names
    }

    /// The files of one family, sorted by weight, slant and path.
    pub fn faces(&mut self, family: &str) -> Vec<FontFile> {
        let Some(info) = self.collection().family_by_name(family) else {
            return Vec::new();
        };
        let mut files: Vec<FontFile> = info
            .fonts()
            .iter()
            .filter_map(|font| match font.source().kind() {
                SourceKind::Path(path) => Some(FontFile {
                    family: info.name().to_string(),
                    path: path.to_path_buf(),
                    index: font.index(),
                    weight: font.weight().value().round() as u16,
                    italic: font.style() != FontStyle::Normal,
                }),
                SourceKind::Memory(_) => None,
            })
            .collect();
        files.sort_by(|a, b| {
            (a.weight, a.italic, &a.path, a.index).cmp(&(b.weight, b.italic, &b.path, b.index))
        });
        files.dedup();
        files
    }

    /// The face `name` means: the whole name as a family, or a family and the
    /// style words after it (`Noto Serif Bold`). Within a family the face
    /// closest to the weight and slant asked for, as CSS matches them.
    pub fn find(&mut self, name: &str, weight: u16) -> Option<FontFile> {
        FamilyRequest::readings(name, weight)
            .into_iter()
            .find_map(|request| self.find_request(&request))
            .map(|(_, file)| file)
    }

    /// The face of family `family` at `weight` and slant `italic`, only if
    /// the family has one that near: a family without italics gives none,
    /// rather than its upright face.
    pub fn find_exact(&mut self, family: &str, weight: u16, italic: bool) -> Option<FontFile> {
        let request = FamilyRequest {
            family: family.to_string(),
            weight,
            italic,
        };
        let (_, file) = self.find_request(&request)?;
        // CSS matching falls back across weights and slants; a weight within
        // 100 of the one asked for is that weight in families with odd steps.
        let near = file.weight.abs_diff(weight) < 100;
        (file.italic == italic && near).then_some(file)
    }

    /// The characters of `chars` the regular face of `family` has a glyph
    /// for, read from its character map without loading the whole font.
    pub fn coverage(&mut self, family: &str, chars: &[char]) -> Option<(FontFile, Vec<char>)> {
        let request = FamilyRequest {
            family: family.to_string(),
            weight: 400,
            italic: false,
        };
        let (info, file) = self.find_request(&request)?;
        let Some(blob) = info.load(None) else {
            let reason = "the file is gone or cannot be opened".to_string();
            self.unreadable.insert(file.path, reason);
            return None;
        };
        let font = match skrifa::FontRef::from_index(blob.as_ref(), info.index()) {
            Ok(font) => font,
            Err(err) => {
                self.unreadable.insert(file.path, err.to_string());
                return None;
            }
        };
        if is_colour_bitmap(&font) {
            return None;
        }
        let charmap = skrifa::MetadataProvider::charmap(&font);
        let covered = chars
            .iter()
            .copied()
            .filter(|&c| charmap.map(c).is_some_and(|glyph| glyph.to_u32() != 0))
            .collect();
        Some((file, covered))
    }

    /// The fonts found unreadable since the last call, with why.
    pub fn take_unreadable(&mut self) -> BTreeMap<PathBuf, String> {
        std::mem::take(&mut self.unreadable)
    }

    fn find_request(&mut self, request: &FamilyRequest) -> Option<(fontique::FontInfo, FontFile)> {
        let info = self.collection().family_by_name(&request.family)?;
        let style = if request.italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        };
        let font = info.match_font(
            FontWidth::NORMAL,
            style,
            FontWeight::new(f32::from(request.weight)),
            false,
        )?;
        let SourceKind::Path(path) = font.source().kind() else {
            return None;
        };
        let file = FontFile {
            family: info.name().to_string(),
            path: path.to_path_buf(),
            index: font.index(),
            weight: font.weight().value().round() as u16,
            italic: font.style() != FontStyle::Normal,
        };
        Some((font.clone(), file))
    }

    /// Up to `count` installed families whose names are nearest to `name`,
    /// nearest first (ties in name order).
    pub fn nearest(&mut self, name: &str, count: usize) -> Vec<String> {
        crate::suggest::nearest(name, self.families(), count)
    }
}

/// Whether a font draws its glyphs only as colour bitmaps (CBDT, sbix, as
/// Noto Color Emoji does): it has no outlines a PDF font can carry, so it
/// would draw nothing. Such fonts are never chosen; a monochrome font with
/// the characters is, and without one the characters are missing glyphs,
/// with a warning.
fn is_colour_bitmap(font: &skrifa::FontRef<'_>) -> bool {
    use skrifa::Tag;
    let has = |tag: &[u8; 4]| font.table_data(Tag::new(tag)).is_some();
    (has(b"CBDT") || has(b"sbix")) && !has(b"glyf") && !has(b"CFF ") && !has(b"CFF2")
}

/// The folders in a `DECKGEN_FONT_PATH`-style list (`:` between folders,
/// `;` on Windows).
pub fn split_font_path(value: &std::ffi::OsStr) -> Vec<PathBuf> {
    std::env::split_paths(value)
        .filter(|path| !path.as_os_str().is_empty())
        .collect()
}

/// The repository's own fonts (the built-in ones), for tests that need a
/// folder of fonts.
#[cfg(test)]
pub(crate) fn test_folder() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> FontLibrary {
        FontLibrary::new(&FontSources {
            system_fonts: false,
            folders: vec![test_folder().to_path_buf()],
        })
    }

    #[test]
    fn a_folder_font_is_found_by_family_and_style() {
        let mut library = library();
        let regular = library.find("Noto Sans", 400).expect("Noto Sans");
        assert_eq!(regular.family, "Noto Sans");
        assert!(
            regular.path.ends_with("NotoSans-Regular.ttf"),
            "{regular:?}"
        );
        let bold = library.find("noto sans bold", 400).expect("by style");
        assert!(bold.path.ends_with("NotoSans-Bold.ttf"), "{bold:?}");
        assert_eq!(library.find("Noto Sans", 700), Some(bold));
        let regular_again = library.find("Noto Sans Regular", 700).expect("regular");
        assert_eq!(regular_again.path, regular.path);
        assert!(library.find("Nonexistent Family", 400).is_none());
    }

    #[test]
    fn without_system_fonts_only_the_folders_count() {
        let mut library = library();
        assert_eq!(
            library.families(),
            [
                "NewComputerModern Math",
                "Noto Sans",
                "Noto Sans Math",
                "Noto Sans Mono",
                "Noto Sans Symbols2"
            ]
        );
        assert!(library.find("Noto Sans Devanagari", 400).is_none());
        assert_eq!(library.nearest("Noto Sans Mtah", 1), ["Noto Sans Math"]);
    }
}
