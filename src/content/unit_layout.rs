//! How a region lays out a 单位预算: the profile's `unit_budget:` section.
//!
//! A unit's budget shows the same money as its department's, narrowed to the unit, in a
//! layout of its own (普陀: 「预算单位财务收支预算总表」 splits each 类 into 人员经费, 公用经费
//! and 项目支出; 「编制单位」; 「本单位」). That layout is data beside the department's, so a
//! region writes it in YAML like the rest of its profile.

use crate::content::profile::TableEntry;
use serde::Deserialize;

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
