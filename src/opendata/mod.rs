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

mod approved;
mod columns;
mod descriptor;
mod executed;

pub use approved::fact_rows;
pub use columns::{COLUMNS, Column, PRIMARY_KEY, header};
pub use descriptor::{Scope, descriptor};
pub use executed::final_rows;

use crate::content::codes;
use crate::content::model::MoneyUnit;
use crate::content::money::Money;
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
    /// 项目支出 by project and source of funds (table 11): adds up to its 合计.
    Project,
}

impl Breakdown {
    fn code(self) -> &'static str {
        match self {
            Breakdown::Income => "income",
            Breakdown::Functional => "functional",
            Breakdown::Balance => "balance",
            Breakdown::Economic => "economic",
            Breakdown::Project => "project",
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
    String,
);

/// The department-year whose rows are written, whichever kind of disclosure gave them.
struct Owner<'a> {
    year: u16,
    code: &'a str,
    name: &'a str,
    /// Names of 类 and 款 as the department's file gives them.
    subject_names: &'a BTreeMap<String, String>,
    money_unit: MoneyUnit,
}

/// A 经济分类 款 of a row.
#[derive(Clone, Copy, Default)]
struct Economic<'a> {
    code: &'a str,
    name: &'a str,
    gov_code: Option<&'a str>,
    gov_name: Option<&'a str>,
}

/// One row before it is written: the columns after department and phase. Codes and names
/// come as pairs `(code, name)`.
#[derive(Default)]
struct Row<'a> {
    breakdown: Option<Breakdown>,
    unit: Option<(&'a str, &'a str)>,
    functional: Option<(&'a str, &'a str)>,
    economic: Option<Economic<'a>>,
    project: Option<(&'a str, &'a str)>,
    source: Option<(&'static str, &'static str)>,
    component: (&'static str, &'static str),
    spending_type: &'static str,
    amount: Money,
}

impl Row<'_> {
    fn key(&self) -> Key {
        (
            self.breakdown.unwrap_or(Breakdown::Income),
            self.unit.map(|u| u.0.to_owned()),
            self.source.map_or("", |s| s.0),
            self.component.0,
            self.functional.map_or(String::new(), |l| l.0.to_owned()),
            self.economic.map_or(String::new(), |l| l.code.to_owned()),
            self.project.map_or(String::new(), |p| p.0.to_owned()),
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

/// An amount in 元, exactly: 万元 × 10000 keeps every digit; at least two decimals, more
/// only when the file has them (元 with four decimals).
pub fn yuan(m: Money, unit: MoneyUnit) -> String {
    let mut v = m.convert(unit, MoneyUnit::Yuan).0.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}

/// The rows as CSV records (no header, no BOM: they are appended to a year's file after its
/// header).
fn write_rows(o: &Owner, phase: Phase, rows: &[Row]) -> Vec<u8> {
    let year = o.year.to_string();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::with_capacity(rows.len() * 300));
    for r in rows {
        let f = r.functional.map_or("", |l| l.0);
        let class = f.get(..3).unwrap_or("");
        let section = f.get(..5).unwrap_or("");
        let name_of = |code: &str| {
            if code.is_empty() {
                ""
            } else {
                codes::subject_name(o.subject_names, code).unwrap_or("")
            }
        };
        let e = r.economic.unwrap_or_default();
        let e_class = e.code.get(..3).unwrap_or("");
        let gov_code = e.gov_code.unwrap_or("");
        let gov_name = e
            .gov_name
            .or(codes::gov_economic_name(gov_code))
            .unwrap_or("");
        let amount = yuan(r.amount, o.money_unit);
        let fields: [&str; 28] = [
            &year,
            o.code,
            o.name,
            r.unit.map_or("", |u| u.0),
            r.unit.map_or("", |u| u.1),
            r.breakdown.map_or("", Breakdown::code),
            r.breakdown.map_or("", Breakdown::direction),
            phase.code(),
            class,
            name_of(class),
            section,
            name_of(section),
            f,
            r.functional.map_or("", |l| l.1),
            e_class,
            codes::economic_class_name(e_class).unwrap_or(""),
            e.code,
            e.name,
            gov_code,
            gov_name,
            r.project.map_or("", |p| p.0),
            r.project.map_or("", |p| p.1),
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
                .map(|f| crate::render::cells::neutralise(f).into_owned()),
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
