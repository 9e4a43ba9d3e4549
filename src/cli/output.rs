//! The files a run writes: where they go by default, and writing them
//! atomically, so a failed run never leaves a broken or clobbered file.
//! Shared by builds and `deckgen import`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::io_reason;
use crate::layout::PaperLayout;
use crate::Output;

/// One file a run writes.
pub(super) struct OutputFile<'a> {
    pub(super) path: PathBuf,
    /// What it is, for messages: "the PDF".
    pub(super) what: &'static str,
    pub(super) bytes: &'a [u8],
}

/// `out/<stem>.pdf` in the deck's folder; `<stem>-handout.pdf` and
/// `<stem>-notes.pdf` for paper, so printing never replaces the slides.
pub(super) fn default_output(deck: &Path, output: Output) -> PathBuf {
    let mut name = deck
        .file_stem()
        .map_or_else(|| "deck".into(), |s| s.to_os_string());
    name.push(match output {
        Output::Slides { .. } => "",
        Output::Paper {
            layout: PaperLayout::Handout(_),
            ..
        } => "-handout",
        Output::Paper {
            layout: PaperLayout::NotesPages,
            ..
        } => "-notes",
    });
    // Appended, not `with_extension`, so `talk.v2.yaml` gives `talk.v2.pdf`.
    name.push(".pdf");
    // Beside a bare `talk.yaml`, the parent is empty and the path stays `out/talk.pdf`.
    deck.parent()
        .unwrap_or(Path::new(""))
        .join("out")
        .join(name)
}

/// Writes each file to a temporary file beside it, then renames them all
/// into place: readers see the old files or the new ones, never half of
/// one, and nothing is renamed unless every file was written whole.
pub(super) fn write_atomically(files: &[OutputFile]) -> Result<(), (PathBuf, String)> {
    let mut written = Vec::new();
    for file in files {
        let temp = write_temporary(file).map_err(|message| (file.path.clone(), message))?;
        written.push((file, temp));
    }
    for (file, temp) in written {
        temp.persist(&file.path).map_err(|err| {
            let message = format!("cannot write {} ({})", file.what, io_reason(&err.error));
            (file.path.clone(), message)
        })?;
    }
    Ok(())
}

/// `file`'s bytes in a temporary file in its folder, synced to disk.
fn write_temporary(file: &OutputFile) -> Result<tempfile::NamedTempFile, String> {
    let folder = crate::folder_of(&file.path);
    if !folder.is_dir() {
        return Err(format!(
            "the output folder `{}` does not exist",
            folder.display()
        ));
    }
    let fail = |err: std::io::Error| format!("cannot write {} ({})", file.what, io_reason(&err));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".deckgen-").suffix(".tmp");
    // Temporary files are private by default; output gets the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder).map_err(fail)?;
    temp.write_all(file.bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(temp)
}

/// Whether two paths name the same existing file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
