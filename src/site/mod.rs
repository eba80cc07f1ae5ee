//! build: for each year (oldest first), every department in parallel goes
//! load → derive → render → write; then the pages that list them.
//!
//! Departments are streamed: each is dropped once written, and only a small summary is
//! kept, so memory does not grow with the size of the archive.

mod downloads;
mod feeds;
mod output;
mod pages;
mod search;

pub use downloads::neutralise;
pub use output::{MARKER, hex};

use crate::derive::{self, Summary};
use crate::load::{self, Manifest};
use crate::problem::{Problem, Problems};
use crate::{freeze, manifest, render};
use output::Output;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tera::Tera;

#[derive(Debug)]
pub enum BuildError {
    /// The content is wrong; the user can fix it.
    Input(Problems),
    /// The checks found errors; nothing was written.
    Check(crate::check::Report),
    /// The build could not run (templates, disk).
    Failed(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Input(p) => write!(f, "{p}"),
            BuildError::Check(r) => write!(f, "{}", r.text()),
            BuildError::Failed(m) => write!(f, "error: {m}"),
        }
    }
}

impl From<Problems> for BuildError {
    fn from(p: Problems) -> BuildError {
        BuildError::Input(p)
    }
}

#[derive(Debug, Default, Clone)]
pub struct BuildOptions {
    /// Build only this year (used by `archive`).
    pub only_year: Option<u16>,
    /// Print progress to stderr when the build takes longer than a second.
    pub progress: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub disclosures: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Warnings and notes of the checks, for the caller to print.
    pub checks: crate::check::Report,
}

/// What is kept of one disclosure once it is written.
#[derive(Debug, Clone, Serialize)]
pub struct DeptSummary {
    pub code: String,
    pub name: String,
    pub year: u16,
    pub published: String,
    pub unit: &'static str,
    pub summary: Summary,
    /// Path of its page relative to the site root.
    pub href: String,
    pub corrections: Vec<crate::model::Correction>,
    /// What next year's checks compare with.
    #[serde(skip)]
    pub last_year: crate::check::LastYear,
    /// What the trend and year charts draw.
    #[serde(skip)]
    pub chart: crate::charts::ChartFacts,
}

struct Done {
    /// None when the checks found an error: the disclosure was not rendered.
    dept: Option<DeptSummary>,
    search: Vec<search::Entry>,
    diagnostics: Vec<crate::check::Diagnostic>,
}

/// Builds the site of `root/content` into `out`.
pub fn build(root: &Path, out: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let mut manifest = load::scan(root)?;
    if let Some(y) = opts.only_year {
        manifest.years.retain(|(year, _)| *year == y);
    }
    let tera = render::templates(root, &manifest.profile).map_err(BuildError::Failed)?;
    let output = Output::begin(out)?;
    let total = manifest.file_count();
    let progress = Progress::new(total, opts.progress, start);

    let mut problems: Vec<Problem> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut by_year: BTreeMap<u16, Vec<DeptSummary>> = BTreeMap::new();
    let mut history: BTreeMap<String, Vec<DeptSummary>> = BTreeMap::new();
    for (year, files) in &manifest.years {
        let frozen = match freeze::read(root, *year) {
            Ok(f) => f,
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let results: Vec<Result<Done, BuildError>> = files
            .par_iter()
            .map(|f| {
                let r = one_disclosure(&manifest, &tera, &output, f, &history, frozen.as_ref());
                progress.tick();
                r
            })
            .collect();
        let mut search_entries = Vec::new();
        let mut seen_codes = std::collections::BTreeSet::new();
        for r in results {
            match r {
                Ok(done) => {
                    diagnostics.extend(done.diagnostics);
                    if let Some(dept) = done.dept {
                        seen_codes.insert(dept.code.clone());
                        search_entries.extend(done.search);
                        by_year.entry(*year).or_default().push(dept);
                    }
                }
                Err(BuildError::Input(mut p)) => problems.append(&mut p.0),
                Err(e) => return Err(e),
            }
        }
        if let Some(frozen) = &frozen {
            for code in frozen.keys().filter(|c| !seen_codes.contains(*c)) {
                problems.push(
                    Problem::new(
                        format!("content/{year}/{code}.yaml"),
                        format!("{year} is frozen, but this disclosure is missing"),
                    )
                    .hint("a frozen year's disclosures stay published: restore the file"),
                );
            }
        }
        let depts = by_year.entry(*year).or_default();
        depts.sort_by(|a, b| a.code.cmp(&b.code));
        for d in depts.iter() {
            history.entry(d.code.clone()).or_default().push(d.clone());
        }
        let refused = diagnostics
            .iter()
            .any(|d: &crate::check::Diagnostic| d.severity == crate::check::Severity::Error);
        if problems.is_empty() && !refused {
            year_downloads(&output, *year, depts, search_entries)?;
        }
    }
    if !problems.is_empty() {
        return Err(BuildError::Input(Problems(problems)));
    }
    let checks = crate::check::Report::new(diagnostics, total);
    if checks.has_errors() {
        return Err(BuildError::Check(checks));
    }
    let ctx = pages::SiteCtx {
        tera: &tera,
        site: &manifest.site.data,
        profile: &manifest.profile,
        file: &manifest.site.file,
    };
    pages::write_site_pages(&ctx, &output, &manifest.glossary, &by_year, &history)?;
    write_static(root, &output)?;
    write_discovery(&manifest, &output, &by_year)?;
    write_manifests(&output, &by_year)?;
    progress.finish();

    let records = output.records();
    let report = BuildReport {
        disclosures: total,
        pages: records.iter().filter(|r| r.path.ends_with(".html")).count(),
        files: records.len() + 1,
        bytes: records.iter().map(|r| r.len).sum(),
        elapsed: Duration::ZERO,
        checks,
    };
    output.commit()?;
    Ok(BuildReport {
        elapsed: start.elapsed(),
        ..report
    })
}

/// Load → derive → render → write of one department-year.
fn one_disclosure(
    m: &Manifest,
    tera: &Tera,
    output: &Output,
    file: &Path,
    history: &BTreeMap<String, Vec<DeptSummary>>,
    frozen: Option<&BTreeMap<String, freeze::Frozen>>,
) -> Result<Done, BuildError> {
    let d = m.load(file).map_err(|p| BuildError::Input(Problems(p)))?;
    let previous = history
        .get(&d.data.code)
        .and_then(|h| h.last())
        .filter(|s| s.year + 1 == d.data.year)
        .map(|s| &s.last_year);
    let diagnostics = crate::check::check_disclosure_with(&d, previous, &m.profile);
    if diagnostics
        .iter()
        .any(|x| x.severity == crate::check::Severity::Error)
    {
        return Ok(Done {
            dept: None,
            search: Vec::new(),
            diagnostics,
        });
    }
    let earlier: Vec<&crate::charts::ChartFacts> = history
        .get(&d.data.code)
        .map(|h| h.iter().map(|s| &s.chart).collect())
        .unwrap_or_default();
    let view = derive::disclosure_view(&d.data, &m.glossary, &m.profile, &earlier);
    if let Some(frozen) = frozen
        && let Some(p) = freeze::compare(&d, &freeze::fingerprint(&d.data, &view), frozen)
    {
        return Err(BuildError::Input(p.into()));
    }
    let dir = format!("{}/{}", d.data.year, d.data.code);
    let earlier = history.get(&d.data.code).map(Vec::as_slice).unwrap_or(&[]);
    let ctx = pages::SiteCtx {
        tera,
        site: &m.site.data,
        profile: &m.profile,
        file: &d.file,
    };
    let html = pages::disclosure(&ctx, &d, &view, earlier)?;
    output.write(&format!("{dir}/index.html"), html.as_bytes())?;
    let grids: Vec<Vec<Vec<String>>> = view.tables.iter().map(|t| t.grid()).collect();
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
    let part = output.scratch(&format!("{dir}.csv"))?;
    std::fs::write(&part, downloads::long_rows(&view, &grids))
        .map_err(|e| BuildError::Failed(format!("cannot write {}: {e}", part.display())))?;
    Ok(Done {
        search: search::entries(&view),
        diagnostics,
        dept: Some(DeptSummary {
            last_year: crate::check::LastYear::of(&d),
            chart: view.chart_facts,
            href: format!("{dir}/index.html"),
            code: view.code,
            name: view.name,
            year: view.year,
            published: view.published,
            unit: view.unit,
            summary: view.summary,
            corrections: d.data.corrections.clone(),
        }),
    })
}

/// The year's all-departments CSV (appended from per-department fragments, in code order)
/// and its search index.
fn year_downloads(
    output: &Output,
    year: u16,
    depts: &[DeptSummary],
    search: Vec<search::Entry>,
) -> Result<(), BuildError> {
    let parts = depts.iter().map(|d| {
        let part = output.scratch(&format!("{year}/{}.csv", d.code))?;
        std::fs::read(&part)
            .map_err(|e| BuildError::Failed(format!("cannot read {}: {e}", part.display())))
    });
    output.write_parts(
        &format!("{year}/{}", pages::year_csv_name(year)),
        std::iter::once(Ok(downloads::long_header())).chain(parts),
    )?;
    output.write(
        &format!("{year}/search-index.js"),
        search::script(year, search).as_bytes(),
    )?;
    Ok(())
}

fn write_static(root: &Path, output: &Output) -> Result<(), BuildError> {
    for (name, builtin) in render::STATIC {
        let own = root.join("static").join(name);
        let bytes = if own.is_file() {
            std::fs::read(&own)
                .map_err(|e| BuildError::Failed(format!("{}: {e}", own.display())))?
        } else {
            builtin.as_bytes().to_vec()
        };
        output.write(&format!("static/{name}"), &bytes)?;
    }
    Ok(())
}

fn write_discovery(
    m: &Manifest,
    output: &Output,
    by_year: &BTreeMap<u16, Vec<DeptSummary>>,
) -> Result<(), BuildError> {
    let site = &m.site.data;
    let mut entries = Vec::new();
    for d in by_year.values().flatten() {
        entries.push(feeds::FeedEntry {
            date: d.published.clone(),
            title: format!("{}{}年度部门预算", d.name, d.year),
            path: d.href.clone(),
            summary: format!(
                "{}{}年度部门预算公开，收支总计{}{}。",
                d.name, d.year, d.summary.total, d.unit
            ),
            id_suffix: String::new(),
        });
        for (i, c) in d.corrections.iter().enumerate() {
            entries.push(feeds::FeedEntry {
                date: c.date.clone(),
                title: format!("更正：{}{}年度部门预算", d.name, d.year),
                path: d.href.clone(),
                summary: c.text.clone(),
                id_suffix: format!("#correction-{}", i + 1),
            });
        }
    }
    output.write("feed.xml", feeds::atom(site, entries).as_bytes())?;
    let mut paths: Vec<String> = output
        .records()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.ends_with("index.html"))
        .collect();
    paths.sort();
    if let Some(x) = feeds::sitemap(site, &paths) {
        output.write("sitemap.xml", x.as_bytes())?;
    }
    output.write("robots.txt", feeds::robots(site).as_bytes())?;
    Ok(())
}

fn write_manifests(
    output: &Output,
    by_year: &BTreeMap<u16, Vec<DeptSummary>>,
) -> Result<(), BuildError> {
    let records = output.records();
    for year in by_year.keys() {
        let prefix = format!("{year}/");
        let text = manifest::render(
            records
                .iter()
                .filter_map(|r| r.path.strip_prefix(&prefix).map(|p| (p, r.sha256.as_str()))),
        );
        output.write(&format!("{year}/{}", manifest::FILE), text.as_bytes())?;
    }
    Ok(())
}

/// Progress on stderr for builds longer than a second.
struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    start: Instant,
    last: std::sync::Mutex<Instant>,
}

impl Progress {
    fn new(total: usize, enabled: bool, start: Instant) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            enabled,
            start,
            last: std::sync::Mutex::new(start),
        }
    }
    fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled || self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        if let Ok(mut last) = self.last.try_lock()
            && last.elapsed() >= Duration::from_millis(500)
        {
            *last = Instant::now();
            eprintln!(
                "  {n}/{} disclosures ({:.1} s)",
                self.total,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
    fn finish(&self) {
        if self.enabled && self.start.elapsed() >= Duration::from_secs(1) {
            eprintln!(
                "  {}/{} disclosures ({:.1} s)",
                self.total,
                self.total,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}
