//! Open data: every amount of a disclosure as one row of a long-format table, published per
//! year and for the whole site as a Fiscal Data Package (Frictionless Data), so standard
//! tools (frictionless, pandas, OpenSpending, a spreadsheet) read a year of budgets in one
//! step, without a script that knows gongkai's own JSON.
//!
//! The rows are the facts as entered, in 元, never the derived tables: a total is a sum a
//! user computes, so it cannot disagree with its parts. One disclosure gives three
//! breakdowns of its money, each adding up on its own: income by source, expenditure by
//! 功能分类, expenditure by 经济分类 (plus the 年终结转结余, so that income and expenditure
//! both add up to table 1's totals). `descriptor.rs` writes the `datapackage.json` that
//! describes these columns.

mod columns;
mod descriptor;

pub use columns::{COLUMNS, Column, PRIMARY_KEY, header};
pub use descriptor::{Scope, descriptor};

use crate::content::codes;
use crate::content::model::{Disclosure, MoneyUnit};
use crate::content::money::Money;
use crate::derive::figures::{BySource, Source};
use std::collections::BTreeMap;

/// The name of a package's descriptor, in the folder of its CSV.
pub const DESCRIPTOR: &str = "datapackage.json";

/// The budget phase of a row, the Fiscal Data Package's `phase`. A 部门预算 is the budget
/// the people's congress approved; a 部门决算 (final accounts) states what was executed.
/// Both kinds give rows of the same shape, so one query compares plan and outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Approved,
    Executed,
}

impl Phase {
    /// The phase of a disclosure's figures. Every disclosure gongkai reads today is a 部门预算;
    /// the kind that holds a 部门决算 answers `Executed` here, and nothing else changes.
    pub fn of(_d: &Disclosure) -> Phase {
        Phase::Approved
    }

    pub fn code(self) -> &'static str {
        match self {
            Phase::Approved => "approved",
            Phase::Executed => "executed",
        }
    }
}

/// Which breakdown of the department's money a row belongs to. Rows of one breakdown add up
/// to a total; rows of different breakdowns describe the same money twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Breakdown {
    /// Income by source (tables 1 and 2), 上年结转结余 included: adds up to 收入总计.
    Income,
    /// Expenditure by 功能分类 项 (table 3): with `Balance`, adds up to 支出总计.
    Functional,
    /// 年终结转结余 (table 1's last expenditure line).
    Balance,
    /// Expenditure by 部门预算经济分类 款 (table 7).
    Economic,
}

impl Breakdown {
    const ALL: [Breakdown; 4] = [
        Breakdown::Income,
        Breakdown::Functional,
        Breakdown::Balance,
        Breakdown::Economic,
    ];

    fn code(self) -> &'static str {
        match self {
            Breakdown::Income => "income",
            Breakdown::Functional => "functional",
            Breakdown::Balance => "balance",
            Breakdown::Economic => "economic",
        }
    }

    fn direction(self) -> &'static str {
        match self {
            Breakdown::Income => "revenue",
            _ => "expenditure",
        }
    }
}

/// What identifies a row within one disclosure (the primary key less year, department and
/// phase, which one disclosure shares).
type Key = (
    Breakdown,
    Option<String>,
    &'static str,
    &'static str,
    String,
    String,
);

/// One row before it is written: the columns after department and phase.
struct Row<'a> {
    breakdown: Breakdown,
    unit: Option<(&'a str, &'a str)>,
    functional: Option<&'a crate::content::model::FunctionalLine>,
    economic: Option<&'a crate::content::model::EconomicLine>,
    source: Option<(&'static str, &'static str)>,
    component: (&'static str, &'static str),
    spending_type: &'static str,
    amount: Money,
}

impl Row<'_> {
    fn key(&self) -> Key {
        (
            self.breakdown,
            self.unit.map(|u| u.0.to_owned()),
            self.source.map_or("", |s| s.0),
            self.component.0,
            self.functional.map_or(String::new(), |l| l.code.clone()),
            self.economic.map_or(String::new(), |l| l.code.clone()),
        )
    }
}

/// Collects rows, adding up rows with the same key (a code entered twice is a warning, not
/// an error; the tables add such lines up too, and so the key stays a key).
#[derive(Default)]
struct Rows<'a> {
    rows: Vec<Row<'a>>,
    at: BTreeMap<Key, usize>,
}

impl<'a> Rows<'a> {
    fn push(&mut self, row: Row<'a>) {
        if row.amount.is_zero() {
            return;
        }
        match self.at.get(&row.key()) {
            Some(&i) => self.rows[i].amount += row.amount,
            None => {
                self.at.insert(row.key(), self.rows.len());
                self.rows.push(row);
            }
        }
    }
}

/// The budget unit a line belongs to: the one it names, or the only unit with a budget of
/// its own when it names none. Lines that name none in a department of several units are
/// the department's as a whole: no unit.
fn unit_of<'a>(d: &'a Disclosure, code: Option<&'a str>) -> Option<(&'a str, &'a str)> {
    match code {
        Some(c) => Some((
            c,
            d.units
                .iter()
                .find(|u| u.code == c)
                .map_or("", |u| u.name.as_str()),
        )),
        None => {
            let mut budgeted = d.budgeted_units();
            match (budgeted.next(), budgeted.next()) {
                (Some(u), None) => Some((u.code.as_str(), u.name.as_str())),
                _ => None,
            }
        }
    }
}

fn source(s: Source) -> Option<(&'static str, &'static str)> {
    Some((s.field(), s.label()))
}

/// Every amount of one disclosure as rows of the facts CSV (no header, no BOM: the rows are
/// appended to a year's file after its header), in the order of the facts: income, 功能分类,
/// 年终结转结余, 经济分类.
pub fn fact_rows(d: &Disclosure, phase: Phase) -> Vec<u8> {
    let mut rows = Rows::default();
    for b in Breakdown::ALL {
        match b {
            Breakdown::Income => income_rows(d, &mut rows),
            Breakdown::Functional => functional_rows(d, &mut rows),
            Breakdown::Balance => rows.push(Row {
                breakdown: b,
                unit: unit_of(d, None),
                functional: None,
                economic: None,
                source: None,
                component: ("year_end_balance", "年终结转结余"),
                spending_type: "",
                amount: d.year_end_balance,
            }),
            Breakdown::Economic => economic_rows(d, &mut rows),
        }
    }
    write_rows(d, phase, &rows.rows)
}

fn income_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    use Source::*;
    for l in &d.income {
        let c = &l.carryover;
        let parts = [
            (General, "appropriation", "财政拨款", l.appropriation),
            (General, "special_revenue", "专项收入", l.special_revenue),
            (
                General,
                "other_general",
                "其他一般公共预算资金",
                l.other_general,
            ),
            (
                General,
                "general_advance",
                "上级提前下达",
                l.general_advance,
            ),
            (General, "general_bond", "一般债券", l.general_bond),
            (Fund, "fund", "政府性基金预算资金", l.fund),
            (Fund, "fund_advance", "上级提前下达", l.fund_advance),
            (Fund, "fund_bond", "专项债券", l.fund_bond),
            (
                StateCapital,
                "state_capital",
                "国有资本经营预算拨款收入",
                l.state_capital,
            ),
            (
                SpecialAccount,
                "special_account",
                "财政专户管理资金收入",
                l.special_account,
            ),
            (Business, "business", "事业收入", l.business),
            (Operating, "operating", "事业单位经营收入", l.operating),
            (Superior, "superior", "上级补助收入", l.superior),
            (Affiliated, "affiliated", "附属单位上缴收入", l.affiliated),
            (Other, "other", "其他收入", l.other),
            (Carryover, "carryover.general", "一般公共预算", c.general),
            (Carryover, "carryover.fund", "政府性基金", c.fund),
            (
                Carryover,
                "carryover.state_capital",
                "国有资本经营预算",
                c.state_capital,
            ),
            (
                Carryover,
                "carryover.special_account",
                "财政专户管理资金",
                c.special_account,
            ),
            (Carryover, "carryover.unit_funds", "单位资金", c.unit_funds),
        ];
        for (s, code, name, amount) in parts {
            rows.push(Row {
                breakdown: Breakdown::Income,
                unit: unit_of(d, l.unit.as_deref()),
                functional: None,
                economic: None,
                source: source(s),
                component: (code, name),
                spending_type: "",
                amount,
            });
        }
    }
}

fn functional_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    for l in &d.expenditure {
        for s in Source::ALL {
            let c = l.source(s);
            let parts = [
                ("wages", "工资福利支出", "basic", c.wages),
                ("family", "对个人和家庭的补助", "basic", c.family),
                ("public", "公用经费", "basic", c.public),
                ("basic", "基本支出", "basic", c.unsplit_basic),
                ("running", "其他运转类", "project", c.running),
                ("targeted", "特定目标类", "project", c.targeted),
                ("project", "项目支出", "project", c.unsplit_project),
            ];
            for (code, name, kind, amount) in parts {
                rows.push(Row {
                    breakdown: Breakdown::Functional,
                    unit: unit_of(d, l.unit.as_deref()),
                    functional: Some(l),
                    economic: None,
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                });
            }
        }
    }
}

fn economic_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    for l in &d.economic {
        for s in Source::ALL {
            let c = l.source(s);
            let parts = [
                ("personnel", "人员经费", "basic", c.personnel),
                ("public", "公用经费", "basic", c.public),
                ("project", "项目支出", "project", c.project),
            ];
            for (code, name, kind, amount) in parts {
                rows.push(Row {
                    breakdown: Breakdown::Economic,
                    // Economic lines are entered per department.
                    unit: unit_of(d, None),
                    functional: None,
                    economic: Some(l),
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                });
            }
        }
    }
}

/// An amount in 元, exactly: 万元 × 10000 keeps every digit; at least two decimals, more
/// only when the file has them (元 with four decimals).
pub fn yuan(m: Money, unit: MoneyUnit) -> String {
    let mut v = m.convert(unit, MoneyUnit::Yuan).0.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}

fn write_rows(d: &Disclosure, phase: Phase, rows: &[Row]) -> Vec<u8> {
    let year = d.year.to_string();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(rows.len() * 300));
    for r in rows {
        let f = r.functional.map(|l| l.code.as_str()).unwrap_or("");
        let class = f.get(..3).unwrap_or("");
        let section = f.get(..5).unwrap_or("");
        let name_of = |code: &str| {
            if code.is_empty() {
                ""
            } else {
                codes::subject_name(&d.subject_names, code).unwrap_or("")
            }
        };
        let e = r.economic;
        let e_code = e.map(|l| l.code.as_str()).unwrap_or("");
        let e_class = e_code.get(..3).unwrap_or("");
        let gov_code = e.and_then(|l| l.gov_code.as_deref()).unwrap_or("");
        let gov_name = e
            .and_then(|l| l.gov_name.as_deref().or(codes::gov_economic_name(gov_code)))
            .unwrap_or("");
        let amount = yuan(r.amount, d.money_unit);
        let fields: [&str; 26] = [
            &year,
            &d.code,
            &d.name,
            r.unit.map_or("", |u| u.0),
            r.unit.map_or("", |u| u.1),
            r.breakdown.code(),
            r.breakdown.direction(),
            phase.code(),
            class,
            name_of(class),
            section,
            name_of(section),
            f,
            r.functional.map_or("", |l| l.name.as_str()),
            e_class,
            codes::economic_class_name(e_class).unwrap_or(""),
            e_code,
            e.map_or("", |l| l.name.as_str()),
            gov_code,
            gov_name,
            r.source.map_or("", |s| s.0),
            r.source.map_or("", |s| s.1),
            r.component.0,
            r.component.1,
            r.spending_type,
            &amount,
        ];
        // Text from the data is neutralised as in every CSV of the site; writing to a Vec
        // cannot fail.
        let _ = w.write_record(
            fields
                .iter()
                .map(|f| crate::output::neutralise(f).into_owned()),
        );
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_yuan_are_exact() {
        let m = |s: &str| Money::parse(s).unwrap();
        assert_eq!(yuan(m("983.70"), MoneyUnit::TenThousandYuan), "9837000.00");
        assert_eq!(yuan(m("0.0001"), MoneyUnit::TenThousandYuan), "1.00");
        assert_eq!(yuan(m("5"), MoneyUnit::TenThousandYuan), "50000.00");
        assert_eq!(yuan(m("9,389,913.00"), MoneyUnit::Yuan), "9389913.00");
        assert_eq!(yuan(m("1.2345"), MoneyUnit::Yuan), "1.2345");
        assert_eq!(yuan(m("0.5"), MoneyUnit::Yuan), "0.50");
    }

    fn sample() -> Disclosure {
        let text = include_str!("../../content/2024/085.yaml");
        crate::content::load::parse::<Disclosure>(
            text,
            std::path::Path::new("content/2024/085.yaml"),
        )
        .unwrap()
        .data
    }

    /// 部门决算 give rows of the same shape; only the phase tells them apart.
    #[test]
    fn executed_rows_differ_from_approved_ones_only_in_phase() {
        let d = sample();
        let approved = String::from_utf8(fact_rows(&d, Phase::Approved)).unwrap();
        let executed = String::from_utf8(fact_rows(&d, Phase::Executed)).unwrap();
        assert!(approved.lines().count() > 30, "{approved}");
        assert_eq!(
            approved.matches(",approved,").count(),
            approved.lines().count()
        );
        assert_eq!(approved.replace(",approved,", ",executed,"), executed);
    }

    /// A code entered twice (a warning, not an error) is one row with the sum, so the
    /// primary key stays unique and the total stays right.
    #[test]
    fn a_line_entered_twice_is_one_row_with_the_sum() {
        let mut d = sample();
        let before = String::from_utf8(fact_rows(&d, Phase::Approved)).unwrap();
        d.expenditure.push(d.expenditure[0].clone());
        let after = String::from_utf8(fact_rows(&d, Phase::Approved)).unwrap();
        assert_eq!(before.lines().count(), after.lines().count());
        // 2011350 事业运行 工资福利支出 605.30万元, twice.
        assert!(
            before.contains(",wages,工资福利支出,basic,6053000.00\n"),
            "{before}"
        );
        assert!(
            after.contains(",wages,工资福利支出,basic,12106000.00\n"),
            "{after}"
        );
    }

    #[test]
    fn the_header_names_every_column_once() {
        let h = String::from_utf8(header()).unwrap();
        let names: Vec<&str> = h
            .trim_start_matches('\u{feff}')
            .trim_end()
            .split(',')
            .collect();
        assert_eq!(names.len(), COLUMNS.len());
        let unique: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        for k in PRIMARY_KEY {
            assert!(names.contains(k), "{k}");
        }
    }
}
