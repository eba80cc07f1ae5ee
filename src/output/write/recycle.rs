//! The site a build replaced, kept to become the next build's new folder.
//!
//! A warm build takes most of the published site over as hard links into a new folder. At
//! ten thousand disclosures that is 170,000 links and 10,000 folders made, then as many
//! unlinked with the replaced site — on two cores about four seconds, most of a warm
//! build. Yet the replaced site is, file for file, nearly the new one: its files are the
//! same inodes as the published ones wherever they did not change. So it is kept (in the
//! cache folder, under the site root) and the next build starts from it: a file whose
//! inode is already the published file's stays; any other is unlinked before its path is
//! written or linked; what the build neither writes nor reuses is removed before the swap.
//! Nothing in it is trusted: a kept file stays only when it is the very published file the
//! cache vouches for.
//!
//! The published site is never touched: the kept folder is never the one served, and
//! swapping stays one rename.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use walkdir::DirEntryExt;

/// What the adopted folder held when the build started.
pub(super) struct Leftovers {
    /// Files by path relative to the folder (`/` separators), with their inodes.
    files: HashMap<String, u64>,
    /// Folders, with their depth.
    dirs: Vec<(usize, String)>,
}

impl Leftovers {
    /// Whether the folder held a file at `rel` when the build started.
    pub(super) fn holds(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// Whether the file at `rel` is, since the build started, the file with inode `ino`.
    pub(super) fn is(&self, rel: &str, ino: u64) -> bool {
        self.files.get(rel) == Some(&ino)
    }

    /// Removes from `dir` every file and folder the build did not write or reuse, so that
    /// the folder is the site the build made and nothing else. `written` calls its argument
    /// with each path the build wrote.
    pub(super) fn remove_stale<E>(
        &self,
        dir: &Path,
        written: impl FnOnce(&mut dyn FnMut(&str)) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stale: HashSet<&str> = self.files.keys().map(String::as_str).collect();
        let mut needed: HashSet<String> = HashSet::new();
        written(&mut |rel| {
            stale.remove(rel);
            let mut at = rel;
            while let Some((parent, _)) = at.rsplit_once('/') {
                if needed.contains(parent) {
                    break;
                }
                needed.insert(parent.to_owned());
                at = parent;
            }
        })?;
        let stale: Vec<PathBuf> = stale.into_iter().map(|rel| dir.join(rel)).collect();
        super::super::remove::in_parallel(&stale, |p| {
            let _ = std::fs::remove_file(p);
        });
        let mut dirs: Vec<&(usize, String)> = (self.dirs.iter())
            .filter(|(_, rel)| !needed.contains(rel.as_str()))
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
        for (_, rel) in dirs {
            // What holds something still (a file a reuse linked and gave up) stays out of
            // the way: the build failed to take it, so it cannot be written over either.
            let _ = std::fs::remove_dir_all(dir.join(rel));
        }
        Ok(())
    }
}

/// Moves the kept folder `spare`, if any, to `dir` (which must not exist) and lists it.
/// None when there is none or it cannot be moved (another disk): `dir` is then missing.
pub(super) fn adopt(spare: &Path, dir: &Path) -> Option<Leftovers> {
    if !spare.is_dir() {
        return None;
    }
    if std::fs::rename(spare, dir).is_err() {
        super::super::remove::remove_tree(spare);
        return None;
    }
    let mut left = Leftovers {
        files: HashMap::new(),
        dirs: Vec::new(),
    };
    for e in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().into_owned();
        if e.file_type().is_dir() {
            left.dirs.push((e.depth(), rel));
        } else {
            left.files.insert(rel, e.ino());
        }
    }
    Some(left)
}

/// After the swap: keeps the replaced site `old` as `spare` when at least half of the new
/// site's files were taken over from it (`reused` of `total`), else removes it. What it
/// costs on disk is the files that changed, which is then less than half the site; a
/// build that rewrote most files (a template changed, `--fresh`) would otherwise leave a
/// whole second copy of the site on disk.
pub(super) fn keep_or_remove(old: &Path, spare: Option<&Path>, reused: usize, total: usize) {
    let worth = reused * 2 >= total;
    // One that was not taken (`--fresh`, or left by a build killed before it) is stale.
    if let Some(spare) = spare.filter(|s| s.exists()) {
        super::super::remove::remove_tree(spare);
    }
    if let Some(spare) = spare.filter(|_| worth) {
        let placed = spare
            .parent()
            .is_some_and(|p| std::fs::create_dir_all(p).is_ok())
            && std::fs::rename(old, spare).is_ok();
        if placed {
            return;
        }
    }
    super::super::remove::remove_tree(old);
}

/// A failed or refused build: its new folder becomes the kept one again (whatever it holds,
/// the next build checks every file), so failing costs no removal of a whole site.
pub(super) fn give_back(dir: &Path, spare: &Path) -> bool {
    !spare.exists() && std::fs::rename(dir, spare).is_ok()
}
