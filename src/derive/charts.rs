//! What the charts show, as data: each chart a [`Series`] of parts computed from the figures
//! and the facts (never from typed totals), with its texts and the table that holds the same
//! numbers. `render::charts` draws them as SVG.

use super::chart_facts::ChartFacts;
use super::figures::{BySource, Figures, Source, percent, shares};
use super::table_view::TableView;
use super::tables::class_totals;
use crate::content::codes;
use crate::content::model::{Disclosure, MoneyUnit};
use crate::content::money::{Money, Shown};
use crate::content::profile::Profile;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many economic items a chart names before grouping the rest as 其他.
pub const TOP_ECONOMIC: usize = 8;
/// How many 功能分类 类 a chart names before grouping the rest.
pub const TOP_FUNCTIONS: usize = 10;
/// How many departments the year ranking names before grouping the rest.
pub const TOP_DEPARTMENTS: usize = 15;

#[derive(Debug, Clone, Serialize)]
pub struct FunctionRow {
    pub code: String,
    pub name: String,
    pub amount: String,
    pub share: String,
}

/// One part of a chart.
#[derive(Debug, Clone)]
pub struct Part {
    pub label: String,
    pub amount: Money,
    /// The grouped rest (其他), drawn in grey.
    pub other: bool,
    /// Drawn emphasised (the current year in a trend).
    pub current: bool,
}

impl Part {
    pub fn new(label: impl Into<String>, amount: Money) -> Part {
        Part {
            label: label.into(),
            amount,
            other: false,
            current: false,
        }
    }
    /// The amount as a drawing coordinate (never used for arithmetic on money).
    pub fn f64(&self) -> f64 {
        self.amount.0.to_f64().unwrap_or(0.0)
    }
}

/// Where a chart's numbers are tabulated.
#[derive(Debug, Clone)]
pub struct TableRef {
    pub href: String,
    pub label: String,
}

/// Everything a chart shows and says.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: String,
    /// `<title>`: names the department and year, so the chart stands alone.
    pub title: String,
    pub caption: String,
    /// Opening of `<desc>`, e.g. `2024年本年支出合计1042.10万元，其中：`.
    pub intro: String,
    /// Caption in the donut's hole.
    pub center: String,
    pub unit: &'static str,
    /// The whole the shares refer to.
    pub whole: Money,
    pub parts: Vec<Part>,
    pub table: TableRef,
}

/// The series of a disclosure page's charts (see `render::charts::DisclosureCharts`).
pub struct DisclosureSeries {
    pub trend: Option<Series>,
    pub income: Series,
    pub basic_project: Series,
    pub functions: Series,
    pub economic: Series,
    pub personnel_public: Series,
    pub three_public: Series,
}

/// The series of a year page's charts, with the table of function sums beside them.
pub struct YearSeries {
    pub unit: &'static str,
    pub departments: Series,
    pub functions: Series,
    pub function_rows: Vec<FunctionRow>,
    pub function_total: String,
}

/// Converts an amount between the units disclosures are written in.
pub fn convert(m: Money, from: MoneyUnit, to: MoneyUnit) -> Money {
    m.convert(from, to)
}

/// Keeps the `n` largest parts (ties by label) and groups the rest as one 其他 part; the
/// parts come back largest first.
pub fn top_and_rest(mut parts: Vec<Part>, n: usize, rest_label: &str) -> Vec<Part> {
    parts.retain(|p| !p.amount.is_zero());
    parts.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.label.cmp(&b.label)));
    if parts.len() > n + 1 {
        let rest: Money = parts[n..].iter().map(|p| p.amount).sum();
        let count = parts.len() - n;
        parts.truncate(n);
        parts.push(Part {
            label: rest_label.replace("{n}", &count.to_string()),
            amount: rest,
            other: true,
            current: false,
        });
    }
    parts
}

/// The first published table of `keys` (what a table shows, see `profile::KINDS`), named as
/// the annex names it; a chart whose numbers no published table holds points to the annex.
pub fn table_ref(tables: &[TableView], keys: &[&str]) -> TableRef {
    match keys
        .iter()
        .find_map(|k| tables.iter().find(|t| t.key == *k))
    {
        Some(t) => TableRef {
            href: format!("#{}", t.id),
            label: format!("附件表{} {}", t.number, t.name),
        },
        None => TableRef {
            href: "#annex".into(),
            label: "附件预算表".to_owned(),
        },
    }
}

/// What each chart of a disclosure page shows, or `None` for the trend with one year only.
/// `earlier` holds the same department's disclosures of earlier years (any order); later
/// years are ignored so that a published page never changes when a new year is added.
pub fn disclosure_series(
    d: &Disclosure,
    f: &Figures,
    tables: &[TableView],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureSeries {
    // Charts illustrate the text beside them, so they speak its unit (普陀's tables are in
    // 元, its text in 万元); each amount is converted last.
    let shown = profile.narrative_shown(d.money_unit);
    let unit = shown.unit();
    let m = |x: Money| shown.money(x);
    let prose = |x: Money| shown.money(x).prose();
    let part = |label: &str, x: Money| Part::new(label, m(x));
    let head = format!("{}{}年", d.name, d.year);
    let series = |id: &str, caption: &str, table: &[&str]| Series {
        id: format!("chart-{id}"),
        title: format!("{head}{caption}"),
        caption: caption.to_owned(),
        intro: String::new(),
        center: String::new(),
        unit,
        whole: Money::ZERO,
        parts: Vec::new(),
        table: table_ref(tables, table),
    };

    let i = &f.income;
    let income = Series {
        intro: format!(
            "{}年本年收入合计{}{unit}，其中：",
            d.year,
            prose(i.year_total())
        ),
        center: "本年收入合计".into(),
        whole: m(i.year_total()),
        parts: i
            .by_source()
            .iter()
            .filter(|(_, x)| !x.is_zero())
            .map(|(l, x)| part(l, *x))
            .collect(),
        ..series("income", "收入预算构成", &["income_expenditure"])
    };

    let basic_project = Series {
        intro: format!(
            "{}年本年支出合计{}{unit}，其中：",
            d.year,
            prose(f.year_expenditure)
        ),
        center: "本年支出合计".into(),
        whole: m(f.year_expenditure),
        parts: vec![
            part("基本支出", f.all.basic()),
            part("项目支出", f.all.project()),
        ],
        ..series("basic-project", "基本支出与项目支出", &["expenditure"])
    };

    let by_class = class_totals(d, &Source::ALL);
    let function_parts = by_class
        .iter()
        .map(|(code, c)| {
            // The 类 as the disclosure's tables name it (`subject_names`), else gongkai's name.
            let name = codes::subject_name(&d.subject_names, code)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("功能分类{code}"));
            Part::new(name, m(c.total()))
        })
        .collect();
    let functions = Series {
        intro: format!(
            "{}年本年支出合计{}{unit}，按支出功能分类（类），从高到低：",
            d.year,
            prose(f.year_expenditure)
        ),
        whole: m(f.year_expenditure),
        parts: top_and_rest(function_parts, TOP_FUNCTIONS, "其他{n}类"),
        ..series("functions", "支出按功能分类", &["income_expenditure"])
    };

    let mut by_code: BTreeMap<&str, Part> = BTreeMap::new();
    for l in &d.economic {
        let e = by_code
            .entry(l.code.as_str())
            .or_insert_with(|| Part::new(l.name.clone(), Money::ZERO));
        e.amount += l.all().total();
    }
    let economic_whole = m(by_code.values().map(|p| p.amount).sum());
    for p in by_code.values_mut() {
        p.amount = m(p.amount);
    }
    let economic = Series {
        intro: format!(
            "{}年按支出经济分类（款），支出合计{}{unit}，金额最大的项目从高到低：",
            d.year,
            economic_whole.prose()
        ),
        whole: economic_whole,
        parts: top_and_rest(by_code.into_values().collect(), TOP_ECONOMIC, "其他{n}项"),
        ..series(
            "economic",
            "支出经济分类：金额最大的项目",
            &["economic", "general_basic"],
        )
    };

    let (personnel, public) = f.general_personnel_public();
    let personnel_public = Series {
        intro: format!(
            "{}年一般公共预算基本支出{}{unit}，其中：",
            d.year,
            prose(f.general.basic())
        ),
        center: "基本支出".into(),
        whole: m(f.general.basic()),
        parts: vec![part("人员经费", personnel), part("公用经费", public)],
        ..series(
            "personnel-public",
            "一般公共预算基本支出构成",
            &["general_basic"],
        )
    };

    let t = &f.three_public;
    let three_public = Series {
        intro: format!(
            "{}年“三公”经费预算{}{unit}，其中：",
            d.year,
            prose(t.total())
        ),
        center: "“三公”经费".into(),
        whole: m(t.total()),
        parts: vec![
            part("因公出国（境）费", t.abroad),
            part("公务用车运行维护费", t.vehicle_running),
            part("公务接待费", t.reception),
            part("公务用车购置费", t.vehicle_purchase),
        ],
        ..series("three-public", "“三公”经费构成", &["three_public"])
    };

    let mut years: Vec<(u16, Money)> = earlier
        .iter()
        .filter(|e| e.code == d.code && e.year < d.year)
        .map(|e| {
            (
                e.year,
                Shown {
                    from: e.unit,
                    ..shown
                }
                .money(e.total),
            )
        })
        .collect();
    years.sort_by_key(|(y, _)| *y);
    years.dedup_by_key(|(y, _)| *y);
    years.push((d.year, m(f.income_total)));
    let trend = (years.len() >= 2).then(|| Series {
        intro: format!("{}历年收入总计（等于支出总计）：", d.name),
        parts: years
            .iter()
            .map(|(y, m)| Part {
                current: *y == d.year,
                ..Part::new(format!("{y}年"), *m)
            })
            .collect(),
        ..series("trend", "历年收支总计", &["income_expenditure"])
    });

    DisclosureSeries {
        trend,
        income,
        basic_project,
        functions,
        economic,
        personnel_public,
        three_public,
    }
}

/// The charts of a year page: departments ranked by total budget, and expenditure by
/// 功能分类 类 summed over every department of the year.
/// The charts are in the profile's unit: amounts are converted exactly, summed, and rounded
/// as the profile says only when some department's file is in another unit.
pub fn year_series(year: u16, ds: &[&ChartFacts], profile: &Profile) -> YearSeries {
    let unit_kind = profile.unit;
    let unit = unit_kind.label();
    let converts = ds.iter().any(|d| d.unit != unit_kind);
    let shown = |m: Money| {
        if converts {
            m.rounded(profile.rounding)
        } else {
            m
        }
    };
    let mut totals = Vec::new();
    let mut exact_total = Money::ZERO;
    let mut classes: BTreeMap<String, Money> = BTreeMap::new();
    for d in ds {
        let total = convert(d.total, d.unit, unit_kind);
        exact_total += total;
        totals.push(Part::new(d.name.clone(), shown(total)));
        for (code, m) in &d.classes {
            *classes.entry((*code).to_owned()).or_default() += convert(*m, d.unit, unit_kind);
        }
    }
    let class_whole = shown(classes.values().sum());
    for m in classes.values_mut() {
        *m = shown(*m);
    }
    let all_total = shown(exact_total);
    let departments = Series {
        id: "chart-year-departments".into(),
        title: format!("{year}年度各部门预算总额排名"),
        caption: "各部门预算总额排名".into(),
        intro: format!(
            "{year}年度{}个部门预算总额合计{}{unit}，从高到低：",
            ds.len(),
            all_total.prose()
        ),
        center: String::new(),
        unit,
        whole: all_total,
        parts: top_and_rest(totals, TOP_DEPARTMENTS, "其余{n}个部门"),
        table: TableRef {
            href: "#departments".into(),
            label: "本页各部门预算总额表".into(),
        },
    };

    let class_parts: Vec<Part> = classes
        .iter()
        .map(|(code, m)| {
            Part::new(
                codes::function_class_name(code)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("功能分类{code}")),
                *m,
            )
        })
        .collect();
    let row_shares = shares(
        &class_parts.iter().map(|p| p.amount).collect::<Vec<_>>(),
        class_whole,
    );
    let function_rows = classes
        .keys()
        .zip(&class_parts)
        .zip(&row_shares)
        .filter(|((_, p), _)| !p.amount.is_zero())
        .map(|((code, p), s)| FunctionRow {
            code: code.clone(),
            name: p.label.clone(),
            amount: p.amount.table(),
            share: percent(*s),
        })
        .collect();
    let functions = Series {
        id: "chart-year-functions".into(),
        title: format!("{year}年度全部部门支出按功能分类汇总"),
        caption: "全部部门支出按功能分类汇总".into(),
        intro: format!(
            "{year}年度{}个部门本年支出合计{}{unit}，按支出功能分类（类），从高到低：",
            ds.len(),
            class_whole.prose()
        ),
        center: String::new(),
        unit,
        whole: class_whole,
        parts: top_and_rest(class_parts, TOP_FUNCTIONS, "其他{n}类"),
        table: TableRef {
            href: "#year-functions".into(),
            label: "本页按功能分类汇总表".into(),
        },
    };
    YearSeries {
        unit,
        departments,
        functions,
        function_rows,
        function_total: class_whole.table(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn converts_between_yuan_and_wan_yuan_exactly() {
        let wan = MoneyUnit::TenThousandYuan;
        let yuan = MoneyUnit::Yuan;
        assert_eq!(convert(m("10421000"), yuan, wan), m("1042.10"));
        assert_eq!(convert(m("1042.10"), wan, yuan), m("10421000"));
        assert_eq!(convert(m("5"), wan, wan), m("5"));
    }

    #[test]
    fn keeps_the_largest_and_groups_the_rest() {
        let parts: Vec<Part> = [("a", "1"), ("b", "5"), ("c", "3"), ("d", "0"), ("e", "2")]
            .iter()
            .map(|(l, a)| Part::new(*l, m(a)))
            .collect();
        let top = top_and_rest(parts.clone(), 2, "其他{n}项");
        let got: Vec<(&str, String)> = top
            .iter()
            .map(|p| (p.label.as_str(), p.amount.prose()))
            .collect();
        assert_eq!(
            got,
            [
                ("b", "5".into()),
                ("c", "3".into()),
                ("其他2项", "3".into())
            ]
        );
        assert!(top[2].other);
        // One left over is shown as itself, not as a group of one.
        assert_eq!(top_and_rest(parts, 3, "其他{n}项").len(), 4);
    }
}
