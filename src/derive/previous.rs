//! Last year's figures the narrative compares with: which they are, where each comes from
//! (stated in the file, or taken from last year's file) and how a change is computed.
//!
//! One list serves the narrative's names, the checks of reasons and of last year's figures,
//! and what a year hands to the next, so the three cannot disagree about what is compared.

use super::figures::Figures;
use crate::content::model::{Basis, Comparison, Disclosure, PreviousYear};
use crate::content::money::{Difference, Money, Shown};

/// How many of [`compared`]'s figures are stated one by one in `previous_year` (the rest add
/// some of them up); these are what a year hands to the next.
pub const STATED: usize = 10;

/// A figure of this year that the narrative compares with the previous year.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The field of `previous_year` holding last year's figure (`running_costs`); for a
    /// figure that adds several up, a word for it (`appropriation`).
    pub field: &'static str,
    /// The figure's name in the narrative's text: `{机关运行经费}`, `{机关运行经费上年}`,
    /// `{机关运行经费较上年}`, `{机关运行经费变动原因}`, `{机关运行经费上年口径}`.
    pub name: &'static str,
    /// What the figure is, in messages.
    pub label: &'static str,
    pub current: Money,
    /// Last year's figure, its basis and the reason of the change.
    pub previous: Comparison,
    /// The `previous_year` fields whose amounts make up last year's figure.
    pub parts: &'static [&'static str],
}

impl Compared {
    /// Where the reason of the change is entered, if the figure has one of its own.
    pub fn reason_field(&self) -> Option<String> {
        match self.parts {
            [one] => Some(format!("previous_year.{one}.reason")),
            _ if self.field == "vehicles" => Some("previous_year.vehicles_reason".into()),
            _ => None,
        }
    }
}

/// The fields of the stated comparisons, in the order of [`compared`].
const STATED_FIELDS: [&str; STATED] = [
    "total",
    "general",
    "fund",
    "state_capital",
    "abroad",
    "reception",
    "vehicle_purchase",
    "vehicle_running",
    "running_costs",
    "appropriation_income",
];

/// The stated comparisons in the order of [`compared`], mutable, for [`fill`].
fn stated_mut(p: &mut PreviousYear) -> [&mut Comparison; STATED] {
    [
        &mut p.total,
        &mut p.general,
        &mut p.fund,
        &mut p.state_capital,
        &mut p.abroad,
        &mut p.reception,
        &mut p.vehicle_purchase,
        &mut p.vehicle_running,
        &mut p.running_costs,
        &mut p.appropriation_income,
    ]
}

/// Every comparison of the narrative: the [`STATED`] figures of `previous_year`, then the
/// ones that add some of them up (财政拨款支出, “三公”经费, 公务用车购置及运行费).
pub fn compared(d: &Disclosure, f: &Figures) -> Vec<Compared> {
    let p = &d.previous_year;
    let t = &f.three_public;
    let i = &f.income;
    let one = |field, name, label, current, previous: &Comparison, parts| Compared {
        field,
        name,
        label,
        current,
        previous: previous.clone(),
        parts,
    };
    let sum = |cs: &[&Comparison], reason: Option<&String>| Comparison {
        amount: cs
            .iter()
            .any(|c| c.amount.is_some())
            .then(|| cs.iter().map(|c| c.amount()).sum()),
        // A part that was nothing last year is nothing on any basis (普陀 adds a 政府性基金
        // of 0 by 预算执行数 to a 一般公共预算 by 预算).
        basis: (cs.iter().find(|c| !c.amount().is_zero()))
            .or(cs.first())
            .map(|c| c.basis)
            .unwrap_or_default(),
        reason: reason.cloned(),
    };
    let appropriation = f.general.total() + f.fund.total() + f.state_capital.total();
    vec![
        one(
            "total",
            "收入总计",
            "收入总计、支出总计",
            f.income_total,
            &p.total,
            &["total"],
        ),
        one(
            "general",
            "一般公共预算支出",
            "一般公共预算收支预算",
            f.general.total(),
            &p.general,
            &["general"],
        ),
        one(
            "fund",
            "政府性基金支出",
            "政府性基金收支预算",
            f.fund.total(),
            &p.fund,
            &["fund"],
        ),
        one(
            "state_capital",
            "国有资本经营支出",
            "国有资本经营收支预算",
            f.state_capital.total(),
            &p.state_capital,
            &["state_capital"],
        ),
        one(
            "abroad",
            "因公出国费",
            "因公出国（境）费",
            t.abroad,
            &p.abroad,
            &["abroad"],
        ),
        one(
            "reception",
            "公务接待费",
            "公务接待费",
            t.reception,
            &p.reception,
            &["reception"],
        ),
        one(
            "vehicle_purchase",
            "公务用车购置费",
            "公务用车购置费",
            t.vehicle_purchase,
            &p.vehicle_purchase,
            &["vehicle_purchase"],
        ),
        one(
            "vehicle_running",
            "公务用车运行费",
            "公务用车运行维护费",
            t.vehicle_running,
            &p.vehicle_running,
            &["vehicle_running"],
        ),
        one(
            "running_costs",
            "机关运行经费",
            "机关（机构）运转经费",
            f.running_costs,
            &p.running_costs,
            &["running_costs"],
        ),
        one(
            "appropriation_income",
            "财政拨款收入",
            "财政拨款收入",
            i.general() + i.fund_total() + i.state_capital,
            &p.appropriation_income,
            &["appropriation_income"],
        ),
        Compared {
            field: "appropriation",
            name: "财政拨款支出",
            label: "财政拨款支出",
            current: appropriation,
            previous: sum(&[&p.general, &p.fund, &p.state_capital], None),
            parts: &["general", "fund", "state_capital"],
        },
        Compared {
            field: "three_public",
            name: "三公经费",
            label: "“三公”经费",
            current: t.total(),
            previous: sum(
                &[
                    &p.abroad,
                    &p.reception,
                    &p.vehicle_purchase,
                    &p.vehicle_running,
                ],
                None,
            ),
            parts: &["abroad", "reception", "vehicle_purchase", "vehicle_running"],
        },
        Compared {
            field: "vehicles",
            name: "公务用车费",
            label: "公务用车购置及运行费",
            current: t.vehicles(),
            previous: sum(
                &[&p.vehicle_purchase, &p.vehicle_running],
                p.vehicles_reason.as_ref(),
            ),
            parts: &["vehicle_purchase", "vehicle_running"],
        },
    ]
}

/// This year's stated figures, as next year's file compares with them.
pub fn handed_on(d: &Disclosure, f: &Figures) -> Vec<Money> {
    compared(d, f)
        .into_iter()
        .take(STATED)
        .map(|c| c.current)
        .collect()
}

/// Takes each figure of `fields` the file leaves out from last year's (`last`, as
/// [`handed_on`] gave them), when it is last year's budget: last year's file holds its
/// budget, not what was spent of it (预算执行数) nor an adjusted budget. `prose::printed`
/// passes the fields the narrative prints, so what no page shows stays as entered.
pub fn fill(d: &mut Disclosure, last: &[Money], fields: &[&str]) {
    let slots = stated_mut(&mut d.previous_year);
    for ((c, was), field) in slots.into_iter().zip(last).zip(STATED_FIELDS) {
        if c.amount.is_none() && c.basis == Basis::Budget && fields.contains(&field) {
            c.amount = Some(*was);
        }
    }
}

/// The stated fields of `previous_year` that a printed comparison uses: those whose own
/// comparison, or a sum including them, `printed` says the narrative prints.
pub fn printed_fields(all: &[Compared], printed: impl Fn(&Compared) -> bool) -> Vec<&'static str> {
    let shown: Vec<&Compared> = all.iter().filter(|c| printed(c)).collect();
    (all.iter().take(STATED))
        .filter(|c| shown.iter().any(|s| s.parts.contains(&c.field)))
        .map(|c| c.field)
        .collect()
}

/// How a change against last year is computed, as the profile says (`change_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeFrom {
    /// This year's exact figure minus last year's.
    Exact,
    /// The difference of the figures as the narrative prints them, each rounded first (普陀:
    /// 18,976.76 − 15,621.11 = 3,355.65万元, where the exact difference is 3,355.64).
    Printed(Shown),
}

impl ChangeFrom {
    /// The rule a profile chooses (`change_from`), for a narrative shown as `shown` (the
    /// profile's `narrative_shown` of the file's unit).
    pub fn new(difference: Difference, shown: Shown) -> ChangeFrom {
        match difference {
            Difference::Exact => ChangeFrom::Exact,
            Difference::Published => ChangeFrom::Printed(shown),
        }
    }

    /// This year minus last year, in the file's unit.
    pub fn change(self, current: Money, previous: Money) -> Money {
        match self {
            ChangeFrom::Exact => current - previous,
            ChangeFrom::Printed(shown) => shown.as_printed(current) - shown.as_printed(previous),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fill` names the stated figures by `STATED_FIELDS`; they are `compared`'s, in order.
    #[test]
    fn the_stated_fields_are_those_of_the_list() {
        let d: Disclosure =
            crate::content::yaml::from_str(include_str!("../../content/2024/085.yaml")).unwrap();
        let fields: Vec<&str> = (compared(&d, &Figures::of(&d)).into_iter())
            .take(STATED)
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, STATED_FIELDS);
    }
}
