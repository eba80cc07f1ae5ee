//! The pipeline's shape: `docs/deps.sh` reads the `crate::` paths of every file under `src/`
//! and fails on a circle or on a module that uses a step after its own. Held here so that a
//! new `use` that runs back up fails `cargo test`, and the listing in `docs/design.md` stays
//! the one the script prints.

use crate::common::{repo_root, skip};
use std::path::Path;
use std::process::{Command, Output};

/// Runs `sh docs/deps.sh` of the tree at `root`; `None` (after `skip`) without Perl.
fn deps(root: &Path) -> Option<Output> {
    let perl = Command::new("perl").arg("-v").output();
    if !perl.is_ok_and(|o| o.status.success()) {
        skip("perl missing: docs/deps.sh is a Perl script (Debian package perl)");
        return None;
    }
    Some(
        Command::new("sh")
            .arg(root.join("docs/deps.sh"))
            .output()
            .expect("sh runs"),
    )
}

#[test]
fn no_circle_and_no_arrow_back_up() {
    let Some(out) = deps(repo_root()) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("CIRCLE:") || l.starts_with("UP:"))
        .collect();
    assert!(
        out.status.success() && bad.is_empty(),
        "docs/deps.sh found modules that break the pipeline's order:\n{}\n{}",
        bad.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(text.lines().last(), Some("no circle, no arrow back up"));
}

#[test]
fn the_design_page_lists_the_dependencies_as_they_are() {
    let Some(out) = deps(repo_root()) else {
        return;
    };
    let design = std::fs::read_to_string(repo_root().join("docs/design.md")).unwrap();
    let listing = format!("```\n{}```", String::from_utf8_lossy(&out.stdout));
    assert!(
        design.contains(&listing),
        "docs/design.md's module listing is out of date: paste the output of `sh docs/deps.sh` \
         between the ``` lines under “Module dependencies”"
    );
}

/// The script itself finds what it is there to find: an arrow up and a circle, in a tree
/// made for the purpose.
#[test]
fn the_script_finds_an_arrow_up_and_a_circle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::copy(repo_root().join("docs/deps.sh"), root.join("docs/deps.sh")).unwrap();
    for (file, text) in [
        (
            "src/derive/mod.rs",
            "pub mod a;\nuse crate::render::page;\n",
        ),
        ("src/derive/a.rs", "use crate::derive::b::X;\n"),
        ("src/derive/b.rs", "use crate::derive::a::Y;\n"),
        ("src/render/mod.rs", "pub mod page;\n"),
        ("src/render/page.rs", "use crate::derive::a;\n"),
    ] {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let Some(out) = deps(root) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("UP: derive -> render::page"), "{text}");
    assert!(text.contains("CIRCLE: derive::a <-> derive::b"), "{text}");
}
