//! The figures of 第二部分, formatted for prose, with each year-over-year change worked out.
//!
//! The template only strings these together; every figure and percentage is computed here from
//! the same `Figures` the tables use.

use super::figures::{Figures, percent, shares};
use super::previous::{ChangeFrom, compared};
use crate::content::model::{Comparison, Disclosure, MoneyUnit};
use crate::content::money::{Money, Shown};
use serde::Serialize;

/// One figure of a narrative in each form the formats write it, so that a template picks a
/// form and never formats or computes.
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    /// With separators and two decimals, `0` for nothing: `37,151.47`, `1.00`, `0` (普陀).
    pub text: String,
    /// The same without separators: `11381.60`, `0`.
    pub plain: String,
    /// Whole amounts without decimals, no separators: `1042.10`, `5` (济源).
    pub prose: String,
    pub zero: bool,
}

impl Amount {
    /// `m` as already shown (converted and rounded).
    pub fn of(m: Money) -> Amount {
        let zero = m.is_zero();
        Amount {
            text: if zero { "0".into() } else { m.table() },
            plain: if zero { "0".into() } else { m.plain() },
            prose: m.prose(),
            zero,
        }
    }
}

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
    /// The difference in every written form.
    pub difference: Amount,
}

impl Change {
    /// The change in the unit the figures are written in.
    pub fn of(current: Money, cmp: &Comparison) -> Change {
        Change::shown(current, cmp, Shown::as_written(MoneyUnit::TenThousandYuan))
    }

    /// The change as `shown` shows it. The difference is taken before converting, so the
    /// figure shown is the rounded exact difference.
    pub fn shown(current: Money, cmp: &Comparison, shown: Shown) -> Change {
        Change::spelt(
            current,
            cmp,
            ChangeFrom::Exact,
            shown,
            crate::content::spelling::Spelling::PROSE,
        )
    }

    /// As [`Change::shown`], the difference taken as `from` says and the amounts spelt as
    /// the profile spells the narrative's.
    pub fn spelt(
        current: Money,
        cmp: &Comparison,
        from: ChangeFrom,
        shown: Shown,
        spelling: crate::content::spelling::Spelling,
    ) -> Change {
        let change = from.change(current, cmp.amount());
        let (kind, verb, diff) = if change > Money::ZERO {
            ("up", "增加", change)
        } else if change < Money::ZERO {
            ("down", "减少", Money::ZERO - change)
        } else {
            ("same", "", Money::ZERO)
        };
        let diff = shown.money(diff);
        Change {
            kind,
            verb,
            amount: spelling.spell(diff, false),
            previous: spelling.spell(shown.money(cmp.amount()), false),
            reason: cmp.reason.clone(),
            difference: Amount::of(diff),
        }
    }
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
    /// How many units of each kind the department lists (「下属1家机关和1家参公事业单位」).
    pub unit_counts: super::units::UnitCounts,
    pub procurement_total: String,
    pub goods: String,
    pub works: String,
    pub services: String,
    pub project_total: String,
    pub project_count: usize,
    pub vehicles_total: u32,
}

/// The figures of 第二部分 as `shown` shows them (the profile's narrative unit).
pub fn narrative(
    d: &Disclosure,
    f: &Figures,
    from: ChangeFrom,
    shown: Shown,
    spelling: crate::content::spelling::Spelling,
) -> NarrativeView {
    let i = &f.income;
    let all_split = shares(&[f.all.basic(), f.all.project()], f.year_expenditure);
    let gen_split = shares(&[f.general.basic(), f.general.project()], f.general.total());
    let pers_split = shares(
        &[f.general.personnel(), f.general.public],
        f.general.basic(),
    );
    let prose = |m: Money| spelling.spell(shown.money(m), false);
    let split = |m: Money, s: rust_decimal::Decimal| Split {
        amount: prose(m),
        share: percent(s),
    };
    let t = &f.three_public;
    let income_parts = i
        .by_source()
        .iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(label, m)| Part {
            label,
            amount: prose(*m),
        })
        .collect();
    let general = f.general.total();
    let fund = f.fund.total();
    let state_capital = f.state_capital.total();
    // In the order of `previous::compared`.
    let mut changes = compared(d, f)
        .into_iter()
        .map(|c| Change::spelt(c.current, &c.previous, from, shown, spelling));
    let mut next = || changes.next().expect("every comparison is listed");
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
        _appropriation_income,
        _appropriation,
        three_public_change,
    ] = std::array::from_fn(|_| next());
    NarrativeView {
        year: d.year,
        previous_year: d.year - 1,
        unit: shown.unit(),
        income_total: prose(f.income_total),
        expenditure_total: prose(f.expenditure_total),
        total_change,
        year_income: prose(i.year_total()),
        income_parts,
        year_expenditure: prose(f.year_expenditure),
        basic: split(f.all.basic(), all_split[0]),
        project: split(f.all.project(), all_split[1]),
        general: prose(general),
        fund: prose(fund),
        state_capital: prose(state_capital),
        general_change,
        fund_change,
        state_capital_change,
        general_basic: split(f.general.basic(), gen_split[0]),
        general_project: split(f.general.project(), gen_split[1]),
        personnel: split(f.general.personnel(), pers_split[0]),
        public: split(f.general.public, pers_split[1]),
        three_public: prose(t.total()),
        three_public_change,
        abroad: prose(t.abroad),
        abroad_change,
        reception: prose(t.reception),
        reception_change,
        vehicles: prose(t.vehicles()),
        vehicle_purchase: prose(t.vehicle_purchase),
        vehicle_purchase_change,
        vehicle_running: prose(t.vehicle_running),
        vehicle_running_change,
        running_costs: prose(f.running_costs),
        running_costs_change,
        unit_counts: f.units,
        procurement_total: prose(f.procurement_total),
        goods: prose(d.procurement.goods),
        works: prose(d.procurement.works),
        services: prose(d.procurement.services),
        project_total: prose(f.target_amount),
        project_count: f.target_projects,
        vehicles_total: d.assets.vehicles(),
    }
}
