//! The HTML pages: one per disclosure, and the pages that list them (home, year,
//! department across years, glossary, guide, search, 404).

use super::shelf::{Earlier, Summaries};
use super::{BuildError, DeptSummary, write::Output};
use crate::content::kind::Kind;
use crate::content::load::Loaded;
use crate::content::model::{Disclosure, GlossaryEntry, SiteConfig};
use crate::content::problem::{Problem, Problems};
use crate::content::profile::Profile;
use crate::final_accounts::listing::FinalEntry;
use crate::render;
use crate::render::page::{DisclosureView, glossary_view};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;
use tera::{Context, Tera};

pub struct SiteCtx<'a> {
    pub tera: &'a Tera,
    pub site: &'a SiteConfig,
    /// The region profile: the page template, and the unit of the year pages' charts.
    pub profile: &'a Profile,
    /// The file a rendering error is reported against.
    pub file: &'a Path,
}

impl SiteCtx<'_> {
    /// A context with what every page needs; `root` leads from the page back to the site root.
    fn context(&self, root: &str, title: &str) -> Context {
        let mut c = Context::new();
        c.insert("site", self.site);
        c.insert("root", root);
        c.insert("title", title);
        c
    }

    /// Renders a page as bytes, ready to write: Tera checks a rendered `String` for valid
    /// UTF-8 again (its own output) and grows its buffer from empty, both measurable on a
    /// 200 KB disclosure page.
    fn render(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, BuildError> {
        let mut page = Vec::with_capacity(256 * 1024);
        self.tera
            .render_to(name, ctx, &mut page)
            .map(|()| page)
            .map_err(|e| self.failed(name, &e))
    }

    /// A template that failed, said with the file being built.
    fn failed(&self, name: &str, e: &tera::Error) -> BuildError {
        BuildError::Input(Problems(vec![
            Problem::new(
                self.file,
                crate::say!(
                    "生成 {name} 失败：{}",
                    "rendering {name} failed: {}",
                    render::error_chain(e)
                ),
            )
            .hint(crate::say!(
                "如果网站有自己的 templates/ 模板，请对照内置模板检查它们",
                "if the site has its own templates/, check them against the built-in ones"
            )),
        ]))
    }
}

pub fn json_name(d: &Disclosure) -> String {
    format!("{}-{}.json", d.code, d.year)
}

pub fn yaml_name(d: &Disclosure) -> String {
    format!("{}-{}.yaml", d.code, d.year)
}

pub fn year_csv_name(year: u16) -> String {
    format!("budget-{year}.csv")
}

/// The path the site is published under, from `base_url` (`/zwgk/yjs/`), or `/`.
pub fn site_path(site: &SiteConfig) -> String {
    let base = site
        .base_url
        .as_deref()
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .map(|rest| rest.find('/').map(|i| &rest[i..]).unwrap_or("/"))
        .unwrap_or("/");
    if base.ends_with('/') {
        base.to_owned()
    } else {
        format!("{base}/")
    }
}

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
}

/// The disclosure page. `earlier` holds this department's earlier years.
pub fn disclosure(
    ctx: &SiteCtx,
    d: &Loaded<Disclosure>,
    view: &DisclosureView,
    earlier: &[Earlier],
    final_href: Option<String>,
) -> Result<Vec<u8>, BuildError> {
    let mut downloads: Vec<Link> = view
        .tables
        .iter()
        .map(|t| Link {
            // A table in another unit than the page (普陀 table 9) says so.
            label: if t.unit == view.unit {
                format!("{}{}（CSV）", t.number_label, t.name)
            } else {
                format!("{}{}（CSV，单位：{}）", t.number_label, t.name, t.unit)
            },
            href: super::downloads::table_csv_name(t),
        })
        .collect();
    // The workbook first: most readers open downloads in Excel or WPS.
    downloads.insert(
        0,
        Link {
            label: "全部表格（Excel）".into(),
            href: super::xlsx::disclosure_name(&view.code, view.year),
        },
    );
    downloads.push(Link {
        label: "全部数据与表格（JSON）".into(),
        href: json_name(&d.data),
    });
    downloads.push(Link {
        label: "原始数据（YAML）".into(),
        href: yaml_name(&d.data),
    });
    let years: Vec<Link> = earlier
        .iter()
        .map(|s| Link {
            label: format!("{}年度", s.year),
            href: format!("../../{}", s.href),
        })
        .collect();
    let mut c = ctx.context("../../", &format!("{}{}年度部门预算", view.name, view.year));
    let page = view
        .page(ctx.tera)
        .map_err(|e| ctx.failed(render::table::TEMPLATE, &e))?;
    c.insert("page", &page);
    c.insert("downloads", &downloads);
    c.insert("corrections", &d.data.corrections);
    c.insert("earlier_years", &years);
    c.insert("dept_href", &format!("../../dept/{}/index.html", view.code));
    c.insert("final_href", &final_href);
    let units: Vec<Link> = crate::unit_budget::links(&ctx.site.root, ctx.profile, &d.data)
        .into_iter()
        .map(|(label, href)| Link { label, href })
        .collect();
    c.insert("unit_budgets", &units);
    ctx.render(&ctx.profile.page_template, &c)
}

#[derive(Serialize)]
struct YearEntry<'a> {
    year: u16,
    href: String,
    csv: String,
    /// The year's open-data package: its descriptor and facts CSV, beside the year page.
    package: &'static str,
    facts: String,
    xlsx: String,
    departments: &'a [DeptSummary],
    /// The unit every department of the year uses, said once in the header; none when
    /// they differ (then each row says its own).
    unit: Option<&'static str>,
    /// Charts of the year page (drawn from all departments of the year).
    charts: crate::render::charts::YearCharts,
    /// The year's 部门决算, by code.
    finals: Vec<&'a FinalEntry>,
}

/// A year as the pages that list every year show it (home, search, 404): each department
/// by its link alone. With ten thousand department-years, the whole summaries would make
/// the home page's context alone tens of megabytes.
#[derive(Serialize)]
struct YearLinks<'a> {
    year: u16,
    href: String,
    departments: Vec<DeptLink>,
    finals: Vec<&'a FinalEntry>,
}

#[derive(Serialize)]
struct DeptLink {
    code: String,
    name: String,
    year: u16,
    href: String,
    published: String,
    /// Whether it has been corrected.
    corrections: bool,
}

impl<'a> YearLinks<'a> {
    fn of(year: u16, departments: &[DeptSummary], finals: Vec<&'a FinalEntry>) -> YearLinks<'a> {
        YearLinks {
            year,
            href: format!("{year}/index.html"),
            departments: (departments.iter())
                .map(|d| DeptLink {
                    code: d.code.clone(),
                    name: d.name.clone(),
                    year: d.year,
                    href: d.href.clone(),
                    published: d.published.clone(),
                    corrections: !d.corrections.is_empty(),
                })
                .collect(),
            finals,
        }
    }
}

impl<'a> YearEntry<'a> {
    fn of(
        year: u16,
        departments: &'a [DeptSummary],
        finals: Vec<&'a FinalEntry>,
        profile: &Profile,
    ) -> YearEntry<'a> {
        YearEntry {
            year,
            href: format!("{year}/index.html"),
            csv: year_csv_name(year),
            package: crate::opendata::DESCRIPTOR,
            facts: super::packages::year_csv_name(year),
            xlsx: super::year_book::name(year),
            departments,
            unit: (departments.first())
                .map(|d| d.unit)
                .filter(|u| departments.iter().all(|d| d.unit == *u)),
            charts: crate::render::charts::year_charts(
                year,
                &departments.iter().map(|d| &d.chart).collect::<Vec<_>>(),
                profile,
            ),
            finals,
        }
    }
}

/// Which of the listing pages to write: all of them (a full build), or those that show
/// the given years and departments (a rebuild after one file changed). Home is always
/// written; glossary, guide, search and 404 only with `all` or `fixed`.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub all: bool,
    pub years: BTreeSet<u16>,
    pub codes: BTreeSet<String>,
    /// Departments were added or removed: the pages that count them change.
    pub fixed: bool,
}

impl Scope {
    pub fn all() -> Scope {
        Scope {
            all: true,
            ..Scope::default()
        }
    }
}

/// The files of the listing pages ([`write_site_pages`], and the feed, sitemap and
/// robots.txt written beside them): paths, or folders ending in `/`; with `years`' pages.
pub fn listing_files(years: impl IntoIterator<Item = u16>) -> impl Iterator<Item = String> {
    const FIXED: [&str; 9] = [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "glossary/",
        "guide/",
        "search/",
        "dept/",
    ];
    let pages = years.into_iter().map(|y| format!("{y}/index.html"));
    FIXED.into_iter().map(str::to_owned).chain(pages)
}

/// Home, year pages, department pages, glossary, guide, search and 404.
/// A year's departments are read one year, and one department, at a time: a build has set
/// the years it finished aside on disk (see `shelf.rs`).
pub fn write_site_pages(
    ctx: &SiteCtx,
    output: &Output,
    glossary: &[GlossaryEntry],
    all: Summaries,
    finals: &[FinalEntry],
    scope: &Scope,
) -> Result<(), BuildError> {
    let years = all.years();
    let finals_of = |year: u16| -> Vec<&FinalEntry> {
        (finals.iter())
            .filter(|f| f.year == year && f.kind == Kind::FinalAccounts)
            .collect()
    };
    // 决算 of years without budget pages are listed on the home page on their own.
    let finals_alone: Vec<&FinalEntry> = finals
        .iter()
        .filter(|f| !years.contains(&f.year) && f.kind == Kind::FinalAccounts)
        .rev()
        .collect();

    let links = (years.iter().rev())
        .map(|y| Ok(YearLinks::of(*y, &all.year(*y)?, finals_of(*y))))
        .collect::<Result<Vec<YearLinks>, BuildError>>()?;
    let home = || {
        let mut c = ctx.context("", &ctx.site.title);
        c.insert("years", &links);
        c.insert("open_data", &super::packages::site_links());
        c.insert("finals_alone", &finals_alone);
        output.write("index.html", &ctx.render("index.html", &c)?)
    };
    let year_pages = || {
        (years.iter())
            .filter(|y| scope.all || scope.years.contains(y))
            .try_for_each(|y| {
                let departments = all.year(*y)?;
                let entry = YearEntry::of(*y, &departments, finals_of(*y), ctx.profile);
                let mut c = ctx.context("../", &format!("{y}年度部门预算"));
                c.insert("year", &entry);
                output.write(&format!("{y}/index.html"), &ctx.render("year.html", &c)?)
            })
    };
    let codes: Vec<&str> = (all.codes().into_iter())
        .filter(|code| scope.all || scope.codes.contains(*code))
        .collect();
    let dept_pages = || {
        codes.par_iter().try_for_each(|code| {
            let list = all.earlier(code, u16::MAX)?;
            let Some(latest) = list.last() else {
                return Ok(());
            };
            let mut c = ctx.context("../../", &format!("{}历年部门预算", latest.name));
            c.insert("dept", latest.as_ref());
            let rows: Vec<&DeptSummary> = list.iter().rev().map(|d| d.as_ref()).collect();
            c.insert("years", &rows);
            let own: Vec<&FinalEntry> = (finals.iter().rev())
                .filter(|f| f.code == *code && f.kind == Kind::FinalAccounts)
                .collect();
            c.insert("finals", &own);
            output.write(
                &format!("dept/{code}/index.html"),
                &ctx.render("department.html", &c)?,
            )
        })
    };
    // The home page (every department-year's link) and a year page (its departments'
    // whole summaries) are each megabytes of template context at ten thousand: the home page
    // first, alone, then the year pages one at a time beside the department pages.
    home()?;
    let (years_written, depts_written) = rayon::join(year_pages, dept_pages);
    years_written?;
    depts_written?;
    if !(scope.all || scope.fixed) {
        return Ok(());
    }
    let mut c = ctx.context("../", "名词解释");
    c.insert("glossary", &glossary_view(glossary));
    output.write("glossary/index.html", &ctx.render("glossary.html", &c)?)?;

    let c = ctx.context("../", "如何阅读部门预算表");
    output.write("guide/index.html", &ctx.render("guide.html", &c)?)?;

    let mut c = ctx.context("../", "搜索");
    c.insert("years", &links);
    output.write("search/index.html", &ctx.render("search.html", &c)?)?;

    // The 404 page is served for any missing path, so relative links cannot work there:
    // it links from the site's own path.
    // `root` is marked safe in the templates: from `base_url`, it is encoded here first.
    let root = crate::render::xml::encode_path(&site_path(ctx.site), true);
    let mut c = ctx.context(&root, "页面不存在");
    c.insert("years", &links);
    output.write("404.html", &ctx.render("404.html", &c)?)?;
    Ok(())
}
