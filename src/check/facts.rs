//! Facts that no table ties together: the publication date, and 机关运行经费 where the
//! units' kinds decide it (see `derive/units.rs`).

use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::derive::units::{RunningCostsBasis, line_unit, mixed, organ_units};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "published-placeholder",
        family: "facts",
        severity: Severity::Warning,
        description: "the publication date is not still the placeholder `gongkai new` wrote (1 January of the year)",
        run: placeholder_date,
    },
    Rule {
        id: "running-costs-entered",
        family: "facts",
        severity: Severity::Error,
        description: "an entered 机关运行经费 is at most the 一般公共预算 公用经费, and equals the 行政 and 参公 units' 公用经费 where the lines are split by unit",
        run: entered_running_costs,
    },
    Rule {
        id: "running-costs-by-kind",
        family: "facts",
        severity: Severity::Error,
        description: "a department mixing 行政/参公 units with others splits the 行政 and 参公 units' 基本支出 into 人员经费 and 公用经费, or enters `running_costs`",
        run: running_costs_by_kind,
    },
];

fn placeholder_date(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let placeholder = crate::content::date::placeholder(ctx.d.year);
    if ctx.d.published.as_deref() != Some(placeholder.as_str()) {
        return;
    }
    out.push(
        ctx.diagnostic(
            "published-placeholder",
            Severity::Warning,
            format!("公开日期仍是新建文件时填入的占位日期 {placeholder}"),
        )
        .facts(vec![ctx.fact("published", &placeholder)])
        .hint(
            "请把 `published:` 改为实际公开日期（如 2024-05-26）；如公开文件未写日期，请删除这一行",
        ),
    );
}

/// The 一般公共预算 公用经费 of the whole department, with its facts: the economic lines
/// when given, else the functional lines.
fn general_public(ctx: &Ctx) -> Side {
    let mut side = Side::new("一般公共预算 公用经费");
    if ctx.d.economic.is_empty() {
        for (i, l) in ctx.d.expenditure.iter().enumerate() {
            side.add(l.general.public, || {
                format!("expenditure[{i}].general.public")
            });
        }
    } else {
        for (i, l) in ctx.d.economic.iter().enumerate() {
            side.add(l.general.public, || format!("economic[{i}].general.public"));
        }
    }
    side
}

/// The 一般公共预算 公用经费 of the 行政 and 参公 units' functional lines.
fn organ_public(ctx: &Ctx) -> Side {
    let organ = organ_units(ctx.d);
    let mut side = Side::new("行政单位和参公单位的一般公共预算 公用经费");
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        if organ.contains(&line_unit(ctx.d, &l.unit)) {
            side.add(l.general.public, || {
                format!("expenditure[{i}].general.public")
            });
        }
    }
    side
}

fn entered_running_costs(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(entered) = ctx.d.running_costs else {
        return;
    };
    let mut given = Side::new("机关运行经费");
    given.add(entered, || "running_costs".into());
    ctx.compare(
        out,
        "running-costs-entered",
        Relation::AtMost,
        &general_public(ctx),
        &given,
        "机关运行经费只含行政单位和参公单位的公用经费，不会超过全部一般公共预算公用经费：请核对 `running_costs`。",
    );
    if !ctx.d.department_totals_only && mixed(ctx.d) {
        ctx.compare(
            out,
            "running-costs-entered",
            Relation::Equal,
            &organ_public(ctx),
            &given,
            "各行政单位和参公单位的公用经费已按单位填写，机关运行经费可由程序计算：请删除 `running_costs`，或核对各单位的 `general.public`。",
        );
    }
}

fn running_costs_by_kind(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.f.running_costs_basis != RunningCostsBasis::OrganUnits {
        return;
    }
    let organ = organ_units(ctx.d);
    let unsplit: Vec<usize> = (ctx.d.expenditure.iter().enumerate())
        .filter(|(_, l)| {
            organ.contains(&line_unit(ctx.d, &l.unit)) && !l.general.unsplit_basic.is_zero()
        })
        .map(|(i, _)| i)
        .collect();
    let Some(first) = unsplit.first() else {
        return;
    };
    out.push(
        ctx.diagnostic(
            "running-costs-by-kind",
            Severity::Error,
            "本部门既有行政单位或参公单位，也有其他单位，但行政单位和参公单位的基本支出未拆分人员经费和公用经费，无法计算机关运行经费",
        )
        .facts(
            unsplit
                .iter()
                .map(|i| {
                    let field = format!("expenditure[{i}].general.basic");
                    let m = ctx.d.expenditure[*i].general.unsplit_basic;
                    ctx.fact(field, m.plain())
                })
                .collect(),
        )
        .hint(format!(
            "在 expenditure[{first}] 等行把 `basic` 拆为 `wages`、`family` 和 `public`；或在文件顶层填写公开的 `running_costs:`（机关运行经费）"
        )),
    );
}
