//! Removing a folder of tens of thousands of files — the site a build replaced — in parallel.
//!
//! Each unlink waits on the file system's journal (about 0.2 ms here), not on the CPU, so one
//! thread removing 34,000 files one after another took 7.4 s where sixteen took 0.5 s. A
//! warm build that links most of the site spends most of its time here otherwise.

use std::path::{Path, PathBuf};

/// How many unlinks are in flight at once.
const THREADS: usize = 16;

/// Removes `dir` and everything under it, never following links; what cannot be removed is
/// left (as `remove_dir_all` would fail on it, the caller only tidies up).
pub fn remove_tree(dir: &Path) {
    let mut files = Vec::new();
    let mut dirs: Vec<(usize, PathBuf)> = Vec::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_dir() {
            dirs.push((e.depth(), e.into_path()));
        } else {
            files.push(e.into_path());
        }
    }
    in_parallel(&files, |p| {
        let _ = std::fs::remove_file(p);
    });
    // Deepest first, each depth in parallel: a folder is empty once those below it are gone.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for depth in dirs.chunk_by(|a, b| a.0 == b.0) {
        let paths: Vec<&PathBuf> = depth.iter().map(|(_, p)| p).collect();
        in_parallel(&paths, |p| {
            let _ = std::fs::remove_dir(p);
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

pub(super) fn in_parallel<T: Sync>(items: &[T], each: impl Fn(&T) + Sync) {
    if items.len() < 64 {
        items.iter().for_each(&each);
        return;
    }
    let per = items.len().div_ceil(THREADS);
    std::thread::scope(|s| {
        for chunk in items.chunks(per) {
            let each = &each;
            s.spawn(move || chunk.iter().for_each(each));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_everything_and_nothing_outside() {
        let base = tempfile::tempdir().unwrap();
        let keep = base.path().join("keep.txt");
        std::fs::write(&keep, "x").unwrap();
        let dir = base.path().join("site");
        for i in 0..200 {
            let d = dir.join(format!("{}/{i}", i % 7));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join("index.html"), "x").unwrap();
        }
        // A link out of the folder is removed as a link; what it points to stays.
        std::os::unix::fs::symlink(base.path(), dir.join("out")).unwrap();
        remove_tree(&dir);
        assert!(!dir.exists());
        assert!(keep.is_file());
    }
}
