//! What the kinds of a department's units decide: how many of each kind it has (named
//! figures for the narrative, 「下属1家机关和1家参公事业单位」) and its 机关运行经费.
//!
//! 机关运行经费 is, by the definition every glossary prints, 「行政单位和参照公务员法管理的
//! 事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出」: the 公用经费 of
//! 行政 and 参公 units only. Summing every unit's 公用经费 overstates it for a department
//! with 事业单位 (a 街道 publishing 464.64万元 was printed 1,082.77万元).

use crate::content::model::{Disclosure, UnitKind};
use crate::content::money::Money;
use serde::Serialize;

/// How many units of each kind the department lists (under `units`, with or without a
/// budget of their own).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct UnitCounts {
    /// 行政单位.
    pub administrative: usize,
    /// 参照公务员法管理的事业单位.
    pub civil_service: usize,
    /// 事业单位 (not 参公).
    pub institution: usize,
    /// 其他.
    pub other: usize,
    /// Units listed without a kind.
    pub unknown: usize,
    /// Every unit listed.
    pub total: usize,
}

impl UnitCounts {
    pub fn of(d: &Disclosure) -> UnitCounts {
        let mut c = UnitCounts {
            total: d.units.len(),
            ..UnitCounts::default()
        };
        for u in &d.units {
            match u.kind {
                Some(UnitKind::Administrative) => c.administrative += 1,
                Some(UnitKind::CivilServiceInstitution) => c.civil_service += 1,
                Some(UnitKind::Institution) => c.institution += 1,
                Some(UnitKind::Other) => c.other += 1,
                None => c.unknown += 1,
            }
        }
        c
    }
}

/// Where a department's 机关运行经费 comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunningCostsBasis {
    /// The whole 一般公共预算 公用经费 (every unit counts, or kinds are not given).
    AllPublic,
    /// The 公用经费 of the 行政 and 参公 units' functional lines.
    OrganUnits,
    /// Entered as published (`running_costs:`), the facts not being split by unit.
    Entered,
}

/// 机关运行经费 and where it came from. `all_public` is the 一般公共预算 公用经费 of the
/// whole department (from the economic lines).
pub fn running_costs(d: &Disclosure, all_public: Money) -> (Money, RunningCostsBasis) {
    if let Some(m) = d.running_costs {
        return (m, RunningCostsBasis::Entered);
    }
    if d.department_totals_only || !mixed(d) {
        return (all_public, RunningCostsBasis::AllPublic);
    }
    let organ = organ_units(d);
    let sum = d
        .expenditure
        .iter()
        .filter(|l| organ.contains(&line_unit(d, &l.unit)))
        .map(|l| l.general.public)
        .sum();
    (sum, RunningCostsBasis::OrganUnits)
}

/// Whether the kinds of the units with a budget of their own split the 公用经费: some are
/// 行政 or 参公 and some are not. Only then does 机关运行经费 differ from the whole
/// 一般公共预算 公用经费; a department of one kind keeps the figure it always published
/// (济源's single 事业单位 publishes its 公用经费 43.30万元 as 机关运转经费), and a unit
/// 不单列预算 has its money in another unit's lines, so it cannot be told apart.
pub fn mixed(d: &Disclosure) -> bool {
    let budgeted = d.budgeted_units().count();
    let organ = organ_units(d).len();
    organ > 0 && organ < budgeted
}

/// The codes of the 行政 and 参公 units with a budget of their own.
pub fn organ_units(d: &Disclosure) -> Vec<&str> {
    d.budgeted_units()
        .filter(|u| u.kind.is_some_and(UnitKind::runs_as_organ))
        .map(|u| u.code.as_str())
        .collect()
}

/// The unit a line belongs to: the one it names, else the only unit with a budget.
pub fn line_unit<'a>(d: &'a Disclosure, unit: &'a Option<String>) -> &'a str {
    match unit {
        Some(u) => u,
        None => d.budgeted_units().next().map_or("", |u| u.code.as_str()),
    }
}
