//! The pages of the 单位预算 (`<year>/unit/<department>/<unit>/index.html`) and their
//! downloads (every table as CSV, the workbook, the JSON of facts and tables).
//!
//! A unit's budget is made from its department's facts ([`crate::unit_budget`]) and shown
//! with the budget's own view and templates, laid out by the profile's `unit_budget`. It is
//! published only when it and every unit of the site close: a unit budget with an error
//! stops the build, as a department's does; so does a frozen year's unit whose figures
//! changed without a correction in the unit file.

use crate::check::Severity;
use crate::content::problem::{Problem, Problems};
use crate::output::freeze;
use crate::output::write::Output;
use crate::output::{BuildError, downloads, xlsx};
use crate::unit_budget::UnitBudget;
use crate::unit_budget::site::{Department, load_all};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
}

/// Writes every unit budget of the site (of `only_year`, for an archive). Returns how many
/// were written and the frozen figures that new corrections let through.
pub fn write_all(
    root: &Path,
    output: &Output,
    only_year: Option<u16>,
) -> Result<(usize, Vec<freeze::Record>), BuildError> {
    let m = crate::content::load::scan(root)?;
    let (departments, problems) = load_all(root, &m, only_year);
    if !problems.is_empty() {
        return Err(BuildError::Input(Problems(problems)));
    }
    let profile = crate::unit_budget::unit_profile(root, &m.profile)
        .map_err(|p| BuildError::Input(p.into()))?;
    let Some(profile) = profile else {
        return Ok((0, Vec::new()));
    };
    let records = frozen_check(root, &m, &profile, &departments, only_year)?;
    if departments.is_empty() {
        return Ok((0, records));
    }
    let mut findings = Vec::new();
    for d in &departments {
        findings.extend(crate::check::unit_budget::department_of(
            d, &m.profile, &profile,
        ));
    }
    // Errors stop the build as problems of their files (what the preview shows on its error
    // page, beside the file, as it does a 决算's); `check` gives the same findings in full.
    let errors: Vec<Problem> = (findings.iter())
        .filter(|x| x.severity == Severity::Error)
        .map(|x| {
            let field = x.facts.first().map(|f| f.field.clone()).unwrap_or_default();
            Problem::new(&x.file, format!("[{}] {}", x.rule, x.message))
                .at(x.line, None)
                .field(field)
                .hint(x.hint.clone())
        })
        .collect();
    if !errors.is_empty() {
        return Err(BuildError::Input(Problems(errors)));
    }
    let count: usize = departments.iter().map(|d| d.units.len()).sum();
    let tera = crate::render::templates(root, &profile).map_err(BuildError::Failed)?;
    for d in &departments {
        for u in &d.units {
            write_one(&m, &tera, &profile, output, d, u)?;
        }
    }
    Ok((count, records))
}

fn write_one(
    m: &crate::content::load::Manifest,
    tera: &tera::Tera,
    profile: &crate::content::profile::Profile,
    output: &Output,
    dept: &Department,
    u: &UnitBudget,
) -> Result<(), BuildError> {
    let d = &u.data;
    let f = crate::derive::Figures::of(d);
    let view = crate::render::page::view_with_figures(d, &f, m.glossary_for(d.year), profile, &[]);
    let dir = crate::unit_budget::href(d.year, &u.dept, &d.code);
    let dir = dir.trim_end_matches("/index.html");
    let failed = |what: &str, e: &dyn std::error::Error| {
        BuildError::Failed(format!(
            "生成 {dir} 的{what}失败：{}",
            crate::render::error_chain(e)
        ))
    };
    let grids: Vec<_> = view.tables.iter().map(|t| t.grid()).collect();
    let mut links = vec![Link {
        label: "全部表格（Excel）".into(),
        href: xlsx::disclosure_name(&d.code, d.year),
    }];
    for (t, grid) in view.tables.iter().zip(&grids) {
        let name = downloads::table_csv_name(t);
        output.write(&format!("{dir}/{name}"), &downloads::table_csv(t, grid))?;
        links.push(Link {
            label: if t.unit == view.unit {
                format!("{}{}（CSV）", t.number_label, t.name)
            } else {
                format!("{}{}（CSV，单位：{}）", t.number_label, t.name, t.unit)
            },
            href: name,
        });
    }
    let json = crate::output::pages::json_name(d);
    output.write(
        &format!("{dir}/{json}"),
        &downloads::disclosure_json(d, &view, &grids),
    )?;
    links.push(Link {
        label: "全部数据与表格（JSON）".into(),
        href: json,
    });
    let workbook = xlsx::disclosure(&view).map_err(|e| failed("Excel 工作簿", &e))?;
    output.write(
        &format!("{dir}/{}", xlsx::disclosure_name(&d.code, d.year)),
        &workbook,
    )?;
    let page = view.page(tera).map_err(|e| failed("表格", &e))?;
    let unit_name = (dept.file.data.units.iter())
        .find(|x| x.code == d.code)
        .map_or_else(|| d.name.clone(), |x| x.name.clone());
    let mut c = tera::Context::new();
    c.insert("site", &m.site.data);
    c.insert("root", "../../../../");
    c.insert("title", &format!("{}{}年度单位预算", d.name, d.year));
    c.insert("page", &page);
    c.insert("downloads", &links);
    c.insert("corrections", &d.corrections);
    c.insert("dept_name", &dept.file.data.name);
    c.insert("unit_name", &unit_name);
    c.insert("dept_year_href", &format!("../../../{}/index.html", u.dept));
    c.insert(
        "dept_href",
        &format!("../../../../dept/{}/index.html", u.dept),
    );
    let html = tera
        .render(&profile.page_template, &c)
        .map_err(|e| failed("页面", &e))?;
    output.write(&format!("{dir}/index.html"), html.as_bytes())
}

/// Compares each unit budget of a frozen year with the year's FROZEN file; a frozen unit
/// budget that is no longer made (its unit or department gone) is refused too.
fn frozen_check(
    root: &Path,
    m: &crate::content::load::Manifest,
    profile: &crate::content::profile::Profile,
    departments: &[Department],
    only_year: Option<u16>,
) -> Result<Vec<freeze::Record>, BuildError> {
    let mut frozen = BTreeMap::new();
    let mut problems = Vec::new();
    for (y, _) in m
        .years
        .iter()
        .filter(|(y, _)| only_year.is_none_or(|o| o == *y))
    {
        match freeze::read(root, *y) {
            Ok(Some(f)) => {
                frozen.insert(*y, f);
            }
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    let mut records = Vec::new();
    let units: Vec<&UnitBudget> = departments.iter().flat_map(|d| &d.units).collect();
    for u in &units {
        let Some(f) = frozen.get(&u.data.year) else {
            continue;
        };
        let v = crate::render::page::disclosure_view(
            &u.data,
            m.glossary_for(u.data.year),
            profile,
            &[],
        );
        match freeze::compare_unit(u, &freeze::fingerprint(&u.data, &v), f) {
            Ok(r) => records.extend(r),
            Err(p) => problems.push(p),
        }
    }
    let prefix = freeze::unit_key("", "");
    let prefix = prefix.trim_end_matches('/');
    for (year, f) in &frozen {
        for key in f.keys().filter(|k| k.starts_with(prefix)) {
            let present = units
                .iter()
                .any(|u| u.data.year == *year && freeze::unit_key(&u.dept, &u.data.code) == *key);
            if !present {
                problems.push(
                    Problem::new(
                        format!("content/{year}"),
                        format!("{year} 年已冻结，但单位预算“{key}”不再生成了"),
                    )
                    .hint("已冻结年度的公开文件要一直公开：请恢复这个单位（部门文件的 units 和它的收支行）"),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(BuildError::Input(Problems(problems)))
    }
}
