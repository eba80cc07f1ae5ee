//! Classification codes. The loader already insists on the digits (7 for a 功能分类 项, 5 for an
//! economic 款) because the tables cut codes into columns; these rules check what the digits
//! mean: a real 款 and 项, a known 类, the name gongkai knows for the code, no code twice.

use super::{Ctx, Diagnostic, Rule, Severity};
use crate::content::codes;
use std::collections::BTreeMap;

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "code-function-shape",
        family: "codes",
        severity: Severity::Error,
        description: "a 功能分类 code is 类 (3) + 款 (2) + 项 (2) with neither 款 nor 项 `00`",
        run: function_shape,
    },
    Rule {
        id: "code-function-class",
        family: "codes",
        severity: Severity::Error,
        description: "a 功能分类 code's 类 is one of the national 类 (201 一般公共服务支出 …), which T1 and T4 list",
        run: function_class,
    },
    Rule {
        id: "code-economic-shape",
        family: "codes",
        severity: Severity::Error,
        description: "an economic code (部门 and 政府 classification) is 类 (3) + 款 (2) with 款 not `00`",
        run: economic_shape,
    },
    Rule {
        id: "code-economic-class",
        family: "codes",
        severity: Severity::Error,
        description: "an economic code's 类 is known (301 工资福利支出 …; 政府: 501 … 599)",
        run: economic_class,
    },
    Rule {
        id: "code-names",
        family: "codes",
        severity: Severity::Warning,
        description: "where gongkai knows the name of an economic code, the name given is that name",
        run: names,
    },
    Rule {
        id: "code-subject-names",
        family: "codes",
        severity: Severity::Warning,
        description: "with 类/款 subtotal rows (a profile with `row_style: class_section`), every 功能分类 款 with money has a name in `subject_names`",
        run: subject_names,
    },
    Rule {
        id: "code-duplicate",
        family: "codes",
        severity: Severity::Warning,
        description: "no 功能分类 项 (per unit), economic 款 or project code is entered twice",
        run: duplicates,
    },
];

fn subject_names(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.profile.row_style != crate::content::profile::RowStyle::ClassSection {
        return;
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let Some(section) = l.code.get(..5) else {
            continue;
        };
        if codes::subject_name(&ctx.d.subject_names, section).is_some() || !seen.insert(section) {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "code-subject-names",
                Severity::Warning,
                crate::say!(
                    "款 {} {} 没有名称：它的小计行和说明文字只会显示代码",
                    "款 {} {} has no name: its subtotal row and the narrative show the code only",
                    &section[..3],
                    &section[3..]
                ),
            )
            .texts(
                crate::say!(
                    "`subject_names` 下的 `\"{section}\": …`",
                    "`\"{section}\": …` under `subject_names`"
                ),
                crate::say!("没有", "none"),
            )
            .facts(vec![ctx.fact(format!("expenditure[{i}].code"), &l.code)])
            .hint(crate::say!(
                "请在 `subject_names` 下补上这个款的名称，照当年《政府收支分类科目》书写，例如 `\"{section}\": 商贸事务`",
                "add the 款 name as the year's classification prints it, e.g. `\"{section}\": 商贸事务`, under `subject_names`"
            )),
        );
    }
}

fn function_shape(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let (kuan, xiang) = (l.code.get(3..5), l.code.get(5..7));
        if kuan != Some("00") && xiang != Some("00") {
            continue;
        }
        let part = if kuan == Some("00") { "款" } else { "项" };
        out.push(
            ctx.diagnostic(
                "code-function-shape",
                Severity::Error,
                crate::say!(
                    "功能分类科目代码 {} {} 的{part}是 `00`，没有这样的项",
                    "功能分类 code {} {} has 款/项 `00`, which no 项 has",
                    l.code,
                    l.name
                ),
            )
            .texts(
                crate::say!(
                    "类 + 款 + 项，款和项从 01 起",
                    "类 + 款 + 项, 款 and 项 from 01"
                ),
                l.code.clone(),
            )
            .facts(vec![ctx.fact(format!("expenditure[{i}].code"), &l.code)])
            .hint(crate::say!(
                "功能分类的每一行是一个项：请在 `code` 写完整的 7 位项级代码（现在缺{part}），例如 201 13 50 事业运行写 \"2011350\"",
                "functional lines are entered per 项: write the full 7-digit 项 code (the {part} is missing), e.g. \"2011350\" for 201 13 50 事业运行"
            )),
        );
    }
}

fn function_class(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let class = l.code.get(..3).unwrap_or("");
        if codes::function_class_name(class).is_some() {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "code-function-class",
                Severity::Error,
                crate::say!(
                    "{} {} 的功能分类类级代码 {class} 不是已有的类",
                    "功能分类 类 {class} of {} {} is not a known 类",
                    l.code,
                    l.name
                ),
            )
            .texts(crate::say!("201 至 234 之间的类", "a 类 from 201 to 234"), class)
            .facts(vec![ctx.fact(format!("expenditure[{i}].code"), &l.code)])
            .hint(crate::say!(
                "表一和表四按全国统一的类列出支出，这一行在那里会找不到位置：请核对 `code`（如 201 一般公共服务支出、208 社会保障和就业支出……）",
                "T1 and T4 list every 类 of the national classification, so this line would be missing from them; check the code (201 一般公共服务支出, 208 社会保障和就业支出, …)"
            )),
        );
    }
}

fn economic_shape(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let codes = [("code", Some(&l.code)), ("gov_code", l.gov_code.as_ref())];
        for (field, code) in codes.into_iter().filter_map(|(f, c)| Some((f, c?))) {
            if code.get(3..5) != Some("00") {
                continue;
            }
            out.push(
                ctx.diagnostic(
                    "code-economic-shape",
                    Severity::Error,
                    crate::say!(
                        "经济分类科目代码 {code}（{}）的款是 `00`，没有这样的款",
                        "economic code {code} ({}) has 款 `00`, which no 款 has",
                        l.name
                    ),
                )
                .texts(
                    crate::say!("类 + 款，款从 01 起", "类 + 款, 款 from 01"),
                    code.clone(),
                )
                .facts(vec![ctx.fact(format!("economic[{j}].{field}"), code)])
                .hint(crate::say!(
                    "经济分类的每一行是一个款：请在 `{field}` 写 5 位款级代码，例如办公费写 \"30201\"",
                    "economic lines are entered per 款: write the 5-digit 款 code, e.g. \"30201\" for 办公费"
                )),
            );
        }
    }
}

fn economic_class(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let class = l.code.get(..3).unwrap_or("");
        // The 政府预算经济分类 code is optional (not every region publishes it).
        let gov_class = l.gov_code.as_deref().and_then(|g| g.get(..3));
        let checks = [
            (
                "code",
                Some(class),
                codes::economic_class_name(class).is_some(),
                "部门预算支出经济分类",
                crate::say!("301 至 313 或 399", "301 to 313 or 399"),
            ),
            (
                "gov_code",
                gov_class,
                gov_class.is_none_or(|g| codes::gov_economic_class_name(g).is_some()),
                "政府预算支出经济分类",
                crate::say!("501 至 509 或 599", "501 to 509 or 599"),
            ),
        ];
        for (field, c, known, which, range) in checks {
            let Some(c) = c.filter(|_| !known) else {
                continue;
            };
            out.push(
                ctx.diagnostic(
                    "code-economic-class",
                    Severity::Error,
                    crate::say!(
                        "{} {} 的{which}类级代码 {c} 不是已有的类",
                        "{which} 类 {c} of {} {} is not a known 类",
                        l.code,
                        l.name
                    ),
                )
                .texts(crate::say!("{range} 之间的类", "a 类 from {range}"), c)
                .facts(vec![ctx.fact(format!("economic[{j}].{field}"), c)])
                .hint(crate::say!(
                    "表六、表七按类汇总并显示类名：请对照{which}核对 `{field}`",
                    "T6 and T7 group the lines by 类 and print its name; check the code against the classification"
                )),
            );
        }
    }
}

/// Names compare equal when they differ only in full- or half-width brackets and spaces, as
/// published tables write 维修(护)费 and 维修（护）费 alike.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c,
            })
            .collect()
    };
    norm(a) == norm(b)
}

fn names(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (j, l) in ctx.d.economic.iter().enumerate() {
        let given = [
            (
                "name",
                &l.code,
                Some(&l.name),
                codes::economic_item_name(&l.code),
            ),
            (
                "gov_name",
                l.gov_code.as_ref().unwrap_or(&l.code),
                l.gov_name.as_ref().filter(|_| l.gov_code.is_some()),
                l.gov_code.as_deref().and_then(codes::gov_economic_name),
            ),
        ];
        for (field, code, name, known) in given {
            let (Some(name), Some(known)) = (name, known) else {
                continue;
            };
            if same_name(name, known) {
                continue;
            }
            out.push(
                ctx.diagnostic(
                    "code-names",
                    Severity::Warning,
                    crate::say!(
                        "代码 {code} 写的名称是「{name}」，但 {code} 是「{known}」",
                        "code {code} is named `{name}`, but {code} is {known}"
                    ),
                )
                .texts(known, name.clone())
                .facts(vec![
                    ctx.fact(format!("economic[{j}].{field}"), name),
                    ctx.fact(
                        format!(
                            "economic[{j}].{}",
                            if field == "name" { "code" } else { "gov_code" }
                        ),
                        code,
                    ),
                ])
                .hint(crate::say!(
                    "代码或名称有一处写错了：分类中 {code} 是「{known}」，请改正 `{field}` 或代码",
                    "either the code or the name is mistyped: {code} is {known} in the classification"
                )),
            );
        }
    }
}

fn duplicates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let first_unit = ctx.d.units.first().map(|u| u.code.as_str()).unwrap_or("");
    let mut functional: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, l) in ctx.d.expenditure.iter().enumerate() {
        let unit = l.unit.as_deref().unwrap_or(first_unit);
        functional.entry((unit, &l.code)).or_default().push(i);
    }
    // An economic 款 may be entered once per unit, for the units' 单位预算.
    let mut economic: BTreeMap<(Option<&str>, &str), Vec<usize>> = BTreeMap::new();
    for (j, l) in ctx.d.economic.iter().enumerate() {
        economic
            .entry((l.unit.as_deref(), &l.code))
            .or_default()
            .push(j);
    }
    let mut projects: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, p) in ctx.d.projects.iter().enumerate() {
        projects.entry(&p.code).or_default().push(k);
    }
    let groups = functional
        .iter()
        .map(|((_, code), at)| ("expenditure", "功能分类 项", *code, at))
        .chain(
            economic
                .iter()
                .map(|((_, c), at)| ("economic", "经济分类 款", *c, at)),
        )
        .chain(
            projects
                .iter()
                .map(|(c, at)| ("projects", crate::messages::say("项目", "project"), *c, at)),
        );
    for (list, what, code, at) in groups {
        if at.len() < 2 {
            continue;
        }
        out.push(
            ctx.diagnostic(
                "code-duplicate",
                Severity::Warning,
                crate::say!(
                    "{what} {code} 写了 {} 次",
                    "{what} {code} is entered {} times",
                    at.len()
                ),
            )
            .texts(
                crate::say!("1 次", "once"),
                crate::say!("{} 次", "{} times", at.len()),
            )
            .facts(
                at.iter()
                    .map(|i| ctx.fact(format!("{list}[{i}].code"), code))
                    .collect(),
            )
            .hint(crate::say!(
                "表里会把这几行相加，只显示第一行的名称：请把它们合并成一行（`{list}` 下）",
                "the tables add such lines up and show the first name only; merge them into one line"
            )),
        );
    }
}
