//! What the build cache spares a build: the disclosures, years and package whose inputs
//! have not changed are taken from the last build (see [`crate::output::cache`]); the rest
//! is written, and kept for the next.

use super::{Site, stem};
use crate::output::cache::{Cache, StepOf};
use crate::output::write::Output;
use crate::output::{
    BuildError, DeptSummary, Done, one_disclosure, packages, page_only, year_downloads,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

impl Site {
    /// Preview: puts back the working files of the disclosures of `year` that the first build
    /// took from the last `gongkai build`, before the year's downloads are written again.
    /// Damaged ones are built again.
    pub(super) fn restore_lazy(&mut self, year: u16) -> Result<(), BuildError> {
        let Some(codes) = self.lazy.remove(&year) else {
            return Ok(());
        };
        let Some(cache) = &self.cache else {
            return Ok(());
        };
        let codes: Vec<String> = codes.into_iter().collect();
        for code in cache.restore(year, &codes, &self.output) {
            let file = self.root.join(format!("content/{year}/{code}.yaml"));
            self.render(year, &file)?;
        }
        Ok(())
    }
}

/// Threads for the system calls of reuse (links and stats), which wait on the disk's journal.
fn io_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(16).build().ok())
        .as_ref()
}

/// One year of a full build, its disclosures done, for [`Site::year_step`].
pub(super) struct YearStep<'a> {
    pub year: u16,
    pub files: &'a [PathBuf],
    /// The codes taken from the cache.
    pub reused: &'a [String],
    /// The fact rows of its 决算.
    pub finals: Vec<Vec<u8>>,
}

impl Site {
    /// Each of `files` taken from the last build if unchanged. Linking is waiting on the
    /// disk, not computing, so it runs on many more threads than there are cores.
    pub(super) fn reuse_all(&self, year: u16, files: &[PathBuf]) -> Vec<Option<Done>> {
        use rayon::prelude::*;
        let Some(pool) = self.cache.as_ref().and_then(|_| io_pool()) else {
            return files.iter().map(|_| None).collect();
        };
        pool.install(|| files.par_iter().map(|f| self.reuse(year, f)).collect())
    }

    /// Loads, checks, renders and writes one disclosure, and keeps it in the cache.
    pub(super) fn render_one(
        &self,
        file: &Path,
        frozen: &BTreeMap<String, crate::output::freeze::Frozen>,
    ) -> Result<Done, BuildError> {
        let frozen = Some(frozen).filter(|f| !f.is_empty());
        let m = &self.manifest;
        let r = one_disclosure(m, &self.tera, &self.output, file, self.summaries(), frozen);
        if let (Ok(done), Some(cache)) = (&r, &self.cache)
            && done.frozen_record.is_none()
        {
            cache.store(&self.output, &done.dept, &done.diagnostics);
        }
        r
    }

    /// An unchanged disclosure, taken from the last build as it was written.
    fn reuse(&self, year: u16, file: &Path) -> Option<Done> {
        let cache = self.cache.as_ref()?;
        Some(reused(cache.reuse(year, &stem(file), &self.output)?))
    }

    /// A disclosure whose content is unchanged when only the templates or static files
    /// changed: taken from the last build but for its page, which is written again.
    pub(super) fn reuse_but_page(&self, year: u16, file: &Path) -> Option<Done> {
        let cache = self.cache.as_ref()?;
        let code = stem(file);
        let d = cache.reuse_but_page(year, &code, &self.output)?;
        // A page that cannot be written is left to the full render, which says why.
        page_only(
            &self.manifest,
            &self.tera,
            &self.output,
            file,
            self.summaries(),
        )
        .ok()?;
        Some(reused(cache.store_page(&self.output, year, &code, d)))
    }

    /// The years of the site's open-data package: those with budgets or 决算 (`finals`).
    pub(super) fn package_years(&self, finals: &BTreeMap<u16, Vec<Vec<u8>>>) -> BTreeSet<u16> {
        let mut years = self.summaries().years();
        years.extend(finals.keys());
        years
    }

    /// The site's open-data package, reused when no year of it changed.
    pub(super) fn site_package(
        &self,
        finals: &BTreeMap<u16, Vec<Vec<u8>>>,
    ) -> Result<(), BuildError> {
        let years = self.package_years(finals);
        let key = (self.cache.as_ref()).map(|c| c.keys.site_package(years.iter().copied()));
        if let (Some(cache), Some(key)) = (&self.cache, &key)
            && self.broken.is_empty()
            && cache.reuse_step(StepOf::Package, *key, &self.output)
        {
            return Ok(());
        }
        let site = &self.manifest.site.data;
        packages::site(&self.output, site, years)?;
        let prefix = format!("{}/", packages::SITE_DIR);
        if let (Some(cache), Some(key)) = (&self.cache, key)
            && self.broken.is_empty()
            && let Ok(files) = self.output.stamps_under(&prefix)
        {
            cache.store_step(StepOf::Package, key, files);
        }
        Ok(())
    }

    /// The pages that list the disclosures, reused when no disclosure, 决算 or template
    /// changed (a build that changed nothing then renders nothing at all).
    pub(super) fn all_listings(&self) -> Result<(), BuildError> {
        let cache = self.cache.as_ref().filter(|_| self.broken.is_empty());
        let key = cache.map(|c| c.keys.listings());
        if let (Some(cache), Some(key)) = (cache, key)
            && cache.reuse_step(StepOf::Listings, key, &self.output)
        {
            return Ok(());
        }
        self.write_listings(&crate::output::pages::Scope::all())?;
        if let (Some(cache), Some(key)) = (cache, key) {
            let mut files = Vec::new();
            for prefix in crate::output::pages::listing_files(self.summaries().years()) {
                files.extend(self.output.stamps_under(&prefix)?);
            }
            cache.store_step(StepOf::Listings, key, files);
        }
        Ok(())
    }

    /// The year's own files: reused when none of its disclosures changed; else the files
    /// to write (returned, to be written while the next year renders), for which the working
    /// files of its reused disclosures are put back. A preview puts them back later, when a
    /// change rebuilds the year's downloads (`restore_lazy`): starting needs none of them.
    pub(super) fn year_step(
        &mut self,
        step: YearStep,
        depts: &mut [DeptSummary],
    ) -> Result<Option<YearFiles>, BuildError> {
        let year = step.year;
        let preview = self.mode == super::Mode::Preview;
        let whole = depts.len() == step.files.len();
        let key = self.cache.as_ref().map(|c| c.keys.year(year));
        let year_reused = whole
            && match (&self.cache, &key) {
                (Some(c), Some(key)) => c.reuse_step(StepOf::Year(year), *key, &self.output),
                _ => false,
            };
        if year_reused {
            // A preview's year stays as reused until a change rebuilds its downloads.
            if preview {
                self.lazy
                    .insert(year, step.reused.iter().cloned().collect());
            }
            return Ok(None);
        }
        if let Some(cache) = &self.cache {
            // A damaged cache is not trusted: those disclosures are built again.
            for code in cache.restore(year, step.reused, &self.output) {
                let Some(file) = step.files.iter().find(|f| stem(f) == code) else {
                    continue;
                };
                let frozen = self.frozen.get(&year).cloned().unwrap_or_default();
                let done = self.render_one(file, &frozen)?;
                if let Ok(i) = depts.binary_search_by(|d| d.code.cmp(&code)) {
                    depts[i] = done.dept;
                }
            }
        }
        Ok(Some(YearFiles {
            year,
            codes: depts.iter().map(|d| d.code.clone()).collect(),
            finals: step.finals,
            key: key.filter(|_| whole),
        }))
    }
}

/// A built year's own downloads, still to be written.
pub(super) struct YearFiles {
    pub(super) year: u16,
    /// Its departments' codes, in order.
    pub(super) codes: Vec<String>,
    /// The fact rows of its 决算.
    pub(super) finals: Vec<Vec<u8>>,
    /// The key to keep its files under, when the cache may keep them.
    pub(super) key: Option<crate::output::cache::keys::Key>,
}

impl YearFiles {
    pub(super) fn write(
        self,
        output: &Output,
        m: &crate::content::load::Manifest,
        cache: Option<&Cache>,
    ) -> Result<(), BuildError> {
        let codes = self.codes.iter().map(String::as_str);
        year_downloads(
            output,
            &m.site.data,
            &m.root,
            self.year,
            codes,
            &self.finals,
            &|| false,
        )?;
        if let (Some(cache), Some(key)) = (cache, self.key) {
            // The year's own files sit directly in its folder, beside its disclosures'.
            let prefix = format!("{}/", self.year);
            let files = output.stamps_where(&prefix, |rest| {
                !rest.contains('/') && rest != "index.html" && rest != crate::output::manifest::FILE
            })?;
            cache.store_step(StepOf::Year(self.year), key, files);
        }
        Ok(())
    }
}

fn reused(r: crate::output::cache::Reused) -> Done {
    Done {
        dept: r.dept,
        diagnostics: r.diagnostics,
        frozen_record: None,
        reused: true,
    }
}
