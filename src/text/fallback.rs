//! Choosing installed fonts for text the deck's and the built-in fonts
//! cannot draw.
//!
//! The rule, per script (Han, kana and Hangul count as one, CJK):
//! 1. the Noto families of that script (`Noto Sans Devanagari`, `Noto Sans
//!    CJK JP`), sans before serif, the deck's language's CJK variant first,
//!    then shorter names, then by name; the first that covers any of the
//!    characters wins;
//! 2. otherwise the installed family whose regular face covers most of the
//!    characters, ties broken by name.
//!
//! Whatever the chosen face does not cover goes through the rule again.
//! Punctuation and symbols of no one script come last, and go to a font
//! already chosen when it has them (the CJK comma to the CJK font).
//! The result depends only on the characters, the language and the fonts
//! installed, never on the order the machine lists them in.

use std::collections::BTreeMap;

use unicode_script::{Script, UnicodeScript};

use super::library::{FontFile, FontLibrary};
use super::Face;

/// A font chosen for some characters, loaded.
#[derive(Debug, Clone)]
pub struct Chosen {
    pub file: FontFile,
    pub face: Face,
    /// The characters it was chosen for, in order.
    pub chars: Vec<char>,
}

/// Fonts for `missing` (characters no face of the deck draws), in the order
/// of the rule; `language` is the deck's `language` (`ja`, `zh-TW`).
pub fn choose(
    missing: &[char],
    language: &str,
    library: &mut FontLibrary,
    load: &mut dyn FnMut(&FontFile) -> Option<Face>,
) -> Vec<Chosen> {
    let mut groups: BTreeMap<&'static str, Vec<char>> = BTreeMap::new();
    for &c in missing {
        groups.entry(script_name(c)).or_default().push(c);
    }
    // Punctuation and symbols shared by scripts go last: the fonts chosen
    // for a script often have them.
    let shared = [COMMON, INHERITED].map(|name| (name, groups.remove(name)));
    let groups = groups.into_iter().chain(
        shared
            .into_iter()
            .filter_map(|(name, chars)| Some((name, chars?))),
    );
    let families = library.families();
    let mut chosen: Vec<Chosen> = Vec::new();
    for (script, mut chars) in groups {
        chars.retain(|&c| !chosen.iter().any(|pick| pick.face.has_char(c)));
        let preferred = noto_families(&families, script, language, &chars);
        while !chars.is_empty() {
            let Some(pick) = pick(&preferred, &families, &chars, library, load) else {
                break;
            };
            chars.retain(|&c| !pick.face.has_char(c));
            chosen.push(pick);
        }
    }
    chosen
}

fn pick(
    preferred: &[&String],
    families: &[String],
    chars: &[char],
    library: &mut FontLibrary,
    load: &mut dyn FnMut(&FontFile) -> Option<Face>,
) -> Option<Chosen> {
    let mut best: Option<(FontFile, Vec<char>)> = preferred
        .iter()
        .filter_map(|family| library.coverage(family, chars))
        .find(|(_, covered)| !covered.is_empty());
    if best.is_none() {
        // Most coverage; `families` is sorted, so the first of equals wins.
        for family in families {
            if let Some((file, covered)) = library.coverage(family, chars) {
                if covered.len() > best.as_ref().map_or(0, |b| b.1.len()) {
                    best = Some((file, covered));
                }
            }
        }
    }
    let (file, chars) = best?;
    let face = load(&file)?;
    Some(Chosen { file, face, chars })
}

/// The Noto families named for `script`, best first.
fn noto_families<'a>(
    families: &'a [String],
    script: &str,
    language: &str,
    chars: &[char],
) -> Vec<&'a String> {
    let word = if script == CJK { "CJK" } else { script };
    let variant = (script == CJK).then(|| cjk_variant(language, chars));
    let mut found: Vec<&String> = families
        .iter()
        .filter(|family| {
            let mut words = family.split_whitespace();
            words.next() == Some("Noto")
                && matches!(words.next(), Some("Sans" | "Serif"))
                && family.split_whitespace().any(|w| w == word)
        })
        .collect();
    found.sort_by_key(|family| {
        (
            !family.starts_with("Noto Sans"),
            variant.is_some_and(|v| !family.split_whitespace().any(|w| w == v)),
            family.len(),
            family.to_string(),
        )
    });
    found
}

/// The script groups fonts are chosen by.
const CJK: &str = "CJK";
/// Characters of no one script (punctuation, symbols, digits).
const COMMON: &str = "Common";
/// Combining marks that take the script of what they follow.
const INHERITED: &str = "Inherited";

/// The name of the script `c` belongs to, as Noto family names spell it
/// (`Devanagari`, `Arabic`); Han, kana and Hangul are all `CJK`.
fn script_name(c: char) -> &'static str {
    match c.script() {
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            CJK
        }
        script => script.full_name(),
    }
}

/// Which regional CJK family fits: the deck's language says, else the
/// characters do (kana: Japanese, Hangul: Korean, otherwise Simplified Chinese).
fn cjk_variant(language: &str, chars: &[char]) -> &'static str {
    let language = language.to_lowercase();
    match language.as_str() {
        "ja" => "JP",
        "ko" => "KR",
        "zh-tw" | "zh-hant" => "TC",
        "zh-hk" => "HK",
        "zh" | "zh-cn" | "zh-hans" => "SC",
        _ if chars
            .iter()
            .any(|c| matches!(c.script(), Script::Hiragana | Script::Katakana)) =>
        {
            "JP"
        }
        _ if chars.iter().any(|c| c.script() == Script::Hangul) => "KR",
        _ => "SC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_group_as_noto_names_them() {
        assert_eq!(script_name('ह'), "Devanagari");
        assert_eq!(script_name('ب'), "Arabic");
        assert_eq!(script_name('ש'), "Hebrew");
        assert_eq!(script_name('ก'), "Thai");
        assert_eq!(script_name('漢'), CJK);
        assert_eq!(script_name('か'), CJK);
        assert_eq!(script_name('한'), CJK);
    }

    #[test]
    fn noto_of_the_script_sans_first() {
        let families: Vec<String> = [
            "Noto Naskh Arabic",
            "Noto Sans",
            "Noto Sans Arabic",
            "Noto Sans Arabic UI",
            "Noto Serif Devanagari",
            "Noto Sans Devanagari",
            "Noto Sans Devanagari UI",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            noto_families(&families, "Devanagari", "en", &['ह']),
            [
                "Noto Sans Devanagari",
                "Noto Sans Devanagari UI",
                "Noto Serif Devanagari"
            ]
        );
        assert_eq!(
            noto_families(&families, "Arabic", "en", &['ب']),
            ["Noto Sans Arabic", "Noto Sans Arabic UI"]
        );
    }

    #[test]
    fn the_cjk_variant_follows_the_language_then_the_text() {
        let families: Vec<String> = ["Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK SC"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            noto_families(&families, CJK, "ja", &['漢'])[0],
            "Noto Sans CJK JP"
        );
        assert_eq!(
            noto_families(&families, CJK, "en", &['漢'])[0],
            "Noto Sans CJK SC"
        );
        assert_eq!(
            noto_families(&families, CJK, "en", &['漢', 'か'])[0],
            "Noto Sans CJK JP"
        );
        assert_eq!(
            noto_families(&families, CJK, "en", &['한'])[0],
            "Noto Sans CJK KR"
        );
    }
}
