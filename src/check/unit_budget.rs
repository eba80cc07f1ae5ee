//! What `check` asks of unit budgets.
//!
//! The unit file must name units the department budgets, and say what several units need
//! ([`unit_file`]). Each unit's budget must close like any budget — the budget's own rules
//! run on it, their findings pointed at the department's file — and its 人员经费 and 公用经费
//! per 类 (table 1) must add up to those of its economic lines (table 8) ([`unit`]). The
//! units must add up to their department where the unit file enters a figure the
//! department's file also has ([`sums`]).

use super::{Diagnostic, Fact, Severity};
use crate::content::load::Loaded;
use crate::content::model::Disclosure;
use crate::content::money::Money;
use crate::content::problem::Problem;
use crate::content::profile::Profile;
use crate::derive::figures::{BySource, Figures, Source};
use crate::derive::tables9_unit::{class_splits, split_total};
use crate::unit_budget::UnitBudget;
use crate::unit_budget::site::Department;
use std::path::Path;

fn diagnostic(
    rule: &'static str,
    file: &Path,
    message: String,
    facts: Vec<Fact>,
    hint: String,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity: Severity::Error,
        file: file.to_path_buf(),
        line: facts.iter().find_map(|f| f.line),
        message,
        expected: None,
        actual: None,
        difference: None,
        tolerance: None,
        facts,
        hint,
    }
}

fn with_amounts(mut d: Diagnostic, expected: Money, actual: Money) -> Diagnostic {
    d.expected = Some(expected.plain());
    d.actual = Some(actual.plain());
    d.difference = Some(super::signed(actual - expected));
    d
}

/// Every finding on the unit budgets of one department: each unit's (see [`unit`]) and the
/// units' sums against the department. A unit's finding that the department's own check
/// makes too (the same rule on the same lines, as with a department's only budgeted unit,
/// whose lines are all the department's) is left to the department's: said once.
pub fn department(
    dept: &Loaded<Disclosure>,
    units: &[UnitBudget],
    profile: &Profile,
    unit_profile: &Profile,
) -> Vec<Diagnostic> {
    let key = |x: &Diagnostic| {
        let facts: Vec<(&str, &str)> = (x.facts.iter())
            .map(|f| (f.field.as_str(), f.value.as_str()))
            .collect();
        format!("{}|{:?}|{:?}|{:?}", x.rule, facts, x.expected, x.actual)
    };
    let own: std::collections::HashSet<String> = super::check_disclosure_with(dept, None, profile)
        .iter()
        .map(key)
        .collect();
    let mut out: Vec<Diagnostic> = (units.iter())
        .flat_map(|u| unit(u, unit_profile))
        .filter(|x| !own.contains(&key(x)))
        .collect();
    out.extend(sums(dept, units));
    out
}

/// Every finding on one unit's budget: the budget's own rules (pointed at the department's
/// file and lines) and the split of its 基本支出.
pub fn unit(ub: &UnitBudget, profile: &Profile) -> Vec<Diagnostic> {
    let loaded = Loaded {
        data: ub.data.clone(),
        ..ub.dept_file.clone()
    };
    let f = Figures::of(&ub.data);
    let mut out: Vec<Diagnostic> = super::check_with_figures(&loaded, &f, None, profile)
        .into_iter()
        // A unit's budget is not a 汇总预算 of units: it prints no composition.
        .filter(|x| !x.facts.iter().any(|f| f.field == "overview.composition"))
        .map(|mut x| {
            for fact in &mut x.facts {
                fact.field = ub.origin.field(&fact.field);
                fact.line = ub.dept_file.map.line(&fact.field);
            }
            x.line = x.facts.iter().find_map(|f| f.line);
            x.message = format!("单位预算（{}）：{}", ub.data.name, x.message);
            x
        })
        .collect();
    out.extend(split(ub));
    out
}

/// Table 1's 人员经费 and 公用经费 against table 8's: the split the unit file gives per 类
/// must leave 人员经费 and 公用经费 summing to those of the unit's economic lines.
fn split(ub: &UnitBudget) -> Vec<Diagnostic> {
    let d = &ub.data;
    let mut out = Vec::new();
    let (file, line_of) = match &ub.unit_file {
        Some(f) => (f.file.clone(), Some(f)),
        None => (ub.dept_file.file.clone(), None),
    };
    let index = line_of
        .and_then(|f| f.data.units.iter().position(|u| u.code == d.code))
        .unwrap_or(0);
    let field = |c: &str| format!("units[{index}].public_by_class.{c}");
    let fact = |c: &str, m: Money| Fact {
        field: field(c),
        line: line_of.and_then(|f| f.map.line(&field(c))),
        value: m.plain(),
    };
    let unsplit = crate::derive::tables::class_totals(d, &Source::ALL);
    for (c, public) in &d.class_public {
        let basic = unsplit.get(c).map(|x| x.unsplit_basic).unwrap_or_default();
        if *public > basic || public.0.is_sign_negative() {
            out.push(with_amounts(
                diagnostic(
                    "unit-public-by-class",
                    &file,
                    format!(
                        "单位“{}”第{c}类的公用经费 {} 超出了这一类未分开填写的基本支出 {}",
                        d.name,
                        public.plain(),
                        basic.plain()
                    ),
                    vec![fact(c, *public)],
                    "public_by_class 只填基本支出（basic）中的公用经费部分，不能大于这一类各行 basic 之和：请核对预算单位财务收支预算总表".into(),
                ),
                basic,
                *public,
            ));
        }
    }
    let table1 = split_total(&class_splits(d));
    let economic = d
        .economic
        .iter()
        .fold((Money::ZERO, Money::ZERO), |(p, q), l| {
            let c = l.all();
            (p + c.personnel, q + c.public)
        });
    for (label, t1, t8) in [
        ("公用经费", table1.public, economic.1),
        ("人员经费", table1.personnel, economic.0),
    ] {
        if t1 != t8 {
            let facts: Vec<Fact> = d.class_public.iter().map(|(c, m)| fact(c, *m)).collect();
            out.push(with_amounts(
                diagnostic(
                    "unit-split",
                    &file,
                    format!(
                        "单位“{}”财务收支预算总表的{label}合计 {} 与经济分类（一般公共预算基本支出表）的{label}合计 {} 不符",
                        d.name,
                        t1.plain(),
                        t8.plain()
                    ),
                    facts,
                    format!(
                        "各类的公用经费（public_by_class，或支出行的 public）之和应等于这个单位经济分类各行的公用经费之和：请核对 {} 下 code: {} 的 public_by_class",
                        file.display(),
                        d.code
                    ),
                ),
                t8,
                t1,
            ));
        }
    }
    out
}

/// The units against their department where the unit file enters figures the department's
/// file has too (several budgeted units, no unit 不单列预算): 政府采购 and 绩效目标 projects.
pub fn sums(dept: &Loaded<Disclosure>, units: &[UnitBudget]) -> Vec<Diagnostic> {
    let d = &dept.data;
    if units.len() < 2 || d.units.iter().any(|u| !u.separate_budget) {
        return Vec::new();
    }
    let file = units
        .iter()
        .find_map(|u| u.unit_file.as_ref().map(|f| f.file.clone()))
        .unwrap_or_else(|| dept.file.clone());
    let mut out = Vec::new();
    let mut compare = |what: &str, field: &str, dept_value: Money, sum: Money| {
        if dept_value != sum {
            out.push(with_amounts(
                diagnostic(
                    "unit-sum",
                    &file,
                    format!(
                        "各单位的{what}之和 {} 与部门的{what} {} 不符",
                        sum.plain(),
                        dept_value.plain()
                    ),
                    vec![Fact {
                        field: field.into(),
                        line: dept.map.line(field),
                        value: dept_value.plain(),
                    }],
                    format!("部门的{what}是各单位之和：请核对单位预算文件中各单位的 {field} 和部门文件的 {field}"),
                ),
                dept_value,
                sum,
            ));
        }
    };
    let procurement = |x: &Disclosure| {
        let p = &x.procurement;
        p.goods + p.works + p.services
    };
    compare(
        "政府采购预算",
        "procurement",
        procurement(d),
        units.iter().map(|u| procurement(&u.data)).sum(),
    );
    if let Some(p) = &d.projects_with_targets {
        compare(
            "编报绩效目标的项目预算资金",
            "projects_with_targets.amount",
            p.amount,
            units
                .iter()
                .filter_map(|u| u.data.projects_with_targets.as_ref().map(|x| x.amount))
                .sum(),
        );
    }
    out
}

/// What checking the unit budgets of a site found: unit files that cannot be used (they stop
/// the check), findings, and how many unit budgets were checked.
pub struct Checked {
    pub unreadable: Vec<Problem>,
    pub findings: Vec<Diagnostic>,
    pub units: usize,
}

/// `gongkai check` for the unit budgets of a site.
pub fn check_site(root: &Path, m: &crate::content::load::Manifest) -> Checked {
    let (departments, unreadable) = crate::unit_budget::site::load_all(root, m, None);
    let mut findings = Vec::new();
    let mut units = 0;
    if let Ok(Some(profile)) = crate::unit_budget::unit_profile(root, &m.profile) {
        for d in &departments {
            findings.extend(department_of(d, &m.profile, &profile));
            units += d.units.len();
        }
    }
    Checked {
        unreadable,
        findings,
        units,
    }
}

/// [`department`] of a loaded department and its units.
pub fn department_of(d: &Department, profile: &Profile, unit_profile: &Profile) -> Vec<Diagnostic> {
    department(&d.file, &d.units, profile, unit_profile)
}
