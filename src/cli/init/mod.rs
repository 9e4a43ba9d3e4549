//! `deckgen init [DIR]`: a starter deck that builds at once: a commented
//! `deck.yaml` showing every key, the picture it shows, the deck format's
//! JSON Schema for editors, and a `.gitignore` for the built PDF.
//!
//! Nothing is written unless every file is new.

use std::fs::OpenOptions;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use image::{ImageFormat, Rgb, RgbImage};

use crate::diag::{io_reason, Severity};

use super::report::print_one;

/// The starter deck; its first line points editors at the schema.
const STARTER_DECK: &str = include_str!("deck.yaml");
/// Where the starter deck looks for its schema, beside it.
const SCHEMA_FILE: &str = "deck.schema.json";
/// The picture the starter deck shows.
const PICTURE_FILE: &str = "images/picture.png";
/// The picture's size: 16:9, sharp on a full-HD screen across most of the slide.
const PICTURE_SIZE: (u32, u32) = (1600, 900);

/// Writes the starter deck into `dir`; refuses if any of its files exists.
pub(super) fn main(dir: &Path, quiet: bool) -> ExitCode {
    let files = match starter_files() {
        Ok(files) => files,
        Err(message) => return super::fail(&message),
    };
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.exists())
        .collect();
    if !existing.is_empty() {
        for path in &existing {
            print_one(Severity::Error, path, "already exists".into(), quiet);
        }
        eprintln!("deckgen: init writes only new files; nothing written (choose an empty folder)");
        return ExitCode::from(1);
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        if let Err(err) = write_new(&path, bytes) {
            let message = format!("cannot write ({})", io_reason(&err));
            print_one(Severity::Error, &path, message, quiet);
            return ExitCode::from(1);
        }
    }
    if !quiet {
        let names: Vec<String> = files
            .iter()
            .map(|(name, _)| dir.join(name).display().to_string())
            .collect();
        let deck = dir.join("deck.yaml");
        eprintln!("created {}", names.join(", "));
        eprintln!(
            "next: deckgen {} --watch, and open {} in a PDF viewer",
            deck.display(),
            crate::folder_of(&deck).join("out/deck.pdf").display()
        );
    }
    ExitCode::SUCCESS
}

/// Each file of the starter deck: its path in the deck's folder and its bytes.
fn starter_files() -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let schema = format!("{:#}\n", crate::model::deck_schema());
    Ok(vec![
        ("deck.yaml", STARTER_DECK.as_bytes().to_vec()),
        (SCHEMA_FILE, schema.into_bytes()),
        (PICTURE_FILE, picture()?),
        (".gitignore", b"out/\n".to_vec()),
    ])
}

/// A PNG of a sunrise in the default accent colour: a sky fading from the
/// accent to white, a sun, and a horizon.
fn picture() -> Result<Vec<u8>, String> {
    let (width, height) = PICTURE_SIZE;
    // The default accent `#2f6fde`, a dark blue ground and a yellow sun.
    let (accent, ground, sun_colour) = (
        [47.0, 111.0, 222.0],
        [29.0, 61.0, 122.0],
        [255.0, 200.0, 61.0],
    );
    let sun = (
        f64::from(width) * 0.62,
        f64::from(height) * 0.66,
        f64::from(height) * 0.2,
    );
    let horizon = f64::from(height) * 0.7;
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (x, y) = (f64::from(x), f64::from(y));
        let in_sun = (x - sun.0).hypot(y - sun.1) < sun.2;
        let pixel: [f64; 3] = if y > horizon {
            ground
        } else if in_sun {
            sun_colour
        } else {
            let light = y / horizon;
            accent.map(|channel| channel + (255.0 - channel) * light)
        };
        Rgb(pixel.map(|channel| channel.round() as u8))
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .map_err(|err| format!("cannot make the starter picture ({err})"))?;
    Ok(bytes)
}

/// Writes `bytes` to `path`, which must not exist yet, creating its folder.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_deck_shows_every_key_of_the_schema() {
        fn keys(node: &serde_json::Value, found: &mut Vec<String>) {
            if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
                found.extend(properties.keys().cloned());
            }
            if let Some(children) = node.as_object() {
                children.values().for_each(|child| keys(child, found));
            }
        }
        let mut found = Vec::new();
        keys(&crate::model::deck_schema(), &mut found);
        assert!(found.len() > 30, "{found:?}");
        for key in found {
            assert!(
                STARTER_DECK.contains(&format!("{key}:")),
                "`{key}` is not shown"
            );
        }
    }

    #[test]
    fn the_starter_deck_points_at_its_schema() {
        let first = STARTER_DECK.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={SCHEMA_FILE}")
        );
    }
}
