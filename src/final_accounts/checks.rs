//! The identities of a 决算, checked on the exact facts.
//!
//! A published 决算 closes: what came in (本年收入, 使用非财政拨款结余, 年初结转和结余) equals
//! what went out (本年支出, 结余分配, 年末结转和结余), for all money and for each 财政拨款 fund;
//! the 基本支出 by 经济分类 is the 基本支出 by 功能分类. Because the tables are computed from
//! the same facts, holding these identities makes every table agree with the others.

use super::model::FinalAccounts;
use super::tables::{self, Fmt};
use crate::content::load::Loaded;
use crate::content::money::Money;
use crate::content::problem::Problem;

/// Every broken identity of one 决算, each naming the field to correct.
pub fn check(d: &Loaded<FinalAccounts>) -> Vec<Problem> {
    let fa = &d.data;
    let f = Fmt::new(fa.money_unit);
    let wan = |m: Money| format!("{}万元", f.money(m).table());
    let mut out = Vec::new();
    let b = &fa.balances;
    let income = tables::sum_by(fa, "", tables::income_total);
    let spent = tables::sum_by(fa, "", tables::spent_total);
    let sources = income + b.non_fiscal_used + b.opening;
    let uses = spent + b.distribution + b.closing;
    if sources != uses {
        out.push(
            d.problem(
                "balances.closing",
                format!(
                    "收支不平衡：本年收入合计 {} + 使用非财政拨款结余 {} + 年初结转和结余 {} = {}，\
                     但本年支出合计 {} + 结余分配 {} + 年末结转和结余 {} = {}（相差 {} {}）",
                    income,
                    b.non_fiscal_used,
                    b.opening,
                    sources,
                    spent,
                    b.distribution,
                    b.closing,
                    uses,
                    diff(sources, uses),
                    fa.money_unit.label()
                ),
            )
            .hint("核对年末结转和结余、年初结转和结余以及各项收入、支出；两边必须相等"),
        );
    }
    let funds: [(&str, &str, Money, Money, Money, Money); 3] = [
        (
            "general",
            "一般公共预算财政拨款",
            b.opening_appropriation.general,
            tables::sum_by(fa, "", |l| l.income.general),
            tables::sum_by(fa, "", tables::general),
            b.closing_appropriation.general,
        ),
        (
            "fund",
            "政府性基金预算财政拨款",
            b.opening_appropriation.fund,
            tables::sum_by(fa, "", |l| l.income.fund),
            tables::sum_by(fa, "", tables::fund),
            b.closing_appropriation.fund,
        ),
        (
            "state_capital",
            "国有资本经营预算财政拨款",
            b.opening_appropriation.state_capital,
            tables::sum_by(fa, "", |l| l.income.state_capital),
            tables::sum_by(fa, "", tables::state_capital),
            b.closing_appropriation.state_capital,
        ),
    ];
    for (key, name, open, inc, sp, close) in funds {
        if open + inc != sp + close {
            out.push(
                d.problem(
                    &format!("balances.closing_appropriation.{key}"),
                    format!(
                        "{name}不平衡：年初结转和结余 {} + 本年收入 {} ≠ 本年支出 {} + 年末结转和结余 {}",
                        wan(open),
                        wan(inc),
                        wan(sp),
                        wan(close)
                    ),
                )
                .hint("核对该资金的年初、年末财政拨款结转和结余及各项的财政拨款收入、支出"),
            );
        }
    }
    if b.opening_appropriation.total() > b.opening {
        out.push(
            d.problem(
                "balances.opening_appropriation",
                format!(
                    "年初财政拨款结转和结余 {} 大于年初结转和结余 {}",
                    wan(b.opening_appropriation.total()),
                    wan(b.opening)
                ),
            )
            .hint("财政拨款结转和结余是全部结转和结余的一部分，不能更大"),
        );
    }
    if b.closing_appropriation.total() > b.closing {
        out.push(
            d.problem(
                "balances.closing_appropriation",
                format!(
                    "年末财政拨款结转和结余 {} 大于年末结转和结余 {}",
                    wan(b.closing_appropriation.total()),
                    wan(b.closing)
                ),
            )
            .hint("财政拨款结转和结余是全部结转和结余的一部分，不能更大"),
        );
    }
    let basic_fn = tables::sum_by(fa, "", |l| l.general.basic);
    let basic_econ: Money = fa.basic_economic.values().copied().sum();
    if basic_fn != basic_econ {
        out.push(
            d.problem(
                "basic_economic",
                format!(
                    "按经济分类填的基本支出合计 {} {}，与按功能分类填的一般公共预算财政拨款基本支出 {} {} 不一致（相差 {}）",
                    basic_econ,
                    fa.money_unit.label(),
                    basic_fn,
                    fa.money_unit.label(),
                    diff(basic_econ, basic_fn)
                ),
            )
            .hint("一般公共预算财政拨款基本支出决算表的合计必须等于支出决算表中一般公共预算财政拨款的基本支出：请核对 `basic_economic` 下各款的金额与 `lines` 各行 `general` 下的 `basic`"),
        );
    }
    for (i, l) in fa.lines.iter().enumerate() {
        if tables::income_total(l).is_zero() && tables::spent_total(l).is_zero() {
            out.push(
                d.problem(
                    &format!("lines[{i}]"),
                    format!("科目“{} {}”既没有收入也没有支出", l.code, l.name),
                )
                .hint("删去这一行，或填上它的收入、支出"),
            );
        }
    }
    out
}

fn diff(a: Money, b: Money) -> Money {
    if a > b { a - b } else { b - a }
}
