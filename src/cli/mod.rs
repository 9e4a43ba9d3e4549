//! The command line: `deckgen DECK.yaml` builds the deck.
//!
//! Exit status everywhere: 0 success (warnings may have been printed),
//! 1 the deck, its files or the output are wrong, 2 a usage error (clap
//! exits with 2 itself).

mod build;
mod progress;
mod report;

use std::process::ExitCode;

use clap::Parser;

/// Turn a YAML deck definition into a PDF slide deck.
#[derive(Debug, Parser)]
#[command(name = "deckgen", version, about)]
struct Cli {
    #[command(flatten)]
    build: build::BuildArgs,

    /// Print errors only: no warnings, progress or summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs deckgen and returns its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    build::main(&cli.build, cli.quiet)
}

/// "2 errors", "1 warning", or nothing for none.
fn counted(count: usize, noun: &str) -> String {
    match count {
        0 => String::new(),
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// Joins the non-empty parts with `, `.
fn listed(parts: &[String]) -> String {
    let parts: Vec<&str> = parts
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(", ")
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
