//! Embedded ICC profiles: kept only when they describe the image's colours
//! and a colour engine can use them. A profile that Ghostscript or poppler
//! cannot use makes them drop the picture or draw it wrong, so one that
//! moxcms (the colour engine `image` uses) cannot read, or cannot build a
//! transform to sRGB from, is left out with a note.

use moxcms::{ColorProfile, Layout, TransformOptions};

use super::ColorSpace;

/// `profile` if it is a usable ICC profile for `color` (for a palette, of
/// the RGB colours in the table). A profile for another colour space is
/// left out silently: deckgen's own conversions (to gray, say) make those.
/// An unusable one is left out with a note in `notes`.
pub(super) fn usable(
    profile: Option<Vec<u8>>,
    color: &ColorSpace,
    notes: &mut Vec<String>,
) -> Option<Vec<u8>> {
    let profile = profile?;
    let wanted: &[u8] = match color {
        ColorSpace::Gray => b"GRAY",
        ColorSpace::Rgb | ColorSpace::Indexed(_) => b"RGB ",
        ColorSpace::Cmyk => b"CMYK",
    };
    if profile.get(16..20) != Some(wanted) {
        return None;
    }
    match check(&profile, color) {
        Ok(()) => Some(profile),
        Err(reason) => {
            notes.push(format!("left out its ICC profile ({reason})"));
            None
        }
    }
}

/// Reads `profile` and builds a transform from it to sRGB.
fn check(profile: &[u8], color: &ColorSpace) -> Result<(), String> {
    let failed = |err: moxcms::CmsError| {
        let text = err.to_string();
        let mut chars = text.chars();
        chars
            .next()
            .map(|first| first.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    };
    let parsed = ColorProfile::new_from_slice(profile).map_err(failed)?;
    let layout = match color {
        ColorSpace::Gray => Layout::Gray,
        ColorSpace::Rgb | ColorSpace::Indexed(_) => Layout::Rgb,
        // CMYK needs lookup tables, which the build of moxcms may leave out:
        // reading the profile is the check.
        ColorSpace::Cmyk => return Ok(()),
    };
    parsed
        .create_transform_8bit(
            layout,
            &ColorProfile::new_srgb(),
            Layout::Rgb,
            TransformOptions::default(),
        )
        .map(drop)
        .map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_must_match_the_colour_space_and_be_usable() {
        let srgb = ColorProfile::new_srgb().encode().unwrap();
        let mut notes = Vec::new();
        let indexed = ColorSpace::Indexed(vec![]);
        assert_eq!(
            usable(Some(srgb.clone()), &indexed, &mut notes).as_ref(),
            Some(&srgb)
        );
        assert_eq!(
            usable(Some(srgb.clone()), &ColorSpace::Cmyk, &mut notes),
            None
        );
        assert_eq!(
            usable(Some(vec![0; 20]), &ColorSpace::Gray, &mut notes),
            None
        );
        assert!(
            notes.is_empty(),
            "profiles of other spaces are left silently"
        );

        // A header that names RGB over a body that is no profile.
        let mut broken = srgb[..128].to_vec();
        broken[..4].copy_from_slice(&128u32.to_be_bytes());
        assert_eq!(usable(Some(broken), &ColorSpace::Rgb, &mut notes), None);
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with("left out its ICC profile ("),
            "{notes:?}"
        );
    }
}
