//! Freezing a published year: its figures may not change silently afterwards.
//!
//! `gongkai freeze YEAR` records a fingerprint of each disclosure's facts and derived tables
//! (not the theme) in `content/YEAR/FROZEN`. A later build whose fingerprint differs fails,
//! unless the disclosure carries a new correction entry, which the page and feed then show.

use crate::content::load::Loaded;
use crate::content::model::{Correction, Disclosure};
use crate::content::problem::Problem;
use crate::final_accounts::model::FinalAccounts;
use crate::output::write::hex;
use crate::render::page::DisclosureView;
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
    /// A short hash of each correction published by then (date and text), in order: published
    /// corrections are append-only. Empty in files written before this was recorded.
    pub texts: Vec<String>,
}

/// What a build that published a frozen year's changed disclosure appends to its FROZEN
/// file: the figures as corrected, so a later change needs yet another correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub year: u16,
    pub line: String,
}

/// The key of a 部门决算 in its year's FROZEN file, beside the budgets' codes: the path of
/// its file under the year folder, which no budget code can be.
pub fn final_key(code: &str) -> String {
    let folder = crate::content::kind::Kind::FinalAccounts
        .folder()
        .unwrap_or("决算");
    format!("{folder}/{code}")
}

/// The key of a unit's 单位预算 in its year's FROZEN file: `单位预算/<department>/<unit>`.
pub fn unit_key(dept: &str, unit: &str) -> String {
    let folder = crate::content::kind::Kind::UnitBudget
        .folder()
        .unwrap_or("单位预算");
    format!("{folder}/{dept}/{unit}")
}

/// Compares a unit's 单位预算 with the frozen record of its year, as [`compare`] does a
/// budget. Its corrections are the unit file's, and a refusal points there (or at the
/// department's file, which holds the unit's figures, when there is no unit file).
pub fn compare_unit(
    u: &crate::unit_budget::UnitBudget,
    fp: &str,
    frozen: &BTreeMap<String, Frozen>,
) -> Result<Option<Record>, Problem> {
    let key = unit_key(&u.dept, &u.data.code);
    let of = Frozenable {
        year: u.data.year,
        key: &key,
        corrections: &u.data.corrections,
    };
    let name = u.data.name.clone();
    let problem = |field: &str, msg: String| {
        let msg = format!("单位预算（{name}）：{msg}");
        match &u.unit_file {
            Some(f) => f.problem(field, msg),
            None => Problem::new(&u.dept_file.file, msg),
        }
    };
    compare_with(&of, fp, frozen, &problem)
}

/// A short hash of one correction, for the append-only check.
pub fn correction_hash(c: &Correction) -> String {
    hex(&Sha256::digest(
        format!("{}\n{}", c.date, c.text).as_bytes(),
    ))[..16]
        .to_owned()
}

/// One line of the freeze file for a disclosure with fingerprint `fp`.
pub fn line(code: &str, fp: &str, corrections: &[Correction]) -> String {
    let texts: Vec<String> = corrections.iter().map(correction_hash).collect();
    format!(
        "{fp}  {code}  corrections={}  texts={}\n",
        corrections.len(),
        texts.join(",")
    )
}

/// Appends what a publishing build accepted through new corrections to each year's FROZEN.
pub fn append(root: &Path, records: &[Record]) -> std::io::Result<()> {
    use std::io::Write;
    for r in records {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(path(root, r.year))?;
        f.write_all(r.line.as_bytes())?;
    }
    Ok(())
}

/// The fingerprint of a 部门决算's facts (without its corrections) and its nine tables.
pub fn final_fingerprint(fa: &FinalAccounts) -> String {
    #[derive(Serialize)]
    struct Print<'a> {
        facts: &'a FinalAccounts,
        tables: Vec<crate::final_accounts::tables::FaTable>,
    }
    let facts = FinalAccounts {
        corrections: Vec::new(),
        ..fa.clone()
    };
    let p = Print {
        facts: &facts,
        tables: crate::final_accounts::tables::all(fa),
    };
    hex(&Sha256::digest(serde_json::to_vec(&p).unwrap_or_default()))
}

/// The fingerprint of a disclosure's facts (without its corrections) and derived tables.
pub fn fingerprint(d: &Disclosure, v: &DisclosureView) -> String {
    #[derive(Serialize)]
    struct Print<'a> {
        facts: &'a Disclosure,
        tables: Vec<(&'a str, crate::derive::table_view::Grid<'a>)>,
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
    let text =
        String::from_utf8(crate::content::load::read_limited(&p, &shown)?).map_err(|_| {
            Problem::new(
                &shown,
                crate::say!(
                    "文件不是 UTF-8 编码的文本",
                    "the file is not valid UTF-8 text"
                ),
            )
        })?;
    let mut out = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        // A code's later line (written when a correction was published) replaces its earlier.
        match parts.as_slice() {
            [fp, code, n, rest @ ..] if fp.len() == 64 && rest.len() <= 1 => {
                let corrections = n
                    .strip_prefix("corrections=")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let texts = rest
                    .first()
                    .and_then(|t| t.strip_prefix("texts="))
                    .map(|t| {
                        t.split(',')
                            .filter(|h| !h.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                out.insert(
                    (*code).to_owned(),
                    Frozen {
                        fingerprint: (*fp).to_owned(),
                        corrections,
                        texts,
                    },
                );
            }
            _ => {
                return Err(Problem::new(
                    &shown,
                    crate::say!(
                        "这一行不是 `指纹  代码  corrections=N` 的格式",
                        "this line is not `FINGERPRINT  CODE  corrections=N`"
                    ),
                )
                .at(Some(i + 1), None)
                .hint(crate::say!(
                    "这个文件由 `gongkai freeze 年度` 写出，请不要手工修改；请从备份恢复它",
                    "this file is written by `gongkai freeze YEAR`; do not edit it by hand"
                )));
            }
        }
    }
    Ok(Some(out))
}

/// Writes the freeze file for the given disclosures of one year.
pub fn write(
    root: &Path,
    year: u16,
    prints: &[(String, String, String)],
) -> std::io::Result<PathBuf> {
    let mut text = format!(
        "# {year} 年已冻结的数字，由 `gongkai freeze {year}` 写出，请不要手工修改。\n# 公开文件（部门预算、部门决算、单位预算）的数字与这里不同时，生成会失败，除非该文件在 corrections 下新增了一条更正。\n# 发布更正的生成会在这里追加一行；已发布的更正不能改动或删除。\n"
    );
    for (_, _, l) in prints {
        text += l;
    }
    let p = path(root, year);
    std::fs::write(&p, text)?;
    Ok(p)
}

/// Compares a disclosure with the frozen record of its year: Ok(Some(record)) when a new
/// correction lets changed figures through (the build then records them), Err when refused.
pub fn compare(
    d: &Loaded<Disclosure>,
    fp: &str,
    frozen: &BTreeMap<String, Frozen>,
) -> Result<Option<Record>, Problem> {
    let x = &d.data;
    let of = Frozenable {
        year: x.year,
        key: &x.code,
        corrections: &x.corrections,
    };
    compare_with(&of, fp, frozen, &|field, msg| d.problem(field, msg))
}

/// Compares a 部门决算 with the frozen record of its year, as [`compare`] does a budget.
pub fn compare_final(
    d: &Loaded<FinalAccounts>,
    fp: &str,
    frozen: &BTreeMap<String, Frozen>,
) -> Result<Option<Record>, Problem> {
    let key = final_key(&d.data.code);
    let of = Frozenable {
        year: d.data.year,
        key: &key,
        corrections: &d.data.corrections,
    };
    compare_with(&of, fp, frozen, &|field, msg| d.problem(field, msg))
}

/// What freezing needs of a disclosure of any kind.
struct Frozenable<'a> {
    year: u16,
    /// Its key in the FROZEN file: the budget's code, or `决算/CODE`.
    key: &'a str,
    corrections: &'a [Correction],
}

fn compare_with(
    d: &Frozenable,
    fp: &str,
    frozen: &BTreeMap<String, Frozen>,
    problem: &dyn Fn(&str, String) -> Problem,
) -> Result<Option<Record>, Problem> {
    let year = d.year;
    let n = d.corrections.len();
    let record = || {
        Some(Record {
            year,
            line: line(d.key, fp, d.corrections),
        })
    };
    if let Some(f) = frozen.get(d.key) {
        for (i, h) in f.texts.iter().enumerate() {
            let field = format!("corrections[{i}]");
            match d.corrections.get(i) {
                None => {
                    return Err(problem("corrections", format!("{year} 年已冻结，已发布的第 {} 条更正被删除了", i + 1))
                        .hint("已发布的更正不能删除或改动：请恢复它；如需再次更正，在后面新增一条（日期和说明）"));
                }
                Some(c) if correction_hash(c) != *h => {
                    return Err(problem(&field, format!("{year} 年已冻结，已发布的第 {} 条更正的日期或说明被改动了", i + 1))
                        .hint("已发布的更正不能删除或改动：请恢复原来的日期和说明；如需再次更正，在后面新增一条"));
                }
                Some(_) => {}
            }
        }
    }
    let refused = match frozen.get(d.key) {
        Some(f) if f.fingerprint == fp => {
            // Corrections published without a change of figures are frozen too.
            return Ok((n > f.corrections || f.texts.len() < n).then(record).flatten());
        }
        Some(f) if n > f.corrections => return Ok(record()),
        None if n > 0 => return Ok(record()),
        Some(_) => Some(
            problem("code", crate::say!(
                "{year} 年已冻结，这份公开文件的数字与冻结时不同",
                "{year} is frozen, and the figures of this disclosure differ from the frozen ones"
            ))
                .hint(crate::say!(
                    "已公开的数字不能悄悄改动：请在 `corrections:` 下加一条更正（`date` 日期和 `text` 说明），写明改了什么；或者把数字改回去",
                    "published figures may not change silently: add an entry under `corrections:` (date and text) saying what was corrected, or restore the figures"
                )),
        ),
        None if !d.corrections.is_empty() => None,
        None => Some(
            problem("code", crate::say!(
                "{year} 年已冻结，而冻结时没有这个部门",
                "{year} is frozen, and this department was not part of it"
            ))
                .hint(crate::say!(
                    "请在 `corrections:` 下加一条说明，写明这个部门为什么补充公开；或者删掉这个文件",
                    "add an entry under `corrections:` saying why the department is published late, or remove the file"
                )),
        ),
    };
    refused.map_or(Ok(None), Err)
}

/// `gongkai freeze YEAR`: fingerprints every disclosure of the year and writes the freeze file.
/// Returns the file written and how many disclosures it holds.
pub fn freeze_year(
    root: &Path,
    year: u16,
) -> Result<(PathBuf, usize), crate::content::problem::Problems> {
    let m = crate::content::load::scan(root)?;
    let (finals, unreadable) = crate::final_accounts::load_all(root);
    let finals: Vec<_> = finals.into_iter().filter(|d| d.data.year == year).collect();
    let none = Vec::new();
    let files = m.years.iter().find(|(y, _)| *y == year).map(|(_, f)| f);
    let Some(files) = files.or((!finals.is_empty()).then_some(&none)) else {
        return Err(Problem::new(
            format!("content/{year}"),
            crate::say!(
                "{year} 年没有公开文件",
                "there are no disclosures for {year}"
            ),
        )
        .hint(crate::say!(
            "只能冻结 content/年度/ 下已有部门文件的年度",
            "freeze a year that has department files under content/YEAR/"
        ))
        .into());
    };
    let mut prints = Vec::new();
    let mut problems: Vec<Problem> = unreadable
        .into_iter()
        .filter(|p| p.file.starts_with(format!("content/{year}")))
        .collect();
    for d in &finals {
        let key = final_key(&d.data.code);
        let fp = final_fingerprint(&d.data);
        let l = line(&key, &fp, &d.data.corrections);
        prints.push((key, fp, l));
    }
    let (units, mut unusable) = crate::unit_budget::site::load_all(root, &m, Some(year));
    problems.append(&mut unusable);
    if let Ok(Some(profile)) = crate::unit_budget::unit_profile(root, &m.profile) {
        for u in units.iter().flat_map(|d| &d.units) {
            let v =
                crate::render::page::disclosure_view(&u.data, m.glossary_for(year), &profile, &[]);
            let key = unit_key(&u.dept, &u.data.code);
            let fp = fingerprint(&u.data, &v);
            let l = line(&key, &fp, &u.data.corrections);
            prints.push((key, fp, l));
        }
    }
    for f in files {
        match m.load(f) {
            Ok(mut d) => {
                // As a build shows it: last year's figures the file leaves out filled in.
                if let Some(last) = crate::check::LastYear::read(&m, &d.data) {
                    crate::prose::printed::fill(&mut d.data, &m.profile, &last.figures);
                }
                let glossary = m.glossary_for(year);
                let v = crate::render::page::disclosure_view(&d.data, glossary, &m.profile, &[]);
                let fp = fingerprint(&d.data, &v);
                let l = line(&d.data.code, &fp, &d.data.corrections);
                prints.push((d.data.code.clone(), fp, l));
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(crate::content::problem::Problems(problems));
    }
    prints.sort();
    keep_glossary(root, year)?;
    let p = write(root, year, &prints).map_err(|e| {
        Problem::new(
            path(root, year),
            crate::say!("无法写入冻结文件：{e}", "cannot write the freeze file: {e}"),
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
    let site = content.join(crate::content::load::GLOSSARY);
    let kept = content
        .join(year.to_string())
        .join(crate::content::load::GLOSSARY);
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
