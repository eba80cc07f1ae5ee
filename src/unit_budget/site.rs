//! The unit budgets of a whole site: loaded from the department files of every year, checked,
//! and listed for the year, department and discovery pages.

use super::UnitBudget;
use crate::content::kind::Kind;
use crate::content::load::{Loaded, Manifest};
use crate::content::model::Disclosure;
use crate::content::problem::Problem;
use crate::derive::Figures;
use std::path::Path;

/// One department-year and its units' budgets.
pub struct Department {
    pub file: Loaded<Disclosure>,
    pub units: Vec<UnitBudget>,
}

/// A department's file as the budget build reads it: last year's figures it leaves out are
/// last year's file's, so the unit's narrative compares as the department's does.
fn load_department(m: &Manifest, path: &Path) -> Option<Loaded<Disclosure>> {
    let mut d = m.load(path).ok()?;
    let last = m
        .years
        .iter()
        .find(|(y, _)| *y + 1 == d.data.year)
        .and_then(|(_, files)| files.iter().find(|f| f.file_stem() == path.file_stem()))
        .and_then(|f| m.load(f).ok());
    if let Some(last) = last {
        let figures = Figures::of(&last.data);
        let handed_on = crate::derive::previous::handed_on(&last.data, &figures);
        crate::prose::printed::fill(&mut d.data, &m.profile, &handed_on);
    }
    Some(d)
}

/// Every department-year with unit budgets, with the problems of unit files that cannot be
/// used. Department files that do not load are left out: the budget check reports them.
/// `only_year` keeps one year (an archive of that year).
pub fn load_all(
    root: &Path,
    m: &Manifest,
    only_year: Option<u16>,
) -> (Vec<Department>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = super::orphans(root, m);
    let publishes = m.profile.unit_budget.is_some() && m.profile.kinds.contains(&Kind::UnitBudget);
    if !publishes {
        for f in crate::final_accounts::files_of(root, Kind::UnitBudget) {
            problems.push(
                Problem::new(
                    f.strip_prefix(root).unwrap_or(&f),
                    format!("本站的格式（{}）不公开单位预算", m.profile.name),
                )
                .hint("在格式文件的 kinds 中加上 单位预算 并写出 unit_budget 一节，或把这个文件移出 content/"),
            );
        }
        return (out, problems);
    }
    for (year, files) in &m.years {
        if only_year.is_some_and(|y| y != *year) {
            continue;
        }
        for f in files {
            // Only a department with a unit file publishes unit budgets: the others are not
            // read again (the budget build has read them).
            let code = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            if !super::unit_file_path(root, *year, code).is_file() {
                continue;
            }
            let Some(dept) = load_department(m, f) else {
                continue;
            };
            match super::of_department(root, &m.profile, &dept) {
                Ok(units) if units.is_empty() => {}
                Ok(units) => out.push(Department { file: dept, units }),
                Err(p) => problems.extend(p),
            }
        }
    }
    (out, problems)
}
