//! build: for each year (oldest first), every department in parallel goes
//! load → check → derive → render → write; then the pages that list them.
//!
//! Departments are streamed: each is dropped once written, and only a small summary is
//! kept, so memory does not grow with the size of the archive. The same steps, kept in a
//! [`Site`], rebuild one changed file alone for `gongkai serve` (see `state.rs`).

pub mod archive;
pub mod cache;
mod disclosure;
mod downloads;
mod feeds;
pub mod final_accounts;
pub mod freeze;
pub mod lock;
pub mod manifest;
mod packages;
mod pages;
pub mod preview;
mod remove;
mod search;
mod shelf;
mod state;
pub mod unit_budget;
pub(crate) mod write;
mod xlsx;
mod year_book;

pub(crate) use disclosure::fragments;
use disclosure::{one_disclosure, page_only};
pub use downloads::cells_csv;
pub use state::{Mode, Rebuilt, Site};
pub use write::{MARKER, hex};

use crate::content::load::Manifest;
use crate::content::problem::Problems;
use crate::derive::Summary;
use crate::final_accounts::listing::FinalEntry;
use crate::render;
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use write::Output;

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
            BuildError::Failed(m) => write!(f, "{}: {m}", crate::messages::say("错误", "error")),
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
    /// Ignore what the last build kept, and build everything again.
    pub fresh: bool,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeptSummary {
    pub code: String,
    pub name: String,
    pub year: u16,
    pub published: String,
    pub unit: &'static str,
    pub summary: Summary,
    /// Path of its page relative to the site root.
    pub href: String,
    pub corrections: Vec<crate::content::model::Correction>,
    /// What next year's checks compare with.
    #[serde(skip)]
    pub last_year: crate::check::LastYear,
    /// What the trend and year charts draw.
    #[serde(skip)]
    pub chart: crate::derive::chart_facts::ChartFacts,
}

struct Done {
    dept: DeptSummary,
    /// Warnings and notes of the checks (errors fail the disclosure instead).
    diagnostics: Vec<crate::check::Diagnostic>,
    /// A frozen year's figures let through by a new correction, to be recorded on publishing.
    frozen_record: Option<freeze::Record>,
    /// Taken unchanged from the last build (its working files are still in the cache).
    reused: bool,
}

/// Builds the site of `root/content` into `out`.
pub fn build(root: &Path, out: &Path, opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let spare = cache::spare_folder(root, out);
    let output = Output::begin(out, Some(spare), opts.fresh)?;
    let mut site = Site::open(root, output, Mode::Publish, opts)?;
    site.build_all(opts.progress)?;
    let site_records = site.frozen_records();
    let total = site.disclosure_count();
    let checks = site.checks();
    let (output, cache) = site.into_output();
    // Other kinds of disclosure (部门决算) beside the budgets.
    let mut records = site_records;
    let (finals, final_records) = final_accounts::write_all(root, &output, opts.only_year)?;
    records.extend(final_records);
    // Figures let through by a new correction become the frozen ones: changing them again
    // needs another correction. Recorded once every kind of disclosure has passed.
    crate::output::freeze::append(root, &records).map_err(|e| {
        BuildError::Failed(format!(
            "无法在 content/年度/FROZEN 中记录已更正的数字：{e}"
        ))
    })?;
    if finals > 0 {
        // The year folders' own manifests cover the 决算 pages beneath them too.
        let mut years = std::collections::BTreeSet::new();
        output.each_file("", |path, _, _| {
            years.extend(
                path.split_once('/')
                    .and_then(|(y, _)| y.parse::<u16>().ok()),
            );
        })?;
        write_manifests(&output, years)?;
    }
    // One manifest of every file, so `verify` sees the whole site, not only the years.
    write_manifest(&output, "")?;
    let (mut pages, mut files, mut bytes) = (0, 1, 0);
    output.each_file("", |path, _, len| {
        pages += usize::from(path.ends_with(".html"));
        files += 1;
        bytes += len;
    })?;
    let report = BuildReport {
        disclosures: total,
        pages,
        files,
        bytes,
        elapsed: Duration::ZERO,
        checks,
    };
    let written = files - output.reused_count();
    output.commit()?;
    if let Some(cache) = cache {
        cache.save();
    }
    preview::trim(root, written, files);
    Ok(BuildReport {
        elapsed: start.elapsed(),
        ..report
    })
}

/// Position of a department in a year's list (sorted by code).
fn find(list: &[DeptSummary], code: &str) -> Option<usize> {
    list.binary_search_by(|d| d.code.as_str().cmp(code)).ok()
}

/// The year's all-departments CSV, workbook and search index (joined from per-department
/// fragments, in code order) and its open-data package (with the rows of the year's 决算,
/// `finals`). With thousands of departments this is the slow part of a preview
/// rebuild, so it stops early, writing nothing, once `interrupted` says a newer change waits;
/// returns whether it was written.
fn year_downloads<'a>(
    output: &Output,
    site: &crate::content::model::SiteConfig,
    root: &Path,
    year: u16,
    codes: impl IntoIterator<Item = &'a str> + Clone + Send + Sync,
    finals: &'a [Vec<u8>],
    interrupted: &(dyn Fn() -> bool + Sync),
) -> Result<bool, BuildError> {
    // The all-departments CSV is most of the bytes: it is joined on one core while the
    // package, workbook and search index are on the other.
    let stopped = std::sync::atomic::AtomicBool::new(false);
    let csv = || {
        let parts = codes.clone().into_iter().map(|code| {
            if interrupted() {
                stopped.store(true, Ordering::Relaxed);
                return Err(BuildError::Failed("interrupted".into()));
            }
            let [long, ..] = fragments(year, code);
            output.scratch(&long).map(write::Part::File)
        });
        let header = write::Part::Bytes(downloads::long_header());
        output.write_parts(
            &format!("{year}/{}", pages::year_csv_name(year)),
            std::iter::once(Ok(header)).chain(parts),
        )
    };
    let rest = || {
        if !packages::year(output, site, year, codes.clone(), finals, interrupted)? {
            return Ok(false);
        }
        year_workbook(output, year, codes.clone())?;
        year_search(output, root, year, codes.clone())?;
        Ok(true)
    };
    let (csv, rest) = rayon::join(csv, rest);
    match csv {
        Err(_) if stopped.load(Ordering::Relaxed) => return Ok(false),
        r => r?,
    }
    rest
}

/// The year's search index: its departments' fragments, then its 决算's.
fn year_search<'a>(
    output: &Output,
    root: &Path,
    year: u16,
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<(), BuildError> {
    let mut found = Vec::new();
    for code in codes {
        let [.., search] = fragments(year, code);
        found.push(write::Part::File(output.scratch(&search)?));
    }
    let finals = search::finals_fragment(root, year);
    if !finals.is_empty() {
        found.push(write::Part::Bytes(finals));
    }
    let mut parts = vec![write::Part::Bytes(search::script_head(year))];
    for (i, part) in found.into_iter().enumerate() {
        if i > 0 {
            parts.push(write::Part::Bytes(search::SEPARATOR.to_vec()));
        }
        parts.push(part);
    }
    parts.push(write::Part::Bytes(search::SCRIPT_TAIL.to_vec()));
    output.write_parts(
        &format!("{year}/search-index.js"),
        parts.into_iter().map(Ok),
    )
}

/// The year's workbook, joined from the pieces each department left in the scratch folder.
fn year_workbook<'a>(
    output: &Output,
    year: u16,
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<(), BuildError> {
    let mut pieces = Vec::new();
    for code in codes {
        let [_, workbook, ..] = fragments(year, code);
        let part = output.scratch(&workbook)?;
        let piece = year_book::Piece::open(part.clone())
            .map_err(|e| BuildError::Failed(format!("cannot read {}: {e}", part.display())))?;
        pieces.push(piece);
    }
    output.write_with(&format!("{year}/{}", year_book::name(year)), |sink| {
        year_book::write(&mut *sink, year, &pieces).map_err(|e| sink.failed(e))
    })
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

/// The feed; and sitemap.xml and robots.txt when `pages_changed` (pages added or removed,
/// or everything rebuilt).
fn write_discovery(
    m: &Manifest,
    output: &Output,
    all: shelf::Summaries,
    finals: &[FinalEntry],
    pages_changed: bool,
) -> Result<(), BuildError> {
    let site = &m.site.data;
    let mut entries = Vec::new();
    for year in all.years() {
        for d in all.year(year)?.iter() {
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
    }
    entries.extend(finals.iter().flat_map(feeds::final_entries));
    output.write_with("feed.xml", |sink| {
        feeds::atom(site, entries, |b| sink.put(b))
    })?;
    if !pages_changed {
        return Ok(());
    }
    // The 决算 pages are written after the budgets': listed from their facts, not the output.
    let mut paths = output.paths_where(|p| p.ends_with("index.html"))?;
    paths.extend(finals.iter().map(|f| f.href.clone()));
    paths.sort();
    paths.dedup();
    if site.base_url.is_some() {
        output.write_with("sitemap.xml", |sink| {
            feeds::sitemap(site, &paths, |b| sink.put(b))
        })?;
    }
    output.write("robots.txt", feeds::robots(site).as_bytes())?;
    Ok(())
}

/// SHA256SUMS of each of `years`; written last, after every file of those years.
fn write_manifests(
    output: &Output,
    years: impl IntoIterator<Item = u16>,
) -> Result<(), BuildError> {
    for year in years {
        write_manifest(output, &year.to_string())?;
    }
    Ok(())
}

/// SHA256SUMS of the folder `dir` of the site (`""`: the whole site), over every file
/// written under it; streamed, as the whole site's runs to tens of megabytes.
fn write_manifest(output: &Output, dir: &str) -> Result<(), BuildError> {
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    output.write_with(&format!("{prefix}{}", manifest::FILE), |sink| {
        let (mut line, mut written) = (String::new(), Ok(()));
        output.each_file(&prefix, |path, sha, _| {
            if written.is_ok() {
                line.clear();
                manifest::push_line(&mut line, &path[prefix.len()..], sha);
                written = sink.put(line.as_bytes());
            }
        })?;
        written
    })
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
