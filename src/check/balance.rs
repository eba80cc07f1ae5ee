//! Income against expenditure: the two sides of table 1, per source (tables 2 and 4 against
//! tables 3, 5, 9, 10) and per budget unit.
//!
//! Income lines and functional lines are entered separately (from T1/T2 and from T3/T5/T9),
//! so nothing but these rules makes them agree.

use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::content::model::IncomeLine;
use crate::content::money::Money;
use crate::derive::figures::{BySource, Source};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "T1-balance",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "T1 收入总计 (本年收入 + 上年结转结余) equals 支出总计 (本年支出 + 年终结转结余)",
        run: t1_balance,
    },
    Rule {
        id: "T4-general",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "一般公共预算 income (T1, T2, T4) equals 一般公共预算 expenditure (T5 合计, T4 column)",
        run: t4_general,
    },
    Rule {
        id: "T4-fund",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "政府性基金 income (T1, T2, T4) equals 政府性基金 expenditure (T9 合计, T4 column)",
        run: t4_fund,
    },
    Rule {
        id: "T4-state-capital",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "国有资本经营预算 income (T1, T2, T4) equals its expenditure (T10 合计, T4 column)",
        run: t4_state_capital,
    },
    Rule {
        id: "T1-other-sources",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "income of every other source (财政专户, 事业收入, 经营收入, 上级补助, 附属单位上缴, 其他, 上年结转结余) equals that source's expenditure in T3",
        run: t1_other_sources,
    },
    Rule {
        id: "T2-T3-unit-balance",
        family: "income and expenditure",
        severity: Severity::Error,
        description: "with several budget units, each unit's income (T2 row) equals its expenditure (T3 rows)",
        run: unit_balance,
    },
];

/// The income fields that make up one source, as `IncomeLine::general()` and the like add them.
pub(super) fn income_parts(l: &IncomeLine, s: Source) -> Vec<(&'static str, Money)> {
    let c = &l.carryover;
    match s {
        Source::General => vec![
            ("appropriation", l.appropriation),
            ("special_revenue", l.special_revenue),
            ("other_general", l.other_general),
            ("general_advance", l.general_advance),
            ("general_bond", l.general_bond),
        ],
        Source::Fund => vec![
            ("fund", l.fund),
            ("fund_advance", l.fund_advance),
            ("fund_bond", l.fund_bond),
        ],
        Source::StateCapital => vec![("state_capital", l.state_capital)],
        Source::Carryover => vec![
            ("carryover.general", c.general),
            ("carryover.fund", c.fund),
            ("carryover.state_capital", c.state_capital),
            ("carryover.special_account", c.special_account),
            ("carryover.unit_funds", c.unit_funds),
        ],
        Source::SpecialAccount => vec![("special_account", l.special_account)],
        Source::Business => vec![("business", l.business)],
        Source::Superior => vec![("superior", l.superior)],
        Source::Affiliated => vec![("affiliated", l.affiliated)],
        Source::Operating => vec![("operating", l.operating)],
        Source::Other => vec![("other", l.other)],
    }
}

/// The five components of a functional line, with their field names.
/// Every component as its YAML field, including the unsplit `basic` / `project` that a
/// format without the 人员/公用 or 运转/特定 split (普陀) gives, so totals hold in both formats.
pub(super) fn component_parts(c: &crate::content::model::Components) -> [(&'static str, Money); 7] {
    [
        ("wages", c.wages),
        ("family", c.family),
        ("public", c.public),
        ("running", c.running),
        ("targeted", c.targeted),
        ("basic", c.unsplit_basic),
        ("project", c.unsplit_project),
    ]
}

fn unit_of<'a>(ctx: &'a Ctx, unit: &'a Option<String>) -> &'a str {
    unit.as_deref()
        .unwrap_or_else(|| ctx.d.units.first().map(|u| u.code.as_str()).unwrap_or(""))
}

/// Income of the given sources (of one unit, or all).
fn income_side(ctx: &Ctx, label: String, sources: &[Source], unit: Option<&str>) -> Side {
    let mut side = Side::new(label);
    for (i, l) in ctx.d.income.iter().enumerate() {
        if unit.is_some_and(|u| unit_of(ctx, &l.unit) != u) {
            continue;
        }
        for s in sources {
            for (field, m) in income_parts(l, *s) {
                side.add(m, || format!("income[{i}].{field}"));
            }
        }
    }
    side
}

/// Functional expenditure of the given sources (of one unit, or all).
fn expenditure_side(ctx: &Ctx, label: String, sources: &[Source], unit: Option<&str>) -> Side {
    let mut side = Side::new(label);
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        if unit.is_some_and(|u| unit_of(ctx, &l.unit) != u) {
            continue;
        }
        for s in sources {
            for (path, c) in spent_parts(l, *s) {
                for (field, m) in component_parts(c) {
                    side.add(m, || format!("expenditure[{i}].{path}.{field}"));
                }
            }
        }
    }
    side
}

/// The components a line spends of one source, each with its field path: carryover in its
/// one-set form and by fund, so a finding names the field the clerk wrote.
fn spent_parts(
    l: &crate::content::model::FunctionalLine,
    s: Source,
) -> Vec<(String, &crate::content::model::Components)> {
    if s != Source::Carryover {
        return vec![(s.field().to_owned(), l.source(s))];
    }
    let c = &l.carryover;
    let funds = crate::content::model::CARRYOVER_FUNDS.iter().enumerate();
    std::iter::once(("carryover".to_owned(), &c.unsplit))
        .chain(funds.map(|(k, (key, _))| (format!("carryover.{key}"), c.fund(k))))
        .collect()
}

/// With a 年终结转结余 part of some income stays unspent, and the facts do not say which
/// source's, so per source spending may only stay below income; T1-balance checks the total.
pub(super) fn per_source_relation(ctx: &Ctx) -> Relation {
    if ctx.d.year_end_balance.is_zero() {
        Relation::Equal
    } else {
        Relation::AtMost
    }
}

fn t1_balance(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let income = income_side(ctx, "T1 收入总计".into(), &Source::ALL, None);
    let mut spent = expenditure_side(ctx, "T1 支出总计".into(), &Source::ALL, None);
    spent.add(ctx.d.year_end_balance, || "year_end_balance".into());
    ctx.compare(
        out,
        "T1-balance",
        Relation::Equal,
        &income,
        &spent,
        &crate::say!(
            "预算的收入和支出必须平衡：请逐项核对 `income`（收入）与 `expenditure`（支出）以及 `year_end_balance`（年终结转结余）的金额。",
            "Income and expenditure of a budget must balance: check the amounts of `income` against those of `expenditure` (and `year_end_balance`)."
        ),
    );
}

/// One appropriation fund: its income against its expenditure table.
fn fund_rule(
    ctx: &Ctx,
    out: &mut Vec<Diagnostic>,
    rule: &'static str,
    source: Source,
    table: &str,
) {
    let income = income_side(
        ctx,
        crate::say!("{}收入（T1、T4）", "{} income (T1, T4)", source.label()),
        &[source],
        None,
    );
    let spent = expenditure_side(
        ctx,
        crate::say!(
            "{}支出（{table} 合计）",
            "{} expenditure ({table} 合计)",
            source.label()
        ),
        &[source],
        None,
    );
    let advice = crate::say!(
        "{0}收入要全部安排支出：请把 `expenditure`（{table}）各行的 `{1}` 金额与收入行（T1、T4 的{0}）对照核对。",
        "Every yuan of {0} income is budgeted for spending: compare the `{1}` amounts of `expenditure` ({table}) with the income line ({0} in T1 and T4).",
        source.label(),
        source.field(),
    );
    ctx.compare(
        out,
        rule,
        per_source_relation(ctx),
        &income,
        &spent,
        &advice,
    );
}

fn t4_general(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    fund_rule(ctx, out, "T4-general", Source::General, "T5");
}

fn t4_fund(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    fund_rule(ctx, out, "T4-fund", Source::Fund, "T9");
}

fn t4_state_capital(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    fund_rule(ctx, out, "T4-state-capital", Source::StateCapital, "T10");
}

fn t1_other_sources(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in Source::ALL.into_iter().skip(3) {
        let income = income_side(
            ctx,
            crate::say!("{}（T1、T2 收入方）", "{} income (T1, T2)", s.label()),
            &[s],
            None,
        );
        let spent = expenditure_side(
            ctx,
            crate::say!("{}（T3 支出方）", "{} expenditure (T3)", s.label()),
            &[s],
            None,
        );
        let advice = crate::say!(
            "{0}要全部安排支出：请把收入行与 `expenditure` 各行的 `{1}` 金额对照核对。",
            "Income of {0} is budgeted for spending: compare the income line with the `{1}` amounts of `expenditure`.",
            s.label(),
            s.field()
        );
        ctx.compare(
            out,
            "T1-other-sources",
            per_source_relation(ctx),
            &income,
            &spent,
            &advice,
        );
    }
}

fn unit_balance(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.d.units.len() < 2 || ctx.d.department_totals_only {
        // One unit, or department totals only: the department's row, which T1-balance checks.
        return;
    }
    for u in &ctx.d.units {
        let c = Some(u.code.as_str());
        let income = income_side(
            ctx,
            crate::say!("T2 单位 {} 的收入", "T2 income of unit {}", u.code),
            &Source::ALL,
            c,
        );
        let spent = expenditure_side(
            ctx,
            crate::say!("T3 单位 {} 的支出", "T3 expenditure of unit {}", u.code),
            &Source::ALL,
            c,
        );
        let advice = crate::say!(
            "每个预算单位只能支出自己的收入：请检查 {0} {1} 的收入行和支出行所写的 `unit`（单位代码）。",
            "Each budget unit spends its own income: check the `unit` of the income and expenditure lines of {0} {1}.",
            u.code,
            u.name
        );
        ctx.compare(
            out,
            "T2-T3-unit-balance",
            per_source_relation(ctx),
            &income,
            &spent,
            &advice,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn income_parts_add_up_like_the_figures() {
        let m = |s: &str| Money::parse(s).unwrap();
        let l = IncomeLine {
            appropriation: m("1"),
            special_revenue: m("2"),
            other_general: m("4"),
            general_advance: m("8"),
            general_bond: m("16"),
            fund: m("32"),
            fund_advance: m("64"),
            fund_bond: m("128"),
            state_capital: m("256"),
            special_account: m("512"),
            business: m("1024"),
            operating: m("2048"),
            superior: m("4096"),
            affiliated: m("8192"),
            other: m("16384"),
            carryover: crate::content::model::Carryover {
                general: m("0.01"),
                fund: m("0.02"),
                state_capital: m("0.04"),
                special_account: m("0.08"),
                unit_funds: m("0.16"),
            },
            unit: None,
        };
        let sum = |s: Source| income_parts(&l, s).iter().map(|(_, m)| *m).sum::<Money>();
        assert_eq!(sum(Source::General), l.general());
        assert_eq!(sum(Source::Fund), l.fund_total());
        assert_eq!(sum(Source::Carryover), l.carryover_total());
        let all: Money = Source::ALL.iter().map(|s| sum(*s)).sum();
        assert_eq!(all, l.total());
    }
}
