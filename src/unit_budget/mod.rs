//! 单位预算: the budget of each unit of a department that keeps its own budget, a kind of
//! disclosure beside the department's 部门预算.
//!
//! A unit's money is its department's, narrowed to the unit ([`split`]); the unit file
//! (`content/<year>/单位预算/<code>.yaml`, [`model`]) holds only what the department's file
//! cannot say of a unit; its presence says that the department publishes its units'
//! budgets. The profile says whether the region publishes unit budgets at all (`kinds:`
//! lists 单位预算) and lays them out (`unit_budget:`); every budgeted unit of a department
//! with a unit file then has its page.

pub mod model;
pub mod site;
pub mod split;
pub mod validate;

use crate::content::kind::Kind;
use crate::content::load::{Loaded, Manifest, is_safe_code, read_and_parse};
use crate::content::model::Disclosure;
use crate::content::problem::Problem;
use crate::content::profile::Profile;
use model::UnitFile;
use split::Origin;
use std::path::{Path, PathBuf};

/// One unit's budget, ready for checking and publishing.
pub struct UnitBudget {
    /// The unit's disclosure: the department's facts narrowed to the unit.
    pub data: Disclosure,
    /// The department's code (the unit's page is `<year>/unit/<dept>/<unit>/`).
    pub dept: String,
    /// The department's file, which holds the unit's figures.
    pub dept_file: Loaded<Disclosure>,
    /// The unit file, when the department has one.
    pub unit_file: Option<Loaded<UnitFile>>,
    /// Where the unit's lines are in the department's file.
    pub origin: Origin,
}

/// The profile a region lays its unit budgets out with: its own with the `unit_budget`
/// tables, label, page and default text (`profiles/<name>.unit.narrative.md`). `None` when
/// the region does not publish unit budgets.
pub fn unit_profile(root: &Path, profile: &Profile) -> Result<Option<Profile>, Problem> {
    let Some(layout) = profile.unit_budget.as_ref() else {
        return Ok(None);
    };
    if !profile.kinds.contains(&Kind::UnitBudget) {
        return Ok(None);
    }
    let name = format!("{}.unit", profile.name);
    let text = match crate::content::default_text::site_text(root, &name)? {
        Some(t) => Some(t),
        None => crate::content::default_text::DefaultText::built_in(&name),
    };
    Ok(Some(Profile {
        tables: layout.tables.clone(),
        department_label: layout.department_label.clone(),
        page_template: layout.page_template.clone(),
        narrative_text: text,
        ..profile.clone()
    }))
}

/// The unit file of a department-year, whether or not it exists.
pub fn unit_file_path(root: &Path, year: u16, code: &str) -> PathBuf {
    root.join("content")
        .join(year.to_string())
        .join(Kind::UnitBudget.folder().unwrap_or_default())
        .join(format!("{code}.yaml"))
}

/// The page of a unit's budget, relative to the site root.
pub fn href(year: u16, dept: &str, unit: &str) -> String {
    format!(
        "{year}/{}/{dept}/{unit}/index.html",
        Kind::UnitBudget.slug()
    )
}

/// Whether a department-year publishes unit budgets: the region does, the department
/// attributes its money to units, and it has its unit file (`content/<year>/单位预算/
/// <code>.yaml`, which may be as short as its code and year). The file is the department's
/// say: the region's other departments keep publishing their budgets alone.
pub fn publishes(root: &Path, profile: &Profile, d: &Disclosure) -> bool {
    profile.unit_budget.is_some()
        && profile.kinds.contains(&Kind::UnitBudget)
        && !d.department_totals_only
        && unit_file_path(root, d.year, &d.code).is_file()
}

/// The department-year page's links to its units' budgets: (unit name, href from the
/// department's page `<year>/<code>/`).
pub fn links(root: &Path, profile: &Profile, d: &Disclosure) -> Vec<(String, String)> {
    if !publishes(root, profile, d) {
        return Vec::new();
    }
    d.budgeted_units()
        .map(|u| {
            (
                u.name.clone(),
                format!(
                    "../{}/{}/{}/index.html",
                    Kind::UnitBudget.slug(),
                    d.code,
                    u.code
                ),
            )
        })
        .collect()
}

/// Loads a unit file and checks its place: the year folder, the name, the department.
pub fn load_unit_file(root: &Path, path: &Path) -> Result<Loaded<UnitFile>, Problem> {
    let shown = path.strip_prefix(root).unwrap_or(path);
    let f = read_and_parse::<UnitFile>(path, shown)?;
    let year_dir = shown
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let stem = f.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if f.data.year.to_string() != year_dir {
        return Err(f
            .problem(
                "year",
                format!(
                    "单位预算年度是 {}，但文件放在 {year_dir} 年的文件夹里",
                    f.data.year
                ),
            )
            .hint(
                "把文件放到所属年度的“单位预算”文件夹（如 content/2025/单位预算/），或改正 year",
            ));
    }
    if !is_safe_code(&f.data.code) || stem != f.data.code {
        return Err(f
            .problem(
                "code",
                format!("部门代码是“{}”，文件名却是“{stem}.yaml”", f.data.code),
            )
            .hint("单位预算文件以所属部门的代码命名，与部门预算文件同名（如 commerce.yaml）"));
    }
    Ok(f)
}

/// The unit files that belong to no department budget of their year: refused, since their
/// units would publish nothing.
pub fn orphans(root: &Path, m: &Manifest) -> Vec<Problem> {
    crate::final_accounts::files_of(root, Kind::UnitBudget)
        .into_iter()
        .filter_map(|f| {
            let shown = f.strip_prefix(root).unwrap_or(&f).to_path_buf();
            let code = f.file_stem()?.to_str()?.to_owned();
            let year: u16 = f.parent()?.parent()?.file_name()?.to_str()?.parse().ok()?;
            let has = m
                .years
                .iter()
                .any(|(y, fs)| *y == year && fs.iter().any(|p| p.file_stem() == f.file_stem()));
            (!has).then(|| {
                Problem::new(
                    shown,
                    format!("{year} 年没有部门代码为“{code}”的部门预算，这个单位预算文件无处可用"),
                )
                .hint(format!(
                    "单位预算文件与部门预算文件同名：请确认 content/{year}/{code}.yaml 存在，或改正文件名"
                ))
            })
        })
        .collect()
}

/// The unit budgets of one department-year: one per budgeted unit, when the region
/// publishes them. Problems of the unit file (unreadable, naming a unit the department does
/// not budget, missing what several units need) are returned instead.
pub fn of_department(
    root: &Path,
    profile: &Profile,
    dept: &Loaded<Disclosure>,
) -> Result<Vec<UnitBudget>, Vec<Problem>> {
    let d = &dept.data;
    let Some(layout) = profile
        .unit_budget
        .as_ref()
        .filter(|_| publishes(root, profile, d))
    else {
        return Ok(Vec::new());
    };
    let path = unit_file_path(root, d.year, &d.code);
    let unit_file = Some(load_unit_file(root, &path).map_err(|p| vec![p])?);
    let problems = validate::unit_file(d, &dept.file, unit_file.as_ref());
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(d.budgeted_units()
        .map(|u| {
            let facts = unit_file
                .as_ref()
                .and_then(|f| f.data.units.iter().find(|x| x.code == u.code));
            let (data, origin) = split::unit_disclosure(d, u, facts, layout);
            UnitBudget {
                data,
                dept: d.code.clone(),
                dept_file: dept.clone(),
                unit_file: unit_file.clone(),
                origin,
            }
        })
        .collect())
}
