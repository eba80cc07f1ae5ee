//! The cache as it is kept on disk: one index file that says under which key each step of
//! the last build ran, and for each step which files of the site it wrote (with their
//! stamps, so that a file changed since is noticed) and what the rest of the build needs of
//! it. A disclosure's record is a file of its own beside its working files
//! (`parts/<key>.entry`), read when it is reused: the index holds only its key, so that
//! neither it nor the build's memory grows with the records of ten thousand disclosures.
//!
//! Each file ends with a line naming its format and the SHA-256 of what comes before (last,
//! so that a file is written as it is serialised, not held whole in memory first): a
//! truncated, corrupted or foreign file is not read at all. A damaged index makes the build
//! run cold; a damaged record, that disclosure built again.

use super::keys::{Key, Seen};
use crate::check::Diagnostic;
use crate::output::DeptSummary;
use crate::output::shelf::Kept;
use crate::output::write::FileStamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Changed whenever what is stored changes meaning.
const FORMAT: &str = "gongkai-cache 4";

/// A step's output: the files it wrote, under the key of its inputs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Step {
    pub key: Key,
    pub files: Vec<FileStamp>,
}

/// A disclosure as the build keeps it, with what the listing pages, next year's checks and
/// the report need, so that an unchanged one is neither loaded nor checked again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disclosure {
    pub step: Step,
    /// Its working files kept in the cache (`path` is the name under `parts/`).
    pub parts: Vec<FileStamp>,
    pub dept: Kept,
    pub diagnostics: Vec<Diagnostic>,
}

impl Disclosure {
    pub fn new(
        (step, parts): (Step, Vec<FileStamp>),
        d: &DeptSummary,
        diagnostics: Vec<Diagnostic>,
    ) -> Disclosure {
        Disclosure {
            step,
            parts,
            dept: Kept::of(d),
            diagnostics,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    /// The output folder whose files `step`s name, as an absolute path.
    pub out: PathBuf,
    /// The hash of the inputs every file of the site shares, when this was written.
    pub site: Key,
    /// The hash of the templates and static files the pages were written with.
    pub look: Key,
    /// The key of each disclosure by year and code; its record is `parts/<key>.entry`.
    pub disclosures: BTreeMap<u16, BTreeMap<String, Key>>,
    /// Each year's own downloads.
    pub years: BTreeMap<u16, Step>,
    /// The site's open-data package.
    pub package: Option<Step>,
    /// The pages that list the disclosures.
    pub listings: Option<Step>,
    /// Content files as last hashed.
    pub seen: BTreeMap<String, Seen>,
}

/// A writer that hashes what passes through it to `w`.
pub struct Hashing<W> {
    pub w: W,
    pub sha: Sha256,
}

impl<W> Hashing<W> {
    pub fn new(w: W) -> Hashing<W> {
        Hashing {
            w,
            sha: Sha256::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Writes `value` to `w` as it is serialised, then the line that seals it.
pub fn seal(value: &impl Serialize, w: impl std::io::Write) -> std::io::Result<()> {
    let mut h = Hashing::new(w);
    serde_json::to_writer(&mut h, value)?;
    let sum = crate::output::hex(&h.sha.finalize());
    write!(h.w, "\n{FORMAT} {sum}\n")?;
    h.w.flush()
}

/// What [`seal`] wrote to `bytes`, if it is whole and of this format.
pub fn unseal<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let bytes = bytes.strip_suffix(b"\n")?;
    let newline = bytes.iter().rposition(|b| *b == b'\n')?;
    let tail = std::str::from_utf8(&bytes[newline + 1..]).ok()?;
    let sum = tail.strip_prefix(FORMAT)?.strip_prefix(' ')?;
    let body = &bytes[..newline];
    if crate::output::hex(&Sha256::digest(body)) != sum {
        return None;
    }
    serde_json::from_slice(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_index_is_not_read() {
        let mut index = Index {
            site: Key([0xab; 32]),
            ..Index::default()
        };
        index.years.insert(
            2024,
            Step {
                key: Key([7; 32]),
                files: Vec::new(),
            },
        );
        let mut bytes = Vec::new();
        seal(&index, &mut bytes).unwrap();
        assert_eq!(
            unseal::<Index>(&bytes).map(|i| i.site),
            Some(Key([0xab; 32]))
        );
        // Keys are written as hex, and a key that is not one is refused.
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains(&"07".repeat(32)), "{text}");
        let short: Result<Key, _> = serde_json::from_str("\"abcd\"");
        assert!(short.is_err());
        // One byte changed, one byte missing, another format.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 1;
        assert!(unseal::<Index>(&flipped).is_none());
        assert!(unseal::<Index>(&bytes[..bytes.len() - 1]).is_none());
        let foreign =
            String::from_utf8(bytes.clone())
                .unwrap()
                .replacen(FORMAT, "gongkai-cache 0", 1);
        assert!(unseal::<Index>(foreign.as_bytes()).is_none());
    }
}
