//! The figures of a narrative built around the per-科目 list (the 9-table format of 普陀):
//! 部门预算编制说明, 其他相关情况说明 and where the 项目经费情况说明 go, each figure in every form a
//! template may print ([`Amount`]) and in the profile's narrative unit.
//!
//! Everything is computed here from `Figures` and the facts, so the narrative never quotes a
//! figure the tables do not show; the template only strings it together.

use super::figures::{BySource, Figures, Source};
use super::narrative::{Amount, Change};
use super::previous::ChangeFrom;
use crate::content::codes;
use crate::content::model::{Comparison, Disclosure, UnitKind};
use crate::content::money::{Money, Shown};
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry of 「财政拨款支出主要内容」: a 功能分类 项 with general-budget money.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub code: String,
    /// The 类, 款 and 项 names as the disclosure prints them.
    pub class: String,
    pub section: String,
    pub item: String,
    pub amount: Amount,
    /// 「主要用于…」, without the final 「。」.
    pub purpose: Option<String>,
}

/// A figure with its change against last year.
#[derive(Debug, Clone, Serialize)]
pub struct Compared {
    pub amount: Amount,
    pub change: Change,
}

/// How many units of one kind the department has (「行政单位1家」).
#[derive(Debug, Clone, Serialize)]
pub struct KindCount {
    pub label: &'static str,
    pub count: usize,
}

/// A budget unit as 部门机构设置 lists it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub name: String,
    /// Its money is in another unit's budget (不单列预算).
    pub separate_budget: bool,
    /// The department's internal offices are listed with the first unit that has a budget.
    pub offices: bool,
}

/// 项目经费情况说明 of one project: where the page places it. Its words are prose (the
/// section `description`, written once per project from the list `项目说明`).
#[derive(Debug, Clone, Serialize)]
pub struct DescriptionView {
    pub name: String,
    /// `description-1`, …
    pub anchor: String,
}

/// Everything the per-科目 narrative quotes.
#[derive(Debug, Clone, Serialize)]
pub struct ExplanationView {
    pub year: u16,
    pub previous_year: u16,
    /// The narrative unit, `万元`.
    pub unit: &'static str,
    /// 收入预算 (收入总计).
    pub income_total: Amount,
    /// 财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算 income, against
    /// `previous_year.appropriation_income`.
    pub appropriation_income: Compared,
    pub business: Amount,
    pub operating: Amount,
    pub other_income: Amount,
    /// 支出预算 (支出总计).
    pub expenditure_total: Amount,
    /// 财政拨款支出 against last year's general + fund + state capital.
    pub appropriation_expenditure: Compared,
    pub general: Compared,
    pub fund: Compared,
    pub state_capital: Compared,
    pub subjects: Vec<SubjectView>,
    pub three_public: Compared,
    pub abroad: Compared,
    pub reception: Compared,
    /// 公务用车购置及运行费, with `previous_year.vehicles_reason`.
    pub vehicles: Compared,
    pub vehicle_purchase: Compared,
    pub vehicle_running: Compared,
    pub running_costs: Compared,
    pub procurement_total: Amount,
    pub goods: Amount,
    pub works: Amount,
    pub services: Amount,
    /// 编报绩效目标的项目: how many, and their budget.
    pub target_projects: usize,
    pub target_amount: Amount,
    /// Vehicles held, and bought with this budget when the disclosure says.
    pub vehicles_held: u32,
    pub vehicles_bought: Option<u32>,
    pub unit_kinds: Vec<KindCount>,
    pub units: Vec<UnitView>,
    pub descriptions: Vec<DescriptionView>,
}

fn compared(current: Money, previous: &Comparison, from: ChangeFrom, shown: Shown) -> Compared {
    Compared {
        amount: Amount::of(shown.money(current)),
        change: Change::spelt(
            current,
            previous,
            from,
            shown,
            crate::content::spelling::Spelling::PROSE,
        ),
    }
}

/// The per-科目 list: every 项 with general-budget money, summed over units, in code order.
fn subjects(d: &Disclosure, shown: Shown) -> Vec<SubjectView> {
    let mut by_code: BTreeMap<&str, (Money, &str, Option<&str>)> = BTreeMap::new();
    for l in &d.expenditure {
        let m = l.source(Source::General).total();
        if m.is_zero() {
            continue;
        }
        let e = by_code
            .entry(&l.code)
            .or_insert((Money::ZERO, &l.name, None));
        e.0 += m;
        e.2 = e.2.or(l.purpose.as_deref());
    }
    let name = |code: &str| {
        codes::subject_name(&d.subject_names, code)
            .unwrap_or("")
            .to_owned()
    };
    by_code
        .into_iter()
        .map(|(code, (m, item, purpose))| SubjectView {
            code: code.to_owned(),
            class: name(code.get(..3).unwrap_or(code)),
            section: name(code.get(..5).unwrap_or(code)),
            item: item.to_owned(),
            amount: Amount::of(shown.money(m)),
            purpose: purpose.map(str::to_owned),
        })
        .collect()
}

fn units(d: &Disclosure) -> (Vec<KindCount>, Vec<UnitView>) {
    let mut kinds: Vec<KindCount> = Vec::new();
    for k in d.units.iter().filter_map(|u| u.kind) {
        let label = UnitKind::label(k);
        match kinds.iter_mut().find(|c| c.label == label) {
            Some(c) => c.count += 1,
            None => kinds.push(KindCount { label, count: 1 }),
        }
    }
    let first_budgeted = d.units.iter().position(|u| u.separate_budget);
    let units = d
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| UnitView {
            name: u.name.clone(),
            separate_budget: u.separate_budget,
            offices: Some(i) == first_budgeted && !d.overview.offices.is_empty(),
        })
        .collect();
    (kinds, units)
}

fn descriptions(d: &Disclosure) -> Vec<DescriptionView> {
    d.project_descriptions
        .iter()
        .enumerate()
        .map(|(i, p)| DescriptionView {
            name: p.name.clone(),
            anchor: format!("description-{}", i + 1),
        })
        .collect()
}

/// The view of the per-科目 narrative, its figures as `shown` shows them.
pub fn explanation(d: &Disclosure, f: &Figures, from: ChangeFrom, shown: Shown) -> ExplanationView {
    let p = &d.previous_year;
    let i = &f.income;
    let t = &f.three_public;
    let amount = |m: Money| Amount::of(shown.money(m));
    let sum = |cs: &[&Comparison], reason: Option<&String>| Comparison {
        amount: Some(cs.iter().map(|c| c.amount()).sum()),
        basis: cs[0].basis,
        reason: reason.cloned(),
    };
    let appropriation_out = f.general.total() + f.fund.total() + f.state_capital.total();
    let (unit_kinds, units) = units(d);
    ExplanationView {
        year: d.year,
        previous_year: d.year - 1,
        unit: shown.unit(),
        income_total: amount(f.income_total),
        appropriation_income: compared(
            i.general() + i.fund_total() + i.state_capital,
            &p.appropriation_income,
            from,
            shown,
        ),
        business: amount(i.business),
        operating: amount(i.operating),
        other_income: amount(i.other),
        expenditure_total: amount(f.expenditure_total),
        appropriation_expenditure: compared(
            appropriation_out,
            &sum(&[&p.general, &p.fund, &p.state_capital], None),
            from,
            shown,
        ),
        general: compared(f.general.total(), &p.general, from, shown),
        fund: compared(f.fund.total(), &p.fund, from, shown),
        state_capital: compared(f.state_capital.total(), &p.state_capital, from, shown),
        subjects: subjects(d, shown),
        three_public: compared(
            t.total(),
            &sum(
                &[
                    &p.abroad,
                    &p.reception,
                    &p.vehicle_purchase,
                    &p.vehicle_running,
                ],
                None,
            ),
            from,
            shown,
        ),
        abroad: compared(t.abroad, &p.abroad, from, shown),
        reception: compared(t.reception, &p.reception, from, shown),
        vehicles: compared(
            t.vehicles(),
            &sum(
                &[&p.vehicle_purchase, &p.vehicle_running],
                p.vehicles_reason.as_ref(),
            ),
            from,
            shown,
        ),
        vehicle_purchase: compared(t.vehicle_purchase, &p.vehicle_purchase, from, shown),
        vehicle_running: compared(t.vehicle_running, &p.vehicle_running, from, shown),
        running_costs: compared(f.running_costs, &p.running_costs, from, shown),
        procurement_total: amount(f.procurement_total),
        goods: amount(d.procurement.goods),
        works: amount(d.procurement.works),
        services: amount(d.procurement.services),
        target_projects: f.target_projects,
        target_amount: amount(f.target_amount),
        vehicles_held: d.assets.vehicles(),
        vehicles_bought: d.assets.purchases.as_ref().map(|b| b.vehicles()),
        unit_kinds,
        units,
        descriptions: descriptions(d),
    }
}
