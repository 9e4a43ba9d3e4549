//! Draws the sample deck's pictures, one per slide of `deck.yaml`, into `images/`.
//!
//! ```sh
//! cargo run --release --manifest-path illustrate/Cargo.toml            # write images/
//! cargo run --release --manifest-path illustrate/Cargo.toml -- --check # compare with images/, write nothing
//! ```
//!
//! The drawing is deterministic: running it again reproduces the committed files
//! byte for byte. Text is set in the repository's own Noto Sans (`fonts/`), never a
//! system font. A picture's file name picks its format (`.png` or `.jpg`); its
//! [`Finish`](canvas::Finish) makes it opaque, transparent or gray.

mod canvas;
mod chart;
mod draw;
mod pictures;

use std::collections::BTreeSet;
use std::error::Error;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

use plotters::style::{register_font, FontStyle};

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("usage: illustrate [--check] (unknown argument `{other}`)");
            return ExitCode::from(2);
        }
    };
    match run(check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("illustrate: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(check: bool) -> Result<(), Box<dyn Error>> {
    // This crate sits in the repository's `illustrate/` folder.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("illustrate/ has no parent folder")?;
    register_fonts()?;
    let pictures = pictures::all();
    same_pictures_as_deck(&fs::read_to_string(root.join("deck.yaml"))?, &pictures)?;
    let mut stale = Vec::new();
    for picture in &pictures {
        let path = root.join("images").join(picture.file);
        let bytes = picture.encode()?;
        if check {
            if fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                stale.push(picture.file);
            }
        } else {
            fs::write(&path, &bytes)?;
            let (width, height) = picture.size;
            println!(
                "{:>9} bytes  {width}x{height}  images/{}",
                bytes.len(),
                picture.file
            );
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!("differs from what it draws: {}", stale.join(", ")).into())
    }
}

/// Makes Noto Sans from `fonts/` the only font plotters knows.
fn register_fonts() -> Result<(), Box<dyn Error>> {
    let faces: [(FontStyle, &'static [u8]); 2] = [
        (
            FontStyle::Normal,
            include_bytes!("../../fonts/NotoSans-Regular.ttf"),
        ),
        (
            FontStyle::Bold,
            include_bytes!("../../fonts/NotoSans-Bold.ttf"),
        ),
    ];
    for (style, bytes) in faces {
        register_font(draw::FAMILY, style, bytes).map_err(|_| "cannot read a font in fonts/")?;
    }
    Ok(())
}

/// Checks that the deck's `image:` lines name exactly the pictures drawn here.
fn same_pictures_as_deck(deck: &str, pictures: &[canvas::Picture]) -> Result<(), Box<dyn Error>> {
    let used: BTreeSet<&str> = deck
        .lines()
        .filter_map(|line| {
            line.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("image: images/")
        })
        .map(str::trim)
        .collect();
    let drawn: BTreeSet<&str> = pictures.iter().map(|picture| picture.file).collect();
    let missing: Vec<_> = used.difference(&drawn).copied().collect();
    let unused: Vec<_> = drawn.difference(&used).copied().collect();
    if missing.is_empty() && unused.is_empty() {
        return Ok(());
    }
    Err(format!(
        "deck.yaml and the pictures disagree: not drawn {missing:?}, not in the deck {unused:?}"
    )
    .into())
}
