//! A progress bar on standard error for builds that take a while: shown
//! only on a terminal, and only once a build has run for half a second, so
//! quick builds print nothing but their result.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its bar appears.
const SHOW_AFTER: Duration = Duration::from_millis(500);
/// How often a shown bar redraws, so its clock moves during a long step.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// The bar of one build; hidden unless the build takes a while.
pub struct Bar {
    bar: ProgressBar,
    /// Set once the build is over, so a late timer does not show the bar.
    finished: Arc<Mutex<bool>>,
}

impl Bar {
    /// A hidden bar that shows itself after [`SHOW_AFTER`] when `wanted`
    /// and standard error is a terminal.
    pub fn start(wanted: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
            .expect("the template is valid")
            .progress_chars("=> ");
        bar.set_style(style);
        let finished = Arc::new(Mutex::new(false));
        if wanted && std::io::stderr().is_terminal() {
            let (bar, finished) = (bar.clone(), Arc::clone(&finished));
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AFTER);
                let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
                if !*finished {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(REDRAW_EVERY);
                }
            });
        }
        Bar { bar, finished }
    }

    /// Ends the build's bar and clears it from the terminal.
    pub fn finish(&self) {
        let mut finished = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        *finished = true;
        self.bar.finish_and_clear();
    }
}

impl crate::Progress for Bar {
    fn steps(&self, steps: usize) {
        self.bar.set_length(steps as u64);
    }

    fn step(&self, what: &str) {
        self.bar.inc(1);
        self.bar.set_message(what.to_string());
    }
}
