//! `deckgen fonts`: the font families a deck can name, built in and
//! installed, as text or JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::text::{FontFile, FontLibrary, BUILTIN_FAMILIES};

use super::print_out;

/// What listing fonts takes.
#[derive(Debug, Args)]
pub(super) struct FontsArgs {
    /// Print one JSON document (families, their styles and files) for tools.
    #[arg(long)]
    pub json: bool,

    /// List only the built-in fonts and those in `DECKGEN_FONT_PATH`.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// Lists the families; installed ones with their styles.
pub(super) fn main(args: &FontsArgs) -> ExitCode {
    let sources = super::args::font_sources(args.no_system_fonts);
    let mut library = FontLibrary::new(&sources);
    let installed: Vec<(String, Vec<FontFile>)> = library
        .families()
        .into_iter()
        .map(|family| {
            let faces = library.faces(&family);
            (family, faces)
        })
        .filter(|(_, faces)| !faces.is_empty())
        .collect();
    if args.json {
        let builtin: Vec<_> = BUILTIN_FAMILIES
            .iter()
            .map(|family| json!({ "family": family, "source": "built-in", "faces": [] }))
            .collect();
        let installed = installed.iter().map(|(family, faces)| {
            let faces: Vec<_> = faces
                .iter()
                .map(|face| {
                    json!({
                        "style": style_name(face),
                        "weight": face.weight,
                        "italic": face.italic,
                        "path": face.path.display().to_string(),
                        "index": face.index,
                    })
                })
                .collect();
            json!({ "family": family, "source": "installed", "faces": faces })
        });
        let families: Vec<_> = builtin.into_iter().chain(installed).collect();
        return print_out(&format!("{:#}\n", json!({ "families": families })));
    }
    let mut out = String::new();
    for family in BUILTIN_FAMILIES {
        let _ = writeln!(out, "{family} (built in)");
    }
    for (family, faces) in &installed {
        let mut styles: Vec<String> = faces.iter().map(style_name).collect();
        styles.dedup();
        let _ = writeln!(out, "{family} ({})", styles.join(", "));
    }
    print_out(&out)
}

/// `Regular`, `Bold Italic`: the style as a font name would end.
fn style_name(face: &FontFile) -> String {
    let weight = match face.weight {
        0..=149 => "Thin",
        150..=249 => "ExtraLight",
        250..=349 => "Light",
        350..=449 => "Regular",
        450..=549 => "Medium",
        550..=649 => "SemiBold",
        650..=749 => "Bold",
        750..=849 => "ExtraBold",
        _ => "Black",
    };
    match (weight, face.italic) {
        ("Regular", true) => "Italic".to_string(),
        (weight, true) => format!("{weight} Italic"),
        (weight, false) => weight.to_string(),
    }
}
