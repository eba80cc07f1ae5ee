//! What a 单位预算 adds to its department's facts: `content/<year>/单位预算/<code>.yaml`.
//!
//! A unit's money is the department's, narrowed to the lines that name the unit (a
//! department with one budgeted unit names none): the clerk never types a figure twice. This
//! file holds only what the department's file cannot say of a unit, and is needed only when
//! there is such a thing: the unit's own name, duties and offices, how its unsplit 基本支出
//! divides into 人员经费 and 公用经费 per 类, and — when several units keep budgets — the
//! figures the department's file gives for the whole department only.

use crate::content::model::{Assets, Correction, PreviousYear, Procurement, ProjectsWithTargets};
use crate::content::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFile {
    /// The department's code; the file is named after it, like the department's own file.
    pub code: String,
    pub year: u16,
    /// One entry per unit that needs one, by unit code.
    #[serde(default)]
    pub units: Vec<UnitFacts>,
}

/// What one unit's budget says that its department's facts do not. Everything is optional:
/// what is left out is the department's (for its only budgeted unit) or required with a
/// message saying so (when several units keep budgets).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFacts {
    /// The unit's code, as listed under the department's `units`.
    pub code: String,
    /// The name printed as 预算单位 and 编制单位. Default: the department's name for its only
    /// budgeted unit (普陀 prints its 商务委本部 as 「上海市普陀区商务委员会」), else the
    /// unit's name under `units`.
    #[serde(default)]
    pub name: Option<String>,
    /// `YYYY-MM-DD`; default the department's date.
    #[serde(default)]
    pub published: Option<String>,
    /// 单位主要职能: the paragraph before the duties, the sentence introducing them, and
    /// the duties. Default the department's, for its only budgeted unit.
    #[serde(default)]
    pub about: Option<String>,
    #[serde(default)]
    pub duties_intro: Option<String>,
    #[serde(default)]
    pub duties: Option<Vec<String>>,
    /// 单位机构设置: the unit's internal offices. Default the department's, for its only
    /// budgeted unit.
    #[serde(default)]
    pub offices: Option<Vec<String>>,
    /// 公用经费 per 功能分类 类 (`"201": "1,467,842.00"`), in the department file's unit, for
    /// the 类 whose lines enter 基本支出 unsplit (`basic:`). The rest of that 基本支出 is
    /// 人员经费. Lines entered as `wages` / `family` / `public` need nothing here.
    #[serde(default)]
    pub public_by_class: BTreeMap<String, Money>,
    /// Last year's figures and the reasons for each change; default the department's, for
    /// its only budgeted unit.
    #[serde(default)]
    pub previous_year: Option<PreviousYear>,
    /// 政府采购预算; default the department's, for its only budgeted unit.
    #[serde(default)]
    pub procurement: Option<Procurement>,
    /// 国有资产占有使用情况; default the department's, for its only budgeted unit.
    #[serde(default)]
    pub assets: Option<Assets>,
    /// 编报绩效目标的项目; default the department's, for its only budgeted unit.
    #[serde(default)]
    pub projects_with_targets: Option<ProjectsWithTargets>,
    /// Why a table of the unit is empty, by table key, beside or over the department's
    /// (which the unit's page says in its words, as the profile says: 本部门 → 本单位).
    #[serde(default)]
    pub empty_tables: BTreeMap<String, String>,
    /// Corrections to the unit's budget after publication, oldest first.
    #[serde(default)]
    pub corrections: Vec<Correction>,
}
