//! Taking files of the published site into a build unchanged, for the build cache: the
//! stamps that tell a file is still the one written, and the links that take it over.

use super::{BuildError, Output, fail};
use std::path::{Path, PathBuf};

/// A file written, with what identifies that very file on disk (see [`Output::reuse`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    /// Relative to the site root.
    pub path: String,
    pub sha256: String,
    pub len: u64,
    pub ino: u64,
    pub mtime_ns: i128,
}

/// What tells one file on disk from another and from itself changed: size, inode and
/// modification time in nanoseconds (as git's index keeps them).
pub fn stamp_of(meta: &std::fs::Metadata) -> (u64, u64, i128) {
    use std::os::unix::fs::MetadataExt;
    let mtime = i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec());
    (meta.len(), meta.ino(), mtime)
}

/// Whether two stats are of one file (the same inode on the same disk).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

impl Output {
    /// The published site's folder: the one a fresh build replaces, or the live one.
    pub fn published_dir(&self) -> &Path {
        self.published()
    }

    fn published(&self) -> &Path {
        (self.reuse_from.as_deref())
            .or(self.target.as_deref())
            .unwrap_or(&self.dir)
    }

    /// Live mode: files [`Output::reuse`] takes come from the built site in `from`.
    pub fn reuse_from(&mut self, from: PathBuf) {
        self.reuse_from = Some(from);
    }

    /// Takes `files` of the published site into this build unchanged, if each is still the
    /// very file that was written (same size, inode and modification time): in fresh mode
    /// as hard links into the new folder, in live mode where they are. Returns false, with
    /// nothing recorded, when any is missing or different; files already linked are then
    /// replaced by whatever the build writes instead.
    pub fn reuse(&self, files: &[FileStamp]) -> bool {
        let mut linked = Vec::with_capacity(files.len());
        for f in files {
            let (Ok(from), Ok(to)) = (
                self.inside(self.published(), &f.path),
                self.inside(&self.dir, &f.path),
            ) else {
                return false;
            };
            let meta = std::fs::symlink_metadata(&from);
            let Some(meta) = meta
                .ok()
                .filter(|m| m.file_type().is_file() && stamp_of(m) == (f.len, f.ino, f.mtime_ns))
            else {
                return false;
            };
            if self.target.is_none() && self.reuse_from.is_some() {
                // A preview folder kept from the last preview may hold this very file.
                if std::fs::symlink_metadata(&to).is_ok_and(|m| same_file(&m, &meta)) {
                    continue;
                }
                // A preview's folder may have a file there already: replaced, as any write.
                let copied = self.replace(&to, |part| {
                    let _ = std::fs::remove_file(part);
                    std::fs::hard_link(&from, part)
                        .or_else(|_| std::fs::copy(&from, part).map(|_| ()))
                        .map_err(|e| fail("cannot write", part, e))
                });
                if copied.is_err() {
                    return false;
                }
            } else if self.target.is_some() {
                // Kept from the replaced site (see `recycle`): already this very file.
                if self
                    .leftovers
                    .as_ref()
                    .is_some_and(|l| l.is(&f.path, f.ino))
                {
                    linked.push(to);
                    continue;
                }
                if self.leftovers.as_ref().is_some_and(|l| l.holds(&f.path)) {
                    let _ = std::fs::remove_file(&to);
                }
                let linked_now = match std::fs::hard_link(&from, &to) {
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        to.parent()
                            .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
                            && std::fs::hard_link(&from, &to).is_ok()
                    }
                    r => r.is_ok(),
                };
                if !linked_now {
                    for p in linked {
                        let _ = std::fs::remove_file(p);
                    }
                    return false;
                }
                linked.push(to);
            }
        }
        self.reused
            .fetch_add(files.len(), std::sync::atomic::Ordering::Relaxed);
        for f in files {
            self.record(&f.path, &super::unhex(&f.sha256), f.len);
        }
        true
    }

    /// Where a file this build wrote (or took over) is, to read it back.
    pub fn written(&self, rel: &str) -> Result<PathBuf, BuildError> {
        self.inside(&self.dir, rel)
    }

    /// The files written under `prefix`, with their stamps, for the cache.
    pub fn stamps_under(&self, prefix: &str) -> Result<Vec<FileStamp>, BuildError> {
        self.stamps_where(prefix, |_| true)
    }

    /// As [`Output::stamps_under`], of the files whose path past `prefix` `keep` accepts.
    pub fn stamps_where(
        &self,
        prefix: &str,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<FileStamp>, BuildError> {
        Ok(self
            .records_under(prefix)?
            .into_iter()
            .filter(|r| keep(&r.path[prefix.len()..]))
            .filter_map(|r| {
                let meta = std::fs::symlink_metadata(self.dir.join(&r.path)).ok()?;
                let (len, ino, mtime_ns) = stamp_of(&meta);
                Some(FileStamp {
                    path: r.path,
                    sha256: r.sha256,
                    len,
                    ino,
                    mtime_ns,
                })
            })
            .collect())
    }
}
