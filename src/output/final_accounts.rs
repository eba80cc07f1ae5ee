//! The page of a 决算 (`<year>/final/<code>/index.html`) and its JSON download: the nine
//! tables, the 情况说明 and the 预算执行 view (预算数 against 决算数 per 类, as a chart with
//! the same figures in a table beside it). The template gets every figure and every bar
//! position ready-made.

use crate::content::load::Loaded;
use crate::content::problem::{Problem, Problems};
use crate::final_accounts::execution::{self, ExecutionRow};
use crate::final_accounts::model::FinalAccounts;
use crate::final_accounts::narrative::{self, Section};
use crate::final_accounts::tables::{self, FaTable};
use crate::output::BuildError;
use crate::output::freeze;
use crate::output::write::Output;
use serde::Serialize;
use std::path::Path;

/// One bar pair of the 预算执行 chart, in SVG user units.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub label: String,
    pub y: u32,
    pub budget_width: u32,
    pub actual_width: u32,
    pub budget: String,
    pub actual: String,
    pub rate: String,
}

#[derive(Debug, Serialize)]
pub struct ExecutionView {
    pub rows: Vec<ExecutionCells>,
    pub bars: Vec<Bar>,
    pub height: u32,
    /// The chart's text alternative: every figure, in words.
    pub desc: String,
}

#[derive(Debug, Serialize)]
pub struct ExecutionCells {
    pub code: String,
    pub name: String,
    pub budget: String,
    pub actual: String,
    pub rate: String,
}

#[derive(Debug, Serialize)]
pub struct FinalView {
    pub name: String,
    pub year: u16,
    pub code: String,
    pub units: Vec<crate::final_accounts::model::AccountUnit>,
    pub duties: Vec<String>,
    pub tables: Vec<FaTable>,
    pub sections: Vec<Section>,
    pub execution: ExecutionView,
    /// Link to the same year's 部门预算 page, when the site has it.
    pub budget_link: Option<String>,
    /// Link to the year's page, when the site publishes budgets of that year.
    pub year_link: Option<String>,
    pub json: String,
    /// The nine tables as CSV: (label, file name).
    pub csv: Vec<(String, String)>,
    /// The department's page across years, when it has budget pages.
    pub dept_link: Option<String>,
    pub corrections: Vec<crate::content::model::Correction>,
}

const BAR_MAX: u32 = 400;

fn rate_text(r: &ExecutionRow) -> String {
    r.rate
        .map(|x| format!("{x:.2}%"))
        .unwrap_or_else(|| "—".into())
}

fn execution_view(rows: &[ExecutionRow]) -> ExecutionView {
    let classes: Vec<&ExecutionRow> = rows.iter().filter(|r| !r.code.is_empty()).collect();
    let max = classes
        .iter()
        .map(|r| r.budget.max(r.actual))
        .max()
        .unwrap_or_default();
    let width = |m: crate::content::money::Money| -> u32 {
        if max.is_zero() {
            return 0;
        }
        let w = m.0 * rust_decimal::Decimal::from(BAR_MAX) / max.0;
        u32::try_from(w.round().mantissa()).unwrap_or(0) / 10u32.pow(w.round().scale())
    };
    let bars: Vec<Bar> = classes
        .iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: r.name.clone(),
            y: 10 + 50 * i as u32,
            budget_width: width(r.budget),
            actual_width: width(r.actual),
            budget: r.budget.plain(),
            actual: r.actual.plain(),
            rate: rate_text(r),
        })
        .collect();
    let desc = classes
        .iter()
        .map(|r| {
            format!(
                "{}：预算数{}万元，决算数{}万元，执行率{}",
                r.name,
                r.budget.plain(),
                r.actual.plain(),
                rate_text(r)
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    ExecutionView {
        rows: rows
            .iter()
            .map(|r| ExecutionCells {
                code: r.code.clone(),
                name: r.name.clone(),
                budget: r.budget.table(),
                actual: r.actual.table(),
                rate: rate_text(r),
            })
            .collect(),
        height: 20 + 50 * bars.len() as u32,
        bars,
        desc,
    }
}

/// The view of one 决算, with its 预算数 from the archived budget when the site has it.
pub fn view(root: &Path, d: &Loaded<FinalAccounts>) -> FinalView {
    let fa = &d.data;
    let budget_path = root
        .join("content")
        .join(fa.year.to_string())
        .join(format!("{}.yaml", fa.code));
    let archived = budget_path
        .is_file()
        .then(|| crate::content::load::load_disclosure(root, &budget_path).ok())
        .flatten();
    let (budgets, _) = execution::budgets(d, archived.as_ref().map(|b| &b.data));
    FinalView {
        name: fa.name.clone(),
        year: fa.year,
        code: fa.code.clone(),
        units: fa.units.clone(),
        duties: fa.duties.clone(),
        tables: tables::all(fa),
        sections: narrative::sections(fa, &budgets),
        execution: execution_view(&execution::by_class(fa, &budgets)),
        budget_link: archived.map(|_| format!("../../{}/index.html", fa.code)),
        year_link: year_has_budgets(root, fa.year).then(|| "../../index.html".to_string()),
        json: json_name(fa),
        csv: csv_links(fa),
        dept_link: dept_has_budgets(root, &fa.code)
            .then(|| format!("../../../dept/{}/index.html", fa.code)),
        corrections: fa.corrections.clone(),
    }
}

/// The CSV file of a 决算 table: `finance-2024-final-1-income_expenditure.csv`.
fn csv_name(fa: &FinalAccounts, i: usize, t: &FaTable) -> String {
    format!("{}-{}-final-{}-{}.csv", fa.code, fa.year, i + 1, t.key)
}

fn csv_links(fa: &FinalAccounts) -> Vec<(String, String)> {
    tables::all(fa)
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("{}. {}（CSV）", i + 1, t.title), csv_name(fa, i, t)))
        .collect()
}

/// Whether the department has a budget of some year: then `dept/<code>/` exists.
fn dept_has_budgets(root: &Path, code: &str) -> bool {
    std::fs::read_dir(root.join("content"))
        .map(|dir| {
            dir.filter_map(Result::ok).any(|e| {
                crate::content::load::is_year(&e.file_name().to_string_lossy())
                    && e.path().join(format!("{code}.yaml")).is_file()
            })
        })
        .unwrap_or(false)
}

/// Whether the year has a page: it does when it holds a budget file.
fn year_has_budgets(root: &Path, year: u16) -> bool {
    std::fs::read_dir(root.join("content").join(year.to_string()))
        .map(|dir| {
            dir.filter_map(Result::ok).any(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
            })
        })
        .unwrap_or(false)
}

pub fn json_name(fa: &FinalAccounts) -> String {
    format!("{}-{}-final.json", fa.code, fa.year)
}

/// Writes the pages of the kinds of disclosure beside the budget: every 单位预算 and every
/// 部门决算 of the site. Returns how many were written and the frozen figures that new
/// corrections let through (for the year's FROZEN file). `only_year` keeps one year (an
/// archive of that year).
pub fn write_all(
    root: &Path,
    output: &Output,
    only_year: Option<u16>,
) -> Result<(usize, Vec<freeze::Record>), BuildError> {
    let (units, mut records) = crate::output::unit_budget::write_all(root, output, only_year)?;
    let (finals, final_records) = write_finals(root, output, only_year)?;
    records.extend(final_records);
    Ok((units + finals, records))
}

/// Writes every 决算 page of the site. A 决算 that cannot be read or does not close stops
/// the build: an unbalanced 决算 is never published; nor is one of a frozen year whose
/// figures changed without a new correction.
fn write_finals(
    root: &Path,
    output: &Output,
    only_year: Option<u16>,
) -> Result<(usize, Vec<freeze::Record>), BuildError> {
    if crate::final_accounts::files(root).is_empty() {
        // A frozen year's 决算 may not vanish either.
        return frozen_check(root, &[], only_year).map(|r| (0, r));
    }
    let m = crate::content::load::scan(root)?;
    let (site, profile) = (&m.site.data, &m.profile);
    let tera = crate::render::templates(root, profile).map_err(BuildError::Failed)?;
    let checked = crate::final_accounts::site_check::check_site(root, profile);
    let mut stop = checked.unreadable;
    stop.extend(checked.findings);
    if !stop.is_empty() {
        return Err(BuildError::Input(Problems(stop)));
    }
    let (mut loaded, _) = crate::final_accounts::load_all(root);
    loaded.retain(|d| only_year.is_none_or(|y| y == d.data.year));
    let records = frozen_check(root, &loaded, only_year)?;
    for d in &loaded {
        let v = view(root, d);
        let dir = format!(
            "{}/{}/{}",
            v.year,
            crate::content::kind::Kind::FinalAccounts.slug(),
            v.code
        );
        let mut c = tera::Context::new();
        c.insert("site", site);
        c.insert("root", "../../../");
        c.insert("title", &format!("{}{}年度部门决算", v.name, v.year));
        c.insert("d", &v);
        let page = tera.render("final-accounts.html", &c).map_err(|e| {
            BuildError::Failed(format!(
                "rendering final-accounts.html for {} failed: {}",
                d.file.display(),
                crate::render::error_chain(&e)
            ))
        })?;
        output.write(&format!("{dir}/index.html"), page.as_bytes())?;
        let json = serde_json::json!({ "facts": &d.data, "tables": &v.tables, "execution": &v.execution.rows });
        let json = serde_json::to_vec_pretty(&json)
            .map_err(|e| BuildError::Failed(format!("JSON: {e}")))?;
        output.write(&format!("{dir}/{}", v.json), &json)?;
        for (i, t) in v.tables.iter().enumerate() {
            let csv = crate::output::cells_csv(&t.head, t.rows.iter().map(|r| r.cells.as_slice()));
            output.write(&format!("{dir}/{}", csv_name(&d.data, i, t)), &csv)?;
        }
    }
    Ok((loaded.len(), records))
}

/// Compares each 决算 of a frozen year with the year's FROZEN file; a frozen 决算 whose file
/// is gone is refused too.
fn frozen_check(
    root: &Path,
    loaded: &[Loaded<FinalAccounts>],
    only_year: Option<u16>,
) -> Result<Vec<freeze::Record>, BuildError> {
    let years = std::fs::read_dir(root.join("content"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u16>().ok())
        .filter(|y| only_year.is_none_or(|o| o == *y));
    let mut frozen = std::collections::BTreeMap::new();
    let mut problems = Vec::new();
    for y in years {
        match freeze::read(root, y) {
            Ok(Some(f)) => {
                frozen.insert(y, f);
            }
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    let mut records = Vec::new();
    for d in loaded {
        let Some(f) = frozen.get(&d.data.year) else {
            continue;
        };
        match freeze::compare_final(d, &freeze::final_fingerprint(&d.data), f) {
            Ok(r) => records.extend(r),
            Err(p) => problems.push(p),
        }
    }
    for (year, f) in &frozen {
        let present = |key: &str| {
            loaded
                .iter()
                .any(|d| d.data.year == *year && freeze::final_key(&d.data.code) == key)
        };
        let finals = |k: &&String| k.starts_with(&freeze::final_key(""));
        for key in f.keys().filter(finals).filter(|k| !present(k)) {
            problems.push(
                Problem::new(
                    format!("content/{year}/{key}.yaml"),
                    crate::say!(
                        "{year} 年已冻结，但这份部门决算的文件不见了",
                        "{year} is frozen, but this 决算's file is missing"
                    ),
                )
                .hint(crate::say!(
                    "已冻结年度的公开文件要一直公开：请恢复这个文件",
                    "a frozen year's disclosures stay published: restore the file"
                )),
            );
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(BuildError::Input(Problems(problems)))
    }
}
