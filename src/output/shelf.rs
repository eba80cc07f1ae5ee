//! Finished years' department summaries, set aside on disk by a publishing build.
//!
//! The listing pages (home, year, department pages, the feed) need every department-year's
//! summary, and each disclosure needs its department's earlier years (links, the trend chart,
//! last year's figures). Held in memory, they were what a build's memory grew by, about a
//! kilobyte per department-year. Once a year is built its summaries go to one working file,
//! a JSON line each; memory keeps only where each line is. They are read back one department
//! or one year at a time, as a page needs them.
//!
//! A preview keeps every year in memory instead: one changed file rewrites the pages that
//! list it at once, and a preview edits what it holds.

use super::DeptSummary;
use super::write::{Output, fail};
use crate::check::LastYear;
use crate::content::model::Correction;
use crate::derive::Summary;
use crate::derive::chart_facts::ChartFacts;
use crate::output::BuildError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

/// What is kept of a department-year once its pages are written: its [`DeptSummary`] but
/// the code and year it is filed under. The cache's records keep the same.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kept {
    pub name: String,
    pub published: String,
    pub unit: String,
    pub summary: Summary,
    pub href: String,
    pub corrections: Vec<Correction>,
    pub last_year: LastYear,
    pub chart: ChartFacts,
}

impl Kept {
    pub fn of(d: &DeptSummary) -> Kept {
        Kept {
            name: d.name.clone(),
            published: d.published.clone(),
            unit: d.unit.to_owned(),
            summary: d.summary.clone(),
            href: d.href.clone(),
            corrections: d.corrections.clone(),
            last_year: d.last_year.clone(),
            chart: d.chart.clone(),
        }
    }

    pub fn summary(self, code: &str, year: u16) -> DeptSummary {
        DeptSummary {
            code: code.to_owned(),
            name: self.name,
            year,
            published: self.published,
            unit: crate::content::interned::intern(&self.unit),
            summary: self.summary,
            href: self.href,
            corrections: self.corrections,
            last_year: self.last_year,
            chart: self.chart,
        }
    }
}

/// Where one department's line is in the file.
struct Spot {
    code: Box<str>,
    at: u64,
    len: u32,
}

/// The years set aside, and where each department's summary is.
#[derive(Default)]
pub struct Shelf {
    file: Option<(PathBuf, std::fs::File)>,
    end: u64,
    /// Each year's departments, sorted by code.
    years: BTreeMap<u16, Vec<Spot>>,
}

impl Shelf {
    /// Sets a finished year's summaries (sorted by code) aside.
    pub fn put(
        &mut self,
        output: &Output,
        year: u16,
        list: Vec<DeptSummary>,
    ) -> Result<(), BuildError> {
        if self.file.is_none() {
            let path = output.scratch("summaries.jsonl")?;
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(true)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(|e| fail("cannot write", &path, e))?;
            self.file = Some((path, file));
        }
        let Some((path, file)) = &self.file else {
            unreachable!("opened above")
        };
        let failed = |e| fail("cannot write", path, e);
        let mut w = std::io::BufWriter::new(file);
        let mut spots = Vec::with_capacity(list.len());
        let mut line = Vec::new();
        for d in list {
            line.clear();
            serde_json::to_writer(&mut line, &Kept::of(&d)).map_err(|e| failed(e.into()))?;
            line.push(b'\n');
            w.write_all(&line).map_err(failed)?;
            spots.push(Spot {
                code: d.code.into_boxed_str(),
                at: self.end,
                len: line.len() as u32,
            });
            self.end += line.len() as u64;
        }
        w.flush().map_err(failed)?;
        self.years.insert(year, spots);
        Ok(())
    }

    fn read(&self, year: u16, spots: &[Spot]) -> Result<Vec<DeptSummary>, BuildError> {
        let (Some((path, file)), Some(first), Some(last)) =
            (&self.file, spots.first(), spots.last())
        else {
            return Ok(Vec::new());
        };
        let failed = |e| fail("cannot read", path, e);
        let mut bytes = vec![0; (last.at + u64::from(last.len) - first.at) as usize];
        file.read_exact_at(&mut bytes, first.at).map_err(failed)?;
        spots
            .iter()
            .map(|s| {
                let from = (s.at - first.at) as usize;
                let line = &bytes[from..from + s.len as usize];
                let kept: Kept =
                    serde_json::from_slice(line).map_err(|e| failed(std::io::Error::other(e)))?;
                Ok(kept.summary(&s.code, year))
            })
            .collect()
    }
}

/// A department's summary of an earlier year: held, or read back from the shelf.
pub type Earlier<'a> = Cow<'a, DeptSummary>;

/// Every year's department summaries: those in memory (all of a preview's; the year a build
/// is on) and those a build has set aside. A year is in one or the other.
#[derive(Clone, Copy)]
pub struct Summaries<'a> {
    held: &'a BTreeMap<u16, Vec<DeptSummary>>,
    shelf: &'a Shelf,
}

impl<'a> Summaries<'a> {
    pub fn new(held: &'a BTreeMap<u16, Vec<DeptSummary>>, shelf: &'a Shelf) -> Summaries<'a> {
        Summaries { held, shelf }
    }

    /// The years with at least one department, oldest first.
    pub fn years(&self) -> BTreeSet<u16> {
        let shelved = self.shelf.years.keys();
        self.held.keys().chain(shelved).copied().collect()
    }

    pub fn contains(&self, year: u16) -> bool {
        self.held.contains_key(&year) || self.shelf.years.contains_key(&year)
    }

    /// A year's departments, sorted by code.
    pub fn year(&self, year: u16) -> Result<Cow<'a, [DeptSummary]>, BuildError> {
        if let Some(list) = self.held.get(&year) {
            return Ok(Cow::Borrowed(list));
        }
        match self.shelf.years.get(&year) {
            Some(spots) => self.shelf.read(year, spots).map(Cow::Owned),
            None => Ok(Cow::Borrowed(&[])),
        }
    }

    /// This department's summaries of the years before `year`, oldest first.
    pub fn earlier(&self, code: &str, year: u16) -> Result<Vec<Cow<'a, DeptSummary>>, BuildError> {
        let mut out = Vec::new();
        for y in self.years().range(..year) {
            if let Some(list) = self.held.get(y) {
                out.extend(super::find(list, code).map(|i| Cow::Borrowed(&list[i])));
            } else if let Some(spots) = self.shelf.years.get(y)
                && let Ok(i) = spots.binary_search_by(|s| (*s.code).cmp(code))
            {
                let mut one = self.shelf.read(*y, &spots[i..=i])?;
                out.extend(one.pop().map(Cow::Owned));
            }
        }
        Ok(out)
    }

    /// Every department's code, in order.
    pub fn codes(&self) -> BTreeSet<&'a str> {
        let held = self.held.values().flatten().map(|d| d.code.as_str());
        let shelved = self.shelf.years.values().flatten().map(|s| &*s.code);
        held.chain(shelved).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::money::Money;
    use crate::content::unit::MoneyUnit;
    use rust_decimal::Decimal;

    fn dept(code: &str, year: u16, name: &str) -> DeptSummary {
        DeptSummary {
            code: code.into(),
            name: name.into(),
            year,
            published: format!("{year}-02-01"),
            unit: "万元",
            summary: Summary::default(),
            href: format!("{year}/{code}/index.html"),
            corrections: Vec::new(),
            last_year: LastYear {
                file: format!("content/{year}/{code}.yaml").into(),
                year,
                figures: vec![Money(Decimal::new(12345, 2))],
            },
            chart: ChartFacts {
                code: code.into(),
                year,
                name: name.into(),
                unit: MoneyUnit::TenThousandYuan,
                total: Money(Decimal::new(98765, 2)),
                classes: vec![("201", Money(Decimal::new(5, 1)))],
            },
        }
    }

    #[test]
    fn set_aside_years_read_back_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::live(&dir.path().join("site"), &dir.path().join("work"), {
            std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false))
        })
        .unwrap();
        let mut shelf = Shelf::default();
        let y2023 = vec![dept("085", 2023, "财政局"), dept("101", 2023, "教育局")];
        let y2024 = vec![
            dept("085", 2024, "财政局（新）"),
            dept("102", 2024, "卫健委"),
        ];
        shelf.put(&output, 2023, y2023.clone()).unwrap();
        let mut held = BTreeMap::new();
        held.insert(2024, y2024.clone());
        let all = Summaries::new(&held, &shelf);
        assert_eq!(all.years().into_iter().collect::<Vec<_>>(), [2023, 2024]);
        assert_eq!(*all.year(2023).unwrap(), y2023[..]);
        assert_eq!(*all.year(2024).unwrap(), y2024[..]);
        assert!(all.year(2022).unwrap().is_empty());
        let earlier = all.earlier("085", 2025).unwrap();
        let names: Vec<&str> = earlier.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["财政局", "财政局（新）"]);
        assert!(all.earlier("102", 2024).unwrap().is_empty());
        assert_eq!(
            all.earlier("101", 2024).unwrap()[0].href,
            "2023/101/index.html"
        );
        assert_eq!(
            all.codes().into_iter().collect::<Vec<_>>(),
            ["085", "101", "102"]
        );
        // A second year is appended after the first, which reads back unchanged.
        shelf.put(&output, 2024, y2024.clone()).unwrap();
        let none = BTreeMap::new();
        let all = Summaries::new(&none, &shelf);
        assert_eq!(*all.year(2023).unwrap(), y2023[..]);
        assert_eq!(*all.year(2024).unwrap(), y2024[..]);
    }
}
