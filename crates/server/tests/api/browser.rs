//! Headless Chromium for the tests of the emailed-link pages: `tests/browser/walk.mjs` drives
//! Debian's Chromium through playwright-core and reports each page it saw. Panics with what to
//! do when Chromium or the package is missing: tests never skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// A step of a walk (see `walk.mjs`).
pub fn open(url: &str) -> Value {
    json!({ "open": url })
}

pub fn fill(selector: &str, value: &str) -> Value {
    json!({ "fill": selector, "value": value })
}

pub fn submit() -> Value {
    json!({ "submit": "button[type=submit]" })
}

pub fn screenshot(path: &Path) -> Value {
    json!({ "screenshot": path })
}

/// Runs `steps` in a new browser whose language is `locale` (`ko-KR`): every page it opened or
/// submitted into, in order.
pub fn walk(locale: &str, steps: &[Value]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/walk.mjs");
    let config = json!({
        "executablePath": chromium(),
        "locale": locale,
        "steps": steps,
    });
    let output = Command::new("node")
        .arg(&script)
        .arg(config.to_string())
        .env(
            "ACCOUNT_TEST_NODE_MODULES",
            account_test_support::node_modules("playwright-core"),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Node 20 and use scripts/test"));
    let printed = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(printed.trim()).unwrap_or_else(|_| {
        panic!(
            "the browser walk printed no report:\n{printed}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(
        output.status.success() && report.get("error").is_none(),
        "the browser walk failed: {report:#}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    report["pages"].as_array().cloned().unwrap_or_default()
}

/// `ACCOUNT_TEST_CHROMIUM` (set by `scripts/test`), else Debian's `/usr/bin/chromium`.
fn chromium() -> PathBuf {
    let path = std::env::var("ACCOUNT_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "no Chromium at {}: run the tests with scripts/test, which installs Debian's chromium, \
         chromium-driver and fonts-nanum (scripts/test-servers/browser-tools)",
        path.display()
    );
    path
}

/// Where a page's screenshot goes: `ACCOUNT_PAGES_SCREENSHOTS` (set it to `docs/screenshots`
/// to renew the pictures the docs show), else `dir`.
pub fn screenshot_path(dir: &Path, name: &str) -> PathBuf {
    std::env::var("ACCOUNT_PAGES_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| dir.to_owned())
        .join(format!("{name}.png"))
}

/// Whether `path` holds a PNG picture of some size.
pub fn is_png(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.len() > 1000 && bytes.starts_with(b"\x89PNG"))
}
