//! What each cached step depends on, as one hash: the key under which its output is kept.
//!
//! A disclosure's pages depend on its own file, on every earlier year's file of the same
//! department (links to earlier years, the trend chart, the comparison with last year),
//! on its files of other kinds that year (its page links its 决算 and its units' 单位预算, by
//! name), and on the site's shared inputs:
//! settings, glossaries, FROZEN lists, the profile, the language of the messages, and gongkai
//! itself. Anything not named here cannot be reused, so the shared hash is deliberately wide:
//! a change to any file under `profiles/` or to a non-department file under `content/`
//! rebuilds everything.
//!
//! The site's look (`templates/`, `static/`) is hashed apart: of a disclosure's files only its
//! page is made with templates, so a new look writes the pages again and keeps every table,
//! workbook and open-data file (they are half a cold build's time).

use crate::content::kind::Kind;
use crate::content::load::Manifest;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A SHA-256 hash: of a file's content, or of a step's inputs (the key its output is kept
/// under). Held as its 32 bytes, not as hex text: a build holds one for every content file
/// and three for every disclosure, and the text took three times the room. Written as hex
/// (in the cache files, and in the names of a disclosure's working files).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Key(pub [u8; 32]);

impl Key {
    fn of(hash: Sha256) -> Key {
        Key(hash.finalize().into())
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::output::hex(&self.0))
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({self})")
    }
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bytes = crate::output::write::parse_sha256(&text);
        bytes
            .map(Key)
            .ok_or_else(|| serde::de::Error::custom("not a SHA-256 in hex"))
    }
}

/// A content file as last hashed: reused when its size, inode and modification time are
/// unchanged (as git's index does), so a warm build reads no unchanged file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub len: u64,
    pub ino: u64,
    pub mtime_ns: i128,
    pub sha256: Key,
}

/// The hashes of a build's inputs.
#[derive(Debug, Default)]
pub struct Keys {
    /// Everything every file of the site depends on.
    pub site: Key,
    /// The templates and static files: what the pages depend on besides `site`.
    pub look: Key,
    /// Each disclosure's key, by (year, code).
    pub disclosures: BTreeMap<(u16, String), Key>,
    /// The hash of each year's files of other kinds (决算, 单位预算), which its search index
    /// and open-data package include.
    pub other_kinds: BTreeMap<u16, Key>,
    /// The content files hashed, by path relative to the root.
    pub seen: BTreeMap<String, Seen>,
}

/// Hashes files by content, reusing `before` for files whose stamp is unchanged.
struct Hasher<'a> {
    root: &'a Path,
    before: &'a BTreeMap<String, Seen>,
    seen: BTreeMap<String, Seen>,
}

impl Hasher<'_> {
    /// The content hash of `rel`, or `None` when it cannot be read (the build reports it).
    fn file(&mut self, rel: &str) -> Option<Key> {
        let path = self.root.join(rel);
        let meta = std::fs::metadata(&path).ok()?;
        let (len, ino, mtime_ns) = crate::output::write::stamp_of(&meta);
        if let Some(s) = self.before.get(rel)
            && (s.len, s.ino, s.mtime_ns) == (len, ino, mtime_ns)
        {
            self.seen.insert(rel.to_owned(), s.clone());
            return Some(s.sha256);
        }
        let bytes = std::fs::read(&path).ok()?;
        let sha256 = Key(Sha256::digest(&bytes).into());
        self.seen.insert(
            rel.to_owned(),
            Seen {
                len,
                ino,
                mtime_ns,
                sha256,
            },
        );
        Some(sha256)
    }
}

/// Files under `dir` (relative to the root), sorted, not following links, hidden ones left out.
fn files_under(root: &Path, dir: &str, skip: &BTreeSet<PathBuf>) -> Vec<String> {
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(root.join(dir)).sort_by_file_name();
    for e in walk.into_iter().filter_map(Result::ok) {
        let hidden = e.file_name().to_string_lossy().starts_with('.');
        if !e.file_type().is_file() || hidden || skip.contains(e.path()) {
            continue;
        }
        if let Ok(rel) = e.path().strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// What identifies this gongkai: its version and its program file, so a rebuilt binary
/// (a developer's, or an upgrade) never reuses pages the old one wrote.
fn program() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| crate::output::write::stamp_of(&m))
        .unwrap_or_default();
    format!("{} {exe:?}", env!("CARGO_PKG_VERSION"))
}

pub fn compute(m: &Manifest, before: &BTreeMap<String, Seen>) -> Keys {
    let root = m.root.as_path();
    let mut h = Hasher {
        root,
        before,
        seen: BTreeMap::new(),
    };
    let department_files: BTreeSet<PathBuf> = m
        .years
        .iter()
        .flat_map(|(_, f)| f.iter().cloned())
        .collect();
    // Files of other kinds sit in their own folders under a year.
    let kind_folder = |rel: &str| {
        Kind::ALL
            .iter()
            .filter_map(|k| k.folder())
            .any(|f| rel.split('/').nth(2) == Some(f))
    };
    let mut site = Sha256::new();
    let mut look = Sha256::new();
    site.update(program());
    // Not the root's path: findings name their files relative to it.
    site.update(format!("\0{}\0", crate::messages::zh()));
    let mut other: BTreeMap<u16, Sha256> = BTreeMap::new();
    // A department's files of other kinds (its 决算, its units' 单位预算): its page links them.
    let mut own_kinds: BTreeMap<(u16, String), Sha256> = BTreeMap::new();
    for dir in ["content", "templates", "static", "profiles"] {
        for rel in files_under(root, dir, &department_files) {
            let sha = h.file(&rel).unwrap_or_default();
            if dir == "content" && kind_folder(&rel) {
                let year = rel.split('/').nth(1).and_then(|y| y.parse().ok());
                if let Some(year) = year {
                    let e = other.entry(year).or_default();
                    e.update(format!("{rel}\0{sha}\n"));
                    let stem = Path::new(&rel).file_stem().map(|s| s.to_string_lossy());
                    let own = own_kinds
                        .entry((year, stem.unwrap_or_default().into()))
                        .or_default();
                    own.update(format!("{rel}\0{sha}\n"));
                }
                continue;
            }
            let shared = if dir == "templates" || dir == "static" {
                &mut look
            } else {
                &mut site
            };
            shared.update(format!("{rel}\0{sha}\n"));
        }
    }
    let site = Key::of(site);
    // Each department's chain: its files so far, oldest first.
    let mut chains: BTreeMap<String, Sha256> = BTreeMap::new();
    let mut disclosures = BTreeMap::new();
    for (year, files) in &m.years {
        for f in files {
            let code = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel = f.strip_prefix(root).unwrap_or(f).to_string_lossy();
            let sha = h.file(&rel.replace('\\', "/")).unwrap_or_default();
            let chain = chains.entry(code.clone()).or_default();
            chain.update(format!("{year}\0{sha}\n"));
            let mut key = Sha256::new();
            key.update(site.0);
            key.update(chain.clone().finalize());
            key.update(format!("\0{year}\0{code}\0"));
            if let Some(own) = own_kinds.get(&(*year, code.clone())) {
                key.update(own.clone().finalize());
            }
            disclosures.insert((*year, code), Key::of(key));
        }
    }
    Keys {
        site,
        look: Key::of(look),
        disclosures,
        other_kinds: other.into_iter().map(|(y, h)| (y, Key::of(h))).collect(),
        seen: h.seen,
    }
}

impl Keys {
    /// The key of a year's own downloads (all-departments CSV and workbook, open-data
    /// package, search index): its departments' keys and its other kinds' files.
    pub fn year(&self, year: u16) -> Key {
        let mut h = Sha256::new();
        h.update(format!("{}\0{year}\n", self.site));
        let of_year = self.disclosures.range((year, String::new())..);
        for ((_, code), key) in of_year.take_while(|((y, _), _)| *y == year) {
            h.update(format!("{code}\0{key}\n"));
        }
        if let Some(o) = self.other_kinds.get(&year) {
            h.update(o.0);
        }
        Key::of(h)
    }

    /// The key of the pages that list the disclosures (home, year and department pages,
    /// glossary, guide, search, 404, feed, sitemap): every year's, and the look.
    pub fn listings(&self) -> Key {
        let mut h = Sha256::new();
        h.update(format!("listings\0{}\n", self.look));
        let years =
            (self.disclosures.keys().map(|(y, _)| *y)).chain(self.other_kinds.keys().copied());
        for y in years.collect::<BTreeSet<u16>>() {
            h.update(format!("{y}\0{}\n", self.year(y)));
        }
        Key::of(h)
    }

    /// The key of the site's open-data package: every year's.
    pub fn site_package(&self, years: impl IntoIterator<Item = u16>) -> Key {
        let mut h = Sha256::new();
        for y in years {
            h.update(format!("{y}\0{}\n", self.year(y)));
        }
        Key::of(h)
    }
}
