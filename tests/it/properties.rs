//! Properties over random valid disclosures: they load, pass every check (so every identity
//! of docs/domain.md holds), build, and render byte for byte the same twice.
//!
//! The disclosures come from the synthetic generator the benchmarks use (its seed, size and
//! years drawn by proptest), with a random free text as the department's name, so that
//! the shapes vary (units, lines, projects, empty tables) and any text goes through.

use crate::common::hashes;

use gongkai::check;
use gongkai::content::load;
use gongkai::output;
use proptest::prelude::*;
use std::path::Path;

/// Gives the first department of the newest year the name `name` (as a YAML double-quoted
/// scalar, which JSON string syntax is); returns its page path.
fn rename(root: &Path, year: u16, name: &str) -> String {
    let dir = root.join("content").join(year.to_string());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let file = &files[0];
    let text = std::fs::read_to_string(file).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("name: "))
        .expect("a name line")
        .to_owned();
    let quoted = serde_json::to_string(name).unwrap();
    std::fs::write(file, text.replacen(&line, &format!("name: {quoted}"), 1)).unwrap();
    let code = file.file_stem().unwrap().to_string_lossy().into_owned();
    format!("{year}/{code}/index.html")
}

/// 32 cases from a fixed seed: each case builds a small site twice, and CI must give the
/// same verdict on every run. `PROPTEST_CASES=N` and `PROPTEST_RNG_SEED=S` explore further.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 32;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(20240526);
    }
    c
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_valid_disclosures_check_clean_and_build_deterministically(
        seed in any::<u64>(),
        departments in 1usize..=3,
        years in 1usize..=2,
        name in "\\PC{1,40}",
    ) {
        let dir = tempfile::Builder::new()
            .prefix("gongkai-prop-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let root = dir.path();
        let o = crate::synth::Options { departments, years, last_year: 2024, seed };
        crate::synth::generate(root, &o).unwrap();
        let page = rename(root, 2024, &name);

        let content = load::load_content(root).unwrap_or_else(|p| panic!("does not load:\n{p}"));
        prop_assert_eq!(content.disclosures.len(), departments * years);
        let report = check::check_site(root).unwrap_or_else(|p| panic!("does not load:\n{p}"));
        prop_assert!(!report.has_errors(), "{}", report.text());

        let opts = output::BuildOptions::default();
        let (a, b) = (root.join("a"), root.join("b"));
        output::build(root, &a, &opts).unwrap_or_else(|e| panic!("build failed:\n{e}"));
        output::build(root, &b, &opts).unwrap_or_else(|e| panic!("second build failed:\n{e}"));
        let (ha, hb) = (hashes(&a), hashes(&b));
        // A page, its JSON, its YAML and 13 table CSVs per disclosure, and the site pages.
        prop_assert!(ha.len() > 16 * departments * years, "{} files", ha.len());
        prop_assert_eq!(ha, hb);

        // The name arrives on its page as text, escaped, whatever it holds.
        let html = std::fs::read_to_string(a.join(&page)).unwrap();
        let escaped = gongkai::render::escape(&name);
        prop_assert!(html.contains(&escaped), "{escaped} not in {page}");
    }
}
