//! The charts of a disclosure page and of a year page, drawn from their series.

use super::*;

/// All charts of one disclosure (see [`crate::derive::charts::disclosure_series`]).
pub fn disclosure_charts(
    d: &Disclosure,
    f: &Figures,
    tables: &[TableView],
    profile: &Profile,
    earlier: &[&ChartFacts],
) -> DisclosureCharts {
    let s: DisclosureSeries =
        crate::derive::charts::disclosure_series(d, f, tables, profile, earlier);
    let trend = s
        .trend
        .and_then(|t| bar::columns(&t).ok().map(|svg| view(&t, svg)));
    DisclosureCharts {
        trend,
        income: donut_view(s.income),
        basic_project: donut_view(s.basic_project),
        functions: bars_view(s.functions),
        economic: bars_view(s.economic),
        personnel_public: donut_view(s.personnel_public),
        three_public: donut_view(s.three_public),
    }
}

/// The charts of a year page (see [`crate::derive::charts::year_series`]).
pub fn year_charts(year: u16, ds: &[&ChartFacts], profile: &Profile) -> YearCharts {
    let s: YearSeries = crate::derive::charts::year_series(year, ds, profile);
    YearCharts {
        unit: s.unit,
        departments: bars_view(s.departments),
        functions: bars_view(s.functions),
        function_rows: s.function_rows,
        function_total: s.function_total,
    }
}
