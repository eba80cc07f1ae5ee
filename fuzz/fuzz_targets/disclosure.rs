//! One disclosure from arbitrary bytes through the whole pipeline: load → check → (when the
//! checks pass, as in a build) derive → render → write, by `gongkai::output::build` itself.
//!
//! Every outcome but a panic, a hang or a sanitizer report is fine: most inputs are refused
//! by the loader with a problem. An input that loads and passes its checks must also build,
//! since the build runs the same load and checks.

#![no_main]

use gongkai::check::Severity;
use gongkai::output::{BuildOptions, build};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SHOWN: &str = "content/2024/085.yaml";

/// A site folder with the example's settings and glossary; the input is written as its
/// one disclosure. Kept for the whole run, under `GONGKAI_FUZZ_DIR` (which `run.sh` makes
/// in memory and removes afterwards) or the temporary folder.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = std::env::var_os("GONGKAI_FUZZ_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let root = base.join(format!("gongkai-fuzz-{}", std::process::id()));
        let content = root.join("content");
        std::fs::create_dir_all(content.join("2024")).unwrap();
        std::fs::write(
            content.join("site.yaml"),
            include_str!("../../content/site.yaml"),
        )
        .unwrap();
        std::fs::write(
            content.join("glossary.yaml"),
            include_str!("../../content/glossary.yaml"),
        )
        .unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(d) = gongkai::content::load::disclosure_from_bytes(data.to_vec(), Path::new(SHOWN)) else {
        return;
    };
    let diagnostics = gongkai::check::check_disclosure(&d, None);
    if diagnostics.iter().any(|x| x.severity == Severity::Error) {
        return;
    }
    let root = site();
    std::fs::write(root.join(SHOWN), data).unwrap();
    if let Err(e) = build(root, &root.join("public"), &BuildOptions::default()) {
        panic!("loaded and checked, but the build failed:\n{e}");
    }
});
