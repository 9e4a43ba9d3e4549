//! `theme.extends`: theme files, each a YAML mapping of theme keys, read in
//! a chain. Every problem in a theme file is reported at its place in that
//! file, and paths written in it resolve against its folder.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::diag::io_reason;
use crate::files::{self, FileError, FileKind};
use crate::source;

use super::keys::check_theme_keys;
use super::raw::RawTheme;
use super::validate::{span, Checker};

/// One theme file of the chain, read.
pub(super) struct ThemeFile {
    pub raw: RawTheme,
    /// The file as messages name it.
    pub shown: PathBuf,
    /// Its folder, which its paths resolve against.
    pub dir: PathBuf,
}

impl Checker<'_> {
    /// The theme files `extends` names, nearest first: the file it names,
    /// the file that one extends, and so on. A file that cannot be read or
    /// that closes a cycle is an error at the `extends` naming it, and ends
    /// the chain.
    pub(super) fn theme_files(&mut self, extends: Option<Spanned<String>>) -> Vec<ThemeFile> {
        let mut files: Vec<ThemeFile> = Vec::new();
        let mut chain: Vec<PathBuf> = vec![canonical(self.shown)];
        let mut next =
            extends.map(|value| (value, self.shown.to_path_buf(), self.deck_dir.to_path_buf()));
        while let Some((value, named_in, dir)) = next.take() {
            let written = value.value.trim();
            let at = Some(span(&value));
            if written.is_empty() {
                let message = "`extends` is empty (give a path to a theme file)";
                self.diagnostics.error(&named_in, at, message);
                break;
            }
            // `./company.yaml` reads as `company.yaml` in messages.
            let path = if dir == Path::new(".") {
                PathBuf::from(written)
            } else {
                dir.join(written)
            };
            let text = match read(&path) {
                Ok(text) => text,
                Err(reason) => {
                    let message = format!("cannot read theme file `{written}` ({reason})");
                    self.diagnostics.error(&named_in, at, message);
                    break;
                }
            };
            let identity = canonical(&path);
            if chain.contains(&identity) {
                let message = format!(
                    "theme file `{written}` extends itself (`extends` goes round in a circle)"
                );
                self.diagnostics.error(&named_in, at, message);
                break;
            }
            chain.push(identity);
            self.diagnostics.add_source(&path, &text);
            if !check_theme_keys(&text, &path, self.diagnostics) {
                let message =
                    "cannot check this theme file's keys (is it a mapping of theme keys?)";
                self.diagnostics.error(&path, None, message);
            }
            // A file that does not parse stays in the chain, so `--watch`
            // follows it, but sets nothing.
            let parsed = parse(&text, &path, self.diagnostics);
            let read = parsed.is_some();
            let mut raw = parsed.unwrap_or_default();
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            next = raw
                .extends
                .take()
                .filter(|_| read)
                .map(|value| (value, path.clone(), dir.clone()));
            files.push(ThemeFile {
                raw,
                shown: path,
                dir,
            });
        }
        files
    }
}

/// The theme in `text`; an empty file is a theme with no keys.
fn parse(text: &str, shown: &Path, diagnostics: &mut crate::diag::Diagnostics) -> Option<RawTheme> {
    let has_content = text
        .lines()
        .any(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
    if has_content {
        source::parse(text, shown, diagnostics)
    } else {
        Some(RawTheme::default())
    }
}

/// The text of the theme file at `path`, or why not.
fn read(path: &Path) -> Result<String, String> {
    let bytes = files::read(path, FileKind::Theme).map_err(|refused| match refused {
        FileError::Folder => "it is a folder, not a file".to_string(),
        FileError::NotRegular => "it is not a regular file".to_string(),
        FileError::TooLarge { kind, .. } => {
            format!("it is larger than {} MB", kind.largest() / (1024 * 1024))
        }
        FileError::Io(err) => io_reason(&err),
    })?;
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".into())
}

/// The one name of a file however it is reached, to find cycles.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
