//! The record of every file a build writes — path, SHA-256, length — for the manifests, the
//! summary, the sitemap and the cache.
//!
//! A site of 10,000 disclosures has 170,000 files; their records held until the manifests
//! are written cost about 20 MB, the largest part of what a build's memory grew by with the
//! archive. Yet a year's disclosures are all written before the next year's begin, and
//! nothing asks for their records again until the manifests are written at the end. So a
//! publishing build moves a finished year's records to a working file, in path order, and
//! reads them back, merged with those still held, whenever the files under a folder are
//! listed. A file written again after its year was moved (a year's page, its 决算, its
//! SHA256SUMS) is held in memory, and the memory's record wins.

use std::collections::BTreeMap;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::ops::Bound;
use std::path::PathBuf;

/// What is kept of one file: its hash as bytes, not the hex text a manifest prints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Written {
    pub sha256: [u8; 32],
    pub len: u64,
}

/// The records of a build, some held and some moved to working files.
#[derive(Default)]
pub(super) struct Records {
    held: BTreeMap<Box<str>, Written>,
    /// Folders whose records were moved to disk, in path order; no two overlap.
    moved: Vec<Moved>,
}

struct Moved {
    /// The folder, ending in `/`: every record under it at the time is in `file`.
    prefix: String,
    file: PathBuf,
}

impl Moved {
    fn overlaps(&self, prefix: &str) -> bool {
        self.prefix.starts_with(prefix) || prefix.starts_with(&self.prefix)
    }

    /// `f` over the records of the file, in path order.
    fn each(&self, mut f: impl FnMut(&str, Written)) -> io::Result<()> {
        let mut r = BufReader::with_capacity(1 << 16, std::fs::File::open(&self.file)?);
        let mut path = Vec::new();
        let mut len = [0u8; 4];
        loop {
            match r.read_exact(&mut len) {
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
                other => other?,
            }
            path.resize(u32::from_le_bytes(len) as usize, 0);
            r.read_exact(&mut path)?;
            let mut w = Written {
                sha256: [0; 32],
                len: 0,
            };
            r.read_exact(&mut w.sha256)?;
            let mut size = [0u8; 8];
            r.read_exact(&mut size)?;
            w.len = u64::from_le_bytes(size);
            let path = std::str::from_utf8(&path)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            f(path, w);
        }
    }
}

impl Records {
    pub(super) fn insert(&mut self, rel: &str, w: Written) {
        self.held.insert(rel.into(), w);
    }

    /// Whether a file may have been written at `rel`: surely when held; for a moved folder,
    /// always (the callers use it to decide whether to unlink first, which is harmless).
    pub(super) fn may_hold(&self, rel: &str) -> bool {
        self.held.contains_key(rel) || self.moved.iter().any(|m| rel.starts_with(&m.prefix))
    }

    /// Whether a file was written at `rel`.
    pub(super) fn holds(&self, rel: &str) -> io::Result<bool> {
        if self.held.contains_key(rel) {
            return Ok(true);
        }
        let mut found = false;
        for m in self.moved.iter().filter(|m| rel.starts_with(&m.prefix)) {
            m.each(|p, _| found |= p == rel)?;
        }
        Ok(found)
    }

    /// Forgets the file `rel` and everything under the folder `rel`.
    pub(super) fn remove(&mut self, rel: &str) -> io::Result<()> {
        // A moved folder holding `rel`, or under it, overlaps it.
        self.take_back(rel)?;
        let dir = format!("{rel}/");
        self.held
            .retain(|path, _| &**path != rel && !path.starts_with(&dir));
        Ok(())
    }

    /// Forgets every record but `keep`'s.
    pub(super) fn forget_all_but(&mut self, keep: &str) {
        self.held.retain(|p, _| &**p == keep);
        self.moved.clear();
    }

    /// Moves the records under the folder `prefix` (ending in `/`) to the working file `file`.
    pub(super) fn move_out(&mut self, prefix: &str, file: PathBuf) -> io::Result<()> {
        self.take_back(prefix)?;
        let mut w = BufWriter::with_capacity(1 << 16, std::fs::File::create(&file)?);
        let mut rest = self.held.split_off(prefix);
        let mut after = match rest.keys().find(|p| !p.starts_with(prefix)) {
            Some(first) => rest.split_off(&first.clone()),
            None => BTreeMap::new(),
        };
        for (path, r) in &rest {
            w.write_all(&(path.len() as u32).to_le_bytes())?;
            w.write_all(path.as_bytes())?;
            w.write_all(&r.sha256)?;
            w.write_all(&r.len.to_le_bytes())?;
        }
        w.flush()?;
        self.held.append(&mut after);
        let at = self.moved.partition_point(|m| m.prefix.as_str() < prefix);
        self.moved.insert(
            at,
            Moved {
                prefix: prefix.to_owned(),
                file,
            },
        );
        Ok(())
    }

    /// Takes the records of every moved folder overlapping `prefix` back into memory (those
    /// held are newer and stay).
    fn take_back(&mut self, prefix: &str) -> io::Result<()> {
        let (back, stay): (Vec<Moved>, Vec<Moved>) = std::mem::take(&mut self.moved)
            .into_iter()
            .partition(|m| m.overlaps(prefix));
        self.moved = stay;
        for m in back {
            let held = &mut self.held;
            m.each(|p, w| {
                held.entry(p.into()).or_insert(w);
            })?;
            let _ = std::fs::remove_file(&m.file);
        }
        Ok(())
    }

    /// `f` over each record under `prefix` (`""`: all), in path order.
    pub(super) fn each(&self, prefix: &str, mut f: impl FnMut(&str, &Written)) -> io::Result<()> {
        let range = (Bound::Included(prefix), Bound::Unbounded);
        let mut held = (self.held.range::<str, _>(range))
            .take_while(|(p, _)| p.starts_with(prefix))
            .peekable();
        for m in self.moved.iter().filter(|m| m.overlaps(prefix)) {
            m.each(|path, w| {
                if !path.starts_with(prefix) {
                    return;
                }
                while let Some((p, r)) = held.next_if(|(p, _)| &***p < path) {
                    f(p, r);
                }
                // The same file written again since: the held record is the newer.
                if held.peek().is_none_or(|(p, _)| &***p != path) {
                    f(path, &w);
                }
            })?;
        }
        for (p, r) in held {
            f(p, r);
        }
        Ok(())
    }

    /// How many files were written.
    pub(super) fn count(&self) -> io::Result<usize> {
        let mut n = 0;
        self.each("", |_, _| n += 1)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: u8) -> Written {
        Written {
            sha256: [n; 32],
            len: u64::from(n),
        }
    }

    fn listed(r: &Records, prefix: &str) -> Vec<(String, u8)> {
        let mut out = Vec::new();
        r.each(prefix, |p, w| out.push((p.to_owned(), w.sha256[0])))
            .unwrap();
        out
    }

    /// Records moved to disk list as if held: in path order, merged with those written
    /// since, a file written again showing its newer record, and taken back when removed.
    #[test]
    fn moved_records_list_as_if_held() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Records::default();
        for (i, p) in [
            "2023/a/x",
            "2023/b/y",
            "2023.html",
            "2024/a/x",
            "index.html",
        ]
        .iter()
        .enumerate()
        {
            r.insert(p, w(i as u8 + 1));
        }
        let all = listed(&r, "");
        r.move_out("2023/", dir.path().join("1")).unwrap();
        r.move_out("2024/", dir.path().join("2")).unwrap();
        assert_eq!(
            r.held.len(),
            2,
            "only the files outside the years stay held"
        );
        assert_eq!(listed(&r, ""), all);
        assert_eq!(listed(&r, "2023/b/"), [("2023/b/y".to_owned(), 2)]);
        // Written after the move: between moved records, and over one.
        r.insert("2023/a/z", w(9));
        r.insert("2023/b/y", w(8));
        let years: Vec<_> = listed(&r, "2023/");
        assert_eq!(
            years,
            [
                ("2023/a/x".to_owned(), 1),
                ("2023/a/z".to_owned(), 9),
                ("2023/b/y".to_owned(), 8),
            ]
        );
        assert_eq!(r.count().unwrap(), 6);
        assert!(r.holds("2024/a/x").unwrap() && !r.holds("2024/a/y").unwrap());
        r.remove("2023/a").unwrap();
        assert_eq!(listed(&r, "2023/"), [("2023/b/y".to_owned(), 8)]);
        // Moving a folder again keeps what was written since.
        r.move_out("2023/", dir.path().join("3")).unwrap();
        assert_eq!(listed(&r, "2023/"), [("2023/b/y".to_owned(), 8)]);
        r.forget_all_but("index.html");
        assert_eq!(listed(&r, ""), [("index.html".to_owned(), 5)]);
    }
}
