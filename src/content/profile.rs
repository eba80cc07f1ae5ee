//! Region profiles: which tables a region publishes, in which order, under which titles, in
//! which unit and row style, and with which page and narrative templates.
//!
//! Regions publish the same money in different formats (济源: 13 tables in 万元; 普陀: 9 tables
//! in 元 with 类/款 subtotal rows). The facts stay region-neutral; a profile is data, so a
//! bureau picks or writes one in YAML instead of forking gongkai. Table layouts remain Rust
//! functions, keyed by the `kind` a profile lists; what a table shows is its `key`.

use crate::content::model::MoneyUnit;
use crate::content::money::{Difference, Rounding, Shown};
use crate::content::parse::{Loaded, parse};
use crate::content::problem::Problem;
use serde::Deserialize;
use std::path::Path;

/// The profile a site uses when `site.yaml` names none.
pub const DEFAULT: &str = "jiyuan-13";

/// Profiles built into the binary; `ROOT/profiles/<name>.yaml` overrides one or adds another.
const BUILT_IN: &[(&str, &str)] = &[
    ("jiyuan-13", include_str!("../../profiles/jiyuan-13.yaml")),
    ("putuo-9", include_str!("../../profiles/putuo-9.yaml")),
];

/// Every table layout gongkai can draw, with the keys (what the table shows) it can show.
/// The key decides the money (e.g. `general` = 一般公共预算 only) and the name under which
/// `empty_tables` explains an empty table; the kind decides rows and columns.
pub const KINDS: &[(&str, &[&str])] = &[
    // The 13-table format (济源).
    ("income_expenditure", &["income_expenditure"]),
    ("income", &["income"]),
    ("functional", FUNCTIONAL_KEYS),
    ("appropriation", &["appropriation"]),
    ("general_basic", &["general_basic"]),
    ("economic", &["economic"]),
    ("three_public", &["three_public"]),
    ("projects", &["projects"]),
    ("department_performance", &["department_performance"]),
    ("project_performance", &["project_performance"]),
    // The 9-table format (普陀, docs/profiles-putuo.md).
    ("paired_income_expenditure", &["income_expenditure"]),
    ("income_by_function", &["income"]),
    ("functional_basic_project", FUNCTIONAL_KEYS),
    ("paired_appropriation", &["appropriation"]),
    ("general_basic_economic", &["general_basic"]),
    ("three_public_running", &["three_public"]),
    // The 单位预算 of the 9-table format: table 1 with 人员经费, 公用经费 and 项目支出 per 类.
    ("paired_income_expenditure_split", &["income_expenditure"]),
];

/// The keys of the tables of expenditure by 功能分类: all money, or one fund's.
const FUNCTIONAL_KEYS: &[&str] = &["expenditure", "general", "fund", "state_capital"];

/// How the tables of 功能分类 and 经济分类 rows group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStyle {
    /// One row per 项 (济源).
    Items,
    /// 类 and 款 subtotal rows above their 项 (普陀).
    ClassSection,
}

/// How the table list numbers the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `一、部门收支预算表`.
    #[default]
    Chinese,
    /// `1. 2025年部门财务收支预算总表`.
    Arabic,
}

/// One published table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableEntry {
    /// What the table shows, e.g. `general` (一般公共预算 only); also the name `empty_tables`
    /// uses to explain the table when it is empty.
    pub key: String,
    /// The layout, one of [`KINDS`], e.g. `functional_basic_project`.
    pub kind: String,
    /// The name in the list of tables, e.g. `部门收支预算表`.
    pub name: String,
    /// The heading above the table; `{year}` is replaced by the disclosure's year. When not
    /// given: `{year}年` followed by the name.
    #[serde(default)]
    pub title: Option<String>,
    /// The unit shown when it differs from the profile's (普陀 table 9 is in 万元).
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// Notes printed under the table, replacing the layout's own (the 13-table layouts print
    /// the rounding note; the 9-table ones none).
    #[serde(default)]
    pub notes: Option<Vec<String>>,
    /// How this table spells its amounts, where it differs from the profile's `spelling`.
    #[serde(default)]
    pub spelling: Option<crate::content::spelling::SpellingChoice>,
}

impl TableEntry {
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn name(&self, year: u16) -> String {
        self.name.replace("{year}", &year.to_string())
    }

    pub fn title(&self, year: u16) -> String {
        match &self.title {
            Some(t) => t.replace("{year}", &year.to_string()),
            None => format!("{year}年{}", self.name(year)),
        }
    }
}

fn default_page() -> String {
    "disclosure.html".into()
}

fn default_department_label() -> String {
    "部门名称".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// The unit the tables show; amounts are converted exactly from the file's unit.
    pub unit: MoneyUnit,
    /// The unit the narrative writes its figures in; the tables' unit when not given
    /// (普陀 prints its tables in 元 and its narrative in 万元).
    #[serde(default)]
    pub narrative_unit: Option<MoneyUnit>,
    /// How a figure converted to a larger unit is rounded to two decimals (default
    /// `half_up`, 四舍五入). Figures shown in their own unit are never rounded.
    #[serde(default)]
    pub rounding: Rounding,
    /// How the narrative's changes against last year are computed: `exact` (this year's
    /// exact figure minus last year's, then rounded; the default) or `published` (the
    /// difference of the two figures as the narrative prints them).
    #[serde(default)]
    pub change_from: Difference,
    pub row_style: RowStyle,
    /// How the tables spell amounts (default: two decimals, `,` between thousands, zero
    /// blank); a table may say otherwise.
    #[serde(default)]
    pub spelling: Option<crate::content::spelling::SpellingChoice>,
    /// How the narrative spells amounts (default: whole amounts without decimals, no
    /// separators, zero `0`).
    #[serde(default)]
    pub narrative_spelling: Option<crate::content::spelling::SpellingChoice>,
    #[serde(default)]
    pub numbering: Numbering,
    /// How the duties (主要职责) are numbered: `"1."`, `"1、"`, `"一、"` or `"（一）"` (the
    /// default); a department may say otherwise (`overview.duties_numbering`).
    #[serde(default)]
    pub duties_numbering: Option<crate::content::numbering::NumberStyle>,
    /// How the glossary (名词解释) is numbered (default `"一、"`); a department may say
    /// otherwise (`overview.glossary_numbering`).
    #[serde(default)]
    pub glossary_numbering: Option<crate::content::numbering::NumberStyle>,
    /// `列表` (the term above its definition, the default) or `一行` (「术语：定义」); a
    /// department may say otherwise (`overview.glossary_layout`).
    #[serde(default)]
    pub glossary_layout: Option<crate::content::layout::GlossaryLayout>,
    /// How the items of 主要职责 and 立项依据 end: `原样` (as typed, the default), `；。`,
    /// `。` or `无`; a department may say otherwise (`overview.list_punctuation`).
    #[serde(default)]
    pub list_punctuation: Option<crate::content::layout::ListPunctuation>,
    /// The label before the department's name above each table (`部门名称`, `编制部门`).
    #[serde(default = "default_department_label")]
    pub department_label: String,
    /// The template of a disclosure page (default `disclosure.html`).
    #[serde(default = "default_page")]
    pub page_template: String,
    /// The template of the narrative; the page template reaches it as
    /// `profile/narrative.html`, whatever its own name.
    pub narrative_template: String,
    /// The published tables in publication order; a table's number is its position + 1.
    pub tables: Vec<TableEntry>,
    /// The kinds of disclosure the region publishes (部门预算, 部门决算, 单位预算); the budget
    /// only when not given.
    #[serde(default = "crate::content::kind::Kind::default_list")]
    pub kinds: Vec<crate::content::kind::Kind>,
    /// How the region lays out a 单位预算 (when `kinds` lists it): its tables, labels, page
    /// and wording; its default text is `profiles/<name>.unit.narrative.md`.
    #[serde(default)]
    pub unit_budget: Option<UnitLayout>,
    /// The site's own default text (`profiles/<name>.narrative.md` beside the profile), read
    /// and parsed when the profile is; the built-in text of the profile's template otherwise.
    #[serde(skip)]
    pub narrative_text: Option<crate::content::default_text::DefaultText>,
}

/// How a region lays out a 单位预算: the profile's `unit_budget:` section.
///
/// A unit's budget shows the same money as its department's, narrowed to the unit, in a
/// layout of its own (普陀: 「预算单位财务收支预算总表」 splits each 类 into 人员经费, 公用经费
/// and 项目支出; 「编制单位」; 「本单位」). That layout is data beside the department's, so a
/// region writes it in YAML like the rest of its profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitLayout {
    /// The template of a unit's page.
    pub page_template: String,
    /// The label before the unit's name above each table (`编制单位`).
    pub department_label: String,
    /// The published tables, in order, as the profile's `tables`.
    pub tables: Vec<TableEntry>,
    /// Words of the department's own texts (reasons, notes on empty tables) that a unit's
    /// page says otherwise, each `[department's, unit's]`, e.g. `[本部门, 本单位]`: the clerk
    /// writes the reasons once, in the department's file.
    #[serde(default)]
    pub wording: Vec<(String, String)>,
}

impl UnitLayout {
    /// A department's text as a unit's page says it.
    pub fn reword(&self, text: &str) -> String {
        self.wording
            .iter()
            .fold(text.to_owned(), |t, (from, to)| t.replace(from, to))
    }
}

impl Profile {
    /// The table published under `key`, if the profile publishes it.
    pub fn table(&self, key: &str) -> Option<&TableEntry> {
        self.tables.iter().find(|t| t.key() == key)
    }

    /// The anchor of the table published under `key` (`table-03`), if it is published.
    pub fn table_id(&self, key: &str) -> Option<String> {
        self.tables
            .iter()
            .position(|t| t.key() == key)
            .map(|i| format!("table-{:02}", i + 1))
    }

    /// Whether the narrative is the 13-table one (济源), whose comparisons and texts (十(四),
    /// 十(六)) some checks ask for.
    pub fn narrative_is_default(&self) -> bool {
        self.narrative_template == "narrative.html"
    }

    pub fn publishes(&self, key: &str) -> bool {
        self.table(key).is_some()
    }

    /// How a file in `unit` shows its tables.
    pub fn tables_shown(&self, unit: MoneyUnit) -> Shown {
        Shown {
            from: unit,
            to: self.unit,
            rounding: self.rounding,
        }
    }

    /// How a file in `unit` shows the figures of its narrative.
    pub fn narrative_shown(&self, unit: MoneyUnit) -> Shown {
        self.tables_shown(unit)
            .in_unit(self.narrative_unit.unwrap_or(self.unit))
    }

    /// How the table `entry` of this profile spells its amounts.
    pub fn table_spelling(&self, entry: &TableEntry) -> crate::content::spelling::Spelling {
        crate::content::spelling::Spelling::TABLE
            .with(self.spelling.as_ref())
            .with(entry.spelling.as_ref())
    }

    /// How the narrative spells its amounts.
    pub fn prose_spelling(&self) -> crate::content::spelling::Spelling {
        crate::content::spelling::Spelling::PROSE.with(self.narrative_spelling.as_ref())
    }

    /// `一` or `1`: how the table list numbers table `n` (from 1).
    pub fn number(&self, n: usize) -> String {
        match self.numbering {
            Numbering::Chinese => crate::content::codes::chinese_number(n),
            Numbering::Arabic => n.to_string(),
        }
    }

    /// The number with its separator, as the table list prints it: `一、` or `1. `.
    pub fn number_label(&self, n: usize) -> String {
        match self.numbering {
            Numbering::Chinese => format!("{}、", self.number(n)),
            Numbering::Arabic => format!("{}. ", self.number(n)),
        }
    }

    /// The default 13-table profile; it is built in and tested, so this cannot fail.
    pub fn default_profile() -> Profile {
        Profile::built_in(DEFAULT).expect("the built-in default profile parses")
    }

    /// The default profile, parsed once, for callers that do not name one.
    pub fn default_ref() -> &'static Profile {
        static P: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
        P.get_or_init(Profile::default_profile)
    }

    /// The names of the built-in profiles.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(n, _)| *n)
    }

    /// A built-in profile by name.
    pub fn built_in(name: &str) -> Option<Profile> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        let shown = format!("profiles/{name}.yaml (built in)");
        parse::<Profile>(text, Path::new(&shown))
            .ok()
            .map(|l| l.data)
    }

    /// The profile `name` of a site at `root`: `root/profiles/<name>.yaml` when it exists,
    /// else the built-in one.
    pub fn resolve(root: &Path, name: Option<&str>) -> Result<Profile, Problem> {
        let name = name.unwrap_or(DEFAULT);
        let file = root.join("profiles").join(format!("{name}.yaml"));
        if file.is_file() {
            let shown = Path::new("profiles").join(format!("{name}.yaml"));
            let loaded: Loaded<Profile> = crate::content::parse::read_and_parse(&file, &shown)?;
            validate(&loaded)?;
            let mut p = loaded.data;
            p.narrative_text = crate::content::default_text::site_text(root, name)?;
            return Ok(p);
        }
        Profile::built_in(name).ok_or_else(|| {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            Problem::new(
                root.join("content/site.yaml"),
                crate::say!("没有名为 `{name}` 的公开格式", "unknown profile `{name}`"),
            )
            .field("profile")
            .hint(crate::say!(
                "请在 `profile` 写一个内置的公开格式（{}），或者新建格式文件 {}",
                "use one of the built-in profiles ({}) or add {}",
                names.join(", "),
                file.display()
            ))
        })
    }
}

/// A site's own profile must name layouts gongkai has, each showing a key it can show, and
/// each key once (checks and `empty_tables` find a table by its key).
fn validate(p: &Loaded<Profile>) -> Result<(), Problem> {
    let at = |field: String, message: String, hint: String| {
        Problem::new(&p.file, message)
            .at(p.map.line(&field), None)
            .field(field)
            .hint(hint)
    };
    if p.data.tables.is_empty() {
        return Err(at(
            "tables".into(),
            crate::say!(
                "这个公开格式没有列出任何表",
                "the profile publishes no tables"
            ),
            crate::say!(
                "请在 `tables:` 下列出要公开的表，可以照内置的公开格式抄写",
                "list the tables under `tables:`, copying a built-in profile"
            ),
        ));
    }
    validate_tables(p, "tables", &p.data.tables)?;
    if let Some(u) = &p.data.unit_budget {
        validate_tables(p, "unit_budget.tables", &u.tables)?;
    }
    Ok(())
}

/// Each table names a layout gongkai has and a key that layout can show, once.
fn validate_tables(
    p: &Loaded<Profile>,
    at_field: &str,
    tables: &[TableEntry],
) -> Result<(), Problem> {
    let at = |field: String, message: String, hint: String| {
        Problem::new(&p.file, message)
            .at(p.map.line(&field), None)
            .field(field)
            .hint(hint)
    };
    for (i, t) in tables.iter().enumerate() {
        let Some((_, keys)) = KINDS.iter().find(|(k, _)| *k == t.kind) else {
            let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            return Err(at(
                format!("{at_field}[{i}].kind"),
                crate::say!(
                    "gongkai 没有 `{}` 这种表式",
                    "gongkai has no table layout `{}`",
                    t.kind
                ),
                crate::say!(
                    "`kind` 请写其中之一：{}",
                    "use one of: {}",
                    kinds.join(", ")
                ),
            ));
        };
        if !keys.contains(&t.key.as_str()) {
            return Err(at(
                format!("{at_field}[{i}].key"),
                crate::say!(
                    "表式 `{}` 不能显示 `{}`",
                    "the layout `{}` cannot show `{}`",
                    t.kind,
                    t.key
                ),
                crate::say!(
                    "`kind: {}` 的 `key:` 只能写 {}",
                    "with `kind: {}` use `key:` {}",
                    t.kind,
                    keys.join(crate::messages::say(" 或 ", " or "))
                ),
            ));
        }
        if tables[..i].iter().any(|o| o.key == t.key) {
            return Err(at(
                format!("{at_field}[{i}].key"),
                crate::say!("表 `{}` 列了两次", "the table `{}` is listed twice", t.key),
                crate::say!("每张表只列一次：请删去重复的一项", "list each table once"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(name: &str) -> Loaded<Profile> {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap();
        parse::<Profile>(text, Path::new(name)).unwrap()
    }

    #[test]
    fn built_in_profiles_parse_validate_and_keep_their_tables() {
        for (name, _) in BUILT_IN {
            validate(&loaded(name)).unwrap_or_else(|p| panic!("{name}: {p}"));
        }
        let j = Profile::default_profile();
        assert_eq!(j.tables.len(), 13);
        assert_eq!(j.unit, MoneyUnit::TenThousandYuan);
        assert_eq!(j.tables[7].key(), "three_public");
        assert_eq!(j.number_label(13), "十三、");
        let p = Profile::built_in("putuo-9").unwrap();
        assert_eq!(p.tables.len(), 9);
        assert_eq!(p.unit, MoneyUnit::Yuan);
        assert_eq!(p.row_style, RowStyle::ClassSection);
        assert!(p.publishes("fund") && !p.publishes("projects"));
        assert_eq!(p.tables[8].unit, Some(MoneyUnit::TenThousandYuan));
        assert_eq!(p.tables[0].title(2025), "2025年部门财务收支预算总表");
        assert_eq!(p.table_id("general_basic").as_deref(), Some("table-08"));
        assert_eq!(p.number_label(4), "4. ");
        let n = p.narrative_shown(MoneyUnit::Yuan);
        assert!(n.converts() && n.unit() == "万元");
    }

    #[test]
    fn an_unknown_profile_says_which_exist() {
        let e = Profile::resolve(Path::new("/nonexistent"), Some("nowhere-1")).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("nowhere-1") && text.contains("jiyuan-13"),
            "{text}"
        );
    }

    #[test]
    fn a_site_profile_with_an_unknown_layout_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("profiles")).unwrap();
        let text = include_str!("../../profiles/putuo-9.yaml")
            .replace("kind: three_public_running", "kind: three_public_runing");
        std::fs::write(dir.path().join("profiles/mine.yaml"), &text).unwrap();
        let e = Profile::resolve(dir.path(), Some("mine")).unwrap_err();
        let line = text
            .lines()
            .position(|l| l.contains("three_public_runing"))
            .unwrap()
            + 1;
        assert_eq!(e.line, Some(line), "{e}");
        assert!(e.to_string().contains("three_public_running"), "{e}");
        let text = include_str!("../../profiles/putuo-9.yaml").replace(
            "key: fund, kind: functional",
            "key: general, kind: functional",
        );
        std::fs::write(dir.path().join("profiles/mine.yaml"), &text).unwrap();
        let e = Profile::resolve(dir.path(), Some("mine")).unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
    }
}
