//! The site as built, kept so that a change to one file rebuilds only the pages that show it.
//!
//! `gongkai build` runs [`Site::build_all`] once and throws the state away. `gongkai serve`
//! keeps it: after an edit to `content/2024/085.yaml`, [`Site::changed`] renders that
//! disclosure again; [`Site::listings`] then writes what lists or links to it — 085's pages of
//! later years, home, the 2024 year page, `dept/085/`, the feed (and the sitemap when pages
//! come or go); [`Site::finish`] last the 2024 search index, CSV and SHA256SUMS. The phases are
//! separate so that the page being edited is served first. Every step is the one the full
//! build uses, so an incremental rebuild writes the same bytes a full build would
//! (`tests/it/incremental.rs`).

use super::packages;
use super::pages::{self, Scope};
use super::shelf::{Shelf, Summaries};
use super::write::Output;
use super::{
    BuildError, BuildOptions, DeptSummary, Done, Progress, find, one_disclosure, write_discovery,
    write_manifests, write_static, year_downloads,
};
use crate::content::load::{self, Manifest};
use crate::content::problem::{Problem, Problems};
use crate::output::cache::Cache;
use crate::output::freeze::{self, Frozen};
use crate::render;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use tera::Tera;

mod changes;
mod reuse;

use reuse::YearFiles;

/// How a build treats bad files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `gongkai build`: any problem fails the build, and nothing is kept afterwards.
    Publish,
    /// `gongkai serve`: a broken file keeps its last good pages and does not stop the rest;
    /// what is needed to rebuild one file alone is kept.
    Preview,
}

/// What a rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Rebuilt {
    /// Department-years rendered.
    pub disclosures: usize,
    /// Content files the change concerned (0: nothing of the site changed).
    pub files: usize,
    /// Whether everything was rebuilt (templates, static files or site settings changed).
    pub full: bool,
    pub elapsed: Duration,
}

pub struct Site {
    root: PathBuf,
    mode: Mode,
    manifest: Manifest,
    tera: Tera,
    output: Output,
    /// Each year's departments, sorted by code: a preview's every year, a build's year
    /// being built (the years it finished are on the shelf).
    by_year: BTreeMap<u16, Vec<DeptSummary>>,
    shelf: Shelf,
    frozen: BTreeMap<u16, BTreeMap<String, Frozen>>,
    /// Frozen figures let through by new corrections in this build (see `freeze::Record`).
    frozen_records: Vec<freeze::Record>,
    /// Files that failed, by the path shown to the user, with why. Any error but
    /// `BuildError::Failed` (which stops the build) fails just its file.
    broken: BTreeMap<PathBuf, BuildError>,
    /// Warnings and notes of the checks, by file.
    warnings: BTreeMap<PathBuf, Vec<crate::check::Diagnostic>>,
    /// Years whose downloads and manifest [`Site::finish`] still has to write.
    pending: BTreeSet<u16>,
    /// Listing pages [`Site::listings`] still has to write.
    pending_scope: Scope,
    /// Disclosures of later years to render again with them (year, code).
    pending_later: BTreeSet<(u16, String)>,
    /// The one year an archive builds; the 决算 of other years are left out with their pages.
    only_year: Option<u16>,
    /// What the last build wrote, to reuse what has not changed (none for an archive's year).
    cache: Option<Cache>,
    /// Preview: the disclosures taken from the last build whose working files are still in
    /// its cache, by year, put back only when their year's downloads
    /// are written again (see `reuse.rs`).
    lazy: BTreeMap<u16, BTreeSet<String>>,
}

/// What rendering one disclosure again changed.
enum Outcome {
    /// It has problems; nothing was written.
    Broken,
    /// Its pages were written; its summary (what other pages show of it) is as before.
    Unchanged,
    /// Its summary is new or different: the pages listing it must follow.
    Changed,
}

/// What a changed path is to the site.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Disclosure {
        year: u16,
        code: String,
    },
    /// Settings, glossary, FROZEN, templates, static files, profiles, a year folder: everything
    /// may change.
    Everything,
    Ignored,
}

impl Site {
    /// Reads the site settings, glossary, file list and templates; builds nothing yet.
    pub(super) fn open(
        root: &Path,
        mut output: Output,
        mode: Mode,
        opts: &BuildOptions,
    ) -> Result<Site, BuildError> {
        let mut manifest = load::scan(root)?;
        if let Some(y) = opts.only_year {
            manifest.years.retain(|(year, _)| *year == y);
        }
        let tera = render::templates(root, &manifest.profile).map_err(BuildError::Failed)?;
        let cache = match mode {
            _ if opts.only_year.is_some() => None,
            Mode::Publish => Some(Cache::open(&manifest, output.published_dir(), opts.fresh)),
            // A preview starts from the last build's files; it keeps no cache of its own.
            Mode::Preview => Cache::for_preview(&manifest).map(|(cache, built)| {
                output.reuse_from(built);
                cache
            }),
        };
        Ok(Site {
            root: root.to_path_buf(),
            mode,
            manifest,
            tera,
            output,
            by_year: BTreeMap::new(),
            shelf: Shelf::default(),
            frozen: BTreeMap::new(),
            frozen_records: Vec::new(),
            broken: BTreeMap::new(),
            warnings: BTreeMap::new(),
            pending: BTreeSet::new(),
            pending_scope: Scope::default(),
            pending_later: BTreeSet::new(),
            only_year: opts.only_year,
            cache,
            lazy: BTreeMap::new(),
        })
    }

    /// A preview of `root` written straight into `dir` (working files in `scratch`), built
    /// in full once. Problems in single files are in [`Site::problems`].
    /// Setting `stop` makes a running build fail at once (for Ctrl-C).
    pub fn preview(
        root: &Path,
        dir: &Path,
        scratch: &Path,
        stop: Arc<AtomicBool>,
    ) -> Result<Site, BuildError> {
        let output = Output::live(dir, scratch, stop)?;
        let mut site = Site::open(root, output, Mode::Preview, &BuildOptions::default())?;
        site.build_all(false)?;
        Ok(site)
    }

    pub fn disclosure_count(&self) -> usize {
        self.manifest.file_count()
    }

    /// What this build let through by new corrections, in file order.
    pub(super) fn frozen_records(&self) -> Vec<freeze::Record> {
        let mut r = self.frozen_records.clone();
        r.sort_by(|a, b| (a.year, &a.line).cmp(&(b.year, &b.line)));
        r
    }

    /// The output and the cache, to be saved once the output is in place.
    pub(super) fn into_output(self) -> (Output, Option<Cache>) {
        (self.output, self.cache)
    }

    /// The checks' warnings and notes over the site as it stands.
    pub fn checks(&self) -> crate::check::Report {
        let all = self.warnings.values().flatten().cloned().collect();
        crate::check::Report::new(all, self.manifest.file_count())
    }

    /// Every year's departments, held or set aside.
    fn summaries(&self) -> Summaries<'_> {
        Summaries::new(&self.by_year, &self.shelf)
    }

    /// Keeps the warnings and notes of a file just rendered; most files have none, and a
    /// site of ten thousand should not keep an empty list for each.
    fn note_warnings(&mut self, file: &Path, diagnostics: Vec<crate::check::Diagnostic>) {
        let shown = self.shown(file);
        if diagnostics.is_empty() {
            self.warnings.remove(&shown);
        } else {
            self.warnings.insert(shown, diagnostics);
        }
    }

    /// The files that failed and why, by file (paths relative to the root).
    pub fn problems(&self) -> &BTreeMap<PathBuf, BuildError> {
        &self.broken
    }

    /// The site-relative folder of a disclosure file's pages (`2024/085/`), if it is one.
    pub fn pages_of(&self, shown: &Path) -> Option<String> {
        match classify(shown) {
            Kind::Disclosure { year, code } => Some(format!("{year}/{code}/")),
            _ => None,
        }
    }

    /// The path the site is published under (`/zwgk/yjs/`), which the preview serves it
    /// under too, so that the 404 page's links work as they will when published.
    pub fn site_path(&self) -> String {
        pages::site_path(&self.manifest.site.data)
    }

    /// Whether a change to `path` (under the root) can change the site.
    pub fn concerns(&self, path: &Path) -> bool {
        classify(&self.shown(path)) != Kind::Ignored
    }

    fn shown(&self, p: &Path) -> PathBuf {
        p.strip_prefix(&self.root).unwrap_or(p).to_path_buf()
    }

    /// Builds every page. In Publish mode any problem fails it, before the listing pages are
    /// written. In Preview mode a file that fails keeps the pages of its last good version.
    pub fn build_all(&mut self, progress: bool) -> Result<Rebuilt, BuildError> {
        let start = Instant::now();
        let preview = self.mode == Mode::Preview;
        // What a broken file keeps of its last good version includes its working files.
        for year in self.lazy.keys().copied().collect::<Vec<_>>() {
            self.restore_lazy(year)?;
        }
        let old_by_year = std::mem::take(&mut self.by_year);
        self.shelf = Shelf::default();
        let old_records = if preview {
            self.output.records()?
        } else {
            Vec::new()
        };
        self.output.forget();
        self.broken.clear();
        self.warnings.clear();
        self.pending.clear();
        self.pending_scope = Scope::default();
        self.pending_later.clear();
        self.frozen.clear();
        self.frozen_records.clear();
        let total = self.manifest.file_count();
        let progress = Progress::new(total, progress, start);
        let years = self.manifest.years.clone();
        let finals = packages::finals(&self.root, self.only_year);
        let mut year_files: Option<YearFiles> = None;
        // Years whose records a publishing build has set aside (see `Output::set_year_aside`).
        let mut aside = 0;
        for (year, files) in &years {
            if !preview {
                self.set_finished_years_aside(&mut aside)?;
            }
            let frozen = match freeze::read(&self.root, *year) {
                Ok(f) => f.unwrap_or_default(),
                Err(p) => {
                    self.broken
                        .insert(p.file.clone(), BuildError::Input(p.into()));
                    BTreeMap::new()
                }
            };
            // The previous year's all-departments CSV is joined from its parts while this
            // year's disclosures render: on its own it would leave a core idle.
            let (written, results) = rayon::join(
                || match year_files.take() {
                    Some(y) => y.write(&self.output, &self.manifest, self.cache.as_ref()),
                    None => Ok(()),
                },
                || {
                    let reused = self.reuse_all(*year, files);
                    files
                        .par_iter()
                        .zip(reused)
                        .map(|(f, reused)| {
                            let r = reused
                                .or_else(|| self.reuse_but_page(*year, f))
                                .map(Ok)
                                .unwrap_or_else(|| self.render_one(f, &frozen));
                            progress.tick();
                            r
                        })
                        .collect::<Vec<Result<Done, BuildError>>>()
                },
            );
            written?;
            let mut depts = Vec::new();
            let mut reused = Vec::new();
            for (f, r) in files.iter().zip(results) {
                match r {
                    Ok(done) => {
                        if done.reused {
                            reused.push(done.dept.code.clone());
                        }
                        self.frozen_records.extend(done.frozen_record);
                        self.note_warnings(f, done.diagnostics);
                        depts.push(done.dept);
                    }
                    Err(e @ BuildError::Failed(_)) => return Err(e),
                    Err(e) => {
                        self.broken.insert(self.shown(f), e);
                        // Keep what was served for it before, until it is fixed (its
                        // working files stay in the scratch folder as they were).
                        let code = stem(f);
                        if let Some(old) = old_by_year
                            .get(year)
                            .and_then(|l| find(l, &code).map(|i| l[i].clone()))
                        {
                            let prefix = format!("{year}/{code}/");
                            self.output.keep(
                                old_records
                                    .iter()
                                    .filter(|r| r.path.starts_with(&prefix))
                                    .cloned(),
                            );
                            depts.push(old);
                        }
                    }
                }
            }
            depts.sort_by(|a, b| a.code.cmp(&b.code));
            // Keys with a folder (`决算/CODE`) are other kinds', checked where they are built.
            let budgets = frozen.keys().filter(|c| !c.contains('/'));
            for code in budgets.filter(|c| find(&depts, c).is_none()) {
                let file = self.root.join(format!("content/{year}/{code}.yaml"));
                if !files.contains(&file) {
                    let shown = self.shown(&file);
                    let p = missing_frozen(&shown, *year);
                    self.broken.insert(shown, p);
                }
            }
            self.frozen.insert(*year, frozen);
            // A year whose files all fail has no pages yet.
            if depts.is_empty() {
                continue;
            }
            if preview || self.broken.is_empty() {
                let year_finals = finals.get(year).cloned().unwrap_or_default();
                let step = reuse::YearStep {
                    year: *year,
                    files,
                    reused: &reused,
                    finals: year_finals,
                };
                year_files = self.year_step(step, &mut depts)?;
            }
            if preview {
                self.by_year.insert(*year, depts);
            } else {
                self.shelf.put(&self.output, *year, depts)?;
            }
        }
        if !preview && !self.broken.is_empty() {
            return Err(self.refusal());
        }
        if let Some(y) = year_files {
            y.write(&self.output, &self.manifest, self.cache.as_ref())?;
        }
        if !preview {
            self.set_finished_years_aside(&mut aside)?;
        }
        // A year with 决算 and no budget has a package of its 决算 alone.
        let all = self.summaries();
        for (year, rows) in finals.iter().filter(|(y, _)| !all.contains(**y)) {
            let site = &self.manifest.site.data;
            packages::year(&self.output, site, *year, [], rows, &|| false)?;
        }
        self.site_package(&finals)?;
        self.all_listings()?;
        write_static(&self.root, &self.output)?;
        if preview {
            self.preview_finals()?;
        }
        write_manifests(&self.output, self.summaries().years())?;
        if preview {
            self.output.remove_unwritten()?;
            // Its keys are those of the content as it was: later rebuilds only take back the
            // working files of what it reused (`restore_lazy`).
            self.cache.as_mut().map(Cache::keep_parts_only);
        }
        progress.finish();
        Ok(Rebuilt {
            disclosures: total,
            files: total,
            full: true,
            elapsed: start.elapsed(),
        })
    }

    /// Sets aside the file records of the years built since `aside` were (see
    /// `Output::set_year_aside`).
    fn set_finished_years_aside(&self, aside: &mut usize) -> Result<(), BuildError> {
        for done in self.summaries().years().into_iter().skip(*aside) {
            self.output.set_year_aside(done)?;
            *aside += 1;
        }
        Ok(())
    }

    /// Publish mode: why the build refuses. Problems that stop a file loading come first;
    /// with none, every check finding (warnings too, so the report is whole).
    fn refusal(&mut self) -> BuildError {
        let mut problems = Vec::new();
        let mut findings: Vec<_> = self.warnings.values().flatten().cloned().collect();
        for e in std::mem::take(&mut self.broken).into_values() {
            match e {
                BuildError::Input(p) => problems.extend(p.0),
                BuildError::Check(r) => findings.extend(r.diagnostics),
                other => return other,
            }
        }
        if problems.is_empty() {
            BuildError::Check(crate::check::Report::new(
                findings,
                self.manifest.file_count(),
            ))
        } else {
            BuildError::Input(Problems(problems))
        }
    }

    fn write_listings(&self, scope: &Scope) -> Result<(), BuildError> {
        let finals = self.finals();
        let ctx = pages::SiteCtx {
            tera: &self.tera,
            site: &self.manifest.site.data,
            profile: &self.manifest.profile,
            file: &self.manifest.site.file,
        };
        pages::write_site_pages(
            &ctx,
            &self.output,
            &self.manifest.glossary,
            self.summaries(),
            &finals,
            scope,
        )?;
        // After the pages: the sitemap lists them.
        write_discovery(
            &self.manifest,
            &self.output,
            self.summaries(),
            &finals,
            scope.all || scope.fixed,
        )
    }

    /// The 决算 pages of a preview (`build` writes them after the budgets'); a 决算 with
    /// problems shows them on the error page instead, as a broken budget file does.
    fn preview_finals(&mut self) -> Result<(), BuildError> {
        match super::final_accounts::write_all(&self.root, &self.output, self.only_year) {
            Ok(_) => Ok(()),
            Err(BuildError::Input(p)) => {
                let mut by_file: BTreeMap<PathBuf, Vec<Problem>> = BTreeMap::new();
                for problem in p.0 {
                    by_file
                        .entry(problem.file.clone())
                        .or_default()
                        .push(problem);
                }
                for (file, list) in by_file {
                    self.broken.insert(file, BuildError::Input(Problems(list)));
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// The 决算 the listing pages show: those of the years this build covers.
    fn finals(&self) -> Vec<crate::final_accounts::listing::FinalEntry> {
        let mut all = crate::final_accounts::listing::entries(&self.root);
        all.retain(|f| self.only_year.is_none_or(|y| y == f.year));
        all
    }
}

pub(super) fn stem(f: &Path) -> String {
    f.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn missing_frozen(shown: &Path, year: u16) -> BuildError {
    let p = Problem::new(
        shown,
        crate::say!(
            "{year} 年已冻结，但这份公开文件不见了",
            "{year} is frozen, but this disclosure is missing"
        ),
    )
    .hint(crate::say!(
        "已冻结年度的公开文件要一直公开：请把这个文件恢复回来",
        "a frozen year's disclosures stay published: restore the file"
    ));
    BuildError::Input(p.into())
}

/// What a path relative to the root is to the site.
fn classify(shown: &Path) -> Kind {
    let parts: Vec<&str> = shown
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let hidden = parts.last().is_some_and(|n| n.starts_with('.'));
    match parts.as_slice() {
        _ if hidden => Kind::Ignored,
        ["templates", ..] | ["static", ..] | ["profiles", ..] => Kind::Everything,
        ["content", "site.yaml" | "glossary.yaml"] => Kind::Everything,
        ["content", y] | ["content", y, freeze::FILE | load::GLOSSARY] if load::is_year(y) => {
            Kind::Everything
        }
        // A 决算 is listed on the home, year and department pages: all of them follow.
        ["content", y, "决算", _] if load::is_year(y) => Kind::Everything,
        ["content", y, name] if load::is_year(y) => match name.rsplit_once('.') {
            Some((code, "yaml" | "yml")) => Kind::Disclosure {
                year: y.parse().unwrap_or(0),
                code: code.to_owned(),
            },
            _ => Kind::Ignored,
        },
        _ => Kind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_classified() {
        let d = |y, c: &str| Kind::Disclosure {
            year: y,
            code: c.into(),
        };
        assert_eq!(classify(Path::new("content/2024/085.yaml")), d(2024, "085"));
        assert_eq!(classify(Path::new("content/2024/086.yml")), d(2024, "086"));
        assert_eq!(classify(Path::new("content/site.yaml")), Kind::Everything);
        assert_eq!(classify(Path::new("content/2024/FROZEN")), Kind::Everything);
        assert_eq!(
            classify(Path::new("content/2024/决算/finance.yaml")),
            Kind::Everything
        );
        assert_eq!(
            classify(Path::new("content/2024/glossary.yaml")),
            Kind::Everything
        );
        assert_eq!(classify(Path::new("content/2024")), Kind::Everything);
        assert_eq!(classify(Path::new("templates/base.html")), Kind::Everything);
        assert_eq!(classify(Path::new("static/style.css")), Kind::Everything);
        assert_eq!(classify(Path::new("profiles/mine.yaml")), Kind::Everything);
        // Editor droppings and unrelated files.
        for p in [
            "content/2024/.085.yaml.swp",
            "content/2024/.#085.yaml",
            "content/2024/085.yaml~",
            "content/2024/4913",
            "content/notes.txt",
            "public/index.html",
        ] {
            assert_eq!(classify(Path::new(p)), Kind::Ignored, "{p}");
        }
    }
}
