//! Writing the open-data packages: each disclosure's fact rows go to a working file as it is
//! built; a year's package (`2024/datapackage.json`, `2024/budget-facts-2024.csv`) joins its
//! departments' rows in code order, and the site's package (`data/`, with its own
//! SHA256SUMS so `verify` checks it) joins every year's. Rows are streamed from the working
//! files, so memory does not grow with the archive. The rows of a year's 部门决算 (phase
//! `executed`) follow its budgets' (phase `approved`), in code order too.

use super::BuildError;
use super::write::{self, Output};
use crate::content::model::SiteConfig;
use crate::opendata::{self, Scope};
use std::collections::BTreeMap;
use std::path::Path;

/// The folder of the whole site's package.
pub const SITE_DIR: &str = "data";

/// The facts CSV of one year, in the year folder beside its descriptor.
pub fn year_csv_name(year: u16) -> String {
    format!("budget-facts-{year}.csv")
}

const SITE_CSV: &str = "budget-facts.csv";

/// The site package's folder, descriptor and CSV, as the home page links them (the
/// template joins them: Tera would escape a `/` in a value).
#[derive(serde::Serialize)]
pub struct SiteLinks {
    dir: &'static str,
    package: &'static str,
    facts: &'static str,
}

pub fn site_links() -> SiteLinks {
    SiteLinks {
        dir: SITE_DIR,
        package: opendata::DESCRIPTOR,
        facts: SITE_CSV,
    }
}

pub(super) fn part(year: u16, code: &str) -> String {
    format!("facts/{year}/{code}.csv")
}

/// The fact rows of every 部门决算 of the site that loads, by year, in code order. One that
/// does not load or close gives none: `build` refuses it anyway, and the preview shows its
/// errors.
/// `only_year` keeps one year's (an archive of that year).
pub fn finals(root: &Path, only_year: Option<u16>) -> BTreeMap<u16, Vec<Vec<u8>>> {
    let (mut loaded, _) = crate::final_accounts::load_all(root);
    loaded.retain(|d| only_year.is_none_or(|y| y == d.data.year));
    loaded.sort_by(|a, b| (a.data.year, &a.data.code).cmp(&(b.data.year, &b.data.code)));
    let mut out: BTreeMap<u16, Vec<Vec<u8>>> = BTreeMap::new();
    for d in &loaded {
        out.entry(d.data.year)
            .or_default()
            .push(opendata::final_rows(&d.data));
    }
    out
}

/// Where a package's rows come from.
enum Part<'a> {
    /// A budget's rows, kept in the working folder as it was built: (year, code).
    Budget(u16, &'a str),
    /// A 决算's rows.
    Final(&'a [u8]),
    /// Rows read from a package already written.
    Read(Result<Vec<u8>, BuildError>),
}

/// The rows of a year: its budgets', then its 决算's.
fn year_parts<'a>(
    year: u16,
    codes: impl IntoIterator<Item = &'a str>,
    finals: &'a [Vec<u8>],
) -> impl Iterator<Item = Part<'a>> {
    let budgets = codes.into_iter().map(move |c| Part::Budget(year, c));
    budgets.chain(finals.iter().map(|rows| Part::Final(rows)))
}

/// Writes the facts CSV `dir/csv` from `parts` and its descriptor beside it. Stops, writing
/// no descriptor, once `interrupted` says so; returns whether it was written.
fn package<'a>(
    output: &Output,
    site: &SiteConfig,
    scope: Scope,
    (dir, csv): (&str, &str),
    parts: impl IntoIterator<Item = Part<'a>>,
    interrupted: &(dyn Fn() -> bool + Sync),
) -> Result<bool, BuildError> {
    let stopped = std::cell::Cell::new(false);
    let parts = parts.into_iter().map(|part| {
        if interrupted() {
            stopped.set(true);
            return Err(BuildError::Failed("interrupted".into()));
        }
        match part {
            Part::Final(rows) => Ok(write::Part::Bytes(rows.to_vec())),
            Part::Read(rows) => rows.map(write::Part::Bytes),
            Part::Budget(year, code) => output
                .scratch(&self::part(year, code))
                .map(write::Part::File),
        }
    });
    let path = format!("{dir}/{csv}");
    let header = write::Part::Bytes(opendata::header());
    match output.write_parts(&path, std::iter::once(Ok(header)).chain(parts)) {
        Err(_) if stopped.get() => return Ok(false),
        r => r?,
    }
    let written = output.records_under(&path)?;
    let (bytes, sha) = written
        .iter()
        .find(|r| r.path == path)
        .map_or((0, ""), |r| (r.len, r.sha256.as_str()));
    output.write(
        &format!("{dir}/{}", opendata::DESCRIPTOR),
        &opendata::descriptor(site, scope, csv, bytes, sha),
    )?;
    Ok(true)
}

/// A year's package, from its departments' rows in code order, then its 决算's.
pub fn year<'a>(
    output: &Output,
    site: &SiteConfig,
    year: u16,
    codes: impl IntoIterator<Item = &'a str>,
    finals: &'a [Vec<u8>],
    interrupted: &(dyn Fn() -> bool + Sync),
) -> Result<bool, BuildError> {
    package(
        output,
        site,
        Scope::Year(year),
        (&year.to_string(), &year_csv_name(year)),
        year_parts(year, codes, finals),
        interrupted,
    )
}

/// The site's package: every year, oldest first, each in code order; and its manifest.
/// With no year built there is nothing to describe, and the folder is removed.
/// `years` are those with budgets or 决算 (a year with only 决算 is in the package too).
pub fn site(
    output: &Output,
    site: &SiteConfig,
    years: std::collections::BTreeSet<u16>,
) -> Result<(), BuildError> {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return output.remove(SITE_DIR);
    };
    let scope = Scope::Years(*first, *last);
    // The rows of each year's package as written (or reused) a moment ago, without their
    // header: the same bytes as the years' parts, read from one file per year instead of
    // one per department.
    let parts =
        years.iter().flat_map(
            |y| match output.written(&format!("{y}/{}", year_csv_name(*y))) {
                Ok(path) => rows_of(path),
                Err(e) => Box::new(std::iter::once(Err(e))),
            },
        );
    let parts = parts.map(Part::Read);
    package(output, site, scope, (SITE_DIR, SITE_CSV), parts, &|| false)?;
    super::write_manifest(output, SITE_DIR)
}

/// The rows of a written package CSV, past its header, in pieces of a megabyte: a year's
/// package runs to hundreds of megabytes at provincial scale.
fn rows_of(path: std::path::PathBuf) -> Box<dyn Iterator<Item = Result<Vec<u8>, BuildError>>> {
    use std::io::Read;
    let shown = path.display().to_string();
    let failed = move |e: std::io::Error| BuildError::Failed(format!("cannot read {shown}: {e}"));
    let mut file = match std::fs::File::open(&path) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => return Box::new(std::iter::once(Err(failed(e)))),
    };
    let mut header = vec![0; opendata::header().len()];
    if let Err(e) = file.read_exact(&mut header) {
        return Box::new(std::iter::once(Err(failed(e))));
    }
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut chunk = Vec::with_capacity(1 << 20);
        match (&mut file).take(1 << 20).read_to_end(&mut chunk) {
            Ok(0) => None,
            Ok(_) => Some(Ok(chunk)),
            Err(e) => {
                done = true;
                Some(Err(failed(e)))
            }
        }
    }))
}
