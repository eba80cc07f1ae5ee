//! `gongkai check` over a whole site: every department's years in order, in parallel by
//! department, keeping only last year's figures for the next.

use super::{Diagnostic, LastYear, Report, check_with_figures, unit_budget};
use crate::content::problem::{Problem, Problems};
use crate::derive::Figures;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Checks every disclosure under `root/content`. Each department's years are loaded and
/// checked in order, one file at a time, keeping only last year's figures for the next: a
/// provincial archive has tens of thousands of files, and holding them all loaded took over
/// a gigabyte. Departments are checked in parallel. Files that cannot be loaded are
/// returned as problems (in file order), as when nothing could be checked.
pub fn check_site(root: &Path) -> Result<Report, Problems> {
    check_site_reusing(root, |_| Box::new(|_, _| None))
}

/// What an earlier run found of a file that has not changed since.
pub struct Known {
    pub diagnostics: Vec<Diagnostic>,
    pub last_year: LastYear,
}

/// Looks up what is known of the disclosure (year, code) of a scanned site.
pub type Recall = Box<dyn Fn(u16, &str) -> Option<Known> + Sync>;

/// As [`check_site`], taking the findings of files `recall` knows unchanged (the build
/// cache's) instead of loading and checking them again.
pub fn check_site_reusing(
    root: &Path,
    recall: impl FnOnce(&crate::content::load::Manifest) -> Recall,
) -> Result<Report, Problems> {
    use rayon::prelude::*;
    let m = crate::content::load::scan(root)?;
    let recall = recall(&m);
    let mut departments: BTreeMap<&str, Vec<(u16, &PathBuf)>> = BTreeMap::new();
    for (year, files) in &m.years {
        for f in files {
            let code = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            departments.entry(code).or_default().push((*year, f));
        }
    }
    // Per department: its findings, and the problems of files that did not load.
    type Checked<'a> = (Vec<Diagnostic>, Vec<(u16, &'a PathBuf, Vec<Problem>)>);
    let checked: Vec<Checked> = departments
        .par_iter()
        .map(|(_, files)| {
            let mut diagnostics = Vec::new();
            let mut problems = Vec::new();
            let mut last: Option<(u16, LastYear)> = None;
            for &(year, f) in files {
                let code = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if let Some(known) = recall(year, code) {
                    diagnostics.extend(known.diagnostics);
                    last = Some((year, known.last_year));
                    continue;
                }
                match m.load(f) {
                    Ok(mut d) => {
                        let previous = last.as_ref().filter(|(y, _)| y + 1 == year);
                        if let Some((_, l)) = previous {
                            crate::prose::printed::fill(&mut d.data, &m.profile, &l.figures);
                        }
                        let f = Figures::of(&d.data);
                        diagnostics.extend(check_with_figures(
                            &d,
                            &f,
                            previous.map(|(_, l)| l),
                            &m.profile,
                        ));
                        last = Some((year, LastYear::with_figures(&d, &f)));
                    }
                    Err(p) => {
                        problems.push((year, f, p));
                        last = None;
                    }
                }
            }
            (diagnostics, problems)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut problems = Vec::new();
    for (d, p) in checked {
        diagnostics.extend(d);
        problems.extend(p);
    }
    // Other kinds of disclosure (部门决算) check themselves.
    let other = crate::final_accounts::site_check::check_site(root, &m.profile);
    let units = unit_budget::check_site(root, &m);
    if !problems.is_empty() || !other.unreadable.is_empty() || !units.unreadable.is_empty() {
        problems.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut all: Vec<Problem> = problems.into_iter().flat_map(|p| p.2).collect();
        all.extend(other.unreadable);
        all.extend(units.unreadable);
        return Err(Problems(all));
    }
    diagnostics.extend(units.findings);
    diagnostics.extend(
        Report::from_problems(&Problems(other.findings))
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                rule: "final-accounts",
                ..d
            }),
    );
    Ok(Report::new(
        diagnostics,
        m.file_count() + other.files + units.units,
    ))
}
