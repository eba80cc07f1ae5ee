//! One department-year: load → check → derive → render → write of its page, tables,
//! workbook and open-data files, and the working files it leaves for its year's downloads.

use super::shelf::{Earlier, Summaries};
use super::write::{self, Output};
use super::{
    BuildError, DeptSummary, Done, downloads, freeze, packages, pages, search, xlsx, year_book,
};
use crate::content::kind::Kind;
use crate::content::load::Manifest;
use crate::content::model::Disclosure;
use crate::content::parse::Loaded;
use crate::content::problem::Problems;
use crate::render::page::DisclosureView;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

/// Load → check → derive → render → write of one department-year.
/// `all` holds at least the years before this one (for the links to earlier years, the
/// checks against last year and the trend chart). Check errors fail this one disclosure like
/// a load error does, so `build` refuses and `serve` shows them on the error page while
/// keeping the department's last good pages.
pub(super) fn one_disclosure(
    m: &Manifest,
    tera: &Tera,
    output: &Output,
    file: &Path,
    all: Summaries,
    frozen: Option<&BTreeMap<String, freeze::Frozen>>,
) -> Result<Done, BuildError> {
    let (d, earlier) = loaded(m, output, file, all)?;
    // One computation of the totals serves the checks, the view and next year's comparison.
    let figures = crate::derive::Figures::of(&d.data);
    let previous = last_year(&earlier, d.data.year);
    let diagnostics = crate::check::check_with_figures(&d, &figures, previous, &m.profile);
    if diagnostics
        .iter()
        .any(|x| x.severity == crate::check::Severity::Error)
    {
        return Err(BuildError::Check(crate::check::Report::new(diagnostics, 1)));
    }
    let view = view_of(m, &d, &figures, &earlier);
    let frozen_record = match frozen {
        Some(frozen) => freeze::compare(&d, &freeze::fingerprint(&d.data, &view), frozen)
            .map_err(|p| BuildError::Input(p.into()))?,
        None => None,
    };
    let dir = write_page(m, tera, output, &d, &view, &earlier)?;
    let grids: Vec<crate::derive::table_view::Grid> =
        view.tables.iter().map(|t| t.grid()).collect();
    for (t, grid) in view.tables.iter().zip(&grids) {
        output.write(
            &format!("{dir}/{}", downloads::table_csv_name(t)),
            &downloads::table_csv(t, grid),
        )?;
    }
    output.write(
        &format!("{dir}/{}", pages::json_name(&d.data)),
        &downloads::disclosure_json(&d.data, &view, &grids),
    )?;
    output.write(
        &format!("{dir}/{}", pages::yaml_name(&d.data)),
        d.text.as_bytes(),
    )?;
    let workbook = xlsx::disclosure(&view).map_err(|e| {
        BuildError::Failed(crate::say!(
            "无法写入 {dir} 的 Excel 工作簿：{e}",
            "cannot write the workbook of {dir}: {e}"
        ))
    })?;
    output.write(
        &format!("{dir}/{}", xlsx::disclosure_name(&view.code, view.year)),
        &workbook,
    )?;
    let [long, workbook, facts, found] = fragments(d.data.year, &d.data.code);
    for (rel, bytes) in [
        (long, downloads::long_rows(&view, &grids)),
        (workbook, year_book::piece(&view, &grids)),
        (facts, crate::opendata::fact_rows(&d.data)),
        (found, search::fragment(&search::entries(&view))),
    ] {
        let part = output.scratch(&rel)?;
        // A new file, never written through: the cache may hold a link to the last one.
        let _ = std::fs::remove_file(&part);
        std::fs::write(&part, bytes).map_err(|e| write::fail("cannot write", &part, e))?;
    }
    Ok(Done {
        diagnostics,
        frozen_record,
        reused: false,
        dept: DeptSummary {
            last_year: crate::check::LastYear::with_figures(&d, &figures),
            chart: view.chart_facts,
            href: format!("{dir}/index.html"),
            code: view.code,
            name: view.name,
            year: view.year,
            published: view.published,
            unit: view.unit,
            summary: view.summary,
            corrections: d.data.corrections.clone(),
        },
    })
}

/// A disclosure's file read, with last year's figures it leaves out filled in, and this
/// department's summaries of the years before it.
fn loaded<'a>(
    m: &Manifest,
    output: &Output,
    file: &Path,
    all: Summaries<'a>,
) -> Result<(Loaded<Disclosure>, Vec<Earlier<'a>>), BuildError> {
    output.check_stop()?;
    let mut d = m.load(file).map_err(|p| BuildError::Input(Problems(p)))?;
    let earlier = all.earlier(&d.data.code, d.data.year)?;
    if let Some(last) = last_year(&earlier, d.data.year) {
        // Last year's figures the file leaves out are last year's file's.
        crate::prose::printed::fill(&mut d.data, &m.profile, &last.figures);
    }
    Ok((d, earlier))
}

/// What the department's file of the year before `year` gives to compare with.
fn last_year<'a>(earlier: &'a [Earlier], year: u16) -> Option<&'a crate::check::LastYear> {
    earlier
        .last()
        .filter(|s| s.year + 1 == year)
        .map(|s| &s.last_year)
}

fn view_of(
    m: &Manifest,
    d: &Loaded<Disclosure>,
    figures: &crate::derive::Figures,
    earlier: &[Earlier],
) -> DisclosureView {
    let charts: Vec<&crate::derive::chart_facts::ChartFacts> =
        earlier.iter().map(|s| &s.chart).collect();
    crate::render::page::view_with_figures(
        &d.data,
        figures,
        m.glossary_for(d.data.year),
        &m.profile,
        &charts,
    )
}

/// Writes a disclosure's page; returns its folder.
fn write_page(
    m: &Manifest,
    tera: &Tera,
    output: &Output,
    d: &Loaded<Disclosure>,
    view: &DisclosureView,
    earlier: &[Earlier],
) -> Result<String, BuildError> {
    let dir = format!("{}/{}", d.data.year, d.data.code);
    let ctx = pages::SiteCtx {
        tera,
        site: &m.site.data,
        profile: &m.profile,
        file: &d.file,
    };
    let final_href = crate::final_accounts::listing::exists(&m.root, d.data.year, &d.data.code)
        .then(|| {
            format!(
                "../{}/{}/index.html",
                Kind::FinalAccounts.slug(),
                d.data.code
            )
        });
    let html = pages::disclosure(&ctx, d, view, earlier, final_href)?;
    output.write(&format!("{dir}/index.html"), &html)?;
    Ok(dir)
}

/// The page of a disclosure whose other files were taken unchanged from the last build: its
/// content is as it was (so it passed its checks then), only the templates are new.
pub(super) fn page_only(
    m: &Manifest,
    tera: &Tera,
    output: &Output,
    file: &Path,
    all: Summaries,
) -> Result<(), BuildError> {
    let (d, earlier) = loaded(m, output, file, all)?;
    let figures = crate::derive::Figures::of(&d.data);
    let view = view_of(m, &d, &figures, &earlier);
    write_page(m, tera, output, &d, &view, &earlier).map(|_| ())
}

/// The working files a disclosure leaves for its year's downloads, relative to the scratch
/// folder: its lines of the all-departments CSV, of the year's workbook, its open-data
/// rows and its entries of the search index.
pub(crate) fn fragments(year: u16, code: &str) -> [String; 4] {
    [
        format!("{year}/{code}.csv"),
        format!("{year}/{code}.xlsx.part"),
        packages::part(year, code),
        format!("{year}/{code}.search"),
    ]
}
