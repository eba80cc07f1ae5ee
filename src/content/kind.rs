//! Kinds of disclosure: what a file under `content/` publishes.
//!
//! A department publishes its 部门预算 in spring, the 部门决算 of the year before in summer,
//! and, when its budget units keep their own budgets, one 单位预算 per unit. All share the
//! content folder: the kind is the folder a file sits in, so a clerk sees the kinds side by
//! side and keeps one file per department, year and kind:
//!
//! ```text
//! content/2024/finance.yaml          部门预算 (as always)
//! content/2024/决算/finance.yaml     部门决算 of 2024
//! content/2025/单位预算/commerce.yaml 单位预算 of the units of 2025
//! ```
//!
//! A region's profile lists the kinds it publishes (`kinds:`); a file of a kind the profile
//! does not list is refused with a hint, instead of being silently skipped.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// One kind of disclosure. Each kind brings its own facts, tables, checks and narrative
/// (`crate::final_accounts` for 部门决算); the loader and the site only ask the kind where
/// its files are and what it is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Kind {
    /// The department's budget: `content/<year>/<code>.yaml`.
    #[serde(rename = "部门预算")]
    Budget,
    /// The department's final accounts: `content/<year>/决算/<code>.yaml`.
    #[serde(rename = "部门决算")]
    FinalAccounts,
    /// The budgets of the department's units: `content/<year>/单位预算/<code>.yaml`.
    #[serde(rename = "单位预算")]
    UnitBudget,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Budget, Kind::FinalAccounts, Kind::UnitBudget];

    /// The name a clerk and a reader know it by.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Budget => "部门预算",
            Kind::FinalAccounts => "部门决算",
            Kind::UnitBudget => "单位预算",
        }
    }

    /// The folder under a year that holds this kind's files; none for the budget, whose
    /// files sit in the year folder itself, as they always have.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Budget => None,
            Kind::FinalAccounts => Some("决算"),
            Kind::UnitBudget => Some("单位预算"),
        }
    }

    /// The path segment of this kind's pages on the site (`2024/决算/finance/` would be an
    /// address with non-ASCII characters; `final` is safe in every server and link).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Budget => "budget",
            Kind::FinalAccounts => "final",
            Kind::UnitBudget => "unit",
        }
    }

    /// The kind a content file belongs to, from the folder it sits in:
    /// `content/2024/决算/finance.yaml` → 部门决算. `None` for a folder no kind uses.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let parent = path.parent()?.file_name()?.to_str()?;
        if crate::content::parse::is_year(parent) {
            return Some(Kind::Budget);
        }
        Kind::ALL.into_iter().find(|k| k.folder() == Some(parent))
    }

    /// The kinds a profile publishes when it does not say: the budget only.
    pub fn default_list() -> Vec<Kind> {
        vec![Kind::Budget]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_decides_the_kind() {
        assert_eq!(
            Kind::of_path(Path::new("content/2024/085.yaml")),
            Some(Kind::Budget)
        );
        assert_eq!(
            Kind::of_path(Path::new("content/2024/决算/finance.yaml")),
            Some(Kind::FinalAccounts)
        );
        assert_eq!(
            Kind::of_path(Path::new("content/2025/单位预算/commerce.yaml")),
            Some(Kind::UnitBudget)
        );
        assert_eq!(Kind::of_path(Path::new("content/2024/old/x.yaml")), None);
    }
}
