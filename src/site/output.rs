//! Writing the site: into a fresh folder beside the target, swapped in only on success.
//!
//! A build killed or failing at any point leaves the previous site as it was; the new
//! folder is removed when the writer is dropped without `commit`.

use super::BuildError;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as gongkai output, so a build never replaces a folder it did not write.
pub const MARKER: &str = ".gongkai-site";

/// A file written, for manifests and the summary.
#[derive(Debug, Clone)]
pub struct Record {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub sha256: String,
    pub len: u64,
}

pub struct Output {
    out: PathBuf,
    tmp: PathBuf,
    /// Working files that are not part of the site (e.g. fragments of per-year downloads).
    scratch: PathBuf,
    records: Mutex<Vec<Record>>,
    committed: bool,
}

fn fail(what: &str, p: &Path, e: std::io::Error) -> BuildError {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem, StorageFull};
    let hint = match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => {
            "\n  hint: gongkai builds the new site in a folder beside the output folder and then swaps it in, so the folder that holds the output folder must be writable: check its permissions (and that its disk is not mounted read-only), or choose another --out"
        }
        StorageFull => {
            "\n  hint: the disk is full; while it builds, gongkai keeps the previous site and writes a complete new copy beside it, so it needs room for both: free some space, or choose another --out on a disk with room"
        }
        _ => "",
    };
    BuildError::Failed(format!("{what} {}: {e}{hint}", p.display()))
}

impl Output {
    /// Prepares a new folder next to `out`.
    pub fn begin(out: &Path) -> Result<Output, BuildError> {
        if out.exists()
            && !out.join(MARKER).exists()
            && std::fs::read_dir(out)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            return Err(BuildError::Failed(format!(
                "{} exists and was not written by gongkai; refusing to replace it (choose another --out or empty it)",
                out.display()
            )));
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| fail("cannot create", &parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        recover(&parent, &name, out);
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.new-{pid}"));
        let scratch = parent.join(format!(".{name}.scratch-{pid}"));
        for d in [&tmp, &scratch] {
            let _ = std::fs::remove_dir_all(d);
            std::fs::create_dir_all(d).map_err(|e| fail("cannot create", d, e))?;
        }
        Ok(Output {
            out: out.to_path_buf(),
            tmp,
            scratch,
            records: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Writes one file of the site. `rel` is built from validated codes; it is checked
    /// again here so that nothing can ever land outside the output folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let p = self.inside(&self.tmp, rel)?;
        // Most files go into a folder that already exists; creating it only when the write
        // says it is missing saves two system calls per file, for tens of thousands of files.
        let written = match std::fs::write(&p, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = p.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
                }
                std::fs::write(&p, bytes)
            }
            r => r,
        };
        written.map_err(|e| fail("cannot write", &p, e))?;
        self.record(rel, Sha256::digest(bytes).as_slice(), bytes.len() as u64);
        Ok(())
    }

    /// Writes one file of the site from parts, hashing as it goes. A year's all-departments
    /// CSV runs to hundreds of megabytes at provincial scale; held whole in memory it would
    /// make the build's memory grow with the number of departments.
    pub fn write_parts(
        &self,
        rel: &str,
        parts: impl IntoIterator<Item = Result<Vec<u8>, BuildError>>,
    ) -> Result<(), BuildError> {
        let p = self.inside(&self.tmp, rel)?;
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
        }
        let file = std::fs::File::create(&p).map_err(|e| fail("cannot write", &p, e))?;
        let mut w = std::io::BufWriter::new(file);
        let mut hash = Sha256::new();
        let mut len = 0;
        for part in parts {
            let part = part?;
            hash.update(&part);
            len += part.len() as u64;
            w.write_all(&part)
                .map_err(|e| fail("cannot write", &p, e))?;
        }
        w.flush().map_err(|e| fail("cannot write", &p, e))?;
        self.record(rel, hash.finalize().as_slice(), len);
        Ok(())
    }

    fn record(&self, rel: &str, sha256: &[u8], len: u64) {
        let rec = Record {
            path: rel.to_owned(),
            sha256: hex(sha256),
            len,
        };
        self.records.lock().expect("records lock").push(rec);
    }

    /// A path for working files that are not published.
    pub fn scratch(&self, rel: &str) -> Result<PathBuf, BuildError> {
        let p = self.inside(&self.scratch, rel)?;
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
        }
        Ok(p)
    }

    fn inside(&self, base: &Path, rel: &str) -> Result<PathBuf, BuildError> {
        let rp = Path::new(rel);
        if rel.is_empty() || !rp.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(BuildError::Failed(format!(
                "refusing to write outside the output folder: {rel:?}"
            )));
        }
        Ok(base.join(rp))
    }

    /// Files written so far, sorted by path.
    pub fn records(&self) -> Vec<Record> {
        let mut r = self.records.lock().expect("records lock").clone();
        r.sort_by(|a, b| a.path.cmp(&b.path));
        r
    }

    /// Swaps the new folder in for the old one.
    pub fn commit(mut self) -> Result<(), BuildError> {
        self.write(MARKER, b"built by gongkai\n")?;
        let parent = self.tmp.parent().expect("tmp has a parent").to_path_buf();
        let name = self
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if self.out.exists() {
            std::fs::rename(&self.out, &old)
                .map_err(|e| fail("cannot move aside", &self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.out) {
            let _ = std::fs::rename(&old, &self.out);
            return Err(fail("cannot move into place", &self.out, e));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        let _ = std::fs::remove_dir_all(&self.scratch);
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.scratch);
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Cleans up after a build that was killed: a half-written new folder is removed, and if the
/// kill came between moving the old site aside and moving the new one in, the old site is put
/// back, so the published folder is never left missing.
fn recover(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let Some(file) = p.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(rest) = file.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        if rest.starts_with("old-") && !out.exists() && p.join(MARKER).exists() {
            let _ = std::fs::rename(&p, out);
        } else if rest.starts_with("new-")
            || rest.starts_with("scratch-")
            || rest.starts_with("old-")
        {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    /// The messages of the failures the fault tests cannot always cause (a full disk needs
    /// a small file system; root ignores permissions).
    #[test]
    fn disk_failures_say_what_to_do() {
        let p = Path::new("/srv/site/.public.new-1/2024/085/index.html");
        let full = fail("cannot write", p, Error::from(ErrorKind::StorageFull)).to_string();
        assert!(
            full.contains("/srv/site/.public.new-1/2024/085/index.html"),
            "{full}"
        );
        assert!(
            full.contains("the disk is full") && full.contains("free some space"),
            "{full}"
        );
        // EROFS, as the system reports it.
        let ro = fail("cannot create", p, Error::from_raw_os_error(30)).to_string();
        assert!(ro.contains("Read-only file system"), "{ro}");
        assert!(ro.contains("must be writable"), "{ro}");
        let denied = fail("cannot create", p, Error::from(ErrorKind::PermissionDenied));
        assert!(
            denied.to_string().contains("choose another --out"),
            "{denied}"
        );
    }
}
