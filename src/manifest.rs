//! SHA256SUMS manifests of each year folder, and `verify`, which checks a published folder
//! against them. The format is the one `sha256sum -c` reads, so the web team can verify
//! without gongkai too.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "SHA256SUMS";

/// Manifest text for files given as (path relative to the year folder, sha256).
pub fn render<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut lines: Vec<String> = files
        .into_iter()
        .filter(|(p, _)| *p != FILE)
        .map(|(p, h)| format!("{h}  {p}\n"))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    lines.concat()
}

/// What is wrong with a published folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Changed(PathBuf),
    Missing(PathBuf),
    Extra(PathBuf),
    /// A manifest line that cannot be read.
    Unreadable(PathBuf, String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Changed(p) => write!(f, "changed: {}", p.display()),
            Finding::Missing(p) => write!(f, "missing: {}", p.display()),
            Finding::Extra(p) => write!(f, "extra:   {} (not in the manifest)", p.display()),
            Finding::Unreadable(p, why) => write!(f, "unreadable manifest {}: {why}", p.display()),
        }
    }
}

/// Checks every folder under `dir` (or `dir` itself) that holds a SHA256SUMS.
/// Returns the folders checked and what was found.
pub fn verify(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<Finding>)> {
    let mut checked = Vec::new();
    let mut findings = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    if dir.join(FILE).is_file() {
        folders.push(dir.to_path_buf());
    }
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() && p.join(FILE).is_file() {
            folders.push(p);
        }
    }
    folders.sort();
    for folder in folders {
        let shown = |rel: &str| folder.strip_prefix(dir).unwrap_or(&folder).join(rel);
        let text = std::fs::read_to_string(folder.join(FILE))?;
        let mut listed: BTreeMap<String, String> = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            match line.split_once("  ") {
                Some((h, p)) if h.len() == 64 => {
                    listed.insert(p.to_owned(), h.to_owned());
                }
                _ => findings.push(Finding::Unreadable(
                    shown(FILE),
                    format!("line {} is not `HASH  PATH`", i + 1),
                )),
            }
        }
        let mut present = Vec::new();
        for e in walkdir::WalkDir::new(&folder).sort_by_file_name() {
            let e = e.map_err(std::io::Error::other)?;
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&folder)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel != FILE {
                    present.push(rel);
                }
            }
        }
        for rel in &present {
            match listed.get(rel) {
                None => findings.push(Finding::Extra(shown(rel))),
                Some(h) => {
                    let bytes = std::fs::read(folder.join(rel))?;
                    if crate::site::hex(&Sha256::digest(&bytes)) != *h {
                        findings.push(Finding::Changed(shown(rel)));
                    }
                }
            }
        }
        for rel in listed.keys() {
            if !present.contains(rel) {
                findings.push(Finding::Missing(shown(rel)));
            }
        }
        checked.push(folder);
    }
    Ok((checked, findings))
}
