//! The project descriptions (项目经费情况说明) as a list prose repeats a text for
//! (`{每个 项目说明}`): each project's fields are names, its 立项依据 and budget parts are
//! lists inside the entry, and its 总预算 is computed from the parts, so a department words
//! the descriptions as it likes while every amount stays the entered one.

use super::names::{Entry, List, Value, entry};
use crate::content::layout::ListPunctuation;
use crate::content::model::Disclosure;
use crate::derive::figures::description_total;

/// The fields of one entry of `项目说明`, with what they hold, for the docs and messages.
pub const FIELDS: &[(&str, &str)] = &[
    ("名称", "项目名称"),
    ("概述", "一、项目概述"),
    ("立项依据", "二、立项依据，列表，每项有 .文件"),
    ("实施主体", "三、实施主体"),
    ("实施方案", "四、实施方案"),
    ("实施周期", "五、实施周期"),
    ("总预算", "项目总预算，各分项之和"),
    ("分项", "六、年度预算安排的分项，列表，每项有 .名称 .金额"),
    ("预算安排", "六、年度预算安排的文字（budget_text）"),
    ("绩效目标", "七、绩效目标"),
];

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
