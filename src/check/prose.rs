//! Checks of the department's own text: every reference resolves, every section replaces one
//! the profile has, and amounts typed as digits instead of references are read: one that
//! equals a figure is a note (write the reference), one written where a figure is named and
//! differing from it is an error, any other is a warning that nobody checked it.

use crate::check::{Ctx, Diagnostic, Rule, Severity};
use crate::content::model::MoneyUnit;
use crate::content::money::Money;
use crate::prose::names::{Names, Value};
use crate::prose::parse;
use crate::prose::resolve::problems;
use crate::prose::{DefaultText, names};

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "prose-reference",
        family: "narrative",
        severity: Severity::Error,
        description: "the department's text (`prose`) parses and every `{名称}` in it names a figure; every section replaces a section of the profile's text; an extra fact (`facts`) has a new name and one amount or count",
        run: references,
    },
    Rule {
        id: "prose-typed-amount",
        family: "narrative",
        severity: Severity::Error,
        description: "an amount typed as digits in `prose` or a text under `narrative` (uses, reasons) where a figure is named (「支出预算1,042.20万元」) equals that figure; one equal to a figure is a note (write the reference), any other a warning (unchecked)",
        run: typed_amounts,
    },
];

/// The file line of line `l` (1-based) of section `id`'s text: a block (`|`) starts on the
/// line after its key.
fn file_line(ctx: &Ctx, id: &str, text: &str, l: usize) -> Option<usize> {
    field_line(ctx, &format!("prose.{id}"), text, l)
}

/// As [`file_line`], for the text under `field` (`prose.narrative-01`, `narrative.abroad_use`).
pub(super) fn field_line(ctx: &Ctx, field: &str, text: &str, l: usize) -> Option<usize> {
    let key = ctx.line(field)?;
    Some(if text.contains('\n') { key + l } else { key })
}

fn defaults(ctx: &Ctx) -> DefaultText {
    DefaultText::of(ctx.profile)
}

fn references(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let defaults = defaults(ctx);
    let n = ctx.names();
    let style = defaults.style(ctx.profile, ctx.profile.narrative_shown(ctx.d.money_unit));
    fact_names(ctx, out);
    for (id, text) in &ctx.d.prose {
        let at = |l: usize| file_line(ctx, id, text, l).or_else(|| ctx.line("prose"));
        let mut report = |line: Option<usize>, message: String, hint: &str| {
            let mut d = ctx.diagnostic("prose-reference", Severity::Error, message);
            d.line = line;
            d.hint = hint.into();
            out.push(d);
        };
        if !defaults.sections.is_empty() && defaults.section(id).is_none() {
            let ids: Vec<&str> = defaults.sections.iter().map(|s| s.id.as_str()).collect();
            report(
                ctx.line(&format!("prose.{id}")),
                format!("没有叫「{id}」的段落：可替换的段落有 {}", ids.join("、")),
                "把段落名改成上面列出的一个",
            );
        }
        match parse::parse(text, 1) {
            Err(e) => report(
                at(e.line),
                format!("prose.{id}：{}", e.message),
                "按提示改正这一处",
            ),
            Ok(nodes) => {
                // A section written once per list entry is tried on every entry, since a
                // list inside an entry (a project's 分项) may be empty in the first one; each
                // problem is reported once.
                let each = defaults.section(id).and_then(|s| s.each.as_ref());
                let probes: Vec<Option<names::Entry>> = match each {
                    None => vec![None],
                    Some(list) => n
                        .lists
                        .get(list)
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, e)| {
                            let mut e = e.clone();
                            e.insert("序号".into(), Value::Count(i as u64 + 1));
                            Some(e)
                        })
                        .collect(),
                };
                // An empty list writes nothing, and its fields are unknown here.
                let mut seen = std::collections::BTreeSet::new();
                for u in probes
                    .iter()
                    .flat_map(|p| problems(&nodes, n, style, p.as_ref()))
                {
                    if !seen.insert((u.line, u.message.clone())) {
                        continue;
                    }
                    report(
                        at(u.line.max(1)),
                        format!("prose.{id}：{}", u.message),
                        "改成 gongkai figures 列出的名称",
                    );
                }
            }
        }
    }
}

/// The department's extra facts: each named apart from the figures, with an amount or a
/// count. The figures' names are made again without the facts, only when there are facts
/// (most files have none, and making names is the dearest step of a check).
fn fact_names(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.d.facts.is_empty() {
        return;
    }
    let known = Names::of(
        ctx.d,
        &ctx.f,
        crate::derive::previous::ChangeFrom::new(
            ctx.profile.change_from,
            ctx.profile.narrative_shown(ctx.d.money_unit),
        ),
    );
    for (name, fact) in &ctx.d.facts {
        let field = format!("facts.{name}");
        let problem = if known.values.contains_key(name) || known.lists.contains_key(name) {
            Some(format!("补充数字「{name}」与已有的数字同名：换一个名称"))
        } else if fact.amount.is_some() == fact.count.is_some() {
            Some(format!(
                "补充数字「{name}」要写 amount（金额）或 count（数量）其中一个"
            ))
        } else if !parse::valid_name(name) {
            Some(format!(
                "补充数字的名称「{name}」只能有汉字、字母、数字和点"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let mut d = ctx.diagnostic("prose-reference", Severity::Error, message);
            d.line = ctx.line(&field);
            d.hint = "在 facts 下改正这一项".into();
            out.push(d);
        }
    }
}

/// A figure named in prose before a typed amount: the words that name it.
pub(super) const NAMED: &[(&str, &str)] = &[
    ("支出预算", "支出总计"),
    ("支出总计", "支出总计"),
    ("收入预算", "收入总计"),
    ("收入总计", "收入总计"),
    ("收入合计", "本年收入合计"),
    ("支出合计", "本年支出合计"),
    ("财政拨款收入", "财政拨款收入"),
    ("财政拨款支出", "财政拨款支出"),
    ("一般公共预算", "一般公共预算支出"),
    ("政府性基金", "政府性基金支出"),
    ("国有资本经营", "国有资本经营支出"),
    ("基本支出", "基本支出"),
    ("项目支出", "项目支出"),
    ("人员经费", "一般公共预算人员经费"),
    ("公用经费", "一般公共预算公用经费"),
    ("三公", "三公经费"),
    ("因公出国", "因公出国费"),
    ("公务接待", "公务接待费"),
    ("购置费", "公务用车购置费"),
    ("运行费", "公务用车运行费"),
    ("运行维护费", "公务用车运行费"),
    ("机关运行经费", "机关运行经费"),
    ("运转经费", "机关运行经费"),
    ("政府采购", "政府采购"),
    ("货物", "政府采购货物"),
    ("工程", "政府采购工程"),
    ("服务", "政府采购服务"),
];

/// One amount typed as digits: where, its text, its value in the file's unit.
#[derive(Debug)]
pub(super) struct Typed {
    pub line: usize,
    pub text: String,
    /// The words just before it, since the last punctuation.
    pub before: String,
    pub amount: Money,
}

/// Amounts followed by 元 or 万元, outside references; or by 万 alone before punctuation or
/// the end of the line, as project descriptions abbreviate (「项目总预算1720.00万，」).
pub(super) fn typed(text: &str, file_unit: MoneyUnit) -> Vec<Typed> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        // References are figures already; blank them out.
        let mut line = String::new();
        let mut depth = 0;
        for c in raw.chars() {
            match c {
                '{' | '｛' => depth += 1,
                '}' | '｝' if depth > 0 => {
                    depth -= 1;
                    line.push('，');
                    continue;
                }
                _ => {}
            }
            if depth == 0 {
                line.push(c);
            }
        }
        let chars: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < chars.len() {
            if !chars[k].is_ascii_digit()
                || (k > 0 && (chars[k - 1].is_ascii_digit() || chars[k - 1] == '.'))
            {
                k += 1;
                continue;
            }
            let start = k;
            while k < chars.len()
                && (chars[k].is_ascii_digit() || chars[k] == ',' || chars[k] == '.')
            {
                k += 1;
            }
            let number: String = chars[start..k].iter().collect();
            let rest: String = chars[k..].iter().take(2).collect();
            let after: String = chars[k..]
                .iter()
                .skip_while(|c| **c != '元')
                .skip(1)
                .take(3)
                .collect();
            if after.starts_with("以上") || after.starts_with("以下") || after.starts_with("（含）")
            {
                // A threshold (「单价100万元以上」), not a figure.
                continue;
            }
            let unit = if rest.starts_with("万元") {
                MoneyUnit::TenThousandYuan
            } else if rest.starts_with('元') {
                MoneyUnit::Yuan
            } else if rest.starts_with('万')
                && rest
                    .chars()
                    .nth(1)
                    .is_none_or(|c| c.is_ascii_punctuation() || "，。；：、）)".contains(c))
            {
                MoneyUnit::TenThousandYuan
            } else {
                continue;
            };
            let Ok(m) = Money::parse(&number.replace(',', "")) else {
                continue;
            };
            let before: String = chars[..start]
                .iter()
                .rev()
                .take_while(|c| !matches!(c, '，' | '。' | '；' | '：' | '、' | ',' | ';'))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            out.push(Typed {
                line: i + 1,
                text: format!(
                    "{number}{}",
                    if unit == MoneyUnit::Yuan {
                        "元"
                    } else if rest.starts_with("万元") {
                        "万元"
                    } else {
                        "万"
                    }
                ),
                before,
                amount: m.convert(unit, file_unit),
            });
        }
    }
    out
}

/// The reasons given for changes against last year, by field.
fn reasons(p: &crate::content::model::PreviousYear) -> impl Iterator<Item = (String, &str)> {
    [
        ("total", &p.total),
        ("appropriation_income", &p.appropriation_income),
        ("general", &p.general),
        ("fund", &p.fund),
        ("state_capital", &p.state_capital),
        ("abroad", &p.abroad),
        ("reception", &p.reception),
        ("vehicle_purchase", &p.vehicle_purchase),
        ("vehicle_running", &p.vehicle_running),
        ("running_costs", &p.running_costs),
    ]
    .into_iter()
    .filter_map(|(k, c)| Some((format!("previous_year.{k}.reason"), c.reason.as_deref()?)))
    .chain(
        p.vehicles_reason
            .as_deref()
            .map(|r| ("previous_year.vehicles_reason".to_owned(), r)),
    )
}

fn typed_amounts(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let n = ctx.names();
    let unit = ctx.d.money_unit;
    let cent = |m: Money, u: MoneyUnit| m.convert(unit, u).rounded(Default::default());
    let x = &ctx.d.narrative;
    let texts = [
        ("abroad_use", &x.abroad_use),
        ("reception_use", &x.reception_use),
        ("vehicle_purchase_use", &x.vehicle_purchase_use),
        ("vehicle_running_use", &x.vehicle_running_use),
        ("running_costs_use", &x.running_costs_use),
        ("key_evaluation", &x.key_evaluation),
        ("transfer_payments", &x.transfer_payments),
    ]
    .into_iter()
    .map(|(k, t)| (format!("narrative.{k}"), t.as_str()))
    .chain(
        [
            ("fund_use", &x.fund_use),
            ("state_capital_use", &x.state_capital_use),
            ("performance_management", &x.performance_management),
        ]
        .into_iter()
        .filter_map(|(k, t)| Some((format!("narrative.{k}"), t.as_deref()?))),
    )
    .chain(reasons(&ctx.d.previous_year))
    .chain(
        ctx.d
            .prose
            .iter()
            .map(|(id, t)| (format!("prose.{id}"), t.as_str())),
    );
    for (id, text) in texts {
        for t in typed(text, unit) {
            let shown_in = if t.text.ends_with('万') || t.text.ends_with("万元") {
                MoneyUnit::TenThousandYuan
            } else {
                MoneyUnit::Yuan
            };
            let same = |m: Money| cent(m, shown_in) == cent(t.amount, shown_in);
            let line = field_line(ctx, &id, text, t.line);
            let equal: Vec<&String> = n
                .values
                .iter()
                .filter(|(_, v)| matches!(v, Value::Money(m) if same(*m)))
                .map(|(k, _)| k)
                .collect();
            let named = NAMED
                .iter()
                .filter(|(words, _)| t.before.contains(words))
                .max_by_key(|(words, _)| words.chars().count())
                .and_then(|(_, name)| match n.values.get(*name) {
                    Some(Value::Money(m)) => Some((*name, *m)),
                    _ => None,
                });
            let mut d = match named {
                Some((name, m)) if !same(m) => {
                    let mut d = ctx.diagnostic(
                        "prose-typed-amount",
                        Severity::Error,
                        format!(
                            "{id}：「{}{}」与表中的{name}不符：表中是{}",
                            t.before,
                            t.text,
                            cent(m, shown_in).table()
                        ),
                    );
                    d.expected = Some(cent(m, shown_in).plain());
                    d.actual = Some(cent(t.amount, shown_in).plain());
                    d.hint = format!("把「{}」改成引用 {{{name}}}，数字就总与表一致", t.text);
                    d
                }
                _ if named.is_some() || !equal.is_empty() => {
                    // The figure the words name, else the first of equal value.
                    let name = named.map(|(n, _)| n).unwrap_or_else(|| equal[0].as_str());
                    let mut d = ctx.diagnostic(
                        "prose-typed-amount",
                        Severity::Note,
                        format!("{id}：「{}」是手写的数字，等于 {{{name}}}", t.text),
                    );
                    d.hint = format!("改写成 {{{name}}}，表变了文字也跟着变");
                    d
                }
                _ => {
                    let mut d = ctx.diagnostic(
                        "prose-typed-amount",
                        Severity::Warning,
                        format!("{id}：「{}」是手写的数字，没有核对", t.text),
                    );
                    d.hint =
                        "能引用的数字请写成 {名称}；表里没有的，可在 facts 下登记后引用".into();
                    d
                }
            };
            d.line = line;
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_amounts_are_found_outside_references_with_their_words() {
        let t = typed(
            "收入{收入总计}万元。\n支出预算1,042.20万元，其中出国3元",
            MoneyUnit::TenThousandYuan,
        );
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!((t[0].line, t[0].before.as_str()), (2, "支出预算"));
        assert_eq!(t[0].amount, Money::parse("1042.20").unwrap());
        assert_eq!(t[1].amount, Money::parse("0.0003").unwrap());
        // 「万」 alone counts before punctuation, not before other words (「3万人次」).
        let t = typed(
            "项目总预算1720.00万，其中认定1720.00万。服务3万人次",
            MoneyUnit::Yuan,
        );
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].text, "1720.00万");
        assert_eq!(t[0].before, "项目总预算");
        assert_eq!(t[1].amount, Money::parse("17200000").unwrap());
    }
}
