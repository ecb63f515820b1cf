//! `devices import FILE` on a large file: a progress bar when a person watches (stderr is a
//! terminal, given here by util-linux's `script`), and the summary alone when piped.

use std::path::Path;
use std::process::Command;

use crate::binary::operator;

const ROWS: usize = 2500;

fn write_inventory(path: &Path) {
    let mut csv = String::from("serial_code,mac_id,unique_id\n");
    for i in 0..ROWS {
        csv.push_str(&format!("SL2{i:07},{i:04X},unique-{i}\n"));
    }
    std::fs::write(path, csv).expect("write the inventory");
}

/// Runs `devices import big.csv` with a terminal for stdin, stdout and stderr; what it drew.
fn import_on_a_terminal(dir: &Path) -> String {
    let command = format!(
        "{} devices import big.csv",
        env!("CARGO_BIN_EXE_account-service")
    );
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm")
        .env("RUST_LOG", "warn")
        .output()
        .expect("`script` (util-linux, apt-get install bsdutils) gives the command a terminal");
    let drawn = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{drawn}");
    drawn
}

#[test]
fn a_large_import_shows_its_progress_on_a_terminal_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_inventory(&dir.path().join("big.csv"));

    let drawn = import_on_a_terminal(dir.path());
    for stored in [1000, 2000, 2500] {
        assert!(
            drawn.contains(&format!("{stored}/{ROWS} devices stored")),
            "{stored}: {drawn}"
        );
    }
    let summary = drawn.rsplit("\x1b[2K").next().unwrap_or_default();
    assert!(
        summary.starts_with(&format!("created {ROWS}, already present 0")),
        "the bar is cleared before the summary: {summary:?}"
    );

    let (ok, printed) = operator(dir.path(), &["devices", "import", "big.csv"]);
    assert!(ok, "{printed}");
    assert!(
        printed.starts_with(&format!(
            "created 0, already present {ROWS}\n  row 1: SL20000000 exists (serial_code)\n"
        )),
        "{printed:.200}"
    );
    assert!(!printed.contains("devices stored"), "no bar when piped");
    assert!(!printed.contains('\x1b'), "no terminal codes when piped");
}
