//! SHA256SUMS manifests of each year folder, and `verify`, which checks a published folder
//! against them. The format is the one `sha256sum -c` reads, so the web team can verify
//! without gongkai too.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "SHA256SUMS";

/// Adds a file's line to manifest `text`, as `sha256sum` prints it; the manifest itself is
/// not listed. Lines go in path order (the order of the build's records).
pub fn push_line(text: &mut String, path: &str, sha256: &[u8]) {
    if path != FILE {
        text.push_str(&crate::output::hex(sha256));
        text.push_str("  ");
        text.push_str(path);
        text.push('\n');
    }
}

/// What is wrong with a published folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Changed(PathBuf),
    Missing(PathBuf),
    Extra(PathBuf),
    /// A symlink, FIFO or device where the site has only regular files.
    NotAFile(PathBuf),
    /// A manifest that should be there is not.
    NoManifest(PathBuf),
    /// A manifest line that cannot be read.
    Unreadable(PathBuf, String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Changed(p) => write!(
                f,
                "{}",
                crate::say!("已改动：{}", "changed: {}", p.display())
            ),
            Finding::Missing(p) => {
                write!(f, "{}", crate::say!("缺少：{}", "missing: {}", p.display()))
            }
            Finding::Extra(p) => write!(
                f,
                "{}",
                crate::say!(
                    "多出：{}（清单中没有这个文件）",
                    "extra:   {} (not in the manifest)",
                    p.display()
                )
            ),
            Finding::NotAFile(p) => write!(
                f,
                "{}: {} (符号链接或特殊文件，网站中只应有普通文件)",
                crate::messages::say("不是普通文件", "symlink"),
                p.display()
            ),
            Finding::NoManifest(p) => write!(
                f,
                "{}: {} (缺少清单文件，无法核对；请重新生成网站)",
                crate::messages::say("缺少清单", "no manifest"),
                p.display()
            ),
            Finding::Unreadable(p, why) => write!(
                f,
                "{}",
                crate::say!(
                    "清单 {} 无法读取：{why}；请重新生成网站",
                    "unreadable manifest {}: {why}",
                    p.display()
                )
            ),
        }
    }
}

/// Checks a published folder. The manifest at its root covers every file of the site; the
/// year folders' own manifests (for `sha256sum -c` on one year) are checked as files of it.
/// Without a root manifest (a site built before it existed), each year folder is checked
/// against its own, and a year folder without one is a finding, never skipped.
/// Returns the folders checked and what was found.
pub fn verify(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<Finding>)> {
    let mut findings = Vec::new();
    if std::fs::symlink_metadata(dir.join(FILE)).is_ok_and(|m| m.is_file()) {
        check_folder(dir, dir, &mut findings)?;
        return Ok((vec![dir.to_path_buf()], findings));
    }
    findings.push(Finding::NoManifest(PathBuf::from(FILE)));
    let mut checked = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        let is_year = crate::content::load::is_year(&e.file_name().to_string_lossy());
        if e.file_type()?.is_dir() && is_year {
            folders.push(p);
        }
    }
    folders.sort();
    for folder in folders {
        if std::fs::symlink_metadata(folder.join(FILE)).is_ok_and(|m| m.is_file()) {
            check_folder(dir, &folder, &mut findings)?;
            checked.push(folder);
        } else {
            let rel = folder.strip_prefix(dir).unwrap_or(&folder).join(FILE);
            findings.push(Finding::NoManifest(rel));
        }
    }
    checked.push(dir.to_path_buf());
    Ok((checked, findings))
}

/// Checks every entry under `folder` against `folder/SHA256SUMS`.
fn check_folder(dir: &Path, folder: &Path, findings: &mut Vec<Finding>) -> std::io::Result<()> {
    let shown = |rel: &str| folder.strip_prefix(dir).unwrap_or(folder).join(rel);
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
    let mut present = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let e = e.map_err(std::io::Error::other)?;
        let rel = e
            .path()
            .strip_prefix(folder)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        // The build's marker is written after the manifest, and is not part of the site.
        if rel == FILE
            || rel.is_empty()
            || rel == crate::output::write::MARKER
            || e.file_type().is_dir()
        {
            continue;
        }
        if !e.file_type().is_file() {
            findings.push(Finding::NotAFile(shown(&rel)));
            present.insert(rel);
            continue;
        }
        match listed.get(&rel) {
            None => findings.push(Finding::Extra(shown(&rel))),
            Some(h) => {
                let bytes = std::fs::read(e.path())?;
                if crate::output::write::hex(&Sha256::digest(&bytes)) != *h {
                    findings.push(Finding::Changed(shown(&rel)));
                }
            }
        }
        present.insert(rel);
    }
    for rel in listed.keys() {
        if !present.contains(rel) {
            findings.push(Finding::Missing(shown(rel)));
        }
    }
    Ok(())
}
