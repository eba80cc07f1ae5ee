//! build: load → derive → render → write, into a fresh folder swapped in only on success.

use crate::charts;
use crate::derive::{self, DisclosureView, Summary};
use crate::load::{self, Content};
use crate::problem::{Problem, Problems};
use crate::render;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tera::{Context, Tera};

/// Marks a folder as gongkai output, so a build never replaces a folder it did not write.
const MARKER: &str = ".gongkai-site";

#[derive(Debug)]
pub enum BuildError {
    /// The content is wrong; the user can fix it.
    Input(Problems),
    /// The build could not run (templates, disk).
    Failed(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Input(p) => write!(f, "{p}"),
            BuildError::Failed(m) => write!(f, "error: {m}"),
        }
    }
}

impl From<Problems> for BuildError {
    fn from(p: Problems) -> BuildError {
        BuildError::Input(p)
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// One file of the site, relative to the output folder.
struct OutFile {
    path: PathBuf,
    bytes: Vec<u8>,
}

#[derive(Serialize)]
struct DeptEntry {
    code: String,
    name: String,
    href: String,
    summary: Summary,
}

#[derive(Serialize)]
struct YearEntry {
    year: u16,
    href: String,
    departments: Vec<DeptEntry>,
    /// Charts of the year page (drawn from all departments of the year).
    charts: charts::YearCharts,
}

/// Builds the site of `root/content` into `out`.
pub fn build(root: &Path, out: &Path) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let content = load::load_content(root)?;
    let tera = render::templates(root).map_err(BuildError::Failed)?;
    let files = render_site(root, &content, &tera)?;
    let pages = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    let bytes = files.iter().map(|f| f.bytes.len() as u64).sum();
    write_atomically(out, &files)?;
    Ok(BuildReport {
        pages,
        files: files.len(),
        bytes,
        elapsed: start.elapsed(),
    })
}

fn render_site(root: &Path, content: &Content, tera: &Tera) -> Result<Vec<OutFile>, BuildError> {
    let site = &content.site.data;
    let mut files = Vec::new();
    let mut years: BTreeMap<u16, Vec<DeptEntry>> = BTreeMap::new();
    for d in &content.disclosures {
        let earlier: Vec<&crate::model::Disclosure> = content
            .disclosures
            .iter()
            .map(|e| &e.data)
            .filter(|e| e.code == d.data.code && e.year < d.data.year)
            .collect();
        let view: DisclosureView = derive::disclosure_view(&d.data, &content.glossary, &earlier);
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("root", "../../");
        ctx.insert("page", &view);
        ctx.insert("title", &format!("{}{}年度部门预算", view.name, view.year));
        let html = render_page(tera, "disclosure.html", &ctx, &d.file)?;
        files.push(OutFile {
            path: PathBuf::from(format!("{}/{}/index.html", view.year, view.code)),
            bytes: html.into_bytes(),
        });
        years.entry(view.year).or_default().push(DeptEntry {
            href: format!("{}/", view.code),
            code: view.code,
            name: view.name,
            summary: view.summary,
        });
    }
    let year_list: Vec<YearEntry> = years
        .into_iter()
        .rev()
        .map(|(year, departments)| {
            let of_year: Vec<&crate::model::Disclosure> = content
                .disclosures
                .iter()
                .map(|d| &d.data)
                .filter(|d| d.year == year)
                .collect();
            YearEntry {
                year,
                href: format!("{year}/"),
                departments,
                charts: charts::year_charts(year, &of_year),
            }
        })
        .collect();
    let site_file = &content.site.file;
    for y in &year_list {
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("root", "../");
        ctx.insert("year", y);
        ctx.insert("title", &format!("{}年度部门预算", y.year));
        let html = render_page(tera, "year.html", &ctx, site_file)?;
        files.push(OutFile {
            path: PathBuf::from(format!("{}/index.html", y.year)),
            bytes: html.into_bytes(),
        });
    }
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("root", "");
    ctx.insert("years", &year_list);
    ctx.insert("title", &site.title);
    let html = render_page(tera, "index.html", &ctx, site_file)?;
    files.push(OutFile {
        path: PathBuf::from("index.html"),
        bytes: html.into_bytes(),
    });
    for (name, builtin) in render::STATIC {
        let own = root.join("static").join(name);
        let bytes = if own.is_file() {
            std::fs::read(&own)
                .map_err(|e| BuildError::Failed(format!("{}: {e}", own.display())))?
        } else {
            builtin.as_bytes().to_vec()
        };
        files.push(OutFile {
            path: Path::new("static").join(name),
            bytes,
        });
    }
    files.push(OutFile {
        path: PathBuf::from(MARKER),
        bytes: b"built by gongkai\n".to_vec(),
    });
    Ok(files)
}

fn render_page(tera: &Tera, name: &str, ctx: &Context, file: &Path) -> Result<String, BuildError> {
    tera.render(name, ctx).map_err(|e| {
        BuildError::Input(Problems(vec![
            Problem::new(
                file,
                format!("rendering {name} failed: {}", render::error_chain(&e)),
            )
            .hint("if the site has its own templates/, check them against the built-in ones"),
        ]))
    })
}

/// Writes all files into a new sibling folder, then swaps it in for `out`.
/// A failure at any point leaves the previous `out` as it was.
fn write_atomically(out: &Path, files: &[OutFile]) -> Result<(), BuildError> {
    let fail = |what: &str, p: &Path, e: std::io::Error| {
        BuildError::Failed(format!("{what} {}: {e}", p.display()))
    };
    if out.exists()
        && !out.join(MARKER).exists()
        && std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(BuildError::Failed(format!(
            "{} exists and was not written by gongkai; refusing to replace it (choose another --out or empty it)",
            out.display()
        )));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| fail("cannot create", &parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        for f in files {
            let p = tmp.join(&f.path);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
            }
            std::fs::write(&p, &f.bytes).map_err(|e| fail("cannot write", &p, e))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            fail("cannot move aside", out, e)
        })?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        // Put the previous site back.
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(fail("cannot move into place", out, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
