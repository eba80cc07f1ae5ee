//! Which files under `content/YEAR/` are disclosures, and which are reported rather than
//! silently skipped: one file per department-year, lower-case `.yaml`/`.yml`, a regular file
//! (a symlink could publish a file from elsewhere, a FIFO or device would hang the reader).

use crate::content::problem::Problem;
use std::collections::BTreeMap;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// What a directory entry under a year folder is.
pub enum Kind {
    Disclosure,
    /// Not content (FROZEN, notes, editor files): left alone.
    Other,
    /// Looks like content but cannot be read as such.
    Refused(String),
}

/// Classifies an entry by its name and its own file type (not following links).
pub fn classify(name: &str, ft: FileType) -> Kind {
    if name.starts_with('.') {
        return Kind::Other;
    }
    let Some((_, ext)) = name.rsplit_once('.') else {
        return Kind::Other;
    };
    let lower = ext.to_ascii_lowercase();
    if lower != "yaml" && lower != "yml" {
        return Kind::Other;
    }
    if ext != lower {
        return Kind::Refused(format!(
            "扩展名「.{ext}」须写成小写「.{lower}」，否则这个文件不会被发布"
        ));
    }
    if ft.is_symlink() {
        return Kind::Refused("这是一个符号链接；部门文件须是普通文件，不能指向别处的文件".into());
    }
    if !ft.is_file() {
        return Kind::Refused(
            "这不是普通文件（而是文件夹、管道或设备）；部门文件须是普通文件".into(),
        );
    }
    Kind::Disclosure
}

/// Problems for department-years given by more than one file (`099.yaml` and `099.yml`).
pub fn duplicates(root: &Path, files: &[PathBuf]) -> Vec<Problem> {
    let mut by_code: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for f in files {
        let code = f
            .file_stem()
            .map(|s| s.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        by_code.entry(code).or_default().push(f);
    }
    by_code
        .values()
        .filter(|fs| fs.len() > 1)
        .map(|fs| {
            let names: Vec<String> = fs
                .iter()
                .map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string())
                .collect();
            Problem::new(
                fs[0].strip_prefix(root).unwrap_or(fs[0]),
                format!(
                    "同一部门同一年度有 {} 个文件：{}",
                    fs.len(),
                    names.join("、")
                ),
            )
            .hint("每个部门每年只能有一个文件：保留正确的一个，删除或移走其余的")
        })
        .collect()
}
