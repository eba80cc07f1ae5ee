//! Completeness: every table of the profile is published, with data or with the sentence that
//! says why it has none, and every section has its text.
//!
//! Whether a table has data is decided by `derive::tables::has_data`, which the table builders
//! use too, so the check never disagrees with what the page shows.

use super::{Ctx, Diagnostic, Rule, Severity};
use crate::derive::tables;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "completeness-empty-table",
        family: "completeness",
        severity: Severity::Error,
        description: "a table of the profile without data carries its explanation under `empty_tables`",
        run: empty_table,
    },
    Rule {
        id: "completeness-explanation-for-data",
        family: "completeness",
        severity: Severity::Warning,
        description: "an `empty_tables` explanation is given only for a table that has no data",
        run: explanation_for_data,
    },
    Rule {
        id: "completeness-unknown-table",
        family: "completeness",
        severity: Severity::Error,
        description: "every `empty_tables` key names a table gongkai knows (a table of the profile, or of another format)",
        run: unknown_table,
    },
    Rule {
        id: "completeness-figures",
        family: "completeness",
        severity: Severity::Error,
        description: "the disclosure has figures: a file with no income at all has not been filled in yet",
        run: figures,
    },
    Rule {
        id: "completeness-texts",
        family: "completeness",
        severity: Severity::Error,
        description: "the texts every disclosure publishes (name, duties, composition, T12 goal, 十(四), 十(六), asset date) are not empty",
        run: texts,
    },
];

/// One table of the profile and whether it has data.
struct Table<'a> {
    key: &'a str,
    /// `十` (or `10`), as the profile numbers it.
    number: String,
    name: String,
    empty: bool,
}

/// The tables the profile publishes: only these must be complete.
fn profile<'a>(ctx: &'a Ctx) -> Vec<Table<'a>> {
    let t = tables::Ctx {
        d: ctx.d,
        f: &ctx.f,
    };
    ctx.profile
        .tables
        .iter()
        .enumerate()
        .map(|(i, e)| Table {
            key: e.key(),
            number: ctx.profile.number(i + 1),
            name: e.name(ctx.d.year),
            empty: !tables::entry_has_data(&t, e),
        })
        .collect()
}

fn explanation<'a>(ctx: &'a Ctx, key: &str) -> Option<&'a str> {
    ctx.d
        .empty_tables
        .get(key)
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

/// A file just written by `gongkai new`: one finding that says what to fill in, rather than
/// one per table that is empty because nothing is filled in yet.
fn unfilled(ctx: &Ctx) -> bool {
    ctx.f.income_total.is_zero()
}

fn figures(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !unfilled(ctx) {
        return;
    }
    out.push(
        ctx.diagnostic(
            "completeness-figures",
            Severity::Error,
            crate::say!(
                "这份公开文件还没有填数字：收入总计是 0",
                "the disclosure has no figures yet: 收入总计 is 0"
            ),
        )
        .texts(
            crate::say!("预算的各项数字", "the budget's figures"),
            crate::say!("没有", "none"),
        )
        .facts(vec![ctx.fact("income", "")])
        .hint(crate::say!(
            "请按文件中的注释先填 `income`（各单位、各来源的收入），再填 `expenditure`（功能分类各行）、`economic`（经济分类各行）和 `projects`（项目）；各项合计和各张表由程序计算",
            "fill in `income` (收入 by unit and source), then `expenditure` (功能分类 lines), `economic` (经济分类 lines) and `projects`, as the comments in the file describe; gongkai computes every total and table from them"
        )),
    );
}

fn empty_table(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if unfilled(ctx) {
        return;
    }
    for t in profile(ctx) {
        if !t.empty || explanation(ctx, t.key).is_some() {
            continue;
        }
        let field = format!("empty_tables.{}", t.key);
        let at = if ctx.d.empty_tables.contains_key(t.key) {
            field.clone()
        } else {
            "empty_tables".into()
        };
        out.push(
            ctx.diagnostic(
                "completeness-empty-table",
                Severity::Error,
                crate::say!(
                    "表{}《{}》没有数据，也没有写明原因",
                    "table {} {} has no data and no explanation",
                    t.number,
                    t.name
                ),
            )
            .texts(
                crate::say!("`{field}` 下的说明", "an explanation under `{field}`"),
                crate::say!("没有", "none"),
            )
            .facts(vec![ctx.fact(at, "")])
            .hint(crate::say!(
                "没有数据的表也要公开，并用一句话说明原因：请在 `empty_tables` 下加一行 `{}: 本部门{}年度没有…，故本表无数据。`",
                "an empty table is still published, with a line saying why; add `{}: 本部门{}年度没有…，故本表无数据。` under `empty_tables`",
                t.key,
                ctx.d.year
            )),
        );
    }
}

fn explanation_for_data(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for t in profile(ctx) {
        let Some(text) = explanation(ctx, t.key) else {
            continue;
        };
        if t.empty {
            continue;
        }
        let key = t.key;
        out.push(
            ctx.diagnostic(
                "completeness-explanation-for-data",
                Severity::Warning,
                crate::say!(
                    "表{}《{}》有数据，但 `empty_tables` 里又写了它没有数据的原因",
                    "table {} {} has data, but `empty_tables` explains why it has none",
                    t.number,
                    t.name
                ),
            )
            .texts(crate::say!("不写说明", "no explanation"), text)
            .facts(vec![ctx.fact(format!("empty_tables.{}", t.key), text)])
            .hint(crate::say!(
                "表有数据时这句说明不会公开：请删去 `empty_tables.{key}`，或核对这些数据是否应属于别的资金来源",
                "the explanation is not published while the table has data; remove it, or check whether the data belongs to another source"
            )),
        );
    }
}

fn unknown_table(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.d.empty_tables.is_empty() {
        return;
    }
    let known: Vec<&str> = ctx.profile.tables.iter().map(|t| t.key()).collect();
    // In Chinese each key is code, so that the list does not read as an English sentence.
    let keys = if crate::messages::zh() {
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join("、")
    } else {
        known.join(", ")
    };
    for key in ctx.d.empty_tables.keys() {
        // The facts are region-neutral: an explanation for a table another profile publishes
        // (T11 in a 9-table site) is kept for that format, not a typo.
        let any_profile = crate::content::profile::KINDS
            .iter()
            .any(|(_, keys)| keys.contains(&key.as_str()));
        if known.contains(&key.as_str()) || any_profile {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "completeness-unknown-table",
                Severity::Error,
                crate::say!(
                    "`empty_tables` 下的 `{key}` 不是本站公开格式中的表",
                    "`empty_tables` names `{key}`, which is not a table of the profile"
                ),
            )
            .texts(keys.clone(), key.clone())
            .facts(vec![ctx.fact(format!("empty_tables.{key}"), key)])
            .hint(crate::say!(
                "这句说明永远不会显示：请把 `{key}` 改成下列表名之一：{keys}",
                "the explanation would never be shown; use one of the table keys: {keys}"
            )),
        );
    }
}

fn texts(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let d = ctx.d;
    let mut required: Vec<(String, &str, &str)> = vec![
        ("name".into(), d.name.as_str(), "部门名称"),
        (
            "overview.duties_intro".into(),
            d.overview.duties_intro.as_str(),
            crate::messages::say("主要职责概述", "主要职责 introduction"),
        ),
        (
            "overview.composition".into(),
            d.overview.composition.as_str(),
            "预算单位构成",
        ),
        (
            "assets.as_of".into(),
            d.assets.as_of.as_str(),
            "十(五) 时点",
        ),
    ];
    // T12's goal and 十(四)/十(六) belong to the 13-table format; another profile asks only
    // for what it publishes.
    if ctx.profile.publishes("department_performance") {
        required.push((
            "performance.goal".into(),
            d.performance.goal.as_str(),
            "T12 年度履职目标",
        ));
    }
    if ctx.profile.narrative_is_default() {
        required.push((
            "narrative.key_evaluation".into(),
            d.narrative.key_evaluation.as_str(),
            "十(四) 重点项目绩效评价情况",
        ));
        required.push((
            "narrative.transfer_payments".into(),
            d.narrative.transfer_payments.as_str(),
            "十(六) 专项转移支付项目情况",
        ));
    }
    if d.overview.duties.is_empty() {
        required.push(("overview.duties".into(), "", "主要职责"));
    }
    for (i, duty) in d.overview.duties.iter().enumerate() {
        required.push((
            format!("overview.duties[{i}]"),
            duty.as_str(),
            crate::messages::say("主要职责中的一条", "主要职责 entry"),
        ));
    }
    for (field, text, what) in required {
        if !text.trim().is_empty() {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "completeness-texts",
                Severity::Error,
                crate::say!("{what}（`{field}`）是空的", "{what} (`{field}`) is empty"),
            )
            .texts(crate::say!("文字", "text"), crate::say!("空", "empty"))
            .facts(vec![ctx.fact(field.clone(), "")])
            .hint(crate::say!(
                "公开文件要刊登这段文字：请从本部门的预算说明中抄到 `{field}`",
                "the disclosure publishes this text; copy it from the department's budget explanation into `{field}`"
            )),
        );
    }
}
