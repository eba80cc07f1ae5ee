//! Where a preview is built: `ROOT/.gongkai/preview/`, kept from one preview to the next.
//!
//! A preview of a built archive takes most of its files from the build by hard link; making
//! tens of thousands of links and folders, and removing them all again on exit, was most of
//! the time a preview took to start (and freed inodes slow the next `mkdir`s down further).
//! Kept, the next preview finds its files already in place: a file that is still the very
//! file of the build (same inode) stays, anything else is written again, and what the new
//! preview does not write is removed once it is built. The folder sits under `.gongkai/`
//! beside the build cache, on the disk of the site, so that its links to `public/` work
//! (a system `/tmp` is often another disk, or memory).
//!
//! One preview holds the folder at a time, by an OS lock on it (released when the process
//! ends, however it ends). A second preview of the same site, or a site whose `.gongkai/`
//! cannot be written, builds into a temporary folder instead, removed when it stops. A
//! build that replaced much of the site removes what the kept folder alone still holds
//! (`output::preview`).

use crate::messages::say;
use std::fs::File;
use std::path::{Path, PathBuf};

pub struct Folder {
    work: Work,
}

enum Work {
    /// The site's own preview folder, locked while `_lock` is held.
    Kept {
        dir: PathBuf,
        _lock: File,
    },
    Temporary(tempfile::TempDir),
}

impl Folder {
    /// The site's preview folder if no other preview holds it, else a temporary one.
    pub fn open(root: &Path) -> Result<Folder, String> {
        let work = match kept(root) {
            Some(w) => w,
            None => Work::Temporary(
                tempfile::Builder::new()
                    .prefix("gongkai-serve-")
                    .tempdir()
                    .map_err(|e| {
                        let what = say("无法创建预览文件夹", "cannot create the preview folder");
                        format!("{what}: {e}")
                    })?,
            ),
        };
        let folder = Folder { work };
        // Working files of a preview that was killed are of no use: its year downloads
        // are joined from what this preview puts there.
        let _ = std::fs::remove_dir_all(folder.scratch());
        Ok(folder)
    }

    fn path(&self) -> &Path {
        match &self.work {
            Work::Kept { dir, .. } => dir,
            Work::Temporary(t) => t.path(),
        }
    }

    /// The folder the site is built into and served from.
    pub fn site(&self) -> PathBuf {
        self.path().join("site")
    }

    /// The build's working files.
    pub fn scratch(&self) -> PathBuf {
        self.path().join("scratch")
    }

    /// Removes what is not kept (the working files; a temporary folder whole) and says so.
    pub fn close(self) {
        let _ = std::fs::remove_dir_all(self.scratch());
        let shown = self.site().display().to_string();
        match self.work {
            Work::Kept { .. } => eprintln!(
                "{}",
                crate::say!(
                    "已停止；预览文件夹 {shown} 留到下次预览再用（其中的文件大多与已生成的网站共用，几乎不占空间；不需要时可以删除）",
                    "stopped; kept the preview folder {shown} for the next preview"
                )
            ),
            Work::Temporary(t) => {
                drop(t);
                eprintln!(
                    "{}",
                    crate::say!(
                        "已停止；预览文件夹 {shown} 已删除",
                        "stopped; removed the preview folder {shown}"
                    )
                );
            }
        }
    }
}

/// `ROOT/.gongkai/preview/`, locked, if it can be made and no other preview holds it.
fn kept(root: &Path) -> Option<Work> {
    let (dir, lock) = crate::output::preview::hold(root)?;
    Some(Work::Kept { dir, _lock: lock })
}
