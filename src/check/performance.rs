//! Performance targets (T12, T13). Their amounts come from the facts, so what is left to check
//! is text that states an amount, and targets that are missing.

use super::{Ctx, Diagnostic, Rule, Severity, tolerance};
use crate::content::model::{MoneyUnit, Project};
use crate::content::money::Money;
use crate::derive::figures::project_total;
use rust_decimal::Decimal;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "T13-cost-indicator",
        family: "performance",
        severity: Severity::Warning,
        description: "a 成本指标 that states an amount (e.g. 58.34万元) agrees with its project's amount (one warning per project)",
        run: cost_indicator,
    },
    Rule {
        id: "T13-targets",
        family: "performance",
        severity: Severity::Warning,
        description: "every project has 成本, 产出, 效益 and 满意度 indicators in T13",
        run: targets,
    },
    Rule {
        id: "T12-indicators",
        family: "performance",
        severity: Severity::Warning,
        description: "T12 has an indicator tree (一级 › 二级 › 三级 指标)",
        run: department_indicators,
    },
];

/// How an indicator value relates its amount to the cost: `58.34万元`, `≤100万元`, `≥5万元`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Exactly,
    AtMost,
    AtLeast,
}

/// The amount an indicator value states, converted to the disclosure's unit, or `None` when
/// the value is not an amount of money (`≥30次`, `100%`, `及时`).
fn stated_amount(value: &str, unit: MoneyUnit) -> Option<(Bound, Money)> {
    let v = value.trim();
    let (bound, rest) = match v.chars().next()? {
        '≤' | '<' | '＜' => (Bound::AtMost, &v[v.chars().next()?.len_utf8()..]),
        '≥' | '>' | '＞' => (Bound::AtLeast, &v[v.chars().next()?.len_utf8()..]),
        '=' | '＝' => (Bound::Exactly, &v[v.chars().next()?.len_utf8()..]),
        _ => (Bound::Exactly, v),
    };
    let rest = rest.trim_start_matches(['=', '＝']).trim();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(end);
    let yuan_per_unit: i64 = match suffix.trim() {
        "元" => 1,
        "千元" => 1_000,
        "万元" => 10_000,
        "亿元" => 100_000_000,
        _ => return None,
    };
    let amount = Money::parse(number).ok()?;
    let ours: i64 = match unit {
        MoneyUnit::Yuan => 1,
        MoneyUnit::TenThousandYuan => 10_000,
    };
    let converted = amount.0 * Decimal::from(yuan_per_unit) / Decimal::from(ours);
    Some((bound, Money(converted)))
}

/// The project amounts T13 prints: 资金总额 and 政府预算资金.
fn project_amounts(p: &Project) -> (Money, Money) {
    let c = &p.carryover;
    let gov = p.general + p.fund + p.state_capital + c.general + c.fund + c.state_capital;
    (project_total(p), gov)
}

/// The project's non-zero amount fields, each a rounded figure.
fn amount_fields(p: &Project) -> Vec<(&'static str, Money)> {
    let c = &p.carryover;
    [
        ("general", p.general),
        ("fund", p.fund),
        ("state_capital", p.state_capital),
        ("carryover.general", c.general),
        ("carryover.fund", c.fund),
        ("carryover.state_capital", c.state_capital),
        ("special_account", p.special_account),
        ("unit_funds", p.unit_funds),
    ]
    .into_iter()
    .filter(|(_, m)| !m.is_zero())
    .collect()
}

fn cost_indicator(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let unit = ctx.d.money_unit.label();
    for (i, p) in ctx.d.projects.iter().enumerate() {
        let (total, gov) = project_amounts(p);
        let fields = amount_fields(p);
        let tol = tolerance(fields.len() + 1);
        let mut off = Vec::new();
        let mut beyond = false;
        for (k, ind) in p.targets.cost.iter().enumerate() {
            let Some((bound, stated)) = stated_amount(&ind.value, ctx.d.money_unit) else {
                continue;
            };
            // How far the stated amount is from the nearest amount T13 prints.
            let miss = [total, gov]
                .iter()
                .map(|a| match bound {
                    Bound::Exactly => (stated.0 - a.0).abs(),
                    Bound::AtMost => (a.0 - stated.0).max(Decimal::ZERO),
                    Bound::AtLeast => (stated.0 - a.0).max(Decimal::ZERO),
                })
                .min()
                .unwrap_or_default();
            if miss.is_zero() {
                continue;
            }
            beyond |= miss > tol.0;
            off.push((k, ind, stated));
        }
        let Some((_, _, first)) = off.first().copied() else {
            continue;
        };
        let stated: Vec<String> = off
            .iter()
            .map(|(_, ind, _)| format!("{} {}", ind.name, ind.value))
            .collect();
        let severity = if beyond {
            Severity::Warning
        } else {
            Severity::Note
        };
        let mut facts: Vec<_> = off
            .iter()
            .map(|(k, ind, _)| {
                ctx.fact(format!("projects[{i}].targets.cost[{k}].value"), &ind.value)
            })
            .collect();
        facts.extend(
            fields
                .iter()
                .map(|(f, m)| ctx.fact(format!("projects[{i}].{f}"), m.plain())),
        );
        let message = crate::say!(
            "项目 {} {} 的成本指标写的是 {}，但项目金额是 {}{unit}",
            "成本指标 of project {} {} states {}, but the project amount is {}{unit}",
            p.code,
            p.name,
            stated.join(crate::messages::say("；", "; ")),
            total.table()
        );
        let hint = crate::say!(
            "表十三把项目的资金总额 {}{unit} 和成本指标并排显示：如果公开文本原来就这样写，可以保留并在说明中解释差额；否则请改正 `projects[{i}].targets.cost` 下的 `value`，或改正项目金额",
            "T13 shows the project's 资金总额 {}{unit} next to its 成本指标; if the indicator was published this way, keep it and explain the difference, otherwise correct the indicator value or the project amount",
            total.table()
        );
        let mut d = ctx
            .diagnostic("T13-cost-indicator", severity, message)
            .amounts(total, first)
            .facts(facts)
            .hint(hint);
        d.tolerance = Some(super::allowance(tol));
        out.push(d);
    }
}

fn targets(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, p) in ctx.d.projects.iter().enumerate() {
        let t = &p.targets;
        let missing: Vec<&str> = [
            ("成本指标", t.cost.is_empty()),
            ("产出指标", t.output.is_empty()),
            ("效益指标", t.effect.is_empty()),
            ("满意度指标", t.satisfaction.is_empty()),
        ]
        .into_iter()
        .filter(|(_, empty)| *empty)
        .map(|(name, _)| name)
        .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "T13-targets",
                Severity::Warning,
                crate::say!(
                    "项目 {} {} 没有{}",
                    "project {} {} has no {}",
                    p.code,
                    p.name,
                    missing.join("、")
                ),
            )
            .texts(
                "成本、产出、效益、满意度指标",
                crate::say!("缺{}", "{} missing", missing.join("、")),
            )
            .facts(vec![ctx.fact(format!("projects[{i}].targets"), "")])
            .hint(crate::say!(
                "表十三要列出每个项目的成本、产出、效益和满意度指标：请在 `projects[{i}].targets` 下补上缺少的列表（`cost` 成本、`output` 产出、`effect` 效益、`satisfaction` 满意度）",
                "T13 shows the 成本、产出、效益 and 满意度 indicators of every project; add the missing lists under `targets` (`cost`, `output`, `effect`, `satisfaction`)"
            )),
        );
    }
}

fn department_indicators(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.publishes("department_performance") {
        return;
    }
    let p = &ctx.d.performance;
    if p.indicators
        .iter()
        .any(|g| g.groups.iter().any(|s| !s.items.is_empty()))
    {
        return;
    }
    out.push(
        ctx.diagnostic(
            "T12-indicators",
            Severity::Warning,
            crate::say!(
                "表十二 部门（单位）整体绩效目标表没有绩效指标",
                "T12 部门（单位）整体绩效目标表 has no indicators"
            ),
        )
        .facts(vec![ctx.fact("performance.indicators", "")])
        .hint(crate::say!(
            "请照公开的表十二，在 `performance.indicators` 下填写一级 › 二级 › 三级指标",
            "add the 一级 › 二级 › 三级 indicator tree under `performance.indicators`, as the published T12 lists it"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn reads_amounts_stated_by_indicators() {
        let w = MoneyUnit::TenThousandYuan;
        assert_eq!(
            stated_amount("58.34万元", w),
            Some((Bound::Exactly, m("58.34")))
        );
        assert_eq!(
            stated_amount("100万元", w),
            Some((Bound::Exactly, m("100")))
        );
        assert_eq!(
            stated_amount("≤100 万元", w),
            Some((Bound::AtMost, m("100")))
        );
        assert_eq!(
            stated_amount("583,400元", w),
            Some((Bound::Exactly, m("58.34")))
        );
        assert_eq!(
            stated_amount("0.01亿元", w),
            Some((Bound::Exactly, m("100")))
        );
        assert_eq!(
            stated_amount("58.34万元", MoneyUnit::Yuan),
            Some((Bound::Exactly, m("583400")))
        );
        assert_eq!(stated_amount("≥30次", w), None);
        assert_eq!(stated_amount("100%", w), None);
        assert_eq!(stated_amount("1724万美元", w), None);
        assert_eq!(stated_amount("及时", w), None);
        assert_eq!(stated_amount("", w), None);
    }
}
