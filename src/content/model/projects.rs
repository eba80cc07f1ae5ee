//! The projects of a disclosure (项目支出) with their performance targets.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ProjectKind {
    #[serde(rename = "特定目标类")]
    Targeted,
    #[serde(rename = "其他运转类")]
    Running,
}

impl ProjectKind {
    pub fn label(self) -> &'static str {
        match self {
            ProjectKind::Targeted => "特定目标类",
            ProjectKind::Running => "其他运转类",
        }
    }
}

/// A project (项目), table 11 and table 13.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Project code, e.g. `"419001240000000006991"`.
    pub code: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub name: String,
    /// `特定目标类` or `其他运转类`.
    pub kind: ProjectKind,
    /// 本年拨款 · 一般公共预算.
    #[serde(default)]
    pub general: Money,
    /// 本年拨款 · 政府性基金预算.
    #[serde(default)]
    pub fund: Money,
    /// 本年拨款 · 国有资本经营预算.
    #[serde(default)]
    pub state_capital: Money,
    /// 上年结转结余, by fund.
    #[serde(default)]
    pub carryover: ProjectCarryover,
    /// 财政专户管理资金.
    #[serde(default)]
    pub special_account: Money,
    /// 单位资金.
    #[serde(default)]
    pub unit_funds: Money,
    /// Performance targets (table 13).
    #[serde(default)]
    pub targets: ProjectTargets,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectCarryover {
    #[serde(default)]
    pub general: Money,
    #[serde(default)]
    pub fund: Money,
    #[serde(default)]
    pub state_capital: Money,
}

/// 项目绩效目标: indicators grouped as the four columns of table 13.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTargets {
    /// 成本指标.
    #[serde(default)]
    pub cost: Vec<Indicator>,
    /// 产出指标.
    #[serde(default)]
    pub output: Vec<Indicator>,
    /// 效益指标.
    #[serde(default)]
    pub effect: Vec<Indicator>,
    /// 满意度指标.
    #[serde(default)]
    pub satisfaction: Vec<Indicator>,
}

/// One 三级指标 with its 指标值 (and, in table 12, 指标值说明).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A figure of the previous year and the reason the figure changed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Last year's figure as the document states it. Left out, it is taken from last year's
    /// file (`content/<year-1>/<code>.yaml`) when there is one, `basis` is 预算 and the
    /// narrative prints it; else 0. Written out as that amount (`0.00` when there is none),
    /// as it always was, so the JSON download and the frozen fingerprints of files that state
    /// it, or whose narrative does not print it, do not change.
    #[serde(default, serialize_with = "amount_or_zero")]
    pub amount: Option<Money>,
    /// What last year's figure is (预算 / 预算执行数 / 调整预算); 预算 when not given. The
    /// narrative names it (`{财政拨款收入上年口径}`: 「比2024年预算执行数增加」).
    #[serde(default, skip_serializing_if = "Basis::is_budget")]
    pub basis: Basis,
    /// 主要原因 of the change; leave out when nothing changed.
    #[serde(default)]
    pub reason: Option<String>,
}

fn amount_or_zero<S: serde::Serializer>(m: &Option<Money>, s: S) -> Result<S::Ok, S::Error> {
    m.unwrap_or_default().serialize(s)
}

impl Comparison {
    /// Last year's figure; 0 when neither stated nor taken from last year's file.
    pub fn amount(&self) -> Money {
        self.amount.unwrap_or_default()
    }
}

/// What a previous-year figure is. Regions compare with last year's budget or with what was
/// spent of it, sometimes both in one document (普陀 2025: income against 预算执行数,
/// expenditure against 预算).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Basis {
    /// Last year's budget as published: what last year's file holds.
    #[default]
    #[serde(rename = "预算")]
    Budget,
    /// 预算执行数: what was spent of last year's budget.
    #[serde(rename = "预算执行数")]
    Execution,
    /// 调整预算: last year's budget as adjusted during the year.
    #[serde(rename = "调整预算")]
    Adjusted,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Budget => "预算",
            Basis::Execution => "预算执行数",
            Basis::Adjusted => "调整预算",
        }
    }

    pub fn is_budget(&self) -> bool {
        *self == Basis::Budget
    }
}
