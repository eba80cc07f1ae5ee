//! The build cache: a step whose inputs have not changed since the last build reuses what
//! that build wrote, instead of loading, checking, rendering and writing it again.
//!
//! The grain is the disclosure (one department-year: its folder of pages and downloads),
//! then each year's own downloads, then the site's open-data package, then the pages that
//! list the disclosures (home, year and department pages, feed, sitemap): one step, under a
//! key of every year's and the look, reused when nothing changed and written again whole
//! when anything did (they list everything). The manifests are always written again.
//!
//! Reuse is by hard link from the site being replaced into the new folder (see
//! [`Output::reuse`]): an unchanged disclosure costs a few system calls, not a render, and the
//! published folder is still swapped in whole, so a build killed at any point leaves the
//! previous site as it was. A file is linked only if its size, inode and modification time
//! are those recorded when it was written: a file edited by hand in the published folder is
//! written again, never trusted. The index is checksummed; a damaged or foreign one is
//! ignored and the build runs cold. Everything the cache keeps is under the site root
//! (`.gongkai/cache/`), one folder per output folder.

pub mod keys;
mod stored;

use crate::content::load::Manifest;
use crate::output::write::{FileStamp, Output};
use crate::output::{BuildError, DeptSummary};
use keys::{Key, Keys};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use stored::Index;
pub use stored::{Disclosure, Step};

/// The folder under the site root that holds gongkai's own working files.
pub const FOLDER: &str = ".gongkai";

const INDEX: &str = "index";

/// What a reused disclosure gives the rest of the build.
pub struct Reused {
    pub dept: DeptSummary,
    pub diagnostics: Vec<crate::check::Diagnostic>,
}

pub struct Cache {
    /// `<root>/.gongkai/cache/<output>/`.
    dir: PathBuf,
    /// A preview reads the cache of a build and writes nothing to it.
    read_only: bool,
    /// Set by [`Cache::keep_parts_only`].
    parts_only: bool,
    pub keys: Keys,
    old: Index,
    new: Mutex<Index>,
}

/// `out` as an absolute path, the same however it was given.
fn absolute(out: &Path) -> PathBuf {
    out.canonicalize()
        .unwrap_or_else(|_| std::path::absolute(out).unwrap_or(out.to_path_buf()))
}

/// The cache folder of the output folder `out`.
fn folder(root: &Path, out: &Path) -> PathBuf {
    let id = crate::output::hex(&Sha256::digest(absolute(out).to_string_lossy().as_bytes()));
    root.join(FOLDER).join("cache").join(&id[..16])
}

/// Where the site a build into `out` replaced is kept, for the next build to start from
/// (see `output::write::recycle`).
pub fn spare_folder(root: &Path, out: &Path) -> PathBuf {
    folder(root, out).join("site")
}

/// The keys of `m`'s inputs, hashing only the files changed since `old` was written; `old`
/// keeps no stamps after (they are of no further use, and a line per content file).
fn with_keys(m: &Manifest, mut old: Index) -> (Index, Keys) {
    let keys = keys::compute(m, &std::mem::take(&mut old.seen));
    (old, keys)
}

/// The most recently written index under `root`, with its folder.
fn newest(root: &Path) -> Option<(PathBuf, Index)> {
    let base = root.join(FOLDER).join("cache");
    let (_, dir) = std::fs::read_dir(&base)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let t = std::fs::metadata(e.path().join(INDEX))
                .and_then(|m| m.modified())
                .ok()?;
            Some((t, e.path()))
        })
        .max()?;
    let index = stored::unseal(&std::fs::read(dir.join(INDEX)).ok()?)?;
    Some((dir, index))
}

impl Cache {
    /// The cache of building `m` into `out`. `fresh` ignores what is kept (it is replaced
    /// when the build succeeds).
    pub fn open(m: &Manifest, out: &Path, fresh: bool) -> Cache {
        let dir = folder(&m.root, out);
        let old = if fresh {
            Index::default()
        } else {
            std::fs::read(dir.join(INDEX))
                .ok()
                .and_then(|b| stored::unseal(&b))
                .unwrap_or_default()
        };
        let (old, mut keys) = with_keys(m, old);
        let new = Index {
            out: absolute(out),
            site: keys.site,
            look: keys.look,
            // Moved, not copied: with the old stamps, two of a line per content file.
            seen: std::mem::take(&mut keys.seen),
            ..Index::default()
        };
        Cache {
            dir,
            read_only: false,
            parts_only: false,
            keys,
            old,
            new: Mutex::new(new),
        }
    }

    /// The cache of the last build, for a preview to start from, with the output folder
    /// its files are in; none when there is no build or its output is gone.
    pub fn for_preview(m: &Manifest) -> Option<(Cache, PathBuf)> {
        let (dir, old) = newest(&m.root)?;
        let out = old.out.clone();
        if !out.join(crate::output::MARKER).is_file() {
            return None;
        }
        let mut cache = Cache::read(m, dir, old);
        cache.read_only = true;
        Some((cache, out))
    }

    fn read(m: &Manifest, dir: PathBuf, old: Index) -> Cache {
        let (old, keys) = with_keys(m, old);
        Cache {
            dir,
            read_only: true,
            parts_only: false,
            keys,
            old,
            new: Mutex::new(Index::default()),
        }
    }

    /// What `check` needs of the last build's cache of any output folder: the findings and
    /// figures of unchanged disclosures. The most recently written index is read.
    pub fn for_check(m: &Manifest) -> Cache {
        match newest(&m.root) {
            Some((dir, old)) => Cache::read(m, dir, old),
            None => Cache::read(m, PathBuf::new(), Index::default()),
        }
    }

    /// The findings of an unchanged disclosure and what next year's checks compare with.
    pub fn known(
        &self,
        year: u16,
        code: &str,
    ) -> Option<(Vec<crate::check::Diagnostic>, crate::check::LastYear)> {
        let d = self.unchanged(year, code)?;
        Some((d.diagnostics, d.dept.last_year))
    }

    /// After a preview's first build: the content may change from now on, so no step is
    /// taken as unchanged any more; what the first build reused can still be put back
    /// ([`Cache::restore`] finds it by the keys of that build, kept in `new`).
    pub fn keep_parts_only(&mut self) {
        let new = std::mem::take(self.new.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.old = Index {
            site: self.keys.site,
            look: self.keys.look,
            ..new
        };
        self.keys.disclosures.clear();
        self.parts_only = true;
    }

    fn key(&self, year: u16, code: &str) -> Option<Key> {
        self.keys.disclosures.get(&(year, code.to_owned())).copied()
    }

    /// The last build's record of this disclosure, if its inputs are unchanged.
    pub fn unchanged(&self, year: u16, code: &str) -> Option<Disclosure> {
        let key = self.key(year, code)?;
        if self.old.site != self.keys.site || *self.old.disclosures.get(&year)?.get(code)? != key {
            return None;
        }
        self.record(key)
    }

    /// The record kept under `key`, if it is whole.
    fn record(&self, key: Key) -> Option<Disclosure> {
        let d: Disclosure = stored::unseal(&std::fs::read(self.part(key, ENTRY)).ok()?)?;
        (d.step.key == key).then_some(d)
    }

    /// Records that this build's site holds the disclosure kept under `key`.
    fn hold(&self, year: u16, code: &str, key: Key) {
        self.lock()
            .disclosures
            .entry(year)
            .or_default()
            .insert(code.to_owned(), key);
    }

    fn part(&self, key: Key, name: &str) -> PathBuf {
        self.dir.join("parts").join(format!("{key}.{name}"))
    }

    /// Reuses an unchanged disclosure's files, if they are all still as written, and so are
    /// its working files in the cache (they stay there until [`Cache::restore`]).
    pub fn reuse(&self, year: u16, code: &str, output: &Output) -> Option<Reused> {
        let d = self.unchanged(year, code)?;
        if self.old.look != self.keys.look || !self.parts_kept(&d) || !output.reuse(&d.step.files) {
            return None;
        }
        self.hold(year, code, d.step.key);
        Some(Reused {
            dept: d.dept.summary(code, year),
            diagnostics: d.diagnostics,
        })
    }

    /// A disclosure whose content is unchanged but whose look (templates, static files) is
    /// new: every file of it but its page is reused, if all are still as written. The caller
    /// writes the page, then gives the record back to [`Cache::store_page`].
    pub fn reuse_but_page(&self, year: u16, code: &str, output: &Output) -> Option<Disclosure> {
        let d = self.unchanged(year, code)?;
        if self.old.look == self.keys.look || !self.parts_kept(&d) {
            return None;
        }
        let files: Vec<FileStamp> = (d.step.files.iter())
            .filter(|f| f.path != d.dept.href)
            .cloned()
            .collect();
        (files.len() + 1 == d.step.files.len() && output.reuse(&files)).then_some(d)
    }

    /// Keeps the record of a disclosure [`Cache::reuse_but_page`] took, with its new page.
    pub fn store_page(&self, output: &Output, year: u16, code: &str, mut d: Disclosure) -> Reused {
        if !self.read_only
            && let Ok(files) = output.stamps_under(&format!("{year}/{code}/"))
        {
            d.step.files = files;
            if !self.put(&d) {
                // Unkept, it is written again next time; the record under the key must not
                // stay, with the old page's stamp in it.
                let _ = std::fs::remove_file(self.part(d.step.key, ENTRY));
            }
        }
        self.hold(year, code, d.step.key);
        Reused {
            dept: d.dept.summary(code, year),
            diagnostics: d.diagnostics,
        }
    }

    /// Whether a disclosure's working files are still in the cache as kept.
    fn parts_kept(&self, d: &Disclosure) -> bool {
        d.parts.len() == PART_NAMES.len()
            && d.parts.iter().all(|p| {
                std::fs::symlink_metadata(self.dir.join("parts").join(&p.path))
                    .is_ok_and(|m| crate::output::write::stamp_of(&m) == (p.len, p.ino, p.mtime_ns))
            })
    }

    /// Keeps a disclosure just written: its files' stamps, its summary and findings, and its
    /// working files (from the build's scratch folder) under its key. A cache that cannot be
    /// written costs the next build its speed, not this build.
    pub fn store(
        &self,
        output: &Output,
        dept: &DeptSummary,
        diagnostics: &[crate::check::Diagnostic],
    ) {
        let Some(key) = self.key(dept.year, &dept.code) else {
            return;
        };
        if self.read_only {
            return;
        }
        let kept = || -> Result<Vec<FileStamp>, BuildError> {
            let mut parts = Vec::new();
            let scratch = crate::output::fragments(dept.year, &dept.code);
            for (name, rel) in PART_NAMES.iter().zip(scratch) {
                let from = output.scratch(&rel)?;
                let bytes = std::fs::read(&from).map_err(|e| failed(&from, e))?;
                parts.push(self.keep(key, name, &bytes, &from)?);
            }
            Ok(parts)
        };
        let Ok(parts) = kept() else {
            return;
        };
        let Ok(files) = output.stamps_under(&format!("{}/{}/", dept.year, dept.code)) else {
            return;
        };
        let step = Step { key, files };
        let d = Disclosure::new((step, parts), dept, diagnostics.to_vec());
        if self.put(&d) {
            self.hold(dept.year, &dept.code, d.step.key);
        }
    }

    /// Writes a disclosure's record under its key, whole or not at all.
    fn put(&self, d: &Disclosure) -> bool {
        let mut bytes = Vec::new();
        stored::seal(d, &mut bytes).is_ok()
            && write_new(&self.part(d.step.key, ENTRY), &bytes).is_ok()
    }

    /// Keeps one working file in the cache under its key: `from`, the build's own copy in
    /// its scratch folder with the contents `bytes`, is linked (no bytes copied; the scratch
    /// folder is removed, the link stays), or `bytes` are written when it cannot be linked.
    /// Returns its stamp, to know it unchanged when it is used.
    fn keep(
        &self,
        key: Key,
        name: &str,
        bytes: &[u8],
        from: &Path,
    ) -> Result<FileStamp, BuildError> {
        let path = self.part(key, name);
        let sha256 = crate::output::hex(&Sha256::digest(bytes));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
        }
        let _ = std::fs::remove_file(&path);
        if std::fs::hard_link(from, &path).is_err() {
            write_new(&path, bytes)?;
        }
        let meta = std::fs::symlink_metadata(&path).map_err(|e| failed(&path, e))?;
        let (len, ino, mtime_ns) = crate::output::write::stamp_of(&meta);
        Ok(FileStamp {
            path: format!("{key}.{name}"),
            sha256,
            len,
            ino,
            mtime_ns,
        })
    }

    /// Puts the working files of the year's reused disclosures `codes` back into the scratch
    /// folder, when the year's downloads must be written again. Each file is checked against
    /// its SHA-256 as it is read; returns the disclosures whose files are damaged, to be
    /// built again.
    pub fn restore(&self, year: u16, codes: &[String], output: &Output) -> Vec<String> {
        use rayon::prelude::*;
        // Hashing hundreds of megabytes: on every core.
        let damaged: Vec<String> = (codes.par_iter())
            .filter(|code| self.restore_one(year, code, output).is_none())
            .cloned()
            .collect();
        if let Some(m) = self.lock().disclosures.get_mut(&year) {
            damaged.iter().for_each(|code| _ = m.remove(code));
        }
        damaged
    }

    fn restore_one(&self, year: u16, code: &str, output: &Output) -> Option<()> {
        // Reused by this build; or, in a preview after its first build, by that one.
        let reused = self
            .lock()
            .disclosures
            .get(&year)
            .and_then(|m| m.get(code))
            .cloned();
        let key = reused.or_else(|| {
            let first = self.old.disclosures.get(&year)?.get(code);
            first.filter(|_| self.parts_only).cloned()
        })?;
        let d = self.record(key)?;
        // Each checked against its SHA-256 as it is read, in pieces: a year's working files
        // add up to hundreds of megabytes.
        let intact = |i: usize| -> Option<PathBuf> {
            let stamp = d.parts.get(i)?;
            let path = self.dir.join("parts").join(&stamp.path);
            let mut hash = stored::Hashing::new(std::io::sink());
            std::io::copy(&mut std::fs::File::open(&path).ok()?, &mut hash).ok()?;
            (crate::output::hex(&hash.sha.finalize()) == stamp.sha256).then_some(path)
        };
        for (i, rel) in crate::output::fragments(year, code).iter().enumerate() {
            let from = intact(i)?;
            let to = output.scratch(rel).ok()?;
            let _ = std::fs::remove_file(&to);
            // Linked when it can be: the build writes a fragment anew, never through a link.
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).ok()?;
            }
        }
        Some(())
    }

    /// Reuses a year's or the site's own files under `key`, if they are all still as written.
    pub fn reuse_step(&self, which: StepOf, key: Key, output: &Output) -> bool {
        let old = match which {
            StepOf::Year(y) => self.old.years.get(&y),
            StepOf::Package => self.old.package.as_ref(),
            StepOf::Listings => self.old.listings.as_ref(),
        };
        let Some(step) = old.filter(|s| s.key == key && self.old.site == self.keys.site) else {
            return false;
        };
        if !output.reuse(&step.files) {
            return false;
        }
        self.set_step(which, step.clone());
        true
    }

    /// Records a year's or the site's own files, just written, under `key`.
    pub fn store_step(&self, which: StepOf, key: Key, files: Vec<FileStamp>) {
        self.set_step(which, Step { key, files });
    }

    fn set_step(&self, which: StepOf, step: Step) {
        let mut new = self.lock();
        match which {
            StepOf::Year(y) => {
                new.years.insert(y, step);
            }
            StepOf::Package => new.package = Some(step),
            StepOf::Listings => new.listings = Some(step),
        }
    }

    /// Writes the index of this build and removes working files no longer indexed. Called
    /// once the new site is in place; a failure only costs the next build its speed.
    pub fn save(self) {
        if self.read_only {
            return;
        }
        let new = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let index = self.dir.join(INDEX);
        let tmp = index.with_extension(format!("tmp-{}", std::process::id()));
        let written = std::fs::File::create(&tmp)
            .and_then(|f| stored::seal(&new, std::io::BufWriter::new(f)))
            .and_then(|()| std::fs::rename(&tmp, &index));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
            return;
        }
        let live: std::collections::BTreeSet<&Key> =
            new.disclosures.values().flat_map(|m| m.values()).collect();
        let Ok(entries) = std::fs::read_dir(self.dir.join("parts")) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let key = name
                .split('.')
                .next()
                .and_then(crate::output::write::parse_sha256);
            if !key.is_some_and(|k| live.contains(&Key(k))) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Index> {
        self.new.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A step above the disclosures.
#[derive(Debug, Clone, Copy)]
pub enum StepOf {
    Year(u16),
    Package,
    Listings,
}

/// The names of a disclosure's working files in the cache, in the order of
/// [`crate::output::fragments`]; and of its record.
const PART_NAMES: [&str; 4] = ["csv", "xlsx.part", "facts.csv", "search"];
const ENTRY: &str = "entry";

/// Writes `to` whole or not at all: a build killed mid-write leaves no half file.
fn write_new(to: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    }
    let tmp = to.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| failed(&tmp, e))?;
    std::fs::rename(&tmp, to).map_err(|e| failed(to, e))
}

fn failed(p: &Path, e: std::io::Error) -> BuildError {
    BuildError::Failed(crate::say!(
        "无法写入 gongkai 的缓存 {}：{e}；请检查网站文件夹是否可写，或用 build --fresh",
        "cannot write gongkai's cache {}: {e}; check that the site folder is writable",
        p.display()
    ))
}
