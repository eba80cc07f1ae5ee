//! 政府采购预算 (narrative 十(二)). Its total is computed from 货物 + 工程 + 服务; what no table
//! ties it to is the budget it is bought from.

use super::balance::component_parts;
use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::derive::figures::{BySource, Source};

pub(super) const RULES: &[Rule] = &[Rule {
    id: "procurement-within-budget",
    family: "procurement",
    severity: Severity::Error,
    description: "政府采购 (货物 + 工程 + 服务) is at most the 公用经费 and 项目支出 it is paid from",
    run: within_budget,
}];

fn within_budget(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let p = &ctx.d.procurement;
    let mut bought = Side::new("政府采购预算");
    bought.add(p.goods, || "procurement.goods".into());
    bought.add(p.works, || "procurement.works".into());
    bought.add(p.services, || "procurement.services".into());
    if bought.value.is_zero() {
        return;
    }
    // Unsplit 项目支出 counts whole; unsplit 基本支出 cannot be told apart from 人员经费, so
    // the 公用经费 it holds is read from the economic lines instead.
    let mut budget = Side::new(crate::say!(
        "公用经费 + 项目支出（T3）",
        "公用经费 + 项目支出 (T3)"
    ));
    let unsplit = ctx.d.expenditure.iter().any(|l| {
        Source::ALL
            .iter()
            .any(|s| !l.source(*s).unsplit_basic.is_zero())
    });
    if unsplit {
        for (i, l) in ctx.d.economic.iter().enumerate() {
            budget.add(l.general.public, || format!("economic[{i}].general.public"));
        }
    }
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        for s in Source::ALL {
            for (field, m) in component_parts(l.source(s)) {
                if matches!(field, "public" | "running" | "targeted" | "project") {
                    budget.add(m, || format!("expenditure[{i}].{}.{field}", s.field()));
                }
            }
        }
    }
    ctx.compare(
        out,
        "procurement-within-budget",
        Relation::AtMost,
        &budget,
        &bought,
        &crate::say!(
            "政府采购的货物、工程和服务只能从公用经费和项目支出中支付，不能用人员经费：请核对 `procurement` 下的 `goods`、`works`、`services` 金额。",
            "Goods, works and services are bought from 公用经费 and 项目支出, never from 人员经费: check the amounts under `procurement`."
        ),
    );
}
