//! The folder a preview (`gongkai serve`) keeps for the next one, `ROOT/.gongkai/preview/`,
//! as the build sees it too.
//!
//! Its files are mostly hard links to the published site's. A link keeps the file it points
//! to on disk, so after a build that replaced much of the site the kept preview would hold
//! the replaced files (at 2,000 disclosures, a new look replaces 470 MB of pages). Such a
//! build therefore removes every file of the kept preview that nothing else links any more;
//! the next preview writes or links them again.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Takes the site's preview folder for one preview: made if missing, and locked (an OS lock,
/// released when the process ends however it ends). None when it cannot be made or another
/// preview holds it.
pub fn hold(root: &Path) -> Option<(PathBuf, File)> {
    let dir = root.join(super::cache::FOLDER).join("preview");
    std::fs::create_dir_all(&dir).ok()?;
    let lock = File::open(&dir).ok()?;
    lock.try_lock().ok()?;
    Some((dir.canonicalize().ok()?, lock))
}

/// After a build that wrote `written` of the site's `total` files: when that is more than a
/// tenth, removes the files of the kept preview that are linked nowhere else. Skipped while a
/// preview runs (it holds the folder) or when there is none.
pub fn trim(root: &Path, written: usize, total: usize) {
    use std::os::unix::fs::MetadataExt;
    let dir = root.join(super::cache::FOLDER).join("preview");
    if written * 10 <= total || !dir.is_dir() {
        return;
    }
    let Some((dir, _lock)) = hold(root) else {
        return;
    };
    let alone: Vec<PathBuf> = walkdir::WalkDir::new(dir.join("site"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter(|e| e.metadata().is_ok_and(|m| m.nlink() == 1))
        .map(walkdir::DirEntry::into_path)
        .collect();
    super::remove::in_parallel(&alone, |p| {
        let _ = std::fs::remove_file(p);
    });
}
