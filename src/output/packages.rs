//! Writing the open-data packages: each disclosure's fact rows go to a working file as it is
//! built; a year's package (`2024/datapackage.json`, `2024/budget-facts-2024.csv`) joins its
//! departments' rows in code order, and the site's package (`data/`, with its own
//! SHA256SUMS so `verify` checks it) joins every year's. Rows are streamed from the working
//! files, so memory does not grow with the archive.

use super::write::Output;
use super::{BuildError, DeptSummary};
use crate::content::model::{Disclosure, SiteConfig};
use crate::opendata::{self, Phase, Scope};
use std::collections::BTreeMap;

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

fn part(year: u16, code: &str) -> String {
    format!("facts/{year}/{code}.csv")
}

/// Keeps one disclosure's rows for the packages of its year and of the site.
pub fn fragment(output: &Output, d: &Disclosure) -> Result<(), BuildError> {
    let p = output.scratch(&part(d.year, &d.code))?;
    std::fs::write(&p, opendata::fact_rows(d, Phase::of(d)))
        .map_err(|e| BuildError::Failed(format!("cannot write {}: {e}", p.display())))
}

/// Forgets a disclosure that is gone.
pub fn drop_fragment(output: &Output, year: u16, code: &str) {
    if let Ok(p) = output.scratch(&part(year, code)) {
        let _ = std::fs::remove_file(p);
    }
}

/// Writes the facts CSV `dir/csv` from the rows of `codes` (year, code) and its descriptor
/// beside it. Stops, writing no descriptor, once `interrupted` says so; returns whether it
/// was written.
fn package<'a>(
    output: &Output,
    site: &SiteConfig,
    scope: Scope,
    dir: &str,
    csv: &str,
    codes: impl IntoIterator<Item = (u16, &'a str)>,
    interrupted: &dyn Fn() -> bool,
) -> Result<bool, BuildError> {
    let stopped = std::cell::Cell::new(false);
    let parts = codes.into_iter().map(|(year, code)| {
        if interrupted() {
            stopped.set(true);
            return Err(BuildError::Failed("interrupted".into()));
        }
        let p = output.scratch(&part(year, code))?;
        std::fs::read(&p)
            .map_err(|e| BuildError::Failed(format!("cannot read {}: {e}", p.display())))
    });
    let path = format!("{dir}/{csv}");
    match output.write_parts(&path, std::iter::once(Ok(opendata::header())).chain(parts)) {
        Err(_) if stopped.get() => return Ok(false),
        r => r?,
    }
    let written = output.records_under(&path);
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

/// A year's package, from its departments' rows in code order.
pub fn year<'a>(
    output: &Output,
    site: &SiteConfig,
    year: u16,
    codes: impl IntoIterator<Item = &'a str>,
    interrupted: &dyn Fn() -> bool,
) -> Result<bool, BuildError> {
    package(
        output,
        site,
        Scope::Year(year),
        &year.to_string(),
        &year_csv_name(year),
        codes.into_iter().map(|c| (year, c)),
        interrupted,
    )
}

/// The site's package: every year, oldest first, each in code order; and its manifest.
/// With no year built there is nothing to describe, and the folder is removed.
pub fn site(
    output: &Output,
    site: &SiteConfig,
    by_year: &BTreeMap<u16, Vec<DeptSummary>>,
) -> Result<(), BuildError> {
    let (Some(first), Some(last)) = (by_year.keys().next(), by_year.keys().last()) else {
        return output.remove(SITE_DIR);
    };
    let scope = Scope::Years(*first, *last);
    let codes = by_year
        .iter()
        .flat_map(|(y, list)| list.iter().map(move |d| (*y, d.code.as_str())));
    package(output, site, scope, SITE_DIR, SITE_CSV, codes, &|| false)?;
    super::write_manifest(output, SITE_DIR)
}
