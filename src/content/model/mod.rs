//! The facts of one department-year disclosure, as entered in `content/<year>/<code>.yaml`.
//!
//! Every fact is entered once; every total, subtotal, rollup and percentage is computed in
//! `derive`. Unknown fields are rejected so that a typo never silently drops a figure.

use crate::content::money::Money;
pub use crate::content::unit::MoneyUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod carryover;
mod projects;
mod sections;
mod site;
pub use carryover::*;
pub use projects::*;
pub use sections::*;
pub use site::*;

/// One department's budget disclosure for one year.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// Department code, e.g. `"085"`. Becomes the page path `/<year>/<code>/`.
    pub code: String,
    pub name: String,
    pub year: u16,
    /// Unit the amounts in this file are written in: `万元` or `元`.
    pub money_unit: MoneyUnit,
    /// Date the disclosure was published, `YYYY-MM-DD`. Optional because some published
    /// disclosures (普陀 2025) carry no date; a missing date is left out rather than guessed.
    #[serde(default)]
    pub published: Option<String>,
    /// Budget units (预算单位) making up the department; at least one.
    pub units: Vec<BudgetUnit>,
    /// `true` when the department publishes department totals only (a 街道 with six units,
    /// every table at department level): lines then name no unit, and no table, download or
    /// sentence attributes money to a unit. See `docs/format.md`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub department_totals_only: bool,
    /// Whether the amounts are exact or rounded from a finer unit; by default 元 amounts are
    /// exact and 万元 amounts rounded (see [`Exactness`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Exactness>,
    /// 机关运行经费 as published, for a department whose facts are not split by unit, so
    /// that gongkai cannot tell the 公用经费 of its 行政 and 参公 units from the others'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_costs: Option<Money>,
    pub overview: Overview,
    /// Income by budget unit and source (tables 1, 2, 4).
    pub income: Vec<IncomeLine>,
    /// Expenditure by 功能分类 项, source and component (tables 1, 3, 4, 5, 9, 10).
    pub expenditure: Vec<FunctionalLine>,
    /// Expenditure by 经济分类 款, source and component (tables 6, 7, 8).
    #[serde(default)]
    pub economic: Vec<EconomicLine>,
    /// Projects with their amounts and performance targets (tables 11, 13).
    #[serde(default)]
    pub projects: Vec<Project>,
    /// 编报绩效目标的项目: how many and how much, for disclosures that do not list their
    /// projects one by one (普陀). When `projects` lists them, both figures are computed from
    /// that list instead, and this must be left out.
    #[serde(default)]
    pub projects_with_targets: Option<ProjectsWithTargets>,
    /// 项目经费情况说明: descriptions of selected projects, each with its own budget lines.
    /// Separate from `projects` because a region may describe a few projects without
    /// publishing the project table, so these need neither code nor kind.
    #[serde(default)]
    pub project_descriptions: Vec<ProjectDescription>,
    /// Names of 类 (3-digit) and 类+款 (5-digit) codes as this disclosure prints them in
    /// subtotal rows and in the narrative, e.g. `"201": 一般公共服务支出`, `"20113": 商贸事务`.
    /// Kept per file because the national names change between years and a published year
    /// must not change when a later year renames a code. A 类 not listed here falls back to
    /// the names gongkai knows (`codes.rs`).
    #[serde(default, deserialize_with = "unique_keys")]
    pub subject_names: BTreeMap<String, String>,
    /// 年终结转结余 (table 1, table 4). Usually zero in a budget.
    #[serde(default)]
    pub year_end_balance: Money,
    /// The figures of the previous year and the reasons for each change.
    pub previous_year: PreviousYear,
    /// Free-text parts of the narrative (第二部分).
    pub narrative: Narrative,
    /// 政府采购预算.
    pub procurement: Procurement,
    /// 国有资产占用情况.
    pub assets: Assets,
    /// 部门（单位）整体绩效目标 (table 12). Absent in formats without that table.
    #[serde(default)]
    pub performance: DepartmentPerformance,
    /// Why a table has no data, by table id (e.g. `state_capital`). Required for every empty table.
    #[serde(default, deserialize_with = "unique_keys")]
    pub empty_tables: BTreeMap<String, String>,
    /// Corrections published after the disclosure (更正说明), oldest first. A frozen year's
    /// figures may only change together with a new entry here.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// The department's own text of narrative sections, by section id, in the reference
    /// language (`{支出总计}`); a section not given keeps the profile's default text.
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub prose: BTreeMap<String, String>,
    /// Named figures no table carries, quoted in `prose` by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, ExtraFact>,
    /// 公用经费 by 功能分类 类, for a 单位预算 only: its first table splits each 类's 基本支出
    /// into 人员经费 and 公用经费, which lines entered as unsplit `basic` do not say. Set from
    /// the unit file (`public_by_class`), never read from a department file.
    #[serde(
        default,
        skip_deserializing,
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub class_public: BTreeMap<String, Money>,
}

/// A map keyed by codes, refusing a key given twice. serde refuses a repeated struct field
/// but lets a map keep the last value silently; a repeated code is a copy-and-paste slip
/// whose other value would be lost without a word.
fn unique_keys<'de, D>(de: D) -> Result<BTreeMap<String, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of codes to texts")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry::<String, String>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    de.deserialize_map(Unique)
}

/// A published correction: when and what was corrected.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// What changed and why, as shown on the page and in the feed.
    pub text: String,
}

/// A figure a department enters because no table carries it (「预留给中小企业」), quoted in
/// its text by name and published in the JSON download.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraFact {
    /// An amount, in the file's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// A count (单位、项目、人).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetUnit {
    /// Unit code, e.g. `"085001"`.
    pub code: String,
    pub name: String,
    /// 行政单位 / 事业单位 / 参照公务员法管理的事业单位; the narrative counts units by kind
    /// (「行政单位1家，事业单位1家」).
    #[serde(default)]
    pub kind: Option<UnitKind>,
    /// `false` for a unit that is part of the department but 不单列预算: its money is in
    /// another unit's budget, so no income, expenditure or project line may name it.
    #[serde(default = "yes")]
    pub separate_budget: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum UnitKind {
    #[serde(rename = "行政单位")]
    Administrative,
    #[serde(rename = "事业单位")]
    Institution,
    #[serde(rename = "参照公务员法管理的事业单位")]
    CivilServiceInstitution,
    /// Enterprises and anything else a department lists (rare).
    #[serde(rename = "其他")]
    Other,
}

/// Whether a file's amounts are exact or were rounded per cell from a finer unit.
///
/// A 元 disclosure with fen (91,016,775.35) is exact: its identities hold to the fen, and a
/// difference of 0.09元 is a typo. A 万元 disclosure transcribed from a 元 system is rounded
/// cell by cell, so its sums may differ from their parts by half a cent per rounded part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exactness {
    Exact,
    Rounded,
}

impl Disclosure {
    /// Whether the amounts are exact: as `amounts` says, else exact when written in 元.
    pub fn exact(&self) -> bool {
        match self.amounts {
            Some(e) => e == Exactness::Exact,
            None => self.money_unit == MoneyUnit::Yuan,
        }
    }
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Administrative => "行政单位",
            UnitKind::Institution => "事业单位",
            UnitKind::CivilServiceInstitution => "参照公务员法管理的事业单位",
            UnitKind::Other => "其他",
        }
    }

    /// 行政单位 and 参公单位: the units whose 公用经费 is 机关运行经费 by its definition
    /// (「行政单位和参照公务员法管理的事业单位…日常公用经费支出」).
    pub fn runs_as_organ(self) -> bool {
        matches!(
            self,
            UnitKind::Administrative | UnitKind::CivilServiceInstitution
        )
    }
}

impl Disclosure {
    /// The units that have a budget of their own; lines without `unit` belong to the only one.
    pub fn budgeted_units(&self) -> impl Iterator<Item = &BudgetUnit> {
        self.units.iter().filter(|u| u.separate_budget)
    }
}

/// 第一部分 部门概况.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// A paragraph on what the department is, before the duties (普陀: 「…是主管全区产业经济的
    /// 区政府工作部门，为正处级，…」).
    #[serde(default)]
    pub about: Option<String>,
    /// Sentence introducing the duties, e.g. `…部门的主要职责是：`.
    pub duties_intro: String,
    /// 主要职责, one entry per numbered duty (numbering is added).
    pub duties: Vec<String>,
    /// How the duties are numbered when the department's document differs from the profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties_numbering: Option<crate::content::numbering::NumberStyle>,
    /// How the glossary is numbered, laid out, and the items of lists end, when the
    /// department's document differs from the profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glossary_numbering: Option<crate::content::numbering::NumberStyle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glossary_layout: Option<crate::content::layout::GlossaryLayout>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_punctuation: Option<crate::content::layout::ListPunctuation>,
    /// 内设机构 (internal offices).
    #[serde(default)]
    pub offices: Vec<String>,
    /// The sentence on the budget's composition, e.g. `本预算为汇总预算，…`.
    pub composition: String,
}

/// Income of one budget unit, by source. Absent sources are zero.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeLine {
    /// Budget unit code; may be left out when the department has one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// 一般公共预算: 财政拨款.
    #[serde(default)]
    pub appropriation: Money,
    /// 一般公共预算: 专项收入.
    #[serde(default)]
    pub special_revenue: Money,
    /// 一般公共预算: 其他一般公共预算资金.
    #[serde(default)]
    pub other_general: Money,
    /// 一般公共预算: 上级提前下达.
    #[serde(default)]
    pub general_advance: Money,
    /// 一般公共预算: 一般债券.
    #[serde(default)]
    pub general_bond: Money,
    /// 政府性基金预算拨款: 政府性基金预算资金.
    #[serde(default)]
    pub fund: Money,
    /// 政府性基金预算拨款: 上级提前下达.
    #[serde(default)]
    pub fund_advance: Money,
    /// 政府性基金预算拨款: 专项债券.
    #[serde(default)]
    pub fund_bond: Money,
    /// 国有资本经营预算拨款收入.
    #[serde(default)]
    pub state_capital: Money,
    /// 财政专户管理资金收入.
    #[serde(default)]
    pub special_account: Money,
    /// 事业收入.
    #[serde(default)]
    pub business: Money,
    /// 事业单位经营收入.
    #[serde(default)]
    pub operating: Money,
    /// 上级补助收入.
    #[serde(default)]
    pub superior: Money,
    /// 附属单位上缴收入.
    #[serde(default)]
    pub affiliated: Money,
    /// 其他收入.
    #[serde(default)]
    pub other: Money,
    /// 上年结转结余, by fund.
    #[serde(default)]
    pub carryover: Carryover,
}

/// 上年结转结余 by fund (table 2's right-hand columns).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Carryover {
    #[serde(default)]
    pub general: Money,
    #[serde(default)]
    pub fund: Money,
    #[serde(default)]
    pub state_capital: Money,
    #[serde(default)]
    pub special_account: Money,
    /// 单位资金.
    #[serde(default)]
    pub unit_funds: Money,
}

/// Expenditure of one 功能分类 项 in one unit, split by source and component.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionalLine {
    /// Seven digits: 类 (3) + 款 (2) + 项 (2), e.g. `"2011350"`.
    pub code: String,
    /// Name of the 项, e.g. `事业运行`.
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    /// What the money of this 项 is for, as the 编制说明 words it after the amount
    /// (普陀: 「主要用于机关行政运行和机关人员经费支出」), without the final 「。」.
    #[serde(default)]
    pub purpose: Option<String>,
    /// 一般公共预算 (财政拨款).
    #[serde(default)]
    pub general: Components,
    /// 政府性基金预算.
    #[serde(default)]
    pub fund: Components,
    /// 国有资本经营预算.
    #[serde(default)]
    pub state_capital: Components,
    /// 上年结转结余 spent this year: components (`{ targeted: 10 }`), or components by the
    /// fund it was carried over in (`{ general: { targeted: 10 } }`), which table 4 needs.
    #[serde(default)]
    pub carryover: SpentCarryover,
    /// 财政专户管理资金.
    #[serde(default)]
    pub special_account: Components,
    /// 事业收入.
    #[serde(default)]
    pub business: Components,
    /// 事业单位经营收入.
    #[serde(default)]
    pub operating: Components,
    /// 上级补助收入.
    #[serde(default)]
    pub superior: Components,
    /// 附属单位上缴收入.
    #[serde(default)]
    pub affiliated: Components,
    /// 其他收入.
    #[serde(default)]
    pub other: Components,
}

/// The components of functional expenditure (table 3's columns).
///
/// Regions that publish 基本支出 and 项目支出 per 项 without splitting them further (普陀)
/// enter `basic` and `project`; regions that split them (济源) enter the five parts. A line may
/// not need both styles, but nothing breaks if it has them: every total adds all fields.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Components {
    /// 基本支出 · 人员经费 · 工资福利支出.
    #[serde(default)]
    pub wages: Money,
    /// 基本支出 · 人员经费 · 对个人和家庭的补助.
    #[serde(default)]
    pub family: Money,
    /// 基本支出 · 公用经费.
    #[serde(default)]
    pub public: Money,
    /// 项目支出 · 其他运转类.
    #[serde(default)]
    pub running: Money,
    /// 项目支出 · 特定目标类.
    #[serde(default)]
    pub targeted: Money,
    /// 基本支出 not split into 人员经费 / 公用经费 by the publisher.
    #[serde(default, rename = "basic")]
    pub unsplit_basic: Money,
    /// 项目支出 not split into 其他运转类 / 特定目标类 by the publisher.
    #[serde(default, rename = "project")]
    pub unsplit_project: Money,
}

/// Expenditure of one 部门预算经济分类 款, split by source and component.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EconomicLine {
    /// Five digits: 类 (3) + 款 (2), e.g. `"30101"`.
    pub code: String,
    /// Name of the 款, e.g. `基本工资`.
    pub name: String,
    /// 政府预算支出经济分类 code, five digits, e.g. `"50501"`. Optional because some formats
    /// (普陀) publish only the 部门预算 classification, and one 部门 code can map to different
    /// 政府 codes for 行政 and 事业 units, so it cannot be filled in for them.
    #[serde(default)]
    pub gov_code: Option<String>,
    /// Its name; may be left out when gongkai knows the code.
    #[serde(default)]
    pub gov_name: Option<String>,
    /// The budget unit the money belongs to. Only a 单位预算 needs it, and only when several
    /// units have a budget of their own: the department's tables sum over units anyway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 一般公共预算 (财政拨款).
    #[serde(default)]
    pub general: EconomicComponents,
    /// 政府性基金预算.
    #[serde(default)]
    pub fund: EconomicComponents,
    /// 国有资本经营预算.
    #[serde(default)]
    pub state_capital: EconomicComponents,
    /// 上年结转结余 spent this year.
    #[serde(default)]
    pub carryover: EconomicComponents,
    /// 财政专户管理资金.
    #[serde(default)]
    pub special_account: EconomicComponents,
    /// 事业收入.
    #[serde(default)]
    pub business: EconomicComponents,
    /// 事业单位经营收入.
    #[serde(default)]
    pub operating: EconomicComponents,
    /// 上级补助收入.
    #[serde(default)]
    pub superior: EconomicComponents,
    /// 附属单位上缴收入.
    #[serde(default)]
    pub affiliated: EconomicComponents,
    /// 其他收入.
    #[serde(default)]
    pub other: EconomicComponents,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EconomicComponents {
    /// 基本支出 · 人员经费.
    #[serde(default)]
    pub personnel: Money,
    /// 基本支出 · 公用经费.
    #[serde(default)]
    pub public: Money,
    /// 项目支出.
    #[serde(default)]
    pub project: Money,
}
