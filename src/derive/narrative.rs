//! The figures of 第二部分, formatted for prose, with each year-over-year change worked out.
//!
//! The template only strings these together; every figure and percentage is computed here from
//! the same `Figures` the tables use.

use super::figures::{Figures, percent, shares};
use crate::model::{Comparison, Disclosure};
use crate::money::Money;
use serde::Serialize;

/// A change against the previous year, ready to be worded.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// `up`, `down` or `same`.
    pub kind: &'static str,
    /// `增加` / `减少` / empty.
    pub verb: &'static str,
    /// The difference, in prose style.
    pub amount: String,
    pub previous: String,
    pub reason: Option<String>,
}

impl Change {
    pub fn of(current: Money, cmp: &Comparison) -> Change {
        let (kind, verb, diff) = if current > cmp.amount {
            ("up", "增加", current - cmp.amount)
        } else if current < cmp.amount {
            ("down", "减少", cmp.amount - current)
        } else {
            ("same", "", Money::ZERO)
        };
        Change {
            kind,
            verb,
            amount: diff.prose(),
            previous: cmp.amount.prose(),
            reason: cmp.reason.clone(),
        }
    }
}

/// A figure of this year that the narrative compares with the previous year.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    /// The field of `previous_year` holding last year's figure, e.g. `running_costs`.
    pub field: &'static str,
    /// What the figure is, as the narrative names it.
    pub label: &'static str,
    pub current: Money,
    pub previous: &'a Comparison,
}

/// Every year-over-year comparison of 第二部分, in the order of `PreviousYear`'s fields.
/// The narrative words them and the check step asks each change for a reason, so both
/// read this one list.
pub fn comparisons<'a>(d: &'a Disclosure, f: &Figures) -> [Compared<'a>; 9] {
    let p = &d.previous_year;
    let t = &f.three_public;
    let c = |field, label, current, previous| Compared {
        field,
        label,
        current,
        previous,
    };
    [
        c("total", "收入总计、支出总计", f.income_total, &p.total),
        c(
            "general",
            "一般公共预算收支预算",
            f.general.total(),
            &p.general,
        ),
        c("fund", "政府性基金收支预算", f.fund.total(), &p.fund),
        c(
            "state_capital",
            "国有资本经营收支预算",
            f.state_capital.total(),
            &p.state_capital,
        ),
        c("abroad", "因公出国（境）费", t.abroad, &p.abroad),
        c("reception", "公务接待费", t.reception, &p.reception),
        c(
            "vehicle_purchase",
            "公务用车购置费",
            t.vehicle_purchase,
            &p.vehicle_purchase,
        ),
        c(
            "vehicle_running",
            "公务用车运行维护费",
            t.vehicle_running,
            &p.vehicle_running,
        ),
        c(
            "running_costs",
            "机关（机构）运转经费",
            f.running_costs,
            &p.running_costs,
        ),
    ]
}

/// A labelled amount (e.g. one income source named in section 二).
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub label: &'static str,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Split {
    pub amount: String,
    pub share: String,
}

/// Everything section 一 to 十 quotes.
#[derive(Debug, Clone, Serialize)]
pub struct NarrativeView {
    pub year: u16,
    pub previous_year: u16,
    pub unit: &'static str,
    pub income_total: String,
    pub expenditure_total: String,
    pub total_change: Change,
    pub year_income: String,
    pub income_parts: Vec<Part>,
    pub year_expenditure: String,
    pub basic: Split,
    pub project: Split,
    pub general: String,
    pub fund: String,
    pub state_capital: String,
    pub general_change: Change,
    pub fund_change: Change,
    pub state_capital_change: Change,
    pub general_basic: Split,
    pub general_project: Split,
    pub personnel: Split,
    pub public: Split,
    pub three_public: String,
    pub three_public_change: Change,
    pub abroad: String,
    pub abroad_change: Change,
    pub reception: String,
    pub reception_change: Change,
    pub vehicles: String,
    pub vehicle_purchase: String,
    pub vehicle_purchase_change: Change,
    pub vehicle_running: String,
    pub vehicle_running_change: Change,
    pub running_costs: String,
    pub running_costs_change: Change,
    pub procurement_total: String,
    pub goods: String,
    pub works: String,
    pub services: String,
    pub project_total: String,
    pub project_count: usize,
    pub vehicles_total: u32,
}

pub fn narrative(d: &Disclosure, f: &Figures) -> NarrativeView {
    let p = &d.previous_year;
    let i = &f.income;
    let all_split = shares(&[f.all.basic(), f.all.project()], f.year_expenditure);
    let gen_split = shares(&[f.general.basic(), f.general.project()], f.general.total());
    let pers_split = shares(
        &[f.general.personnel(), f.general.public],
        f.general.basic(),
    );
    let split = |m: Money, s: rust_decimal::Decimal| Split {
        amount: m.prose(),
        share: percent(s),
    };
    let t = &f.three_public;
    let prev_three = Comparison {
        amount: p.abroad.amount
            + p.reception.amount
            + p.vehicle_purchase.amount
            + p.vehicle_running.amount,
        reason: None,
    };
    let income_parts = i
        .by_source()
        .iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(label, m)| Part {
            label,
            amount: m.prose(),
        })
        .collect();
    let general = f.general.total();
    let fund = f.fund.total();
    let state_capital = f.state_capital.total();
    let [
        total_change,
        general_change,
        fund_change,
        state_capital_change,
        abroad_change,
        reception_change,
        vehicle_purchase_change,
        vehicle_running_change,
        running_costs_change,
    ] = comparisons(d, f).map(|c| Change::of(c.current, c.previous));
    NarrativeView {
        year: d.year,
        previous_year: d.year - 1,
        unit: d.money_unit.label(),
        income_total: f.income_total.prose(),
        expenditure_total: f.expenditure_total.prose(),
        total_change,
        year_income: i.year_total().prose(),
        income_parts,
        year_expenditure: f.year_expenditure.prose(),
        basic: split(f.all.basic(), all_split[0]),
        project: split(f.all.project(), all_split[1]),
        general: general.prose(),
        fund: fund.prose(),
        state_capital: state_capital.prose(),
        general_change,
        fund_change,
        state_capital_change,
        general_basic: split(f.general.basic(), gen_split[0]),
        general_project: split(f.general.project(), gen_split[1]),
        personnel: split(f.general.personnel(), pers_split[0]),
        public: split(f.general.public, pers_split[1]),
        three_public: t.total().prose(),
        three_public_change: Change::of(t.total(), &prev_three),
        abroad: t.abroad.prose(),
        abroad_change,
        reception: t.reception.prose(),
        reception_change,
        vehicles: t.vehicles().prose(),
        vehicle_purchase: t.vehicle_purchase.prose(),
        vehicle_purchase_change,
        vehicle_running: t.vehicle_running.prose(),
        vehicle_running_change,
        running_costs: f.running_costs.prose(),
        running_costs_change,
        procurement_total: f.procurement_total.prose(),
        goods: d.procurement.goods.prose(),
        works: d.procurement.works.prose(),
        services: d.procurement.services.prose(),
        project_total: f.target_amount.prose(),
        project_count: f.target_projects,
        vehicles_total: d.assets.vehicles(),
    }
}
