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
pub use crate::derive::chart_facts::ChartFacts;
use crate::derive::figures::{BySource, Figures, Source, percent, shares};
use crate::derive::table_view::TableView;
use crate::derive::tables::class_totals;
use layout::{text_width, wrap};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::collections::BTreeMap;
use svg::Svg;

mod views;
pub use views::*;

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
