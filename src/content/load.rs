//! Reading `content/`: the site settings, the glossary and one YAML file per department-year.
//!
//! Every file is parsed into the typed model with its field path tracked, so a wrong type,
//! a missing or unknown field is reported with file, line, column and field. Structural rules
//! that the type system cannot express (code shapes, which unit a line belongs to, the file
//! name matching the code) are checked here too, because later steps rely on them.

use crate::content::model::{Disclosure, GlossaryEntry, SiteConfig};
use crate::content::problem::{Problem, Problems};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) use crate::content::parse::read_limited;
pub use crate::content::parse::{
    Loaded, MAX_FILE_BYTES, is_year, parse, parse_bytes, read_and_parse,
};
/// Where a code may become a folder name: a rule of the file's shape, said once there.
pub use crate::content::shape::is_safe_code;

/// Everything under `content/`, fully loaded. Convenient for checks and tests; the build
/// streams disclosures instead (see [`Manifest`]) so memory does not grow with the archive.
#[derive(Debug, Clone)]
pub struct Content {
    pub site: Loaded<SiteConfig>,
    pub glossary: Vec<GlossaryEntry>,
    /// The region profile `site.yaml` names (see [`crate::content::profile`]).
    pub profile: crate::content::profile::Profile,
    /// Sorted by year, then department code.
    pub disclosures: Vec<Loaded<Disclosure>>,
}

/// The site settings, the glossary, and where each disclosure file is — without reading
/// the disclosures yet.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub root: PathBuf,
    pub site: Loaded<SiteConfig>,
    pub glossary: Vec<GlossaryEntry>,
    /// The region profile `site.yaml` names (see [`crate::content::profile`]).
    pub profile: crate::content::profile::Profile,
    /// Disclosure files by year (ascending), each sorted by file name.
    pub years: Vec<(u16, Vec<PathBuf>)>,
    /// A year's own glossary (`content/YEAR/glossary.yaml`, written by `gongkai freeze`):
    /// the one the year was published with, so editing the site's glossary later does not
    /// change the pages of a frozen year.
    pub year_glossaries: BTreeMap<u16, Vec<GlossaryEntry>>,
}

impl Manifest {
    /// The glossary the disclosures of `year` print: the year's own, else the site's.
    pub fn glossary_for(&self, year: u16) -> &[GlossaryEntry] {
        self.year_glossaries.get(&year).unwrap_or(&self.glossary)
    }

    pub fn file_count(&self) -> usize {
        self.years.iter().map(|(_, f)| f.len()).sum()
    }

    /// Loads one disclosure file of this manifest.
    pub fn load(&self, path: &Path) -> Result<Loaded<Disclosure>, Vec<Problem>> {
        load_disclosure(&self.root, path)
    }
}

fn shown(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// The file name of a glossary: the site's in `content/`, a frozen year's in its folder
/// (so no department can have the code `glossary`).
pub const GLOSSARY: &str = "glossary.yaml";

/// Reads `site.yaml` and `glossary.yaml` and lists the disclosure files under `root/content`.
pub fn scan(root: &Path) -> Result<Manifest, Problems> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Problem::new(
            shown(root, &content),
            crate::say!(
                "找不到 content 文件夹",
                "the content folder does not exist"
            ),
        )
        .hint(crate::say!(
            "请在网站文件夹里运行 gongkai，或用 --root 指定网站文件夹；数据放在网站文件夹的 content/ 下",
            "run gongkai in the site folder, or pass --root DIR; the example site keeps its data in content/"
        ))
        .into());
    }
    let mut problems = Vec::new();
    let site_path = content.join("site.yaml");
    let mut site = read_and_parse::<SiteConfig>(&site_path, &shown(root, &site_path));
    if let Ok(s) = &mut site {
        s.data.root = root.to_path_buf();
        problems.extend(crate::content::validate::site(s));
    }
    let glossary_path = content.join("glossary.yaml");
    let glossary = if glossary_path.exists() {
        read_and_parse::<Vec<GlossaryEntry>>(&glossary_path, &shown(root, &glossary_path)).map(
            |l| {
                problems.extend(crate::content::validate::glossary(&l));
                l.data
            },
        )
    } else {
        Ok(Vec::new())
    };

    let mut years: Vec<(u16, Vec<PathBuf>)> = Vec::new();
    let mut year_glossaries = BTreeMap::new();
    let walker = walkdir::WalkDir::new(&content)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::new(
                    shown(root, &content),
                    crate::say!(
                        "无法读取 content 文件夹：{e}",
                        "cannot read the content folder: {e}"
                    ),
                ));
                continue;
            }
        };
        let path = entry.path();
        let year_dir = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("");
        if !is_year(year_dir) {
            continue;
        }
        // Editors keep lock and backup files beside the one being edited (`.#085.yaml`).
        match crate::content::files::classify(
            &entry.file_name().to_string_lossy(),
            entry.file_type(),
        ) {
            crate::content::files::Kind::Disclosure => {}
            crate::content::files::Kind::Other => continue,
            crate::content::files::Kind::Refused(why) => {
                problems.push(
                    Problem::new(shown(root, path), why)
                        .hint("改正后再运行；不是部门文件的请移出 content/"),
                );
                continue;
            }
        }
        let year: u16 = year_dir.parse().unwrap_or(0);
        if entry.file_name() == GLOSSARY {
            match read_and_parse::<Vec<GlossaryEntry>>(path, &shown(root, path)) {
                Ok(g) => {
                    year_glossaries.insert(year, g.data);
                }
                Err(p) => problems.push(p),
            }
            continue;
        }
        match years.last_mut() {
            Some((y, files)) if *y == year => files.push(path.to_path_buf()),
            _ => years.push((year, vec![path.to_path_buf()])),
        }
    }
    for (_, files) in &years {
        problems.extend(crate::content::files::duplicates(root, files));
    }
    let site = site.map_err(|p| problems.push(p)).ok();
    let glossary = glossary.map_err(|p| problems.push(p)).ok();
    let profile = site.as_ref().and_then(|s| {
        crate::content::profile::Profile::resolve(root, s.data.profile.as_deref())
            .map_err(|p| problems.push(p))
            .ok()
    });
    match (site, glossary, profile) {
        (Some(site), Some(glossary), Some(profile)) if problems.is_empty() => Ok(Manifest {
            root: root.to_path_buf(),
            site,
            glossary,
            profile,
            years,
            year_glossaries,
        }),
        _ => Err(Problems(problems)),
    }
}

/// Loads and structurally validates one disclosure file.
pub fn load_disclosure(root: &Path, path: &Path) -> Result<Loaded<Disclosure>, Vec<Problem>> {
    let shown = shown(root, path);
    let bytes = read_limited(path, &shown).map_err(|p| vec![p])?;
    disclosure_from_bytes(bytes, &shown)
}

/// Parses and structurally validates one disclosure from its bytes. `shown` is where the
/// file sits under the site root (`content/<year>/<code>.yaml`): the year and code are
/// checked against it. The loader reads files through this; the fuzzer calls it directly.
pub fn disclosure_from_bytes(
    bytes: Vec<u8>,
    shown: &Path,
) -> Result<Loaded<Disclosure>, Vec<Problem>> {
    let year_dir = shown
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let d = parse_bytes::<Disclosure>(bytes, shown).map_err(|p| vec![p])?;
    let problems = crate::content::shape::disclosure(&d, year_dir);
    if problems.is_empty() {
        Ok(d)
    } else {
        Err(problems)
    }
}

/// Loads and structurally validates the whole content tree under `root/content`.
pub fn load_content(root: &Path) -> Result<Content, Problems> {
    use rayon::prelude::*;
    let m = scan(root)?;
    let files: Vec<&PathBuf> = m.years.iter().flat_map(|(_, f)| f).collect();
    // Parsing is most of `gongkai check`'s time; files are independent.
    let loaded: Vec<Result<Loaded<Disclosure>, Vec<Problem>>> =
        files.par_iter().map(|f| m.load(f)).collect();
    let mut problems = Vec::new();
    let mut disclosures = Vec::new();
    for r in loaded {
        match r {
            Ok(d) => disclosures.push(d),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    disclosures.sort_by(|a, b| (a.data.year, &a.data.code).cmp(&(b.data.year, &b.data.code)));
    Ok(Content {
        site: m.site,
        glossary: m.glossary,
        profile: m.profile,
        disclosures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUTUO: &str = include_str!("../../examples/putuo/content/2025/commerce.yaml");

    /// Problems the loader finds in the 普陀 example after `edit`, as (field, message).
    fn problems(edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
        let text = edit(PUTUO);
        let d = parse::<Disclosure>(&text, Path::new("content/2025/commerce.yaml"))
            .unwrap_or_else(|p| panic!("{p}"));
        crate::content::shape::disclosure(&d, "2025")
            .into_iter()
            .map(|p| (p.field.unwrap_or_default(), p.message))
            .collect()
    }

    #[test]
    fn the_putuo_example_is_valid() {
        assert_eq!(problems(str::to_owned), vec![]);
    }

    #[test]
    fn a_line_cannot_name_a_unit_without_its_own_budget() {
        let found = problems(|t| {
            t.replacen(
                "    name: 行政运行\n",
                "    name: 行政运行\n    unit: commerce-smes\n",
                1,
            )
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "expenditure[0].unit");
        assert!(found[0].1.contains("with a budget of its own"), "{found:?}");
    }

    #[test]
    fn some_unit_must_have_a_budget() {
        let found = problems(|t| {
            t.replace(
                "kind: 行政单位 }",
                "kind: 行政单位, separate_budget: false }",
            )
        });
        assert!(found.iter().any(|(f, _)| f == "units"), "{found:?}");
    }

    #[test]
    fn subject_names_take_class_or_section_codes_only() {
        let found = problems(|t| t.replace("\"20113\": 商贸事务", "\"2011\": 商贸事务"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "subject_names.2011");
    }

    #[test]
    fn project_counts_are_typed_only_when_projects_are_not_listed() {
        let listed =
            "projects:\n  - { code: \"P1\", name: 科技创新专项, kind: 特定目标类, general: 1 }\n";
        let found = problems(|t| format!("{t}{listed}"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "projects_with_targets");
    }

    #[test]
    fn a_missing_date_is_fine_but_a_wrong_one_is_not() {
        let found = problems(|t| {
            t.replace(
                "money_unit: 元\n",
                "money_unit: 元\npublished: \"2025-13-01\"\n",
            )
        });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "published");
    }

    #[test]
    fn codes_that_could_escape_or_vanish_as_paths_are_refused() {
        for bad in [
            "",
            "..",
            "../085",
            "/etc",
            "a/b",
            "a\\b",
            "０８５",
            "085\u{202e}",
            "085\u{ff0f}x",
            "085.",
            "CON",
            "nul",
            "Aux",
            "PRN",
            "COM1",
            "lpt9",
            &"9".repeat(33),
        ] {
            assert!(!is_safe_code(bad), "{bad:?} must be refused");
        }
        for good in ["085", "085001", "a-b_c", "COM", "COM10", "CONS", "NULL"] {
            assert!(is_safe_code(good), "{good:?} must be accepted");
        }
    }

    #[test]
    fn a_reserved_device_name_is_a_located_problem() {
        let p = problems(|t| t.replace("code: commerce", "code: NUL"));
        assert!(
            p.iter()
                .any(|(f, m)| f == "code" && m.contains("Windows reserves")),
            "{p:?}"
        );
    }
}
