//! What the preview does when files change: reload settings and templates, rebuild one
//! changed file alone, and write the year listings once a round of changes is done.

use super::*;

impl Site {
    /// Reads settings and templates again and rebuilds everything. On failure the previous
    /// state (and the pages on disk) stay as they were.
    pub fn reload(&mut self) -> Result<Rebuilt, BuildError> {
        let manifest = load::scan(&self.root)?;
        let tera = render::templates(&self.root, &manifest.profile).map_err(BuildError::Failed)?;
        self.manifest = manifest;
        self.tera = tera;
        self.build_all(false)
    }

    /// Rebuilds the disclosure pages that `paths` (changed, created or removed files and
    /// folders under the root) are about, or everything when settings, templates or static
    /// files changed. The pages that list them follow with [`Site::listings`], the year
    /// downloads with [`Site::finish`]: with thousands of departments those take longer, and
    /// the page being edited should not wait for them.
    pub fn changed(&mut self, paths: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        let start = Instant::now();
        let kinds: Vec<(PathBuf, Kind)> = paths
            .iter()
            .map(|p| {
                let shown = self.shown(p);
                let k = classify(&shown);
                (shown, k)
            })
            .collect();
        if kinds.iter().any(|(_, k)| *k == Kind::Everything) {
            return self.reload();
        }
        let mut done = Rebuilt::default();
        let mut scope = std::mem::take(&mut self.pending_scope);
        for (shown, kind) in kinds {
            if let Kind::Disclosure { year, code } = kind {
                done.files += 1;
                done.disclosures += self.one_changed(&shown, year, &code, &mut scope)?;
            }
        }
        self.pending_scope = scope;
        done.elapsed = start.elapsed();
        Ok(done)
    }

    /// Writes the pages that list or link to what changed since the last call: this
    /// department's disclosures of later years, home, year and department pages, the feed…;
    /// returns whether there were any.
    pub fn listings(&mut self) -> Result<bool, BuildError> {
        let later = std::mem::take(&mut self.pending_later);
        let mut any = !later.is_empty();
        for (y, code) in later {
            let f = self.root.join(format!("content/{y}/{code}.yaml"));
            if !f.is_file() {
                continue;
            }
            // Also when it failed: it may have failed only against the year that changed
            // (its comparison with last year), and now pass.
            self.broken.remove(&self.shown(&f));
            if let Outcome::Changed = self.render(y, &f)? {
                self.pending_scope.years.insert(y);
                self.pending_scope.codes.insert(code);
            }
            self.pending.insert(y);
        }
        let scope = std::mem::take(&mut self.pending_scope);
        if !scope.years.is_empty() || scope.all {
            self.write_listings(&scope)?;
            any = true;
        }
        Ok(any)
    }

    /// Writes what [`Site::changed`] left: listing pages not yet written, then the touched
    /// years' downloads and manifests. Stops early when `interrupted` says a newer change
    /// waits (what is left stays pending for the next call); returns whether all was written.
    pub fn finish(&mut self, interrupted: &(dyn Fn() -> bool + Sync)) -> Result<bool, BuildError> {
        self.listings()?;
        // Any change of a year changes the site's package too.
        let site_changed = !self.pending.is_empty();
        // A year whose last file went is gone with its folder.
        self.pending.retain(|y| self.by_year.contains_key(y));
        let finals = packages::finals(&self.root, self.only_year);
        while let Some(year) = self.pending.first().copied() {
            self.restore_lazy(year)?;
            if !year_downloads(
                &self.output,
                &self.manifest.site.data,
                &self.root,
                year,
                self.by_year[&year].iter().map(|d| d.code.as_str()),
                finals.get(&year).map_or(&[][..], Vec::as_slice),
                interrupted,
            )? {
                return Ok(false);
            }
            write_manifests(&self.output, [year])?;
            self.pending.remove(&year);
        }
        if site_changed {
            let years = self.package_years(&finals);
            packages::site(&self.output, &self.manifest.site.data, years)?;
        }
        Ok(true)
    }

    /// One disclosure file changed, appeared or disappeared. Returns how many department-years
    /// were rendered; records what listing pages and manifests must follow.
    pub(super) fn one_changed(
        &mut self,
        shown: &Path,
        year: u16,
        code: &str,
        scope: &mut Scope,
    ) -> Result<usize, BuildError> {
        let file = self.root.join(shown);
        let exists = file.is_file();
        let years_before: Vec<u16> = self.by_year.keys().copied().collect();
        let count_before = self.by_year.get(&year).map_or(0, Vec::len);
        self.list_file(year, &file, exists);
        self.broken.remove(shown);
        let outcome = if exists {
            self.render(year, &file)?
        } else {
            self.drop_disclosure(year, code)?;
            if self.frozen.get(&year).is_some_and(|f| f.contains_key(code)) {
                self.broken
                    .insert(shown.to_path_buf(), missing_frozen(shown, year));
            }
            Outcome::Changed
        };
        let rendered = usize::from(exists);
        // Broken: its last good pages, and every page listing them, stay as they are.
        if let Outcome::Broken = outcome {
            return Ok(rendered);
        }
        self.pending.insert(year);
        // Its pages of later years link back to it (and what they show of earlier years, a
        // check or a chart, may have changed): with the listing pages.
        let later: Vec<u16> = self
            .by_year
            .range(year + 1..)
            .filter(|(_, l)| find(l, code).is_some())
            .map(|(y, _)| *y)
            .collect();
        for y in later {
            self.pending_later.insert((y, code.to_owned()));
        }
        // Only its own pages changed (a text, an indicator): no listing shows them.
        if let Outcome::Unchanged = outcome {
            return Ok(rendered);
        }
        scope.years.insert(year);
        scope.codes.insert(code.to_owned());
        if self.by_year.keys().copied().ne(years_before) {
            scope.all = true;
        }
        if self.by_year.get(&year).map_or(0, Vec::len) != count_before {
            scope.fixed = true;
        }
        Ok(rendered)
    }

    /// Renders one disclosure and records its summary.
    pub(super) fn render(&mut self, year: u16, file: &Path) -> Result<Outcome, BuildError> {
        // Its working files are written anew: the cached ones are not to be put back.
        if let Some(lazy) = self.lazy.get_mut(&year) {
            lazy.remove(&super::stem(file));
        }
        let frozen = self.frozen.get(&year).filter(|f| !f.is_empty());
        match one_disclosure(
            &self.manifest,
            &self.tera,
            &self.output,
            file,
            self.summaries(),
            frozen,
        ) {
            Ok(done) => {
                self.note_warnings(file, done.diagnostics);
                let list = self.by_year.entry(year).or_default();
                let outcome = match find(list, &done.dept.code) {
                    Some(i) if list[i] == done.dept => Outcome::Unchanged,
                    Some(i) => {
                        list[i] = done.dept.clone();
                        Outcome::Changed
                    }
                    None => {
                        let at = list.partition_point(|d| d.code < done.dept.code);
                        list.insert(at, done.dept.clone());
                        Outcome::Changed
                    }
                };
                Ok(outcome)
            }
            Err(e @ BuildError::Failed(_)) => Err(e),
            Err(e) => {
                self.warnings.remove(&self.shown(file));
                self.broken.insert(self.shown(file), e);
                Ok(Outcome::Broken)
            }
        }
    }

    /// A disclosure file is gone: its pages, its place in the lists, and an emptied year.
    pub(super) fn drop_disclosure(&mut self, year: u16, code: &str) -> Result<(), BuildError> {
        if let Some(lazy) = self.lazy.get_mut(&year) {
            lazy.remove(code);
        }
        self.output.remove(&format!("{year}/{code}"))?;
        for rel in super::super::fragments(year, code) {
            if let Ok(part) = self.output.scratch(&rel) {
                let _ = std::fs::remove_file(part);
            }
        }
        if let Some(list) = self.by_year.get_mut(&year)
            && let Some(i) = find(list, code)
        {
            list.remove(i);
        }
        if self.by_year.get(&year).is_some_and(Vec::is_empty) {
            self.by_year.remove(&year);
            self.output.remove(&year.to_string())?;
        }
        if !self.by_year.values().any(|l| find(l, code).is_some()) {
            self.output.remove(&format!("dept/{code}"))?;
        }
        Ok(())
    }

    /// Keeps the manifest's file list in step with the folder.
    pub(super) fn list_file(&mut self, year: u16, file: &Path, exists: bool) {
        let years = &mut self.manifest.years;
        let at = years.partition_point(|(y, _)| *y < year);
        if at == years.len() || years[at].0 != year {
            if !exists {
                return;
            }
            years.insert(at, (year, Vec::new()));
        }
        let files = &mut years[at].1;
        match (files.binary_search_by(|f| f.as_path().cmp(file)), exists) {
            (Err(i), true) => files.insert(i, file.to_path_buf()),
            (Ok(i), false) => {
                files.remove(i);
            }
            _ => {}
        }
        if files.is_empty() {
            years.remove(at);
        }
    }

    /// The years before `year` this department has pages for (its pages link to them).
    pub fn earlier_years(&self, code: &str, year: u16) -> Vec<u16> {
        // A preview holds every year in memory: there is nothing to read that could fail.
        (self.summaries().earlier(code, year))
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.year)
            .collect()
    }
}
