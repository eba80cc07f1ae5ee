//! `gongkai archive YEAR`: one year of the site as a single zip file that opens offline.
//!
//! The year is built on its own (home, year, department and disclosure pages, assets,
//! downloads, manifest), so every link inside the archive resolves inside it. Entries carry a
//! fixed timestamp, so the same content gives the same archive bytes.

use crate::site::{self, BuildError, BuildOptions};
use std::io::Write;
use std::path::Path;

pub fn archive(root: &Path, year: u16, file: &Path) -> Result<usize, BuildError> {
    let work = tempfile::tempdir()
        .map_err(|e| BuildError::Failed(format!("cannot create a temporary folder: {e}")))?;
    let out = work.path().join(format!("gongkai-{year}"));
    let opts = BuildOptions {
        only_year: Some(year),
        progress: false,
    };
    let report = site::build(root, &out, &opts)?;
    if report.disclosures == 0 {
        return Err(BuildError::Failed(format!(
            "there are no disclosures for {year} to archive"
        )));
    }
    let fail = |e: &dyn std::fmt::Display| {
        BuildError::Failed(format!("cannot write {}: {e}", file.display()))
    };
    let partial = file.with_extension("zip.partial");
    let f = std::fs::File::create(&partial).map_err(|e| fail(&e))?;
    let mut zip = zip::ZipWriter::new(f);
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
    std::fs::rename(&partial, file).map_err(|e| fail(&e))?;
    Ok(n)
}
