//! `deckgen import talk.md [-o deck.yaml]`: write the YAML deck a
//! Markdown deck stands for, atomically, never over a deck by accident.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::{Diagnostics, Severity};

use super::output::{write_atomically, OutputFile};
use super::report::{self, problems, Shown};

#[derive(Debug, clap::Args)]
pub(super) struct ImportArgs {
    /// The Markdown deck (`.md` or `.markdown`).
    deck: PathBuf,
    /// Where to write the YAML deck. Default: beside the Markdown, with
    /// `.yaml` for its extension (never over a file already there).
    #[arg(short, long, value_name = "DECK.yaml")]
    output: Option<PathBuf>,
}

pub(super) fn main(args: &ImportArgs, quiet: bool) -> ExitCode {
    let mut diagnostics = Diagnostics::new();
    let yaml = crate::import_markdown(&args.deck, &mut diagnostics);
    report::print(&diagnostics, Shown::on_stderr(quiet, false));
    let Some(yaml) = yaml else {
        eprintln!("deckgen: {}; no deck written", problems(&diagnostics));
        return ExitCode::from(1);
    };
    let output = match &args.output {
        Some(output) => output.clone(),
        None => {
            let output = args.deck.with_extension("yaml");
            if output.exists() {
                eprintln!(
                    "deckgen: `{}` already exists (give `-o` to choose where the deck goes); no deck written",
                    output.display()
                );
                return ExitCode::from(1);
            }
            output
        }
    };
    let file = OutputFile {
        path: output.clone(),
        what: "the deck",
        bytes: yaml.as_bytes(),
    };
    if let Err((path, message)) = write_atomically(&[file]) {
        report::print_one(Severity::Error, &path, message, quiet);
        return ExitCode::from(1);
    }
    if !quiet {
        if !same_folder(&args.deck, &output) {
            let message = format!(
                "picture paths stay relative to the folder of {}",
                args.deck.display()
            );
            report::print_one(Severity::Warning, &output, message, quiet);
        }
        eprintln!("deckgen: wrote {}", output.display());
    }
    ExitCode::SUCCESS
}

/// Whether `a` and `b` are in the same folder.
fn same_folder(a: &Path, b: &Path) -> bool {
    let folder = |path: &Path| crate::folder_of(path).canonicalize().ok();
    folder(a) == folder(b)
}
