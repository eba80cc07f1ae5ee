//! The names of a disclosure's figures: every total, subtotal, share and change the tables
//! and narrative show, every entered fact prose may quote, and the department's extra facts.
//!
//! All names are registered in [`Names::of`], in one place, so a new figure (a count, a
//! split) is one more line there and at once listed by `gongkai figures`, usable in prose
//! and checked in typed amounts; only the project descriptions, whose lists are punctuated
//! as the profile says, are added beside them ([`super::projects`]).

use crate::content::model::{Disclosure, MoneyUnit};
use crate::content::money::{Money, Shown};
use crate::derive::figures::{BySource, Figures, Source, percent, shares};
use crate::derive::previous::{ChangeFrom, Compared, compared};
use crate::derive::units::RunningCostsBasis;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One named figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An amount, exact, in the unit the file is written in.
    Money(Money),
    Count(u64),
    /// A share in percent, already rounded to two decimals.
    Percent(Decimal),
    Text(String),
    /// This year minus last year, in the file's unit: of the exact figures, or of the
    /// figures as printed where the profile says so (`change_from: published`).
    Change(Money),
    /// A list inside a list entry (a project's 立项依据), repeated with `{每个 .立项依据}`.
    List(List),
}

impl Value {
    /// Whether `{如果 名称}` holds.
    pub fn present(&self) -> bool {
        match self {
            Value::Money(m) | Value::Change(m) => !m.is_zero(),
            Value::Count(n) => *n > 0,
            Value::Percent(p) => !p.is_zero(),
            Value::Text(t) => !t.trim().is_empty(),
            Value::List(l) => !l.is_empty(),
        }
    }

    /// What `gongkai figures` calls the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Money(_) => "金额",
            Value::Count(_) => "数量",
            Value::Percent(_) => "占比",
            Value::Text(_) => "文字",
            Value::Change(_) => "较上年",
            Value::List(_) => "列表",
        }
    }
}

/// A list prose can repeat a text for (`{每个 科目}`): one set of names per entry.
pub type List = Vec<Entry>;

/// One entry of a list: its fields by name (`.金额`).
pub type Entry = BTreeMap<String, Value>;

/// The figures of one disclosure by name.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub values: BTreeMap<String, Value>,
    pub lists: BTreeMap<String, List>,
    /// The file's unit: how `Money` values are written.
    pub unit: Option<MoneyUnit>,
}

/// One line of `gongkai figures`.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub name: String,
    pub kind: &'static str,
    pub value: String,
}

/// The 功能分类 components by their table headings.
const COMPONENTS: &[&str] = &[
    "合计",
    "基本支出",
    "人员经费",
    "工资福利",
    "对个人和家庭的补助",
    "公用经费",
    "项目支出",
    "其他运转类",
    "特定目标类",
];

fn component(c: &crate::content::model::Components, name: &str) -> Money {
    match name {
        "基本支出" => c.basic(),
        "人员经费" => c.personnel(),
        "工资福利" => c.wages,
        "对个人和家庭的补助" => c.family,
        "公用经费" => c.public,
        "项目支出" => c.project(),
        "其他运转类" => c.running,
        "特定目标类" => c.targeted,
        _ => c.total(),
    }
}

/// A short name for each source, as the tables head their columns.
fn source_name(s: Source) -> &'static str {
    match s {
        Source::General => "一般公共预算",
        Source::Fund => "政府性基金",
        Source::StateCapital => "国有资本经营预算",
        other => other.label(),
    }
}

impl Names {
    fn money(&mut self, name: &str, m: Money) {
        self.values.insert(name.to_owned(), Value::Money(m));
    }
    fn count(&mut self, name: &str, n: impl Into<u64>) {
        self.values.insert(name.to_owned(), Value::Count(n.into()));
    }
    fn text(&mut self, name: &str, t: impl Into<String>) {
        self.values.insert(name.to_owned(), Value::Text(t.into()));
    }
    fn percent(&mut self, name: &str, p: Decimal) {
        self.values.insert(name.to_owned(), Value::Percent(p));
    }
    /// `名称`, `名称上年`, `名称较上年`, `名称变动原因` and `名称上年口径` of a compared
    /// figure; the change as `from` takes it (of exact or of printed figures).
    fn compared(&mut self, c: &Compared, from: ChangeFrom) {
        let (name, previous) = (c.name, &c.previous);
        self.money(name, c.current);
        self.money(&format!("{name}上年"), previous.amount());
        self.values.insert(
            format!("{name}较上年"),
            Value::Change(from.change(c.current, previous.amount())),
        );
        self.text(
            &format!("{name}变动原因"),
            previous.reason.clone().unwrap_or_default(),
        );
        self.text(&format!("{name}上年口径"), previous.basis.label());
    }

    /// Every name of `d`, its changes against last year taken as `from` says. The one place
    /// where figures get their names.
    pub fn of(d: &Disclosure, f: &Figures, from: ChangeFrom) -> Names {
        let mut n = Names {
            unit: Some(d.money_unit),
            ..Names::default()
        };
        let i = &f.income;
        // Every figure compared with last year (收入总计, 一般公共预算支出, 三公经费, …).
        for c in &compared(d, f) {
            n.compared(c, from);
        }
        // The document.
        n.text("部门名称", &d.name);
        n.text("部门代码", &d.code);
        n.text("年度", d.year.to_string());
        n.text("上年度", (d.year - 1).to_string());
        // Totals of table 1.
        n.money("支出总计", f.expenditure_total);
        n.money("本年收入合计", i.year_total());
        n.money("上年结转结余", i.carryover_total());
        n.money("本年支出合计", f.year_expenditure);
        n.money("年终结转结余", d.year_end_balance);
        let mut sources = Vec::new();
        for (label, m) in i.by_source() {
            n.money(&format!("收入.{label}"), m);
            if !m.is_zero() {
                sources.push(entry(&[
                    ("名称", Value::Text(label.into())),
                    ("金额", Value::Money(m)),
                ]));
            }
        }
        n.lists.insert("收入来源".into(), sources);
        // Expenditure: all money, and each fund.
        let split = shares(&[f.all.basic(), f.all.project()], f.year_expenditure);
        n.money("基本支出", f.all.basic());
        n.money("项目支出", f.all.project());
        n.percent("基本支出占比", split[0]);
        n.percent("项目支出占比", split[1]);
        n.money("人员经费", f.all.personnel());
        n.money("公用经费", f.all.public);
        for (prefix, c) in [
            ("一般公共预算", &f.general),
            ("政府性基金", &f.fund),
            ("国有资本经营", &f.state_capital),
        ] {
            for comp in &COMPONENTS[1..] {
                n.money(&format!("{prefix}{comp}"), component(c, comp));
            }
        }
        let g = &f.general;
        let gsplit = shares(&[g.basic(), g.project()], g.total());
        n.percent("一般公共预算基本支出占比", gsplit[0]);
        n.percent("一般公共预算项目支出占比", gsplit[1]);
        let psplit = shares(&[g.personnel(), g.public], g.basic());
        n.percent("一般公共预算人员经费占比", psplit[0]);
        n.percent("一般公共预算公用经费占比", psplit[1]);
        // 政府采购, performance, assets.
        n.money("政府采购", f.procurement_total);
        n.money("政府采购货物", d.procurement.goods);
        n.money("政府采购工程", d.procurement.works);
        n.money("政府采购服务", d.procurement.services);
        n.count("绩效项目数", f.target_projects as u64);
        n.money("绩效项目金额", f.target_amount);
        n.count("项目数", d.projects.len() as u64);
        n.money("项目支出合计", f.project_total);
        n.count("预算单位数", d.units.len() as u64);
        // Units by kind (「下属{单位数.行政单位}家机关和{单位数.参公}家参公事业单位」).
        let u = &f.units;
        for (kind, c) in [
            ("行政单位", u.administrative),
            ("参公", u.civil_service),
            ("事业单位", u.institution),
            ("其他", u.other),
            ("总数", u.total),
        ] {
            n.count(&format!("单位数.{kind}"), c as u64);
        }
        n.text(
            "机关运行经费口径",
            match f.running_costs_basis {
                RunningCostsBasis::OrganUnits => "行政单位和参公事业单位的一般公共预算公用经费",
                RunningCostsBasis::AllPublic => "一般公共预算公用经费",
                RunningCostsBasis::Entered => "部门填报",
            },
        );
        let a = &d.assets;
        n.text("资产日期", &a.as_of);
        n.count("车辆", a.vehicles());
        for (_, name, c) in a.held().categories() {
            n.count(name, c);
        }
        n.count("通用设备50万元以上", a.general_equipment_over_50);
        n.count("专用设备100万元以上", a.special_equipment_over_100);
        let b = a.purchases.clone().unwrap_or_default();
        n.text("购置安排", if a.purchases.is_some() { "有" } else { "" });
        n.count("购置车辆", b.vehicles());
        for (_, name, c) in b.categories() {
            n.count(&format!("购置.{name}"), c);
        }
        // The department's texts of the narrative.
        let x = &d.narrative;
        n.text("因公出国费用途", &x.abroad_use);
        n.text("公务接待费用途", &x.reception_use);
        n.text("公务用车购置费用途", &x.vehicle_purchase_use);
        n.text("公务用车运行费用途", &x.vehicle_running_use);
        n.text("政府性基金用途", x.fund_use.clone().unwrap_or_default());
        n.text(
            "国有资本经营用途",
            x.state_capital_use.clone().unwrap_or_default(),
        );
        n.text("机关运行经费用途", &x.running_costs_use);
        n.text(
            "预算绩效管理",
            x.performance_management.clone().unwrap_or_default(),
        );
        n.text("重点项目绩效评价", &x.key_evaluation);
        n.text("专项转移支付", &x.transfer_payments);
        functional(&mut n, d);
        economic(&mut n, d);
        n
    }

    /// The names with values, sorted, as `gongkai figures` lists them; amounts as `shown`.
    pub fn listed(&self, shown: Shown) -> Vec<Listed> {
        let mut out: Vec<Listed> = self
            .values
            .iter()
            .map(|(name, v)| Listed {
                name: name.clone(),
                kind: v.kind(),
                value: match v {
                    Value::Money(m) | Value::Change(m) => shown.money(*m).plain(),
                    Value::Count(c) => c.to_string(),
                    Value::Percent(p) => percent(*p),
                    Value::Text(t) => t.clone(),
                    Value::List(l) => format!("{}项", l.len()),
                },
            })
            .collect();
        for (name, entries) in &self.lists {
            out.push(Listed {
                name: name.clone(),
                kind: "列表",
                value: format!(
                    "{}项；每项有 {}",
                    entries.len(),
                    entries
                        .first()
                        .map(|e| e
                            .keys()
                            .map(|k| format!(".{k}"))
                            .collect::<Vec<_>>()
                            .join(" "))
                        .unwrap_or_default()
                ),
            });
        }
        out
    }

    /// The known names nearest to `unknown` (edit distance), for a message.
    pub fn nearest(&self, unknown: &str) -> Vec<String> {
        let mut scored: Vec<(usize, &String)> = self
            .values
            .keys()
            .chain(self.lists.keys())
            .map(|k| (strsim::levenshtein(unknown, k), k))
            .collect();
        scored.sort();
        let limit = (unknown.chars().count() / 2).max(2);
        scored
            .into_iter()
            .filter(|(d, _)| *d <= limit)
            .take(3)
            .map(|(_, k)| k.clone())
            .collect()
    }
}

pub(crate) fn entry(fields: &[(&str, Value)]) -> BTreeMap<String, Value> {
    fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// `功能.201`, `功能.20113`, `功能.2011350`, each with `.来源` and `.来源.组成` where not
/// zero; and the list `科目` of 项 with 一般公共预算 money (the per-科目 narrative).
fn functional(n: &mut Names, d: &Disclosure) {
    let mut sums: BTreeMap<String, BTreeMap<(Option<&str>, &str), Money>> = BTreeMap::new();
    for l in &d.expenditure {
        // A line's parts once, not once per 类, 款 and 项; a source's zero parts add nothing
        // (and a zero sum is not named), so only 合计 of all money is kept when zero.
        let all = l.all();
        let mut parts = Vec::new();
        for comp in COMPONENTS {
            parts.push(((None, *comp), component(&all, comp)));
            for src in Source::ALL {
                let m = component(l.source(src), comp);
                if !m.is_zero() {
                    parts.push(((Some(source_name(src)), *comp), m));
                }
            }
        }
        for code in [l.code.get(..3), l.code.get(..5), Some(l.code.as_str())]
            .into_iter()
            .flatten()
        {
            let s = sums.entry(code.to_owned()).or_default();
            for (key, m) in &parts {
                *s.entry(*key).or_default() += *m;
            }
        }
    }
    for (code, s) in &sums {
        if let Some(name) =
            crate::content::codes::subject_name(&d.subject_names, code).or_else(|| {
                d.expenditure
                    .iter()
                    .find(|l| l.code == *code)
                    .map(|l| l.name.as_str())
            })
        {
            n.text(&format!("功能.{code}.名称"), name);
        }
        for ((src, comp), m) in s {
            let name = match (src, *comp) {
                (None, "合计") => format!("功能.{code}"),
                (None, comp) => format!("功能.{code}.{comp}"),
                (Some(src), "合计") => format!("功能.{code}.{src}"),
                (Some(src), comp) => format!("功能.{code}.{src}.{comp}"),
            };
            if src.is_none() && *comp == "合计" || !m.is_zero() {
                n.money(&name, *m);
            }
        }
    }
    let mut subjects: BTreeMap<&str, (Money, &str, Option<&str>)> = BTreeMap::new();
    for l in &d.expenditure {
        let m = l.source(Source::General).total();
        if m.is_zero() {
            continue;
        }
        let e = subjects
            .entry(&l.code)
            .or_insert((Money::ZERO, &l.name, None));
        e.0 += m;
        e.2 = e.2.or(l.purpose.as_deref());
    }
    let name = |code: &str| {
        crate::content::codes::subject_name(&d.subject_names, code)
            .unwrap_or("")
            .to_owned()
    };
    let list = subjects
        .into_iter()
        .map(|(code, (m, item, purpose))| {
            entry(&[
                ("编码", Value::Text(code.into())),
                ("类", Value::Text(name(code.get(..3).unwrap_or(code)))),
                ("款", Value::Text(name(code.get(..5).unwrap_or(code)))),
                ("项", Value::Text(item.into())),
                ("金额", Value::Money(m)),
                ("用途", Value::Text(purpose.unwrap_or_default().into())),
            ])
        })
        .collect();
    n.lists.insert("科目".into(), list);
}

/// `经济.301` and `经济.30101`, all money and 一般公共预算, and the 款 名称.
fn economic(n: &mut Names, d: &Disclosure) {
    let mut sums: BTreeMap<String, (Money, Money)> = BTreeMap::new();
    for l in &d.economic {
        for code in [l.code.get(..3), Some(l.code.as_str())]
            .into_iter()
            .flatten()
        {
            let s = sums.entry(code.to_owned()).or_default();
            s.0 += l.all().total();
            s.1 += l.source(Source::General).total();
        }
        n.text(&format!("经济.{}.名称", l.code), &l.name);
    }
    for (code, (all, general)) in sums {
        n.money(&format!("经济.{code}"), all);
        if !general.is_zero() {
            n.money(&format!("经济.{code}.一般公共预算"), general);
        }
    }
}
