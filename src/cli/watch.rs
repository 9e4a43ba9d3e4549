//! `deckgen DECK.yaml --watch`: build, then build again whenever the deck
//! or a file it names changes, until Ctrl-C.
//!
//! The folders holding those files are watched, not the files, so an
//! editor that saves by writing a new file and renaming it over the old
//! one is seen, and so is a file the deck names before it exists. A failed
//! build writes nothing, so the last good PDF stays in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diag::{Diagnostics, Severity};

use super::build::{Build, Outcome};
use super::progress::Bar;
use super::report::{self, problems, Shown};

/// Quiet time after a change before building: editors save in several
/// steps (write, rename, touch), and one build should follow them all.
const SETTLE: Duration = Duration::from_millis(150);

/// What wakes the watch loop.
enum Signal {
    Changed(notify::Result<notify::Event>),
    /// Ctrl-C (or SIGTERM).
    Stop,
}

/// Builds, then rebuilds on every change until stopped; exits 0 when stopped.
pub(super) fn main(build: &Build, quiet: bool) -> ExitCode {
    let (sender, signals) = mpsc::channel();
    let stop = sender.clone();
    if let Err(err) = ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    }) {
        return super::fail(&format!("cannot catch Ctrl-C ({err})"));
    }
    let watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(Signal::Changed(event));
    });
    let mut watch = match watcher {
        Ok(watcher) => Watch {
            watcher,
            folders: BTreeSet::new(),
            inputs: Vec::new(),
        },
        Err(err) => return super::fail(&format!("cannot watch files ({err})")),
    };
    let mut session = Session {
        build,
        quiet,
        built_once: false,
    };
    // The deck's folder is watched before the first build, so no edit is missed.
    watch.follow(&[build.deck.to_path_buf()]);
    let (outcome, summary) = session.rebuild(None);
    watch.follow(&outcome.inputs);
    session.print(&summary);
    if !quiet {
        eprintln!(
            "watching {} and the files it names; press Ctrl-C to stop",
            build.deck.display()
        );
    }
    loop {
        let changed = match signals.recv() {
            Ok(Signal::Changed(Ok(event))) => watch.changed_input(&event),
            Ok(Signal::Changed(Err(err))) => {
                let message = format!("cannot watch for changes ({err})");
                report::print_one(Severity::Warning, build.deck, message, false);
                None
            }
            Ok(Signal::Stop) | Err(_) => return ExitCode::SUCCESS,
        };
        let Some(changed) = changed else { continue };
        if !settled(&signals) {
            return ExitCode::SUCCESS;
        }
        let (outcome, summary) = session.rebuild(Some(&changed));
        // Watched before the build's line is out: whoever reads it may
        // change a file the deck just named.
        watch.follow(&outcome.inputs);
        session.print(&summary);
    }
}

/// Waits until no event has come for [`SETTLE`]; false when stopped meanwhile.
fn settled(signals: &Receiver<Signal>) -> bool {
    loop {
        match signals.recv_timeout(SETTLE) {
            Ok(Signal::Changed(_)) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The builds of one watch.
struct Session<'a> {
    build: &'a Build<'a>,
    quiet: bool,
    /// Whether a PDF has been written, which a failed build then keeps.
    built_once: bool,
}

impl Session<'_> {
    /// Builds once and prints its problems; returns what it did and the
    /// line that says so, with its time.
    fn rebuild(&mut self, changed: Option<&Path>) -> (Outcome, Summary) {
        let started = Instant::now();
        let mut diagnostics = Diagnostics::new();
        let bar = Bar::start(!self.quiet);
        let outcome = self.build.run(&mut diagnostics, &bar);
        bar.finish();
        report::print(&diagnostics, Shown::on_stderr(self.quiet, false));
        let cause =
            changed.map_or_else(String::new, |path| format!("{} changed; ", path.display()));
        let took = format!("{:.2} s", started.elapsed().as_secs_f64());
        let summary = match &outcome.written {
            Some(written) => {
                self.built_once = true;
                Summary::Built(format!(
                    "{cause}{} in {took}",
                    written.summary(&diagnostics)
                ))
            }
            None => {
                let kept = if self.built_once {
                    format!(
                        "kept {} from the last good build",
                        self.build.output().display()
                    )
                } else {
                    "no PDF written".to_string()
                };
                Summary::Failed(format!(
                    "{cause}deckgen: {}; {kept} ({took})",
                    problems(&diagnostics)
                ))
            }
        };
        (outcome, summary)
    }

    /// Prints a build's line; with `--quiet`, only a failure's.
    fn print(&self, summary: &Summary) {
        match summary {
            Summary::Built(line) if !self.quiet => eprintln!("{line}"),
            Summary::Built(_) => {}
            Summary::Failed(line) => eprintln!("{line}"),
        }
    }
}

/// The line that ends a build.
enum Summary {
    Built(String),
    Failed(String),
}

/// The watched folders and the files in them that matter.
struct Watch {
    watcher: notify::RecommendedWatcher,
    folders: BTreeSet<PathBuf>,
    /// Each input as the deck names it, and as an absolute path (which is
    /// how events name files).
    inputs: Vec<(PathBuf, PathBuf)>,
}

impl Watch {
    /// Watches the folders of `inputs`, and only those.
    fn follow(&mut self, inputs: &[PathBuf]) {
        self.inputs = inputs
            .iter()
            .map(|input| (input.clone(), absolute(input)))
            .collect();
        let wanted: BTreeSet<PathBuf> = self
            .inputs
            .iter()
            .filter_map(|(_, path)| nearest_folder(path))
            .collect();
        for gone in self.folders.difference(&wanted) {
            let _ = self.watcher.unwatch(gone);
        }
        for new in wanted.difference(&self.folders) {
            if let Err(err) = self.watcher.watch(new, RecursiveMode::NonRecursive) {
                let message = format!("cannot watch this folder ({err})");
                report::print_one(Severity::Warning, new, message, false);
            }
        }
        self.folders = wanted;
    }

    /// The input an event changed, as the deck names it: a file itself, or
    /// a missing folder on its way that now appeared. Reading a file (our
    /// own build does) changes nothing.
    fn changed_input(&self, event: &notify::Event) -> Option<PathBuf> {
        if matches!(event.kind, EventKind::Access(_)) {
            return None;
        }
        event.paths.iter().find_map(|changed| {
            self.inputs.iter().find_map(|(named, path)| {
                let on_its_way = path.starts_with(changed) && !self.folders.contains(changed);
                (path == changed || on_its_way).then(|| named.clone())
            })
        })
    }
}

/// `path` made absolute through its folder's real location, as a watcher
/// of that folder names the files in it.
fn absolute(path: &Path) -> PathBuf {
    let folder = crate::folder_of(path);
    match (folder.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// The folder holding `path`, or the nearest one on its way that exists.
fn nearest_folder(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|folder| folder.is_dir())
        .map(Path::to_path_buf)
}
