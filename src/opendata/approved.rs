//! The rows of a 部门预算 (phase `approved`): income by source, expenditure by 功能分类 and by
//! 经济分类, the 年终结转结余, and table 11's projects by source of funds.

use super::{Breakdown, Economic, Owner, Phase, Row, Rows, write_rows};
use crate::content::model::{Disclosure, ProjectKind};
use crate::derive::figures::{BySource, Source};

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
/// 年终结转结余, 经济分类, projects.
pub fn fact_rows(d: &Disclosure) -> Vec<u8> {
    let mut rows = Rows::default();
    income_rows(d, &mut rows);
    functional_rows(d, &mut rows);
    rows.push(Row {
        breakdown: Some(Breakdown::Balance),
        unit: unit_of(d, None),
        component: ("year_end_balance", "年终结转结余"),
        amount: d.year_end_balance,
        ..Row::default()
    });
    economic_rows(d, &mut rows);
    project_rows(d, &mut rows);
    let owner = Owner {
        year: d.year,
        code: &d.code,
        name: &d.name,
        subject_names: &d.subject_names,
        money_unit: d.money_unit,
    };
    write_rows(&owner, Phase::Approved, &rows.rows)
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
                breakdown: Some(Breakdown::Income),
                unit: unit_of(d, l.unit.as_deref()),
                source: source(s),
                component: (code, name),
                amount,
                ..Row::default()
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
                    breakdown: Some(Breakdown::Functional),
                    unit: unit_of(d, l.unit.as_deref()),
                    functional: Some((&l.code, &l.name)),
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                    ..Row::default()
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
                    breakdown: Some(Breakdown::Economic),
                    // Economic lines are entered per department.
                    unit: unit_of(d, None),
                    economic: Some(Economic {
                        code: &l.code,
                        name: &l.name,
                        gov_code: l.gov_code.as_deref(),
                        gov_name: l.gov_name.as_deref(),
                    }),
                    source: source(s),
                    component: (code, name),
                    spending_type: kind,
                    amount,
                    ..Row::default()
                });
            }
        }
    }
}

/// Table 11: each project's money by source, 上年结转结余 by fund included. The component is
/// the project's kind (其他运转类 / 特定目标类), as table 11 groups them; a carryover part
/// names its fund instead, so that each part keeps a key of its own.
fn project_rows<'a>(d: &'a Disclosure, rows: &mut Rows<'a>) {
    for p in &d.projects {
        let kind = match p.kind {
            ProjectKind::Running => ("running", "其他运转类"),
            ProjectKind::Targeted => ("targeted", "特定目标类"),
        };
        let c = &p.carryover;
        let carried = ("carryover", "上年结转结余");
        let parts = [
            (("general", "一般公共预算"), kind, p.general),
            (("fund", "政府性基金"), kind, p.fund),
            (("state_capital", "国有资本经营预算"), kind, p.state_capital),
            (carried, ("carryover.general", "一般公共预算"), c.general),
            (carried, ("carryover.fund", "政府性基金"), c.fund),
            (
                carried,
                ("carryover.state_capital", "国有资本经营预算"),
                c.state_capital,
            ),
            (
                ("special_account", "财政专户管理资金"),
                kind,
                p.special_account,
            ),
            (("unit_funds", "单位资金"), kind, p.unit_funds),
        ];
        for (source, component, amount) in parts {
            rows.push(Row {
                breakdown: Some(Breakdown::Project),
                unit: unit_of(d, p.unit.as_deref()),
                project: Some((&p.code, &p.name)),
                source: Some(source),
                component,
                spending_type: "project",
                amount,
                ..Row::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Project;
    use crate::content::money::Money;
    use rust_decimal::Decimal;

    /// A project's money from every source: its line of table 11.
    fn project_total(p: &Project) -> Money {
        p.general
            + p.fund
            + p.state_capital
            + p.carryover.general
            + p.carryover.fund
            + p.carryover.state_capital
            + p.special_account
            + p.unit_funds
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

    /// A code entered twice (a warning, not an error) is one row with the sum, so the
    /// primary key stays unique and the total stays right.
    #[test]
    fn a_line_entered_twice_is_one_row_with_the_sum() {
        let mut d = sample();
        let before = String::from_utf8(fact_rows(&d)).unwrap();
        d.expenditure.push(d.expenditure[0].clone());
        let after = String::from_utf8(fact_rows(&d)).unwrap();
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

    /// Table 11's projects: the rows of each project add up to its line, in 元.
    #[test]
    fn project_rows_add_up_to_each_project() {
        let d = sample();
        let text = String::from_utf8(fact_rows(&d)).unwrap();
        let cols: Vec<&str> = super::super::COLUMNS.iter().map(|c| c.name).collect();
        let at = |name: &str| cols.iter().position(|c| *c == name).unwrap();
        let mut sums = std::collections::BTreeMap::<String, Decimal>::new();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for rec in r.records() {
            let rec = rec.unwrap();
            if &rec[at("breakdown")] == "project" {
                assert_eq!(&rec[at("spending_type")], "project");
                let a: Decimal = rec[at("amount")].parse().unwrap();
                *sums.entry(rec[at("project_code")].to_owned()).or_default() += a;
            }
        }
        let with_money: Vec<&Project> = d
            .projects
            .iter()
            .filter(|p| !project_total(p).is_zero())
            .collect();
        assert!(!with_money.is_empty(), "the sample lists its projects");
        assert_eq!(sums.len(), with_money.len());
        for p in with_money {
            let want = super::super::yuan(project_total(p), d.money_unit);
            assert_eq!(format!("{:.2}", sums[&p.code]), want, "{}", p.name);
        }
    }
}
