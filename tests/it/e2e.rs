//! Runs the browser end-to-end checks of tests/e2e/run.mjs (navigation, console errors,
//! sorting, search, axe-core accessibility audit, screenshots of every page type) against the
//! example site. Needs Node.js, `npm ci --prefix tests/e2e` and Chromium; without them the test
//! says it was skipped — except in CI, where `.ci/run` installs them and a skip is a failure.

use crate::common::{chromium, public_dir, putuo_public_dir};
use std::path::Path;
use std::process::Command;

#[test]
fn every_page_type_in_a_real_browser() {
    run_e2e("jiyuan", &public_dir());
}

/// The same checks over the 9-table 普陀 example: its page template, narrative and tables.
#[test]
fn every_page_type_of_the_putuo_profile_in_a_real_browser() {
    run_e2e("putuo", &putuo_public_dir());
}

fn run_e2e(example: &str, site: &Path) {
    let Some(chrome) = chromium() else { return };
    let Some(e2e) = crate::common::node_e2e() else {
        return;
    };
    let mut shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
    if example != "jiyuan" {
        shots.push(example);
    }
    let out = Command::new("node")
        .arg(e2e.join("run.mjs"))
        .arg(site)
        .arg(&shots)
        .env("GONGKAI_CHROMIUM", &chrome)
        .env("GONGKAI_E2E_EXAMPLE", example)
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
    // The 普陀 example has a 部门决算 and a 单位预算: their pages are walked and audited too.
    if example == "putuo" {
        assert!(stdout.contains("ok final: axe 0 findings"), "{stdout}");
        // And a unit's 单位预算 page.
        assert!(stdout.contains("ok unit: axe 0 findings"), "{stdout}");
    }
}
