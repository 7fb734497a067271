//! The browser journeys (`e2e/journeys.js`) as part of the test suite: log in, browse the
//! organisation, import with a bad row, the demo's results in Swedish and English, and a
//! respondent answering on a phone-sized window by keyboard alone, resuming after closing the
//! page; axe-core checks every page for WCAG 2.1 A and AA.
//!
//! Needs Node, the system Chromium (`/usr/bin/chromium`, or `MOGNAD_CHROMIUM`) and
//! `npm ci` in `e2e/`; without them the test is skipped locally and fails under `CI=true`.

use std::path::Path;
use std::process::Command;

#[test]
fn browser_journeys_pass_with_no_accessibility_violations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let chromium = std::env::var("MOGNAD_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ready = Path::new(&chromium).exists()
        && root.join("e2e/node_modules/playwright-core").exists()
        && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        assert!(
            std::env::var("CI").is_err(),
            "CI must provide node, {chromium} and e2e/node_modules (npm ci)"
        );
        eprintln!("skipped: needs node, {chromium} and `npm ci` in e2e/");
        return;
    }
    let out = Command::new("node")
        .arg(root.join("e2e/journeys.js"))
        .arg(env!("CARGO_BIN_EXE_mognad"))
        .output()
        .expect("running node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    assert!(out.status.success(), "browser journeys failed:\n{text}");
}
