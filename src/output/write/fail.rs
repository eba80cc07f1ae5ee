//! What a clerk reads when the disk refuses a write: the operation, the path, the system's
//! own words, and what to do about it.

use super::BuildError;
use std::path::Path;

pub(crate) fn fail(what: &str, p: &Path, e: std::io::Error) -> BuildError {
    use crate::messages::say;
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem, StorageFull};
    let hint = match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => say(
            "\n  怎么改: gongkai 先在输出文件夹旁边生成新网站，再换上去，所以存放输出文件夹的那个文件夹必须可写：请检查它的权限（以及所在磁盘是否只读），或用 --out 指定别的位置",
            "\n  hint: gongkai builds the new site in a folder beside the output folder and then swaps it in, so the folder that holds the output folder must be writable: check its permissions (and that its disk is not mounted read-only), or choose another --out",
        ),
        StorageFull => say(
            "\n  怎么改: 磁盘已满；生成时 gongkai 保留原来的网站，并在旁边写一份完整的新网站，所以需要能放下两份的空间：请清理磁盘，或用 --out 指定一个有空间的磁盘",
            "\n  hint: the disk is full; while it builds, gongkai keeps the previous site and writes a complete new copy beside it, so it needs room for both: free some space, or choose another --out on a disk with room",
        ),
        _ => "",
    };
    // The operation in the reader's language; the system's own error text stays as it is.
    let what = match (crate::messages::zh(), what) {
        (true, "cannot create") => "无法创建",
        (true, "cannot write") => "无法写入",
        (true, "cannot replace") => "无法替换",
        (true, "cannot remove") => "无法删除",
        (true, "cannot move aside") => "无法移开",
        (true, "cannot move into place") => "无法移入",
        (_, w) => w,
    };
    BuildError::Failed(format!("{what} {}: {e}{hint}", p.display()))
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
