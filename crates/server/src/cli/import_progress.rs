//! The progress bar of `account-service devices import FILE`: on stderr, drawn only when stderr
//! is a terminal and the file takes more than one batch, so piped and logged output stays the
//! summary alone.

use std::io::IsTerminal;

use account_domain::devices::MAX_PROVISION_BATCH;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar for `rows` rows, hidden unless a person is watching a large import.
pub fn bar(rows: usize) -> ProgressBar {
    if rows <= MAX_PROVISION_BATCH || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(rows as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} devices stored, {eta} left")
            .expect("a valid template"),
    );
    bar
}

/// Moves the bar to `stored` rows; the last batch clears it, before the summary is printed.
pub fn advance(bar: &ProgressBar, stored: usize) {
    bar.set_position(stored as u64);
    if Some(stored as u64) == bar.length() {
        bar.finish_and_clear();
    }
}
