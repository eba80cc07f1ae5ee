//! One build at a time per output folder. Two builds into one folder would remove each
//! other's working folders and swap in a mix; the second one refuses instead, within a
//! second and in words the clerk can act on. The lock is an OS lock (`File::try_lock`) on the folder
//! that holds the output folder (where the working folders live too): no lock file is
//! written, it works on a read-only file system, and it is released when the process ends,
//! even when it is killed, so a stale lock never blocks.

use super::BuildError;
use std::fs::{File, TryLockError};
use std::path::Path;

/// Locks `parent`, the folder holding the output folder `out`; the lock lasts as long as
/// the returned handle. Where a folder cannot be opened as a file (Windows), there is no lock.
pub fn acquire(parent: &Path, _name: &str, out: &Path) -> Result<Option<File>, BuildError> {
    let Ok(f) = File::open(parent) else {
        return Ok(None);
    };
    // A lock just released may still be held for a moment by a child process another thread
    // of the same program forked before it could close its copy: wait briefly before
    // taking it for another build.
    let mut tries = 0;
    let taken = loop {
        match f.try_lock() {
            Err(TryLockError::WouldBlock) if tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            r => break r,
        }
    };
    match taken {
        Ok(()) => Ok(Some(f)),
        Err(TryLockError::WouldBlock) => Err(BuildError::Failed(format!(
            "另一个 gongkai 正在生成 {}（或同一文件夹中的另一个网站）；请等它完成后再运行（两次生成同时写同一个文件夹会互相破坏）",
            out.display()
        ))),
        // A file system without locks: build as before.
        Err(TryLockError::Error(_)) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_into_the_same_folder_is_refused_while_the_first_runs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = acquire(dir.path(), "public", &out).expect("first");
        assert!(first.is_some(), "locked");
        let Err(BuildError::Failed(msg)) = acquire(dir.path(), "public", &out) else {
            panic!("the second build must be refused");
        };
        assert!(msg.contains("另一个 gongkai 正在生成"), "{msg}");
        drop(first);
        assert!(
            acquire(dir.path(), "public", &out).is_ok_and(|l| l.is_some()),
            "free again"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no lock file"
        );
    }
}
