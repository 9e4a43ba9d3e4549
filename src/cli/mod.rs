//! The command line: `deckgen DECK.yaml` builds, and subcommands check a
//! deck, watch it, start one, and describe deckgen to editors and shells.
//!
//! Exit status everywhere: 0 success (warnings may have been printed),
//! 1 the deck, its files or the output are wrong, 2 a usage error (clap
//! exits with 2 itself).

mod args;
mod build;
mod check;
mod check_json;
mod fonts;
mod import;
mod init;
mod output;
mod progress;
mod report;
mod rows;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Turn a YAML or Markdown deck definition into a PDF slide deck.
#[derive(Debug, Parser)]
#[command(
    name = "deckgen",
    version,
    about,
    subcommand_negates_reqs = true,
    override_usage = "deckgen [OPTIONS] <DECK>\n       deckgen [--quiet] <COMMAND> [ARGS]",
    after_help = "A deck file named like a command (`check`, say) is built with `deckgen ./check`."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    build: args::BuildArgs,

    /// Print errors only: no warnings, progress, summary or table.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report every problem a build would, and how sharp each image comes
    /// out on screen and in print, without writing a PDF.
    Check(check::CheckArgs),
    /// Start a deck in DIR: a commented deck.yaml showing every key, a
    /// picture, the deck's JSON Schema and a .gitignore for out/.
    Init {
        /// The folder to start the deck in; created if needed.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// List the font families a deck can name: built in, installed, and in
    /// DECKGEN_FONT_PATH.
    Fonts(fonts::FontsArgs),
    /// Write the YAML deck a Markdown deck (Pandoc or Marp conventions)
    /// stands for: it builds the same pages, with every deckgen key open to it.
    Import(import::ImportArgs),
    /// Print the JSON Schema of the deck format, for editors.
    Schema,
    /// Print a completion script for SHELL, as in
    /// `deckgen completions bash > /etc/bash_completion.d/deckgen`.
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print deckgen's manual page (roff), as in `deckgen man | man -l -`.
    Man,
}

/// Runs deckgen and returns its exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() && cli.build != args::BuildArgs::default() {
        let message =
            "a deck and build options go without a command, as in `deckgen talk.yaml -o talk.pdf`";
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, message)
            .exit();
    }
    match cli.command {
        None => build_or_watch(&cli.build, cli.quiet),
        Some(Command::Check(args)) => check::main(&args, cli.quiet),
        Some(Command::Init { dir }) => init::main(&dir, cli.quiet),
        Some(Command::Fonts(args)) => fonts::main(&args),
        Some(Command::Import(args)) => import::main(&args, cli.quiet),
        Some(Command::Schema) => {
            let schema = crate::model::deck_schema();
            print_out(&format!("{schema:#}\n"))
        }
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "deckgen", &mut script);
            print_out(&String::from_utf8_lossy(&script))
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => print_out(&String::from_utf8_lossy(&page)),
                Err(err) => fail(&format!("cannot write the manual page ({err})")),
            }
        }
    }
}

/// Builds once, or watches with `--watch`.
fn build_or_watch(args: &args::BuildArgs, quiet: bool) -> ExitCode {
    let build = match build::Build::new(args) {
        Ok(build) => build,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if args.watch {
        watch::main(&build, quiet)
    } else {
        build::once(&build, quiet)
    }
}

/// The image size limit on the command line, for builds and `check`.
#[derive(Debug, Default, PartialEq, clap::Args)]
pub(super) struct PixelLimit {
    /// Refuse images of more than this many megapixels before decoding
    /// them (overrides the deck's `theme.max_megapixels`) [default: 100].
    #[arg(long, value_name = "MP", value_parser = megapixels)]
    pub max_megapixels: Option<f64>,

    /// The same limit in pixels, as earlier versions took it.
    #[arg(long, value_name = "PIXELS", hide = true, conflicts_with = "max_megapixels",
        value_parser = clap::value_parser!(u64).range(1..))]
    pub max_image_pixels: Option<u64>,
}

impl PixelLimit {
    /// The limit the command line sets, in pixels, if any.
    pub fn pixels(&self) -> Option<u64> {
        self.max_megapixels
            .map(crate::image::pixels_of)
            .or(self.max_image_pixels)
    }
}

/// Whether pictures may be downloaded, for builds and `check`.
#[derive(Debug, Default, PartialEq, clap::Args)]
pub(super) struct Downloads {
    /// Download nothing: take `https://` pictures only from the cache an
    /// earlier run filled (DECKGEN_CACHE_DIR, else the user's cache folder).
    #[arg(long)]
    pub offline: bool,
}

impl Downloads {
    pub fn network(&self) -> crate::image::Network {
        if self.offline {
            crate::image::Network::Offline
        } else {
            crate::image::Network::Online
        }
    }
}

/// Reads `--max-megapixels`: a number in [`crate::model::MEGAPIXELS`].
fn megapixels(value: &str) -> Result<f64, String> {
    let range = crate::model::MEGAPIXELS;
    value
        .parse::<f64>()
        .ok()
        .filter(|megapixels| range.contains(megapixels))
        .ok_or_else(|| format!("give megapixels from {} to {}", range.start(), range.end()))
}

/// Writes `text` to standard output; a closed pipe is a failure.
fn print_out(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&format!(
            "cannot write to standard output ({})",
            crate::diag::io_reason(&err)
        )),
    }
}

/// Prints `deckgen: message` and returns status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("deckgen: {message}");
    ExitCode::from(1)
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
