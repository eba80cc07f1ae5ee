//! Checks of the project descriptions (项目经费情况说明): the amounts a clerk types into a
//! project's texts (its 概述, 实施方案, 年度预算安排 in words …) are read as prose is. One
//! written where the project's 总预算 or one of its parts is named and differing from it is an
//! error; one equal to a figure is a note; any other a warning that nobody checked it. And a
//! project the 项目支出预算表 also lists has the same budget in both.

use super::prose::{NAMED, Typed, field_line, typed};
use crate::check::{Ctx, Diagnostic, Rule, Severity};
use crate::content::model::{MoneyUnit, ProjectDescription};
use crate::content::money::Money;
use crate::derive::figures::description_total;
use crate::prose::names::Value;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "project-typed-amount",
        family: "narrative",
        severity: Severity::Error,
        description: "an amount typed as digits into a project description (`project_descriptions`: overview, basis, plan, `budget_text` …) where the project's 总预算 or one of its parts is named equals it; one equal to a figure is a note, any other a warning (unchecked)",
        run: typed_in_projects,
    },
    Rule {
        id: "project-description-total",
        family: "narrative",
        severity: Severity::Error,
        description: "a described project that the 项目支出预算表 (`projects`) lists under the same name has the same budget in both: the sum of its `budget` parts equals the project's amount in the table",
        run: description_totals,
    },
];

/// The texts of project `p`, by field path.
fn texts(i: usize, p: &ProjectDescription) -> Vec<(String, &str)> {
    let mut out = vec![(
        format!("project_descriptions[{i}].overview"),
        p.overview.as_str(),
    )];
    for (j, b) in p.basis.iter().enumerate() {
        out.push((format!("project_descriptions[{i}].basis[{j}]"), b.as_str()));
    }
    for (field, t) in [
        ("implementer", &p.implementer),
        ("plan", &p.plan),
        ("budget_text", &p.budget_text),
        ("targets_note", &p.targets_note),
    ] {
        if let Some(t) = t {
            out.push((format!("project_descriptions[{i}].{field}"), t.as_str()));
        }
    }
    out
}

/// The project's own figure the words before an amount name: a part by its name, else the
/// 总预算.
fn named<'p>(p: &'p ProjectDescription, t: &Typed) -> Option<(&'p str, Money)> {
    if let Some(b) = p
        .budget
        .iter()
        .filter(|b| t.before.contains(b.name.as_str()))
        .max_by_key(|b| b.name.chars().count())
    {
        return Some((b.name.as_str(), b.amount));
    }
    ["总预算", "合计", "总额", "预算安排"]
        .iter()
        .any(|w| t.before.contains(w))
        .then(|| ("总预算", description_total(p)))
}

fn typed_in_projects(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let n = ctx.names();
    let unit = ctx.d.money_unit;
    let cent = |m: Money, u: MoneyUnit| m.convert(unit, u).rounded(Default::default());
    for (i, p) in ctx.d.project_descriptions.iter().enumerate() {
        let own: Vec<(String, Money)> =
            std::iter::once(("总预算".to_owned(), description_total(p)))
                .chain(p.budget.iter().map(|b| (b.name.clone(), b.amount)))
                .collect();
        for (path, text) in texts(i, p) {
            // The field as the clerk knows it (`budget_text`, `basis[0]`); the line says where.
            let field = path.rsplit_once("].").map_or(path.as_str(), |(_, f)| f);
            for t in typed(text, unit) {
                let shown_in = if t.text.ends_with('元') && !t.text.ends_with("万元") {
                    MoneyUnit::Yuan
                } else {
                    MoneyUnit::TenThousandYuan
                };
                let same = |m: Money| cent(m, shown_in) == cent(t.amount, shown_in);
                let figure = named(p, &t).or_else(|| {
                    NAMED
                        .iter()
                        .filter(|(words, _)| t.before.contains(words))
                        .max_by_key(|(words, _)| words.chars().count())
                        .and_then(|(_, name)| match n.values.get(*name) {
                            Some(Value::Money(m)) => Some((*name, *m)),
                            _ => None,
                        })
                });
                let equal = own
                    .iter()
                    .find(|(_, m)| same(*m))
                    .map(|(k, _)| k.as_str())
                    .or_else(|| {
                        n.values
                            .iter()
                            .find(|(_, v)| matches!(v, Value::Money(m) if same(*m)))
                            .map(|(k, _)| k.as_str())
                    });
                let name = &p.name;
                let mut d = match (figure, equal) {
                    (Some((what, m)), _) if !same(m) => {
                        let mut d = ctx.diagnostic(
                            "project-typed-amount",
                            Severity::Error,
                            crate::say!(
                                "项目「{name}」的{field}：「{}{}」与{what}不符：应是{}",
                                "project 「{name}」, {field}: 「{}{}」 differs from its {what}: it is {}",
                                t.before,
                                t.text,
                                cent(m, shown_in).plain()
                            ),
                        );
                        d.expected = Some(cent(m, shown_in).plain());
                        d.actual = Some(cent(t.amount, shown_in).plain());
                        d.hint = crate::say!(
                            "改正这个数字，或改正 budget 下的分项金额；说明文字里的金额也可以交给默认文字，它引用分项和总预算",
                            "correct the amount, or the parts under `budget`; the default text quotes the parts and the total itself"
                        );
                        d
                    }
                    (Some((what, _)), _) | (None, Some(what)) => {
                        let mut d = ctx.diagnostic(
                            "project-typed-amount",
                            Severity::Note,
                            crate::say!(
                                "项目「{name}」的{field}：「{}」是手写的数字，等于{what}",
                                "project 「{name}」, {field}: 「{}」 is typed, and equals {what}",
                                t.text
                            ),
                        );
                        d.hint = crate::say!(
                            "数字与表一致；分项金额改了时记得改这里",
                            "it agrees; remember it when the parts change"
                        );
                        d
                    }
                    (None, None) => {
                        let mut d = ctx.diagnostic(
                            "project-typed-amount",
                            Severity::Warning,
                            crate::say!(
                                "项目「{name}」的{field}：「{}」是手写的数字，没有核对",
                                "project 「{name}」, {field}: 「{}」 is typed and unchecked",
                                t.text
                            ),
                        );
                        d.hint = crate::say!(
                            "把这笔钱登记为 budget 下的一个分项（如按季度：第一季度、第二季度……），文字写在默认文字里引用它",
                            "enter the amount as a part under `budget` (e.g. by quarter) and let the text quote it"
                        );
                        d
                    }
                };
                d.line = field_line(ctx, &path, text, t.line);
                out.push(d);
            }
        }
    }
}

/// What the 项目支出预算表 shows for project `p`: 本年拨款, 上年结转结余, 财政专户 and 单位资金.
fn table_amount(p: &crate::content::model::Project) -> Money {
    p.general
        + p.fund
        + p.state_capital
        + p.carryover.general
        + p.carryover.fund
        + p.carryover.state_capital
        + p.special_account
        + p.unit_funds
}

fn description_totals(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let shown = ctx.profile.narrative_shown(ctx.d.money_unit);
    for (i, p) in ctx.d.project_descriptions.iter().enumerate() {
        if p.budget.is_empty() {
            continue;
        }
        let listed: Vec<_> = ctx.d.projects.iter().filter(|x| x.name == p.name).collect();
        let [project] = listed.as_slice() else {
            continue;
        };
        let (described, table) = (description_total(p), table_amount(project));
        if described == table {
            continue;
        }
        let name = &p.name;
        let mut d = ctx.diagnostic(
            "project-description-total",
            Severity::Error,
            crate::say!(
                "项目「{name}」的说明中总预算{}，与项目支出预算表中的{}不符",
                "project 「{name}」: its description totals {}, the project table shows {}",
                shown.money(described).plain(),
                shown.money(table).plain()
            ),
        );
        d.expected = Some(shown.money(table).plain());
        d.actual = Some(shown.money(described).plain());
        d.line = ctx.line(&format!("project_descriptions[{i}].budget"));
        d.hint = crate::say!(
            "改正 budget 下的分项金额，使它们之和等于项目支出预算表中该项目的金额",
            "correct the parts under `budget` so that they add up to the project's amount in the table"
        );
        out.push(d);
    }
}
