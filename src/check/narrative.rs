//! The narrative (第二部分). Its figures and percentages are computed from the same Figures as
//! the tables; what staff type are last year's figures, the reasons for each change and the
//! uses of the money, and those are checked here.

use super::{Ctx, Diagnostic, Rule, Severity};
use crate::content::money::Money;

pub(super) const RULES: &[Rule] = &[Rule {
    id: "narrative-use-text",
    family: "narrative",
    severity: Severity::Warning,
    description: "every budgeted “三公” item, 政府性基金, 国有资本经营 and 机关运转经费 amount says what it is used for; in a per-科目 narrative (普陀), every 项 with 一般公共预算 money (`purpose`)",
    run: use_text,
}];

pub(super) fn has_text(s: Option<&str>) -> bool {
    s.is_some_and(|t| !t.trim().is_empty())
}

/// A narrative built around the per-科目 list (普陀) says what each 项 is for instead.
fn subject_purposes(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::BTreeSet::new();
    let with_purpose: std::collections::BTreeSet<&str> = ctx
        .d
        .expenditure
        .iter()
        .filter(|l| has_text(l.purpose.as_deref()))
        .map(|l| l.code.as_str())
        .collect();
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        if l.general.total().is_zero()
            || with_purpose.contains(l.code.as_str())
            || !seen.insert(l.code.as_str())
        {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "narrative-use-text",
                Severity::Warning,
                crate::say!(
                    "{} {} 有一般公共预算资金，但按科目的说明没有写它主要用于什么",
                    "{} {} has 一般公共预算 money, but the per-科目 list does not say what it is used for",
                    l.code,
                    l.name
                ),
            )
            .texts("主要用于…", crate::say!("没有写", "nothing"))
            .facts(vec![ctx.fact(format!("expenditure[{i}].code"), &l.code)])
            .hint(crate::say!(
                "请在 `expenditure[{i}]` 下加上 `purpose: 主要用于…`，末尾不加「。」",
                "add `purpose: 主要用于…` to `expenditure[{i}]`, without the final 「。」"
            )),
        );
    }
}

fn use_text(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.profile.narrative_is_default() {
        return subject_purposes(ctx, out);
    }
    let (f, n) = (&ctx.f, &ctx.d.narrative);
    let t = &f.three_public;
    let items: [(&str, &str, Money, Option<&str>); 7] = [
        (
            "abroad_use",
            "因公出国（境）费",
            t.abroad,
            Some(n.abroad_use.as_str()),
        ),
        (
            "reception_use",
            "公务接待费",
            t.reception,
            Some(n.reception_use.as_str()),
        ),
        (
            "vehicle_purchase_use",
            "公务用车购置费",
            t.vehicle_purchase,
            Some(n.vehicle_purchase_use.as_str()),
        ),
        (
            "vehicle_running_use",
            "公务用车运行维护费",
            t.vehicle_running,
            Some(n.vehicle_running_use.as_str()),
        ),
        (
            "fund_use",
            "政府性基金预算支出",
            f.fund.total(),
            n.fund_use.as_deref(),
        ),
        (
            "state_capital_use",
            "国有资本经营预算支出",
            f.state_capital.total(),
            n.state_capital_use.as_deref(),
        ),
        (
            "running_costs_use",
            "机关（机构）运转经费",
            f.running_costs,
            Some(n.running_costs_use.as_str()),
        ),
    ];
    for (field, label, amount, text) in items {
        if amount.is_zero() || has_text(text) {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "narrative-use-text",
                Severity::Warning,
                crate::say!(
                    "安排了{label} {}{}，但说明没有写它主要用于什么",
                    "{label} {}{} is budgeted, but the narrative does not say what it is used for",
                    amount.table(),
                    ctx.d.money_unit.label()
                ),
            )
            .texts("主要用于…", crate::say!("没有写", "nothing"))
            .facts(vec![ctx.fact(format!("narrative.{field}"), "")])
            .hint(crate::say!(
                "请在 `narrative` 下加上 `{field}:`（如「主要用于…」），末尾不加「。」",
                "add `{field}:` under `narrative` (e.g. 主要用于…), without the final 「。」"
            )),
        );
    }
}
