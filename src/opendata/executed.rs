//! The rows of a 部门决算 (phase `executed`), in the shape of a budget's rows so that one
//! query sets plan against outcome: income by source and 功能分类 项 (the 收入决算表), the
//! year's opening balances, expenditure by 项, source and 基本/项目 (the 支出决算表), the
//! closing balances, and the 基本支出 of 一般公共预算财政拨款 by 经济分类 款.
//!
//! Income and expenditure rows add up alike, as the 决算 itself must close:
//! 收入 + 使用非财政拨款结余 + 年初结转和结余 = 支出 + 结余分配 + 年末结转和结余.

use super::{Breakdown, Economic, Owner, Phase, Row, Rows, write_rows};
use crate::final_accounts::layout;
use crate::final_accounts::model::FinalAccounts;

const GENERAL: (&str, &str) = ("general", "一般公共预算");
const FUND: (&str, &str) = ("fund", "政府性基金");
const STATE_CAPITAL: (&str, &str) = ("state_capital", "国有资本经营预算");
const OTHER_FUNDS: (&str, &str) = ("other_funds", "非财政拨款资金");

/// Every amount of one 决算 as rows of the facts CSV (no header), phase `executed`.
pub fn final_rows(fa: &FinalAccounts) -> Vec<u8> {
    let mut rows = Rows::default();
    let b = &fa.balances;
    for l in &fa.lines {
        let i = &l.income;
        let parts = [
            (GENERAL, ("appropriation", "财政拨款收入"), i.general),
            (FUND, ("fund", "政府性基金预算财政拨款收入"), i.fund),
            (
                STATE_CAPITAL,
                ("state_capital", "国有资本经营预算财政拨款收入"),
                i.state_capital,
            ),
            (
                ("superior", "上级补助收入"),
                ("superior", "上级补助收入"),
                i.superior,
            ),
            (
                ("business", "事业收入"),
                ("business", "事业收入"),
                i.business,
            ),
            (
                ("operating", "事业单位经营收入"),
                ("operating", "经营收入"),
                i.operating,
            ),
            (
                ("affiliated", "附属单位上缴收入"),
                ("affiliated", "附属单位上缴收入"),
                i.affiliated,
            ),
            (("other", "其他收入"), ("other", "其他收入"), i.other),
        ];
        for (source, component, amount) in parts {
            rows.push(Row {
                breakdown: Some(Breakdown::Income),
                functional: Some((&l.code, &l.name)),
                source: Some(source),
                component,
                amount,
                ..Row::default()
            });
        }
    }
    for (source, component, amount) in [
        (
            Some(("carryover", "上年结转结余")),
            ("opening", "年初结转和结余"),
            b.opening,
        ),
        (
            None,
            ("non_fiscal_used", "使用非财政拨款结余"),
            b.non_fiscal_used,
        ),
    ] {
        rows.push(Row {
            breakdown: Some(Breakdown::Income),
            source,
            component,
            amount,
            ..Row::default()
        });
    }
    const BASIC: ((&str, &str), &str) = (("basic", "基本支出"), "basic");
    const PROJECT: ((&str, &str), &str) = (("project", "项目支出"), "project");
    for l in &fa.lines {
        let o = &l.other_funds;
        let parts = [
            (GENERAL, BASIC, l.general.basic),
            (GENERAL, PROJECT, l.general.project),
            (FUND, BASIC, l.fund.basic),
            (FUND, PROJECT, l.fund.project),
            (STATE_CAPITAL, BASIC, l.state_capital.basic),
            (STATE_CAPITAL, PROJECT, l.state_capital.project),
            (OTHER_FUNDS, BASIC, o.basic),
            (OTHER_FUNDS, PROJECT, o.project),
            // Neither 基本 nor 项目: the 支出决算表's own columns.
            (
                OTHER_FUNDS,
                (("to_superior", "上缴上级支出"), ""),
                o.to_superior,
            ),
            (OTHER_FUNDS, (("operating", "经营支出"), ""), o.operating),
            (
                OTHER_FUNDS,
                (("to_affiliated", "对附属单位补助支出"), ""),
                o.to_affiliated,
            ),
        ];
        for (source, (component, spending_type), amount) in parts {
            rows.push(Row {
                breakdown: Some(Breakdown::Functional),
                functional: Some((&l.code, &l.name)),
                source: Some(source),
                component,
                spending_type,
                amount,
                ..Row::default()
            });
        }
    }
    for (component, amount) in [
        (("distribution", "结余分配"), b.distribution),
        (("year_end_balance", "年末结转和结余"), b.closing),
    ] {
        rows.push(Row {
            breakdown: Some(Breakdown::Balance),
            component,
            amount,
            ..Row::default()
        });
    }
    for (code, amount) in &fa.basic_economic {
        let component = if layout::is_personnel(code) {
            ("personnel", "人员经费")
        } else {
            ("public", "公用经费")
        };
        rows.push(Row {
            breakdown: Some(Breakdown::Economic),
            economic: Some(Economic {
                code,
                name: layout::economic_name(code).unwrap_or(""),
                ..Economic::default()
            }),
            source: Some(GENERAL),
            component,
            spending_type: "basic",
            amount: *amount,
            ..Row::default()
        });
    }
    let owner = Owner {
        year: fa.year,
        code: &fa.code,
        name: &fa.name,
        subject_names: &fa.subject_names,
        money_unit: fa.money_unit,
    };
    write_rows(&owner, Phase::Executed, &rows.rows)
}
