//! A unit's budget made from its department's facts: the lines that belong to the unit,
//! the department's texts in the unit's words, and what the unit file adds.
//!
//! The result is an ordinary [`Disclosure`], so the unit's tables, figures, checks and
//! narrative are the budget's own code, laid out by the profile's `unit_budget` section.
//! Each line keeps where it came from in the department's file, so a finding on a unit's
//! line points at the department's file and line the clerk would change.

use super::model::UnitFacts;
use crate::content::model::{BudgetUnit, Disclosure, Overview};
use crate::content::profile::UnitLayout;
use serde::{Serialize, de::DeserializeOwned};

/// Where a unit's lines sit in the department's file: the unit's `expenditure[2]` is the
/// department's `expenditure[origin.expenditure[2]]`.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub income: Vec<usize>,
    pub expenditure: Vec<usize>,
    pub economic: Vec<usize>,
    pub projects: Vec<usize>,
}

impl Origin {
    /// A field path of the unit's disclosure as the department's file spells it
    /// (`expenditure[2].general.basic` → `expenditure[7].general.basic`).
    pub fn field(&self, field: &str) -> String {
        for (list, idx) in [
            ("income[", &self.income),
            ("expenditure[", &self.expenditure),
            ("economic[", &self.economic),
            ("projects[", &self.projects),
        ] {
            let Some(rest) = field.strip_prefix(list) else {
                continue;
            };
            let Some((n, tail)) = rest.split_once(']') else {
                continue;
            };
            if let Some(j) = n.parse::<usize>().ok().and_then(|i| idx.get(i)) {
                return format!("{list}{j}]{tail}");
            }
        }
        field.to_owned()
    }
}

/// Whether a line naming `line_unit` belongs to `unit`: a line naming no unit belongs to
/// the department's only budgeted unit.
fn belongs(d: &Disclosure, unit: &BudgetUnit, line_unit: &Option<String>) -> bool {
    match line_unit {
        Some(c) => *c == unit.code,
        None => d.budgeted_units().count() == 1,
    }
}

/// Indices and clones of the items of `list` that belong to `unit`.
fn mine<T: Clone>(
    d: &Disclosure,
    unit: &BudgetUnit,
    list: &[T],
    of: impl Fn(&T) -> &Option<String>,
) -> (Vec<usize>, Vec<T>) {
    list.iter()
        .enumerate()
        .filter(|(_, x)| belongs(d, unit, of(x)))
        .map(|(i, x)| (i, x.clone()))
        .unzip()
}

/// Every text of `value` said in the unit's words. Goes through the value's serialised
/// form, so a text field added to the model later is reworded too.
fn reword<T: Serialize + DeserializeOwned + Clone>(layout: &UnitLayout, value: &T) -> T {
    fn walk(layout: &UnitLayout, v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = layout.reword(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(layout, x)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| walk(layout, x)),
            _ => {}
        }
    }
    let Ok(mut v) = serde_json::to_value(value) else {
        return value.clone();
    };
    walk(layout, &mut v);
    serde_json::from_value(v).unwrap_or_else(|_| value.clone())
}

/// The unit's own value, else the department's for its only budgeted unit, else empty
/// (`check` asks for the unit's own when several units keep budgets).
fn or_dept<T: Default>(own: Option<T>, dept: T, sole: bool) -> T {
    own.unwrap_or(if sole { dept } else { T::default() })
}

/// The budget of `unit` of department `d`, with the unit file's `facts` (if any). What the
/// unit file leaves out comes from the department (for its only budgeted unit; `check`
/// asks for it when several units keep budgets).
pub fn unit_disclosure(
    d: &Disclosure,
    unit: &BudgetUnit,
    facts: Option<&UnitFacts>,
    layout: &UnitLayout,
) -> (Disclosure, Origin) {
    let none = UnitFacts::default();
    let u = facts.unwrap_or(&none);
    let sole = d.budgeted_units().count() == 1;
    let (income_at, income) = mine(d, unit, &d.income, |l| &l.unit);
    let (expenditure_at, mut expenditure) = mine(d, unit, &d.expenditure, |l| &l.unit);
    let (economic_at, economic) = mine(d, unit, &d.economic, |l| &l.unit);
    let (projects_at, projects) = mine(d, unit, &d.projects, |p| &p.unit);
    for l in &mut expenditure {
        l.purpose = l.purpose.as_deref().map(|p| layout.reword(p));
    }
    let o = &d.overview;
    let overview = Overview {
        about: u.about.clone().or_else(|| o.about.clone().filter(|_| sole)),
        duties_intro: u
            .duties_intro
            .clone()
            .unwrap_or_else(|| o.duties_intro.clone()),
        duties: u
            .duties
            .clone()
            .unwrap_or_else(|| if sole { o.duties.clone() } else { Vec::new() }),
        offices: u
            .offices
            .clone()
            .unwrap_or_else(|| if sole { o.offices.clone() } else { Vec::new() }),
        // A unit's budget is its own, not a 汇总预算 of units.
        composition: String::new(),
        ..o.clone()
    };
    let name = u.name.clone().unwrap_or_else(|| {
        if sole {
            d.name.clone()
        } else {
            unit.name.clone()
        }
    });
    // The department's notes on empty tables in the unit's words, and the unit's own beside
    // or over them (a unit may have an empty table its department does not).
    let mut empty_tables = reword(layout, &d.empty_tables);
    empty_tables.extend(u.empty_tables.clone());
    let out = Disclosure {
        code: unit.code.clone(),
        name,
        published: u.published.clone().or_else(|| d.published.clone()),
        units: vec![BudgetUnit {
            separate_budget: true,
            ..unit.clone()
        }],
        department_totals_only: false,
        overview,
        income,
        expenditure,
        economic,
        projects,
        projects_with_targets: u
            .projects_with_targets
            .clone()
            .or_else(|| d.projects_with_targets.clone().filter(|_| sole)),
        // 项目经费情况说明 is the department's; the unit layout has no such part.
        project_descriptions: Vec::new(),
        previous_year: reword(
            layout,
            &or_dept(u.previous_year.clone(), d.previous_year.clone(), sole),
        ),
        narrative: reword(layout, &d.narrative),
        procurement: or_dept(u.procurement.clone(), d.procurement.clone(), sole),
        assets: or_dept(u.assets.clone(), d.assets.clone(), sole),
        // 机关运行经费 typed for the department cannot be a unit's.
        running_costs: d.running_costs.filter(|_| sole),
        empty_tables,
        corrections: u.corrections.clone(),
        // The department's own texts are the department's document's.
        prose: Default::default(),
        facts: Default::default(),
        class_public: u.public_by_class.clone(),
        ..d.clone()
    };
    let origin = Origin {
        income: income_at,
        expenditure: expenditure_at,
        economic: economic_at,
        projects: projects_at,
    };
    (out, origin)
}
