//! One build at a time per output folder. Two builds into one folder would remove each
//! other's working folders and swap in a mix; the second one refuses instead, at once and
//! in words the clerk can act on. The lock is an OS file lock (`File::try_lock`), so it is
//! released when the process ends, even when it is killed: a stale lock file never blocks.

use super::site::BuildError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Locks `.NAME.lock` beside the output folder `out`; the lock lasts as long as the file.
pub fn acquire(parent: &Path, name: &str, out: &Path) -> Result<File, BuildError> {
    let path = parent.join(format!(".{name}.lock"));
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| BuildError::Failed(format!("无法创建锁文件 {}：{e}", path.display())))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(TryLockError::WouldBlock) => Err(BuildError::Failed(format!(
            "另一个 gongkai 正在生成 {}；请等它完成后再运行（两次生成同时写同一个文件夹会互相破坏）",
            out.display()
        ))),
        Err(TryLockError::Error(e)) => Err(BuildError::Failed(format!(
            "无法锁定 {}：{e}",
            path.display()
        ))),
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
        let Err(BuildError::Failed(msg)) = acquire(dir.path(), "public", &out) else {
            panic!("the second build must be refused");
        };
        assert!(msg.contains("另一个 gongkai 正在生成"), "{msg}");
        drop(first);
        assert!(acquire(dir.path(), "public", &out).is_ok(), "free again");
    }
}
