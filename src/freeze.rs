//! Freezing a published year: its figures may not change silently afterwards.
//!
//! `gongkai freeze YEAR` records a fingerprint of each disclosure's facts and derived tables
//! (not the theme) in `content/YEAR/FROZEN`. A later build whose fingerprint differs fails,
//! unless the disclosure carries a new correction entry, which the page and feed then show.

use crate::derive::DisclosureView;
use crate::load::Loaded;
use crate::model::Disclosure;
use crate::problem::Problem;
use crate::site::hex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE: &str = "FROZEN";

/// What was frozen for one department: its fingerprint and how many corrections it had then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    pub fingerprint: String,
    pub corrections: usize,
}

/// The fingerprint of a disclosure's facts (without its corrections) and derived tables.
pub fn fingerprint(d: &Disclosure, v: &DisclosureView) -> String {
    #[derive(Serialize)]
    struct Print<'a> {
        facts: &'a Disclosure,
        tables: Vec<(&'a str, crate::table::Grid<'a>)>,
    }
    let facts = Disclosure {
        corrections: Vec::new(),
        ..d.clone()
    };
    let p = Print {
        facts: &facts,
        tables: v.tables.iter().map(|t| (t.id.as_str(), t.grid())).collect(),
    };
    hex(&Sha256::digest(serde_json::to_vec(&p).unwrap_or_default()))
}

pub fn path(root: &Path, year: u16) -> PathBuf {
    root.join("content").join(year.to_string()).join(FILE)
}

/// Reads `content/YEAR/FROZEN`, if the year is frozen.
pub fn read(root: &Path, year: u16) -> Result<Option<BTreeMap<String, Frozen>>, Problem> {
    let p = path(root, year);
    let shown = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
    if !p.exists() {
        return Ok(None);
    }
    // Content files' size limit applies here too; FROZEN is not YAML, only lines.
    let text = String::from_utf8(crate::load::read_limited(&p, &shown)?)
        .map_err(|_| Problem::new(&shown, "the file is not valid UTF-8 text"))?;
    let mut out = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            [fp, code, n] if fp.len() == 64 => {
                let corrections = n
                    .strip_prefix("corrections=")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                out.insert(
                    (*code).to_owned(),
                    Frozen {
                        fingerprint: (*fp).to_owned(),
                        corrections,
                    },
                );
            }
            _ => {
                return Err(Problem::new(
                    &shown,
                    "this line is not `FINGERPRINT  CODE  corrections=N`",
                )
                .at(Some(i + 1), None)
                .hint("this file is written by `gongkai freeze YEAR`; do not edit it by hand"));
            }
        }
    }
    Ok(Some(out))
}

/// Writes the freeze file for the given disclosures of one year.
pub fn write(
    root: &Path,
    year: u16,
    prints: &[(String, String, usize)],
) -> std::io::Result<PathBuf> {
    let mut text = format!(
        "# Frozen figures of {year}, written by `gongkai freeze {year}`.\n# A build fails if a disclosure's figures differ, unless it carries a new correction entry.\n"
    );
    for (code, fp, n) in prints {
        text += &format!("{fp}  {code}  corrections={n}\n");
    }
    let p = path(root, year);
    std::fs::write(&p, text)?;
    Ok(p)
}

/// Compares a disclosure with the frozen record of its year.
pub fn compare(
    d: &Loaded<Disclosure>,
    fp: &str,
    frozen: &BTreeMap<String, Frozen>,
) -> Option<Problem> {
    let year = d.data.year;
    match frozen.get(&d.data.code) {
        Some(f) if f.fingerprint == fp => None,
        Some(f) if d.data.corrections.len() > f.corrections => None,
        Some(_) => Some(
            d.problem("code", format!("{year} is frozen, and the figures of this disclosure differ from the frozen ones"))
                .hint("published figures may not change silently: add an entry under `corrections:` (date and text) saying what was corrected, or restore the figures"),
        ),
        None if !d.data.corrections.is_empty() => None,
        None => Some(
            d.problem("code", format!("{year} is frozen, and this department was not part of it"))
                .hint("add an entry under `corrections:` saying why the department is published late, or remove the file"),
        ),
    }
}

/// `gongkai freeze YEAR`: fingerprints every disclosure of the year and writes the freeze file.
/// Returns the file written and how many disclosures it holds.
pub fn freeze_year(root: &Path, year: u16) -> Result<(PathBuf, usize), crate::problem::Problems> {
    let m = crate::load::scan(root)?;
    let Some((_, files)) = m.years.iter().find(|(y, _)| *y == year) else {
        return Err(Problem::new(
            format!("content/{year}"),
            format!("there are no disclosures for {year}"),
        )
        .hint("freeze a year that has department files under content/YEAR/")
        .into());
    };
    let mut prints = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        match m.load(f) {
            Ok(d) => {
                let glossary = m.glossary_for(year);
                let v = crate::derive::disclosure_view(&d.data, glossary, &m.profile, &[]);
                prints.push((
                    d.data.code.clone(),
                    fingerprint(&d.data, &v),
                    d.data.corrections.len(),
                ));
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(crate::problem::Problems(problems));
    }
    prints.sort();
    keep_glossary(root, year)?;
    let p = write(root, year, &prints).map_err(|e| {
        Problem::new(
            path(root, year),
            format!("cannot write the freeze file: {e}"),
        )
    })?;
    Ok((p, prints.len()))
}

/// Copies the site's glossary into the year's folder (unless the year has its own already),
/// so the frozen year's pages keep the 名词解释 they were published with when the site's
/// glossary is edited later. A wording change meant for the archived year too is made in
/// `content/YEAR/glossary.yaml` itself, together with a correction.
fn keep_glossary(root: &Path, year: u16) -> Result<(), Problem> {
    let content = root.join("content");
    let site = content.join(crate::load::GLOSSARY);
    let kept = content.join(year.to_string()).join(crate::load::GLOSSARY);
    if kept.exists() || !site.exists() {
        return Ok(());
    }
    std::fs::copy(&site, &kept).map(|_| ()).map_err(|e| {
        Problem::new(
            kept.strip_prefix(root).unwrap_or(&kept),
            format!("无法把名词解释复制到该年度文件夹：{e}"),
        )
        .hint("请检查该文件夹是否可写，然后重新运行 gongkai freeze")
    })
}
