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

/// Guide that documents every field; named in hints.
pub const FORMAT_DOC: &str = "docs/format.md";

pub(crate) use crate::content::parse::read_limited;
pub use crate::content::parse::{
    Loaded, MAX_FILE_BYTES, is_year, parse, parse_bytes, read_and_parse,
};

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
    let site = read_and_parse::<SiteConfig>(&site_path, &shown(root, &site_path));
    if let Ok(s) = &site {
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
    let problems = validate(&d, year_dir);
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

/// Rules on one disclosure that later steps rely on.
fn validate(d: &Loaded<Disclosure>, year_dir: &str) -> Vec<Problem> {
    let x = &d.data;
    let mut out = Vec::new();
    let mut push =
        |field: &str, msg: String, hint: &str| out.push(d.problem(field, msg).hint(hint));

    if x.year.to_string() != year_dir {
        push(
            "year",
            crate::say!(
                "`year` 写的是 {}，但文件放在 {year_dir} 文件夹里",
                "the year is {} but the file is in the folder {year_dir}",
                x.year
            ),
            &crate::say!(
                "请把文件放到它所属年度的文件夹里，或改正 `year`",
                "put the file in the folder of its year, or correct the year"
            ),
        );
    }
    if !is_safe_code(&x.code) {
        push(
            "code",
            crate::say!(
                "部门代码 `{}` 不能用：只能是 1 到 32 个字母、数字、`-` 或 `_`，并且不能是 Windows 保留的名称（CON、NUL、AUX、PRN、COM1–9、LPT1–9）",
                "department code `{}` must be 1–32 letters, digits, `-` or `_`, and not a name Windows reserves (CON, NUL, AUX, PRN, COM1–9, LPT1–9)",
                x.code
            ),
            &crate::say!(
                "请填写预算系统中的部门代码，例如 085",
                "use the department code from the budget system, e.g. 085"
            ),
        );
    }
    let stem = d.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != x.code {
        push(
            "code",
            crate::say!(
                "`code` 写的是 `{}`，但文件名是 `{stem}.yaml`",
                "the code is `{}` but the file is named `{stem}.yaml`",
                x.code
            ),
            &crate::say!(
                "文件名要与部门代码一致，例如 085.yaml：请改文件名或改正 `code`",
                "name the file after the department code, e.g. 085.yaml"
            ),
        );
    }
    if let Some(date) = x
        .published
        .as_deref()
        .filter(|d| !crate::content::date::is_date(d))
    {
        push(
            "published",
            crate::say!(
                "`{date}` 不是日期；请写成 2024-05-26 这样",
                "`{date}` is not a date like 2024-05-26"
            ),
            &crate::say!(
                "日期写成 年-月-日（如 2024-05-26），且必须是日历上有的日子；公开文件没有写日期时，删去这一行",
                "write the date as YYYY-MM-DD, or leave the field out when the disclosure gives none"
            ),
        );
    }
    if x.units.is_empty() {
        push(
            "units",
            crate::say!(
                "部门至少要有一个预算单位",
                "a department needs at least one budget unit"
            ),
            &crate::say!(
                "请在 `units` 下列出预算单位，每个写 `code`（代码）和 `name`（名称）",
                "list the budget units (预算单位) with code and name"
            ),
        );
    }
    for (i, u) in x.units.iter().enumerate() {
        if !is_safe_code(&u.code) {
            push(
                &format!("units[{i}].code"),
                crate::say!(
                    "单位代码 `{}` 只能由字母、数字、`-` 或 `_` 组成",
                    "unit code `{}` must be letters, digits, `-` or `_`",
                    u.code
                ),
                &crate::say!(
                    "请填写预算系统中的单位代码，例如 085001",
                    "use the unit code from the budget system, e.g. 085001"
                ),
            );
        }
    }
    if !x.units.is_empty() && x.budgeted_units().next().is_none() {
        push(
            "units",
            crate::say!(
                "每个预算单位都写了 `separate_budget: false`（不单列预算），至少要有一个单位单列预算",
                "every budget unit is marked `separate_budget: false`; at least one must have a budget of its own"
            ),
            &crate::say!(
                "请在编列部门预算的那个单位下删去 `separate_budget: false`",
                "remove `separate_budget: false` from the unit that holds the department's budget"
            ),
        );
    }
    // Lines belong to units with a budget of their own; a 不单列预算 unit has no lines.
    // A department publishing totals only names no unit on any line.
    let unit_ok = |u: &Option<String>| match u {
        None => x.department_totals_only || x.budgeted_units().count() == 1,
        Some(_) if x.department_totals_only => false,
        Some(c) => x.budgeted_units().any(|b| &b.code == c),
    };
    let unit_msg = |u: &Option<String>| match u {
        Some(c) if x.department_totals_only => format!(
            "本部门声明只公开部门合计（`department_totals_only: true`），但这一行写了单位 `{c}`"
        ),
        _ => unit_msg(u),
    };
    let unit_hint = if x.department_totals_only {
        "只公开部门合计时，收入、支出和项目行都不写 `unit`：请删除这一行的 `unit:`；如确要按单位公开，请删除 `department_totals_only: true`"
    } else {
        crate::messages::say(
            "请在 `unit` 写 `units` 下列出的、没有标 `separate_budget: false` 的单位代码（部门有几个单列预算的单位时必须写）",
            "name a unit listed under `units` that is not marked `separate_budget: false` (required when several units have their own budget)",
        )
    };
    for (i, l) in x.income.iter().enumerate() {
        if !unit_ok(&l.unit) {
            push(&format!("income[{i}].unit"), unit_msg(&l.unit), unit_hint);
        }
    }
    for (i, l) in x.expenditure.iter().enumerate() {
        if !unit_ok(&l.unit) {
            push(
                &format!("expenditure[{i}].unit"),
                unit_msg(&l.unit),
                unit_hint,
            );
        }
        if !is_digits(&l.code, 7) {
            push(
                &format!("expenditure[{i}].code"),
                crate::say!(
                    "功能分类科目代码 `{}` 应为 7 位数字：类（3 位）+ 款（2 位）+ 项（2 位）",
                    "功能分类 code `{}` must have seven digits: 类 (3) + 款 (2) + 项 (2)",
                    l.code
                ),
                &crate::say!(
                    "请写完整的项级代码，不要空格，并加引号，例如 201 13 50 事业运行写 \"2011350\"",
                    "write the full 项 code without spaces, e.g. \"2011350\" for 201 13 50 事业运行"
                ),
            );
        }
    }
    for (i, l) in x.economic.iter().enumerate() {
        if !is_digits(&l.code, 5) {
            push(
                &format!("economic[{i}].code"),
                crate::say!(
                    "经济分类科目代码 `{}` 应为 5 位数字：类（3 位）+ 款（2 位）",
                    "经济分类 code `{}` must have five digits: 类 (3) + 款 (2)",
                    l.code
                ),
                &crate::say!(
                    "请写款级代码，不要空格，并加引号，例如基本工资写 \"30101\"",
                    "write the 款 code without spaces, e.g. \"30101\" for 基本工资"
                ),
            );
        }
        let Some(gov_code) = l.gov_code.as_deref() else {
            continue;
        };
        if !is_digits(gov_code, 5) {
            push(
                &format!("economic[{i}].gov_code"),
                crate::say!(
                    "政府预算经济分类科目代码 `{gov_code}` 应为 5 位数字：类（3 位）+ 款（2 位）",
                    "政府预算经济分类 code `{gov_code}` must have five digits: 类 (3) + 款 (2)"
                ),
                &crate::say!(
                    "请写 5 位款级代码并加引号，例如工资福利支出写 \"50501\"",
                    "e.g. \"50501\" for 工资福利支出"
                ),
            );
        } else if l.gov_name.is_none()
            && crate::content::codes::gov_economic_name(gov_code).is_none()
        {
            push(
                &format!("economic[{i}].gov_code"),
                crate::say!(
                    "gongkai 不知道政府预算经济分类 `{gov_code}` 的名称",
                    "gongkai does not know the name of 政府预算经济分类 `{gov_code}`"
                ),
                &crate::say!(
                    "请在这一行加上 `gov_name:`，照公开文本写名称",
                    "add `gov_name:` with the name as published"
                ),
            );
        }
    }
    for (i, p) in x.projects.iter().enumerate() {
        if !unit_ok(&p.unit) {
            push(&format!("projects[{i}].unit"), unit_msg(&p.unit), unit_hint);
        }
    }
    if x.projects_with_targets.is_some() && !x.projects.is_empty() {
        push(
            "projects_with_targets",
            crate::say!(
                "已经在 `projects` 下列出了项目，又写了 `projects_with_targets`",
                "`projects_with_targets` is given although `projects` lists the projects"
            ),
            &crate::say!(
                "请删去 `projects_with_targets`：项目个数和金额由程序根据 `projects` 计算",
                "leave `projects_with_targets` out: the count and amount are computed from `projects`"
            ),
        );
    }
    for code in x.subject_names.keys() {
        if !is_digits(code, 3) && !is_digits(code, 5) {
            push(
                &format!("subject_names.{code}"),
                crate::say!(
                    "`{code}` 不是类级代码（3 位）或类+款代码（5 位）",
                    "`{code}` is not a 类 code (3 digits) or a 类+款 code (5 digits)"
                ),
                &crate::say!(
                    "代码不要空格，并加引号，例如 \"201\" 或 \"20113\"",
                    "write the code without spaces and quoted, e.g. \"201\" or \"20113\""
                ),
            );
        }
    }
    out.extend(crate::content::validate::disclosure(d));
    out
}

fn unit_msg(u: &Option<String>) -> String {
    match u {
        Some(c) => crate::say!(
            "`{c}` 不是本部门单列预算的单位",
            "`{c}` is not one of this department's budget units with a budget of its own"
        ),
        None => crate::say!(
            "缺少 `unit`：本部门有几个预算单位，每一行都要写明属于哪个单位",
            "the unit is missing; this department has several budget units"
        ),
    }
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Codes become folder names, so they are kept to a safe alphabet, and names that Windows
/// reserves for devices (`CON`, `NUL`, `COM1`, …) are refused: a site copied to a Windows
/// server or opened from a share must not lose a department to a device.
pub fn is_safe_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !is_windows_device(s)
}

fn is_windows_device(s: &str) -> bool {
    let u = s.to_ascii_uppercase();
    matches!(
        u.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || ((u.starts_with("COM") || u.starts_with("LPT"))
        && u.len() == 4
        && u.as_bytes()[3].is_ascii_digit())
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
        validate(&d, "2025")
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
