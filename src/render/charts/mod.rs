//! Charts: the budget at a glance, drawn at build time as accessible inline SVG.
//!
//! Each chart is a [`Series`] of parts computed from [`Figures`] and the facts (never from
//! typed totals), drawn by [`donut`] or [`bar`], and handed to templates as a ready
//! [`ChartView`]. Every `<svg>` has `role="img"`, a `<title>`, a `<desc>` that states the
//! figures in words, and a link to the annex table holding the same numbers.
//!
//! Output is deterministic: coordinates are written with fixed precision, ids derive from
//! the chart's name, and iteration follows codes or amounts, never hash order.

pub mod bar;
pub mod donut;
pub mod layout;
pub mod svg;

use crate::content::codes;
use crate::content::model::{Disclosure, MoneyUnit};
use crate::content::money::{Money, Shown};
use crate::content::profile::Profile;
use crate::derive::figures::{BySource, Figures, Source, percent, shares};
use crate::derive::tables::class_totals;
use crate::render::table::TableView;
use layout::{text_width, wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::collections::BTreeMap;
use svg::Svg;

/// How many economic items a chart names before grouping the rest as 其他.
pub const TOP_ECONOMIC: usize = 8;
/// How many 功能分类 类 a chart names before grouping the rest.
pub const TOP_FUNCTIONS: usize = 10;
/// How many departments the year ranking names before grouping the rest.
pub const TOP_DEPARTMENTS: usize = 15;

/// One chart, ready for a template: `svg` is complete, escaped markup for `| safe`.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Page-unique id, e.g. `chart-income`.
    pub id: String,
    /// Short caption shown under the chart.
    pub caption: String,
    /// The table with the same numbers, e.g. `#table-03`.
    pub table_href: String,
    /// Its name, e.g. `附件表三 部门支出预算表`.
    pub table_label: String,
    pub svg: String,
}

/// The charts of one disclosure page, each placed beside the narrative section it
/// illustrates. A chart is absent when its data has fewer than two parts to compare.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DisclosureCharts {
    /// 一 收入支出总体: totals across the years in `content/` (two years or more).
    pub trend: Option<ChartView>,
    /// 二 收入: income by source.
    pub income: Option<ChartView>,
    /// 三 支出: basic vs project.
    pub basic_project: Option<ChartView>,
    /// 三 支出: by 功能分类 类.
    pub functions: Option<ChartView>,
    /// 三 支出: the largest economic classification items.
    pub economic: Option<ChartView>,
    /// 六 一般公共预算基本支出: personnel vs public.
    pub personnel_public: Option<ChartView>,
    /// 七 “三公”经费.
    pub three_public: Option<ChartView>,
}

/// The charts of a year page, with the table that holds the function sums.
#[derive(Debug, Clone, Default, Serialize)]
pub struct YearCharts {
    /// The unit the year's charts are shown in (万元 unless every department uses 元).
    pub unit: &'static str,
    pub departments: Option<ChartView>,
    pub functions: Option<ChartView>,
    /// Expenditure by 类 over all departments (the table beside `functions`).
    pub function_rows: Vec<FunctionRow>,
    pub function_total: String,
}

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

impl Series {
    fn view(&self, svg: String) -> ChartView {
        ChartView {
            id: self.id.clone(),
            caption: self.caption.clone(),
            table_href: self.table.href.clone(),
            table_label: self.table.label.clone(),
            svg,
        }
    }
}

/// A fill of the palette: Okabe–Ito colours (safe for the common colour-vision
/// deficiencies), ordered so that neighbours alternate dark and light, with a texture on
/// those whose grey levels would otherwise coincide in greyscale print. Ten styles cover the
/// nine income sources and 其他 without repeating.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub base: &'static str,
    /// A texture over the base, drawn in the given colour.
    pub pattern: Option<(Pattern, &'static str)>,
    /// Dark enough for white text.
    pub dark: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Hatch,
    Dots,
    Cross,
    BackHatch,
}

const fn style(base: &'static str, pattern: Option<(Pattern, &'static str)>, dark: bool) -> Style {
    Style {
        base,
        pattern,
        dark,
    }
}

const WHITE: &str = "#ffffff";
const DARK: &str = "#1a1a1a";

pub const PALETTE: [Style; 10] = [
    style("#0072B2", None, true),
    style("#E69F00", None, false),
    style("#009E73", Some((Pattern::Hatch, WHITE)), true),
    style("#56B4E9", Some((Pattern::Dots, DARK)), false),
    style("#D55E00", Some((Pattern::Cross, WHITE)), true),
    style("#F0E442", None, false),
    style("#CC79A7", Some((Pattern::BackHatch, WHITE)), true),
    style("#0072B2", Some((Pattern::Dots, WHITE)), true),
    style("#E69F00", Some((Pattern::BackHatch, DARK)), false),
    style("#009E73", None, true),
];

/// 其他 (the grouped rest) is always neutral grey.
pub const OTHER: Style = style("#BBBBBB", None, false);

pub fn style_for(i: usize, other: bool) -> Style {
    if other {
        OTHER
    } else {
        PALETTE[i % PALETTE.len()]
    }
}

/// The `fill` value for part `i`, defining its pattern in the chart when it has one.
pub fn fill_for(svg: &mut Svg, i: usize, other: bool) -> String {
    let s = style_for(i, other);
    let Some((p, ink)) = s.pattern else {
        return s.base.to_owned();
    };
    let id = format!("{}-p{}", svg.id, i % PALETTE.len());
    let line = |w: &str, h: &str| {
        format!("<rect width=\"{w}\" height=\"{h}\" fill=\"{ink}\" fill-opacity=\"0.55\"/>")
    };
    let (size, marks, rotate) = match p {
        Pattern::Hatch => (6, line("2", "6"), " patternTransform=\"rotate(45)\""),
        Pattern::BackHatch => (6, line("2", "6"), " patternTransform=\"rotate(-45)\""),
        Pattern::Cross => (
            6,
            line("1.5", "6") + &line("6", "1.5"),
            " patternTransform=\"rotate(45)\"",
        ),
        Pattern::Dots => (
            5,
            format!(
                "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"{ink}\" fill-opacity=\"0.55\"/>"
            ),
            "",
        ),
    };
    svg.def(
        &id,
        &format!(
            "<pattern id=\"{id}\" width=\"{size}\" height=\"{size}\" patternUnits=\"userSpaceOnUse\"{rotate}><rect width=\"{size}\" height=\"{size}\" fill=\"{}\"/>{marks}</pattern>",
            s.base
        ),
    );
    format!("url(#{id})")
}

/// Right edges of the amount and share columns of a legend or bar list, and the left edge
/// of the amounts (where names must stop).
pub struct Columns {
    pub value_left: f64,
    pub value_right: f64,
    pub share_right: f64,
}

pub fn legend_columns(parts: &[Part], unit: &str, size: f64, right: f64) -> Columns {
    let share_w = text_width("100.00%", size);
    let value_w = parts
        .iter()
        .map(|p| text_width(&format!("{}{unit}", p.amount.table()), size))
        .fold(0.0, f64::max);
    let value_right = right - share_w - 8.0;
    Columns {
        value_left: value_right - value_w,
        value_right,
        share_right: right,
    }
}

/// The link to the table under a chart; returns the bottom of its last line.
pub fn table_link(svg: &mut Svg, table: &TableRef, x: f64, y: f64, max: f64) -> f64 {
    let size: f64 = 12.0;
    let step = (size * 1.45).round();
    let lines = wrap(&format!("数据见{}", table.label), size, max);
    let first = y + size * layout::ASCENT;
    svg.link(&lines, x, first, size, step);
    first + step * (lines.len() - 1) as f64 + size * layout::DESCENT
}

/// The `<desc>`: every part in words with its amount and share, as the narrative writes
/// them (e.g. `基本支出883.70万元，占84.80%`).
pub fn describe(s: &Series, share: &[Decimal]) -> String {
    let parts: Vec<String> = s
        .parts
        .iter()
        .zip(share)
        .map(|(p, sh)| {
            format!(
                "{}{}{}，占{}",
                p.label,
                p.amount.prose(),
                s.unit,
                percent(*sh)
            )
        })
        .collect();
    format!("{}{}。数据见{}。", s.intro, parts.join("；"), s.table.label)
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
fn table_ref(tables: &[TableView], keys: &[&str]) -> TableRef {
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

fn nonzero(parts: &[Part]) -> usize {
    parts.iter().filter(|p| !p.amount.is_zero()).count()
}

/// Draws a donut when there are at least two parts to compare.
fn donut_view(s: Series) -> Option<ChartView> {
    (nonzero(&s.parts) >= 2).then(|| s.view(donut::donut(&s)))
}

/// Draws horizontal bars when there are at least two parts to compare.
fn bars_view(s: Series) -> Option<ChartView> {
    if nonzero(&s.parts) < 2 {
        return None;
    }
    // Drawing into a String cannot fail; should plotters ever report an error, the page
    // goes without this chart rather than the build failing.
    bar::bars(&s).ok().map(|svg| s.view(svg))
}

/// All charts of one disclosure. `earlier` holds the same department's disclosures of
/// earlier years (any order); later years are ignored so that a published page never
/// changes when a new year is added.
/// What the trend and year charts need of one disclosure. Small, so that a streaming build
/// can keep one per department-year instead of the whole disclosure.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartFacts {
    pub code: String,
    pub year: u16,
    pub name: String,
    pub unit: MoneyUnit,
    /// 收入总计.
    pub total: Money,
    /// Expenditure per 功能分类 类, over all sources.
    pub classes: BTreeMap<String, Money>,
}

impl ChartFacts {
    pub fn of(d: &Disclosure, f: &Figures) -> ChartFacts {
        ChartFacts {
            code: d.code.clone(),
            year: d.year,
            name: d.name.clone(),
            unit: d.money_unit,
            total: f.income_total,
            classes: class_totals(d, &Source::ALL)
                .into_iter()
                .map(|(k, c)| (k, c.total()))
                .collect(),
        }
    }
}

pub fn disclosure_charts(
    d: &Disclosure,
    f: &Figures,
    tables: &[TableView],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureCharts {
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
    let trend = (years.len() >= 2).then(|| {
        let s = Series {
            intro: format!("{}历年收入总计（等于支出总计）：", d.name),
            parts: years
                .iter()
                .map(|(y, m)| Part {
                    current: *y == d.year,
                    ..Part::new(format!("{y}年"), *m)
                })
                .collect(),
            ..series("trend", "历年收支总计", &["income_expenditure"])
        };
        bar::columns(&s).ok().map(|svg| s.view(svg))
    });

    DisclosureCharts {
        trend: trend.flatten(),
        income: donut_view(income),
        basic_project: donut_view(basic_project),
        functions: bars_view(functions),
        economic: bars_view(economic),
        personnel_public: donut_view(personnel_public),
        three_public: donut_view(three_public),
    }
}

/// The charts of a year page: departments ranked by total budget, and expenditure by
/// 功能分类 类 summed over every department of the year.
/// The charts are in the profile's unit: amounts are converted exactly, summed, and rounded
/// as the profile says only when some department's file is in another unit.
pub fn year_charts(year: u16, ds: &[&ChartFacts], profile: &Profile) -> YearCharts {
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
            *classes.entry(code.clone()).or_default() += convert(*m, d.unit, unit_kind);
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
    YearCharts {
        unit,
        departments: bars_view(departments),
        functions: bars_view(functions),
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
