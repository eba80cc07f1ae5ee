//! 预算执行: the 年初预算数 of each 项 next to its 决算数.
//!
//! Where the year's 部门预算 is in the archive (`content/<year>/<code>.yaml`), the 预算数 is
//! read from it — the 一般公共预算 of each 项 — so plan and outcome cannot drift apart; a
//! 预算数 typed in the 决算 that disagrees with the archive is reported. Where it is not,
//! the 预算数 typed per 项 is used.

use super::model::FinalAccounts;
use super::tables::{self, Fmt};
use crate::content::load::Loaded;
use crate::content::model::Disclosure;
use crate::content::money::Money;
use crate::content::problem::Problem;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// 年初预算数 per 项 code, in the 决算's unit.
pub type Budgets = BTreeMap<String, Money>;

/// The 预算数 of each 项: the archive's when given, else what the 决算 typed; with a problem
/// for each typed figure that disagrees with the archive.
pub fn budgets(d: &Loaded<FinalAccounts>, archive: Option<&Disclosure>) -> (Budgets, Vec<Problem>) {
    let fa = &d.data;
    let mut out = Budgets::new();
    let mut problems = Vec::new();
    if let Some(budget) = archive {
        for l in &budget.expenditure {
            let m = l.general.total().convert(budget.money_unit, fa.money_unit);
            *out.entry(l.code.clone()).or_default() += m;
        }
        for (i, l) in fa.lines.iter().enumerate() {
            let archived = out.get(&l.code).copied().unwrap_or_default();
            if let Some(typed) = l.budget
                && typed != archived
            {
                problems.push(
                    d.problem(
                        &format!("lines[{i}].budget"),
                        format!(
                            "科目“{} {}”的年初预算数填的是 {}，但{}年部门预算中是 {}（{}）",
                            l.code,
                            l.name,
                            typed,
                            fa.year,
                            archived,
                            fa.money_unit.label()
                        ),
                    )
                    .hint("年初预算数以已公开的部门预算为准：删去 budget 让程序从部门预算读取，或核对两处数字"),
                );
            }
        }
    } else {
        for l in &fa.lines {
            if let Some(b) = l.budget {
                out.insert(l.code.clone(), b);
            }
        }
    }
    (out, problems)
}

/// One 类 of the 预算执行 view, in 万元 as the tables show it.
#[derive(Debug, Clone, Serialize)]
pub struct ExecutionRow {
    pub code: String,
    pub name: String,
    /// 年初预算数 of 一般公共预算财政拨款: the exact sum of the 类, rounded.
    pub budget: Money,
    /// 决算数 as 一般公共预算财政拨款支出决算表 shows the 类 (its rounded 项 added up).
    pub actual: Money,
    /// 决算数 / 预算数 in percent, two decimals; `None` without a 预算数.
    pub rate: Option<Decimal>,
}

/// 决算数 / 预算数 in percent, rounded half away from zero to two decimals.
pub fn rate(actual: Money, budget: Money) -> Option<Decimal> {
    if budget.is_zero() {
        return None;
    }
    Some(
        (actual.0 * Decimal::from(100) / budget.0)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}

/// 预算执行 per 类 of 一般公共预算财政拨款, with the total last (code empty). Rates are
/// computed from the figures shown, so a reader can recompute them from the page.
pub fn by_class(fa: &FinalAccounts, budgets: &Budgets) -> Vec<ExecutionRow> {
    let f = Fmt::new(fa.money_unit);
    let mut classes: Vec<&str> = fa
        .lines
        .iter()
        .map(|l| &l.code[..3.min(l.code.len())])
        .chain(budgets.keys().map(|c| &c[..3.min(c.len())]))
        .collect();
    classes.sort();
    classes.dedup();
    let row = |code: &str, name: String, budget: Money, actual: Money| ExecutionRow {
        code: code.to_string(),
        name,
        budget,
        actual,
        rate: rate(actual, budget),
    };
    let mut rows: Vec<ExecutionRow> = classes
        .into_iter()
        .map(|c| {
            let budget: Money = budgets
                .iter()
                .filter(|(k, _)| k.starts_with(c))
                .map(|(_, m)| *m)
                .sum();
            let actual: Money = fa
                .lines
                .iter()
                .filter(|l| l.code.starts_with(c))
                .map(|l| f.money(tables::general(l)))
                .sum();
            row(c, class_name(fa, c), f.money(budget), actual)
        })
        .filter(|r| !(r.budget.is_zero() && r.actual.is_zero()))
        .collect();
    let budget: Money = budgets.values().copied().sum();
    let actual = tables::sum_by(fa, "", tables::general);
    rows.push(row("", "合计".into(), f.money(budget), f.money(actual)));
    rows
}

fn class_name(fa: &FinalAccounts, code: &str) -> String {
    fa.subject_names
        .get(code)
        .map(String::as_str)
        .or_else(|| {
            super::layout::CLASSES
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, n)| *n)
        })
        .unwrap_or(code)
        .to_string()
}
