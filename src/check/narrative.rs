//! The narrative (第二部分). Its figures and percentages are computed from the same Figures as
//! the tables; what staff type are last year's figures, the reasons for each change and the
//! uses of the money, and those are checked here.

use super::{Ctx, Diagnostic, Rule, Severity, signed};
use crate::content::money::Money;
use crate::derive::narrative::comparisons;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "narrative-change-reason",
        family: "narrative",
        severity: Severity::Error,
        description: "a figure that changed against the previous year gives the reason (主要原因)",
        run: change_reason,
    },
    Rule {
        id: "narrative-reason-without-change",
        family: "narrative",
        severity: Severity::Warning,
        description: "no reason is given for a figure that did not change (the narrative says 持平 and shows no reason)",
        run: reason_without_change,
    },
    Rule {
        id: "narrative-use-text",
        family: "narrative",
        severity: Severity::Warning,
        description: "every budgeted “三公” item, 政府性基金, 国有资本经营 and 机关运转经费 amount says what it is used for; in a per-科目 narrative (普陀), every 项 with 一般公共预算 money (`purpose`)",
        run: use_text,
    },
    Rule {
        id: "narrative-previous-year",
        family: "narrative",
        severity: Severity::Error,
        description: "last year's figures in `previous_year` equal the figures of last year's disclosure, when content/ has it",
        run: previous_year,
    },
];

fn has_text(s: Option<&str>) -> bool {
    s.is_some_and(|t| !t.trim().is_empty())
}

fn change_reason(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // The comparisons are those of the 13-table narrative; another narrative compares others.
    if !ctx.profile.narrative_is_default() {
        return;
    }
    for c in comparisons(ctx.d, &ctx.f) {
        let prev = c.previous.amount;
        if prev == c.current || has_text(c.previous.reason.as_deref()) {
            continue;
        }
        let verb = if c.current > prev { "增加" } else { "减少" };
        let field = format!("previous_year.{}", c.field);
        out.push(
            ctx.diagnostic(
                "narrative-change-reason",
                Severity::Error,
                crate::say!(
                    "{0}比{3}年{1}{2}（由 {4} 变为 {5}），但没有写原因",
                    "{} {}{} against {} (from {} to {}) without a reason",
                    c.label,
                    verb,
                    Money((c.current - prev).0.abs()).half_up(),
                    ctx.d.year - 1,
                    prev.table(),
                    c.current.table()
                ),
            )
            .amounts(prev, c.current)
            .facts(vec![ctx.fact(format!("{field}.amount"), prev.plain())])
            .hint(crate::say!(
                "说明中要写「与{}年相比…{verb}…，主要原因：…」：请在 `{field}` 下加上 `reason:`（原因）",
                "the narrative says 「与{}年相比…{verb}…，主要原因：…」; add `reason:` to `{field}`",
                ctx.d.year - 1
            )),
        );
    }
}

fn reason_without_change(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // The 13-table narrative says 持平 without a reason; another (普陀) gives the reason
    // whether or not the figure changed.
    if !ctx.profile.narrative_is_default() {
        return;
    }
    for c in comparisons(ctx.d, &ctx.f) {
        let Some(reason) = c.previous.reason.as_deref() else {
            continue;
        };
        if c.previous.amount != c.current || reason.trim().is_empty() {
            continue;
        }
        let field = format!("previous_year.{}", c.field);
        out.push(
            ctx.diagnostic(
                "narrative-reason-without-change",
                Severity::Warning,
                crate::say!(
                    "{0}与{1}年相比没有变化（{2}），却写了变化原因",
                    "{} did not change against {} ({}), but a reason is given",
                    c.label,
                    ctx.d.year - 1,
                    c.current.table()
                ),
            )
            .amounts(c.previous.amount, c.current)
            .facts(vec![
                ctx.fact(format!("{field}.reason"), reason),
                ctx.fact(format!("{field}.amount"), c.previous.amount.plain()),
            ])
            .hint(crate::say!(
                "说明中只写「持平」，不会显示这个原因：请删去 `{field}.reason`，或核对 `{field}.amount` 中上年的金额",
                "the narrative says 持平 and does not show the reason; remove it, or check last year's amount in `{field}.amount`"
            )),
        );
    }
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

fn previous_year(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = ctx.previous else {
        return;
    };
    for (this, was) in comparisons(ctx.d, &ctx.f)
        .iter()
        .zip(prev.figures.iter().copied())
    {
        let typed = this.previous.amount;
        let diff = typed - was;
        let field = format!("previous_year.{}.amount", this.field);
        // A figure the file never states is not "entered as 0.00": some formats print only a
        // few of the comparisons, and their files leave the others out.
        if diff.is_zero() || !ctx.file.map.has(&field) {
            continue;
        }
        // One typed figure against one published total: each may be rounded once.
        let tol = ctx.tolerance(2);
        let severity = if diff.0.abs() <= tol.0 {
            Severity::Note
        } else {
            Severity::Error
        };
        let mut d = ctx
            .diagnostic(
                "narrative-previous-year",
                severity,
                crate::say!(
                    "{1}年{0}这里写的是 {2}，但 {3} 中是 {4}",
                    "{0} of {1} is entered as {2}, but {3} gives {4}",
                    this.label,
                    prev.year,
                    typed.table(),
                    prev.file.display(),
                    was.table()
                ),
            )
            .amounts(was, typed)
            .facts(vec![ctx.fact(field.clone(), typed.plain())])
            .hint(crate::say!(
                "请照 {0} 抄写上年的数字（{1}），或者改正那个文件；差额 {2}",
                "copy last year's figure from {0} ({1}), or correct that file; difference {2}",
                prev.file.display(),
                was.table(),
                signed(diff)
            ));
        d.tolerance = Some(super::allowance(tol));
        out.push(d);
    }
}
