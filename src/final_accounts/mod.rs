//! 部门决算: the final accounts of a department-year, a kind of disclosure beside the budget.
//!
//! The kind brings its own facts ([`model`]), tables ([`tables`], data in [`layout`]), checks
//! ([`checks`]) and default 情况说明 ([`narrative`]); it shares loading (located errors,
//! size limits) and money (exact, rounded half away from zero) with the budget.

pub mod checks;
pub mod execution;
pub mod layout;
pub mod listing;
pub mod model;
pub mod narrative;
pub mod site_check;
pub mod tables;

use crate::content::kind::Kind;
use crate::content::load::{Loaded, is_safe_code, is_year, read_and_parse};
use crate::content::problem::Problem;
use model::FinalAccounts;
use std::path::{Path, PathBuf};

/// The 决算 files under `root/content`, sorted by year then file name:
/// `content/<year>/决算/<code>.yaml`.
pub fn files(root: &Path) -> Vec<PathBuf> {
    files_of(root, Kind::FinalAccounts)
}

/// The files of a kind kept in its own folder (`content/<year>/<folder>/*.yaml`), sorted.
pub fn files_of(root: &Path, kind: Kind) -> Vec<PathBuf> {
    let Some(folder) = kind.folder() else {
        return Vec::new();
    };
    let name = |p: Option<&Path>| {
        p.and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .min_depth(3)
        .max_depth(3)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            is_year(&name(p.parent().and_then(Path::parent)))
                && name(p.parent()) == folder
                && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && !name(Some(p)).starts_with('.')
        })
        .collect();
    out.sort();
    out
}

/// Loads one 决算 file and checks what later steps rely on: the year folder, the file name,
/// the shape of every 科目 code.
pub fn load(root: &Path, path: &Path) -> Result<Loaded<FinalAccounts>, Vec<Problem>> {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let d = read_and_parse::<FinalAccounts>(path, shown).map_err(|p| vec![p])?;
    let year_dir = shown
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let problems = validate(&d, year_dir);
    if problems.is_empty() {
        Ok(d)
    } else {
        Err(problems)
    }
}

/// Every 决算 of a site, loaded: what the open-data package and other readers iterate.
/// Files with problems are returned as problems, the rest as facts.
pub fn load_all(root: &Path) -> (Vec<Loaded<FinalAccounts>>, Vec<Problem>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for f in files(root) {
        match load(root, &f) {
            Ok(d) => ok.push(d),
            Err(mut p) => problems.append(&mut p),
        }
    }
    (ok, problems)
}

fn validate(d: &Loaded<FinalAccounts>, year_dir: &str) -> Vec<Problem> {
    let x = &d.data;
    let mut out = Vec::new();
    let mut push =
        |field: &str, msg: String, hint: &str| out.push(d.problem(field, msg).hint(hint));
    if x.year.to_string() != year_dir {
        push(
            "year",
            format!("决算年度是 {}，但文件放在 {year_dir} 年的文件夹里", x.year),
            "把文件放到所属年度的“决算”文件夹（如 content/2024/决算/），或改正 year",
        );
    }
    let stem = d.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if !is_safe_code(&x.code) || stem != x.code {
        push(
            "code",
            format!("部门代码是“{}”，文件名却是“{stem}.yaml”", x.code),
            "文件名须与部门代码一致（如 finance.yaml），代码只用字母、数字、- 或 _",
        );
    }
    for (i, c) in x.corrections.iter().enumerate() {
        if !crate::content::date::is_date(&c.date) {
            push(
                &format!("corrections[{i}].date"),
                format!("更正日期“{}”不是真实的日期", c.date),
                "写成“年-月-日”，如 2025-09-30",
            );
        }
    }
    if x.units.is_empty() {
        push(
            "units",
            "没有填写部门决算单位构成".into(),
            "在 units 下至少列出本级单位，如 - { name: 上海市普陀区财政局（本级） }",
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, l) in x.lines.iter().enumerate() {
        let field = format!("lines[{i}].code");
        if l.code.len() != 7 || !l.code.bytes().all(|b| b.is_ascii_digit()) {
            push(
                &field,
                format!("科目编码“{}”不是7位数字（类3位+款2位+项2位）", l.code),
                "照支出功能分类科目填写7位编码，加英文引号，如 \"2010601\"",
            );
        } else if !seen.insert(l.code.as_str()) {
            push(
                &field,
                format!("科目“{}”填了两次", l.code),
                "同一个项只填一行，把两行的金额合并",
            );
        }
    }
    for code in x.basic_economic.keys() {
        if layout::economic_name(code).is_none() || code.len() != 5 {
            push(
                &format!("basic_economic.{code}"),
                format!("经济分类科目“{code}”不在一般公共预算财政拨款基本支出决算表的科目中"),
                "填5位的款级编码，如 \"30101\"（基本工资）；类级合计由程序计算",
            );
        }
    }
    out
}
