//! 上年结转结余 by fund: what a department carried over in a fund (`income[].carryover`)
//! against what its lines spend of that fund (`expenditure[].carryover.<fund>`).
//!
//! Table 4 shows the 上年结转 of each 财政拨款 fund on its income side and that fund's
//! spending, this year's money and carryover together, on its expenditure side; it balances
//! only when each fund's carryover is spent as that fund's. The total of all carryover is
//! checked by `T1-other-sources`; these rules check it fund by fund.

use super::balance::per_source_relation;
use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::content::model::{CARRYOVER_FUNDS, ProjectKind};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "carryover-by-fund",
        family: "carryover",
        severity: Severity::Error,
        description: "the 上年结转 of each 财政拨款 fund (一般公共预算, 政府性基金, 国有资本经营预算) is spent as that fund's (`carryover: { general: … }`), all of it unless a 年终结转结余 keeps some; of 财政专户 and 单位资金 no more is spent by fund than was carried over",
        run: by_fund,
    },
    Rule {
        id: "T11-carryover-by-fund",
        family: "carryover",
        severity: Severity::Error,
        description: "where lines spend carryover by fund, T11's 上年结转结余 of each 财政拨款 fund equals the 特定目标类 and 其他运转类 carryover of that fund, kind by kind",
        run: projects_by_fund,
    },
];

/// The 财政拨款 funds: the first three of `CARRYOVER_FUNDS`, the ones table 4 shows.
const APPROPRIATION: usize = 3;

fn income(ctx: &Ctx, fund: usize) -> Side {
    let (key, label) = CARRYOVER_FUNDS[fund];
    let mut side = Side::new(crate::say!(
        "上年结转的{}（T2、T4 收入方）",
        "{} carried over (T2, T4 income)",
        label
    ));
    for (i, l) in ctx.d.income.iter().enumerate() {
        let c = &l.carryover;
        let m = [
            c.general,
            c.fund,
            c.state_capital,
            c.special_account,
            c.unit_funds,
        ][fund];
        side.add(m, || format!("income[{i}].carryover.{key}"));
    }
    side
}

fn spent(ctx: &Ctx, fund: usize) -> Side {
    let (key, label) = CARRYOVER_FUNDS[fund];
    let mut side = Side::new(crate::say!(
        "按来源支出的上年结转{}（T4 支出方）",
        "{} carryover spent (T4 expenditure)",
        label
    ));
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        for (field, m) in super::balance::component_parts(l.carryover.fund(fund)) {
            side.add(m, || format!("expenditure[{i}].carryover.{key}.{field}"));
        }
    }
    side
}

fn by_fund(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (fund, (key, label)) in CARRYOVER_FUNDS.iter().enumerate() {
        let (available, used) = (income(ctx, fund), spent(ctx, fund));
        // A 财政拨款 fund's carryover shows in table 4 and must be spent there; other
        // carryover may be spent in the one-set form, which `T1-other-sources` totals.
        let relation = if fund < APPROPRIATION {
            per_source_relation(ctx)
        } else {
            Relation::AtMost
        };
        let advice = crate::say!(
            "上年结转的{0}要作为{0}安排支出，表四（财政拨款收支总体情况表）才能平衡：在使用这笔钱的支出行写 `carryover: {{ {1}: {{ targeted: … }} }}`（按来源分开写，不要直接写 `carryover: {{ targeted: … }}`），并与收入行的 `carryover.{1}` 核对。",
            "{0} carried over is spent as {0}, or table 4 cannot balance: on the lines that spend it write `carryover: {{ {1}: {{ targeted: … }} }}` (split by fund, not `carryover: {{ targeted: … }}`), and compare with `carryover.{1}` of the income lines.",
            label,
            key
        );
        ctx.compare(
            out,
            "carryover-by-fund",
            relation,
            &available,
            &used,
            &advice,
        );
    }
}

fn projects_by_fund(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let lines = &ctx.d.expenditure;
    // Projects name their carryover's fund; lines in the one-set form do not, so only a
    // file that splits all its project carryover can be compared fund by fund.
    let unsplit_projects = lines
        .iter()
        .any(|l| !l.carryover.unsplit.project().is_zero());
    if unsplit_projects || !lines.iter().any(|l| l.carryover.is_split()) {
        return;
    }
    for (fund, (key, label)) in CARRYOVER_FUNDS.iter().enumerate().take(APPROPRIATION) {
        for kind in [ProjectKind::Targeted, ProjectKind::Running] {
            let mut projects = Side::new(crate::say!(
                "T11 上年结转的{} {}项目",
                "T11 {} carryover of {} projects",
                label,
                kind.label()
            ));
            for (i, p) in ctx.d.projects.iter().enumerate() {
                if p.kind != kind {
                    continue;
                }
                let c = &p.carryover;
                let m = [c.general, c.fund, c.state_capital][fund];
                projects.add(m, || format!("projects[{i}].carryover.{key}"));
            }
            let component = match kind {
                ProjectKind::Targeted => "targeted",
                ProjectKind::Running => "running",
            };
            let mut functional = Side::new(crate::say!(
                "支出行上年结转的{} {}",
                "carryover of {} spent as {} (expenditure lines)",
                label,
                kind.label()
            ));
            for (i, l) in lines.iter().enumerate() {
                let c = l.carryover.fund(fund);
                let m = match kind {
                    ProjectKind::Targeted => c.targeted,
                    ProjectKind::Running => c.running,
                };
                functional.add(m, || {
                    format!("expenditure[{i}].carryover.{key}.{component}")
                });
            }
            let advice = crate::say!(
                "每个项目的上年结转（表十一）要与支出行按来源写的上年结转对应：核对项目的 `carryover.{0}` 和 `kind`，以及支出行 `carryover.{0}.{1}` 的金额。",
                "Each project's carryover (T11) matches the carryover the lines spend by fund: check the projects' `carryover.{0}` and `kind` against `carryover.{0}.{1}` of the expenditure lines.",
                key,
                component
            );
            ctx.compare(
                out,
                "T11-carryover-by-fund",
                Relation::Equal,
                &functional,
                &projects,
                &advice,
            );
        }
    }
}
