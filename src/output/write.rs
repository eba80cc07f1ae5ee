//! Writing the site, in one of two ways.
//!
//! - Fresh (`gongkai build`): into a new folder beside the target, swapped in only on success.
//!   A build killed or failing at any point leaves the previous site as it was; the new
//!   folder is removed when the writer is dropped without `commit`.
//! - Live (`gongkai serve`): into the folder being served, each file replaced by a rename, so
//!   a request never sees half a file and the files a rebuild does not touch stay as they are.

use super::BuildError;
pub(super) use fail::fail;

mod fail;
mod hex;
mod records;
mod recycle;
mod reuse;
mod sink;
use hex::unhex;
pub use hex::{hex, parse_sha256};
use records::{Records, Written};
pub use reuse::{FileStamp, stamp_of};
use sha2::{Digest, Sha256};
pub use sink::Sink;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

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

impl Record {
    fn of(path: &str, w: &Written) -> Record {
        Record {
            path: path.to_owned(),
            sha256: hex(&w.sha256),
            len: w.len,
        }
    }
}

/// A piece of a file [`Output::write_parts`] joins: bytes, or a working file copied as it
/// is read (a year's parts add up to hundreds of megabytes; each read into a buffer of its
/// own cost the kernel a fresh page for every 4 KB).
pub enum Part {
    Bytes(Vec<u8>),
    File(PathBuf),
}

pub struct Output {
    /// Where files are written now.
    dir: PathBuf,
    /// Fresh mode: the folder that `commit` swaps `dir` into. Live mode: None.
    target: Option<PathBuf>,
    /// Working files that are not part of the site (e.g. fragments of per-year downloads).
    scratch: PathBuf,
    /// Every file of the site as it stands, by path; a file written again replaces its record.
    records: Mutex<Records>,
    committed: bool,
    /// Live mode: once set (Ctrl-C), every write fails, so a long build ends at once.
    stop: Option<Arc<AtomicBool>>,
    /// Live mode: the folder of a build whose unchanged files a preview starts from.
    reuse_from: Option<PathBuf>,
    /// Fresh mode: where the replaced site is kept for the next build (see
    /// [`recycle`]), and what the new folder held when taken from there.
    spare: Option<PathBuf>,
    leftovers: Option<recycle::Leftovers>,
    /// Files taken over from the published site.
    reused: std::sync::atomic::AtomicUsize,
    /// Fresh mode: held until the writer is dropped, so two builds into one folder cannot
    /// interleave (see [`crate::output::lock`]).
    _lock: Option<std::fs::File>,
}

fn create_dir(d: &Path) -> Result<(), BuildError> {
    std::fs::create_dir_all(d).map_err(|e| fail("cannot create", d, e))
}

impl Output {
    /// Prepares a new folder next to `out`.
    /// `spare`: where the replaced site is kept between builds, to start the next one from
    /// (None: keep nothing); `fresh`: start from an empty folder all the same.
    pub fn begin(out: &Path, spare: Option<PathBuf>, fresh: bool) -> Result<Output, BuildError> {
        if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(BuildError::Failed(format!(
                "{} 是一个符号链接；gongkai 不会替换它指向的内容（请用 --out 指定一个真实的文件夹）",
                out.display()
            )));
        }
        if out.exists()
            && !out.join(MARKER).exists()
            && std::fs::read_dir(out)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            return Err(BuildError::Failed(crate::say!(
                "{} 已经存在，且不是 gongkai 生成的；gongkai 不会替换它（请用 --out 指定别的文件夹，或先清空它）",
                "{} exists and was not written by gongkai; refusing to replace it (choose another --out or empty it)",
                out.display()
            )));
        }
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_dir(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let lock = crate::output::lock::acquire(&parent, &name, out)?;
        recover(&parent, &name, out);
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.new-{pid}"));
        let scratch = parent.join(format!(".{name}.scratch-{pid}"));
        for d in [&tmp, &scratch] {
            let _ = std::fs::remove_dir_all(d);
        }
        let leftovers = match &spare {
            Some(spare) if !fresh => recycle::adopt(spare, &tmp),
            _ => None,
        };
        if leftovers.is_none() {
            create_dir(&tmp)?;
        }
        create_dir(&scratch)?;
        Ok(Output {
            dir: tmp,
            target: Some(out.to_path_buf()),
            scratch,
            records: Mutex::default(),
            committed: false,
            stop: None,
            reuse_from: None,
            spare,
            leftovers,
            reused: Default::default(),
            _lock: lock,
        })
    }

    /// Writes straight into `dir` (created if missing), keeping working files in `scratch`.
    /// Both are the caller's: nothing is swapped, and dropping the writer removes only `scratch`.
    /// Once `stop` is set, writes fail.
    pub fn live(dir: &Path, scratch: &Path, stop: Arc<AtomicBool>) -> Result<Output, BuildError> {
        create_dir(dir)?;
        create_dir(scratch)?;
        let out = Output {
            dir: dir.to_path_buf(),
            target: None,
            scratch: scratch.to_path_buf(),
            records: Mutex::default(),
            committed: false,
            stop: Some(stop),
            reuse_from: None,
            spare: None,
            leftovers: None,
            reused: Default::default(),
            _lock: None,
        };
        out.write(MARKER, b"built by gongkai\n")?;
        Ok(out)
    }

    /// Writes one file of the site. `rel` is built from validated codes; it is checked
    /// again here so that nothing can ever land outside the output folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.check_stop()?;
        let p = self.inside(&self.dir, rel)?;
        if self.target.is_some() {
            self.unlink_reused(rel, &p)?;
            // Most files go into a folder that already exists; creating it only when the write
            // says it is missing saves two system calls per file, for tens of thousands of files.
            let written = match std::fs::write(&p, bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if let Some(dir) = p.parent() {
                        create_dir(dir)?;
                    }
                    std::fs::write(&p, bytes)
                }
                r => r,
            };
            written.map_err(|e| fail("cannot write", &p, e))?;
        } else {
            self.replace(&p, |part| {
                std::fs::write(part, bytes).map_err(|e| fail("cannot write", part, e))
            })?;
        }
        self.record(rel, Sha256::digest(bytes).as_slice(), bytes.len() as u64);
        Ok(())
    }

    /// Writes one file of the site from parts, hashing as it goes. A year's all-departments
    /// CSV runs to hundreds of megabytes at provincial scale; held whole in memory it would
    /// make the build's memory grow with the number of departments.
    pub fn write_parts(
        &self,
        rel: &str,
        parts: impl IntoIterator<Item = Result<Part, BuildError>>,
    ) -> Result<(), BuildError> {
        self.write_with(rel, |sink| {
            for part in parts {
                match part? {
                    Part::Bytes(bytes) => sink.put(&bytes)?,
                    Part::File(path) => {
                        let failed =
                            |e| BuildError::Failed(format!("cannot read {}: {e}", path.display()));
                        let mut file = std::fs::File::open(&path).map_err(failed)?;
                        std::io::copy(&mut file, sink).map_err(|e| sink.failed(e))?;
                    }
                }
            }
            Ok(())
        })
    }

    /// Writes one file of the site through `fill`, which streams it into a [`Sink`] that
    /// hashes what passes for the manifest: for files too large to hold in memory.
    pub fn write_with(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut Sink) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        self.check_stop()?;
        let p = self.inside(&self.dir, rel)?;
        let stream = |to: &Path| -> Result<(Vec<u8>, u64), BuildError> {
            let file = std::fs::File::create(to).map_err(|e| fail("cannot write", to, e))?;
            let mut sink = Sink {
                to,
                file: std::io::BufWriter::with_capacity(1 << 16, file),
                hash: Sha256::new(),
                len: 0,
            };
            fill(&mut sink)?;
            sink.file.flush().map_err(|e| fail("cannot write", to, e))?;
            Ok((sink.hash.finalize().to_vec(), sink.len))
        };
        let (sha, len) = if self.target.is_some() {
            if let Some(dir) = p.parent() {
                create_dir(dir)?;
            }
            self.unlink_reused(rel, &p)?;
            stream(&p)?
        } else {
            self.replace(&p, stream)?
        };
        self.record(rel, &sha, len);
        Ok(())
    }

    /// Live mode: a file being served is written beside and renamed over the old one, so a
    /// request never sees half a file.
    fn replace<T>(
        &self,
        p: &Path,
        write: impl FnOnce(&Path) -> Result<T, BuildError>,
    ) -> Result<T, BuildError> {
        if let Some(dir) = p.parent() {
            create_dir(dir)?;
        }
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let part = p.with_file_name(format!(".{name}.part"));
        let done = write(&part)?;
        std::fs::rename(&part, p).map_err(|e| fail("cannot replace", p, e))?;
        Ok(done)
    }

    /// Fresh mode: a file already in the new folder may be a hard link to the published
    /// site's (see [`Output::reuse`]); writing through it would change the published file, so
    /// it is unlinked first.
    fn unlink_reused(&self, rel: &str, p: &Path) -> Result<(), BuildError> {
        let held = self.leftovers.as_ref().is_some_and(|l| l.holds(rel));
        if held || self.lock().may_hold(rel) {
            match std::fs::remove_file(p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(fail("cannot replace", p, e));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn record(&self, rel: &str, sha256: &[u8], len: u64) {
        let mut w = Written {
            sha256: [0; 32],
            len,
        };
        w.sha256.copy_from_slice(sha256);
        self.lock().insert(rel, w);
    }

    /// Removes a file or folder of the site (and its records); missing is fine.
    pub fn remove(&self, rel: &str) -> Result<(), BuildError> {
        let p = self.inside(&self.dir, rel.trim_end_matches('/'))?;
        let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
        let gone = if is_dir {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        match gone {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(fail("cannot remove", &p, e));
            }
            _ => {}
        }
        (self.lock().remove(rel.trim_end_matches('/'))).map_err(|e| self.unreadable(e))
    }

    /// Live mode, after a full rebuild: removes files on disk that this writer did not write
    /// (pages of departments that are gone), so the folder holds exactly the site.
    pub fn remove_unwritten(&self) -> Result<(), BuildError> {
        let written = self.lock();
        let mut stale = Vec::new();
        for e in walkdir::WalkDir::new(&self.dir).min_depth(1) {
            let Ok(e) = e else { continue };
            if !e.file_type().is_dir() {
                let rel = e
                    .path()
                    .strip_prefix(&self.dir)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if !written.holds(&rel).map_err(|e| self.unreadable(e))? {
                    stale.push(e.path().to_path_buf());
                }
            }
        }
        drop(written);
        for p in stale {
            std::fs::remove_file(&p).map_err(|e| fail("cannot remove", &p, e))?;
        }
        remove_empty_dirs(&self.dir);
        Ok(())
    }

    /// Records files already in place as part of the site (a broken department's last good
    /// pages, kept through a full rebuild of the preview).
    pub fn keep(&self, records: impl IntoIterator<Item = Record>) {
        for r in records {
            self.record(&r.path, &unhex(&r.sha256), r.len);
        }
    }

    /// Forgets every record, before a full rebuild writes the site again.
    pub fn forget(&self) {
        self.lock().forget_all_but(MARKER);
    }

    /// A publishing build, once every disclosure of `year` is written: moves the records of
    /// the year's folder to a working file (see [`Records`]).
    pub fn set_year_aside(&self, year: u16) -> Result<(), BuildError> {
        if self.target.is_none() {
            return Ok(());
        }
        let file = self.scratch(&format!("records/{year}"))?;
        (self.lock().move_out(&format!("{year}/"), file)).map_err(|e| self.unreadable(e))
    }

    /// A working file of the records could not be written or read back.
    fn unreadable(&self, e: std::io::Error) -> BuildError {
        fail("cannot write", &self.scratch.join("records"), e)
    }

    /// Fails once the writer was told to stop.
    pub fn check_stop(&self) -> Result<(), BuildError> {
        match &self.stop {
            Some(s) if s.load(Ordering::SeqCst) => Err(BuildError::Failed("stopped".into())),
            _ => Ok(()),
        }
    }

    /// A path for working files that are not published.
    pub fn scratch(&self, rel: &str) -> Result<PathBuf, BuildError> {
        let p = self.inside(&self.scratch, rel)?;
        if let Some(dir) = p.parent() {
            create_dir(dir)?;
        }
        Ok(p)
    }

    fn inside(&self, base: &Path, rel: &str) -> Result<PathBuf, BuildError> {
        let rp = Path::new(rel);
        if rel.is_empty() || !rp.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(BuildError::Failed(crate::say!(
                "拒绝写到输出文件夹之外：{rel:?}",
                "refusing to write outside the output folder: {rel:?}"
            )));
        }
        Ok(base.join(rp))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Records> {
        // A panic while holding the lock cannot leave the map half-updated (one insert).
        self.records.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Files of the site, sorted by path.
    pub fn records(&self) -> Result<Vec<Record>, BuildError> {
        self.records_under("")
    }

    /// Paths of the site's files that `keep` accepts, sorted.
    pub fn paths_where(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<String>, BuildError> {
        let mut paths = Vec::new();
        self.each_file("", |p, _, _| {
            if keep(p) {
                paths.push(p.to_owned());
            }
        })?;
        Ok(paths)
    }

    /// Paths of the site's files under `prefix`, sorted, with their hashes.
    pub fn records_under(&self, prefix: &str) -> Result<Vec<Record>, BuildError> {
        let mut records = Vec::new();
        (self
            .lock()
            .each(prefix, |p, w| records.push(Record::of(p, w))))
        .map_err(|e| self.unreadable(e))?;
        Ok(records)
    }

    /// `f` over each file of the site under `prefix`, in path order, with its hash and
    /// length; without a copy of every record (see [`Records`]).
    pub fn each_file(
        &self,
        prefix: &str,
        mut f: impl FnMut(&str, &[u8; 32], u64),
    ) -> Result<(), BuildError> {
        (self.lock().each(prefix, |p, w| f(p, &w.sha256, w.len))).map_err(|e| self.unreadable(e))
    }

    /// How many files were taken over from the published site rather than written.
    pub fn reused_count(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Swaps the new folder in for the old one (fresh mode; live writes are already in place).
    pub fn commit(mut self) -> Result<(), BuildError> {
        let Some(target) = self.target.clone() else {
            return Ok(());
        };
        self.write(MARKER, b"built by gongkai\n")?;
        if let Some(left) = &self.leftovers {
            left.remove_stale(&self.dir, |each| self.each_file("", |p, _, _| each(p)))?;
        }
        let total = self.lock().count().map_err(|e| self.unreadable(e))?;
        let parent = self.dir.parent().expect("tmp has a parent").to_path_buf();
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if target.exists() {
            std::fs::rename(&target, &old).map_err(|e| fail("cannot move aside", &target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &target) {
            let _ = std::fs::rename(&old, &target);
            return Err(fail("cannot move into place", &target, e));
        }
        self.committed = true;
        let reused = self.reused.load(Ordering::Relaxed);
        recycle::keep_or_remove(&old, self.spare.as_deref(), reused, total);
        super::remove::remove_tree(&self.scratch);
        Ok(())
    }
}

fn remove_empty_dirs(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut empty = true;
    for e in entries.flatten() {
        let p = e.path();
        // file_type does not follow symlinks: never walk out of the folder.
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if !(is_dir && remove_empty_dirs(&p) && std::fs::remove_dir(&p).is_ok()) {
            empty = false;
        }
    }
    empty
}

impl Drop for Output {
    fn drop(&mut self) {
        super::remove::remove_tree(&self.scratch);
        if self.target.is_some() && !self.committed {
            let kept = (self.spare.as_deref()).is_some_and(|s| recycle::give_back(&self.dir, s));
            if !kept {
                super::remove::remove_tree(&self.dir);
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_as_sha256sum_prints_it() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(
            hex(Sha256::digest(b"abc").as_slice()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
