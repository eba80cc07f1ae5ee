//! Region profiles: which tables a region publishes, in which order, under which titles, in
//! which unit and row style, and with which narrative template.
//!
//! Regions publish the same money in different formats (济源: 13 tables in 万元; 普陀: 9 tables
//! in 元 with 类/款 subtotal rows). The facts stay region-neutral; a profile is data, so a
//! bureau picks or writes one in YAML instead of forking gongkai. Table builders remain Rust
//! functions, keyed by the `kind` a profile lists.

use crate::load::{Loaded, parse};
use crate::model::MoneyUnit;
use crate::problem::Problem;
use serde::Deserialize;
use std::path::Path;

/// The profile a site uses when `site.yaml` names none.
pub const DEFAULT: &str = "jiyuan-13";

/// Profiles built into the binary; `ROOT/profiles/<name>.yaml` overrides one or adds another.
const BUILT_IN: &[(&str, &str)] = &[
    ("jiyuan-13", include_str!("../profiles/jiyuan-13.yaml")),
    ("putuo-9", include_str!("../profiles/putuo-9.yaml")),
];

/// How the functional tables group their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStyle {
    /// One row per 项 (济源).
    Items,
    /// 类 and 款 subtotal rows above their 项 (普陀).
    ClassSection,
}

/// One published table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableEntry {
    /// The builder, e.g. `functional`-style `general` or `three_public_running`.
    pub kind: String,
    /// The name `empty_tables` uses for this table; the kind when not given.
    #[serde(default)]
    pub key: Option<String>,
    /// The title; `{year}` is replaced by the disclosure's year.
    pub title: String,
    /// The unit shown when it differs from the profile's (普陀 table 9 is in 万元).
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// Notes printed under the table.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl TableEntry {
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or(&self.kind)
    }

    pub fn title(&self, year: u16) -> String {
        self.title.replace("{year}", &year.to_string())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    /// The unit the tables show; amounts are converted exactly from the file's unit.
    pub unit: MoneyUnit,
    pub row_style: RowStyle,
    /// The template of the narrative, e.g. `narrative.html`.
    pub narrative_template: String,
    /// The published tables in publication order; a table's number is its position + 1.
    pub tables: Vec<TableEntry>,
}

impl Profile {
    /// The table published under `key`, if the profile publishes it.
    pub fn table(&self, key: &str) -> Option<&TableEntry> {
        self.tables.iter().find(|t| t.key() == key)
    }

    /// Whether the narrative is the 13-table one (济源), whose comparisons and texts (十(四),
    /// 十(六)) some checks ask for.
    pub fn narrative_is_default(&self) -> bool {
        self.narrative_template == "narrative.html"
    }

    pub fn publishes(&self, key: &str) -> bool {
        self.table(key).is_some()
    }

    /// The default 13-table profile; it is built in, so this cannot fail.
    pub fn default_profile() -> Profile {
        Profile::built_in(DEFAULT).expect("the built-in default profile parses")
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
            let loaded: Loaded<Profile> = crate::load::read_and_parse(&file, &file)?;
            return Ok(loaded.data);
        }
        Profile::built_in(name).ok_or_else(|| {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            Problem::new(
                root.join("content/site.yaml"),
                format!("unknown profile `{name}`"),
            )
            .hint(format!(
                "use one of the built-in profiles ({}) or add {}",
                names.join(", "),
                file.display()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_parse_and_keep_their_tables() {
        let j = Profile::default_profile();
        assert_eq!(j.tables.len(), 13);
        assert_eq!(j.unit, MoneyUnit::TenThousandYuan);
        assert_eq!(j.tables[7].key(), "three_public");
        let p = Profile::built_in("putuo-9").unwrap();
        assert_eq!(p.tables.len(), 9);
        assert_eq!(p.unit, MoneyUnit::Yuan);
        assert_eq!(p.row_style, RowStyle::ClassSection);
        assert!(p.publishes("fund") && !p.publishes("projects"));
        assert_eq!(p.tables[8].unit, Some(MoneyUnit::TenThousandYuan));
        assert_eq!(p.tables[0].title(2025), "2025年部门财务收支预算总表");
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
}
