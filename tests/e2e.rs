//! Runs the browser end-to-end checks of tests/e2e/run.mjs (navigation, console errors,
//! sorting, search, axe-core accessibility audit, screenshots of every page type) against the
//! example site. Needs Node.js, `npm ci --prefix tests/e2e` and Chromium; without them the test
//! says it was skipped — except in CI, where `.ci/run` installs them and a skip is a failure.

mod common;

use common::{chromium, public_dir, repo_root};
use std::process::Command;

#[test]
fn every_page_type_in_a_real_browser() {
    let Some(chrome) = chromium() else { return };
    let e2e = repo_root().join("tests/e2e");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok || !e2e.join("node_modules/playwright-core").is_dir() {
        let why = "Node.js or tests/e2e/node_modules missing (run `npm ci --prefix tests/e2e`)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{why}; CI must run the browser tests");
        }
        eprintln!("skipped: {why}");
        return;
    }
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
    let out = Command::new("node")
        .arg(e2e.join("run.mjs"))
        .arg(public_dir())
        .arg(&shots)
        .env("GONGKAI_CHROMIUM", &chrome)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("PASS: 0 problems"), "{stdout}");
    assert!(
        stdout.contains("ok navigation, sorting, search"),
        "{stdout}"
    );
}
