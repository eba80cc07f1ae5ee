//! Charts: the budget at a glance, drawn at build time as accessible inline SVG.
//!
//! Each chart is a [`Series`] of parts, computed in `derive::charts` from the figures and
//! the facts (never from typed totals), drawn here by [`donut`] or [`bar`], and handed to
//! templates as a ready [`ChartView`]. Every `<svg>` has `role="img"`, a `<title>`, a `<desc>` that states the
//! figures in words, and a link to the annex table holding the same numbers.
//!
//! Output is deterministic: coordinates are written with fixed precision, ids derive from
//! the chart's name, and iteration follows codes or amounts, never hash order.

pub mod bar;
pub mod donut;
pub mod layout;
pub mod svg;

use crate::content::model::Disclosure;
use crate::content::profile::Profile;
pub use crate::derive::chart_facts::ChartFacts;
use crate::derive::charts::{DisclosureSeries, YearSeries};
pub use crate::derive::charts::{
    FunctionRow, Part, Series, TOP_DEPARTMENTS, TOP_ECONOMIC, TOP_FUNCTIONS, TableRef, convert,
    top_and_rest,
};
use crate::derive::figures::{Figures, percent};
use crate::derive::table_view::TableView;
use layout::{text_width, wrap};
use rust_decimal::Decimal;
use serde::Serialize;
use svg::Svg;

mod views;
pub use views::*;

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

/// A drawn series as the template gets it.
fn view(s: &Series, svg: String) -> ChartView {
    ChartView {
        id: s.id.clone(),
        caption: s.caption.clone(),
        table_href: s.table.href.clone(),
        table_label: s.table.label.clone(),
        svg,
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

fn nonzero(parts: &[Part]) -> usize {
    parts.iter().filter(|p| !p.amount.is_zero()).count()
}

/// Draws a donut when there are at least two parts to compare.
fn donut_view(s: Series) -> Option<ChartView> {
    (nonzero(&s.parts) >= 2).then(|| view(&s, donut::donut(&s)))
}

/// Draws horizontal bars when there are at least two parts to compare.
fn bars_view(s: Series) -> Option<ChartView> {
    if nonzero(&s.parts) < 2 {
        return None;
    }
    // Drawing into a String cannot fail; should plotters ever report an error, the page
    // goes without this chart rather than the build failing.
    bar::bars(&s).ok().map(|svg| view(&s, svg))
}
