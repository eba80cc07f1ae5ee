//! What the rest of the site shows of the 决算: one line per 决算 (name, year, where its page
//! is, its 本年支出合计), for the home, year and department pages, the feed, the sitemap and the
//! search index. Built from the facts once per listing, so no page keeps a second copy of them.

use super::model::FinalAccounts;
use super::tables::{self, Fmt};
use crate::content::kind::Kind;
use serde::Serialize;
use std::path::Path;

/// One disclosure of another kind than the budget: a 部门决算, or a unit's 单位预算 (whose
/// `code` is its department's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalEntry {
    pub kind: Kind,
    pub year: u16,
    pub code: String,
    pub name: String,
    /// The page, relative to the site root.
    pub href: String,
    /// 本年支出合计 in 万元, as the tables print it.
    pub total: String,
    /// The publication date, when the file gives one.
    pub published: Option<String>,
    /// Corrections after publication, for the feed.
    pub corrections: Vec<crate::content::model::Correction>,
}

/// Where the page of a 决算 is, relative to the site root.
pub fn href(year: u16, code: &str) -> String {
    format!("{year}/{}/{code}/index.html", Kind::FinalAccounts.slug())
}

/// Whether the site has a 决算 for this department-year. A 决算 that does not load or does
/// not close stops the build, so a file that is there is a page that is there.
pub fn exists(root: &Path, year: u16, code: &str) -> bool {
    root.join("content")
        .join(year.to_string())
        .join(Kind::FinalAccounts.folder().unwrap_or_default())
        .join(format!("{code}.yaml"))
        .is_file()
}

pub fn entry(fa: &FinalAccounts) -> FinalEntry {
    let fmt = Fmt::new(fa.money_unit);
    let total = tables::sum_by(fa, "", tables::spent_total);
    FinalEntry {
        kind: Kind::FinalAccounts,
        year: fa.year,
        code: fa.code.clone(),
        name: fa.name.clone(),
        href: href(fa.year, &fa.code),
        total: fmt.money(total).table(),
        published: fa.published.clone(),
        corrections: fa.corrections.clone(),
    }
}

/// Every 决算 and 单位预算 of the site that loads, by year, code and kind. Files that do not load are left out
/// here: `check` and `build` report them.
pub fn entries(root: &Path) -> Vec<FinalEntry> {
    let (loaded, _) = super::load_all(root);
    let mut out: Vec<FinalEntry> = loaded.iter().map(|d| entry(&d.data)).collect();
    out.extend(unit_entries(root));
    out.sort_by(|a, b| (a.year, &a.code, a.kind, &a.href).cmp(&(b.year, &b.code, b.kind, &b.href)));
    out
}

/// The unit budgets of a site, one entry each, 支出总计 in 万元. Unit budgets that cannot be
/// made are left out: `check` and `build` report them.
fn unit_entries(root: &Path) -> Vec<FinalEntry> {
    // Most sites have no unit file: then nothing more is read.
    if super::files_of(root, Kind::UnitBudget).is_empty() {
        return Vec::new();
    }
    let Ok(m) = crate::content::load::scan(root) else {
        return Vec::new();
    };
    if m.profile.unit_budget.is_none() || !m.profile.kinds.contains(&Kind::UnitBudget) {
        return Vec::new();
    }
    let (departments, _) = crate::unit_budget::site::load_all(root, &m, None);
    let wan = |d: &crate::content::model::Disclosure| {
        m.profile
            .tables_shown(d.money_unit)
            .in_unit(crate::content::model::MoneyUnit::TenThousandYuan)
    };
    departments
        .iter()
        .flat_map(|d| d.units.iter())
        .map(|u| {
            let d = &u.data;
            FinalEntry {
                kind: Kind::UnitBudget,
                year: d.year,
                code: u.dept.clone(),
                name: d.name.clone(),
                href: crate::unit_budget::href(d.year, &u.dept, &d.code),
                total: wan(d)
                    .money(crate::derive::Figures::of(d).expenditure_total)
                    .table(),
                published: d.published.clone(),
                corrections: d.corrections.clone(),
            }
        })
        .collect()
}
