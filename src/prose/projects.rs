//! The project descriptions (项目经费情况说明) as a list prose repeats a text for
//! (`{每个 项目说明}`): each project's fields are names, its 立项依据 and budget parts are
//! lists inside the entry, and its 总预算 is computed from the parts, so a department words
//! the descriptions as it likes while every amount stays the entered one.

use super::names::{Entry, List, Value, entry};
use crate::content::layout::ListPunctuation;
use crate::content::model::Disclosure;
use crate::derive::figures::description_total;

/// One entry per project description of `d`; the items of 立项依据 end as `punctuation` says.
pub fn descriptions(d: &Disclosure, punctuation: ListPunctuation) -> List {
    let text = |t: &Option<String>| Value::Text(t.clone().unwrap_or_default());
    d.project_descriptions
        .iter()
        .map(|p| {
            let basis: List = punctuation
                .list(&p.basis)
                .into_iter()
                .map(|b| entry(&[("文件", Value::Text(b))]))
                .collect();
            let parts: List = p
                .budget
                .iter()
                .map(|b| {
                    entry(&[
                        ("名称", Value::Text(b.name.clone())),
                        ("金额", Value::Money(b.amount)),
                    ])
                })
                .collect();
            entry(&[
                ("名称", Value::Text(p.name.clone())),
                ("概述", Value::Text(p.overview.clone())),
                ("立项依据", Value::List(basis)),
                ("实施主体", text(&p.implementer)),
                ("实施方案", text(&p.plan)),
                ("实施周期", text(&p.period)),
                ("总预算", Value::Money(description_total(p))),
                ("分项", Value::List(parts)),
                ("预算安排", text(&p.budget_text)),
                ("绩效目标", text(&p.targets_note)),
            ])
        })
        .collect()
}

/// An entry of a list inside `outer` (a budget part inside a project): its own fields over
/// the outer entry's, so `{.名称}` is the inner name and the outer fields stay reachable.
pub fn nested(outer: Option<&Entry>, inner: &Entry) -> Entry {
    let mut e = outer.cloned().unwrap_or_default();
    e.extend(inner.iter().map(|(k, v)| (k.clone(), v.clone())));
    e
}

#[cfg(test)]
mod tests {
    use super::super::names::Names;
    use super::super::resolve::{Style, resolve};
    use super::*;
    use crate::content::model::MoneyUnit;
    use crate::content::money::{Money, Shown};

    /// A list inside a list entry: its items numbered from 1 in each entry, their own fields
    /// over the entry's, `{如果 … 多个}` on the inner list, and a list never printed as a figure.
    #[test]
    fn lists_nest_inside_entries() {
        let part = |name: &str, m: &str| {
            entry(&[
                ("名称", Value::Text(name.into())),
                ("金额", Value::Money(Money::parse(m).unwrap())),
            ])
        };
        let project = |name: &str, parts: Vec<Entry>| {
            entry(&[
                ("名称", Value::Text(name.into())),
                ("分项", Value::List(parts)),
            ])
        };
        let mut names = Names::default();
        names.lists.insert(
            "项目说明".into(),
            vec![
                project("甲", vec![part("一季度", "1.50"), part("二季度", "2")]),
                project("乙", vec![part("全年", "3")]),
            ],
        );
        let style = Style {
            shown: Shown {
                from: MoneyUnit::TenThousandYuan,
                to: MoneyUnit::TenThousandYuan,
                rounding: Default::default(),
            },
            spelling: Default::default(),
        };
        let nodes = super::super::parse::parse(
            "{每个 项目说明 ；}{.名称}：{每个 .分项 ，}{序号}.{.名称}{.金额}（{.名称}）{结束}{如果 .分项 多个}，多项{结束}{结束}",
            1,
        )
        .unwrap();
        let r = resolve(&nodes, &names, style, None);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(
            r.substitute(&r.md).trim_end(),
            "甲：1.一季度1.50（一季度），2.二季度2（二季度），多项；乙：1.全年3（全年）"
        );
        let nodes = super::super::parse::parse("{每个 项目说明}{.分项}{结束}", 1).unwrap();
        let problems = resolve(&nodes, &names, style, None).problems;
        assert!(problems[0].message.contains("是一个列表"), "{problems:?}");
    }
}
