//! `gongkai archive YEAR`: one year of the site as a single zip file that opens offline.
//!
//! The year is built on its own (home, year, department and disclosure pages, assets,
//! downloads, manifest), so every link inside the archive resolves inside it. Entries carry a
//! fixed timestamp, so the same content gives the same archive bytes.

use crate::output::{self as site, BuildError, BuildOptions};
use std::io::Write;
use std::path::Path;

/// Written into every archive's zip comment: an existing `--out` file is replaced only when
/// it carries it, so `archive` never overwrites a file it did not write.
const COMMENT: &str = "gongkai archive";

/// Refuses an `--out` that is a symlink, not a regular file, or a file gongkai did not write.
fn check_target(file: &Path) -> Result<(), BuildError> {
    let Ok(meta) = std::fs::symlink_metadata(file) else {
        return Ok(());
    };
    let ours = meta.is_file()
        && zip::ZipArchive::new(std::io::BufReader::new(
            std::fs::File::open(file).map_err(|e| BuildError::Failed(e.to_string()))?,
        ))
        .is_ok_and(|z| z.comment() == COMMENT.as_bytes());
    if ours {
        return Ok(());
    }
    Err(BuildError::Failed(format!(
        "{} 已经存在，且不是 gongkai 生成的归档文件；gongkai 不会覆盖它（请用 --out 指定另一个文件名）",
        file.display()
    )))
}

pub fn archive(root: &Path, year: u16, file: &Path) -> Result<usize, BuildError> {
    check_target(file)?;
    let work = tempfile::tempdir().map_err(|e| {
        BuildError::Failed(crate::say!(
            "无法创建临时文件夹：{e}",
            "cannot create a temporary folder: {e}"
        ))
    })?;
    let out = work.path().join(format!("gongkai-{year}"));
    let opts = BuildOptions {
        only_year: Some(year),
        ..BuildOptions::default()
    };
    let report = site::build(root, &out, &opts)?;
    if report.disclosures == 0 {
        return Err(BuildError::Failed(crate::say!(
            "{year} 年没有可归档的公开文件：content/{year}/ 下还没有部门文件",
            "there are no disclosures for {year} to archive"
        )));
    }
    let fail = |e: &dyn std::fmt::Display| {
        BuildError::Failed(crate::say!(
            "无法写入 {}：{e}",
            "cannot write {}: {e}",
            file.display()
        ))
    };
    // Written beside the target under a fresh name, then renamed: nothing else is touched.
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let partial = tempfile::Builder::new()
        .prefix(".gongkai-archive-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    let mut zip = zip::ZipWriter::new(partial.reopen().map_err(|e| fail(&e))?);
    zip.set_comment(COMMENT).map_err(|e| fail(&e))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let prefix = format!("gongkai-{year}");
    let mut n = 0;
    for e in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let e = e.map_err(|e| fail(&e))?;
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&out)
            .unwrap_or(e.path())
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(format!("{prefix}/{rel}"), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&std::fs::read(e.path()).map_err(|e| fail(&e))?)
            .map_err(|e| fail(&e))?;
        n += 1;
    }
    zip.finish().map_err(|e| fail(&e))?;
    check_target(file)?;
    // A temporary file is private (0600); an archive is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(partial.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail(&e))?;
    }
    partial.persist(file).map_err(|e| fail(&e.error))?;
    Ok(n)
}
