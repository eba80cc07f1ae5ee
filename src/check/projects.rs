//! Projects (T11, T13) against the 项目支出 of the functional lines (T3, T5, T9, T10), per
//! source and per kind: the projects of a kind must account for exactly the 特定目标类 or
//! 其他运转类 money of that source.

use super::{Ctx, Diagnostic, Relation, Rule, Severity, Side};
use crate::content::model::{Project, ProjectKind};
use crate::content::money::Money;
use crate::derive::figures::{BySource, Source};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "T11-T5-projects",
        family: "projects",
        severity: Severity::Error,
        description: "T11 一般公共预算 project amounts equal T5 特定目标类 and 其他运转类, kind by kind",
        run: t11_t5,
    },
    Rule {
        id: "T11-T9-projects",
        family: "projects",
        severity: Severity::Error,
        description: "T11 政府性基金预算 project amounts equal T9 特定目标类 and 其他运转类, kind by kind",
        run: t11_t9,
    },
    Rule {
        id: "T11-T10-projects",
        family: "projects",
        severity: Severity::Error,
        description: "T11 国有资本经营预算 project amounts equal T10 特定目标类 and 其他运转类, kind by kind",
        run: t11_t10,
    },
    Rule {
        id: "T11-T3-projects",
        family: "projects",
        severity: Severity::Error,
        description: "T11 上年结转结余, 财政专户管理资金 and 单位资金 project amounts equal the 项目支出 of those sources in T3, kind by kind",
        run: t11_t3,
    },
];

/// Money of one T11 column group and the functional sources that spend it.
struct Group {
    label: &'static str,
    table: &'static str,
    fields: fn(&Project) -> Vec<(&'static str, Money)>,
    sources: &'static [Source],
}

const GENERAL: Group = Group {
    label: "一般公共预算",
    table: "T5",
    fields: |p| vec![("general", p.general)],
    sources: &[Source::General],
};
const FUND: Group = Group {
    label: "政府性基金预算",
    table: "T9",
    fields: |p| vec![("fund", p.fund)],
    sources: &[Source::Fund],
};
const STATE_CAPITAL: Group = Group {
    label: "国有资本经营预算",
    table: "T10",
    fields: |p| vec![("state_capital", p.state_capital)],
    sources: &[Source::StateCapital],
};
const OTHERS: [Group; 3] = [
    Group {
        label: "上年结转结余",
        table: "T3",
        fields: |p| {
            let c = &p.carryover;
            vec![
                ("carryover.general", c.general),
                ("carryover.fund", c.fund),
                ("carryover.state_capital", c.state_capital),
            ]
        },
        sources: &[Source::Carryover],
    },
    Group {
        label: "财政专户管理资金",
        table: "T3",
        fields: |p| vec![("special_account", p.special_account)],
        sources: &[Source::SpecialAccount],
    },
    Group {
        label: "单位资金",
        table: "T3",
        fields: |p| vec![("unit_funds", p.unit_funds)],
        sources: &[
            Source::Business,
            Source::Operating,
            Source::Superior,
            Source::Affiliated,
            Source::Other,
        ],
    },
];

fn check_group(ctx: &Ctx, out: &mut Vec<Diagnostic>, rule: &'static str, g: &Group) {
    for kind in [ProjectKind::Targeted, ProjectKind::Running] {
        let mut projects = Side::new(crate::say!(
            "T11 {}{}项目",
            "T11 {} {} projects",
            g.label,
            kind.label()
        ));
        for (i, p) in ctx.d.projects.iter().enumerate() {
            if p.kind != kind {
                continue;
            }
            for (field, m) in (g.fields)(p) {
                projects.add(m, || format!("projects[{i}].{field}"));
            }
        }
        let mut functional = Side::new(format!("{} {} {}", g.table, g.label, kind.label()));
        let component = match kind {
            ProjectKind::Targeted => "targeted",
            ProjectKind::Running => "running",
        };
        for (i, l) in ctx.d.expenditure.iter().enumerate() {
            for s in g.sources {
                let c = l.source(*s);
                let m = match kind {
                    ProjectKind::Targeted => c.targeted,
                    ProjectKind::Running => c.running,
                };
                functional.add(m, || format!("expenditure[{i}].{}.{component}", s.field()));
            }
        }
        let advice = crate::say!(
            "{0}的每一笔{1}都应属于表中列出的某个项目：请把各项目的金额和 `kind`（项目类别）与 `expenditure` 各行的 `{component}` 金额对照核对。",
            "Every {1} of {0} money belongs to a listed project: check each project's amount and `kind` against the `{component}` amounts of `expenditure`.",
            g.label,
            kind.label()
        );
        ctx.compare(out, rule, Relation::Equal, &functional, &projects, &advice);
    }
}

fn t11_t5(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    check_group(ctx, out, "T11-T5-projects", &GENERAL);
}

fn t11_t9(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    check_group(ctx, out, "T11-T9-projects", &FUND);
}

fn t11_t10(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    check_group(ctx, out, "T11-T10-projects", &STATE_CAPITAL);
}

fn t11_t3(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for g in &OTHERS {
        check_group(ctx, out, "T11-T3-projects", g);
    }
}
