//! Last year's figures and the reasons of changes, as far as the narrative in use prints
//! them (`prose::printed`): a comparison the text never prints is not demanded, and a
//! figure the file never states is not called 「entered as 0.00」.

use super::narrative::has_text;
use super::{Ctx, Diagnostic, Rule, Severity, signed};
use crate::content::model::Basis;
use crate::content::money::Money;
use crate::derive::previous::{ChangeFrom, Compared, STATED, compared, printed_fields};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "narrative-change-reason",
        family: "narrative",
        severity: Severity::Error,
        description: "in the 13-table narrative, a figure that changed against the previous year gives the reason (主要原因), where the text prints one",
        run: change_reason,
    },
    Rule {
        id: "narrative-reason-without-change",
        family: "narrative",
        severity: Severity::Warning,
        description: "no reason is given for a figure that did not change, where the narrative then says 持平 and shows no reason",
        run: reason_without_change,
    },
    Rule {
        id: "narrative-previous-year",
        family: "narrative",
        severity: Severity::Error,
        description: "last year's figures the file states and the narrative prints, compared with last year's budget (`basis: 预算`), equal the figures of last year's disclosure, when content/ has it",
        run: previous_year,
    },
    Rule {
        id: "narrative-previous-missing",
        family: "narrative",
        severity: Severity::Warning,
        description: "a last-year figure the narrative prints is stated, or taken from last year's file; else it is printed as 0",
        run: previous_missing,
    },
    Rule {
        id: "narrative-previous-basis",
        family: "narrative",
        severity: Severity::Error,
        description: "figures added up into one printed comparison (财政拨款支出, “三公”经费, 公务用车费) have the same basis (预算 / 预算执行数 / 调整预算), unless they were 0",
        run: previous_basis,
    },
];

/// The change as the narrative prints it: taken as the profile says, in its unit.
fn shown_change(ctx: &Ctx, c: &Compared) -> Money {
    let unit = ctx.d.money_unit;
    let change = ChangeFrom::new(ctx.profile.change_from, ctx.profile.narrative_shown(unit))
        .change(c.current, c.previous.amount());
    ctx.profile.narrative_shown(unit).money(change)
}

fn change_reason(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // The 13-table narrative words every change with its 主要原因; another (普陀) prints a
    // reason where one is given and reads as well without.
    if !ctx.profile.narrative_is_default() {
        return;
    }
    let p = ctx.printed();
    for c in compared(ctx.d, &ctx.f) {
        let Some(field) = c.reason_field() else {
            continue;
        };
        let change = shown_change(ctx, &c);
        if !p.mentions(&format!("{}变动原因", c.name))
            || change.is_zero()
            || has_text(c.previous.reason.as_deref())
        {
            continue;
        }
        let prev = c.previous.amount();
        let verb = if change > Money::ZERO {
            "增加"
        } else {
            "减少"
        };
        let amount_field = match c.parts {
            [one] => format!("previous_year.{one}.amount"),
            _ => field.clone(),
        };
        out.push(
            ctx.diagnostic(
                "narrative-change-reason",
                Severity::Error,
                crate::say!(
                    "{0}比{1}年{2}{3}（从 {4} 到 {5}），但没有写主要原因",
                    "{0} {2}{3} against {1} (from {4} to {5}) without a reason",
                    c.label,
                    ctx.d.year - 1,
                    verb,
                    Money(change.0.abs()).half_up(),
                    prev.table(),
                    c.current.table()
                ),
            )
            .amounts(prev, c.current)
            .facts(vec![ctx.fact(amount_field, prev.plain())])
            .hint(crate::say!(
                "说明写「与{0}年相比…{1}…，主要原因：…」：请在 `{2}` 填写原因",
                "the narrative says 「与{0}年相比…{1}…，主要原因：…」; add the reason as `{2}`",
                ctx.d.year - 1,
                verb,
                field
            )),
        );
    }
}

fn reason_without_change(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let p = ctx.printed();
    for c in compared(ctx.d, &ctx.f) {
        let (Some(field), Some(reason)) = (c.reason_field(), c.previous.reason.as_deref()) else {
            continue;
        };
        let name = format!("{}变动原因", c.name);
        // Printed whether or not the figure changed (普陀), or not printed at all: nothing
        // here says 持平 over a reason.
        if reason.trim().is_empty()
            || !shown_change(ctx, &c).is_zero()
            || !p.mentions(&name)
            || p.regardless_of(&name, &format!("{}较上年", c.name))
        {
            continue;
        }
        let mut facts = vec![ctx.fact(field.clone(), reason)];
        if let [one] = c.parts {
            facts.push(ctx.fact(
                format!("previous_year.{one}.amount"),
                c.previous.amount().plain(),
            ));
        }
        out.push(
            ctx.diagnostic(
                "narrative-reason-without-change",
                Severity::Warning,
                crate::say!(
                    "{0}与{1}年持平（{2}），却写了变动原因",
                    "{0} did not change against {1} ({2}), but a reason is given",
                    c.label,
                    ctx.d.year - 1,
                    c.current.table()
                ),
            )
            .amounts(c.previous.amount(), c.current)
            .facts(facts)
            .hint(crate::say!(
                "说明写「持平」，不显示原因：请删去 `{0}`，或核对上年的数字",
                "the narrative says 持平 and does not show the reason; remove `{0}`, or check last year's amount",
                field
            )),
        );
    }
}

/// The stated figures the narrative prints, itself or added into a printed comparison.
fn printed_stated(ctx: &Ctx) -> Vec<(usize, Compared)> {
    let p = ctx.printed();
    let all = compared(ctx.d, &ctx.f);
    let fields = printed_fields(&all, |c| p.compares(c));
    all.into_iter()
        .take(STATED)
        .enumerate()
        .filter(|(_, c)| fields.contains(&c.field))
        .collect()
}

fn previous_year(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(prev) = ctx.previous else {
        return;
    };
    for (i, this) in printed_stated(ctx) {
        let Some(&was) = prev.figures.get(i) else {
            continue;
        };
        let typed = this.previous.amount();
        let diff = typed - was;
        let field = format!("previous_year.{}.amount", this.field);
        // A figure the file never states is not "entered as 0.00" (it is taken from last
        // year's file), and last year's file holds its budget, not what was spent of it.
        if diff.is_zero() || !ctx.file.map.has(&field) || this.previous.basis != Basis::Budget {
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
                "请照 {0} 抄写上年的数字（{1}），或者改正那个文件；如这里比较的是上年预算执行数或调整预算，请写明 `basis:`；差额 {2}",
                "copy last year's figure from {0} ({1}), or correct that file; if this compares with last year's 预算执行数 or 调整预算, say so with `basis:`; difference {2}",
                prev.file.display(),
                was.table(),
                signed(diff)
            ));
        d.tolerance = Some(super::allowance(tol));
        out.push(d);
    }
}

fn previous_missing(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (_, c) in printed_stated(ctx) {
        // Left out with a last year's file to take it from: `fill` takes it (a build and
        // `check` do so before the rules run).
        let taken = ctx.previous.is_some() && c.previous.basis == Basis::Budget;
        if c.previous.amount.is_some() || taken {
            continue;
        }
        let field = format!("previous_year.{}", c.field);
        out.push(
            ctx.diagnostic(
                "narrative-previous-missing",
                Severity::Warning,
                crate::say!(
                    "说明要写{0}与{1}年的比较，但没有填写上年数，content/{1}/ 中也没有本部门上年的文件（或比较的不是上年预算）：上年数按 0 计",
                    "the narrative compares {0} with {1}, but last year's figure is not entered and cannot be taken from content/{1}/ (no file, or not last year's budget): it is printed as 0",
                    c.label,
                    ctx.d.year - 1
                ),
            )
            .facts(vec![ctx.fact(field.clone(), "")])
            .hint(crate::say!(
                "在 `{0}` 下填写 `amount:`（上年数）",
                "enter last year's figure as `amount:` under `{0}`",
                field
            )),
        );
    }
}

fn previous_basis(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let p = ctx.printed();
    let all = compared(ctx.d, &ctx.f);
    for c in all.iter().skip(STATED).filter(|c| p.compares(c)) {
        // A part that was nothing last year is nothing on any basis.
        let parts: Vec<&Compared> = (all.iter().take(STATED))
            .filter(|s| c.parts.contains(&s.field) && !s.previous.amount().is_zero())
            .collect();
        let Some(first) = parts.first() else {
            continue;
        };
        if parts
            .iter()
            .all(|s| s.previous.basis == first.previous.basis)
        {
            continue;
        }
        let listed: Vec<String> = (parts.iter())
            .map(|s| format!("{} {}", s.label, s.previous.basis.label()))
            .collect();
        out.push(
            ctx.diagnostic(
                "narrative-previous-basis",
                Severity::Error,
                crate::say!(
                    "说明把上年的{0}作为一个数比较，但它的各部分口径不同（{1}），不能相加",
                    "the narrative compares last year's {0} as one figure, but its parts have different bases ({1}) and cannot be added",
                    c.label,
                    listed.join("、")
                ),
            )
            .facts(
                (parts.iter())
                    .map(|s| {
                        ctx.fact(
                            format!("previous_year.{}.basis", s.field),
                            s.previous.basis.label(),
                        )
                    })
                    .collect(),
            )
            .hint(crate::say!(
                "各部分的上年数要取同一口径（都用预算，或都用预算执行数）：核对各项的 `basis:`",
                "take every part's figure on one basis (all 预算, or all 预算执行数): check their `basis:`"
            )),
        );
    }
}
